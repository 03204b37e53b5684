"""Bookmarks: full offline copies of articles that outlive their rows.

A bookmark is linked to its article row while the row exists (its key is
then the article id) and addressed by ``-bookmark_id`` once the row is
deleted (see ``rows``). A new row with the same canonical URL links
it again (``write.upsert``).
"""

from __future__ import annotations

import json
import sqlite3

from ikn_tui.core.models import Article, ArticleRow
from ikn_tui.core.problem import ProblemKind, problem
from ikn_tui.core.store.connection import StoreConnection, keeps
from ikn_tui.core.store.errors import StoreError
from ikn_tui.core.store.export import INDONESIAN, MarkdownWords, bookmarks_to_json, bookmarks_to_markdown
from ikn_tui.core.store.keys import canonical_url, clean_article, compact_json, utc_now
from ikn_tui.core.store.pending import record_change
from ikn_tui.core.store.rows import article_by_id, bookmark_copy, bookmark_from
from ikn_tui.core.text import clean_line, clean_optional


class BookmarksMixin(StoreConnection):
    """Saving, listing, removing and exporting bookmarks."""

    @keeps("bookmarks")
    def add_bookmark(self, article: Article) -> int:
        """Save a full offline copy; link it to its article row when there is
        one. Idempotent by article id / URL: returns the existing bookmark's id
        (its copy is replaced only when it held a summary and this is full).
        A new bookmark is queued for the feed server (a star) in the same
        transaction."""
        with self._writing() as conn:
            bookmark_id, created, key = save_bookmark(conn, article)
            if created and key:
                record_change(conn, [key], "starred", True)
            return bookmark_id

    @keeps("bookmarks")
    def remove_bookmark(self, article_id: int) -> None:
        with self._writing() as conn:
            keys = delete_bookmark(conn, article_id)
            if keys:
                record_change(conn, keys, "starred", False)

    def is_bookmarked(self, article_id: int) -> bool:
        with self._reading() as conn:
            if article_id < 0:
                sql = "SELECT 1 FROM bookmarks WHERE id = ?"
                return conn.execute(sql, (-article_id,)).fetchone() is not None
            return conn.execute(
                "SELECT 1 FROM bookmarks WHERE article_id = ? LIMIT 1", (article_id,)
            ).fetchone() is not None

    def bookmark_entries(self) -> list[tuple[str, Article]]:
        """(saved_at ISO, offline copy), newest saved first."""
        with self._reading() as conn:
            rows = conn.execute(
                "SELECT id, article_id, record, saved_at FROM bookmarks ORDER BY saved_at DESC, id DESC"
            ).fetchall()
            return [(saved, bookmark_from(bid, aid, rec)) for bid, aid, rec, saved in rows]

    def list_bookmarks(self) -> list[Article]:
        return [article for _, article in self.bookmark_entries()]

    def bookmark_rows(self) -> list[ArticleRow]:
        """Light rows for the list pane (ids: article id, or -bookmark id)."""
        with self._reading() as conn:
            rows = conn.execute(
                "SELECT COALESCE(b.article_id, -b.id), json_extract(b.record, '$.title'), "
                "json_extract(b.record, '$.source'), json_extract(b.record, '$.published'), "
                "json_extract(b.record, '$.category'), COALESCE(b.url, json_extract(b.record, '$.url')), "
                "COALESCE(a.read, 0), 1 FROM bookmarks b LEFT JOIN articles a ON a.id = b.article_id "
                "ORDER BY b.saved_at DESC, b.id DESC"
            ).fetchall()
            return [
                ArticleRow(r[0], clean_line(r[1]), clean_optional(r[2]), clean_optional(r[3]),
                           clean_optional(r[4]), clean_optional(r[5]), bool(r[6]), True)
                for r in rows
            ]

    def get_bookmark_article(self, article_id: int) -> Article | None:
        """The offline copy saved with the bookmark (works with the article deleted)."""
        with self._reading() as conn:
            return bookmark_copy(conn, article_id)

    def export_bookmarks(self, fmt: str, words: MarkdownWords = INDONESIAN) -> str:
        """All bookmarks as Markdown ("md", its labels in ``words``) or JSON ("json")."""
        fmt = (fmt or "").lower().lstrip(".")
        entries = self.bookmark_entries()
        if fmt in ("md", "markdown"):
            return bookmarks_to_markdown(entries, words)
        if fmt == "json":
            return bookmarks_to_json(entries)
        raise StoreError(problem(ProblemKind.EXPORT_FORMAT, format=clean_line(fmt, limit=20)), "invalid")


