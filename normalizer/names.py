"""Names: find every person, organisation and place, and give all their spellings one form.

Entry points (the rest of the stage lives in ``names_keys``, ``names_lexicon``,
``names_mentions`` and ``names_group``):

* ``group_variants(names, langs=None)``: for each name, its canonical form;
* ``find_mentions(text, lang, field)``: mentions with offsets into ``text``;
* ``EntityResolver``: the pipeline's batch state; ``annotate(articles)`` fills
  ``Article.entities`` and rewrites ``title_en``/``text_en`` with canonical names.

Streaming: the resolver keeps its registry across chunks, so a name seen in chunk 1 keeps its
canonical form in chunk 5. The price of streaming is that a canonical form is fixed the first
time an entity is written out: a better-written variant seen only later (or a full name that
shows up after its surname) cannot rename records already emitted, and a surname seen before
any full name stays on its own in those records.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from normalizer.names_group import NameRegistry, core_name
from normalizer.names_keys import repair_text, script_of
from normalizer.names_lexicon import AliasFileError, Gazetteer
from normalizer.names_mentions import FoundMention, find_mentions
from normalizer.record import Article, Entity, Mention

__all__ = ["AliasFileError", "EntityResolver", "FoundMention", "find_mentions", "group_variants"]

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
    registry = NameRegistry(Gazetteer(aliases))
    ids = [registry.add(name if isinstance(name, str) else "", _lang(langs[i] if langs else None))
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


def _lang(code: str | None) -> str | None:
    if not code or code == "und":
        return None
    return code.lower().split("-")[0].split("_")[0]


class EntityResolver:
    """Holds the batch state: grouping spans all chunks of a run (see the module docstring)."""

    def __init__(self, aliases: str | Path | None = None, keep_names: bool = False) -> None:
        self.gazetteer = Gazetteer(aliases)  # raises AliasFileError for a bad user file
        self.registry = NameRegistry(self.gazetteer)
        self.keep_names = keep_names

    def annotate(self, articles: list[Article]) -> None:
        """Fill ``entities`` of every article of this chunk and, unless ``keep_names``, write
        ``title_en``/``text_en`` with canonical names. Never raises for odd content: an
        article without text simply gets no entities."""
        found = [self._collect(article) for article in articles]
        for mentions in found:  # a surname first joins a full name of its own article
            multi = [ident for _, ident in mentions if self.registry.variants[ident].multi]
            for _, ident in mentions:
                self.registry.link_surname(ident, scope=multi)
        for mentions in found:
            for _, ident in mentions:
                self.registry.link_surname(ident)
        for article, mentions in zip(articles, found):
            self._emit(article, mentions)

    def _collect(self, article: Article) -> list[tuple[FoundMention, int]]:
        lang = _lang(article.language.code if article.language else None)
        if lang == "ro":
            article.title = repair_text(article.title, "ro") if article.title else article.title
            article.text = repair_text(article.text or "", "ro")
        out = []
        for name in _ORIGINAL_FIELDS + _ENGLISH_FIELDS:
            text = getattr(article, name)
            if not isinstance(text, str) or not text:
                continue
            field_lang = "en" if name in _ENGLISH_FIELDS else lang
            context = article.text_en if name == "title_en" else article.text if name == "title" else None
            for mention in find_mentions(text, field_lang, name, context=context, gazetteer=self.gazetteer):
                out.append((mention, self.registry.add(mention.core, field_lang, hint=mention.hint)))
        return out

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
