#!/usr/bin/env python3
"""Render the sample corpus: article sources + site templates -> realistic HTML pages + gold.

Why a renderer instead of hand-written HTML: the pipeline must be tested against pages that look
like what real news CMSs serve (menus, consent banners, ad slots, related lists, comments,
footers, JSON-LD, __NEXT_DATA__, legacy table layouts and encodings), while the *gold* (what a
correct extractor must return, and what it must leave out) has to stay exactly in step with those
pages. Rendering both from one source keeps them consistent by construction.

Inputs:  ``<src>/sites.toml`` (one table per outlet) and ``<src>/articles/*.toml`` (one per page).
Outputs: ``<out>/pages/<slug>.html`` (bytes in the page's encoding) and ``<out>/gold.jsonl``.
Stdlib only and deterministic: no clock, no randomness; every "random-looking" id is a hash of
the page or site, so re-running the build reproduces the committed files byte for byte.

    python samples/build.py                      # rebuild samples/pages and samples/gold.jsonl
    python samples/build.py --out /tmp/x         # render elsewhere (used by the tests)
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import re
import sys
import tomllib
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
KINDS = ("article", "section", "error", "paywall")
ARTICLE_KEYS = ("slug", "kind", "site", "language", "url", "title")
STORY_KINDS = ("article",)
MIN_BOILERPLATE_WORDS = 4


class SourceError(Exception):
    """A problem in the TOML sources, reported to the author without a traceback."""


# --------------------------------------------------------------------------------------------
# Source model
# --------------------------------------------------------------------------------------------


@dataclass
class Block:
    """One body element as the reader sees it: a paragraph, subheading, quote or bullet list."""

    kind: str  # "p" | "h2" | "quote" | "list"
    text: str = ""
    items: list[str] = field(default_factory=list)

    @property
    def texts(self) -> list[str]:
        return self.items if self.kind == "list" else [self.text]


@dataclass
class Page:
    """One article source joined with its site: everything a template needs to render a page."""

    slug: str
    kind: str
    site: dict[str, Any]
    domain: str
    language: str
    url: str
    title: str
    lead: str
    authors: list[str]
    published: datetime
    section: str
    tags: list[str]
    image_caption: str
    blocks: list[Block]
    related: list[str]
    comments: list[dict[str, str]]
    entities: list[dict[str, Any]]
    story: str | None
    encoding: str
    declared_charset: str
    title_mojibake: bool
    teasers: list[dict[str, str]] = field(default_factory=list)
    raw: dict[str, Any] = field(default_factory=dict)

    @property
    def template(self) -> str:
        return self.site["template"]

    @property
    def head_title(self) -> str:
        """The title as the <title>/og:title carry it: a CMS bug can show UTF-8 read as Latin-1."""
        if self.title_mojibake:
            return self.title.encode("utf-8").decode("latin-1")
        return self.title

    @property
    def ascii_scripts(self) -> bool:
        """JSON inside <script> cannot use character references, so legacy pages escape it."""
        return self.encoding.lower() not in ("utf-8", "utf8")

    def uid(self, salt: str = "", digits: int = 6) -> int:
        """A stable number that looks like a CMS id (post id, counter id ...)."""
        digest = hashlib.sha1(f"{self.slug}|{salt}".encode()).hexdigest()
        return int(digest[:12], 16) % (10**digits - 10 ** (digits - 1)) + 10 ** (digits - 1)

    def date(self, style: str = "date_format", when: datetime | None = None) -> str:
        return format_date(when or self.published, self.site, style)

    @property
    def iso(self) -> str:
        return self.published.isoformat()

    @property
    def image(self) -> str:
        return f"https://{static_host(self.domain)}/{self.published:%Y/%m}/{self.slug}.jpg"

    @property
    def text_blocks(self) -> list[Block]:
        return [b for b in self.blocks if b.kind in ("p", "quote")]


def static_host(domain: str) -> str:
    return f"static.{domain}"


def site_hash(domain: str, salt: str, length: int = 6) -> str:
    return hashlib.sha1(f"{domain}|{salt}".encode()).hexdigest()[:length]


def parse_blocks(paragraphs: list[str]) -> list[Block]:
    """Turn the source markers ("## ", "> ", "- ") into blocks; consecutive items form one list."""
    blocks: list[Block] = []
    for raw in paragraphs:
        text = " ".join(raw.split())
        if text.startswith("- "):
            if blocks and blocks[-1].kind == "list":
                blocks[-1].items.append(text[2:].strip())
            else:
                blocks.append(Block("list", items=[text[2:].strip()]))
        elif text.startswith("## "):
            blocks.append(Block("h2", text[3:].strip()))
        elif text.startswith("> "):
            blocks.append(Block("quote", text[2:].strip()))
        elif text:
            blocks.append(Block("p", text))
    return blocks


def load_sites(path: Path) -> dict[str, dict[str, Any]]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise SourceError(f"{path}: {exc}") from exc
    return data.get("sites", {})


def load_page(path: Path, sites: dict[str, dict[str, Any]]) -> Page:
    """Read one article TOML and check what the renderer relies on, naming the file on error."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise SourceError(f"{path.name}: {exc}") from exc
    missing = [key for key in ARTICLE_KEYS if not data.get(key)]
    if missing:
        raise SourceError(f"{path.name}: missing {', '.join(missing)}")
    if data["slug"] != path.stem:
        raise SourceError(f"{path.name}: slug {data['slug']!r} differs from the file name")
    if data["kind"] not in KINDS:
        raise SourceError(f"{path.name}: kind {data['kind']!r} is not one of {', '.join(KINDS)}")
    if data["site"] not in sites:
        raise SourceError(f"{path.name}: unknown site {data['site']!r}")
    site = sites[data["site"]]
    for comment in data.get("comments", []):
        if not (isinstance(comment, dict) and comment.get("author") and comment.get("text")):
            raise SourceError(f"{path.name}: every comment needs an author and a text: {comment!r}")
    for entity in data.get("entities", []):
        if not (isinstance(entity, dict) and entity.get("canonical") and entity.get("surface")):
            raise SourceError(f"{path.name}: every entity needs a canonical form and surface forms: {entity!r}")
    if data["kind"] in STORY_KINDS and not data.get("story"):
        raise SourceError(f"{path.name}: an article needs a story id")
    try:
        # Undated pages (404, section fronts) show the corpus's reference day in their furniture.
        published = datetime.fromisoformat(str(data.get("published") or "2025-11-06T09:00:00+02:00"))
    except ValueError as exc:
        raise SourceError(f"{path.name}: published: {exc}") from exc
    encoding = data.get("encoding", site["encoding"])
    try:
        "".encode(encoding)
    except LookupError as exc:
        raise SourceError(f"{path.name}: unknown encoding {encoding!r}") from exc
    return Page(
        slug=data["slug"],
        kind=data["kind"],
        site=site,
        domain=data["site"],
        language=data["language"],
        url=data["url"],
        title=" ".join(data["title"].split()),
        lead=" ".join(str(data.get("lead", "")).split()),
        authors=list(data.get("authors", [])),
        published=published,
        section=data.get("section") or site["nav"][0],
        tags=list(data.get("tags", [])),
        image_caption=data.get("image_caption", ""),
        blocks=parse_blocks(list(data.get("paragraphs", []))),
        related=[" ".join(t.split()) for t in data.get("related", [])],
        comments=[dict(c) for c in data.get("comments", [])],
        entities=[dict(e) for e in data.get("entities", [])],
        story=data.get("story") if data["kind"] in STORY_KINDS else None,
        encoding=encoding,
        declared_charset=data.get("declared_charset", encoding),
        title_mojibake=bool(data.get("title_mojibake", False)),
        teasers=[t if isinstance(t, dict) else {"title": t} for t in data.get("teasers", [])],
        raw=data,
    )


# --------------------------------------------------------------------------------------------
# Small rendering helpers shared by all templates
# --------------------------------------------------------------------------------------------


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def attr(text: str) -> str:
    return html.escape(text, quote=True)


CYRILLIC_TO_LATIN = dict(zip(
    "абвгґдеєёжзиіїйклмнопрстуфхцчшщъыьэюя",
    ["a", "b", "v", "g", "g", "d", "e", "ie", "e", "zh", "z", "i", "i", "i", "i", "k", "l", "m", "n", "o", "p",
     "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "iu", "ia"],
    strict=True,
))


def slugify(text: str) -> str:
    """URL slug as CMSs make them: accents dropped, Cyrillic transliterated, dashes between words."""
    text = "".join(CYRILLIC_TO_LATIN.get(ch, ch) for ch in text.lower().replace("ł", "l").replace("ı", "i"))
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "x"


def format_date(when: datetime, site: dict[str, Any], style: str = "date_format") -> str:
    pattern = site.get(style) or site["date_format"]
    return pattern.format(
        day=when.day, dd=f"{when.day:02d}", month=site["months"][when.month - 1],
        mm=f"{when.month:02d}", year=when.year, hh=f"{when.hour:02d}", mi=f"{when.minute:02d}",
    )


def script_json(data: Any, ascii_only: bool) -> str:
    """JSON safe inside <script>: no "</" sequence; ASCII-escaped for legacy-encoded pages."""
    text = json.dumps(data, ensure_ascii=ascii_only, separators=(",", ":"))
    return text.replace("</", "<\\/")


def news_article_ld(page: Page) -> dict[str, Any]:
    """schema.org NewsArticle as the SEO plugins of every CMS emit it."""
    site = page.site
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle" if page.kind in ("article", "paywall") else "WebPage",
        "mainEntityOfPage": {"@type": "WebPage", "@id": page.url},
        "headline": page.title,
        "inLanguage": page.language,
        "url": page.url,
        "publisher": {
            "@type": "NewsMediaOrganization",
            "name": site["name"],
            "url": f"https://www.{page.domain}/",
            "logo": {"@type": "ImageObject", "url": f"https://{static_host(page.domain)}/img/logo.png"},
        },
    }
    if page.kind in ("article", "paywall"):
        data.update({
            "description": page.lead,
            "image": [page.image],
            "datePublished": page.iso,
            "dateModified": page.iso,
            "author": [{"@type": "Person", "name": name} for name in page.authors],
            "articleSection": page.section,
            "keywords": ", ".join(page.tags),
        })
    if page.kind == "paywall":
        data["isAccessibleForFree"] = False
        data["hasPart"] = {"@type": "WebPageElement", "isAccessibleForFree": False,
                           "cssSelector": ".paywall"}
    return data


def social_meta(page: Page, indent: str = "") -> str:
    """OpenGraph and Twitter card tags (og:title carries the head title, mojibake included)."""
    site = page.site
    og_type = "article" if page.kind in ("article", "paywall") else "website"
    tags = [
        ("property", "og:locale", site["locale"]),
        ("property", "og:type", og_type),
        ("property", "og:title", page.head_title),
        ("property", "og:description", page.lead or site["tagline"]),
        ("property", "og:url", page.url),
        ("property", "og:site_name", site["name"]),
    ]
    if og_type == "article":
        tags += [
            ("property", "article:published_time", page.iso),
            ("property", "article:section", page.section),
            *(("property", "article:tag", tag) for tag in page.tags),
            ("property", "og:image", page.image),
        ]
    tags += [
        ("name", "twitter:card", "summary_large_image"),
        ("name", "twitter:site", site["twitter"]),
        ("name", "twitter:title", page.head_title),
        ("name", "twitter:description", page.lead or site["tagline"]),
    ]
    return "\n".join(f'{indent}<meta {k}="{attr(n)}" content="{attr(v)}">' for k, n, v in tags)


def gtag_snippet(page: Page) -> str:
    measurement = "G-" + site_hash(page.domain, "ga", 10).upper()
    return (
        f'<script async src="https://www.googletagmanager.com/gtag/js?id={measurement}"></script>\n'
        "<script>\n  window.dataLayer = window.dataLayer || [];\n"
        "  function gtag(){dataLayer.push(arguments);}\n  gtag('js', new Date());\n"
        f"  gtag('config', '{measurement}', {{'anonymize_ip': true, 'content_group': "
        f"{script_json(page.section, True)}}});\n</script>"
    )


def ad_loader_snippet(page: Page) -> str:
    network = site_hash(page.domain, "gpt", 8)
    return (
        '<script async src="https://securepubads.g.doubleclick.net/tag/js/gpt.js"></script>\n'
        "<script>\n  window.googletag = window.googletag || {cmd: []};\n  googletag.cmd.push(function() {\n"
        f"    googletag.defineSlot('/{int(network, 16) % 99999999}/{slugify(page.site['name'])}/top', "
        "[[970, 250], [728, 90]], 'ad-top').addService(googletag.pubads());\n"
        f"    googletag.defineSlot('/{int(network, 16) % 99999999}/{slugify(page.site['name'])}/inarticle', "
        "[300, 250], 'ad-inarticle').addService(googletag.pubads());\n"
        "    googletag.pubads().enableSingleRequest();\n    googletag.pubads().collapseEmptyDivs();\n"
        "    googletag.enableServices();\n  });\n</script>"
    )


def consent_snippet(page: Page) -> str:
    """A TCF-style consent manager stub; its UI strings live in the visible banner markup."""
    return (
        "<script>\n  (function(w){\n    w.__tcfapi = w.__tcfapi || function(){(w.__tcfapi.a = w.__tcfapi.a || []).push(arguments);};\n"
        f"    w.cmpConfig = {{vendorListVersion: 142, publisherCountryCode: {script_json(page.site['locale'][-2:], True)}, "
        f"lang: {script_json(page.language, True)}, cookieName: 'euconsent-v2'}};\n"
        "  })(window);\n</script>"
    )


# Words that end with a dot inside a sentence in our ten languages; a hand-made list because the
# renderer must stay stdlib-only, and a wrong split only costs a must-appear candidate.
ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "prof", "gen", "col", "lt", "no", "nr", "vs", "jr", "inc",
    "ltd", "co", "corp", "sen", "rep", "gov", "mt", "z.b", "u.a", "bzw", "ca", "usw", "ul", "al",
    "św", "ks", "tzw", "np", "m.in", "ok", "godz", "г", "гг", "ул", "им", "т.е", "т.д", "млн",
    "млрд", "тыс", "ст", "пр", "св", "д", "р", "грн", "d.h", "sr", "sra", "dña", "av", "pág",
    "sig", "dott", "avv", "mons", "mme", "mlle", "m", "p", "pp", "art", "dl", "dna", "pct",
}
SENTENCE_END = re.compile(r"[.!?…][\"'»”“’)]*\s+")
SENTENCE_START = set("\"'«„“‘(–—-¿¡")


