"""Place names as evidence between the members of a close language group.

News prose names local places on nearly every line ("Gradonačelnik Niša ...", "U Varaždinu je
..."), and which country's towns a text names tells which standard it is written in: a neutral
sentence on a town council in Kragujevac is Serbian far more often than Croatian. The names come
from ``normalizer/data/place_names.tsv``, written once by ``scripts/build_place_names.py`` from
GeoNames (towns of the countries of each close group, each with the language(s) of its country;
names that are common words, national capitals and very short names left out; see there).

Matching rule. Only capitalized words of the text are read (not all-capitals ones: a title in
capitals is not a list of names), lower-cased, and in South Slavic (Latin) text also the
lower-case words shaped like a town adjective ("u novosadskoj bolnici", "splitska policija"):
the news writes those in lower case, and the generator has kept no town one of whose adjective
forms is a common word. Names inflect in the Slavic languages, so a word
matches a name when it is the name, or one of the name's stems followed by one ending of its
language family (:data:`NOUN_ENDINGS`, :data:`ADJECTIVE_ENDINGS`):

* noun stems: the name; the name less a final vowel ("Subotic|i", "Makarsk|e", "Valjev|u"); the
  name less the fleeting vowel of a final -ac, -ak, -anj, -ar, -al, -ec, -ek, -er ("Kragujevc|a",
  "Kaknj|u", "Zadr|u", "Kopr|u", "Liberc|i"); -ka, -ga with the k/g softened before -i ("Luc|i");
* adjective stems take an adjective ending (-ski, -ačkog, -ský, -ký, -ская ...): the name less
  a final vowel ("Valjev|ska", "Beograd|skog", "Split|ski", "Košic|ký"), and the name less -ac
  ("Kragujev|ački");
* the South Slavic towns whose adjective the rule cannot derive (:data:`IRREGULAR_ADJECTIVES`:
  "Čačak"/"čačanski", "Rijeka"/"riječki", "Banja Luka"/"banjalučki") take their own adjective
  instead, and no derived one: the rule would make Kraljevo's "kraljevski" (royal) a town;
* a two-word name ("Novi Sad", "Banja Luka") matches two adjacent capitalized words that each
  match its words this way ("Novom Sadu", "Banjoj Luci");
* Scandinavian names take the genitive -s; the other languages' names match as written.

The generator keeps a name only if none of the words this rule lets it match is a common word
(wordfreq), so the rule and the filter stay in step: :func:`forms` is what both read. Each
place found counts once per text (a story about one town names it again and again; that is one
fact, not many), for every language of its entry that is among the members asked for.

The data is read when a text first needs the names of a family of languages (30-40 ms per
family, once per process), never at import; matching a capitalized word is a handful of
dictionary lookups, remembered per word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from pathlib import Path

from normalizer.detect_evidence import SCRIPTS, script_of

PLACE_FILE = Path(__file__).parent / "data" / "place_names.tsv"

# Ending families: how the names of a language inflect in running text.
_SOUTH_SLAVIC = "south-slavic"
_CYRILLIC = "cyrillic"
_WEST_SLAVIC = "west-slavic"
_NORDIC = "nordic"
_PLAIN = "plain"
_FAMILY_OF = {
    **dict.fromkeys(("sr", "hr", "bs", "sl"), _SOUTH_SLAVIC),
    **dict.fromkeys(("cs", "sk"), _WEST_SLAVIC),
    **dict.fromkeys(("nb", "da", "sv"), _NORDIC),
}


def _with(prefixes: Iterable[str], endings: str) -> frozenset[str]:
    """Each of ``prefixes`` followed by each of the space-separated ``endings``."""
    return frozenset(prefix + ending for prefix in prefixes for ending in endings.split())


# the endings of a South Slavic adjective after its "-sk", "-ačk" or "-čk"
_SOUTH_SLAVIC_INFLECTIONS = "i a o e u og om oj ih im oga ome ima"
NOUN_ENDINGS: dict[str, frozenset[str]] = {
    _SOUTH_SLAVIC: _with(("",), "a e i o u om em oj og ama ima"),  # "og": "Novog Sada"
    _CYRILLIC: _with(("",), "а е и о у ом ем ој ой ю ою ы і ї"),
    _WEST_SLAVIC: _with(("",), "a e i o u y ě ou em ách ích iach ami"),
    _NORDIC: frozenset({"s"}),
    _PLAIN: frozenset(),
}
ADJECTIVE_ENDINGS: dict[str, frozenset[str]] = {
    _SOUTH_SLAVIC: _with(("sk", "ačk"), _SOUTH_SLAVIC_INFLECTIONS),
    _CYRILLIC: _with(("ск", "ськ"), "и а о е у ог ом ој ий ая ое ого ой ую их им ої ій"),
    _WEST_SLAVIC: _with(("sk", "k"), "ý á é ého ém ou ých ým ú ej ému ými"),
    _NORDIC: frozenset(),
    _PLAIN: frozenset(),
}
# Town (as in the data file) -> its adjective less the inflection, for the South Slavic towns whose
# standard adjective the stem rule misses (consonant changes, "-anski", one word for a two-word
# name) or gets wrong (Kraljevo: "kraljevački", not "kraljevski", which means royal). Written
# from the standard forms, for the larger towns of the data file; Konjic is left out, its
# "konjički" also means equestrian.
IRREGULAR_ADJECTIVES: dict[str, str] = {
    # Serbia and Montenegro
    "niš": "nišk", "čačak": "čačansk", "senta": "senćansk", "kraljevo": "kraljevačk", "pančevo": "pančevačk",
    "subotica": "subotičk", "užice": "užičk", "loznica": "lozničk", "novi sad": "novosadsk",
    "novi pazar": "novopazarsk", "nikšić": "nikšićk", "budva": "budvansk", "herceg novi": "hercegnovsk",
    "bijelo polje": "bjelopoljsk",
    # Croatia
    "rijeka": "riječk", "osijek": "osječk", "koprivnica": "koprivničk", "čakovec": "čakovečk", "požega": "požešk",
    "slavonski brod": "slavonskobrodsk", "šibenik": "šibensk", "sisak": "sisačk", "vinkovci": "vinkovačk",
    "velika gorica": "velikogoričk",
    # Bosnia and Herzegovina
    "zenica": "zeničk", "bihać": "bihaćk", "travnik": "travničk", "tuzla": "tuzlansk",
    "goražde": "goraždansk", "brčko": "brčansk", "banja luka": "banjalučk",
    "livno": "livanjsk", "živinice": "živiničk",
}
_LONGEST = max(
    len(ending) for table in (NOUN_ENDINGS, ADJECTIVE_ENDINGS) for group in table.values() for ending in group
)
_FLEETING = re.compile(r"(?<=[^aeiouаеиоу])[aeае](?=(?:c|k|nj|r|l|ц|к|њ|р|л)$)")
_SOFTENED = {"ka": "c", "ga": "z", "ка": "ц", "га": "з"}
_VOWELS = frozenset("aeiouyáéíóúýěаеиоуяюыіїєэё")
_MIN_STEM = 3
_WORD_CACHE = 50_000


def family(lang: str, script: str | None) -> str:
    """The ending family of a name of ``lang`` written in ``script``."""
    return _CYRILLIC if script == "CYRILLIC" else _FAMILY_OF.get(lang, _PLAIN)


def stems(word: str, family_name: str) -> tuple[frozenset[str], frozenset[str]]:
    """(noun stems, adjective stems) of one lower-cased word of a name (see the module doc)."""
    if family_name in (_NORDIC, _PLAIN):
        return frozenset({word}), frozenset()
    nouns = {word}
    adjectives = set()
    irregular = family_name == _SOUTH_SLAVIC and word in IRREGULAR_ADJECTIVES
    if word[-1] in _VOWELS:
        nouns.add(word[:-1])
        adjectives.add(word[:-1])
        if word[-2:] in _SOFTENED:
            nouns.add(word[:-2] + _SOFTENED[word[-2:]])
    else:
        adjectives.add(word)
        fleeting = _FLEETING.sub("", word, count=1)
        if fleeting != word:
            nouns.add(fleeting)
        if word.endswith(("ac", "ац")):
            adjectives.add(word[:-2])
    return (
        frozenset(stem for stem in nouns if len(stem) >= _MIN_STEM),
        frozenset() if irregular else frozenset(stem for stem in adjectives if len(stem) >= _MIN_STEM),
    )


def irregular_forms(name: str, family_name: str) -> frozenset[str]:
    """The forms of the listed adjective of ``name`` (lower-cased), if it has one."""
    stem = IRREGULAR_ADJECTIVES.get(name) if family_name == _SOUTH_SLAVIC else None
    return _with((stem,), _SOUTH_SLAVIC_INFLECTIONS) if stem else frozenset()


def forms(name: str, family_name: str) -> frozenset[str]:
    """Every single word that matches the one-word ``name`` (lower-cased) under the rule: what
    the generator checks against common words."""
    nouns, adjectives = stems(name, family_name)
    found = {name} | {stem + ending for stem in nouns for ending in NOUN_ENDINGS[family_name]}
    found |= {stem + ending for stem in adjectives for ending in ADJECTIVE_ENDINGS[family_name]}
    return frozenset(found) | irregular_forms(name, family_name)


_Place = tuple[str, frozenset[str]]  # (name, languages)


class _Index:
    """The names of one ending family, their noun stems, adjective stems, two-word keys ("nov
    sad") and listed adjectives' forms (:data:`IRREGULAR_ADJECTIVES`), each -> (name, languages)."""

    def __init__(self, family_name: str) -> None:
        self.family = family_name
        self.names: dict[str, _Place] = {}
        self.nouns: dict[str, _Place] = {}
        self.adjectives: dict[str, _Place] = {}
        self.pairs: dict[str, _Place] = {}
        self.irregular: dict[str, _Place] = {}
        self.cache: dict[str, tuple[_Place | None, tuple[str, ...]]] = {}

    def add(self, name: str, langs: frozenset[str]) -> None:
        """Index ``name``; a stem two names share names the first, with both names' languages."""
        words = name.split(" ")
        if len(words) == 2:
            first, second = (stems(word, self.family)[0] for word in words)
            self._put(self.pairs, (f"{a} {b}" for a in first for b in second), name, langs)
        else:
            nouns, adjectives = stems(name, self.family)
            self._put(self.names, (name,), name, langs)
            self._put(self.nouns, nouns, name, langs)
            self._put(self.adjectives, adjectives, name, langs)
        self._put(self.irregular, irregular_forms(name, self.family), name, langs)

    @staticmethod
    def _put(table: dict[str, _Place], keys: Iterable[str], name: str, langs: frozenset[str]) -> None:
        for key in keys:
            known = table.get(key)
            table[key] = (known[0], known[1] | langs) if known else (name, langs)

    def candidates(self, word: str) -> tuple[str, ...]:
        """The noun stems ``word`` may be: itself, or itself less one noun ending."""
        endings = NOUN_ENDINGS[self.family]
        return (word,) + tuple(
            word[:-size] for size in range(1, min(_LONGEST, len(word) - _MIN_STEM) + 1) if word[-size:] in endings
        )

    def match(self, word: str) -> tuple[_Place | None, tuple[str, ...]]:
        """The place the single ``word`` names, if any, and its :meth:`candidates` (for two-word
        names), remembered per word."""
        found = self.cache.get(word)
        if found is None:
            if len(self.cache) >= _WORD_CACHE:  # bounded memory whatever the input
                self.cache.clear()
            found = self.cache[word] = (self._match(word), self.candidates(word))
        return found

    def _match(self, word: str) -> _Place | None:
        if word in self.names:
            return self.names[word]
        for stem in self.candidates(word)[1:]:  # a stem alone ("Valjev") is no word
            if stem in self.nouns:
                return self.nouns[stem]
        return self.adjective(word)

    def adjective(self, word: str) -> _Place | None:
        """The place whose adjective ``word`` is, if any."""
        if word in self.irregular:
            return self.irregular[word]
        adjective = ADJECTIVE_ENDINGS[self.family]
        for size in range(2, min(_LONGEST, len(word) - _MIN_STEM) + 1):
            if word[-size:] in adjective and word[:-size] in self.adjectives:
                return self.adjectives[word[:-size]]
        return None


def place_counts(
    text: str, members: Sequence[str], script: str | None, without: str | None = None
) -> dict[str, int]:
    """For each of ``members`` (language codes of one close group), how many different places of
    its country or countries ``text``, written in ``script``, names (see the module doc for the
    rule); members without any are left out. With ``without``, only the places whose entry does
    not also name that language count (Nikšić, not Banja Luka, for Serbian without Bosnian)."""
    wanted = sorted({family(lang, script) for lang in members if script in SCRIPTS.get(lang, ())})
    indexes = [index for index in map(_index, wanted) if index.names or index.pairs]
    if not indexes:
        return {}
    words = _capitalized(text)
    adjectives = _lower_adjectives(text) if _SOUTH_SLAVIC in wanted else ()
    if not words and not adjectives:
        return {}
    places: dict[str, frozenset[str]] = {}
    for index in indexes:
        if index.family == _SOUTH_SLAVIC:
            for word in adjectives:
                found = index.adjective(word)
                if found:
                    places[found[0]] = found[1]
        previous: tuple[str, ...] = ()
        for word, follows in words:
            found, candidates = index.match(word)
            if found:
                places[found[0]] = found[1]
            if follows and previous and index.pairs:
                for key in (f"{a} {b}" for a in previous for b in candidates):
                    if key in index.pairs:
                        places[index.pairs[key][0]] = index.pairs[key][1]
            previous = candidates
    counts: dict[str, int] = {}
    allowed = set(members)
    for langs in places.values():
        if without in langs:
            continue
        for lang in sorted(langs & allowed):
            counts[lang] = counts.get(lang, 0) + 1
    return counts


@cache
def _index(family_name: str) -> _Index:
    """The names of one ending family (empty when the data file is missing: the evidence is
    then neutral); each family is built on its first use, from the file read once."""
    index = _Index(family_name)
    for name, langs in _entries():
        script = script_of(name[0])
        own = frozenset(lang for lang in langs if family(lang, script) == family_name)
        if own:
            index.add(name, own)
    return index


@cache
def _entries() -> tuple[tuple[str, frozenset[str]], ...]:
    """(name, languages) of every line of the data file."""
    try:
        lines = PLACE_FILE.read_text(encoding="utf-8").splitlines()
    except OSError:
        return ()
    entries = []
    for line in lines:
        if line and not line.startswith("#"):
            name, langs = line.split("\t")
            entries.append((name, frozenset(langs.split(","))))
    return tuple(entries)


@lru_cache(maxsize=64)
def _lower_adjectives(text: str) -> tuple[str, ...]:
    """The lower-case words of ``text`` shaped like a South Slavic town adjective ("splitska",
    "u novosadskoj bolnici", "kragujevačkog"), which the news writes in lower case."""
    return tuple(_LOWER_ADJECTIVE.findall(text))


_INFLECTION = "|".join(_SOUTH_SLAVIC_INFLECTIONS.split())
_LOWER_ADJECTIVE = re.compile(rf"(?<![\w-])[a-zčćđšž]{{2,}}(?:sk|čk|ćk|šk)(?:{_INFLECTION})(?![\w-])")


@lru_cache(maxsize=64)
def _capitalized(text: str) -> tuple[tuple[str, bool], ...]:
    """The capitalized words of ``text`` (not all-capitals ones), lower-cased, each with whether
    it directly follows the previous one (one space between: a two-word name). Remembered for
    the few texts being decided: each group that could hold the answer reads them."""
    words: list[tuple[str, bool]] = []
    end = -2  # where the previous capitalized word ended; -2: none just before
    for match in _capitalized_word().finditer(text):
        start, word = match.start(), match.group()
        if (start and text[start - 1].isalpha()) or word.isupper():  # "McDonald", "NATO"
            end = -2
            continue
        words.append((word.lower(), start == end + 1 and text[end] == " "))
        end = match.end()
    return tuple(words)


@cache
def _capitalized_word() -> re.Pattern[str]:
    """A capital (Latin, Greek or Cyrillic; ``re`` has no class for upper-case letters) and two
    letters or more. (No look-behind for the start of a word: it would double the cost of the
    search, and the few matches are checked instead.)"""
    upper = "".join(sorted(chr(code) for code in range(0x530) if chr(code).isupper()))
    return re.compile(rf"[{re.escape(upper)}][^\W\d_]{{2,}}(?:['’ʼ-][^\W\d_]+)*")
