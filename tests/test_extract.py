"""Extraction: outlet HTML (bytes or text) -> body text and metadata; bad input never raises."""

from __future__ import annotations

import json
import sys
import time
import unicodedata
from html import escape

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from normalizer.cli import cli
from normalizer.extract import FALLBACK_WARNING, Extraction, extract
from normalizer.page_facts import language_code
from normalizer.textclean import clean_text

TITLE = "Harbour of Valmont to open its new container terminal in spring"
LEAD = "The long-delayed terminal will open two years late, the port authority said, after a dispute over dredging costs."
PARAGRAPHS = [
    "The harbour authority of Valmont confirmed on Tuesday that the new container terminal will open in the spring, two years later than first planned.",
    "Officials said the delay was caused by a shortage of steel and by a long dispute with the main contractor over the cost of dredging the channel.",
    "## What changes for the city",
    "Mayor Helena Castor told reporters that the city had secured an additional loan to finish the work and that no jobs would be lost during the wait.",
    "- Four new cranes on the eastern quay",
    "- A rail link to the inland depot",
    "Local fishermen, who had protested against the project for months, said they would watch closely whether the promised compensation is really paid.",
]
FURNITURE = [
    "We use cookies to give you the best experience on our website and to measure our audience.",
    "Sign up to our morning newsletter and get the day's most important stories in your inbox.",
    "Dredging costs double as the river silts up again",
    "This is the best news I have read all week, finally some progress in our town.",
    "All rights reserved. Reproduction without written permission of Harbour Gazette Media is prohibited.",
]


