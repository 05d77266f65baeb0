"""The name registry: every distinct spelling seen in a run, grouped into entities.

Grouping is incremental (a run is processed chunk by chunk) and never compares all pairs:

1. known names (aliases, places, CLDR countries) join the entity of their canonical form;
2. names sharing a matching key (``NameKey.combos``: same tokens up to case endings and
   romanisation) join through a hash index;
3. the rest are compared with rapidfuzz only inside a block (same token count, same first letter
   of the first token, same two first letters of the last token), with guards: every token must
   be close, at least one token must match exactly, and a difference that marks gender ("Dan" /
   "Dana", "-ski" / "-ska", "Mario" / "Maria") never counts as a misspelling;
4. a surname alone joins a full name only when exactly one person in scope has that surname and
   nobody has it as a first name (scope: the article first, then everything seen so far).

The thresholds were calibrated on the team's variant set (benchmarks/data/names) and are kept
round on purpose: 88 for whole names, 75 for each token, 90 for single-word names.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process

from normalizer.names_keys import (
    INFLECTING,
    NameKey,
    has_cedilla,
    looks_romanian,
    name_key,
    plain,
    repair,
    script_of,
    strip_affixes,
)
from normalizer.names_lexicon import Gazetteer, Known, cues

NAME_RATIO = 88
TOKEN_RATIO = 75
SINGLE_RATIO = 90
_MAX_TOKENS = 6
#: scripts whose transliteration is good enough to compare with Latin; names in other scripts
#: only ever match names written in the same script.
_COMPARABLE_SCRIPTS = {"Latin", "Cyrillic", "Greek"}
_DEMONYM_PRIORITY = 5
_MIN_SKELETON = 4
#: languages that write a person's family name first.
_FAMILY_NAME_FIRST = {"hu"}
_GENDER_TAILS = {("", "a"), ("i", "a"), ("o", "a"), ("", "e"), ("e", "a"), ("", "na")}


@lru_cache(maxsize=200_000)
def core_name(name: str, lang: str | None) -> str:
    """The name without what surrounds it in running text: leading lowercase words that are not
    particles ("lui Nicușor Dan"), leading title words ("President", "генсек"), clitic tails.
    A word before a number stays ("secteur 3")."""
    c = cues()
    words = repair(name, lang).split(" ")
    while len(words) > 1 and not all(w.isdigit() for w in words[1:]) and (
        (words[0][:1].islower() and words[0] not in c.particles)
        or plain(strip_affixes(words[0])) in c.titles
    ):
        words = words[1:]
    # Clitics hang on the last word ("Rutte's", "NATO-ului"); inside a name they belong to it
    # ("Republican People's Party").
    words[-1] = strip_affixes(words[-1])
    return " ".join(w for w in words if w)


@dataclass
class Variant:
    surface: str
    lang: str | None
    key: NameKey
    known: Known | None
    count: int = 0
    hints: Counter[str] = field(default_factory=Counter)

    @property
    def multi(self) -> bool:
        return len(self.key.tokens) > 1


class NameRegistry:
    """Distinct spellings, their keys, and a union-find over them (see module docstring)."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.variants: list[Variant] = []
        self._ids: dict[tuple[str, str | None], int] = {}
        self._parent: list[int] = []
        self._members: dict[int, list[int]] = {}
        self._index: dict[str, int] = {}
        self._blocks: dict[tuple, tuple[list[str], list[int]]] = {}
        self._token_index: dict[str, set[tuple[int, bool]]] = {}
        self._skeletons: dict[tuple[str, str], int] = {}
        self._initials: dict[str, set[int]] = {}
        #: root -> (order, canonical, type): names already emitted keep their form (streaming).
        self._frozen: dict[int, tuple[int, str, str]] = {}

    # -- union-find ------------------------------------------------------------------------
    def find(self, i: int) -> int:
        parent = self._parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if len(self._members[ra]) < len(self._members[rb]):
            ra, rb = rb, ra
        self._parent[rb] = ra
        self._members[ra].extend(self._members.pop(rb))
        frozen = [f for f in (self._frozen.pop(ra, None), self._frozen.pop(rb, None)) if f]
        if frozen:
            # A full name beats a surname frozen earlier; otherwise the older form stays.
            self._frozen[ra] = min(frozen, key=lambda f: (" " not in f[1], f[0]))

    def members(self, root: int) -> list[Variant]:
        return [self.variants[i] for i in self._members[root]]

    # -- adding ----------------------------------------------------------------------------
    def add(self, name: str, lang: str | None, count: int = 1, hint: str | None = None) -> int:
        """Register one occurrence (or ``count``) of ``name`` and group it; returns its id."""
        core = core_name(name, lang)
        ident = self._ids.get((core, lang))
        if ident is None:
            ident = self._new(core, lang)
        variant = self.variants[ident]
        variant.count += count
        if hint:
            variant.hints[hint] += count
        return ident

    def _new(self, core: str, lang: str | None) -> int:
        key = name_key(core, lang)
        ident = len(self.variants)
        known = self.gazetteer.lookup(key, lang) if 0 < len(key.tokens) <= _MAX_TOKENS else None
        if known is None and len(key.tokens) == 1:
            country = self.gazetteer.demonym(core)
            known = Known(country, "LOC", _DEMONYM_PRIORITY) if country else None
        self.variants.append(Variant(core, lang, key, known))
        self._ids[(core, lang)] = ident
        self._parent.append(ident)
        self._members[ident] = [ident]
        if not key.tokens:
            return ident
        if known is not None:
            self._join("\0known:" + known.canonical, ident)
            return ident
        if key.script not in _COMPARABLE_SCRIPTS or len(key.tokens) > _MAX_TOKENS:
            # Scripts without transliteration rules match only themselves, exactly.
            for combo in key.combos():
                self._join(key.script + ":" + combo, ident)
            return ident
        matched = False
        for combo in key.combos():
            matched |= self._join(combo, ident)
        if lang in _FAMILY_NAME_FIRST and len(key.tokens) == 2:
            # "Orbán Viktor" in Hungarian is "Viktor Orbán" everywhere else.
            for combo in key.combos([t.candidates for t in reversed(key.tokens)]):
                matched |= self._join(combo, ident)
        matched |= self._match_inflected(ident, key, lang)
        matched |= self._match_skeleton(ident, key)
        if not matched:
            self._fuzzy(ident)
        if len(key.tokens) > 1:
            for initials in _initials(self.variants[ident].surface):
                self._initials.setdefault(initials, set()).add(ident)
            last = len(key.tokens) - 1
            for position, token in enumerate(key.tokens):
                for candidate in token.candidates:
                    entries = self._token_index.get(candidate)
                    if entries is None:
                        entries = self._token_index[candidate] = set()
                    entries.add((ident, position == last))
        return ident

    def _match_inflected(self, ident: int, key: NameKey, lang: str | None) -> bool:
        """Join a name inflected by its language to another language's nominative whose final
        vowel that inflection replaced: Polish "Giorgii Meloni" / Italian "Giorgia Meloni".
        Only a name from an inflecting language looks at (or is looked at through) the
        vowel-less stems, so two nominatives "Maria" and "Mario" never meet this way."""
        matched = False
        own_pools = [t.candidates for t in key.tokens]
        vowel_pools = [t.vowel_stems for t in key.tokens]
        lookups = [("S:", vowel_pools, "V:")]
        if lang in INFLECTING:
            lookups.append(("V:", own_pools, "S:"))
        for look_in, pools, store_in in lookups:
            combos = key.combos(pools, limit=16)
            for combo in combos:
                other = self._index.get(look_in + combo)
                if other is not None and self.find(other) != self.find(ident):
                    self.union(other, ident)
                    matched = True
            for combo in combos:
                self._index.setdefault(store_in + combo, ident)
        return matched

    def _match_skeleton(self, ident: int, key: NameKey) -> bool:
        """Names other scripts write by ear ("Джо Байден" / "Joe Biden") meet on consonant
        skeletons, but only across scripts and only with enough consonants to be specific."""
        pools = [t.skeletons for t in key.tokens]
        if any(not any(pool) for pool in pools):
            return False
        matched = False
        shortest = _MIN_SKELETON if len(pools) == 1 else _MIN_SKELETON - 1
        for combo in key.combos(pools, limit=16):
            if len(combo.replace(" ", "")) < shortest:
                continue
            for script in _COMPARABLE_SCRIPTS - {key.script}:
                other = self._skeletons.get((combo, script))
                if other is not None and self.find(other) != self.find(ident):
                    self.union(other, ident)
                    matched = True
            self._skeletons.setdefault((combo, key.script), ident)
        return matched

    def _join(self, index_key: str, ident: int) -> bool:
        other = self._index.setdefault(index_key, ident)
        if other != ident:
            self.union(other, ident)
            return True
        return False

    def _fuzzy(self, ident: int) -> None:
        key = self.variants[ident].key
        tokens = key.tokens
        block = (len(tokens), tokens[0].primary[:1], tokens[-1].primary[:2])
        strings, ids = self._blocks.setdefault(block, ([], []))
        cutoff = NAME_RATIO if len(tokens) > 1 else SINGLE_RATIO
        if strings:
            for _, score, position in process.extract(key.primary, strings, scorer=fuzz.ratio,
                                                      score_cutoff=cutoff, limit=None):
                other = ids[position]
                if self.find(other) != self.find(ident) and _close_enough(key, self.variants[other].key):
                    self.union(other, ident)
        strings.append(key.primary)
        ids.append(ident)

    # -- surnames ----------------------------------------------------------------------------
    def link_surname(self, ident: int, scope: Iterable[int] | None = None) -> bool:
        """Join a one-word name to the one full name (in ``scope``, else in the registry) whose
        last word it is, when no other full name there ends with it or starts with it; an
        acronym joins the one organisation whose initials it spells ("PSD" / "Partidul Social
        Democrat", "AfD" / "Alternative für Deutschland")."""
        variant = self.variants[ident]
        if variant.multi or variant.known is not None or len(variant.key.tokens) != 1:
            return False
        if any(len(self.variants[m].key.tokens) > 1 for m in self._members[self.find(ident)]):
            return False
        allowed = None if scope is None else {self.find(i) for i in scope}
        if _is_acronym(variant.surface):
            roots = {self.find(i) for i in self._initials.get(variant.surface.upper(), ())}
            roots = roots if allowed is None else roots & allowed
            if len(roots) != 1 or self._evidence_type(next(iter(roots))) == "PER":
                return False
            self.union(roots.pop(), ident)
            return True
        if variant.hints and not variant.hints.keys() & {"PER", "MISC"}:
            return False  # a place or an organisation ("Provinz Huesca") is nobody's surname
        last_roots, other_roots = set(), set()
        for candidate in variant.key.tokens[0].candidates:
            for other, is_last in self._token_index.get(candidate, ()):
                root = self.find(other)
                if allowed is not None and root not in allowed:
                    continue
                (last_roots if is_last else other_roots).add(root)
        if len(last_roots) != 1 or other_roots - last_roots:
            return False
        root = last_roots.pop()
        if self.entity_type(root) not in ("PER", "MISC"):
            return False
        self.union(root, ident)
        return True

    # -- output ------------------------------------------------------------------------------
    def entity_type(self, root: int) -> str:
        """From an alias/gazetteer entry or the cues seen with the mentions; otherwise a
        multi-word name is taken for a person and a single word stays MISC."""
        kind = self._evidence_type(root)
        if kind is not None:
            return kind
        return "PER" if any(m.multi and m.key.script != "None" for m in self.members(root)) else "MISC"

    def _evidence_type(self, root: int) -> str | None:
        members = self.members(root)
        known = _best_known(members)
        if known is not None:
            return known.type
        hints: Counter[str] = Counter()
        for member in members:
            hints.update(member.hints)
        if hints:
            return min(hints.items(), key=lambda item: (-item[1], item[0]))[0]
        return None

    def canonical(self, root: int) -> str:
        """The best-written form of the entity (see ``choose_canonical``), without freezing it."""
        frozen = self._frozen.get(root)
        return frozen[1] if frozen else choose_canonical(self.members(root))

    def freeze(self, root: int) -> tuple[str, str]:
        """Canonical form and type, fixed from now on: later chunks see the same spelling even
        if a better-written variant turns up (it can no longer rename emitted records)."""
        frozen = self._frozen.get(root)
        if frozen is None:
            frozen = (len(self._frozen), choose_canonical(self.members(root)), self.entity_type(root))
            self._frozen[root] = frozen
        return frozen[1], frozen[2]


