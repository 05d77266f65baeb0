"""The folder where normalizer keeps what it derives once and reads back fast, and how that folder
is kept from growing without bound.

The folder is ``$NORMALIZER_CACHE``, else ``$XDG_CACHE_HOME/normalizer``, else
``~/.cache/normalizer``. Derived data lives in entries: sub-folders named ``<kind>-<stamp>``
(``detect-py3langid-...`` for the decompressed detection model, ``names-gazetteer-...`` for the
gazetteer indexes), where the stamp says what the entry was derived from and has no dots (a dot
marks the staging folder of an entry being written). A new stamp (an upgrade, another alias
file, another language restriction) means a new entry, so old ones would pile up: a model entry
is ~70 MB. Reading an entry marks it as used (its modification time), and
writing a new one removes the least recently used entries of its kind beyond ``KEEP_PER_KIND``.
Removing an entry that another process is reading is harmless: files already opened or mapped
stay readable, and an entry that vanished is simply derived again.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

# Entries kept per kind: enough for a few language restrictions or alias files used in turn,
# or two installations (say two virtual environments) sharing one cache folder.
KEEP_PER_KIND = 4


def cache_dir() -> Path:
    """The cache folder (see the module docstring); it may not exist yet."""
    explicit = os.environ.get("NORMALIZER_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "normalizer"


def mark_used(entry: Path) -> None:
    """Record that ``entry`` was just read, so that pruning keeps it (errors are ignored: a
    read-only cache is still a cache)."""
    try:
        os.utime(entry)
    except OSError:
        pass


def prune(kind: str, keep: int = KEEP_PER_KIND) -> None:
    """Remove the least recently used entries of ``kind`` beyond the ``keep`` most recent. Called
    after writing an entry, which is then the most recent. Staging folders of entries being
    written (their names carry a dot) are left alone. Never raises."""
    try:
        entries = [path for path in cache_dir().glob(f"{kind}-*") if "." not in path.name and path.is_dir()]
        used = {path: path.stat().st_mtime_ns for path in entries}
    except OSError:
        return
    for stale in sorted(used, key=lambda path: (-used[path], path.name))[keep:]:
        shutil.rmtree(stale, ignore_errors=True)