def save_bookmark(conn: sqlite3.Connection, article: Article) -> tuple[int, bool, str | None]:
    """``add_bookmark`` inside the caller's transaction: (bookmark id, whether
    it is new, the item key it is known by on a feed server)."""
    copy = clean_article(article)
    key = canonical_url(copy.url)
    if copy.id is not None and copy.id < 0:
        row = conn.execute("SELECT id FROM bookmarks WHERE id = ?", (-copy.id,)).fetchone()
        if row:
            return int(row[0]), False, key
        copy.id = None
    linked = article_by_id(conn, copy.id) if copy.id else None
    if linked is None and key is not None:
        row = conn.execute("SELECT id FROM articles WHERE url_key = ?", (key,)).fetchone()
        linked = article_by_id(conn, row[0]) if row else None
    if linked is not None and linked.full and not copy.full:
        copy = linked  # the store already has the whole text
    article_id = linked.id if linked is not None else None
    copy.id = article_id
    item_key = key or (f"#{article_id}" if article_id is not None else None)
    record = compact_json(copy.to_record())
    existing = conn.execute(
        "SELECT id, record FROM bookmarks WHERE (article_id IS NOT NULL AND article_id IS ?) "
        "OR (url_key IS NOT NULL AND url_key IS ?) ORDER BY id LIMIT 1",
        (article_id, key),
    ).fetchone()
    if existing:
        old_full = bool(json.loads(existing[1]).get("full"))
        if copy.full and not old_full:  # only a summary was saved: take the full text
            conn.execute(
                "UPDATE bookmarks SET record = ?, article_id = COALESCE(?, article_id), "
                "url = COALESCE(?, url), url_key = COALESCE(?, url_key) WHERE id = ?",
                (record, article_id, copy.url, key, existing[0]),
            )
        else:
            conn.execute(
                "UPDATE bookmarks SET article_id = COALESCE(?, article_id) WHERE id = ?",
                (article_id, existing[0]),
            )
        return int(existing[0]), False, item_key
    cur = conn.execute(
        "INSERT INTO bookmarks(article_id, url, url_key, saved_at, record) VALUES (?, ?, ?, ?, ?)",
        (article_id, copy.url, key, utc_now()[0], record),
    )
    return int(cur.lastrowid or 0), True, item_key


def delete_bookmark(conn: sqlite3.Connection, article_id: int) -> list[str]:
    """``remove_bookmark`` inside the caller's transaction; the item keys of
    the bookmarks deleted (empty when there was none)."""
    if article_id < 0:
        rows = conn.execute("SELECT url_key, article_id FROM bookmarks WHERE id = ?", (-article_id,)).fetchall()
        conn.execute("DELETE FROM bookmarks WHERE id = ?", (-article_id,))
    else:
        row = conn.execute("SELECT url_key FROM articles WHERE id = ?", (article_id,)).fetchone()
        where = "article_id = ? OR (url_key IS NOT NULL AND url_key IS ?)"
        args = (article_id, row[0] if row else None)
        rows = conn.execute(f"SELECT url_key, article_id FROM bookmarks WHERE {where}", args).fetchall()
        conn.execute(f"DELETE FROM bookmarks WHERE {where}", args)
    return [str(key) if key else f"#{aid}" for key, aid in rows if key or aid is not None]
