"""Site-level boilerplate: paragraphs a site repeats verbatim across its pages.

Some furniture lives inside the article body and looks like prose on any single page ("Follow the
latest developments in our live blog", a newsletter prompt, a standard credit line): only seeing
several pages of the same site shows that it is not part of any one article. ``SiteBoilerplate``
removes such paragraphs.

Rules (deterministic; the same pages in the same chunks give the same output):

- Paragraphs are compared verbatim after whitespace normalisation (NFC, runs of whitespace -> one
  space), per site (``Extraction.site``). Pages without a site are never compared.
- A paragraph is boilerplate when it occurs on at least two *different* pages of the site. Two
  pages are different when they differ both in address (canonical URL, else URL; a page with
  neither is identified by its text) and in body text: a re-crawl of one address or a mirror of one
  text is the same page seen twice, and must not turn the whole article into "boilerplate".
- A paragraph that occurs on only one page is never dropped.
- Near-duplicates are left alone: when the repeated paragraphs would take more than
  ``max_removed_share`` of a page's body (an AMP copy, a lightly edited re-publication), the page is
  kept whole and a warning says why, because removing them would delete the article itself.
- Streaming: ``clean()`` is called chunk after chunk. Within a chunk, all pages are compared with
  each other. Across chunks, a bounded LRU memory of (site, paragraph fingerprint) keeps where each
  paragraph was first seen, so a later page also loses a paragraph that was repeated before, and a
  paragraph seen once in an earlier chunk that repeats in a later one is dropped from the later
  page. Earlier pages cannot be revised: they were already returned. This is the one difference
  from processing the whole set as one chunk; use one chunk when the set fits in memory.
- Memory is bounded by ``max_entries`` fingerprints (8-byte hashes) over all sites; the least
  recently seen are forgotten first.

No minimum paragraph length: short repeated lines ("Photo: archive", "Advertisement", a credit
line) are the commonest boilerplate of all, and the two-different-pages rule already protects
short article paragraphs that happen to occur once.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import unicodedata
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # extract.py re-exports SiteBoilerplate, so no runtime import back into it
    from normalizer.extract import Extraction

_WHITESPACE = re.compile(r"\s+")

Fingerprint = bytes
SiteParagraph = tuple[str, Fingerprint]


@dataclass(frozen=True)
class _PageKey:
    """What tells two pages apart: their address and their text (both must differ)."""

    address: str
    text: bytes


_REPEATED = object()  # memory value once a paragraph has been seen on two different pages


class SiteBoilerplate:
    """Cross-page, per-site removal of repeated paragraphs; see the module docstring for the rules."""

    def __init__(self, max_entries: int = 200_000, max_removed_share: float = 0.6) -> None:
        if max_entries < 1:
            raise ValueError("max_entries must be at least 1")
        self.max_entries = max_entries
        self.max_removed_share = max_removed_share
        self._memory: OrderedDict[SiteParagraph, object] = OrderedDict()

    def __len__(self) -> int:
        """How many (site, paragraph) fingerprints are remembered (at most ``max_entries``)."""
        return len(self._memory)

    def clean(self, pages: Sequence[Extraction]) -> list[Extraction]:
        """Return the pages (same order, new objects) with site boilerplate paragraphs removed."""
        keys = [_page_key(page) for page in pages]
        fingerprints = [[_fingerprint(p) for p in page.paragraphs] for page in pages]

        seen_on: dict[SiteParagraph, list[_PageKey]] = {}
        for page, key, prints in zip(pages, keys, fingerprints):
            if not page.site:
                continue
            for fp in set(prints):
                seen_on.setdefault((page.site, fp), []).append(key)

        repeated = {entry for entry, where in seen_on.items() if self._is_repeated(entry, where)}
        cleaned = [
            self._clean_page(page, prints, repeated) if page.site else page
            for page, prints in zip(pages, fingerprints)
        ]
        self._remember(seen_on, repeated)
        return cleaned

    def _is_repeated(self, entry: SiteParagraph, where: list[_PageKey]) -> bool:
        before = self._memory.get(entry)
        if before is _REPEATED:
            return True
        if isinstance(before, _PageKey):
            where = [before, *where]
        return _two_different_pages(where)

    def _clean_page(self, page: Extraction, prints: list[Fingerprint], repeated: set[SiteParagraph]) -> Extraction:
        paragraphs = page.paragraphs
        keep = [(page.site, fp) not in repeated for fp in prints]
        if all(keep):
            return page
        removed_chars = sum(len(p) for p, k in zip(paragraphs, keep) if not k)
        total_chars = sum(len(p) for p in paragraphs)
        if removed_chars > self.max_removed_share * total_chars:
            warning = (
                f"shares most of its text with another page of {page.site} (near-duplicate?); "
                "site boilerplate not removed"
            )
            return dataclasses.replace(page, warnings=[*page.warnings, warning])
        removed = keep.count(False)
        warning = f"removed {removed} paragraph(s) repeated on other pages of {page.site}"
        text = "\n\n".join(p for p, k in zip(paragraphs, keep) if k)
        return dataclasses.replace(page, text=text, warnings=[*page.warnings, warning])

    def _remember(self, seen_on: dict[SiteParagraph, list[_PageKey]], repeated: set[SiteParagraph]) -> None:
        for entry in sorted(seen_on):
            if entry in repeated:
                self._memory[entry] = _REPEATED
            elif entry not in self._memory:
                self._memory[entry] = seen_on[entry][0]
            self._memory.move_to_end(entry)
        while len(self._memory) > self.max_entries:
            self._memory.popitem(last=False)


def _two_different_pages(where: list[_PageKey]) -> bool:
    """Whether some two of these pages differ in both address and text. That holds exactly when
    there are at least two addresses and at least two texts among them (if x=(a1,t1) has no such
    partner, every page shares a1 or t1 with it, and a page (a2,t1) and a page (a1,t2) differ in
    both), which keeps the test linear in the number of pages."""
    return len({key.address for key in where}) > 1 and len({key.text for key in where}) > 1


def _page_key(page: Extraction) -> _PageKey:
    text = _fingerprint(page.text)
    address = page.canonical_url or page.url or f"text:{text.hex()}"
    return _PageKey(address=address, text=text)


def _fingerprint(paragraph: str) -> Fingerprint:
    return hashlib.blake2b(_normalise(paragraph).encode("utf-8", "surrogatepass"), digest_size=8).digest()


def _normalise(text: str) -> str:
    return _WHITESPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()
