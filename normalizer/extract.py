"""Extraction: an outlet's HTML page (bytes in any encoding, or text) -> clean body text + metadata.

The first stage of the pipeline. Everything later (language, translation, names, merging) reads
the body text, so this stage errs on the side of precision for page furniture (menus, cookie
notices, comments, "read also" lists) without losing article paragraphs.

Division of labour:
- bytes are decoded like a browser would (``normalizer.decode``), within size bounds;
- trafilatura finds the main text and most metadata (title, authors, site name, description);
- facts the page states in its markup (language, canonical URL, published time-stamp, article
  or listing, paywall) are read by ``normalizer.page_facts``;
- the body is assembled here: one paragraph per block, lists kept together, the repeated
  headline dropped, the standfirst put back when trafilatura skipped the article header, and the
  whole text replaced by ``normalizer.densest`` when trafilatura returned a dump of a layout it
  did not recognise; pages that are not articles get an empty body and a warning;
- ``normalizer.textclean`` repairs mojibake (ftfy) and normalises characters without touching
  letters;
- paragraphs that only show up as furniture across several pages of a site are removed later,
  over a batch, by ``SiteBoilerplate`` (``normalizer.boilerplate``, re-exported here).

``extract()`` never raises for bad input: a page that cannot be processed comes back with
``error`` set and an empty body; a degraded page carries ``warnings``.
"""

from __future__ import annotations

import html as html_lib
import logging
import re
from collections.abc import Sequence
from copy import copy
from dataclasses import dataclass, field
from functools import cache
from typing import Any
from urllib.parse import urljoin, urlsplit

from normalizer.boilerplate import SiteBoilerplate
from normalizer.decode import decode_html
from normalizer.densest import densest_prose
from normalizer.page_facts import (
    HeadFacts,
    iso_date,
    read_head_facts,
)
from normalizer.textclean import clean_inline, clean_text

__all__ = ["Extraction", "SiteBoilerplate", "extract"]

_LOGGER = logging.getLogger(__name__)

# Bounds on the work per page. trafilatura's time grows faster than linearly with the number of
# elements (its jusText fallback is quadratic in paragraphs: a page of 12,000 paragraphs takes
# 45 s in plain trafilatura), so a page is bounded three ways:
# - characters: beyond MAX_HTML_CHARS, <script>/<style> bodies (where the size of modern pages
#   comes from) are dropped, JSON-LD kept, and what is still too long is truncated;
# - tags: beyond MAX_TAGS the markup is truncated (real article pages have a few thousand);
# - beyond FAST_MODE_TAGS, trafilatura runs without its readability/jusText fallbacks.
# Measured worst case with these bounds: about 2 s for a page at both limits.
MAX_HTML_CHARS = 2_000_000
MAX_TAGS = 30_000
FAST_MODE_TAGS = 8_000
# A first-pass body shorter than this gets trafilatura's readability/jusText second opinion.
SECOND_OPINION_CHARS = 1_500
# Bytes decoded at most (a memory bound: scripts are only dropped after decoding, so a page whose
# size is mostly inline script still keeps its article), and the most a compressed input is
# inflated to (decompression bombs).
MAX_INPUT_BYTES = 32_000_000
MAX_INFLATED_BYTES = 32_000_000
# The part of a page searched for <head> facts and for signs that the input is HTML at all.
HEAD_WINDOW = 300_000

