"""Shared fixtures: paths of the repository's own data and a way to run the real CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES


@pytest.fixture(scope="module")
def model_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Keep the decompressed detection model out of the user's home: $NORMALIZER_CACHE points at
    a fresh folder for the test module (one cold load per module, shared with the CLI
    subprocesses it runs through the environment). Modules that detect languages use it with
    ``pytestmark = pytest.mark.usefixtures("model_cache")``."""
    previous = os.environ.get("NORMALIZER_CACHE")
    folder = tmp_path_factory.mktemp("detect-cache")
    os.environ["NORMALIZER_CACHE"] = str(folder)
    yield folder
    if previous is None:
        del os.environ["NORMALIZER_CACHE"]
    else:
        os.environ["NORMALIZER_CACHE"] = previous


@pytest.fixture()
def run_cli(tmp_path: Path):
    """Run ``python -m normalizer ARGS`` in a subprocess, as a user would, with models and caches
    pointed at the test's temporary folder so that tests never touch the user's files."""

    def run(*args: str, input: bytes | None = None, timeout: float = 120, env: dict | None = None):
        environment = dict(os.environ)
        environment.setdefault("NORMALIZER_MODELS", str(tmp_path / "models"))
        environment.setdefault("NORMALIZER_CACHE", str(tmp_path / "cache"))
        environment.update(env or {})
        return subprocess.run(
            [sys.executable, "-m", "normalizer", *args],
            input=input,
            capture_output=True,
            check=False,
            timeout=timeout,
            cwd=tmp_path,
            env=environment,
        )

    return run
