"""Language detection: the API (detect_language, detect_article) and the ``normalizer detect`` CLI.

The sentences here are written for these tests and differ from the benchmark texts in
benchmarks/data/langid/, so that the benchmark is not what the tests were tuned on.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalizer.detect import (
    SUPPORTED_LANGUAGES,
    Detection,
    detect_article,
    detect_language,
    normalize_hint,
    parse_languages,
)

pytestmark = pytest.mark.usefixtures("model_cache")


SENTENCES = {
    "en": "The regional airport will add three new routes to southern Europe next summer.",
    "ro": "Elevii din satele de munte vor primi microbuze noi pentru drumul spre școală.",
    "fr": "Les habitants du quartier demandent depuis des mois une nouvelle ligne de bus.",
    "de": "Die Bauarbeiten an der Umgehungsstraße sollen im kommenden Herbst beginnen.",
    "es": "Los vecinos del barrio llevan meses pidiendo una nueva parada de autobús.",
    "it": "Gli abitanti del quartiere chiedono da mesi una nuova fermata dell'autobus.",
    "pl": "Mieszkańcy osiedla od miesięcy domagają się nowego przystanku autobusowego.",
    "tr": "Mahalle sakinleri aylardır yeni bir otobüs durağı yapılmasını istiyor.",
    "ru": "Жители района уже несколько месяцев просят открыть новую автобусную остановку.",
    "uk": "Мешканці району вже кілька місяців просять відкрити нову автобусну зупинку.",
    "pt": "Os moradores do bairro pedem há meses uma nova paragem de autocarro.",
    "nl": "De bewoners van de wijk vragen al maanden om een nieuwe bushalte.",
    "hu": "A környék lakói hónapok óta új buszmegállót kérnek az önkormányzattól.",
    "el": "Οι κάτοικοι της γειτονιάς ζητούν εδώ και μήνες μια νέα στάση λεωφορείου.",
}


@pytest.mark.parametrize("code", sorted(SENTENCES))
def test_plain_sentence_is_detected_in_its_language(code: str) -> None:
    result = detect_language(SENTENCES[code])
    assert result.code == code
    assert result.confidence > 0.5


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Ședința de guvern s-a amânat", "ro"),
        ("Łódź żegna dyrektora teatru", "pl"),
        ("Dağlık bölgede yoğun kar yağışı", "tr"),
        ("Їхні діти пішли до школи", "uk"),
        ("Ўрад абвясціў новыя правілы", "be"),
        ("Ђаци су добили нове уџбенике", "sr"),
        ("Ѓорѓи ќе ја води делегацијата", "mk"),
        ("Győzött a hűséges csapat", "hu"),
    ],
)
def test_distinctive_letters_decide_short_titles(text: str, code: str) -> None:
    assert detect_language(text).code == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Vláda schválila nový zákon o dani z nemovitostí a poslanci ho podpořili.", "cs"),
        ("Vláda schválila nový zákon o dani z nehnuteľností a poslanci ho podporili.", "sk"),
        ("Regjeringen vil bygge ny vei gjennom dalen, og kommunen er ikke enig.", "nb"),
        ("Regeringen vil bygge en ny vej gennem dalen, og kommunen er ikke enig.", "da"),
        ("El Govern ha anunciat que les escoles obriran una hora més aviat.", "ca"),
        ("El Gobierno ha anunciado que las escuelas abrirán una hora antes.", "es"),
        ("Владата најави дека училиштата ќе се отвораат еден час порано.", "mk"),
        ("Правителството обяви, че училищата ще отварят един час по-рано.", "bg"),
        ("Kerajaan berkata sekolah akan dibuka sejam lebih awal mulai bulan depan.", "ms"),
        ("Pemerintah mengatakan sekolah akan dibuka satu jam lebih awal mulai bulan depan.", "id"),
        ("Vlada je saopštila da će škole od sledeće nedelje raditi sat ranije.", "sr"),
        ("Vlada je priopćila da će škole od idućeg tjedna raditi sat ranije.", "hr"),
        ("Влада је саопштила да ће школе од следеће недеље радити сат раније.", "sr"),
        ("Guvernul a decis ca scolile sa se deschida cu o ora mai devreme de luna viitoare.", "ro"),
    ],
)
def test_close_pairs_are_told_apart(text: str, code: str) -> None:
    assert detect_language(text).code == code


@pytest.mark.parametrize(
    "text", ["", "   \n\t ", "12 345 678,90", "https://example.com/a/b?c=1", "🙂🎉👍", "!!! ??? ..."]
)
def test_text_without_language_evidence_is_undetermined(text: str) -> None:
    result = detect_language(text)
    assert result.code == "und"
    assert result.confidence == 0.0


def test_five_megabytes_of_text_give_a_result() -> None:
    text = SENTENCES["fr"] * (5_000_000 // len(SENTENCES["fr"]))
    assert detect_language(text).code == "fr"


def test_a_single_huge_token_gives_a_result() -> None:
    result = detect_language("x" * 2_000_000)
    assert isinstance(result, Detection)
    assert result.code in SUPPORTED_LANGUAGES + ("und",)


def test_invalid_surrogates_are_tolerated() -> None:
    assert detect_language("Die Stadt \udcff plant \ud800 neue Radwege für alle Bezirke.").code == "de"


@pytest.mark.parametrize(
    ("text", "code_page"),
    [
        ("Nejlépe to vysvětlí následující příklad", "cp1252"),  # was Portuguese at 0.98
        ("Правительство объявило о новых мерах поддержки семей.", "cp1251"),
    ],
)
def test_mojibake_is_detected_as_the_text_it_damaged(text: str, code_page: str) -> None:
    damaged = text.encode("utf-8").decode(code_page)
    assert damaged != text
    assert detect_language(damaged) == detect_language(text)


def test_mixed_scripts_follow_the_dominant_script() -> None:
    text = "Компания Apple представила новый iPhone на презентации в Калифорнии вчера вечером."
    assert detect_language(text).code == "ru"


@pytest.mark.parametrize("value", [None, 42, b"Die Stadt plant neue Radwege.", ["a"]])
def test_non_text_input_does_not_raise(value: object) -> None:
    assert isinstance(detect_language(value), Detection)  # type: ignore[arg-type]


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gives_a_well_formed_result(text: str) -> None:
    result = detect_language(text)
    assert result.code in SUPPORTED_LANGUAGES or result.code == "und"
    assert 0.0 <= result.confidence <= 1.0
    probabilities = [p for _, p in result.candidates]
    assert probabilities == sorted(probabilities, reverse=True)


def test_results_do_not_depend_on_call_order() -> None:
    texts = [SENTENCES["ro"], "Nicușor", "hotel", SENTENCES["uk"], "Dan"]
    forward = [detect_language(t) for t in texts]
    backward = [detect_language(t) for t in reversed(texts)][::-1]
    assert forward == backward


@pytest.mark.parametrize("text", ["Restaurant Hotel", "Online Marketing", "Pizza Bar", "Design Studio"])
def test_words_many_languages_write_alike_get_no_confident_answer(text: str) -> None:
    assert detect_language(text).confidence < 0.5


@pytest.mark.parametrize(("text", "code"), [("parliament", "en"), ("Regierung", "de"), ("Guvernul", "ro")])
def test_a_word_one_language_writes_keeps_a_confident_answer(text: str, code: str) -> None:
    result = detect_language(text)
    assert (result.code, result.confidence >= 0.5) == (code, True)


def test_languages_writing_the_words_alike_are_drawn_together_in_order() -> None:
    from normalizer.detect import _share_between_writers
    from normalizer.detect_evidence import gather_evidence

    logits = {"en": 3.0, "de": 1.0, "nl": 0.0, "fr": -5.0}
    odds = {"en": 0.0, "de": 0.0, "nl": -0.5, "fr": -5.0}
    _share_between_writers(logits, odds, gather_evidence("Hotel Internet"))
    assert logits["en"] == 3.0 and logits["fr"] == -5.0
    assert 3.0 > logits["de"] > logits["nl"] > 1.0


def test_a_language_missing_a_word_is_not_drawn_in() -> None:
    from normalizer.detect import _share_between_writers
    from normalizer.detect_evidence import gather_evidence
    from normalizer.detect_words import languages_listing

    assert languages_listing(["parliament"], ["en", "ro"], "LATIN") == ["en"]
    logits = {"en": 3.0, "de": 1.0, "ro": 0.0}
    _share_between_writers(logits, {"en": 0.0, "de": 0.0, "ro": 0.0}, gather_evidence("parliament"))
    assert logits == {"en": 3.0, "de": 1.0, "ro": 0.0}


def test_one_close_group_writing_the_words_alike_is_left_to_its_markers() -> None:
    from normalizer.detect import _share_between_writers
    from normalizer.detect_evidence import gather_evidence

    logits = {"cs": 2.0, "sk": 0.0}
    _share_between_writers(logits, {"cs": 0.0, "sk": 0.0}, gather_evidence("vláda"))
    assert logits == {"cs": 2.0, "sk": 0.0}


def test_languages_listing_needs_every_word_of_the_script() -> None:
    from normalizer.detect_words import languages_listing

    listing = languages_listing(["parliament", "москва"], ["en", "de", "ro"], "LATIN")
    assert "en" in listing and "ro" not in listing
    assert languages_listing(["москва"], ["en", "de"], "LATIN") == []


def test_hint_decides_an_ambiguous_short_text() -> None:
    assert detect_language("Ministerul", hint="ro").code == "ro"
    assert detect_language("Internet", hint="de-DE").code == "de"


def test_clear_text_overrules_a_wrong_hint() -> None:
    assert detect_language(SENTENCES["de"], hint="en").code == "de"


def test_confidence_grows_with_evidence() -> None:
    short = detect_language("autobuz")
    long = detect_language(SENTENCES["ro"] + " " + SENTENCES["ro"])
    assert long.confidence > 0.95
    assert short.confidence < long.confidence


def test_restricted_languages_limit_the_answers() -> None:
    result = detect_language(SENTENCES["es"], languages=["ro", "fr"])
    assert result.code in {"ro", "fr", "und"}
    assert {code for code, _ in result.candidates} <= {"ro", "fr"}


def test_a_text_in_a_language_outside_the_restriction_is_undetermined() -> None:
    result = detect_language(SENTENCES["en"], languages=["ro", "fr", "de"])
    assert result.code == "und"


def test_a_restriction_does_not_inflate_the_confidence() -> None:
    text = "Vláda schválila nový rozpočet."
    restricted = detect_language(text, languages=["cs"])
    assert restricted.code == "cs"
    assert restricted.confidence == pytest.approx(dict(detect_language(text).candidates).get("cs", 0.0), abs=1e-4)


def test_a_script_only_an_excluded_language_writes_is_undetermined() -> None:
    assert detect_language("Η κυβέρνηση ανακοίνωσε νέα μέτρα", languages=["ro", "fr"]).code == "und"


def test_an_article_outside_the_restriction_is_undetermined_whatever_its_hint() -> None:
    article = detect_article("Airport adds routes", [SENTENCES["en"]], hint="en", languages=["ro", "fr"])
    assert article.code == "und"


def test_parse_languages_rejects_unknown_codes() -> None:
    assert parse_languages("ro, fr,de") == ("de", "fr", "ro")
    with pytest.raises(ValueError, match="xx"):
        parse_languages(["ro", "xx"])


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("ro-RO", "ro"), ("en_US", "en"), ("sr-Latn-ME", "sr"), ("me", "sr"), ("no", "nb"),
        ("xx", None), ("", None),
    ],
)
def test_hints_are_normalized_to_supported_codes(value: str, code: str | None) -> None:
    assert normalize_hint(value) == code


def test_article_with_a_quote_lists_paragraph_languages_and_shares() -> None:
    paragraphs = [
        "Primăria Capitalei a anunțat ieri un plan nou pentru reabilitarea rețelei de termoficare.",
        "The city must stop patching old pipes and start replacing them, said the visiting engineer.",
        "Lucrările ar urma să înceapă în primăvară și să dureze cel puțin doi ani, potrivit primăriei.",
    ]
    result = detect_article("Plan nou pentru termoficare", paragraphs, hint="en")
    assert result.code == "ro"
    assert result.paragraphs == ["ro", "en", "ro"]
    assert list(result.shares) == sorted(result.shares)
    assert result.shares["ro"] > result.shares["en"] > 0
    assert abs(sum(result.shares.values()) - 1.0) < 0.01
    assert result.title == "ro"
    assert result.hint == "en"


def test_russian_comment_under_a_ukrainian_article_is_known() -> None:
    paragraphs = [
        "Міська влада повідомила, що всі котельні перевірені та готові до опалювального сезону.",
        "Посмотрим, как будет в декабре, когда ударят морозы.",
        "Мешканців просять повідомляти про проблеми з опаленням за телефоном гарячої лінії.",
    ]
    result = detect_article("Місто готується до зими", paragraphs, hint="uk")
    assert (result.code, result.paragraphs, result.title) == ("uk", ["uk", "ru", "uk"], "uk")


def test_article_language_is_the_context_for_an_ambiguous_title() -> None:
    body = ["Les habitants du quartier attendent depuis longtemps la rénovation de la piscine municipale."]
    assert detect_article("Piscine", body).title == "fr"


def test_article_without_body_falls_back_to_title_and_hint() -> None:
    assert detect_article("Ședința consiliului general", [], hint="ro").code == "ro"
    assert detect_article(None, [], hint="de").code == "de"
    assert detect_article("", ["", "  "]).code == "und"


def test_the_decompressed_model_is_cached_for_later_processes(model_cache: Path) -> None:
    from normalizer.detect_model import load_model

    load_model.cache_clear()
    assert detect_language(SENTENCES["it"]).code == "it"
    assert sorted(p.name.split("-")[0] for p in model_cache.iterdir()) == ["detect"]


def run_detect(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "normalizer", "detect", *args],
        input=stdin, capture_output=True, text=True, timeout=120, check=False,
    )


def test_cli_prints_one_json_object_per_text() -> None:
    done = run_detect(SENTENCES["ro"], SENTENCES["uk"])
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [line["code"] for line in lines] == ["ro", "uk"]
    assert all({"confidence", "candidates"} <= set(line) for line in lines)


def test_cli_reads_json_lines_and_reports_a_record_without_text(tmp_path) -> None:
    source = tmp_path / "in.jsonl"
    records = [{"id": "a", "text": SENTENCES["de"]}, {"id": "b"}]
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    done = run_detect("--file", str(source))
    assert done.returncode == 1
    first, second = (json.loads(line) for line in done.stdout.splitlines())
    assert (first["id"], first["code"]) == ("a", "de")
    assert second["id"] == "b" and second["error"]["stage"] == "detect"


def test_cli_reads_stdin_lines_in_text_format() -> None:
    done = run_detect("-", "--format", "text", stdin=SENTENCES["fr"] + "\n\n" + SENTENCES["es"] + "\n")
    assert done.returncode == 0, done.stderr
    assert [line.split("\t")[0] for line in done.stdout.splitlines()] == ["fr", "es"]


def test_cli_restricts_languages() -> None:
    done = run_detect("--languages", "ro,fr", SENTENCES["es"])
    assert json.loads(done.stdout)["code"] in {"ro", "fr", "und"}


@pytest.mark.parametrize("args", [("--languages", "ro,xx", "text"), ()])
def test_cli_usage_errors_exit_2_without_traceback(args: tuple[str, ...]) -> None:
    done = run_detect(*args)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("normalizer: error:")


# --- second pass: batch scoring, article speed paths, close-pair rules -------------------------


def test_batch_scoring_finds_the_same_scores_as_py3langids_automaton_walk() -> None:
    import numpy as np
    from py3langid.langid import visit_counts

    from normalizer.detect_model import load_model

    model = load_model(SUPPORTED_LANGUAGES)
    texts = [f" {text} ".encode() for text in SENTENCES.values()] + [b" x ", " Ђаци ".encode()]
    scores, found, _ = model.score_batch(texts)
    rowbase = model.rowbase.tolist()
    out = model.out.tolist()
    for text, row, ok in zip(texts, scores, found, strict=True):
        visits = visit_counts(model.nextmove, rowbase, out, text)
        assert ok == bool(visits)
        if visits:
            index = np.fromiter(visits.keys(), dtype=np.intp)
            counts = np.fromiter(visits.values(), dtype=np.float32)
            expected = np.log1p(counts) @ model.ptc[index] + model.pc
            for label, value in zip(model.labels, expected.tolist(), strict=True):
                assert row[model.classes.index(label)] >= value - 1e-3


def test_paragraph_codes_equal_detecting_each_paragraph_with_the_article_language_as_hint() -> None:
    from normalizer.detect import CONTEXT_ODDS

    paragraphs = [
        "Consiliul local a aprobat ieri bugetul pentru reparația drumurilor din cartierele noi.",
        "We will not sign anything before the audit is finished, the contractor told reporters.",
        "Primarul a promis că lucrările vor începe în martie.",
        "Da.",
        "Lucrările de pe strada Mare vor dura până în toamnă, iar traficul va fi deviat.",
    ]
    result = detect_article("Drumuri noi", paragraphs)
    expected = [  # the article path never asks the short-text second opinion (see _codes_in_context)
        detect_language(p, hint=result.code, hint_odds=CONTEXT_ODDS, short_texts="off").code
        for p in paragraphs
    ]
    assert result.code == "ro"
    assert result.paragraphs == expected


def test_every_paragraph_of_a_very_long_article_gets_a_code() -> None:
    paragraphs = [SENTENCES["de"] * 3] * 1500 + [SENTENCES["en"]]
    result = detect_article("Radwege", paragraphs)
    assert len(result.paragraphs) == len(paragraphs)
    assert result.paragraphs[0] == "de" and result.paragraphs[-1] == "en"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # ekavian "reka", "mesto", "predsednik" with no ijekavian word: Serbian in Latin script
        ("Predsednik opštine je obišao mesto gde je reka odnela deo puta.", "sr"),
        # the same content, ijekavian and with Croatian words (tjedan, općina vs opština)
        ("Gradonačelnik je obišao mjesto gdje je rijeka prošloga tjedna odnijela dio ceste.", "hr"),
        # ijekavian plus eastern words (hiljada, sedmica, historija): Bosnian
        ("Prošle sedmice je hiljadu ljudi posjetilo izložbu o historiji grada.", "bs"),
        # ijekavian ("dječji", "poslije", "ljeta") plus Serbian words (opština, saopštila) and a
        # Montenegrin town: Montenegrin, which counts as Serbian
        ("Opština Budva saopštila je da će novi dječji vrtić biti otvoren poslije ljeta.", "sr"),
        # clipped infinitive before the future auxiliary ("bit će") is not Serbian spelling
        ("Novi vrtić bit će otvoren krajem godine, a upis će trajati mjesec dana.", "hr"),
        # Malay -iti loans and "kerana"; Indonesian -itas loans and "karena"
        ("Kualiti air di kawasan itu merosot kerana aktiviti kilang berhampiran.", "ms"),
        ("Kualitas air di daerah itu menurun karena aktivitas pabrik di dekatnya.", "id"),
        # no letter of its own in either: Macedonian double vowels in verb forms ("бараат")
        # vs Bulgarian verbal nouns in -ние
        ("Родителите бараат поголема безбедност пред училиштата.", "mk"),
        ("Министерството обеща намаление на цените на тока.", "bg"),
        # Afrikaans function words and -lik against Dutch ones and -lijk
        ("Die regering het gesê dat die nuwe wet volgende jaar in werking sal tree.", "af"),
        ("De regering heeft gezegd dat de nieuwe wet volgend jaar in werking treedt.", "nl"),
        ("werklik belangrik", "af"),
    ],
)
def test_close_pair_rules_from_grammar_and_spelling(text: str, code: str) -> None:
    assert detect_language(text).code == code


@pytest.mark.parametrize("text", ["Новинар објавио", "Министар изјавио"])
def test_serbian_participle_ending_tells_cyrillic_serbian_from_macedonian(text: str) -> None:
    # "-ио" participle: Macedonian writes "објавил", "изјавил"
    assert detect_language(text).code == "sr"


@pytest.mark.parametrize("word", ["Експертот", "Пазарот"])
def test_macedonian_postposed_article_decides_a_single_noun(word: str) -> None:
    assert detect_language(word).code == "mk"


def test_nouns_ending_in_ot_in_every_language_of_the_group_are_no_macedonian_markers() -> None:
    from normalizer.detect_evidence import group_of, marker_counts

    assert "mk" not in marker_counts(["живот", "пилот", "ферибот"], group_of("mk"))


def test_long_neutral_text_is_not_made_serbian_by_its_length_alone() -> None:
    # no word with a jat root in either variant: twenty words without an ijekavian form say
    # little more than six do
    text = (
        "Fabrika obuće iz Zenice zaposlila je tokom godine stotinu radnika, a uprava kaže da će "
        "plata u martu biti veća za deset posto."
    )
    assert detect_language(text).code == "bs"


def test_serbian_typed_without_diacritics_is_still_serbian() -> None:
    assert detect_language("Predsednik opstine je rekao da ce se radovi na reci zavrsiti do proleca.").code == "sr"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # without ř, ě, ů the n-gram model read these as Slovak (0.56, 0.80) or Slovene
        ("Nemocnice v Brne otevrela nove oddeleni pro deti s cukrovkou.", "cs"),
        ("Cena elektriny pro domacnosti od rijna klesne", "cs"),
        ("Pocasi se o vikendu vyrazne zhorsi a meteorologove varuji pred bourkami.", "cs"),
        ("Pocasie sa cez vikend vyrazne zhorsi a meteorologovia varuju pred burkami.", "sk"),
        ("Cena elektriny pre domacnosti od oktobra klesne", "sk"),
    ],
)
def test_czech_and_slovak_typed_without_diacritics_keep_their_language(text: str, code: str) -> None:
    assert detect_language(text).code == code


def test_a_short_text_without_diacritics_is_not_read_as_typed_without_them() -> None:
    from normalizer.detect import FOLDED_MIN_LETTERS, _typed_without_diacritics
    from normalizer.detect_evidence import gather_evidence

    # "hotel praha": most short Czech and Slovak texts have no letter with a diacritic by nature
    short, long = gather_evidence("Hotel Praha"), gather_evidence("Vlada od noveho roku zvysi minimalni mzdu")
    assert short.letters < FOLDED_MIN_LETTERS <= long.letters
    near_czech = {"cs": 0.0, "sk": -1.0, "sl": -2.0}
    assert not _typed_without_diacritics(short, near_czech)
    assert _typed_without_diacritics(long, near_czech)


def test_a_text_without_diacritics_far_from_czech_and_slovak_is_not_read_as_folded() -> None:
    from normalizer.detect import SHORT_WORDS_MARGIN, _typed_without_diacritics
    from normalizer.detect_evidence import gather_evidence

    # Spanish without its accents is Spanish read plainly, not against folded word lists
    evidence = gather_evidence("Los precios de la energia subiran de nuevo en invierno")
    assert not _typed_without_diacritics(evidence, {"es": 0.0, "pt": -1.0, "cs": -SHORT_WORDS_MARGIN - 1.0})


def test_article_language_decides_a_title_shared_by_close_languages() -> None:
    body = [
        "Gradsko vijeće prihvatilo je prijedlog proračuna, a oporba je najavila prosvjed ispred zgrade.",
        "Tisuće građana okupile su se prošloga tjedna na trgu.",
    ]
    assert detect_article("Protest na trgu", body).title == "hr"


# --- short-text second opinion (lingua) ---------------------------------------------------------


@pytest.mark.parametrize("mode", ["fast", "accurate"])
@pytest.mark.parametrize(("word", "code"), [("gemeente", "nl"), ("autarquia", "pt"), ("zastupitelstvo", "cs")])
def test_second_opinion_reads_single_words_the_ngram_model_misreads(mode: str, word: str, code: str) -> None:
    assert detect_language(word, short_texts=mode).code == code


def test_long_texts_never_ask_for_a_second_opinion() -> None:
    from normalizer.detect_short import _detector

    asked_before = _detector.cache_info().misses + _detector.cache_info().hits
    text = SENTENCES["nl"] + " " + SENTENCES["nl"]  # well over SHORT_LETTERS letters
    results = {mode: detect_language(text, short_texts=mode) for mode in ("off", "fast", "accurate")}
    assert results["off"] == results["fast"] == results["accurate"]
    assert _detector.cache_info().misses + _detector.cache_info().hits == asked_before


def test_latin_serbian_gets_the_opinion_of_its_closest_language() -> None:
    from normalizer.detect_short import second_opinion

    values = second_opinion("rijeka", ["bs", "hr", "sl", "sr"], "LATIN", "fast")
    assert values["sr"] == values["hr"] == values["bs"]
    assert set(values) == {"bs", "hr", "sl", "sr"}


def test_a_language_lingua_lacks_gets_the_median_opinion() -> None:
    from normalizer.detect_short import second_opinion

    values = second_opinion("vecinos", ["es", "gl", "pt"], "LATIN", "fast")
    assert values["gl"] == sorted([values["es"], values["pt"]])[1]


def test_an_unknown_short_texts_mode_is_a_caller_error() -> None:
    with pytest.raises(ValueError, match="short_texts"):
        detect_language("gemeente", short_texts="fastest")


def test_second_opinion_off_asks_nothing() -> None:
    from normalizer.detect_short import second_opinion

    assert second_opinion("gemeente", ["af", "nl"], "LATIN", "off") == {}


def test_cli_short_texts_option_selects_the_second_opinion() -> None:
    done = run_detect("--short-texts", "accurate", "--format", "text", "gemeente")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\t")[0] == "nl"


# --- third pass: article detection in batches ----------------------------------------------------


def test_feature_walk_finds_the_states_of_py3langids_automaton_walk() -> None:
    from collections import Counter

    import numpy as np
    from py3langid.langid import visit_counts

    from normalizer.detect_model import load_model

    model = load_model(SUPPORTED_LANGUAGES)
    texts = [f" {text} ".encode() for text in SENTENCES.values()]
    texts += [b"", b"x", b" a ", " Ђаци ".encode(), " 東京都の新しい駅 ".encode()]
    texts.append((SENTENCES["pl"] * 40).encode())
    text_of, feature = model._features(texts, np)
    found = Counter(zip(text_of.tolist(), feature.tolist(), strict=True))
    rowbase, out = model.rowbase.tolist(), model.out.tolist()
    for i, text in enumerate(texts):
        expected = visit_counts(model.nextmove, rowbase, out, text) or {}
        assert {index: n for (owner, index), n in found.items() if owner == i} == expected


@given(st.lists(st.text(max_size=40), max_size=6))
@settings(max_examples=200, deadline=None)
def test_letters_counted_together_equal_letters_counted_per_text(texts: list[str]) -> None:
    from normalizer.detect_evidence import gather_evidence, gather_evidence_many

    assert gather_evidence_many(texts) == [gather_evidence(text) for text in texts]


@pytest.mark.parametrize(
    "parts", [["ΟΔΟΣ", "Σ ΑΣ", "'Σ"], ["İstanbul", "-ab-", "it's"], [SENTENCES["ru"], ""]]
)
def test_words_of_combined_texts_are_the_words_of_the_joined_text(parts: list[str]) -> None:
    from normalizer.detect_evidence import TextEvidence, gather_evidence

    combined = TextEvidence.combine([gather_evidence(part) for part in parts])
    assert combined.words == gather_evidence(combined.text).words


CROATIAN = "Gradsko vijeće odlučilo je da će se tramvajska pruga produljiti do novog naselja."
SHORT_AND_LONG = ["text", CROATIAN]  # a tempered word, a sentence whose group is sharpened


@given(
    st.dictionaries(st.sampled_from(SUPPORTED_LANGUAGES), st.floats(-40, 40), min_size=1),
    st.sampled_from(SHORT_AND_LONG),
    st.sampled_from([SUPPORTED_LANGUAGES, ("de", "en", "ro")]),
)
@settings(max_examples=300, deadline=None)
def test_code_only_decision_equals_the_full_decision(
    logits: dict[str, float], text: str, allowed: tuple[str, ...]
) -> None:
    from normalizer.detect import _decide, _decide_code
    from normalizer.detect_evidence import gather_evidence

    evidence = gather_evidence(text)
    assert _decide_code(dict(logits), evidence, allowed) == _decide(dict(logits), evidence, allowed).code


def _softmax_best(logits: dict[str, float]) -> tuple[str, float]:
    peak = max(logits.values())
    total = sum(math.exp(value - peak) for value in logits.values())
    best = max(sorted(logits), key=logits.__getitem__)
    return best, 1 / total


# log-odds a thousandth apart or more: closer ones may round to one value once shifted
ROUNDED_ODDS = st.floats(-40, 40).map(lambda value: round(value, 3))


@given(
    st.dictionaries(st.sampled_from(["bs", "hr", "sr", "sl", "mk", "en"]), ROUNDED_ODDS, min_size=1),
    st.sampled_from(SHORT_AND_LONG),
)
@settings(max_examples=300, deadline=None)
def test_calibration_keeps_the_best_candidate(logits: dict[str, float], text: str) -> None:
    from normalizer.detect import _calibrated
    from normalizer.detect_evidence import gather_evidence

    calibrated = _calibrated(dict(logits), gather_evidence(text))
    assert _softmax_best(calibrated)[0] == _softmax_best(logits)[0]


def test_a_word_is_reported_less_sure_than_its_raw_odds() -> None:
    from normalizer.detect import _calibrated
    from normalizer.detect_evidence import gather_evidence

    logits = {"cs": 2.0, "sk": 0.0, "pl": -1.0}
    assert _softmax_best(_calibrated(logits, gather_evidence("vláda")))[1] < _softmax_best(logits)[1]


def test_a_sentence_outside_the_sharpened_group_keeps_its_raw_odds() -> None:
    from normalizer.detect import _calibrated
    from normalizer.detect_evidence import gather_evidence

    logits = {"cs": 2.0, "sk": 0.0, "pl": -1.0}
    assert _calibrated(logits, gather_evidence(SENTENCES["ro"])) == logits


def test_a_serbo_croatian_sentence_is_sharpened_inside_its_group_only() -> None:
    from normalizer.detect import _calibrated
    from normalizer.detect_evidence import gather_evidence

    logits = {"hr": 1.0, "bs": 0.5, "sr": 0.0, "sl": -1.0}
    calibrated = _calibrated(logits, gather_evidence(CROATIAN))
    assert _softmax_best(calibrated)[1] > _softmax_best(logits)[1]
    assert calibrated["sl"] == logits["sl"]
    group = ("hr", "bs", "sr")
    raw_total = sum(math.exp(logits[lang]) for lang in group)
    assert sum(math.exp(calibrated[lang]) for lang in group) == pytest.approx(raw_total)


def test_a_group_without_the_best_candidate_is_not_sharpened() -> None:
    from normalizer.detect import _calibrated
    from normalizer.detect_evidence import gather_evidence

    logits = {"sl": 1.0, "hr": 0.8, "bs": 0.0, "sr": -0.5}
    assert _calibrated(logits, gather_evidence(CROATIAN)) == logits


@pytest.mark.parametrize("text", [
    "В городе с утра снег",
    "В Москве с утра идет снег, но от центра до аэропорта между тем свободно.",
])
def test_russian_words_that_bulgarian_shares_do_not_make_a_russian_text_bulgarian(text: str) -> None:
    assert detect_language(text).code == "ru"


@pytest.mark.parametrize("word", ["također", "vremena", "predložiti", "domaće"])
def test_croatian_words_are_no_serbian_markers(word: str) -> None:
    from normalizer.detect_evidence import group_of, marker_counts

    assert "sr" not in marker_counts([word], group_of("hr"))


@pytest.mark.parametrize("word", ["kontrolisao", "informisati", "funkcionisala"])
def test_loan_verbs_in_isati_mark_serbian_and_bosnian_not_croatian(word: str) -> None:
    from normalizer.detect_evidence import group_of, marker_counts

    counts = marker_counts([word], group_of("hr"))
    assert counts.get("sr") == counts.get("bs") == 1 and "hr" not in counts


@pytest.mark.parametrize("word", ["ljekovima", "Prijestonice"])
def test_montenegrin_forms_mark_serbian_only(word: str) -> None:
    from normalizer.detect_evidence import group_of, marker_counts

    assert marker_counts([word.lower()], group_of("hr")) == {"sr": 1}


@pytest.mark.parametrize(("text", "codes"), [
    ("Tramp je u Vašingtonu razgovarao sa Makronom o carinama.", {"sr"}),
    ("Trump je u Washingtonu razgovarao s Macronom o carinama.", {"hr", "bs"}),
    ("Predsjednik Tramp potpisao je novu uredbu o carinama.", {"sr"}),  # ijekavian: Montenegro
])
def test_how_a_sentence_spells_foreign_names_tells_serbian_from_croatian_and_bosnian(text: str, codes: set[str]) -> None:
    assert detect_language(text).code in codes


def test_healing_ljekovit_marks_no_member() -> None:
    from normalizer.detect_evidence import group_of, marker_counts

    assert marker_counts(["ljekovito"], group_of("hr")) == {}


@pytest.mark.parametrize(("word", "member"), [
    ("postaje", "hr"), ("postaju", "hr"),  # "becomes", "become"; Croatian "postaja" is a station
    ("sepak", "ms"),  # football: "sepak bola" in Indonesian, "bola sepak" in Malay
    ("ski", "af"), ("skelet", "af"), ("ogenblik", "af"),  # loans, and Dutch's "-blik", not "-lik"
])
def test_words_shaped_like_markers_mark_no_member(word: str, member: str) -> None:
    from normalizer.detect_evidence import group_of, marker_counts

    assert marker_counts([word], group_of(member)) == {}


@pytest.mark.parametrize("word", ["pisati", "potpisala", "izbrisan", "misao"])
def test_native_verbs_in_isati_mark_no_member(word: str) -> None:
    from normalizer.detect_evidence import group_of, marker_counts

    assert marker_counts([word], group_of("hr")) == {}


@pytest.mark.parametrize(("word", "members"), [
    ("liječnika", {"hr"}),
    ("apoteka", {"sr", "bs"}),
    ("elektroničkog", {"hr"}),
    ("elektronskog", {"sr", "bs"}),
    ("entiteta", {"bs"}),
    ("auto-puta", {"sr", "bs"}),
    ("ljekara", {"sr", "bs"}),      # ijekavian Serbian (Montenegro, Republika Srpska) and Bosnian
    ("eura", {"hr", "bs", "sr"}),    # Montenegro pays in euros; Serbia writes "evra"
    ("sjutra", {"sr"}),             # Montenegrin "tomorrow"
    ("kolodvora", {"hr"}),          # station: Serbian and Bosnian "stanica"
    ("postaji", {"hr"}),
    ("putovnicu", {"hr"}),
    ("pasoš", {"sr", "bs"}),
    ("ubojstva", {"hr"}),
    ("ubistva", {"sr", "bs"}),
    ("spoljnih", {"sr"}),           # foreign (affairs): Croatian, Bosnian, Montenegrin "vanjskih"
    ("uposlenici", {"bs"}),         # employees: Croatian "zaposlenici"
    ("poreskih", {"sr", "bs"}), ("poreznu", {"hr", "bs"}),  # tax: "poreska" / "porezna uprava"
    # foreign names: Serbian transcribes them, the others keep the original spelling
    ("trampa", {"sr"}), ("vašingtonu", {"sr"}), ("vasingtonu", {"sr"}), ("guglom", {"sr"}),
    ("trumpa", {"hr", "bs", "sl"}), ("washingtonu", {"hr", "bs", "sl"}), ("googlea", {"hr", "bs", "sl"}),
    ("kerajaan", {"ms"}),
    ("narkoba", {"id"}),
    ("pesakit", {"ms"}), ("pasien", {"id"}),  # patient
    ("rasuah", {"ms"}), ("korupsi", {"id"}),  # corruption
    ("eksport", {"ms"}), ("ekspor", {"id"}),
    ("nie", {"af"}), ("niet", {"nl"}),
    ("moontlik", {"af"}), ("mogelijk", {"nl"}),  # -lik / -lijk
    ("ekonomiese", {"af"}), ("economische", {"nl"}),  # -iese / -ische
    ("skool", {"af"}), ("geskiedenis", {"af"}),  # sk- / sch-
])
def test_words_one_standard_replaces_mark_the_others(word: str, members: set[str]) -> None:
    from normalizer.detect_evidence import group_of, marker_counts

    assert set(marker_counts([word], group_of(next(iter(members))))) == members


def test_the_name_of_montenegro_in_any_case_marks_serbian() -> None:
    from normalizer.detect_evidence import group_of, marker_counts

    for words in (["crna", "gora"], ["u", "crnoj", "gori"], ["iz", "crne", "gore"]):
        assert marker_counts(words, group_of("hr")) == {"sr": 1}
    assert marker_counts(["crne", "oči"], group_of("hr")) == {}


def test_marker_counts_without_a_member_skip_the_words_and_pairs_that_vote_for_it() -> None:
    from normalizer.detect_evidence import group_of, marker_counts

    words = ["opština", "hiljada", "mora", "da", "crna", "gora"]
    assert marker_counts(words, group_of("hr")) == {"sr": 4, "bs": 2}
    assert marker_counts(words, group_of("hr"), without="bs") == {"sr": 2}


def test_ijekavian_words_cost_serbian_no_more_than_ijekavian_serbian_is_rarer() -> None:
    import math

    from normalizer.detect import IJEKAVIAN_SERBIAN, _marker_odds
    from normalizer.detect_evidence import gather_evidence, group_of

    # five ijekavian words and nothing else that tells the members apart
    evidence = gather_evidence("Djeca su prošle nedjelje vidjela snijeg i bijele rijeke.")
    odds = _marker_odds({"bs": 0.0, "hr": 0.0, "sr": 0.0}, evidence, group_of("hr"))
    assert odds["hr"] == odds["bs"] > odds["sr"] >= odds["bs"] + math.log(IJEKAVIAN_SERBIAN) - 1e-9


def test_the_models_lead_against_serbian_on_ijekavian_text_is_not_counted_twice() -> None:
    from normalizer.detect import _marker_odds
    from normalizer.detect_evidence import gather_evidence, group_of

    evidence = gather_evidence("Djeca su prošle nedjelje vidjela snijeg i bijele rijeke.")
    level = {"bs": 0.0, "hr": 0.0, "sr": 0.0}
    behind = {"bs": 0.0, "hr": 0.0, "sr": -5.0}  # the n-gram model's ekavian Serbian
    odds_level = _marker_odds(level, evidence, group_of("hr"))
    odds_behind = _marker_odds(behind, evidence, group_of("hr"))
    assert behind["sr"] + odds_behind["sr"] == pytest.approx(level["sr"] + odds_level["sr"])


def test_in_ijekavian_text_a_word_bosnian_does_not_write_weighs_more_for_serbian() -> None:
    from normalizer.detect import IJEKAVIAN_SERBIAN_WORD, MARKER_WORD, _marker_odds
    from normalizer.detect_evidence import gather_evidence, group_of

    def lead_of_opstine(head: str) -> float:
        """What "opštine" adds to Serbian's lead over Bosnian after ``head``."""
        start = {"bs": 0.0, "hr": 0.0, "sr": 0.0}
        with_word = _marker_odds(start, gather_evidence(f"{head} opštine"), group_of("hr"))
        without = _marker_odds(start, gather_evidence(f"{head} sela"), group_of("hr"))
        return (with_word["sr"] - with_word["bs"]) - (without["sr"] - without["bs"])

    assert lead_of_opstine("Predsednik") == pytest.approx(MARKER_WORD)
    assert lead_of_opstine("Predsjednik") == pytest.approx(MARKER_WORD + IJEKAVIAN_SERBIAN_WORD)


