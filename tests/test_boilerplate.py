"""Site-level boilerplate: paragraphs repeated verbatim across pages of one site."""

from __future__ import annotations

import pytest

from normalizer.boilerplate import SiteBoilerplate
from normalizer.extract import Extraction

LIVE_BLOG = "Follow the latest developments in our live blog."
NEWSLETTER = "Sign up for our morning briefing and get the day's top stories first."


def page(url: str, *paragraphs: str, site: str = "harbour-gazette.example") -> Extraction:
    return Extraction(url=url, site=site, text="\n\n".join(paragraphs))


def story(n: int) -> list[str]:
    return [f"Story {n} opens with its own first paragraph about event number {n}.",
            f"Story {n} goes on with a second paragraph that no other page carries."]


def test_paragraph_on_two_pages_of_a_site_is_dropped_from_both():
    pages = [page("https://h.example/1", *story(1), LIVE_BLOG), page("https://h.example/2", *story(2), LIVE_BLOG)]
    cleaned = SiteBoilerplate().clean(pages)
    assert [c.paragraphs for c in cleaned] == [story(1), story(2)]


def test_paragraph_on_one_page_only_is_kept():
    pages = [page("https://h.example/1", *story(1), LIVE_BLOG), page("https://h.example/2", *story(2))]
    cleaned = SiteBoilerplate().clean(pages)
    assert LIVE_BLOG in cleaned[0].paragraphs


def test_whitespace_differences_do_not_hide_a_repetition():
    spaced = LIVE_BLOG.replace(" ", "  ").replace("latest", "latest\n")
    pages = [page("https://h.example/1", *story(1), LIVE_BLOG), page("https://h.example/2", *story(2), spaced)]
    assert [c.paragraphs for c in SiteBoilerplate().clean(pages)] == [story(1), story(2)]


def test_same_paragraph_on_two_different_sites_is_kept():
    pages = [page("https://a.example/1", *story(1), LIVE_BLOG, site="a.example"),
             page("https://b.example/2", *story(2), LIVE_BLOG, site="b.example")]
    cleaned = SiteBoilerplate().clean(pages)
    assert all(LIVE_BLOG in c.paragraphs for c in cleaned)


def test_pages_without_a_site_are_left_alone():
    pages = [page("https://h.example/1", *story(1), LIVE_BLOG, site=None),
             page("https://h.example/2", *story(2), LIVE_BLOG, site=None)]
    assert SiteBoilerplate().clean(pages) == pages


def test_the_same_page_twice_keeps_all_its_paragraphs():
    first = page("https://h.example/1", *story(1), LIVE_BLOG)
    recrawl = page("https://h.example/1", *story(1)[:1], LIVE_BLOG)  # same address, edited text
    cleaned = SiteBoilerplate().clean([first, recrawl])
    assert cleaned == [first, recrawl]


def test_a_mirror_of_the_same_text_at_another_address_keeps_all_its_paragraphs():
    first = page("https://h.example/1", *story(1), LIVE_BLOG)
    mirror = page("https://h.example/amp/1", *story(1), LIVE_BLOG)
    assert SiteBoilerplate().clean([first, mirror]) == [first, mirror]


def test_pages_without_url_are_told_apart_by_their_text():
    pages = [page(None, *story(1), NEWSLETTER), page(None, *story(2), NEWSLETTER)]
    assert [c.paragraphs for c in SiteBoilerplate().clean(pages)] == [story(1), story(2)]


def test_near_duplicate_pages_are_kept_whole_with_a_warning():
    shared = story(1) + story(3)
    pages = [page("https://h.example/1", *shared, "One extra line."), page("https://h.example/2", *shared)]
    cleaned = SiteBoilerplate().clean(pages)
    assert [c.text for c in cleaned] == [p.text for p in pages]
    assert all("near-duplicate" in c.warnings[-1] for c in cleaned)


def test_removal_is_reported_in_the_warnings():
    pages = [page("https://h.example/1", *story(1), LIVE_BLOG), page("https://h.example/2", *story(2), LIVE_BLOG)]
    cleaned = SiteBoilerplate().clean(pages)
    assert cleaned[0].warnings == ["removed 1 paragraph(s) repeated on other pages of harbour-gazette.example"]
    assert pages[0].warnings == []  # inputs are not modified


def test_repetition_seen_in_an_earlier_chunk_is_dropped_from_later_pages():
    boilerplate = SiteBoilerplate()
    boilerplate.clean([page("https://h.example/1", *story(1), LIVE_BLOG), page("https://h.example/2", *story(2), LIVE_BLOG)])
    later = boilerplate.clean([page("https://h.example/3", *story(3), LIVE_BLOG)])
    assert later[0].paragraphs == story(3)


def test_paragraph_seen_once_before_is_dropped_from_the_later_page_only():
    boilerplate = SiteBoilerplate()
    earlier = boilerplate.clean([page("https://h.example/1", *story(1), NEWSLETTER)])
    later = boilerplate.clean([page("https://h.example/2", *story(2), NEWSLETTER)])
    assert NEWSLETTER in earlier[0].paragraphs  # already returned: streaming cannot revise it
    assert later[0].paragraphs == story(2)


def test_memory_is_bounded_and_forgets_the_least_recently_seen():
    boilerplate = SiteBoilerplate(max_entries=3)
    boilerplate.clean([page("https://h.example/1", NEWSLETTER)])
    boilerplate.clean([page("https://h.example/2", *story(2)), page("https://h.example/3", *story(3))])
    assert len(boilerplate) <= 3
    later = boilerplate.clean([page("https://h.example/4", *story(4), NEWSLETTER)])
    assert NEWSLETTER in later[0].paragraphs  # forgotten, so seen once: kept


def test_result_does_not_depend_on_the_order_of_pages_in_a_chunk():
    pages = [page(f"https://h.example/{n}", *story(n), LIVE_BLOG if n % 2 else NEWSLETTER) for n in range(6)]
    forward = SiteBoilerplate().clean(pages)
    backward = SiteBoilerplate().clean(pages[::-1])
    assert [c.text for c in forward] == [c.text for c in backward[::-1]]


def test_same_chunks_give_the_same_output():
    chunks = [[page(f"https://h.example/{n}", *story(n), LIVE_BLOG) for n in range(k, k + 3)] for k in (0, 3)]
    runs = []
    for _ in range(2):
        boilerplate = SiteBoilerplate(max_entries=4)
        runs.append([c.text for chunk in chunks for c in boilerplate.clean(chunk)])
    assert runs[0] == runs[1]


def test_invalid_memory_size_is_refused():
    with pytest.raises(ValueError):
        SiteBoilerplate(max_entries=0)
