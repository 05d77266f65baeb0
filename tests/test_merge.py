"""merge_stories: grouping, keeping apart, story fields, bad input."""

from __future__ import annotations

import random

from merge_corpus import STRIKE, STRIKE_2024, SUMMIT, article, everything, story_of
from normalizer.merge import average_linkage, merge_stories


def ids(articles) -> list[str]:
    return sorted(a.id for a in articles)


def test_same_event_in_four_languages_forms_one_story_even_untranslated():
    stories = merge_stories(everything())
    assert story_of(stories, "strike-en").article_ids == ids(STRIKE)


def test_same_person_on_another_subject_the_same_week_is_another_story():
    stories = merge_stories(everything())
    assert story_of(stories, "summit-en").article_ids == ids(SUMMIT)


def test_same_kind_of_event_a_year_earlier_stays_outside_the_window():
    stories = merge_stories(everything())
    assert story_of(stories, "strike2024-en").article_ids == ["strike2024-en"]


def test_a_window_wide_enough_lets_last_years_article_join():
    stories = merge_stories(STRIKE + STRIKE_2024, window_days=400)
    assert "strike2024-en" in story_of(stories, "strike-en").article_ids


def test_story_record_describes_its_coverage():
    story = story_of(merge_stories(everything()), "strike-en")
    assert story.size == 4
    assert story.headline == "Antwerp dockers walk out for 48 hours over pension plan"
    assert story.languages == {"de": 1, "en": 1, "fr": 1, "nl": 1}
    assert story.sites == sorted(a.site for a in STRIKE)
    assert story.first_published == "2025-11-03T08:10:00+01:00"
    assert story.last_published == "2025-11-04T07:45:00+01:00"
    assert story.entities[:2] == [{"canonical": "Antwerp", "count": 3},
                                  {"canonical": "Bart De Wever", "count": 3}]
    assert story.story_id == "story-strike-en"  # from the earliest article
    assert story.unmerged is None


def test_story_to_dict_has_the_contract_fields():
    data = merge_stories(STRIKE)[0].to_dict()
    for name in ("story_id", "headline", "article_ids", "size", "sites", "languages",
                 "entities", "first_published", "last_published"):
        assert name in data
    assert "countries" not in data  # only with an outlets table


def test_result_does_not_depend_on_input_order():
    records = everything()
    shuffled = records[:]
    random.Random(3).shuffle(shuffled)
    first = [s.to_dict() for s in merge_stories(records)]
    assert [s.to_dict() for s in merge_stories(shuffled)] == first


def test_stories_are_sorted_largest_first():
    sizes = [s.size for s in merge_stories(everything())]
    assert sizes == sorted(sizes, reverse=True)


def test_dicts_and_articles_give_the_same_stories():
    as_dicts = [a.to_dict() for a in everything()]
    assert ([s.to_dict() for s in merge_stories(as_dicts)]
            == [s.to_dict() for s in merge_stories(everything())])


def test_old_schema_record_without_text_en_or_language_object_still_merges():
    old = {"id": "old-en", "url": "https://old.example/1", "language": "en",
           "title": "Antwerp dockers strike for 48 hours, 250 ships wait",
           "published": "2025-11-03T12:00:00+01:00",
           "text": "12,000 dock workers in Antwerp began a 48-hour strike on 3 November against "
                   "Bart De Wever's pension reform; 250 ships wait and 35% of traffic goes to "
                   "Rotterdam.",
           "entities": [{"canonical": "Antwerp"}, {"canonical": "Bart De Wever"},
                        {"canonical": "Rotterdam"}]}
    stories = merge_stories([a.to_dict() for a in STRIKE] + [old])
    assert "old-en" in story_of(stories, "strike-en").article_ids


def test_record_without_text_or_entities_is_listed_as_unmerged():
    empty = article("empty", "en", "2025-11-03T10:00:00+01:00", "", "", [])
    empty.title = None
    story = story_of(merge_stories(STRIKE + [empty]), "empty")
    assert story.article_ids == ["empty"]
    assert story.unmerged is not None and "no body text" in story.unmerged


