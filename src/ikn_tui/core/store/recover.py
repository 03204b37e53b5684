"""Rebuild a damaged database from everything readable in it; back up and restore.

``recover`` reads the damaged file table by table and row by row: a scan in
rowid order that meets an unreadable page steps past it by looking rows up
one at a time, so one bad page costs only the rows on it. The rows go into a
new file built by the current schema; the subscriptions and bookmarks kept
outside the database (``keepsake``) fill in what the damage took; the search
index is rebuilt; the damaged file is moved aside (never deleted) and the new
one takes its place. ``backup`` uses SQLite's online backup API (a
consistent copy while the reader runs); ``restore`` checks a backup, moves
the current file aside and copies the backup in.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from ikn_tui.core.problem import ProblemKind, problem
from ikn_tui.core.store import keepsake
from ikn_tui.core.store.errors import StoreError
from ikn_tui.core.store.health import clear_health, quick_check
from ikn_tui.core.store.schema import LATEST_VERSION, PAGE_SIZE, migrate, schema_version

# Table -> an index that holds every row (its count survives damage to the table's own pages).
_TABLES = {
    "subscriptions": "sqlite_autoindex_subscriptions_1", "bookmarks": "bookmarks_article", "articles": "articles_order",
}
# Copied too when readable: the store's settings and the sync bookkeeping
# (sync_pending holds local changes not pushed to the feed server yet), and the
# photo thumbnails (bookmarked articles' photos, shown offline).
_BOOKKEEPING = ("settings", "sync_state", "sync_items", "sync_pending", "thumbnails")
_NOUNS = {"articles": "articles", "bookmarks": "bookmarks", "subscriptions": "subscriptions"}
MAX_PROBE_GAP = 50_000  # rowids looked up one by one past a damaged page before giving up


@dataclass(slots=True)
class Recovery:
    """What ``recover`` saved: table -> (rows saved, rows the file held or None)."""

    counts: dict[str, tuple[int, int | None]] = field(default_factory=dict)
    moved_to: Path | None = None

    def line(self) -> str:
        """"9,998 of 10,000 articles, 12 of 12 bookmarks, 200 of 200 subscriptions"."""
        parts = []
        for table in ("articles", "bookmarks", "subscriptions"):
            saved, total = self.counts.get(table, (0, None))
            noun = _NOUNS[table]
            parts.append(f"{saved:,} of {total:,} {noun}" if total is not None else f"{saved:,} {noun}")
        return ", ".join(parts)

    @property
    def lost(self) -> int:
        return sum(max(0, (total or saved) - saved) for saved, total in self.counts.values())


def _header(page_size: int, pages: int) -> bytes:
    """A valid 100-byte SQLite header for a file of ``pages`` pages of ``page_size``."""
    import struct

    return (
        b"SQLite format 3\x00"
        + struct.pack(">H", 1 if page_size == 65536 else page_size)
        + bytes([1, 1, 0, 64, 32, 32])
        + struct.pack(">IIIIIIIIIIII", 1, pages, 0, 0, 1, 4, 0, 0, 1, LATEST_VERSION, 0, 0)
        + bytes(20)
        + struct.pack(">II", 1, sqlite3.sqlite_version_info[0] * 1_000_000
                      + sqlite3.sqlite_version_info[1] * 1000 + sqlite3.sqlite_version_info[2])
    )


def _readable(conn: sqlite3.Connection) -> bool:
    try:
        return bool(conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'articles'").fetchone()[0])
    except sqlite3.DatabaseError:
        return False


def _with_new_header(path: Path, work: Path) -> Path | None:
    """A copy of ``path`` with its first 100 bytes (the file header) rewritten,
    for each page size in turn, until the schema reads: a damaged header
    alone must not cost every row. None when no page size works."""
    try:
        data = bytearray(path.read_bytes())
    except OSError:
        return None
    for page_size in (PAGE_SIZE, 4096, 65536, 16384, 8192, 1024, 2048, 512):
        if len(data) < page_size or len(data) % page_size:
            continue
        data[:100] = _header(page_size, len(data) // page_size)
        work.write_bytes(bytes(data))
        conn = _open_damaged(work)
        try:
            if _readable(conn):
                return work
        finally:
            conn.close()
    work.unlink(missing_ok=True)
    return None


def _open_damaged(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(f"file:{quote(str(path.absolute()))}?mode=ro", uri=True, isolation_level=None)
    # Scattered damage can leave bytes that are not UTF-8 in a text column:
    # keep the row (with U+FFFD) rather than lose it.
    conn.text_factory = lambda raw: raw.decode("utf-8", "replace")
    return conn


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [str(row[1]) for row in conn.execute(f"PRAGMA table_info({table})")]


def _count(conn: sqlite3.Connection, table: str) -> int | None:
    for sql in (f"SELECT count(*) FROM {table} INDEXED BY {_TABLES[table]}", f"SELECT count(*) FROM {table}"):
        try:
            return int(conn.execute(sql).fetchone()[0])
        except sqlite3.DatabaseError:
            continue
    return None


def readable_rows(conn: sqlite3.Connection, table: str, columns: list[str]) -> Iterator[tuple[object, ...]]:
    """Every row of ``table`` that can be read, in rowid order (rowid first)."""
    listed = ", ".join(columns)
    scan = f"SELECT rowid, {listed} FROM {table} WHERE rowid > ? ORDER BY rowid"
    probe = f"SELECT rowid, {listed} FROM {table} WHERE rowid = ?"
    try:
        top = conn.execute(f"SELECT max(rowid) FROM {table}").fetchone()[0]
    except sqlite3.DatabaseError:
        top = None
    last = -(2**63)
    seen: set[int] = set()
    while True:
        try:
            for row in conn.execute(scan, (last,)):
                rowid = int(row[0])
                if rowid in seen:
                    continue
                seen.add(rowid)
                last = max(last, rowid)
                yield row
            return
        except sqlite3.DatabaseError:
            pass
        # A damaged page: look rows up one by one until one reads, then scan on.
        found = False
        start = max(last, 0)
        for rowid in range(start + 1, start + MAX_PROBE_GAP):
            if top is not None and rowid > top:
                return
            try:
                row = conn.execute(probe, (rowid,)).fetchone()
            except sqlite3.DatabaseError:
                continue
            if row is not None and rowid not in seen:
                seen.add(rowid)
                last = rowid
                found = True
                yield row
                break
        if not found:
            return


def _new_database(path: Path) -> sqlite3.Connection:
    path.unlink(missing_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")
    migrate(conn)
    return conn


def _copy_table(src: sqlite3.Connection, dst: sqlite3.Connection, table: str) -> int:
    try:
        wanted = _columns(dst, table)
        have = set(_columns(src, table))
    except sqlite3.DatabaseError:
        return 0
    columns = [c for c in wanted if c in have]
    if not columns:
        return 0
    marks = ", ".join("?" * (len(columns) + 1))
    insert = f"INSERT OR IGNORE INTO {table}(rowid, {', '.join(columns)}) VALUES ({marks})"
    saved = 0
    batch: list[tuple[object, ...]] = []
    dst.execute("BEGIN")
    for row in readable_rows(src, table, columns):
        batch.append(row)
        if len(batch) >= 500:
            saved += _insert(dst, insert, batch)
            batch = []
    saved += _insert(dst, insert, batch)
    dst.execute("COMMIT")
    return saved


def _insert(dst: sqlite3.Connection, insert: str, rows: list[tuple[object, ...]]) -> int:
    saved = 0
    for row in rows:  # one by one: a row that breaks a constraint (NOT NULL on a damaged value) fails alone
        try:
            saved += dst.execute(insert, row).rowcount
        except sqlite3.DatabaseError:
            continue
    return saved


def recover(path: Path) -> Recovery:
    """Rebuild the database at ``path`` from what can be read in it (see the module docstring)."""
    path = Path(path)
    if not path.is_file():
        raise StoreError(problem(ProblemKind.DB_NONE_TO_RECOVER, path=path), "cantopen", path)
    new_path = path.with_name(f".{path.name}.recovering")
    reheadered = path.with_name(f".{path.name}.reheadered")
    report = Recovery()
    try:
        src = _open_damaged(path)
        if not _readable(src) and _with_new_header(path, reheadered) is not None:
            src.close()
            src = _open_damaged(reheadered)
    except sqlite3.DatabaseError as exc:
        raise StoreError(problem(ProblemKind.DB_UNREADABLE, detail=exc), "corrupt", path) from None
    try:
        try:
            version = schema_version(src)
        except sqlite3.DatabaseError:
            version = 0
        if version > LATEST_VERSION:
            raise StoreError(problem(ProblemKind.DB_TOO_NEW, path=path), "too-new", path)
        dst = _new_database(new_path)
        try:
            for table in ("subscriptions", "articles", "bookmarks"):
                try:
                    total = _count(src, table)
                except sqlite3.DatabaseError:
                    total = None
                saved = _copy_table(src, dst, table)
                report.counts[table] = (saved, None if total is None else max(total, saved))
            dst.execute("UPDATE bookmarks SET article_id = NULL WHERE article_id NOT IN (SELECT id FROM articles)")
            for table in _BOOKKEEPING:  # not counted in the report; a file without them gives none
                _copy_table(src, dst, table)
            dst.execute("UPDATE sync_items SET article_id = NULL WHERE article_id NOT IN (SELECT id FROM articles)")
            _restore_kept(dst, path, report)
            dst.execute("INSERT INTO articles_fts(articles_fts) VALUES('rebuild')")
            dst.execute("PRAGMA journal_mode = WAL")
        finally:
            dst.close()
    except sqlite3.Error as exc:
        new_path.unlink(missing_ok=True)
        raise StoreError(problem(ProblemKind.DB_RECOVERY_FAILED, detail=exc), "error", path) from None
    finally:
        src.close()
        for leftover in (reheadered, reheadered.with_name(reheadered.name + "-wal"),
                         reheadered.with_name(reheadered.name + "-shm")):
            leftover.unlink(missing_ok=True)
    report.moved_to = _swap_in(path, new_path, "damaged")
    return report


def _restore_kept(dst: sqlite3.Connection, path: Path, report: Recovery) -> None:
    """Subscriptions and bookmarks the damage took, from the copies kept outside the file."""
    kept = keepsake.load(path)
    if kept is None:
        return
    dst.execute("BEGIN")
    added_subs, added_marks = keepsake.restore(dst, kept)
    dst.execute("COMMIT")
    for table, added, known in (("subscriptions", added_subs, len(kept["subscriptions"])),
                                ("bookmarks", added_marks, len(kept["bookmarks"]))):
        saved, total = report.counts.get(table, (0, None))
        saved += added
        report.counts[table] = (saved, max(total or 0, known, saved))


def _aside_name(path: Path, label: str) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{label}-{stamp}")
    n = 1
    while target.exists():
        target = path.with_name(f"{path.name}.{label}-{stamp}-{n}")
        n += 1
    return target


def _swap_in(path: Path, new_path: Path, label: str) -> Path:
    """Move ``path`` (and its -wal/-shm) aside and put ``new_path`` in its place."""
    target = _aside_name(path, label)
    try:
        os.rename(path, target)
        for suffix in ("-wal", "-shm", "-journal"):
            side = path.with_name(path.name + suffix)
            if side.exists():
                os.rename(side, target.with_name(target.name + suffix))
        os.rename(new_path, path)
        for suffix in ("-wal", "-shm"):
            side = new_path.with_name(new_path.name + suffix)
            if side.exists():
                os.rename(side, path.with_name(path.name + suffix))
    except OSError as exc:
        what = problem(ProblemKind.DB_CANNOT_REPLACE, path=path, detail=exc.strerror)
        raise StoreError(what, "error", path) from None
    clear_health(path)
    return target


def backup(conn: sqlite3.Connection, lock: object, target: Path) -> None:
    """A consistent copy of the open database ``conn`` in ``target`` (atomically)."""
    target = Path(target)
    temp = target.with_name(f".{target.name}.part")
    try:
        temp.unlink(missing_ok=True)
        out = sqlite3.connect(temp)
        try:
            with lock:  # type: ignore[attr-defined]
                conn.backup(out)
            out.execute("PRAGMA journal_mode = DELETE")
        finally:
            out.close()
        os.replace(temp, target)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        what = problem(ProblemKind.DB_CANNOT_WRITE, path=target, detail=exc.strerror)
        raise StoreError(what, "error", target) from None
    except sqlite3.Error as exc:
        temp.unlink(missing_ok=True)
        raise StoreError(problem(ProblemKind.DB_BACKUP_FAILED, detail=exc), "error", target) from None


def restore(path: Path, source: Path) -> Path | None:
    """Replace the database at ``path`` by the backup ``source`` (checked
    first). The current file is moved aside; returns where (None: there was none)."""
    source, path = Path(source), Path(path)
    try:
        src = sqlite3.connect(f"file:{quote(str(source.absolute()))}?mode=ro", uri=True, isolation_level=None)
    except sqlite3.Error:
        raise StoreError(problem(ProblemKind.DB_BACKUP_CANNOT_OPEN, path=source), "cantopen", source) from None
    new_path = path.with_name(f".{path.name}.restoring")
    try:
        try:
            version = schema_version(src)
            damage, _ = quick_check(src, None)
            src.execute("SELECT count(*) FROM subscriptions").fetchone()
        except sqlite3.DatabaseError:
            raise StoreError(problem(ProblemKind.DB_NOT_OURS, path=source), "invalid", source) from None
        if damage is not None:
            raise StoreError(problem(ProblemKind.DB_BACKUP_DAMAGED, detail=damage, path=source), "corrupt", source)
        if version == 0 or version > LATEST_VERSION:
            raise StoreError(problem(ProblemKind.DB_BACKUP_UNREADABLE, path=source), "invalid", source)
        new_path.unlink(missing_ok=True)
        out = sqlite3.connect(new_path)
        try:
            src.backup(out)
        finally:
            out.close()
    except sqlite3.Error as exc:
        new_path.unlink(missing_ok=True)
        raise StoreError(problem(ProblemKind.DB_RESTORE_FAILED, detail=exc), "error", source) from None
    finally:
        src.close()
    if not path.exists():
        os.replace(new_path, path)
        clear_health(path)
        return None
    return _swap_in(path, new_path, "before-restore")
