"""Translation to English with Argos language packages, driven directly through CTranslate2.

Why not ``argostranslate.translate``: importing it costs ~3.5 s and 330 MB (it pulls spacy, stanza
and torch), it translates paragraph by paragraph in batches of 1-2 sentences with beam 4, and it
tries to download sentence splitters at run time. We read the installed package folders ourselves
(``normalizer.models``) and call ``ctranslate2.Translator`` + ``sentencepiece`` directly:

* every sentence of every document of a call is split (``normalizer.sentences``), deduplicated,
  looked up in a persistent SQLite cache, and the misses go to CTranslate2 in **one**
  ``translate_batch`` call per package (CTranslate2 sorts them by length and cuts them in batches);
* int8 weights and greedy decoding by default (measured in ``benchmarks/translate.py``);
* **names survive**: each capitalised name of a source sentence must come out intact; a name that
  comes out without its diacritics or slightly mangled is put back from the source, a sentence that
  loses a name is re-decoded with a beam and the best hypothesis that keeps its names wins, and
  whatever is still missing is reported in ``detail``;
* **degenerate output** (one word or phrase repeated, output far longer than the input) is detected,
  retried once with CTranslate2's repetition controls, and flagged in ``detail`` if still wrong;
* a language without a direct package is translated through a pivot (``xx->yy`` then ``yy->en``);
  a language without any package gives status ``unavailable`` and the exact install command.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from normalizer.models import PackageInfo, choose_packages, install_command, list_installed
from normalizer.models import models_dir as _default_models_dir

ENGINE = "ctranslate2"
# Chosen with benchmarks/translate.py: greedy decoding is ~2.4x faster than beam 4 (and a small,
# over-confident model truncates some outputs with beam 4 and argos' length penalty); a sentence
# whose names a greedy pass loses is re-decoded with NAME_RETRY_BEAM anyway. Batches of ~4096
# tokens (CTranslate2 sorts by length, then cuts) beat 32-256 examples per batch.
DEFAULT_BEAM_SIZE = 1
DEFAULT_MAX_BATCH_SIZE = 4096
DEFAULT_BATCH_TYPE = "tokens"
NAME_RETRY_BEAM = 4
# Longer sentences (a paragraph without punctuation) are cut at word starts: decoding stays within
# MAX_DECODING_TOKENS, which small models (and their position tables) are built for.
MAX_SOURCE_TOKENS = 120
MAX_DECODING_TOKENS = 256
MAX_NAMES_IN_DETAIL = 8
CACHE_FORMAT = "v1"  # bump when decoding or post-processing changes what a cached output would be
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u2028\u2029\ufeff]")
_LINE_BREAKS = re.compile(r"(\s*\n\s*)")


def models_dir() -> Path:
    """Where packages are installed: ``$NORMALIZER_MODELS``, else the checkout's ``lang_models/``,
    else ``./lang_models`` (see ``normalizer.models``)."""
    return _default_models_dir()


def default_cache_path(models: Path) -> Path:
    """``$NORMALIZER_CACHE/translations.sqlite3`` when that folder is set, else next to the
    packages (``<models dir>/.cache/``), since cached outputs belong to those packages."""
    folder = os.environ.get("NORMALIZER_CACHE")
    return (Path(folder) if folder else models / ".cache") / "translations.sqlite3"


class ModelNotInstalled(Exception):
    """No installed package (direct or via a pivot) translates ``source`` into ``target``."""

    def __init__(self, source: str, target: str = "en") -> None:
        self.source = source
        self.target = target
        self.command = install_command(source)
        super().__init__(
            f"no translation package for {source}->{target} is installed; install it with: {self.command}"
        )


@dataclass
class DocumentTranslation:
    """The translation of one document: ``texts`` has one entry per input segment (None when the
    document could not be translated); ``status`` is ok | not_needed | unavailable | error."""

    texts: list[str] | None
    status: str
    engine: str | None = None
    model: str | None = None
    detail: str | None = None


@dataclass
class CacheStats:
    hits: int = 0
    misses: int = 0

    @property
    def hit_rate(self) -> float:
        total = self.hits + self.misses
        return self.hits / total if total else 0.0


# --- the translator ---------------------------------------------------------------------------------
@dataclass
class _Engine:
    """One loaded package: CTranslate2 model, SentencePiece model, cache identity."""

    info: PackageInfo
    translator: Any
    tokenizer: Any
    cache_id: str


@dataclass
class _Sentence:
    """A unique source sentence of one route, and what happened to it."""

    source: str
    output: str = ""
    notes: set[str] = field(default_factory=set)


@dataclass
class _Segment:
    """A segment to translate, as lines of sentences with the separators between the lines."""

    lines: list[list[str]]
    separators: list[str]


class Translator:
    """Translate documents into ``target`` with the packages installed in ``models_dir``.

    ``beam_size`` 1 is greedy decoding; ``threads`` is CTranslate2's intra-op thread count (0 lets
    it decide); ``cache`` is True for the default cache file (``default_cache_path``), a path for
    another file, or False/None for no cache.
    """

    def __init__(self, models_dir: Path | None = None, target: str = "en",
                 beam_size: int = DEFAULT_BEAM_SIZE, threads: int = 0,
                 cache: Path | str | None | bool = True, compute_type: str = "int8",
                 max_batch_size: int = DEFAULT_MAX_BATCH_SIZE, batch_type: str = DEFAULT_BATCH_TYPE) -> None:
        self.models_dir = Path(models_dir) if models_dir is not None else _default_models_dir()
        self.target = target
        self.beam_size = max(1, int(beam_size))
        self.threads = threads or min(4, os.cpu_count() or 1)
        self.compute_type = compute_type
        self.max_batch_size = max_batch_size
        self.batch_type = batch_type
        if cache is True:
            cache = default_cache_path(self.models_dir)
        self._cache = _Cache(Path(cache)) if cache else None
        self._engines: dict[Path, _Engine] = {}
        self._packages: list[PackageInfo] | None = None
        self._stamp: int | None = None
        self._lock = threading.Lock()
        self._names_memo: dict[tuple[str, str, bool], tuple[str, list[str], list[str]]] = {}

    # -- public ------------------------------------------------------------------------------------
    @property
    def cache_stats(self) -> CacheStats:
        return self._cache.stats if self._cache else CacheStats()

    def route(self, source: str) -> list[PackageInfo]:
        """The installed packages that take ``source`` to the target (empty: none)."""
        if self._packages is None:
            self._refresh_packages()
        return choose_packages(self._packages or [], source, self.target)

    def _refresh_packages(self) -> None:
        """Re-read the installed packages when the models folder changed (an install, update or
        removal renames a folder in it), dropping loaded models that are gone or replaced: unlike
        argostranslate, a long-running process never keeps translating with a removed package."""
        try:
            stamp = self.models_dir.stat().st_mtime_ns
        except OSError:
            stamp = None
        if self._packages is not None and stamp == self._stamp:
            return
        self._stamp = stamp
        self._packages = list_installed(self.models_dir)
        current = {p.path: p for p in self._packages}
        for path in list(self._engines):
            engine = self._engines[path]
            if path not in current or engine.info != current[path] or engine.cache_id != _cache_id(current[path]):
                del self._engines[path]

    def translate_texts(self, texts: Sequence[str], source: str) -> list[str]:
        """Translate plain texts from one language; raises ``ModelNotInstalled``/``RuntimeError``."""
        source = _lang(source)
        result = self.translate_documents([[(text, source)] for text in texts])
        for item in result:
            if item.status == "unavailable":
                raise ModelNotInstalled(source, self.target)
            if item.status == "error":
                raise RuntimeError(item.detail or "translation failed")
        return [item.texts[0] if item.texts else "" for item in result]

    def translate_documents(self, docs: Sequence[Sequence[tuple[str, str]]]) -> list[DocumentTranslation]:
        """Translate documents given as (segment text, segment language) lists; see the module doc.
        Never raises for bad input: a failing package makes the documents that need it ``error``."""
        with self._lock:
            return self._translate_documents(docs)

    # -- internals -----------------------------------------------------------------------------------
    def _check_names(self, source: str, output: str, search: bool = True) -> tuple[str, list[str], list[str]]:
        """``check_names``, computed once per (source, output) within one call."""
        key = (source, output, search)
        if key not in self._names_memo:
            self._names_memo[key] = check_names(source, output, search)
        return self._names_memo[key]

    def _translate_documents(self, docs: Sequence[Sequence[tuple[str, str]]]) -> list[DocumentTranslation]:
        self._names_memo = {}
        self._refresh_packages()
        plans: list[list[tuple[str, tuple[str, ...] | None, _Segment | None]]] = []
        unavailable: dict[int, set[str]] = {}
        routes: dict[tuple[str, ...], list[PackageInfo]] = {}
        wanted: dict[tuple[str, ...], dict[str, _Sentence]] = {}
        for index, doc in enumerate(docs):
            plan = []
            for text, lang in doc:
                text = text if isinstance(text, str) else ""
                lang = _lang(lang)
                if not text.strip() or lang in ("", "und", self.target):
                    plan.append((text, None, None))
                    continue
                packages = self.route(lang)
                if not packages:
                    unavailable.setdefault(index, set()).add(lang)
                    plan.append((text, None, None))
                    continue
                key = tuple(p.code for p in packages)
                routes[key] = packages
                segment = _split_segment(text, lang)
                pool = wanted.setdefault(key, {})
                for line in segment.lines:
                    for sentence in line:
                        pool.setdefault(sentence, _Sentence(sentence))
                plan.append((text, key, segment))
            plans.append(plan)

        failures: dict[tuple[str, ...], str] = {}
        for key, sentences in sorted(wanted.items()):
            try:
                self._translate_route(routes[key], list(sentences.values()))
            except Exception as exc:  # noqa: BLE001 - a broken package fails its documents, not the run
                failures[key] = f"{type(exc).__name__}: {exc}"

        return [self._document_result(plan, unavailable.get(i), routes, wanted, failures)
                for i, plan in enumerate(plans)]

    def _document_result(self, plan, missing_langs, routes, wanted, failures) -> DocumentTranslation:
        if missing_langs:
            commands = "; ".join(install_command(lang) for lang in sorted(missing_langs))
            pairs = ", ".join(f"{lang}->{self.target}" for lang in sorted(missing_langs))
            return DocumentTranslation(None, "unavailable", detail=f"no package for {pairs}; install with: {commands}")
        used = [key for _, key, _ in plan if key is not None]
        if not used:
            return DocumentTranslation([text for text, _, _ in plan], "not_needed")
        broken = [failures[key] for key in used if key in failures]
        model = "+".join(sorted({code for key in used for code in key}))
        if broken:
            return DocumentTranslation(None, "error", ENGINE, model, broken[0])
        texts: list[str] = []
        notes: dict[str, set[str]] = {}
        for text, key, segment in plan:
            if key is None or segment is None:
                texts.append(text)
                continue
            pool = wanted[key]
            lines = []
            for line in segment.lines:
                lines.append(" ".join(pool[s].output for s in line if pool[s].output))
                for sentence in line:
                    for note in pool[sentence].notes:
                        kind, _, value = note.partition(":")
                        notes.setdefault(kind, set()).add(value)
            texts.append(_join_lines(lines, segment.separators))
        details = [f"pivot {' -> '.join([routes[k][0].from_code] + [p.to_code for p in routes[k]])}"
                   for k in sorted(set(used)) if len(routes[k]) > 1]
        labels = {"repaired": "names repaired", "missing": "names missing from the translation",
                  "degenerate": "degenerate output", "truncated": "long sentences cut"}
        for kind in ("repaired", "missing", "degenerate", "truncated"):
            if kind in notes:
                values = sorted(v for v in notes[kind] if v)
                shown = ", ".join(values[:MAX_NAMES_IN_DETAIL])
                if len(values) > MAX_NAMES_IN_DETAIL:
                    shown += f" (+{len(values) - MAX_NAMES_IN_DETAIL} more)"
                details.append(f"{labels[kind]}: {shown}" if values else labels[kind])
        return DocumentTranslation(texts, "ok", ENGINE, model, "; ".join(details) or None)

    def _translate_route(self, packages: list[PackageInfo], sentences: list[_Sentence]) -> None:
        """Translate unique sentences through a chain of packages (one call per package)."""
        current = {s.source: s.source for s in sentences}
        notes: dict[str, set[str]] = {s.source: set() for s in sentences}
        direct = len(packages) == 1
        for package in packages:
            inputs = sorted(set(current.values()))
            outputs = self._translate_unique(self._engine(package), inputs, check_names=direct)
            for source in current:
                text, step_notes = outputs[current[source]]
                current[source] = text
                notes[source] |= step_notes
        for sentence in sentences:
            search = "truncated:" not in notes[sentence.source]
            output, repaired, missing = self._check_names(sentence.source, current[sentence.source], search)
            sentence.output = output
            sentence.notes = notes[sentence.source] | {f"repaired:{n}" for n in repaired} \
                | {f"missing:{n}" for n in missing}

    def _translate_unique(self, engine: _Engine, sentences: list[str],
                          check_names: bool) -> dict[str, tuple[str, set[str]]]:
        """Translate distinct sentences with one package, using and filling the cache."""
        signature = f"{CACHE_FORMAT}|{engine.cache_id}|beam={self.beam_size}"
        results = self._cache.get_many(signature, sentences) if self._cache else {}
        todo = [s for s in sentences if s not in results]
        if todo:
            fresh = self._decode(engine, todo, check_names)
            if self._cache:
                self._cache.put_many(signature, fresh)
            results.update(fresh)
        return results

    def _decode(self, engine: _Engine, sentences: list[str],
                check_names: bool) -> dict[str, tuple[str, set[str]]]:
        # Cut over-long sentences into pieces at word starts; each piece is one CTranslate2 input.
        pieces: list[list[str]] = []
        owners: list[tuple[str, int]] = []
        notes: dict[str, set[str]] = {s: set() for s in sentences}
        for sentence in sentences:
            tokens = engine.tokenizer.encode(sentence, out_type=str)
            chunks = _cut_tokens(tokens, MAX_SOURCE_TOKENS)
            if len(chunks) > 1:
                notes[sentence].add("truncated:")
            for chunk in chunks:
                owners.append((sentence, len(pieces)))
                pieces.append(chunk)
        order = sorted(range(len(pieces)), key=lambda i: (len(pieces[i]), i))
        outputs = self._batch(engine, [pieces[i] for i in order])
        decoded: list[list[str]] = [[] for _ in pieces]
        for position, i in enumerate(order):
            decoded[i] = outputs[position]

        # Degenerate outputs: retry once with repetition controls and a tighter length cap.
        bad = [i for i, out in enumerate(decoded) if is_degenerate(pieces[i], out)]
        if bad:
            retried = self._batch(engine, [pieces[i] for i in bad], safe=True)
            for i, out in zip(bad, retried):
                decoded[i] = out
                if is_degenerate(pieces[i], out):
                    decoded[i] = _collapse_repeats(out)
                    notes[owners[i][0]].add("degenerate:")

        texts: dict[str, list[str]] = {s: [] for s in sentences}
        for sentence, i in owners:
            texts[sentence].append(_detokenize(decoded[i]))
        result = {s: " ".join(t for t in texts[s] if t) for s in sentences}

        # Names lost by the first pass: re-decode with a beam, keep the hypothesis that keeps most.
        if check_names:
            lost = [s for s in sentences if not notes[s] and self._check_names(s, result[s])[2]]
            if lost:
                sources = [engine.tokenizer.encode(s, out_type=str) for s in lost]
                candidates = self._batch(engine, sources, beam=NAME_RETRY_BEAM, hypotheses=NAME_RETRY_BEAM)
                for sentence, tokens, options in zip(lost, sources, candidates):
                    sane = [_detokenize(o) for o in options if not is_degenerate(tokens, o)]
                    best = min([result[sentence]] + sane,
                               key=lambda text: len(self._check_names(sentence, text)[2]))
                    result[sentence] = best
        return {s: (result[s], notes[s]) for s in sentences}

    def _batch(self, engine: _Engine, batch: list[list[str]], safe: bool = False,
               beam: int | None = None, hypotheses: int = 1) -> list[Any]:
        """One CTranslate2 call. Returns token lists (or lists of them when ``hypotheses`` > 1)."""
        if not batch:
            return []
        longest = max(len(tokens) for tokens in batch)
        options: dict[str, Any] = {
            "beam_size": max(beam or self.beam_size, hypotheses),
            "num_hypotheses": hypotheses,
            "max_batch_size": self.max_batch_size,
            "batch_type": self.batch_type,
            "max_input_length": 0,
            "max_decoding_length": min(MAX_DECODING_TOKENS, 2 * longest + 10),
            "replace_unknowns": True,
        }
        if safe:
            options.update(repetition_penalty=1.3, no_repeat_ngram_size=3,
                           max_decoding_length=min(MAX_DECODING_TOKENS, int(1.5 * longest) + 5))
        results = engine.translator.translate_batch(batch, **options)
        if hypotheses > 1:
            return [list(r.hypotheses) for r in results]
        return [r.hypotheses[0] if r.hypotheses else [] for r in results]

    def _engine(self, package: PackageInfo) -> _Engine:
        assert package.path is not None
        engine = self._engines.get(package.path)
        if engine is None:
            import ctranslate2
            import sentencepiece

            model = package.path / "model"
            translator = ctranslate2.Translator(str(model), device="cpu", compute_type=self.compute_type,
                                                inter_threads=1, intra_threads=self.threads)
            tokenizer = sentencepiece.SentencePieceProcessor(model_file=str(package.path / "sentencepiece.model"))
            engine = _Engine(package, translator, tokenizer, _cache_id(package))
            self._engines[package.path] = engine
        return engine


def _cache_id(package: PackageInfo) -> str:
    """Identity of a package's model for the cache: code, version and model file size and time."""
    assert package.path is not None
    stat = (package.path / "model" / "model.bin").stat()
    return f"{package.code}@{package.version}:{stat.st_size}:{stat.st_mtime_ns}"


