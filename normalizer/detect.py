"""Language detection for articles, titles, short texts and close language pairs.

Five kinds of evidence are combined in log-probability space:

1. py3langid's naive Bayes scores (byte n-grams, fast, ~100 languages), tempered by the length
   of the text so that a two-word text does not get the certainty of a paragraph;
2. letter and script evidence (:mod:`normalizer.detect_evidence`): a letter a language does not
   write counts against it (ș against everything but Romanian, ы against Ukrainian, щ against
   Macedonian), a script only one supported language uses decides alone;
3. marker words, stems, spellings and word pairs that separate the members of a close group
   (Serbian "је" vs Macedonian "е", Norwegian "av" vs Danish "af", Croatian "tjedan" vs Serbian
   "nedelja", Malay "kualiti" vs Indonesian "kualitas", Croatian "bit će" vs Serbian "biće");
   between Serbian and Croatian/Bosnian the jat reflex (ekavian "reka", ijekavian "rijeka") is
   weighed as a likelihood ratio, and the towns a text names count for the languages of their
   countries ("u Kragujevcu", "Splitski"; :mod:`normalizer.detect_places`). The group of the
   best candidate adds them as log-odds; any other group that together could still hold the
   answer reads its own, which only move probability between its members (a Serbian word the
   model reads as Kazakh, a Slovak one read as Lithuanian), so that no marker lifts a language
   over a better one of another group;
4. word frequencies (:mod:`normalizer.detect_words`, wordfreq's lists): in a close group that
   could hold the answer and has members near its best, how often each of them writes the
   text's words moves probability between them (Malay "rosak", "kesihatan" against Indonesian
   "rusak", "kesehatan", words no marker list holds), never in or out of the group;
5. for short texts (a word, a short title) a second detector's opinion, lingua, trained on far
   more text per language (:mod:`normalizer.detect_short`), and word frequencies across the
   near candidates, whatever their group (English "company" and "parliament", which the
   n-gram model reads as Catalan and Italian); ``short_texts`` picks lingua's model size or
   turns both off. When those lists say that languages of different groups write every word
   of the text about as often ("Hotel Restaurant"), the text is theirs alike, and its
   probability is split between them.

A text typed without diacritics ("Vlada od noveho roku zvysi minimalni mzdu") reads its words
against word lists folded the same way, and the model's Czech/Slovak split, which rests on the
letters such a text lacks, counts for less (FOLDED_DAMPING).

Before they are reported, the probabilities are calibrated (an answer given with 0.7 is right
about 70% of the time): a text of a word or two is tempered, and inside Serbian, Croatian and
Bosnian a longer text's split is sharpened; ``benchmarks/langid.py`` prints the calibration
error per length class.

``detect_article`` reads all paragraphs and the title in one vectorised pass of the model
(:meth:`normalizer.detect_model.NaiveBayesModel.score_batch`); the article's scores are the sum
of the paragraphs', and paragraphs the model plainly puts in the article's language skip the
rest of the decision, which cannot change their answer (about 1.3 ms per typical article,
3-4x less than detecting each paragraph on its own; ``benchmarks/langid.py`` measures both).

A hint (``<html lang>``, og:locale, URL) or the article's own language (for its title and short
paragraphs) is a prior that text evidence can overrule. Montenegrin ("me", "cnr") is reported
as Serbian. langdetect, the engine the design first named, is not in the hot path: it is 10-40
times slower here, takes 0.5 s to load, lacks Serbian, Bosnian, Belarusian and Malay, and was
less accurate than this combination on every length class of ``benchmarks/langid.py``, which
measures both side by side. Results are deterministic: no randomness is involved anywhere.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from normalizer.detect_evidence import (
    MARKER_GROUPS,
    SCRIPTS,
    TextEvidence,
    clean_text,
    foreign_letters,
    gather_evidence,
    gather_evidence_many,
    group_of,
    ijekavian_counts,
    marker_counts,
    vocabulary_counts,
)
from normalizer.detect_places import place_counts
from normalizer.detect_short import MODES as SHORT_TEXT_MODES
from normalizer.detect_short import SECOND_OPINION_MARGIN, SHORT_LETTERS, second_opinion
from normalizer.detect_words import WORD_LISTS, frequency_odds, languages_listing

UNDETERMINED = "und"

# Every code this stage can output: languages py3langid models and whose letters/script we know.
SUPPORTED_LANGUAGES: tuple[str, ...] = tuple(
    sorted(
        """af am ar az be bg bn bs ca cs cy da de el en es et eu fa fi fr ga gl gu he hi hr hu hy
        id is it ja ka kk km kn ko ky lt lv mk ml mn mr ms mt nb ne nl pa pl pt ro ru si sk sl sq
        sr sv sw ta te th tl tr uk ur uz vi zh""".split()
    )
)

# Codes found in <html lang>, og:locale and URLs that name a supported language differently.
HINT_ALIASES = {
    "no": "nb", "nn": "nb", "nob": "nb", "nno": "nb", "me": "sr", "cnr": "sr", "sh": "sr",
    "in": "id", "iw": "he", "mo": "ro", "fil": "tl", "eng": "en", "ron": "ro",
    "rum": "ro", "fra": "fr", "fre": "fr", "deu": "de", "ger": "de", "rus": "ru", "ukr": "uk",
    "pol": "pl", "spa": "es", "ita": "it", "tur": "tr", "srp": "sr", "hrv": "hr", "bos": "bs",
    "bul": "bg", "mkd": "mk", "bel": "be", "msa": "ms", "may": "ms", "ind": "id", "cat": "ca",
    "ces": "cs", "cze": "cs", "slk": "sk", "slo": "sk", "dan": "da", "por": "pt", "nld": "nl",
    "dut": "nl", "hun": "hu", "ell": "el", "gre": "el", "zho": "zh", "chi": "zh", "jpn": "ja",
    "kor": "ko", "ara": "ar", "heb": "he", "swe": "sv", "fin": "fi",
}

TEMPERATURE = 1.0        # naive Bayes scores are divided by TEMPERATURE * sqrt(bytes)
FOREIGN_LETTER = 2.5     # log-odds against a language per letter it does not write ...
FOREIGN_LETTER_CAP = 4   # ... counted up to this many letters (names like "Nicușor" in English)
MARKER_WORD = 1.2        # log-odds for a language per marker word of its close group
# ... per word of the dictionary-derived Serbian/Croatian vocabulary (detect_vocabulary): half a
# hand marker, as about a fifth of its words are names or gaps of a dictionary, not differences
VOCABULARY_WORD = 0.6
PLACE_WORD = 1.0         # ... per town of its country or countries the text names (detect_places)
HINT_ODDS = 30.0         # a declared page language is this many times likelier a priori
CONTEXT_ODDS = 60.0      # the article's own language, as prior for its title and short paragraphs
# share of the model's preference kept inside each indistinct group
INDISTINCT_GROUPS = {("bs", "hr", "sr"): 0.5, ("id", "ms"): 0.1}
# The jat reflex as a likelihood ratio: ~7% of Croatian/Bosnian words show an ijekavian form,
# ~0.5% of (ekavian) Serbian words match the pattern by accident. Each such word is worth
# ln(0.07 / 0.005) for hr and bs, each word without one ln((1 - 0.005) / (1 - 0.07)) for sr.
IJEKAVIAN_WORD = 2.64
NO_IJEKAVIAN_WORD = 0.068
# ... but the words without a reflex are not independent draws: whether a text has any word with
# a jat root at all depends on its topic (a sentence on buses and trams may have none in either
# variant), so their evidence for Serbian saturates after this many words instead of growing
# with the length of a neutral text until it outweighs everything else
NO_IJEKAVIAN_CAP = 6
# ... but Serbian is written ijekavian too, in Republika Srpska and in Montenegro (whose texts
# count as Serbian): Serbian's jat odds are those of ekavian Serbian plus IJEKAVIAN_SERBIAN
# times those of ijekavian text. An ijekavian text then needs Serbian words ("opština",
# "saopštenje"; "Crna Gora", Nikšić) to be read as Serbian, and without them stays Croatian or
# Bosnian. Those regions have about a quarter as many readers as Serbia, and far fewer outlets:
# 0.1 (benchmarks/langid.py with its Montenegrin texts: sentences 96.5 -> 96.9, articles 97.1
# -> 99.0; lingua's public Bosnian and Croatian data, which has no Montenegrin text, only shows
# the cost: word pairs 77.7 -> 77.2); 0.25 cost those pairs three times as much for no gain.
IJEKAVIAN_SERBIAN = 0.1
# ... and in ijekavian text, where the choice is between Bosnian and the Serbian of Montenegro and
# Republika Srpska, a marker word, word pair or town that votes for Serbian and not for Bosnian
# ("opština", "sjutra", "nijesu", "u Crnoj Gori", Nikšić) adds this much to its marker weight:
# MARKER_WORD is set for a word that tells Serbian from Croatian and Bosnian together, where
# the jat reflex does most of the work; here nothing else tells, and Bosnian writes "općina",
# "sutra", "nisu". benchmarks/langid.py, Montenegrin: sentences 47.0 -> 61.7, titles 45.2 ->
# 53.9, articles 95.7 -> 100, held-out titles and sentences 60 / 53 -> 80 / 80; nothing else
# moved, and of lingua's public texts one Bosnian word pair ("opšti smjer") became Serbian.
# 1 gains less (sentences 59.1, articles 99.1); 3 one sentence more.
IJEKAVIAN_SERBIAN_WORD = 2.0
# Calibration, the last step before probabilities are reported (:func:`_calibrated`). The
# evidence above is tuned for picking the right language, not for saying how sure the pick is,
# and it errs both ways (``benchmarks/langid.py`` prints the expected calibration error):
# - a word or two is over-confident: the rules were chosen on the team's sentences, and on
#   words they never saw they are right less often than their odds say (on lingua's public
#   single words, answers given with 0.85 were right 67% of the time, and 513 wrong ones carried
#   0.9 or more). Every log-odds of a text of at most SHORT_TEXT_WORDS words is divided by
#   SHORT_TEXT_TEMPERATURE: 1.25 has the lowest log-loss on all words and adjacent word pairs of
#   the team's sentences, and lingua's public words and pairs, which played no part in choosing
#   it, put their best at 1.25-1.5 (leaving out Malay, whose public texts often read as Indonesian);
# - Serbian, Croatian and Bosnian texts of three words or more are under-confident: inside the
#   group the model is damped and markers weighed cautiously, so that one word does not swing
#   the pick, and answers given with 0.6-0.8 were right 80-94% of the time. The group's split of
#   its probability is sharpened by GROUP_SHARPNESS (a temperature on its members' log-odds,
#   their total kept): 0.6 is best on the team's sentences, and on the held-out set and lingua's
#   public sentences too. The other groups are best left alone (1, within noise), as are short
#   texts of this one.
# Both keep the best candidate the best: a temperature keeps every candidate's rank, and a group
# is sharpened only when it holds the best candidate, which only gains. A short text's best
# guess can fall below MIN_CONFIDENCE, and is then "und", as a guess that unlikely should be.
SHORT_TEXT_TEMPERATURE = 1.25
SHORT_TEXT_WORDS = 2       # a short text has at most this many words ...
SHORT_TEXT_LETTERS = 30    # ... and letters: a Chinese or Thai sentence reads as one long "word"
GROUP_SHARPNESS = {("bs", "hr", "sr"): 0.6}
MAX_PENALTY = FOREIGN_LETTER * FOREIGN_LETTER_CAP  # the most letter evidence takes from a language
PRUNE_MARGIN = 30.0      # candidates this far (log-odds) below the model's best are dropped
MIN_LETTERS = 2          # fewer letters than this: "und"
MIN_CONFIDENCE = 0.15    # a best guess less likely than this is reported as "und"
MAX_CHARS = 1500         # longer texts are sampled (start, middle, end) for speed
ARTICLE_CHARS = 12000    # an article's paragraphs are sampled to this many characters in all ...
MIN_PARAGRAPH_CHARS = 300  # ... but each keeps at least this many
CANDIDATES = 3
SURE_ENOUGH = 0.9        # a short text this sure of its best candidate asks no second opinion
DECISIVE_GAP = 3.0       # a best candidate this far (log-odds) ahead of the second is the answer
FREQUENCY_MARGIN = 8.0   # group members this far below the best get no word-frequency evidence
SHORT_WORDS_MARGIN = 8.0  # in a short text, candidates this far below the best read no word list
# ... and those that write each of its words about as often as the language that writes it most
# (word-frequency log-odds within SHARED_WORD_ODDS of the best fit: at least about a third as
# often) keep this share of their distance to the best of them (see _share_between_writers). On
# benchmarks/langid.py's 80 short texts of no language (brands, loan words, "Hotel Restaurant"),
# answers claiming 0.5 or more fell from 33 to 9, and its single words gained 0.2 points;
# lingua's public single words lose 0.2 (about 30 more "und": "hastings", "hobby", "patent",
# "video naruto"), while their calibration error falls from 5.1 to 3.8 points.
SHARED_WORD_ODDS = 2.0
SHARED_KEEP = 0.2
# A near candidate without a word list whose close group has a listed member (Afrikaans with
# Dutch, Belarusian with Russian and Ukrainian, Galician with Spanish and Portuguese) takes this
# share of its group's word-frequency odds: it writes many of the same words, and left at the
# median it lost every short text to its listed relative (lingua's public Afrikaans word pairs:
# 55.7% right, most of the rest read as Dutch). Half: on benchmarks/langid.py's texts it changes
# two single words (Bulgarian "паднаха" now read as Belarusian, Russian "урагана" as
# Belarusian instead of Mongolian), where the whole share cost four more (German, Russian,
# Serbian, Bulgarian read as a listless neighbour); lingua's public data, checked afterwards:
# Afrikaans pairs and sentences 55.7 / 94.1 -> 61.8 / 96.1, Belarusian pairs 97.2 -> 98.0,
# Dutch pairs 85.3 -> 85.0.
UNLISTED_SHARE = 0.5
# Text typed without diacritics (see _typed_without_diacritics): people write Czech and Slovak
# online as "nekolik", "mesta", and the n-gram model and lingua, trained on text with diacritics,
# then read most Czech as Slovak (the letters ř, ě, ů that set Czech apart are gone; of
# benchmarks/langid.py's Czech sentences folded to ASCII, 70% were right, many wrong ones at 0.95
# or more). Such a text keeps FOLDED_DAMPING of their preference inside FOLDED_GROUPS; its words
# are read against word lists folded the same way (detect_words: against the plain lists a folded
# Czech word is unknown to Czech and often a plain Slovak word, "mesta"), and across the near
# candidates too, as a short text's are, whatever its length: folded Czech also reads as Slovene
# or Bosnian to the model ("Pocasi se o vikendu vyrazne zhorsi ..." was Slovene). The marker
# words count folded already. benchmarks/langid.py's folded texts: Czech / Slovak sentences
# 70.4 / 93.0 -> 98.3 / 99.1, titles 66.4 / 91.8 -> 97.3 / 99.1, two-word texts 39.1 / 64.3 ->
# 54.2 / 74.2, held-out Czech sentences / titles 73 / 60 -> 100 / 100. Damping 0.5 left Czech
# titles 1.8 points lower, 0 cost Slovak titles 2.6. From 16 letters on (12 cost two-word texts
# that lack diacritics by nature, 88.1 -> 87.9; 20 and 25 left more folded word pairs and titles
# wrong), and only near Czech or Slovak: a Spanish or Dutch word pair without accents is not read
# as folded. lingua's public data, checked afterwards: Czech sentences 95.3 -> 96.5 (the two
# typed without diacritics); of its 16,600 word pairs six changed answer, two to the right one
# and four away from it ("internationale definition", Danish, now French). The texts of our set
# with diacritics are unchanged.
FOLDED_MIN_LETTERS = 16
FOLDED_DAMPING = 0.2
FOLDED_GROUPS = (("cs", "sk"),)


@dataclass
class Detection:
    """One detection. ``confidence`` is the probability of ``code`` after all evidence;
    ``candidates`` are the best codes with their probabilities, best first; ``script`` is the
    dominant script ("LATIN", "CYRILLIC", ...); ``method`` tells what decided: "model" (naive
    Bayes + letters + markers), "script" (a script only one language uses) or "empty"."""

    code: str
    confidence: float
    candidates: list[tuple[str, float]] = field(default_factory=list)
    script: str | None = None
    method: str = "model"

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "confidence": self.confidence,
            "candidates": [[code, p] for code, p in self.candidates],
            "script": self.script,
            "method": self.method,
        }


@dataclass
class ArticleLanguage:
    """Article-level language: ``shares`` is the fraction of body letters per language (keys
    sorted), ``paragraphs`` the language of each body paragraph, ``title`` the title's language."""

    code: str
    confidence: float
    hint: str | None
    shares: dict[str, float]
    paragraphs: list[str]
    title: str


