"""Language-independent signals: numbers with units, percentages, years, dates, spelling keys.

Two articles about the same event quote the same figures ("4,500 tons", "4.500 de tone",
"4 500 tonnes") and the same dates ("6 November", "6 noiembrie", "6 ноября") whatever their
language, and name the same people and places with similar letters once transliterated
("Rutte", "Рютте" -> "ryutte"). These signals let ``merge`` group articles that were never
translated. Each function returns hashable string keys; equal keys mean the same quantity.

The number reader is our own: locale-aware parsers (babel's ``parse_decimal``) need to know the
locale and reject the mixed conventions that appear in real pages (a Romanian page quoting
"4,500" from an English wire), while the rule used here needs no locale: a separator followed by
exactly three digits groups thousands, any other separator is the decimal mark.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Languages whose month names are recognised in dates (babel provides the names).
DATE_LOCALES = (
    "en", "ro", "fr", "de", "ru", "uk", "pl", "es", "it", "tr", "pt", "nl", "bg", "hu",
)

_SCALES: tuple[tuple[str, float], ...] = (
    # the first match wins: "mil millones" must come before "mil"
    ("mil millones", 1e9), ("thousand", 1e3), ("million", 1e6), ("billion", 1e9),
    ("miliard", 1e9), ("milliard", 1e9), ("мільярд", 1e9), ("миллиард", 1e9), ("млрд", 1e9),
    ("milyar", 1e9), ("mld", 1e9), ("miliardi", 1e9),
    ("milio", 1e6), ("millones", 1e6), ("milioni", 1e6), ("milyon", 1e6), ("миллион", 1e6),
    ("мільйон", 1e6), ("млн", 1e6), ("mln", 1e6), ("mio", 1e6), ("millionen", 1e6),
    ("tausend", 1e3), ("mille", 1e3), ("тысяч", 1e3), ("тыс", 1e3), ("тисяч", 1e3), ("тис", 1e3),
    ("mii", 1e3), ("mie", 1e3), ("tys", 1e3), ("mil", 1e3), ("bin", 1e3),
)
_UNITS: tuple[tuple[str, str], ...] = (
    ("%", "%"), ("per cent", "%"), ("percent", "%"), ("pour cent", "%"), ("prozent", "%"),
    ("procent", "%"), ("proc.", "%"), ("la sută", "%"), ("la suta", "%"), ("процент", "%"),
    ("відсот", "%"), ("por ciento", "%"), ("per cento", "%"),
    ("tonn", "t"), ("ton", "t"), ("тонн", "t"), ("тон", "t"),
    ("km", "km"), ("kilomet", "km"), ("kilometr", "km"), ("километр", "km"), ("кілометр", "km"),
    ("€", "eur"), ("euro", "eur"), ("евро", "eur"), ("євро", "eur"),
    ("$", "usd"), ("dollar", "usd"), ("dolar", "usd"), ("dólar", "usd"), ("доллар", "usd"),
    ("долар", "usd"),
)
_CLOCK_TIME = re.compile(r"(?<![\d.,:])(?:[01]?\d|2[0-3]):[0-5]\d(?![\d])")
# Words written before the figure for a percentage (Turkish "yüzde 5").
_PERCENT_BEFORE = re.compile(r"(?:yüzde|%)\s*$", re.IGNORECASE)
_CONNECTORS = frozenset({"de", "of", "d'", "di", "von", "dei", "des", "du"})

# A number: thousands groups (".", ",", space, no-break spaces) or plain digits, then an optional
# decimal part. Group separators must be consistent ("4.500.000", not "4.500,000" as groups).
_NUMBER = re.compile(
    r"(?<![\w.,])(?P<prefix>[%$€]\s?)?"
    r"(?P<int>\d{1,3}(?P<sep>[.,\u00a0\u202f ])\d{3}(?:(?P=sep)\d{3})*|\d+)"
    r"(?:[.,](?P<frac>\d+))?(?![\w])"
)


def number_keys(text: str, dates: list[tuple[str, int, int]] | None = None) -> list[str]:
    """Keys for the quantities quoted in ``text``, in order of appearance.

    ``n:4500`` for any number >= 10 (scale words applied: "5 million" -> ``n:5000000``),
    plus ``q:4500t`` when a unit follows (tonnes ``t``, ``km``, ``eur``, ``usd``);
    ``p:5`` for percentages ("5%", "%5", "5 per cent", "5 la sută"); ``y:2035`` for years.
    The plain ``n:`` key is always emitted so that a unit written in a language we do not
    know still matches on the figure alone.
    """
    for _, start, end in _dates(text) if dates is None else dates:
        text = text[:start] + " " * (end - start) + text[end:]  # day numbers are not quantities
    text = _CLOCK_TIME.sub(lambda m: " " * len(m.group()), text)
    keys: list[str] = []
    matches = list(_NUMBER.finditer(text))
    skip_next = False
    for position, match in enumerate(matches):
        if skip_next:
            skip_next = False
            continue
        value = _value(match)
        if value is None:
            continue
        following = text[match.end() : match.end() + 40].lower()
        prefix = (match.group("prefix") or "").strip()
        if prefix == "%" or _PERCENT_BEFORE.search(text[max(0, match.start() - 8) : match.start()]):
            keys.append(f"p:{_fmt(value)}")
            continue
        raw_int = match.group("int")
        is_year = raw_int.isdigit() and len(raw_int) == 4 and not match.group("frac") and not prefix
        if is_year and 1900 <= value <= 2100:
            keys.append(f"y:{int(value)}")
            continue
        scaled, rest = _apply_scale(value, following)
        if scaled != value and position + 1 < len(matches):
            # "4 bin 500 ton", "2 миллиона 300 тысяч": the scaled part plus a smaller remainder
            remainder = matches[position + 1]
            gap = text[match.end() : remainder.start()].strip()
            remainder_value = _value(remainder)
            if remainder_value is not None and gap.isalpha():
                remainder_value, remainder_rest = _apply_scale(
                    remainder_value, text[remainder.end() : remainder.end() + 40].lower())
                if remainder_value < scaled / value:  # smaller than one unit of the scale
                    scaled += remainder_value
                    rest = remainder_rest
                    skip_next = True
        value = scaled
        unit = _unit(rest) or {"$": "usd", "€": "eur"}.get(prefix)
        if unit == "%":
            keys.append(f"p:{_fmt(value)}")
            continue
        if value >= 10:
            keys.append(f"n:{_fmt(value)}")
            if unit:
                keys.append(f"q:{_fmt(value)}{unit}")
    return keys


def date_keys(text: str) -> list[str]:
    """``d:11-06`` for each day-and-month date written with a month name in a known language
    ("6 November", "November 6", "6. November", "6 de noviembre", "6 ноября", "6 Kasım")."""
    return [key for key, _, _ in _dates(text)]


def signal_keys(text: str) -> list[str]:
    """All figure signals of ``text``: its dates, then its numbers (``date_keys`` +
    ``number_keys``, reading the dates only once)."""
    dates = _dates(text)
    return [key for key, _, _ in dates] + number_keys(text, dates)


def spelling_keys(text: str) -> list[str]:
    """Transliterated word stems: each word of four or more letters, transliterated to ASCII
    (anyascii) and cut to its first five letters, so that inflected and foreign spellings of a
    name meet ("Ruttego", "Rutte'nin", "Рютте" -> ``rutte``/``ryutt``; "industriale",
    "industrie" -> ``indus``). Crude on purpose: it needs no language knowledge, and rarity
    weighting in ``merge`` silences the frequent stems."""
    return [key for key in map(_spelling_key, _WORD.findall(text)) if key]


_WORD = re.compile(r"[^\W\d_]{4,}")


@lru_cache(maxsize=100_000)
def _spelling_key(word: str) -> str | None:
    """Cached per word: anyascii walks characters in Python, and news vocabulary repeats."""
    from anyascii import anyascii

    letters = re.sub(r"[^a-z]", "", (word if word.isascii() else anyascii(word)).lower())
    return letters[:5] if len(letters) >= 4 else None


def _value(match: re.Match[str]) -> float | None:
    integer = match.group("int")
    separator = match.group("sep")
    if separator:
        integer = integer.replace(separator, "")
    frac = match.group("frac")
    try:
        return float(f"{integer}.{frac}") if frac else float(integer)
    except ValueError:
        return None


def _apply_scale(value: float, following: str) -> tuple[float, str]:
    words = following.lstrip()
    for scale_word, factor in _SCALES:
        if not words.startswith(scale_word):
            continue
        after = words[len(scale_word) : len(scale_word) + 1]
        if len(scale_word) <= 3 and after.isalpha():  # "mil" must not catch "miles"
            continue
        rest = re.sub(r"^\S*\s*", "", words[len(scale_word) :])  # skip an inflected ending
        return value * factor, rest
    return value, words


def _unit(following: str) -> str | None:
    words = following.strip().split(" ")
    while words and words[0] in _CONNECTORS:
        words = words[1:]
    rest = " ".join(words)
    for prefix, unit in _UNITS:
        if rest.startswith(prefix):
            return unit
    return None


def _fmt(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:.4g}"


@lru_cache(maxsize=1)
def _month_numbers() -> dict[str, int]:
    """Month name (any known language, wide and abbreviated, nominative and genitive) -> 1..12."""
    from babel.dates import get_month_names

    names: dict[str, int] = {}
    for locale in DATE_LOCALES:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, locale).items():
                    name = name.lower().rstrip(".")
                    if len(name) >= 3:
                        names.setdefault(name, number)
    return names


# A day number, then the word after it ("6 November", "6. November", "6 de noviembre") or before
# it ("November 6"): the word is looked up in the month table, far faster than one regular
# expression alternating hundreds of month names.
_DAY = re.compile(r"(?<![\d.,])\d{1,2}(?!\d|[.,]\d)")
_WORD_AFTER = re.compile(r"\.?\s+(?:de\s+)?([^\W\d_]+)")
_WORD_BEFORE = re.compile(r"(?<!\w)([^\W\d_]+)\.?\s+$")


def _dates(text: str) -> list[tuple[str, int, int]]:
    """``(key, start, end)`` of each day-and-month date in ``text``, in order."""
    months = _month_numbers()
    found = []
    for match in _DAY.finditer(text):
        day = int(match.group())
        if not 1 <= day <= 31:
            continue
        after = _WORD_AFTER.match(text, match.end())
        if after and after.group(1).lower() in months:
            month = months[after.group(1).lower()]
            found.append((f"d:{month:02d}-{day:02d}", match.start(), after.end()))
            continue
        before = _WORD_BEFORE.search(text[max(0, match.start() - 16) : match.start()])
        if before and before.group(1).lower() in months:
            month = months[before.group(1).lower()]
            start = match.start() - (len(before.group(0)))
            found.append((f"d:{month:02d}-{day:02d}", start, match.end()))
    return found
