"""Feed subscriptions: their HTTP cache headers and last status, and
``apply_refresh``, which stores a refreshed feed in one transaction
(``apply_refreshes``: several feeds in one transaction)."""

from __future__ import annotations

import sqlite3

from ikn_tui.core.models import Article, Subscription
from ikn_tui.core.problem import Problem, ProblemKind, problem
from ikn_tui.core.store.connection import StoreConnection, keeps
from ikn_tui.core.store.errors import StoreError
from ikn_tui.core.store.keys import utc_now
from ikn_tui.core.store.pending import record_change
from ikn_tui.core.store.write import PreparedRows, UpsertResult, upsert
from ikn_tui.core.text import clean_line, clean_optional

# Subscription's fields, in order.
_SUBSCRIPTION_COLUMNS = "url, title, etag, last_modified, status, message, last_checked, retry_after, folder"


def _save_subscription(conn: sqlite3.Connection, sub: Subscription, old_url: str | None) -> None:
    """Write a subscription's state; ``old_url``: rename a moved feed first."""
    url = clean_line(sub.url)
    old = clean_line(old_url)
    if old and old != url:
        taken = conn.execute("SELECT 1 FROM subscriptions WHERE url = ?", (url,)).fetchone()
        if taken:
            conn.execute("DELETE FROM subscriptions WHERE url = ?", (old,))
        else:
            conn.execute("UPDATE subscriptions SET url = ? WHERE url = ?", (url, old))
        conn.execute("UPDATE articles SET feed_url = ? WHERE feed_url = ?", (url, old))
    conn.execute(
        "UPDATE subscriptions SET title = COALESCE(?, title), etag = ?, last_modified = ?, "
        "status = ?, message = ?, last_checked = ?, retry_after = ? WHERE url = ?",
        (
            clean_optional(sub.title, limit=200), clean_optional(sub.etag, limit=500),
            clean_optional(sub.last_modified, limit=100), clean_optional(sub.status, limit=40),
            sub.message.to_json() if sub.message else None, clean_optional(sub.last_checked, limit=64),
            clean_optional(sub.retry_after, limit=64), url,
        ),
    )


def _subscription(row: tuple[object, ...]) -> Subscription:
    """A row of ``_SUBSCRIPTION_COLUMNS``; the message column holds a ``Problem`` as JSON
    (or, written by an older ikn-read, an English line: a ``TEXT`` problem)."""
    sub = Subscription(*row)  # type: ignore[arg-type]
    sub.message = Problem.from_stored(row[5] if isinstance(row[5], str) else None)
    return sub


class SubscriptionsMixin(StoreConnection):
    """The feeds the reader follows."""

    @keeps("subscriptions")
    def add_subscription(self, url: str, title: str | None = None, folder: str | None = None) -> bool:
        """Subscribe to a feed; False when it is already there (a folder is
        still recorded for it when it had none)."""
        url = clean_line(url)
        if not url:
            raise StoreError(problem(ProblemKind.FEED_URL_EMPTY), "invalid")
        folder = clean_optional(folder, limit=200)
        with self._writing() as conn:
            cur = conn.execute(
                "INSERT OR IGNORE INTO subscriptions(url, title, added_at, folder) VALUES (?, ?, ?, ?)",
                (url, clean_optional(title, limit=200), utc_now()[0], folder),
            )
            if cur.rowcount > 0:  # subscribed on the feed server too, where its API allows
                record_change(conn, [url], "subscribed", True)
            elif folder:
                conn.execute("UPDATE subscriptions SET folder = ? WHERE url = ? AND folder IS NULL", (folder, url))
            return cur.rowcount > 0

    @keeps("subscriptions")
    def remove_subscription(self, url: str) -> bool:
        url = clean_line(url)
        with self._writing() as conn:
            removed = conn.execute("DELETE FROM subscriptions WHERE url = ?", (url,)).rowcount > 0
            if removed:
                record_change(conn, [url], "subscribed", False)
            return removed

    def list_subscriptions(self) -> list[Subscription]:
        with self._reading() as conn:
            rows = conn.execute(
                f"SELECT {_SUBSCRIPTION_COLUMNS} FROM subscriptions ORDER BY added_at, rowid"
            ).fetchall()
            return [_subscription(r) for r in rows]

    def get_subscription(self, url: str) -> Subscription | None:
        with self._reading() as conn:
            row = conn.execute(
                f"SELECT {_SUBSCRIPTION_COLUMNS} FROM subscriptions WHERE url = ?", (clean_line(url),)
            ).fetchone()
            return _subscription(row) if row else None

    def update_subscription(self, sub: Subscription, old_url: str | None = None) -> None:
        """Save a subscription's state (only if subscribed). ``old_url``: the
        feed moved (301): rename the row and its articles' feed_url."""
        with self._writing() as conn:
            _save_subscription(conn, sub, old_url)
        if old_url:
            self._keep_user_data("subscriptions")

    def apply_refresh(
        self, sub: Subscription, articles: list[Article] | PreparedRows, old_url: str | None = None
    ) -> UpsertResult:
        """Store a feed's articles (or rows prepared for ``sub.url``) and its
        subscription state in ONE transaction."""
        with self._writing() as conn:
            _save_subscription(conn, sub, old_url)
            result = upsert(conn, articles, clean_line(sub.url) or None)
        if old_url:
            self._keep_user_data("subscriptions")
        return result

    def apply_refreshes(
        self, writes: list[tuple[Subscription, str | None, list[Article] | PreparedRows | None]]
    ) -> list[int]:
        """Several refreshed feeds in ONE transaction: for each (subscription,
        old URL or None, articles, rows prepared for ``sub.url``, or None for
        a state-only update such as a 304), what ``apply_refresh``/``update_subscription`` would do. Returns
        the number of new articles of each, in order; all or nothing."""
        counts: list[int] = []
        with self._writing() as conn:
            for sub, old_url, articles in writes:
                _save_subscription(conn, sub, old_url)
                counts.append(0 if articles is None else upsert(conn, articles, clean_line(sub.url) or None).new)
        if any(old_url for _, old_url, _ in writes):
            self._keep_user_data("subscriptions")
        return counts
