"""``normalizer convert``: the CLI run as a user runs it (a real subprocess)."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pages import ENGLISH_PAGE
from test_inputs import write_warc


def read_records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def write_pages(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"page-{index:03d}.html"
        path.write_text(ENGLISH_PAGE.replace("Valmont", f"Valmont {index}"), encoding="utf-8")
        paths.append(path)
    return paths


def test_convert_writes_one_record_per_page_and_exits_0(run_cli, tmp_path: Path) -> None:
    write_pages(tmp_path / "pages", 3)
    result = run_cli("convert", "pages", "-o", "out.jsonl")
    assert result.returncode == 0, result.stderr.decode()
    records = read_records(tmp_path / "out.jsonl")
    assert [r["title"].split("|")[0].strip() for r in records] == [
        f"Valmont {i} container terminal delayed until spring" for i in range(3)
    ]
    assert b"3 records (3 ok, 0 failed)" in result.stderr


def test_a_bad_page_among_good_ones_exits_1_and_keeps_the_good_records(run_cli, tmp_path: Path) -> None:
    write_pages(tmp_path / "pages", 2)
    (tmp_path / "pages" / "broken.html").write_bytes(b"")
    result = run_cli("convert", "pages", "-o", "out.jsonl")
    assert result.returncode == 1
    records = read_records(tmp_path / "out.jsonl")
    assert len(records) == 3
    assert sum(r["error"] is not None for r in records) == 1
    assert b"Traceback" not in result.stderr


def test_a_missing_input_is_a_usage_error_and_writes_nothing(run_cli, tmp_path: Path) -> None:
    write_pages(tmp_path / "pages", 1)
    result = run_cli("convert", "pages", "nowhere.html", "-o", "out.jsonl")
    assert result.returncode == 2
    assert b"nowhere.html" in result.stderr and b"Traceback" not in result.stderr
    assert not (tmp_path / "out.jsonl").exists()


def test_an_output_in_a_missing_folder_is_a_usage_error(run_cli, tmp_path: Path) -> None:
    write_pages(tmp_path / "pages", 1)
    result = run_cli("convert", "pages", "-o", "missing/out.jsonl")
    assert result.returncode == 2
    assert b"output" in result.stderr and b"Traceback" not in result.stderr


def test_an_unwritable_output_place_is_a_usage_error(run_cli, tmp_path: Path) -> None:
    write_pages(tmp_path / "pages", 1)
    result = run_cli("convert", "pages", "-o", "/proc/out.jsonl")
    assert result.returncode == 2
    assert b"Traceback" not in result.stderr


def test_a_folder_without_pages_is_a_usage_error_with_a_clear_message(run_cli, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.txt").write_text("nothing here")
    result = run_cli("convert", "empty", "-o", "out.jsonl")
    assert result.returncode == 2
    assert b"no pages" in result.stderr


def test_a_malformed_alias_file_is_a_usage_error_and_writes_nothing(run_cli, tmp_path: Path) -> None:
    write_pages(tmp_path / "pages", 1)
    (tmp_path / "aliases.toml").write_text("not = [valid toml\n", encoding="utf-8")
    result = run_cli("convert", "pages", "--aliases", "aliases.toml", "-o", "out.jsonl")
    assert result.returncode == 2
    assert b"aliases.toml" in result.stderr and b"Traceback" not in result.stderr
    assert not (tmp_path / "out.jsonl").exists()


def test_workers_0_is_a_usage_error(run_cli, tmp_path: Path) -> None:
    write_pages(tmp_path / "pages", 1)
    result = run_cli("convert", "pages", "--workers", "0")
    assert result.returncode == 2


def test_fields_keeps_only_the_chosen_fields(run_cli, tmp_path: Path) -> None:
    write_pages(tmp_path / "pages", 1)
    result = run_cli("convert", "pages", "-o", "out.jsonl", "--fields", "id,language")
    assert result.returncode == 0
    assert set(read_records(tmp_path / "out.jsonl")[0]) == {"id", "language"}


def test_unknown_fields_are_a_usage_error(run_cli, tmp_path: Path) -> None:
    write_pages(tmp_path / "pages", 1)
    result = run_cli("convert", "pages", "--fields", "id,colour")
    assert result.returncode == 2 and b"colour" in result.stderr


def test_stdin_html_goes_to_stdout(run_cli) -> None:
    result = run_cli("convert", "-", "--quiet", input=ENGLISH_PAGE.encode("utf-8"))
    assert result.returncode == 0
    (record,) = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert record["language"]["code"] == "en"
    assert result.stderr == b""


def test_stdin_json_lines_give_one_record_per_line(run_cli) -> None:
    lines = [json.dumps({"url": f"https://harbour.example/{i}", "html": ENGLISH_PAGE}) for i in range(2)]
    lines.insert(1, "{not json")
    result = run_cli("convert", "-", input="\n".join(lines).encode("utf-8"))
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [r["url"] for r in records] == ["https://harbour.example/0", None, "https://harbour.example/1"]
    assert records[1]["error"]["stage"] == "read"
    assert result.returncode == 1


def test_mixed_inputs_html_jsonl_and_warc_in_one_call(run_cli, tmp_path: Path) -> None:
    write_pages(tmp_path / "pages", 1)
    (tmp_path / "crawl.jsonl").write_text(json.dumps({"url": "https://harbour.example/j", "html": ENGLISH_PAGE}) + "\n")
    write_warc(tmp_path / "crawl.warc.gz", {"https://harbour.example/w": ENGLISH_PAGE.encode("utf-8")})
    result = run_cli("convert", "pages", "crawl.jsonl", "crawl.warc.gz", "-o", "out.jsonl")
    assert result.returncode == 0, result.stderr.decode()
    urls = [r["url"] for r in read_records(tmp_path / "out.jsonl")]
    assert urls[1:] == ["https://harbour.example/j", "https://harbour.example/w"]


def test_resume_skips_finished_pages_and_completes_a_partial_output(run_cli, tmp_path: Path) -> None:
    write_pages(tmp_path / "pages", 4)
    assert run_cli("convert", "pages", "-o", "full.jsonl").returncode == 0
    full = (tmp_path / "full.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    (tmp_path / "out.jsonl").write_text(full[0] + full[1] + full[2][:40], encoding="utf-8")  # a cut run
    result = run_cli("convert", "pages", "-o", "out.jsonl", "--resume")
    assert result.returncode == 0
    assert b"2 skipped" in result.stderr
    assert sorted(r["id"] for r in read_records(tmp_path / "out.jsonl")) == sorted(json.loads(line)["id"] for line in full)


def test_a_terminated_run_keeps_whole_records_and_resume_finishes_it(tmp_path: Path, run_cli) -> None:
    write_pages(tmp_path / "pages", 40)
    process = subprocess.Popen(
        [sys.executable, "-m", "normalizer", "convert", "pages", "-o", "out.jsonl", "--chunk-size", "1", "--no-translate"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # wait until some records are written to the temp file
        temps = list(tmp_path.glob(".out.jsonl.*.tmp"))
        if temps and temps[0].read_text(encoding="utf-8").count("\n") >= 3:
            break
        time.sleep(0.05)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr.decode()
    kept = read_records(tmp_path / "out.jsonl")  # every line parses: no partial line
    assert 3 <= len(kept) < 40
    assert not list(tmp_path.glob(".out.jsonl.*.tmp"))
    result = run_cli("convert", "pages", "-o", "out.jsonl", "--resume", "--no-translate")
    assert result.returncode == 0
    ids = [r["id"] for r in read_records(tmp_path / "out.jsonl")]
    assert len(ids) == 40 == len(set(ids))


@pytest.mark.parametrize("command", ["convert", "extract", "detect", "translate", "names", "merge", "models"])
def test_every_command_has_help_with_an_example(run_cli, command: str) -> None:
    result = run_cli(command, "--help")
    assert result.returncode == 0
    assert b"Example" in result.stdout or b"example" in result.stdout
