"""The ``normalizer`` command line: a thin click layer over the Python API.

Each command only parses arguments, calls the API and maps results to exit codes:
0 all records ok, 1 some records failed (each carries ``error``), 2 usage error or nothing could
run. Heavy modules are imported inside the commands so that ``normalizer --help`` stays fast.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import NoReturn

import click

EXIT_OK = 0
EXIT_PARTIAL = 1
EXIT_USAGE = 2

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def fail(message: str) -> NoReturn:
    """Stop with a one-line message and exit code 2 (never a traceback for user mistakes)."""
    click.echo(f"normalizer: error: {message}", err=True)
    sys.exit(EXIT_USAGE)


def parse_languages(value: str | None) -> list[str] | None:
    """``--languages ro,fr,de`` -> ``["de", "fr", "ro"]`` (None when not given)."""
    if not value:
        return None
    codes = sorted({code.strip().lower() for code in value.split(",") if code.strip()})
    return codes or None


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(package_name="normalizer", prog_name="normalizer")
def cli() -> None:
    """Turn news articles in many languages into one comparable English form.

    \b
    Example:
      normalizer convert samples/pages -o articles.jsonl
      normalizer merge articles.jsonl -o stories.jsonl
    """
    import logging

    logging.basicConfig(format="normalizer: %(levelname)s: %(message)s", level=logging.WARNING)


@cli.command()
@click.argument("articles", type=click.Path(exists=True, dir_okay=False))
@click.argument("stories", type=click.Path(exists=True, dir_okay=False), required=False)
def summary(articles: str, stories: str | None) -> None:
    """Print a short human summary of a convert (and merge) run.

    \b
    Example:
      normalizer summary articles.jsonl stories.jsonl
    """
    from normalizer.summary import summarize

    click.echo(summarize(articles, stories))


# === convert (issue 9) ===
@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("-o", "--output", default="-", show_default=True, metavar="OUT.jsonl",
              help="Output JSON Lines file (written atomically), or - for stdout.")
@click.option("--fields", metavar="F1,F2", help="Keep only these top-level record fields.")
@click.option("--no-translate", is_flag=True, help="Skip translation (translation.status = disabled).")
@click.option("--target-lang", default="en", show_default=True, help="Language to translate into.")
@click.option("--languages", metavar="ro,fr,de",
              help="Restrict language detection to these codes and the target language; pages in others get 'und'.")
@click.option("--aliases", type=click.Path(exists=True, dir_okay=False), help="Name-alias file (TOML or JSON).")
@click.option("--keep-names", is_flag=True, help="Do not rewrite names in title_en/text_en to canonical forms.")
@click.option("--models-dir", type=click.Path(file_okay=False), help="Translation packages folder.")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Processes for the per-page work (results are identical for any value).")
@click.option("--chunk-size", type=click.IntRange(min=1), default=128, show_default=True,
              help="Pages held in memory at once (also the translation batch).")
@click.option("--resume", is_flag=True, help="Skip inputs already in OUT and append the rest.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary line.")
def convert(inputs: tuple[str, ...], output: str, fields: str | None, no_translate: bool,
            target_lang: str, languages: str | None, aliases: str | None, keep_names: bool,
            models_dir: str | None, workers: int, chunk_size: int, resume: bool, quiet: bool) -> None:
    """Run the whole pipeline: pages -> one JSON record per article.

    INPUT is an HTML file, a folder (searched recursively), a glob, - for stdin, a JSON Lines file
    with url/html per line, or a WARC file (.warc, .warc.gz). Inputs can be mixed.

    \b
    Example:
      normalizer convert samples/pages crawl.warc.gz -o articles.jsonl --workers 2
    """
    import signal

    from normalizer.convert import convert as run_convert
    from normalizer.inputs import MissingInput
    from normalizer.names_lexicon import AliasFileError
    from normalizer.pipeline import record_fields

    selected = None
    if fields:
        selected = [name.strip() for name in fields.split(",") if name.strip()]
        unknown = sorted(set(selected) - set(record_fields()))
        if unknown:
            fail(f"unknown field(s) for --fields: {', '.join(unknown)}")
    if resume and output == "-":
        fail("--resume needs an output file (-o OUT.jsonl)")

    def stop_on_sigterm(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop_on_sigterm)
    progress = _Progress(enabled=not quiet and sys.stderr.isatty())
    try:
        summary = run_convert(
            list(inputs), output, resume=resume, fields=selected, workers=workers,
            on_record=progress.update, translate=not no_translate, target_lang=target_lang,
            languages=parse_languages(languages), aliases=aliases, keep_names=keep_names,
            models_dir=models_dir, chunk_size=chunk_size,
        )
    except (MissingInput, AliasFileError) as exc:
        fail(str(exc))
    except OSError as exc:  # inputs problems become records; what escapes is about the output
        fail(f"cannot write output {output}: {exc.strerror or exc}")
    finally:
        progress.close()
    if not quiet:
        click.echo(f"normalizer convert: {summary.line(output)}", err=True)
    if summary.interrupted:
        sys.exit(130)
    if summary.written == 0 and not summary.skipped:
        fail("no page could be read from the inputs")
    sys.exit(EXIT_PARTIAL if summary.failed else EXIT_OK)


class _Progress:
    """A progress bar on stderr (tqdm) with pages/s and the error count, only on a terminal."""

    def __init__(self, enabled: bool) -> None:
        self.errors = 0
        self.bar = None
        if enabled:
            from tqdm import tqdm

            self.bar = tqdm(unit="page", file=sys.stderr, dynamic_ncols=True, postfix={"errors": 0})

    def update(self, article: object) -> None:
        if self.bar is None:
            return
        if getattr(article, "error", None) is not None:
            self.errors += 1
            self.bar.set_postfix(errors=self.errors, refresh=False)
        self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


# === extract (issue 4) ===
EXTRACT_CHUNK = 256  # pages held at once: site boilerplate is compared within and across chunks


@cli.command("extract")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("--format", "output_format", type=click.Choice(["json", "text"]), default="json",
              show_default=True, help="json: one JSON object per page; text: title and body, for reading.")
@click.option("-o", "--output", default="-", show_default=True, metavar="OUT",
              help="Output file (written atomically), or - for stdout.")
@click.option("--keep-site-boilerplate", is_flag=True,
              help="Keep paragraphs that repeat verbatim on several pages of one site.")
def extract_command(inputs: tuple[str, ...], output_format: str, output: str,
                    keep_site_boilerplate: bool) -> None:
    """Extract body text and metadata from HTML pages (the first pipeline stage alone).

    INPUT is an HTML file, a folder (searched recursively), a glob, - for stdin, a JSON Lines file
    with url/html per line, or a WARC file. With --format json each page gives one JSON object:
    file (where the page came from), url, site, site_name, title, text (paragraphs separated by a
    blank line), authors, published, description, canonical_url, html_lang, encoding, warnings
    and error. Paragraphs repeated across pages of one site are removed unless
    --keep-site-boilerplate is given.

    \b
    Example:
      normalizer extract samples/pages --format text | less
      curl -s https://example.org/news/1 | normalizer extract - -o page.jsonl
    """
    import dataclasses
    import itertools

    from normalizer.extract import Extraction, SiteBoilerplate, extract
    from normalizer.inputs import MissingInput, iter_pages
    from normalizer.jsonl import dumps

    try:
        pages = iter_pages(inputs)
    except MissingInput as exc:
        fail(str(exc))
    boilerplate = None if keep_site_boilerplate else SiteBoilerplate()
    seen = failed = 0
    try:
        with click.open_file(output, "w", encoding="utf-8", atomic=output != "-") as stream:
            while chunk := list(itertools.islice(pages, EXTRACT_CHUNK)):
                results = [
                    Extraction(url=page.url, error=page.error) if page.html is None
                    else extract(page.html, url=page.url)
                    for page in chunk
                ]
                if boilerplate is not None:
                    results = boilerplate.clean(results)
                for page, result in zip(chunk, results):
                    seen += 1
                    failed += result.error is not None
                    if output_format == "json":
                        stream.write(dumps({"file": page.source, **dataclasses.asdict(result)}) + "\n")
                    else:
                        stream.write(f"==> {page.source} <==\n{result.as_text()}\n\n")
    except OSError as exc:
        fail(f"cannot write output {output}: {exc.strerror or exc}")
    if seen == 0:
        fail("no page found in the inputs")
    sys.exit(EXIT_PARTIAL if failed else EXIT_OK)


# === detect (issue 5) ===
@cli.command()
@click.argument("texts", nargs=-1, metavar="[TEXT...]")
@click.option("--file", "-f", "file", metavar="F", help="Read inputs from F (- for stdin): one text "
              "per line, or JSON Lines records whose 'text' field is detected.")
@click.option("--languages", metavar="ro,fr,de",
              help="Restrict the possible answers to these codes; a text in another language gets 'und'.")
@click.option("--hint", metavar="CODE", help="A prior language (e.g. the page's <html lang>).")
@click.option("--short-texts", type=click.Choice(["fast", "accurate", "off"]), default="fast",
              show_default=True, help="Second opinion for texts of a few words: small models, large "
              "models (more right on single words; ~40 MB per language met), or none.")
@click.option("--format", "output_format", type=click.Choice(["json", "text"]), default="json",
              show_default=True, help="One JSON object per input, or 'code<TAB>confidence<TAB>text'.")
def detect(texts: tuple[str, ...], file: str | None, languages: str | None, hint: str | None,
           short_texts: str, output_format: str) -> None:
    """Detect the language of each TEXT, each line of a file, or each record's 'text'.

    Prints one result per input, in input order: code (ISO 639-1, or "und" when the evidence is
    too thin), calibrated confidence and the best candidates. A TEXT of - reads stdin.

    \b
    Example:
      normalizer detect "Guvernul a anunțat noi măsuri" "Влада је усвојила закон"
      normalizer detect --file articles.jsonl --languages ro,fr,de --format text
    """
    from normalizer.detect import detect_language
    from normalizer.detect import parse_languages as parse_detect_languages
    from normalizer.jsonl import dumps

    try:
        allowed = parse_detect_languages(languages) if languages else None
    except ValueError as exc:
        fail(str(exc))
    if file and texts:
        fail("give either TEXT arguments or --file, not both")
    if file is None and texts == ("-",):
        file = "-"
    if file is None and not texts:
        fail("nothing to detect: give TEXT arguments, --file F, or - for stdin")
    items = (({}, text) for text in texts) if file is None else _detect_inputs(file)
    failed = 0
    try:
        for meta, text in items:  # streamed: a large file is never held in memory
            if text is None:
                failed += 1
                result = {**meta}
            else:
                result = {**meta, **detect_language(text, hint, allowed, short_texts=short_texts).to_dict()}
            if output_format == "json":
                click.echo(dumps(result))
            else:
                shown = (text or "").replace("\t", " ").replace("\n", " ")[:60]
                click.echo(f"{result.get('code', 'error')}\t{result.get('confidence', 0.0)}\t{shown}")
    except OSError as exc:
        fail(f"cannot read {file}: {exc.strerror or exc}")
    sys.exit(EXIT_PARTIAL if failed else EXIT_OK)


def _detect_inputs(path: str) -> Iterator[tuple[dict, str | None]]:
    """(metadata, text) per non-blank input line; a JSON object line contributes its 'text' (and
    its id/url as metadata); a record without a usable text gives text None and an error."""
    import json

    stream = sys.stdin if path == "-" else open(path, encoding="utf-8", errors="surrogateescape")  # noqa: SIM115 - closed below
    with stream:
        for number, line in enumerate(stream, start=1):
            line = line.rstrip("\n")
            if not line.strip():
                continue
            record = None
            if line.lstrip().startswith("{"):
                try:
                    record = json.loads(line)
                except json.JSONDecodeError:
                    record = None
            if not isinstance(record, dict):
                yield {"line": number}, line
                continue
            meta = {"line": number, **{k: record[k] for k in ("id", "url") if k in record}}
            text = record.get("text")
            if isinstance(text, str):
                yield meta, text
            else:
                yield {**meta, "error": {"stage": "detect", "message": "record has no 'text' string"}}, None


# === translate, models (issue 6) ===
@cli.command("translate")
@click.argument("source", required=False, metavar="[IN.jsonl|-]")
@click.option("-o", "--output", default="-", show_default=True, metavar="OUT.jsonl",
              help="Where to write the records (- for stdout).")
@click.option("--text", "texts", multiple=True, metavar="TEXT",
              help="Translate this text instead of records (repeatable; needs --from).")
@click.option("--from", "source_lang", metavar="CODE",
              help="Source language; overrides the records' detected language.")
@click.option("--models-dir", type=click.Path(file_okay=False), help="Translation packages folder.")
@click.option("--beam-size", type=click.IntRange(min=1), help="Beam size (default: greedy, 1).")
@click.option("--threads", type=click.IntRange(min=0), default=0, help="CTranslate2 threads (0: auto).")
@click.option("--cache", "cache_path", type=click.Path(dir_okay=False),
              help="Translation cache file (default: $NORMALIZER_CACHE/translations.sqlite3, else <models dir>/.cache/).")
@click.option("--no-cache", is_flag=True, help="Do not read or write the translation cache.")
def translate_command(source: str | None, output: str, texts: tuple[str, ...], source_lang: str | None,
                      models_dir: str | None, beam_size: int | None, threads: int,
                      cache_path: str | None, no_cache: bool) -> None:
    """Translate article records (JSON Lines, e.g. from `normalizer convert --no-translate`) or
    texts into English, filling title_en, text_en and translation.

    Each title and paragraph is translated from its own detected language; English ones pass
    through. A record whose language has no installed package gets status "unavailable" and the
    command that installs it. The cache hit rate is reported on stderr.

    \b
    Example:
      normalizer translate --from ro --text "Podul de la Brăila va fi inaugurat în mai."
      normalizer convert pages/ --no-translate -o raw.jsonl && normalizer translate raw.jsonl -o en.jsonl
    """
    from pathlib import Path

    from normalizer.translate import ModelNotInstalled, Translator

    if texts and source:
        fail("give either IN.jsonl or --text, not both")
    if not texts and not source:
        fail("nothing to translate: give IN.jsonl, - for stdin, or --text TEXT --from CODE")
    options: dict = {"threads": threads}
    if models_dir:
        options["models_dir"] = Path(models_dir)
    if beam_size:
        options["beam_size"] = beam_size
    options["cache"] = False if no_cache else (Path(cache_path) if cache_path else True)
    try:
        translator = Translator(**options)
    except (OSError, ValueError) as exc:
        fail(str(exc))
    if texts:
        if not source_lang:
            fail("--text needs --from CODE (the language of the text)")
        try:
            for line in translator.translate_texts(list(texts), source_lang):
                click.echo(line)
        except ModelNotInstalled as exc:
            fail(str(exc))
        except RuntimeError as exc:
            click.echo(f"normalizer: error: {exc}", err=True)
            sys.exit(EXIT_PARTIAL)
        sys.exit(EXIT_OK)
    _translate_records(source or "-", output, translator, source_lang)


def _translate_records(source: str, output: str, translator, source_lang: str | None) -> None:
    """Records in, records out (same order); a bad line becomes an error record."""
    from normalizer.jsonl import AtomicWriter, BadLine, read_jsonl
    from normalizer.record import Article, ErrorInfo
    from normalizer.translate import translate_articles

    articles: list[Article] = []
    try:
        for item in read_jsonl(source):
            if isinstance(item, BadLine):
                article = Article(id=f"line-{item.line}")
                article.error = ErrorInfo("input", f"{item.source}:{item.line}: {item.message}")
            else:
                article = Article.from_dict(item)
                if source_lang:
                    article.language.code = source_lang.lower()
                    article.language.paragraphs = []
                    if hasattr(article.language, "title"):
                        article.language.title = None
            articles.append(article)
    except OSError as exc:
        fail(f"cannot read {source}: {exc.strerror or exc}")
    usable = [a for a in articles if a.error is None]
    translate_articles(usable, translator)
    for article in usable:
        if article.translation.status == "unavailable":
            article.error = ErrorInfo("translate", article.translation.detail or "no package")
    try:
        with AtomicWriter(output) as writer:
            writer.write_all(a.to_dict() for a in articles)
    except OSError as exc:
        fail(f"cannot write output {output}: {exc.strerror or exc}")
    stats = translator.cache_stats
    failed = sum(a.error is not None for a in articles)
    click.echo(f"normalizer translate: {len(articles)} records, {failed} failed, cache hit rate "
               f"{stats.hit_rate:.0%} ({stats.hits}/{stats.hits + stats.misses} sentences)", err=True)
    if articles and failed == len(articles):
        fail("no record could be translated (see each record's error)")
    sys.exit(EXIT_PARTIAL if failed else EXIT_OK)


@cli.group("models")
def models_group() -> None:
    """Manage Argos Translate language packages (in lang_models/ or $NORMALIZER_MODELS).

    \b
    Example:
      normalizer models install ro fr de        # from the package index
      normalizer models install ./translate-ro_en-1_9.argosmodel
      normalizer models install --for samples/pages
      normalizer models list
    """


_models_dir_option = click.option("--models-dir", type=click.Path(file_okay=False),
                                  help="Packages folder (default: $NORMALIZER_MODELS or lang_models/).")
_index_option = click.option("--index", "index", metavar="URL",
                             help="Package index base URL (default: $NORMALIZER_PACKAGE_INDEX, "
                                  "$ARGOS_PACKAGE_INDEX, or Argos' public index).")
_timeout_option = click.option("--timeout", type=click.FloatRange(min=0.1), default=10.0, show_default=True,
                               help="Seconds to wait for each network read.")


def _models_path(value: str | None):
    from pathlib import Path

    from normalizer.models import models_dir

    return Path(value) if value else models_dir()


@models_group.command("list")
@_models_dir_option
@click.option("--json", "as_json", is_flag=True, help="One JSON object per package.")
def models_list(models_dir: str | None, as_json: bool) -> None:
    """List installed packages with their languages and versions.

    \b
    Example:
      normalizer models list
    """
    from normalizer.jsonl import dumps
    from normalizer.models import list_installed

    folder = _models_path(models_dir)
    packages = list_installed(folder)
    for p in packages:
        if as_json:
            click.echo(dumps({"code": p.code, "from": p.from_code, "to": p.to_code, "version": p.version,
                              "path": str(p.path)}))
        else:
            click.echo(f"{p.from_code}->{p.to_code}\t{p.version}\t{p.code}\t{p.from_name} -> {p.to_name}")
    if not packages and not as_json:
        click.echo(f"no packages installed in {folder}; try: normalizer models install ro", err=True)


@models_group.command("available")
@_index_option
@_timeout_option
@_models_dir_option
def models_available(index: str | None, timeout: float, models_dir: str | None) -> None:
    """List the packages offered by the package index (installed ones are marked with *).

    \b
    Example:
      normalizer models available --index http://127.0.0.1:8000/
    """
    from normalizer.models import IndexUnavailable, fetch_index, list_installed

    try:
        packages = fetch_index(_index_json(index), timeout=timeout)
    except IndexUnavailable as exc:
        fail(str(exc))
    installed = {(p.from_code, p.to_code, p.version) for p in list_installed(_models_path(models_dir))}
    for p in packages:
        mark = "*" if (p.from_code, p.to_code, p.version) in installed else " "
        click.echo(f"{mark} {p.from_code}->{p.to_code}\t{p.version}\t{p.code}\t{p.from_name} -> {p.to_name}")


def _index_json(index: str | None) -> str | None:
    if not index:
        return None
    return index if index.endswith(".json") else index.rstrip("/") + "/index.json"


@models_group.command("install")
@click.argument("items", nargs=-1, metavar="[CODE|FILE.argosmodel]...")
@click.option("--for", "for_pages", multiple=True, metavar="PAGES",
              help="Install what these pages need (folders, files, globs: as for convert).")
@click.option("--to", "target", default="en", show_default=True, help="Target language.")
@_index_option
@_timeout_option
@_models_dir_option
def models_install(items: tuple[str, ...], for_pages: tuple[str, ...], target: str, index: str | None,
                   timeout: float, models_dir: str | None) -> None:
    """Install packages: language codes from the index (a pivot pair when there is no direct
    package), .argosmodel files, or whatever the pages given with --for need.

    Archives are checked (zip integrity, checksum when the index has one, no absolute paths, no
    `..`, no links) and unpacked atomically: a failed install leaves nothing behind.

    \b
    Example:
      normalizer models install ro fr
      normalizer models install translate-ro_en-1_9.argosmodel
      normalizer models install --for samples/pages
    """
    from pathlib import Path

    from normalizer.models import (
        IndexUnavailable,
        PackageError,
        choose_packages,
        download_and_install,
        fetch_index,
        install_archive,
        list_installed,
    )

    folder = _models_path(models_dir)
    codes = [item for item in items if not item.endswith(".argosmodel")]
    files = [Path(item) for item in items if item.endswith(".argosmodel")]
    if for_pages:
        codes += _languages_needed(for_pages, target)
        if not codes and not files:
            click.echo("the pages need no translation package", err=True)
            sys.exit(EXIT_OK)
    if not codes and not files:
        fail("nothing to install: give language codes, .argosmodel files or --for PAGES")
    failures = 0
    for path in files:
        try:
            info = install_archive(path, folder)
            click.echo(f"installed {info.code} ({info.pair}) in {info.path}")
        except PackageError as exc:
            failures += 1
            click.echo(f"normalizer: error: {exc}", err=True)
    codes = [c for c in dict.fromkeys(code.lower() for code in codes) if c != target]
    if codes:
        installed = list_installed(folder)
        wanted = [c for c in codes if not choose_packages(installed, c, target)]
        for code in sorted(set(codes) - set(wanted)):
            click.echo(f"{code}->{target}: already installed")
        available = []
        if wanted:
            try:
                available = fetch_index(_index_json(index), timeout=timeout)
            except IndexUnavailable as exc:
                fail(f"cannot read the package index: {exc}")
        for code in wanted:
            chosen = choose_packages(available, code, target)
            if not chosen:
                failures += 1
                click.echo(f"normalizer: error: the index has no package for {code}->{target}", err=True)
                continue
            for package in chosen:
                try:
                    with _DownloadProgress(package.code) as progress:
                        info = download_and_install(package, folder, timeout=timeout, progress=progress)
                    click.echo(f"installed {info.code} ({info.pair}) in {info.path}")
                except (PackageError, IndexUnavailable) as exc:
                    failures += 1
                    click.echo(f"normalizer: error: {exc}", err=True)
    total = len(files) + len(codes)
    if failures and failures >= total:
        sys.exit(EXIT_USAGE)
    sys.exit(EXIT_PARTIAL if failures else EXIT_OK)


class _DownloadProgress:
    """A click progress bar for one download, shown only when stderr is a terminal."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.bar = None

    def __enter__(self):
        return self.update

    def update(self, done: int, total: int | None) -> None:
        if not sys.stderr.isatty():
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total or 0, label=self.label, file=sys.stderr)
            self.bar.__enter__()
            self._done = 0
        self.bar.update(done - self._done)
        self._done = done

    def __exit__(self, *exc_info) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc_info)


