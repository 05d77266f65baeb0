"""Language-independent merge signals: figures, dates and spellings match across languages."""

from __future__ import annotations

import pytest

from normalizer.signals import date_keys, number_keys, signal_keys, spelling_keys


@pytest.mark.parametrize("text", [
    "4,500 tons a year", "4.500 de tone pe an", "4 500 tonnes par an", "4\u00a0500 tonnes",
    "4500 тонн в год", "4 bin 500 ton", "4 mii 500 de tone",
])
def test_the_same_tonnage_written_in_many_locales_gives_the_same_key(text):
    assert "q:4500t" in number_keys(text)


@pytest.mark.parametrize("text", ["450,000 shells", "450.000 de obuze", "450 000 obus",
                                  "450 000 снарядов"])
def test_thousands_separators_of_any_locale_give_one_number(text):
    assert number_keys(text) == ["n:450000"]


@pytest.mark.parametrize("text", ["5% of GDP", "5 % du PIB", "%5'i", "yüzde 5", "5 la sută",
                                  "5 per cent", "5 Prozent", "5 процентов", "5 proc. PKB"])
def test_percentages_in_many_languages_give_the_same_key(text):
    assert number_keys(text) == ["p:5"]


def test_a_comma_before_fewer_than_three_digits_is_a_decimal_mark():
    assert number_keys("4,5 %") == ["p:4.5"]
    assert number_keys("2.5 million dollars") == ["n:2500000", "q:2500000usd"]


def test_scale_words_multiply_and_a_following_remainder_adds():
    assert number_keys("1,5 milioane de euro") == ["n:1500000", "q:1500000eur"]
    assert number_keys("2 million 300 thousand") == ["n:2300000"]
    assert number_keys("raised 12 million, 300 people") == ["n:12000000", "n:300"]


def test_short_scale_words_do_not_swallow_longer_words():
    assert number_keys("12 miles") == ["n:12"]


def test_four_digit_years_are_years_not_quantities():
    assert number_keys("by 2035, and 2028 at the latest") == ["y:2035", "y:2028"]


def test_small_counts_and_clock_times_are_ignored():
    assert number_keys("sectors 3 and 4, at 14:30") == []


@pytest.mark.parametrize("text", ["on 6 November 2025", "6 noiembrie", "6 ноября", "6. November",
                                  "6 de noviembre", "6 Kasım", "November 6", "Nov. 6",
                                  "6 listopada", "6 листопада"])
def test_day_and_month_in_many_languages_give_the_same_date_key(text):
    assert date_keys(text) == ["d:11-06"]


def test_day_numbers_of_dates_are_not_counted_as_quantities():
    assert signal_keys("On 16 November 2025 they sold 300 tickets") == [
        "d:11-16", "y:2025", "n:300"]


def test_spelling_keys_meet_across_inflections_and_scripts():
    latin = set(spelling_keys("Marka Ruttego"))
    turkish = set(spelling_keys("Rutte'nin"))
    assert "rutte" in latin & turkish
    assert spelling_keys("Рютте") == ["ryutt"]


def test_spelling_keys_ignore_short_words_and_digits():
    assert spelling_keys("a la 2025 de NATO") == ["nato"]
