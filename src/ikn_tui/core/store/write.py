"""The store's write path: article upserts, and the search-index writes that
go with every change to an article's title or body.

An upsert is two steps: ``prepare_rows`` (cleaning, URL and title keys,
JSON, dates, search text: no database, so a refresh runs it in its parse
workers) and ``insert_prepared`` (the SQL, in the store's process).

The search index is an external-content FTS5 table kept in sync by hand
(see schema.py): each transaction remembers the touched rows' indexed text
in an ``FtsBatch`` and writes the index changes once, at its end. All of it
runs inside a write transaction the caller opened (``Store._writing``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ikn_tui.core.models import Article
from ikn_tui.core.store.extractor import extract_raw
from ikn_tui.core.store.fts import FtsBatch
from ikn_tui.core.store.keys import (
    cached_norm_title,
    canonical_url,
    clean_article,
    compact_json,
    iso_timestamp,
    utc_now,
)
from ikn_tui.core.store.schema import FTS_BODY, SUMMARY_TEXT, summary_is_ref


@dataclass(slots=True)
class UpsertResult:
    new: int
    updated: int
    ids: list[int]  # store ids, in the order of the input articles


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
    # A deferred item (:raw, see ``deferred``) is kept to be extracted unless it is
    # the one stored before (same hash); a body given now replaces a pending one.
    "raw": (
        f"CASE WHEN :raw IS NOT NULL THEN (CASE WHEN :raw_hash IS raw_hash THEN raw ELSE :raw END) "
        f"WHEN {_KEEP_FULL} OR :body = '[]' THEN raw ELSE NULL END"
    ),
    "raw_hash": f"CASE WHEN :raw IS NOT NULL THEN :raw_hash WHEN {_KEEP_FULL} OR :body = '[]' THEN raw_hash END",
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
    "UPDATE articles SET full = 1, body = :body, related = :related, raw = NULL, "
    "images = CASE WHEN :images = '[]' THEN images ELSE :images END, "
    "author = COALESCE(:author, author), category = COALESCE(:category, category), "
    "source = COALESCE(:source, source), fetched_at = :now, "
    f"summary = CASE WHEN {summary_is_ref(SUMMARY_TEXT, ':body')} THEN NULL ELSE {SUMMARY_TEXT} END, "
    f"summary_len = CASE WHEN {summary_is_ref(SUMMARY_TEXT, ':body')} THEN length({SUMMARY_TEXT}) END "
    f"WHERE id = :id RETURNING title, {FTS_BODY}"
)
def _related_json(art: Article) -> str:
    if not art.related:
        return "[]"
    return compact_json([{"title": r.title, "url": r.url, "position": r.position} for r in art.related])


def _list_json(values: list[str]) -> str:
    return compact_json(values) if values else "[]"


# A prepared row: every value an upsert needs that does not depend on the
# database, in this order (``prepare_rows``). Plain tuples of str/int/None:
# cheap to pickle from a parse worker.
ROW_FIELDS = (
    "url", "url_key", "guid", "feed_url", "title", "norm_title", "source", "author", "published",
    "published_ts", "category", "full", "origin", "summary", "images", "related", "body",
    "stored_summary", "summary_len", "fts_body", "raw", "raw_hash",
)
_URL_KEY, _GUID, _FEED_URL, _PUBLISHED_TS = 1, 2, 3, 9
_TITLE, _STORED_SUMMARY, _FTS_BODY, _RAW, _RAW_HASH = 4, 17, 19, 20, 21


@dataclass(slots=True)
class PreparedRows:
    """Rows from ``prepare_rows``, ready for ``insert_prepared`` (what a
    parse worker sends back instead of ``Article`` objects)."""

    rows: list[tuple[Any, ...]]


def _summary_is_ref(summary: str | None, body: str) -> bool:
    """``schema.summary_is_ref`` in Python (same characters, same answer)."""
    return (
        summary is not None
        and '"' not in summary
        and "\\" not in summary
        and body[2 : 2 + len(summary)] == summary
    )


def prepare_rows(
    articles: Iterable[Article], feed_url: str | None, raws: list[tuple[bytes, int] | None] | None = None
) -> list[tuple[Any, ...]]:
    """Everything an upsert computes without the database: cleaning, the
    canonical URL key, the title key, JSON columns, the publication time and
    the search-index text of a new row. ``feed_url`` overrides the articles'
    own. ``raws`` (one per article, or None) are the packed HTML of items whose
    extraction is deferred (``deferred``): (bytes, hash). Pure: safe to run in
    a worker process."""
    rows = []
    for n, item in enumerate(articles):
        art = clean_article(item, feed_url)
        pending = raws[n] if raws is not None else None
        summary = art.summary
        body = _list_json(art.body)
        ref = _summary_is_ref(summary, body)
        rows.append((
            art.url, canonical_url(art.url), art.guid, art.feed_url, art.title, cached_norm_title(art.title),
            art.source, art.author, art.published, iso_timestamp(art.published), art.category,
            int(art.full), art.origin, summary, _list_json(art.images), _related_json(art), body,
            None if ref else summary, len(summary) if ref and summary is not None else None,
            body if body != "[]" else (summary or ""),
            *(pending if pending is not None else (None, None)),
        ))
    return rows


# A new row, all values computed in Python (prepare_rows + the time).
_INSERT_ROW = (
    "INSERT INTO articles(url, url_key, guid, feed_url, title, norm_title, source, author, "
    "published, published_ts, sort_ts, category, full, origin, first_seen, fetched_at, "
    "summary, images, related, body, summary_len, raw, raw_hash) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def _insert_params(row: tuple[Any, ...], now: str, now_ts: int) -> tuple[Any, ...]:
    pts = row[_PUBLISHED_TS]
    return (
        *row[:10], now_ts if pts is None else pts, row[10], row[11], row[12], now, now,
        row[_STORED_SUMMARY], row[14], row[15], row[16], row[18], row[_RAW], row[_RAW_HASH],
    )


# An existing row: its id, whether its extraction is pending, its item's hash.
_FOUND = "id, raw IS NOT NULL, raw_hash"


def insert_prepared(conn: sqlite3.Connection, rows: list[tuple[Any, ...]]) -> UpsertResult:
    """Insert new rows, merge known ones (by canonical URL, then by
    (feed_url, guid)), from ``prepare_rows`` output; inside the caller's
    write transaction."""
    now, now_ts = utc_now()
    result = UpsertResult(0, 0, [])
    fts = FtsBatch(conn)
    orphans = conn.execute("SELECT 1 FROM bookmarks WHERE article_id IS NULL LIMIT 1").fetchone()
    for row in rows:
        key = row[_URL_KEY]
        found = None
        if key is not None:
            found = conn.execute(f"SELECT {_FOUND} FROM articles WHERE url_key = ?", (key,)).fetchone()
        by_key = found is not None
        if found is None and row[_GUID]:
            found = conn.execute(
                f"SELECT {_FOUND} FROM articles WHERE feed_url IS ? AND guid = ? ORDER BY id LIMIT 1",
                (row[_FEED_URL], row[_GUID]),
            ).fetchone()
        if found is None:
            article_id = conn.execute(_INSERT_ROW, _insert_params(row, now, now_ts)).lastrowid
            assert article_id is not None  # an INSERT always sets it
            fts.inserted(article_id, (row[_TITLE], row[_FTS_BODY]))
            result.new += 1
            if orphans and key is not None:  # a bookmark of a deleted row finds its article again
                conn.execute(
                    "UPDATE bookmarks SET article_id = ? WHERE article_id IS NULL AND url_key = ?",
                    (article_id, key),
                )
        else:
            article_id = int(found[0])
            if found[1] and row[_RAW] is not None and found[2] != row[_RAW_HASH]:
                _extract_stored(conn, article_id, fts)  # a pending row, another version of its item
            params = dict(zip(ROW_FIELDS[:17], row, strict=False))  # row has more
            params.update(id=article_id, by_key=int(by_key), now=now, raw=row[_RAW], raw_hash=row[_RAW_HASH])
            fts.before_update(article_id)
            fts.updated(article_id, conn.execute(_UPDATE, params).fetchone())
            result.updated += 1
        result.ids.append(article_id)
    fts.flush()
    return result


def _sql() -> tuple[str, str]:
    cols = ("body", "related", "images", "full", "summary", "summary_len")
    guard = "WHERE id = :id AND raw IS NOT NULL AND raw_hash IS :raw_hash"
    fill = (
        "UPDATE articles SET body = :body, related = :related, images = :images, full = :full, "
        "summary = :stored_summary, summary_len = :summary_len, raw = NULL "
        f"{guard} AND body = '[]' AND related = '[]' AND images = '[]' AND full = 0 "
        f"AND summary IS NULL AND summary_len IS NULL RETURNING title, {FTS_BODY}"
    )
    merge = (
        "UPDATE articles SET "
        + ", ".join(f"{col} = {_MERGE[col]}" for col in cols)
        + f", raw = NULL {guard} RETURNING title, {FTS_BODY}"
    )
    return fill, merge


_FILL, _COMPLETE = _sql()


def write_back(
    conn: sqlite3.Connection, items: list[tuple[int, int | None, Article]], fts: FtsBatch | None = None
) -> int:
    """Store extracted deferred items ``(row id, raw_hash read with the row,
    extracted part)`` in their rows (``deferred``), inside the caller's write
    transaction, with the merge rules of ``_UPDATE``: a row that never had a body
    takes the values an insert would have. A row whose raw item changed since it
    was read is left alone. ``fts``: the caller's batch (flushed by the caller).
    Returns how many were written."""
    own = fts is None
    batch = FtsBatch(conn) if fts is None else fts
    written = 0
    for article_id, raw_hash, new in items:
        row = prepare_rows([new], None)[0]
        params: dict[str, Any] = {
            "id": article_id, "raw_hash": raw_hash, "body": row[16], "related": row[15], "images": row[14],
            "full": row[11], "summary": row[13], "stored_summary": row[17], "summary_len": row[18],
        }
        if not batch.before_update(article_id):
            continue
        done = conn.execute(_FILL, params).fetchone() or conn.execute(_COMPLETE, params).fetchone()
        if done is not None:
            batch.updated(article_id, done)
            written += 1
    if own:
        batch.flush()
    return written


def _extract_stored(conn: sqlite3.Connection, article_id: int, fts: FtsBatch) -> None:
    """A pending row about to get another version of its item: its own version
    is extracted and merged first, as a refresh without deferral would have
    stored it (then the new version merges over it). Without an extractor the
    new version simply replaces it."""
    row = conn.execute("SELECT raw, raw_hash FROM articles WHERE id = ?", (article_id,)).fetchone()
    new = extract_raw(row[0]) if row is not None and row[0] is not None else None
    if new is not None:
        write_back(conn, [(article_id, row[1], new)], fts)




def upsert(
    conn: sqlite3.Connection, articles: Iterable[Article] | PreparedRows, feed_url: str | None
) -> UpsertResult:
    """Insert new articles, merge known ones (by canonical URL, then by
    (feed_url, guid)); ``feed_url`` overrides the articles' own. Rows
    prepared already (``PreparedRows``, with their feed URL) go in as they are."""
    if isinstance(articles, PreparedRows):
        return insert_prepared(conn, articles.rows)
    return insert_prepared(conn, prepare_rows(articles, feed_url))


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
