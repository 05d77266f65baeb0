"""Matching keys for names: repair, transliterate, fold, strip inflections.

Two spellings of one name should end up with at least one key in common, two different names
should not. A name becomes a tuple of tokens; each token gets a *set* of candidate keys: its
folded form plus the stems left after removing the case endings its language may have added
("Никушора" -> {nikusora, nikusor}). Two tokens match when their sets intersect, which handles
inflection without a dictionary and without guessing which form is the nominative.

Each Latin token is read twice: as written (languages written in Latin mostly keep a foreign
name's spelling: Polish "Giorgii Meloni") and as pronounced in its language (French "ch" = sh,
Polish "sz" = sh, Turkish "c" = j, German "w" = v ...), because other scripts transliterate the
sound ("Loukachenko" / "Лукашенко"). Transliteration uses anyascii (a well-kept table covering
every script) except for Cyrillic, where Russian and Ukrainian read the same letters differently
(Ukrainian и = y, г = h, і = i): PyICU has no wheels for this platform, so the small tables below
stand in for its Russian-Latin/BGN and Ukrainian-Latin/BGN transforms.

Two keys come out of a reading: the *fold* (romanisation choices made equal: y/j/i, sh/sch/sz/ș,
z/s, w/v, kh/h, doubled letters; "Selenskyj", "Zelenskyy", "Зеленский" -> "selenski") and the
*skeleton* (consonant classes only, for names that other scripts write by ear: "Joe Biden" /
"Джо Байден" -> "J bdn"), which is only trusted between different scripts.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import product

from anyascii import anyascii

# --- repair -------------------------------------------------------------------------------

_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff\u180e"), None)
_APOSTROPHES = dict.fromkeys(map(ord, "\u2019\u2018\u02bc\u02bb\u0060\u00b4\u2032\u02b9\uff07"), "'")
_QUOTES = dict.fromkeys(map(ord, "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033\u301d\u301e"), '"')
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011"), "-")
_REPAIR_TABLE = {**_INVISIBLE, **_APOSTROPHES, **_QUOTES, **_DASHES}
_CEDILLA_TO_COMMA = str.maketrans("şţŞŢ", "șțȘȚ")
#: one-for-one replacements only, so that offsets into a running text stay valid.
_TEXT_TABLE = {**_APOSTROPHES, **_DASHES}
_RO_TEXT_TABLE = {**_TEXT_TABLE, **_CEDILLA_TO_COMMA}
#: the characters the tables above would replace: most texts have none, and looking for each
#: one with ``in`` (a fast C scan) is far cheaper than ``str.translate`` with a dict, which
#: looks up every character, or than a regex with a character class (eight times slower).
_TEXT_CHANGES = "".join(map(chr, _TEXT_TABLE))
_RO_TEXT_CHANGES = "".join(map(chr, _RO_TEXT_TABLE))
_WHITESPACE = re.compile(r"\s+")

#: letters that exist in Romanian but not in Turkish, and the reverse; used to tell whose
#: cedilla it is when no language is known.
_ROMANIAN_ONLY = set("ăâîțȚĂÂÎșȘţŢ")
_TURKISH_ONLY = set("ğĞıİöÖüÜçÇ")


def repair(text: str, lang: str | None = None) -> str:
    """Unicode-normalise a name or a text without changing its length semantics for names:
    NFC, invisible characters dropped, apostrophes/quotes/hyphens unified, whitespace collapsed.
    Romanian cedilla letters become comma-below only when the text is Romanian (Turkish ş stays)."""
    ascii_only = text.isascii()
    if not ascii_only and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    text = text.translate(_REPAIR_TABLE)
    if "  " in text or not text.isprintable():
        text = _WHITESPACE.sub(" ", text)
    text = text.strip()
    if not ascii_only and (lang == "ro" or (lang is None and looks_romanian(text))):
        text = text.translate(_CEDILLA_TO_COMMA)
    return text


def repair_text(text: str, lang: str | None) -> str:
    """Repair a running text (title, body) for names while keeping every offset valid: only
    one-for-one character replacements (apostrophes, cedilla -> comma-below for Romanian).
    NFC is applied only when it keeps the length, so offsets into the input stay valid."""
    if not unicodedata.is_normalized("NFC", text):
        composed = unicodedata.normalize("NFC", text)
        text = composed if len(composed) == len(text) else text
    romanian = lang == "ro"
    if not any(ch in text for ch in (_RO_TEXT_CHANGES if romanian else _TEXT_CHANGES)):
        return text
    return text.translate(_RO_TEXT_TABLE if romanian else _TEXT_TABLE)


def looks_romanian(name: str) -> bool:
    """True when a name written without a known language is clearly Romanian: it has a letter
    Turkish lacks (ă â î ț) and none that Romanian lacks (ğ ı ö ü ç)."""
    letters = set(name)
    return bool(letters & _ROMANIAN_ONLY) and not letters & _TURKISH_ONLY


def has_cedilla(name: str) -> bool:
    return any(ch in "şţŞŢ" for ch in name)


# --- scripts and transliteration ----------------------------------------------------------

# Cache: ~60 B per character: 4,096 hold every alphabet a run meets (0.25 MB).
@lru_cache(maxsize=4096)
def _char_script(ch: str) -> str:
    name = unicodedata.name(ch, "")
    script = name.split(" ", 1)[0] if name else "Unknown"
    return "CJK" if script in ("CJK", "HIRAGANA", "KATAKANA") else script


# Cache: ~220 B per name, 7 MB when full; a miss costs ~3.5 µs.
@lru_cache(maxsize=32_768)
def script_of(text: str) -> str:
    """The dominant script of a name's letters: "Latin", "Cyrillic", "Greek", ... or "None"."""
    if text.isascii():
        return "Latin" if any(ch.isalpha() for ch in text) else "None"
    counts: dict[str, int] = {}
    for ch in text:
        if ch.isalpha():
            script = _char_script(ch)
            counts[script] = counts.get(script, 0) + 1
    if not counts:
        return "None"
    return max(sorted(counts), key=counts.__getitem__).title()


