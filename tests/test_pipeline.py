"""The Python API of the whole pipeline: normalize / normalize_many."""

from __future__ import annotations

from pathlib import Path

import pytest

import normalizer
from normalizer.record import Article
from pages import ENGLISH_PAGE, ENGLISH_PARAGRAPHS, ROMANIAN_PAGE, outlet_page


@pytest.fixture()
def no_models(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty translation-package folder and cache, so no test depends on the user's setup."""
    models = tmp_path / "models"
    models.mkdir()
    monkeypatch.setenv("NORMALIZER_MODELS", str(models))
    monkeypatch.setenv("NORMALIZER_CACHE", str(tmp_path / "cache"))
    return models


def test_normalize_extracts_the_body_and_detects_english(no_models: Path) -> None:
    article = normalizer.normalize(ENGLISH_PAGE, url="https://harbour.example/terminal")
    assert isinstance(article, Article)
    assert article.error is None
    assert article.language.code == "en"
    assert ENGLISH_PARAGRAPHS[1] in article.text
    assert "cookies" not in article.text and "morning briefing" not in article.text
    assert article.site == "harbour.example"


def test_english_articles_skip_translation_and_keep_their_text(no_models: Path) -> None:
    article = normalizer.normalize(ENGLISH_PAGE, url="https://harbour.example/terminal")
    assert article.translation.status == "not_needed"
    assert article.title_en is not None and "terminal" in article.title_en.lower()
    assert ENGLISH_PARAGRAPHS[0].split(",")[0] in (article.text_en or "")


def test_a_run_restricted_to_other_languages_still_knows_target_language_pages(no_models: Path) -> None:
    article = normalizer.normalize(ENGLISH_PAGE, url="https://harbour.example/terminal", languages=["ro", "fr"])
    assert (article.language.code, article.translation.status) == ("en", "not_needed")


def test_a_page_outside_the_restricted_languages_is_undetermined_not_mistranslated(no_models: Path) -> None:
    article = normalizer.normalize(ROMANIAN_PAGE, url="https://port.example/ro", languages=["fr", "de"])
    assert article.language.code == "und"
    assert article.translation.status == "unavailable"


def test_translate_false_marks_translation_disabled(no_models: Path) -> None:
    article = normalizer.normalize(ROMANIAN_PAGE, url="https://port.example/ro", translate=False)
    assert article.translation.status == "disabled"
    assert article.text_en is None
    assert article.language.code == "ro"


def test_a_missing_package_leaves_the_article_untranslated_but_complete(no_models: Path) -> None:
    article = normalizer.normalize(ROMANIAN_PAGE, url="https://port.example/ro")
    assert article.error is None
    assert article.translation.status == "unavailable"
    assert "normalizer models install" in (article.translation.detail or "")
    assert article.text_en is None
    assert article.language.code == "ro"
    assert any(entity.canonical == "Helena Castor" for entity in article.entities)


@pytest.mark.parametrize("bad", [b"", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "   ", b"\x89PNG\r\n\x1a\n\x00\x00"])
def test_normalize_never_raises_on_bad_input(no_models: Path, bad: bytes | str) -> None:
    article = normalizer.normalize(bad)
    assert isinstance(article, Article)
    assert article.error is not None or article.warnings
    assert article.text == "" or article.error is None


def test_normalize_many_yields_one_record_per_item_in_input_order(no_models: Path) -> None:
    items = [
        ("https://harbour.example/1", ENGLISH_PAGE),
        {"url": "https://harbour.example/2", "html": b"<html><body><p>x</p>"},
        42,
        {"url": "https://harbour.example/4"},
        ENGLISH_PAGE.replace("Valmont", "Portmere").encode("utf-8"),
    ]
    articles = list(normalizer.normalize_many(items, translate=False))
    assert len(articles) == len(items)
    assert articles[0].url == "https://harbour.example/1" and articles[0].error is None
    assert articles[2].error is not None and "unsupported item" in articles[2].error.message
    assert articles[3].error is not None and articles[3].url == "https://harbour.example/4"
    assert "Portmere" in articles[4].text


def test_ids_are_stable_across_runs_and_differ_between_pages(no_models: Path) -> None:
    first = [a.id for a in normalizer.normalize_many([("https://a.example/1", ENGLISH_PAGE), ENGLISH_PAGE], translate=False)]
    second = [a.id for a in normalizer.normalize_many([("https://a.example/1", ENGLISH_PAGE), ENGLISH_PAGE], translate=False)]
    assert first == second
    assert first[0] != first[1]


def test_workers_give_the_same_records_as_a_single_process(no_models: Path) -> None:
    items = [(f"https://harbour.example/{i}", ENGLISH_PAGE.replace("Valmont", name))
             for i, name in enumerate(["Valmont", "Portmere", "Kestrel Bay", "Oldhaven"])]
    items.append(("https://harbour.example/bad", b"\x00\x01\x02"))
    single = [a.to_dict() for a in normalizer.normalize_many(items, workers=1, translate=False)]
    parallel = [a.to_dict() for a in normalizer.normalize_many(items, workers=2, translate=False, chunk_size=2)]
    assert single == parallel


def test_a_single_process_emits_a_chunk_before_reading_the_next(no_models: Path) -> None:
    consumed: list[int] = []

    def pages():
        for i in range(4):
            consumed.append(i)
            yield (f"https://harbour.example/{i}", ENGLISH_PAGE)

    first = next(normalizer.normalize_many(pages(), translate=False, chunk_size=2))
    assert first.error is None
    assert consumed == [0, 1]


def test_a_run_collects_garbage_less_often_and_restores_the_collector_after(no_models: Path) -> None:
    import gc

    before = gc.get_threshold()
    records = normalizer.normalize_many([ENGLISH_PAGE, ENGLISH_PAGE], translate=False, chunk_size=1)
    next(records)
    during = gc.get_threshold()
    list(records)
    assert during[0] > before[0]
    assert gc.get_threshold() == before


def test_workers_below_one_are_refused(no_models: Path) -> None:
    with pytest.raises(ValueError, match="workers"):
        list(normalizer.normalize_many([ENGLISH_PAGE], workers=0))


def test_a_paragraph_repeated_on_every_page_of_a_site_is_dropped(no_models: Path) -> None:
    promo = "Follow the Harbour Gazette on every social network for live updates from the port."
    pages = [
        (f"https://harbour.example/{i}", outlet_page(title, paragraphs + [promo]))
        for i, (title, paragraphs) in enumerate([
            ("Valmont container terminal delayed until spring", ENGLISH_PARAGRAPHS),
            ("Ferry operator adds a night crossing", [
                "The ferry operator serving Valmont will add a night crossing from December, the company said on Monday.",
                "Tickets for the new service go on sale next week and cost the same as the existing evening departure.",
                "Passenger groups welcomed the change but asked for better lighting on the quay where the night ferry docks.",
            ]),
        ])
    ]
    articles = list(normalizer.normalize_many(pages, translate=False))
    assert all(promo not in article.text for article in articles)
    assert ENGLISH_PARAGRAPHS[2] in articles[0].text


def test_options_are_checked(no_models: Path) -> None:
    with pytest.raises(TypeError):
        normalizer.normalize(ENGLISH_PAGE, no_such_option=True)
