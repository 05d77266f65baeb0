"""The dictionary-derived Serbian/Croatian vocabulary (normalizer/data/sh_vocabulary.tsv, read by
detect_vocabulary) as evidence between Serbian, Croatian and Bosnian.

The sentences are written for these tests; in each, the listed word is the only one that tells
the eastern standards (Serbian, Bosnian) from the western ones (Croatian, Bosnian).
"""

from __future__ import annotations

import pytest

from normalizer.detect import detect_language
from normalizer.detect_evidence import MARKER_GROUPS, marker_counts, vocabulary_counts

SOUTH_SLAVIC = next(group for group in MARKER_GROUPS if "hr" in group)
# "rumunski" (Romanian; Croatian "rumunjski") is an east word; the ijekavian "posjet" makes the
# sentence Bosnian; without the list the model reads it as Croatian
EAST_SENTENCE = "Rumunski ministar je stigao u posjet."
# "partnerica" (Serbian "partnerka") is a west word; without the list the sentence reads Serbian
WEST_SENTENCE = "Partnerica je potpisala ugovor."

pytestmark = pytest.mark.usefixtures("model_cache")


def test_east_word_votes_serbian_and_bosnian() -> None:
    assert marker_counts(["rumunski"], SOUTH_SLAVIC) == {}
    assert vocabulary_counts(["rumunski"], SOUTH_SLAVIC) == {"sr": 1, "bs": 1}


def test_west_word_votes_croatian_and_bosnian() -> None:
    assert marker_counts(["partnerica"], SOUTH_SLAVIC) == {}
    assert vocabulary_counts(["partnerica"], SOUTH_SLAVIC) == {"hr": 1, "bs": 1}


def test_hand_marker_in_the_list_is_not_counted_twice() -> None:
    # "uslova" (conditions; Croatian "uvjeta") is both listed and a hand-written east marker
    assert marker_counts(["uslova"], SOUTH_SLAVIC) == {"sr": 1, "bs": 1}
    assert vocabulary_counts(["uslova"], SOUTH_SLAVIC) == {}


def test_sentence_whose_only_telling_word_is_listed_east_word_is_not_croatian() -> None:
    assert detect_language(EAST_SENTENCE).code in {"sr", "bs"}


def test_sentence_whose_only_telling_word_is_listed_west_word_is_not_serbian() -> None:
    assert detect_language(WEST_SENTENCE).code in {"hr", "bs"}