# --- public function --------------------------------------------------------------------------------
_DEFAULT_TRANSLATORS: dict[tuple, Translator] = {}


def translate_to_english(texts: Sequence[str], source_lang: str, **options: Any) -> list[str]:
    """Translate ``texts`` (each one paragraph or more) from ``source_lang`` to English.

    Returns one string per input, same order. English input is returned unchanged. Raises
    ``ModelNotInstalled`` (naming the install command) when no installed package serves the pair.
    ``options`` are ``Translator`` arguments (``models_dir``, ``beam_size``, ``threads``, ``cache``).
    """
    texts = list(texts)
    if _lang(source_lang) == "en":
        return texts
    key = tuple(sorted((k, str(v)) for k, v in options.items()))
    translator = _DEFAULT_TRANSLATORS.get(key)
    if translator is None:
        translator = _DEFAULT_TRANSLATORS[key] = Translator(**options)
    return translator.translate_texts(texts, source_lang)


def article_segments(article: Any) -> list[tuple[str, str]]:
    """An ``Article``'s title then body paragraphs, each with its own language (an English quote
    in a Romanian article is not sent through the Romanian model)."""
    code = article.language.code
    segments: list[tuple[str, str]] = []
    if article.title is not None:
        segments.append((article.title, getattr(article.language, "title", None) or code))
    langs = article.language.paragraphs
    paragraphs = [p for p in (article.text or "").split("\n\n") if p.strip()]
    for index, paragraph in enumerate(paragraphs):
        lang = langs[index] if index < len(langs) else code
        segments.append((paragraph, code if lang in ("und", "", None) else lang))
    return segments


