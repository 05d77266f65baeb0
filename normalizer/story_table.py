"""The human view of a merge: a fixed-width table of the biggest stories, for a terminal."""

from __future__ import annotations

from collections.abc import Sequence

from normalizer.merge import Story

_COLUMNS = (("size", 4), ("languages", 30), ("top entities", 34), ("headline", 50))


def story_table(stories: Sequence[Story], limit: int = 15) -> str:
    """Up to ``limit`` stories (largest first, as ``merge_stories`` sorts them), one per line,
    then a count of what was left out and of unmerged records."""
    header = " ".join(name.ljust(width) for name, width in _COLUMNS).rstrip()
    lines = [header, " ".join("-" * width for _, width in _COLUMNS)]
    for story in stories[:limit]:
        by_count = sorted(story.languages.items(), key=lambda kv: (-kv[1], kv[0]))
        languages = " ".join(code if count == 1 else f"{code}×{count}" for code, count in by_count)
        entities = ", ".join(e["canonical"] for e in story.entities[:3])
        headline = story.headline or "(no title)"
        if story.unmerged:
            headline = f"[unmerged: {story.unmerged}] {headline}"
        cells = (str(story.size), languages, entities, headline)
        fitted = (_fit(cell, width) for cell, (_, width) in zip(cells, _COLUMNS, strict=True))
        lines.append(" ".join(fitted).rstrip())
    articles = sum(story.size for story in stories)
    unmerged = sum(1 for story in stories if story.unmerged)
    more = f", {len(stories) - limit} more not shown" if len(stories) > limit else ""
    lines.append(f"{len(stories)} stories from {articles} articles ({unmerged} unmerged{more})")
    return "\n".join(lines)


def _fit(text: str, width: int) -> str:
    return text.ljust(width) if len(text) <= width else text[: width - 1] + "…"