def test_a_word_serbian_and_bosnian_share_gets_no_ijekavian_serbian_weight() -> None:
    from normalizer.detect import _marker_odds
    from normalizer.detect_evidence import gather_evidence, group_of

    odds = _marker_odds({"bs": 0.0, "hr": 0.0, "sr": 0.0}, gather_evidence("Hiljade mještana"), group_of("hr"))
    plain = _marker_odds({"bs": 0.0, "hr": 0.0, "sr": 0.0}, gather_evidence("Stotine mještana"), group_of("hr"))
    assert odds["sr"] - odds["bs"] == pytest.approx(plain["sr"] - plain["bs"])


@pytest.mark.parametrize(
    "text",
    [
        "Predsjednik opštine je najavio da će novi vrtić biti otvoren u proljeće.",  # opština
        "Mještani Nikšića traže da se popravi put prema Šavniku.",  # Montenegrin towns
    ],
)
def test_ijekavian_text_with_a_serbian_word_or_town_is_montenegrin_serbian(text: str) -> None:
    assert detect_language(text).code == "sr"


def test_a_montenegrin_text_is_confidently_serbian() -> None:
    text = (
        "Turistička organizacija Budve saopštila je da je ovog ljeta grad posjetilo više turista "
        "nego prošle godine. Najviše gostiju stiglo je iz Srbije, Njemačke i Francuske. Hotelijeri "
        "kažu da su cijene smještaja ostale na prošlogodišnjem nivou. Opština planira da sljedeće "
        "sezone uredi novo šetalište uz more."
    )
    result = detect_language(text)
    assert result.code == "sr" and result.confidence > 0.8