def translate_articles(articles: Sequence[Any], translator: Translator) -> None:
    """Fill ``title_en``, ``text_en`` and ``translation`` of ``Article`` records in place, all in one
    ``translate_documents`` call (articles whose language is unknown become ``unavailable``)."""
    from normalizer.record import ErrorInfo, TranslationInfo

    pending = []
    for article in articles:
        if article.language.code in ("und", "", None):
            article.translation = TranslationInfo(
                status="unavailable", detail="the language of the text could not be determined")
            continue
        pending.append(article)
    results = translator.translate_documents([article_segments(a) for a in pending])
    for article, result in zip(pending, results):
        article.translation = TranslationInfo(result.status, result.engine, result.model, result.detail)
        if result.texts is not None:
            body = result.texts[1:] if article.title is not None else result.texts
            article.title_en = result.texts[0] if article.title is not None else None
            article.text_en = "\n\n".join(body)
        if result.status == "error":
            article.error = ErrorInfo("translate", result.detail or "translation failed")


# --- names ------------------------------------------------------------------------------------------
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def source_names(sentence: str) -> list[str]:
    """Runs of capitalised words that look like names, in order, without repeats (for a run that
    starts the sentence, its form without the first word: see ``_name_candidates``)."""
    return [forms[-1] for forms in _name_candidates(sentence)]


