"""Text cleaning that repairs and normalises without changing letters.

Used for every text field the extract stage emits (body, title, names, description).
"""

from __future__ import annotations

import re
import unicodedata

# Invisible characters with no meaning in running text: soft hyphen, zero-width space, word joiner,
# BOM, direction marks and embeddings. ZWJ/ZWNJ (U+200C/D) are kept: they are spelling in Persian,
# Indic scripts and emoji sequences.
_INVISIBLE = re.compile("[\u00ad\u200b\u2060\ufeff\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\u180e]")
_SPACE_LIKE = re.compile("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SPACE_RUN = re.compile(r" {2,}")
_LINE_BREAKS = re.compile("\r\n?|[\u2028\u2029\x85]")


def clean_text(text: str) -> str:
    """Repair and normalise text without changing its letters: mojibake repaired by ftfy (which is
    conservative: it only re-decodes text that is evidently mis-decoded), NFC, invisible and control
    characters removed, non-breaking and other special spaces made plain, runs of spaces collapsed,
    lines stripped. Newlines are kept. Quotes, letter forms and cedillas are left exactly as given."""
    text = repair_mojibake(_LINE_BREAKS.sub("\n", text))
    text = _CONTROL.sub("", _SPACE_LIKE.sub(" ", _INVISIBLE.sub("", text)))
    text = "\n".join(_SPACE_RUN.sub(" ", line).strip() for line in text.split("\n"))
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def repair_mojibake(text: str) -> str:
    """Text with its mojibake repaired by ftfy ("NejlÃ©pe" -> "Nejlépe"), only when it shows a
    trace of it (see :func:`may_be_mojibake`); anything else is returned as it is."""
    if not may_be_mojibake(text):
        return text
    import ftfy

    return ftfy.fix_text(
        text,
        unescape_html=False,
        uncurl_quotes=False,
        fix_character_width=False,
        fix_latin_ligatures=False,
        normalization="NFC",
        explain=False,
    )


def clean_inline(text: str | None) -> str | None:
    """clean_text for one-line fields (title, names): newlines become spaces; empty -> None."""
    if not text:
        return None
    cleaned = clean_text(text.replace("\n", " "))
    return cleaned or None


def _mojibake_hints() -> tuple[re.Pattern[str], ...]:
    """What UTF-8 text leaves behind when it was decoded as latin-1 or windows-1252/1250/1251: a
    lead byte read as a character, followed by a continuation byte (0x80-0xBF) read as one; plus
    C1 controls. ftfy costs about a millisecond per 4 KB, so it only runs on text showing one of
    these (it still decides itself whether and how to repair). For windows-1250/1251 only the
    leads of the commonest damage are used (Latin letters 0xC2-0xC5 and punctuation 0xE2;
    Cyrillic 0xD0-0xD1): their other lead bytes are ordinary letters there ("ę", "î", "в") and
    would send most Polish, Romanian or Ukrainian text through ftfy. One pattern per code page,
    each starting with a character class, because a single alternation is ten times slower."""
    patterns = []
    for codec, lead_bytes in (
        ("cp1252", range(0xC2, 0xF5)),
        ("cp1250", (0xC2, 0xC3, 0xC4, 0xC5, 0xE2)),
        ("cp1251", (0xD0, 0xD1)),
    ):
        lead = bytes(lead_bytes).decode(codec, errors="ignore")
        continuation = bytes(range(0x80, 0xC0)).decode(codec, errors="ignore")
        patterns.append(re.compile(f"[{re.escape(lead)}][{re.escape(continuation)}]"))
    patterns.append(re.compile("[\x80-\x9f]"))  # latin-1 reads those bytes as C1 controls
    return tuple(patterns)


_MOJIBAKE_HINTS = _mojibake_hints()


def may_be_mojibake(text: str) -> bool:
    """Whether text shows a trace of UTF-8 decoded with a single-byte code page (see above)."""
    return any(pattern.search(text) for pattern in _MOJIBAKE_HINTS)