# Trafilatura settings, chosen by measuring on samples/ (benchmarks/extraction.py and the variants
# listed in the closing note of issue 4):
# - metadata: title, authors, site name and description come from trafilatura's metadata steps
#   (OpenGraph, JSON-LD, <title>, bylines), which are well tested on real outlets; they are run
#   once per page by page_metadata, on the tree the extraction passes are given (the page is
#   parsed once), not inside each pass;
# - include_comments=False: reader comments are not the article and would pollute every later stage;
# - include_tables=False: on table-layout sites trafilatura otherwise returns the whole layout
#   table (menus, tickers, footer) as "content" (26 of 515 boilerplate strings leaked on samples
#   with tables on, 0 with them off); without tables such pages come out as an obvious
#   page dump that the densest-prose fallback below replaces. Data tables are rare in news and
#   carry little prose for the later stages;
# - balanced mode (neither favor_precision nor favor_recall). On samples, with the steps below:
#   favor_recall leaks "related" headlines (3 of 515 boilerplate strings); favor_precision and
#   balanced both find all 140 must-appear sentences with no leak, but trafilatura alone in
#   precision mode drops whole legacy-layout articles (128/140 before the fallback existed), and
#   balanced mode keeps trafilatura's own readability/jusText comparison, which rescues pages its
#   main extractor misjudges: coverage matters more than a few ms for unknown real pages;
# - but that comparison is run as a second opinion only: a first pass runs in trafilatura's fast
#   mode, and the full comparison runs when that body is missing, short (< SECOND_OPINION_CHARS)
#   or a page dump, which is how an under-read page shows. On samples the fast pass alone gives
#   the same bodies (140/140 sentences found, 0/515 boilerplate leaked) at 0.93x plain
#   trafilatura's median time, against ~1.1-1.3x with the comparison on every page. The second
#   pass is not asked on pages marked up as listings, whose body is dropped whatever it is, nor
#   on page dumps where the densest-prose fallback finds the article (table layouts, which
#   readability and jusText do not read either: on samples their full pass returns the same dump);
# - date: htmldate only as a fallback (the page's own published time-stamp is read first, and
#   when there is one htmldate is not asked), and without the slow extensive search, which
#   guesses from free text.
TRAFILATURA_OPTIONS: dict[str, Any] = {
    "include_comments": False,
    "include_tables": False,
    "include_images": False,
    "include_links": False,
    "date_extraction_params": {"original_date": True, "extensive_search": False},
}

# Below this many characters of body, a page needs positive evidence of being an article (og:type
# article, JSON-LD Article, a published time-stamp) to be believed: error pages and section fronts
# leave a sentence or two of text, while real articles, even briefs, are longer or marked up.
MIN_UNMARKED_ARTICLE_CHARS = 500
# A paywalled page with less body than this is a teaser stub, not the article.
MAX_PAYWALL_STUB_CHARS = 1000

NO_ARTICLE_WARNING = "no article text found on the page"
FALLBACK_WARNING = "page layout not recognised by trafilatura; body taken from the block with the most prose"
# trafilatura's output is a dump of the whole page (menus, tickers, footers) when at least this
# share of its lines are single words or separators; on article pages it finds, the share is ~0.
PAGE_DUMP_SHARE = 0.3
PAGE_DUMP_MIN_LINES = 10


@dataclass
class Extraction:
    """What the extract stage knows about one page."""

    url: str | None = None  # the given url, else the canonical/og:url found in the page
    site: str | None = None  # host of url without "www.", else og:site_name
    site_name: str | None = None  # human name of the outlet ("Cotidianul Nou")
    title: str | None = None
    text: str = ""  # body: paragraphs separated by one blank line; "" when there is no article
    authors: list[str] = field(default_factory=list)
    published: str | None = None  # ISO 8601 date or date-time, as precise as the page gives it
    description: str | None = None
    canonical_url: str | None = None
    html_lang: str | None = None  # ISO 639-1 from <html lang>, og:locale or content-language
    encoding: str | None = None  # codec the bytes were decoded with (None for str input)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None  # set, with a reason, when the input could not be processed

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.text.split("\n\n") if p]

    def as_text(self) -> str:
        """A human-readable view: error and warnings, "# title", then the body."""
        lines = [f"error: {self.error}"] if self.error else []
        lines += [f"warning: {warning}" for warning in self.warnings]
        if self.title:
            lines.append(f"# {self.title}")
        if self.text:
            lines += ["", self.text]
        return "\n".join(lines)


def extract(html: str | bytes, url: str | None = None) -> Extraction:
    """Extract body text and metadata from one page; never raises for bad input."""
    result = Extraction(url=url or None, site=site_of(url))
    try:
        _extract_into(result, html)
    except (MemoryError, RecursionError) as exc:
        result.text = ""
        result.error = f"page could not be processed ({type(exc).__name__}): it is too large or too deeply nested"
    except Exception as exc:  # noqa: BLE001 - a parser failing on hostile input must not stop a batch
        result.text = ""
        result.error = f"internal error while extracting ({type(exc).__name__}: {exc})"
    return result


