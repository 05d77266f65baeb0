"""JSON Lines in and out, shared by every command: tolerant reading, atomic writing.

Reading never stops at a broken line: each line yields either a dict or a ``BadLine`` saying why,
so a command can emit an error record for it and go on. Writing goes to a temporary file in the
destination folder that is renamed over the target only when complete, so a reader (or a crash)
never sees half a file.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Self


@dataclass
class BadLine:
    source: str
    line: int
    message: str


def read_jsonl(path: str | Path) -> Iterator[dict[str, Any] | BadLine]:
    """Yield one dict per non-blank line of ``path`` (``-`` for stdin), or a BadLine for a line
    that is not a JSON object."""
    name = str(path)
    if name == "-":
        yield from parse_lines(sys.stdin, "<stdin>")
        return
    with open(path, encoding="utf-8", errors="surrogateescape") as stream:
        yield from parse_lines(stream, name)


def parse_lines(stream: Iterable[str], name: str) -> Iterator[dict[str, Any] | BadLine]:
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            yield BadLine(name, number, f"not valid JSON: {exc}")
            continue
        if not isinstance(value, dict):
            yield BadLine(name, number, f"expected a JSON object, got {type(value).__name__}")
            continue
        yield value


def dumps(record: dict[str, Any]) -> str:
    """One record as one line: UTF-8 kept readable, no NaN, stable separators."""
    return json.dumps(record, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


class AtomicWriter:
    """Write lines to ``path`` atomically (temp file + ``os.replace``), or to stdout for ``-``.

    Use as a context manager: on a clean exit the file appears whole; on an exception the
    temporary file is removed and any previous file at ``path`` is left untouched. A target that
    exists but is not a regular file (``/dev/null``, a named pipe) is written to directly: renaming
    over it would replace a device or pipe with a plain file. With
    ``append_to_existing=True`` the previous content is copied first, which is how ``--resume``
    extends an output while still never exposing a partial line.
    """

    def __init__(self, path: str | Path, append_to_existing: bool = False) -> None:
        self.path = str(path)
        self.append_to_existing = append_to_existing
        self._stream: IO[str] | None = None
        self._tmp: str | None = None

    def __enter__(self) -> Self:
        if self.path == "-":
            self._stream = sys.stdout
            return self
        target = Path(self.path)
        if target.exists() and not target.is_file():
            self._stream = open(target, "w", encoding="utf-8", newline="\n")
            return self
        folder = target.parent if str(target.parent) else Path(".")
        if not folder.is_dir():
            raise FileNotFoundError(f"output folder does not exist: {folder}")
        fd, self._tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        self._stream = os.fdopen(fd, "w", encoding="utf-8", newline="\n")
        if self.append_to_existing and target.exists():
            with open(target, encoding="utf-8", errors="surrogateescape") as old:
                for line in old:
                    if line.endswith("\n"):  # a partial last line is not a record: drop it
                        self._stream.write(line)
        return self

    def write(self, record: dict[str, Any]) -> None:
        assert self._stream is not None
        self._stream.write(dumps(record) + "\n")

    def write_all(self, records: Iterable[dict[str, Any]]) -> None:
        for record in records:
            self.write(record)

    def flush(self) -> None:
        if self._stream is not None:
            self._stream.flush()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._stream is None or self._tmp is None:
            if self._stream is sys.stdout:
                self._stream.flush()
            elif self._stream is not None:
                self._stream.close()
            return
        self._stream.close()
        if exc_type is None:
            os.replace(self._tmp, self.path)
        else:
            os.unlink(self._tmp)
