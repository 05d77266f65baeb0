"""Language detection for articles, titles, short texts and close language pairs.

Three kinds of evidence are combined in log-probability space:

1. py3langid's naive Bayes scores (byte n-grams, fast, ~100 languages), tempered by the length
   of the text so that a two-word text does not get the certainty of a paragraph;
2. letter and script evidence (:mod:`normalizer.detect_evidence`): a letter a language does not
   write counts against it (ș against everything but Romanian, ы against Ukrainian, щ against
   Macedonian), a script only one supported language uses decides alone;
3. marker words that separate the members of a close group (Serbian "је" vs Macedonian "е",
   Norwegian "av" vs Danish "af"), counted only inside the group of the best candidate.

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

from normalizer.detect_evidence import (
    SCRIPTS,
    TextEvidence,
    clean_text,
    foreign_letters,
    gather_evidence,
    group_of,
    marker_counts,
)

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
HINT_ODDS = 30.0         # a declared page language is this many times likelier a priori
CONTEXT_ODDS = 60.0      # the article's own language, as prior for its title and short paragraphs
INDISTINCT_GROUPS = (("bs", "hr", "sr"), ("id", "ms"))
INDISTINCT_DAMPING = 0.1  # share of the model's preference kept inside an indistinct group
MIN_LETTERS = 2          # fewer letters than this: "und"
MIN_CONFIDENCE = 0.15    # a best guess less likely than this is reported as "und"
MAX_CHARS = 1500         # longer texts are sampled (start, middle, end) for speed
CANDIDATES = 3


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
) -> Detection:
    """Detect the language of ``text``; never raises. ``hint`` is a prior (a page's declared
    language), ``languages`` restricts the possible answers, ``hint_odds`` says how much likelier
    the hinted language is a priori."""
    try:
        return _detect(text, hint, languages, hint_odds)
    except Exception as error:  # noqa: BLE001 - the contract is "a result, never an exception"
        return Detection(UNDETERMINED, 0.0, [], None, f"error: {type(error).__name__}")


def _detect(text: object, hint: str | None, languages: Sequence[str] | None, hint_odds: float) -> Detection:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    if not isinstance(text, str):
        return Detection(UNDETERMINED, 0.0, [], None, "empty")
    allowed = _allowed(tuple(languages) if languages is not None else None)
    text = clean_text(_sample(text))
    evidence = gather_evidence(text)
    if evidence.letters < MIN_LETTERS or not allowed:
        return Detection(UNDETERMINED, 0.0, [], evidence.script, "empty")
    hint = normalize_hint(hint)
    candidates = [lang for lang in allowed if evidence.script in SCRIPTS[lang]]
    if not candidates:  # a script none of the allowed languages writes
        return Detection(UNDETERMINED, 0.0, [], evidence.script, "script")
    if len(candidates) == 1:
        confidence = round(min(0.99, 0.5 + 0.1 * evidence.letters), 4)
        return Detection(candidates[0], confidence, [(candidates[0], confidence)], evidence.script, "script")
    logits = _model_logits(text, candidates)
    if logits is None:
        return Detection(UNDETERMINED, 0.0, [], evidence.script, "empty")
    _merge_indistinct(logits)
    _add_letter_evidence(logits, evidence)
    _add_marker_evidence(logits, evidence)
    if hint in logits:
        logits[hint] += math.log(hint_odds)
    return _decide(logits, evidence)


@lru_cache(maxsize=64)
def _allowed(languages: tuple[str, ...] | None) -> tuple[str, ...]:
    if languages is None:
        return SUPPORTED_LANGUAGES
    return tuple(sorted({normalize_hint(code) for code in languages} - {None}))  # type: ignore[arg-type]


def _sample(text: str) -> str:
    """Long texts: three windows (start, middle, end) cut at spaces; a language that fills most of
    the text shows in all of them, and the cost stays flat for 5 MB inputs."""
    if len(text) <= MAX_CHARS:
        return text
    window = MAX_CHARS // 3
    middle = len(text) // 2 - window // 2
    parts = [text[:window], text[middle : middle + window], text[-window:]]
    return " … ".join(part.rsplit(" ", 1)[0] if " " in part[window // 2 :] else part for part in parts)


def _model_logits(text: str, candidates: list[str]) -> dict[str, float] | None:
    """Naive Bayes log-scores for the candidates, tempered to calibrated log-probabilities."""
    from normalizer.detect_model import load_model

    model = load_model(SUPPORTED_LANGUAGES)
    # py3langid's features include word boundaries: without the padding spaces a single word
    # often yields no feature at all
    data = f" {text.lower() if text.isupper() else text} ".encode()
    scores = model.scores(data)
    if scores is None:
        return None
    temperature = TEMPERATURE * math.sqrt(len(data))
    return {lang: scores[lang] / temperature for lang in candidates if lang in scores}


def _merge_indistinct(logits: dict[str, float]) -> None:
    """Within groups the n-gram model cannot really separate (Serbian/Croatian/Bosnian in Latin
    script, Malay/Indonesian), keep only a damped trace of its preference: there the marker
    words decide, and without any marker the answer stays the model's choice at low confidence
    instead of a confident coin toss."""
    for group in INDISTINCT_GROUPS:
        members = [lang for lang in group if lang in logits]
        if len(members) < 2:
            continue
        peak = max(logits[lang] for lang in members)
        for lang in members:
            logits[lang] = peak + INDISTINCT_DAMPING * (logits[lang] - peak)


def _add_letter_evidence(logits: dict[str, float], evidence: TextEvidence) -> None:
    special = evidence.special_in_script
    if not special:
        return
    for lang in logits:
        foreign = foreign_letters(special, lang)
        if foreign:
            logits[lang] -= FOREIGN_LETTER * min(foreign, FOREIGN_LETTER_CAP)


def _add_marker_evidence(logits: dict[str, float], evidence: TextEvidence) -> None:
    top = max(sorted(logits), key=logits.__getitem__)
    group = group_of(top)
    if not group:
        return
    for lang, count in marker_counts(evidence.words, group).items():
        if lang in logits:
            logits[lang] += MARKER_WORD * count


def _decide(logits: dict[str, float], evidence: TextEvidence) -> Detection:
    peak = max(logits.values())
    weights = {lang: math.exp(value - peak) for lang, value in logits.items()}
    total = sum(weights.values())
    ranked = sorted(((lang, w / total) for lang, w in weights.items()), key=lambda item: (-item[1], item[0]))
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
    article's language is then the prior for its title and short paragraphs, which a clear
    change of language (an English quote in a Romanian article) still overrules."""
    hint_code = normalize_hint(hint)
    paragraphs = [p if isinstance(p, str) else "" for p in paragraphs or []]
    title = title if isinstance(title, str) else ""
    body = "\n".join(paragraphs)
    overall = detect_language(body if body.strip() else title, hint_code, languages)
    article_code = overall.code if overall.code != UNDETERMINED else (hint_code or UNDETERMINED)
    context = article_code if article_code != UNDETERMINED else None
    paragraph_codes = [
        detect_language(p, context, languages, hint_odds=CONTEXT_ODDS).code if p.strip() else UNDETERMINED
        for p in paragraphs
    ]
    shares = _shares(paragraphs, paragraph_codes)
    title_code = UNDETERMINED
    if title.strip():
        title_code = detect_language(title, context, languages, hint_odds=CONTEXT_ODDS).code
    return ArticleLanguage(
        code=article_code,
        confidence=overall.confidence if overall.code != UNDETERMINED else 0.0,
        hint=hint_code,
        shares=shares,
        paragraphs=paragraph_codes,
        title=title_code,
    )


def _shares(paragraphs: list[str], codes: list[str]) -> dict[str, float]:
    letters: dict[str, int] = {}
    for paragraph, code in zip(paragraphs, codes, strict=True):
        letters[code] = letters.get(code, 0) + sum(1 for char in paragraph if char.isalpha())
    total = sum(letters.values())
    if not total:
        return {}
    return {code: round(count / total, 4) for code, count in sorted(letters.items()) if count}