def article_page(
    *,
    title: str = TITLE,
    lead: str = LEAD,
    paragraphs: list[str] = PARAGRAPHS,
    lang: str = "en-GB",
    charset: str = "utf-8",
    og_type: str = "article",
    published: str | None = "2025-11-04T09:30:00+00:00",
    description: str | None = LEAD,
    canonical: str = "https://www.harbour-gazette.example/news/valmont-terminal-1234",
    extra_head: str = "",
) -> str:
    """A WordPress-like outlet page: consent banner, menus, header with standfirst, body with a
    subheading and a list, related links, newsletter box, comments and footer."""
    body, items = [], []
    for paragraph in paragraphs:
        if paragraph.startswith("- "):
            items.append(f"<li>{escape(paragraph[2:])}</li>")
            continue
        if items:
            body.append(f"<ul>{''.join(items)}</ul>")
            items = []
        if paragraph.startswith("## "):
            body.append(f"<h2>{escape(paragraph[3:])}</h2>")
        else:
            body.append(f"<p>{escape(paragraph)}</p>")
    if items:
        body.append(f"<ul>{''.join(items)}</ul>")
    meta = [f'<meta charset="{charset}">', f"<title>{escape(title)} | Harbour Gazette</title>",
            f'<link rel="canonical" href="{canonical}">', f'<meta property="og:type" content="{og_type}">',
            f'<meta property="og:title" content="{escape(title)}">',
            '<meta property="og:site_name" content="Harbour Gazette">', '<meta name="author" content="Jonas Field">']
    if published:
        meta.append(f'<meta property="article:published_time" content="{published}">')
    if description:
        meta.append(f'<meta property="og:description" content="{escape(description)}">')
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
{chr(10).join(meta)}
{extra_head}
<style>.menu {{ display: flex; }}</style>
<script>window.dataLayer = window.dataLayer || []; dataLayer.push({{event: "pageview"}});</script>
</head>
<body class="single single-post">
<div id="cookie-notice" class="cookie-banner"><p>{FURNITURE[0]}</p><button>Accept</button></div>
<header class="site-header"><nav class="main-menu"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<main id="main">
<article class="post">
<header class="entry-header"><h1 class="entry-title">{escape(title)}</h1>
<p class="standfirst">{escape(lead)}</p>
<div class="byline">By <a rel="author" href="/author/jonas-field">Jonas Field</a></div></header>
<div class="entry-content">
<p>{escape(title)}</p>
{''.join(body)}
</div>
<div class="related-posts"><h3>Read also</h3><ul><li><a href="/news/dredging-1">{FURNITURE[2]}</a></li>
<li><a href="/news/cranes-2">New cranes arrive from the shipyard</a></li></ul></div>
</article>
<aside class="newsletter"><p>{FURNITURE[1]}</p><form><input type="email"><button>Subscribe</button></form></aside>
<section id="comments" class="comments-area"><h3>2 comments</h3><ol class="comment-list">
<li class="comment"><div class="comment-author">Port watcher</div><p>{FURNITURE[3]}</p></li>
<li class="comment"><div class="comment-author">M. R.</div><p>I will believe it when I see the first ship.</p></li></ol></section>
</main>
<footer class="site-footer"><p>{FURNITURE[4]}</p><ul><li><a href="/contact">Contact</a></li><li><a href="/privacy">Privacy</a></li></ul></footer>
</body>
</html>"""


@pytest.fixture(scope="module")
def extracted() -> Extraction:
    return extract(article_page().encode("utf-8"))


# --- the environment ----------------------------------------------------------------------------


def test_trafilatura_and_its_fallbacks_run_in_the_installed_environment():
    # jusText (trafilatura's fallback) needs lxml.html.clean, which lxml 6 moved to lxml_html_clean.
    import trafilatura
    from lxml.html.clean import Cleaner  # noqa: F401

    text = trafilatura.extract(article_page(), favor_recall=True)
    assert PARAGRAPHS[0] in text


# --- body -----------------------------------------------------------------------------------------


def test_body_keeps_every_article_paragraph(extracted):
    for paragraph in PARAGRAPHS:
        assert paragraph.lstrip("-# ") in extracted.text


def test_body_leaves_out_page_furniture(extracted):
    for furniture in FURNITURE:
        assert furniture not in extracted.text


def test_paragraphs_are_separated_by_one_blank_line(extracted):
    assert "\n\n\n" not in extracted.text
    assert f"{PARAGRAPHS[0]}\n\n{PARAGRAPHS[1]}" in extracted.text


def test_subheading_is_a_paragraph_of_its_own(extracted):
    assert "What changes for the city" in extracted.paragraphs


def test_list_items_stay_together_one_per_line(extracted):
    assert "- Four new cranes on the eastern quay\n- A rail link to the inland depot" in extracted.paragraphs


def test_title_is_not_repeated_at_the_top_of_the_body(extracted):
    assert TITLE not in extracted.text


def test_standfirst_shown_above_the_body_opens_the_body(extracted):
    assert extracted.paragraphs[0] == LEAD


def test_description_that_is_only_metadata_is_not_added():
    other = "A summary written for search engines that the page never shows to its readers at all."
    result = extract(article_page(description=other))
    assert other not in result.text
    assert result.description == other


# --- metadata --------------------------------------------------------------------------------------


def test_metadata_comes_from_the_page(extracted):
    assert extracted.title == TITLE
    assert extracted.authors == ["Jonas Field"]
    assert extracted.site_name == "Harbour Gazette"
    assert extracted.description == LEAD
    assert extracted.published == "2025-11-04T09:30:00+00:00"
    assert extracted.html_lang == "en"
    assert extracted.encoding == "utf-8"
    assert extracted.error is None
    assert extracted.warnings == []


def test_without_a_given_url_the_canonical_one_is_used(extracted):
    assert extracted.url == "https://www.harbour-gazette.example/news/valmont-terminal-1234"
    assert extracted.canonical_url == extracted.url
    assert extracted.site == "harbour-gazette.example"


def test_given_url_wins_and_names_the_site():
    result = extract(article_page(), url="https://www.mirror-news.example/a/1")
    assert result.url == "https://www.mirror-news.example/a/1"
    assert result.site == "mirror-news.example"
    assert result.canonical_url == "https://www.harbour-gazette.example/news/valmont-terminal-1234"


def test_a_page_leaves_the_shared_trafilatura_settings_unchanged():
    from normalizer.extract import _extractor_settings

    extract(article_page(), url="https://www.mirror-news.example/a/1")
    assert _extractor_settings(True).url is None


def test_published_date_without_time_stays_a_date():
    assert extract(article_page(published="2025-11-04")).published == "2025-11-04"


def test_published_time_can_come_from_json_ld():
    ld = '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2025-11-03T18:05:00+01:00"}</script>'
    assert extract(article_page(published=None, extra_head=ld)).published == "2025-11-03T18:05:00+01:00"


@pytest.mark.parametrize(
    ("value", "code"),
    [("pt-BR", "pt"), ("ro_RO", "ro"), ("FR", "fr"), ("ron", "ro"), ("deu", "de"), ("x-default", None), ("", None)],
)
def test_language_codes_are_normalised_to_iso_639_1(value, code):
    assert language_code(value) == code


def test_og_locale_gives_the_language_when_html_lang_is_missing():
    html = article_page(lang="").replace('<html lang="">', "<html>")
    html = html.replace("<head>", '<head><meta property="og:locale" content="ro_RO">')
    assert extract(html).html_lang == "ro"


# --- text cleaning --------------------------------------------------------------------------------


def test_invisible_and_control_characters_are_removed_and_spaces_made_plain():
    raw = "Val\u00admont\u200b har\u2060bour\u00a0terminal\u202fopens \x07now  \t later\ufeff"
    assert clean_text(raw) == "Valmont harbour terminal opens now later"


def test_letters_are_kept_exactly_cedilla_and_comma_below_stay_apart():
    text = "Bucureşti şi Timişoara; București și Timișoara; Łódź; Київ; İstanbul’da"
    assert clean_text(text) == text


def test_text_is_composed_to_nfc():
    assert clean_text("Bucures\u0327ti e\u0301te") == "Bucureşti éte"


def test_mojibake_in_title_and_text_is_repaired():
    page = article_page(title="GÃ¼ndem: Valmont harbour plans", paragraphs=[*PARAGRAPHS, "The mayorâ€™s office said it would publish the contract."])
    result = extract(page.encode("utf-8"))
    assert result.title == "Gündem: Valmont harbour plans"
    assert "The mayor’s office said it would publish the contract." in result.text


def test_title_mangled_as_latin1_with_control_characters_is_repaired():
    mangled = "Valmont'ta yeni terminal keşfedildi".encode().decode("latin-1")  # "keÅ\x9f..."
    result = extract(article_page(title=mangled).encode("utf-8"))
    assert result.title == "Valmont'ta yeni terminal keşfedildi"


# --- decoding through extract -----------------------------------------------------------------------

ROMANIAN = [
    "Primăria a anunţat marţi că noul terminal de containere se va deschide în primăvară, cu doi ani mai târziu decât se plănuise.",
    "Oficialii au explicat că întârzierea a fost cauzată de lipsa oţelului şi de o dispută lungă privind costul dragării canalului.",
    "Pescarii din zonă spun că vor urmări atent dacă despăgubirile promise sunt plătite cu adevărat, pentru că au aşteptat destul.",
]


def test_windows_1250_page_is_decoded_by_its_declaration():
    page = article_page(title="Terminalul din Valmont", paragraphs=ROMANIAN, lang="ro", charset="windows-1250")
    result = extract(page.encode("cp1250"))
    assert result.encoding == "cp1250"
    assert all(p in result.text for p in ROMANIAN)


def test_page_declared_latin1_but_saved_as_utf8_is_read_as_utf8():
    page = article_page(title="Terminalul din Valmont", paragraphs=ROMANIAN, lang="ro", charset="iso-8859-1")
    result = extract(page.encode("utf-8"))
    assert all(p in result.text for p in ROMANIAN)
    assert any("valid UTF-8" in w for w in result.warnings)


# --- pages without an article ------------------------------------------------------------------------


def test_error_page_gives_an_empty_body_and_a_warning():
    page = article_page(title="Page not found", lead="Sorry, this page has moved or no longer exists.",
                        paragraphs=["Try the search box or go back to the front page to find what you were looking for."],
                        og_type="website", published=None, description=None)
    result = extract(page)
    assert result.text == ""
    assert any("no article text" in w for w in result.warnings)
    assert result.error is None


def test_section_front_gives_an_empty_body_and_a_warning():
    teasers = "".join(
        f'<div class="teaser"><h2><a href="/news/{n}">Headline number {n} about the harbour</a></h2>'
        f"<p>Teaser {n}: the council met on Monday to discuss the port budget and the new quay.</p>"
        f'<a href="/news/{n}">Read more</a></div>'
        for n in range(12)
    )
    page = (f'<html lang="en"><head><title>News | Harbour Gazette</title><meta property="og:type" content="website">'
            f"</head><body><nav><a href='/'>Home</a></nav><main><h1>News</h1>{teasers}</main></body></html>")
    result = extract(page)
    assert result.text == ""
    assert any("no article text" in w for w in result.warnings)


def test_paywall_stub_gives_an_empty_body_and_a_warning():
    ld = '<script type="application/ld+json">{"@type": "NewsArticle", "isAccessibleForFree": false}</script>'
    page = article_page(paragraphs=["Subscribe to read the full story: your first month costs one euro."], extra_head=ld)
    result = extract(page)
    assert result.text == ""
    assert any("paywall" in w for w in result.warnings)


def test_short_news_brief_marked_up_as_an_article_is_kept():
    brief = "The harbour authority said on Tuesday that the eastern quay will close for two days next week."
    result = extract(article_page(paragraphs=[brief], description=None))
    assert brief in result.text


# --- layouts trafilatura does not recognise ---------------------------------------------------------


def test_table_layout_page_gives_the_article_not_the_menus():
    menu = " | ".join(f'<a href="/s/{n}">Section {n}</a>' for n in range(8))
    ticker = " &bull; ".join(f'<a href="/t/{n}">Breaking item {n} about the region</a>' for n in range(4))
    body = "<br><br>\n".join(escape(p) for p in PARAGRAPHS if p[0] not in "-#")
    page = f"""<html><head><meta charset="utf-8"><title>Valmont terminal - Old Gazette</title></head><body>
