"""Argos Translate language packages: where they live, what is installed, installing and removing.

We read the Argos package format ourselves (a zip of one folder holding ``metadata.json``, a
CTranslate2 ``model/``, ``sentencepiece.model`` and optional splitter data) instead of calling
``argostranslate.package``, because the latter, as measured in issue 6, writes to the user's home
on import, recurses for ~25 s when no local index exists, and downloads without time-outs. The
index is Argos' own ``index.json`` format, so LibreTranslate's package index works unchanged.

Where packages live (``models_dir()``): ``$NORMALIZER_MODELS`` when set; otherwise the
``lang_models/`` folder of the source checkout that ``normalizer`` is imported from (so ``make
demo`` and the tests find the same packages from any working directory); otherwise
``./lang_models``.

Installing is atomic and path-safe: an archive is checked (zip integrity, every member inside one
top folder, no absolute paths, no ``..``, no links), unpacked into a temporary folder next to the
destination and renamed into place only when complete, so a failed install leaves nothing behind.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import tempfile
import urllib.error
import urllib.request
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import BinaryIO

DEFAULT_INDEX = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/"
INDEX_TIMEOUT = 10.0  # seconds for one network read; a silent network never hangs us
MAX_INDEX_BYTES = 20 * 1024 * 1024
MAX_PACKAGE_BYTES = 4 * 1024**3


class PackageError(Exception):
    """A package archive or folder that cannot be installed or used (message says why)."""


class IndexUnavailable(Exception):
    """The package index could not be read (unreachable, slow, not an Argos index)."""


@dataclass(frozen=True)
class PackageInfo:
    """One package, installed (``path`` set) or listed in the index (``links`` set)."""

    code: str
    from_code: str
    to_code: str
    version: str = ""
    from_name: str = ""
    to_name: str = ""
    path: Path | None = None
    links: tuple[str, ...] = ()
    sha256: str | None = None

    @property
    def pair(self) -> str:
        return f"{self.from_code}->{self.to_code}"


@dataclass
class InstallReport:
    installed: list[PackageInfo] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (what, why)


def models_dir() -> Path:
    """The folder holding installed packages (see the module docstring for the rule)."""
    configured = os.environ.get("NORMALIZER_MODELS")
    if configured:
        return Path(configured).expanduser()
    checkout = Path(__file__).resolve().parent.parent
    if (checkout / "pyproject.toml").is_file() and (checkout / "lang_models").is_dir():
        return checkout / "lang_models"
    return Path.cwd() / "lang_models"


def install_command(source: str) -> str:
    return f"normalizer models install {source}"


# --- installed packages ----------------------------------------------------------------------------
def read_metadata(folder: Path) -> PackageInfo:
    """Read and validate one unpacked package folder."""
    try:
        meta = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PackageError(f"{folder.name}: no metadata.json") from None
    except (OSError, ValueError) as exc:
        raise PackageError(f"{folder.name}: unreadable metadata.json ({exc})") from None
    if not isinstance(meta, dict) or not meta.get("from_code") or not meta.get("to_code"):
        raise PackageError(f"{folder.name}: metadata.json lacks from_code/to_code")
    if meta.get("type", "translate") != "translate":
        raise PackageError(f"{folder.name}: not a translation package (type {meta.get('type')!r})")
    if not (folder / "model" / "model.bin").is_file():
        raise PackageError(f"{folder.name}: no CTranslate2 model (model/model.bin)")
    if not (folder / "sentencepiece.model").is_file():
        raise PackageError(f"{folder.name}: no sentencepiece.model (BPE packages are not supported)")
    return _info(meta, path=folder)


def _info(meta: dict, path: Path | None = None) -> PackageInfo:
    version = str(meta.get("package_version", ""))
    code = meta.get("code") or f"translate-{meta['from_code']}_{meta['to_code']}-{version.replace('.', '_')}"
    links = meta.get("links") or []
    return PackageInfo(
        code=str(code), from_code=str(meta["from_code"]), to_code=str(meta["to_code"]),
        version=version, from_name=str(meta.get("from_name", "")), to_name=str(meta.get("to_name", "")),
        path=path, links=tuple(str(x) for x in links if isinstance(x, str)),
        sha256=meta.get("sha256") or meta.get("checksum"),
    )


def list_installed(directory: Path | None = None) -> list[PackageInfo]:
    """Installed packages, sorted by pair; folders that are not valid packages are skipped."""
    directory = directory or models_dir()
    if not directory.is_dir():
        return []
    found = []
    for folder in sorted(directory.iterdir()):
        if folder.is_dir() and not folder.name.startswith("."):
            try:
                found.append(read_metadata(folder))
            except PackageError:
                continue
    return sorted(found, key=lambda p: (p.from_code, p.to_code, p.version, p.code))


# --- installing --------------------------------------------------------------------------------------
def install_archive(archive: Path, directory: Path | None = None) -> PackageInfo:
    """Install one ``.argosmodel`` file atomically; replaces an installed package of the same code."""
    directory = directory or models_dir()
    top = _check_archive(archive)
    directory.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".install-", dir=directory))
    try:
        with zipfile.ZipFile(archive) as zf:
            zf.extractall(staging)
        info = read_metadata(staging / top)
        target = directory / _safe_folder_name(info.code)
        old = None
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=".old-", dir=directory))
            os.replace(target, old / "package")
        try:
            os.replace(staging / top, target)
        except OSError:
            if old is not None:  # put the previous version back
                os.replace(old / "package", target)
            raise
        finally:
            if old is not None:
                shutil.rmtree(old, ignore_errors=True)
        return read_metadata(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _check_archive(archive: Path) -> str:
    """Validate a package zip before anything is written; return its single top folder name."""
    if not archive.is_file():
        raise PackageError(f"{archive}: no such file")
    if not zipfile.is_zipfile(archive):
        raise PackageError(f"{archive.name}: not a zip archive (corrupt or truncated download?)")
    try:
        with zipfile.ZipFile(archive) as zf:
            members = zf.infolist()
            tops = set()
            for member in members:
                name = member.filename
                path = PurePosixPath(name.replace("\\", "/"))
                if name.startswith(("/", "\\")) or path.is_absolute() or (path.parts and ":" in path.parts[0]):
                    raise PackageError(f"{archive.name}: unsafe absolute path {name!r}")
                if ".." in path.parts:
                    raise PackageError(f"{archive.name}: unsafe path {name!r}")
                if stat.S_ISLNK(member.external_attr >> 16):
                    raise PackageError(f"{archive.name}: links are not allowed ({name!r})")
                if path.parts:
                    tops.add(path.parts[0])
            if len(tops) != 1 or not any(m.filename.endswith("/metadata.json") and
                                         len(PurePosixPath(m.filename).parts) == 2 for m in members):
                raise PackageError(f"{archive.name}: not an Argos package (expected one folder with metadata.json)")
            broken = zf.testzip()
            if broken is not None:
                raise PackageError(f"{archive.name}: corrupt member {broken!r}")
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise PackageError(f"{archive.name}: corrupt archive ({exc})") from None
    return tops.pop()


def _safe_folder_name(code: str) -> str:
    cleaned = "".join(c if c.isalnum() or c in "-_." else "_" for c in code).strip(".")
    if not cleaned:
        raise PackageError(f"package code {code!r} is not usable as a folder name")
    return cleaned


def remove(selector: str, directory: Path | None = None) -> list[PackageInfo]:
    """Remove installed packages matching a code (``translate-ro_en-1_9``), a pair (``ro-en``,
    ``ro->en``) or a source language (``ro``: every ``ro->*`` package). Returns what was removed."""
    directory = directory or models_dir()
    selected = [p for p in list_installed(directory) if _matches(p, selector)]
    for package in selected:
        assert package.path is not None
        trash = Path(tempfile.mkdtemp(prefix=".remove-", dir=directory))
        os.replace(package.path, trash / "package")  # vanish at once, delete at leisure
        shutil.rmtree(trash, ignore_errors=True)
    return selected


def _matches(package: PackageInfo, selector: str) -> bool:
    selector = selector.strip().lower()
    pair = selector.replace("->", "-").replace("_", "-").split("-")
    if selector == package.code.lower():
        return True
    if len(pair) == 2 and pair == [package.from_code, package.to_code]:
        return True
    return selector == package.from_code


# --- the index ---------------------------------------------------------------------------------------
def index_url() -> str:
    """``$NORMALIZER_PACKAGE_INDEX`` or Argos' ``$ARGOS_PACKAGE_INDEX`` (a base URL; ``index.json`` is
    appended), else Argos' public index."""
    base = os.environ.get("NORMALIZER_PACKAGE_INDEX") or os.environ.get("ARGOS_PACKAGE_INDEX") or DEFAULT_INDEX
    if base.endswith(".json"):
        return base
    return base.rstrip("/") + "/index.json"