def _name_candidates(sentence: str) -> list[list[str]]:
    """For each name-like run of capitalised words, the forms under which it may appear.

    The first word of a sentence is capitalised by position: a run that starts the sentence is
    either a name (``Andrei Vasilescu a spus``) or a title plus a name (``Primarul Andrei
    Vasilescu``), so it has two forms, the whole run and the run without its first word; a lone
    first word is no name unless it is an acronym (``NATO``). Inflection after a hyphen or an
    apostrophe is dropped (``NATO-ului`` -> ``NATO``, ``Rutte'nin`` -> ``Rutte``).
    """
    first = _WORD.search(sentence)
    candidates: list[list[str]] = []
    for match in _name_runs().finditer(sentence):
        run = [_strip_inflection(word) for word in match.group().split(" ")]
        forms = [" ".join(run)]
        if match.start() == first.start() and not run[0].isupper():
            forms = forms + [" ".join(run[1:])] if len(run) > 1 else []
        if forms and forms not in candidates:
            candidates.append(forms)
    return candidates


@functools.cache
def _name_runs() -> re.Pattern[str]:
    """Runs of capitalised words (2+ letters) joined by single spaces. Python's ``re`` has no
    Unicode "uppercase letter" class, so it is built once from the Basic Multilingual Plane."""
    upper = "".join(chr(c) for c in range(0x10000) if chr(c).isupper() and chr(c).isalpha())
    upper = upper.replace("\\", "").replace("]", "").replace("^", "").replace("-", "")
    word = rf"[{upper}]\w+(?:[-'’]\w+)*"
    return re.compile(rf"(?<![\w'’-]){word}(?: {word})*(?![\w'’-])")


