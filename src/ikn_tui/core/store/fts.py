"""The search index's side of a write: ``FtsBatch``.

The index is an external-content FTS5 table kept in sync by hand (see
schema.py): each write transaction remembers the touched rows' indexed text
and writes the index changes once, at its end.
"""

from __future__ import annotations

import sqlite3

from ikn_tui.core.store.schema import FTS_BODY

# Delete with the old text, insert the new, in the row change's transaction.
_FTS_OLD = f"SELECT title, {FTS_BODY} FROM articles WHERE id = ?"
_FTS_INSERT = "INSERT INTO articles_fts(rowid, title, body) VALUES (?, ?, ?)"
_FTS_DELETE = "INSERT INTO articles_fts(articles_fts, rowid, title, body) VALUES ('delete', ?, ?, ?)"


class FtsBatch:
    """Search-index changes of one transaction, written at the end.

    Once a transaction has written to an FTS5 table, every later write
    statement makes FTS5 flush its pending index data: interleaving row and
    index writes is ~3x slower than writing all the rows, then all the index
    entries. Remembers each touched row's indexed (title, body) before the
    batch and after it; ``flush`` deletes the old entries and inserts the
    new ones where they differ (a row deleted in the batch: no new entry)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.old: dict[int, tuple[str, str] | None] = {}
        self.new: dict[int, tuple[str, str] | None] = {}

    def inserted(self, article_id: int, text: tuple[str, str]) -> None:
        self.old.setdefault(article_id, None)
        self.new[article_id] = (text[0], text[1])

    def before_update(self, article_id: int) -> bool:
        """Call before changing or deleting a row; False when it does not exist."""
        if article_id not in self.old:
            row = self.conn.execute(_FTS_OLD, (article_id,)).fetchone()
            if row is None:
                return False
            self.old[article_id] = self.new[article_id] = (row[0], row[1])
        return True

    def updated(self, article_id: int, text: tuple[str, str] | None) -> None:
        if text is not None:
            self.new[article_id] = (text[0], text[1])

    def deleted(self, article_id: int) -> None:
        if self.before_update(article_id):
            self.new[article_id] = None

    def flush(self) -> None:
        deletes, inserts = [], []
        for article_id, old in self.old.items():
            new = self.new.get(article_id)
            if old == new:
                continue
            if old is not None:
                deletes.append((article_id, *old))
            if new:
                inserts.append((article_id, *new))
        self.conn.executemany(_FTS_DELETE, deletes)
        self.conn.executemany(_FTS_INSERT, inserts)
        self.old.clear()
        self.new.clear()