def _languages_needed(specs: tuple[str, ...], target: str) -> list[str]:
    """Languages (other than ``target``) of the titles and paragraphs of the given pages."""
    from normalizer.inputs import MissingInput, iter_pages
    from normalizer.pipeline import normalize_many

    needed: set[str] = set()
    try:
        for article in normalize_many(iter_pages(list(specs)), translate=False, target_lang=target):
            info = article.language
            needed.update([info.code, getattr(info, "title", None) or info.code, *info.paragraphs])
    except MissingInput as exc:
        fail(str(exc))
    return sorted(code for code in needed if code and code not in ("und", target))


@models_group.command("remove")
@click.argument("selectors", nargs=-1, required=True, metavar="CODE|PAIR|LANG...")
@_models_dir_option
def models_remove(selectors: tuple[str, ...], models_dir: str | None) -> None:
    """Remove installed packages, by package code, pair (ro-en) or source language (ro).

    \b
    Example:
      normalizer models remove ro
      normalizer models remove translate-ro_en-1_9
    """
    from normalizer.models import remove

    folder = _models_path(models_dir)
    missing = 0
    for selector in selectors:
        removed = remove(selector, folder)
        for package in removed:
            click.echo(f"removed {package.code} ({package.pair})")
        if not removed:
            missing += 1
            click.echo(f"normalizer: error: no installed package matches {selector!r}", err=True)
    sys.exit(EXIT_USAGE if missing == len(selectors) else EXIT_PARTIAL if missing else EXIT_OK)


