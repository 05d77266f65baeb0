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

Speed: a text's words are kept as columns built by C code (``re.split``, ``compress``, set
operations), and Python looks only at the capitalised words and their neighbours; every
per-word judgement (title, acronym, key, gazetteer hit) is cached per process; and a text's
repair, words and capitalisation evidence are computed once even when it is read again as the
context of its title.

Why rules and not spaCy/stanza: the runtime must not import them (model size, start-up time), and
for grouping a precise capitalised span is what matters; types come from cues and gazetteers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, filterfalse, repeat
from operator import contains
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

#: a word: a letter, then letters, digits, and apostrophes or hyphens inside ("Jong-un",
#: "Rutte's"); or a number. In a group, so that ``split`` returns the words between the gaps.
#: Written for speed (it reads every character of every text): a single character class first,
#: which the regex engine looks for quickly between words, then the rest of a word or number
#: as told by that character (look-behind), with possessive repeats that keep no backtracking
#: state. The same words as ``[^\W\d_](?:\w|['\-](?=\w))*|\d+``, in 60% of the time.
_WORD_SPLIT = re.compile(r"([^\W_](?:(?<=[^\W\d_])\w*+(?:['\-]\w++)*+|\d*+))")
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
    """One word of a run, with its offsets into the text (made only for the words of runs)."""

    start: int
    end: int
    word: str
    sentence_start: bool


class _Words(NamedTuple):
    """A text's words as columns rather than one object per word: a text has hundreds of
    words, nearly all lowercase, and most are only ever looked at as the neighbour of a
    capitalised one, so each column is built in one pass of C code (``re.split``, ``map``,
    ``compress``) and Python looks at single words only where names may stand."""

    #: the text split into gap, word, gap, word, ..., gap: word ``i`` is ``parts[2 * i + 1]``.
    parts: list[str]
    #: the words as written (an elided article cut off: "d'Ukraine" -> "Ukraine").
    words: list[str]
    #: the text between each word and the one before it (with the elided article); a single
    #: space joins two words of a name, and never ends a sentence.
    gaps: list[str]
    #: whether each word opens a name (``_is_cap``).
    cap: list[bool]
    #: the positions of the words that open a name.
    opening: list[int]
    #: whether each word that opens a name starts a sentence, by position.
    sentence_start: dict[int, bool]
    #: every word as written, and the lowercase form of the words that start in lowercase
    #: with capitals inside ("iPhone" -> "iphone"): see ``_in_lowercase``.
    written: frozenset[str]
    #: all caps, or Title Case (see ``_headline_mode``).
    headline: bool


@lru_cache(maxsize=16)
def _tokens(text: str) -> _Words:
    """The words of a text (cached: a body is read once as a field and again as the context of
    its title)."""
    parts = _WORD_SPLIT.split(text)
    gaps, words = parts[0:-1:2], parts[1::2]
    if "'" in text:
        for i in compress(range(len(words)), map(contains, words, repeat("'"))):
            word = words[i]
            elided = _ELIDED.match(word)
            if elided and word[elided.end()].isupper():  # d'Ukraine, dell'Europa, l'OTAN
                gaps[i] += word[:elided.end()]
                words[i] = word[elided.end():]
    upper = [word[0].isupper() for word in words]
    cap = upper
    if _ARTICLE_HYPHEN.search(text):  # "al-Sharaa" opens a name too: look closer
        cap = [first or ("-" in word and _is_cap(word)) for first, word in zip(upper, words)]
    opening = list(compress(range(len(cap)), cap))
    written = frozenset(words)
    # A word all in lowercase is its own lowercase form: only the others need a look.
    mixed = [word.lower() for word in filterfalse(str.islower, written) if word[0].islower()]
    return _Words(parts, words, gaps, cap, opening, _sentence_starts(words, gaps, opening),
                  written.union(mixed) if mixed else written, _headline_mode(words, sum(upper)))