_RU = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
               ["a", "b", "v", "g", "d", "e", "yo", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"]))
_UK = {**_RU, "г": "h", "ґ": "g", "е": "e", "є": "ye", "и": "y", "і": "i", "ї": "yi", "й": "y",
       "'": "", "ь": ""}
_BG = {**_RU, "щ": "sht", "ъ": "a", "ь": ""}
_SR = {**_RU, "ђ": "dj", "ј": "y", "љ": "ly", "њ": "ny", "ћ": "ch", "џ": "j"}
_CYRILLIC_TABLES = {"ru": _RU, "uk": _UK, "bg": _BG, "be": _RU, "kk": _RU, "sr": _SR, "mk": _SR}
_UKRAINIAN_LETTERS = set("іїєґІЇЄҐ")
_RU_IOTATED = {"е": "ye", "ё": "yo"}
_VOWELS_CYR = set("аеёиоуыэюяіїєaeiou")
_GREEK_DIGRAPHS = [("ου", "u"), ("μπ", "b"), ("ντ", "d"), ("γκ", "g"), ("γγ", "ng"), ("αι", "e"),
                   ("ει", "i"), ("οι", "i"), ("τσ", "ts"), ("τζ", "dz")]


_CYRILLIC_LETTER = re.compile("[\u0400-\u04ff]")
_GREEK_LETTER = re.compile("[\u0370-\u03ff]")


def _cyrillic_table(text: str, lang: str | None) -> dict[str, str]:
    if lang in _CYRILLIC_TABLES:
        return _CYRILLIC_TABLES[lang]
    return _UK if set(text) & _UKRAINIAN_LETTERS else _RU


def to_latin(text: str, lang: str | None = None) -> str:
    """Latin-script lowercase form: Cyrillic with the Russian/Ukrainian/Bulgarian/Serbian reading
    (Russian е/ё are "ye"/"yo" after a vowel or at the start), Greek digraphs by sound, every
    other non-Latin script through anyascii, Latin letters kept with their accents."""
    lowered = text.lower()
    if lowered.isascii():
        return lowered
    table = _cyrillic_table(lowered, lang) if _CYRILLIC_LETTER.search(lowered) else None
    if _GREEK_LETTER.search(lowered):
        lowered = unicodedata.normalize("NFD", lowered)
        lowered = "".join(c for c in lowered if not unicodedata.combining(c))
        for greek, latin in _GREEK_DIGRAPHS:
            lowered = lowered.replace(greek, latin)
    out = []
    previous = ""
    for ch in lowered:
        if table is not None and ch in table:
            if table is not _UK and ch in _RU_IOTATED and (not previous or previous in _VOWELS_CYR or previous in "ьъ"):
                out.append(_RU_IOTATED[ch])
            else:
                out.append(table[ch])
        elif ch.isascii() or _char_script(ch) == "LATIN":
            out.append(ch)
        else:
            out.append(anyascii(ch).lower())
        previous = ch if ch.isalpha() else ""
    return "".join(out)


# Latin letters whose sound the keys need before anyascii drops the diacritic.
_LATIN_SOUNDS = str.maketrans({"ș": "sh", "ş": "sh", "š": "sh", "ś": "sh", "ț": "ts", "ţ": "ts",
                               "č": "ch", "ć": "ch", "ç": "ch", "ž": "zh", "ż": "zh", "ź": "zh",
                               "ł": "l", "đ": "dj", "ß": "ss", "æ": "ae", "ø": "o", "œ": "oe"})


_LOOKBEHIND = re.compile(r"^\(\?<=[^)]*\)")


def _rules(*pairs: tuple[str, str]) -> list[tuple[str, re.Pattern[str], str]]:
    """Compiled (trigger, pattern, replacement) rules; ``trigger`` is a letter every match
    contains ("" when there is none to tell), so that a rule is skipped with a cheap ``in``
    test on the many words it cannot apply to."""
    out = []
    for pattern, replacement in pairs:
        head = _LOOKBEHIND.sub("", pattern)[:1]
        out.append((head if head.isalpha() else "", re.compile(pattern), replacement))
    return out


def _apply(rules: list[tuple[str, re.Pattern[str], str]], text: str) -> str:
    for trigger, pattern, replacement in rules:
        if trigger in text:
            text = pattern.sub(replacement, text)
    return text


# How each language's spelling sounds, in one English-like convention (sh, ch, zh, kh, j = dzh,
# y = y). Upper-case letters are placeholders so that a later rule cannot rewrite an earlier one.
_SLAVIC_LATIN = _rules(("dž", "J"), ("ch", "kh"), ("c(?!h)", "ts"), ("j", "y"), ("č", "C"), ("ć", "C"))
_PRONUNCIATION: dict[str, list[tuple[str, re.Pattern[str], str]]] = {
    "pl": _rules(("ch", "kh"), ("szcz", "SC"), ("sz", "S"), ("cz", "C"), ("rz", "Z"), ("c(?![hSCZ])", "ts"),
                 ("w", "v"), ("j", "y"), ("ó", "u"), ("ń", "n"), ("ę", "en"), ("ą", "on")),
    "cs": _SLAVIC_LATIN, "sk": _SLAVIC_LATIN, "hr": _SLAVIC_LATIN, "sl": _SLAVIC_LATIN,
    "bs": _SLAVIC_LATIN, "sr": _SLAVIC_LATIN,
    "de": _rules(("tsch", "C"), ("sch", "S"), ("ch", "kh"), ("j", "y"), ("w", "v"), ("z", "ts"),
                 ("ä", "e"), ("ö", "o"), ("ü", "u")),
    "nl": _rules(("oe", "u"), ("ij", "ei"), ("sch", "sk"), ("ch", "kh"), ("j", "y"), ("w", "v")),
    "fr": _rules(("(?<=[^s])s$", ""), ("(?<=[^aeiouy])e$", ""), ("ç", "s"), ("tch", "C"), ("ch", "S"), ("ou", "u"), ("eu", "e"), ("gu(?=[eiyéèê])", "G"), ("g(?=[eiyéèê])", "Z"),
                 ("j", "Z"), ("qu", "k"), ("c(?=[eiy])", "s"), ("ï", "i")),
    "es": _rules(("ch", "C"), ("j", "kh"), ("g(?=[ei])", "kh"), ("ll", "y"), ("ñ", "ny"), ("qu", "k"),
                 ("c(?=[ei])", "s"), ("z", "s")),
    "it": _rules(("ch", "k"), ("gh", "G"), ("sc(?=[ei])", "S"), ("ci(?=[aou])", "C"), ("c(?=[ei])", "C"),
                 ("gi(?=[aou])", "J"), ("g(?=[ei])", "J"), ("gli", "ly"), ("gn", "ny"), ("z", "ts")),
    "ro": _rules(("ch(?=[ei])", "K"), ("gh(?=[ei])", "G"), ("ci(?=[aouă])", "C"), ("c(?=[ei])", "C"),
                 ("gi(?=[aouă])", "J"), ("g(?=[ei])", "J"), ("â", "i"), ("î", "i"), ("ă", "a")),
    "tr": _rules(("c", "J"), ("ğ", ""), ("ı", "i"), ("ö", "o"), ("ü", "u")),
    "pt": _rules(("ch", "S"), ("x", "S"), ("lh", "ly"), ("nh", "ny"), ("ç", "s"), ("j", "Z"),
                 ("g(?=[ei])", "Z"), ("qu", "k"), ("c(?=[ei])", "s")),
    "hu": _rules(("sz", "Q"), ("zs", "Z"), ("cs", "C"), ("s", "S"), ("gy", "dy"), ("Q", "s")),
    "sv": _rules(("j", "y"), ("å", "o")), "no": _rules(("j", "y"), ("å", "o")),
    "da": _rules(("j", "y"), ("å", "o")), "fi": _rules(("j", "y"),), "et": _rules(("j", "y"),),
    "lt": _rules(("j", "y"),), "lv": _rules(("j", "y"),),
}
_PLACEHOLDERS = str.maketrans({"C": "ch", "S": "sh", "Z": "zh", "J": "j", "K": "k", "G": "g"})


_NOT_ALNUM = re.compile(r"[^a-z0-9]")


def _ascii(text: str) -> str:
    if not text.isascii():
        text = anyascii(text.translate(_LATIN_SOUNDS))
    return _alnum(text.lower())


def _alnum(text: str) -> str:
    """An ASCII lowercase ``text`` with only its letters and digits; most readings have nothing
    to drop, and ``isalnum`` says so faster than a substitution."""
    return text if text.isalnum() else _NOT_ALNUM.sub("", text)


# Cache: ~320 B per token, 5 MB when full. Asked only when the word's own key is not
# cached, so few calls hit (under 10%, even with 200,000 entries).
@lru_cache(maxsize=16_384)
def readings(token: str, lang: str | None) -> tuple[str, ...]:
    """The ASCII readings of one token: as written and, when its language spells sounds its
    own way, as pronounced (see the module docstring). Non-Latin tokens have one reading."""
    latin = to_latin(token, lang)
    out = [_ascii(latin)]
    if latin == token.lower() and not latin.isascii():
        out.append(_alnum(anyascii(latin).lower()))  # as English press writes it: "Vucic"
    if "г" in token.lower() and (lang == "uk" or set(token.lower()) & _UKRAINIAN_LETTERS):
        out.append(_ascii(to_latin(token.lower().replace("г", "ґ"), "uk")))  # Ukrainian г for a foreign g
    rules = _PRONUNCIATION.get(lang or "")
    if rules is not None and latin == token.lower():
        out.append(_ascii(_apply(rules, latin).translate(_PLACEHOLDERS)))
    return tuple(dict.fromkeys(r for r in out if r))


# The fold and the skeleton run once per distinct token, so each is a few passes: one regex
# for the multi-letter spellings (longest first), one translate for single letters, then the
# context rules.
_FOLD_MULTI = {"tsch": "C", "tch": "C", "dzh": "i", "dz": "i", "dj": "i", "shch": "s", "sch": "s",
               "sh": "s", "zh": "s", "sz": "s", "cz": "C", "ch": "C", "ts": "s", "tz": "s", "ck": "k",
               "kh": "k", "ph": "f", "ou": "u"}
# "h" goes in the single-letter pass: every "ch" is gone by then, so no rule below sees it.
_FOLD_SINGLE = str.maketrans({"q": "k", "x": "ks", "w": "v", "j": "i", "y": "i", "z": "s", "h": None})
_FOLD_CONTEXT = _rules((r"c(?=[aouklrt]|$)", "k"), (r"(?<=[^aeiou])iu", "u"), (r"(.)\1+", r"\1"))
_SKELETON_MULTI = {"dzh": "J", "dzj": "J", "dj": "J", "dz": "J", "shch": "s", "sch": "s", "sh": "s",
                   "zh": "s", "sz": "s", "ts": "s", "tz": "s", "tsch": "C", "tch": "C", "ch": "C",
                   "cz": "C", "ck": "k", "kh": "", "gh": "", "ph": "v",
                   "ce": "se", "ci": "si", "cy": "sy"}
_SKELETON_SINGLE = str.maketrans({"j": "J", "z": "s", "x": "s", "c": "k", "q": "k", "g": "", "h": "",
                                  "w": "v", "f": "v", "a": "", "e": "", "i": "", "o": "", "u": "", "y": ""})
_SKELETON_DOUBLES = re.compile(r"(.)\1+")


def _multi(mapping: dict[str, str]) -> re.Pattern[str]:
    return re.compile("|".join(sorted(mapping, key=lambda k: (-len(k), k))))


_FOLD_PATTERN = _multi(_FOLD_MULTI)
_SKELETON_PATTERN = _multi(_SKELETON_MULTI)


# Cache: ~230 B per reading, 7.5 MB when full; four calls in five hit, a miss costs ~4 µs.
@lru_cache(maxsize=32_768)
def fold(reading: str) -> str:
    """Phonetic fold of one ASCII reading: romanisation choices made equal ("C" is the ch
    sound, kept apart from k and s)."""
    text = _apply(_FOLD_CONTEXT, _FOLD_PATTERN.sub(lambda m: _FOLD_MULTI[m.group()], reading).translate(_FOLD_SINGLE))
    return text or reading


# Cache: ~210 B per reading, 3.5 MB when full; one call in three hits.
@lru_cache(maxsize=16_384)
def skeleton(reading: str) -> str:
    """Consonant classes of one ASCII reading, for cross-script matching only."""
    text = _SKELETON_PATTERN.sub(lambda m: _SKELETON_MULTI[m.group()], reading)
    return _SKELETON_DOUBLES.sub(r"\1", text.translate(_SKELETON_SINGLE))


# Cache: ~200 B per word, 3 MB when full; a miss costs under 1 µs, the frequent words hit.
@lru_cache(maxsize=16_384)
def plain(text: str) -> str:
    """Accent- and case-free ASCII form, for lexicon look-ups (title words, particles)."""
    return anyascii(text).lower()


# --- inflection ---------------------------------------------------------------------------

_SLAVIC_COMMON = ["owi", "ego", "emu", "em", "om", "ie", "a", "u", "y", "i", "e", "ą", "ę", "ii",
                  "ia", "ię", "ią", "go", "ovi", "ou", "ami", "ach", "ów", "iego", "ej",
                  # adjective endings of names such as "Stany Zjednoczone" / "Stanach Zjednoczonych"
                  "ych", "ich", "ym", "im", "ymi", "imi", "iej", "ými", "ých", "ým", "ého", "ému", "é", "ý"]
_SUFFIXES: dict[str, list[str]] = {
    "ru": ["ого", "его", "ому", "ему", "ым", "им", "ой", "ей", "ий", "ый", "ом", "ем", "ою", "ею",
           "ами", "ями", "ах", "ях", "ов", "ев", "ии", "ия", "ию", "а", "я", "у", "ю", "е", "ы", "и"],
    "uk": ["ові", "еві", "єві", "ого", "ому", "им", "ій", "ий", "ом", "ем", "ою", "ею", "ії", "ія",
           "ію", "а", "я", "у", "ю", "і", "ї", "е", "и", "ої", "ої", "ій", "их", "ими", "іх", "ах", "ях",
           "ами", "ями"],
    "pl": _SLAVIC_COMMON,
    "cs": _SLAVIC_COMMON, "sk": _SLAVIC_COMMON, "hr": _SLAVIC_COMMON, "sl": _SLAVIC_COMMON,
    "bs": _SLAVIC_COMMON, "lt": ["as", "o", "ui", "ą", "u", "is", "io", "iui", "ys", "us"],
    "lv": ["s", "a", "am", "u", "ā", "š"], "ro": ["ului", "ul", "lui", "le", "lor"],
    "de": ["s"], "hu": ["nak", "nek", "val", "vel", "ban", "ben", "t", "ot", "et"],
    "fi": ["n", "lla", "llä", "ssa", "ssä", "sta", "stä", "lle", "in"],
    "el": ["ου", "ς", "η", "α"],
}
_SUFFIXES["be"] = _SUFFIXES["sr"] = _SUFFIXES["mk"] = _SUFFIXES["ru"]
_SUFFIXES["bg"] = ["а", "я", "та", "ът"]
#: (suffix, replacement, shortest stem), for endings that swap rather than drop letters:
#: Romanian "României" -> "România", "Ucrainei" -> "Ucraina", "Dunării" -> "Dunărea"; the
#: longer minimum keeps "Andrei" from being read as a form of "Andra".
#: Romanian also turns "Coreea" into "Coreei", and "-na" into "-nei" even after a short stem
#: ("Oana" / "Oanei", "China" / "Chinei"; no masculine name ends in "-nei" as "Andrei" does).
#: Polish locatives and datives soften the last consonant: "Ankara" / "w Ankarze",
#: "Madryt" / "w Madrycie", "Bagdad" / "w Bagdadzie", "Ameryka" / "w Ameryce", "Ryga" / "w Rydze",
#: "Michał" / "o Michale" (each ending is read back to the consonant and to consonant + "a").
_POLISH_SOFTENING = [("rze", "r", 3), ("rze", "ra", 3), ("cie", "t", 3), ("cie", "ta", 3),
                     ("dzie", "d", 3), ("dzie", "da", 3), ("ce", "ka", 3), ("dze", "ga", 2),
                     ("le", "l", 4), ("le", "la", 4), ("sze", "cha", 3),
                     # genitive of feminine -ga / -yka nouns and names: "Iga" / "Igi", "Ameryka" / "Ameryki"
                     ("gi", "ga", 1), ("yki", "yka", 3), ("iki", "ika", 3)]
_REPLACEMENTS: dict[str, list[tuple[str, str, int]]] = {
    "ro": [("iei", "ia", 3), ("eei", "eea", 3), ("nei", "na", 2), ("ei", "a", 5), ("ii", "ea", 4)],
    "pl": _POLISH_SOFTENING,
    # Ukrainian datives and locatives soften г, к, х before і: "Ольга" / "Ользі", "Гаага" / "Гаазі",
    # "Америка" / "Америці".
    "uk": [("зі", "га", 2), ("ці", "ка", 2), ("сі", "ха", 2)],
}
INFLECTING = frozenset(_SUFFIXES)
_MIN_STEM = 3
#: lowercase letters after an apostrophe: Turkish case suffixes, also chained ("Rutte'nin",
#: "Almanya'dakilerden"), and English "'s".
_APOSTROPHE_TAIL = re.compile(r"^(.{2,}?)'([a-zçğıöşüâîû]{1,12})$")
_HYPHEN_TAIL = re.compile(r"^(.{2,}?)-([^\W\d_]{1,10})$")
#: lowercase words glued to a name by a hyphen that are not part of it: Romanian articles
#: ("NATO-ului"), English compounds ("Rutte-led"). Any lowercase tail after an acronym goes too.
_HYPHEN_CLITICS = frozenset(["ul", "ului", "lui", "ei", "ii", "le", "lor", "a", "uri", "urilor", "led", "based", "backed", "style", "era", "linked", "born", "owned", "run", "made", "wide", "friendly", "like", "type", "related", "bound", "allied", "controlled", "sponsored", "funded", "brokered", "proof"])
_ARTICLE_PREFIX = re.compile(r"^(?:al|el|as|ad|ash|at|an|ar|az|aş|аль|ас|эль|ель|ад|аш)-(?=\w)", re.IGNORECASE)


def _drop_article_prefix(token: str) -> str:
    """ "al-Sharaa" -> "Sharaa"; the hyphen test skips the regex for nearly every token."""
    return _ARTICLE_PREFIX.sub("", token) if "-" in token else token
_ELISION_HEAD = re.compile(r"^(?:[^\W\d_]{1,4})'(?=[^\W\d_]{2})")


# Cache: ~115 B per word, 2 MB when full; asked for every word, but a miss costs ~0.2 µs.
@lru_cache(maxsize=16_384)
def strip_affixes(token: str) -> str:
    """Drop clitics that are never part of a name in any language: "Rutte's", "Rutte'nin",
    "NATO-ului", "Rutte-led" (known lowercase tails after an apostrophe or hyphen; "Kim
    Jong-un" keeps its "-un"), "d'Ukraine", "dell'Europa" (elided articles in front), and a
    German genitive apostrophe ("Scholz'")."""
    if "'" in token:  # the cheap test first: most words have neither an apostrophe nor a hyphen
        token = _ELISION_HEAD.sub("", token) if token[:1].islower() else token
        match = _APOSTROPHE_TAIL.match(token)
        if match:
            token = match.group(1)
    match = _HYPHEN_TAIL.match(token) if "-" in token else None
    if match and match.group(2).islower() and (match.group(2) in _HYPHEN_CLITICS or match.group(1).isupper()):
        token = match.group(1)
    return token.strip("'-.")


@lru_cache(maxsize=64)
def _suffixes(lang: str) -> tuple[tuple[str, str, int], ...]:
    """The language's endings as they read in ASCII (the reading of a stem + ending, minus the
    reading of the stem, so that context rules such as Russian "ye" apply as in real words)."""
    out = set()
    stem = "б" if lang in ("ru", "uk", "bg", "be", "sr", "mk") else "β" if lang == "el" else "b"
    base = readings(stem, lang)[0]
    for suffix in _SUFFIXES.get(lang, ()):
        out.add((readings(stem + suffix, lang)[0][len(base):], "", _MIN_STEM))
    for suffix, replacement, shortest in _REPLACEMENTS.get(lang, ()):
        out.add((_ascii(suffix), _ascii(replacement), shortest))
    return tuple(sorted(out))


@lru_cache(maxsize=64)
def _suffix_table(lang: str) -> tuple[int, dict[str, list[tuple[str, int]]]]:
    table: dict[str, list[tuple[str, int]]] = {}
    for suffix, replacement, shortest in _suffixes(lang):
        if suffix:
            table.setdefault(suffix, []).append((replacement, shortest))
    return max(map(len, table), default=0), table


# Cache: ~400 B per reading, 3.3 MB when full; a miss costs ~1 µs and few calls hit (~15%).
@lru_cache(maxsize=8_192)
def stems(reading: str, lang: str | None) -> frozenset[str]:
    """The reading and what is left after removing each ending ``lang`` may add."""
    if not lang or lang not in INFLECTING:
        return frozenset((reading,))
    longest, table = _suffix_table(lang)
    result = {reading}
    for size in range(1, min(longest, len(reading) - 1) + 1):
        for replacement, shortest in table.get(reading[-size:], ()):
            if len(reading) - size >= shortest:
                result.add(reading[:-size] + replacement)
    return frozenset(result)


def rule_lang(token: str, lang: str | None) -> str | None:
    """The language whose endings apply: the given one, or for Cyrillic without a language,
    Ukrainian when Ukrainian-only letters show, else Russian."""
    if lang is None and _CYRILLIC_LETTER.search(token):
        return "uk" if set(token.lower()) & _UKRAINIAN_LETTERS else "ru"
    return lang


# --- keys ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class TokenKey:
    """``primary``: fold of the token as written; ``candidates``: folds of every reading and of
    its stems in the token's own language; ``skeletons``: the same as consonant skeletons;
    ``vowel_stems``: folds without a final vowel, which another language's case ending may
    replace ("Giorgia" -> "giorgi", met by Polish "Giorgii")."""

    primary: str
    candidates: frozenset[str]
    skeletons: frozenset[str]
    vowel_stems: frozenset[str]


@dataclass(frozen=True)
class NameKey:
    tokens: tuple[TokenKey, ...]
    script: str
    #: the tokens' primary folds joined: the key's identity in indexes (computed once).
    primary: str = field(init=False, compare=False)
    #: ``combos()`` of the candidates, computed once: every index look-up needs them.
    all_combos: tuple[str, ...] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "primary", " ".join(t.primary for t in self.tokens))
        object.__setattr__(self, "all_combos", _combos(tuple(t.candidates for t in self.tokens), 64))

    def combos(self, pools: list[frozenset[str]] | None = None, limit: int = 64) -> tuple[str, ...]:
        """Every way of choosing one candidate per token, joined (longest first): two names
        whose tokens all match pairwise share one of these strings."""
        if pools is None and limit == 64:
            return self.all_combos
        chosen = tuple(pools) if pools is not None else tuple(t.candidates for t in self.tokens)
        return _combos(chosen, limit)


