"""The sample corpus (samples/pages + samples/gold.jsonl) is complete, consistent and up to date.

Every other stage is scored against this gold, so the gold must be true of the pages: the
sentences it says must be extracted really are on the page and in the body, the boilerplate it
says must be dropped really is on the page and not in the body, and the committed files are what
`samples/build.py` renders from the sources today.

The page text is computed here independently of build.py (regex tag stripping instead of its
HTML parser), so a mistake in the renderer's notion of "visible" cannot hide itself.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
import tomllib
from collections import Counter, defaultdict
from datetime import datetime
from functools import cache
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
BUILD = SAMPLES / "build.py"

STORIES = {"nato-ammo", "rutte-other", "bucharest-local", "unrelated"}
REQUIRED_LANGUAGES = {"en", "ro", "fr", "de", "ru", "uk", "pl", "es", "it", "tr"}
KNOWN_LANGUAGES = REQUIRED_LANGUAGES | {"hu", "bg", "nl", "pt", "cs", "sk", "el", "sv"}
KINDS = {"article", "section", "error", "paywall"}
ENTITY_TYPES = {"PER", "LOC", "ORG", "MISC"}
REQUIRED_KEYS = {
    "file": str, "url": str, "site": str, "template": str, "encoding": str, "declared_charset": str,
    "kind": str, "language": str, "title": str, "authors": list, "body": list, "must_appear": list,
    "boilerplate": list, "entities": list,
}


@cache
def gold() -> list[dict]:
    lines = (SAMPLES / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@cache
def sites() -> dict[str, dict]:
    return tomllib.loads((SAMPLES / "src" / "sites.toml").read_text(encoding="utf-8"))["sites"]


def squash(text: str) -> str:
    return " ".join(text.split())


@cache
def page_text(file: str, encoding: str) -> str:
    """What a reader sees: decode with the true encoding, drop head/script/style/noscript and
    comments, turn every tag into a space, unescape entities, collapse whitespace."""
    markup = (SAMPLES / file).read_bytes().decode(encoding)
    markup = re.sub(r"<!--.*?-->", " ", markup, flags=re.DOTALL)
    for hidden in ("head", "script", "style", "noscript"):
        markup = re.sub(rf"<{hidden}\b.*?</{hidden}\s*>", " ", markup, flags=re.DOTALL | re.IGNORECASE)
    return squash(html.unescape(re.sub(r"<[^>]+>", " ", markup)))


def text_of(line: dict) -> str:
    return page_text(line["file"], line["encoding"])


def articles() -> list[dict]:
    return [line for line in gold() if line["kind"] == "article"]


def ids(lines: list[dict]) -> list[str]:
    return [line["file"] for line in lines]


# ------------------------------------------------------------------------------- pages <-> gold


def test_every_page_has_exactly_one_gold_line_and_every_gold_line_a_page():
    files = Counter(line["file"] for line in gold())
    assert [f for f, n in files.items() if n > 1] == []
    pages = {f"pages/{p.name}" for p in (SAMPLES / "pages").glob("*.html")}
    assert pages == set(files)


def test_gold_is_sorted_by_file():
    assert ids(gold()) == sorted(ids(gold()))


# ------------------------------------------------------------------------------- well-formed gold


@pytest.mark.parametrize("line", gold(), ids=ids(gold()))
def test_gold_line_has_required_keys_with_their_types(line):
    for key, kind in REQUIRED_KEYS.items():
        assert isinstance(line.get(key), kind), key
    assert all(isinstance(x, str) and x.strip() for x in line["body"] + line["must_appear"] + line["boilerplate"])
    assert line["kind"] in KINDS
    assert line["site"] in sites()
    assert line["language"] == sites()[line["site"]]["language"]


@pytest.mark.parametrize("line", gold(), ids=ids(gold()))
def test_gold_line_uses_known_language_story_and_iso_date(line):
    assert line["language"] in KNOWN_LANGUAGES
    if line["kind"] == "article":
        assert line["story"] in STORIES
        datetime.fromisoformat(line["published"])
    else:
        assert line["story"] is None
        assert line["published"] is None or datetime.fromisoformat(line["published"])


@pytest.mark.parametrize("line", gold(), ids=ids(gold()))
def test_entities_have_canonical_form_type_and_surface_forms(line):
    for entity in line["entities"]:
        assert entity["canonical"].strip()
        assert entity["type"] in ENTITY_TYPES
        assert entity["surface"] and all(isinstance(s, str) and s.strip() for s in entity["surface"])
        assert len(set(entity["surface"])) == len(entity["surface"]), entity["canonical"]


def test_articles_have_a_body_and_three_or_four_must_appear_sentences():
    for line in articles():
        assert len(line["body"]) >= 5, line["file"]
        assert 3 <= len(line["must_appear"]) <= 4, line["file"]


@pytest.mark.parametrize("line", articles(), ids=ids(articles()))
def test_must_appear_entries_are_distinct_full_sentences(line):
    sentences = line["must_appear"]
    assert len(set(sentences)) == len(sentences)
    for sentence in sentences:
        assert len(sentence.split()) >= 5, sentence
        assert sentence[0].isupper() or sentence[0].isdigit() or sentence[0] in "\"'«„“‘(–—-¿¡", sentence
        assert re.search(r"[.!?…][\"'»”“’)]*$", sentence), sentence
        assert sentence.count("«") == sentence.count("»"), f"piece of a quotation: {sentence}"
        if "„" in sentence or "”" in sentence:
            assert sentence.count("„") + sentence.count("“") >= sentence.count("”"), f"piece of a quotation: {sentence}"


def test_non_article_pages_have_no_story_body_or_must_appear():
    others = [line for line in gold() if line["kind"] != "article"]
    assert {line["kind"] for line in others} == {"section", "error", "paywall"}
    for line in others:
        assert (line["story"], line["body"], line["must_appear"]) == (None, [], []), line["file"]


# ------------------------------------------------------------------------------- gold true of the pages


@pytest.mark.parametrize("line", gold(), ids=ids(gold()))
def test_page_decodes_strictly_with_its_gold_encoding_and_declares_its_gold_charset(line):
    raw = (SAMPLES / line["file"]).read_bytes()
    raw.decode(line["encoding"])  # raises on a wrong encoding
    declared = re.search(rb'<meta[^>]*charset="?([A-Za-z0-9_-]+)', raw, flags=re.IGNORECASE)
    assert declared and declared.group(1).decode().lower() == line["declared_charset"].lower()


@pytest.mark.parametrize("line", gold(), ids=ids(gold()))
def test_title_is_shown_on_the_page(line):
    assert squash(line["title"]) in text_of(line)


@pytest.mark.parametrize("line", articles(), ids=ids(articles()))
def test_must_appear_sentences_are_on_the_page_and_in_the_body(line):
    body = squash(" ".join(line["body"]))
    for sentence in line["must_appear"]:
        assert squash(sentence) in text_of(line), sentence
        assert squash(sentence) in body, sentence


@pytest.mark.parametrize("line", articles(), ids=ids(articles()))
def test_body_paragraphs_are_on_the_page(line):
    for paragraph in line["body"]:
        assert squash(paragraph) in text_of(line), paragraph


@pytest.mark.parametrize("line", gold(), ids=ids(gold()))
def test_entity_surface_forms_are_on_the_page_and_in_the_article_text(line):
    article_text = squash(" ".join([line["title"], *line["body"]]))
    for entity in line["entities"]:
        for surface in entity["surface"]:
            assert surface in text_of(line), f"{entity['canonical']}: {surface!r} not on the page"
            if line["kind"] == "article":
                assert surface in article_text, f"{entity['canonical']}: {surface!r} not in title/body"


@pytest.mark.parametrize("line", gold(), ids=ids(gold()))
def test_boilerplate_is_on_the_page_but_not_in_the_body(line):
    body = squash(" ".join(line["body"]))
    assert line["boilerplate"], "every page shows some boilerplate"
    for text in line["boilerplate"]:
        assert len(text.split()) >= 4, text
        assert squash(text) in text_of(line), text
        assert squash(text) not in body, text


@pytest.mark.parametrize("line", articles(), ids=ids(articles()))
def test_article_boilerplate_covers_banner_newsletter_ad_footer_related_and_comments(line):
    site = sites()[line["site"]]
    source = tomllib.loads((SAMPLES / "src" / "articles" / f"{Path(line['file']).stem}.toml").read_text("utf-8"))
    expected = [site[key] for key in ("cookie_text", "newsletter_prompt", "ad_notice", "footer_legal")]
    expected += [title for title in source.get("related", []) if len(title.split()) >= 4]
    expected += [c["text"] for c in source.get("comments", []) if len(c["text"].split()) >= 4]
    assert [squash(text) for text in expected if squash(text) not in line["boilerplate"]] == []


def test_site_level_repeated_paragraph_is_in_every_article_of_its_site_and_marked_boilerplate():
    repeated = {domain: s["repeated_paragraph"] for domain, s in sites().items() if s.get("repeated_paragraph")}
    assert len(repeated) >= 3
    for line in articles():
        if line["site"] in repeated:
            assert repeated[line["site"]] in text_of(line), line["file"]
            assert repeated[line["site"]] in line["boilerplate"], line["file"]


@pytest.mark.parametrize("line", gold(), ids=ids(gold()))
def test_page_carries_the_furniture_of_a_real_news_page(line):
    raw = (SAMPLES / line["file"]).read_bytes().decode(line["encoding"])
    layout = "<table" if line["template"] == "legacy" else "<footer"
    for marker in ("application/ld+json", 'property="og:title"', 'name="twitter:card"', 'rel="canonical"',
                   "<script", "<style", "<nav" if line["template"] != "legacy" else "<marquee", layout):
        assert marker in raw, marker


# ------------------------------------------------------------------------------- issue 3 floors


def test_corpus_has_at_least_36_pages():
    assert len(gold()) >= 36


def test_corpus_covers_the_ten_required_languages():
    assert {line["language"] for line in gold()} >= REQUIRED_LANGUAGES


def test_four_stories_each_covered_in_at_least_five_languages():
    languages = defaultdict(set)
    for line in articles():
        languages[line["story"]].add(line["language"])
    assert set(languages) == STORIES
    assert {story: len(langs) >= 5 for story, langs in languages.items()} == dict.fromkeys(STORIES, True)


def test_corpus_uses_at_least_six_templates():
    assert len({line["template"] for line in gold()}) >= 6


def test_legacy_encodings_are_present():
    encodings = {line["encoding"].lower() for line in gold()}
    assert {"windows-1250", "iso-8859-1"} <= encodings
    assert encodings & {"windows-1251", "koi8-r"}


def test_one_page_declares_a_charset_that_is_not_its_real_encoding():
    wrong = [line for line in gold() if line["declared_charset"].lower() != line["encoding"].lower()]
    assert wrong
    for line in wrong:
        raw = (SAMPLES / line["file"]).read_bytes()
        trusting_the_meta_tag = raw.decode(line["declared_charset"], errors="replace")
        assert squash(line["title"]) not in trusting_the_meta_tag, "the wrong declaration must garble the text"


def test_one_page_has_mojibake_in_its_title_but_not_in_its_headline():
    found = []
    for line in gold():
        raw = (SAMPLES / line["file"]).read_bytes().decode(line["encoding"])
        head_title = html.unescape(re.search(r"<title>(.*?)</title>", raw, flags=re.DOTALL).group(1))
        mojibake = line["title"].encode("utf-8").decode("latin-1")
        if mojibake != line["title"] and mojibake in head_title:
            found.append(line["file"])
            assert line["title"] in text_of(line)
    assert found


# ------------------------------------------------------------------------------- build


def run_build(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(BUILD), *args], capture_output=True, text=True, timeout=60, check=False)


def test_build_is_deterministic_and_committed_pages_and_gold_are_up_to_date(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    for out in (first, second):
        result = run_build("--out", str(out))
        assert result.returncode == 0, result.stderr
    for out in (first, second):
        rendered = {p.name: p.read_bytes() for p in (out / "pages").glob("*.html")}
        committed = {p.name: p.read_bytes() for p in (SAMPLES / "pages").glob("*.html")}
        assert sorted(rendered) == sorted(committed)
        stale = [name for name in committed if committed[name] != rendered[name]]
        assert stale == [], "run `python samples/build.py` and commit the result"
        assert (out / "gold.jsonl").read_bytes() == (SAMPLES / "gold.jsonl").read_bytes()


def test_build_names_the_broken_source_file_without_a_traceback(tmp_path):
    (tmp_path / "articles").mkdir()
    (tmp_path / "sites.toml").write_bytes((SAMPLES / "src" / "sites.toml").read_bytes())
    (tmp_path / "articles" / "xx-broken.toml").write_text(
        'slug = "xx-broken"\nkind = "article"\nsite = "no-such-site.example"\nlanguage = "en"\n'
        'url = "https://no-such-site.example/a"\ntitle = "A title"\nstory = "unrelated"\n',
        encoding="utf-8",
    )
    result = run_build("--src", str(tmp_path), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "xx-broken.toml" in result.stderr and "no-such-site.example" in result.stderr
    assert "Traceback" not in result.stderr