@pytest.mark.parametrize(("word", "member"), [
    ("beogradskog", "sr"), ("podgorici", "sr"), ("zagrebačkoj", "hr"), ("sarajevskih", "bs"),
])
def test_cases_and_adjectives_of_a_capital_mark_its_countrys_standard(word: str, member: str) -> None:
    from normalizer.detect_evidence import group_of, marker_counts

    assert marker_counts([word], group_of("hr")) == {member: 1}


def test_east_slavic_adjective_endings_do_not_tell_russian_from_ukrainian_or_belarusian() -> None:
    from normalizer.detect_evidence import group_of, marker_counts

    counts = marker_counts(["нового", "старых"], group_of("be"))
    assert counts.get("ru", 0) == counts.get("uk", 0) == counts.get("be", 0)


@pytest.mark.parametrize(("word", "members"), [
    ("säkerheten", {"nb", "sv"}), ("avgick", {"nb", "sv"}), ("stationen", {"da", "sv"}), ("mejl", {"da", "sv"}),
])
def test_endings_swedish_shares_with_norwegian_or_danish_vote_for_swedish_too(word: str, members: set[str]) -> None:
    from normalizer.detect_evidence import group_of, marker_counts

    assert set(marker_counts([word], group_of("sv"))) == members


@pytest.mark.parametrize("word", ["afrika", "afrikanska", "afghanistan"])
def test_names_spelled_with_af_in_all_scandinavian_languages_do_not_mark_danish(word: str) -> None:
    from normalizer.detect_evidence import group_of, marker_counts

    assert "da" not in marker_counts([word], group_of("da"))


