"""A second opinion for short texts (single words, two-word texts, short titles): lingua.

py3langid's byte n-grams see too little in one word: "vegetables" scores Catalan, Spanish and
Norwegian above English. lingua (``lingua-language-detector``, a maintained detector built for
short texts, 75 languages, Rust core) was trained on far more text per language and is right on
most such words. ``benchmarks/langid.py`` measures the gain on our texts: single words 66.8% ->
72.4% with the ``fast`` models and 82.9% with the ``accurate`` ones (macro over 21 labels), at
no cost for texts longer than SHORT_LETTERS letters, which never ask it.

Two model sizes, because lingua's memory cost is per language and paid on first use:

* ``"fast"`` (the default): lingua's trigram models ("low accuracy mode"), ~2-4 MB per
  language; a run that meets every Latin-script language stays near 180 MB in all.
* ``"accurate"``: lingua's full 1- to 5-gram models, ~40 MB and ~0.3 s to load per language:
  about 1 GB once a run has met every Latin-script language. For users who detect many short
  standalone texts and can spend the memory (restricting ``languages`` bounds it).

Only the candidates our own decision left within SECOND_OPINION_MARGIN of its best are asked,
so a text whose letters already decide (ș, ł, ў ...) loads nothing. lingua has no Serbian in
Latin script: in Latin text, Serbian takes the opinion of its closest language (Croatian or
Bosnian) and the three are left for the marker words and the jat reflex to separate. A
candidate lingua does not know at all (Galician, Uzbek ...) gets the median opinion of the
others, neither pushed nor sunk.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Any

MODES = ("fast", "accurate", "off")
SHORT_LETTERS = 60            # texts with more letters never ask for a second opinion
SECOND_OPINION_MARGIN = 20.0  # candidates this far (log-odds) below our best are not asked
FLOOR = 1e-6                  # lingua's probabilities are clipped here before the logarithm
# How much each opinion counts: the trigram models are sharper than they are right, and count half
# (0.3-0.7 scored alike on benchmarks/langid.py; 1.0 lost a point on words and two-word texts).
WEIGHTS = {"fast": 0.5, "accurate": 1.0}

# ISO 639-1 codes of the languages lingua models (its Serbian is Cyrillic only).
LINGUA_CODES = frozenset(
    """af ar az be bg bn bs ca cs cy da de el en eo es et eu fa fi fr ga gu he hi hr hu hy id is
    it ja ka kk ko la lt lv mi mk mn mr ms nb nl nn pa pl pt ro ru sk sl sn so sq sr st sv sw ta
    te th tl tn tr ts uk ur vi xh yo zh zu""".split()
)
_LATIN_SERBIAN_PROXIES = ("hr", "bs")


def second_opinion(text: str, candidates: list[str], script: str | None, mode: str) -> dict[str, float]:
    """lingua's weighted log-probabilities for ``candidates`` (at least two, sorted) on ``text``,
    to add to the detector's log-odds; an empty dict when there is nothing to ask (mode "off",
    or fewer than two languages lingua knows)."""
    if mode == "off":
        return {}
    latin_serbian = script == "LATIN" and "sr" in candidates
    asked = {lang for lang in candidates if lang in LINGUA_CODES}
    if latin_serbian:
        asked.discard("sr")
        asked.update(_LATIN_SERBIAN_PROXIES)
    if len(asked) < 2:
        return {}
    values = {
        result.language.iso_code_639_1.name.lower(): result.value
        for result in _detector(tuple(sorted(asked)), mode).compute_language_confidence_values(text)
    }
    if latin_serbian:
        best = max(values[lang] for lang in _LATIN_SERBIAN_PROXIES)
        for lang in ("sr", *_LATIN_SERBIAN_PROXIES):
            values[lang] = best
    weight = WEIGHTS[mode]
    logs = {lang: weight * math.log(max(values[lang], FLOOR)) for lang in candidates if lang in values}
    median = sorted(logs.values())[len(logs) // 2]
    return {lang: logs.get(lang, median) for lang in candidates}


@lru_cache(maxsize=1024)
def _detector(codes: tuple[str, ...], mode: str) -> Any:
    """One lingua detector per candidate set: building one is cheap (lingua keeps each
    language's models once per process, shared by all detectors); loading a language's models
    happens on the first text that needs them."""
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in codes]
    builder = LanguageDetectorBuilder.from_languages(*languages)
    if mode == "fast":
        builder = builder.with_low_accuracy_mode()
    return builder.build()
