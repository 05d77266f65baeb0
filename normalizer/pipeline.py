"""The whole job: pages in, normalized ``Article`` records out, streaming and in input order.

Stages: extract -> site boilerplate -> detect -> translate -> names -> record.

Pages are processed in chunks (``chunk_size`` pages) so that memory stays bounded whatever the
input size. Inside a chunk, the purely per-page work runs in ``workers`` processes: extraction,
then (on the boilerplate-free text) language detection and the search for name mentions. The
rest runs in this process because it needs state that spans the run:

* site boilerplate (``SiteBoilerplate``) remembers paragraphs repeated across a site's pages;
* translation loads each language package once and batches every sentence of the chunk in one
  call (so larger chunks translate faster, at the cost of memory);
* names (``EntityResolver``) groups mentions with everything seen earlier in the run.

What streaming changes, compared with seeing the whole corpus at once: a paragraph that repeats
only in a later chunk is dropped from the later pages but not from earlier records already
emitted, and a better-written spelling of a name first met in a later chunk cannot rename earlier
records. With the default chunk size, runs over a few hundred pages are unaffected.

Every failure is confined to its record: the record carries ``error`` = {stage, message} and the
run goes on. Results do not depend on ``workers`` (the per-page work is deterministic and results
are reassembled in input order).
"""

from __future__ import annotations

import dataclasses
import gc
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from normalizer.inputs import Page
from normalizer.record import (
    Article,
    ErrorInfo,
    LanguageInfo,
    TranslationInfo,
    article_id,
)

if TYPE_CHECKING:
    from normalizer.extract import Extraction, SiteBoilerplate
    from normalizer.names import ArticleMentions, EntityResolver
    from normalizer.translate import Translator

T = TypeVar("T")
Item = TypeVar("Item")


@dataclass(frozen=True)
class Options:
    """Options shared by ``normalize`` and ``normalize_many`` (keyword arguments of both)."""

    translate: bool = True
    target_lang: str = "en"
    languages: Sequence[str] | None = None
    aliases: str | Path | None = None
    keep_names: bool = False
    models_dir: str | Path | None = None
    translation_cache: str | Path | bool | None = None
    beam_size: int | None = None
    chunk_size: int = 128

    @property
    def detection_languages(self) -> tuple[str, ...] | None:
        """The answers detection may give: ``languages`` plus the target language, which needs
        no package, so that a run restricted to the languages it has packages for still knows
        its target-language pages instead of calling them "und"."""
        if self.languages is None:
            return None
        return tuple(dict.fromkeys([*self.languages, self.target_lang]))


def normalize(html: str | bytes, url: str | None = None, **options: Any) -> Article:
    """Normalize one page. Never raises for bad input: failures land in ``Article.error``."""
    return next(normalize_many([(url, html)], **options))


def normalize_many(items: Iterable[Any], workers: int = 1, **options: Any) -> Iterator[Article]:
    """Normalize many pages, yielding one ``Article`` per item, in input order.

    ``items`` yields html strings/bytes, ``(url, html)`` pairs, dicts with ``url``/``html``, or
    ``normalizer.inputs.Page`` objects. Corpus-level steps (site boilerplate, name grouping) span
    the whole iterable.
    """
    if workers < 1:
        raise ValueError(f"workers must be at least 1, got {workers}")
    opts = Options(**options)
    if opts.aliases is not None:  # a broken alias file is the caller's mistake: say so at once
        from normalizer.names_lexicon import gazetteer_for

        gazetteer_for(opts.aliases)  # raises names.AliasFileError, cached for the run otherwise
    run = _Run(opts)
    pages = (_as_page(item, position) for position, item in enumerate(items))
    executor: Executor | None = None
    if workers > 1:
        executor = ProcessPoolExecutor(max_workers=workers, initializer=_collect_garbage_less_often)
    try:
        with _garbage_collected_less_often():
            yield from run.process(_chunks(pages, opts.chunk_size), executor)
    finally:
        if executor is not None:
            executor.shutdown(cancel_futures=True)