@pytest.mark.parametrize(("word", "member", "other"), [
    ("organisationen", "da", "nb"), ("organisasjonen", "nb", "da"),
])
def test_tion_and_sjon_still_tell_danish_from_norwegian(word: str, member: str, other: str) -> None:
    from normalizer.detect_evidence import group_of, marker_counts

    counts = marker_counts([word], group_of("da"))
    assert member in counts and other not in counts


@pytest.mark.parametrize("text", ["Säkerheten på stationen", "Situationen kring stationen"])
def test_a_swedish_title_with_endings_norwegian_or_danish_share_is_swedish(text: str) -> None:
    assert detect_language(text).code == "sv"


def test_swedish_markers_only_move_probability_between_the_scandinavian_languages() -> None:
    from normalizer.detect import _add_marker_evidence
    from normalizer.detect_evidence import gather_evidence

    logits = {"en": 0.0, "de": -1.0, "nb": -0.4, "da": -0.6, "sv": -0.9}
    _add_marker_evidence(logits, gather_evidence("och inte"), {})  # two Swedish markers
    assert (logits["en"], logits["de"]) == (0.0, -1.0)
    assert _log_total([logits[lang] for lang in ("nb", "da", "sv")]) == pytest.approx(_log_total([-0.4, -0.6, -0.9]))
    assert logits["sv"] > max(logits["nb"], logits["da"])


