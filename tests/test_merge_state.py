"""Incremental merging with a SQLite state, and the outlets table."""

from __future__ import annotations

import json
import sqlite3

import pytest

from merge_corpus import STRIKE, STRIKE_2024, SUMMIT, article, everything, story_of
from normalizer.merge import ArticleFeatures, Story, features_of, merge_stories
from normalizer.outlets import OutletsError
from normalizer.story_state import StateError, StoryState


def as_dicts(stories: list[Story]) -> list[dict]:
    return [story.to_dict() for story in stories]


def test_batches_added_one_by_one_give_the_same_stories_as_one_batch(tmp_path):
    records = everything()
    state = tmp_path / "stories.db"
    for batch in (records[0::3], records[1::3], records[2::3]):
        result = merge_stories(batch, state=state)
    assert as_dicts(result) == as_dicts(merge_stories(records))


def test_a_later_batch_grows_an_existing_story(tmp_path):
    state = tmp_path / "stories.db"
    merge_stories(STRIKE[:2], state=state)
    stories = merge_stories(STRIKE[2:], state=state)
    assert story_of(stories, "strike-en").article_ids == sorted(a.id for a in STRIKE)


def test_stories_older_than_the_window_are_kept_frozen_and_still_listed(tmp_path):
    state = tmp_path / "stories.db"
    merge_stories(STRIKE_2024, state=state)
    with StoryState.open(state, 7.0) as stored:
        active, frozen = stored.split_for(features_of(STRIKE))
    assert active == [] and [story.story_id for story in frozen] == ["story-strike2024-en"]
    stories = merge_stories(STRIKE, state=state)
    assert story_of(stories, "strike2024-en").article_ids == ["strike2024-en"]


def test_resending_an_article_replaces_it_instead_of_duplicating_it(tmp_path):
    state = tmp_path / "stories.db"
    merge_stories(STRIKE, state=state)
    stories = merge_stories(STRIKE[:1], state=state)
    assert sum(story.size for story in stories) == len(STRIKE)


def test_a_file_that_is_not_a_database_is_refused_and_left_untouched(tmp_path):
    state = tmp_path / "stories.db"
    state.write_bytes(b"these are my notes, not a database\n" * 10)
    before = state.read_bytes()
    with pytest.raises(StateError, match="not a story state"):
        merge_stories(STRIKE, state=state)
    assert state.read_bytes() == before


def test_a_truncated_database_is_refused_and_left_untouched(tmp_path):
    state = tmp_path / "stories.db"
    merge_stories(STRIKE, state=state)
    damaged = state.read_bytes()[:1500]
    state.write_bytes(damaged)
    with pytest.raises(StateError):
        merge_stories(SUMMIT, state=state)
    assert state.read_bytes() == damaged


def test_another_programs_sqlite_database_is_refused(tmp_path):
    state = tmp_path / "other.db"
    with sqlite3.connect(state) as connection:
        connection.execute("CREATE TABLE invoices (id INTEGER)")
    with pytest.raises(StateError, match="not a story state"):
        merge_stories(STRIKE, state=state)


def test_a_state_built_with_another_window_is_refused(tmp_path):
    state = tmp_path / "stories.db"
    merge_stories(STRIKE, state=state, window_days=3)
    with pytest.raises(StateError, match="3-day window"):
        merge_stories(SUMMIT, state=state, window_days=7)


def test_a_failed_update_rolls_back_and_keeps_the_previous_state(tmp_path):
    state = tmp_path / "stories.db"
    merge_stories(STRIKE, state=state)
    inconsistent = Story(story_id="story-x", headline=None, article_ids=["not-in-features"],
                         size=1, sites=[], languages={}, entities=[], first_published=None,
                         last_published=None)
    with StoryState.open(state, 7.0) as stored:
        active, _ = stored.split_for(features_of(SUMMIT))
        with pytest.raises(KeyError):
            stored.save(active, [inconsistent])
    with sqlite3.connect(state) as connection:
        count = connection.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    assert count == len(STRIKE)


def test_stored_features_read_back_equal(tmp_path):
    feature = features_of(STRIKE[:1])[0]
    assert ArticleFeatures.from_dict(json.loads(json.dumps(feature.to_dict()))) == feature


# --- outlets -------------------------------------------------------------------------------


def outlet_corpus():
    return [
        article("o-en", "en", "2025-11-03T08:00:00+01:00", "Antwerp dock strike",
                "12,000 dock workers in Antwerp strike for 48 hours; 250 ships wait.",
                ["Antwerp"], english=True, site="www.harbourdaily.example"),
        article("o-fr", "fr", "2025-11-03T09:00:00+01:00", "Grève au port d'Anvers",
                "12 000 dockers en grève pour 48 heures à Anvers ; 250 navires attendent.",
                ["Antwerp"], site="lequai.example"),
        article("o-de", "de", "2025-11-03T10:00:00+01:00", "Streik in Antwerpen",
                "12.000 Hafenarbeiter streiken 48 Stunden in Antwerpen; 250 Schiffe warten.",
                ["Antwerp"], site="news.kaiblatt.example"),
    ]


def test_outlets_csv_adds_country_and_lean_distributions(tmp_path):
    table = tmp_path / "outlets.csv"
    table.write_text("domain,name,country,lean\n"
                     "harbourdaily.example,Harbour Daily,GB,centre\n"
                     "lequai.example,Le Quai,FR,left\n", encoding="utf-8")
    story = merge_stories(outlet_corpus(), outlets=table)[0]
    assert story.size == 3
    assert story.countries == {"FR": 1, "GB": 1, "unknown": 1}
    assert story.leans == {"centre": 1, "left": 1, "unknown": 1}


def test_outlets_json_keyed_by_domain_matches_subdomains_and_accepts_bias(tmp_path):
    table = tmp_path / "outlets.json"
    table.write_text(json.dumps({"kaiblatt.example": {"country": "DE", "bias": "right"}}))
    story = merge_stories(outlet_corpus(), outlets=table)[0]
    assert story.countries == {"unknown": 2, "DE": 1}
    assert story.to_dict()["leans"] == {"unknown": 2, "right": 1}


def test_outlets_file_without_domain_column_is_a_clear_error(tmp_path):
    table = tmp_path / "outlets.csv"
    table.write_text("name,country\nHarbour Daily,GB\n", encoding="utf-8")
    with pytest.raises(OutletsError, match="no domain"):
        merge_stories(outlet_corpus(), outlets=table)
