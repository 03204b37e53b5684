"""The store's write path: article upserts, and the search-index writes that
go with every change to an article's title or body.

The search index is an external-content FTS5 table kept in sync by hand
(see schema.py): each transaction remembers the touched rows' indexed text
in an ``FtsBatch`` and writes the index changes once, at its end. All of it
runs inside a write transaction the caller opened (``Store._writing``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from ikn_tui.core.models import Article
from ikn_tui.core.schema import FTS_BODY, SUMMARY_TEXT, summary_is_ref
from ikn_tui.core.store_text import (
    cached_norm_title,
    canonical_url,
    clean_article,
    compact_json,
    iso_timestamp,
    utc_now,
)


@dataclass(slots=True)
class UpsertResult:
    new: int
    updated: int
    ids: list[int]  # store ids, in the order of the input articles


_INSERT = (
    "INSERT INTO articles(url, url_key, guid, feed_url, title, norm_title, source, author, "
    "published, published_ts, sort_ts, category, full, origin, first_seen, fetched_at, "
    "summary, images, related, body, summary_len) VALUES (:url, :url_key, :guid, :feed_url, :title, "
    ":norm_title, :source, :author, :published, :published_ts, "
    "COALESCE(:published_ts, :now_ts), :category, :full, :origin, :now, :now, "
    f"CASE WHEN {summary_is_ref(':summary', ':body')} THEN NULL ELSE :summary END, "
    ":images, :related, :body, "
    f"CASE WHEN {summary_is_ref(':summary', ':body')} THEN length(:summary) END) "
    f"RETURNING id, title, {FTS_BODY}"
)
# Metadata is refreshed when the new copy has it; a full body (full=1) is
# never replaced by a summary-only one; read state is never touched.
_KEEP_FULL = "(full = 1 AND :full = 0)"
_MERGE = {
    "url": "CASE WHEN :by_key = 0 AND :url_key IS NOT NULL THEN :url ELSE COALESCE(url, :url) END",
    "url_key": "CASE WHEN :by_key = 0 AND :url_key IS NOT NULL THEN :url_key ELSE url_key END",
    "guid": "COALESCE(:guid, guid)",
    "feed_url": "COALESCE(:feed_url, feed_url)",
    "title": "CASE WHEN :title <> '' THEN :title ELSE title END",
    "norm_title": "CASE WHEN :title <> '' THEN :norm_title ELSE norm_title END",
    "source": "COALESCE(:source, source)",
    "author": "COALESCE(:author, author)",
    "published": "COALESCE(:published, published)",
    "published_ts": "COALESCE(:published_ts, published_ts)",
    "sort_ts": "COALESCE(:published_ts, published_ts, sort_ts)",
    "category": "COALESCE(:category, category)",
    "origin": "COALESCE(:origin, origin)",
    "body": f"CASE WHEN {_KEEP_FULL} OR :body = '[]' THEN body ELSE :body END",
    "related": f"CASE WHEN {_KEEP_FULL} OR :body = '[]' THEN related ELSE :related END",
    "images": f"CASE WHEN {_KEEP_FULL} OR :images = '[]' THEN images ELSE :images END",
    "full": "MAX(full, :full)",
}
# The summary (the new one, else the old) is kept as a reference into the
# merged body when it begins its first paragraph (schema.summary_is_ref).
_SUMMARY = f"COALESCE(:summary, {SUMMARY_TEXT})"
_MERGE["summary"] = f"CASE WHEN {summary_is_ref(_SUMMARY, _MERGE['body'])} THEN NULL ELSE {_SUMMARY} END"
_MERGE["summary_len"] = f"CASE WHEN {summary_is_ref(_SUMMARY, _MERGE['body'])} THEN length({_SUMMARY}) END"
# Rows whose merged values equal the stored ones are not written at all (a
# refresh mostly sees items it already has); RETURNING gives no row then.
_UPDATE = (
    "UPDATE articles SET "
    + ", ".join(f"{col} = {expr}" for col, expr in _MERGE.items())
    + ", fetched_at = :now WHERE id = :id AND ("
    + " OR ".join(f"({expr}) IS NOT {col}" for col, expr in _MERGE.items())
    + f") RETURNING title, {FTS_BODY}"
)
# A reader-mode body (full=1) for an existing row; its summary is kept.
_SAVE_FULL = (
    "UPDATE articles SET full = 1, body = :body, related = :related, "
    "images = CASE WHEN :images = '[]' THEN images ELSE :images END, "
    "author = COALESCE(:author, author), category = COALESCE(:category, category), "
    "source = COALESCE(:source, source), fetched_at = :now, "
    f"summary = CASE WHEN {summary_is_ref(SUMMARY_TEXT, ':body')} THEN NULL ELSE {SUMMARY_TEXT} END, "
    f"summary_len = CASE WHEN {summary_is_ref(SUMMARY_TEXT, ':body')} THEN length({SUMMARY_TEXT}) END "
    f"WHERE id = :id RETURNING title, {FTS_BODY}"
)
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
        self.new[article_id] = tuple(text)  # type: ignore[assignment]

    def before_update(self, article_id: int) -> bool:
        """Call before changing or deleting a row; False when it does not exist."""
        if article_id not in self.old:
            row = self.conn.execute(_FTS_OLD, (article_id,)).fetchone()
            if row is None:
                return False
            self.old[article_id] = self.new[article_id] = tuple(row)  # type: ignore[assignment]
        return True

    def updated(self, article_id: int, text: tuple[str, str] | None) -> None:
        if text is not None:
            self.new[article_id] = tuple(text)  # type: ignore[assignment]

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


def _related_json(art: Article) -> str:
    return compact_json([{"title": r.title, "url": r.url, "position": r.position} for r in art.related])


def upsert(conn: sqlite3.Connection, articles: Iterable[Article], feed_url: str | None) -> UpsertResult:
    """Insert new articles, merge known ones (by canonical URL, then by
    (feed_url, guid)); ``feed_url`` overrides the articles' own."""
    now, now_ts = utc_now()
    result = UpsertResult(0, 0, [])
    fts = FtsBatch(conn)
    orphans = conn.execute("SELECT 1 FROM bookmarks WHERE article_id IS NULL LIMIT 1").fetchone()
    for raw in articles:
        art = clean_article(raw, feed_url)
        key = canonical_url(art.url)
        params = {
            "url": art.url, "url_key": key, "guid": art.guid, "feed_url": art.feed_url,
            "title": art.title, "norm_title": cached_norm_title(art.title),
            "source": art.source, "author": art.author, "published": art.published,
            "published_ts": iso_timestamp(art.published), "category": art.category,
            "full": int(art.full), "origin": art.origin, "now": now, "now_ts": now_ts,
            "summary": art.summary, "images": compact_json(art.images),
            "related": _related_json(art), "body": compact_json(art.body),
        }
        found = None
        if key is not None:
            found = conn.execute("SELECT id FROM articles WHERE url_key = ?", (key,)).fetchone()
        params["by_key"] = int(found is not None)
        if found is None and art.guid:
            found = conn.execute(
                "SELECT id FROM articles WHERE feed_url IS ? AND guid = ? ORDER BY id LIMIT 1",
                (art.feed_url, art.guid),
            ).fetchone()
        if found is None:
            row = conn.execute(_INSERT, params).fetchone()
            article_id = int(row[0])
            fts.inserted(article_id, row[1:])
            result.new += 1
            if orphans and key is not None:  # a bookmark of a deleted row finds its article again
                conn.execute(
                    "UPDATE bookmarks SET article_id = ? WHERE article_id IS NULL AND url_key = ?",
                    (article_id, key),
                )
        else:
            article_id = int(found[0])
            params["id"] = article_id
            fts.before_update(article_id)
            fts.updated(article_id, conn.execute(_UPDATE, params).fetchone())
            result.updated += 1
        result.ids.append(article_id)
    fts.flush()
    return result


def write_full_body(conn: sqlite3.Connection, article_id: int, art: Article) -> bool:
    """Store a cleaned reader-mode body (full=1) in an existing row; False
    when there is no such row."""
    fts = FtsBatch(conn)
    if not fts.before_update(article_id):
        return False
    params = {
        "body": compact_json(art.body), "related": _related_json(art),
        "images": compact_json(art.images), "author": art.author, "category": art.category,
        "source": art.source, "now": utc_now()[0], "id": article_id,
    }
    fts.updated(article_id, conn.execute(_SAVE_FULL, params).fetchone())
    fts.flush()
    return True


def delete_rows(conn: sqlite3.Connection, article_ids: list[tuple[int]]) -> int:
    """Delete article rows and their index entries; the number deleted."""
    fts = FtsBatch(conn)
    for (article_id,) in article_ids:
        fts.deleted(article_id)
    deleted = max(0, conn.executemany("DELETE FROM articles WHERE id = ?", article_ids).rowcount)
    fts.flush()
    return deleted