def _log_total(values: list[float]) -> float:
    import math

    return math.log(sum(math.exp(value) for value in values))


@pytest.mark.parametrize("text", ["повишеног притиска", "продуженог рока"])
def test_serbian_genitive_the_model_reads_as_ukrainian_is_serbian(text: str) -> None:
    # the model puts these first in Ukrainian, whose own close group (ru/uk/be) never read the
    # Serbian "-ог" ending: the Cyrillic groups are linked by Russian and read as one
    assert detect_language(text).code == "sr"


def test_markers_of_a_group_below_the_best_only_move_probability_between_its_members() -> None:
    from normalizer.detect import _add_marker_evidence
    from normalizer.detect_evidence import gather_evidence

    logits = {"en": 0.0, "de": -1.0, "cs": -0.2, "sk": -0.6}
    _add_marker_evidence(logits, gather_evidence("pre sa"), {})  # two Slovak markers
    assert (logits["en"], logits["de"]) == (0.0, -1.0)
    assert _log_total([logits["cs"], logits["sk"]]) == pytest.approx(_log_total([-0.2, -0.6]))
    assert logits["sk"] > logits["cs"]


def test_a_group_likelier_together_than_the_best_candidate_gives_the_answer_to_its_marked_member() -> None:
    from normalizer.detect import _add_marker_evidence, _decide
    from normalizer.detect_evidence import gather_evidence

    evidence = gather_evidence("kakitangan")  # Malay "staff" (Indonesian "pegawai")
    logits = {"tl": 0.0, "ms": -0.2, "id": -0.8}
    _add_marker_evidence(logits, evidence, {})
    assert _decide(logits, evidence).code == "ms"


