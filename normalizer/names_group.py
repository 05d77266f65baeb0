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

A long run would keep every spelling it ever met; with ``max_variants``, ``NameRegistry.trim``
forgets whole groups instead, the least valuable first (``_Recency``), out of every index.
"""

from __future__ import annotations

from collections import Counter, OrderedDict
from collections.abc import Iterable, Iterator
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


# Cache: ~340 B per name, 11 MB when full; asked once per mention, a miss costs ~6 µs.
@lru_cache(maxsize=32_768)
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
    """Distinct spellings, their keys, and a union-find over them (see module docstring).

    ``max_variants`` bounds the memory of a long run: ``trim()`` forgets whole groups, the least
    valuable first (see ``_Recency``), until no more than that many spellings remain. Ids stay
    valid until ``trim()``, so a caller trims only between batches, when it holds none; the
    registry never trims on its own. ``tick()`` marks a new unit of time (the resolver: a new
    article), which is how the registry tells a group seen twice from a name repeated once."""

    def __init__(self, gazetteer: Gazetteer, max_variants: int | None = None) -> None:
        if max_variants is not None and max_variants < 1:
            raise ValueError(f"max_variants must be positive, not {max_variants}")
        self.gazetteer = gazetteer
        self.variants: dict[int, Variant] = {}
        self._next_id = 0
        self._ids: dict[tuple[str, str | None], int] = {}
        self._parent: dict[int, int] = {}
        self._members: dict[int, list[int]] = {}
        self._index: dict[str, int] = {}
        self._blocks: dict[tuple, tuple[list[str], list[int]]] = {}
        self._token_index: dict[str, set[tuple[int, bool]]] = {}
        self._skeletons: dict[tuple[str, str], int] = {}
        self._initials: dict[str, set[int]] = {}
        #: root -> (order, canonical, type): names already emitted keep their form (streaming).
        self._frozen: dict[int, tuple[int, str, str]] = {}
        self._frozen_count = 0
        self._clock = 0
        self._recency = _Recency(self._members, max_variants) if max_variants is not None else None

    def __len__(self) -> int:
        """Live variants (distinct spellings): what ``max_variants`` bounds."""
        return len(self.variants)

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
        if self._recency is not None:
            self._recency.merged(ra, rb)
        self._parent[rb] = ra
        self._members[ra].extend(self._members.pop(rb))
        frozen = [f for f in (self._frozen.pop(ra, None), self._frozen.pop(rb, None)) if f]
        if frozen:
            # A full name beats a surname frozen earlier; otherwise the older form stays.
            self._frozen[ra] = min(frozen, key=lambda f: (" " not in f[1], f[0]))

    def members(self, root: int) -> list[Variant]:
        return [self.variants[i] for i in self._members[root]]

    # -- adding ----------------------------------------------------------------------------
    def tick(self) -> None:
        """Start a new unit of time: a group seen again after a tick counts as attested."""
        self._clock += 1

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
        if self._recency is not None:
            self._recency.seen(self.find(ident), self._clock)
        return ident

    def _new(self, core: str, lang: str | None) -> int:
        key = name_key(core, lang)
        ident = self._next_id
        self._next_id += 1
        known = self.gazetteer.lookup(key, lang) if 0 < len(key.tokens) <= _MAX_TOKENS else None
        if known is None and len(key.tokens) == 1:
            country = self.gazetteer.demonym(core)
            known = Known(country, "LOC", _DEMONYM_PRIORITY) if country else None
        variant = self.variants[ident] = Variant(core, lang, key, known)
        self._ids[(core, lang)] = ident
        self._parent[ident] = ident
        self._members[ident] = [ident]
        if self._recency is not None:
            self._recency.born(ident, self._clock, protect=known is not None)
        if not key.tokens:
            return ident
        matched = False
        for index_key in _join_keys(variant):
            matched |= self._join(index_key, ident)
        if not _compared(variant):
            return ident
        matched |= self._match_inflected(ident, key, lang)
        matched |= self._match_skeleton(ident, key)
        if not matched:
            self._fuzzy(ident)
        if len(key.tokens) > 1:
            for initials in _initials(core):
                self._initials.setdefault(initials, set()).add(ident)
            for candidate, entry in _token_entries(ident, key):
                entries = self._token_index.get(candidate)
                if entries is None:
                    entries = self._token_index[candidate] = set()
                entries.add(entry)
        return ident

    def _match_inflected(self, ident: int, key: NameKey, lang: str | None) -> bool:
        """Join a name inflected by its language to another language's nominative whose final
        vowel that inflection replaced: Polish "Giorgii Meloni" / Italian "Giorgia Meloni".
        Only a name from an inflecting language looks at (or is looked at through) the
        vowel-less stems, so two nominatives "Maria" and "Mario" never meet this way."""
        matched = False
        for look_in, combos, store_in in _inflection_lookups(key, lang):
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
        matched = False
        others = sorted(_COMPARABLE_SCRIPTS - {key.script})  # a set's order varies by process
        for combo in _skeleton_combos(key):
            for script in others:
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
        strings, ids = self._blocks.setdefault(_block(key), ([], []))
        cutoff = NAME_RATIO if len(tokens) > 1 else SINGLE_RATIO
        if strings:
            for _, score, position in process.extract(key.primary, strings, scorer=fuzz.ratio,
                                                      score_cutoff=cutoff, limit=None):
                other = ids[position]
                if self.find(other) != self.find(ident) and _close_enough(key, self.variants[other].key):
                    self.union(other, ident)
        strings.append(key.primary)
        ids.append(ident)

    # -- forgetting --------------------------------------------------------------------------
    def trim(self) -> int:
        """Forget the least valuable groups until at most ``max_variants`` spellings remain;
        returns how many were forgotten. A forgotten spelling that comes back starts a group
        afresh. Only call it when no id returned earlier is still needed."""
        if self._recency is None:
            return 0
        roots = self._recency.victims(len(self.variants))
        return self._forget(roots) if roots else 0

    def _forget(self, roots: list[int]) -> int:
        """Remove whole groups from every index, so that their memory really returns: each
        index is visited through the keys the variant was filed under (as ``_new`` files
        them), and an entry is dropped only if it points into the groups forgotten."""
        gone: set[int] = set()
        for root in roots:
            gone.update(self._members.pop(root))
            self._frozen.pop(root, None)
        blocks: dict[tuple, set[int]] = {}
        for ident in gone:
            variant = self.variants.pop(ident)
            del self._parent[ident], self._ids[(variant.surface, variant.lang)]
            key = variant.key
            if not key.tokens:
                continue
            index_keys = _join_keys(variant)
            if _compared(variant):
                index_keys += [store_in + combo for _, combos, store_in in _inflection_lookups(key, variant.lang)
                               for combo in combos]
                for combo in _skeleton_combos(key):
                    if self._skeletons.get((combo, key.script)) in gone:
                        del self._skeletons[(combo, key.script)]
                blocks.setdefault(_block(key), set()).add(ident)
                if len(key.tokens) > 1:
                    for initials in _initials(variant.surface):
                        _discard(self._initials, initials, ident)
                    for candidate, entry in _token_entries(ident, key):
                        _discard(self._token_index, candidate, entry)
            for index_key in index_keys:
                if self._index.get(index_key) in gone:
                    del self._index[index_key]
        for block, ids_gone in blocks.items():
            entry = self._blocks.get(block)
            if entry is None:
                continue
            strings, ids = entry
            kept = [position for position, ident in enumerate(ids) if ident not in ids_gone]
            if kept:
                strings[:] = [strings[position] for position in kept]
                ids[:] = [ids[position] for position in kept]
            else:
                del self._blocks[block]
        return len(gone)

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
            self._frozen_count += 1  # a counter, not len(): unions and trims shrink the dict
            frozen = (self._frozen_count, choose_canonical(self.members(root)), self.entity_type(root))
            self._frozen[root] = frozen
        return frozen[1], frozen[2]


class _Recency:
    """Which groups ``NameRegistry.trim`` forgets first: a segmented LRU over groups (roots).

    A new group enters *probation*. Seen again at a later tick (the resolver: in another
    article), or known to the gazetteer, it is *protected*. Eviction takes the least recently
    seen probation group first, so the one-off spellings a crawl is full of (typos, names met
    once) go long before any attested name. The protected segment holds at most 4/5 of the cap:
    its least recently seen groups go back to probation (a second chance) rather than crowd out
    every new name for good. Recency is the order of sightings, so the choice depends on the
    input alone, not on timing, hashing or the number of worker processes.
    """

    def __init__(self, members: dict[int, list[int]], capacity: int) -> None:
        self._members = members  # the registry's own: sizes are read, never written
        self.capacity = capacity
        self._protected_capacity = capacity * 4 // 5
        #: root -> tick of its last sighting; least recently seen first.
        self._probation: OrderedDict[int, int] = OrderedDict()
        self._protected: OrderedDict[int, int] = OrderedDict()
        self._protected_size = 0  # variants in protected groups

    def born(self, root: int, tick: int, protect: bool) -> None:
        self._put(root, tick, protect, 1)

    def seen(self, root: int, tick: int) -> None:
        size = len(self._members[root])
        last, protected = self._pop(root, size)
        self._put(root, tick, protected or last != tick, size)

    def merged(self, winner: int, loser: int) -> None:
        """Two groups become one (called before their members move). Two groups last seen at
        different ticks are one entity seen twice: the merged group is protected."""
        size_w, size_l = len(self._members[winner]), len(self._members[loser])
        tick_w, protected_w = self._pop(winner, size_w)
        tick_l, protected_l = self._pop(loser, size_l)
        self._put(winner, max(tick_w, tick_l), protected_w or protected_l or tick_w != tick_l, size_w + size_l)

    def victims(self, live: int) -> list[int]:
        """Take out (and return) the groups to forget so that ``live`` variants fit the cap."""
        while self._protected_size > self._protected_capacity:
            root, tick = self._protected.popitem(last=False)
            self._protected_size -= len(self._members[root])
            self._probation[root] = tick
        roots = []
        while live > self.capacity and (self._probation or self._protected):
            segment = self._probation or self._protected
            root, _ = segment.popitem(last=False)
            size = len(self._members[root])
            if segment is self._protected:
                self._protected_size -= size
            live -= size
            roots.append(root)
        return roots

    def _pop(self, root: int, size: int) -> tuple[int, bool]:
        tick = self._probation.pop(root, None)
        if tick is not None:
            return tick, False
        self._protected_size -= size
        return self._protected.pop(root), True

    def _put(self, root: int, tick: int, protect: bool, size: int) -> None:
        if protect:
            self._protected[root] = tick
            self._protected_size += size
        else:
            self._probation[root] = tick


def _compared(variant: Variant) -> bool:
    """Whether a variant is matched beyond its exact keys (inflections, skeletons, fuzzy): not
    for a gazetteer name, a script without transliteration rules or an over-long name."""
    key = variant.key
    return variant.known is None and key.script in _COMPARABLE_SCRIPTS and len(key.tokens) <= _MAX_TOKENS


def _join_keys(variant: Variant) -> list[str]:
    """The exact keys a variant is filed under in ``_index``: whoever shares one joins it."""
    key = variant.key
    if variant.known is not None:
        return ["\0known:" + variant.known.canonical]
    if not _compared(variant):
        # Scripts without transliteration rules match only themselves, exactly.
        return [key.script + ":" + combo for combo in key.combos()]
    keys = list(key.combos())
    if variant.lang in _FAMILY_NAME_FIRST and len(key.tokens) == 2:
        # "Orbán Viktor" in Hungarian is "Viktor Orbán" everywhere else.
        keys += key.combos([t.candidates for t in reversed(key.tokens)])
    return keys


def _inflection_lookups(key: NameKey, lang: str | None) -> list[tuple[str, tuple[str, ...], str]]:
    """(prefix looked in, combos, prefix filed under) for ``_match_inflected``."""
    lookups = [("S:", key.combos([t.vowel_stems for t in key.tokens], limit=16), "V:")]
    if lang in INFLECTING:
        lookups.append(("V:", key.combos([t.candidates for t in key.tokens], limit=16), "S:"))
    return lookups


def _skeleton_combos(key: NameKey) -> list[str]:
    """The skeleton keys of a name, only those with enough consonants to be specific."""
    pools = [t.skeletons for t in key.tokens]
    if any(not any(pool) for pool in pools):
        return []
    shortest = _MIN_SKELETON if len(pools) == 1 else _MIN_SKELETON - 1
    return [combo for combo in key.combos(pools, limit=16) if len(combo.replace(" ", "")) >= shortest]


def _block(key: NameKey) -> tuple[int, str, str]:
    """The fuzzy-matching block: same token count, first letter, start of the last token."""
    return len(key.tokens), key.tokens[0].primary[:1], key.tokens[-1].primary[:2]


def _token_entries(ident: int, key: NameKey) -> Iterator[tuple[str, tuple[int, bool]]]:
    """(candidate, (id, is the last token)) for the surname index of a full name."""
    last = len(key.tokens) - 1
    for position, token in enumerate(key.tokens):
        for candidate in token.candidates:
            yield candidate, (ident, position == last)


def _discard(index: dict[str, set], key: str, entry: object) -> None:
    entries = index.get(key)
    if entries is not None:
        entries.discard(entry)
        if not entries:
            del index[key]


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


# Cache: ~180 B per surface, 3 MB when full; only read when a canonical form is chosen.
@lru_cache(maxsize=16_384)
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
