"""Bytes -> text for HTML pages, the way a browser does it, plus repairs for lying declarations.

Order of evidence (after the WHATWG encoding-sniffing algorithm that browsers follow):

1. a byte order mark (UTF-8, UTF-16 LE/BE) wins outright;
2. a declaration in the page: ``<meta charset>``, ``<meta http-equiv="Content-Type">`` or an XML
   declaration, read from the first bytes of the document, with the labels mapped as browsers map
   them (``iso-8859-1``/``ascii`` mean windows-1252, ``utf-16`` in a meta tag means UTF-8);
3. detection with charset_normalizer when nothing usable is declared.

Real pages often lie, so a declaration is checked before it is trusted. A page declared as a
single-byte charset whose bytes are valid UTF-8 with multi-byte sequences is UTF-8 (a UTF-8 file
that is not pure ASCII essentially never validates by accident). A page declared UTF-8 that does not
validate is detected instead. A page declared windows-1252 that is really windows-1250/1251/KOI8-R
shows typical damage once decoded (Cyrillic read as accented Latin, or symbols such as ``º ³ ¹``
inside words); then the detected charset is used if it reads clean. Every such decision leaves a
warning so that a wrong guess can be traced.

charset_normalizer's own ranking is not used against a declaration that reads clean: among Latin
code pages it happily prefers windows-1250 for French text, turning "à" into "ŕ".
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

# How far into the document a declaration is looked for. Browsers pre-scan 1024 bytes; CMS pages
# often push the meta tag further down behind inline scripts, so a wider window is used.
DECLARATION_WINDOW = 16_384
# Bytes of non-ASCII words fed to the plausibility checks and to detection (enough for a verdict,
# small enough to keep detection at a few milliseconds on any page).
SAMPLE_LIMIT = 8_192

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# WHATWG label -> Python codec, for the labels where the two disagree (everything else goes
# through codecs.lookup, which knows the usual aliases).
_WHATWG_LABELS = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "iso_8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "cp819": "cp1252",
    "ibm819": "cp1252",
    "iso-8859-9": "cp1254",
    "latin5": "cp1254",
    "iso-8859-11": "cp874",
    "tis-620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "big5": "big5hkscs",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "windows-31j": "cp932",
    "euc-kr": "cp949",
    "ks_c_5601-1987": "cp949",
    "utf-16": "utf-8",
    "utf-16le": "utf-8",
    "utf-16be": "utf-8",
    "x-user-defined": "cp1252",
}
# Codecs Python knows but browsers refuse (they can smuggle markup) or that are not ASCII-compatible.
_REFUSED_CODECS = {"utf-7", "utf-32", "utf-32-le", "utf-32-be", "utf-16", "utf-16-le", "utf-16-be"}
# Single-byte code pages: their declaration is checked against the bytes.
_SINGLE_BYTE_PREFIXES = ("cp12", "cp8", "cp4", "iso8859", "koi8", "mac-", "latin", "cp1125", "tis")

_META_CHARSET = re.compile(rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:\-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(rb"""^\s*<\?xml\b[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._\-]+)""", re.IGNORECASE)
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_NON_ASCII_RUN = re.compile(rb"[\x80-\xff]+")
_WORD_DELIMITERS = frozenset(b" \t\r\n\f<>\"'=")
_DELIMITER = re.compile(rb"[\s<>\"'=]")
MAX_WORD = 64
# Invalid sequences a page declared UTF-8 may contain and still be read as UTF-8.
MAX_TOLERATED_INVALID = 3
# Symbols that a windows-125x letter becomes when read in another single-byte code page
# ("Bucureºti", "powiedzia³", "produkuj¹"). Flanked by letters they are damage, not typography; at
# the end of a word only the symbols with no legitimate use there count ("m³", "nº", "Brand®" stay).
_SYMBOL_IN_WORD = re.compile(
    r"[^\W\d_](?:[¹³£¥¿¯º¾ª¼½¤¦§¨©«®°±²´µ¶·¸»ˇ˘˝˛˙][^\W\d_]|[¹¿¾¼½¤¦¨´¶¸ˇ˘˝˛˙](?!\w))"
)


@dataclass
class Decoded:
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def decode_html(data: bytes) -> Decoded:
    """Decode an HTML page's bytes; never raises (undecodable bytes become U+FFFD, with a warning)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode(data[len(bom) :], encoding, [])

    warnings: list[str] = []
    label = declared_charset(data)
    declared = None
    if label is not None:
        declared = codec_for_label(label)
        if declared is None:
            warnings.append(f"unknown charset {label!r} declared; detecting the encoding instead")

    if declared is not None:
        return _check_declared(data, label or declared, declared, warnings)
    if _is_utf8(data):
        return _decode(data, "utf-8", warnings)
    return _decode(data, _detect(data) or "cp1252", warnings)