def test_the_prior_counts_when_deciding_whether_a_group_can_hold_the_answer() -> None:
    import math

    from normalizer.detect import _add_marker_evidence
    from normalizer.detect_evidence import gather_evidence

    evidence = gather_evidence("idući tjedan u tvornici")  # Croatian "next week at the factory"
    start = {"cs": 0.0, "hr": -2.5, "sr": -2.5, "bs": -2.5}
    unhinted = dict(start)
    _add_marker_evidence(unhinted, evidence, {})
    assert unhinted == start  # together less likely than Czech: nothing to decide
    hinted = dict(start)
    _add_marker_evidence(hinted, evidence, {"sr": math.log(60)})  # a page declared Serbian
    assert hinted["hr"] > hinted["sr"] + math.log(60)  # the text overrules the hint


@pytest.mark.parametrize(("text", "group"), [("the end", {"da", "nb", "sv"}), ("pre sale", {"cs", "sk"})])
def test_a_marker_of_another_group_does_not_lift_its_language_over_english(text: str, group: set[str]) -> None:
    # "end" is a Danish/Norwegian marker, "pre" a Slovak one: they may move probability inside
    # their group, never above the English reading (word frequencies may find "pre sale" more
    # Romanian than English: "sale", his, is among Romanian's 500 most frequent words)
    assert detect_language(text).code not in group


