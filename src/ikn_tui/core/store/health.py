"""Is the database file damaged? A bounded check at every start, a full one on demand.

``quick_check`` runs SQLite's ``PRAGMA integrity_check`` (every page, every
b-tree's order and structure, and every index against its table: a damaged
index silently hides rows from a list, and ``quick_check`` does not see
that) under a time budget: a small store is checked whole at each start (a
57 MB store takes about 40 ms), a big one as far as the budget goes, and
whole when the last complete check is older than ``FULL_CHECK_EVERY``
(``needs_full_check``).
``full_check`` is ``PRAGMA integrity_check`` plus the search index's own check.

A file that was checked whole and then closed cleanly (no -wal file left)
is not checked again at the next start while its size and modification
time are those recorded at that close (``unchanged_since_clean_close``):
any write to it from outside, or a crash, changes them. The daily complete
check still comes.

What was found is kept in a small file beside the database
(``<name>.health.json``): once damage is seen, every later command knows at
once (writes stop, a one-line warning) until ``store check`` finds the file
whole again or ``store recover``/``store restore`` replaces it.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from ikn_tui.core.text import clean_line

START_BUDGET = 0.15  # seconds of quick_check at each start
FULL_CHECK_EVERY = timedelta(days=1)
_MAX_PROBLEMS = 5


def health_path(database: Path) -> Path:
    return database.with_name(database.name + ".health.json")


def read_health(database: Path) -> dict[str, str | None]:
    """{"damaged": reason or None, "checked_at": ISO time of the last complete
    check, "closed": the file's stamp at its last clean close after a check}."""
    empty: dict[str, str | None] = {"damaged": None, "checked_at": None, "closed": None}
    try:
        data = json.loads(health_path(database).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return empty
    if not isinstance(data, dict):
        return empty
    damaged, checked, closed = data.get("damaged"), data.get("checked_at"), data.get("closed")
    return {
        "damaged": clean_line(damaged, limit=300) if isinstance(damaged, str) and damaged else None,
        "checked_at": checked if isinstance(checked, str) else None,
        "closed": closed if isinstance(closed, str) else None,
    }


def file_stamp(database: Path) -> str | None:
    """"size:mtime_ns" of a cleanly closed database (None while a -wal file is there)."""
    try:
        wal = database.with_name(database.name + "-wal")
        if wal.exists() and wal.stat().st_size > 0:
            return None
        info = database.stat()
    except OSError:
        return None
    return f"{info.st_size}:{info.st_mtime_ns}"


def record_clean_close(database: Path) -> None:
    """After closing a file that was checked whole this session: its stamp."""
    stamp = file_stamp(database)
    state = read_health(database)
    if stamp is None or state["damaged"] is not None or state["closed"] == stamp:
        return
    # Not synced to disk: lost in a crash, the next start merely checks the file again.
    _write(database, {**state, "closed": stamp}, durable=False)


def unchanged_since_clean_close(database: Path) -> bool:
    stamp = file_stamp(database)
    return stamp is not None and read_health(database)["closed"] == stamp


def write_health(database: Path, damaged: str | None, checked: bool) -> None:
    """Record a check's outcome (``checked``: it was complete). Best effort."""
    state = read_health(database)
    state["damaged"] = damaged
    if damaged is not None:
        state["closed"] = None
    if checked:
        state["checked_at"] = datetime.now(UTC).replace(microsecond=0).isoformat()
    _write(database, state)


def _write(database: Path, state: dict[str, str | None], durable: bool = True) -> None:
    from ikn_tui.core.atomic import write_atomic

    try:
        if not any(state.values()):
            health_path(database).unlink(missing_ok=True)
        else:
            write_atomic(health_path(database), json.dumps(state) + "\n", durable=durable)
    except OSError:
        pass


def clear_health(database: Path) -> None:
    try:
        health_path(database).unlink(missing_ok=True)
    except OSError:
        pass


def needs_full_check(database: Path) -> bool:
    """True when no complete check is on record for the last ``FULL_CHECK_EVERY``."""
    checked = read_health(database)["checked_at"]
    if not checked:
        return True
    try:
        when = datetime.fromisoformat(checked)
    except ValueError:
        return True
    return datetime.now(UTC) - when > FULL_CHECK_EVERY


# The damage report is SQLite's own words (outside, technical text) with these of ours, which
# the UI and the CLI word in their language (ui/problem_words.damage_words).
DAMAGE_UTF8 = "text that is not valid UTF-8 where the file should hold text"
DAMAGE_UNREADABLE = "unreadable pages"
DAMAGE_INDEX = "search index: "
DAMAGE_MORE = " (and {n} more)"


def _problems(rows: list[tuple[object, ...]]) -> str | None:
    messages = [str(row[0]) for row in rows if row and row[0] != "ok"]
    if not messages:
        return None
    more = DAMAGE_MORE.format(n=len(messages) - 2) if len(messages) > 2 else ""
    return clean_line("; ".join(messages[:2]) + more, limit=300)


def quick_check(conn: sqlite3.Connection, budget: float | None) -> tuple[str | None, bool]:
    """(problem or None, complete). A check cut short by ``budget`` (seconds)
    that found nothing so far is (None, False)."""
    handler: Callable[[], int] | None = None
    if budget is not None:
        deadline = time.monotonic() + budget

        def handler() -> int:
            return 1 if time.monotonic() > deadline else 0

        conn.set_progress_handler(handler, 2000)
    try:
        rows = conn.execute(f"PRAGMA integrity_check({_MAX_PROBLEMS})").fetchall()
    except sqlite3.OperationalError as exc:
        if "interrupt" in str(exc).lower():
            return None, False
        return damage_text(exc), True
    except sqlite3.DatabaseError as exc:
        return damage_text(exc), True
    finally:
        if handler is not None:
            conn.set_progress_handler(None, 0)
    return _problems(rows), True


def full_check(conn: sqlite3.Connection, writable: bool) -> str | None:
    """``PRAGMA integrity_check`` and the search index's check: None when whole."""
    try:
        problem = _problems(conn.execute(f"PRAGMA integrity_check({_MAX_PROBLEMS})").fetchall())
    except sqlite3.DatabaseError as exc:
        return damage_text(exc)
    if problem:
        return problem
    try:
        conn.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES('integrity-check', 1)")
    except sqlite3.DatabaseError as exc:
        if not writable and "readonly" in str(exc).lower().replace("-", ""):
            return None
        return clean_line(DAMAGE_INDEX + damage_text(exc), limit=300)
    return None


def damage_text(exc: BaseException) -> str:
    text = str(exc)
    if text.startswith("Could not decode"):
        return DAMAGE_UTF8
    return clean_line(text, limit=200) or DAMAGE_UNREADABLE