# === names (issue 7) ===


@cli.command("names")
@click.argument("input_path", metavar="IN.jsonl", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("-o", "--output", "output_path", default="-", show_default=True,
              type=click.Path(dir_okay=False, allow_dash=True), help="Where to write the table.")
@click.option("--aliases", type=click.Path(dir_okay=False),
              help="Your alias file (TOML or JSON, format in normalizer/data/aliases.toml); "
                   "records are resolved again from their text with it.")
@click.option("--format", "output_format", type=click.Choice(["table", "jsonl"]), default="table",
              show_default=True, help="Plain-text table, or one JSON object per entity.")
def names_command(input_path: str, output_path: str, aliases: str | None, output_format: str) -> None:
    """Show every entity with the spellings that were grouped under it.

    Reads article records (pipeline output); uses their `entities` when present, otherwise
    finds the names in their text. Exit code 1 when some input lines could not be read.

    \b
    Example:
      normalizer names articles.jsonl
      normalizer names articles.jsonl --format jsonl -o names.jsonl --aliases my_aliases.toml
    \b
    Output (table):
      Nicușor Dan  [PER]  14 mentions in 9 articles
          <- Nicușor Dan       9  en,ro
          <- Никушора Дана     1  ru
    """
    import os

    from normalizer.jsonl import AtomicWriter, BadLine, read_jsonl
    from normalizer.names_lexicon import AliasFileError, load_alias_file
    from normalizer.names_table import format_table, variant_table
    from normalizer.record import Article

    if input_path != "-" and not os.path.isfile(input_path):
        fail(f"input file not found: {input_path}")
    if aliases is not None:
        try:
            load_alias_file(aliases)
        except AliasFileError as exc:
            fail(str(exc))
    articles, failed, lines = [], 0, 0
    for item in read_jsonl(input_path):
        lines += 1
        if isinstance(item, BadLine):
            click.echo(f"normalizer: warning: {item.source}:{item.line}: {item.message}", err=True)
            failed += 1
            continue
        try:
            articles.append(Article.from_dict(item))
        except (TypeError, KeyError, ValueError, AttributeError) as exc:
            click.echo(f"normalizer: warning: {input_path}:{lines}: not an article record: {exc}", err=True)
            failed += 1
    if lines and not articles:
        fail(f"no readable article record in {input_path}")
    rows = variant_table(articles, aliases)
    try:
        if output_format == "table":
            if output_path == "-":
                click.echo(format_table(rows), nl=False)
            else:
                with open(output_path + ".tmp", "w", encoding="utf-8") as out:
                    out.write(format_table(rows))
                os.replace(output_path + ".tmp", output_path)
        else:
            with AtomicWriter(output_path) as writer:
                writer.write_all(row.to_dict() for row in rows)
    except OSError as exc:
        fail(f"cannot write {output_path}: {exc.strerror or exc}")
    sys.exit(EXIT_PARTIAL if failed else EXIT_OK)


# === merge (issue 8) ===
@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="IN.jsonl...")
@click.option("-o", "--output", required=True, metavar="STORIES.jsonl",
              help="Stories as JSON Lines (written atomically), or - for stdout.")