<table width="100%"><tr><td colspan="3"><font size="2">{menu}</font></td></tr>
<tr><td colspan="3"><font size="1">Breaking: {ticker}</font></td></tr>
<tr><td width="150"><font size="2">&raquo; <a href="/a">News</a><br>&raquo; <a href="/b">Sport</a><br>&raquo; <a href="/c">Weather</a></font></td>
<td width="600"><font size="5"><b>{escape(TITLE)}</b></font><br><font size="2">04.11.2025 | By Jonas Field</font><br><br>
<font size="2">{body}<br><br>
<table bgcolor="#eeeeee"><tr><td><b>Read also:</b> <a href="/x">{FURNITURE[2]}</a></td></tr></table></font></td>
<td width="150"><font size="2"><b>Newsletter</b><br>{FURNITURE[1]}</font></td></tr>
<tr><td colspan="3"><font size="1">{FURNITURE[4]}<br>Old Gazette, 1 Harbour Street, Valmont</font></td></tr></table>
</body></html>"""
    result = extract(page)
    assert [p for p in PARAGRAPHS if p[0] not in "-#"] == result.paragraphs
    assert any("layout not recognised" in w for w in result.warnings)


def test_script_rendered_page_takes_its_body_from_json_ld():
    body = [f"Paragraph {n} of the terminal story, {PARAGRAPHS[n % 4].lower()}" for n in range(12)]
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": TITLE,
                     "datePublished": "2025-11-04T09:30:00Z", "articleBody": "\n\n".join(body)})
    page = (f'<html lang="en"><head><title>{TITLE}</title><script type="application/ld+json">{ld}</script>'
            f'</head><body><div id="app"><h1>{TITLE}</h1><p>Loading the article...</p></div>'
            f'<script src="/bundle.js"></script></body></html>')
    result = extract(page)
    assert all(paragraph in result.text for paragraph in body)  # trafilatura reads articleBody


# --- bad input ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", "", b"   \n\t  "])
def test_empty_input_is_an_error(data):
    result = extract(data)
    assert result.error == "empty input"
    assert result.text == ""


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"Just a line of plain text.\nAnd another one.", "not HTML"),
        (b'{"title": "Valmont", "paragraphs": ["a", "b"]}', "not HTML"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "PNG"),
        (b"\x00\x01\x02\x03" * 2000, "binary"),
    ],
)
def test_input_that_is_not_html_is_a_clear_error(data, kind):
    result = extract(data)
    assert kind in result.error
    assert result.text == ""


def test_wrong_input_type_is_an_error_not_an_exception():
    assert "expected HTML as str or bytes" in extract(12345).error  # type: ignore[arg-type]


def test_huge_page_is_truncated_with_a_warning_and_stays_fast():
    filler = "<div><p>Filler paragraph number something, with a few words in it.</p></div>" * 280_000
    page = article_page().replace("</article>", "</article>" + filler).encode("utf-8")
    assert len(page) > 20_000_000
    start = time.perf_counter()
    result = extract(page)
    assert time.perf_counter() - start < 30
    assert PARAGRAPHS[0] in result.text
    assert any("truncated" in w for w in result.warnings)


def test_page_nested_100000_levels_deep_does_not_crash_or_hang():
    deep = "<div>" * 100_000 + "<p>Deep text.</p>" + "</div>" * 100_000
    page = article_page().replace("</article>", "</article>" + deep)
    start = time.perf_counter()
    result = extract(page)
    assert time.perf_counter() - start < 30
    assert PARAGRAPHS[0] in result.text
    assert result.error is None


def test_unclosed_tags_still_give_the_article():
    page = article_page().replace("</p>", "").replace("</div>", "").replace("</li>", "")
    result = extract(page)
    assert PARAGRAPHS[0] in result.text


def test_invalid_byte_sequences_are_replaced_with_a_warning():
    page = article_page().encode("utf-8").replace(b"dredging the channel", b"dredging the \xff\xfe channel")
    result = extract(page)
    assert result.error is None
    assert PARAGRAPHS[3] in result.text
    assert any("invalid byte sequence" in w for w in result.warnings)


def test_meta_charset_naming_an_unknown_encoding_gives_a_warning():
    result = extract(article_page(charset="x-klingon-8").encode("utf-8"))
    assert PARAGRAPHS[0] in result.text
    assert any("unknown charset" in w for w in result.warnings)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000))
def test_random_bytes_never_raise(data):
    result = extract(data)
    assert isinstance(result, Extraction)
    assert isinstance(result.text, str)
    assert result.error is None or not result.error.startswith("internal error")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("<>/=\"' abcdiv p html body meta charset\n&;#x\u00e9\u0219")), max_size=400))
def test_random_markup_never_raises(text):
    result = extract(text)
    assert isinstance(result, Extraction)
    assert result.error is None or not result.error.startswith("internal error")


def test_same_input_gives_the_same_output():
    page = article_page().encode("utf-8")
    assert extract(page) == extract(page)


# --- the sample corpus ----------------------------------------------------------------------------------


def _spaced(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def test_sample_pages_keep_must_appear_sentences_and_drop_boilerplate(samples_dir):
    """The quality floors of issue 4 on samples/, as the pipeline runs the stage (one
    SiteBoilerplate over the set): at least 99% of must-appear sentences, at most 1% of
    boilerplate strings, and an empty body for every non-article page."""
    from normalizer.extract import SiteBoilerplate

    gold_file = samples_dir / "gold.jsonl"
    if not gold_file.exists():
        pytest.skip("samples/gold.jsonl not built")
    golds = [json.loads(line) for line in gold_file.read_text(encoding="utf-8").splitlines() if line.strip()]
    results = SiteBoilerplate().clean([extract((samples_dir / g["file"]).read_bytes()) for g in golds])
    must = [(_spaced(s), _spaced(r.text)) for g, r in zip(golds, results) for s in g["must_appear"]]
    boilerplate = [(_spaced(s), _spaced(r.text)) for g, r in zip(golds, results) for s in g["boilerplate"]]
    assert sum(s in body for s, body in must) >= 0.99 * len(must)
    assert sum(s in body for s, body in boilerplate) <= 0.01 * len(boilerplate)
    assert all(r.text == "" for g, r in zip(golds, results) if g["kind"] != "article")


# --- CLI ------------------------------------------------------------------------------------------------


@pytest.fixture()
def pages_folder(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.html").write_text(article_page(), encoding="utf-8")
    (folder / "b.htm").write_bytes(b"%PDF-1.4 not a page")
    return folder


def test_cli_json_gives_one_object_per_page_with_its_file(tmp_path):
    page = tmp_path / "a.html"
    page.write_text(article_page(), encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(page)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    assert len(records) == 1
    assert records[0]["file"] == str(page)
    assert records[0]["title"] == TITLE
    assert PARAGRAPHS[0] in records[0]["text"]
    assert set(records[0]) >= {"url", "site", "site_name", "authors", "published", "html_lang", "encoding", "warnings", "error"}


def test_cli_text_format_shows_title_and_body(tmp_path):
    page = tmp_path / "a.html"
    page.write_text(article_page(), encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(page), "--format", "text"])
    assert result.exit_code == 0
    assert f"==> {page} <==\n# {TITLE}\n\n{LEAD}" in result.output


def test_cli_folder_with_a_bad_page_writes_every_record_and_exits_1(pages_folder, tmp_path):
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["extract", str(pages_folder), "-o", str(out)])
    assert result.exit_code == 1
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["file"].rsplit("/", 1)[-1] for r in records] == ["a.html", "b.htm"]
    assert records[0]["error"] is None
    assert "PDF" in records[1]["error"]


def test_cli_missing_input_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(cli, ["extract", str(tmp_path / "nope.html")])
    assert result.exit_code == 2
    assert "no such file" in result.output


def test_cli_reads_stdin(run_cli):
    done = run_cli("extract", "-", "--format", "json", input=article_page().encode("utf-8"))
    assert done.returncode == 0, done.stderr
    record = json.loads(done.stdout)
    assert record["file"] == "<stdin>"
    assert PARAGRAPHS[0] in record["text"]


def test_cli_does_not_print_library_log_lines(run_cli):
    done = run_cli("extract", "-", input=b"<html><body><p>x</p></body></html>")
    assert done.returncode == 0
    assert done.stderr == b""
    assert "no article text" in json.loads(done.stdout)["warnings"][0]


def test_cli_help_shows_an_example():
    result = CliRunner().invoke(cli, ["extract", "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output and "normalizer extract" in result.output


def test_importing_extract_does_not_import_trafilatura():
    import subprocess

    code = "import sys, normalizer.extract; print('trafilatura' in sys.modules, 'torch' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False"]


def test_trafilatura_second_opinion_is_asked_only_for_short_or_dumped_bodies():
    from types import SimpleNamespace

    from normalizer.extract import SECOND_OPINION_CHARS, _wants_second_opinion

    prose = "The council approved the new budget after a long debate on Tuesday evening. "
    long_body = prose * (SECOND_OPINION_CHARS // len(prose) + 2)
    assert _wants_second_opinion(None)
    assert _wants_second_opinion(SimpleNamespace(text=prose))
    assert _wants_second_opinion(SimpleNamespace(text="\n".join(["Home", "News", "|", "Sport"] * 200)))
    assert not _wants_second_opinion(SimpleNamespace(text=long_body))


def _trafilatura_passes(monkeypatch) -> list[bool]:
    """Record the ``fast`` flag of every trafilatura pass extract() makes."""
    import normalizer.extract as extract_module

    passes: list[bool] = []
    run = extract_module._run_trafilatura

    def recording(tree, url, fast):
        passes.append(fast)
        return run(tree, url, fast)

    monkeypatch.setattr(extract_module, "_run_trafilatura", recording)
    return passes


def test_second_opinion_on_a_short_article_keeps_the_page_metadata(monkeypatch):
    passes = _trafilatura_passes(monkeypatch)
    result = extract(article_page(paragraphs=PARAGRAPHS[:2]), url="https://www.harbour-gazette.example/news/1")
    assert passes == [True, False]
    assert result.title == TITLE
    assert result.authors == ["Jonas Field"]
    assert result.site_name == "Harbour Gazette"
    assert PARAGRAPHS[0] in result.text


def test_listing_page_gets_no_second_opinion(monkeypatch):
    passes = _trafilatura_passes(monkeypatch)
    result = extract(article_page(paragraphs=PARAGRAPHS[:2], og_type="website", published=None))
    assert passes == [True]
    assert result.text == ""
    assert "marked up as 'website'" in result.warnings[-1]


def test_page_dump_read_by_the_densest_prose_fallback_gets_no_second_opinion(monkeypatch, samples_dir):
    passes = _trafilatura_passes(monkeypatch)
    result = extract((samples_dir / "pages" / "ro-gazeta-nato-munitie.html").read_bytes())
    assert passes == [True]
    assert FALLBACK_WARNING in result.warnings
    assert len(result.text) > 1000


def _sample_trees(samples_dir):
    """(name, parsed tree) of every sample page, parsed as extract() parses it."""
    from normalizer.extract import _as_document, _parse, decode_html

    for path in sorted((samples_dir / "pages").glob("*.html")):
        yield path.stem, _parse(_as_document(decode_html(path.read_bytes()).text))


METADATA_FIELDS = ("title", "author", "url", "description", "sitename", "date")


def test_page_metadata_reads_what_trafilatura_reads_on_every_sample(samples_dir):
    """page_metadata runs trafilatura's extract_metadata steps minus those whose results are not
    used: every value that is used must come out as trafilatura's own function gives it."""
    from trafilatura.metadata import extract_metadata

    from normalizer.extract import TRAFILATURA_OPTIONS, page_metadata

    with_byline = 0
    for name, tree in _sample_trees(samples_dir):
        url = f"https://example.org/{name}"
        theirs = extract_metadata(tree, url, TRAFILATURA_OPTIONS["date_extraction_params"])
        ours = page_metadata(tree, url, search_date=True)
        assert {key: getattr(ours, key) for key in METADATA_FIELDS} == {key: getattr(theirs, key) for key in METADATA_FIELDS}, name
        with_byline += bool(theirs.title and theirs.author)
    assert with_byline >= 20  # the samples exercise titles and bylines, not only empty values


