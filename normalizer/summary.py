"""A short human summary of a run: what the demo prints after ``convert`` and ``merge``.

Reads the JSON Lines that those commands wrote (so it works on any earlier run too) and reports
articles per language, translation status counts, failures and the stories found.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from normalizer.jsonl import BadLine, read_jsonl


def summarize(articles_path: str | Path, stories_path: str | Path | None = None) -> str:
    languages: Counter[str] = Counter()
    statuses: Counter[str] = Counter()
    failures: Counter[str] = Counter()
    total = unreadable = 0
    for record in read_jsonl(articles_path):
        if isinstance(record, BadLine):
            unreadable += 1
            continue
        total += 1
        languages[(record.get("language") or {}).get("code", "und")] += 1
        statuses[(record.get("translation") or {}).get("status", "?")] += 1
        if record.get("error"):
            failures[record["error"].get("stage", "?")] += 1
    lines = [f"{total} articles" + (f" ({unreadable} unreadable lines)" if unreadable else "")]
    lines.append("  languages:   " + _counts(languages))
    lines.append("  translation: " + _counts(statuses))
    lines.append("  failed:      " + (_counts(failures) if failures else "none"))
    if stories_path is not None:
        stories = [s for s in read_jsonl(stories_path) if not isinstance(s, BadLine)]
        multi = [s for s in stories if s.get("size", 0) > 1]
        lines.append(f"{len(stories)} stories ({len(multi)} with more than one article)")
        for story in sorted(multi, key=lambda s: (-s.get("size", 0), s.get("story_id", "")))[:10]:
            langs = ",".join(sorted(story.get("languages") or {}))
            lines.append(f"  {story.get('size', 0):>3} articles [{langs}] {story.get('headline') or ''}"[:120])
    return "\n".join(lines)


def _counts(counter: Counter[str]) -> str:
    return ", ".join(f"{key} {value}" for key, value in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))
