"""Persistent stories for incremental merging (``normalizer merge --state stories.db``).

The state keeps, per article, the small feature record merging needs (never the full text) and
its story. A new batch re-clusters only the *active* part: stories that a new article could
still join, i.e. whose last article is within the time window of the batch's earliest article.
Older stories are frozen: given back as stored, neither read article by article nor
recomputed. Because clustering depends only on the set of articles, adding batches one by one
gives the same stories as one batch whenever the batches overlap in time, as daily batches of a
running story do.

Safety: an existing file that is not our SQLite state is refused with ``StateError`` and never
written to; every update runs in one transaction, so a crash leaves the previous state intact.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Self

from normalizer.merge import ArticleFeatures, Story

FORMAT = "normalizer-story-state"
VERSION = "1"
_SQLITE_MAGIC = b"SQLite format 3\x00"
_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE articles (id TEXT PRIMARY KEY, story_id TEXT NOT NULL, features TEXT NOT NULL);
CREATE INDEX articles_story ON articles (story_id);
CREATE TABLE stories (
    story_id TEXT PRIMARY KEY,
    last_day REAL,            -- NULL when a member has no date: such a story never freezes
    record TEXT NOT NULL      -- the story as last computed, given back while it is frozen
);
"""


class StateError(Exception):
    """The state file cannot be used (not ours, corrupt, or built with other settings)."""


class StoryState:
    """An open state database; use ``StoryState.open(path, window_days)`` as a context manager."""

    def __init__(self, path: Path, connection: sqlite3.Connection, window_days: float) -> None:
        self.path = path
        self.connection = connection
        self.window_days = window_days
        self._active_story_ids: list[str] = []

    @classmethod
    def open(cls, path: str | Path, window_days: float) -> StoryState:
        path = Path(path)
        if path.is_dir():
            raise StateError(f"{path} is a folder, not a state file")
        if path.exists() and path.stat().st_size > 0:
            with open(path, "rb") as handle:
                if handle.read(len(_SQLITE_MAGIC)) != _SQLITE_MAGIC:
                    raise StateError(f"{path} is not a story state database (left untouched)")
        try:
            connection = sqlite3.connect(path, isolation_level=None)
            state = cls(path, connection, window_days)
            state._check_or_create()
        except sqlite3.DatabaseError as exc:
            raise StateError(f"{path} is unreadable or corrupt ({exc}); left untouched") from exc
        return state

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.connection.close()

    def _check_or_create(self) -> None:
        tables = {row[0] for row in self.connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables:
            self.connection.execute("BEGIN IMMEDIATE")
            for statement in filter(str.strip, _SCHEMA.split(";")):
                self.connection.execute(statement)
            self.connection.executemany("INSERT INTO meta VALUES (?, ?)", [
                ("format", FORMAT), ("version", VERSION), ("window_days", repr(self.window_days))])
            self.connection.execute("COMMIT")
            return
        if not {"meta", "articles", "stories"} <= tables:
            raise StateError(f"{self.path} is a SQLite database but not a story state")
        meta = dict(self.connection.execute("SELECT key, value FROM meta"))
        if meta.get("format") != FORMAT or meta.get("version") != VERSION:
            raise StateError(f"{self.path} is not a story state of version {VERSION}")
        if self.connection.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise StateError(f"{self.path} failed SQLite's integrity check; left untouched")
        stored_window = float(meta.get("window_days", "nan"))
        if stored_window != self.window_days:
            raise StateError(
                f"{self.path} was built with a {stored_window:g}-day window; "
                f"use --window-days {stored_window:g} with it (or start a new state)"
            )

    def split_for(
        self, batch: Sequence[ArticleFeatures]
    ) -> tuple[list[ArticleFeatures], list[Story]]:
        """The stored articles a new batch may join (to re-cluster with it), and the frozen
        stories, returned as stored (their articles are not even read)."""
        days = [f.day for f in batch]
        if not batch:
            cutoff = float("inf")  # nothing new: every stored story stays as it is
        elif any(day is None for day in days):
            cutoff = float("-inf")  # an undated article may belong anywhere: nothing freezes
        else:
            cutoff = min(day for day in days if day is not None) - self.window_days
        active: list[ArticleFeatures] = []
        frozen: list[Story] = []
        try:
            resent = {row[0] for f in batch for row in self.connection.execute(
                "SELECT story_id FROM articles WHERE id = ?", (f.id,))}
            stories = self.connection.execute(
                "SELECT story_id, last_day, record FROM stories ORDER BY story_id").fetchall()
            for story_id, last_day, record in stories:
                if last_day is not None and last_day < cutoff and story_id not in resent:
                    frozen.append(Story(**json.loads(record)))
                    continue
                self._active_story_ids.append(story_id)
                active.extend(ArticleFeatures.from_dict(json.loads(features)) for (features,)
                              in self.connection.execute(
                                  "SELECT features FROM articles WHERE story_id = ? ORDER BY id",
                                  (story_id,)))
        except (sqlite3.DatabaseError, ValueError, TypeError) as exc:
            raise StateError(f"{self.path} holds unreadable records ({exc}); left untouched") \
                from exc
        return active, frozen

    def save(self, current: Sequence[ArticleFeatures], stories: Sequence[Story]) -> None:
        """Replace the active stories by ``stories`` (built from ``current``), atomically."""
        by_id = {f.id: f for f in current}
        connection = self.connection
        try:
            connection.execute("BEGIN IMMEDIATE")
            connection.executemany("DELETE FROM articles WHERE story_id = ?",
                                   [(s,) for s in self._active_story_ids])
            connection.executemany("DELETE FROM stories WHERE story_id = ?",
                                   [(s,) for s in self._active_story_ids])
            for story in stories:
                days = [by_id[i].day for i in story.article_ids]
                last_day = None if None in days else max(days)
                connection.executemany(
                    "INSERT OR REPLACE INTO articles VALUES (?, ?, ?)",
                    [(i, story.story_id, json.dumps(by_id[i].to_dict(), ensure_ascii=False))
                     for i in story.article_ids])
                connection.execute(
                    "INSERT OR REPLACE INTO stories VALUES (?, ?, ?)",
                    (story.story_id, last_day, json.dumps(story.to_dict(), ensure_ascii=False)))
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
