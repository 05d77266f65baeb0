"""A fallback for pages whose layout defeats trafilatura: the element that holds the most prose.

Pages from table-layout CMSs of the 2000s (still online at many regional outlets) keep the article
as loose text in a ``<td>``/``<font>``, paragraphs separated by ``<br><br>``, with no ``<p>``,
``<article>`` or telling class names. trafilatura then finds no main element and falls back to
the whole page (menus, tickers, footers, comments). Its own fallbacks (readability, jusText) score
``<p>``/``<div>`` containers and do no better on such markup.

This module scores every element by the prose that sits *directly* in it (its text and inline
children: ``<b>``, ``<a>``, ``<font>``...; block children such as nested tables, boxes and ads
are not its text) and returns that prose split into paragraphs at ``<br><br>`` and block
boundaries. Link-dominated runs ("read also" lines, menus) are dropped. It is written here rather
than taken from a library because none of the maintained extractors score inline text runs, which
is exactly what these pages consist of.
"""

from __future__ import annotations

import re

# Inline elements: their text flows into the parent's paragraph.
INLINE_TAGS = frozenset({
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "font", "i", "kbd", "mark",
    "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "nobr", "wbr",
})
# Blocks whose text is paragraph text of their container.
PARAGRAPH_TAGS = frozenset({"p", "blockquote"})
# Elements that never hold article prose: removed before scoring.
FURNITURE_TAGS = ("script", "style", "noscript", "form", "textarea", "select", "button", "iframe",
                  "nav", "footer", "aside", "template", "svg", "marquee")
# Runs shorter than this do not count as prose when scoring (menus, labels, dates).
MIN_PROSE_RUN = 60
# A run whose text is more than this share link text is navigation, not prose.
MAX_LINK_SHARE = 0.5

# Prose ends a sentence; a run that does not (a headline with its date line, a label) is not
# returned by the fallback.
SENTENCE_ENDS = (".", "!", "?", "…", '"', "»", "”", "’", ")", "«", "“")

_WHITESPACE = re.compile(r"\s+")


def densest_prose(html: str) -> list[str]:
    """Paragraphs of the element holding the most direct prose; [] when nothing qualifies."""
    import lxml.html
    from lxml import etree

    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, encoding="utf-8")
    try:
        root = lxml.html.document_fromstring(html.encode("utf-8", "replace"), parser=parser)
    except (etree.ParserError, ValueError):
        return []
    for element in list(root.iter(*FURNITURE_TAGS)):
        if element.getparent() is not None:
            element.drop_tree()
    best: list[str] = []
    best_score = 0
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag in INLINE_TAGS:
            continue
        runs = _Runs.of(element)
        score = sum(len(run) for run in runs if len(run) >= MIN_PROSE_RUN)
        if score > best_score:
            best, best_score = runs, score
    return [run for run in best if len(run) >= MIN_PROSE_RUN and run.endswith(SENTENCE_ENDS)]


class _Runs:
    """An element's own text as runs: split at ``<br><br>`` and at block children; inline children
    (and ``<p>``/``<blockquote>``, whose text is paragraph text of the container) are walked into;
    other blocks (boxes, tables, lists of links) are not the element's text. A run that is mostly
    link text is dropped."""

    def __init__(self) -> None:
        self.runs: list[str] = []
        self.parts: list[str] = []
        self.link_chars = 0
        self.breaks = 0

    @classmethod
    def of(cls, element) -> list[str]:
        runs = cls()
        runs.walk(element, in_link=element.tag == "a")
        runs.close()
        return runs.runs

    def walk(self, element, in_link: bool) -> None:
        self.add(element.text, in_link)
        for child in element:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag == "br":
                self.line_break()
            elif tag in INLINE_TAGS:
                self.walk(child, in_link or tag == "a")
            elif tag in PARAGRAPH_TAGS:
                self.close()
                self.walk(child, in_link)
                self.close()
            else:
                self.close()
            self.add(child.tail, in_link)

    def add(self, text: str | None, in_link: bool) -> None:
        if not text:
            return
        self.parts.append(text)
        if text.strip():
            self.breaks = 0
            if in_link:
                self.link_chars += len(text.strip())

    def line_break(self) -> None:
        self.breaks += 1
        if self.breaks >= 2:
            self.close()
        else:
            self.parts.append(" ")

    def close(self) -> None:
        text = _WHITESPACE.sub(" ", "".join(self.parts)).strip()
        if text and self.link_chars <= MAX_LINK_SHARE * len(text):
            self.runs.append(text)
        self.parts, self.link_chars, self.breaks = [], 0, 0
