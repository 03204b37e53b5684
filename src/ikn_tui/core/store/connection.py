"""The store's one SQLite connection: a lock, read access and write transactions.

``StoreConnection`` is the base of ``store.Store`` and of the mixins it is
made of (articles, search, bookmarks, subscriptions): they reach the
database only through ``_reading`` and ``_writing``, which hold the
``RLock`` (one connection, used from worker threads) and turn every
``sqlite3.Error`` into a one-line ``StoreError``.
"""

from __future__ import annotations

import functools
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar, cast

from ikn_tui.core.problem import ProblemKind, problem
from ikn_tui.core.store.errors import StoreError, damaged_error, store_error
from ikn_tui.core.text import clean_line

Method = TypeVar("Method", bound=Callable[..., Any])


class StoreConnection:
    """A locked connection to the database at ``path`` (None once closed).

    ``damaged`` holds what is wrong once damage is seen (a check at start,
    ``store check``, or an error met on the way): writes then stop, so
    nothing new goes into a damaged file, and reads go on."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.readonly = False
        self.damaged: str | None = None
        self._lock = threading.RLock()
        self._conn: sqlite3.Connection | None = None
        self._holding = 0  # > 0: keepsake writes wait for ``keeping_later`` to end
        self._held: set[str] = set()

    def note_damage(self, reason: str) -> None:
        """Remember damage (here and in the health file): writes stop."""
        from ikn_tui.core.store.health import write_health

        first = self.damaged is None
        self.damaged = clean_line(reason, limit=300) or "unreadable pages"
        if first:
            write_health(self.path, self.damaged, checked=False)

    def _failed(self, exc: sqlite3.Error) -> StoreError:
        error = store_error(exc, self.path)
        if error.kind == "corrupt":
            from ikn_tui.core.store.health import damage_text

            self.note_damage(damage_text(exc))
        return error

    @contextmanager
    def keeping_later(self) -> Iterator[None]:
        """Many changes in a row (a feed import): the kept copies are rewritten
        once at the end instead of after each change."""
        with self._lock:
            self._holding += 1
        try:
            yield
        finally:
            with self._lock:
                self._holding -= 1
                parts, self._held = (tuple(self._held), set()) if self._holding == 0 else ((), self._held)
            if parts:
                self._keep_user_data(*parts)

    def _keep_user_data(self, *parts: str) -> None:
        """Rewrite the copies of subscriptions and/or bookmarks kept outside
        the database (``keepsake``) after a change to them. Best effort: the
        change itself is committed."""
        from ikn_tui.core.store import keepsake

        with self._lock:
            if self._holding:
                self._held.update(parts or keepsake.PARTS)
                return
        try:
            with self._reading() as conn:
                keepsake.save(conn, self.path, parts or keepsake.PARTS)
        except (OSError, StoreError, ValueError):
            pass


    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        """The connection, under the lock (no transaction is opened)."""
        with self._lock:
            if self._conn is None:
                raise StoreError(problem(ProblemKind.DB_CLOSED), "closed")
            try:
                yield self._conn
            except sqlite3.Error as exc:
                raise self._failed(exc) from None

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (BEGIN IMMEDIATE ... COMMIT)."""
        with self._lock:
            conn = self._conn
            if conn is None:
                raise StoreError(problem(ProblemKind.DB_CLOSED), "closed")
            if self.damaged is not None:
                raise damaged_error(self.path)
            if self.readonly:
                raise StoreError(problem(ProblemKind.DB_READONLY, path=self.path), "readonly")
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
                raise self._failed(exc) from None


def keeps(part: str) -> Callable[[Method], Method]:
    """Decorate a store method that changes ``part`` ("subscriptions" or
    "bookmarks"): its kept copy is rewritten after the method commits."""

    def decorate(method: Method) -> Method:
        @functools.wraps(method)
        def wrapper(self: StoreConnection, *args: Any, **kwargs: Any) -> Any:
            result = method(self, *args, **kwargs)
            if result is not False:  # False: nothing changed (already subscribed, say)
                self._keep_user_data(part)
            return result

        return cast(Method, wrapper)

    return decorate