# Allocations between two collections of the cyclic garbage collector's youngest generation
# during a run (CPython's default is 700).
BATCH_GC_THRESHOLD = 20_000


@contextmanager
def _garbage_collected_less_often() -> Iterator[None]:
    """Collect cyclic garbage less often while a run lasts, and restore the thresholds after it
    (unless someone changed them meanwhile). A page allocates tens of thousands of short-lived
    objects (parser proxies, tokens, small dicts) that reference counting frees at once, yet at
    the default threshold the collector still scans the young objects every 700 allocations.
    Measured on the pipeline benchmark's 2,000 pages: 539 collections taking 0.6-0.9 s (about
    2% of the run) against 9 taking 0.1 s, and the same peak memory: cycles are still
    collected, only later."""
    previous = gc.get_threshold()
    _collect_garbage_less_often()
    tuned = gc.get_threshold()
    try:
        yield
    finally:
        if gc.get_threshold() == tuned:
            gc.set_threshold(*previous)


def _collect_garbage_less_often() -> None:
    """Raise the youngest generation's threshold to BATCH_GC_THRESHOLD (never lower it); also
    run at the start of each worker process, for the worker's whole life."""
    threshold = gc.get_threshold()
    gc.set_threshold(max(threshold[0], BATCH_GC_THRESHOLD), *threshold[1:])


def page_id(page: Page) -> str:
    """The record id of a page, computable before any processing (``--resume`` relies on it)."""
    return article_id(page.url, page.html if page.html is not None else page.source)