def _strip_inflection(word: str) -> str:
    if "-" not in word and "'" not in word and "’" not in word:
        return word
    for mark in "-'’":
        head, sep, tail = word.partition(mark)
        if sep and tail[:1].islower():
            return head
    return word


def check_names(source: str, output: str, search: bool = True) -> tuple[str, list[str], list[str]]:
    """Check that every name of ``source`` is intact in ``output``.

    Returns (output with mangled names put back, names repaired, names missing). A name counts as
    intact when it appears verbatim, or in a de-inflected form (each output word a prefix of the
    source word, at most 3 letters shorter: Polish ``Marka Ruttego`` -> ``Mark Rutte``), or, for a
    name in another script, as a close transliteration. A Latin-script name that comes out without
    its diacritics or slightly mangled (rapidfuzz similarity >= 80 on ASCII folds, output capitalised)
    is replaced by the source spelling. A name that comes out twice in place of another name is put
    back in place of the surplus copy. ``search=False`` only checks (for sentences cut into
    pieces, where a name may straddle a cut and a search would be quadratic).
    """
    candidates = _name_candidates(source)
    if not candidates:
        return output, [], []
    from anyascii import anyascii
    from rapidfuzz import fuzz

    every_form = [form for forms in candidates for form in forms]
    windows = _Windows(output, anyascii)
    repaired: list[str] = []
    missing: list[str] = []
    for forms in candidates:
        if any(_contains(output, form) for form in forms):
            continue
        fixed = False
        for name in forms:
            located = _closest_span(windows, name, fuzz) if search else None
            if located == "accepted":
                fixed = True
                break
            if located is None:
                continue
            if not _is_latin(name):
                fixed = True  # a transliteration of a Cyrillic/Greek name: the names stage takes over
                break
            start, end = located
            if not any(_contains(output[start:end], other) for other in every_form if other != name):
                output = output[:start] + name + output[end:]
                windows = _Windows(output, anyascii)
                repaired.append(name)
                fixed = True
                break
        if fixed:
            continue
        surplus = _surplus_copy(output, every_form, source, forms[0]) if search else None
        name = next((f for f in forms if surplus and len(f.split()) == len(surplus[2].split())), None)
        if surplus is not None and name is not None:
            output = output[:surplus[0]] + name + output[surplus[1]:]
            repaired.append(name)
            continue
        missing.append(forms[-1])
    return output, repaired, missing


