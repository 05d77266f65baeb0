"""Benchmark of ``merge_stories``: quality on the samples, incremental = batch, and throughput.

    .venv/bin/python benchmarks/merge.py                      # records built from the samples
    .venv/bin/python benchmarks/merge.py --input out.jsonl    # real pipeline output instead
    .venv/bin/python benchmarks/merge.py --synthetic 20000    # a bigger throughput batch

Quality: B-cubed precision/recall/F1 and pairwise F1 of the predicted stories against the gold
story ids of ``samples/gold.jsonl`` (each non-article page is its own gold group, so it must end
up alone). Records come from ``normalize_many(translate=False)`` on the sample pages when the
pipeline works (non-English ``text_en`` is then null: merging relies on entities, figures and
spellings, the hard honest case), otherwise from gold itself (body, canonical entities, date,
site, language; English text only for English pages). Baselines measured in the same run: every
article alone, and the same merger with only the entity channel.

Throughput: a synthetic batch made by perturbing the sample records (shuffled and dropped
paragraphs, dates shifted inside the window, sites renamed (each replica
has its own outlets), new ids; each replica of the corpus
lives in its own stretch of time, so it forms its own stories), merged on one core; peak memory
is the maximum resident size of the process doing it (reading streamed, as the CLI does). The
ratio column compares with just reading the records.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from normalizer.jsonl import read_jsonl
from normalizer.merge import DEFAULT_WINDOW_DAYS, Story, merge_stories
from normalizer.record import Article, article_id


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=ROOT / "samples" / "gold.jsonl")
    parser.add_argument("--input", type=Path, help="pipeline output (JSON Lines) to merge")
    parser.add_argument("--synthetic", type=int, default=10_000, help="size of the speed batch")
    args = parser.parse_args()
    if not args.gold.exists():
        sys.exit(f"no gold file at {args.gold}: build the samples first (python samples/build.py)")
    gold = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    records, source = load_records(args, gold)
    truth = gold_labels(gold, records)
    print(f"# merge benchmark: {len(records)} sample records from {source}\n")
    quality_table(records, truth)
    incremental_check(records)
    throughput_table(records, truth, args.synthetic)


def load_records(args: argparse.Namespace, gold: list[dict[str, Any]]) -> tuple[list[dict], str]:
    if args.input:
        lines = args.input.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line.strip()], str(args.input)
    try:
        from normalizer.pipeline import normalize_many

        pages = [(g["url"], (args.gold.parent / g["file"]).read_bytes()) for g in gold]
        articles = list(normalize_many(pages, translate=False))
        return [a.to_dict() for a in articles], "normalize_many(translate=False) on samples/pages"
    except Exception as exc:  # noqa: BLE001 - the pipeline is built in parallel: fall back to gold
        print(f"(pipeline not usable: {type(exc).__name__}: {exc}; records built from gold)\n")
        return [record_from_gold(g) for g in gold], "gold (English text for English pages only)"


def record_from_gold(gold: dict[str, Any]) -> dict[str, Any]:
    text = "\n\n".join(gold.get("body") or [])
    english = gold.get("language") == "en"
    return Article(
        id=article_id(gold["url"], text), url=gold["url"], site=gold.get("site"),
        title=gold.get("title"), title_en=gold.get("title") if english else None,
        published=gold.get("published"), text=text, text_en=text if english else None,
    ).to_dict() | {
        "language": {"code": gold.get("language") or "und", "confidence": 1.0},
        "entities": [{"canonical": e["canonical"], "type": e.get("type", "MISC"),
                      "count": len(e.get("surface") or [1])} for e in gold.get("entities") or []],
    }


def gold_labels(gold: list[dict[str, Any]], records: list[dict[str, Any]]) -> dict[str, str]:
    """Article id -> gold story (non-articles: their own file name)."""
    by_url = {g["url"]: g.get("story") or f"alone:{g['file']}" for g in gold}
    return {r["id"]: by_url.get(r.get("url"), f"alone:{r['id']}") for r in records}


def predicted_labels(stories: list[Story]) -> dict[str, str]:
    return {a: s.story_id for s in stories for a in s.article_ids}


def bcubed(truth: dict[str, str], predicted: dict[str, str]) -> tuple[float, float, float]:
    ids = sorted(truth)
    gold_groups, pred_groups = defaultdict(set), defaultdict(set)
    for i in ids:
        gold_groups[truth[i]].add(i)
        pred_groups[predicted[i]].add(i)
    precision = recall = 0.0
    for i in ids:
        same = len(gold_groups[truth[i]] & pred_groups[predicted[i]])
        precision += same / len(pred_groups[predicted[i]])
        recall += same / len(gold_groups[truth[i]])
    precision, recall = precision / len(ids), recall / len(ids)
    return precision, recall, 2 * precision * recall / (precision + recall)


def pairwise_f1(truth: dict[str, str], predicted: dict[str, str]) -> float:
    pairs = list(combinations(sorted(truth), 2))
    both = sum(truth[a] == truth[b] and predicted[a] == predicted[b] for a, b in pairs)
    gold_pairs = sum(truth[a] == truth[b] for a, b in pairs)
    pred_pairs = sum(predicted[a] == predicted[b] for a, b in pairs)
    if not gold_pairs or not pred_pairs:
        return 0.0
    precision, recall = both / pred_pairs, both / gold_pairs
    return 2 * precision * recall / (precision + recall) if both else 0.0


def quality_table(records: list[dict[str, Any]], truth: dict[str, str]) -> None:
    runs = {
        "baseline: every article alone": {a: f"alone:{a}" for a in truth},
        "baseline: entities only": predicted_labels(
            merge_stories(records, weights={"entities": 1.0})),
        "merge_stories (all signals)": predicted_labels(merge_stories(records)),
    }
    print("| method | B3 precision | B3 recall | B3 F1 | pairwise F1 | stories |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, predicted in runs.items():
        p, r, f = bcubed(truth, predicted)
        stories = len(set(predicted.values()))
        print(f"| {name} | {p:.3f} | {r:.3f} | {f:.3f} | {pairwise_f1(truth, predicted):.3f} "
              f"| {stories} |")
    print(f"\ngold stories: {dict(sorted(Counter(truth.values()).items()))}\n")


def incremental_check(records: list[dict[str, Any]]) -> None:
    """Batches by publication day (as a daily pipeline) and in an arbitrary 3-way split."""
    whole = [s.to_dict() for s in merge_stories(records)]
    by_day: dict[str, list] = defaultdict(list)
    for record in records:
        by_day[(record.get("published") or "")[:10]].append(record)
    shuffled = sorted(records, key=lambda r: r["id"][::-1])
    splits = {
        "daily batches": [by_day[d] for d in sorted(by_day)],
        "3 arbitrary batches": [shuffled[i::3] for i in range(3)],
    }
    print("| incremental (--state) | batches | identical to one batch |")
    print("| --- | ---: | --- |")
    for name, batches in splits.items():
        with tempfile.TemporaryDirectory() as folder:
            state = Path(folder) / "stories.db"
            result: list[Story] = []
            for batch in batches:
                result = merge_stories(batch, state=state)
        same = [s.to_dict() for s in result] == whole
        print(f"| {name} | {len(batches)} | {'yes' if same else 'NO'} |")
    print()


def synthetic_batch(records: list[dict[str, Any]], size: int, seed: int = 7) -> list[dict]:
    """Perturbed copies of the sample records; replica r is shifted by r * 3 windows."""
    rng = random.Random(seed)
    batch: list[dict[str, Any]] = []
    replica = 0
    while len(batch) < size:
        for record in records:
            if len(batch) >= size:
                break
            batch.append(perturb(record, replica, rng))
        replica += 1
    return batch


def perturb(record: dict[str, Any], replica: int, rng: random.Random) -> dict[str, Any]:
    from datetime import datetime, timedelta

    copy = json.loads(json.dumps(record))
    paragraphs = [p for p in (copy.get("text") or "").split("\n\n") if p]
    rng.shuffle(paragraphs)
    if len(paragraphs) > 3:
        paragraphs.pop(rng.randrange(len(paragraphs)))
    copy["text"] = "\n\n".join(paragraphs)
    if copy.get("text_en") is not None:
        copy["text_en"] = copy["text"]
    copy["id"] = f"r{replica:05d}-{copy['id']}"
    copy["url"] = f"{copy.get('url')}?r={replica}"
    copy["site"] = f"r{replica}.{copy.get('site') or 'unknown'}"  # each replica: other outlets
    if copy.get("published"):
        moment = datetime.fromisoformat(copy["published"])
        shift = replica * 3 * DEFAULT_WINDOW_DAYS + rng.uniform(0, DEFAULT_WINDOW_DAYS / 4)
        copy["published"] = (moment + timedelta(days=shift)).isoformat()
    return copy


_RUNNER = """
import json, resource, sys, time
from normalizer.jsonl import read_jsonl
from normalizer.merge import merge_stories
import sklearn.feature_extraction, scipy.sparse  # imported before the clock starts
start = time.perf_counter()
stories = merge_stories(read_jsonl(sys.argv[1]))  # streamed, as the CLI does
seconds = time.perf_counter() - start
try:  # VmHWM: this program's own peak (ru_maxrss would include the parent forked from)
    status = open("/proc/self/status").read()
    peak_mb = int(status.split("VmHWM:")[1].split()[0]) / 1024
