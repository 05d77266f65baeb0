"""The cache folder stays bounded: entries are derived data named by kind and stamp; reading one
marks it as used, and writing a new one removes the least recently used of its kind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from normalizer.cache import KEEP_PER_KIND, prune
from normalizer.names_lexicon import Gazetteer


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    folder.mkdir()
    monkeypatch.setenv("NORMALIZER_CACHE", str(folder))
    return folder


def _entries(cache: Path, kind: str, count: int) -> list[Path]:
    """``count`` entries of ``kind``, the first one used longest ago."""
    entries = []
    for age, number in enumerate(range(count)):
        entry = cache / f"{kind}-stamp{number}"
        entry.mkdir()
        (entry / "data.json").write_text("{}")
        os.utime(entry, (1_000_000 + age, 1_000_000 + age))
        entries.append(entry)
    return entries


def test_pruning_keeps_the_most_recently_used_entries_of_a_kind(cache: Path) -> None:
    entries = _entries(cache, "names-gazetteer", KEEP_PER_KIND + 2)
    prune("names-gazetteer")
    assert sorted(cache.iterdir()) == sorted(entries[2:])


def test_pruning_leaves_other_kinds_and_entries_being_written_alone(cache: Path) -> None:
    others = _entries(cache, "detect-py3langid", KEEP_PER_KIND + 1)
    staging = cache / "names-gazetteer-stamp9.x1y2"
    staging.mkdir()
    _entries(cache, "names-gazetteer", KEEP_PER_KIND + 1)
    prune("names-gazetteer")
    assert all(entry.exists() for entry in [*others, staging])


def test_a_new_gazetteer_entry_removes_the_least_recently_used_one(cache: Path, tmp_path: Path) -> None:
    old = _entries(cache, "names-gazetteer", KEEP_PER_KIND)
    aliases = tmp_path / "aliases.toml"
    aliases.write_text('[aliases."Zorblax Quimby"]\ntype = "PER"\nvariants = ["Zorblax"]\n')
    Gazetteer(aliases)
    entries = sorted(cache.glob("names-gazetteer-*"))
    assert len(entries) == KEEP_PER_KIND
    assert old[0] not in entries


def test_reading_a_gazetteer_entry_protects_it_from_pruning(cache: Path) -> None:
    Gazetteer()
    (entry,) = cache.glob("names-gazetteer-*")
    os.utime(entry, (1, 1))  # used long ago ...
    Gazetteer()  # ... and now again
    _entries(cache, "names-gazetteer", KEEP_PER_KIND)
    prune("names-gazetteer")
    assert entry.exists()


def test_a_new_detection_model_entry_removes_the_least_recently_used_one(cache: Path) -> None:
    from normalizer.detect_model import CACHE_KIND, load_model

    old = _entries(cache, CACHE_KIND, KEEP_PER_KIND)
    load_model.cache_clear()
    try:
        assert load_model(("en", "ro")).labels == ("en", "ro")
    finally:
        load_model.cache_clear()
    entries = sorted(cache.glob(f"{CACHE_KIND}-*"))
    assert len(entries) == KEEP_PER_KIND
    assert old[0] not in entries