def test_a_page_without_body_does_not_join_a_story_through_its_title():
    strike_places = sorted({e.canonical for a in STRIKE for e in a.entities})
    section_front = article("front", "en", STRIKE[0].published, " ".join(strike_places[:2]), "",
                            strike_places[:2], english=True)
    story = story_of(merge_stories(STRIKE + [section_front]), "front")
    assert story.article_ids == ["front"]
    assert story.unmerged is not None


def test_failed_record_is_listed_with_its_error():
    failed = {"id": "broken", "url": "https://x.example/404",
              "error": {"stage": "extract", "message": "no article text found"}}
    story = story_of(merge_stories([failed]), "broken")
    assert story.unmerged == "failed at extract: no article text found"


def test_record_with_an_error_but_usable_content_is_merged_with_a_note():
    partial = STRIKE[1].to_dict() | {"id": "partial", "error": {"stage": "translate",
                                                                "message": "model missing"}}
    story = story_of(merge_stories(STRIKE + [partial]), "partial")
    assert "strike-en" in story.article_ids
    assert any("partial" in note and "translate" in note for note in story.notes)


def test_record_without_date_is_merged_and_noted():
    undated = STRIKE[1].to_dict() | {"id": "undated", "published": None}
    story = story_of(merge_stories(STRIKE + [undated]), "undated")
    assert "strike-en" in story.article_ids
    assert any("undated" in note and "no publication date" in note for note in story.notes)


def test_duplicate_id_is_merged_once_and_reported():
    duplicate = STRIKE[0].to_dict()
    stories = merge_stories(STRIKE + [duplicate])
    story = story_of(stories, "strike-en")
    assert sum(s.size for s in stories) == len(STRIKE)
    assert any("repeats article id strike-en" in note for note in story.notes)


def test_malformed_record_becomes_an_unmerged_story_without_stopping_the_batch():
    malformed = {"id": "weird", "published": 20251103, "title": 5}
    stories = merge_stories(STRIKE + [malformed])
    assert story_of(stories, "weird").unmerged.startswith("unreadable record")
    assert story_of(stories, "strike-en").size == len(STRIKE)


def test_empty_input_gives_no_stories():
    assert merge_stories([]) == []


def test_average_linkage_keeps_two_groups_joined_by_one_strong_pair_apart():
    clique_a = [(0, 1, 0.9), (0, 2, 0.9), (1, 2, 0.9)]
    clique_b = [(3, 4, 0.9), (3, 5, 0.9), (4, 5, 0.9)]
    bridge = [(2, 3, 0.8)]
    assert average_linkage(6, clique_a + clique_b + bridge, 0.3) == [[0, 1, 2], [3, 4, 5]]


def test_average_linkage_leaves_unrelated_items_alone():
    assert average_linkage(3, [(0, 1, 0.05)], 0.2) == [[0], [1], [2]]


def test_blockwise_pair_scoring_finds_exactly_the_pairs_of_a_full_comparison():
    import numpy as np

    from normalizer.merge import CHANNEL_WEIGHTS, _Channels, _scored_pairs, features_of

    copies = []
    for week in range(60):  # 420 articles over more than a year: several blocks and windows
        for original in everything():
            data = original.to_dict()
            data["id"] = f"w{week:02d}-{original.id}"
            if data["published"]:
                data["published"] = f"2023-{1 + week // 5:02d}-{1 + 5 * (week % 5):02d}T10:00:00"
            copies.append(data)
    features = features_of(copies)
    channels = _Channels(features, dict(CHANNEL_WEIGHTS))
    found = {(min(i, j), max(i, j)): s for i, j, s in _scored_pairs(features, channels, 7.0)}
    everything_at_once = channels.scores(np.arange(len(features)), np.arange(len(features)))
    days = np.array([f.day for f in features])
    expected = {(i, j): everything_at_once[i, j]
                for i in range(len(features)) for j in range(i + 1, len(features))
                if abs(days[i] - days[j]) <= 7.0 and everything_at_once[i, j] >= 0.05}
    assert found.keys() == expected.keys()
    assert all(abs(found[pair] - expected[pair]) < 1e-9 for pair in expected)