except (OSError, IndexError):
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak_mb,
                  "labels": {a: s.story_id for s in stories for a in s.article_ids}}))
"""


def throughput_table(records: list[dict[str, Any]], truth: dict[str, str], size: int) -> None:
    """Merge the synthetic batch in a fresh single-threaded process, so that its peak memory
    is the merge's own (not this script's pipeline run) and only one core is used."""
    batch = synthetic_batch(records, size)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "batch.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in batch),
                        encoding="utf-8")
        start = time.perf_counter()
        for record in read_jsonl(path):
            Article.from_dict(record)
        read_seconds = time.perf_counter() - start
        threads = {name: "1" for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS",
                                          "MKL_NUM_THREADS")}
        result = subprocess.run([sys.executable, "-c", _RUNNER, str(path)], capture_output=True,
                                text=True, check=True, cwd=ROOT, env={**os.environ, **threads})
    measured = json.loads(result.stdout)
    replica_truth = {}
    for record in batch:
        replica, original = record["id"].split("-", 1)
        replica_truth[record["id"]] = f"{replica}:{truth[original]}"
    _, _, f1 = bcubed(replica_truth, measured["labels"])
    seconds = measured["seconds"]
    print("| synthetic batch | articles | seconds | articles/s | x reading time | peak RSS MB "
          "| stories | B3 F1 |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    size = len(batch)
    print(f"| baseline: read records (JSON + Article.from_dict) | {size} | {read_seconds:.2f} "
          f"| {size / read_seconds:.0f} | 1.0 | | | |")
    print(f"| read + merge_stories, 1 core | {size} | {seconds:.2f} | {size / seconds:.0f} "
          f"| {seconds / read_seconds:.1f} | {measured['peak_mb']:.0f} "
          f"| {len(set(measured['labels'].values()))} | {f1:.3f} |")


if __name__ == "__main__":
    main()