def split_sentences(text: str) -> list[str]:
    """Split at . ! ? … (plus closing quotes) followed by a capital, digit or opening quote,
    except after a known abbreviation or a single-letter initial."""
    sentences, start = [], 0
    for match in SENTENCE_END.finditer(text):
        nxt = text[match.end(): match.end() + 1]
        if not nxt or not (nxt.isupper() or nxt.isdigit() or nxt in SENTENCE_START):
            continue
        before = text[start: match.start() + 1].rstrip(".").split()
        last_word = before[-1].lower().strip("(\"'«„“") if before else ""
        if text[match.start()] == "." and (last_word in ABBREVIATIONS or (len(last_word) == 1 and last_word.isalpha())):
            continue
        sentences.append(text[start: match.end()].strip())
        start = match.end()
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def balanced_quotes(sentence: str) -> bool:
    """False for a piece of a multi-sentence quotation (Polish „... ”, German „... “, « ... »)."""
    low_openers = sentence.count("„")
    closers = sentence.count("”") + sentence.count("“") if low_openers else 0
    english_pairs = 0 if low_openers else sentence.count("“") - sentence.count("”")
    return (sentence.count("«") == sentence.count("»") and low_openers == closers
            and english_pairs == 0 and sentence.count('"') % 2 == 0)


def is_full_sentence(sentence: str) -> bool:
    return (len(sentence.split()) >= 5 and balanced_quotes(sentence)
            and bool(re.search(r"[.!?…][\"'»”“’)]*$", sentence)))


# --------------------------------------------------------------------------------------------
# Body rendering: one markup description per template, one interleaving routine for all
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BodyMarkup:
    """How a template writes each body block; `{}` receives escaped text."""

    paragraph: str = "<p>{}</p>"
    heading: str = "<h2>{}</h2>"
    quote: str = "<blockquote><p>{}</p></blockquote>"
    list: str = "<ul>{}</ul>"
    item: str = "<li>{}</li>"
    joiner: str = "\n"

    def block(self, block: Block) -> str:
        if block.kind == "list":
            return self.list.format("".join(self.item.format(esc(i)) for i in block.items))
        pattern = {"p": self.paragraph, "h2": self.heading, "quote": self.quote}[block.kind]
        return pattern.format(esc(block.text))


