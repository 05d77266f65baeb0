"""Word-frequency evidence between the members of a close group, from wordfreq's word lists.

(The same evidence also weighs the near candidates of a short text across groups, see
detect._add_short_word_evidence: English "company", which the n-gram model reads as Catalan.)

Most misses inside a close group have no marker word (:mod:`normalizer.detect_evidence`): the
text is Malay rather than Indonesian, Slovak rather than Czech, because of how often each
language writes its words, not because of a word the other never writes. wordfreq (``wordfreq``
on PyPI; lists built from Wikipedia, subtitles, news and web text) ships frequency lists per
language inside its package; this module reads its "small" lists (words down to one per
million tokens) and weighs a text's words between group members as a tempered naive Bayes of
word frequencies:

* a word gives each member the difference of its log-frequency to the best member's, minus a
  dead zone of DEAD_ZONE_CB: the lists come from different mixes of sources (the Malay one is
  rich in chat: "tak", "awak", "nak" are among its 20 most frequent words), which shifts the frequencies of shared words by a
  fraction of an order of magnitude in one direction, while the words that tell the members
  apart differ by far more ("kesehatan", health, is 40 times rarer in the Malay list, which
  has "kesihatan"); a word no member knows, or one in another script (a Latin name in a Cyrillic
  text), gives nothing;
* no word takes more than WORD_CAP from a member, so that a name or a word missing from one
  list by chance cannot decide alone;
* the sum over the words counts with the square root of their number, like the n-gram model's
  own scores (detect.TEMPERATURE): the words of one text are not independent draws (topic,
  register), and a long text must not make the lists' own noise decisive.

A text typed without diacritics (detect.FOLDED_MIN_LETTERS) is read against the lists folded the
same way ("několik" -> "nekolik", each folded form taking its most frequent spelling's
frequency), built on first need: against the plain lists, a folded Czech word is unknown to the
Czech list and often a plain Slovak word ("mesta"), which turned the evidence against Czech.

Only members with a list of their own take part. Serbian, Croatian and Bosnian share one list
("sh", Latin script; Cyrillic Serbian is transliterated to read it), so it tells them from
Slovene and Macedonian, never from each other; Belarusian and Galician have none.

The lists are read from the package's data folder in their documented "cBpack" format
(gzipped msgpack: a header, then buckets of words, bucket i holding the words of frequency
10^(-i/100)) without importing ``wordfreq`` itself, whose import (ftfy, langcodes) costs
~0.2 s for tokenizers this module does not need. Each list is read once per process, on the
first text that needs it (15-80 ms), and kept as a sorted array of 64-bit word hashes and their
frequencies, 10 bytes a word: all 39 lists take 16 MB (as Python strings in a dict, the 16
lists of the close groups alone would take ~90 MB).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from normalizer.detect_evidence import fold, script_of

# The wordfreq list each language reads: every supported language wordfreq 3.1 has a small list
# for, except Chinese, Japanese and Korean, whose texts need a word segmenter to be read as words.
WORD_LISTS: dict[str, str] = {
    **{lang: lang for lang in ("ar", "bg", "bn", "ca", "cs", "da", "de", "el", "en", "es", "fa", "fi", "fr", "he",
                               "hi", "hu", "id", "is", "it", "lt", "lv", "mk", "ms", "nb", "nl", "pl", "pt", "ro",
                               "ru", "sk", "sl", "sv", "ta", "tr", "uk", "ur", "vi")},
    **{lang: "sh" for lang in ("bs", "hr", "sr")},
    "tl": "fil",
}
# Chosen on benchmarks/langid.py and its held-out set and checked on lingua's public test data:
# of weights 0.5-3, dead zones 0-50 cB, caps 2-4.6 and sums growing like n, n^0.75, n^0.5
# or n^0.25 for n words, the square root, a dead zone of 15-25 and a weight of 1.5-3 scored best, alike.
WORD_WEIGHT = 2.0       # log-odds per unit of summed log-frequency difference, for one word
WORD_CAP = 3.0          # the most one word can take from a member (natural log: 20 times rarer)
DEAD_ZONE_CB = 25       # log10-frequency differences up to a quarter of an order count nothing
# The small lists stop at 10^-6 (-600 cB), so a word a list lacks is rarer than that there, by how
# much is unknown: it counts as half an order of magnitude below the cut. At the cut itself (-600),
# a word at the bottom of one list and missing from the other (Malay "tengkujuh", monsoon, which the
# Indonesian list lacks) told nothing; -650 to -800 all lift single words (83.5 -> 85.6-85.9) and
# two-word texts (90.2 -> 91.0-91.2) on benchmarks/langid.py, but below -650 the rare words of
# lingua's public sentences (compounds such as "cockpitovertræk") started to cost sentences.
UNLISTED_CB = -650

_CB_TO_LN = math.log(10) / 100
_SEPARATORS = re.compile(r"['’ʼ-]")
_SR_LATIN = str.maketrans(
    {**dict(zip("абвгдђежзијклмнопрстћуфхцчш", "abvgdđežzijklmnoprstćufhcčš", strict=True)),
     "љ": "lj", "њ": "nj", "џ": "dž"}
)
_HASH_BASE = 0x100000001B3  # multiplier of the polynomial word hash (odd, 64-bit)
_HASH_MASK = (1 << 64) - 1
_SCORES_CACHE = 50_000      # words whose scores are remembered, over all groups


def frequency_odds(
    words: Sequence[str], members: Sequence[str], script: str | None, folded: bool = False
) -> dict[str, float]:
    """Log-odds (<= 0) per member of ``members`` (codes with a word list) from the frequencies
    of ``words`` (lower-cased) of a text in ``script`` (``folded``: typed without diacritics,
    read against the folded lists): 0 for the member whose list fits the text best. All zero
    when no list can be read or no word of the text's script is known to any member's list."""
    lists = tuple(WORD_LISTS[lang] for lang in members)
    table = _scores_table(lists, script, folded)
    totals = [0.0] * len(lists)
    counted = 0
    for word in words:
        scores = table.get(word)
        if scores is None:
            scores = _remember(
                table, word, _word_scores(word, lists, folded) if script_of(word[:1]) == script else ()
            )
        if scores:
            counted += 1
            for i, score in enumerate(scores):
                totals[i] += score
    if not counted:
        return dict.fromkeys(members, 0.0)
    scale = WORD_WEIGHT / math.sqrt(counted)
    best = max(totals)
    return {lang: scale * (total - best) for lang, total in zip(members, totals, strict=True)}


_TABLES: dict[tuple[tuple[str, ...], str | None, bool], dict[str, tuple[float, ...]]] = {}


def _scores_table(lists: tuple[str, ...], script: str | None, folded: bool) -> dict[str, tuple[float, ...]]:
    """word -> its :func:`_word_scores` for one combination of lists and script: news prose
    repeats its words, so each is looked up once per process (see :func:`_remember`)."""
    table = _TABLES.get((lists, script, folded))
    if table is None:
        table = _TABLES[(lists, script, folded)] = {}
    return table


_cached_words = 0  # words in all of _TABLES (short texts meet many combinations of lists)


def _remember(table: dict[str, tuple[float, ...]], word: str, scores: tuple[float, ...]) -> tuple[float, ...]:
    """Store ``scores`` of ``word`` in ``table``; when all tables together hold _SCORES_CACHE
    words, they are dropped first: memory stays bounded whatever the input."""
    global _cached_words
    if _cached_words >= _SCORES_CACHE:
        _TABLES.clear()  # (``table`` serves the text being read to its end)
        _cached_words = 0
    table[word] = scores
    _cached_words += 1
    return scores


def _word_scores(word: str, lists: tuple[str, ...], folded: bool) -> tuple[float, ...]:
    """Each list's log-frequency of ``word`` minus the best list's, less the dead zone, capped
    at -WORD_CAP; empty when no list knows the word (it says nothing about the group)."""
    values = [_list_frequency(name, word, folded) for name in lists]
    best = max(values)
    if best == UNLISTED_CB:
        return ()
    return tuple(max(-WORD_CAP, min(0.0, _CB_TO_LN * (value - best + DEAD_ZONE_CB))) for value in values)


def languages_listing(words: Sequence[str], members: Sequence[str], script: str | None) -> list[str]:
    """The members of ``members`` (codes with a word list) whose list holds every word of
    ``words`` (lower-cased) written in ``script``; none when no word is in that script."""
    own = [word for word in words if script_of(word[:1]) == script]
    if not own:
        return []
    return [lang for lang in members if all(_list_frequency(WORD_LISTS[lang], word) > UNLISTED_CB for word in own)]


def _list_frequency(name: str, word: str, folded: bool = False) -> int:
    """:func:`_frequency` of ``word`` in list ``name``, its apostrophes written as the lists write
    them; the Latin "sh" list reads Cyrillic Serbian transliterated."""
    word = word.replace("’", "'").replace("ʼ", "'")
    return _frequency(name, word.translate(_SR_LATIN) if name == "sh" else word, folded)


def _frequency(name: str, word: str, folded: bool = False) -> int:
    """The log10 frequency (centibels, -600 to 0) of ``word`` in wordfreq's small list ``name``,
    UNLISTED_CB when the list lacks it. A word with an apostrophe or hyphen that the list
    lacks is read as its parts, the rarest part counting (wordfreq splits "anak-anak" and
    Catalan "l'any", keeps Ukrainian "пам'ять")."""
    value = _lookup(name, word, folded)
    if value is not None:
        return value
    parts = [part for part in _SEPARATORS.split(word) if part] if _SEPARATORS.search(word) else []
    return min((_frequency(name, part, folded) for part in parts), default=UNLISTED_CB)


def _lookup(name: str, word: str, folded: bool = False) -> int | None:
    """The log10 frequency (centibels, -600 to 0) of ``word`` in wordfreq's small list ``name``,
    None when the list does not have it."""
    keys, values = _word_list(name, folded)
    key = _hash(word)
    position = int(keys.searchsorted(keys.dtype.type(key)))  # (a Python int above 2^63 would be compared as a float)
    if position < len(keys) and int(keys[position]) == key:
        return int(values[position])
    return None


def _hash(word: str) -> int:
    """64-bit polynomial hash of the UTF-8 bytes of ``word`` (the scalar form of :func:`_hashes`;
    deterministic, unlike ``hash()``); with ~60,000 words a list, a word the list lacks is taken
    for one of its words with a probability of 3e-15."""
    value = 0
    for byte in word.encode("utf-8", "surrogatepass"):
        value = (value * _HASH_BASE + byte) & _HASH_MASK
    return value


def _hashes(words: list[str], np: Any) -> Any:
    """:func:`_hash` of every word (none empty) at once: byte i of a word of n bytes contributes
    byte * base^(n-1-i), modulo 2^64 (numpy's uint64 arithmetic wraps)."""
    encoded = [word.encode("utf-8", "surrogatepass") for word in words]
    lengths = np.fromiter(map(len, encoded), dtype=np.int64, count=len(encoded))
    data = np.frombuffer(b"".join(encoded), dtype=np.uint8).astype(np.uint64)
    ends = np.cumsum(lengths)
    exponent = np.repeat(ends, lengths) - 1 - np.arange(len(data))
    powers = [1]
    for _ in range(int(lengths.max(initial=1))):
        powers.append(powers[-1] * _HASH_BASE & _HASH_MASK)
    return np.add.reduceat(data * np.array(powers, dtype=np.uint64)[exponent], ends - lengths)


@cache
def _word_list(name: str, folded: bool = False) -> tuple[Any, Any]:
    """wordfreq's small list ``name`` as (sorted word hashes, log10 frequencies in centibels),
    with ``folded`` its words ASCII-folded (a folded form keeps its most frequent spelling's
    frequency); empty when wordfreq or the list is not installed or not readable (the evidence is then
    neutral)."""
    import numpy as np

    empty = (np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int16))
    try:
        import gzip

        import msgpack

        folder = _data_folder()
        if folder is None:
            return empty
        with gzip.open(folder / f"small_{name}.msgpack.gz", "rb") as stream:
            header, *buckets = msgpack.load(stream, raw=False)
        if not isinstance(header, dict) or header.get("format") != "cB" or header.get("version") != 1:
            return empty
        buckets = [[word for word in bucket if isinstance(word, str) and word] for bucket in buckets]
    except (ImportError, OSError, EOFError, ValueError, TypeError):  # missing, damaged, foreign
        return empty
    words = [word for bucket in buckets for word in bucket]
    if folded:
        words = [word if word.isascii() else fold(word) for word in words]
    if not words:
        return empty
    frequencies = np.repeat(-np.arange(len(buckets), dtype=np.int16), [len(bucket) for bucket in buckets])
    keys, first = np.unique(_hashes(words, np), return_index=True)  # first: the most frequent
    return keys, frequencies[first]


@cache
def _data_folder() -> Path | None:
    """wordfreq's data folder, found without importing the package; None when it is not installed."""
    spec = find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "data"
