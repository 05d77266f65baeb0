"""py3langid's naive Bayes model, loaded fast and restricted to the languages normalizer supports.

py3langid ships its model LZMA-compressed; decompressing it takes 1-2 s, which alone would break
the "import + first detection under 1 s" budget. The first use therefore writes the decompressed
arrays (only the columns of supported languages) as plain ``.npy`` files to an entry of the cache
folder (``normalizer.cache``); later processes memory-map them in a few milliseconds. Nothing is
downloaded: the cache is derived from the installed py3langid package, and keyed by its version
and the model file's size (not its time, which every reinstall changes). When the cache cannot be
written, the model is simply loaded from py3langid every time.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from normalizer.cache import cache_dir, mark_used, prune

# py3langid labels that normalizer reports under another ISO 639-1 code.
LABEL_ALIASES = {"no": "nb"}

_ARRAYS = ("ptc", "pc", "nextmove", "row", "out", "depth")


@dataclass(frozen=True)
class NaiveBayesModel:
    """The arrays of a py3langid model: a byte-level Aho-Corasick automaton that finds n-gram
    features (``nextmove``, ``rowbase``, ``out``), per-class log-probabilities of each feature
    (``ptc``) plus class priors (``pc``), and ``depth``, the length of the byte string each
    automaton state stands for (derived once, stored in the cache).

    py3langid walks the automaton byte by byte in Python (~0.12 us per byte, plus per-call
    overhead); :meth:`score_batch` finds the same states for many texts at once with numpy,
    because in an Aho-Corasick automaton the state after a byte is the trie node of the longest
    suffix read so far that is a trie node, and trie nodes are prefix-closed: extending every
    start position one byte per step (at most ``depth.max()`` steps) finds all of them."""

    labels: tuple[str, ...]
    ptc: Any
    pc: Any
    nextmove: Any
    rowbase: Any
    out: Any
    depth: Any

    @cached_property
    def classes(self) -> tuple[str, ...]:
        """The distinct labels, in first-seen order: the columns of :meth:`score_batch`."""
        return tuple(dict.fromkeys(self.labels))

    def score_batch(self, texts: Sequence[bytes]) -> tuple[Any, Any, Any]:
        """Naive Bayes log-scores for many UTF-8 texts in one pass.

        Returns ``(scores, found, total)``: ``scores[i]`` holds the log-score per class (columns
        as :attr:`classes`; a label with two columns, such as sr in two scripts, keeps its better
        one), ``found[i]`` whether text i had any feature at all, ``total`` the scores of all texts
        together (the sum of their feature weights: each text is evidence of its own), or None
        without any feature."""
        import numpy as np

        classes = self.classes
        scores = np.zeros((len(texts), len(classes)), dtype=np.float32)
        found = np.zeros(len(texts), dtype=bool)
        text_of, feature = self._features(texts, np)
        if not len(feature):
            return scores, found, None
        shift = (len(self.ptc) - 1).bit_length()  # (text, feature) keys, sorted text by text
        keys, counts = np.unique(text_of << shift | feature, return_counts=True)
        owner, index = keys >> shift, keys & ((1 << shift) - 1)
        weights = np.log1p(counts.astype(np.float32))
        rows = self.ptc.take(index, axis=0)
        bounds = np.flatnonzero(np.concatenate(([True], owner[1:] != owner[:-1], [True])))
        # one row per text with features, and a last row for all of them together
        raw = np.empty((len(bounds), len(self.labels)), dtype=np.float32)
        for i, (start, stop) in enumerate(zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True)):
            raw[i] = weights[start:stop] @ rows[start:stop]
        raw[-1] = raw[:-1].sum(axis=0)
        merged = self._merge(raw + self.pc, np)
        present = owner[bounds[:-1]]
        found[present] = True
        scores[present] = merged[:-1]
        return scores, found, merged[-1]

    @cached_property
    def _max_depth(self) -> int:
        return int(self.depth.max())

    @cached_property
    def _state_info(self) -> Any:
        """Per automaton state, its row base in ``nextmove`` (a multiple of 256) plus its depth in
        the low byte: :meth:`_features` reads both with one gather instead of two."""
        import numpy as np

        return self.rowbase | self.depth.astype(np.int32)

    @cached_property
    def _pair_steps(self) -> tuple[Any, Any, Any]:
        """The first two steps of :meth:`_features` for every byte and pair of bytes, as tables
        (256 KB each, cache-resident, where the automaton's table is 40 MB): the state after a
        lone byte; the state after the second byte of a pair (the pair's trie node, else the
        second byte's); the row base of the pair's node (of the shallower node the automaton
        reaches when the pair is no trie node, which can never lead to depth 3)."""
        import numpy as np

        byte = np.arange(256)
        first = self.nextmove.take(self.rowbase[0] + byte)  # from the root
        second = self.nextmove.take(self.rowbase.take(first)[:, None] + byte)  # [first byte, second]
        lone = np.where(self.depth.take(first) == 1, first, 0)
        after_pair = np.where(self.depth.take(second) == 2, second, lone)
        return lone, after_pair.ravel(), self.rowbase.take(second).ravel()

    def _features(self, texts: Sequence[bytes], np: Any) -> tuple[Any, Any]:
        """(text index, feature index) of every feature occurrence in ``texts``.

        Step k extends every start position by its k-th byte at once, over contiguous slices:
        from the node of a start's first k-1 bytes, the transition leads to a node of depth k
        exactly when its first k bytes are a trie node. A start that falls short once never
        reaches depth k later (a transition adds at most 1 to the depth), so no mask of the
        surviving starts is carried along: the dense pass is cheaper than compressing them at
        every step. A longer match, found by a later step, overwrites the state of its last byte.
        Steps 1 and 2 are read from tables of all bytes and byte pairs (see :attr:`_pair_steps`).
        """
        # 0xFF never occurs in UTF-8 and no trie node contains it: a separator no n-gram crosses
        joined = b"\xff".join(texts) + b"\xff"
        data = np.frombuffer(joined, dtype=np.uint8).astype(np.int32)
        lone, after_pair, pair_base = self._pair_steps
        pair = data[:-1] << 8 | data[1:]
        state = np.empty(len(data), dtype=self.nextmove.dtype)  # automaton state after each byte
        state[0] = lone[data[0]]
        state[1:] = after_pair.take(pair)
        base = pair_base.take(pair[:-1])
        info = self._state_info
        for step in range(3, self._max_depth + 1):  # (``take``: cheaper than ``[]`` indexing)
            child = self.nextmove.take(base + data[step - 1 :])
            packed = info.take(child)
            depth = packed & 0xFF
            np.copyto(state[step - 1 :], child, where=depth == step)
            base = (packed - depth)[:-1]  # the next step has one start fewer
        feature = self.out.take(state)
        (position,) = np.nonzero(feature >= 0)
        text_of = np.repeat(np.arange(len(texts)), [len(text) + 1 for text in texts])  # per byte
        return text_of.take(position), feature.take(position).astype(np.int64)

    @cached_property
    def _merge_plan(self) -> tuple[list[int], list[tuple[int, int]]]:
        """First column of each class, and (class position, column) of the repeated labels."""
        position = {label: i for i, label in enumerate(self.classes)}
        first = [self.labels.index(label) for label in self.classes]
        repeats = [(position[label], column) for column, label in enumerate(self.labels) if column not in first]
        return first, repeats

    def _merge(self, raw: Any, np: Any) -> Any:
        """Columns of repeated labels -> one column per class, keeping the better score."""
        first, repeats = self._merge_plan
        merged = raw[:, first]
        for position, column in repeats:
            np.maximum(merged[:, position], raw[:, column], out=merged[:, position])
        return merged


#: the kind of the model's cache entries (see normalizer.cache)
CACHE_KIND = "detect-py3langid"


@lru_cache(maxsize=4)
def load_model(languages: tuple[str, ...]) -> NaiveBayesModel:
    """The model restricted to ``languages`` (sorted codes), from the cache when possible."""
    import numpy as np

    folder = cache_dir() / f"{CACHE_KIND}-{_model_stamp()}-{_languages_key(languages)}-v3"
    try:
        model = _from_folder(folder)
    except (OSError, ValueError, KeyError):
        pass
    else:
        mark_used(folder)
        return model
    labels, arrays = _from_py3langid(languages)
    try:
        _write_folder(folder, labels, arrays)
    except OSError:
        pass  # a read-only home is no reason to fail: we just pay the slow load next time
    else:
        prune(CACHE_KIND)
    return _build(labels, arrays, np)


def _model_stamp() -> str:
    import py3langid
    from py3langid import langid

    size = (langid.MODEL_DIR / langid.MODEL_FILE).stat().st_size
    version = getattr(py3langid, "__version__", "unknown").replace(".", "_")  # no dots: see normalizer.cache
    return f"{version}-{size}"


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
    arrays["depth"] = _state_depths(arrays["nextmove"], arrays["row"], np)
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
    return NaiveBayesModel(
        labels=tuple(labels),
        ptc=arrays["ptc"],
        pc=np.asarray(arrays["pc"], dtype=np.float32),
        nextmove=arrays["nextmove"],
        rowbase=np.asarray(arrays["row"], dtype=np.int32) << 8,
        out=np.asarray(arrays["out"], dtype=np.int32),
        depth=arrays["depth"],
    )


def _state_depths(nextmove: Any, row: Any, np: Any) -> Any:
    """Length of the byte string each automaton state stands for: its breadth-first distance
    from the start state (failure transitions never lead deeper than a trie edge)."""
    table = nextmove.reshape(-1, 256)
    depth = np.full(len(row), -1, dtype=np.int8)
    depth[0] = 0
    frontier, level = np.array([0]), 0
    while len(frontier):
        level += 1
        reached = np.zeros(len(row), dtype=bool)
        for start in range(0, len(frontier), 4096):  # chunks: bounded memory
            reached[table[row[frontier[start : start + 4096]]]] = True
        frontier = np.flatnonzero(reached & (depth < 0))
        depth[frontier] = level
    return depth
