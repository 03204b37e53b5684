"""SQLite store: articles, read state, bookmarks (full offline copies),
subscriptions with HTTP cache headers, FTS5 search.

One connection per ``Store``, usable from worker threads (every operation
holds an ``RLock``). WAL mode, so a second ikn-read process can read while
this one writes. Every sqlite3 error becomes a one-line ``StoreError``.

``Store`` is made of parts, one module each:

- ``connection`` — the locked connection, read access, write transactions;
- ``errors`` — ``StoreError`` and the sqlite3 error -> message mapping;
- ``keys`` — URL dedup keys, fast cleaning, FTS5 query building;
- ``write`` — THE WRITE PATH: upserts and the search-index writes;
- ``rows`` — column lists, rows back into ``Article``/``ArticleRow``;
- ``articles`` / ``search`` / ``bookmarks`` / ``subscriptions`` /
  ``syncing`` — the public methods (mixins of the store's own parts);
- ``thumbnails`` — the lead photos' small cached copies;
- ``export`` — articles and bookmarks as Markdown / JSON;
- ``schema`` — tables and migrations;
- ``health`` / ``recover`` / ``keepsake`` — damage detection, recovery, the
  kept copy of subscriptions and bookmarks; ``pending`` — the sync queue;
  ``retention`` — old articles out.

This module opens the file (pragmas, read-only fallback), closes it, checks
and moves it aside, and re-exports the names other code imports from it.

Bookmark keys: a bookmark whose article row still exists is addressed by the
article id; one whose article was deleted is addressed by ``-bookmark_id``
(negative). ``get_article``, ``is_bookmarked``, ``remove_bookmark``,
``get_bookmark_article`` and ``similar`` accept both.
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path
from urllib.parse import quote

from ikn_tui.core import paths
from ikn_tui.core.problem import ProblemKind, problem
from ikn_tui.core.store.articles import ArticlesMixin
from ikn_tui.core.store.bookmarks import BookmarksMixin
from ikn_tui.core.store.errors import StoreError, error_kind, store_error, too_new_error
from ikn_tui.core.store.export import bookmarks_to_json, bookmarks_to_markdown
from ikn_tui.core.store.health import (
    START_BUDGET,
    clear_health,
    needs_full_check,
    record_clean_close,
    unchanged_since_clean_close,
)
from ikn_tui.core.store.keys import (
    MIN_PREFIX,
    canonical_url,
    clean_article,
    fts_query,
)
from ikn_tui.core.store.retention import RetentionMixin
from ikn_tui.core.store.schema import LATEST_VERSION, PAGE_SIZE, SchemaTooNew, migrate, schema_version
from ikn_tui.core.store.search import SEARCH_CANDIDATES, SIMILAR_CANDIDATES, SearchMixin
from ikn_tui.core.store.subscriptions import SubscriptionsMixin
from ikn_tui.core.store.syncing import SyncMixin
from ikn_tui.core.store.thumbnails import ThumbnailsMixin
from ikn_tui.core.store.write import UpsertResult
from ikn_tui.core.text import clean_line

__all__ = [
    "MIN_PREFIX", "SEARCH_CANDIDATES", "SIMILAR_CANDIDATES", "Store", "StoreError", "UpsertResult",
    "bookmarks_to_json", "bookmarks_to_markdown", "canonical_url", "clean_article",
    "fts_query",
]


class Store(
    ArticlesMixin, SearchMixin, BookmarksMixin, SubscriptionsMixin, RetentionMixin, SyncMixin, ThumbnailsMixin
):
    """The reader's database (see the module docstring)."""

    def __init__(self, path: Path | str, *, readonly: bool = False) -> None:
        super().__init__(path)
        self._fresh = False
        self._verified = False  # checked whole this session (see health.record_clean_close)
        if not readonly:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError:
                pass
            try:
                self._conn = self._open_rw()
                self._after_open()
                return
            except StoreError as exc:
                # Read-only dir, full disk (no room for -wal/-shm: "disk I/O
                # error"), a file we may not write: reading must still work.
                if exc.kind in ("corrupt", "too-new", "locked") or not self.path.is_file():
                    raise
                try:
                    self._conn = self._open_ro()
                except StoreError:
                    raise exc from None
                self.readonly = True
                self._after_open()
                return
        self._conn = self._open_ro()
        self.readonly = True
        self._after_open()

    def _after_open(self) -> None:
        """Damage seen before stops writes now too; a fresh file gets the
        kept subscriptions and bookmarks back; an older store gets its
        keepsake written the first time."""
        from ikn_tui.core.store import keepsake
        from ikn_tui.core.store.health import read_health

        self.damaged = read_health(self.path)["damaged"]
        if self.readonly or self.damaged is not None:
            return
        if self._fresh:
            kept = keepsake.load(self.path)
            if kept is not None:
                try:
                    with self._writing() as conn:
                        keepsake.restore(conn, kept)
                except StoreError:
                    pass
            return
        if not keepsake.exists(self.path):
            self._keep_user_data()

    def check_health(self, budget: float | None = START_BUDGET) -> str | None:
        """``PRAGMA quick_check`` for at most ``budget`` seconds (None: all of
        it). Returns what is wrong (and stops writes), or None."""
        from ikn_tui.core.store.health import quick_check, write_health

        if self.damaged is not None:
            return self.damaged
        with self._lock:
            if self._conn is None:
                raise StoreError(problem(ProblemKind.DB_CLOSED), "closed")
            damage, complete = quick_check(self._conn, budget)
        if damage is not None:
            self.note_damage(damage)
        elif complete:
            self._verified = True
            if not self.readonly and needs_full_check(self.path):
                write_health(self.path, None, checked=True)
        return self.damaged

    def check_health_aside(self, full: bool | None = None) -> str | None:
        """The start check on a connection of its own, for a background thread:
        the store's own connection (and the reader using it) is never held up.
        ``full`` None: whole once a day, else within ``START_BUDGET``; a file
        checked whole and closed cleanly since is not checked again. Returns
        what is wrong (and stops writes), or None."""
        from ikn_tui.core.store.health import quick_check, write_health

        if self.damaged is not None:
            return self.damaged
        if full is None:
            full = needs_full_check(self.path)
            if not full and unchanged_since_clean_close(self.path):
                self._verified = True
                return None
        if self.readonly:  # opened read-only or immutable: a second connection may not open at all
            return self.check_health(None if full else START_BUDGET)
        conn = sqlite3.connect(
            f"file:{quote(str(self.path))}?mode=ro", uri=True, timeout=5.0, check_same_thread=False
        )
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError:  # cannot open a second connection here: check on the store's own
            conn.close()
            return self.check_health(None if full else START_BUDGET)
        except sqlite3.DatabaseError as exc:
            conn.close()
            from ikn_tui.core.store.health import damage_text

            with self._lock:
                self.note_damage(damage_text(exc))
            return self.damaged
        try:
            damage, complete = quick_check(conn, None if full else START_BUDGET)
        finally:
            conn.close()
        with self._lock:
            if damage is not None:
                self.note_damage(damage)
            elif complete:
                self._verified = True
                if not self.readonly and full:
                    write_health(self.path, None, checked=True)
        return self.damaged

    def backup(self, target: Path | str) -> None:
        """A consistent copy of the database in ``target`` (SQLite's online backup API)."""
        from ikn_tui.core.store.recover import backup

        with self._lock:
            if self._conn is None:
                raise StoreError(problem(ProblemKind.DB_CLOSED), "closed")
            backup(self._conn, self._lock, Path(target))

    def full_check(self) -> str | None:
        """``integrity_check`` and the search index's own check: what is wrong,
        or None. Records the outcome: a whole file lets writes start again."""
        from ikn_tui.core.store.health import full_check, write_health

        with self._lock:
            if self._conn is None:
                raise StoreError(problem(ProblemKind.DB_CLOSED), "closed")
            damage = full_check(self._conn, writable=not self.readonly)
        if damage is None:
            self.damaged = None
            if not self.readonly:
                write_health(self.path, None, checked=True)
        else:
            self.damaged = None
            self.note_damage(damage)
        return damage

    @classmethod
    def open_default(cls, check: bool = True, daily: bool = True) -> Store:
        """The user's store; ``check``: a quick check bounded in time
        (``health.START_BUDGET``), complete once a day when ``daily``."""
        try:
            paths.ensure_home()
        except OSError as exc:
            what = problem(ProblemKind.DB_CANNOT_CREATE, path=paths.home(), detail=exc.strerror)
            raise StoreError(what, "cantopen") from None
        store = cls(paths.database_path())
        if check:
            full = daily and needs_full_check(store.path)
            if not full and store.damaged is None and unchanged_since_clean_close(store.path):
                store._verified = True  # checked whole, closed cleanly, not touched since
                return store
            try:
                store.check_health(None if full else START_BUDGET)
            except StoreError:
                store.close()
                raise
        return store

    def _connect(self, target: str, uri: bool) -> sqlite3.Connection:
        return sqlite3.connect(
            target, timeout=5.0, isolation_level=None, check_same_thread=False, uri=uri
        )

    def _open_rw(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = None
        try:
            conn = self._connect(str(self.path), uri=False)
            conn.execute("PRAGMA busy_timeout = 5000")
            conn.execute("PRAGMA foreign_keys = ON")
            version = schema_version(conn)  # "file is not a database" shows here
            self._fresh = version == 0
            if version > LATEST_VERSION:
                raise SchemaTooNew(str(version))
            if version == 0:  # before WAL: a page size only takes on an empty file
                conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA cache_size = -16000")
            migrate(conn)
            return conn
        except SchemaTooNew:
            if conn is not None:
                conn.close()
            raise too_new_error(self.path) from None
        except sqlite3.Error as exc:
            if conn is not None:
                conn.close()
            raise store_error(exc, self.path) from None

    def _open_ro(self) -> sqlite3.Connection:
        """Read-only: ``mode=ro``; in a read-only directory or on a full disk a
        WAL database cannot get its -shm file, so fall back to ``immutable=1``
        (nobody can be writing there)."""
        base = "file:" + quote(str(self.path.absolute()))
        last: sqlite3.Error | None = None
        for params in ("?mode=ro", "?mode=ro&immutable=1"):
            conn: sqlite3.Connection | None = None
            try:
                conn = self._connect(base + params, uri=True)
                conn.execute("PRAGMA busy_timeout = 5000")
                version = schema_version(conn)
                conn.execute("SELECT count(*) FROM subscriptions").fetchone()
            except sqlite3.Error as exc:
                if conn is not None:
                    conn.close()
                # A full disk shows as "disk I/O error" (no room for -shm):
                # immutable=1 needs no -shm, so try it before giving up.
                if error_kind(exc) in ("corrupt", "locked"):
                    raise store_error(exc, self.path) from None
                last = exc
                continue
            if version != LATEST_VERSION:
                conn.close()
                if version > LATEST_VERSION:
                    raise too_new_error(self.path)
                raise StoreError(problem(ProblemKind.DB_READONLY, path=self.path), "readonly")
            return conn
        raise store_error(last or sqlite3.OperationalError("unable to open"), self.path)

    def close(self) -> None:
        """Close the database (optimizing its statistics first). Never raises."""
        with self._lock:
            if self._conn is None:
                return
            try:
                if not self.readonly:  # planner statistics, sampled (fast on big files)
                    self._conn.execute("PRAGMA analysis_limit = 400")
                    self._conn.execute("PRAGMA optimize")
            except sqlite3.Error:
                pass
            try:
                self._conn.close()
            except sqlite3.Error:  # everything was committed; nothing is lost
                pass
            self._conn = None
            if self._verified and self.damaged is None and not self.readonly:
                record_clean_close(self.path)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @staticmethod
    def move_aside(path: Path | str) -> Path:
        """Rename a (corrupt) database and its -wal/-shm files to
        ``<name>.corrupt-<timestamp>``. Never deletes anything."""
        path = Path(path)
        stamp = time.strftime("%Y%m%d-%H%M%S")
        target = path.with_name(f"{path.name}.corrupt-{stamp}")
        n = 1
        while target.exists():
            target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
            n += 1
        try:
            os.rename(path, target)
            for suffix in ("-wal", "-shm", "-journal"):
                side = path.with_name(path.name + suffix)
                if side.exists():
                    os.rename(side, target.with_name(target.name + suffix))
        except OSError as exc:
            raise StoreError(problem(ProblemKind.DB_CANNOT_MOVE, path=path, detail=exc.strerror), "error") from None
        clear_health(path)  # the damage went with the file
        return target

    def integrity_check(self) -> str:
        """``PRAGMA integrity_check`` plus the FTS index check: "ok" or the problem."""
        with self._reading() as conn:
            result = conn.execute("PRAGMA integrity_check").fetchone()[0]
            if result != "ok":
                return clean_line(result, limit=300)
            try:
                conn.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES('integrity-check', 1)")
            except sqlite3.DatabaseError as exc:
                if self.readonly and error_kind(exc) == "readonly":
                    return "ok"
                return clean_line(f"search index: {exc}", limit=300)
            return "ok"
