"""What the names stage knows before it reads any article: cue words, places, aliases.

* Countries, territories and continents in every language come from CLDR through Babel
  (``Locale(lang).territories``), with pycountry's English official names as extra spellings;
  they are loaded lazily, one locale at a time, for the languages actually met.
* Babel has no city names, so capitals, big cities, rivers and regions come from the compact
  file ``data/names_places.toml`` written by the team; demonyms too (Babel has none).
* Aliases: ``data/aliases.toml`` (starter registry) plus the user's file (TOML or JSON, same
  shape, read last so it wins). See that file for the format.
* Cue words (titles, organisation and place heads, particles, sentence-initial stopwords) are in
  ``data/names_cues.toml``.

Building the indexes means computing thousands of name keys and loading Babel's locale data:
some 0.1 s for the aliases and places and 30-50 ms per language met, in every process (each
worker too). So the built indexes are kept as JSON files in an entry of the cache folder
(``normalizer.cache``) and read back in a few milliseconds (see ``_DiskCache``).
"""

from __future__ import annotations

import json
import os
import tempfile
import tomllib
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from normalizer import names_keys
from normalizer.cache import cache_dir, mark_used, prune
from normalizer.names_keys import NameKey, name_key, plain, repair

#: languages whose CLDR names are loaded when a name comes without a language.
DEFAULT_LANGS = ("en", "ro", "fr", "de", "ru", "uk", "pl", "es", "it", "tr", "pt", "nl")
#: CLDR region codes for continents and world regions worth naming ("Europe", "North America").
_REGIONS = ("002", "019", "003", "005", "142", "150", "009", "419", "145", "151", "154", "155")
#: a stem shorter than this is too common to identify a place ("Dana" is not Polish "Dania").
_MIN_STEM_MATCH = 4
_ALIAS_PRIORITY, _PLACE_PRIORITY, _CLDR_PRIORITY = 0, 1, 2
#: entries of ``Gazetteer.knows``'s cache before it starts afresh (bounds memory on long runs).
_KNOWN_CACHE_SIZE = 200_000


class AliasFileError(ValueError):
    """The user's alias file is missing or malformed; the message says where."""


@dataclass(frozen=True)
class Known:
    """A gazetteer or alias hit: the canonical form and the entity type."""

    canonical: str
    type: str
    priority: int


def _read_data(name: str) -> dict[str, Any]:
    return tomllib.loads(resources.files("normalizer").joinpath("data", name).read_text("utf-8"))


@dataclass
class Cues:
    titles: dict[str, str]
    org_words: frozenset[str]
    loc_words: frozenset[str]
    particles: frozenset[str]
    connectors: frozenset[str]
    stopwords: frozenset[str]
    german_determiners: frozenset[str]
    german_roles: tuple[str, ...]
    german_nouns: frozenset[str]
    german_noun_endings: tuple[str, ...]
    german_heads: dict[str, str]


@lru_cache(maxsize=1)
def cues() -> Cues:
    data = _read_data("names_cues.toml")
    titles = {plain(word): kind for kind, words in data["titles"].items() for word in words}
    return Cues(
        titles=titles,
        org_words=frozenset(plain(w) for w in data["org_words"]["words"]),
        loc_words=frozenset(plain(w) for w in data["loc_words"]["words"]),
        particles=frozenset(data["particles"]["words"]),
        connectors=frozenset(data["particles"]["connectors"]),
        stopwords=frozenset(plain(w) for w in data["stopwords"]["words"]),
        german_determiners=frozenset(data["german"]["determiners"]),
        german_roles=tuple(plain(w) for w in data["german"]["role_endings"]),
        german_nouns=frozenset(plain(w) for w in data["german"]["nouns"]),
        german_noun_endings=tuple(plain(w) for w in data["german"]["noun_endings"]),
        german_heads={**{plain(w): "ORG" for w in data["german"]["org_heads"]},
                      **{plain(w): "LOC" for w in data["german"]["loc_heads"]}},
    )


def load_alias_file(path: str | Path) -> dict[str, dict[str, Any]]:
    """Read a user alias file (TOML, or JSON when the name ends in .json or the text starts with
    '{'); returns {canonical: {"type": ..., "variants": [...]}}. Raises AliasFileError."""
    try:
        text = Path(path).read_text("utf-8")
    except OSError as exc:
        raise AliasFileError(f"cannot read alias file {path}: {exc.strerror or exc}") from None
    try:
        if str(path).endswith(".json") or text.lstrip().startswith("{"):
            data = json.loads(text)
        else:
            data = tomllib.loads(text)
    except (json.JSONDecodeError, tomllib.TOMLDecodeError) as exc:
        raise AliasFileError(f"alias file {path} is not valid TOML/JSON: {exc}") from None
    table = data.get("aliases") if isinstance(data, dict) else None
    if not isinstance(table, dict):
        raise AliasFileError(f"alias file {path} has no [aliases] table (see normalizer/data/aliases.toml)")
    for canonical, entry in table.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("variants", []), list):
            raise AliasFileError(f"alias file {path}: entry {canonical!r} needs variants = [...]")
    return table


