"""Facts a page states about itself in its markup: language, canonical URL, site name, title,
published time, page type (article or listing) and paywall marks.

Read with a tolerant tag scanner (regular expressions over the first part of the page) rather
than a parser, so that they come out even when the document itself is malformed, and because
trafilatura either drops them (language, canonical, page type) or reduces them (htmldate keeps
only the day of a published date-time).
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class HeadFacts:
    """What the markup says; ``is_article``/``is_listing`` weigh the page-type evidence."""

    lang: str | None = None
    canonical: str | None = None
    site_name: str | None = None
    title: str | None = None  # og:title, else <title>
    og_title: str | None = None
    published: str | None = None  # declared in meta tags or JSON-LD
    time_element: str | None = None  # the first <time datetime>, a weaker hint
    page_type: str | None = None  # og:type
    descriptions: list[str] = field(default_factory=list)
    schema_types: list[str] = field(default_factory=list)
    paywalled: bool = False

    @property
    def is_article(self) -> bool:
        if (self.page_type or "").startswith("article") or self.published:
            return True
        has_article_type = any(t.endswith(_ARTICLE_SCHEMA_SUFFIXES) for t in self.schema_types)
        return has_article_type and not any(t in _LISTING_SCHEMA_TYPES for t in self.schema_types)

    @property
    def is_listing(self) -> bool:
        return self.page_type in _LISTING_OG_TYPES or any(t in _LISTING_SCHEMA_TYPES for t in self.schema_types)


_ARTICLE_SCHEMA_SUFFIXES = ("Article", "BlogPosting", "LiveBlogPosting", "Report")
_LISTING_OG_TYPES = {"website", "profile"}
_LISTING_SCHEMA_TYPES = {"CollectionPage", "ItemList", "SearchResultsPage", "ProfilePage"}


_TAG_ATTRS = re.compile(r"<(meta|link|html)\b([^>]*)>", re.IGNORECASE)
_ATTR = re.compile(r"""([a-zA-Z_:][-\w:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)
_LD_DATE_PUBLISHED = re.compile(r'"datePublished"\s*:\s*"([^"]{8,40})"')
_SCHEMA_TYPE = re.compile(r'"@type"\s*:\s*\[?\s*"([A-Za-z]+)"')
_NOT_FREE = re.compile(r'"isAccessibleForFree"\s*:\s*"?(?:false|False|FALSE)', re.IGNORECASE)
_PAYWALL_WORDS = ("paywall", "regwall", "subscriber-only", "premium-wall")
_INSIDE_CLASS_OR_ID = re.compile(r"""\b(?:class|id)\s*=\s*["'][^"'<>]*$""", re.IGNORECASE)
_TIME_DATETIME = re.compile(r"<time\b[^>]*\bdatetime\s*=\s*[\"']([^\"']{8,40})[\"']", re.IGNORECASE)
_PUBLISHED_META_KEYS = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "dc.date.issued",
    "dcterms.issued",
    "parsely-pub-date",
    "sailthru.date",
)


def read_head_facts(head: str) -> HeadFacts:
    """Facts a page states in its markup, read with a tolerant tag scanner rather than a parser so
    that they come out even when the document itself is malformed."""
    facts = HeadFacts()
    metas: dict[str, str] = {}
    for tag, raw_attrs in _TAG_ATTRS.findall(head):
        attrs = {m[0].lower(): html_lib.unescape(m[1] or m[2] or m[3]).strip() for m in _ATTR.findall(raw_attrs)}
        tag = tag.lower()
        if tag == "html" and facts.lang is None:
            facts.lang = language_code(attrs.get("lang") or attrs.get("xml:lang"))
        elif tag == "link" and "canonical" in attrs.get("rel", "").lower().split() and attrs.get("href"):
            facts.canonical = facts.canonical or attrs["href"]
        elif tag == "meta":
            key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or attrs.get("http-equiv") or "").lower()
            if key and "content" in attrs:
                metas.setdefault(key, attrs["content"])
    facts.lang = facts.lang or language_code(metas.get("og:locale")) or language_code(metas.get("content-language"))
    facts.canonical = facts.canonical or metas.get("og:url") or None
    facts.site_name = metas.get("og:site_name") or None
    title = _TITLE.search(head)
    facts.og_title = metas.get("og:title") or None
    facts.title = facts.og_title or (html_lib.unescape(title.group(1)) if title else None)
    candidates = [metas.get(key) for key in _PUBLISHED_META_KEYS] + _LD_DATE_PUBLISHED.findall(head)[:1]
    facts.published = next((d for d in map(iso_date, candidates) if d), None)
    facts.time_element = next((d for d in map(iso_date, _TIME_DATETIME.findall(head)[:1]) if d), None)
    facts.page_type = (metas.get("og:type") or "").lower() or None
    facts.descriptions = [metas[k] for k in ("og:description", "description", "twitter:description") if metas.get(k)]
    facts.schema_types = sorted(set(_SCHEMA_TYPE.findall(head)))
    facts.paywalled = bool(_NOT_FREE.search(head)) or _has_paywall_container(head)
    return facts


def _has_paywall_container(html: str) -> bool:
    """An element whose class or id names a paywall. Searched word-first with str.find (a regex
    anchored on every class attribute, or a case-insensitive alternation, costs milliseconds)."""
    lowered = html.lower()
    for word in _PAYWALL_WORDS:
        position = lowered.find(word)
        while position >= 0:
            if _INSIDE_CLASS_OR_ID.search(html, max(0, position - 200), position):
                return True
            position = lowered.find(word, position + 1)
    return False


def language_code(value: str | None) -> str | None:
    """``"ro-RO"``, ``"pt_BR"``, ``"fr-fr, en"`` -> ISO 639-1 (``"ro"``, ``"pt"``, ``"fr"``); None if
    the value is not a language (``"x-default"``, ``""``). Three-letter codes are mapped to their
    two-letter form when ISO 639-1 has one."""
    if not value:
        return None
    primary = re.split(r"[-_,;\s]", value.strip().lower(), maxsplit=1)[0]
    if re.fullmatch(r"[a-z]{2}", primary):
        return primary
    if re.fullmatch(r"[a-z]{3}", primary):
        import pycountry

        language = pycountry.languages.get(alpha_3=primary)
        return getattr(language, "alpha_2", None)
    return None


_DATE_ONLY = re.compile(r"\d{4}-\d{2}-\d{2}")


def iso_date(value: str | None) -> str | None:
    """An ISO 8601 date or date-time as the page gives it (a date stays a date); None if invalid."""
    if not value:
        return None
    value = value.strip()
    if _DATE_ONLY.fullmatch(value):
        try:
            return datetime.fromisoformat(value).date().isoformat()
        except ValueError:
            return None
    try:
        return datetime.fromisoformat(value).isoformat()
    except ValueError:
        return None
