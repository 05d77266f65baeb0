"""The installed environment: what a fresh `make test` must give every user."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("torch", "spacy", "stanza", "trafilatura", "sklearn", "ctranslate2")


def loaded_modules(code: str) -> set[str]:
    script = f"import sys, json\n{code}\nprint(json.dumps(sorted(m.split('.')[0] for m in sys.modules)))"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return set(json.loads(result.stdout.strip().splitlines()[-1]))


def test_trafilatura_imports_and_extracts_in_the_installed_environment() -> None:
    # lxml >= 6 dropped the html_clean extra jusText needs: without lxml_html_clean installed,
    # trafilatura fails on import or first use ("lxml.html.clean module is now a separate project").
    import trafilatura

    page = "<html><body><article>" + "<p>The quick brown fox jumps over the lazy dog near the river bank today.</p>" * 5 + "</article></body></html>"
    assert "quick brown fox" in (trafilatura.extract(page) or "")


def test_importing_the_package_and_its_cli_loads_no_heavy_library() -> None:
    loaded = loaded_modules("import normalizer, normalizer.cli")
    assert not loaded & set(HEAVY), loaded & set(HEAVY)


def test_help_runs_as_a_console_command() -> None:
    result = subprocess.run([sys.executable, "-m", "normalizer", "--help"], capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert "convert" in result.stdout and "Example" in result.stdout


def test_an_unknown_option_is_a_usage_error_without_traceback() -> None:
    result = subprocess.run([sys.executable, "-m", "normalizer", "--frobnicate"], capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert "No such option" in result.stderr and "Traceback" not in result.stderr


def test_every_public_name_of_the_api_resolves() -> None:
    import normalizer

    for name in normalizer.__all__:
        assert getattr(normalizer, name) is not None, name
    assert callable(normalizer.names.group_variants)
