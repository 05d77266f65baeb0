"""Vocabulary differences between Serbian and Croatian, Bosnian in between.

Serbian and Bosnian write many common words that Croatian replaces ("rumunski"/"rumunjski",
"hirurg"/"kirurg"). The hand-picked markers in detect_evidence cover a few hundred;
``data/sh_vocabulary.tsv`` (built by scripts/build_sh_vocabulary.py from two Hunspell
dictionaries and wordfreq's Serbo-Croatian frequencies, LGPL-2.1) adds the common words that
only the Serbian dictionary accepts ("east") and the few only the Croatian one accepts that have
a regular Serbian twin ("west": "partnerica"/"partnerka"), jat-reflex pairs left to detect_jat.
An east word votes for Serbian and Bosnian, a west word for Croatian and Bosnian, as the hand
lists ``_EAST`` and ``_WEST`` do; a word a hand marker already counts is not counted again
(detect_evidence.vocabulary_counts). The list (about 30 kB) is read on the first Latin word a South
Slavic text asks about, never at import.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

DATA_PATH = Path(__file__).parent / "data" / "sh_vocabulary.tsv"
SIDES: dict[str, tuple[str, ...]] = {"east": ("bs", "sr"), "west": ("bs", "hr")}
_INITIALS = frozenset("abcdefghijklmnopqrstuvwxyzčćđšž")  # every listed word starts with one


@cache
def vocabulary() -> dict[str, tuple[str, ...]]:
    """Listed word (lower case) -> the languages it votes for."""
    with DATA_PATH.open(encoding="utf-8") as lines:
        rows = (line.rstrip("\n").split("\t") for line in lines if not line.startswith("#"))
        return {word: SIDES[side] for word, side in rows}


def vocabulary_votes(word: str) -> tuple[str, ...]:
    """The languages a lower-cased word votes for: () when it is not listed. Words that do not
    start with a Latin letter (every Cyrillic word, so Russian or Bulgarian text) are answered
    without reading the list."""
    return vocabulary().get(word, ()) if word[:1] in _INITIALS else ()
