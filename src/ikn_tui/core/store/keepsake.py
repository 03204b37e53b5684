"""A second copy of the user's own data outside the database: subscriptions and bookmarks.

Articles can always be fetched again; what the user chose cannot. So after
every change to subscriptions or bookmarks the store rewrites a small JSON
file beside the database (``<stem>-subscriptions.json``,
``<stem>-bookmarks.json``: one per kind, so a feed import does not rewrite
every offline copy), atomically (temp file,
fsync, rename): a reader of it sees the old copy or the new one, never half.
Deleting, losing or damaging the database file leaves it: a fresh store and
``store recover`` put back every subscription and bookmark it holds that
the database lacks.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from ikn_tui.core.text import clean_line, clean_optional

FORMAT = "ikn-read keepsake"
VERSION = 1


PARTS = ("subscriptions", "bookmarks")


def keepsake_path(database: Path, part: str = "subscriptions") -> Path:
    return database.with_name(f"{database.stem}-{part}.json")


def _rows(conn: sqlite3.Connection, part: str) -> list[dict[str, Any]]:
    if part == "subscriptions":
        sql = "SELECT url, title, added_at, folder FROM subscriptions ORDER BY added_at, rowid"
        return [
            {"url": url, "title": title, "added_at": added, "folder": folder}
            for url, title, added, folder in conn.execute(sql)
        ]
    sql = "SELECT url, saved_at, record FROM bookmarks ORDER BY saved_at, id"
    return [{"url": url, "saved_at": saved, "record": json.loads(record)} for url, saved, record in conn.execute(sql)]


def save(conn: sqlite3.Connection, database: Path, parts: tuple[str, ...] = PARTS) -> None:
    """Rewrite the kept copies from the database (OSError when one cannot be written)."""
    from ikn_tui.core.atomic import write_atomic

    for part in parts:
        data = {"format": FORMAT, "version": VERSION, part: _rows(conn, part)}
        write_atomic(keepsake_path(database, part), json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n")


def exists(database: Path) -> bool:
    return all(keepsake_path(database, part).exists() for part in PARTS)


def load(database: Path) -> dict[str, list[dict[str, Any]]] | None:
    """The kept copies beside ``database`` (None when there are none; an
    unreadable one counts as empty)."""
    kept: dict[str, list[dict[str, Any]]] = {part: [] for part in PARTS}
    found = False
    for part in PARTS:
        try:
            data = json.loads(keepsake_path(database, part).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get(part), list):
            continue
        found = True
        need = "url" if part == "subscriptions" else "record"
        kept[part] = [row for row in data[part] if isinstance(row, dict) and row.get(need)]
    if not found:
        return None
    kept["subscriptions"] = [s for s in kept["subscriptions"] if isinstance(s["url"], str)]
    kept["bookmarks"] = [b for b in kept["bookmarks"] if isinstance(b["record"], dict)]
    return kept


def restore(conn: sqlite3.Connection, kept: dict[str, list[dict[str, Any]]]) -> tuple[int, int]:
    """Put back the kept subscriptions and bookmarks the database lacks, in
    the caller's transaction: (subscriptions added, bookmarks added). A
    bookmark links to its article again when the article is stored."""
    from ikn_tui.core.models import Article
    from ikn_tui.core.store.keys import canonical_url, clean_article, compact_json, utc_now

    subs = 0
    for sub in kept["subscriptions"]:
        url = clean_line(sub["url"])
        if not url:
            continue
        added = sub.get("added_at") if isinstance(sub.get("added_at"), str) else utc_now()[0]
        title = clean_optional(sub.get("title") if isinstance(sub.get("title"), str) else None, limit=200)
        folder = clean_optional(sub.get("folder") if isinstance(sub.get("folder"), str) else None, limit=200)
        subs += conn.execute(
            "INSERT OR IGNORE INTO subscriptions(url, title, added_at, folder) VALUES (?, ?, ?, ?)",
            (url, title, added, folder),
        ).rowcount
    marks = 0
    for mark in kept["bookmarks"]:
        try:
            copy = clean_article(Article.from_record(mark["record"]))
        except (TypeError, ValueError, KeyError):
            continue
        key = canonical_url(copy.url)
        if key is not None:
            if conn.execute("SELECT 1 FROM bookmarks WHERE url_key = ?", (key,)).fetchone():
                continue
        elif conn.execute(
            "SELECT 1 FROM bookmarks WHERE url_key IS NULL AND json_extract(record, '$.title') = ?", (copy.title,)
        ).fetchone():
            continue
        row = conn.execute("SELECT id FROM articles WHERE url_key = ?", (key,)).fetchone() if key else None
        copy.id = int(row[0]) if row else None
        saved = mark.get("saved_at") if isinstance(mark.get("saved_at"), str) else utc_now()[0]
        conn.execute(
            "INSERT INTO bookmarks(article_id, url, url_key, saved_at, record) VALUES (?, ?, ?, ?, ?)",
            (copy.id, copy.url, key, saved, compact_json(copy.to_record())),
        )
        marks += 1
    return subs, marks