def test_a_listless_member_of_a_close_group_takes_a_share_of_its_word_frequency_odds() -> None:
    from normalizer.detect import UNLISTED_SHARE, _add_short_word_evidence
    from normalizer.detect_evidence import gather_evidence
    from normalizer.detect_words import WORD_LISTS

    assert "af" not in WORD_LISTS and "nl" in WORD_LISTS
    evidence = gather_evidence("duisternis rondom")  # words Dutch's list holds
    start = {"af": 0.0, "nl": 0.0, "de": 0.0, "en": 0.0}
    logits = dict(start)
    _add_short_word_evidence(logits, evidence, folded=False)
    moved = {lang: logits[lang] - start[lang] for lang in start}
    assert moved["nl"] > moved["de"]
    assert moved["af"] == pytest.approx(UNLISTED_SHARE * moved["nl"])


# Word frequencies (normalizer.detect_words, wordfreq's lists) inside a close group.

MALAY_WITHOUT_MARKERS = "Penduduk kampung itu sudah lama menunggu jalan yang rosak dibaiki sebelum musim tengkujuh."
INDONESIAN_WITHOUT_MARKERS = "Warga desa itu sudah lama menunggu perbaikan jalan yang rusak parah sejak musim hujan lalu."


@pytest.mark.parametrize(("text", "code"), [(MALAY_WITHOUT_MARKERS, "ms"), (INDONESIAN_WITHOUT_MARKERS, "id")])
def test_word_frequencies_tell_malay_from_indonesian_without_any_marker_word(text: str, code: str) -> None:
    from normalizer.detect_evidence import gather_evidence, group_of, marker_counts

    assert marker_counts(gather_evidence(text).words, group_of("ms")) == {}  # nothing hand-written applies
    detection = detect_language(text)
    assert (detection.code, detection.confidence > 0.8) == (code, True)


def test_word_frequencies_only_move_probability_between_group_members() -> None:
    from normalizer.detect import _add_frequency_evidence
    from normalizer.detect_evidence import gather_evidence

    logits = {"id": 0.0, "ms": -0.3, "tl": -0.5, "en": -2.0}
    _add_frequency_evidence(logits, gather_evidence(MALAY_WITHOUT_MARKERS), folded=False)
    assert (logits["tl"], logits["en"]) == (-0.5, -2.0)
    assert _log_total([logits["id"], logits["ms"]]) == pytest.approx(_log_total([0.0, -0.3]))
    assert logits["ms"] > logits["id"]


def test_word_frequencies_give_a_group_likelier_together_than_the_best_candidate_to_its_member() -> None:
    from normalizer.detect import _add_frequency_evidence, _decide
    from normalizer.detect_evidence import gather_evidence

    evidence = gather_evidence(MALAY_WITHOUT_MARKERS)
    logits = {"tl": 0.0, "id": -0.3, "ms": -0.5}
    _add_frequency_evidence(logits, evidence, folded=False)
    assert logits["tl"] == 0.0
    assert _decide(logits, evidence).code == "ms"


