"""Pipeline throughput and memory: ``normalizer convert`` against a plain trafilatura loop.

Builds a corpus of N pages (default 2,000, and 10,000 for the memory check) from ``samples/pages``
by varying each page: every ``<p>`` ends with a distinct made-up lowercase word per copy, so that
copies are different pages (the site-boilerplate step would otherwise, rightly, treat them as
repeats) while the templates and article lengths stay realistic. The word is lowercase and at
the end so that it does not fabricate a new "name" per paragraph: the run-wide name registry
grows with the number of distinct names (a few KB each), which would otherwise dominate the
memory figure with names no real corpus has at that rate. Each configuration runs in its own process so
that peak RSS (``ru_maxrss`` of the process and of its children) is its own. The caches that the
first run on a machine builds (detection model, the gazetteer's indexes, one per language met)
are built before the timed rows by a warm-up run on one copy of every sample page (so that
every language of the corpus is met), whose start-up is then what every later run pays; the
warm-up's first and second runs are printed on their own line.

Run: ``.venv/bin/python benchmarks/pipeline.py [--pages 2000] [--big 10000] [--rounds 3]``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from normalizer.decode import decode_html

SAMPLES = REPO / "samples" / "pages"
TEST_PACKAGE_GLOB = "tests/data/*.argosmodel"
SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "ze", "do", "pe", "la"]

MEASURE = r"""
import json, resource, sys, time
from pathlib import Path
mode, corpus = sys.argv[1], sys.argv[2]
started = time.perf_counter()
count = 0
if mode == "trafilatura":
    import trafilatura
    for line in open(corpus, encoding="utf-8"):
        record = json.loads(line)
        trafilatura.extract(record["html"], url=record["url"])
        count += 1
else:
    import subprocess
    args = [sys.executable, "-m", "normalizer", "convert", corpus, "-o", sys.argv[3], "--quiet", *sys.argv[4:]]
    code = subprocess.run(args).returncode
    if code > 1:
        raise SystemExit(f"convert failed with exit code {code}")
    count = sum(1 for _ in open(sys.argv[3], encoding="utf-8"))