def _extract_into(result: Extraction, html: str | bytes) -> None:
    if not isinstance(html, (str, bytes, bytearray)):
        result.error = f"expected HTML as str or bytes, got {type(html).__name__}"
        return
    text = _to_text(result, bytes(html) if isinstance(html, bytearray) else html)
    if text is None:
        return
    if len(text) > MAX_HTML_CHARS:
        text = _shrink(text, result.warnings)
    tags = text.count("<")
    if tags > MAX_TAGS:
        text = _cut_after_tags(text, MAX_TAGS)
        result.warnings.append(f"page with about {tags} tags truncated after the first {MAX_TAGS}")
    head = text[:HEAD_WINDOW]
    if not _HTML_TAG.search(head):
        result.error = f"input is not HTML (no HTML tags found; starts with {_preview(text)})"
        return

    facts = read_head_facts(head)
    result.html_lang = facts.lang
    result.canonical_url = _absolute(facts.canonical, result.url)
    result.url = result.url or result.canonical_url
    result.site = result.site or site_of(result.url)
    published = facts.published

    tree = _parse(_as_document(text))
    document = _run_trafilatura(tree, result.url, fast=True)
    raw = (document.text or "") if document is not None else ""
    # A page marked up as a listing loses its body whatever is found (see not_an_article).
    listing = facts.is_listing and not facts.is_article
    # A page dump is a layout trafilatura does not read (see normalizer.densest): the densest
    # prose block is tried first, and the full pass only when there is none.
    fallback = densest_prose(text) if looks_like_page_dump(raw) else None
    if not fallback and tags <= FAST_MODE_TAGS and not listing and _wants_second_opinion(document):
        document = _run_trafilatura(tree, result.url, fast=False)
        raw = (document.text or "") if document is not None else ""
    if tree is not None:
        metadata = page_metadata(tree, result.url, search_date=not published)
        result.title = _repaired_raw_title(facts) or clean_inline(metadata.title)
        result.authors = split_authors(metadata.author)
        result.site_name = clean_inline(facts.site_name or metadata.sitename)
        result.description = clean_inline(metadata.description)
        published = published or iso_date(metadata.date)
    if fallback or not raw.strip() or looks_like_page_dump(raw):
        fallback = densest_prose(text) if fallback is None else fallback
        if fallback:
            raw = "\n".join(fallback)
            result.warnings.append(FALLBACK_WARNING)
    result.title = result.title or clean_inline(facts.title)
    descriptions = [d for d in (result.description, *facts.descriptions) if d]
    result.text = body_text(raw, result.title, descriptions, text)
    result.site_name = result.site_name or clean_inline(facts.site_name)
    result.site = result.site or result.site_name
    result.published = published or facts.time_element
    reason = not_an_article(facts, result.text)
    if reason:
        result.text = ""
        result.warnings.append(reason)


def _repaired_raw_title(facts: HeadFacts) -> str | None:
    """The page's own title, repaired, when it carries C1 control characters: the mark of UTF-8
    read as latin-1 ("keÅ\x9ffedildi"). trafilatura strips control characters from the title,
    which leaves "keÅfedildi" beyond ftfy's reach, so the repair works on the raw value."""
    raw = facts.title
    if not raw or not _C1_CONTROL.search(raw):
        return None
    repaired = clean_inline(raw)
    return repaired if repaired and repaired != clean_inline(_C1_CONTROL.sub("", raw)) else None


_C1_CONTROL = re.compile("[\x80-\x9f]")


def not_an_article(facts: HeadFacts, body: str) -> str | None:
    """Why a page's body is not an article (section front, error page, paywall stub), or None.

    Uses only markup that outlets in any language emit (OpenGraph type, schema.org types and
    ``isAccessibleForFree``, paywall containers) and the amount of text, never phrases of one
    language: the page keeps its metadata, and the body is emptied rather than filled with a
    teaser or an error message that later stages would treat as news.
    """
    if not body:
        return NO_ARTICLE_WARNING
    if facts.paywalled and len(body) < MAX_PAYWALL_STUB_CHARS:
        return f"{NO_ARTICLE_WARNING}: paywalled page with only a teaser ({len(body)} characters); body left empty"
    if facts.is_article:
        return None
    if facts.is_listing:
        kind = facts.page_type or "/".join(facts.schema_types)
        return f"{NO_ARTICLE_WARNING}: the page is marked up as {kind!r}, not as an article (section front or error page?); body left empty"
    if len(body) < MIN_UNMARKED_ARTICLE_CHARS:
        return f"{NO_ARTICLE_WARNING}: only {len(body)} characters and no article markup (error page?); body left empty"
    return None


