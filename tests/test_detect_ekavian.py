"""Ekavian word forms (normalizer/data/ekavian.txt, read by detect_jat) as Serbian evidence.

The sentences are written for these tests; each differs from its twin only in the jat reflex.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from normalizer.detect import detect_language
from normalizer.detect_evidence import MARKER_GROUPS, MARKERS, marker_counts
from normalizer.detect_jat import DATA_PATH, is_ekavian

SOUTH_SLAVIC = next(group for group in MARKER_GROUPS if "hr" in group)
# "pesnikinja" (poet) is not among the hand-picked Serbian markers; without the list the model
# reads the sentence as Croatian, nothing else in it tells the three languages apart
EKAVIAN = "Mlada pesnikinja je osvojila nagradu za najbolju zbirku."
IJEKAVIAN = "Mlada pjesnikinja je osvojila nagradu za najbolju zbirku."


pytestmark = pytest.mark.usefixtures("model_cache")


def _data_lines() -> list[str]:
    return DATA_PATH.read_text(encoding="utf-8").splitlines()


def test_ekavian_form_missing_from_hand_list_makes_sentence_serbian() -> None:
    assert "pesnikinja" not in MARKERS["sr"]
    assert detect_language(EKAVIAN).code == "sr"


def test_ijekavian_twin_keeps_sentence_croatian_or_bosnian() -> None:
    assert detect_language(IJEKAVIAN).code in {"hr", "bs"}


def test_inflected_form_with_ele_ilje_reflex_is_serbian_evidence() -> None:
    assert marker_counts(["obeležila"], SOUTH_SLAVIC) == {"sr": 1}


def test_words_valid_in_both_variants_are_not_ekavian() -> None:
    # "veće" larger (vs "vijeće" council), "sela" villages (vs "sjela" sat down), "tek" only
    assert not any(is_ekavian(word) for word in ("veće", "sela", "tek"))


def test_ascii_folded_spelling_is_ekavian() -> None:
    assert is_ekavian("obelezila")


def test_data_file_is_sorted_without_duplicates() -> None:
    forms = [line for line in _data_lines() if not line.startswith("#")]
    assert forms == sorted(set(forms))


def test_data_file_header_names_sources_and_licence() -> None:
    header = "\n".join(line for line in _data_lines() if line.startswith("#"))
    assert "dictionary-sr-latn 3.0.2" in header
    assert "dictionary-hr 2.0.0" in header
    assert "LGPL-2.1" in header


def test_list_is_read_only_when_a_latin_south_slavic_word_needs_it() -> None:
    script = (
        "import normalizer.detect\n"
        "from normalizer.detect_evidence import MARKER_GROUPS, marker_counts\n"
        "from normalizer.detect_jat import ekavian_forms\n"
        "group = next(g for g in MARKER_GROUPS if 'hr' in g)\n"
        "loaded = lambda: ekavian_forms.cache_info().currsize\n"
        "before = loaded()\n"
        "marker_counts(['жители', 'района'], group)\n"
        "cyrillic = loaded()\n"
        "marker_counts(['prosvete'], group)\n"
        "print(before, cyrillic, loaded())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["0", "0", "1"]