@click.option("--state", type=click.Path(dir_okay=False), metavar="stories.db",
              help="SQLite file of earlier stories: add this batch to them (created if missing).")
@click.option("--window-days", type=click.FloatRange(min=0, min_open=True), default=None,
              help="Articles further apart in publication time never merge.  [default: 7]")
@click.option("--outlets", type=click.Path(dir_okay=False), metavar="FILE",
              help="CSV or JSON table (domain, name, country, lean): adds country and lean "
                   "distributions to each story.")
@click.option("--summary/--no-summary", default=None,
              help="Print a table of the stories to stderr (default: only on a terminal).")
def merge(inputs: tuple[str, ...], output: str, state: str | None, window_days: float | None,
          outlets: str | None, summary: bool | None) -> None:
    """Group articles (pipeline output) into stories covering the same event.

    Reads JSON Lines article records (from `normalizer convert`, - for stdin) and writes one
    story per line: id, English headline, article ids, sites, languages, entities and first/last
    publication. Unreadable or empty records become singleton stories with an `unmerged` reason
    (exit code 1). With --state, stories grow across runs instead of being rebuilt.

    \b
    Example:
      normalizer merge articles.jsonl -o stories.jsonl
      normalizer merge day2.jsonl -o stories.jsonl --state stories.db --outlets outlets.csv
    """
    from pathlib import Path

    from normalizer.jsonl import AtomicWriter, BadLine, read_jsonl
    from normalizer.merge import DEFAULT_WINDOW_DAYS, merge_stories
    from normalizer.outlets import OutletsError
    from normalizer.story_state import StateError

    for name in inputs:
        if name != "-" and not Path(name).is_file():
            fail(f"input not found: {name}")
    if output != "-" and not Path(output).resolve().parent.is_dir():
        fail(f"output folder does not exist: {Path(output).parent}")
    batch_ids: set[str] = set()

    def records() -> Iterator[dict]:
        """Streamed, so that only merge features are held in memory, not whole articles."""
        for name in inputs:
            for item in read_jsonl(name):
                if isinstance(item, BadLine):  # kept as a failed record: listed, not lost
                    item = {"id": f"bad-line:{item.source}:{item.line}",
                            "error": {"stage": "read", "message": item.message}}
                batch_ids.add(str(item.get("id")))
                yield item

    try:
        stories = merge_stories(records(), window_days=window_days or DEFAULT_WINDOW_DAYS,
                                state=state, outlets=outlets)
    except (StateError, OutletsError) as exc:
        fail(str(exc))
    if not batch_ids:
        fail("no article records in the inputs")
    try:
        with AtomicWriter(output) as writer:
            writer.write_all(story.to_dict() for story in stories)
    except OSError as exc:
        fail(f"cannot write output {output}: {exc.strerror or exc}")
    if summary or (summary is None and sys.stderr.isatty()):
        from normalizer.story_table import story_table

        click.echo(story_table(stories), err=True)
    failed = [s for s in stories if s.unmerged and batch_ids & set(s.article_ids)]
    sys.exit(EXIT_PARTIAL if failed else EXIT_OK)



def main() -> None:
    cli(prog_name="normalizer")


if __name__ == "__main__":
    main()