# --- input: bytes or text -> one HTML string ------------------------------------------------------

_BINARY_SIGNATURES = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an office document)"),
    (b"RIFF", "a RIFF media file"),
    (b"\x00\x00\x01\x00", "an icon file"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 file"),
    (b"\x7fELF", "an executable"),
)
_COMPRESSED_SIGNATURES = (b"\x1f\x8b\x08", b"\x28\xb5\x2f\xfd")
_HTML_TAG = re.compile(
    r"<(?:!doctype|html|head|body|meta|title|div|p|article|section|main|span|a|table|td|h[1-6]|br"
    r"|ul|ol|li|script|style|link|header|footer|nav|font|center|b|i|strong|em|img|form|iframe)\b",
    re.IGNORECASE,
)
_NON_LD_SCRIPT = re.compile(r"<script\b(?![^>]*ld\+json)[^>]*>.*?</script\s*>", re.IGNORECASE | re.DOTALL)
_STYLE = re.compile(r"<style\b[^>]*>.*?</style\s*>", re.IGNORECASE | re.DOTALL)
_DOCUMENT_START = re.compile(r"<(?:html|body)\b", re.IGNORECASE)


def _to_text(result: Extraction, html: str | bytes) -> str | None:
    """Decoded page text, or None (with ``result.error`` set) when there is nothing to extract."""
    if isinstance(html, bytes):
        html = _inflate(html, result.warnings)
        if not html.strip():
            result.error = "empty input"
            return None
        kind = _binary_kind(html)
        if kind:
            result.error = f"input is {kind}, not HTML"
            return None
        if len(html) > MAX_INPUT_BYTES:
            result.warnings.append(f"page of {len(html)} bytes truncated to the first {MAX_INPUT_BYTES} before decoding")
            html = html[:MAX_INPUT_BYTES]
        decoded = decode_html(html)
        result.encoding = decoded.encoding
        result.warnings.extend(decoded.warnings)
        html = decoded.text
    if not html.strip():
        result.error = "empty input"
        return None
    if "\x00" in html[:4096] and html[:4096].count("\x00") > 16:
        result.error = "input is binary data, not HTML"
        return None
    return html


def _inflate(data: bytes, warnings: list[str]) -> bytes:
    if not data.startswith(_COMPRESSED_SIGNATURES):
        return data
    from trafilatura.utils import handle_compressed_file

    inflated = handle_compressed_file(data, max_size=MAX_INFLATED_BYTES)
    if inflated is data:
        warnings.append("compressed input could not be inflated (corrupt, or larger than the limit)")
    return inflated


def _binary_kind(data: bytes) -> str | None:
    for signature, kind in _BINARY_SIGNATURES:
        if data.startswith(signature):
            return kind
    return None


def _shrink(text: str, warnings: list[str]) -> str:
    """Drop script/style bodies (keeping JSON-LD metadata), then truncate what is still too big."""
    original = len(text)
    text = _STYLE.sub("", _NON_LD_SCRIPT.sub("", text))
    if len(text) > MAX_HTML_CHARS:
        text = text[:MAX_HTML_CHARS]
        warnings.append(f"page of {original} characters truncated to the first {MAX_HTML_CHARS}")
    return text


def _cut_after_tags(text: str, count: int) -> str:
    position = -1
    for _ in range(count):
        position = text.find("<", position + 1)
    return text[:position]


def _as_document(text: str) -> str:
    """Wrap a bare fragment ("<p>...</p>") in a document: trafilatura rejects lone fragments."""
    if _DOCUMENT_START.search(text[:HEAD_WINDOW]):
        return text
    return f"<html><body>{text}</body></html>"


def _preview(text: str) -> str:
    return repr(text.lstrip()[:30])


# --- trafilatura -------------------------------------------------------------------------------


def _wants_second_opinion(document: Any) -> bool:
    body = (document.text or "") if document is not None else ""
    return len(body) < SECOND_OPINION_CHARS or looks_like_page_dump(body)


def _parse(document: str) -> Any:
    """The page's tree as trafilatura parses it (None when lxml finds no document), parsed once
    for the metadata and for every extraction pass: ``bare_extraction`` copies a tree it is
    given before changing it."""
    from trafilatura.utils import load_html

    return load_html(document)