class _Windows:
    """Runs of consecutive words of an output text, by run length, with their ASCII folds (built
    once per output so that locating many names stays linear in the text)."""

    def __init__(self, output: str, anyascii: Any) -> None:
        self.output = output
        self.words = list(_WORD.finditer(output))
        self.anyascii = anyascii
        self._by_size: dict[int, list[tuple[int, int, str, str]]] = {}

    def of_size(self, size: int) -> list[tuple[int, int, str, str]]:
        if size not in self._by_size:
            runs = []
            for i in range(max(0, len(self.words) - size + 1)):
                start, end = self.words[i].start(), self.words[i + size - 1].end()
                text = self.output[start:end]
                runs.append((start, end, text, self.anyascii(text).lower()))
            self._by_size[size] = runs
        return self._by_size[size]


def _closest_span(windows: _Windows, name: str, fuzz: Any) -> tuple[int, int] | str | None:
    """Where ``name`` sits in the output in a mangled form: "accepted" for a de-inflected form, the
    span of the closest capitalised run of as many words (ASCII-folded similarity >= 80), or None."""
    folded = windows.anyascii(name).lower()
    best: tuple[float, int, int] | None = None
    for start, end, text, text_folded in windows.of_size(len(name.split())):
        if _deinflected(text, name):
            return "accepted"
        if not text[:1].isupper():
            continue
        score = fuzz.ratio(text_folded, folded, score_cutoff=80)
        if score and (best is None or score > best[0]):
            best = (score, start, end)
    return None if best is None else (best[1], best[2])


