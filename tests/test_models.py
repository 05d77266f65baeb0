"""Package management: install from a file or a loopback HTTP index, list, remove, and refuse bad
archives and bad indexes without leaving anything behind."""

from __future__ import annotations

import hashlib
import io
import json
import socket
import threading
import time
import zipfile
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from normalizer import models
from normalizer.models import IndexUnavailable, PackageError

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "tests" / "data" / "translate-ro_en-0_1.argosmodel"


def leftovers(folder: Path) -> list[str]:
    """Everything in a models folder except installed package folders and the cache."""
    if not folder.exists():
        return []
    return sorted(p.name for p in folder.iterdir() if p.name != ".cache" and
                  not (p.is_dir() and (p / "metadata.json").is_file()))


def make_archive(path: Path, members: dict[str, bytes], links: dict[str, str] | None = None) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
        for name, target in (links or {}).items():
            info = zipfile.ZipInfo(name)
            info.external_attr = (0o120777 << 16)
            zf.writestr(info, target)
    return path


# --- a real HTTP index on 127.0.0.1 -------------------------------------------------------------------
class Index:
    """Files served by a loopback server; ``slow`` paths answer after ``delay`` seconds."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.slow: set[str] = set()
        self.delay = 5.0
        self.requests: list[str] = []
        index = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                index.requests.append(self.path)
                if self.path in index.slow:
                    time.sleep(index.delay)
                data = index.files.get(self.path)
                if data is None:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def publish(self, entries: list[dict]) -> None:
        self.files["/index.json"] = json.dumps(entries).encode()


@pytest.fixture()
def index() -> Iterator[Index]:
    server = Index()
    yield server
    server.server.shutdown()
    server.server.server_close()


def ro_entry(index: Index, **extra: object) -> dict:
    index.files["/translate-ro_en-0_1.argosmodel"] = PACKAGE.read_bytes()
    return {"from_code": "ro", "to_code": "en", "from_name": "Romanian", "to_name": "English",
            "package_version": "0.1", "argos_version": "1.9", "type": "translate",
            "code": "translate-ro_en-0_1", "links": [index.url + "translate-ro_en-0_1.argosmodel"], **extra}


# --- installing from a file ---------------------------------------------------------------------------
def test_install_from_file_then_list_shows_languages_and_version(tmp_path: Path) -> None:
    info = models.install_archive(PACKAGE, tmp_path)
    assert (info.from_code, info.to_code, info.version) == ("ro", "en", "0.1")
    listed = models.list_installed(tmp_path)
    assert [(p.code, p.pair, p.version) for p in listed] == [("translate-ro_en-0_1", "ro->en", "0.1")]
    assert leftovers(tmp_path) == []


def test_reinstalling_replaces_the_package_and_leaves_no_temporary_folders(tmp_path: Path) -> None:
    models.install_archive(PACKAGE, tmp_path)
    models.install_archive(PACKAGE, tmp_path)
    assert len(models.list_installed(tmp_path)) == 1
    assert leftovers(tmp_path) == []


def test_remove_by_language_pair_or_code(tmp_path: Path) -> None:
    models.install_archive(PACKAGE, tmp_path)
    assert [p.code for p in models.remove("ro-en", tmp_path)] == ["translate-ro_en-0_1"]
    assert models.list_installed(tmp_path) == []
    models.install_archive(PACKAGE, tmp_path)
    assert [p.code for p in models.remove("translate-ro_en-0_1", tmp_path)] == ["translate-ro_en-0_1"]
    assert models.remove("ro", tmp_path) == []
    assert leftovers(tmp_path) == []


def test_corrupt_archive_is_refused_and_nothing_is_installed(tmp_path: Path) -> None:
    bad = tmp_path / "bad.argosmodel"
    bad.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 40)
    target = tmp_path / "models"
    with pytest.raises(PackageError, match="zip|corrupt"):
        models.install_archive(bad, target)
    assert models.list_installed(target) == [] and leftovers(target) == []


def test_truncated_archive_is_refused_and_nothing_is_installed(tmp_path: Path) -> None:
    truncated = tmp_path / "truncated.argosmodel"
    truncated.write_bytes(PACKAGE.read_bytes()[: PACKAGE.stat().st_size // 2])
    target = tmp_path / "models"
    with pytest.raises(PackageError):
        models.install_archive(truncated, target)
    assert models.list_installed(target) == [] and leftovers(target) == []


def test_archive_with_a_damaged_member_is_refused(tmp_path: Path) -> None:
    data = bytearray(PACKAGE.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        member = next(m for m in zf.infolist() if m.filename.endswith("model.bin"))
    middle = member.header_offset + 30 + len(member.filename) + member.compress_size // 2
    data[middle] ^= 0xFF
    damaged = tmp_path / "damaged.argosmodel"
    damaged.write_bytes(bytes(data))
    with pytest.raises(PackageError, match="corrupt"):
        models.install_archive(damaged, tmp_path / "models")
    assert leftovers(tmp_path / "models") == []


@pytest.mark.parametrize("name", ["/etc/evil.txt", "pkg/../../evil.txt", "..\\evil.txt", "C:/evil.txt"])
def test_archive_with_unsafe_paths_is_refused_before_writing(tmp_path: Path, name: str) -> None:
    archive = make_archive(tmp_path / "unsafe.argosmodel",
                           {"pkg/metadata.json": b'{"from_code":"ro","to_code":"en"}', name: b"x"})
    with pytest.raises(PackageError, match="unsafe|not an Argos package"):
        models.install_archive(archive, tmp_path / "models")
    assert not (tmp_path / "evil.txt").exists() and leftovers(tmp_path / "models") == []


def test_archive_with_a_symlink_is_refused(tmp_path: Path) -> None:
    archive = make_archive(tmp_path / "link.argosmodel",
                           {"pkg/metadata.json": b'{"from_code":"ro","to_code":"en"}'},
                           links={"pkg/model": "/etc"})
    with pytest.raises(PackageError, match="links"):
        models.install_archive(archive, tmp_path / "models")


def test_archive_without_a_model_is_refused_and_nothing_is_left(tmp_path: Path) -> None:
    archive = make_archive(tmp_path / "empty.argosmodel",
                           {"pkg/metadata.json": b'{"from_code":"ro","to_code":"en"}'})
    with pytest.raises(PackageError, match="model"):
        models.install_archive(archive, tmp_path / "models")
    assert leftovers(tmp_path / "models") == []


def test_models_dir_follows_the_environment_variable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NORMALIZER_MODELS", str(tmp_path / "elsewhere"))
    assert models.models_dir() == tmp_path / "elsewhere"


# --- the index ----------------------------------------------------------------------------------------
def test_index_lists_packages_from_a_loopback_server(index: Index) -> None:
    index.publish([ro_entry(index), {"type": "sbd", "code": "x"}, "garbage", {"from_code": "fr"}])
    listed = models.fetch_index(index.url + "index.json")
    assert [(p.code, p.pair) for p in listed] == [("translate-ro_en-0_1", "ro->en")]


def test_install_downloads_from_the_index_and_checks_the_checksum(index: Index, tmp_path: Path) -> None:
    digest = hashlib.sha256(PACKAGE.read_bytes()).hexdigest()
    index.publish([ro_entry(index, sha256=digest)])
    (package,) = models.choose_packages(models.fetch_index(index.url + "index.json"), "ro")
    info = models.download_and_install(package, tmp_path)
    assert info.pair == "ro->en" and leftovers(tmp_path) == []


def test_checksum_mismatch_installs_nothing(index: Index, tmp_path: Path) -> None:
    index.publish([ro_entry(index, sha256="0" * 64)])
    (package,) = models.choose_packages(models.fetch_index(index.url + "index.json"), "ro")
    with pytest.raises(PackageError, match="checksum"):
        models.download_and_install(package, tmp_path)
    assert models.list_installed(tmp_path) == [] and leftovers(tmp_path) == []


def test_unreachable_index_gives_a_clear_error_quickly() -> None:
    with socket.socket() as probe:  # a port that nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    started = time.monotonic()
    with pytest.raises(IndexUnavailable, match="unreachable"):
        models.fetch_index(f"http://127.0.0.1:{port}/index.json", timeout=2)
    assert time.monotonic() - started < 2


def test_slow_index_times_out_instead_of_hanging(index: Index) -> None:
    index.publish([ro_entry(index)])
    index.slow.add("/index.json")
    started = time.monotonic()
    with pytest.raises(IndexUnavailable, match="no answer within"):
        models.fetch_index(index.url + "index.json", timeout=0.5)
    assert time.monotonic() - started < 3


@pytest.mark.parametrize("body", [b"<html>not json</html>", b'{"packages": []}', b"\xff\xfe\x00"])
def test_garbage_index_gives_a_clear_error(index: Index, body: bytes) -> None:
    index.files["/index.json"] = body
    with pytest.raises(IndexUnavailable, match="not JSON|not a list"):
        models.fetch_index(index.url + "index.json")


def test_pivot_is_chosen_when_there_is_no_direct_package() -> None:
    def pkg(src: str, dst: str, version: str = "1.0") -> models.PackageInfo:
        return models.PackageInfo(code=f"{src}-{dst}-{version}", from_code=src, to_code=dst, version=version)

    available = [pkg("uk", "ru"), pkg("ru", "en", "1.0"), pkg("ru", "en", "1.9")]
    assert [p.code for p in models.choose_packages(available, "uk")] == ["uk-ru-1.0", "ru-en-1.9"]
    assert models.choose_packages(available, "xx") == []


# --- the CLI ------------------------------------------------------------------------------------------
def test_cli_install_list_remove_from_file(run_cli) -> None:
    installed = run_cli("models", "install", str(PACKAGE))
    assert installed.returncode == 0, installed.stderr
    listed = run_cli("models", "list", "--json")
    assert [json.loads(line)["code"] for line in listed.stdout.splitlines()] == ["translate-ro_en-0_1"]
    removed = run_cli("models", "remove", "ro")
    assert removed.returncode == 0 and b"removed translate-ro_en-0_1" in removed.stdout
    assert run_cli("models", "list", "--json").stdout == b""


def test_cli_install_by_code_from_the_argos_index_variable(run_cli, index: Index) -> None:
    index.publish([ro_entry(index)])
    result = run_cli("models", "install", "ro", env={"ARGOS_PACKAGE_INDEX": index.url})
    assert result.returncode == 0, result.stderr
    assert b"installed translate-ro_en-0_1" in result.stdout
    available = run_cli("models", "available", "--index", index.url)
    assert available.stdout.decode().startswith("* ro->en")


def test_cli_install_of_a_corrupt_file_fails_with_exit_2_and_no_traceback(run_cli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.argosmodel"
    bad.write_bytes(b"not a zip at all")
    result = run_cli("models", "install", str(bad))
    assert result.returncode == 2
    assert b"not a zip archive" in result.stderr and b"Traceback" not in result.stderr


def test_cli_install_with_an_unreachable_index_fails_cleanly(run_cli) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = run_cli("models", "install", "ro", "--index", f"http://127.0.0.1:{port}/", "--timeout", "2")
    assert result.returncode == 2
    assert b"cannot read the package index" in result.stderr and b"Traceback" not in result.stderr


def test_cli_install_for_pages_installs_the_languages_they_need(run_cli, index: Index, tmp_path: Path) -> None:
    index.publish([ro_entry(index)])
    pages = tmp_path / "pages"
    pages.mkdir()
    body = "".join(f"<p>{s}</p>" for s in [
        "Primarul din Brăila, Andrei Vasilescu, a anunțat un buget de 30 de milioane de lei pentru pod.",
        "Potrivit lui Mihai Drăgulescu, noul pod va lega Brăila de Galați până în luna mai a anului viitor.",
        "Locuitorii din Tulcea au protestat joi în fața primăriei, cerând ca lucrările să înceapă mai repede."])
    (pages / "ro.html").write_text(f"<html lang='ro'><head><title>Podul de la Brăila</title></head>"
                                   f"<body><article><h1>Podul de la Brăila</h1>{body}</article></body></html>",
                                   encoding="utf-8")
    result = run_cli("models", "install", "--for", str(pages), "--index", index.url)
    assert result.returncode == 0, result.stderr
    assert b"installed translate-ro_en-0_1 (ro->en)" in result.stdout
