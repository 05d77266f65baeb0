"""Decoding page bytes like a browser, and catching declarations that lie."""

from __future__ import annotations

import codecs

import pytest

from normalizer.decode import codec_for_label, declared_charset, decode_html

ROMANIAN = (
    "Secretarul general al NATO a declarat la Bucureşti că ţările aliate produc acum mai multă "
    "muniţie decât Rusia. Preşedintele a salutat anunţul şi a promis că ţara îşi va respecta "
    "angajamentele."
)
POLISH = (
    "Sekretarz generalny NATO powiedział w Bukareszcie, że sojusznicy produkują więcej amunicji "
    "niż Rosja. Według niego państwa członkowskie zwiększyły produkcję pocisków, a prezydent "
    "Rumunii przyjął tę deklarację z zadowoleniem."
)
RUSSIAN = (
    "Генеральный секретарь НАТО заявил в Бухаресте, что союзники вместе производят больше "
    "боеприпасов, чем Россия. По его словам, новые заводы откроются в ближайшие годы."
)
FRENCH = "Le secrétaire général a déclaré à Bucarest que les alliés produisent désormais plus de munitions, à l'été."


def page(text: str, charset: str | None) -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    return f"<!DOCTYPE html><html><head>{meta}<title>t</title></head><body><p>{text}</p></body></html>"


def test_byte_order_mark_wins_over_the_declaration():
    data = codecs.BOM_UTF8 + page(ROMANIAN, "windows-1250").encode("utf-8")
    decoded = decode_html(data)
    assert decoded.encoding == "utf-8"
    assert ROMANIAN in decoded.text


def test_utf16_with_byte_order_mark_is_decoded():
    data = page(RUSSIAN, None).encode("utf-16")
    assert RUSSIAN in decode_html(data).text


def test_meta_charset_is_followed():
    decoded = decode_html(page(ROMANIAN, "windows-1250").encode("cp1250"))
    assert decoded.encoding == "cp1250"
    assert ROMANIAN in decoded.text
    assert decoded.warnings == []


def test_http_equiv_content_type_is_followed():
    html = page(RUSSIAN, None).replace(
        "<head>", '<head><meta http-equiv="Content-Type" content="text/html; charset=koi8-r">'
    )
    decoded = decode_html(html.encode("koi8-r"))
    assert decoded.encoding == "koi8-r"
    assert RUSSIAN in decoded.text


def test_xml_declaration_is_followed():
    html = '<?xml version="1.0" encoding="windows-1251"?>' + page(RUSSIAN, None)
    assert declared_charset(html.encode("cp1251")) == "windows-1251"
    assert RUSSIAN in decode_html(html.encode("cp1251")).text


def test_page_declared_latin1_that_is_utf8_is_read_as_utf8():
    decoded = decode_html(page(ROMANIAN, "iso-8859-1").encode("utf-8"))
    assert decoded.encoding == "utf-8"
    assert ROMANIAN in decoded.text
    assert any("valid UTF-8" in warning for warning in decoded.warnings)


@pytest.mark.parametrize(
    ("text", "actual"), [(ROMANIAN, "cp1250"), (POLISH, "cp1250"), (RUSSIAN, "cp1251")]
)
def test_page_declared_windows_1252_that_reads_as_another_code_page_is_redecoded(text, actual):
    decoded = decode_html(page(text, "windows-1252").encode(actual))
    assert text in decoded.text
    assert decoded.encoding == actual
    assert any("declared windows-1252" in warning for warning in decoded.warnings)


def test_correct_western_declaration_is_kept_even_where_detection_would_differ():
    decoded = decode_html(page(FRENCH, "iso-8859-1").encode("cp1252"))
    assert FRENCH in decoded.text
    assert decoded.encoding == "cp1252"
    assert decoded.warnings == []


@pytest.mark.parametrize(("text", "codec"), [(RUSSIAN, "koi8-r"), (RUSSIAN, "cp1251"), (POLISH, "cp1250")])
def test_undeclared_encoding_is_detected(text, codec):
    assert text in decode_html(page(text, None).encode(codec)).text


def test_unknown_declared_charset_is_reported_and_detection_used():
    decoded = decode_html(page(FRENCH, "x-no-such-charset").encode("utf-8"))
    assert FRENCH in decoded.text
    assert any("unknown charset 'x-no-such-charset'" in warning for warning in decoded.warnings)


def test_a_few_invalid_bytes_in_utf8_are_replaced_and_reported():
    data = page(ROMANIAN, "utf-8").encode("utf-8").replace(b"Rusia", b"Rus\xff\xfe")
    decoded = decode_html(data)
    assert decoded.encoding == "utf-8"
    assert "Bucureşti" in decoded.text
    assert any("invalid byte sequence" in warning for warning in decoded.warnings)


@pytest.mark.parametrize(
    ("label", "codec"),
    [
        ("ISO-8859-1", "cp1252"),
        ("us-ascii", "cp1252"),
        ("windows-1250", "cp1250"),
        ("utf-16", "utf-8"),
        ("koi8-r", "koi8-r"),
        ("utf-7", None),
        ("base64", None),
        ("no-such-thing", None),
    ],
)
def test_charset_labels_map_as_browsers_map_them(label, codec):
    assert codec_for_label(label) == codec
