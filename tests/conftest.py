"""Shared fixtures: paths of the repository's own data and a way to run the real CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES


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
            timeout=timeout,
            cwd=tmp_path,
            env=environment,
        )

    return run
