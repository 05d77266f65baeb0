"""The article record: the one shape every stage reads and writes.

Plain dataclasses, so that stages stay decoupled from each other and from JSON: a stage fills its
own fields, ``Article.to_dict()`` gives the JSON Lines form documented in the README, and
``Article.from_dict()`` reads it back (tolerating records from older schema versions, which lack
fields, so that ``merge`` and ``names`` can run on files written by earlier releases).
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from typing import Any

SCHEMA_VERSION = 1


@dataclass
class LanguageInfo:
    """Article-level language: ``code`` is ISO 639-1 or ``"und"``; ``hint`` is what the page
    declared (``<html lang>``, og:locale, URL); ``shares`` is the fraction of body characters in
    each language, ``paragraphs`` the language of each body paragraph, in order, and ``title``
    the language of the title (headlines are often left in another language, or in English)."""

    code: str = "und"
    confidence: float = 0.0
    hint: str | None = None
    shares: dict[str, float] = field(default_factory=dict)
    paragraphs: list[str] = field(default_factory=list)
    title: str | None = None


@dataclass
class TranslationInfo:
    """``status`` is one of ok | not_needed | unavailable | disabled | error."""

    status: str = "disabled"
    engine: str | None = None
    model: str | None = None
    detail: str | None = None


@dataclass
class Mention:
    text: str
    field: str
    start: int
    end: int


@dataclass
class Entity:
    canonical: str
    type: str
    count: int
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class ErrorInfo:
    stage: str
    message: str


@dataclass
class Article:
    id: str
    url: str | None = None
    site: str | None = None
    title: str | None = None
    title_en: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    language: LanguageInfo = field(default_factory=LanguageInfo)
    text: str = ""
    text_en: str | None = None
    translation: TranslationInfo = field(default_factory=TranslationInfo)
    entities: list[Entity] = field(default_factory=list)
    error: ErrorInfo | None = None
    warnings: list[str] = field(default_factory=list)
    schema_version: int = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        """Build an Article from its JSON form; unknown keys are ignored, missing ones defaulted."""
        known = {f.name for f in dataclasses.fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        values.setdefault("id", article_id(data.get("url"), data.get("text") or ""))
        language = values.get("language")
        if isinstance(language, str):  # some older/foreign records carry a bare code
            language = {"code": language}
        values["language"] = _build(LanguageInfo, language)
        values["translation"] = _build(TranslationInfo, values.get("translation"))
        values["entities"] = [
            Entity(
                canonical=e["canonical"],
                type=e.get("type", "MISC"),
                count=e.get("count", len(e.get("mentions", [])) or 1),
                mentions=[_build(Mention, m) for m in e.get("mentions", [])],
            )
            for e in values.get("entities") or []
            if isinstance(e, dict) and e.get("canonical")
        ]
        error = values.get("error")
        values["error"] = _build(ErrorInfo, error) if isinstance(error, dict) else None
        values["authors"] = list(values.get("authors") or [])
        values["warnings"] = list(values.get("warnings") or [])
        values["text"] = values.get("text") or ""
        values["schema_version"] = data.get("schema_version", 0)
        return cls(**values)


def _plain(value: Any) -> Any:
    """A record as plain JSON-ready values: what ``dataclasses.asdict`` gives, in the same order,
    without its ``deepcopy`` of every leaf value (the leaves here are immutable: strings,
    numbers, None), which made it cost as much as serialising the record to JSON."""
    names = _FIELD_NAMES.get(type(value))
    if names is not None:
        return {name: _plain(getattr(value, name)) for name in names}
    if isinstance(value, (list, tuple)):
        return type(value)(_plain(item) for item in value)
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


_FIELD_NAMES: dict[type, tuple[str, ...]] = {
    kind: tuple(f.name for f in dataclasses.fields(kind))
    for kind in (Article, LanguageInfo, TranslationInfo, Mention, Entity, ErrorInfo)
}


def _build(kind: type, data: Any) -> Any:
    if not isinstance(data, dict):
        return kind()
    names = {f.name for f in dataclasses.fields(kind)}
    return kind(**{k: v for k, v in data.items() if k in names})


def article_id(url: str | None, content: str | bytes) -> str:
    """A stable id: derived from the URL when there is one (so re-crawls of a page keep their id),
    otherwise from the page content. Never from time or input position."""
    if url:
        basis = b"url:" + url.strip().encode("utf-8", "surrogatepass")
    else:
        raw = content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass")
        basis = b"content:" + raw
    return hashlib.sha256(basis).hexdigest()[:16]
