from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from normalizer.inputs import MissingInput, iter_pages

PAGE = b"<html><body><p>hello</p></body></html>"


def write_warc(path: Path, pages: dict[str, bytes], gzipped: bool = True) -> None:
    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=gzipped)
        for url, body in pages.items():
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))
        image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://x.example/a.png", "response", payload=io.BytesIO(b"\x89PNG"), http_headers=image))


def test_folders_are_walked_recursively_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.html").write_bytes(PAGE)
    (tmp_path / "a.htm").write_bytes(PAGE)
    (tmp_path / "notes.txt").write_text("not a page")
    sources = [Path(p.source).relative_to(tmp_path).as_posix() for p in iter_pages([str(tmp_path)])]
    assert sources == ["a.htm", "b/2.html"]


def test_a_missing_path_is_refused_before_anything_is_read(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_bytes(PAGE)
    with pytest.raises(MissingInput, match="nope.html"):
        iter_pages([str(tmp_path / "a.html"), str(tmp_path / "nope.html")])


def test_a_glob_that_matches_nothing_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(MissingInput, match="no file matches"):
        iter_pages([str(tmp_path / "*.html")])


def test_globs_expand_to_sorted_files(tmp_path: Path) -> None:
    for name in ("c.html", "a.html", "b.html"):
        (tmp_path / name).write_bytes(PAGE)
    assert [Path(p.source).name for p in iter_pages([str(tmp_path / "*.html")])] == ["a.html", "b.html", "c.html"]


def test_an_unreadable_file_becomes_an_error_page_and_the_others_still_come(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_bytes(PAGE)
    os.symlink(tmp_path / "gone.html", tmp_path / "b.html")  # dangling: listed but unreadable
    pages = list(iter_pages([str(tmp_path)]))
    assert [p.error is None for p in pages] == [True, False]
    assert "cannot read file" in pages[1].error


def test_jsonl_lines_give_pages_and_broken_lines_give_error_pages(tmp_path: Path) -> None:
    path = tmp_path / "crawl.jsonl"
    lines = [json.dumps({"url": "https://a.example/1", "html": "<p>x</p>"}), "{broken", json.dumps({"url": "https://a.example/2"})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    pages = list(iter_pages([str(path)]))
    assert [(p.url, p.error is None) for p in pages] == [("https://a.example/1", True), (None, False), ("https://a.example/2", False)]
    assert "no 'html'" in pages[2].error


def test_warc_html_responses_are_read_with_their_target_uris(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, {"https://a.example/1": PAGE, "https://a.example/2": PAGE.replace(b"hello", b"bye")})
    pages = list(iter_pages([str(path)]))
    assert [p.url for p in pages] == ["https://a.example/1", "https://a.example/2"]
    assert b"bye" in pages[1].html


@pytest.mark.parametrize("gzipped", [False, True])
@pytest.mark.parametrize("keep", [0.5, 0.9, 0.99])
def test_a_truncated_warc_keeps_the_records_read_and_reports_the_rest(tmp_path: Path, gzipped: bool, keep: float) -> None:
    path = tmp_path / "crawl.warc"
    write_warc(path, {f"https://a.example/{i}": PAGE * 50 for i in range(3)}, gzipped=gzipped)
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    pages = list(iter_pages([str(path)]))
    good = [p for p in pages if p.error is None]
    assert [p.url for p in good] == [f"https://a.example/{i}" for i in range(len(good))]
    assert all(p.html == PAGE * 50 for p in good)
    assert pages[-1].error is not None and "truncated" in pages[-1].error
