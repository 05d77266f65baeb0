"""Language identification benchmark: normalizer vs plain seeded langdetect, same texts.

Three engines: ``normalizer`` (the default, ``short_texts="fast"``), ``accurate`` (normalizer
with ``short_texts="accurate"``: lingua's large models as the short-text second opinion) and
``langdetect`` (seeded), each on the same texts.

Texts: ``benchmarks/data/langid/<label>.txt`` (one news-style sentence per line, written by the
team; the label's part before "-" is the expected code. Serbian is written in Cyrillic and also
measured transliterated to Latin as ``sr-Latn``; ``sr-ME`` is Montenegrin, ijekavian in Latin
script, which counts as Serbian)
plus titles, sentences and articles cut from ``samples/src/articles/*.toml`` when present.
Length classes are derived deterministically from the sentences:

- ``word``: per sentence, its two longest words that occur in no other language's texts (a word
  spelled the same in two languages is not decidable, so it is not asked);
- ``two``: the two pairs of adjacent words with the most letters (pairs not overlapping);
- ``title``: the first 4-9 words (the count cycles with the sentence number);
- ``sentence``: the sentence;
- ``article``: 8 consecutive sentences (rotating, so each language gets as many as it has lines).

A text that also occurs, verbatim, in another language's texts of the same class (Croatian and
Bosnian share many sentences) is dropped from both: no detector can decide it.

Prints accuracy per language and class, the macro average per class, texts per second per core
(CPU time of this process, so that other load on the machine does not distort it; for
normalizer also the best of three further passes, which leaves out the first use of its word
lists and models and the noise of a single pass), how well
each engine's confidences are calibrated (per class: the expected calibration error, the wrong
answers given with 0.9 or more, the "und" answers; see :class:`Calibration`), the top
confusions, ``detect_article`` milliseconds per sample article against detecting each paragraph
on its own, and ``import + first detection`` time and peak RSS (in a fresh process).

The texts of FOLDED_LABELS with diacritics are also measured typed without them (ASCII-folded:
"Nemocnice v Brne otevrela ..."), apart from the macro averages.

``no-language/texts.txt`` holds short texts of no language (brands, loan words, "Hotel
Restaurant"), asked apart: a "und" or an unsure answer is right there, and the benchmark prints
how many answers are "und" and how many claim 0.5 or more.

``--heldout`` measures only ``benchmarks/data/langid/heldout/*.txt``: close-pair sentences (and
titles cut from them) written separately and never used to choose rules, the check that the
rules generalise.

    .venv/bin/python benchmarks/langid.py [--limit N] [--no-langdetect] [--no-accurate] [--heldout]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
import tomllib
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "benchmarks" / "data" / "langid"
HELDOUT = DATA / "heldout"
NO_LANGUAGE = DATA / "no-language" / "texts.txt"
SAMPLES = REPO / "samples" / "src" / "articles"
CLASSES = ("word", "two", "title", "sentence", "article")
# measured again typed without diacritics: the languages whose writers often drop them, and
# Romanian, whose diacritics the issue names among the evidence a close pair needs (ro/it)
FOLDED_LABELS = ("bs", "cs", "hr", "ro", "sk", "sr-Latn")
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")

SR_LATIN = dict(zip("абвгдђежзијклмнопрстћуфхцчшАБВГДЂЕЖЗИЈКЛМНОПРСТЋУФХЦЧШ",
                    "abvgdđežzijklmnoprstćufhcčšABVGDĐEŽZIJKLMNOPRSTĆUFHCČŠ", strict=True))
SR_LATIN.update({"љ": "lj", "њ": "nj", "џ": "dž", "Љ": "Lj", "Њ": "Nj", "Џ": "Dž"})


def load_sentences(folder: Path = DATA) -> dict[str, list[str]]:
    """label -> sentences; the label is the language code (``sr-Latn`` for transliterated sr)."""
    corpus = {}
    for path in sorted(folder.glob("*.txt")):
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        corpus[path.stem] = lines
    if "sr" in corpus and "sr-Latn" not in corpus:
        corpus["sr-Latn"] = ["".join(SR_LATIN.get(c, c) for c in line) for line in corpus["sr"]]
    return corpus


def heldout_texts() -> dict[str, dict[str, list[str]]]:
    """class -> label -> texts of the held-out close-pair set (``heldout/<label>.txt``): written
    separately, never looked at while choosing rules, to check that they generalise. Titles are
    the first 3-7 words of each sentence."""
    corpus = load_sentences(HELDOUT)
    titles = {
        label: [" ".join(s.rstrip(".!?").split()[: 3 + n % 5]) for n, s in enumerate(lines)]
        for label, lines in corpus.items()
    }
    return {"title": titles, "sentence": corpus}


def sample_texts() -> dict[str, dict[str, list[str]]]:
    """class -> label -> texts cut from the sample corpus (titles, sentences, whole articles)."""
    cut: dict[str, dict[str, list[str]]] = {
        name: defaultdict(list) for name in ("title", "sentence", "article")
    }
    for path in sorted(SAMPLES.glob("*.toml")):
        try:
            page = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError):
            continue
        lang, paragraphs = page.get("language"), page.get("paragraphs") or []
        if not lang or page.get("kind", "article") != "article":
            continue
        if page.get("title"):
            cut["title"][lang].append(page["title"])
        for paragraph in paragraphs:
            sentences = re.split(r"(?<=[.!?])\s+", paragraph)
            cut["sentence"][lang].extend(s for s in sentences if len(s.split()) >= 5)
        if paragraphs:
            cut["article"][lang].append("\n\n".join(paragraphs))
    return cut


def expected(label: str) -> str:
    return label.split("-", 1)[0]


def derive(corpus: dict[str, list[str]]) -> dict[str, dict[str, list[str]]]:
    """class -> label -> texts, following the rules in the module docstring."""
    words_of = {label: {w.lower() for s in lines for w in WORD.findall(s)} for label, lines in corpus.items()}
    classes: dict[str, dict[str, list[str]]] = {name: {} for name in CLASSES}
    for label, lines in corpus.items():
        others = set().union(
            *(words for other, words in words_of.items() if expected(other) != expected(label))
        )
        singles, pairs, titles = [], [], []
        for number, sentence in enumerate(lines):
            words = WORD.findall(sentence)
            decidable = [w for w in words if w.lower() not in others and len(w) >= 4]
            singles.extend(sorted(decidable, key=len, reverse=True)[:2])
            starts = sorted(range(len(words) - 1), key=lambda i: -(len(words[i]) + len(words[i + 1])))
            chosen = starts[:1] + [i for i in starts[1:] if starts and abs(i - starts[0]) > 1][:1]
            pairs.extend(f"{words[i]} {words[i + 1]}" for i in chosen)
            tokens = sentence.rstrip(".!?").split()
            titles.append(" ".join(tokens[: 4 + number % 6]))
        classes["word"][label] = list(dict.fromkeys(singles))
        classes["two"][label] = list(dict.fromkeys(pairs))
        classes["title"][label] = titles
        classes["sentence"][label] = lines
        classes["article"][label] = [" ".join((lines * 2)[i : i + 8]) for i in range(len(lines))]
    for by_label in classes.values():
        owners: dict[str, set[str]] = defaultdict(set)
        for label, texts in by_label.items():
            for text in texts:
                owners[text.lower()].add(expected(label))
        for label, texts in by_label.items():
            by_label[label] = [text for text in texts if len(owners[text.lower()]) == 1]
    return classes


def normalizer_detector(short_texts: str = "fast"):
    from normalizer.detect import detect_language

    def run(text: str) -> tuple[str, float]:
        result = detect_language(text, short_texts=short_texts)
        return result.code, result.confidence

    return run


def langdetect_detector():
    from langdetect import DetectorFactory, LangDetectException, detect_langs

    aliases = {"zh-cn": "zh", "zh-tw": "zh", "no": "nb"}

    def run(text: str) -> tuple[str, float]:
        DetectorFactory.seed = 0
        try:
            best = detect_langs(text)[0]
        except LangDetectException:
            return "und", 0.0
        return aliases.get(best.lang, best.lang), best.prob

    return run


class Calibration:
    """How well an engine's confidences match its accuracy, over the answers of one class:
    answers are binned by confidence (ten bins of 0.1), and the expected calibration error (ECE)
    is the mean gap between a bin's confidence and its accuracy, weighted by the bin's answers.
    "und" answers claim nothing and are counted apart; ``sure_wrong`` counts wrong answers given
    with SURE or more, the "confident wrong guess" a caller cannot catch."""

    SURE = 0.9

    def __init__(self) -> None:
        self.bins: dict[int, list[float]] = defaultdict(lambda: [0, 0, 0.0])  # answers, right, confidence
        self.undetermined = self.sure_wrong = 0

    def add(self, code: str, confidence: float, right: bool) -> None:
        if code == "und":
            self.undetermined += 1
            return
        cell = self.bins[min(int(confidence * 10), 9)]
        cell[0] += 1
        cell[1] += right
        cell[2] += confidence
        self.sure_wrong += not right and confidence >= self.SURE

    def error(self) -> float:
        """ECE in percentage points."""
        answers = sum(cell[0] for cell in self.bins.values())
        return 100 * sum(abs(right - confidence) for _, right, confidence in self.bins.values()) / max(1, answers)


def evaluate(detector, classes, limit: int | None):
    """-> {class: {label: (correct, total)}}, {class: seconds}, {class: count}, Counter of
    confusions, {class: Calibration}."""
    scores: dict[str, dict[str, tuple[int, int]]] = {}
    seconds: dict[str, float] = {}
    counts: dict[str, int] = {}
    confusions: Counter[tuple[str, str, str]] = Counter()
    calibration: dict[str, Calibration] = {}
    for name, by_label in classes.items():
        scores[name], elapsed, count, calibration[name] = {}, 0.0, 0, Calibration()
        for label, texts in sorted(by_label.items()):
            texts = texts[:limit] if limit else texts
            start = time.process_time()  # CPU time: texts per second per core, whatever the load
            answers = [detector(text) for text in texts]
            elapsed += time.process_time() - start
            count += len(texts)
            right = sum(code == expected(label) for code, _ in answers)
            scores[name][label] = (right, len(texts))
            for code, confidence in answers:
                calibration[name].add(code, confidence, code == expected(label))
                if code != expected(label):
                    confusions[(name, label, code)] += 1
        seconds[name], counts[name] = elapsed, count
    return scores, seconds, counts, confusions, calibration


def steady_rates(detector, classes, limit: int | None, passes: int = 3) -> dict[str, float]:
    """Texts per CPU second of each class, best of ``passes`` passes over all its texts: the
    rate of a process that has read its word lists and models (the single pass of
    :func:`evaluate` also pays for their first use, 15-100 ms each), and other load on the
    machine only ever adds time."""
    rates = {}
    for name, by_label in classes.items():
        texts = [text for label_texts in by_label.values() for text in (label_texts[:limit] if limit else label_texts)]
        rates[name] = len(texts) / best_cpu_seconds(lambda texts=texts: [detector(text) for text in texts], passes)
    return rates


def best_cpu_seconds(work, passes: int) -> float:
    """CPU seconds of the fastest of ``passes`` calls of ``work``: other load on the machine
    only ever adds time."""
    best = float("inf")
    for _ in range(passes):
        start = time.process_time()
        work()
        best = min(best, time.process_time() - start)
    return best


def article_speed() -> tuple[int, float, float] | None:
    """CPU ms per sample article (title + paragraphs) for ``detect_article``, which reads all
    paragraphs in one batch, and for the naive route it replaced (``detect_language`` on the
    body, then on every paragraph and the title with the article language as prior)."""
    from normalizer.detect import CONTEXT_ODDS, detect_article, detect_language

    articles = []
    for path in sorted(SAMPLES.glob("*.toml")):
        page = tomllib.loads(path.read_text(encoding="utf-8"))
        if page.get("kind", "article") == "article" and page.get("paragraphs"):
            articles.append((page.get("title") or "", page["paragraphs"], page.get("language")))
    if not articles:
        return None

    def naive(title: str, paragraphs: list[str], hint: str | None) -> None:
        code = detect_language("\n".join(paragraphs), hint).code
        for text in [*paragraphs, title]:
            detect_language(text, code, hint_odds=CONTEXT_ODDS)

    def batched(title: str, paragraphs: list[str], hint: str | None) -> None:
        detect_article(title, paragraphs, hint=hint)

    timings = [
        1000 * best_cpu_seconds(lambda route=route: [route(*article) for article in articles], 7) / len(articles)
        for route in (batched, naive)
    ]
    return len(articles), timings[0], timings[1]


def startup_cost() -> tuple[float, float]:
    """Seconds and peak RSS (MB) of ``import normalizer`` + one detection in a fresh process."""
    code = (
        "import time, resource; t = time.perf_counter(); import normalizer; "
        "normalizer.detect_language('Guvernul a anunțat noi măsuri'); "
        "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    seconds, rss = out.stdout.split()
    return float(seconds), float(rss)


def folded_texts(classes: dict[str, dict[str, list[str]]]) -> dict[str, dict[str, list[str]]]:
    """class -> label -> the texts of FOLDED_LABELS that have letters with diacritics, typed
    without them as people often type online ("Cesko", "sta"): two-word texts, titles, sentences."""
    from normalizer.detect_evidence import fold

    return {
        name: {
            label: [folded for text in classes[name][label] if (folded := fold(text)) != text]
            for label in FOLDED_LABELS
            if label in classes[name]
        }
        for name in ("two", "title", "sentence")
    }


def print_per_language(scores: dict[str, dict[str, dict[str, tuple[int, int]]]], classes) -> None:
    """A table of accuracy per label (rows) and class (columns), one figure per engine of
    ``scores`` (engine -> class -> label -> (right, total)) in each cell."""
    labels = sorted({label for by_label in classes.values() for label in by_label})
    names = [name for name in CLASSES if name in classes]
    width = 6 * len(scores)
    print(f"{'lang':<12} " + " ".join(f"{name:>{width}}" for name in names))
    for label in labels:
        cells = []
        for name in names:
            parts = [by_class[name].get(label) for by_class in scores.values()]
            if parts[0] is None:
                cells.append(f"{'':>{width}}")
                continue
            cells.append(f"{'/'.join(percent(*p).strip() for p in parts):>{width}}")
        print(f"{label:<12} {' '.join(cells)}")


def percent(right: int, total: int) -> str:
    return f"{100 * right / total:5.1f}" if total else "    -"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, help="at most N texts per language and class")
    parser.add_argument("--no-langdetect", action="store_true", help="skip the langdetect baseline")
    parser.add_argument("--no-accurate", action="store_true",
                        help="skip normalizer with short_texts='accurate' (~1 GB of lingua models)")
    parser.add_argument("--heldout", action="store_true", help="only the held-out close-pair set")
    args = parser.parse_args()

    if args.heldout:
        classes = heldout_texts()
    else:
        classes = derive(load_sentences())
        for name, by_label in sample_texts().items():
            for lang, texts in by_label.items():
                classes[name][f"{lang}-samples"] = texts
    seconds0, rss = startup_cost()
    engines = {"normalizer": normalizer_detector()}
    if not args.no_accurate:
        engines["accurate"] = normalizer_detector("accurate")
    if not args.no_langdetect:
        engines["langdetect"] = langdetect_detector()
    for detector in engines.values():
        detector("warm up: load the models before timing")
    results = {engine: evaluate(detector, classes, args.limit) for engine, detector in engines.items()}

    print(f"accuracy % per language ({' / '.join(engines)})")
    print_per_language({engine: result[0] for engine, result in results.items()}, classes)
    names = [name for name in CLASSES if name in classes]
    print()
    print(f"{'macro-average':<24} " + " ".join(f"{name:>9}" for name in names))
    for engine in engines:
        scores, seconds, counts, _, calibration = results[engine]
        macro = []
        for name in names:
            values = [r / t for r, t in scores[name].values() if t]
            macro.append(f"{100 * sum(values) / len(values):9.1f}" if values else f"{'-':>9}")
        print(f"{engine + ' accuracy %':<24} " + " ".join(macro))
        print(f"{engine + ' texts/s':<24} " + " ".join(f"{counts[n] / seconds[n]:9.0f}" for n in names))
        if engine == "normalizer":
            rates = steady_rates(engines["normalizer"], classes, args.limit)
            print(f"{'  ... best of 3 passes':<24} " + " ".join(f"{rates[n]:9.0f}" for n in names))
        print(f"{engine + ' ECE (points)':<24} " + " ".join(f"{calibration[n].error():9.1f}" for n in names))
        print(f"{engine + ' wrong, conf>=0.9':<24} " + " ".join(f"{calibration[n].sure_wrong:9d}" for n in names))
        print(f"{engine + ' und answers':<24} " + " ".join(f"{calibration[n].undetermined:9d}" for n in names))
    if "langdetect" in engines:
        def rate(engine: str, name: str) -> float:
            return results[engine][2][name] / results[engine][1][name]

        ratio = [rate("normalizer", n) / rate("langdetect", n) for n in names]
        print(f"{'speed ratio (x langdetect)':<24} " + " ".join(f"{r:9.1f}" for r in ratio))
    for engine in engines:
        print(f"\ntop confusions, {engine} (class, language -> answer: count)")
        for (name, label, answer), count in results[engine][3].most_common(12):
            print(f"  {name:<8} {label:>10} -> {answer:<4} {count}")
    if not args.heldout:
        folded = folded_texts(classes)
        print(f"\ntyped without diacritics (the texts that have any, ASCII-folded), accuracy % ({' / '.join(engines)})")
        folded_scores = {engine: evaluate(detector, folded, args.limit)[0] for engine, detector in engines.items()}
        print_per_language(folded_scores, folded)
        texts = [line.strip() for line in NO_LANGUAGE.read_text(encoding="utf-8").splitlines() if line.strip()]
        print(f"\ntexts of no language ({len(texts)}): 'und' answers / answers claiming 0.5 or more")
        for engine, detector in engines.items():
            answers = [detector(text) for text in texts]
            undetermined = sum(code == "und" for code, _ in answers)
            sure = sum(code != "und" and confidence >= 0.5 for code, confidence in answers)
            print(f"  {engine:<12} {undetermined:4d} / {sure:4d}")
    speed = None if args.heldout else article_speed()
    if speed:
        count, batched, naive = speed
        print(f"\ndetect_article on {count} sample articles: {batched:.2f} ms/article (CPU), "
              f"per-paragraph detect_language: {naive:.2f} ms/article, ratio {naive / batched:.1f}x")
    print(f"\nimport normalizer + first detection: {seconds0:.2f} s, peak RSS {rss:.0f} MB "
          "(fresh process, warm model cache)")


if __name__ == "__main__":
    main()
