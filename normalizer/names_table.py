"""The variant table behind ``normalizer names``: canonical name <- spellings seen, with counts
and languages, built from article records.

Records that already carry ``entities`` (pipeline output) are used as they are; records without
them, or every record when the user brings an alias file, are resolved again from their text
with ``EntityResolver(keep_names=True)`` so that the table shows the spellings as written.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from normalizer.record import Article

_ENGLISH_FIELDS = ("title_en", "text_en")


@dataclass
class Spelling:
    surface: str
    count: int
    languages: list[str]


@dataclass
class Row:
    canonical: str
    type: str
    count: int
    articles: int
    variants: list[Spelling] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"canonical": self.canonical, "type": self.type, "count": self.count,
                "articles": self.articles,
                "variants": [{"surface": v.surface, "count": v.count, "languages": v.languages}
                             for v in self.variants]}


def variant_table(articles: Iterable[Article], aliases: str | Path | None = None) -> list[Row]:
    """Rows sorted by mention count (descending), then canonical form."""
    from normalizer.names import EntityResolver

    articles = list(articles)
    resolver = EntityResolver(aliases, keep_names=True)
    to_resolve = [a for a in articles if (aliases is not None or not a.entities) and (a.text or a.text_en)]
    resolver.annotate(to_resolve)
    surfaces: dict[tuple[str, str], Counter[str]] = {}
    langs: dict[tuple[str, str, str], set[str]] = {}
    counts: Counter[tuple[str, str]] = Counter()
    article_counts: Counter[tuple[str, str]] = Counter()
    for article in articles:
        code = article.language.code if article.language and article.language.code else "und"
        for entity in article.entities:
            key = (entity.canonical, entity.type)
            counts[key] += entity.count
            article_counts[key] += 1
            for mention in entity.mentions:
                lang = "en" if mention.field in _ENGLISH_FIELDS else code
                surfaces.setdefault(key, Counter())[mention.text] += 1
                langs.setdefault((*key, mention.text), set()).add(lang)
    rows = []
    for key, total in counts.items():
        variants = [Spelling(surface, n, sorted(langs[(*key, surface)]))
                    for surface, n in sorted(surfaces.get(key, Counter()).items(), key=lambda i: (-i[1], i[0]))]
        rows.append(Row(key[0], key[1], total, article_counts[key], variants))
    return sorted(rows, key=lambda r: (-r.count, r.canonical, r.type))


def format_table(rows: list[Row]) -> str:
    """Plain-text table: one block per entity, its spellings indented under it."""
    lines = []
    for row in rows:
        lines.append(f"{row.canonical}  [{row.type}]  {row.count} mentions in {row.articles} articles")
        width = max((len(v.surface) for v in row.variants), default=0)
        for v in row.variants:
            lines.append(f"    <- {v.surface.ljust(width)}  {v.count:>4}  {','.join(v.languages)}")
    return "\n".join(lines) + ("\n" if lines else "")
