"""The article record's JSON form."""

from __future__ import annotations

import dataclasses
import json

from normalizer.record import (
    Article,
    Entity,
    ErrorInfo,
    LanguageInfo,
    Mention,
    TranslationInfo,
)


def full_article() -> Article:
    return Article(
        id="0123456789abcdef",
        url="https://example.org/a",
        site="example.org",
        title="Rutte in Bucharest",
        title_en="Rutte in Bucharest",
        authors=["Ana Pop"],
        published="2025-11-04",
        language=LanguageInfo(code="ro", confidence=0.97, hint="ro", shares={"ro": 0.9, "en": 0.1},
                              paragraphs=["ro", "en"], title="ro"),
        text="Mark Rutte a sosit.\n\nHe spoke.",
        text_en=None,
        translation=TranslationInfo(status="unavailable", detail="no package"),
        entities=[Entity("Mark Rutte", "PER", 1, [Mention("Mark Rutte", "text", 0, 10)])],
        error=ErrorInfo("translate", "boom"),
        warnings=["a warning"],
    )


def test_to_dict_is_what_dataclasses_asdict_gives_in_the_same_key_order():
    article = full_article()
    assert json.dumps(article.to_dict()) == json.dumps(dataclasses.asdict(article))


def test_to_dict_copies_containers_so_the_record_cannot_be_changed_through_it():
    article = full_article()
    record = article.to_dict()
    record["authors"].append("someone")
    record["language"]["shares"]["fr"] = 1.0
    record["entities"][0]["mentions"].clear()
    assert article.authors == ["Ana Pop"]
    assert article.language.shares == {"ro": 0.9, "en": 0.1}
    assert len(article.entities[0].mentions) == 1


def test_to_dict_round_trips_through_from_dict():
    article = full_article()
    assert Article.from_dict(article.to_dict()) == article
