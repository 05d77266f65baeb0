"""``normalizer convert`` as a function: inputs -> JSON Lines file, resumable and interrupt-safe.

Kept apart from the CLI so that pipelines can call it too, and apart from ``pipeline`` because
files, resuming and partial output are concerns of a run, not of normalization.

Output is written atomically (``AtomicWriter``): records go to a temporary file that replaces the
target at the end. On Ctrl-C or SIGTERM the records finished so far are still committed (every
line whole), so ``--resume`` can pick up where the run stopped: it copies the existing records,
skips every input whose id is already there, and appends the rest.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from normalizer.inputs import Page, iter_pages
from normalizer.jsonl import AtomicWriter, read_jsonl
from normalizer.pipeline import normalize_many, page_id
from normalizer.record import Article


@dataclass
class ConvertSummary:
    written: int = 0
    failed: int = 0
    skipped: int = 0
    interrupted: bool = False
    seconds: float = 0.0
    translation: Counter[str] = field(default_factory=Counter)

    @property
    def pages_per_second(self) -> float:
        return self.written / self.seconds if self.seconds > 0 else 0.0

    def line(self, output: str) -> str:
        parts = [
            f"{self.written} records ({self.written - self.failed} ok, {self.failed} failed)",
            f"{self.seconds:.1f} s, {self.pages_per_second:.1f} pages/s",
        ]
        if self.skipped:
            parts.append(f"{self.skipped} skipped (already in output)")
        if self.translation:
            parts.append("translation " + ", ".join(f"{k} {v}" for k, v in sorted(self.translation.items())))
        where = "stdout" if output == "-" else output
        state = "interrupted; finished records kept in" if self.interrupted else "written to"
        return "; ".join(parts) + f"; {state} {where}"


def done_ids(output: str) -> set[str]:
    """Ids already present in an existing output (complete lines only)."""
    ids: set[str] = set()
    try:
        for record in read_jsonl(output):
            if isinstance(record, dict) and isinstance(record.get("id"), str):
                ids.add(record["id"])
    except FileNotFoundError:
        pass
    return ids


def convert(
    inputs: Sequence[str],
    output: str,
    *,
    resume: bool = False,
    fields: Sequence[str] | None = None,
    workers: int = 1,
    on_record: Callable[[Article], None] | None = None,
    **options: Any,
) -> ConvertSummary:
    """Normalize every page of ``inputs`` into ``output`` (``-`` for stdout).

    Raises ``inputs.MissingInput`` before writing anything when an input path does not exist, and
    ``FileNotFoundError`` when the output folder does not exist.
    """
    pages: Iterator[Page] = iter_pages(inputs)
    summary = ConvertSummary()
    skip = done_ids(output) if resume and output != "-" else set()
    if skip:
        pages = _skip_done(pages, skip, summary)
    started = time.perf_counter()
    with AtomicWriter(output, append_to_existing=resume) as writer:
        try:
            for article in normalize_many(pages, workers=workers, **options):
                record = article.to_dict()
                writer.write({k: record[k] for k in fields} if fields else record)
                summary.written += 1
                summary.failed += article.error is not None
                summary.translation[article.translation.status] += 1
                if on_record is not None:
                    on_record(article)
        except KeyboardInterrupt:
            summary.interrupted = True
    summary.seconds = time.perf_counter() - started
    return summary


def _skip_done(pages: Iterator[Page], skip: set[str], summary: ConvertSummary) -> Iterator[Page]:
    for page in pages:
        if page_id(page) in skip:
            summary.skipped += 1
        else:
            yield page