def _sentence_starts(words: list[str], gaps: list[str], opening: list[int]) -> dict[int, bool]:
    """Whether each word that opens a name starts a sentence, by position: after sentence
    punctuation or a line break, or at the start of the text unless a single space leads."""
    starts = list(map(_sentence_gap, map(gaps.__getitem__, opening)))
    for n in compress(range(len(opening)), starts):
        i, gap = opening[n], gaps[opening[n]]
        if i and gap[0] == "." and gap[1:].isspace() and _is_abbreviation(words[i - 1]):
            starts[n] = False  # "M. Rutte", "Dr. Albrecht"
    if opening and opening[0] == 0:
        starts[0] = gaps[0] != " "
    return dict(zip(opening, starts))


# Cache: the gaps between words are few (", ", ". ", "\n\n", " (" ...) and met again and again.
@lru_cache(maxsize=1024)
def _sentence_gap(gap: str) -> bool:
    return gap != " " and _SENTENCE_GAP.search(gap) is not None


@dataclass(frozen=True)
class _Evidence:
    """What a whole text says about its capitalised words: which words also occur in lowercase
    (so a capital may only mark a sentence start, see ``_in_lowercase``) and which are
    capitalised mid-sentence."""

    written: frozenset[str]
    mid_caps: frozenset[str]
    headline: bool


@lru_cache(maxsize=16)
def _evidence(text: str, lang: str | None) -> _Evidence:
    words = _tokens(text)
    return _Evidence(
        words.written,
        frozenset() if words.headline else frozenset(
            [_word_key(words.words[i], lang) for i in words.opening if not words.sentence_start[i]]),
        words.headline,
    )


def _in_lowercase(word: str, evidence: tuple[_Evidence, ...]) -> bool:
    """Whether some word of these texts that starts in lowercase reads ``word`` in lowercase.
    A word all in lowercase is written as its lowercase form, and the others are listed in
    that form: so the lowercase form, if it starts in lowercase, is among the written ones."""
    low = word.lower()
    return low[:1].islower() and any(low in e.written for e in evidence)


_ABBREVIATIONS = {"m", "mm", "mr", "mrs", "ms", "dr", "prof", "st", "gen", "col", "sen", "rep", "gov", "sr", "jr"}


def _is_abbreviation(word: str) -> bool:
    return (len(word) == 1 and word.isupper()) or word.lower() in _ABBREVIATIONS


_ARTICLES = ("al", "el", "ad", "as", "ash", "an", "ar", "at", "ibn", "bin")
_ARTICLE_HEAD = re.compile(f"(?:{'|'.join(_ARTICLES)})-" + r"[^\W\d_]")
#: the same, found from its hyphen: the regex engine looks for a leading literal quickly, but
#: tries a pattern that starts with alternatives at every character (ten times slower).
_ARTICLE_HYPHEN = re.compile("-(?:" + "|".join(
    "(?<=" + "|".join(f"{a}-" for a in _ARTICLES if len(a) == size) + ")" for size in (2, 3)) + r")[^\W\d_]")


def _is_cap(word: str) -> bool:
    return word[:1].isupper() or (word[:1] in "aeib" and _ARTICLE_HEAD.match(word) is not None
                                  and word.split("-", 1)[1][:1].isupper())


