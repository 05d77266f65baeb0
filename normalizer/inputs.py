"""Turn what a user points ``convert`` at into a stream of pages.

Accepted: HTML files, folders (walked recursively, sorted, so runs are reproducible), glob
patterns, ``-`` for stdin, JSON Lines with ``url``/``html`` (what crawlers emit) and WARC files
(``.warc``, ``.warc.gz``: the HTML ``response`` records with their target URIs). A problem inside
an input (an unreadable file, a broken JSON line, a truncated WARC) becomes a ``Page`` carrying an
``error``, so the run goes on and the problem still yields an output record; only a path that
does not exist at all is a usage error (``MissingInput``), reported before any work starts.
"""

from __future__ import annotations

import glob
import io
import logging
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from normalizer.jsonl import BadLine, parse_lines, read_jsonl

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz")
WARC_SUFFIXES = (".warc", ".warc.gz")
PAGE_SUFFIXES = HTML_SUFFIXES + JSONL_SUFFIXES + WARC_SUFFIXES

logger = logging.getLogger(__name__)


class MissingInput(Exception):
    """An input path that does not exist (a usage error: nothing is processed)."""


@dataclass
class Page:
    """One page to normalize. ``source`` says where it came from (file, file:line, WARC offset)
    for error messages; ``error`` is set when the page could not even be read."""

    source: str
    html: str | bytes | None
    url: str | None = None
    error: str | None = None


def resolve_inputs(specs: Iterable[str]) -> list[str]:
    """Expand globs and check existence up front: a typo in a path must stop the run with exit 2
    before anything is written, not after an hour of work."""
    resolved: list[str] = []
    for spec in specs:
        if spec == "-":
            resolved.append(spec)
        elif glob.has_magic(spec):
            matches = sorted(glob.glob(spec, recursive=True))
            if not matches:
                raise MissingInput(f"no file matches {spec!r}")
            resolved.extend(matches)
        elif os.path.lexists(spec):
            resolved.append(spec)
        else:
            raise MissingInput(f"no such file or folder: {spec}")
    return resolved


def iter_pages(specs: Iterable[str]) -> Iterator[Page]:
    """Every page of every input, in the order given (folders in sorted order). Paths are
    checked now, pages are read lazily: ``MissingInput`` is raised by this call, not later."""
    return _read_all(resolve_inputs(specs))


def _read_all(paths: list[str]) -> Iterator[Page]:
    for spec in paths:
        if spec == "-":
            yield from _read_stdin()
        elif os.path.isdir(spec):
            yield from _read_folder(Path(spec))
        else:
            yield from _read_file(Path(spec))


def _read_folder(folder: Path) -> Iterator[Page]:
    found = False
    walk_errors: list[OSError] = []
    for root, dirs, files in os.walk(folder, onerror=walk_errors.append):
        dirs.sort()
        for name in sorted(files):
            if name.lower().endswith(PAGE_SUFFIXES):
                found = True
                yield from _read_file(Path(root) / name)
    for error in walk_errors:
        yield Page(source=str(error.filename), html=None, error=f"cannot read folder: {error.strerror}")
    if not found and not walk_errors:
        logger.warning("no pages (%s) found in folder %s", ", ".join(PAGE_SUFFIXES), folder)


def _read_file(path: Path) -> Iterator[Page]:
    name = path.name.lower()
    if name.endswith(JSONL_SUFFIXES):
        yield from _read_jsonl(str(path))
    elif name.endswith(WARC_SUFFIXES):
        yield from _read_warc(path)
    else:
        try:
            yield Page(source=str(path), html=path.read_bytes())
        except OSError as exc:
            yield Page(source=str(path), html=None, error=f"cannot read file: {exc.strerror or exc}")


def _read_stdin() -> Iterator[Page]:
    """JSON Lines are streamed line by line (a crawl piped in is never held whole in memory);
    anything else on stdin is one HTML page. The first bytes are peeked, not consumed."""
    stream = sys.stdin.buffer
    if stream.peek(4096).lstrip()[:1] == b"{":
        lines = io.TextIOWrapper(stream, encoding="utf-8", errors="surrogateescape")
        yield from _pages_from_records(parse_lines(lines, "<stdin>"), "<stdin>")
    else:
        yield Page(source="<stdin>", html=stream.read())


def _read_jsonl(path: str) -> Iterator[Page]:
    try:
        yield from _pages_from_records(read_jsonl(path), path)
    except OSError as exc:
        yield Page(source=path, html=None, error=f"cannot read file: {exc.strerror or exc}")


def _pages_from_records(records: Iterable[dict[str, Any] | BadLine], source: str) -> Iterator[Page]:
    for number, record in enumerate(records, start=1):
        if isinstance(record, BadLine):
            yield Page(source=f"{record.source}:{record.line}", html=None, error=record.message)
            continue
        where = f"{source}:record {number}"
        html = record.get("html")
        url = record.get("url") if isinstance(record.get("url"), str) else None
        if not isinstance(html, str) or not html:
            yield Page(source=where, html=None, url=url, error="record has no 'html' string")
        else:
            yield Page(source=where, html=html, url=url)


def _read_warc(path: Path) -> Iterator[Page]:
    """HTML responses of a WARC file. warcio stops silently at a truncated archive, so the
    truncation is detected here: a record whose body ends before its declared length, or an
    iterator that stops before the end of the file. The records read before it still come out,
    followed by one error page for the rest."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        stream: IO[bytes] = open(path, "rb")  # noqa: SIM115 - closed by the ``with`` below, after the check
        size = os.fstat(stream.fileno()).st_size
    except OSError as exc:
        yield Page(source=str(path), html=None, error=f"cannot read file: {exc.strerror or exc}")
        return
    with stream:
        records = ArchiveIterator(stream)
        try:
            for record in records:
                if record.rec_type != "response":
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                body = record.content_stream().read()
                if getattr(record.raw_stream, "limit", 0) > 0:
                    yield Page(source=f"{path}#{url}", html=None, url=url, error="truncated WARC record")
                    return
                if _is_html(record):
                    yield Page(source=f"{path}#{url}", html=body, url=url)
        except (ArchiveLoadFailed, EOFError, OSError, ValueError) as exc:
            yield Page(source=str(path), html=None, error=f"truncated or corrupt WARC: {exc}")
            return
        if records.offset < size:
            yield Page(source=str(path), html=None, error=f"truncated WARC: stopped at byte {records.offset} of {size}")


def _is_html(record: Any) -> bool:
    headers = record.http_headers
    content_type = headers.get_header("Content-Type", "") if headers else ""
    return "html" in content_type.lower()
