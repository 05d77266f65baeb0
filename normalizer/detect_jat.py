"""Ekavian word forms: Serbian evidence against Croatian and Bosnian.

Serbian writes the old jat vowel as "e" ("reka", "obeležila"), Croatian and Bosnian as
"ije"/"je" ("rijeka", "obilježila"). The hand-picked markers in detect_evidence cover the
commonest forms; ``data/ekavian.txt`` (built from two Hunspell dictionaries by
scripts/build_ekavian_pairs.py, LGPL-2.1) adds every inflected form those dictionaries know, so
that a sentence whose only telling word is "prosvete" or "obeležila" is still read as Serbian.
The list (about 0.3 MB) is read on the first Latin word with an "e" that a South Slavic text
asks about, never at import.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

DATA_PATH = Path(__file__).parent / "data" / "ekavian.txt"


@cache
def ekavian_forms() -> frozenset[str]:
    """The listed forms (lower case, with their ASCII-folded spellings)."""
    with DATA_PATH.open(encoding="utf-8") as lines:
        return frozenset(line.rstrip("\n") for line in lines if not line.startswith("#"))


def is_ekavian(word: str) -> bool:
    """Whether a lower-cased word is an ekavian form. Words without a Latin "e" (every Cyrillic
    word, so Russian or Bulgarian text) are answered without reading the list."""
    return "e" in word and word in ekavian_forms()