@dataclass
class _Index:
    """Exact keys (the name as written) and stem keys (after case endings) to known entries."""

    #: a stem shorter than this cannot identify an entry: 4 for CLDR names in every language
    #: ("Dana" is not Polish "Dania"), 3 for the curated places and aliases ("Гааге").
    min_stem: int = 3
    exact: dict[str, set[Known]] = field(default_factory=dict)
    stemmed: dict[str, set[Known]] = field(default_factory=dict)

    first_tokens: set[str] = field(default_factory=set)

    def add(self, surface: str, lang: str | None, known: Known) -> None:
        key = name_key(repair(surface, lang), lang)
        if not key.tokens:
            return
        self.first_tokens.update(key.tokens[0].candidates)
        self.exact.setdefault(key.primary, set()).add(known)
        for combo in key.combos():
            self.stemmed.setdefault(_stem_slot(combo, key.script), set()).add(known)

    def find(self, key: NameKey, use_stems: bool = True) -> Known | None:
        if self.first_tokens.isdisjoint(key.tokens[0].candidates):
            return None  # the cheap test that settles most names
        hit = _unique(self.exact.get(key.primary))
        if hit is not None or not use_stems:
            return hit
        for combo in key.combos():  # longest stems first: the least-stripped reading wins
            if len(combo) < self.min_stem:
                continue
            hit = _unique(self.stemmed.get(_stem_slot(combo, key.script)))
            if hit is not None:
                return hit
        return None


#: stems shorter than this only match within one script: transliteration loses too much for
#: three letters to carry across ("Wenn" is not "Вена" minus its ending).
_CROSS_SCRIPT_STEM = 4


def _stem_slot(combo: str, script: str) -> str:
    return combo if len(combo) >= _CROSS_SCRIPT_STEM else f"{script}:{combo}"


def _unique(entries: set[Known] | None) -> Known | None:
    """The best-priority entry when all entries of that priority agree; None when ambiguous."""
    if not entries:
        return None
    best = min(e.priority for e in entries)
    top = {(e.canonical, e.type) for e in entries if e.priority == best}
    if len(top) != 1:
        return None
    canonical, kind = top.pop()
    return Known(canonical, kind, best)


