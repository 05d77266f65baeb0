"""Find proper-name mentions in a text, with offsets, without a statistical tagger.

A mention is a run of capitalised words (with particles such as "von der", "de", "al-" inside,
and "of"/"and" inside organisation names), cut where title words stand ("NATO Secretary General
Mark Rutte" -> "NATO", "Mark Rutte" with a PER hint). Capitals that only mark a sentence start
are dropped when the word is a stopword or appears in lowercase elsewhere in the text. In
headlines (all caps or Title Case) and in German (which capitalises every noun), a word alone is
only taken when it is known: a gazetteer/alias entry, an acronym, a word that appears inside a
longer name of the same text, or one right after a title word. Demonyms ("Russian") are never
mentions: rewriting them to country names would change the sentence.

German needs more: capitalised common nouns in front of a name are skipped (after an article,
listed news nouns, words built like common nouns, compounds whose head says what kind of place
or organisation follows: "im US-Bundesstaat Kentucky" -> "Kentucky" LOC, "Rüstungskonzern
Rheinmetall" -> "Rheinmetall" ORG), and a genitive name is cut from the noun it governs
("Ruttes Worten" -> "Ruttes") when the bare name is capitalised elsewhere in the text.

Speed: every per-word judgement (title, acronym, key, gazetteer hit) is cached per process, and
a text's words and capitalisation evidence are computed once even when it is read again as the
context of its title.

Why rules and not spaCy/stanza: the runtime must not import them (model size, start-up time), and
for grouping a precise capitalised span is what matters; types come from cues and gazetteers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from normalizer.names_keys import (
    fold,
    plain,
    readings,
    repair_text,
    rule_lang,
    stems,
    strip_affixes,
)
from normalizer.names_lexicon import Cues, Gazetteer, cues, gazetteer_for

_WORD = re.compile(r"[^\W\d_](?:[\w]|['\-](?=\w))*|\d+")
_ELIDED = re.compile(r"^[^\W\d_]{1,4}'(?=[^\W\d_])")
_SENTENCE_GAP = re.compile(r"[.!?…:;\n]|^\s*[\"«»„“”(\[—–-]\s*$")
_NOUN_CAPITALISING = {"de", "lb"}
_GERMAN_ARTICLES = {"der", "den", "des", "dem", "die", "das"}


@dataclass
class FoundMention:
    """One mention: ``text`` is ``field``'s text[start:end]; ``core`` is the name to match
    (clitics and elided articles removed); ``hint`` is a type suggested by cues or None."""

    text: str
    field: str
    start: int
    end: int
    core: str
    hint: str | None = None


class _Tok(NamedTuple):
    """One word; a named tuple because a text makes hundreds and a frozen dataclass is several
    times slower to build. ``cap``: whether it opens a name (``_is_cap``), decided once."""

    start: int
    end: int
    word: str
    sentence_start: bool
    cap: bool


@lru_cache(maxsize=16)
def _tokens(text: str) -> tuple[_Tok, ...]:
    """The words of a text (cached: a body is read once as a field and again as the context of
    its title)."""
    out: list[_Tok] = []
    append = out.append
    new_tok = tuple.__new__  # what _Tok(...) does, without its Python-level __new__ frame
    previous_end = 0
    for match in _WORD.finditer(text):
        start, end = match.span()
        word = match.group()
        if "'" in word:
            elided = _ELIDED.match(word)
            if elided and word[elided.end()].isupper():  # d'Ukraine, dell'Europa, l'OTAN
                start += elided.end()
                word = word[elided.end():]
        if start - previous_end == 1 and text[previous_end] == " ":
            sentence_start = False
        else:
            gap = text[previous_end:start]
            sentence_start = not out or bool(_SENTENCE_GAP.search(gap))
            if sentence_start and out and gap.startswith(".") and gap[1:].isspace() and _is_abbreviation(out[-1].word):
                sentence_start = False  # "M. Rutte", "Dr. Albrecht"
        first = word[0]
        cap = first.isupper() or (first in "aeib" and _is_cap(word))  # the common case inline
        append(new_tok(_Tok, (start, end, word, sentence_start, cap)))
        previous_end = end
    return tuple(out)


@dataclass(frozen=True)
class _Evidence:
    """What a whole text says about its capitalised words: which words also occur in lowercase
    (so a capital may only mark a sentence start) and which are capitalised mid-sentence."""

    lowercase: frozenset[str]
    mid_caps: frozenset[str]
    headline: bool


@lru_cache(maxsize=16)
def _evidence(text: str, lang: str | None) -> _Evidence:
    toks = _tokens(text)
    headline = _headline_mode(toks)
    return _Evidence(
        frozenset([t.word.lower() for t in toks if t.word[0].islower()]),
        frozenset() if headline else frozenset(
            [_word_key(t.word, lang) for t in toks if t.cap and not t.sentence_start]),
        headline,
    )


_ABBREVIATIONS = {"m", "mm", "mr", "mrs", "ms", "dr", "prof", "st", "gen", "col", "sen", "rep", "gov", "sr", "jr"}


def _is_abbreviation(word: str) -> bool:
    return (len(word) == 1 and word.isupper()) or word.lower() in _ABBREVIATIONS


_ARTICLE_HEAD = re.compile(r"(?:al|el|ad|as|ash|an|ar|at|ibn|bin)-[^\W\d_]")


def _is_cap(word: str) -> bool:
    return word[:1].isupper() or (word[:1] in "aeib" and _ARTICLE_HEAD.match(word) is not None
                                  and word.split("-", 1)[1][:1].isupper())


# Cache: ~110 B per word, 3.6 MB when full; asked for nearly every capitalised word.
@lru_cache(maxsize=32_768)
def _is_acronym(word: str) -> bool:
    letters = [c for c in strip_affixes(word) if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _headline_mode(toks: tuple[_Tok, ...]) -> bool:
    """All caps, or Title Case (nearly every word capitalised): capitals carry no signal."""
    words = [t.word for t in toks if not t.word.isdigit()]
    if len(words) < 4:
        return False
    caps = sum(1 for w in words if w[:1].isupper())
    return caps / len(words) >= 0.9


def find_mentions(text: str, lang: str | None, field: str, *, context: str | None = None,
                  gazetteer: Gazetteer | None = None) -> list[FoundMention]:
    """Every proper-name mention in ``text`` with offsets into ``text`` (which must already be
    offset-safely repaired, see ``repair_text``). ``context`` is more text of the same article
    (the body, when ``text`` is a title) used to tell names from capitalised common words."""
    if not text:
        return []
    text = repair_text(text, lang)
    gazetteer = gazetteer or gazetteer_for(None)
    c = cues()
    toks = _tokens(text)
    own = _evidence(text, lang)
    headline = own.headline
    if context:
        other = _evidence(repair_text(context, lang), lang)
        lowercase = own.lowercase | other.lowercase
        mid_caps = own.mid_caps if other.headline else other.mid_caps
    else:
        lowercase, mid_caps = own.lowercase, own.mid_caps
    strict = headline or lang in _NOUN_CAPITALISING
    runs = _runs(toks, text, c, gazetteer, lang)
    found: list[FoundMention] = []
    in_long_names: set[str] = set()
    candidates: list[tuple[list[_Tok], str | None]] = []
    for run, hint in runs:
        run = _drop_sentence_start(run, lowercase, c, gazetteer, lang)
        for part, part_hint in _split_on_titles(run, c, hint):
            if len(part) > 1 and not _has_head_word(part, c) and not _known(part, gazetteer, lang):
                pieces = _split_known_places(part, gazetteer, lang)
                if len(pieces) > 1:
                    candidates.extend((piece, None if _known(piece, gazetteer, lang) else part_hint)
                                      for piece in pieces)
                    continue
            if headline:
                candidates.extend((piece, part_hint) for piece in _split_headline(part, gazetteer, lang))
                continue
            if lang in _NOUN_CAPITALISING and len(part) > 1:
                pieces = _split_german_genitive(part, mid_caps, gazetteer, lang)
                if len(pieces) > 1:
                    candidates.extend((piece, part_hint if i == 0 else None) for i, piece in enumerate(pieces))
                    continue
            candidates.append((part, part_hint))
            if len(part) > 1 or (strict and part_hint is not None):
                # a word inside a longer name, or right after a title or a typed head
                # ("Rüstungskonzern Rheinmetall"), is a name wherever else it stands alone
                in_long_names.update(_word_key(strip_affixes(t.word), lang) for t in part)
    for part, hint in candidates:
        if not part:
            continue
        if len(part) == 1 and not _keep_single(part[0], hint, lang, strict, headline, mid_caps,
                                               in_long_names, c, gazetteer):
            continue
        if len(part) == 1 and gazetteer.demonym(strip_affixes(part[0].word)):
            continue
        found.append(_mention(text, field, part, hint, lang, c))
    return found


def _runs(toks: list[_Tok], text: str, c: Cues, gazetteer: Gazetteer,
          lang: str | None) -> list[tuple[list[_Tok], str | None]]:
    """Maximal runs of capitalised words joined by single spaces (particles inside allowed),
    each with the type hinted by a lowercase title word right before it ("premierul X")."""
    runs: list[tuple[list[_Tok], str | None]] = []
    i = 0
    while i < len(toks):
        if not toks[i].cap:
            i += 1
            continue
        hint = None
        if i > 0 and not toks[i].sentence_start:
            hint = _title_hint(toks[i - 1].word)
        if lang in _NOUN_CAPITALISING:
            start = i
            i = _skip_german_nouns(toks, i, text, c, gazetteer)
            if i >= len(toks) or not toks[i].cap:
                continue
            if i > start:
                hint = _german_head_type(toks[i - 1].word) or hint
        run = [toks[i]]
        j = i + 1
        while j < len(toks) and _joined(text, run[-1], toks[j]):
            word = toks[j].word
            if toks[j].cap and not toks[j].sentence_start:
                run.append(toks[j])
                j += 1
                continue
            if word.isdigit() and plain(run[-1].word) in c.loc_words:  # "Sector 4"
                run.append(toks[j])
                j += 1
                continue
            if word in c.particles and _particle_fits(run, toks, j, text, c, lang):
                k = j
                while k < len(toks) and toks[k].word in c.particles and _joined(text, toks[k - 1], toks[k]):
                    k += 1
                if (k < len(toks) and toks[k].cap and _joined(text, toks[k - 1], toks[k])
                        and not _place_after_name(run, toks[k], toks[j].word, gazetteer, c, lang)):
                    run.extend(toks[j:k])
                    j = k
                    continue
            break
        runs.append((run, hint))
        i = j
    return runs


def _skip_german_nouns(toks: list[_Tok], i: int, text: str, c: Cues, gazetteer: Gazetteer) -> int:
    """Skip capitalised words that German grammar marks as common nouns: after an article or
    a numeral ("den Präsidenten Nicușor Dan"), a capitalised article itself ("Die Provinz
    Huesca"), frequent news nouns ("Millionen Euro") and words built like common nouns
    ("Rüstungskonzern Rheinmetall", "US-Bundesstaat Kentucky"); known places and organisations
    stay ("der Ukraine", "der Nato")."""
    while i < len(toks) and toks[i].cap and not _is_acronym(toks[i].word):
        word = toks[i].word
        if gazetteer.knows(strip_affixes(word), "de"):
            break
        previous = toks[i - 1].word if i > 0 and _joined(text, toks[i - 1], toks[i]) or (
            i > 0 and text[toks[i - 1].end:toks[i].start] == " ") else ""
        after_article = previous.lower() in c.german_determiners or previous.isdigit()
        article = (word.lower() in c.german_determiners and i + 1 < len(toks)
                   and _joined(text, toks[i], toks[i + 1]) and toks[i + 1].cap
                   and not gazetteer.knows(f"{word} {toks[i + 1].word}", "de"))  # "Den Haag"
        if not (after_article or article or _german_common_noun(word)):
            break
        i += 1
    return i


# Cache: ~90 B per word, 1.5 MB when full (German texts only).
@lru_cache(maxsize=16_384)
def _german_common_noun(word: str) -> bool:
    """A listed news noun, a word ending like German common nouns do, or a compound whose head
    names a kind of place or organisation (also after a hyphen): never the head of a name."""
    c = cues()
    key = plain(word)
    tail = key.rsplit("-", 1)[-1]
    return (key in c.german_nouns or tail in c.german_nouns or tail.endswith(c.german_noun_endings)
            or _german_head_type(word) is not None)


# Cache: ~135 B per word, 2.2 MB when full (German texts only).
@lru_cache(maxsize=16_384)
def _german_head_type(word: str) -> str | None:
    """LOC or ORG when the word is a compound whose head names a kind of place or organisation
    ("Bundesstaat", "Rüstungskonzern"): the name after it is of that type."""
    heads = cues().german_heads
    tail = plain(word).rsplit("-", 1)[-1]
    for size in range(len(tail) - 3, -1, -1):  # the longest head first
        kind = heads.get(tail[size:])
        if kind is not None:
            return kind
    return None


def _split_german_genitive(part: list[_Tok], mid_caps: frozenset[str], gazetteer: Gazetteer,
                           lang: str | None) -> list[list[_Tok]]:
    """ "Ruttes Worten", "Selenskyjs Appell": a name in the genitive before a common noun.
    Cut after a word ending in -s whose stem is capitalised elsewhere in the text or known."""
    for position, tok in enumerate(part[:-1]):
        word = tok.word
        if len(word) > 3 and word.endswith("s") and not _is_acronym(word):
            stem = word[:-1]
            if _word_key(stem, lang) in mid_caps or gazetteer.knows(stem, lang):
                return [part[:position + 1], part[position + 1:]]
    return [part]


def _place_after_name(run: list[_Tok], nxt: _Tok, particle: str, gazetteer: Gazetteer, c: Cues,
                      lang: str | None) -> bool:
    """ "Nicușor Dan la București" is a name and a place, "Ursula von der Leyen" one name: a
    name particle follows a first name, never a full name, and never introduces a known place
    (connectors in organisation names are exempt)."""
    if particle in c.connectors and _has_head_word(run, c):
        return False
    return len(run) > 1 or gazetteer.knows(strip_affixes(nxt.word), lang)


def _joined(text: str, left: _Tok, right: _Tok) -> bool:
    return text[left.end:right.start] == " " and not right.sentence_start


def _particle_fits(run: list[_Tok], toks: list[_Tok], j: int, text: str, c: Cues, lang: str | None) -> bool:
    """Name particles always fit; connectors ("of", "and") only inside organisation or place
    names ("Ministry of Defence", "Bank of England"). In German, der/den/des/dem are articles
    unless they follow "von"/"van" ("Ursula von der Leyen", not "Forum des Bündnisses")."""
    word = toks[j].word
    if lang in _NOUN_CAPITALISING and word in _GERMAN_ARTICLES and toks[j - 1].word not in ("von", "van"):
        return False
    if lang in _NOUN_CAPITALISING and j + 1 < len(toks) and _german_common_noun(toks[j + 1].word):
        return False  # "Vertreter von Regierungen"
    if word not in c.connectors:
        return True
    if word not in ("of", "for", "on", "the"):
        return False  # "and" would glue two names together more often than it builds one
    return any(plain(t.word) in c.org_words or plain(t.word) in c.loc_words for t in run)


# Cache: ~215 B per word, 7 MB when full; nine calls in ten hit.
@lru_cache(maxsize=32_768)
def _word_key(word: str, lang: str | None) -> str:
    """The fold of one word as written (case-insensitive, any script)."""
    return fold(readings(word.lower(), rule_lang(word, lang))[0])


# Cache: ~400 B per word, 6.5 MB when full; nine calls in ten hit.
@lru_cache(maxsize=16_384)
def _word_stems(word: str, lang: str | None) -> frozenset[str]:
    own = rule_lang(word, lang)
    return frozenset({fold(stem) for reading in readings(word.lower(), own) for stem in stems(reading, own)})


# Cache: ~90 B per word, 3 MB when full; nine calls in ten hit, a miss costs ~6 µs.
@lru_cache(maxsize=32_768)
def _title_hint(word: str) -> str | None:
    """The type a title word hints at, also when inflected ("генсека", "Ministrului")."""
    c = cues()
    key = plain(word)
    if key in c.titles:
        return c.titles[key]
    tail = key.rsplit("-", 1)[-1]
    if tail.endswith(c.german_roles):  # "Vizebürgermeister", "Nato-Generalsekretär"
        return "PER"
    own = rule_lang(word, None)
    # Shortest first, then alphabetical: a frozenset's order varies between processes.
    for stem in sorted(stems(readings(word.lower(), own)[0], own), key=lambda s: (len(s), s)):
        if stem in c.titles:
            return c.titles[stem]
    return None


def _drop_sentence_start(run: list[_Tok], lowercase: set[str], c: Cues, gazetteer: Gazetteer,
                         lang: str | None) -> list[_Tok]:
    """Remove a first word capitalised only because it starts the sentence, and a stopword
    glued to a name ("On Monday Petteri Orpo") unless the whole run is a known name ("The
    Hague")."""
    while run and not _is_acronym(run[0].word):
        word = run[0].word
        if run[0].sentence_start and (plain(word) in c.stopwords or word.lower() in lowercase) or len(run) > 1 and plain(word) in c.stopwords and not _known(run, gazetteer, lang):
            pass
        else:
            break
        run = run[1:]
        while run and run[0].word in c.particles:
            run = run[1:]
    while run and run[-1].word in c.particles:
        run = run[:-1]
    return run


def _known(run: list[_Tok], gazetteer: Gazetteer, lang: str | None) -> bool:
    whole = " ".join(strip_affixes(t.word) for t in run)
    return gazetteer.knows(whole, lang)


def _split_known_places(run: list[_Tok], gazetteer: Gazetteer, lang: str | None) -> list[list[_Tok]]:
    """ "Fransa Toulouse", "Rutte Rumänien": a known country or city at either end of a run
    that is not itself a known name is a mention of its own ("Prioritized Ukraine
    Requirements List" stays whole)."""
    pieces: list[list[_Tok]] = []
    if _known(run[:1], gazetteer, lang) and not _is_acronym(run[0].word):
        pieces.append(run[:1])
        run = run[1:]
    if len(run) > 1 and _known(run[-1:], gazetteer, lang) and not _is_acronym(run[-1].word):
        return [*pieces, run[:-1], run[-1:]]
    return [*pieces, run] if run else pieces


def _split_headline(run: list[_Tok], gazetteer: Gazetteer, lang: str | None) -> list[list[_Tok]]:
    """In a headline every word is capitalised: keep known two-word names ("NORTH KOREA")
    together and judge the other words one by one."""
    parts, i = [], 0
    while i < len(run):
        if i + 1 < len(run) and _known(run[i:i + 2], gazetteer, lang):
            parts.append(run[i:i + 2])
            i += 2
        else:
            parts.append([run[i]])
            i += 1
    return parts


def _split_on_titles(run: list[_Tok], c: Cues, hint: str | None) -> list[tuple[list[_Tok], str | None]]:
    """Cut a run at title words, and an acronym off a following personal name ("НАТО Марк
    Рютте"); the part after a title inherits its hint."""
    parts: list[tuple[list[_Tok], str | None]] = []
    current: list[_Tok] = []
    current_hint = hint
    for tok in run:
        title = _title_hint(tok.word) if not _is_acronym(tok.word) else None
        if title is not None:
            if current:
                parts.append((current, current_hint))
            current, current_hint = [], title
            continue
        current.append(tok)
    if current:
        parts.append((current, current_hint))
    out: list[tuple[list[_Tok], str | None]] = []
    for part, part_hint in parts:
        while part and part[0].word in c.particles:
            part = part[1:]
        if len(part) > 1 and _is_acronym(part[0].word) and not _has_head_word(part, c):
            out.append(([part[0]], "ORG"))
            part = part[1:]
        out.append((part, part_hint))
    return out


def _has_head_word(part: list[_Tok], c: Cues) -> bool:
    return any(plain(t.word) in c.org_words or plain(t.word) in c.loc_words for t in part)


def _keep_single(tok: _Tok, hint: str | None, lang: str | None, strict: bool, headline: bool,
                 mid_caps: set[str], in_long_names: set[str], c: Cues, gazetteer: Gazetteer) -> bool:
    word = strip_affixes(tok.word)
    if len(word) < 2 or plain(word) in c.stopwords and not _is_acronym(word):
        return False
    known_stems = _word_stems(word, lang)
    if known_stems & in_long_names:
        return True
    if gazetteer.knows(word, lang):
        return True
    if _is_acronym(word):
        return not headline or _word_key(word, lang) in mid_caps
    if hint is not None:
        return True
    if headline:
        return bool(known_stems & mid_caps)
    if strict:
        return False
    return not tok.sentence_start or bool(known_stems & mid_caps)


def _mention(text: str, field: str, part: list[_Tok], hint: str | None, lang: str | None, c: Cues) -> FoundMention:
    start, end = part[0].start, part[-1].end
    last = part[-1].word
    core_last = strip_affixes(last)
    if lang == "en" and core_last != last and last.startswith(core_last):
        end = part[-1].start + len(core_last)  # "Rutte's" -> "Rutte": the suffix stays in the text
    words = [t.word for t in part]
    if hint is None:
        if any(plain(w) in c.org_words for w in words):
            hint = "ORG"
        elif any(plain(w) in c.loc_words for w in words):
            hint = "LOC"
        elif len(part) == 1 and _is_acronym(last):
            hint = "ORG"
    core = " ".join(strip_affixes(w) for w in words)
    return FoundMention(text[start:end], field, start, end, core, hint)
