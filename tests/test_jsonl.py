from __future__ import annotations

import json
from pathlib import Path

import pytest

from normalizer.jsonl import AtomicWriter, BadLine, read_jsonl


def test_read_jsonl_reports_broken_lines_and_keeps_the_good_ones(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text('{"a": 1}\nnot json\n\n[1, 2]\n{"b": 2}\n', encoding="utf-8")
    records = list(read_jsonl(path))
    assert [r for r in records if isinstance(r, dict)] == [{"a": 1}, {"b": 2}]
    bad = [r for r in records if isinstance(r, BadLine)]
    assert [b.line for b in bad] == [2, 4]
    assert "not valid JSON" in bad[0].message and "JSON object" in bad[1].message


def test_atomic_writer_publishes_the_file_only_when_complete(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    with AtomicWriter(target) as writer:
        writer.write({"id": "1"})
        assert not target.exists()
    assert json.loads(target.read_text(encoding="utf-8")) == {"id": "1"}


def test_atomic_writer_leaves_the_previous_file_untouched_on_failure(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    target.write_text('{"id": "old"}\n', encoding="utf-8")
    with pytest.raises(RuntimeError), AtomicWriter(target) as writer:
        writer.write({"id": "new"})
        raise RuntimeError("boom")
    assert target.read_text(encoding="utf-8") == '{"id": "old"}\n'
    assert list(tmp_path.iterdir()) == [target]


def test_atomic_writer_append_mode_keeps_whole_lines_and_drops_a_partial_one(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    target.write_text('{"id": "1"}\n{"id": "2', encoding="utf-8")
    with AtomicWriter(target, append_to_existing=True) as writer:
        writer.write({"id": "3"})
    lines = target.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["1", "3"]


def test_atomic_writer_refuses_a_missing_output_folder(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError), AtomicWriter(tmp_path / "missing" / "out.jsonl"):
        pass


def test_atomic_writer_writes_into_a_device_instead_of_replacing_it() -> None:
    with AtomicWriter("/dev/null") as writer:
        writer.write({"id": "1"})
    assert Path("/dev/null").is_char_device()