def _is_acronym(surface: str) -> bool:
    letters = [c for c in surface if c.isalpha()]
    return 2 <= len(letters) <= 6 and " " not in surface and sum(c.isupper() for c in letters) >= len(letters) - 1


def _initials(surface: str) -> set[str]:
    """Initials of all words and of the capitalised words only ("Adalet ve Kalkınma Partisi"
    -> AVKP, AKP)."""
    words = [w for w in surface.replace("-", " ").split(" ") if w[:1].isalpha()]
    if len(words) < 2:
        return set()
    return {"".join(w[0] for w in words).upper(), "".join(w[0] for w in words if w[0].isupper()).upper()}


def _close_enough(a: NameKey, b: NameKey) -> bool:
    """The guards of fuzzy matching (module docstring, step 3)."""
    if len(a.tokens) != len(b.tokens):
        return False
    exact = 0
    for ta, tb in zip(a.tokens, b.tokens):
        if ta.candidates & tb.candidates:
            exact += 1
            continue
        pa, pb = ta.primary, tb.primary
        if pa[:1] != pb[:1] or min(len(pa), len(pb)) < 3 or _gender_pair(pa, pb):
            return False
        if fuzz.ratio(pa, pb) < (TOKEN_RATIO if len(a.tokens) > 1 else SINGLE_RATIO):
            return False
        if len(a.tokens) == 1 and min(len(pa), len(pb)) < 6:
            return False
    return exact >= 1 or len(a.tokens) == 1


