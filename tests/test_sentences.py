"""Sentence splitting before translation: what must stay in one sentence, and nothing lost."""

from __future__ import annotations

import pytest

from normalizer.sentences import split_sentences


def test_splits_a_paragraph_at_sentence_ends() -> None:
    text = "Podul va fi gata în mai. Lucrările au început ieri! Cine plătește?"
    assert split_sentences(text, "ro") == [
        "Podul va fi gata în mai.", "Lucrările au început ieri!", "Cine plătește?"]


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Output rose to 4,500 tonnes, or 5.5% more than in 2024."),
    ("ro", "Producția a crescut la 4.500 de tone, adică 5,5% mai mult."),
    ("de", "Die Produktion stieg um 5,5 % auf 4.500 Tonnen."),
])
def test_numbers_with_separators_stay_in_one_sentence(lang: str, text: str) -> None:
    assert split_sentences(text, lang) == [text]


@pytest.mark.parametrize(("lang", "text"), [
    ("ro", "Dl. Popescu a vorbit cu I. Ionescu despre buget."),
    ("fr", "M. Rutte a rencontré Mme Dupont à Bucarest."),
    ("pl", "Według dr. Kowalskiego produkcja wzrosła o 4,5 tys. ton rocznie."),
    ("en", "Mr. Rutte met J. R. Smith in Bucharest."),
])
def test_abbreviations_and_initials_do_not_end_a_sentence(lang: str, text: str) -> None:
    assert split_sentences(text, lang) == [text]


def test_a_closing_quote_stays_with_its_sentence() -> None:
    text = "Președintele a declarat: „Suntem pregătiți.” Ministrul a confirmat."
    assert split_sentences(text, "ro") == [
        "Președintele a declarat: „Suntem pregătiți.”", "Ministrul a confirmat."]


def test_no_text_is_lost_only_whitespace_is_collapsed() -> None:
    text = "Prima  propoziție. \n A doua propoziție!   Și a treia"
    assert " ".join(split_sentences(text, "ro")) == " ".join(text.split())


def test_empty_and_blank_text_give_no_sentences() -> None:
    assert split_sentences("", "ro") == []
    assert split_sentences(" \n\t ", "ro") == []


def test_unknown_language_code_still_splits() -> None:
    assert split_sentences("One. Two.", "xx") == ["One.", "Two."]
