"""Names: find every person, organisation and place, and give all their spellings one form.

Entry points (the rest of the stage lives in ``names_keys``, ``names_lexicon``,
``names_mentions`` and ``names_group``):

* ``group_variants(names, langs=None)``: for each name, its canonical form;
* ``find_mentions(text, lang, field)``: mentions with offsets into ``text``;
* ``collect_mentions(title, text, lang, aliases=None)``: the per-article half of the work
  (text repair and mention finding), pure and picklable, so that a pipeline can run it in
  worker processes and hand the results to ``annotate``;
* ``EntityResolver``: the pipeline's batch state; ``annotate(articles, collected=None,
  collected_en=None)`` fills ``Article.entities`` and rewrites ``title_en``/``text_en`` with
  canonical names. Mentions not handed over are found in place, with the same result.

Streaming: the resolver keeps its registry across chunks, so a name seen in chunk 1 keeps its
canonical form in chunk 5. The price of streaming is that a canonical form is fixed the first
time an entity is written out: a better-written variant seen only later (or a full name that
shows up after its surname) cannot rename records already emitted, and a surname seen before
any full name stays on its own in those records.

Bounded memory: the registry costs some 3.5 KB per distinct spelling, and a large crawl meets
millions of them (typos, names met once), so the resolver keeps at most ``max_variants``
(``MAX_VARIANTS`` by default; None: no cap). After each chunk, when over the cap, it forgets whole
groups, the least valuable first: groups seen in a single article, least recently seen first;
groups seen in several articles or known to the gazetteer only when those run out or have not
been seen for long (``names_group._Recency``). Recency is counted in articles in input order, so
what is forgotten does not depend on timing or on the number of workers. Below the cap nothing
changes. Above it, results differ from an unbounded run only for names that meet a forgotten
group: a forgotten spelling that comes back starts a new group whose canonical form is chosen
afresh (a name written out as "Nicusor Dan" long ago may come back as "Nicușor Dan"); a new
spelling groups without the forgotten ones; a lone surname no longer sees a forgotten full name
(so it may stay apart, or become the only match of another person). The word caches of
``names_keys``, ``names_group`` and ``names_mentions`` are bounded separately, by their
``lru_cache`` sizes. Every process (each worker too) has its own, so the sizes keep them to some
115 MB in all when full, where 100,000-400,000 entries each took ~850 MB: they are there for the
words that recur, and those stay (over a stream of 12,000 articles: a few per cent more misses,
no more instructions executed). The comment by each size gives its bytes per entry
(tracemalloc, caches full) and what a miss costs.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from normalizer.names_group import NameRegistry, core_name
from normalizer.names_keys import repair_text, script_of
from normalizer.names_lexicon import AliasFileError, Gazetteer, gazetteer_for
from normalizer.names_mentions import FoundMention, find_mentions
from normalizer.record import Article, Entity, Mention

__all__ = ["MAX_VARIANTS", "AliasFileError", "ArticleMentions", "EntityResolver", "FoundMention",
           "collect_mentions", "find_mentions", "group_variants"]

#: default cap on the distinct spellings the resolver keeps across chunks: at 3.5-4 KB each
#: (keys, indexes, union-find, recency), some 0.8 GB at most whatever the length of the run,
#: and room for the names of tens of thousands of articles.
MAX_VARIANTS = 200_000
_ORIGINAL_FIELDS = ("title", "text")
_ENGLISH_FIELDS = ("title_en", "text_en")
_FIELD_ORDER = {name: i for i, name in enumerate(_ORIGINAL_FIELDS + _ENGLISH_FIELDS)}


def group_variants(names: Sequence[str], langs: Sequence[str | None] | None = None,
                   aliases: str | Path | None = None) -> list[str]:
    """For each input name, its canonical form: equal strings mean the same entity.

    ``langs`` (same length as ``names``) says which language each name was written in; it
    enables that language's case endings and transliteration. The whole list is one batch: a
    surname alone joins a full name only when no other name in the list could claim it.
    """
    if langs is not None and len(langs) != len(names):
        raise ValueError(f"langs has {len(langs)} items for {len(names)} names")
    registry = NameRegistry(gazetteer_for(aliases))
    codes = {code: _lang(code) for code in set(langs)} if langs is not None else {}
    with _gc_paused():
        ids = [registry.add(name if isinstance(name, str) else "", codes.get(langs[i]) if langs else None)
               for i, name in enumerate(names)]
        for ident in sorted(set(ids)):
            registry.link_surname(ident)
        canonical: dict[int, str] = {}
        out = []
        for ident in ids:
            if not registry.variants[ident].key.tokens:
                out.append(registry.variants[ident].surface)
                continue
            root = registry.find(ident)
            if root not in canonical:
                canonical[root] = registry.canonical(root)
            out.append(canonical[root])
    return out


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while the registry grows. Every key, variant and
    index entry made here lives on (and none forms a cycle), yet each allocation burst makes
    the collector rescan the ever larger registry: measured, that was 30-40% of the time of
    grouping 100,000 mentions. Reference counting still frees everything else at once."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _lang(code: str | None) -> str | None:
    if not code or code == "und":
        return None
    return code.lower().split("-")[0].split("_")[0]


@dataclass
class ArticleMentions:
    """The mentions of one article's title and body (or of its English title and body), and
    the two texts as repaired for names (Romanian comma-below letters), which the offsets
    point into. Plain data, so it pickles to and from worker processes."""

    title: str | None
    text: str | None
    mentions: list[FoundMention] = field(default_factory=list)


def collect_mentions(title: str | None, text: str | None, lang: str | None,
                     aliases: str | Path | None = None, *, english: bool = False,
                     gazetteer: Gazetteer | None = None) -> ArticleMentions:
    """Repair and read one article's title and text: the part of the names stage that needs
    no batch state. ``lang`` is the article's language code; ``english=True`` reads an English
    title/body (``title_en``/``text_en``; ``lang`` is then ignored). The gazetteer is the
    process's cached one for ``aliases`` (loaded once per process, see ``gazetteer_for``)."""
    gazetteer = gazetteer or gazetteer_for(aliases)
    lang = "en" if english else _lang(lang)
    if lang == "ro":
        title = repair_text(title, "ro") if title else title
        text = repair_text(text, "ro") if text else text
    title_field, text_field = _ENGLISH_FIELDS if english else _ORIGINAL_FIELDS
    mentions = []
    if isinstance(title, str) and title:
        mentions += find_mentions(title, lang, title_field, context=text or None, gazetteer=gazetteer)
    if isinstance(text, str) and text:
        mentions += find_mentions(text, lang, text_field, gazetteer=gazetteer)
    return ArticleMentions(title, text, mentions)


