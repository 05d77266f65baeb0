"""The user's outlet table (``merge --outlets FILE``): who publishes on a domain, from which
country, with which lean, so that a story can show where its coverage comes from.

Accepted files: CSV with a header row, or JSON (a list of objects, or an object keyed by domain).
Columns/keys: ``domain`` (required), ``name``, ``country``, and ``lean`` (``bias`` is accepted
as another name for it). Labels are the user's own; we only count them.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from normalizer.merge import Story

UNKNOWN = "unknown"


class OutletsError(Exception):
    """The outlets file cannot be read or lacks the ``domain`` column."""


@dataclass
class Outlet:
    domain: str
    name: str | None = None
    country: str | None = None
    lean: str | None = None


class OutletTable:
    def __init__(self, outlets: list[Outlet]) -> None:
        self.by_domain = {_bare(o.domain): o for o in outlets}

    def lookup(self, site: str) -> Outlet | None:
        """The outlet of ``site``, also for subdomains (``news.example.com`` -> ``example.com``)."""
        labels = _bare(site).split(".")
        for start in range(len(labels) - 1):
            outlet = self.by_domain.get(".".join(labels[start:]))
            if outlet is not None:
                return outlet
        return None

    def describe(self, story: Story) -> None:
        """Fill ``story.countries`` and ``story.leans``: how many of the story's sources
        (distinct sites) come from each country / carry each lean label."""
        found = [self.lookup(site) for site in story.sites]
        story.countries = _counts(o.country if o else None for o in found)
        story.leans = _counts(o.lean if o else None for o in found)


def load_outlets(path: str | Path) -> OutletTable:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise OutletsError(f"cannot read outlets file {path}: {exc}") from exc
    rows = _json_rows(text, path) if text.lstrip().startswith(("[", "{")) else _csv_rows(text)
    outlets = []
    for number, row in enumerate(rows, start=1):
        row = {str(k).strip().lower(): (str(v).strip() if v is not None else None)
               for k, v in row.items() if k is not None}
        if not row.get("domain"):
            raise OutletsError(f"{path}: entry {number} has no domain")
        outlets.append(Outlet(domain=row["domain"], name=row.get("name") or None,
                              country=row.get("country") or None,
                              lean=row.get("lean") or row.get("bias") or None))
    return OutletTable(outlets)


def _json_rows(text: str, path: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise OutletsError(f"{path} is not valid JSON: {exc}") from exc
    if isinstance(data, dict):
        data = [{"domain": domain, **(value if isinstance(value, dict) else {})}
                for domain, value in data.items()]
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise OutletsError(f"{path}: expected a list of objects or an object keyed by domain")
    return data


def _csv_rows(text: str) -> list[dict[str, Any]]:
    return list(csv.DictReader(text.splitlines()))


def _bare(domain: str) -> str:
    return domain.strip().lower().removeprefix("www.").rstrip(".")


def _counts(labels: Any) -> dict[str, int]:
    counts = Counter(label or UNKNOWN for label in labels)
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