# Cache: ~450 B per entry, 7.3 MB when full; a miss costs ~4 µs.
@lru_cache(maxsize=16_384)
def _combos(pools: tuple[frozenset[str], ...], limit: int) -> tuple[str, ...]:
    if all(len(pool) == 1 for pool in pools):
        return (" ".join(next(iter(pool)) for pool in pools),)
    ordered = [sorted(pool, key=lambda c: (-len(c), c)) for pool in pools]
    out = []
    for combo in product(*ordered):
        out.append(" ".join(combo))
        if len(out) >= limit:
            break
    return tuple(out)


_TOKEN = re.compile(r"[^\s]+")
#: lowercase name particles, in Latin and Cyrillic script.
_PARTICLES = frozenset(["de", "van", "von", "der", "den", "ter", "ten", "zu", "di", "da", "dos", "das", "do", "du", "des", "del", "della", "dei", "la", "le", "bin", "ibn", "ben", "bint", "al", "el", "y", "e", "фон", "дер", "ван", "де", "да", "ди", "дос", "дю", "ді", "бин", "ибн", "бен", "ле", "ла", "аль", "эль"])
_MAX_NAME = 200


def _is_particle(word: str, position: int) -> bool:
    """Lowercase particles anywhere; capitalised ones after the first word, because spellings
    differ in case ("Marine Le Pen" / "Марин Ле Пен", "Van der Bellen" / "van der Bellen")
    while a leading one belongs to a place ("El Salvador", "La Paz")."""
    return word in _PARTICLES or (position > 0 and word.lower() in _PARTICLES)