def _run_trafilatura(tree: Any, url: str | None, fast: bool) -> Any:
    """trafilatura's body extraction (metadata is read by ``page_metadata``); None when it finds
    no text or the page did not parse."""
    if tree is None:
        return None
    import trafilatura

    _silence_library_loggers()
    options = copy(_extractor_settings(fast))
    options.url = options.source = url
    return trafilatura.bare_extraction(tree, options=options)


def page_metadata(tree: Any, url: str | None, search_date: bool) -> Any:
    """Title, author, site name, description, URL and (when ``search_date``) date of a page, as
    trafilatura's ``extract_metadata`` reads them, step by step, without the steps whose
    results this stage does not use: licence, categories and tags (0.46 of its 1.35 ms per page
    on benchmarks/pipeline.py's corpus), and the date search when the page states its published
    time, which wins over htmldate's guess (0.17 ms more). The steps and their order are
    trafilatura's; tests check that the values are the same as its own function's."""
    from htmldate import find_date
    from trafilatura import metadata as steps

    found = steps.examine_meta(tree)
    if found.author and " " not in found.author:  # a one-word meta author is a handle, not a name
        found.author = None
    try:
        found = steps.extract_meta_json(tree, found)
    except Exception as exc:  # noqa: BLE001 - trafilatura guards this step the same way
        _LOGGER.debug("JSON-LD metadata not read: %s", exc)
    found.title = found.title or steps.extract_title(tree)
    found.author = found.author or steps.extract_author(tree)
    found.url = found.url or steps.extract_url(tree, url)
    if search_date:
        found.date = find_date(tree, **TRAFILATURA_OPTIONS["date_extraction_params"], url=found.url)
    found.sitename = found.sitename or steps.extract_sitename(tree)
    if found.sitename:
        found.sitename = found.sitename.lstrip("@")  # a Twitter handle
        if found.sitename and "." not in found.sitename and not found.sitename[0].isupper():
            found.sitename = found.sitename.title()
    elif found.url:
        host = steps.META_URL.match(found.url)
        found.sitename = host[1] if host else None
    found.clean_and_trim()
    return found


@cache
def _extractor_settings(fast: bool) -> Any:
    """trafilatura's settings object, built once per mode and copied per page with the
    page's URL, as trafilatura's own command line does: building it reads its configuration
    file values one by one, which costs as much per page as the whole site-boilerplate step.

    The fast first pass runs without trafilatura's recall retry (see FIRST_PASS_FOCUS); the full
    second opinion keeps it."""
    from trafilatura.settings import Extractor

    settings = Extractor(
        output_format="python",
        fast=fast,
        comments=TRAFILATURA_OPTIONS["include_comments"],
        tables=TRAFILATURA_OPTIONS["include_tables"],
        images=TRAFILATURA_OPTIONS["include_images"],
        links=TRAFILATURA_OPTIONS["include_links"],
    )
    if fast:
        settings.focus = FIRST_PASS_FOCUS
    return settings


# trafilatura's balanced mode ends with a "recall escalation": when the body is under 3,000
# characters, it measures the whole page's text (html2txt over a copy of the tree) and, if the
# body is under a fifth of it, runs the extraction again in recall mode. Here that is the work
# of the second opinion (a body under SECOND_OPINION_CHARS or a page dump gets trafilatura's
# full pass, recall retry included) and of the densest-prose fallback, so in the first pass the
# measure is pure cost: 1.85 of 10.2 ms per page on benchmarks/pipeline.py's corpus, where it
# changed no body (nor on samples/: benchmarks/extraction.py unchanged). trafilatura has no
# switch for it: it runs when ``focus == "balanced"``, and every other focus test in trafilatura
# 2.3 compares with "precision" or "recall", so this name reads as balanced everywhere else
# (tests check both: same bodies as balanced mode, and no page-text measure).
FIRST_PASS_FOCUS = "balanced-without-recall-retry"


@cache
def _silence_library_loggers() -> None:
    """trafilatura/htmldate log every page they cannot use ("discarding data: None") at WARNING or
    ERROR, which a batch would print once per page through the root logger. The outcome is already
    in the record (error/warnings), so their messages stay in their own loggers, unless the
    application has attached handlers to those loggers itself (then they are left alone).
    Done once per process, before the first page (an application configures logging first)."""
    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        logger = logging.getLogger(name)
        if not logger.handlers:
            logger.addHandler(logging.NullHandler())
            logger.propagate = False


