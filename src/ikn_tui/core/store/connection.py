"""The store's one SQLite connection: a lock, read access and write transactions.

``StoreConnection`` is the base of ``store.Store`` and of the mixins it is
made of (articles, search, bookmarks, subscriptions): they reach the
database only through ``_reading`` and ``_writing``, which hold the
``RLock`` (one connection, used from worker threads) and turn every
``sqlite3.Error`` into a one-line ``StoreError``.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ikn_tui.core.store.errors import StoreError, store_error
from ikn_tui.core.text import clean_line


class StoreConnection:
    """A locked connection to the database at ``path`` (None once closed)."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.readonly = False
        self._lock = threading.RLock()
        self._conn: sqlite3.Connection | None = None

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        """The connection, under the lock (no transaction is opened)."""
        with self._lock:
            if self._conn is None:
                raise StoreError("database is closed", "closed")
            try:
                yield self._conn
            except sqlite3.Error as exc:
                raise store_error(exc, self.path) from None

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (BEGIN IMMEDIATE ... COMMIT)."""
        with self._lock:
            conn = self._conn
            if conn is None:
                raise StoreError("database is closed", "closed")
            if self.readonly:
                raise StoreError(f"database is read-only: {clean_line(str(self.path))}", "readonly")
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield conn
                    conn.execute("COMMIT")
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise
            except sqlite3.Error as exc:
                raise store_error(exc, self.path) from None