def test_word_frequencies_of_a_group_less_likely_than_the_best_candidate_are_not_read() -> None:
    from normalizer.detect import _add_frequency_evidence
    from normalizer.detect_evidence import gather_evidence

    logits = {"en": 0.0, "id": -3.0, "ms": -3.0}
    _add_frequency_evidence(logits, gather_evidence(MALAY_WITHOUT_MARKERS), folded=False)
    assert logits == {"en": 0.0, "id": -3.0, "ms": -3.0}


def test_words_no_list_knows_leave_the_scores_unchanged() -> None:
    from normalizer.detect import _add_frequency_evidence
    from normalizer.detect_evidence import gather_evidence

    logits = {"id": -0.3, "ms": -0.5, "tl": -1.0}
    _add_frequency_evidence(logits, gather_evidence("Zqvrat blorfen kwazzu"), folded=False)
    assert logits == {"id": -0.3, "ms": -0.5, "tl": -1.0}


def test_a_decisive_model_margin_gets_no_word_frequency_evidence() -> None:
    from normalizer.detect import FREQUENCY_MARGIN, _add_frequency_evidence
    from normalizer.detect_evidence import gather_evidence

    logits = {"id": 0.0, "ms": -FREQUENCY_MARGIN - 1.0}
    _add_frequency_evidence(logits, gather_evidence(MALAY_WITHOUT_MARKERS), folded=False)
    assert logits == {"id": 0.0, "ms": -FREQUENCY_MARGIN - 1.0}


def test_cyrillic_serbian_reads_the_shared_latin_serbo_croatian_list() -> None:
    from normalizer.detect_words import frequency_odds

    # Serbian "године" (of the year) is Macedonian "години"
    odds = frequency_odds(["године", "против"], ["mk", "sr"], "CYRILLIC")
    assert odds["sr"] == 0.0 > odds["mk"]


def test_a_word_one_list_lacks_counts_as_rarer_there_than_that_lists_rarest_words() -> None:
    from normalizer.detect_words import frequency_odds

    # "tengkujuh" (monsoon) is among the rarest words of the Malay list and not in the Indonesian one
    odds = frequency_odds(["tengkujuh"], ["id", "ms"], "LATIN")
    assert odds["ms"] == 0.0 > odds["id"]


def test_folded_word_lists_know_words_typed_without_diacritics() -> None:
    from normalizer.detect_words import UNLISTED_CB, _list_frequency

    # "nekolik" is Czech "několik" (several) typed without diacritics; "mesta" is also plain Slovak
    assert _list_frequency("cs", "nekolik") == UNLISTED_CB
    assert _list_frequency("cs", "nekolik", folded=True) == _list_frequency("cs", "několik") > UNLISTED_CB
    assert _list_frequency("cs", "mesta", folded=True) >= _list_frequency("cs", "města")


def test_folded_word_frequencies_tell_czech_from_slovak() -> None:
    from normalizer.detect_words import frequency_odds

    # "lékaři varují před chřipkou u malých dětí": folded, "malych", "deti" and "pred" are plain Slovak
    words = "lekari varuji pred chripkou u malych deti".split()
    assert frequency_odds(words, ["cs", "sk"], "LATIN")["cs"] < 0
    odds = frequency_odds(words, ["cs", "sk"], "LATIN", folded=True)
    assert odds["cs"] == 0.0 > odds["sk"]


def test_words_in_another_script_than_the_text_give_no_word_frequency_evidence() -> None:
    from normalizer.detect_words import frequency_odds

    # a Latin band name in a Macedonian sentence is found only in the (Latin) Serbo-Croatian list
    assert frequency_odds(["perverts", "versus", "angels"], ["mk", "sr"], "CYRILLIC") == {"mk": 0.0, "sr": 0.0}


def test_a_missing_or_damaged_word_list_gives_neutral_evidence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from normalizer import detect_words

    (tmp_path / "small_id.msgpack.gz").write_bytes(b"not gzip at all")  # small_ms is missing

    def reset() -> None:
        detect_words._word_list.cache_clear()
        detect_words._TABLES.clear()

    reset()
    monkeypatch.setattr(detect_words, "_data_folder", lambda: tmp_path)
    try:
        assert detect_words.frequency_odds(["kesihatan", "kerana"], ["id", "ms"], "LATIN") == {"id": 0.0, "ms": 0.0}
    finally:
        monkeypatch.undo()
        reset()
    assert detect_words.frequency_odds(["kesihatan"], ["id", "ms"], "LATIN")["id"] < 0  # the real lists again


@given(st.lists(st.text(min_size=1, max_size=30), min_size=1, max_size=20))
@settings(max_examples=200, deadline=None)
def test_word_hashes_computed_together_equal_those_computed_one_by_one(words: list[str]) -> None:
    import numpy as np

    from normalizer.detect_words import _hash, _hashes

    assert [int(value) for value in _hashes(words, np)] == [_hash(word) for word in words]


# Word frequencies across the near candidates of a short text (detect._add_short_word_evidence).


@pytest.mark.parametrize(
    ("word", "code"),
    [("company", "en"), ("parliament", "en"), ("confirmed", "en"), ("sindicato", "es"), ("Niederlagen", "de"), ("malaltia", "ca")],
)
def test_a_single_word_any_dictionary_knows_is_read_in_its_language(word: str, code: str) -> None:
    # the n-gram model alone reads these as Catalan, Italian, Romanian, Italian, Dutch and Malay
    assert detect_language(word).code == code


def test_a_candidate_without_a_word_list_keeps_its_place_against_the_listed_ones() -> None:
    from normalizer.detect import _add_short_word_evidence
    from normalizer.detect_evidence import gather_evidence
    from normalizer.detect_words import WORD_LISTS

    assert "gl" not in WORD_LISTS
    logits = {"en": 0.0, "ca": 0.0, "es": 0.0, "gl": 0.0}
    _add_short_word_evidence(logits, gather_evidence("company"), folded=False)
    listed = sorted(logits[lang] for lang in ("en", "ca", "es"))
    assert logits["gl"] == listed[1] == 0.0  # the listed candidates' median
    assert logits["en"] > logits["gl"]


def test_short_word_frequencies_leave_candidates_far_behind_the_best_alone() -> None:
    from normalizer.detect import SHORT_WORDS_MARGIN, _add_short_word_evidence
    from normalizer.detect_evidence import gather_evidence

    logits = {"ca": 0.0, "en": -1.0, "it": -SHORT_WORDS_MARGIN - 1.0}
    _add_short_word_evidence(logits, gather_evidence("company"), folded=False)
    assert logits["it"] == -SHORT_WORDS_MARGIN - 1.0
    assert logits["en"] > logits["ca"]


def test_a_short_text_no_word_list_knows_keeps_its_scores() -> None:
    from normalizer.detect import _add_short_word_evidence
    from normalizer.detect_evidence import gather_evidence

    logits = {"en": 0.0, "ca": -0.5, "gl": -1.0}
    _add_short_word_evidence(logits, gather_evidence("Zqvrat blorfen"), folded=False)
    assert logits == {"en": 0.0, "ca": -0.5, "gl": -1.0}


def test_a_long_text_without_a_close_group_reads_no_word_list() -> None:
    from normalizer import detect_words

    detect_words._word_list.cache_clear()
    text = "The city council approved the new budget for public transport after a long debate on Tuesday evening."
    assert detect_language(text).code == "en"
    assert detect_words._word_list.cache_info().currsize == 0