def body_with_inserts(page: Page, markup: BodyMarkup, inserts: dict[str, str]) -> str:
    """Render the body blocks, slotting in the "read also" box, the in-body ad and the site-level
    repeated paragraph between blocks the way CMS plugins inject them (never inside a list)."""
    blocks = page.blocks
    count = len(blocks)
    slots: dict[int, list[str]] = {}

    def place(after: int, snippet: str) -> None:
        after = max(1, min(after, count))
        while after < count and blocks[after - 1].kind == "h2":
            after += 1  # never separate a subheading from its paragraph
        slots.setdefault(after, []).append(snippet)

    if inserts.get("read_also"):
        place(max(2, count // 3), inserts["read_also"])
    if inserts.get("ad"):
        place(max(3, (2 * count) // 3), inserts["ad"])
    repeated = page.site.get("repeated_paragraph")
    if repeated and page.kind == "article":
        position = page.site.get("repeated_paragraph_after", -1)
        snippet = inserts.get("repeated") or markup.paragraph.format(esc(repeated))
        place(count if position < 0 else position, snippet)
    parts: list[str] = []
    for index, block in enumerate(blocks, start=1):
        parts.append(markup.block(block))
        parts.extend(slots.get(index, []))
    if not blocks:
        for key in ("read_also", "ad"):
            if inserts.get(key):
                parts.append(inserts[key])
    return markup.joiner.join(parts)


def comment_time(page: Page, index: int) -> datetime:
    """Readers answer a few hours after publication; deterministic offsets."""
    return page.published + timedelta(minutes=47 + 113 * index + page.uid(f"c{index}", 2))


def sibling_teasers(page: Page, corpus: list[Page]) -> list[dict[str, str]]:
    """Teasers for section fronts and 404 suggestions: the page's own list, else the site's articles."""
    if page.teasers:
        return page.teasers
    return [
        {"title": p.title, "lead": p.lead, "url": p.url, "date": p.date()}
        for p in corpus
        if p.domain == page.domain and p.kind == "article"
    ]


def error_message(page: Page) -> tuple[str, str]:
    """A 404 page's heading and explanation: the page's own, else the site's standard wording."""
    title, text = require(page, "error_title", "error_text")
    return page.title or title, page.lead or text


def require(page: Page, *keys: str) -> list[str]:
    missing = [k for k in keys if not page.site.get(k)]
    if missing:
        raise SourceError(f"{page.slug}: site {page.domain} lacks {', '.join(missing)} for a {page.kind} page")
    return [page.site[k] for k in keys]


def nav_items(site: dict[str, Any], domain: str, pattern: str) -> str:
    """Menu links; `pattern` receives href and escaped label."""
    return "".join(
        pattern.format(href=f"https://www.{domain}/{slugify(item)}/", label=esc(item)) for item in site["nav"]
    )


def comment_entries(page: Page, pattern: str) -> str:
    """Reader comments; `pattern` gets author, text, iso, date, id and reply label."""
    return "\n".join(
        pattern.format(
            author=esc(c["author"]), text=esc(" ".join(c["text"].split())), id=page.uid(f"comment{i}", 7),
            iso=comment_time(page, i).isoformat(), date=page.date("comment_date_format", comment_time(page, i)),
            reply=esc(page.site["comment_reply"]),
        )
        for i, c in enumerate(page.comments)
    )


def related_links(page: Page, pattern: str) -> str:
    return "\n".join(
        pattern.format(href=f"https://www.{page.domain}/{slugify(page.section)}/{slugify(t)[:60]}-{page.uid(t, 6)}",
                       title=esc(t))
        for t in page.related
    )


def read_also_box(page: Page, pattern: str) -> str:
    """The inline "read also" box promoting the first related title; `pattern` gets label and link."""
    if not page.related:
        return ""
    link = related_links(page, '<a href="{href}">{title}</a>').split("\n")[0]
    return pattern.format(label=esc(page.site["read_also"]), link=link)


def teaser_entries(page: Page, corpus: list[Page], pattern: str) -> str:
    return "\n".join(
        pattern.format(href=attr(t.get("url", f"https://www.{page.domain}/{slugify(t['title'])[:60]}")),
                       title=esc(t["title"]), lead=esc(t.get("lead", "")), date=esc(t.get("date", "")))
        for t in sibling_teasers(page, corpus)
    )


def share_links(page: Page, pattern: str) -> str:
    return "".join(
        pattern.format(net=slugify(n), label=esc(n), url=attr(page.url)) for n in page.site["share_buttons"]
    )


def trending_links(page: Page, pattern: str) -> str:
    return "".join(
        pattern.format(href=f"https://www.{page.domain}/{slugify(t)[:50]}-{page.uid(t, 5)}", title=esc(t), n=i)
        for i, t in enumerate(page.site.get("trending", []), start=1)
    )


# --------------------------------------------------------------------------------------------
# Template 1: WordPress (theme markup, Yoast JSON-LD graph, widgets, cookie-notice plugin)
# --------------------------------------------------------------------------------------------

WORDPRESS_BODY = BodyMarkup(
    paragraph="<p>{}</p>",
    heading='<h2 class="wp-block-heading">{}</h2>',
    quote='<blockquote class="wp-block-quote"><p>{}</p></blockquote>',
    list='<ul class="wp-block-list">{}</ul>',
    item="<li>{}</li>",
)


def render_wordpress(page: Page, corpus: list[Page]) -> str:
    s, d = page.site, page.domain
    post_id = page.uid("post")
    cat = slugify(page.section)
    if page.kind == "section":
        body_class = f"archive category category-{cat} hfeed"
        main = f"""<header class="page-header">
<h1 class="page-title">{esc(page.title)}</h1>
<div class="archive-description"><p>{esc(page.lead)}</p></div>
</header>
{teaser_entries(page, corpus, '''<article class="post type-post status-publish format-standard has-post-thumbnail">
<header class="entry-header"><h2 class="entry-title"><a href="{href}" rel="bookmark">{title}</a></h2>
<div class="entry-meta"><span class="posted-on">{date}</span></div></header>
<div class="entry-summary"><p>{lead}</p></div>
<a class="more-link" href="{href}">''' + esc(require(page, "read_more")[0]) + '''</a>
</article>''')}
<nav class="navigation pagination" aria-label="Posts"><div class="nav-links"><span aria-current="page" class="page-numbers current">1</span>
<a class="page-numbers" href="https://www.{d}/{cat}/page/2/">2</a><a class="page-numbers" href="https://www.{d}/{cat}/page/3/">3</a>
<a class="next page-numbers" href="https://www.{d}/{cat}/page/2/">&raquo;</a></div></nav>"""
    elif page.kind == "error":
        title, text = error_message(page)
        body_class = "error404 hfeed"
        main = f"""<section class="error-404 not-found">
<header class="page-header"><h1 class="page-title">{esc(title)}</h1></header>
<div class="page-content"><p>{esc(text)}</p>
<form role="search" method="get" class="search-form" action="https://www.{d}/"><input type="search" class="search-field" name="s"></form></div>
</section>"""
    else:
        body_class = f"post-template-default single single-post postid-{post_id} single-format-standard"
        if page.kind == "paywall":
            ptitle, ptext, pbutton = require(page, "paywall_title", "paywall_text", "paywall_button")
            content = f"""<div class="paywall"><h3>{esc(ptitle)}</h3><p>{esc(ptext)}</p><a class="button" href="https://www.{d}/subscribe/">{esc(pbutton)}</a></div>"""
        else:
            read_also = read_also_box(page, '<div class="read-also-box"><strong>{label}</strong> {link}</div>')
            ad = f"""<div class="code-block code-block-3" style="margin: 8px auto; text-align: center; display: block; clear: both;">
<p class="ad-notice">{esc(s['ad_notice'])}</p>
<div id="ad-inarticle" class="ad-slot"><span class="ad-label">{esc(s['ad_label'])}</span></div>
</div>"""
            content = body_with_inserts(page, WORDPRESS_BODY, {"read_also": read_also, "ad": ad})
        caption = (f'<figcaption class="wp-caption-text">{esc(page.image_caption)}</figcaption>'
                   if page.image_caption else "")
        authors = ", ".join(
            f'<span class="author vcard"><a class="url fn n" href="https://www.{d}/author/{slugify(a)}/">{esc(a)}</a></span>'
            for a in page.authors
        )
        comments = ""
        if page.kind == "article":
            comments = f"""<div id="comments" class="comments-area">
<h2 class="comments-title">{esc(s['comments_heading'])} ({len(page.comments)})</h2>
<ol class="comment-list">
{comment_entries(page, '''<li id="comment-{id}" class="comment even thread-even depth-1"><article id="div-comment-{id}" class="comment-body">
<footer class="comment-meta"><div class="comment-author vcard"><b class="fn">{author}</b></div>
<div class="comment-metadata"><time datetime="{iso}">{date}</time></div></footer>
<div class="comment-content"><p>{text}</p></div>
<div class="reply"><a rel="nofollow" class="comment-reply-link" href="#comment-{id}">{reply}</a></div></article></li>''')}
</ol>
<div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title">{esc(s['comment_form_title'])}</h3>
<form action="https://www.{d}/wp-comments-post.php" method="post" id="commentform" class="comment-form">
<p class="comment-notes">{esc(s['comment_rules'])}</p>
<p class="comment-form-comment"><textarea id="comment" name="comment" cols="45" rows="8" required></textarea></p>
<p class="form-submit"><input name="submit" type="submit" id="submit" class="submit" value="{attr(s['comment_submit'])}"></p>
<input type="hidden" name="comment_post_ID" value="{post_id}" id="comment_post_ID"></form></div>
</div>"""
        main = f"""<div class="breadcrumbs" aria-label="breadcrumb"><span><span><a href="https://www.{d}/">{esc(s['home_label'])}</a></span> &raquo; <span><a href="https://www.{d}/{cat}/">{esc(page.section)}</a></span> &raquo; <span class="breadcrumb_last" aria-current="page">{esc(page.title)}</span></span></div>
<article id="post-{post_id}" class="post-{post_id} post type-post status-publish format-standard has-post-thumbnail hentry category-{cat}">
<header class="entry-header">
<span class="cat-links"><a href="https://www.{d}/{cat}/" rel="category tag">{esc(page.section)}</a></span>
<h1 class="entry-title">{esc(page.title)}</h1>
<div class="entry-meta"><span class="byline">{esc(s['by_label'])} {authors}</span> <span class="posted-on"><a href="{attr(page.url)}" rel="bookmark"><time class="entry-date published" datetime="{page.iso}">{esc(page.date())}</time></a></span></div>
</header>
<figure class="post-thumbnail wp-caption"><img width="1200" height="675" src="{page.image}" class="attachment-post-thumbnail size-post-thumbnail wp-post-image" alt="" decoding="async" fetchpriority="high">{caption}</figure>
<div class="entry-content">
<p class="has-medium-font-size"><strong>{esc(page.lead)}</strong></p>
{content}
</div>
<footer class="entry-footer"><span class="tags-links">{esc(s['tags_label'])} {", ".join(f'<a href="https://www.{d}/tag/{slugify(t)}/" rel="tag">{esc(t)}</a>' for t in page.tags)}</span></footer>
<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">{esc(s['share_label'])}</h3><ul>{share_links(page, '<li class="share-{net}"><a rel="nofollow noopener noreferrer" class="share-{net} sd-button" href="?share={net}" target="_blank"><span>{label}</span></a></li>')}</ul></div>
</article>
<section class="related-posts"><h3 class="related-posts-title">{esc(s['related_heading'])}</h3>
<ul>
{related_links(page, '<li><a href="{href}" rel="bookmark">{title}</a></li>')}
</ul></section>
{comments}"""
    return f"""<!DOCTYPE html>
<html lang="{s['locale'].replace('_', '-')}">
<head>
<meta charset="{page.declared_charset.upper()}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(page.head_title)} &#8211; {esc(s['name'])}</title>
<meta name="robots" content="index, follow, max-image-preview:large, max-snippet:-1, max-video-preview:-1">
<link rel="canonical" href="{attr(page.url)}">
{social_meta(page)}
<script type="application/ld+json" class="yoast-schema-graph">{script_json({"@context": "https://schema.org", "@graph": [news_article_ld(page), {"@type": "BreadcrumbList", "itemListElement": [{"@type": "ListItem", "position": 1, "name": s["home_label"], "item": f"https://www.{d}/"}, {"@type": "ListItem", "position": 2, "name": page.section}]}]}, page.ascii_scripts)}</script>
<link rel="alternate" type="application/rss+xml" title="{attr(s['name'])} &raquo; Feed" href="https://www.{d}/feed/">
<link rel="stylesheet" id="wp-block-library-css" href="https://www.{d}/wp-includes/css/dist/block-library/style.min.css?ver=6.4.3" media="all">
<link rel="stylesheet" id="newsup-style-css" href="https://www.{d}/wp-content/themes/newsroom/style.css?ver=2.1.7" media="all">
<style id="global-styles-inline-css">
body{{--wp--preset--color--black:#000000;--wp--preset--color--white:#ffffff;--wp--preset--font-size--medium:20px;}}
.read-also-box{{border-left:4px solid #c00;padding:8px 12px;margin:16px 0;background:#f7f7f7}}
.ad-label{{font-size:10px;color:#999;text-transform:uppercase;display:block}}
#cookie-notice{{position:fixed;bottom:0;left:0;right:0;z-index:100000;background:#32323a;color:#fff}}
</style>
<script>window._wpemojiSettings = {{"baseUrl":"https:\\/\\/s.w.org\\/images\\/core\\/emoji\\/14.0.0\\/72x72\\/","ext":".png","source":{{"concatemoji":"https:\\/\\/www.{d}\\/wp-includes\\/js\\/wp-emoji-release.min.js?ver=6.4.3"}}}};</script>
{gtag_snippet(page)}
{ad_loader_snippet(page)}
</head>
<body class="{body_class}">
<div id="page" class="site">
<div class="top-bar"><div class="container"><span class="top-date">{esc(page.date("short_date_format"))}</span>
<ul class="top-links"><li><a href="https://www.{d}/subscribe/">{esc(s['subscribe_label'])}</a></li></ul></div></div>
<header id="masthead" class="site-header">
<div class="site-branding"><a href="https://www.{d}/" class="custom-logo-link" rel="home"><img width="300" height="60" src="https://{static_host(d)}/img/logo.png" class="custom-logo" alt="{attr(s['name'])}"></a>
<p class="site-description">{esc(s['tagline'])}</p></div>
<nav id="site-navigation" class="main-navigation"><button class="menu-toggle" aria-controls="primary-menu" aria-expanded="false">Menu</button>
<ul id="primary-menu" class="menu">{nav_items(s, d, '<li class="menu-item menu-item-type-taxonomy menu-item-object-category"><a href="{href}">{label}</a></li>')}</ul></nav>
<form role="search" method="get" class="search-form" action="https://www.{d}/"><label><span class="screen-reader-text">{esc(s['search_label'])}</span><input type="search" class="search-field" name="s"></label></form>
</header>
<div class="trending-strip"><span class="trending-label">{esc(s['trending_label'])}</span><ul>{trending_links(page, '<li><a href="{href}">{title}</a></li>')}</ul></div>
<div id="ad-top" class="ad-slot ad-leaderboard"><span class="ad-label">{esc(s['ad_label'])}</span></div>
<div id="content" class="site-content">
<main id="primary" class="site-main">
{main}
</main>
<aside id="secondary" class="widget-area">
<section id="custom_html-4" class="widget widget_custom_html"><h2 class="widget-title">{esc(s['newsletter_title'])}</h2>
<div class="newsletter-widget"><p>{esc(s['newsletter_prompt'])}</p><form action="https://www.{d}/newsletter/" method="post"><input type="email" name="email" placeholder="{attr(s['newsletter_placeholder'])}"><button type="submit">{esc(s['newsletter_button'])}</button></form></div></section>
<section id="recent-posts-3" class="widget widget_recent_entries"><h2 class="widget-title">{esc(s['trending_label'])}</h2>
<ul>{trending_links(page, '<li><a href="{href}">{title}</a></li>')}</ul></section>
<section id="ad-sidebar" class="widget"><div class="ad-slot ad-300"><span class="ad-label">{esc(s['ad_label'])}</span></div></section>
</aside>
</div>
<footer id="colophon" class="site-footer">
<div class="footer-widgets"><div class="footer-about"><p>{esc(s['footer_about'])}</p><p>{esc(s['footer_address'])}</p></div>
<ul class="footer-menu">{''.join(f'<li><a href="https://www.{d}/{slugify(x)}/">{esc(x)}</a></li>' for x in s['footer_links'])}</ul></div>
<div class="site-info"><p>{esc(s['footer_legal'])}</p><p>{esc(s['footer_copyright'])}</p></div>
</footer>
</div>
<div id="cookie-notice" role="dialog" class="cookie-notice-hidden cookie-revoke-hidden cn-position-bottom" aria-label="{attr(s['cookie_title'])}">
<div class="cookie-notice-container"><span id="cn-notice-text" class="cn-text-container">{esc(s['cookie_text'])}</span>
<span id="cn-notice-buttons" class="cn-buttons-container"><a href="#" id="cn-accept-cookie" data-cookie-set="accept" class="cn-set-cookie cn-button">{esc(s['cookie_accept'])}</a> <a href="#" id="cn-refuse-cookie" data-cookie-set="refuse" class="cn-set-cookie cn-button">{esc(s['cookie_reject'])}</a> <a href="https://www.{d}/cookies/" target="_blank" id="cn-more-info" class="cn-more-info cn-button">{esc(s['cookie_settings'])}</a></span></div>
</div>
{consent_snippet(page)}
<script src="https://www.{d}/wp-includes/js/jquery/jquery.min.js?ver=3.7.1" id="jquery-core-js"></script>
<script id="cookie-notice-front-js-before">var cnArgs = {{"ajaxUrl":"https:\\/\\/www.{d}\\/wp-admin\\/admin-ajax.php","hideEffect":"fade","position":"bottom","onScroll":false,"cookieName":"cookie_notice_accepted","cookieTime":2592000}};</script>
</body>
</html>
"""


# --------------------------------------------------------------------------------------------
# Template 2: Arc / Next.js (server-rendered React: hashed classes, __NEXT_DATA__ with the story)
# --------------------------------------------------------------------------------------------


def hashed(domain: str, role: str) -> str:
    """Emotion/styled-components class names: meaningless hashes that defeat class heuristics."""
    return f"css-{site_hash(domain, role, 7)} e{site_hash(domain, role + '!', 4)}{len(role) % 10}"


def arc_story_json(page: Page) -> dict[str, Any]:
    """The Arc ANS document the React app hydrates from; the whole story sits in a script tag."""
    elements: list[dict[str, Any]] = []
    for block in page.blocks:
        if block.kind == "list":
            elements.append({"type": "list", "list_type": "unordered",
                             "items": [{"type": "text", "content": i} for i in block.items]})
        elif block.kind == "h2":
            elements.append({"type": "header", "level": 2, "content": block.text})
        elif block.kind == "quote":
            elements.append({"type": "quote", "content_elements": [{"type": "text", "content": block.text}]})
        else:
            elements.append({"type": "text", "content": block.text})
    return {
        "_id": site_hash(page.url, "ans", 26).upper(),
        "type": "story",
        "canonical_url": page.url,
        "headlines": {"basic": page.title},
        "subheadlines": {"basic": page.lead},
        "credits": {"by": [{"type": "author", "name": a} for a in page.authors]},
        "display_date": page.iso,
        "taxonomy": {"primary_section": {"name": page.section}, "tags": [{"text": t} for t in page.tags]},
        "content_elements": elements,
        "related_content": {"basic": [{"headlines": {"basic": t}} for t in page.related]},
    }


ARC_BODY_ROLES = ("paragraph", "subhead", "quote", "list")


def render_arc(page: Page, corpus: list[Page]) -> str:
    s, d = page.site, page.domain
    c = {role: hashed(d, role) for role in (
        "page", "header", "logo", "nav", "navitem", "mega", "trending", "banner", "ad", "main", "crumbs",
        "headline", "dek", "byline", "time", "figure", "body", "paragraph", "subhead", "quote", "list",
        "readalso", "share", "tags", "related", "newsletter", "comments", "comment", "footer", "teaser",
        "error", "paywall")}
    markup = BodyMarkup(
        paragraph=f'<p class="{c["paragraph"]}" data-testid="paragraph">{{}}</p>',
        heading=f'<h2 class="{c["subhead"]}">{{}}</h2>',
        quote=f'<blockquote class="{c["quote"]}"><p>{{}}</p></blockquote>',
        list=f'<ul class="{c["list"]}">{{}}</ul>',
        item="<li>{}</li>",
        joiner="",
    )
    next_page = "/[...slug]"
    if page.kind == "error":
        title, text = error_message(page)
        next_page = "/404"
        main = f"""<div class="{c['error']}"><h1 class="{c['headline']}">{esc(title)}</h1><p class="{c['dek']}">{esc(text)}</p>
<ul class="{c['teaser']}">{trending_links(page, '<li><a href="{href}">{title}</a></li>')}</ul></div>"""
        page_props: dict[str, Any] = {"statusCode": 404}
    elif page.kind == "section":
        main = f"""<h1 class="{c['headline']}">{esc(page.title)}</h1><p class="{c['dek']}">{esc(page.lead)}</p>
<div class="{c['teaser']}">{teaser_entries(page, corpus, '<article><h2><a href="{href}">{title}</a></h2><p>{lead}</p><time>{date}</time></article>')}</div>"""
        page_props = {"section": page.title}
    else:
        if page.kind == "paywall":
            ptitle, ptext, pbutton = require(page, "paywall_title", "paywall_text", "paywall_button")
            content = f'<div class="{c["paywall"]} paywall"><h3>{esc(ptitle)}</h3><p>{esc(ptext)}</p><button>{esc(pbutton)}</button></div>'
        else:
            read_also = read_also_box(page, f'<aside class="{c["readalso"]}"><span>{{label}}</span> {{link}}</aside>')
            ad = (f'<div class="{c["ad"]}" data-ad-slot="inline-1"><div class="{c["ad"]}-label">{esc(s["ad_label"])}</div>'
                  f'<p>{esc(s["ad_notice"])}</p><div id="arcad_inline-1"></div></div>')
            repeated = f'<p class="{c["paragraph"]}" data-testid="paragraph"><i>{esc(s.get("repeated_paragraph", ""))}</i></p>'
            content = body_with_inserts(page, markup, {"read_also": read_also, "ad": ad, "repeated": repeated})
        caption = f'<figcaption>{esc(page.image_caption)}</figcaption>' if page.image_caption else ""
        comments = ""
        if page.kind == "article":
            comments = f"""<section class="{c['comments']}" id="comments"><h2>{esc(s['comments_heading'])} <span>{len(page.comments)}</span></h2>
<p>{esc(s['comment_rules'])}</p>
{comment_entries(page, f'<div class="{c["comment"]}" id="c{{id}}"><div><strong>{{author}}</strong> <time datetime="{{iso}}">{{date}}</time></div><p>{{text}}</p><button type="button">{{reply}}</button></div>')}
</section>"""
        main = f"""<nav class="{c['crumbs']}" aria-label="breadcrumb"><a href="https://www.{d}/">{esc(s['home_label'])}</a><span>/</span><a href="https://www.{d}/{slugify(page.section)}/">{esc(page.section)}</a></nav>
<article class="{c['main']}">
<header><h1 class="{c['headline']}" data-testid="headline">{esc(page.title)}</h1>
<h2 class="{c['dek']}" data-testid="dek">{esc(page.lead)}</h2>
<div class="{c['byline']}"><span>{esc(s['by_label'])} </span>{', '.join(f'<a href="https://www.{d}/people/{slugify(a)}/" rel="author">{esc(a)}</a>' for a in page.authors)}
<time class="{c['time']}" datetime="{page.iso}">{esc(s['published_label'])} {esc(page.date())}</time></div>
<div class="{c['share']}" role="group" aria-label="{attr(s['share_label'])}">{share_links(page, '<button type="button" data-share="{net}" aria-label="{label}"><span>{label}</span></button> ')}</div></header>
<figure class="{c['figure']}"><img src="{page.image}" alt="" width="1440" height="810" loading="eager">{caption}</figure>
<div class="{c['body']}" data-testid="article-body">{content}</div>
<div class="{c['tags']}">{' '.join(f'<a href="https://www.{d}/topic/{slugify(t)}/">{esc(t)}</a>' for t in page.tags)}</div>
</article>
<section class="{c['related']}"><h2>{esc(s['related_heading'])}</h2><ul>{related_links(page, '<li><a href="{href}">{title}</a></li>')}</ul></section>
<section class="{c['newsletter']}"><h2>{esc(s['newsletter_title'])}</h2><p>{esc(s['newsletter_prompt'])}</p><form><input type="email" placeholder="{attr(s['newsletter_placeholder'])}"><button>{esc(s['newsletter_button'])}</button></form></section>
{comments}"""
        page_props = {"globalContent": arc_story_json(page)}
    mega = "".join(
        f'<div class="{c["mega"]}"><span>{esc(group)}</span><ul>'
        + "".join(f'<li><a href="https://www.{d}/{slugify(group)}/{slugify(x)}/">{esc(x)}</a></li>' for x in items)
        + "</ul></div>"
        for group, items in s.get("mega_menu", {}).items()
    )
    build_id = site_hash(d, "build", 21)
    next_data = {
        "props": {"pageProps": page_props, "__N_SSP": True},
        "page": next_page,
        "query": {"slug": [p for p in page.url.split("/")[3:] if p]},
        "buildId": build_id,
        "isFallback": False,
        "gssp": True,
        "locale": s["locale"].replace("_", "-"),
        "scriptLoader": [],
    }
    chunks = "".join(
        f'<script src="https://www.{d}/_next/static/chunks/{name}-{site_hash(d, name, 16)}.js" defer></script>'
        for name in ("webpack", "framework", "main", "pages/_app", "pages/[...slug]")
    )
    return f"""<!DOCTYPE html><html lang="{s['locale'].replace('_', '-')}"><head><meta charSet="{page.declared_charset}"/><meta name="viewport" content="width=device-width, initial-scale=1"/><title>{esc(page.head_title)} | {esc(s['name'])}</title><link rel="canonical" href="{attr(page.url)}"/>
{social_meta(page)}
<script type="application/ld+json">{script_json(news_article_ld(page), page.ascii_scripts)}</script>
<link rel="preload" href="https://www.{d}/_next/static/css/{site_hash(d, 'css', 16)}.css" as="style"/><link rel="stylesheet" href="https://www.{d}/_next/static/css/{site_hash(d, 'css', 16)}.css" data-n-g=""/>
<style data-emotion="css {' '.join(site_hash(d, r, 7) for r in ARC_BODY_ROLES)}">.css-{site_hash(d, 'paragraph', 7)}{{font-family:Georgia,serif;font-size:1.125rem;line-height:1.7;margin:0 0 1.25rem}}.css-{site_hash(d, 'subhead', 7)}{{font-size:1.5rem;font-weight:700}}.css-{site_hash(d, 'quote', 7)}{{border-left:3px solid #111;padding-left:1rem;font-style:italic}}</style>
{gtag_snippet(page)}
{consent_snippet(page)}
<script>window.arcAds = window.arcAds || {{cmd: []}}; window.arcAds.cmd.push(function(){{ window.arcAds.registerAdCollection([{{id: "arcad_inline-1", slotName: "{slugify(s['name'])}/article", dimensions: [[300, 250], [728, 90]]}}]); }});</script>
<noscript data-n-css=""></noscript>{chunks}</head><body><div id="__next"><div class="{c['page']}">
<div id="consent-banner" class="{c['banner']}" role="dialog" aria-modal="true" aria-label="{attr(s['cookie_title'])}"><h2>{esc(s['cookie_title'])}</h2><p>{esc(s['cookie_text'])}</p><div><button type="button" data-action="accept">{esc(s['cookie_accept'])}</button><button type="button" data-action="reject">{esc(s['cookie_reject'])}</button><button type="button" data-action="settings">{esc(s['cookie_settings'])}</button></div></div>
<header class="{c['header']}"><a class="{c['logo']}" href="https://www.{d}/" aria-label="{attr(s['name'])}"><svg viewBox="0 0 240 32" role="img"><title>{esc(s['name'])}</title></svg></a>
<nav class="{c['nav']}" aria-label="Main"><ul>{nav_items(s, d, f'<li class="{c["navitem"]}"><a href="{{href}}">{{label}}</a></li>')}</ul>{mega}</nav>
<a class="{c['navitem']}" href="https://www.{d}/subscribe/">{esc(s['subscribe_label'])}</a></header>
<div class="{c['trending']}"><strong>{esc(s['trending_label'])}</strong> {trending_links(page, '<a href="{href}">{title}</a> ')}</div>
<div class="{c['ad']}" id="arcad_top"><div class="{c['ad']}-label">{esc(s['ad_label'])}</div></div>
<main id="main">{main}</main>
<footer class="{c['footer']}"><div><svg viewBox="0 0 240 32" role="img"><title>{esc(s['name'])}</title></svg><p>{esc(s['footer_about'])}</p></div>
<ul>{''.join(f'<li><a href="https://www.{d}/{slugify(x)}/">{esc(x)}</a></li>' for x in s['footer_links'])}</ul>
<p>{esc(s['footer_address'])}</p><p>{esc(s['footer_legal'])}</p><p>{esc(s['footer_copyright'])}</p></footer>
</div></div><script id="__NEXT_DATA__" type="application/json">{script_json(next_data, page.ascii_scripts)}</script></body></html>
"""


# --------------------------------------------------------------------------------------------
# Template 3: Drupal (regions and blocks, field wrappers, drupal-settings-json)
# --------------------------------------------------------------------------------------------

DRUPAL_BODY = BodyMarkup(
    paragraph="<p>{}</p>",
    heading="<h2>{}</h2>",
    quote="<blockquote>{}</blockquote>",
    list="<ul>{}</ul>",
    item="<li>{}</li>",
)


def drupal_block(block_id: str, title: str, inner: str, extra_class: str = "") -> str:
    heading = f'<h2 class="block__title">{esc(title)}</h2>' if title else ""
    return (f'<div id="block-{block_id}" class="block block-{block_id.split("-")[0]} {extra_class}">'
            f'{heading}<div class="block__content">{inner}</div></div>')


def render_drupal(page: Page, corpus: list[Page]) -> str:
    s, d = page.site, page.domain
    nid = page.uid("node", 5)
    path_prefix = f"https://www.{d}"
    if page.kind == "section":
        main = f"""<h1 class="page-title">{esc(page.title)}</h1>
<div class="views-element-container"><div class="view view-taxonomy-term view-display-id-page_1">
{teaser_entries(page, corpus, '<div class="views-row"><article class="node node--type-article node--view-mode-teaser"><h2><a href="{href}" rel="bookmark"><span class="field field--name-title">{title}</span></a></h2><div class="field field--name-field-chapo">{lead}</div></article></div>')}
</div></div>"""
    elif page.kind == "error":
        title, text = error_message(page)
        main = f'<h1 class="page-title">{esc(title)}</h1><div class="system-404"><p>{esc(text)}</p></div>'
    else:
        if page.kind == "paywall":
            ptitle, ptext, pbutton, plogin = require(page, "paywall_title", "paywall_text", "paywall_button", "paywall_login")
            content = f"""<div class="paywall paywall--hard" data-paywall="premium"><div class="paywall__inner"><p class="paywall__title">{esc(ptitle)}</p><p>{esc(ptext)}</p>
<a class="button button--primary" href="{path_prefix}/abonnement">{esc(pbutton)}</a> <a class="paywall__login" href="{path_prefix}/user/login">{esc(plogin)}</a></div></div>"""
        else:
            read_also = read_also_box(page, '<div class="paragraph paragraph--type--read-also"><span class="read-also__label">{label}</span> {link}</div>')
            ad = f'<div class="ad-container ad-container--inread"><div class="ad-container__label">{esc(s["ad_label"])}</div><div id="dfp-ad-inread" class="dfp-tag-wrapper"></div><p class="ad-container__notice">{esc(s["ad_notice"])}</p></div>'
            content = body_with_inserts(page, DRUPAL_BODY, {"read_also": read_also, "ad": ad})
        comments = ""
        if page.kind == "article":
            comments = f"""<section class="comments field field--name-comment field--type-comment"><h2 class="comments__title">{esc(s['comments_heading'])}</h2>
{comment_entries(page, '<article data-comment-user-id="0" id="comment-{id}" class="comment js-comment by-anonymous"><footer class="comment__meta"><p class="comment__author"><span>{author}</span></p><p class="comment__time">{date}</p></footer><div class="comment__content"><div class="field field--name-comment-body field--type-text-long"><p>{text}</p></div><ul class="links inline"><li class="comment-reply"><a href="#comment-{id}">{reply}</a></li></ul></div></article>')}
<h2 class="comment-form__title">{esc(s['comment_form_title'])}</h2><form class="comment-comment-form comment-form" data-drupal-selector="comment-form" action="/comment/reply/node/{nid}/comment" method="post"><div class="description">{esc(s['comment_rules'])}</div><textarea name="comment_body[0][value]" rows="5"></textarea><input type="submit" value="{attr(s['comment_submit'])}" class="button button--primary js-form-submit form-submit"></form></section>"""
        caption = (f'<div class="field field--name-field-media-caption">{esc(page.image_caption)}</div>' if page.image_caption else "")
        main = f"""<div id="block-breadcrumbs" class="block block-system block-system-breadcrumb-block"><nav class="breadcrumb" role="navigation" aria-labelledby="system-breadcrumb"><h2 id="system-breadcrumb" class="visually-hidden">{esc(s['breadcrumb_label'])}</h2><ol><li><a href="{path_prefix}/">{esc(s['home_label'])}</a></li><li><a href="{path_prefix}/{slugify(page.section)}">{esc(page.section)}</a></li></ol></nav></div>
<article role="article" about="/node/{nid}" class="node node--type-article node--promoted node--view-mode-full">
<h1 class="page-title"><span class="field field--name-title field--type-string field--label-hidden">{esc(page.title)}</span></h1>
<div class="node__meta"><span class="field field--name-uid field--type-entity-reference">{esc(s['by_label'])} {', '.join(f'<a href="{path_prefix}/auteurs/{slugify(a)}">{esc(a)}</a>' for a in page.authors)}</span>
<span class="field field--name-created">{esc(s['published_label'])} <time datetime="{page.iso}">{esc(page.date())}</time></span></div>
<div class="field field--name-field-image field--type-image"><img loading="lazy" src="{page.image}" width="1280" height="720" alt="">{caption}</div>
<div class="node__content">
<div class="clearfix text-formatted field field--name-field-chapo field--type-text-long field--label-hidden field__item"><p><strong>{esc(page.lead)}</strong></p></div>
<div class="clearfix text-formatted field field--name-body field--type-text-with-summary field--label-hidden field__item">{content}</div>
<div class="field field--name-field-tags field--type-entity-reference field--label-above"><div class="field__label">{esc(s['tags_label'])}</div><div class="field__items">{''.join(f'<div class="field__item"><a href="{path_prefix}/tags/{slugify(t)}" hreflang="{page.language}">{esc(t)}</a></div>' for t in page.tags)}</div></div>
<div class="social-share">{esc(s['share_label'])} {share_links(page, '<a class="social-share__link social-share__link--{net}" href="#" title="{label}">{label}</a> ')}</div>
</div>
</article>
{drupal_block("views-block-related-block-1", s['related_heading'], '<div class="item-list"><ul>' + related_links(page, '<li><a href="{href}">{title}</a></li>') + '</ul></div>', "block-views")}
{comments}"""
    settings = {
        "path": {"baseUrl": "/", "pathPrefix": "", "currentPath": f"node/{nid}", "currentLanguage": page.language},
        "pluralDelimiter": "\u0003",
        "ajaxPageState": {"libraries": "core/drupal.dialog,eu_cookie_compliance/eu_cookie_compliance_default,dfp/dfp", "theme": "messager"},
        "eu_cookie_compliance": {"popup_enabled": True, "popup_position": False, "cookie_name": "", "method": "opt_in"},
        "dfp": {"network": site_hash(d, "dfp", 6)},
        "user": {"uid": 0, "permissionsHash": site_hash(d, "perm", 40)},
    }
    return f"""<!DOCTYPE html>
<html lang="{page.language}" dir="ltr" prefix="og: https://ogp.me/ns#">
  <head>
    <meta charset="{page.declared_charset}" />
    <meta name="description" content="{attr(page.lead or s['tagline'])}" />
    <link rel="canonical" href="{attr(page.url)}" />
{social_meta(page, "    ")}
    <meta name="Generator" content="Drupal 10 (https://www.drupal.org)" />
    <meta name="MobileOptimized" content="width" />
    <meta name="viewport" content="width=device-width, initial-scale=1.0" />
    <script type="application/ld+json">{script_json({"@context": "https://schema.org", "@graph": [news_article_ld(page)]}, page.ascii_scripts)}</script>
    <link rel="icon" href="/themes/custom/messager/favicon.ico" type="image/vnd.microsoft.icon" />
    <title>{esc(page.head_title)} | {esc(s['name'])}</title>
    <link rel="stylesheet" media="all" href="/sites/default/files/css/css_{site_hash(d, 'css1', 43)}.css?delta=0&amp;language={page.language}&amp;theme=messager" />
    <style>.visually-hidden{{position:absolute!important;clip:rect(1px,1px,1px,1px);overflow:hidden;height:1px;width:1px}}.eu-cookie-compliance-banner{{background:#0d1b2a;color:#fff;padding:1em}}</style>
    {gtag_snippet(page)}
    {ad_loader_snippet(page)}
  </head>
  <body class="path-node page-node-type-article">
    <a href="#main-content" class="visually-hidden focusable skip-link">{esc(s['skip_label'])}</a>
    <div class="dialog-off-canvas-main-canvas" data-off-canvas-main-canvas>
    <div class="layout-container">
      <header role="banner" class="region region-header">
        {drupal_block("messager-branding", "", f'<a href="{path_prefix}/" rel="home" class="site-logo"><img src="/themes/custom/messager/logo.svg" alt="{attr(s["name"])}" /></a><div class="site-slogan">{esc(s["tagline"])}</div>', "block-system-branding-block")}
        {drupal_block("messager-main-menu", "", '<nav role="navigation" aria-labelledby="block-messager-main-menu-menu"><ul class="menu menu--main">' + nav_items(s, d, '<li class="menu-item"><a href="{href}">{label}</a></li>') + '</ul></nav>', "block-menu navigation menu--main")}
        {drupal_block("messager-account", "", f'<ul class="menu menu--account"><li class="menu-item"><a href="{path_prefix}/abonnement">{esc(s["subscribe_label"])}</a></li><li class="menu-item"><a href="{path_prefix}/search">{esc(s["search_label"])}</a></li></ul>', "block-menu")}
      </header>
      <div class="region region-highlighted">{drupal_block("dfp-ad-top", "", f'<div class="ad-container"><div class="ad-container__label">{esc(s["ad_label"])}</div><div id="dfp-ad-top" class="dfp-tag-wrapper"></div></div>', "block-dfp")}
        {drupal_block("views-block-trending", s['trending_label'], '<ol>' + trending_links(page, '<li><a href="{href}">{title}</a></li>') + '</ol>', "block-views")}</div>
      <main role="main"><a id="main-content" tabindex="-1"></a>
        <div class="layout-content"><div class="region region-content">
<div data-drupal-messages-fallback class="hidden"></div>
{main}
        </div></div>
        <aside class="layout-sidebar-first" role="complementary"><div class="region region-sidebar-first">
          {drupal_block("simplenews-subscription", s['newsletter_title'], f'<form class="simplenews-subscriptions-block" data-drupal-selector="simplenews-subscriptions-block" method="post"><p>{esc(s["newsletter_prompt"])}</p><input type="email" placeholder="{attr(s["newsletter_placeholder"])}" name="mail[0][value]" /><input type="submit" value="{attr(s["newsletter_button"])}" class="button js-form-submit form-submit" /></form>', "block-simplenews")}
        </div></aside>
      </main>
      <footer role="contentinfo" class="region region-footer">
        {drupal_block("messager-footer", "", '<ul class="menu menu--footer">' + ''.join(f'<li class="menu-item"><a href="{path_prefix}/{slugify(x)}">{esc(x)}</a></li>' for x in s['footer_links']) + '</ul>', "block-menu")}
        {drupal_block("mentions-legales", "", f'<p>{esc(s["footer_about"])}</p><p>{esc(s["footer_address"])}</p><p>{esc(s["footer_legal"])}</p><p>{esc(s["footer_copyright"])}</p>', "block-block-content")}
      </footer>
    </div>
    </div>
    <div class="eu-cookie-compliance-banner eu-cookie-compliance-banner-info" role="alertdialog" aria-labelledby="popup-text"><div class="popup-content info eu-cookie-compliance-content"><div id="popup-text" class="eu-cookie-compliance-message"><h2>{esc(s['cookie_title'])}</h2><p>{esc(s['cookie_text'])}</p></div>
    <div id="popup-buttons" class="eu-cookie-compliance-buttons"><button type="button" class="agree-button eu-cookie-compliance-default-button">{esc(s['cookie_accept'])}</button><button type="button" class="decline-button eu-cookie-compliance-default-button">{esc(s['cookie_reject'])}</button><button type="button" class="eu-cookie-compliance-save-preferences-button">{esc(s['cookie_settings'])}</button></div></div></div>
    {consent_snippet(page)}
    <script type="application/json" data-drupal-selector="drupal-settings-json">{script_json(settings, True)}</script>
    <script src="/sites/default/files/js/js_{site_hash(d, 'js1', 43)}.js?scope=footer&amp;delta=0&amp;language={page.language}&amp;theme=messager"></script>
  </body>
</html>
"""


# --------------------------------------------------------------------------------------------
# Template 4: 1C-Bitrix (news.detail component, BX.message, frame-cache comments, Yandex counter)
# --------------------------------------------------------------------------------------------

BITRIX_BODY = BodyMarkup(
    paragraph="<p>{}</p>",
    heading="<h3>{}</h3>",
    quote='<blockquote class="quote">{}</blockquote>',
    list="<ul>{}</ul>",
    item="<li>{}</li>",
)


def render_bitrix(page: Page, corpus: list[Page]) -> str:
    s, d = page.site, page.domain
    element_id = page.uid("element", 5)
    counter = int(site_hash(d, "metrika", 8), 16) % 90000000 + 10000000
    component = f"bx_{int(site_hash(d, 'component', 8), 16) % 9000000000 + 1000000000}_{element_id}"
    if page.kind == "section":
        main = f"""<h1>{esc(page.title)}</h1><div class="news-list">
{teaser_entries(page, corpus, '<div class="news-item"><span class="news-date-time">{date}</span><a href="{href}"><b>{title}</b></a><br /><span class="preview">{lead}</span><div style="clear:both"></div></div>')}
</div><div class="bx-pagination"><ul><li class="bx-active"><span>1</span></li><li><a href="?PAGEN_1=2">2</a></li></ul></div>"""
    elif page.kind == "error":
        title, text = error_message(page)
        main = f'<h1>{esc(title)}</h1><p class="errortext">{esc(text)}</p>'
    else:
        if page.kind == "paywall":
            ptitle, ptext, pbutton = require(page, "paywall_title", "paywall_text", "paywall_button")
            content = f'<div class="paywall"><b>{esc(ptitle)}</b><p>{esc(ptext)}</p><a class="btn" href="/subscribe/">{esc(pbutton)}</a></div>'
        else:
            read_also = read_also_box(page, '<div class="read-also"><span class="read-also__title">{label}</span> {link}</div>')
            ad = f'<div class="banner banner--inline"><div class="banner__label">{esc(s["ad_label"])}</div><div id="adfox_{site_hash(d, "adfox", 15)}"></div><div class="banner__note">{esc(s["ad_notice"])}</div></div>'
            content = body_with_inserts(page, BITRIX_BODY, {"read_also": read_also, "ad": ad})
        comments = ""
        if page.kind == "article":
            comments = f"""<!--'start_frame_cache_comments'--><div class="blog-comments" id="blg-comment-{element_id}"><a name="comments"></a>
<div class="blog-comments-title">{esc(s['comments_heading'])} ({len(page.comments)})</div>
{comment_entries(page, '<div class="blog-comment" id="blg-comment-{id}"><div class="blog-comment-cont"><div class="blog-comment-info"><span class="blog-author">{author}</span> <span class="blog-comment-date">{date}</span></div><div class="blog-comment-content">{text}</div><div class="blog-comment-meta"><a href="javascript:void(0)">{reply}</a></div></div></div>')}
<div class="blog-comment-form"><div class="blog-comment-form-title">{esc(s['comment_form_title'])}</div><div class="blog-note-box">{esc(s['comment_rules'])}</div><textarea name="comment"></textarea><input type="submit" value="{attr(s['comment_submit'])}"></div>
</div><!--'end_frame_cache_comments'-->"""
        caption = f'<div class="detail-picture-caption">{esc(page.image_caption)}</div>' if page.image_caption else ""
        main = f"""<div class="bx-breadcrumb" itemprop="http://schema.org/breadcrumb" itemscope itemtype="http://schema.org/BreadcrumbList">
<div class="bx-breadcrumb-item" itemprop="itemListElement" itemscope itemtype="http://schema.org/ListItem"><a href="/" title="{attr(s['home_label'])}" itemprop="item"><span itemprop="name">{esc(s['home_label'])}</span></a><meta itemprop="position" content="1" /></div><i class="fa fa-angle-right"></i>
<div class="bx-breadcrumb-item" itemprop="itemListElement" itemscope itemtype="http://schema.org/ListItem"><a href="/{slugify(page.section)}/" title="{attr(page.section)}" itemprop="item"><span itemprop="name">{esc(page.section)}</span></a><meta itemprop="position" content="2" /></div></div>
<div class="news-detail" id="{component}">
<h1 class="news-detail__title">{esc(page.title)}</h1>
<div class="news-detail__meta"><span class="news-date-time">{esc(page.date())}</span> <span class="news-author">{esc(s['by_label'])} {esc(', '.join(page.authors))}</span> <span class="news-views"><i class="icon-eye"></i> {page.uid('views', 4)}</span></div>
<img class="detail_picture" border="0" src="{page.image}" width="960" height="540" alt="{attr(page.title)}" title="{attr(page.title)}" />{caption}
<div class="news-detail__preview"><b>{esc(page.lead)}</b></div>
<div class="news-detail__text">{content}</div>
<div class="news-detail__tags">{esc(s['tags_label'])} {', '.join(f'<a href="/search/?tags={attr(t)}">{esc(t)}</a>' for t in page.tags)}</div>
<div class="ya-share2" data-curtain data-services="vkontakte,odnoklassniki,telegram,whatsapp">{esc(s['share_label'])}: {share_links(page, '<a class="ya-share2__link ya-share2__link_{net}" href="#" rel="nofollow">{label}</a> ')}</div>
</div>
<div class="news-related"><div class="news-related__title">{esc(s['related_heading'])}</div><ul>{related_links(page, '<li><a href="{href}">{title}</a></li>')}</ul></div>
{comments}"""
    bx_message = {"LANGUAGE_ID": page.language, "FORMAT_DATE": "DD.MM.YYYY", "FORMAT_DATETIME": "DD.MM.YYYY HH:MI:SS",
                  "COOKIE_PREFIX": "BITRIX_SM", "SERVER_TZ_OFFSET": "10800", "SITE_ID": "s1", "SITE_DIR": "/",
                  "USER_ID": "", "SERVER_TIME": int(page.published.timestamp()), "bitrix_sessid": site_hash(page.url, "sess", 32)}
    mega = "".join(
        f'<li class="bx-nav-1-lvl bx-nav-parent"><a href="/{slugify(group)}/"><span>{esc(group)}</span></a><div class="bx-nav-2-lvl-container"><ul class="bx-nav-list-2-lvl">'
        + "".join(f'<li class="bx-nav-2-lvl"><a href="/{slugify(group)}/{slugify(x)}/"><span>{esc(x)}</span></a></li>' for x in items)
        + "</ul></div></li>"
        for group, items in s.get("mega_menu", {}).items()
    )
    return f"""<!DOCTYPE html>
<html xml:lang="{page.language}" lang="{page.language}">
<head>
<meta http-equiv="X-UA-Compatible" content="IE=edge" />
<meta name="viewport" content="user-scalable=no, initial-scale=1.0, maximum-scale=1.0, width=device-width">
<link rel="shortcut icon" type="image/x-icon" href="/favicon.ico" />
<meta http-equiv="Content-Type" content="text/html; charset={page.declared_charset}" />
<meta name="keywords" content="{attr(', '.join(page.tags))}" />
<meta name="description" content="{attr(page.lead or s['tagline'])}" />
<link rel="canonical" href="{attr(page.url)}" />
<script data-skip-moving="true">(function(w, d, n) {{var cl = "bx-core";var ht = d.documentElement;var htc = ht ? ht.className : undefined;if (htc === undefined || htc.indexOf(cl) !== -1){{return;}}var ua = n.userAgent;if (/(iPad;)|(iPhone;)/i.test(ua)){{cl += " bx-ios";}}ht.className = htc ? htc + " " + cl : cl;}})(window, document, navigator);</script>
<link href="/bitrix/js/ui/design-tokens/dist/ui.design-tokens.min.css?{page.uid('css', 10)}" type="text/css" rel="stylesheet"/>
<link href="/bitrix/templates/{slugify(s['name'])}/template_styles.css?{page.uid('tcss', 10)}" type="text/css" data-template-style="true" rel="stylesheet"/>
<script type="text/javascript">if(!window.BX)window.BX={{}};if(!window.BX.message)window.BX.message=function(mess){{if(typeof mess==='object'){{for(let i in mess) {{BX.message[i]=mess[i];}} return true;}}}};</script>
<script type="text/javascript">(window.BX||top.BX).message({script_json(bx_message, True)});</script>
<script type="text/javascript" src="/bitrix/js/main/core/core.min.js?{page.uid('core', 10)}"></script>
<script type="application/ld+json">{script_json(news_article_ld(page), page.ascii_scripts)}</script>
{social_meta(page)}
<style>.news-detail__text p{{margin:0 0 1em;line-height:1.6}}.banner__label{{font-size:11px;color:#888}}.cookie-warning{{position:fixed;bottom:0;width:100%;background:#222;color:#eee}}</style>
<script type="text/javascript">(function(m,e,t,r,i,k,a){{m[i]=m[i]||function(){{(m[i].a=m[i].a||[]).push(arguments)}};m[i].l=1*new Date();k=e.createElement(t),a=e.getElementsByTagName(t)[0],k.async=1,k.src=r,a.parentNode.insertBefore(k,a)}})(window, document, "script", "https://mc.yandex.ru/metrika/tag.js", "ym");ym({counter}, "init", {{clickmap:true, trackLinks:true, accurateTrackBounce:true, webvisor:true}});</script>
<script>window.yaContextCb=window.yaContextCb||[]</script><script src="https://yandex.ru/ads/system/context.js" async></script>
{consent_snippet(page)}
<title>{esc(page.head_title)} - {esc(s['name'])}</title>
</head>
<body class="bx-background-image bx-theme-blue">
<div id="panel"></div>
<div class="bx-wrapper" id="bx_eshop_wrap">
<header class="bx-header">
<div class="bx-header-section container"><div class="row">
<div class="bx-logo"><a class="bx-logo-block" href="/"><img src="/include/logo.png" alt="{attr(s['name'])}" /><span class="bx-logo-text">{esc(s['name'])}</span></a><div class="bx-slogan">{esc(s['tagline'])}</div></div>
<div class="bx-search"><form action="/search/"><input type="text" name="q" placeholder="{attr(s['search_label'])}" /></form></div>
<div class="bx-auth"><a href="/personal/subscribe/">{esc(s['subscribe_label'])}</a></div>
</div>
<nav class="bx-top-nav bx-blue" id="catalog_menu_{site_hash(d, 'menu', 6)}"><div class="bx-top-nav-container"><ul class="bx-nav-list-1-lvl">{nav_items(s, d, '<li class="bx-nav-1-lvl"><a href="{href}"><span>{label}</span></a></li>')}{mega}</ul></div></nav>
</div>
<div class="top-news-line"><span class="top-news-line__label">{esc(s['trending_label'])}:</span> {trending_links(page, '<a href="{href}">{title}</a> ')}</div>
</header>
<div class="banner banner--top"><div class="banner__label">{esc(s['ad_label'])}</div><div id="yandex_rtb_R-A-{page.uid('rtb', 6)}-1"></div></div>
<div class="workarea container"><div class="row"><div class="bx-content col-md-9">
{main}
</div>
<div class="sidebar col-md-3">
<div class="subscribe-form"><div class="subscribe-form__title">{esc(s['newsletter_title'])}</div><p>{esc(s['newsletter_prompt'])}</p><form action="/personal/subscribe/subscr_edit.php"><input type="text" name="sf_EMAIL" placeholder="{attr(s['newsletter_placeholder'])}" /><input type="submit" value="{attr(s['newsletter_button'])}" /></form></div>
<div class="banner banner--side"><div class="banner__label">{esc(s['ad_label'])}</div></div>
</div></div></div>
<footer class="bx-footer"><div class="bx-footer-line"><ul class="bottom-menu">{''.join(f'<li><a href="/{slugify(x)}/">{esc(x)}</a></li>' for x in s['footer_links'])}</ul></div>
<div class="bx-footer-bottomline"><p>{esc(s['footer_about'])}</p><p>{esc(s['footer_address'])}</p><p class="footer-legal">{esc(s['footer_legal'])}</p><p>{esc(s['footer_copyright'])}</p>
<noscript><div><img src="https://mc.yandex.ru/watch/{counter}" style="position:absolute; left:-9999px;" alt="" /></div></noscript></div></footer>
</div>
<div class="cookie-warning" id="cookie-warning"><div class="cookie-warning__title">{esc(s['cookie_title'])}</div><div class="cookie-warning__text">{esc(s['cookie_text'])}</div><a href="javascript:void(0)" class="btn btn-primary" onclick="BX.setCookie('cookie_ok','Y',{{expires:31536000}});BX.hide(BX('cookie-warning'));">{esc(s['cookie_accept'])}</a> <a href="javascript:void(0)" class="btn">{esc(s['cookie_reject'])}</a> <a href="/cookies/" class="btn">{esc(s['cookie_settings'])}</a></div>
<script type="text/javascript">BX.ready(function(){{ if (BX.getCookie('cookie_ok') === 'Y') {{ BX.hide(BX('cookie-warning')); }} }});</script>
</body>
</html>
"""


# --------------------------------------------------------------------------------------------
# Template 5: legacy 2000s CMS (tables, <font>, <br><br> paragraphs, http-equiv charset)
# --------------------------------------------------------------------------------------------

LEGACY_BODY = BodyMarkup(
    paragraph="{}<br><br>",
    heading="<b>{}</b><br><br>",
    quote="<i>{}</i><br><br>",
    list="{}<br>",
    item="&nbsp;&middot;&nbsp;{}<br>",
)


def render_legacy(page: Page, corpus: list[Page]) -> str:
    s, d = page.site, page.domain
    art_id = page.uid("art", 5)
    font = '<font face="Verdana, Arial, Helvetica, sans-serif" size="2">'
    if page.kind == "section":
        main = f'<font size="4"><b>{esc(page.title)}</b></font><br><br>' + teaser_entries(
            page, corpus, font + '<font color="#666666">{date}</font> <a href="{href}"><b>{title}</b></a><br>{lead}</font><br><hr size="1" noshade>')
    elif page.kind == "error":
        title, text = error_message(page)
        main = f'<font size="4"><b>{esc(title)}</b></font><br><br>{font}{esc(text)}</font>'
    else:
        if page.kind == "paywall":
            ptitle, ptext, pbutton = require(page, "paywall_title", "paywall_text", "paywall_button")
            content = f'<table border="1" cellpadding="6" bgcolor="#ffffcc"><tr><td>{font}<b>{esc(ptitle)}</b><br>{esc(ptext)}<br><a href="subscribe.php">{esc(pbutton)}</a></font></td></tr></table>'
        else:
            read_also = read_also_box(page, '<table width="100%" cellpadding="4" cellspacing="0" bgcolor="#eeeeee"><tr><td>' + font + '<b>{label}</b> {link}</font></td></tr></table><br>')
            ad = (f'<center><font size="1" color="#999999">{esc(s["ad_label"])}</font><br>'
                  f'<script language="JavaScript" src="http://ads.{d}/show.php?zone=3&amp;n={site_hash(d, "zone", 8)}"></script>'
                  f'<noscript><a href="http://ads.{d}/click.php?n=a"><img src="http://ads.{d}/view.php?n=a" border="0" alt=""></a></noscript>'
                  f'<br><font size="1" color="#999999">{esc(s["ad_notice"])}</font></center><br>')
            content = body_with_inserts(page, LEGACY_BODY, {"read_also": read_also, "ad": ad})
        comments = ""
        if page.kind == "article":
            comments = f"""<br><table width="100%" border="0" cellpadding="3" cellspacing="1" bgcolor="#cccccc"><tr><td bgcolor="#003366">{font}<font color="#ffffff"><b>{esc(s['comments_heading'])} ({len(page.comments)})</b></font></font></td></tr>
{comment_entries(page, '<tr><td bgcolor="#ffffff">' + font + '<b>{author}</b> <font color="#999999">({date})</font><br>{text}<br><a href="comments.php?reply={id}"><font size="1">{reply}</font></a></font></td></tr>')}
<tr><td bgcolor="#f5f5f5">{font}<b>{esc(s['comment_form_title'])}</b><br><font size="1">{esc(s['comment_rules'])}</font><br><form method="post" action="comments.php?id={art_id}"><textarea name="text" cols="50" rows="5"></textarea><br><input type="submit" value="{attr(s['comment_submit'])}"></form></font></td></tr></table>"""
        caption = f'<br><font size="1" color="#666666"><i>{esc(page.image_caption)}</i></font>' if page.image_caption else ""
        main = f"""{font}<a href="index.php">{esc(s['home_label'])}</a> &gt; <a href="section.php?s={slugify(page.section)}">{esc(page.section)}</a></font><br><br>
<font face="Georgia, Times New Roman, serif" size="5" color="#003366"><b>{esc(page.title)}</b></font><br>
{font}<font color="#666666">{esc(page.date())} | {esc(s['by_label'])} {esc(', '.join(page.authors))}</font></font><br><br>
<table border="0" cellpadding="0" cellspacing="0" align="right" width="310"><tr><td><img src="{page.image}" width="300" height="200" border="0" hspace="5" vspace="5" alt="">{caption}</td></tr></table>
{font}<b>{esc(page.lead)}</b><br><br>
{content}
</font>
{font}<font size="1"><b>{esc(s['tags_label'])}</b> {', '.join(f'<a href="search.php?q={attr(t)}">{esc(t)}</a>' for t in page.tags)}</font></font><br>
{font}<font size="1">{esc(s['share_label'])}: {share_links(page, '<a href="#" onclick="share(&quot;{net}&quot;);return false;">{label}</a> | ')}</font></font><br><br>
<table width="100%" border="0" cellpadding="2"><tr><td bgcolor="#dddddd">{font}<b>{esc(s['related_heading'])}</b></font></td></tr>
{related_links(page, '<tr><td>' + font + '&raquo; <a href="{href}">{title}</a></font></td></tr>')}
</table>
{comments}"""
    nav = nav_items(s, d, '<a href="{href}"><font color="#ffffff"><b>{label}</b></font></a> &nbsp;|&nbsp; ')
    return f"""<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" "http://www.w3.org/TR/html4/loose.dtd">
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset={page.declared_charset}">
<title>{esc(page.head_title)} - {esc(s['name'])}</title>
<meta name="keywords" content="{attr(', '.join(page.tags))}">
<meta name="description" content="{attr(page.lead or s['tagline'])}">
<link rel="canonical" href="{attr(page.url)}">
{social_meta(page)}
<script type="application/ld+json">{script_json(news_article_ld(page), page.ascii_scripts)}</script>
<link rel="stylesheet" type="text/css" href="stil.css">
<style type="text/css">
<!--
body {{ margin: 0px; background-color: #e5e5e5; }}
a:link, a:visited {{ color: #003366; text-decoration: none; }}
a:hover {{ text-decoration: underline; }}
.cookiebar {{ position: fixed; bottom: 0px; width: 100%; background: #333333; color: #ffffff; }}
-->
</style>
<script language="JavaScript" type="text/javascript">
<!--
function share(net) {{ window.open('http://www.{d}/share.php?net=' + net + '&url=' + escape(document.location.href), 'share', 'width=600,height=400'); }}
function hideCookieBar() {{ document.cookie = 'cookie_ok=1; path=/; expires=Fri, 31 Dec 2027 23:59:59 GMT'; document.getElementById('cookiebar').style.display = 'none'; }}
//-->
</script>
<script type="text/javascript">
  var _gaq = _gaq || [];
  _gaq.push(['_setAccount', 'UA-{int(site_hash(d, "ua", 6), 16) % 9000000 + 1000000}-1']);
  _gaq.push(['_trackPageview']);
  (function() {{ var ga = document.createElement('script'); ga.type = 'text/javascript'; ga.async = true; ga.src = 'http://www.google-analytics.com/ga.js'; var s = document.getElementsByTagName('script')[0]; s.parentNode.insertBefore(ga, s); }})();
</script>
</head>
<body bgcolor="#e5e5e5" topmargin="0" leftmargin="0" marginwidth="0" marginheight="0">
<center>
<table width="980" border="0" cellpadding="0" cellspacing="0" bgcolor="#ffffff">
<tr><td colspan="3" height="90" bgcolor="#ffffff"><table width="100%"><tr>
<td><a href="index.php"><img src="images/logo.gif" width="320" height="80" border="0" alt="{attr(s['name'])}"></a><br>{font}<i>{esc(s['tagline'])}</i></font></td>
<td align="right"><center><font size="1" color="#999999">{esc(s['ad_label'])}</font><br><iframe src="http://ads.{d}/banner.php?zone=1" width="468" height="60" frameborder="0" scrolling="no"></iframe></center></td></tr></table></td></tr>
<tr><td colspan="3" bgcolor="#003366" height="24">&nbsp;{font}{nav}<a href="subscribe.php"><font color="#ffcc00"><b>{esc(s['subscribe_label'])}</b></font></a></font></td></tr>
<tr><td colspan="3" bgcolor="#ffcc00">{font}<b>{esc(s['trending_label'])}:</b> <marquee scrollamount="3" width="820">{trending_links(page, '<a href="{href}">{title}</a> &nbsp;&bull;&nbsp; ')}</marquee></font></td></tr>
<tr>
<td width="170" valign="top" bgcolor="#f0f0f0">{font}<br>{''.join(f'&nbsp;&raquo; <a href="https://www.{d}/{slugify(x)}/">{esc(x)}</a><br>' for x in s['nav'])}<br>
<form action="search.php" method="get">&nbsp;<input type="text" name="q" size="14"><br>&nbsp;<input type="submit" value="{attr(s['search_label'])}"></form></font></td>
<td width="620" valign="top"><table width="100%" cellpadding="10"><tr><td>
{main}
</td></tr></table></td>
<td width="190" valign="top" bgcolor="#f0f0f0">{font}<br><b>{esc(s['newsletter_title'])}</b><br>{esc(s['newsletter_prompt'])}<br>
<form action="newsletter.php" method="post"><input type="text" name="email" size="16" value="{attr(s['newsletter_placeholder'])}"><br><input type="submit" value="{attr(s['newsletter_button'])}"></form><br>
<center><font size="1" color="#999999">{esc(s['ad_label'])}</font><br><img src="http://ads.{d}/view.php?zone=2" width="160" height="600" border="0" alt=""></center></font></td>
</tr>
<tr><td colspan="3" bgcolor="#003366" align="center">{font}<font color="#ffffff"><br>{' | '.join(f'<a href="{slugify(x)}.php"><font color="#ffffff">{esc(x)}</font></a>' for x in s['footer_links'])}<br><br>
{esc(s['footer_about'])}<br>{esc(s['footer_address'])}<br>{esc(s['footer_legal'])}<br>{esc(s['footer_copyright'])}<br><br>
<a href="http://top.{d}/"><img src="http://top.{d}/count.php?id={art_id}" width="88" height="31" border="0" alt="counter"></a><br><br></font></font></td></tr>
</table>
</center>
<div id="cookiebar" class="cookiebar"><table width="100%" cellpadding="8"><tr><td>{font}<b>{esc(s['cookie_title'])}</b> {esc(s['cookie_text'])}</font></td>
<td align="right" nowrap>{font}<a href="javascript:hideCookieBar();"><font color="#ffcc00"><b>{esc(s['cookie_accept'])}</b></font></a> | <a href="javascript:hideCookieBar();"><font color="#ffffff">{esc(s['cookie_reject'])}</font></a> | <a href="cookies.php"><font color="#ffffff">{esc(s['cookie_settings'])}</font></a></font></td></tr></table></div>
{consent_snippet(page)}
</body>
</html>
"""


# --------------------------------------------------------------------------------------------
# Template 6: Joomla (com_content item-page, modules, microdata, joomla-script-options)
# --------------------------------------------------------------------------------------------

JOOMLA_BODY = BodyMarkup(
    paragraph="<p>{}</p>",
    heading="<h3>{}</h3>",
    quote='<blockquote><p style="font-style: italic;">{}</p></blockquote>',
    list="<ul>{}</ul>",
    item="<li>{}</li>",
)


def joomla_module(title: str, inner: str, suffix: str = "") -> str:
    heading = f"<h3>{esc(title)}</h3>" if title else ""
    return f'<div class="moduletable{suffix}">{heading}{inner}</div>'


def render_joomla(page: Page, corpus: list[Page]) -> str:
    s, d = page.site, page.domain
    item_id = page.uid("item", 4)
    if page.kind == "section":
        main = f"""<div class="blog" itemscope itemtype="https://schema.org/Blog"><div class="page-header"><h1>{esc(page.title)}</h1></div>
{teaser_entries(page, corpus, '<div class="items-row"><div class="item" itemprop="blogPost" itemscope itemtype="https://schema.org/BlogPosting"><div class="page-header"><h2 itemprop="name"><a href="{href}" itemprop="url">{title}</a></h2></div><p>{lead}</p><p class="readmore"><a class="btn" href="{href}">&raquo;</a></p></div></div>')}
</div>"""
    elif page.kind == "error":
        title, text = error_message(page)
        main = f'<div class="error"><h1 class="page-header">404 - {esc(title)}</h1><p>{esc(text)}</p></div>'
    else:
        if page.kind == "paywall":
            ptitle, ptext, pbutton = require(page, "paywall_title", "paywall_text", "paywall_button")
            content = f'<div class="alert alert-info paywall"><h4>{esc(ptitle)}</h4><p>{esc(ptext)}</p><a class="btn btn-primary" href="/prenumerata">{esc(pbutton)}</a></div>'
        else:
            read_also = read_also_box(page, '<div class="well well-small czytaj-takze"><strong>{label}</strong> {link}</div>')
            ad = joomla_module("", f'<div class="bannergroup"><div class="banneritem"><span class="banner-label">{esc(s["ad_label"])}</span><p class="banner-note">{esc(s["ad_notice"])}</p><a href="/component/banners/click/{page.uid("banner", 2)}" target="_blank" rel="noopener noreferrer"><img src="/images/banners/{site_hash(d, "banner", 8)}.jpg" alt="" width="300" height="250"></a></div></div>', " banner-inarticle")
            content = body_with_inserts(page, JOOMLA_BODY, {"read_also": read_also, "ad": ad})
        comments = ""
        if page.kind == "article":
            comments = f"""<div id="jc"><h4>{esc(s['comments_heading'])} ({len(page.comments)})</h4><div id="comments"><ul class="comments-list list-unstyled" id="comments-list-0">
{comment_entries(page, '<li id="comment-item-{id}"><div class="comment-box"><span class="comment-author">{author}</span> <span class="comment-date">{date}</span><div class="comment-body">{text}</div><span class="comments-buttons"><a href="#" class="reply">{reply}</a></span></div></li>')}
</ul></div><h4>{esc(s['comment_form_title'])}</h4><form id="comments-form" name="comments-form" action="javascript:void(null);"><p class="jc-policy">{esc(s['comment_rules'])}</p><textarea id="comments-form-comment" name="comment" cols="65" rows="8"></textarea><a id="comments-form-send" href="#" class="btn">{esc(s['comment_submit'])}</a></form></div>"""
        caption = f'<figcaption class="caption">{esc(page.image_caption)}</figcaption>' if page.image_caption else ""
        main = f"""<ul itemscope itemtype="https://schema.org/BreadcrumbList" class="breadcrumb"><li itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem"><a itemprop="item" href="/" class="pathway"><span itemprop="name">{esc(s['home_label'])}</span></a><span class="divider">/</span><meta itemprop="position" content="1"></li><li itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem"><a itemprop="item" href="/{slugify(page.section)}" class="pathway"><span itemprop="name">{esc(page.section)}</span></a><meta itemprop="position" content="2"></li></ul>
<div class="item-page" itemscope itemtype="https://schema.org/Article">
<meta itemprop="inLanguage" content="{s['locale'].replace('_', '-')}">
<div class="page-header"><h2 itemprop="headline">{esc(page.title)}</h2></div>
<dl class="article-info muted"><dt class="article-info-term">{esc(s['details_label'])}</dt>
<dd class="createdby" itemprop="author" itemscope itemtype="https://schema.org/Person">{esc(s['by_label'])} <span itemprop="name">{esc(', '.join(page.authors))}</span></dd>
<dd class="category-name">{esc(s['category_label'])} <a href="/{slugify(page.section)}" itemprop="genre">{esc(page.section)}</a></dd>
<dd class="published"><span class="icon-calendar" aria-hidden="true"></span><time datetime="{page.iso}" itemprop="datePublished">{esc(s['published_label'])} {esc(page.date())}</time></dd>
<dd class="hits"><span class="icon-eye-open" aria-hidden="true"></span><meta itemprop="interactionCount" content="UserPageVisits:{page.uid('hits', 4)}">{esc(s['hits_label'])} {page.uid('hits', 4)}</dd></dl>
<div class="pull-left item-image"><figure><img src="{page.image}" alt="" itemprop="image">{caption}</figure></div>
<div itemprop="articleBody">
<p class="lead"><strong>{esc(page.lead)}</strong></p>
{content}
</div>
<ul class="tags inline">{''.join(f'<li class="tag-{page.uid(t, 2)} tag-list0" itemprop="keywords"><a href="/tagi/{slugify(t)}" class="label label-info">{esc(t)}</a></li>' for t in page.tags)}</ul>
<div class="social-buttons"><span>{esc(s['share_label'])}:</span> {share_links(page, '<a class="btn btn-{net}" href="#" rel="nofollow">{label}</a> ')}</div>
<ul class="pager pagenav"><li class="previous"><a class="hasTooltip" href="/{slugify(page.section)}/{page.uid('prev', 4)}" rel="prev"><span class="icon-chevron-left" aria-hidden="true"></span> {esc(s['prev_label'])}</a></li><li class="next"><a class="hasTooltip" href="/{slugify(page.section)}/{page.uid('next', 4)}" rel="next">{esc(s['next_label'])} <span class="icon-chevron-right" aria-hidden="true"></span></a></li></ul>
</div>
{joomla_module(s['related_heading'], '<ul class="relateditems mod-list">' + related_links(page, '<li><a href="{href}">{title}</a></li>') + '</ul>', ' related')}
{comments}"""
    options = {"csrf.token": site_hash(page.url, "csrf", 32), "system.paths": {"root": "", "base": ""},
               "joomla.jtext": {"JLIB_FORM_FIELD_INVALID": "Invalid field:&#160"}}
    return f"""<!DOCTYPE html>
<html lang="{s['locale'].replace('_', '-')}" dir="ltr">
<head>
	<meta name="viewport" content="width=device-width, initial-scale=1.0" />
	<meta charset="{page.declared_charset}" />
	<base href="{attr(page.url)}" />
	<meta name="keywords" content="{attr(', '.join(page.tags))}" />
	<meta name="author" content="{attr(', '.join(page.authors))}" />
	<meta name="description" content="{attr(page.lead or s['tagline'])}" />
	<meta name="generator" content="Joomla! - Open Source Content Management" />
	<title>{esc(page.head_title)} - {esc(s['name'])}</title>
	<link href="{attr(page.url)}" rel="canonical" />
{social_meta(page, "	")}
	<link href="/templates/protostar/favicon.ico" rel="shortcut icon" type="image/vnd.microsoft.icon" />
	<link href="/templates/protostar/css/template.css?{site_hash(d, 'tpl', 32)}" rel="stylesheet" />
	<style>
	.banner-label {{ font-size: 10px; color: #aaa; text-transform: uppercase; }}
	#cookieConsent {{ position: fixed; bottom: 0; left: 0; width: 100%; background: #1e2a38; color: #fff; z-index: 9999; }}
	</style>
	<script type="application/json" class="joomla-script-options new">{script_json(options, True)}</script>
	<script src="/media/jui/js/jquery.min.js?{site_hash(d, 'jq', 32)}"></script>
	<script src="/media/jui/js/jquery-migrate.min.js?{site_hash(d, 'jq', 32)}"></script>
	<script src="/media/system/js/caption.js?{site_hash(d, 'jq', 32)}"></script>
	<script>jQuery(window).on('load',  function() {{ new JCaption('img.caption'); }});</script>
	<script type="application/ld+json">{script_json(news_article_ld(page), page.ascii_scripts)}</script>
	{gtag_snippet(page)}
	{ad_loader_snippet(page)}
	{consent_snippet(page)}
</head>
<body class="site com_content view-article no-layout no-task itemid-{item_id}">
	<div class="body" id="top">
		<div class="container">
			<header class="header" role="banner">
				<div class="header-inner clearfix">
					<a class="brand pull-left" href="/"><img src="/images/logo.png" alt="{attr(s['name'])}" /><div class="site-description">{esc(s['tagline'])}</div></a>
					<div class="header-search pull-right">{joomla_module("", f'<div class="search"><form action="/" method="post" class="form-inline"><label for="mod-search-searchword" class="element-invisible">{esc(s["search_label"])}</label> <input name="searchword" id="mod-search-searchword" maxlength="200" class="inputbox search-query input-medium" type="search" placeholder="{attr(s["search_label"])}" /></form></div>')}</div>
				</div>
			</header>
			<nav class="navigation" role="navigation"><div class="navbar pull-left"><a class="btn btn-navbar collapsed" data-toggle="collapse" data-target=".nav-collapse"><span class="element-invisible">Menu</span></a></div>
				<div class="nav-collapse"><ul class="nav menu nav-pills mod-list">{nav_items(s, d, '<li class="item-' + str(item_id) + '"><a href="{href}">{label}</a></li>')}<li class="item-subscribe"><a href="/prenumerata">{esc(s['subscribe_label'])}</a></li></ul></div></nav>
			{joomla_module(s['trending_label'], '<ul class="mostread mod-list">' + trending_links(page, '<li itemscope itemtype="https://schema.org/Article"><a href="{href}" itemprop="url"><span itemprop="name">{title}</span></a></li>') + '</ul>', ' najczesciej')}
			{joomla_module("", f'<div class="bannergroup"><span class="banner-label">{esc(s["ad_label"])}</span><div id="div-gpt-ad-top"></div></div>', ' banner-top')}
			<div class="row-fluid">
				<main id="content" role="main" class="span9">
					<div id="system-message-container"></div>
					{main}
				</main>
				<div id="aside" class="span3">
					{joomla_module(s['newsletter_title'], f'<div class="acymailing_module"><p class="acymailing_introtext">{esc(s["newsletter_prompt"])}</p><form><input type="email" name="user[email]" placeholder="{attr(s["newsletter_placeholder"])}" /><input type="submit" class="btn btn-primary" value="{attr(s["newsletter_button"])}" /></form></div>', ' newsletter')}
					{joomla_module("", f'<div class="bannergroup"><span class="banner-label">{esc(s["ad_label"])}</span><div id="div-gpt-ad-side"></div></div>', ' banner-side')}
				</div>
			</div>
		</div>
	</div>
	<footer class="footer" role="contentinfo">
		<div class="container"><hr />
			{joomla_module("", '<ul class="nav menu mod-list">' + ''.join(f'<li><a href="/{slugify(x)}">{esc(x)}</a></li>' for x in s['footer_links']) + '</ul>', ' footer-menu')}
			{joomla_module("", f'<div class="custom"><p>{esc(s["footer_about"])}</p><p>{esc(s["footer_address"])}</p><p>{esc(s["footer_legal"])}</p></div>', ' footer-info')}
			<p class="pull-right"><a href="#top" id="back-top">&uarr;</a></p>
			<p>{esc(s['footer_copyright'])}</p>
		</div>
	</footer>
	<div id="cookieConsent" role="dialog"><div class="cookie-inner"><strong>{esc(s['cookie_title'])}</strong><p>{esc(s['cookie_text'])}</p><button class="btn btn-success" id="cookieAccept">{esc(s['cookie_accept'])}</button> <button class="btn" id="cookieReject">{esc(s['cookie_reject'])}</button> <a href="/polityka-cookies" class="btn btn-link">{esc(s['cookie_settings'])}</a></div></div>
	<script>jQuery(function($){{ if (document.cookie.indexOf('cc_accepted=1') > -1) {{ $('#cookieConsent').hide(); }} $('#cookieAccept, #cookieReject').on('click', function(){{ document.cookie = 'cc_accepted=1; path=/; max-age=31536000'; $('#cookieConsent').hide(); }}); }});</script>
</body>
</html>
"""


# --------------------------------------------------------------------------------------------
# Template 7: AMP (⚡ html, amp-boilerplate, amp-img/amp-ad/amp-consent/amp-analytics)
# --------------------------------------------------------------------------------------------

AMP_BODY = BodyMarkup(
    paragraph="<p>{}</p>",
    heading='<h2 class="amp-wp-subhead">{}</h2>',
    quote='<blockquote class="amp-quote"><p>{}</p></blockquote>',
    list="<ul>{}</ul>",
    item="<li>{}</li>",
)

AMP_BOILERPLATE = (
    "<style amp-boilerplate>body{-webkit-animation:-amp-start 8s steps(1,end) 0s 1 normal both;"
    "-moz-animation:-amp-start 8s steps(1,end) 0s 1 normal both;-ms-animation:-amp-start 8s steps(1,end) 0s 1 normal both;"
    "animation:-amp-start 8s steps(1,end) 0s 1 normal both}@-webkit-keyframes -amp-start{from{visibility:hidden}to{visibility:visible}}"
    "@-moz-keyframes -amp-start{from{visibility:hidden}to{visibility:visible}}@-ms-keyframes -amp-start{from{visibility:hidden}to{visibility:visible}}"
    "@-o-keyframes -amp-start{from{visibility:hidden}to{visibility:visible}}@keyframes -amp-start{from{visibility:hidden}to{visibility:visible}}</style>"
    "<noscript><style amp-boilerplate>body{-webkit-animation:none;-moz-animation:none;-ms-animation:none;animation:none}</style></noscript>"
)


def amp_ad(page: Page, slot: str, with_notice: bool = False) -> str:
    network = int(site_hash(page.domain, "gpt", 8), 16) % 99999999
    notice = f'<p class="ad-notice">{esc(page.site["ad_notice"])}</p>' if with_notice else ""
    return (f'<div class="ad-wrap"><span class="ad-label">{esc(page.site["ad_label"])}</span>'
            f'<amp-ad width="300" height="250" type="doubleclick" data-slot="/{network}/{slugify(page.site["name"])}/{slot}" '
            f'data-block-on-consent><div placeholder></div><div fallback></div></amp-ad>{notice}</div>')


def render_amp(page: Page, corpus: list[Page]) -> str:
    s, d = page.site, page.domain
    if page.kind == "section":
        main = f'<h1 class="amp-title">{esc(page.title)}</h1>' + teaser_entries(
            page, corpus, '<article class="teaser"><h2><a href="{href}">{title}</a></h2><p>{lead}</p></article>')
    elif page.kind == "error":
        title, text = error_message(page)
        main = f'<h1 class="amp-title">{esc(title)}</h1><p>{esc(text)}</p>'
    else:
        if page.kind == "paywall":
            ptitle, ptext, pbutton = require(page, "paywall_title", "paywall_text", "paywall_button")
            content = f'<section class="paywall" amp-access="NOT subscriber"><h3>{esc(ptitle)}</h3><p>{esc(ptext)}</p><a class="btn" href="https://www.{d}/abbonamenti/">{esc(pbutton)}</a></section>'
        else:
            read_also = read_also_box(page, '<aside class="read-also"><span class="read-also-label">{label}</span> {link}</aside>')
            content = body_with_inserts(page, AMP_BODY, {"read_also": read_also, "ad": amp_ad(page, "inarticle", True)})
        caption = f'<figcaption>{esc(page.image_caption)}</figcaption>' if page.image_caption else ""
        comments = ""
        if page.kind == "article":
            comments = f"""<section class="comments" id="comments"><h2>{esc(s['comments_heading'])} ({len(page.comments)})</h2>
{comment_entries(page, '<div class="comment" id="comment-{id}"><div class="comment-meta"><strong>{author}</strong> <time datetime="{iso}">{date}</time></div><p>{text}</p><a class="reply" href="#respond">{reply}</a></div>')}
<div id="respond"><h3>{esc(s['comment_form_title'])}</h3><p class="comment-rules">{esc(s['comment_rules'])}</p><a class="btn" href="{attr(page.url.replace('/amp/', '/').rstrip('/'))}#respond">{esc(s['comment_submit'])}</a></div></section>"""
        main = f"""<nav class="breadcrumbs"><a href="https://www.{d}/">{esc(s['home_label'])}</a> › <a href="https://www.{d}/{slugify(page.section)}/">{esc(page.section)}</a></nav>
<article class="amp-article">
<header><span class="amp-category">{esc(page.section)}</span><h1 class="amp-title">{esc(page.title)}</h1>
<p class="amp-excerpt">{esc(page.lead)}</p>
<div class="amp-meta"><span class="amp-author">{esc(s['by_label'])} {esc(', '.join(page.authors))}</span> · <time datetime="{page.iso}">{esc(page.date())}</time></div></header>
<figure class="amp-featured"><amp-img src="{page.image}" width="1200" height="675" layout="responsive" alt=""></amp-img>{caption}</figure>
<div class="amp-share">{share_links(page, '<amp-social-share type="{net}" width="36" height="36" aria-label="{label}"></amp-social-share>')}<span class="share-label">{esc(s['share_label'])}</span></div>
<div class="amp-content">
{content}
</div>
<div class="amp-tags"><span>{esc(s['tags_label'])}</span> {' '.join(f'<a href="https://www.{d}/tag/{slugify(t)}/">{esc(t)}</a>' for t in page.tags)}</div>
</article>
<section class="related"><h2>{esc(s['related_heading'])}</h2><ul>{related_links(page, '<li><a href="{href}">{title}</a></li>')}</ul></section>
{comments}"""
    canonical = page.url.replace("/amp/", "/").rstrip("/") if "/amp" in page.url else page.url
    analytics = {"vars": {"gtag_id": "G-" + site_hash(d, "ga", 10).upper(), "config": {"G-" + site_hash(d, "ga", 10).upper(): {"groups": "default"}}},
                 "triggers": {"trackPageview": {"on": "visible", "request": "pageview"}}}
    consent = {"consentInstanceId": f"{slugify(s['name'])}-consent", "consentRequired": True, "promptUI": "consent-ui",
               "postPromptUI": "consent-revisit"}
    return f"""<!doctype html>
<html ⚡ lang="{page.language}">
<head>
<meta charset="{page.declared_charset}">
<script async src="https://cdn.ampproject.org/v0.js"></script>
<script async custom-element="amp-ad" src="https://cdn.ampproject.org/v0/amp-ad-0.1.js"></script>
<script async custom-element="amp-analytics" src="https://cdn.ampproject.org/v0/amp-analytics-0.1.js"></script>
<script async custom-element="amp-consent" src="https://cdn.ampproject.org/v0/amp-consent-0.1.js"></script>
<script async custom-element="amp-social-share" src="https://cdn.ampproject.org/v0/amp-social-share-0.1.js"></script>
<script async custom-element="amp-sidebar" src="https://cdn.ampproject.org/v0/amp-sidebar-0.1.js"></script>
<script async custom-element="amp-form" src="https://cdn.ampproject.org/v0/amp-form-0.1.js"></script>
<title>{esc(page.head_title)} - {esc(s['name'])}</title>
<link rel="canonical" href="{attr(canonical)}">
<meta name="viewport" content="width=device-width,minimum-scale=1,initial-scale=1">
{social_meta(page)}
<script type="application/ld+json">{script_json(news_article_ld(page), page.ascii_scripts)}</script>
{AMP_BOILERPLATE}
<style amp-custom>
body{{font-family:"Helvetica Neue",Arial,sans-serif;color:#1a1a1a;margin:0}}.site-header{{background:#b3001b;color:#fff;padding:12px 16px}}
.amp-title{{font-size:28px;line-height:1.2}}.amp-content p{{font-size:18px;line-height:1.6}}.ad-wrap{{text-align:center;margin:20px 0}}
.ad-label{{display:block;font-size:10px;color:#888;text-transform:uppercase}}#consent-ui{{background:#fff;padding:16px;box-shadow:0 -2px 8px rgba(0,0,0,.2)}}
</style>
</head>
<body>
<amp-analytics type="gtag" data-credentials="include"><script type="application/json">{script_json(analytics, True)}</script></amp-analytics>
<amp-consent id="site-consent" layout="nodisplay"><script type="application/json">{script_json(consent, True)}</script>
<div id="consent-ui"><h2>{esc(s['cookie_title'])}</h2><p>{esc(s['cookie_text'])}</p><button on="tap:site-consent.accept" role="button">{esc(s['cookie_accept'])}</button><button on="tap:site-consent.reject" role="button">{esc(s['cookie_reject'])}</button><button on="tap:site-consent.prompt(consent=site-consent)" role="button">{esc(s['cookie_settings'])}</button></div>
<div id="consent-revisit"><button on="tap:site-consent.prompt" role="button">{esc(s['cookie_settings'])}</button></div>
</amp-consent>
<amp-sidebar id="sidebar" layout="nodisplay" side="left"><ul class="sidebar-menu">{nav_items(s, d, '<li><a href="{href}">{label}</a></li>')}</ul></amp-sidebar>
<header class="site-header"><button on="tap:sidebar.toggle" class="hamburger" aria-label="Menu">☰</button><a href="https://www.{d}/" class="logo"><amp-img src="https://{static_host(d)}/img/logo-white.png" width="180" height="32" alt="{attr(s['name'])}"></amp-img></a><span class="tagline">{esc(s['tagline'])}</span></header>
<nav class="top-nav"><ul>{nav_items(s, d, '<li><a href="{href}">{label}</a></li>')}</ul></nav>
<div class="trending"><strong>{esc(s['trending_label'])}</strong> {trending_links(page, '<a href="{href}">{title}</a> ')}</div>
{amp_ad(page, "top")}
<main>
{main}
<section class="newsletter"><h2>{esc(s['newsletter_title'])}</h2><p>{esc(s['newsletter_prompt'])}</p>
<form method="post" action-xhr="https://www.{d}/newsletter/subscribe" target="_top"><input type="email" name="email" placeholder="{attr(s['newsletter_placeholder'])}" required><input type="submit" value="{attr(s['newsletter_button'])}"></form></section>
{amp_ad(page, "bottom")}
</main>
<footer class="site-footer"><ul>{''.join(f'<li><a href="https://www.{d}/{slugify(x)}/">{esc(x)}</a></li>' for x in s['footer_links'])}</ul>
<p>{esc(s['footer_about'])}</p><p>{esc(s['footer_address'])}</p><p>{esc(s['footer_legal'])}</p><p>{esc(s['footer_copyright'])}</p>
<a href="{attr(canonical)}" class="non-amp">{esc(s['full_version_label'])}</a></footer>
</body>
</html>
"""


# --------------------------------------------------------------------------------------------
# Gold
# --------------------------------------------------------------------------------------------


def body_texts(page: Page) -> list[str]:
    """The article text a reader sees: lead, then each paragraph, subheading, quote and list item."""
    if page.kind != "article":
        return []
    texts = [page.lead] if page.lead else []
    for block in page.blocks:
        texts.extend(block.texts)
    return texts


def must_appear(page: Page) -> list[str]:
    """3-4 full sentences spread over the article: its opening, the start of the body, the middle
    and the end, where extractors most often cut too much or too little."""
    if page.kind != "article":
        return []
    paragraphs = [b.text for b in page.text_blocks]

    def first_full(texts: list[str], last: bool = False) -> str | None:
        candidates = [s for t in texts for s in split_sentences(t) if is_full_sentence(s)]
        if not candidates:
            return None
        return candidates[-1] if last else candidates[0]

    picks = [
        first_full([page.lead]) if page.lead else None,
        first_full(paragraphs[:1]),
        first_full(paragraphs[len(paragraphs) // 2:]),
        first_full(paragraphs[-1:], last=True),
    ]
    chosen: list[str] = []
    for sentence in picks:
        if sentence and sentence not in chosen:
            chosen.append(sentence)
    return chosen


SITE_BOILERPLATE_KEYS = (
    "cookie_text", "newsletter_prompt", "ad_notice", "comment_rules", "footer_about", "footer_legal",
    "repeated_paragraph",
)


class VisibleText(HTMLParser):
    """The text a browser shows: no head, scripts, styles or noscript fallbacks; block elements
    separate words, inline ones do not."""

    HIDDEN = {"head", "script", "style", "noscript", "template", "title"}
    INLINE = {"a", "b", "i", "em", "strong", "span", "font", "time", "small", "abbr", "sup", "sub", "u",
              "label", "cite", "q", "mark"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN:
            self.hidden_depth += 1
        elif tag not in self.INLINE:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN:
            self.hidden_depth = max(0, self.hidden_depth - 1)
        elif tag not in self.INLINE:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.hidden_depth:
            self.parts.append(data)


def visible_text(markup: str) -> str:
    parser = VisibleText()
    parser.feed(markup)
    parser.close()
    return " ".join("".join(parser.parts).split())


def boilerplate(page: Page, shown: str) -> list[str]:
    """Distinctive strings the page shows that a body extractor must drop (>= 4 words each, so
    they cannot turn up in an article body by chance); `shown` is the page's visible text, so
    only what this kind of page really displays is listed."""
    site = page.site
    candidates = [site.get(key, "") for key in SITE_BOILERPLATE_KEYS]
    candidates += list(site.get("trending", []))
    candidates += [site.get("paywall_text", ""), site.get("error_text", "")]
    if page.kind == "error":
        candidates.append(page.lead)
    candidates += page.related
    candidates += [c["text"] for c in page.comments]
    chosen: list[str] = []
    for text in candidates:
        text = " ".join(str(text).split())
        if len(text.split()) >= MIN_BOILERPLATE_WORDS and text not in chosen and text in shown:
            chosen.append(text)
    return chosen


def gold_line(page: Page, markup: str) -> dict[str, Any]:
    return {
        "file": f"pages/{page.slug}.html",
        "url": page.url,
        "site": page.domain,
        "template": page.template,
        "encoding": page.encoding,
        "declared_charset": page.declared_charset,
        "kind": page.kind,
        "language": page.language,
        "story": page.story,
        "title": page.title,
        "authors": page.authors,
        "published": page.iso if page.raw.get("published") else None,
        "body": body_texts(page),
        "must_appear": must_appear(page),
        "boilerplate": boilerplate(page, visible_text(markup)),
        "entities": [
            {"canonical": e["canonical"], "type": e.get("type", "MISC"), "surface": list(e.get("surface", []))}
            for e in page.entities
        ],
    }


# --------------------------------------------------------------------------------------------
# Build
# --------------------------------------------------------------------------------------------

TEMPLATES = {
    "wordpress": render_wordpress,
    "arc": render_arc,
    "drupal": render_drupal,
    "bitrix": render_bitrix,
    "legacy": render_legacy,
    "joomla": render_joomla,
    "amp": render_amp,
}


def render(page: Page, corpus: list[Page]) -> str:
    """The page's HTML as its CMS produces it (before encoding)."""
    if page.template not in TEMPLATES:
        raise SourceError(f"{page.slug}: unknown template {page.template!r} for site {page.domain}")
    try:
        return TEMPLATES[page.template](page, corpus)
    except KeyError as exc:
        raise SourceError(f"{page.slug}: site {page.domain} lacks {exc.args[0]!r}") from exc


def encode(page: Page, markup: str) -> bytes:
    """The bytes the server sends: the page's real encoding, with characters that encoding lacks
    written as numeric character references (as legacy CMSs do)."""
    return markup.encode(page.encoding, errors="xmlcharrefreplace")


def build(src: Path, out: Path) -> list[dict[str, Any]]:
    """Render every article source; write pages and gold; drop pages whose source is gone."""
    sites = load_sites(src / "sites.toml")
    corpus = [load_page(path, sites) for path in sorted((src / "articles").glob("*.toml"))]
    if not corpus:
        raise SourceError(f"no article sources in {src / 'articles'}")
    pages_dir = out / "pages"
    pages_dir.mkdir(parents=True, exist_ok=True)
    markups = {page.slug: render(page, corpus) for page in corpus}
    rendered = {f"{page.slug}.html": encode(page, markups[page.slug]) for page in corpus}
    for stale in pages_dir.glob("*.html"):
        if stale.name not in rendered:
            stale.unlink()
    for name, data in rendered.items():
        path = pages_dir / name
        if not path.exists() or path.read_bytes() != data:
            path.write_bytes(data)
    gold = sorted((gold_line(page, markups[page.slug]) for page in corpus), key=lambda line: line["file"])
    text = "".join(json.dumps(line, ensure_ascii=False, sort_keys=False) + "\n" for line in gold)
    tmp = out / "gold.jsonl.tmp"
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(out / "gold.jsonl")
    return gold


def statistics(gold: list[dict[str, Any]]) -> str:
    """Markdown tables of the corpus make-up (for samples/README.md and the issue's closing note)."""
    def table(title: str, key: Any, detail: str = "language") -> str:
        groups: dict[str, list[dict[str, Any]]] = {}
        for line in gold:
            groups.setdefault(key(line), []).append(line)
        rows = "".join(
            f"| {name} | {len(lines)} | {' '.join(sorted({line[detail] for line in lines}))} |\n"
            for name, lines in sorted(groups.items())
        )
        return f"| {title} | pages | {detail}s |\n| --- | --- | --- |\n{rows}"

    def encoding(line: dict[str, Any]) -> str:
        if line["encoding"] == line["declared_charset"]:
            return line["encoding"]
        return f"{line['encoding']} (declared {line['declared_charset']})"

    return "\n".join([
        table("language", lambda line: line["language"], detail="site"),
        table("story", lambda line: line["story"] or f"(none: {line['kind']})"),
        table("template", lambda line: line["template"]),
        table("encoding", encoding),
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--src", type=Path, default=HERE / "src", help="folder with sites.toml and articles/")
    parser.add_argument("--out", type=Path, default=HERE, help="folder that receives pages/ and gold.jsonl")
    parser.add_argument("--stats", action="store_true", help="also print the corpus statistics as Markdown tables")
    args = parser.parse_args(argv)
    if not (args.src / "sites.toml").is_file():
        print(f"build.py: error: {args.src / 'sites.toml'} not found", file=sys.stderr)
        return 2
    try:
        gold = build(args.src, args.out)
    except (SourceError, OSError) as exc:
        print(f"build.py: error: {exc}", file=sys.stderr)
        return 2
    print(f"rendered {len(gold)} pages into {args.out / 'pages'} and {args.out / 'gold.jsonl'}")
    if args.stats:
        print("\n" + statistics(gold))
    return 0


if __name__ == "__main__":
    sys.exit(main())
