"""Benchmark of name grouping (issue 7): pairwise precision/recall/F1 and speed.

Data: the team's variant set under benchmarks/data/names/ (people, organisations, places with
their spellings across languages and scripts, plus hard-negative pairs) and, when present, the
samples' gold entities (samples/gold.jsonl: every surface of an entity, grouped by canonical).

Every variant of a set goes into ONE ``group_variants`` call (a batch, as in the pipeline).
Pairwise scores count pairs of variants: a true positive is a pair of the same entity given the
same canonical form. Same-script / cross-script split the pairs by the scripts of the two
surfaces. The baseline, measured in the same run, is exact matching after case folding.
Hard negatives are judged one pair at a time (the pair is the whole batch).
Speed: a synthetic batch of 100,000 mentions (8,000 invented people, each written five ways:
as is, twice inflected, misspelled, in Cyrillic; 40,000 distinct spellings) grouped in one call,
measured in CPU seconds. And the names stage of the pipeline on the sample pages (records made by
``normalize_many(translate=False)``): CPU ms per article of ``EntityResolver.annotate`` in the
main process, finding mentions itself and with mentions collected in a worker process
(``collect_mentions``), against a bare ``trafilatura.extract`` of the same pages as baseline.
Memory (issue 9): the registry's bytes per distinct spelling, without a cap and with one, and
its growth over the second half of a stream of distinct spellings (flat under the cap).

Run: .venv/bin/python benchmarks/names.py
"""

from __future__ import annotations

import gc
import json
import multiprocessing
import random
import sys
import time
import tracemalloc
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from normalizer.names import EntityResolver, collect_mentions, group_variants
from normalizer.names_group import NameRegistry
from normalizer.names_keys import script_of
from normalizer.names_lexicon import gazetteer_for

DATA = ROOT / "benchmarks" / "data" / "names"
FLOORS = {"precision": 0.98, "recall": 0.95, "cross-script recall": 0.90}


