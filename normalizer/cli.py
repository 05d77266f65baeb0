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



def main() -> None:
    cli(prog_name="normalizer")


if __name__ == "__main__":
    main()
