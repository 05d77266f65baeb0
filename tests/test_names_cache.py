"""The gazetteer's disk cache: built indexes are kept under $NORMALIZER_CACHE and read back by
later processes; the cache may make a gazetteer faster to load, never different."""

from __future__ import annotations

from pathlib import Path

import pytest

from normalizer.names_lexicon import Gazetteer


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("NORMALIZER_CACHE", str(folder))
    return folder


def _built_without_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, alias_file: Path | None = None) -> Gazetteer:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("NORMALIZER_CACHE", str(blocker))
    return Gazetteer(alias_file)


def _contents(gazetteer: Gazetteer, langs: tuple[str, ...] = ("de", "en")) -> tuple:
    return (gazetteer.aliases, gazetteer.places, gazetteer.demonyms,
            [gazetteer._cldr_index(lang) for lang in langs])


def test_a_gazetteer_read_from_the_cache_equals_a_built_one(cache: Path, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    _contents(Gazetteer())  # builds and writes
    from_cache = _contents(Gazetteer())
    assert from_cache == _contents(_built_without_cache(monkeypatch, tmp_path))


def test_built_indexes_are_written_to_the_cache(cache: Path) -> None:
    Gazetteer()._cldr_index("de")
    (folder,) = cache.glob("names-gazetteer-*")
    assert sorted(p.name for p in folder.iterdir()) == ["base.json", "cldr-de.json"]


def test_a_cache_that_cannot_be_written_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gazetteer = _built_without_cache(monkeypatch, tmp_path)
    assert gazetteer.knows("Bukarest", "de") and gazetteer.knows("OTAN", "fr")
    assert not gazetteer.knows("Kaffeetasse", "de")


def test_a_damaged_cache_file_is_built_again(cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    Gazetteer()._cldr_index("de")
    (folder,) = cache.glob("names-gazetteer-*")
    (folder / "base.json").write_text('{"format": 1, "known": [["x"]]}')
    (folder / "cldr-de.json").write_text("not json")
    repaired = _contents(Gazetteer())
    assert repaired == _contents(_built_without_cache(monkeypatch, tmp_path))


def test_an_edited_alias_file_is_not_answered_from_an_older_cache(cache: Path, tmp_path: Path) -> None:
    aliases = tmp_path / "aliases.toml"
    aliases.write_text('[aliases."Zorblax Quimby"]\ntype = "PER"\nvariants = ["Zorblax"]\n')
    assert Gazetteer(aliases).knows("Zorblax", "en")
    aliases.write_text('[aliases."Quimby Zorblax"]\ntype = "PER"\nvariants = ["Quimbo"]\n')
    edited = Gazetteer(aliases)
    assert edited.knows("Quimbo", "en") and not edited.knows("Zorblax", "en")