def site_of(url: str | None) -> str | None:
    """``https://www.cotidianul-nou.ro/a/b`` -> ``cotidianul-nou.ro``."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host.removeprefix("www.")


def _absolute(link: str | None, base: str | None) -> str | None:
    if not link:
        return None
    try:
        return urljoin(base, link) if base else link
    except ValueError:
        return link


def split_authors(value: str | None) -> list[str]:
    """trafilatura joins authors with "; ": split, clean, de-duplicate in order."""
    authors: list[str] = []
    for name in (value or "").split(";"):
        cleaned = clean_inline(name)
        if cleaned and cleaned not in authors:
            authors.append(cleaned)
    return authors


TITLE_REPEAT_WINDOW = 3
_LIST_LINE = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s")
_TABLE_LINE = re.compile(r"^\s*\|")


def looks_like_page_dump(raw: str) -> bool:
    """Whether trafilatura's text is the whole page rather than an article (see PAGE_DUMP_SHARE)."""
    lines = [line.strip() for line in raw.split("\n") if line.strip()]
    if len(lines) < PAGE_DUMP_MIN_LINES:
        return False
    junk = sum(1 for line in lines if len(line) <= 3 or " " not in line)
    return junk >= PAGE_DUMP_SHARE * len(lines)


def body_text(raw: str, title: str | None, descriptions: Sequence[str] = (), html: str = "") -> str:
    """trafilatura's text (one block per line) -> paragraphs separated by one blank line.

    Consecutive list items (``- item``) and table rows (``| a | b |``) stay together as one block
    with one item per line, so that a list reads as a list; everything else is one paragraph per
    line. The title repeated among the first paragraphs (headline in the article header, again
    as the first line of the body) is dropped. A standfirst that the page shows
    above the body (in the article header, where trafilatura does not look) is put back in front
    when it is also the page's description (see ``_shown_standfirst``).
    """
    blocks: list[list[str]] = []
    previous_kind = None
    for line in clean_text(raw).split("\n"):
        if not line:
            previous_kind = None
            continue
        kind = "list" if _LIST_LINE.match(line) else "table" if _TABLE_LINE.match(line) else None
        if kind is not None and kind == previous_kind:
            blocks[-1].append(line)
        else:
            blocks.append([line])
        previous_kind = kind
    paragraphs = ["\n".join(block) for block in blocks]
    if title:  # the headline, repeated by the template above or at the start of the body
        opening = [p for p in paragraphs[:TITLE_REPEAT_WINDOW] if not _same_words(p, title)]
        paragraphs = opening + paragraphs[TITLE_REPEAT_WINDOW:]
    if paragraphs:
        standfirst = _shown_standfirst(paragraphs, descriptions, html)
        if standfirst:
            paragraphs.insert(0, standfirst)
    return "\n\n".join(paragraphs)


_LONG_ASCII_WORD = re.compile(r"\b[A-Za-z0-9]{5,}\b")
_LONG_WORD = re.compile(r"\w{5,}")
MAX_STANDFIRST_PROBES = 50


def _shown_standfirst(paragraphs: list[str], descriptions: Sequence[str], html: str) -> str | None:
    """The page's description when it is displayed as an element of its own in the page body but
    missing from the extracted text: that is the standfirst (lead) of the article, which CMSs copy
    into og:description and templates show in the article header. A description that is only
    metadata (not shown) or already in the body is not added.

    Found by looking up a word of the description in the page and checking that the text node
    around it says exactly the description (up to entities and whitespace). An ASCII word is
    looked up when there is one, since pages may write other letters as character references."""
    present = _word_key(" ".join(paragraphs))
    body_start = max(html.find("</head"), 0)
    for description in descriptions:
        key = _word_key(description)
        word = _LONG_ASCII_WORD.search(description) or _LONG_WORD.search(description)
        if len(key) < 40 or key in present or not word:
            continue
        position = html.find(word.group(), body_start)
        for _ in range(MAX_STANDFIRST_PROBES):
            if position < 0:
                break
            start = html.rfind(">", body_start, position) + 1
            end = html.find("<", position)
            node = html[start:end] if start > 0 and end > 0 else ""
            if "<" not in node and _word_key(html_lib.unescape(node)) == key:
                return clean_inline(html_lib.unescape(node))
            position = html.find(word.group(), position + 1)
    return None


def _same_words(a: str, b: str) -> bool:
    return _word_key(a) == _word_key(b)


def _word_key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))
