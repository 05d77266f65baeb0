"""py3langid's naive Bayes model, loaded fast and restricted to the languages normalizer supports.

py3langid ships its model LZMA-compressed; decompressing it takes 1-2 s, which alone would break
the "import + first detection under 1 s" budget. The first use therefore writes the decompressed
arrays (only the columns of supported languages) as plain ``.npy`` files to a cache directory
(``$NORMALIZER_CACHE``, else ``$XDG_CACHE_HOME/normalizer``, else ``~/.cache/normalizer``); later
processes memory-map them in a few milliseconds. Nothing is downloaded: the cache is derived from
the installed py3langid package. When the cache cannot be written, the model is simply loaded
from py3langid every time.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

# py3langid labels that normalizer reports under another ISO 639-1 code.
LABEL_ALIASES = {"no": "nb"}

_ARRAYS = ("ptc", "pc", "nextmove", "row", "out")


@dataclass(frozen=True)
class NaiveBayesModel:
    """The arrays of a py3langid model: a byte-level DFA that finds n-gram features, and per-class
    log-probabilities of each feature (``ptc``) plus class priors (``pc``)."""

    labels: tuple[str, ...]
    ptc: Any
    pc: Any
    nextmove: array
    rowbase: list[int]
    out: list[int]

    def scores(self, data: bytes) -> dict[str, float] | None:
        """Naive Bayes log-scores per label for UTF-8 bytes (a label with two columns, such as sr
        in two scripts, keeps its better one); None when no feature was found."""
        import numpy as np
        from py3langid.langid import visit_counts

        visits = visit_counts(self.nextmove, self.rowbase, self.out, data)
        if not visits:
            return None
        index = np.fromiter(visits.keys(), dtype=np.intp, count=len(visits))
        counts = np.fromiter(visits.values(), dtype=np.float32, count=len(visits))
        raw = np.log1p(counts) @ self.ptc[index] + self.pc
        merged: dict[str, float] = {}
        for label, score in zip(self.labels, raw.tolist(), strict=True):
            if score > merged.get(label, -math.inf):
                merged[label] = score
        return merged


def cache_dir() -> Path:
    """Where the decompressed model lives (see the module docstring)."""
    explicit = os.environ.get("NORMALIZER_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "normalizer"


@lru_cache(maxsize=4)
def load_model(languages: tuple[str, ...]) -> NaiveBayesModel:
    """The model restricted to ``languages`` (sorted codes), from the cache when possible."""
    import numpy as np

    folder = cache_dir() / f"detect-py3langid-{_model_stamp()}-{_languages_key(languages)}-v2"
    try:
        return _from_folder(folder)
    except (OSError, ValueError, KeyError):
        pass
    labels, arrays = _from_py3langid(languages)
    try:
        _write_folder(folder, labels, arrays)
    except OSError:
        pass  # a read-only home is no reason to fail: we just pay the slow load next time
    return _build(labels, arrays, np)


def _model_stamp() -> str:
    from py3langid import langid

    path = langid.MODEL_DIR / langid.MODEL_FILE
    stat = path.stat()
    return f"{stat.st_size}-{int(stat.st_mtime)}"


def _languages_key(languages: Sequence[str]) -> str:
    import hashlib

    return hashlib.sha256(",".join(languages).encode()).hexdigest()[:12]


def _from_py3langid(languages: Sequence[str]) -> tuple[list[str], dict[str, Any]]:
    """Decompress the packaged model and keep the columns of ``languages``; a label that appears
    twice (sr in Cyrillic and Latin script) keeps both columns, merged later by maximum."""
    import numpy as np
    from py3langid import langid, modelio

    ptc, pc, classes, nextmove, row, out = modelio.load_model(langid.MODEL_DIR / langid.MODEL_FILE)
    wanted = set(languages)
    columns = [i for i, label in enumerate(classes) if LABEL_ALIASES.get(label, label) in wanted]
    labels = [LABEL_ALIASES.get(classes[i], classes[i]) for i in columns]
    arrays = {
        "ptc": np.ascontiguousarray(np.asarray(ptc)[:, columns], dtype=np.float32),
        "pc": np.asarray(pc, dtype=np.float32)[columns],
        "nextmove": np.frombuffer(nextmove, dtype=np.uint16 if nextmove.itemsize == 2 else np.uint32),
        "row": np.frombuffer(row, dtype=np.uint16 if row.itemsize == 2 else np.uint32),
        "out": np.asarray(out, dtype=np.int32),
    }
    return labels, arrays


def _write_folder(folder: Path, labels: list[str], arrays: dict[str, Any]) -> None:
    """Write atomically: into a temporary sibling folder, then rename, so that a concurrent
    process never reads half a cache."""
    import numpy as np

    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=folder.name + ".", dir=folder.parent))
    for name in _ARRAYS:
        np.save(staging / f"{name}.npy", arrays[name])
    (staging / "labels.json").write_text(json.dumps(labels))
    try:
        staging.rename(folder)
    except OSError:  # another process won the race; its copy is as good as ours
        for child in staging.iterdir():
            child.unlink()
        staging.rmdir()


def _from_folder(folder: Path) -> NaiveBayesModel:
    import numpy as np

    labels = json.loads((folder / "labels.json").read_text())
    # plain ndarray views over the memory maps: no copy, and no np.memmap indexing overhead
    arrays = {name: np.load(folder / f"{name}.npy", mmap_mode="r").view(np.ndarray) for name in _ARRAYS}
    return _build(labels, arrays, np)


def _build(labels: list[str], arrays: dict[str, Any], np: Any) -> NaiveBayesModel:
    def as_array(values: Any) -> array:
        values = np.ascontiguousarray(values)
        result = array({2: "H", 4: "I"}[values.dtype.itemsize])
        result.frombytes(values.tobytes())
        return result

    row = as_array(arrays["row"])
    return NaiveBayesModel(
        labels=tuple(labels),
        ptc=arrays["ptc"],
        pc=np.asarray(arrays["pc"], dtype=np.float32),
        nextmove=as_array(arrays["nextmove"]),
        rowbase=[r << 8 for r in row],
        out=np.asarray(arrays["out"]).tolist(),
    )
