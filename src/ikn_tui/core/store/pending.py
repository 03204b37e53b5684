"""Local changes waiting to be pushed to a feed server (issue 13).

The article, bookmark and subscription writes call ``record_change`` inside
their own transaction, so a change and its pending operation are committed
together or not at all. Nothing is recorded while no sync account is set
(``sync_state`` has no ``account``): the table does not grow for readers
who never sync.

A pending row holds the latest value of one field of one item (``read``,
``starred``: keyed by the article's canonical URL, or ``#<id>`` without a
URL; ``subscribed``: keyed by the feed URL). A later change of the same
field replaces the row (and gets a new id: ``AUTOINCREMENT`` ids are never
reused, so a push deletes exactly the version it sent).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from ikn_tui.core.store.keys import utc_now

ACCOUNT_KEY = "account"
FIELDS = ("read", "starred", "subscribed")


def sync_enabled(conn: sqlite3.Connection) -> bool:
    """Is a sync account configured (are changes recorded)?"""
    return conn.execute("SELECT 1 FROM sync_state WHERE key = ?", (ACCOUNT_KEY,)).fetchone() is not None


def article_keys(conn: sqlite3.Connection, article_ids: Iterable[int]) -> list[str]:
    """The item keys of stored articles (canonical URL, else ``#<id>``)."""
    keys = []
    for article_id in article_ids:
        row = conn.execute(
            "SELECT COALESCE(url_key, '#' || id) FROM articles WHERE id = ?", (int(article_id),)
        ).fetchone()
        if row is not None:
            keys.append(str(row[0]))
    return keys


def record_change(conn: sqlite3.Connection, keys: Iterable[str], field: str, value: bool) -> int:
    """Queue ``field = value`` for each item key, inside the caller's
    transaction; returns how many were queued (0 when sync is off)."""
    if field not in FIELDS:
        raise ValueError(f"unknown sync field: {field}")
    if not sync_enabled(conn):
        return 0
    now = utc_now()[0]
    rows = [(key, field, int(bool(value)), now) for key in dict.fromkeys(keys) if key]
    conn.executemany(
        "INSERT OR REPLACE INTO sync_pending(item_key, field, value, changed_at) VALUES (?, ?, ?, ?)", rows
    )
    return len(rows)