def _gender_pair(a: str, b: str) -> bool:
    """Two forms that differ the way a feminine and a masculine name do ("Ion"/"Ioana",
    "Andrei"/"Andreea", "-ski"/"-ska"): never a misspelling of each other."""
    if (a.endswith("a")) != (b.endswith("a")):
        return True
    common = 0
    while common < min(len(a), len(b)) and a[common] == b[common]:
        common += 1
    tails = tuple(sorted((a[common:], b[common:]), key=lambda t: (len(t), t)))
    return tails in _GENDER_TAILS or tails[::-1] in _GENDER_TAILS


def _best_known(members: list[Variant]) -> Known | None:
    known = [m.known for m in members if m.known is not None]
    return min(known, key=lambda k: (k.priority, k.canonical)) if known else None


def choose_canonical(members: list[Variant]) -> str:
    """An alias or gazetteer form if the entity has one; otherwise the best-written variant:
    Latin script, most words (a full name over a surname), nominative (not a longer form of
    another variant of the entity), the spelling most variants agree with, proper diacritics
    over ASCII, comma-below over cedilla, most frequent, then alphabetical for determinism.
    Cedillas are turned into comma-below first when the entity is Romanian."""
    known = _best_known(members)
    if known is not None:
        return known.canonical
    if len(members) == 1:
        return _romanian_fix(members[0]) if _romanian(members[0]) else members[0].surface
    romanian = any(_romanian(m) for m in members)
    surfaces = {id(m): _romanian_fix(m) if romanian else m.surface for m in members}
    primaries = {m.key.primary for m in members}
    support: Counter[str] = Counter()
    for m in members:
        for combo in set(m.key.combos()) & primaries:
            support[combo] += m.count

    def written_form(m: Variant) -> tuple:
        surface = surfaces[id(m)]
        inflected = any(c != m.key.primary and c in primaries for c in m.key.combos())
        return script_of(surface) != "Latin", -len(m.key.tokens), inflected, -support[m.key.primary]

    def literal_support(m: Variant) -> int:
        """How many occurrences start each word the way this variant writes it: "Rutte" is
        backed by "Ruttes" and "Rutte'nin", the misspelling "Rute" only by itself."""
        mine = _plain_tokens(m.surface)
        return -sum(o.count for o in members if o.key.script == "Latin" and _prefixes(mine, _plain_tokens(o.surface)))

    def spelling(m: Variant) -> tuple:
        surface = surfaces[id(m)]
        return surface.isascii(), has_cedilla(surface), -m.count, surface

    # One lexicographic ranking, applied stage by stage so that the costly middle criterion
    # (quadratic in the entity's variants) only runs on the variants still tied.
    best = members
    for criterion in (written_form, literal_support, spelling):
        if len(best) == 1:
            break
        ranked = [(criterion(m), m) for m in best]
        top = min(rank for rank, _ in ranked)
        best = [m for rank, m in ranked if rank == top]
    return surfaces[id(best[0])]


@lru_cache(maxsize=200_000)
def _plain_tokens(surface: str) -> tuple[str, ...]:
    return tuple(plain(strip_affixes(word)) for word in surface.split(" "))


def _prefixes(mine: tuple[str, ...], other: tuple[str, ...]) -> bool:
    """Each of my words begins the corresponding word of ``other`` (aligned from the end, so a
    surname lines up with the last word of a full name)."""
    if len(other) < len(mine) and len(other) != 1:
        return False
    pairs = zip(reversed(mine), reversed(other))
    return all(theirs.startswith(word) for word, theirs in pairs)


def _romanian(m: Variant) -> bool:
    return m.lang == "ro" or looks_romanian(m.surface) or any(ch in "șțȘȚ" for ch in m.surface)


def _romanian_fix(m: Variant) -> str:
    return m.surface if m.lang == "tr" else repair(m.surface, "ro")