def declared_charset(data: bytes) -> str | None:
    """The charset label a page declares in its first bytes (meta tag or XML declaration)."""
    head = data[:DECLARATION_WINDOW]
    match = _XML_DECLARATION.search(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii").strip().lower() if match else None


def codec_for_label(label: str) -> str | None:
    """Map a charset label to a Python codec name the way browsers map labels; None if unknown."""
    label = label.strip().lower()
    if label in _WHATWG_LABELS:
        return _WHATWG_LABELS[label]
    try:
        info = codecs.lookup(label)
    except LookupError:
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name in _REFUSED_CODECS:
        return None
    return info.name


def _check_declared(data: bytes, label: str, declared: str, warnings: list[str]) -> Decoded:
    if declared == "utf-8":
        if _is_utf8(data) or _mostly_utf8(data):
            return _decode(data, "utf-8", warnings)
        detected = _detect(data)
        if detected and detected != "utf-8":
            warnings.append(f"declared {label} but the bytes are not valid UTF-8; decoded as {detected}")
            return _decode(data, detected, warnings)
        return _decode(data, "utf-8", warnings)

    if _is_single_byte(declared) and _has_non_ascii(data) and _is_utf8(data):
        warnings.append(f"declared {label} but the bytes are valid UTF-8; decoded as utf-8")
        return _decode(data, "utf-8", warnings)

    if _is_single_byte(declared):
        sample = _non_ascii_sample(data)
        if sample and _looks_misdecoded(sample.decode(declared, errors="replace")):
            detected = _detect(sample, exclude=declared)
            if detected and not _looks_misdecoded(sample.decode(detected, errors="replace")):
                warnings.append(f"declared {label} but the text reads as {detected}; decoded as {detected}")
                return _decode(data, detected, warnings)
    return _decode(data, declared, warnings)


def _looks_misdecoded(text: str) -> bool:
    """True when text shows the damage of a wrong single-byte code page."""
    from charset_normalizer.md import mess_ratio

    words = text.split()
    if not words:
        return False
    damaged = sum(1 for word in words if _SYMBOL_IN_WORD.search(word))
    if damaged / len(words) >= 0.05 and damaged >= 2:
        return True
    return mess_ratio(text, 1.0) >= 0.2


def _detect(data: bytes, exclude: str | None = None) -> str | None:
    """charset_normalizer's candidates, best first; the first one whose decoding shows no code-page
    damage wins (its ranking alone confuses related code pages, e.g. windows-1250 and -1257)."""
    from charset_normalizer import from_bytes

    sample = data if len(data) <= 2 * SAMPLE_LIMIT else _non_ascii_sample(data) or data[:SAMPLE_LIMIT]
    candidates = [codec_for_label(match.encoding) for match in from_bytes(sample)]
    candidates = [name for name in candidates if name and name != exclude]
    for name in candidates:
        if not _looks_misdecoded(_non_ascii_sample(sample).decode(name, errors="replace")):
            return name
    return candidates[0] if candidates else None


def _non_ascii_sample(data: bytes) -> bytes:
    """The words carrying non-ASCII bytes, joined: the part of a page where code pages differ.
    Runs of non-ASCII bytes are found by the regex engine, then widened to their word by hand:
    a single pattern for "a word with a non-ASCII byte somewhere" backtracks on every ASCII word."""
    parts: list[bytes] = []
    size = 0
    end = 0
    for match in _NON_ASCII_RUN.finditer(data):
        if match.start() < end:
            continue
        start = match.start()
        floor = max(end, start - MAX_WORD)
        while start > floor and data[start - 1] not in _WORD_DELIMITERS:
            start -= 1
        delimiter = _DELIMITER.search(data, match.end(), match.end() + MAX_WORD)
        end = delimiter.start() if delimiter else min(len(data), match.end() + MAX_WORD)
        parts.append(data[start:end])
        size += end - start + 1
        if size >= SAMPLE_LIMIT:
            break
    return b" ".join(parts)


def _decode(data: bytes, encoding: str, warnings: list[str]) -> Decoded:
    text = data.decode(encoding, errors="replace")
    replaced = text.count("\ufffd") - _count_literal_replacement_chars(data, encoding)
    if replaced > 0:
        warnings.append(f"{replaced} invalid byte sequence(s) for {encoding} replaced with U+FFFD")
    return Decoded(text, encoding, warnings)


def _count_literal_replacement_chars(data: bytes, encoding: str) -> int:
    return data.count(b"\xef\xbf\xbd") if encoding == "utf-8" else 0


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _mostly_utf8(data: bytes) -> bool:
    """A UTF-8 page with a few broken bytes (a truncated copy, one bad paste) stays UTF-8, as in a
    browser: only a page where invalid sequences are common, and outnumber valid multi-byte
    ones, is handed to detection (a legacy-encoded page declared as UTF-8)."""
    invalid = data.decode("utf-8", errors="replace").count("\ufffd") - data.count(b"\xef\xbf\xbd")
    return invalid <= MAX_TOLERATED_INVALID or len(_UTF8_SEQUENCE.findall(data)) >= 4 * invalid


def _has_non_ascii(data: bytes) -> bool:
    return not data.isascii()


def _is_single_byte(codec: str) -> bool:
    return codec.startswith(_SINGLE_BYTE_PREFIXES)
