"""Specification of the bounded name registry (issue 9): a long run keeps at most ``max_variants``
distinct spellings; the least valuable groups are forgotten first, and below the cap nothing
changes."""

from __future__ import annotations

import gc
import tracemalloc

from normalizer.names import EntityResolver
from normalizer.names_group import NameRegistry
from normalizer.names_lexicon import gazetteer_for
from normalizer.record import Article, LanguageInfo

_FIRST = ["bav", "kel", "tor", "mis", "dru", "pen", "gor", "lix", "zam", "quo", "fen", "rud"]
_LAST = ["sko", "vail", "murt", "dop", "ince", "yarb", "hol", "wex", "tund", "cil", "obra", "gesh"]


def _invented_names(count: int, offset: int = 0) -> list[str]:
    """Distinct two-word names nobody else uses ("Kelbavbav Vailskosko"): no two share a word,
    so none is taken for another's misspelling and each is a group of its own."""
    def word(number: int, syllables: list[str]) -> str:
        return "".join(syllables[number // 12 ** k % 12] for k in range(3)).capitalize()

    return [f"{word(i, _FIRST)} {word(i, _LAST)}" for i in range(offset, offset + count)]


def _article(ident: str, text: str, lang: str = "en") -> Article:
    return Article(id=ident, language=LanguageInfo(code=lang), title="", text=text, title_en="",
                   text_en=text if lang == "en" else None)


def _flood(resolver: EntityResolver, count: int) -> None:
    """One-off names, each in one article, two articles a chunk."""
    articles = [_article(f"flood{i}", f"{name} spoke.") for i, name in enumerate(_invented_names(count))]
    for start in range(0, len(articles), 2):
        resolver.annotate(articles[start:start + 2])


def _canonical_after(resolver: EntityResolver, text: str) -> str:
    article = Article(id="later", language=LanguageInfo(code="ro"), title="", text=text, title_en="",
                      text_en="Nicușor Dan spoke.")
    resolver.annotate([article])
    return article.entities[0].canonical


def test_live_spellings_never_exceed_the_cap():
    resolver = EntityResolver(max_variants=15)
    articles = [_article(f"a{i}", f"{name} spoke.") for i, name in enumerate(_invented_names(60))]
    for start in range(0, len(articles), 3):
        resolver.annotate(articles[start:start + 3])
        assert len(resolver.registry) <= 15


def test_an_evicted_name_that_comes_back_starts_afresh():
    resolver = EntityResolver(max_variants=10)
    resolver.annotate([_article("first", "Nicusor Dan spoke.")])
    _flood(resolver, 30)
    # Forgotten, the ASCII form no longer holds: the better-written spelling wins afresh.
    assert _canonical_after(resolver, "Nicușor Dan a vorbit.") == "Nicușor Dan"


def test_a_name_seen_in_several_articles_survives_a_flood_of_one_off_names():
    resolver = EntityResolver(max_variants=10)
    resolver.annotate([_article("first", "Nicusor Dan spoke."), _article("second", "Nicusor Dan left.")])
    _flood(resolver, 30)
    assert _canonical_after(resolver, "Nicușor Dan a vorbit.") == "Nicusor Dan"


def test_a_gazetteer_name_survives_a_flood_of_one_off_names():
    resolver = EntityResolver(max_variants=10)
    resolver.annotate([_article("first", "Lisboa es bonita.", lang="es")])
    _flood(resolver, 30)
    assert ("Lisboa", "es") in resolver.registry._ids


def test_results_are_unchanged_below_the_cap():
    def run(max_variants: int | None) -> list[dict]:
        resolver = EntityResolver(max_variants=max_variants)
        chunks = [[_article("first", "Nicusor Dan spoke.")],
                  [_article(f"a{i}", f"{name} met Nicușor Dan.") for i, name in enumerate(_invented_names(20))],
                  [Article(id="ro", language=LanguageInfo(code="ro"), title="", text="Nicușor Dan a vorbit.",
                           title_en="", text_en="Nicușor Dan spoke.")]]
        for chunk in chunks:
            resolver.annotate(chunk)
        return [article.to_dict() for chunk in chunks for article in chunk]

    assert run(1_000) == run(None)


def test_eviction_is_deterministic():
    def run() -> list[tuple[str, ...]]:
        resolver = EntityResolver(max_variants=12)
        articles = [_article(f"a{i}", f"{a} met {b}. {a} left.")
                    for i, (a, b) in enumerate(zip(_invented_names(40), _invented_names(40, offset=20)))]
        for start in range(0, len(articles), 4):
            resolver.annotate(articles[start:start + 4])
        return [tuple(e.canonical for e in article.entities) for article in articles]

    assert run() == run()


def _registry_after_evictions(max_variants: int) -> NameRegistry:
    registry = NameRegistry(gazetteer_for(None), max_variants=max_variants)
    for i, name in enumerate(_invented_names(200)):
        registry.tick()
        for spelling, lang in ((name, "en"), (name + "a", "pl"), (name.split()[-1], "en")):
            registry.link_surname(registry.add(spelling, lang))
        if i % 10 == 9:
            registry.trim()
    return registry


def test_grouping_still_works_after_evictions():
    registry = _registry_after_evictions(40)
    ids = [registry.add(name, lang) for name, lang in
           (("Volodymyr Zelensky", "en"), ("Wołodymyr Zełenski", "pl"), ("Володимир Зеленський", "uk"))]
    root = registry.find(ids[0])
    assert {registry.find(i) for i in ids} == {root}
    assert {v.surface for v in registry.members(root)} >= {"Volodymyr Zelensky", "Wołodymyr Zełenski"}


def test_no_index_keeps_a_forgotten_spelling():
    registry = _registry_after_evictions(40)
    live = set(registry.variants)
    assert len(live) <= 40
    assert set(registry._parent) == live == set(registry._ids.values())
    assert sorted(i for group in registry._members.values() for i in group) == sorted(live)
    assert set(registry._index.values()) <= live and set(registry._skeletons.values()) <= live
    assert all(ids and set(ids) <= live for _, ids in registry._blocks.values())
    assert all(entries and {i for i, _ in entries} <= live for entries in registry._token_index.values())
    assert all(entries and entries <= live for entries in registry._initials.values())
    assert set(registry._frozen) <= set(registry._members)


def _feed(registry: NameRegistry, names: list[str], per_chunk: int) -> list[int]:
    """Add the names one article each, trim after every chunk; traced bytes after each trim."""
    sizes = []
    for start in range(0, len(names), per_chunk):
        for name in names[start:start + per_chunk]:
            registry.tick()
            registry.add(name, "en")
        registry.trim()
        gc.collect()
        sizes.append(tracemalloc.get_traced_memory()[0])
    return sizes


def test_memory_stays_flat_beyond_the_cap():
    names = _invented_names(2_000)
    # A first pass fills the word caches (bounded on their own), so that the measure is the registry's.
    _feed(NameRegistry(gazetteer_for(None), max_variants=200), names, 400)
    tracemalloc.start()
    try:
        sizes = _feed(NameRegistry(gazetteer_for(None), max_variants=200), names, 400)
    finally:
        tracemalloc.stop()
    # Each chunk brings 400 new spellings (some 600 KB of registry without a cap); from the second
    # on, when the indexes have reached their size for the cap plus a chunk, memory stays put.
    assert max(sizes[1:]) - min(sizes[1:]) < 100_000