def normalize_hint(value: str | None) -> str | None:
    """``"ro-RO"``, ``"en_US"``, ``"sr-Latn-ME"``, ``"nn"`` -> a supported code, else None."""
    if not value or not isinstance(value, str):
        return None
    primary = value.strip().replace("_", "-").split("-", 1)[0].lower()
    primary = HINT_ALIASES.get(primary, primary)
    return primary if primary in SUPPORTED_LANGUAGES else None


def parse_languages(languages: Sequence[str] | str | None) -> tuple[str, ...]:
    """Validate a user's language restriction: codes (or one comma-separated string) -> sorted
    supported codes. Raises ValueError naming the unknown codes, for callers that report usage
    errors; :func:`detect_language` itself never raises and ignores unknown codes."""
    if languages is None:
        return SUPPORTED_LANGUAGES
    if isinstance(languages, str):
        languages = languages.split(",")
    codes = {code.strip() for code in languages if code and code.strip()}
    known = {normalize_hint(code) for code in codes} - {None}
    unknown = sorted(code for code in codes if normalize_hint(code) is None)
    if unknown:
        raise ValueError(
            f"unsupported language code(s): {', '.join(unknown)}; supported: {' '.join(SUPPORTED_LANGUAGES)}"
        )
    if not known:
        raise ValueError("no language given")
    return tuple(sorted(known))  # type: ignore[arg-type]


