"""Build ``normalizer/data/sh_vocabulary.tsv``: common words that only Serbian ("east") or only
Croatian ("west") writes, as evidence between Serbian, Croatian and Bosnian.

Why: besides the jat reflex (``ekavian.txt``), the three standards differ in vocabulary
("voz"/"vlak", "sedmica"/"tjedan", "vaspitač"/"odgojitelj"). The hand lists in detect_evidence
cover a few hundred of these words; two public Hunspell dictionaries give many more. A word is
listed when

1. it is common in wordfreq's merged Serbo-Croatian list ("sh", zipf >= MIN_ZIPF): a rare word
   missing from one dictionary says little, a common one says the standard does not write it;
2. it is lower-case, alphabetic, MIN_LEN letters or more, with a vowel ("hsls"), no language of
   ``_FOREIGN`` writes it (or its stem: "angelom") as often ("film", "alfredo": loans, quotes
   and names in their own spelling, which neither dictionary lists and both standards write),
   it is no ASCII-folded spelling of a commoner word ("moze" for "može") and no surname
   ("modrić": the Serbian package lists many, the Croatian none);
3. exactly one dictionary accepts it: "east" when the Serbian (Latin) dictionary has it and the
   Croatian one has it neither lower-case nor capitalised, "west" in the reverse case;
4. east: the Croatian dictionary knows no other form of it (``knows_paradigm``: "efekat" has
   the Croatian "efekata"), and it is not in ``ekavian.txt`` (the jat reflex is detect_jat's);
5. west: it has a Serbian twin by one of the regular differences of ``_WEST_TWINS``
   ("demokracija"/"demokratija", "financirati"/"finansirati", "profesorica"/"profesorka",
   "kirurg"/"hirurg", "šport"/"sport"), and no ijekavian "ije"/"je" (``ijekavian_counts``) or
   ekavian twin ("rijeka" -> "reka", ``build_ekavian_pairs.twins`` read backwards). The
   Serbian package lacks whole families of learned words ("dijagnostika", "antifašistički",
   "destinacija"): without a twin, seven in ten west words were such gaps, which Serbian
   writes too; the east side has no such problem (three in four are real differences).

Sources: the same pinned npm dictionaries as ``build_ekavian_pairs.py`` (its ``Source``/``fetch``),
and the installed wordfreq's frequency lists (CC BY-SA 4.0; frequencies only select words,
none is shipped). The derived list is distributed under LGPL-2.1 (see normalizer/data/NOTICE.md).

Usage (a few minutes of CPU)::

    .venv/bin/pip install -e '.[build-ekavian-pairs]'
    .venv/bin/python scripts/build_sh_vocabulary.py [--cache DIR]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))
sys.path.insert(0, str(REPO))

from build_ekavian_pairs import HR, SR, fetch, twins

from normalizer.detect_evidence import ijekavian_counts
from normalizer.detect_jat import ekavian_forms
from normalizer.detect_vocabulary import DATA_PATH

MIN_ZIPF = 3.0
MIN_LEN = 4
_WORD = re.compile(r"[a-zčćđšž]+")
_FOREIGN = ("en", "de", "fr", "it", "es", "pt", "nl", "hu", "tr")
# endings of nouns, adjectives and verbs: a word minus one of these is a stem whose other forms
# the other dictionary may know
_ENDINGS = (
    "ima", "ama", "om", "em", "oj", "ih", "im", "og", "a", "e", "i", "o", "u",
    "ti", "la", "li", "lo", "le", "io", "ao", "ju", "mo", "te",
)
_SURNAME = ("ić", "ića", "iću", "ićem", "ićima")
_VOWEL = re.compile("[aeiou]")
# letters that texts typed without diacritics write for these
_FOLDED = {"c": "čć", "s": "š", "z": "ž", "d": "đ"}
# (Croatian, Serbian) spellings of regular differences, not at the end of a word
_WEST_TWINS = (
    ("cij", "tij"), ("ic", "k"), ("ic", "kinj"), ("ir", "ov"), ("ir", "is"), ("nc", "ns"),
    ("k", "h"), ("slaven", "sloven"), ("šport", "sport"), ("telj", "lac"),
)


def candidates() -> list[str]:
    """Common lower-case Latin words of wordfreq's Serbo-Croatian list, except those that
    mean nothing when one dictionary lacks them (see the module docstring, point 2)."""
    from wordfreq import iter_wordlist, zipf_frequency  # build-time only

    found = []
    for word in iter_wordlist("sh"):
        zipf = zipf_frequency(word, "sh")
        if zipf < MIN_ZIPF:
            break  # the list is ordered by frequency
        if (len(word) >= MIN_LEN and _WORD.fullmatch(word) and _VOWEL.search(word)
                and not word.endswith(_SURNAME) and not any(foreign(stem, word) for stem in stems(word))
                and not folded(word)):
            found.append(word)
    return sorted(found)


def folded(word: str) -> bool:
    """Whether restoring one diacritic gives a commoner word: "moze" is "može" typed in ASCII."""
    from wordfreq import zipf_frequency  # build-time only

    zipf = zipf_frequency(word, "sh")
    return any(
        zipf_frequency(word[:i] + letter + word[i + 1:], "sh") > zipf
        for i, char in enumerate(word) for letter in _FOLDED.get(char, "")
    )


def serbian_twins(word: str) -> list[str]:
    """The spellings ``word`` would have in Serbian by one difference of ``_WEST_TWINS``."""
    forms = []
    for west, east in _WEST_TWINS:
        for match in re.finditer(re.escape(west), word):
            if match.end() < len(word):
                forms.append(word[:match.start()] + east + word[match.end():])
    return forms


def ekavian_twins(word: str) -> list[str]:
    """The ekavian spellings an ijekavian ``word`` could have: the forms whose
    ``build_ekavian_pairs.twins`` include it ("rijeka" -> "reka", "htio" -> "hteo")."""
    forms = set()
    for match in re.finditer("(?=(ije|je|ilje|io$))", word):
        reflex = match.group(1)
        start = match.start()
        plain = {"ije": "e", "je": "e", "ilje": "ele", "io": "eo"}[reflex]
        form = word[:start] + plain + word[start + len(reflex):]
        if word in twins(form):
            forms.add(form)
    return sorted(forms)


def stems(word: str) -> list[str]:
    """The word itself, then the word without each ending of ``_ENDINGS`` it has (stems of
    MIN_LEN letters or more)."""
    return [word] + [word[: -len(end)] for end in _ENDINGS if word.endswith(end) and len(word) - len(end) >= MIN_LEN]


def foreign(stem: str, word: str) -> bool:
    """Whether a language of ``_FOREIGN`` writes ``stem`` as often as Serbo-Croatian writes
    ``word``: "angelom", "armstronga" are cases of foreign names."""
    from wordfreq import zipf_frequency  # build-time only

    zipf = zipf_frequency(word, "sh")
    return any(zipf_frequency(stem, lang) >= zipf for lang in _FOREIGN)


def knows_paradigm(accepts: Callable[[str], bool], word: str) -> bool:
    """Whether ``accepts`` takes another form of ``word``: one of its ``stems`` with another
    ending or none ("efekta" for "efekat", "predstaviti" for "predstavila")."""
    return any(accepts(stem + end) for stem in stems(word) for end in ("", *_ENDINGS) if stem + end != word)


def derive(hr_stem: Path, sr_stem: Path) -> list[tuple[str, str]]:
    """(word, "east" | "west") pairs, sorted by word."""
    from spylls.hunspell import Dictionary  # build-time only

    hr = Dictionary.from_files(str(hr_stem))
    lines = sr_stem.with_suffix(".dic").read_text(encoding="utf-8").splitlines()[1:]
    sr_words = {line.split("/")[0].strip() for line in lines}
    ekavian = ekavian_forms()
    listed = []
    for word in candidates():
        in_sr = word in sr_words
        in_hr = hr.lookup(word) or hr.lookup(word.capitalize())
        if in_sr and not in_hr:
            if word not in ekavian and not knows_paradigm(hr.lookup, word):
                listed.append((word, "east"))
        elif in_hr and not in_sr and word.capitalize() not in sr_words:
            jat = ijekavian_counts([word])[0] or any(form in sr_words for form in ekavian_twins(word))
            if not jat and any(form in sr_words for form in serbian_twins(word)):
                listed.append((word, "west"))
    return listed


def write(listed: list[tuple[str, str]], path: Path) -> None:
    """The words with their side, sorted, under a header naming the sources and the licence."""
    header = [
        f"# Serbo-Croatian vocabulary differences: common words (wordfreq \"sh\" zipf >= {MIN_ZIPF})",
        "# that only the Serbian dictionary accepts (east: Serbian and Bosnian write them) or only the",
        "# Croatian one, with a regular Serbian twin (west: Croatian and Bosnian); jat-reflex pairs",
        "# left out (see ekavian.txt). word<TAB>east|west, sorted.",
        "# Generated by scripts/build_sh_vocabulary.py from:",
        f"#   {SR.name} {SR.version} ({SR.licence}), {SR.url}",
        f"#   {HR.name} {HR.version} ({HR.licence}), {HR.url}",
        "# Licence: LGPL-2.1 (a derived work of both dictionaries; see NOTICE.md in this folder).",
    ]
    rows = [f"{word}\t{side}" for word, side in sorted(listed)]
    path.write_text("\n".join(header + rows) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "normalizer-build")
    parser.add_argument("--out", type=Path, default=DATA_PATH)
    args = parser.parse_args(argv)
    listed = derive(fetch(HR, args.cache), fetch(SR, args.cache))
    write(listed, args.out)
    east = sum(side == "east" for _, side in listed)
    print(f"{east} east, {len(listed) - east} west -> {args.out}")


if __name__ == "__main__":
    main()