class EntityResolver:
    """Holds the batch state: grouping spans all chunks of a run (see the module docstring).
    ``max_variants`` caps the distinct spellings kept between chunks (None: no cap)."""

    def __init__(self, aliases: str | Path | None = None, keep_names: bool = False,
                 max_variants: int | None = MAX_VARIANTS) -> None:
        self.gazetteer = gazetteer_for(aliases)  # raises AliasFileError for a bad user file
        self.registry = NameRegistry(self.gazetteer, max_variants=max_variants)
        self.keep_names = keep_names

    def annotate(self, articles: Sequence[Article],
                 collected: Sequence[ArticleMentions | None] | None = None,
                 collected_en: Sequence[ArticleMentions | None] | None = None) -> None:
        """Fill ``entities`` of every article of this chunk and, unless ``keep_names``, write
        ``title_en``/``text_en`` with canonical names. Never raises for odd content: an
        article without text simply gets no entities.

        ``collected[i]`` / ``collected_en[i]`` are ``collect_mentions`` results for article
        ``i``'s original / English fields computed elsewhere (a worker process); None, or a
        result whose texts no longer match the article, means "find them here". The output is
        the same either way."""
        for given in (collected, collected_en):
            if given is not None and len(given) != len(articles):
                raise ValueError(f"{len(given)} collected results for {len(articles)} articles")
        with _gc_paused():
            found = [self._collect(article, collected[i] if collected else None,
                                   collected_en[i] if collected_en else None)
                     for i, article in enumerate(articles)]
        for mentions in found:  # a surname first joins a full name of its own article
            multi = [ident for _, ident in mentions if self.registry.variants[ident].multi]
            for _, ident in mentions:
                self.registry.link_surname(ident, scope=multi)
        for mentions in found:
            for _, ident in mentions:
                self.registry.link_surname(ident)
        for article, mentions in zip(articles, found):
            self._emit(article, mentions)
        self.registry.trim()  # between chunks: no id of this one is needed any more

    def _collect(self, article: Article, given: ArticleMentions | None,
                 given_en: ArticleMentions | None) -> list[tuple[FoundMention, int]]:
        self.registry.tick()  # recency is counted in articles
        lang = _lang(article.language.code if article.language else None)
        original = given if _matches(given, article.title, article.text, lang) else \
            collect_mentions(article.title, article.text, lang, gazetteer=self.gazetteer)
        article.title, article.text = original.title, original.text
        if _matches(given_en, article.title_en, article.text_en, "en"):
            english = [replace(m) for m in given_en.mentions]  # copies: the rewrite moves offsets
        elif lang == "en" and article.text_en == article.text and article.title_en in (article.title, None):
            # An English article's English fields are its original ones: read them once.
            english = [replace(m, field=m.field + "_en") for m in original.mentions
                       if m.field == "text" or article.title_en is not None]
        else:
            english = collect_mentions(article.title_en, article.text_en, None, english=True,
                                       gazetteer=self.gazetteer).mentions
        add = self.registry.add
        return [(m, add(m.core, lang, hint=m.hint)) for m in original.mentions] + \
            [(m, add(m.core, "en", hint=m.hint)) for m in english]

    def _emit(self, article: Article, mentions: list[tuple[FoundMention, int]]) -> None:
        registry = self.registry
        by_root: dict[int, list[FoundMention]] = {}
        for mention, ident in mentions:
            if registry.variants[ident].key.tokens:
                by_root.setdefault(registry.find(ident), []).append(mention)
        entities = []
        replacements: dict[int, str] = {}
        for root, group in by_root.items():
            canonical, kind = registry.freeze(root)
            for mention in group:
                replacements[id(mention)] = _replacement(mention, canonical, kind)
            original = sum(1 for m in group if m.field in _ORIGINAL_FIELDS)
            english = len(group) - original
            entities.append((canonical, kind, max(original, english), group))
        if not self.keep_names:
            _rewrite(article, [m for m, _ in mentions], replacements)
        article.entities = sorted(
            (Entity(canonical, kind, count,
                    sorted((Mention(m.text, m.field, m.start, m.end) for m in group),
                           key=lambda x: (_FIELD_ORDER[x.field], x.start, x.end)))
             for canonical, kind, count, group in entities),
            key=lambda e: (-e.count, e.canonical, e.type),
        )