def detect_language(
    text: str,
    hint: str | None = None,
    languages: Sequence[str] | None = None,
    *,
    hint_odds: float = HINT_ODDS,
    short_texts: str = "fast",
) -> Detection:
    """Detect the language of ``text``; never raises. ``hint`` is a prior (a page's declared
    language), ``languages`` restricts the possible answers (a text in another language is "und",
    see :func:`_decide`), ``hint_odds`` says how much likelier the hinted language is a priori.
    ``short_texts`` is the second opinion asked for texts of at most SHORT_LETTERS letters:
    "fast" (small models), "accurate" (large models, ~40 MB per language met) or "off" (see
    :mod:`normalizer.detect_short`; "off" also skips the word frequencies those texts read across
    groups); any other value is a caller's mistake, not bad input, and raises ValueError."""
    if short_texts not in SHORT_TEXT_MODES:
        raise ValueError(f"short_texts must be one of {', '.join(SHORT_TEXT_MODES)}, not {short_texts!r}")
    try:
        if isinstance(text, bytes):
            text = text.decode("utf-8", "replace")
        if not isinstance(text, str):
            return Detection(UNDETERMINED, 0.0, [], None, "empty")
        allowed = _allowed(tuple(languages) if languages is not None else None)
        texts = [_Text.of(_sample(text, MAX_CHARS))]
        scores, found, _ = _score(texts)
        return _decide_all(texts, scores, found, normalize_hint(hint), hint_odds, allowed, short_texts)[0]
    except Exception as error:  # noqa: BLE001 - the contract is "a result, never an exception"
        return Detection(UNDETERMINED, 0.0, [], None, f"error: {type(error).__name__}")