class Gazetteer:
    """Look up a name key among aliases, places and CLDR country names.

    Aliases are checked first (user entries override the starter file), then places, then
    CLDR names of the name's own language (plus English), so that a language's own reading
    decides when two countries share a stem in some other language.
    """

    def __init__(self, alias_file: str | Path | None = None) -> None:
        self.aliases = _Index()
        self.places = _Index()
        self._cldr: dict[str, _Index] = {}
        self.demonyms: dict[str, str] = {}
        self._known_names: dict[tuple[str, str | None], bool] = {}
        self._disk = _DiskCache.for_aliases(alias_file)
        saved = self._disk.read("base", ("aliases", "places"))
        if saved is not None:
            (self.aliases, self.places), self.demonyms = saved
        else:
            self._build(alias_file)
            self._disk.write("base", {"aliases": self.aliases, "places": self.places}, self.demonyms)

    def _build(self, alias_file: str | Path | None) -> None:
        self._load_aliases(_read_data("aliases.toml")["aliases"], user=False)
        if alias_file is not None:
            self._load_aliases(load_alias_file(alias_file), user=True)
        data = _read_data("names_places.toml")
        for canonical, variants in data["places"].items():
            for surface in [canonical, *variants]:
                self.places.add(surface, None, Known(canonical, "LOC", _PLACE_PRIORITY))
        english = _english_territories()
        for code, words in data["demonyms"].items():
            for word in words:
                self.demonyms[plain(word)] = english.get(code, code)

    def _load_aliases(self, table: dict[str, dict[str, Any]], user: bool) -> None:
        priority = _ALIAS_PRIORITY - 1 if user else _ALIAS_PRIORITY
        for canonical, entry in table.items():
            kind = str(entry.get("type", "MISC")).upper()
            known = Known(str(canonical), kind if kind in ("PER", "ORG", "LOC", "MISC") else "MISC", priority)
            for surface in [canonical, *entry.get("variants", [])]:
                self.aliases.add(str(surface), None, known)

    def _cldr_index(self, lang: str) -> _Index:
        index = self._cldr.get(lang)
        if index is None:
            name = f"cldr-{lang}" if lang.isascii() and lang.isalnum() else None  # a safe file name
            saved = self._disk.read(name, ("cldr",)) if name else None
            if saved is not None:
                (index,), _ = saved
            else:
                index = self._build_cldr(lang)
                if name:
                    self._disk.write(name, {"cldr": index})
            self._cldr[lang] = index
        return index

    def _build_cldr(self, lang: str) -> _Index:
        index = _Index(min_stem=_MIN_STEM_MATCH)
        english = {code: self._preferred(name) for code, name in _english_territories().items()}
        for code, name in _territories(lang).items():
            if code in english:
                index.add(name, lang, Known(english[code], "LOC", _CLDR_PRIORITY))
        if lang == "en":
            for code, name in _pycountry_names():
                if code in english:
                    index.add(name, "en", Known(english[code], "LOC", _CLDR_PRIORITY + 1))
        return index

    def _preferred(self, english: str) -> str:
        """The alias registry's form of a CLDR English name ("Czechia" -> "Czech Republic"
        when an alias says so), so that every language's name lands on the same form."""
        hit = self.aliases.find(name_key(english, "en"), use_stems=False)
        return hit.canonical if hit is not None else english

    def lookup(self, key: NameKey, lang: str | None) -> Known | None:
        """The known entity this key names, or None (also when the key is ambiguous)."""
        if not key.tokens or key.primary.startswith("#"):
            return None
        for index in (self.aliases, self.places):
            hit = index.find(key)
            if hit is not None:
                return hit
        # Case endings are only trusted in the language the name was written in: "Dan" must not
        # be read as Polish "Dania" minus its ending.
        if lang:
            langs = [(lang, True), ("en", False)]
        elif key.script == "Cyrillic":
            langs = [("ru", True), ("uk", True)]
        else:
            langs = [(code, False) for code in DEFAULT_LANGS]
        for code, use_stems in langs:
            hit = self._cldr_index(code).find(key, use_stems)
            if hit is not None:
                return hit
        return None

    def knows(self, name: str, lang: str | None) -> bool:
        """Whether a name as written (a core, no titles) is a known entity. Cached per
        (name, lang): mention finding asks about the same words in article after article."""
        answer = self._known_names.get((name, lang))
        if answer is None:
            if len(self._known_names) >= _KNOWN_CACHE_SIZE:
                self._known_names.clear()
            answer = self._known_names[(name, lang)] = self.lookup(name_key(name, lang), lang) is not None
        return answer

    def demonym(self, word: str) -> str | None:
        """The English country name a demonym points at ("russe" -> "Russia"), else None."""
        return self.demonyms.get(plain(word))


#: the layout of the cached indexes; bump it when that changes.
_CACHE_FORMAT = 1
_CACHE_KIND = "names-gazetteer"


