"""The ``normalizer`` command line: a thin click layer over the Python API.

Each command only parses arguments, calls the API and maps results to exit codes:
0 all records ok, 1 some records failed (each carries ``error``), 2 usage error or nothing could
run. Heavy modules are imported inside the commands so that ``normalizer --help`` stays fast.
"""

from __future__ import annotations

import sys
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
@click.option("--languages", metavar="ro,fr,de", help="Restrict the possible answers to these codes.")
@click.option("--hint", metavar="CODE", help="A prior language (e.g. the page's <html lang>).")
@click.option("--format", "output_format", type=click.Choice(["json", "text"]), default="json",
              show_default=True, help="One JSON object per input, or 'code<TAB>confidence<TAB>text'.")
def detect(texts: tuple[str, ...], file: str | None, languages: str | None, hint: str | None,
           output_format: str) -> None:
    """Detect the language of each TEXT, each line of a file, or each record's 'text'.

    Prints one result per input, in input order: code (ISO 639-1, or "und" when the evidence is
    too thin), calibrated confidence and the best candidates. A TEXT of - reads stdin.

    \b
    Example:
      normalizer detect "Guvernul a anunțat noi măsuri" "Влада је усвојила закон"
      normalizer detect --file articles.jsonl --languages ro,fr,de --format text
    """
    from normalizer.detect import detect_language, parse_languages as parse_detect_languages
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
                result = {**meta, **detect_language(text, hint, allowed).to_dict()}
            if output_format == "json":
                click.echo(dumps(result))
            else:
                shown = (text or "").replace("\t", " ").replace("\n", " ")[:60]
                click.echo(f"{result.get('code', 'error')}\t{result.get('confidence', 0.0)}\t{shown}")
    except OSError as exc:
        fail(f"cannot read {file}: {exc.strerror or exc}")
    sys.exit(EXIT_PARTIAL if failed else EXIT_OK)


def _detect_inputs(path: str) -> "Iterator[tuple[dict, str | None]]":  # noqa: F821 - typing only
    """(metadata, text) per non-blank input line; a JSON object line contributes its 'text' (and
    its id/url as metadata); a record without a usable text gives text None and an error."""
    import json

    stream = sys.stdin if path == "-" else open(path, encoding="utf-8", errors="surrogateescape")
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


def main() -> None:
    cli(prog_name="normalizer")


if __name__ == "__main__":
    main()
