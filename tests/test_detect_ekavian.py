"""Ekavian word forms (normalizer/data/ekavian.txt, read by detect_jat) as Serbian evidence.

The sentences are written for these tests; each differs from its twin only in the jat reflex.
"""

from __future__ import annotations

import pytest

from normalizer.detect import detect_language
from normalizer.detect_evidence import MARKER_GROUPS, MARKERS, marker_counts
from normalizer.detect_jat import is_ekavian

SOUTH_SLAVIC = next(group for group in MARKER_GROUPS if "hr" in group)
# "pesnikinja" (poet) is not among the hand-picked Serbian markers; without the list the model
# reads the sentence as Croatian, nothing else in it tells the three languages apart
EKAVIAN = "Mlada pesnikinja je osvojila nagradu za najbolju zbirku."
IJEKAVIAN = "Mlada pjesnikinja je osvojila nagradu za najbolju zbirku."


pytestmark = pytest.mark.usefixtures("model_cache")


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