def _surplus_copy(output: str, names: list[str], source: str, missing: str) -> tuple[int, int, str] | None:
    """An occurrence of a source name that the output has more often than the source: the first
    one when the missing name came first in the source, else the last."""
    for other in names:
        found = list(re.finditer(rf"(?<!\w){re.escape(other)}(?!\w)", output))
        if len(found) > max(1, source.count(other)):
            chosen = found[0] if source.find(missing) < source.find(other) else found[-1]
            return chosen.start(), chosen.end(), other
    return None


def _contains(text: str, name: str) -> bool:
    """``name`` occurs in ``text`` as whole words (plain string search: this runs for every name of
    every sentence, and a regex per name would be compiled again and again)."""
    start = text.find(name)
    while start != -1:
        end = start + len(name)
        if (start == 0 or not _is_word_char(text[start - 1])) and \
                (end == len(text) or not _is_word_char(text[end])):
            return True
        start = text.find(name, start + 1)
    return False


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def _deinflected(text: str, name: str) -> bool:
    out_words, name_words = text.split(), name.split()
    if len(out_words) != len(name_words):
        return False
    return all(s.startswith(o) and len(o) >= 3 and len(s) - len(o) <= 3 and o != s or o == s
               for o, s in zip(out_words, name_words))


def _is_latin(text: str) -> bool:
    import unicodedata

    return all("LATIN" in unicodedata.name(c, "") for c in text if c.isalpha())


# --- degenerate output ------------------------------------------------------------------------------
def is_degenerate(source_tokens: Sequence[str], output_tokens: Sequence[str]) -> bool:
    """True for outputs that argos users report as garbage: far longer than the input, or one word
    / short phrase repeated (a word 4+ times in a row, a 2-4 word phrase 3+ times in a row) when
    the source itself repeats nothing like it."""
    if len(output_tokens) > 2 * len(source_tokens) + 10:
        return True
    return _repeats(_detokenize(output_tokens).split()) and not _repeats(_detokenize(source_tokens).split())