#: a particle written together with the name ("DiCaprio", "DeSantis", "LaGuardia"): other
#: spellings separate it ("Ди Каприо"), and separate particles are not matched on.
_CAMEL_PARTICLE = re.compile(r"^(?:Di|De|Da|Du|Van|Von|La|Le|Del|Della|Dos)(?=[A-Z][a-z])")


def _drop_camel_particle(token: str) -> str:
    return _CAMEL_PARTICLE.sub("", token) if token[:1] in "DVL" else token


# Cache: ~1 KB per token (three frozensets), 33 MB when full, the largest of the names
# stage: enough to keep the first names and surnames that recur (a miss costs ~10 µs).
@lru_cache(maxsize=32_768)
def _token_key(raw: str, lang: str | None) -> TokenKey | None:
    """One token's key (cached: names share first names and surnames); None for a token
    with nothing to match on. Particles ("von der", "bin") are skipped by the caller: they
    stay in the surface but are not needed to match."""
    token = _drop_article_prefix(strip_affixes(raw))
    if not token:
        return None
    if 1 < len(token) <= 5 and token.isupper():
        # An acronym is matched letter for letter ("EEUU" is not "EU", "BCE" not read as French).
        letters = _ascii(to_latin(token, None)) or token.lower()
        return TokenKey(letters, frozenset((letters,)), frozenset(("~" + letters,)), frozenset((letters,)))
    own = rule_lang(token, lang)
    token_readings = readings(token, own)
    if not any(token_readings):
        return None
    stemmed = [stem for reading in token_readings for stem in stems(reading, own)]
    vowel_stems = frozenset(fold(r[:-1]) for r in token_readings
                            if len(r) > _MIN_STEM + 1 and r[-1] in "aeiouy") | {fold(r) for r in token_readings}
    # A token without consonants to speak of ("Iga", "Ion") is matched across scripts by its fold.
    skeletons = frozenset(skeleton(s) or "~" + fold(s) for s in stemmed)
    candidates = frozenset(fold(s) for s in stemmed)
    same_name = {group for c in candidates if (group := _given_names().get(c))}
    return TokenKey(fold(token_readings[0]), candidates | same_name, skeletons | same_name, vowel_stems)


