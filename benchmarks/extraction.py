"""Extraction benchmark: normalizer.extract vs plain ``trafilatura.extract(html)``, same pages, same run.

Pages and gold come from ``samples/`` (``gold.jsonl``: ``must_appear``, ``boilerplate``, ``body``,
``kind``). normalizer is run as the pipeline runs it: ``extract(bytes)`` per page, then one
``SiteBoilerplate`` over the whole sample set. Plain trafilatura gets the same bytes with its
default settings. Printed, side by side:

- must-appear sentences found (share of all ``must_appear`` sentences present in the body);
- boilerplate leaked (share of all ``boilerplate`` strings present in the body, all pages);
- token precision / recall / F1 of the body against the gold ``body`` (micro-averaged over all
  pages; a non-article page has an empty gold body, so any text there costs precision);
- non-article pages whose body is empty;
- median milliseconds per page (best of ``--repeat`` runs of each page, the site-boilerplate pass
  spread over the pages) and the ratio to plain trafilatura.

Matching ignores differences of whitespace and Unicode normalisation only.

    .venv/bin/python benchmarks/extraction.py [--samples DIR] [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

WHITESPACE = re.compile(r"\s+")
TOKEN = re.compile(r"\w+")


@dataclass
class Score:
    found: int = 0
    must: int = 0
    leaked: int = 0
    boilerplate: int = 0
    overlap: int = 0
    output_tokens: int = 0
    gold_tokens: int = 0
    empty_non_articles: int = 0
    non_articles: int = 0
    times: list[float] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)
    leaks: list[str] = field(default_factory=list)

    def add(self, gold: dict, text: str) -> None:
        body = normalise(text)
        for sentence in gold["must_appear"]:
            self.must += 1
            if normalise(sentence) in body:
                self.found += 1
            else:
                self.misses.append(f"{gold['file']}: {sentence[:70]}")
        for string in gold["boilerplate"]:
            self.boilerplate += 1
            if normalise(string) in body:
                self.leaked += 1
                self.leaks.append(f"{gold['file']}: {string[:70]}")
        output, expected = tokens(text), tokens(" ".join(gold["body"]))
        self.overlap += sum((output & expected).values())
        self.output_tokens += sum(output.values())
        self.gold_tokens += sum(expected.values())
        if gold["kind"] != "article":
            self.non_articles += 1
            self.empty_non_articles += not text.strip()

    @property
    def precision(self) -> float:
        return self.overlap / self.output_tokens if self.output_tokens else 0.0

    @property
    def recall(self) -> float:
        return self.overlap / self.gold_tokens if self.gold_tokens else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def normalise(text: str) -> str:
    return WHITESPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def tokens(text: str) -> Counter:
    return Counter(TOKEN.findall(unicodedata.normalize("NFC", text).casefold()))


def best_time(function, repeat: int) -> tuple[object, float]:
    best = float("inf")
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - start)
    return result, best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--samples", type=Path, default=REPO / "samples", help="folder with gold.jsonl and pages/")
    parser.add_argument("--repeat", type=int, default=3, help="runs per page; the fastest counts")
    parser.add_argument("--verbose", action="store_true", help="list every miss and leak")
    args = parser.parse_args()

    gold_path = args.samples / "gold.jsonl"
    if not gold_path.exists():
        sys.exit(f"no {gold_path}: build the samples first (python samples/build.py)")
    golds = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]

    import trafilatura

    from normalizer.extract import SiteBoilerplate, extract

    pages = [(args.samples / gold["file"]).read_bytes() for gold in golds]
    extract(pages[0]), trafilatura.extract(pages[0])  # warm-up: imports and caches

    plain, ours = Score(), Score()
    extractions = []
    for gold, html in zip(golds, pages):
        text, seconds = best_time(partial(trafilatura.extract, html), args.repeat)
        plain.add(gold, text or "")
        plain.times.append(seconds)
        extraction, seconds = best_time(partial(extract, html), args.repeat)
        extractions.append(extraction)
        ours.times.append(seconds)
    cleaned, seconds = best_time(partial(SiteBoilerplate().clean, extractions), args.repeat)
    share = seconds / len(cleaned)
    ours.times = [t + share for t in ours.times]
    for gold, extraction in zip(golds, cleaned):
        ours.add(gold, extraction.text)

    report(plain, ours, len(golds), args.verbose)


def report(plain: Score, ours: Score, pages: int, verbose: bool) -> None:
    def pct(a: int, b: int) -> str:
        return f"{100 * a / b:.1f}% ({a}/{b})" if b else "n/a"

    ratio = statistics.median(ours.times) / statistics.median(plain.times)
    rows = [
        ("must-appear sentences found", pct(plain.found, plain.must), pct(ours.found, ours.must)),
        ("boilerplate strings leaked", pct(plain.leaked, plain.boilerplate), pct(ours.leaked, ours.boilerplate)),
        ("token precision vs body", f"{plain.precision:.3f}", f"{ours.precision:.3f}"),
        ("token recall vs body", f"{plain.recall:.3f}", f"{ours.recall:.3f}"),
        ("token F1 vs body", f"{plain.f1:.3f}", f"{ours.f1:.3f}"),
        ("non-article pages left empty", pct(plain.empty_non_articles, plain.non_articles),
         pct(ours.empty_non_articles, ours.non_articles)),
        ("median ms per page", f"{1000 * statistics.median(plain.times):.1f}",
         f"{1000 * statistics.median(ours.times):.1f}"),
        ("time ratio (vs plain)", "1.00", f"{ratio:.2f}"),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"Extraction benchmark on {pages} sample pages")
    print(f"{'metric':<{width}} | {'plain trafilatura':>20} | {'normalizer.extract':>20}")
    print(f"{'-' * width}-+-{'-' * 20}-+-{'-' * 20}")
    for name, a, b in rows:
        print(f"{name:<{width}} | {a:>20} | {b:>20}")
    found = ours.found / ours.must if ours.must else 1.0
    leaked = ours.leaked / ours.boilerplate if ours.boilerplate else 0.0
    floors = [
        ("found >= 99%", found >= 0.99),
        ("leaked <= 1%", leaked <= 0.01),
        ("better than plain (found >=, leaked <=, one strictly)",
         ours.found >= plain.found and ours.leaked <= plain.leaked
         and (ours.found > plain.found or ours.leaked < plain.leaked)),
        ("median time <= 1.3x plain", ratio <= 1.3),
    ]
    print("floors: " + ", ".join(f"{name}: {'ok' if ok else 'MISSED'}" for name, ok in floors))
    for title, items in (("missed", ours.misses), ("leaked", ours.leaks)):
        if items:
            print(f"normalizer {title} ({len(items)}):")
            for item in items if verbose else items[:10]:
                print(f"  {item}")


if __name__ == "__main__":
    main()