def test_page_metadata_searches_no_date_when_the_page_states_one(samples_dir):
    from normalizer.extract import page_metadata

    dated = [tree for _, tree in _sample_trees(samples_dir) if page_metadata(tree, None, search_date=True).date]
    assert dated
    assert all(page_metadata(tree, None, search_date=False).date is None for tree in dated)


def test_an_extraction_pass_leaves_the_parsed_page_unchanged(samples_dir):
    """The page is parsed once: the metadata and a second pass read the tree after the first
    pass, so a pass must not change it (trafilatura copies a tree it is given)."""
    from lxml import etree

    from normalizer.extract import _run_trafilatura

    _, tree = next(_sample_trees(samples_dir))
    before = etree.tostring(tree)
    first = _run_trafilatura(tree, None, fast=True)
    assert first is not None and first.text
    assert etree.tostring(tree) == before
    assert _run_trafilatura(tree, None, fast=True).text == first.text


def _page_text_measures(monkeypatch) -> list[int]:
    """Count trafilatura's page-text measures (html2txt), the first step of its recall retry."""
    import trafilatura.core

    calls: list[int] = []
    measure = trafilatura.core.html2txt

    def counting(*args, **kwargs):
        calls.append(1)
        return measure(*args, **kwargs)

    monkeypatch.setattr(trafilatura.core, "html2txt", counting)
    return calls