@dataclass
class _Text:
    """A cleaned (sampled) text, its letter evidence and the bytes the model reads: padded with
    spaces, because py3langid's features include word boundaries and without them a single word
    often yields no feature at all; all-capitals text is lower-cased (titles in capitals)."""

    evidence: TextEvidence
    data: bytes

    @classmethod
    def of(cls, text: str) -> _Text:
        text = clean_text(text)
        return cls(gather_evidence(text), cls._bytes(text))

    @classmethod
    def many(cls, texts: Sequence[str]) -> list[_Text]:
        """:meth:`of` for each of an article's texts, their letters counted in one pass."""
        cleaned = [clean_text(text) for text in texts]
        evidence = gather_evidence_many(cleaned)
        return [cls(letters, cls._bytes(text)) for text, letters in zip(cleaned, evidence, strict=True)]

    @staticmethod
    def _bytes(text: str) -> bytes:
        return f" {text.lower() if text.isupper() else text} ".encode()


@lru_cache(maxsize=64)
def _allowed(languages: tuple[str, ...] | None) -> tuple[str, ...]:
    if languages is None:
        return SUPPORTED_LANGUAGES
    return tuple(sorted({normalize_hint(code) for code in languages} - {None}))  # type: ignore[arg-type]


def _sample(text: str, limit: int) -> str:
    """Long texts: three windows (start, middle, end) cut at spaces; a language that fills most of
    the text shows in all of them, and the cost stays flat for 5 MB inputs."""
    if len(text) <= limit:
        return text
    window = limit // 3
    middle = len(text) // 2 - window // 2
    parts = [text[:window], text[middle : middle + window], text[-window:]]
    return " … ".join(part.rsplit(" ", 1)[0] if " " in part[window // 2 :] else part for part in parts)


def _score(texts: list[_Text]) -> tuple[Any, Any, Any]:
    """py3langid's naive Bayes scores of all texts in one vectorised pass (see
    :meth:`NaiveBayesModel.score_batch`)."""
    from normalizer.detect_model import load_model

    return load_model(SUPPORTED_LANGUAGES).score_batch([t.data for t in texts])


def _decide_all(
    texts: list[_Text],
    scores: Any,
    found: Any,
    hint: str | None,
    hint_odds: float,
    allowed: tuple[str, ...],
    short_texts: str,
) -> list[Detection]:
    """One Detection per text from its model scores (rows of ``scores``), letters and words."""
    return [
        _decide_one(text.evidence, len(text.data), row if ok else None, hint, hint_odds, allowed, short_texts)
        for text, row, ok in zip(texts, scores, found, strict=True)
    ]


def _codes_in_context(
    texts: list[_Text], scores: Any, found: Any, context: str | None, allowed: tuple[str, ...]
) -> list[str]:
    """The language code of each text of an article whose language is ``context``.

    The texts the model has scores for are read together, one batch per script (the model's
    part of the decision is the same numpy work for one text or for twenty). Most paragraphs
    are plainly in the article's language: when ``context`` has no close group and the model
    puts it above every other candidate by more than the letter evidence takes from it, no
    later evidence can change the answer (letters only take away, the context prior only adds,
    other groups' marker words only move probability inside their group), so the rest of the
    decision is skipped for them: same result, a fraction of the cost. For the others only the
    code is wanted, which :func:`_decide_code` finds without ranking all candidates when the best
    one leads clearly.

    The short-text second opinion is not asked here: the article's language is stronger
    evidence for its short title or caption, and a worker process of a long run would otherwise
    load models for every language its pages quote."""
    codes = [UNDETERMINED] * len(texts)
    by_script: dict[str | None, list[int]] = {}
    for i, (text, ok) in enumerate(zip(texts, found.tolist(), strict=True)):
        evidence = text.evidence
        if ok and evidence.letters >= MIN_LETTERS and len(_candidates(SUPPORTED_LANGUAGES, evidence.script)) > 1:
            by_script.setdefault(evidence.script, []).append(i)
        else:  # the letters, the script or the lack of either decide
            codes[i] = _decide_one(evidence, len(text.data), None, context, CONTEXT_ODDS, allowed, "off").code
    for script, rows in by_script.items():
        candidates = _candidates(SUPPORTED_LANGUAGES, script)
        values, kept = _model_values(scores[rows], [len(texts[i].data) for i in rows], candidates)
        leads = _context_leads(values, candidates, context)
        for row, (i, lead) in enumerate(zip(rows, leads, strict=True)):
            evidence = texts[i].evidence
            if context is not None and _settled(lead, evidence, context):
                codes[i] = context
                continue
            logits = _logits(values[row].tolist(), kept[row].tolist(), candidates)
            _add_evidence(logits, evidence, context, CONTEXT_ODDS, "off")
            codes[i] = _decide_code(logits, evidence, allowed)
    return codes


def _context_leads(values: Any, candidates: tuple[str, ...], context: str | None) -> list[float]:
    """How far each row of model ``values`` (see :func:`_model_values`) puts ``context`` above
    the best other candidate; -inf where no lead settles the answer (no context, or one with a
    close group: marker words could still overturn it). Merging inside indistinct groups never
    raises a group's best member, so the merged values tell the same. (float32 differences:
    rounding is monotonic, so ``lead > penalty`` holds only when the exact difference does.)"""
    if context is None or group_of(context) or context not in candidates:
        return [-math.inf] * len(values)
    column, others = _other_positions(candidates, context)
    return (values[:, column] - values.take(others, axis=1).max(axis=1)).tolist()


def _settled(lead: float, evidence: TextEvidence, context: str) -> bool:
    """Whether the model's ``lead`` for ``context`` outlasts the letter evidence against it: then
    ``context`` is still the best candidate when marker words are counted (it has no close group,
    and another group's markers only move that group's probability between its members, so none
    of them ends above the group's total, less than len(group) < CONTEXT_ODDS times the best
    other candidate), and the prior makes it the answer with probability above 1 / (1 + 72 /
    CONTEXT_ODDS ** (1 / SHORT_TEXT_TEMPERATURE)) > MIN_CONFIDENCE (calibration tempers the odds
    of a short text, and sharpens only a group that holds the best candidate, here ``context``,
    which is in none)."""
    return lead > MAX_PENALTY or (lead > 0 and lead > _letter_penalties(evidence).get(context, 0.0))


@lru_cache(maxsize=256)
def _other_positions(candidates: tuple[str, ...], lang: str) -> tuple[int, Any]:
    """The position of ``lang`` among ``candidates``, and the positions of the others."""
    import numpy as np

    column = candidates.index(lang)
    return column, np.array([i for i in range(len(candidates)) if i != column])


def _decide_one(
    evidence: TextEvidence,
    size: int,
    scores: Any,
    hint: str | None,
    hint_odds: float,
    allowed: tuple[str, ...],
    short_texts: str,
) -> Detection:
    """Combine model scores (a row over the model's classes, from ``size`` bytes), letters,
    the short-text second opinion, marker words and the prior; report the ``allowed`` languages
    (see :func:`_decide`)."""
    if evidence.letters < MIN_LETTERS or not allowed:
        return Detection(UNDETERMINED, 0.0, [], evidence.script, "empty")
    candidates = _candidates(SUPPORTED_LANGUAGES, evidence.script)
    if not candidates:  # a script no supported language writes
        return Detection(UNDETERMINED, 0.0, [], evidence.script, "script")
    if len(candidates) == 1:
        if candidates[0] not in allowed:
            return Detection(UNDETERMINED, 0.0, [], evidence.script, "script")
        confidence = round(min(0.99, 0.5 + 0.1 * evidence.letters), 4)
        return Detection(candidates[0], confidence, [(candidates[0], confidence)], evidence.script, "script")
    if scores is None:
        return Detection(UNDETERMINED, 0.0, [], evidence.script, "empty")
    values, kept = _model_values(scores[None, :], [size], candidates)
    logits = _logits(values[0].tolist(), kept[0].tolist(), candidates)
    _add_evidence(logits, evidence, hint, hint_odds, short_texts)
    return _decide(logits, evidence, allowed)


def _add_evidence(
    logits: dict[str, float], evidence: TextEvidence, hint: str | None, hint_odds: float, short_texts: str
) -> None:
    """Add letters, the short-text second opinion, the damping of a text typed without
    diacritics, word frequencies across groups (short texts), marker words, word frequencies
    inside close groups and the prior to the model's ``logits``, in this order."""
    _add_letter_evidence(logits, evidence)
    short = evidence.letters <= SHORT_LETTERS and short_texts != "off"
    if short:
        _add_second_opinion(logits, evidence, short_texts)
    folded = _typed_without_diacritics(evidence, logits)
    if folded:
        _damp_folded_groups(logits)
    if short or folded:
        _add_short_word_evidence(logits, evidence, folded)
    prior = {hint: math.log(hint_odds)} if hint in logits else {}
    _add_marker_evidence(logits, evidence, prior)
    _add_frequency_evidence(logits, evidence, folded)
    for lang, odds in prior.items():
        logits[lang] += odds


def _model_values(scores: Any, sizes: list[int], candidates: tuple[str, ...]) -> tuple[Any, Any]:
    """Tempered model log-probabilities of the candidates for rows of model ``scores`` (texts of
    ``sizes`` bytes), merged inside indistinct groups, and which of them are kept: candidates
    more than PRUNE_MARGIN below a row's best are dropped (no later evidence can lift them to a
    visible probability), which keeps the per-text Python work small. Row by row the same
    float32 operations whatever the number of rows, so a text's answer never depends on the
    texts read with it; all groups are merged at once, each numpy call costing more than the
    arithmetic of a few rows."""
    import numpy as np

    columns, merge = _candidate_plan(candidates)
    divisors = np.array([TEMPERATURE * math.sqrt(size) for size in sizes], dtype=np.float32)
    values = scores.take(columns, axis=1) / divisors[:, None]  # (``take``: cheaper than ``[]``)
    if merge is not None:
        members, starts, group, damping = merge
        part = values.take(members, axis=1)
        peak = np.maximum.reduceat(part, starts, axis=1).take(group, axis=1)
        part -= peak
        part *= damping
        part += peak  # = peak + damping * (value - peak)
        values[:, members] = part
    kept = values >= values.max(axis=1, keepdims=True) - np.float32(PRUNE_MARGIN)
    return values, kept


def _logits(values: list[float], kept: list[bool], candidates: tuple[str, ...]) -> dict[str, float]:
    """The kept candidates' values of one row of :func:`_model_values`, by code."""
    return {lang: value for lang, value, keep in zip(candidates, values, kept, strict=True) if keep}


@lru_cache(maxsize=256)
def _candidate_plan(candidates: tuple[str, ...]) -> tuple[Any, tuple[Any, Any, Any, Any] | None]:
    """Model columns of the candidates, and how to merge each indistinct group among them
    (Serbian/Croatian/Bosnian in Latin script, Malay/Indonesian): the n-gram model cannot
    really separate them, so only a damped trace of its preference is kept and the marker
    words decide; without any marker the answer stays the model's choice at low confidence
    instead of a confident coin toss. The merge plan: the positions of all groups' members,
    where each group starts among them, each member's group and its damping."""
    import numpy as np

    from normalizer.detect_model import load_model

    column = {lang: i for i, lang in enumerate(load_model(SUPPORTED_LANGUAGES).classes)}
    members: list[int] = []
    starts: list[int] = []
    group: list[int] = []
    damping: list[float] = []
    for group_languages, group_damping in INDISTINCT_GROUPS.items():
        positions = [i for i, lang in enumerate(candidates) if lang in group_languages]
        if len(positions) >= 2:
            group += [len(starts)] * len(positions)
            starts.append(len(members))
            members += positions
            damping += [group_damping] * len(positions)
    merge = (np.array(members), np.array(starts), np.array(group), np.array(damping, dtype=np.float32))
    return np.array([column[lang] for lang in candidates]), merge if members else None


@lru_cache(maxsize=256)
def _candidates(allowed: tuple[str, ...], script: str | None) -> tuple[str, ...]:
    return tuple(lang for lang in allowed if script in SCRIPTS[lang])


def _add_letter_evidence(logits: dict[str, float], evidence: TextEvidence) -> None:
    penalties = _letter_penalties(evidence)
    if not penalties:
        return
    for lang in logits:
        logits[lang] -= penalties.get(lang, 0.0)


def _letter_penalties(evidence: TextEvidence) -> dict[str, float]:
    """Log-odds against each language for the special letters of a text's dominant script."""
    special = evidence.special_in_script
    if not special:
        return {}
    return _penalties_of(frozenset((char, min(count, FOREIGN_LETTER_CAP)) for char, count in special.items()))


@lru_cache(maxsize=4096)
def _penalties_of(special: frozenset[tuple[str, int]]) -> dict[str, float]:
    """:func:`_letter_penalties` by special letters, counts capped at FOREIGN_LETTER_CAP (which
    keeps the result exact and the cache small: paragraphs of one article mostly share their
    letter sets)."""
    counts = dict(special)
    penalties = {}
    for lang in SUPPORTED_LANGUAGES:
        foreign = foreign_letters(counts, lang)
        if foreign:
            penalties[lang] = FOREIGN_LETTER * min(foreign, FOREIGN_LETTER_CAP)
    return penalties


def _add_second_opinion(logits: dict[str, float], evidence: TextEvidence, mode: str) -> None:
    """Add lingua's log-probabilities for the candidates still close to the best; lingua's
    sharp probabilities make it decisive on a word our model cannot read, while letters and
    marker words (added before and after) still overrule it. Not asked when the best candidate
    already holds SURE_ENOUGH of the probability (letters such as ș or ў usually see to that):
    the answers stay the same on benchmarks/langid.py and no lingua model gets loaded."""
    peak = max(logits.values())
    if sum(math.exp(value - peak) for value in logits.values()) <= 1 / SURE_ENOUGH:
        return
    close = sorted(lang for lang, value in logits.items() if value >= peak - SECOND_OPINION_MARGIN)
    for lang, value in second_opinion(evidence.text, close, evidence.script, mode).items():
        logits[lang] += value


def _add_marker_evidence(logits: dict[str, float], evidence: TextEvidence, prior: dict[str, float]) -> None:
    """Marker words, patterns and the jat reflex of every close group that could hold the answer.

    The group of the model's best candidate (see MARKER_GROUPS) adds them as log-odds: the model
    has put the text in that family, and they tell its members apart. Another group's markers
    count too, because on a word or two the model's favourite is often a stranger (a Serbian
    word read as Ukrainian or Kazakh, a Slovak one as Lithuanian) while the right group holds
    much of the probability spread over its members; but they only move probability between
    those members, keeping the group's total: they say which member a text is, if it is in the
    group at all, not that it is (that is the model's and the letters' call). So a word that
    marks a group member can gather the group's probability in that member, and never lift it
    over a better candidate from outside the group (an English word that is also a Slovak
    marker moves Czech probability to Slovak, none of English). A group whose members together,
    ``prior`` included (the hint added after this), are less likely than the best candidate
    cannot produce the answer, and its words are not read."""
    top = max(sorted(logits), key=logits.__getitem__)
    own = next((group for group in MARKER_GROUPS if top in group), None)
    if own is not None:
        for lang, odds in _marker_odds(logits, evidence, own).items():
            logits[lang] += odds
    peak = max(logits.values())
    for group, ordered in zip(MARKER_GROUPS, _MARKER_GROUP_ORDER, strict=True):
        members = [lang for lang in ordered if lang in logits]
        if group is own or len(members) < 2:
            continue
        reach = [logits[lang] + prior.get(lang, 0.0) for lang in members]
        if max(reach) + math.log(len(reach)) < peak or _log_total(reach) < peak:
            continue  # (the first test is a cheap bound of the second)
        odds = _marker_odds(logits, evidence, group)
        if odds:
            _move_within(logits, members, odds)


_MARKER_GROUP_ORDER = tuple(tuple(sorted(group)) for group in MARKER_GROUPS)
_GROUP_OF = {lang: group for group in _MARKER_GROUP_ORDER for lang in group}
# no group whose best member is this far below the best candidate is likelier together
_GROUP_REACH = math.log(max(map(len, _MARKER_GROUP_ORDER)))


def _typed_without_diacritics(evidence: TextEvidence, logits: dict[str, float]) -> bool:
    """Whether a Latin text looks typed without diacritics ("Vlada od noveho roku zvysi minimalni
    mzdu"): FOLDED_MIN_LETTERS letters or more and not one beyond ASCII, which a Czech or Slovak
    text of that length almost never is by chance, and a member of FOLDED_GROUPS among the
    candidates within SHORT_WORDS_MARGIN of the best."""
    if evidence.script != "LATIN" or evidence.letters < FOLDED_MIN_LETTERS or evidence.special:
        return False
    floor = max(logits.values()) - SHORT_WORDS_MARGIN
    return any(logits.get(lang, floor - 1) >= floor for group in FOLDED_GROUPS for lang in group)


def _damp_folded_groups(logits: dict[str, float]) -> None:
    """Keep FOLDED_DAMPING of the model's preference inside each group of FOLDED_GROUPS."""
    for group in FOLDED_GROUPS:
        members = [lang for lang in group if lang in logits]
        if len(members) >= 2:
            peak = max(logits[lang] for lang in members)
            for lang in members:
                logits[lang] = peak + FOLDED_DAMPING * (logits[lang] - peak)


def _add_frequency_evidence(logits: dict[str, float], evidence: TextEvidence, folded: bool) -> None:
    """Word frequencies (:mod:`normalizer.detect_words`) between the members of each close group
    that could hold the answer (together at least as likely as the best candidate, as for marker
    words), those within FREQUENCY_MARGIN of the group's best and reading different word lists.
    They only move probability between those members, keeping their total: which member writes
    these words most often tells which one the text is, if it is in the group at all, not that
    it is. A member further behind is left alone: the model, letters and markers have decided."""
    peak = max(logits.values())
    reach = peak - _GROUP_REACH  # a group whose best is below this cannot reach the peak
    near = {_GROUP_OF[lang] for lang, value in logits.items() if value >= reach and lang in _GROUP_OF}
    for group in sorted(near):
        inside = [logits[lang] for lang in group if lang in logits]
        floor = max(inside) - FREQUENCY_MARGIN
        members = [lang for lang in group if lang in WORD_LISTS and logits.get(lang, floor - 1) >= floor]
        if len({WORD_LISTS[lang] for lang in members}) < 2 or _log_total(inside) < peak:
            continue
        _move_within(logits, members, frequency_odds(evidence.words, members, evidence.script, folded))


def _move_within(logits: dict[str, float], members: list[str], odds: dict[str, float]) -> None:
    """Add ``odds`` to ``members`` (all in ``logits``) and shift them back together so that
    their total probability is what it was: evidence that says which member a text is, not
    whether it is one of them."""
    total = _log_total([logits[lang] for lang in members])
    for lang, value in odds.items():
        logits[lang] += value
    shift = total - _log_total([logits[lang] for lang in members])
    for lang in members:
        logits[lang] += shift


def _add_short_word_evidence(logits: dict[str, float], evidence: TextEvidence, folded: bool) -> None:
    """Word frequencies (:mod:`normalizer.detect_words`) across the candidates of a short text
    (or one typed without diacritics, ``folded``) within SHORT_WORDS_MARGIN of the best: on a
    word or two the n-gram models often misread a word any dictionary knows ("company" as
    Catalan, "ministro" as Italian), and how often each candidate writes it tells them apart.
    Only the near candidates' lists are read (each costs 15-80 ms on first use); every other
    candidate, near ones without a word list included, is left where it is against the median
    of the near listed ones: neither favoured nor punished for a list it lacks or was not asked.
    The members of a close group all take their best member's odds: which of them the text is
    in is :func:`_add_frequency_evidence`'s call, made after the marker words, and counting their
    lists twice made Slovak titles Czech; a near member without a list of its own takes
    UNLISTED_SHARE of them."""
    floor = max(logits.values()) - SHORT_WORDS_MARGIN
    listed = sorted(lang for lang, value in logits.items() if value >= floor and lang in WORD_LISTS)
    if len(listed) < 2:
        return
    odds = frequency_odds(evidence.words, listed, evidence.script, folded)
    median = sorted(odds.values())[len(odds) // 2]
    best: dict[tuple[str, ...], float] = {}
    for lang, value in odds.items():
        group = _GROUP_OF.get(lang, (lang,))
        best[group] = max(best.get(group, value), value)
    for lang, value in logits.items():
        group = _GROUP_OF.get(lang, (lang,))
        if lang in odds:
            logits[lang] = value + best[group] - median
        elif group in best and value >= floor:  # a listless member of a listed one's group
            logits[lang] = value + UNLISTED_SHARE * (best[group] - median)
    _share_between_writers(logits, odds, evidence)


def _share_between_writers(logits: dict[str, float], odds: dict[str, float], evidence: TextEvidence) -> None:
    """A short text whose every word several languages of different groups write about equally
    often ("Hotel Restaurant", "Internet", "problema grave") is not evidence for any of them: the
    n-gram model and lingua read its letters, but the same string is as likely in each of them,
    and their preference among those languages is an accident of spelling (Catalan for "Hotel
    Restaurant", at 0.73). Those languages (listing every word, with ``odds`` within
    SHARED_WORD_ODDS of the best fit) keep SHARED_KEEP of their distance to the best of them:
    the text stays theirs, its confidence split between them, often under MIN_CONFIDENCE
    ("und"). Languages of one close group are left to the group's markers and word lists."""
    near = [lang for lang, value in odds.items() if value >= -SHARED_WORD_ODDS]
    if not _of_two_groups(near):
        return  # (the common case, decided without reading the lists again)
    shared = languages_listing(evidence.words, near, evidence.script)
    if not _of_two_groups(shared):
        return
    top = max(logits[lang] for lang in shared)
    for lang in shared:
        logits[lang] = top + SHARED_KEEP * (logits[lang] - top)


def _of_two_groups(langs: list[str]) -> bool:
    """Whether ``langs`` span two groups or more (a language of no close group is its own)."""
    return len({_GROUP_OF.get(lang, (lang,)) for lang in langs}) >= 2


def _marker_odds(logits: dict[str, float], evidence: TextEvidence, group: frozenset[str]) -> dict[str, float]:
    """Log-odds of the marker words and patterns of ``group`` for its members among ``logits``,
    of the towns the text names (a little less than a marker: outlets write about their
    neighbours' towns too), and between Serbian and Croatian/Bosnian the dictionary-derived
    vocabulary (VOCABULARY_WORD per word no hand marker counts) and the jat reflex, weighed as
    a likelihood ratio."""
    counts = marker_counts(evidence.words, group)
    odds = {lang: MARKER_WORD * count for lang, count in counts.items() if lang in logits}
    for lang, count in vocabulary_counts(evidence.words, group).items():
        if lang in logits:
            odds[lang] = odds.get(lang, 0.0) + VOCABULARY_WORD * count
    members = [lang for lang in group if lang in logits]
    places = place_counts(evidence.text, members, evidence.script)
    for lang, count in places.items():
        odds[lang] = odds.get(lang, 0.0) + PLACE_WORD * count
    if "sr" in logits and "sr" in group and ("hr" in logits or "bs" in logits):
        with_reflex, without = ijekavian_counts(evidence.words)
        ijekavian = IJEKAVIAN_WORD * with_reflex
        ekavian = NO_IJEKAVIAN_WORD * min(without, NO_IJEKAVIAN_CAP)
        odds["sr"] = odds.get("sr", 0.0) + _log_total([ekavian, math.log(IJEKAVIAN_SERBIAN) + ijekavian])
        if with_reflex:
            # py3langid's Serbian is ekavian: on an ijekavian text, its lead of Croatian and
            # Bosnian over Serbian is the jat reflex again, which these odds already weigh
            peer = max(logits.get(lang, -math.inf) for lang in ("hr", "bs"))
            odds["sr"] += max(0.0, peer - logits["sr"])
            if "bs" in logits:
                odds["sr"] += IJEKAVIAN_SERBIAN_WORD * _serbian_not_bosnian(evidence, group, counts, places)
        for lang in ("hr", "bs"):
            if lang in logits:
                odds[lang] = odds.get(lang, 0.0) + ijekavian
    return odds


def _serbian_not_bosnian(
    evidence: TextEvidence, group: frozenset[str], counts: dict[str, int], places: dict[str, int]
) -> int:
    """How many of the marker words, word pairs and towns the text has for Serbian (``counts``,
    ``places``) do not vote for Bosnian as well; each kind is read again only if it has any."""
    found = marker_counts(evidence.words, group, without="bs").get("sr", 0) if counts.get("sr") else 0
    if places.get("sr"):
        found += place_counts(evidence.text, ["bs", "sr"], evidence.script, without="bs").get("sr", 0)
    return found


def _log_total(values: list[float]) -> float:
    """log(sum(exp(values))), without overflow."""
    peak = max(values)
    return peak + math.log(sum(math.exp(value - peak) for value in values))


def _decide_code(
    logits: dict[str, float], evidence: TextEvidence, allowed: tuple[str, ...] = SUPPORTED_LANGUAGES
) -> str:
    """The code :func:`_decide` reports, without ranking every candidate when the best is allowed
    and leads the second by DECISIVE_GAP after calibration: its probability is then at least
    1 / (1 + 71 e^-DECISIVE_GAP) > 0.2 (at most 72 candidates), above MIN_CONFIDENCE whatever the
    others (calibration divides the lead by at most the text's temperature; sharpening a group
    only widens it)."""
    ranked = sorted(logits.values(), reverse=True)
    best = max(logits, key=logits.__getitem__)
    unsure = len(ranked) > 1 and ranked[0] - ranked[1] < DECISIVE_GAP * _temperature(evidence)
    if unsure or best not in allowed:
        return _decide(logits, evidence, allowed).code
    return best


def _temperature(evidence: TextEvidence) -> float:
    """What every log-odds of the text is divided by (see SHORT_TEXT_TEMPERATURE); the letters
    are compared first, because they are counted already and the words are not."""
    short = evidence.letters <= SHORT_TEXT_LETTERS and len(evidence.words) <= SHORT_TEXT_WORDS
    return SHORT_TEXT_TEMPERATURE if short else 1.0


def _calibrated(logits: dict[str, float], evidence: TextEvidence) -> dict[str, float]:
    """``logits`` calibrated (see SHORT_TEXT_TEMPERATURE and GROUP_SHARPNESS): all of them
    tempered if the text is short; otherwise, if the best candidate is in a group of
    GROUP_SHARPNESS, that group's split of its probability sharpened."""
    scale = _temperature(evidence)
    if scale != 1.0:
        return {lang: value / scale for lang, value in logits.items()}
    peak = max(logits.values())
    best = min(lang for lang, value in logits.items() if value == peak)  # (as :func:`_decide` ranks ties)
    for group, sharpness in GROUP_SHARPNESS.items():
        members = [lang for lang in group if lang in logits]
        if best in group and len(members) > 1:
            # the members' distances from the best grow by 1 / sharpness, and all of them are
            # lifted back to their total, so the best only gains (never less, whatever rounding)
            top = logits[best]
            sharpened = {lang: top + (logits[lang] - top) / sharpness for lang in members}
            total = _log_total([logits[lang] for lang in members])
            lift = max(0.0, total - _log_total(list(sharpened.values())))
            return {**logits, **{lang: value + lift for lang, value in sharpened.items()}}
    return logits


def _decide(
    logits: dict[str, float], evidence: TextEvidence, allowed: tuple[str, ...] = SUPPORTED_LANGUAGES
) -> Detection:
    """The calibrated probabilities of ``logits``, as a Detection over the ``allowed`` languages.
    Their probabilities are not renormalised: a restriction to ro, fr and de says which answers
    the caller can use, not that the text is in one of them, so an English text is "und" (its
    best allowed language is unlikely), not German at 0.53; a Czech text that reads a little
    Slovak, in a run restricted to Czech, is Czech with the confidence it has."""
    logits = _calibrated(logits, evidence)
    peak = max(logits.values())
    weights = {lang: math.exp(value - peak) for lang, value in logits.items()}
    total = sum(weights.values())
    ranked = sorted(((lang, w / total) for lang, w in weights.items()), key=lambda item: (-item[1], item[0]))
    if allowed is not SUPPORTED_LANGUAGES:  # (unrestricted, the filter would keep every language)
        ranked = [(lang, p) for lang, p in ranked if lang in allowed]
        if not ranked:
            return Detection(UNDETERMINED, 0.0, [], evidence.script, "model")
    candidates = [(lang, round(p, 4)) for lang, p in ranked[:CANDIDATES]]
    code, confidence = candidates[0]
    if confidence < MIN_CONFIDENCE:
        code = UNDETERMINED
    return Detection(code, confidence, candidates, evidence.script, "model")


def detect_article(
    title: str | None,
    paragraphs: Sequence[str],
    hint: str | None = None,
    languages: Sequence[str] | None = None,
) -> ArticleLanguage:
    """The article's language from title and body together, each paragraph's language, and the
    share of each language in the body. The page's hint is a prior for the whole article; the
    article's language is then the prior for its title and paragraphs, which a clear change of
    language (an English quote in a Romanian article) still overrules.

    All texts are read by the model in one vectorised pass, and the article-level scores are
    the paragraphs' and title's feature counts summed: no byte is read twice. Long bodies are
    sampled per paragraph (ARTICLE_CHARS in all), so the cost stays flat."""
    hint_code = normalize_hint(hint)
    paragraphs = [p if isinstance(p, str) else "" for p in paragraphs or []]
    title = title if isinstance(title, str) else ""
    try:
        return _detect_article(title, paragraphs, hint_code, _allowed(tuple(languages) if languages is not None else None))
    except Exception:  # noqa: BLE001 - a result, never an exception: "und" loses nothing downstream
        return ArticleLanguage(UNDETERMINED, 0.0, hint_code, {}, [UNDETERMINED] * len(paragraphs), UNDETERMINED)


def _detect_article(
    title: str, paragraphs: list[str], hint: str | None, allowed: tuple[str, ...]
) -> ArticleLanguage:
    limit = max(MIN_PARAGRAPH_CHARS, min(MAX_CHARS, ARTICLE_CHARS // max(1, len(paragraphs))))
    texts = _Text.many([_sample(p, limit) for p in paragraphs] + [_sample(title, MAX_CHARS)])
    scores, found, total = _score(texts)
    evidence = TextEvidence.combine([t.evidence for t in texts])
    overall = _decide_one(evidence, sum(len(t.data) for t in texts), total, hint, HINT_ODDS, allowed, "fast")
    article_code = overall.code if overall.code != UNDETERMINED else (hint if hint in allowed else UNDETERMINED)
    context = article_code if article_code != UNDETERMINED else None
    codes = _codes_in_context(texts, scores, found, context, allowed)
    return ArticleLanguage(
        code=article_code,
        confidence=overall.confidence if overall.code != UNDETERMINED else 0.0,
        hint=hint,
        shares=_shares(paragraphs, texts[:-1], codes[:-1]),
        paragraphs=codes[:-1],
        title=codes[-1],
    )


def _shares(paragraphs: list[str], texts: list[_Text], codes: list[str]) -> dict[str, float]:
    """Share of body letters per language; a sampled paragraph counts in proportion to its
    full length."""
    letters: dict[str, float] = {}
    for paragraph, text, code in zip(paragraphs, texts, codes, strict=True):
        sampled = max(1, len(text.evidence.text))
        scale = len(paragraph) / sampled if len(paragraph) > sampled else 1.0
        letters[code] = letters.get(code, 0) + text.evidence.letters * scale
    total = sum(letters.values())
    if not total:
        return {}
    return {code: round(count / total, 4) for code, count in sorted(letters.items()) if count}