@lru_cache(maxsize=1)
def _given_names() -> dict[str, str]:
    """Fold of every form of a given name -> a tag shared by its group (names_cues.toml)."""
    import tomllib
    from importlib import resources

    data = tomllib.loads(resources.files("normalizer").joinpath("data", "names_cues.toml").read_text("utf-8"))
    tags: dict[str, str] = {}
    for group in data["given_names"]["groups"]:
        tag = "=" + group[0].lower()
        for form in group:
            for reading in readings(form, rule_lang(form, None)):
                tags.setdefault(fold(reading), tag)
    return tags


# Cache: ~430 B per name, 3.5 MB when full. The registry and ``Gazetteer.knows`` remember
# the names they have seen: this only serves a name just found in a text, then registered.
@lru_cache(maxsize=8_192)
def name_key(core: str, lang: str | None) -> NameKey:
    """Key of a name already reduced to its core (no titles, no "lui"): see module docstring.
    Over-long input is cut so that a 10,000-character "name" costs no more than a long one."""
    core = core[:_MAX_NAME]
    words = _TOKEN.findall(core)
    # Hyphens join parts of one name in some spellings only ("Kim Jong-un" / "Kim Jong Un").
    parts = [part for position, raw in enumerate(words) if not (len(words) > 1 and _is_particle(raw, position))
             for part in _drop_article_prefix(_drop_camel_particle(strip_affixes(raw))).split("-")
             if part]
    tokens = [key for part in parts for key in (_token_key(part, lang),) if key is not None]
    if not tokens:
        # Only punctuation or symbols: keep them as the key so that "???" groups with "???"
        # and with nothing else.
        symbols = "".join(ch for ch in core if not ch.isspace())
        if symbols:
            key = "#" + symbols
            tokens.append(TokenKey(key, frozenset({key}), frozenset({key}), frozenset({key})))
    return NameKey(tuple(tokens), script_of(core))
