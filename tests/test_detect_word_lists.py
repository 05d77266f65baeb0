"""The two word lists derived from the Serbian and Croatian Hunspell dictionaries (ekavian.txt,
read by detect_jat; sh_vocabulary.tsv, read by detect_vocabulary): their files, and when they are
read."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from normalizer.detect_jat import DATA_PATH as EKAVIAN_PATH
from normalizer.detect_vocabulary import DATA_PATH as VOCABULARY_PATH

LISTS = [EKAVIAN_PATH, VOCABULARY_PATH]


def _rows(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]


@pytest.mark.parametrize("path", LISTS, ids=lambda path: path.name)
def test_data_file_is_sorted_without_duplicates(path: Path) -> None:
    words = [row.split("\t")[0] for row in _rows(path)]
    assert words == sorted(set(words))


def test_vocabulary_rows_are_east_or_west() -> None:
    assert {row.split("\t")[1] for row in _rows(VOCABULARY_PATH)} == {"east", "west"}


@pytest.mark.parametrize("path", LISTS, ids=lambda path: path.name)
def test_data_file_header_names_sources_and_licence(path: Path) -> None:
    header = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#"))
    assert "dictionary-sr-latn 3.0.2" in header
    assert "dictionary-hr 2.0.0" in header
    assert "LGPL-2.1" in header


@pytest.mark.parametrize(
    ("loader", "counter", "latin_word"),
    [
        ("normalizer.detect_jat import ekavian_forms", "marker_counts", "prosvete"),
        ("normalizer.detect_vocabulary import vocabulary", "vocabulary_counts", "rumunski"),
    ],
    ids=["ekavian", "vocabulary"],
)
def test_list_is_read_only_when_a_latin_south_slavic_word_needs_it(loader: str, counter: str, latin_word: str) -> None:
    module, name = loader.split(" import ")
    script = (
        "import normalizer.detect\n"
        f"from normalizer.detect_evidence import MARKER_GROUPS, {counter} as count\n"
        f"from {module} import {name} as read\n"
        "group = next(g for g in MARKER_GROUPS if 'hr' in g)\n"
        "loaded = lambda: read.cache_info().currsize\n"
        "before = loaded()\n"
        "count(['жители', 'района'], group)\n"
        "cyrillic = loaded()\n"
        f"count([{latin_word!r}], group)\n"
        "print(before, cyrillic, loaded())\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["0", "0", "1"]