def fetch_index(url: str | None = None, timeout: float = INDEX_TIMEOUT) -> list[PackageInfo]:
    """Read the package index; unusable entries are skipped. Raises ``IndexUnavailable`` with a clear
    message when the index is unreachable, too slow (``timeout`` per read) or not an index."""
    url = url or index_url()
    data = _read_url(url, timeout, MAX_INDEX_BYTES)
    try:
        entries = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise IndexUnavailable(f"the package index at {url} is not JSON") from None
    if not isinstance(entries, list):
        raise IndexUnavailable(f"the package index at {url} is not a list of packages")
    packages = []
    for entry in entries:
        if isinstance(entry, dict) and entry.get("from_code") and entry.get("to_code") \
                and entry.get("type", "translate") == "translate" and entry.get("links"):
            packages.append(_info(entry))
    return sorted(packages, key=lambda p: (p.from_code, p.to_code, p.version, p.code))


def _read_url(url: str, timeout: float, limit: int,
              progress: Callable[[int, int | None], None] | None = None,
              sink: BinaryIO | None = None) -> bytes:
    """Read ``url`` with a time-out on every network read and a size limit; the body is returned,
    or written to ``sink`` (then b"" is returned) so that large packages never sit in memory."""
    if not url.startswith(("http://", "https://", "file://")):
        raise IndexUnavailable(f"unsupported URL {url!r}")
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            total = response.headers.get("Content-Length")
            expected = int(total) if total and total.isdigit() else None
            chunks, size = [], 0
            while True:
                chunk = response.read(256 * 1024)
                if not chunk:
                    break
                size += len(chunk)
                if size > limit:
                    raise IndexUnavailable(f"{url}: larger than {limit // (1024 * 1024)} MB")
                if sink is not None:
                    sink.write(chunk)
                else:
                    chunks.append(chunk)
                if progress is not None:
                    progress(size, expected)
            if expected is not None and size != expected:
                raise IndexUnavailable(f"{url}: download truncated ({size} of {expected} bytes)")
            return b"".join(chunks)
    except IndexUnavailable:
        raise
    except TimeoutError:
        raise IndexUnavailable(f"{url}: no answer within {timeout:g} s") from None
    except urllib.error.HTTPError as exc:
        raise IndexUnavailable(f"{url}: HTTP {exc.code}") from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        if isinstance(reason, TimeoutError):
            raise IndexUnavailable(f"{url}: no answer within {timeout:g} s") from None
        raise IndexUnavailable(f"{url}: unreachable ({reason})") from None