# Cache: ~110 B per word, 3.6 MB when full; asked for nearly every capitalised word.
@lru_cache(maxsize=32_768)
def _is_acronym(word: str) -> bool:
    letters = [c for c in strip_affixes(word) if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _headline_mode(words: list[str], capitalised: int) -> bool:
    """All caps, or Title Case (nearly every word but numbers capitalised): capitals carry no
    signal. ``capitalised``: how many words start with a capital."""
    counted = len(words) - sum(map(str.isdigit, words))
    return counted >= 4 and capitalised / counted >= 0.9


def find_mentions(text: str, lang: str | None, field: str, *, context: str | None = None,
                  gazetteer: Gazetteer | None = None) -> list[FoundMention]:
    """Every proper-name mention in ``text`` with offsets into ``text`` (which must already be
    offset-safely repaired, see ``repair_text``). ``context`` is more text of the same article
    (the body, when ``text`` is a title) used to tell names from capitalised common words."""
    if not text:
        return []
    text = _repaired(text, lang)
    gazetteer = gazetteer or gazetteer_for(None)
    c = cues()
    words = _tokens(text)
    own = _evidence(text, lang)
    headline = own.headline
    if context:
        other = _evidence(_repaired(context, lang), lang)
        evidence = (own, other)
        mid_caps = own.mid_caps if other.headline else other.mid_caps
    else:
        evidence, mid_caps = (own,), own.mid_caps
    strict = headline or lang in _NOUN_CAPITALISING
    runs = _runs(words, c, gazetteer, lang)
    found: list[FoundMention] = []
    in_long_names: set[str] = set()
    candidates: list[tuple[list[_Tok], str | None]] = []
    for run, hint in runs:
        run = _drop_sentence_start(run, evidence, c, gazetteer, lang)
        for part, part_hint in _split_on_titles(run, c, hint):
            if len(part) > 1 and not _has_head_word([t.word for t in part], c) and not _known(part, gazetteer, lang):
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


@lru_cache(maxsize=16)
def _repaired(text: str, lang: str | None) -> str:
    """``repair_text``, cached: a body is repaired as a field and again as the context of its
    title, and each time that reads every character."""
    return repair_text(text, lang)


def _runs(words: _Words, c: Cues, gazetteer: Gazetteer,
          lang: str | None) -> list[tuple[list[_Tok], str | None]]:
    """Maximal runs of capitalised words joined by single spaces (particles inside allowed),
    each with the type hinted by a lowercase title word right before it ("premierul X")."""
    ws, gaps, cap, n = words.words, words.gaps, words.cap, len(words.words)
    particles, german = c.particles, lang in _NOUN_CAPITALISING
    runs: list[tuple[list[_Tok], str | None]] = []
    i = 0
    counted = position = 0  # the parts before parts[counted] are ``position`` characters long
    for opening in words.opening:  # a run starts at a word that opens a name, past the last run
        if opening < i:
            continue
        i = opening
        hint = None
        sentence_start = words.sentence_start[i]
        if i > 0 and not sentence_start:
            hint = _title_hint(ws[i - 1])
        if german:
            start = i
            i = _skip_german_nouns(words, i, c, gazetteer)
            if i >= n or not cap[i]:
                continue
            if i > start:
                hint = _german_head_type(ws[i - 1]) or hint
                sentence_start = words.sentence_start[i]
        j = i + 1  # the run is words i to j - 1
        while j < n and gaps[j] == " ":
            word = ws[j]
            if cap[j]:
                j += 1
                continue
            if word.isdigit() and plain(ws[j - 1]) in c.loc_words:  # "Sector 4"
                j += 1
                continue
            if word in particles and _particle_fits(words, i, j, c, lang):
                k = j
                while k < n and ws[k] in particles and gaps[k] == " ":
                    k += 1
                if (k < n and cap[k] and gaps[k] == " "
                        and not _place_after_name(ws[i:j], ws[k], word, gazetteer, c, lang)):
                    j = k
                    continue
            break
        # Offsets: the lengths of the parts since the last run, summed in C; then one space
        # before each word after the first (which is therefore mid-sentence).
        position += sum(map(len, words.parts[counted:2 * i + 1]))
        counted = 2 * i + 1
        end = position + len(words.parts[counted])
        run = [_Tok(end - len(ws[i]), end, ws[i], sentence_start)]
        for word in ws[i + 1:j]:
            run.append(_Tok(end + 1, end + 1 + len(word), word, False))
            end += 1 + len(word)
        runs.append((run, hint))
        i = j
    return runs


def _skip_german_nouns(words: _Words, i: int, c: Cues, gazetteer: Gazetteer) -> int:
    """Skip capitalised words that German grammar marks as common nouns: after an article or
    a numeral ("den Präsidenten Nicușor Dan"), a capitalised article itself ("Die Provinz
    Huesca"), frequent news nouns ("Millionen Euro") and words built like common nouns
    ("Rüstungskonzern Rheinmetall", "US-Bundesstaat Kentucky"); known places and organisations
    stay ("der Ukraine", "der Nato")."""
    ws, cap, n = words.words, words.cap, len(words.words)
    while i < n and cap[i] and not _is_acronym(ws[i]):
        word = ws[i]
        if gazetteer.knows(strip_affixes(word), "de"):
            break
        previous = ws[i - 1] if i > 0 and words.gaps[i] == " " else ""
        after_article = previous.lower() in c.german_determiners or previous.isdigit()
        article = (word.lower() in c.german_determiners and i + 1 < n
                   and words.gaps[i + 1] == " " and cap[i + 1]
                   and not gazetteer.knows(f"{word} {ws[i + 1]}", "de"))  # "Den Haag"
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


def _place_after_name(run: list[str], following: str, particle: str, gazetteer: Gazetteer, c: Cues,
                      lang: str | None) -> bool:
    """ "Nicușor Dan la București" is a name and a place, "Ursula von der Leyen" one name: a
    name particle follows a first name, never a full name, and never introduces a known place
    (connectors in organisation names are exempt)."""
    if particle in c.connectors and _has_head_word(run, c):
        return False
    return len(run) > 1 or gazetteer.knows(strip_affixes(following), lang)


def _particle_fits(words: _Words, i: int, j: int, c: Cues, lang: str | None) -> bool:
    """Whether particle ``j`` may continue the run of words ``i`` to ``j - 1``. Name particles
    always fit; connectors ("of", "and") only inside organisation or place names ("Ministry of
    Defence", "Bank of England"). In German, der/den/des/dem are articles unless they follow
    "von"/"van" ("Ursula von der Leyen", not "Forum des Bündnisses")."""
    ws = words.words
    word = ws[j]
    if lang in _NOUN_CAPITALISING and word in _GERMAN_ARTICLES and ws[j - 1] not in ("von", "van"):
        return False
    if lang in _NOUN_CAPITALISING and j + 1 < len(ws) and _german_common_noun(ws[j + 1]):
        return False  # "Vertreter von Regierungen"
    if word not in c.connectors:
        return True
    if word not in ("of", "for", "on", "the"):
        return False  # "and" would glue two names together more often than it builds one
    return _has_head_word(ws[i:j], c)


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


def _drop_sentence_start(run: list[_Tok], evidence: tuple[_Evidence, ...], c: Cues, gazetteer: Gazetteer,
                         lang: str | None) -> list[_Tok]:
    """Remove a first word capitalised only because it starts the sentence, and a stopword
    glued to a name ("On Monday Petteri Orpo") unless the whole run is a known name ("The
    Hague")."""
    while run and not _is_acronym(run[0].word):
        word = run[0].word
        if run[0].sentence_start and (plain(word) in c.stopwords or _in_lowercase(word, evidence)) or len(run) > 1 and plain(word) in c.stopwords and not _known(run, gazetteer, lang):
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
    whole = " ".join([strip_affixes(t.word) for t in run])
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
        if len(part) > 1 and _is_acronym(part[0].word) and not _has_head_word([t.word for t in part], c):
            out.append(([part[0]], "ORG"))
            part = part[1:]
        out.append((part, part_hint))
    return out


def _has_head_word(words: list[str], c: Cues) -> bool:
    return not (c.org_words.isdisjoint(map(plain, words)) and c.loc_words.isdisjoint(map(plain, words)))


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
        if not c.org_words.isdisjoint(map(plain, words)):
            hint = "ORG"
        elif not c.loc_words.isdisjoint(map(plain, words)):
            hint = "LOC"
        elif len(part) == 1 and _is_acronym(last):
            hint = "ORG"
    core = " ".join(map(strip_affixes, words))
    return FoundMention(text[start:end], field, start, end, core, hint)