def test_first_pass_runs_without_trafilaturas_recall_retry(monkeypatch, samples_dir):
    import trafilatura
    from trafilatura.settings import Extractor

    from normalizer.extract import _run_trafilatura

    calls = _page_text_measures(monkeypatch)
    _, tree = next(_sample_trees(samples_dir))
    trafilatura.bare_extraction(tree, options=Extractor(fast=True, comments=False, tables=False))
    assert calls  # trafilatura's balanced mode measures this short page's text ...
    calls.clear()
    assert _run_trafilatura(tree, None, fast=True) is not None
    assert not calls  # ... the first pass does not


def test_first_pass_reads_every_sample_as_trafilaturas_balanced_fast_mode(monkeypatch, samples_dir):
    """The first pass's focus must be read as balanced by every step but the recall retry: its
    bodies are those of trafilatura's own balanced mode with the retry's length limit at zero."""
    from copy import copy

    import trafilatura
    import trafilatura.core

    from normalizer.extract import _extractor_settings, _run_trafilatura

    balanced = copy(_extractor_settings(True))  # the first pass's settings, focus aside
    balanced.focus = "balanced"
    monkeypatch.setattr(trafilatura.core, "ESCALATION_MAX_LENGTH", 0)
    for name, tree in _sample_trees(samples_dir):
        ours = _run_trafilatura(tree, None, fast=True)
        theirs = trafilatura.bare_extraction(tree, options=balanced)
        assert (ours.text if ours else None) == (theirs.text if theirs else None), name