def _repeats(words: list[str]) -> bool:
    if len(set(words)) == len(words):
        return False
    for size in (1, 2, 3, 4):
        needed = 4 if size == 1 else 3
        for start in range(len(words) - size * needed + 1):
            if words[start] != words[start + size]:
                continue
            unit = words[start:start + size]
            if all(words[start + k * size:start + (k + 1) * size] == unit for k in range(needed)):
                return True
    return False


def _collapse_repeats(tokens: Sequence[str]) -> list[str]:
    """Keep one copy of each run of a repeated word or 2-4 word phrase."""
    words = _detokenize(tokens).split()
    changed = True
    while changed:
        changed = False
        for size in (4, 3, 2, 1):
            i = 0
            while i + 2 * size <= len(words):
                if words[i:i + size] == words[i + size:i + 2 * size]:
                    del words[i + size:i + 2 * size]
                    changed = True
                else:
                    i += 1
    return ["▁" + w for w in words]


# --- text plumbing ----------------------------------------------------------------------------------
def _lang(code: Any) -> str:
    return str(code or "").strip().lower().replace("_", "-").split("-")[0]


def _split_segment(text: str, lang: str) -> _Segment:
    from normalizer.sentences import split_sentences

    text = _CONTROL.sub(" ", text)
    parts = _LINE_BREAKS.split(text.strip())
    lines = [split_sentences(part, lang) for part in parts[0::2]]
    separators = ["\n\n" if sep.count("\n") > 1 else "\n" for sep in parts[1::2]]
    return _Segment(lines, separators)


def _join_lines(lines: list[str], separators: list[str]) -> str:
    out = lines[0] if lines else ""
    for separator, line in zip(separators, lines[1:]):
        out += separator + line
    return out


def _cut_tokens(tokens: list[str], limit: int) -> list[list[str]]:
    """Cut a token list into pieces of at most ``limit`` tokens, at word starts when possible."""
    pieces = []
    while len(tokens) > limit:
        cut = max((i for i in range(limit // 2, limit + 1) if tokens[i].startswith("▁")), default=limit)
        pieces.append(tokens[:cut])
        tokens = tokens[cut:]
    if tokens:
        pieces.append(tokens)
    return pieces


def _detokenize(tokens: Iterable[str]) -> str:
    """SentencePiece pieces -> text, also for pieces the model copied from the source (unknowns)."""
    return "".join(tokens).replace("▁", " ").strip()


# --- cache ------------------------------------------------------------------------------------------
class _Cache:
    """Persistent translation cache: (package identity + decoding options + sentence) -> output.
    SQLite so that several processes can share it; WAL mode so readers do not block the writer."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.stats = CacheStats()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(str(path), timeout=30, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("CREATE TABLE IF NOT EXISTS translations "
                             "(key TEXT PRIMARY KEY, output TEXT NOT NULL, notes TEXT NOT NULL)")
        except (sqlite3.Error, OSError) as exc:
            raise ValueError(f"the translation cache {path} is unusable ({exc}); delete it or "
                             "choose another file") from None

    @staticmethod
    def _key(signature: str, sentence: str) -> str:
        return hashlib.sha256(f"{signature}\x1f{sentence}".encode("utf-8", "surrogatepass")).hexdigest()

    def get_many(self, signature: str, sentences: list[str]) -> dict[str, tuple[str, set[str]]]:
        found: dict[str, tuple[str, set[str]]] = {}
        keys = {self._key(signature, s): s for s in sentences}
        items = list(keys)
        for start in range(0, len(items), 500):
            chunk = items[start:start + 500]
            marks = ",".join("?" * len(chunk))
            for key, output, notes in self._db.execute(
                    f"SELECT key, output, notes FROM translations WHERE key IN ({marks})", chunk):
                found[keys[key]] = (output, set(filter(None, notes.split("\n"))))
        self.stats.hits += len(found)
        self.stats.misses += len(sentences) - len(found)
        return found

    def put_many(self, signature: str, results: dict[str, tuple[str, set[str]]]) -> None:
        rows = [(self._key(signature, s), out, "\n".join(sorted(notes))) for s, (out, notes) in results.items()]
        with self._db:
            self._db.executemany("INSERT OR REPLACE INTO translations VALUES (?, ?, ?)", rows)
