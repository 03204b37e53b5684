"""Retention: how long articles are kept (``keep_days``) and how many
(``max_articles``), set per store and applied after each refresh and by
``ikn-read store vacuum``. Bookmarked articles are never deleted (and their
offline copies live in the bookmark anyway).

The settings live in the store's ``settings`` table (0 or absent: no limit).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from ikn_tui.core.problem import ProblemKind, problem
from ikn_tui.core.store.connection import StoreConnection
from ikn_tui.core.store.errors import StoreError
from ikn_tui.core.store.write import delete_rows

# An article is bookmarked when a bookmark is linked to it or has its URL.
_NOT_BOOKMARKED = (
    "NOT EXISTS (SELECT 1 FROM bookmarks b WHERE b.article_id = a.id "
    "OR (a.url_key IS NOT NULL AND b.url_key = a.url_key))"
)


@dataclass(slots=True)
class Retention:
    keep_days: int = 0  # 0: keep articles whatever their age
    max_articles: int = 0  # 0: no limit on their number

    @property
    def active(self) -> bool:
        return self.keep_days > 0 or self.max_articles > 0

    def line(self) -> str:
        days = f"{self.keep_days} days" if self.keep_days else "no age limit"
        most = f"at most {self.max_articles:,} articles" if self.max_articles else "no count limit"
        return f"{days}, {most} (bookmarked articles are always kept)"


class RetentionMixin(StoreConnection):
    """Reading, setting and applying the retention settings."""

    def retention(self) -> Retention:
        with self._reading() as conn:
            rows = dict(conn.execute(
                "SELECT key, value FROM settings WHERE key IN ('keep_days', 'max_articles')"
            ).fetchall())
        return Retention(_number(rows.get("keep_days")), _number(rows.get("max_articles")))

    def set_retention(self, keep_days: int | None = None, max_articles: int | None = None) -> Retention:
        """Change either setting (None: leave it); 0 turns a limit off."""
        for value in (keep_days, max_articles):
            if value is not None and value < 0:
                raise StoreError(problem(ProblemKind.RETENTION_LIMITS), "invalid")
        with self._writing() as conn:
            for key, value in (("keep_days", keep_days), ("max_articles", max_articles)):
                if value is not None:
                    conn.execute("INSERT OR REPLACE INTO settings(key, value) VALUES (?, ?)", (key, str(int(value))))
        return self.retention()

    def apply_retention(self, now: float | None = None) -> int:
        """Delete what the settings say is too old or too many (never a
        bookmarked article); the number of articles deleted."""
        rules = self.retention()
        if not rules.active:
            return 0
        with self._writing() as conn:
            doomed: set[int] = set()
            if rules.keep_days:
                cutoff = int((time.time() if now is None else now) - rules.keep_days * 86_400)
                doomed.update(row[0] for row in conn.execute(
                    f"SELECT a.id FROM articles a WHERE a.sort_ts < ? AND {_NOT_BOOKMARKED}", (cutoff,)
                ))
            if rules.max_articles:
                doomed.update(row[0] for row in conn.execute(
                    f"SELECT a.id FROM articles a WHERE {_NOT_BOOKMARKED} "
                    "ORDER BY a.sort_ts DESC, a.id DESC LIMIT -1 OFFSET ?",
                    (rules.max_articles,),
                ))
            if not doomed:
                return 0
            return delete_rows(conn, [(article_id,) for article_id in sorted(doomed)])

    def vacuum(self) -> int:
        """Apply retention, then compact the file and its search index; the
        number of articles deleted."""
        deleted = self.apply_retention()
        with self._lock:
            conn = self._conn
            if conn is None:
                raise StoreError(problem(ProblemKind.DB_CLOSED), "closed")
            if self.damaged is not None or self.readonly:
                return deleted
            try:
                conn.execute("INSERT INTO articles_fts(articles_fts) VALUES('optimize')")
                conn.execute("VACUUM")
            except Exception as exc:
                import sqlite3

                if isinstance(exc, sqlite3.Error):
                    raise self._failed(exc) from None
                raise
        return deleted


def _number(value: object) -> int:
    try:
        return max(0, int(str(value)))
    except (TypeError, ValueError):
        return 0