def _matches(given: ArticleMentions | None, title: str | None, text: str | None, lang: str | None) -> bool:
    """Whether precomputed mentions were read from these very texts (as repaired)."""
    if given is None:
        return False
    if lang == "ro":
        title = repair_text(title, "ro") if title else title
        text = repair_text(text, "ro") if text else text
    return given.title == title and given.text == text


def _replacement(mention: FoundMention, canonical: str, kind: str) -> str:
    """What an English mention should read: the canonical form, or its surname when the
    mention is a surname of a person ("Rutte" stays "Rutte", "Rute" becomes "Rutte")."""
    if script_of(canonical) not in ("Latin", "None"):
        return mention.text
    words = canonical.split(" ")
    if kind == "PER" and len(words) > 1 and " " not in core_name(mention.core, "en"):
        return words[-1]
    return canonical


def _rewrite(article: Article, mentions: list[FoundMention], replacements: dict[int, str]) -> None:
    """Put canonical names into the English fields and move every offset accordingly."""
    for name in _ENGLISH_FIELDS:
        text = getattr(article, name)
        own = sorted((m for m in mentions if m.field == name), key=lambda m: m.start)
        if not isinstance(text, str) or not own:
            continue
        pieces, cursor, shift = [], 0, 0
        for mention in own:
            new = replacements.get(id(mention), mention.text)
            pieces.append(text[cursor:mention.start])
            pieces.append(new)
            cursor = mention.end
            mention.start += shift
            shift += len(new) - len(mention.text)
            mention.end = mention.start + len(new)
            mention.text = new
        pieces.append(text[cursor:])
        setattr(article, name, "".join(pieces))