def load_variant_set() -> list[tuple[str, str, str]]:
    """(entity, surface, lang) for every variant in people/orgs/places."""
    items = []
    for name in ("people.txt", "orgs.txt", "places.txt"):
        for line in (DATA / name).read_text("utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            entity, _, variants = line.partition(" = ")
            for variant in variants.split(" | "):
                lang, _, surface = variant.strip().partition(":")
                items.append((f"{name}:{entity.strip()}", surface, lang))
    return items


def load_negatives() -> list[tuple[tuple[str, str], tuple[str, str]]]:
    pairs = []
    for line in (DATA / "negatives.txt").read_text("utf-8").splitlines():
        if "!=" not in line or line.startswith("#"):
            continue
        left, right = (side.strip().partition(":") for side in line.split("!="))
        pairs.append(((left[2], left[0]), (right[2], right[0])))
    return pairs


def load_samples_gold() -> list[tuple[str, str, str]]:
    path = ROOT / "samples" / "gold.jsonl"
    if not path.exists():
        return []
    items = []
    for line in path.read_text("utf-8").splitlines():
        if not line.strip():
            continue
        page = json.loads(line)
        for entity in page.get("entities") or []:
            for surface in entity.get("surface") or []:
                items.append((f"samples:{entity['canonical']}", surface, page.get("language") or "und"))
    return items


def pairwise(items: list[tuple[str, str, str]], predicted: list[str]) -> dict[str, tuple[int, int, int]]:
    """(true positives, predicted pairs, gold pairs) overall, same-script and cross-script.
    Pairs are counted over distinct (surface, lang) occurrences as listed."""
    scripts = [script_of(surface) for _, surface, _ in items]
    counts = {kind: [0, 0, 0] for kind in ("all", "same-script", "cross-script")}

    def pairs_by(key) -> set[tuple[int, int]]:
        groups = defaultdict(list)
        for i, value in enumerate(key):
            groups[value].append(i)
        return {pair for members in groups.values() for pair in combinations(members, 2)}

    gold_pairs = pairs_by([entity for entity, _, _ in items])
    pred_pairs = pairs_by(predicted)
    for kind_pairs, slot in ((gold_pairs & pred_pairs, 0), (pred_pairs, 1), (gold_pairs, 2)):
        for i, j in kind_pairs:
            counts["all"][slot] += 1
            counts["same-script" if scripts[i] == scripts[j] else "cross-script"][slot] += 1
    return {kind: tuple(values) for kind, values in counts.items()}


def prf(tp: int, predicted: int, gold: int) -> tuple[float, float, float]:
    precision = tp / predicted if predicted else 1.0
    recall = tp / gold if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def evaluate(label: str, items: list[tuple[str, str, str]], rows: list[list[str]]) -> dict[str, float]:
    surfaces = [surface for _, surface, _ in items]
    langs = [lang for _, _, lang in items]
    predicted = group_variants(surfaces, langs)
    baseline = [surface.casefold() for surface in surfaces]
    scores = pairwise(items, predicted)
    base = pairwise(items, baseline)
    result = {}
    for kind in ("all", "same-script", "cross-script"):
        p, r, f = prf(*scores[kind])
        bf = prf(*base[kind])[2]
        rows.append([label, kind, str(scores[kind][2]), f"{p:.3f}", f"{r:.3f}", f"{f:.3f}",
                     f"{bf:.3f}", f"{f / bf:.1f}x" if bf else "-"])
        result[kind] = (p, r, f)
    return result


def hard_negatives() -> tuple[int, int, list[str]]:
    pairs = load_negatives()
    wrong = []
    for (a, la), (b, lb) in pairs:
        first, second = group_variants([a, b], [la, lb])
        if first == second:
            wrong.append(f"{a} == {b}")
    return len(pairs) - len(wrong), len(pairs), wrong


_CYRILLIC = dict(zip("abvgdeziklmnoprstufh", "абвгдезиклмнопрстуфх"))


def synthetic_batch(n_people: int = 8_000, n_mentions: int = 100_000, seed: int = 7) -> tuple[list[str], list[str]]:
    """``n_mentions`` mentions of invented people, each written five ways (as is, Polish and
    German inflections, a misspelling, in Cyrillic): every spelling occurs once, the rest of
    the mentions repeat spellings with news-like skew (a few people are mentioned very often).
    With the defaults, 40,000 of the 100,000 mentions are distinct spellings."""
    rng = random.Random(seed)
    syllables = ["ba", "ko", "ri", "na", "vel", "tor", "mi", "sa", "len", "dra", "gu", "pe", "sto",
                 "var", "ni", "lo", "zen", "ka", "dor", "fi", "mu", "tes", "ran", "bel", "cho", "pas"]

    def word() -> str:
        return "".join(rng.choice(syllables) for _ in range(rng.randint(2, 3))).capitalize()

    spellings: list[tuple[str, str]] = []
    for _ in range(n_people):
        first, last = word(), word()
        cyrillic = "".join(_CYRILLIC.get(ch, ch) for ch in f"{first} {last}".lower()).title()
        typo_at = rng.randrange(1, len(last))
        misspelled = last[:typo_at] + last[typo_at + 1:] if len(last) > 4 else last + last[-1]
        spellings += [(f"{first} {last}", "en"), (f"{first}a {last}a", "pl"), (f"{last}s", "de"),
                      (f"{first} {misspelled}", "ro"), (cyrillic, "ru")]
    weights = [1 / (rank + 1) for rank in range(len(spellings))]
    mentions = spellings + rng.choices(spellings, weights=weights, k=n_mentions - len(spellings))
    rng.shuffle(mentions)
    return [name for name, _ in mentions], [lang for _, lang in mentions]


def speed() -> list[list[str]]:
    """CPU seconds (process time), so that other jobs on a shared machine do not count."""
    names, langs = synthetic_batch()
    start = time.process_time()
    group_variants(names, langs)
    ours = time.process_time() - start
    start = time.process_time()
    groups: dict[str, int] = {}
    for name in names:
        groups.setdefault(name.casefold(), len(groups))
    base = max(time.process_time() - start, 1e-6)
    return [["group_variants", f"{len(names):,}", f"{len(set(names)):,}", f"{ours:.2f}",
             f"{len(names) / ours:,.0f}", f"{ours / base:,.0f}x"],
            ["baseline (exact)", f"{len(names):,}", f"{len(set(names)):,}", f"{base:.3f}",
             f"{len(names) / base:,.0f}", "1x"]]


def _collect(request: tuple) -> object:
    return collect_mentions(*request)


def _records(htmls: list[bytes]) -> list[dict]:
    """Pipeline records of the pages, made in another process so that the names caches of the
    measuring process stay cold (their entities are dropped: annotate fills them again)."""
    from normalizer import normalize_many

    records = [a for a in normalize_many([(None, h) for h in htmls], translate=False, keep_names=True)
               if a.error is None]
    for article in records:
        article.entities = []
    return [article.to_dict() for article in records]


def _time_annotate(records: list[dict], collected: list | None) -> float:
    """CPU ms per article of one ``annotate`` call in a fresh process: the word caches are cold;
    what a run loads once (cue files, the CLDR names of the articles' languages) is loaded by a
    throw-away one-word article per language first."""
    from normalizer.record import Article, LanguageInfo

    articles = [Article.from_dict(data) for data in records]
    for code in sorted({a.language.code for a in articles if a.language}):
        EntityResolver().annotate([Article(id="warm-up", title="Europa", text="Europa.", text_en="Europe.",
                                           language=LanguageInfo(code=code))])
    resolver = EntityResolver()
    start = time.process_time()
    resolver.annotate(articles, collected)
    return (time.process_time() - start) * 1000 / len(articles)


def annotate_speed() -> list[list[str]]:
    """Per-article CPU ms of the names stage in the main process (see the module docstring)."""
    pages = sorted((ROOT / "samples" / "pages").glob("*.html"))
    if not pages:
        return []
    import trafilatura

    from normalizer.record import Article

    htmls = [page.read_bytes() for page in pages]
    start = time.process_time()
    for html in htmls:
        trafilatura.extract(html)
    base = (time.process_time() - start) * 1000 / len(htmls)
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        records = [Article.from_dict(data) for data in pool.submit(_records, htmls).result()]
        requests = [(a.title, a.text, a.language.code if a.language else None) for a in records]
        collected = list(pool.map(_collect, requests))
    rows = []
    for label, given in (("annotate, finds mentions", None), ("annotate, mentions from worker", collected)):
        with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
            ms = pool.submit(_time_annotate, [a.to_dict() for a in records], given).result()
        rows.append([label, str(len(records)), f"{ms:.2f}", f"{ms / base:.2f}x"])
    rows.append(["baseline (trafilatura.extract)", str(len(htmls)), f"{base:.2f}", "1x"])
    return rows


def _clear_word_caches() -> None:
    """Empty the word caches of the names stage: bounded on their own (lru_cache), they would
    otherwise count in the registry's memory."""
    from normalizer import names_group, names_keys

    for module in (names_group, names_keys):
        for value in vars(module).values():
            if hasattr(value, "cache_clear"):
                value.cache_clear()


def memory(spellings: int = 3_000, cap: int = 750, chunk: int = 250) -> list[list[str]]:
    """Registry memory (tracemalloc, word caches emptied first) while distinct spellings of the
    synthetic batch arrive one article each, trimmed after every ``chunk`` as the resolver does:
    bytes per live spelling, and growth over the second half of the run (flat under a cap)."""
    names, langs = synthetic_batch()
    distinct = list(dict.fromkeys(zip(names, langs)))[:spellings]
    warm = NameRegistry(gazetteer_for(None))
    for lang in sorted(set(langs)):  # language data loads once per run: not the registry's
        warm.add(next(name for name, code in distinct if code == lang), lang)
    rows = []
    for label, max_variants in (("no cap", None), (f"max_variants={cap:,}", cap)):
        _clear_word_caches()
        gc.collect()
        tracemalloc.start()
        registry = NameRegistry(gazetteer_for(None), max_variants=max_variants)
        readings = []
        for i, (name, lang) in enumerate(distinct, 1):
            registry.tick()
            registry.add(name, lang)
            if i % chunk == 0:
                registry.trim()
                _clear_word_caches()
                gc.collect()
                readings.append(tracemalloc.get_traced_memory()[0])
        tracemalloc.stop()
        growth = readings[-1] - readings[len(readings) // 2 - 1]
        rows.append([label, f"{spellings:,}", f"{len(registry):,}", f"{readings[-1] / 1e6:.1f}",
                     f"{readings[-1] / len(registry):,.0f}", f"{growth / 1e6:+.1f}"])
    return rows


def table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    line = lambda r: "  ".join(str(c).ljust(w) for c, w in zip(r, widths))
    return "\n".join([line(header), line(["-" * w for w in widths]), *map(line, rows)])


def main() -> int:
    team = load_variant_set()
    samples = load_samples_gold()
    entities = len({entity for entity, _, _ in team})
    print(f"variant set: {entities} entities, {len(team)} variants, "
          f"{len({lang for _, _, lang in team})} languages, "
          f"{len({script_of(s) for _, s, _ in team})} scripts; samples gold: {len(samples)} surfaces")
    rows: list[list[str]] = []
    results = {"team set": evaluate("team set", team, rows)}
    if samples:
        results["samples gold"] = evaluate("samples gold", samples, rows)
    print(table(["set", "pairs of", "gold pairs", "precision", "recall", "F1", "baseline F1", "F1 ratio"], rows))
    correct, total, wrong = hard_negatives()
    print(f"\nhard negatives: {correct}/{total} kept apart (accuracy {correct / total:.3f})")
    for pair in wrong:
        print(f"  merged by mistake: {pair}")
    print()
    print(table(["grouping", "mentions", "distinct", "CPU seconds", "mentions/s", "time ratio"], speed()))
    stage = annotate_speed()
    if stage:
        print("\nnames stage on the sample pages (fresh process: cold caches, CLDR of the languages preloaded)")
        print(table(["main process", "articles", "CPU ms/article", "ratio"], stage))
    print("\nregistry memory (tracemalloc, word caches excluded: bounded on their own)")
    print(table(["registry", "spellings fed", "live", "MB", "bytes/live spelling", "MB, 2nd half"], memory()))
    p, r, _ = results["team set"]["all"]
    cross_r = results["team set"]["cross-script"][1]
    misses = [name for name, value, floor in (("precision", p, FLOORS["precision"]),
                                               ("recall", r, FLOORS["recall"]),
                                               ("cross-script recall", cross_r, FLOORS["cross-script recall"]))
              if value < floor]
    print("\nfloors (team set): " + ("all met" if not misses else "MISSED: " + ", ".join(misses)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
