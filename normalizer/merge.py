"""Coverage merge: group normalized articles from many outlets and languages into stories.

Every pair of articles published within ``window_days`` of each other gets a score from four
channels, each a cosine similarity between rarity-weighted bags (weight ``log((n+1)/df)`` over the
articles being merged, so that "NATO" in every article counts for little and "Kentucky" for a lot):

* ``entities``: canonical entity names from the names stage;
* ``words``: English words of ``title_en``/``text_en`` (scikit-learn's analyzer, stop words out);
* ``signals``: numbers with units, percentages, years and dates (``normalizer.signals``), which
  match across languages without translation;
* ``spellings``: transliterated word stems, the fallback for untranslated text.

A pair's score is the weighted mean over the channels both articles have (an untranslated article
is not penalised for lacking English words; two articles that both quote figures but different
ones are). Stories are then formed by average-linkage agglomeration over these scores: a group
joins another only when the *average* score across all their pairs clears ``threshold``, which is
what keeps apart two stories that share a person (high entity overlap with a few members) but not
the event (no shared figures, dates or vocabulary with most members).

Outlets leak their own furniture into extracted text (menus, "read also" lists, a standing
credit line): keys found only on one site's articles are dropped, and two articles of the same
site have their score discounted, so an outlet's pages do not cluster by template.

The result depends only on the set of articles, never on their order, so that ``--state``
(incremental batches) gives the same stories as one batch over the same articles.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from normalizer.record import Article, article_id

DEFAULT_WINDOW_DAYS = 7.0
DEFAULT_THRESHOLD = 0.1
# Channel weights in a pair's score: figures and dates are the strongest cross-language evidence
# of the same event; spellings are noisy (cognates, function words) and only break ties.
CHANNEL_WEIGHTS = {"entities": 1.0, "words": 1.0, "signals": 1.0, "spellings": 0.25}
# Two articles of one outlet share its furniture (menus, footers, standing lines) whenever
# extraction leaks it, and an outlet rarely covers one event twice: their score is discounted.
SAME_SITE_FACTOR = 0.25
# Pairs scoring below this are treated as unrelated (0) during clustering: keeps the graph sparse.
_EDGE_FLOOR = 0.05
_BLOCK = 256
TOKEN_SEPARATOR = "\x1f"  # ASCII unit separator: never part of a key
_UNDATED_LINKS = 25


@dataclass
class Story:
    """One story as an aggregator shows it. ``unmerged`` is the reason when the story is a
    singleton only because its article could not be compared (failed or empty record);
    ``notes`` lists per-article problems that did not prevent merging (missing date, duplicate
    record). ``countries``/``leans`` are filled only when an outlets table is given."""

    story_id: str
    headline: str | None
    article_ids: list[str]
    size: int
    sites: list[str]
    languages: dict[str, int]
    entities: list[dict[str, Any]]
    first_published: str | None
    last_published: str | None
    countries: dict[str, int] | None = None
    leans: dict[str, int] | None = None
    unmerged: str | None = None
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for optional in ("countries", "leans"):
            if data[optional] is None:
                del data[optional]
        return data


@dataclass
class ArticleFeatures:
    """What merging needs from an article, small enough to persist in the ``--state`` database.
    ``entities`` maps canonical names to counts; the other bags are their keys joined by
    ``TOKEN_SEPARATOR`` (repeats kept), a tenth of the memory of a dict per article."""

    id: str
    published: str | None
    day: float | None
    site: str | None
    language: str
    title_en: str | None
    title: str | None
    entities: dict[str, int]
    words: str
    signals: str
    spellings: str
    problem: str | None = None
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ArticleFeatures:
        return cls(**data)


def merge_stories(
    articles: Iterable[Article | dict[str, Any]],
    *,
    window_days: float = DEFAULT_WINDOW_DAYS,
    state: str | Path | None = None,
    outlets: str | Path | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    weights: Mapping[str, float] | None = None,
) -> list[Story]:
    """Group ``articles`` into stories, sorted by size (largest first) then story id.

    ``threshold`` is the average pair score two groups need to merge; ``weights`` overrides
    ``CHANNEL_WEIGHTS`` (a channel left out is not used), for experiments and baselines.

    With ``state`` (a SQLite file, created when missing), the articles are added to the stories
    stored there and the returned list holds every stored story; the state is updated in one
    transaction. Raises ``normalizer.story_state.StateError`` for an unusable state file and
    ``normalizer.outlets.OutletsError`` for an unreadable outlets file, before writing anything.
    """
    outlet_table = None
    if outlets is not None:
        from normalizer.outlets import load_outlets

        outlet_table = load_outlets(outlets)
    settings = _Settings(window_days, threshold, dict(weights or CHANNEL_WEIGHTS))
    if state is None:
        stories = _build_stories(features_of(articles), settings)
    else:
        from normalizer.story_state import StoryState

        with StoryState.open(state, window_days) as stored:  # refuse a bad state before work
            features = features_of(articles)
            active, frozen = stored.split_for(features)
            by_id = {f.id: f for f in active}
            by_id.update({f.id: f for f in features})  # a re-sent article replaces its old copy
            current = sorted(by_id.values(), key=lambda f: f.id)
            stories = _build_stories(current, settings)
            stored.save(current, stories)
            stories += frozen
    if outlet_table is not None:
        for story in stories:
            outlet_table.describe(story)
    return sorted(stories, key=lambda s: (-s.size, s.story_id))


def features_of(articles: Iterable[Article | dict[str, Any]]) -> list[ArticleFeatures]:
    """One ``ArticleFeatures`` per distinct article id, sorted by id. A later record with an
    already seen id is not merged twice: it is reported in the notes of the first one."""
    seen: dict[str, ArticleFeatures] = {}
    for position, item in enumerate(articles, start=1):
        feature = _features_or_problem(item, position)
        if feature.id in seen:
            seen[feature.id].notes.append(
                f"record #{position} repeats article id {feature.id}: only the first is merged"
            )
            continue
        seen[feature.id] = feature
    return [seen[key] for key in sorted(seen)]


def _features_or_problem(item: Article | dict[str, Any], position: int) -> ArticleFeatures:
    try:
        article = item if isinstance(item, Article) else Article.from_dict(_without_mentions(item))
        return article_features(article)
    except Exception as exc:  # noqa: BLE001 - a malformed record must not stop the batch
        raw = item if isinstance(item, dict) else {}
        ident = str(raw.get("id") or article_id(raw.get("url"), str(raw.get("text") or position)))
        return ArticleFeatures(
            id=ident, published=None, day=None, site=raw.get("site"), language="und",
            title_en=None, title=None, entities={}, words="", signals="", spellings="",
            problem=f"unreadable record: {type(exc).__name__}: {exc}",
        )


def _without_mentions(record: dict[str, Any]) -> dict[str, Any]:
    """The record without entity mentions, which merging does not use and which cost more to
    rebuild as objects than everything else in a record."""
    entities = record.get("entities")
    if not isinstance(entities, list):
        return record
    light = [
        {**{k: v for k, v in e.items() if k != "mentions"},
         "count": e.get("count") or len(e.get("mentions") or []) or 1}
        if isinstance(e, dict) else e
        for e in entities
    ]
    return {**record, "entities": light}


def article_features(article: Article) -> ArticleFeatures:
    """Extract the merge signals of one article (pure function of the article)."""
    from normalizer.signals import signal_keys, spelling_keys

    language = (article.language.code or "und").lower()
    english_text = article.text_en
    if english_text is None and language == "en":
        english_text = article.text  # older records did not copy English text to text_en
    title_en = article.title_en or (article.title if language == "en" else None)
    english = " ".join(part for part in (title_en, english_text) if part)
    original = " ".join(part for part in (article.title, article.text) if part)
    figures_source = original or english
    notes: list[str] = []
    day = _day(article.published)
    if article.published and day is None:
        notes.append(f"article {article.id}: unreadable publication date {article.published!r}")
    elif not article.published:
        notes.append(f"article {article.id}: no publication date, time window not applied")
    entities: Counter[str] = Counter()
    for entity in article.entities:
        entities[entity.canonical] += max(1, int(entity.count or 1))
    features = ArticleFeatures(
        id=article.id,
        published=article.published if day is not None else None,
        day=day,
        site=article.site or _host(article.url),
        language=language,
        title_en=title_en,
        title=article.title,
        entities=dict(entities),
        words=TOKEN_SEPARATOR.join(_english_analyzer()(english)) if english else "",
        signals=TOKEN_SEPARATOR.join(signal_keys(figures_source)),
        spellings=TOKEN_SEPARATOR.join(spelling_keys(original)),
        notes=notes,
    )
    if not (article.text or "").strip() and not (english_text or "").strip():
        # A page without a body (section front, error page, paywall stub) has at most a title:
        # one shared place name in a headline is not evidence of the same story.
        features.problem = (
            f"failed at {article.error.stage}: {article.error.message}" if article.error is not None
            else "no body text to compare (not an article?)"
        )
    elif not (features.entities or features.words or features.signals or features.spellings):
        if article.error is not None:
            features.problem = f"failed at {article.error.stage}: {article.error.message}"
        else:
            features.problem = "no text and no entities to compare"
    elif article.error is not None:
        notes.append(f"article {article.id}: merged despite error at {article.error.stage}")
    return features


@lru_cache(maxsize=1)
def _english_analyzer() -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(stop_words="english", lowercase=True).build_analyzer()


def _day(published: str | None) -> float | None:
    """Publication time as days since the epoch (UTC); None when missing or unreadable."""
    if not published:
        return None
    try:
        moment = datetime.fromisoformat(published.strip())
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp() / 86400.0


def _host(url: str | None) -> str | None:
    if not url:
        return None
    from urllib.parse import urlsplit

    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.") or None


@dataclass(frozen=True)
class _Settings:
    window_days: float
    threshold: float
    weights: dict[str, float]


# --- scoring -------------------------------------------------------------------------------


class _Channels:
    """Rarity-weighted, L2-normalised bag matrices of a set of articles, one per channel."""

    def __init__(self, features: Sequence[ArticleFeatures], weights: dict[str, float]) -> None:
        import numpy as np

        self.weights = weights
        sites = [f.site or f"(unknown site of {f.id})" for f in features]
        site_codes = {site: code for code, site in enumerate(sorted(set(sites)))}
        self.site_code = np.array([site_codes[site] for site in sites])
        self.matrices = {name: _weighted_matrix([_bag(f, name) for f in features], sites)
                         for name in weights}
        self.present = {name: np.diff(m.indptr) > 0 for name, m in self.matrices.items()}

    def scores(self, rows: Any, cols: Any) -> Any:
        """Dense matrix of pair scores between articles ``rows`` and ``cols`` (index arrays)."""
        import numpy as np

        total = np.zeros((len(rows), len(cols)))
        weight = np.zeros_like(total)
        for name, channel_weight in self.weights.items():
            matrix = self.matrices[name]
            similarity = (matrix[rows] @ matrix[cols].T).toarray()
            both = np.outer(self.present[name][rows], self.present[name][cols])
            total += channel_weight * similarity
            weight += channel_weight * both
        score = np.where(weight > 0, total / np.maximum(weight, 1e-12), 0.0)
        same_site = self.site_code[rows][:, None] == self.site_code[cols][None, :]
        return np.where(same_site, score * SAME_SITE_FACTOR, score)


def _bag(features: ArticleFeatures, channel: str) -> str:
    if channel == "entities":
        return TOKEN_SEPARATOR.join(name for name, count in features.entities.items()
                                    for _ in range(count))
    return getattr(features, channel)


def _split_bag(bag: str) -> list[str]:
    return bag.split(TOKEN_SEPARATOR) if bag else []


def _weighted_matrix(bags: list[str], sites: list[str]) -> Any:
    """Sublinear counts times ``log((n+1)/df)``, rows L2-normalised. Unlike scikit-learn's
    TfidfTransformer (idf + 1), a key found in every article weighs (almost) nothing, which is
    the point of rarity weighting here.

    Keys seen in several articles that all come from one site, in a batch with other sites, are
    dropped: that is the site's own furniture (menus, footers, "read also" lists, a standing
    byline) leaking through extraction, and it would otherwise glue together unrelated articles
    of the same outlet."""
    import numpy as np
    from scipy.sparse import csr_matrix, diags
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.preprocessing import normalize

    if not any(bags):
        return csr_matrix((len(bags), 0))
    matrix = CountVectorizer(analyzer=_split_bag, dtype=np.float64).fit_transform(bags).tocsr()
    present = (matrix > 0).astype(np.float64)
    document_frequency = np.asarray(present.sum(axis=0)).ravel()
    site_codes = {site: code for code, site in enumerate(sorted(set(sites)))}
    if len(site_codes) > 1:
        rows = [site_codes[site] for site in sites]
        site_of_row = csr_matrix((np.ones(len(rows)), (rows, np.arange(len(rows)))),
                                 shape=(len(site_codes), len(rows)))
        top_site_count = (site_of_row @ present).max(axis=0).toarray().ravel()
        furniture = (document_frequency >= 2) & (top_site_count == document_frequency)
    else:
        furniture = np.zeros(matrix.shape[1], dtype=bool)
    idf = np.log((len(bags) + 1) / np.maximum(document_frequency, 1))
    idf[furniture] = 0.0
    matrix.data = np.log1p(matrix.data)
    weighted = (matrix @ diags(idf)).tocsr()
    weighted.eliminate_zeros()
    return normalize(weighted, copy=False)


def _scored_pairs(
    features: Sequence[ArticleFeatures], channels: _Channels, window_days: float
) -> list[tuple[int, int, float]]:
    """``(i, j, score)``, each pair once, for every pair inside the window scoring above the
    floor (undated articles: only their ``_UNDATED_LINKS`` best pairs).
    Works in blocks of articles sorted by date, so memory grows with the number of articles
    inside one window, not with the square of the batch."""
    import numpy as np

    comparable = [i for i, f in enumerate(features) if f.problem is None]
    dated = sorted((i for i in comparable if features[i].day is not None),
                   key=lambda i: (features[i].day, i))
    undated = np.array([i for i in comparable if features[i].day is None], dtype=int)
    days = np.array([features[i].day for i in dated], dtype=float)
    dated_arr = np.array(dated, dtype=int)
    all_days = np.array([np.nan if f.day is None else f.day for f in features])
    pairs: list[tuple[int, int, float]] = []

    def collect(rows: Any, cols: Any, keep_best: int | None = None) -> None:
        if len(rows) == 0 or len(cols) == 0:
            return
        score = channels.scores(rows, cols)
        gap = np.abs(all_days[rows][:, None] - all_days[cols][None, :])
        dated_col = ~np.isnan(all_days[cols])[None, :]
        once = (rows[:, None] < cols[None, :]) | (keep_best is not None) & dated_col
        keep = once & (rows[:, None] != cols[None, :]) & (score >= _EDGE_FLOOR) \
            & ~(gap > window_days)
        if keep_best is not None and keep.shape[1] > keep_best:
            masked = np.where(keep, score, -1.0)
            best = -np.partition(-masked, keep_best - 1, axis=1)[:, keep_best - 1 : keep_best]
            keep &= masked >= best
        for r, c in zip(*np.nonzero(keep), strict=True):
            pairs.append((int(rows[r]), int(cols[c]), float(score[r, c])))

    for start in range(0, len(dated_arr), _BLOCK):
        rows = dated_arr[start : start + _BLOCK]
        low = np.searchsorted(days, days[start] - window_days, side="left")
        high = np.searchsorted(days, days[min(start + _BLOCK, len(days)) - 1] + window_days,
                               side="right")
        collect(rows, dated_arr[low:high])
    # An undated article may be compared with any other; keeping only its best links bounds
    # the cost (undated x all) and the memory, and loses nothing a story would need.
    for start in range(0, len(undated), _BLOCK):
        collect(undated[start : start + _BLOCK], np.array(comparable, dtype=int),
                keep_best=_UNDATED_LINKS)
    return pairs


# --- clustering ----------------------------------------------------------------------------


def average_linkage(
    size: int, pairs: Iterable[tuple[int, int, float]], threshold: float
) -> list[list[int]]:
    """Agglomerative clustering with average linkage over a sparse score graph (absent pairs
    score 0). Written here rather than taken from scikit-learn because its
    AgglomerativeClustering needs the dense n x n distance matrix (800 MB at 10,000 articles);
    ties are broken by cluster index so the result never depends on input order."""
    members: dict[int, list[int]] = {i: [i] for i in range(size)}
    links: dict[int, dict[int, float]] = {i: {} for i in range(size)}
    for i, j, score in pairs:
        links[i][j] = links[i].get(j, 0.0) + score
        links[j][i] = links[j].get(i, 0.0) + score
    heap = [(-score, i, j) for i in links for j, score in links[i].items() if i < j
            and score >= threshold]
    heapq.heapify(heap)
    next_id = size
    while heap:
        _, a, b = heapq.heappop(heap)
        if a not in members or b not in members:
            continue
        merged_id = next_id
        next_id += 1
        members[merged_id] = members.pop(a) + members.pop(b)
        combined: dict[int, float] = {}
        for old in (a, b):
            for other, total in links.pop(old).items():
                if other in (a, b):
                    continue
                combined[other] = combined.get(other, 0.0) + total
                del links[other][old]
        links[merged_id] = combined
        for other, total in combined.items():
            links[other][merged_id] = total
            average = total / (len(members[merged_id]) * len(members[other]))
            if average >= threshold:
                heapq.heappush(heap, (-average, other, merged_id))
    return sorted(sorted(group) for group in members.values())


# --- stories -------------------------------------------------------------------------------


def cluster(
    features: Sequence[ArticleFeatures], settings: _Settings
) -> tuple[list[list[int]], dict[int, float]]:
    """Groups of article indexes, and each article's centrality (sum of its scores to the other
    members of its group), used to pick the headline."""
    if not features:
        return [], {}
    channels = _Channels(features, settings.weights)
    pairs = _scored_pairs(features, channels, settings.window_days)
    groups = average_linkage(len(features), pairs, settings.threshold)
    group_of = {index: number for number, group in enumerate(groups) for index in group}
    centrality: dict[int, float] = Counter()
    for i, j, score in pairs:
        if group_of[i] == group_of[j]:
            centrality[i] += score
            centrality[j] += score
    return groups, centrality


def _build_stories(features: Sequence[ArticleFeatures], settings: _Settings) -> list[Story]:
    groups, centrality = cluster(features, settings)
    stories = []
    for group in groups:
        ranked = sorted(group, key=lambda i: (-centrality.get(i, 0.0), features[i].id))
        stories.append(_story([features[i] for i in ranked]))
    return stories


def _story(by_centrality: list[ArticleFeatures]) -> Story:
    """The story record of a group, members given most central first (headline source)."""
    members = sorted(by_centrality, key=lambda f: f.id)
    dated = sorted((f for f in members if f.day is not None), key=lambda f: (f.day, f.id))
    earliest = dated[0] if dated else members[0]
    headline = next((f.title_en for f in by_centrality if f.title_en), None)
    notes = [note for f in members for note in f.notes]
    if headline is None:
        headline = next((f.title for f in by_centrality if f.title), None)
        if headline is not None:
            notes.append("headline is in the original language: no English title available")
    entity_counts = Counter(name for f in members for name in f.entities)
    problems = [f.problem for f in members if f.problem]
    return Story(
        story_id=f"story-{earliest.id}",
        headline=headline,
        article_ids=[f.id for f in members],
        size=len(members),
        sites=sorted({f.site for f in members if f.site}),
        languages=dict(sorted(Counter(f.language for f in members).items())),
        entities=[{"canonical": name, "count": count}
                  for name, count in sorted(entity_counts.items(), key=lambda kv: (-kv[1], kv[0]))],
        first_published=dated[0].published if dated else None,
        last_published=dated[-1].published if dated else None,
        unmerged=problems[0] if problems and len(members) == 1 else None,
        notes=notes,
    )