class _DiskCache:
    """The gazetteer's indexes as JSON files in a folder of the cache directory, named after a
    digest of everything they are derived from (see ``_stamp``): any change to the code, the
    data or the packages leads to a new folder, built afresh. Files are written whole or not at
    all. A folder that cannot be written, or a damaged file, only means building the indexes
    again: the cache never changes a result, only how fast it comes."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    @classmethod
    def for_aliases(cls, alias_file: str | Path | None) -> _DiskCache:
        try:
            return cls(cache_dir() / f"{_CACHE_KIND}-{_stamp(alias_file)}")
        except (OSError, RuntimeError, TypeError):  # no home folder, no source, an unreadable file
            return cls(None)

    def read(self, name: str, indexes: tuple[str, ...]) -> tuple[list[_Index], dict[str, str]] | None:
        """The named indexes of file ``name`` and its word table (``write``); None when the
        file is missing or damaged."""
        if self.folder is None:
            return None
        try:
            data = json.loads((self.folder / f"{name}.json").read_text("utf-8"))
            if data["format"] != _CACHE_FORMAT:
                return None
            known = [Known(str(canonical), str(kind), int(priority)) for canonical, kind, priority in data["known"]]
            loaded = [_load_index(data["indexes"][index], known) for index in indexes]
            words = {str(word): str(value) for word, value in data["words"].items()}
        except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
            return None
        mark_used(self.folder)
        return loaded, words

    def write(self, name: str, indexes: dict[str, _Index], words: dict[str, str] | None = None) -> None:
        """Write ``indexes`` (and a table of ``words``) as file ``name``: into a temporary file
        renamed at the end, so that a concurrent process (another worker) never reads half a
        file. Every entry (``Known``) is written once and referred to by number."""
        if self.folder is None:
            return
        numbers: dict[Known, int] = {}

        def refer(entries: set[Known]) -> list[int]:
            return sorted(numbers.setdefault(entry, len(numbers)) for entry in entries)

        tables = {key: {"min_stem": index.min_stem,
                        "exact": {k: refer(entries) for k, entries in index.exact.items()},
                        "stemmed": {k: refer(entries) for k, entries in index.stemmed.items()},
                        "first_tokens": sorted(index.first_tokens)}
                  for key, index in indexes.items()}
        data = {"format": _CACHE_FORMAT, "known": [[k.canonical, k.type, k.priority] for k in numbers],
                "indexes": tables, "words": words or {}}
        staging = None
        try:
            new_entry = not self.folder.is_dir()
            self.folder.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=self.folder, prefix=f".{name}.",
                                             suffix=".tmp", delete=False) as out:
                staging = Path(out.name)
                json.dump(data, out, ensure_ascii=False, separators=(",", ":"))
            os.replace(staging, self.folder / f"{name}.json")
        except OSError:  # a read-only cache is no reason to fail: the next process builds again
            if staging is not None:
                staging.unlink(missing_ok=True)
            return
        if new_entry:
            prune(_CACHE_KIND)


def _load_index(table: dict[str, Any], known: list[Known]) -> _Index:
    return _Index(min_stem=int(table["min_stem"]),
                  exact={str(key): {known[i] for i in entries} for key, entries in table["exact"].items()},
                  stemmed={str(key): {known[i] for i in entries} for key, entries in table["stemmed"].items()},
                  first_tokens=set(map(str, table["first_tokens"])))


def _stamp(alias_file: str | Path | None) -> str:
    """A digest of what the indexes are derived from: the code of this module and of
    ``names_keys``, the data files, the user's alias file, the installed Babel, pycountry and
    anyascii (their files' size and time), and Python's version and Unicode database."""
    import hashlib
    import sys
    import unicodedata
    from importlib.util import find_spec

    digest = hashlib.sha256()

    def add(part: bytes) -> None:
        digest.update(len(part).to_bytes(8, "big") + part)

    for path in (__file__, names_keys.__file__):
        add(Path(path).read_bytes())
    for name in ("aliases.toml", "names_places.toml", "names_cues.toml"):
        add(resources.files("normalizer").joinpath("data", name).read_bytes())
    add(Path(alias_file).read_bytes() if alias_file is not None else b"")
    for package in ("babel", "pycountry", "anyascii"):
        spec = find_spec(package)
        origin = spec.origin if spec is not None else None
        stat = os.stat(origin) if origin else None
        add(f"{package} {origin} {stat.st_size if stat else 0} {stat.st_mtime_ns if stat else 0}".encode())
    add(f"{sys.version} {unicodedata.unidata_version} {_CACHE_FORMAT}".encode())
    return digest.hexdigest()[:20]


_GAZETTEERS: dict[tuple[str, int, int] | None, Gazetteer] = {}


def gazetteer_for(aliases: str | Path | None = None) -> Gazetteer:
    """The process's gazetteer for an alias file (None: the starter registry only), made on
    first use and then shared: building one costs ~0.1 s (a few ms from the disk cache) and its
    CLDR indexes fill up as languages are met, so every resolver and every worker call of a
    process should reuse it.
    The key includes the file's modification time and size, so an edited file is read again.
    Raises AliasFileError for a missing or malformed file (nothing is cached then)."""
    key = None
    if aliases is not None:
        try:
            stat = Path(aliases).stat()
        except OSError as exc:
            raise AliasFileError(f"cannot read alias file {aliases}: {exc.strerror or exc}") from None
        key = (str(Path(aliases).resolve()), stat.st_mtime_ns, stat.st_size)
    gazetteer = _GAZETTEERS.get(key)
    if gazetteer is None:
        gazetteer = _GAZETTEERS[key] = Gazetteer(aliases)
    return gazetteer


@cache
def _territories(lang: str) -> dict[str, str]:
    from babel import Locale, UnknownLocaleError

    try:
        return dict(Locale.parse(lang).territories)
    except (UnknownLocaleError, ValueError):
        return {}


@lru_cache(maxsize=1)
def _english_territories() -> dict[str, str]:
    """Code -> English name for countries (two-letter codes) and continents; CLDR's own short
    form without qualifiers ("Myanmar (Burma)" -> "Myanmar")."""
    names = {}
    for code, name in _territories("en").items():
        if (code.isalpha() and len(code) == 2 and code not in ("ZZ", "EZ", "UN", "QO")) or code in _REGIONS:
            names[code] = name.split(" (")[0].replace(" & ", " and ")
    return names


@lru_cache(maxsize=1)
def _pycountry_names() -> list[tuple[str, str]]:
    """(code, name) for pycountry's English names and official names ("Russian Federation")."""
    import pycountry

    pairs = set()
    for country in pycountry.countries:
        for attr in ("official_name", "name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                pairs.add((country.alpha_2, value))
    return sorted(pairs)