class _Run:
    """The state of one run: stage objects created once, lazily, and reused chunk after chunk."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self._boilerplate: SiteBoilerplate | None = None
        self._translator: Translator | None = None
        self._resolver: EntityResolver | None = None

    def process(self, chunks: Iterator[list[Page]], executor: Executor | None) -> Iterator[Article]:
        """Every chunk's records, in order. With worker processes, the next chunk is read and
        sent to extraction before this process translates and groups the names of the current
        one, so that the workers are not idle meanwhile (two chunks in flight at most; records
        of a slowly fed stream come out one chunk later). A single process reads no chunk ahead."""
        ahead = executor is not None
        languages = self.options.detection_languages
        pages, extracted = _next_chunk(chunks, executor)
        while pages is not None:
            articles, ok = self._extracted(pages, extracted())
            requests = [(a.title, a.text, e.html_lang, languages, self.options.aliases) for a, e in ok]
            analysed = _map_later(executor, _analyse, requests)
            if ahead:
                pages, extracted = _next_chunk(chunks, executor)
            self._finish(articles, ok, analysed(), executor)
            yield from articles
            if not ahead:
                pages, extracted = _next_chunk(chunks, executor)

    def _extracted(self, pages: list[Page], results: list[tuple[Extraction | None, str | None]]
                   ) -> tuple[list[Article], list[tuple[Article, Extraction]]]:
        """Records started from the extractions, site boilerplate dropped; the (record,
        extraction) pairs that go on to the next stages."""
        extractions = [extraction for extraction, _ in results]
        articles = [
            self._start_record(page, extraction, failure)
            for page, (extraction, failure) in zip(pages, results)
        ]
        ok = [(a, e) for a, e in zip(articles, extractions) if a.error is None and e is not None]
        self._drop_site_boilerplate(ok)
        return articles, ok

    def _finish(self, articles: list[Article], ok: list[tuple[Article, Extraction]],
                analysed: list[tuple[tuple[LanguageInfo, ArticleMentions] | None, str | None]],
                executor: Executor | None) -> None:
        """Language and mentions from the workers, then translation and names, in place."""
        collected: dict[int, ArticleMentions] = {}
        for (article, _), (result, failure) in zip(ok, analysed):
            if result is None:
                article.error = ErrorInfo("detect", failure or "no result")
            else:
                article.language, collected[id(article)] = result
        good = [a for a in articles if a.error is None]
        self._translate(good)
        self._annotate_names(good, collected, executor)

    def _start_record(self, page: Page, extraction: Extraction | None, failure: str | None) -> Article:
        article = Article(id=page_id(page), url=page.url)
        if page.error is not None:
            article.error = ErrorInfo("read", f"{page.source}: {page.error}")
        elif failure is not None or extraction is None or extraction.error:
            message = failure or (extraction.error if extraction is not None else "no result")
            article.error = ErrorInfo("extract", f"{page.source}: {message}")
        if extraction is not None:
            article.url = page.url or extraction.url
            article.site = extraction.site
            article.title = extraction.title
            article.authors = list(extraction.authors)
            article.published = extraction.published
            article.text = extraction.text
            article.warnings = list(extraction.warnings)
        return article

    def _drop_site_boilerplate(self, pairs: list[tuple[Article, Extraction]]) -> None:
        if not pairs:
            return
        if self._boilerplate is None:
            from normalizer.extract import SiteBoilerplate

            self._boilerplate = SiteBoilerplate()
        try:
            cleaned = self._boilerplate.clean([extraction for _, extraction in pairs])
        except Exception as exc:  # noqa: BLE001 - keep the uncleaned text, say so
            for article, _ in pairs:
                article.warnings.append(f"site boilerplate removal failed: {exc}")
            return
        for (article, _), extraction in zip(pairs, cleaned):
            article.text = extraction.text
            article.warnings = list(extraction.warnings)

    def _translate(self, articles: list[Article]) -> None:
        """Articles already in the target language keep their text; the others are translated
        all together (one batched call per language package), unless translation is off."""
        from normalizer.translate import article_segments, translate_articles

        target = self.options.target_lang
        pending: list[Article] = []
        for article in articles:
            if all(lang == target for _, lang in article_segments(article)):
                article.title_en, article.text_en = article.title, article.text
                status = "not_needed" if self.options.translate else "disabled"
                article.translation = TranslationInfo(status=status)
            elif not self.options.translate:
                article.translation = TranslationInfo(status="disabled")
            else:
                pending.append(article)
        if not pending:
            return
        try:
            translate_articles(pending, self.translator)
        except Exception as exc:  # noqa: BLE001 - one failing batch must not stop the run
            for article in pending:
                article.translation = TranslationInfo(status="error", detail=str(exc))
                article.error = ErrorInfo("translate", f"{type(exc).__name__}: {exc}")

    @property
    def translator(self) -> Translator:
        if self._translator is None:
            from normalizer.translate import Translator

            kwargs: dict[str, Any] = {"target": self.options.target_lang}
            if self.options.models_dir is not None:
                kwargs["models_dir"] = Path(self.options.models_dir)
            if self.options.beam_size is not None:
                kwargs["beam_size"] = self.options.beam_size
            if self.options.translation_cache is not None:
                kwargs["cache"] = self.options.translation_cache
            self._translator = Translator(**kwargs)
        return self._translator

    def _annotate_names(self, articles: list[Article], collected: dict[int, ArticleMentions],
                        executor: Executor | None) -> None:
        """Group names across the run. Mentions in the original fields were found in the workers
        with the language; those of translated English fields are found here, in the workers too
        (English articles reuse their original mentions: the resolver sees text_en is text)."""
        if not articles:
            return
        if self._resolver is None:
            from normalizer.names import EntityResolver

            self._resolver = EntityResolver(aliases=self.options.aliases, keep_names=self.options.keep_names)
        translated = [a for a in articles if a.translation.status == "ok"]
        requests = [(a.title_en, a.text_en, self.options.aliases) for a in translated]
        english = {id(a): m for a, (m, _) in zip(translated, _map(executor, _collect_english, requests))}
        try:
            self._resolver.annotate(
                articles,
                [collected.get(id(a)) for a in articles],
                [english.get(id(a)) for a in articles],
            )
        except Exception:  # noqa: BLE001 - find the record(s) at fault, keep the others
            for article in articles:
                _guarded(article, "names", self._resolver.annotate, [article])


def _paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()]


def _extract_page(page: Page) -> Extraction | None:
    """Worker-side step (top-level functions, so that they can be sent to worker processes)."""
    if page.error is not None or page.html is None:
        return None
    from normalizer.extract import extract

    return extract(page.html, url=page.url)


def _analyse(
    request: tuple[str | None, str, str | None, Sequence[str] | None, str | Path | None],
) -> tuple[LanguageInfo, ArticleMentions]:
    """Worker-side step on the boilerplate-free text: the article's language (the page's declared
    language is a prior), then the name mentions of its title and body in that language."""
    from normalizer.detect import detect_article
    from normalizer.names import collect_mentions

    title, text, hint, languages, aliases = request
    result = detect_article(title, _paragraphs(text), hint=hint, languages=languages)
    language = LanguageInfo(
        code=result.code,
        confidence=result.confidence,
        hint=result.hint,
        shares=dict(result.shares),
        paragraphs=list(result.paragraphs),
        title=result.title,
    )
    return language, collect_mentions(title, text, result.code, aliases)


def _collect_english(request: tuple[str | None, str | None, str | Path | None]) -> ArticleMentions:
    """Worker-side step: name mentions of a translated title and body."""
    from normalizer.names import collect_mentions

    title_en, text_en, aliases = request
    return collect_mentions(title_en, text_en, None, aliases, english=True)


def _guarded(article: Article, stage: str, func: Callable[..., T], *args: Any) -> T | None:
    try:
        return func(*args)
    except Exception as exc:  # noqa: BLE001 - the record carries the failure
        article.error = ErrorInfo(stage, f"{type(exc).__name__}: {exc}")
        return None


def _map(executor: Executor | None, func: Callable[[Item], T], items: list[Item]) -> list[tuple[T | None, str | None]]:
    """``func`` over ``items``, in order, in the worker processes when there are any."""
    if executor is None:
        return [_safe(func, item) for item in items]
    return list(executor.map(_safe, [func] * len(items), items, chunksize=_task_size(items)))


def _next_chunk(chunks: Iterator[list[Page]], executor: Executor | None
                ) -> tuple[list[Page] | None, Callable[[], list[tuple[Extraction | None, str | None]]]]:
    """The next chunk (None at the end) and its extractions, to be collected later."""
    pages = next(chunks, None)
    return pages, _map_later(executor, _extract_page, pages or [])


def _map_later(executor: Executor | None, func: Callable[[Item], T],
               items: list[Item]) -> Callable[[], list[tuple[T | None, str | None]]]:
    """``_map`` whose results are collected later: with worker processes the work is sent now
    (and proceeds while this process does other things); without, it runs when asked, so that a
    single process keeps its plain one-chunk-at-a-time order."""
    if executor is None or not items:
        return lambda: _map(executor, func, items)
    results = executor.map(_safe, [func] * len(items), items, chunksize=_task_size(items))
    return lambda: list(results)


def _task_size(items: list[Any]) -> int:
    return max(1, len(items) // 16)


def _safe(func: Callable[[Item], T], item: Item) -> tuple[T | None, str | None]:
    """Run a per-item step so that an unexpected exception costs only that item; the failure
    comes back as a value because a worker process cannot change the caller's objects."""
    try:
        return func(item), None
    except Exception as exc:  # noqa: BLE001
        return None, f"{type(exc).__name__}: {exc}"


def _as_page(item: Any, position: int) -> Page:
    if isinstance(item, Page):
        return item
    source = f"item {position}"
    if isinstance(item, (str, bytes)):
        return Page(source=source, html=item)
    if isinstance(item, tuple) and len(item) == 2:
        url, html = item
        return _checked_page(source, url, html)
    if isinstance(item, dict):
        return _checked_page(source, item.get("url"), item.get("html"))
    return Page(source=source, html=None, error=f"unsupported item of type {type(item).__name__}")


def _checked_page(source: str, url: Any, html: Any) -> Page:
    url = url if isinstance(url, str) and url else None
    if not isinstance(html, (str, bytes)):
        return Page(source=source, html=None, url=url, error="no html given")
    return Page(source=source, html=html, url=url)


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def record_fields() -> list[str]:
    """The top-level field names of an article record (for ``--fields`` validation)."""
    return [f.name for f in dataclasses.fields(Article)]