elapsed = time.perf_counter() - started
self_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
child_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"pages": count, "seconds": elapsed, "rss_mb": max(self_rss, child_rss) / 1024}))
"""


def make_corpus(path: Path, pages: int) -> None:
    sources = sorted(SAMPLES.glob("*.html"))
    if not sources:
        raise SystemExit("samples/pages is empty: run `python samples/build.py` first")
    htmls = [(p, p.read_bytes().decode("latin-1")) for p in sources]  # byte-preserving
    rng = random.Random(7)
    with open(path, "w", encoding="utf-8") as out:
        for index in range(pages):
            source, html = htmls[index % len(htmls)]
            copy = index // len(htmls)

            def vary(match: re.Match[str]) -> str:
                word = "".join(rng.choice(SYLLABLES) for _ in range(3))
                return f" {word}{match.group(0)}"

            varied = re.sub(r"</p>", vary, html) if copy else html
            raw = varied.encode("latin-1")
            url = f"https://bench.example/{source.stem}/{copy}"
            # JSON Lines carries text: decoded as a crawler that honours the page's declared
            # charset would (the koi8-r and windows-1251 samples are not cp1252).
            text = decode_html(raw).text
            out.write(json.dumps({"url": url, "html": text}, ensure_ascii=False) + "\n")


def run(mode: str, corpus: Path, output: Path, *extra: str, env: dict[str, str] | None = None) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, mode, str(corpus), str(output), *extra],
        capture_output=True, text=True, env={**os.environ, **(env or {})}, check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"{mode} {' '.join(extra)} failed:\n{result.stderr[-2000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def _median_run(results: list[dict]) -> dict:
    """The run of median duration, with the highest peak RSS of all runs."""
    ordered = sorted(results, key=lambda result: result["seconds"])
    return {**ordered[len(ordered) // 2], "rss_mb": max(result["rss_mb"] for result in results)}


def install_test_package(models: Path) -> bool:
    packages = sorted(REPO.glob(TEST_PACKAGE_GLOB))
    if not packages:
        return False
    env = {**os.environ, "NORMALIZER_MODELS": str(models)}
    result = subprocess.run(
        [sys.executable, "-m", "normalizer", "models", "install", str(packages[0])],
        env=env, capture_output=True, text=True, check=False,
    )
    return result.returncode == 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--big", type=int, default=10000, help="corpus size for the flat-memory check (0 to skip)")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each compared configuration (median reported)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus = folder / "corpus.jsonl"
        make_corpus(corpus, args.pages)
        models = folder / "models"
        models.mkdir()
        env = {"NORMALIZER_MODELS": str(models), "NORMALIZER_CACHE": str(folder / "cache")}
        # The first run on a machine builds the detection model and gazetteer caches, once per
        # installation and model version (the gazetteer's per language met): it is timed on its
        # own, on every sample page once, so that the rows below measure the steady state in
        # which a pipeline runs.
        warm_up = folder / "warm-up.jsonl"
        make_corpus(warm_up, len(list(SAMPLES.glob("*.html"))))
        first_run = run("convert", warm_up, folder / "warm-a.jsonl", "--no-translate", env=env)
        later_run = run("convert", warm_up, folder / "warm-b.jsonl", "--no-translate", env=env)
        # The three compared configurations run in rounds (plain, workers 1, workers 2, again and
        # again) and each row gives its median: on a shared or virtual machine one run can be 15%
        # off either way, and alternating spreads such spells over all three.
        compared = {
            "plain trafilatura.extract loop": ("trafilatura", corpus, folder / "t.jsonl"),
            "convert --no-translate --workers 1": ("convert", corpus, folder / "w1.jsonl", "--no-translate", "--workers", "1"),
            "convert --no-translate --workers 2": ("convert", corpus, folder / "w2.jsonl", "--no-translate", "--workers", "2"),
        }
        runs: dict[str, list[dict]] = {name: [] for name in compared}
        for _ in range(args.rounds):
            for name, arguments in compared.items():
                runs[name].append(run(*arguments, env=env))
        rows: list[tuple[str, dict]] = [(name, _median_run(results)) for name, results in runs.items()]
        identical = (folder / "w1.jsonl").read_bytes() == (folder / "w2.jsonl").read_bytes()
        if install_test_package(models):
            rows.append(("convert (translation on, test package) --workers 1", run("convert", corpus, folder / "tr.jsonl", "--workers", "1", env=env)))
        if args.big:
            big = folder / "big.jsonl"
            make_corpus(big, args.big)
            rows.append((f"convert --no-translate --workers 1 ({args.big} pages)", run("convert", big, folder / "big-out.jsonl", "--no-translate", env=env)))
    baseline = rows[0][1]["pages"] / rows[0][1]["seconds"]
    workers1 = rows[1][1]["pages"] / rows[1][1]["seconds"]
    print(f"pipeline benchmark: {args.pages} pages from samples/pages, {os.cpu_count()} cores")
    print(f"{'configuration':<58} {'pages':>6} {'pages/s':>8} {'x trafilatura':>13} {'x workers 1':>11} {'peak RSS MB':>11}")
    for name, row in rows:
        rate = row["pages"] / row["seconds"]
        print(f"{name:<58} {row['pages']:>6} {rate:>8.1f} {rate / baseline:>13.2f} {rate / workers1:>11.2f} {row['rss_mb']:>11.0f}")
    print(f"--workers 2 output identical to --workers 1: {identical}")
    plain_runs, workers1_runs = runs[rows[0][0]], runs[rows[1][0]]
    print(f"rows above the translation row: median of {args.rounds} rounds; --workers 1 / plain loop per round: "
          + " ".join(f"{t['seconds'] / w['seconds']:.2f}" for t, w in zip(plain_runs, workers1_runs, strict=True)))
    print(f"warm-up, one copy of each of the {first_run['pages']} sample pages, whole command: first run on the machine "
          f"{first_run['seconds']:.2f} s (builds the caches), later runs {later_run['seconds']:.2f} s")


if __name__ == "__main__":
    main()
