"""Build ``normalizer/data/ekavian.txt``: ekavian word forms, which mark Serbian against Croatian
and Bosnian.

Why: Serbian writes the old jat vowel as "e" ("reka", "mesto", "obeležila"), Croatian and Bosnian
as "ije"/"je"/"ilje" ("rijeka", "mjesto", "obilježila"). A hand list of the commonest forms
(``_EKAVIAN`` in detect_evidence) misses most inflected forms, and a sentence often carries only
one of them. Two public Hunspell dictionaries give the forms mechanically: a word is listed when

1. the Serbian (Latin) dictionary has it, lower-case (capitalised entries are names), and it is
   not a case of a Bosnian or Croatian town (``_TOWNS``: "u Zenici", in Zenica, is not
   "zenici", pupils, ijekavian "zjenici");
2. the Croatian dictionary does not, neither lower-case nor as a name ("veće" larger, "sela"
   villages and "tek" are Croatian words too: they would vote for the wrong language);
3. replacing one of its "e" by "ije" or "je", an "ele" by "ilje", or the "-eo" of a past
   participle by "-io" ("doneo"/"donio", "hteo"/"htio"), gives a word the Croatian dictionary
   has (its ijekavian twin): the difference is the jat reflex, not a missing word;
4. it has four or more letters, and the replaced "e" is not
   - the last letter ("bavljene"/"bavljenje", "Simone"/"Simonije": case endings, not jat),
   - after a vowel ("dae"/"daje"),
   - the "e" of a leading "pre-" ("prenos"/"prijenos", "prevoz": Bosnian writes these
     ekavian-looking forms too; the hand list keeps the few safe ones such as "predlog").

Texts typed without diacritics ("obelezila") are common in this group (see ``_FOLDED_GROUPS``):
a form's ASCII-folded spelling is listed too unless the Croatian dictionary has it.

Sources, pinned and checked against the registry's integrity hashes:
``dictionary-hr`` 2.0.0 (LGPL-2.1 OR SISSL) and ``dictionary-sr-latn`` 3.0.2 (GPL-2.0 OR
LGPL-2.1 OR MPL-1.1 OR CC-BY-SA-3.0), from registry.npmjs.org. The derived list is distributed
under LGPL-2.1 (see normalizer/data/NOTICE.md).

Usage (a one-off; 10-15 minutes of CPU, mostly Hunspell look-ups)::

    .venv/bin/pip install -e '.[build-ekavian-pairs]'
    .venv/bin/python scripts/build_ekavian_pairs.py [--cache DIR] [--pairs PAIRS.tsv]

``--pairs`` also writes each form with its twin, for review.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import re
import sys
import tarfile
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from normalizer.detect_evidence import fold
from normalizer.detect_jat import DATA_PATH

MIN_LEN = 4
_VOWELS = frozenset("aeiou")
# stems of towns whose cases are also ekavian words; the dictionaries list names only in the
# nominative, if at all, so this is by hand
_TOWNS = ("zenic",)


@dataclass(frozen=True)
class Source:
    """One pinned npm dictionary package."""

    name: str
    version: str
    integrity: str  # the registry's "dist.integrity" (sha512, base64)
    licence: str

    @property
    def url(self) -> str:
        return f"https://registry.npmjs.org/{self.name}/-/{self.name}-{self.version}.tgz"


HR = Source(
    "dictionary-hr", "2.0.0",
    "sha512-kQoiUkcZAbubqpLSh54cpMWJ8hWJI7UObCwrCzTbrulxdFseSmANPYnxH9CJ/Rz/WhMkNP6JW+Di/BnEN+LKGw==",
    "LGPL-2.1 OR SISSL",
)
SR = Source(
    "dictionary-sr-latn", "3.0.2",
    "sha512-a2/w/Xye+zCXrcp4BNOinQeM/sXzb1ztX7o2duPrCtOZIuV58VXPH09R0q6FGKsHD3ymWIKZ+BbjucxGrLyGXw==",
    "GPL-2.0 OR LGPL-2.1 OR MPL-1.1 OR CC-BY-SA-3.0",
)


def fetch(source: Source, cache: Path) -> Path:
    """Download (once) and unpack a package; returns the path stem of its index.aff/index.dic.
    The tarball is checked against the pinned integrity hash before anything is read from it."""
    tarball = cache / f"{source.name}-{source.version}.tgz"
    if not tarball.exists():
        cache.mkdir(parents=True, exist_ok=True)
        with urllib.request.urlopen(source.url, timeout=60) as response:
            tarball.write_bytes(response.read())
    digest = "sha512-" + base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
    if digest != source.integrity:
        raise SystemExit(f"{tarball}: integrity {digest} != pinned {source.integrity}")
    out = cache / f"{source.name}-{source.version}"
    with tarfile.open(tarball) as archive:
        for name in ("index.aff", "index.dic"):
            member = archive.getmember(f"package/{name}")
            out.mkdir(exist_ok=True)
            (out / name).write_bytes(archive.extractfile(member).read())  # type: ignore[union-attr]
    return out / "index"


def twins(word: str) -> Iterator[str]:
    """The ijekavian spellings a jat reflex in ``word`` could have (see the module docstring)."""
    for i, char in enumerate(word):
        if char != "e" or i == len(word) - 1 or (i and word[i - 1] in _VOWELS):
            continue
        if i == 2 and word.startswith("pre"):
            continue
        for reflex in ("ije", "je"):
            yield word[:i] + reflex + word[i + 1:]
    for match in re.finditer("(?=ele)", word):
        yield word[:match.start()] + "ilje" + word[match.start() + 3:]
    if word.endswith("eo"):
        yield word[:-2] + "io"


def candidates(sr_dic: Path) -> list[str]:
    """Serbian dictionary words that could be ekavian: lower-case, with a non-final "e", and not
    an inflection of a town in Bosnia or Croatia (the runtime sees lower-cased words).
    The sr-Latn package lists full forms, without affix flags."""
    lines = sr_dic.read_text(encoding="utf-8").splitlines()[1:]
    words = {line.split("/")[0].strip() for line in lines}
    return sorted(w for w in words if len(w) >= MIN_LEN and w.isalpha() and w == w.lower()
                  and "e" in w[:-1] and not w.startswith(_TOWNS))


def derive(hr_stem: Path, sr_stem: Path) -> list[tuple[str, str]]:
    """(ekavian form, ijekavian twin) pairs, sorted by form."""
    from spylls.hunspell import Dictionary  # build-time only

    hr = Dictionary.from_files(str(hr_stem))
    pairs = []
    for word in candidates(sr_stem.with_suffix(".dic")):
        if hr.lookup(word):
            continue
        twin = next((t for t in twins(word) if hr.lookup(t)), None)
        if twin and not hr.lookup(word.capitalize()):
            pairs.append((word, twin))
    folded = [(fold(w), t) for w, t in pairs if fold(w) != w]
    known = {w for w, _ in pairs}
    pairs += [(w, t) for w, t in folded if w not in known and not hr.lookup(w)]
    return sorted(set(pairs))


def write(pairs: list[tuple[str, str]], path: Path) -> None:
    """The forms, sorted, under a header naming the sources and the licence they impose."""
    header = [
        "# Ekavian word forms: Serbian spelling of the jat vowel (\"reka\", \"obeležila\"), where",
        "# Croatian and Bosnian write \"ije\"/\"je\" (\"rijeka\", \"obilježila\"). One per line, sorted;",
        "# ASCII-folded spellings included. Generated by scripts/build_ekavian_pairs.py from:",
        f"#   {SR.name} {SR.version} ({SR.licence}), {SR.url}",
        f"#   {HR.name} {HR.version} ({HR.licence}), {HR.url}",
        "# Licence: LGPL-2.1 (a derived work of both dictionaries; see NOTICE.md in this folder).",
    ]
    forms = sorted({w for w, _ in pairs})
    path.write_text("\n".join(header + forms) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "normalizer-build")
    parser.add_argument("--out", type=Path, default=DATA_PATH)
    parser.add_argument("--pairs", type=Path, help="also write form<TAB>twin lines here")
    args = parser.parse_args(argv)
    pairs = derive(fetch(HR, args.cache), fetch(SR, args.cache))
    write(pairs, args.out)
    if args.pairs:
        args.pairs.write_text("".join(f"{w}\t{t}\n" for w, t in pairs), encoding="utf-8")
    print(f"{len({w for w, _ in pairs})} forms -> {args.out}")


if __name__ == "__main__":
    main()