def choose_packages(available: Iterable[PackageInfo], source: str, target: str = "en") -> list[PackageInfo]:
    """The packages that make ``source -> target`` possible: the newest direct package, else a
    pivot pair ``source -> X`` + ``X -> target`` (newest of each). Empty when neither exists."""
    newest: dict[tuple[str, str], PackageInfo] = {}
    for package in available:
        key = (package.from_code, package.to_code)
        if key not in newest or _version_key(package.version) > _version_key(newest[key].version):
            newest[key] = package
    if (source, target) in newest:
        return [newest[(source, target)]]
    for (start, middle), first in sorted(newest.items()):
        if start == source and (middle, target) in newest:
            return [first, newest[(middle, target)]]
    return []


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) if part.isdigit() else 0 for part in version.split("."))


def download_and_install(package: PackageInfo, directory: Path | None = None,
                         timeout: float = INDEX_TIMEOUT,
                         progress: Callable[[int, int | None], None] | None = None) -> PackageInfo:
    """Download one index package (each link in turn), check its checksum when the index gives
    one, and install it. The download goes to a temporary file that is always removed."""
    directory = directory or models_dir()
    directory.mkdir(parents=True, exist_ok=True)
    errors = []
    for link in package.links:
        fd, name = tempfile.mkstemp(prefix=".download-", suffix=".argosmodel", dir=directory)
        try:
            with os.fdopen(fd, "wb") as out:
                _read_url(link, timeout, MAX_PACKAGE_BYTES, progress, sink=out)
            if package.sha256 and _sha256(Path(name)) != package.sha256.lower():
                errors.append(f"{link}: checksum mismatch")
                continue
            return install_archive(Path(name), directory)
        except IndexUnavailable as exc:
            errors.append(str(exc))
        finally:
            os.unlink(name)
    raise PackageError(f"{package.code}: download failed: " + "; ".join(errors or ["no download link"]))


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()
