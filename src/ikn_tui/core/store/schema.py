"""SQLite schema of the store, and the migrations that build it.

The schema version lives in ``PRAGMA user_version``. ``MIGRATIONS[i]`` takes
a database from version ``i`` to ``i + 1``; a fresh file (version 0) runs all
of them. Never edit a released migration: append a new one.

Size matters (100,000 articles must stay under ~1.5x their text size), so
nothing is stored twice: the full-text index is an *external content* FTS5
table whose text comes from the ``article_text`` view (``rebuild`` and
``integrity-check`` work on it). The store keeps it in sync with explicit
writes in the same transaction, not triggers: an FTS5 insert from a trigger
flushes the index once per row (7x slower, and a fragmented index). It uses
``detail=column`` (no token positions: half the size), so queries must not
use multi-token phrases or NEAR: ``keys.fts_query`` makes one quoted phrase
per token. New files use 32 KiB pages (``PAGE_SIZE``): article rows of a few
KiB waste less space than in 4 KiB pages (~5% of the file at 16 KiB).
"""

from __future__ import annotations

import sqlite3

# The text the search index holds for a row's "body" (see the view below).
FTS_BODY = "CASE WHEN body = '[]' THEN COALESCE(summary, '') ELSE body END"

# v1: articles, full-text index, bookmarks, subscriptions.
_V1 = """
CREATE TABLE articles (
    id           INTEGER PRIMARY KEY,
    url          TEXT,
    url_key      TEXT,              -- canonical_url(url): the dedup key
    guid         TEXT,
    feed_url     TEXT,
    title        TEXT NOT NULL DEFAULT '',
    norm_title   TEXT NOT NULL DEFAULT '',
    source       TEXT,
    author       TEXT,
    published    TEXT,              -- ISO 8601 with offset, as given
    published_ts INTEGER,           -- unix seconds, NULL when undated
    sort_ts      INTEGER NOT NULL,  -- published_ts, or first_seen when undated
    category     TEXT,
    read         INTEGER NOT NULL DEFAULT 0,
    full         INTEGER NOT NULL DEFAULT 0,
    origin       TEXT,
    first_seen   TEXT NOT NULL,
    fetched_at   TEXT,
    -- big columns last: list queries stop decoding a row before them
    summary      TEXT,
    images       TEXT NOT NULL DEFAULT '[]',   -- JSON list of URLs
    related      TEXT NOT NULL DEFAULT '[]',   -- JSON list of {title,url,position}
    body         TEXT NOT NULL DEFAULT '[]'    -- JSON list of paragraphs
);
CREATE INDEX articles_order ON articles(sort_ts);
CREATE UNIQUE INDEX articles_url_key ON articles(url_key) WHERE url_key IS NOT NULL;
CREATE INDEX articles_feed_guid ON articles(feed_url, guid);
CREATE INDEX articles_norm_title ON articles(norm_title);
CREATE INDEX articles_category ON articles(category, sort_ts) WHERE category IS NOT NULL;

-- What the full-text index sees: the title, and the body's JSON text (the
-- summary when there is no body). Paragraphs are sanitised (no control
-- characters), so their JSON escapes only quotes and backslashes, and the
-- unicode61 tokenizer splits on the JSON punctuation just as on the newlines
-- between paragraphs: the same tokens as the plain text, stored once.
CREATE VIEW article_text(id, title, body) AS
    SELECT id, title, """ + FTS_BODY + """ FROM articles;

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, body,
    content='article_text', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2',
    detail=column   -- half the size of detail=full; queries use no phrases/NEAR
);

-- Bookmarks keep a full offline copy (Article.to_record() as JSON) and
-- survive the deletion of their article (article_id becomes NULL).
CREATE TABLE bookmarks (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER REFERENCES articles(id) ON DELETE SET NULL,
    url        TEXT,
    url_key    TEXT,
    saved_at   TEXT NOT NULL,
    record     TEXT NOT NULL
);
CREATE INDEX bookmarks_article ON bookmarks(article_id);
CREATE INDEX bookmarks_url_key ON bookmarks(url_key);

CREATE TABLE subscriptions (
    url           TEXT PRIMARY KEY,
    title         TEXT,
    etag          TEXT,
    last_modified TEXT,
    status        TEXT,
    message       TEXT,
    last_checked  TEXT,
    added_at      TEXT NOT NULL
);
"""

# v2: servers' Retry-After (429/503) is remembered per subscription.
_V2 = """
ALTER TABLE subscriptions ADD COLUMN retry_after TEXT;
"""

# v3: a summary that begins the first paragraph is not stored twice:
# summary = NULL and summary_len = its length (see SUMMARY_REF below).
_V3 = """
ALTER TABLE articles ADD COLUMN summary_len INTEGER;
"""

# v4: one feed's articles in list order (the reader's feeds view), without a
# sort: partial, so articles from files and pages (no feed) cost nothing.
_V4 = """
CREATE INDEX articles_feed_order ON articles(feed_url, sort_ts) WHERE feed_url IS NOT NULL;
"""

# v5: per-store settings (retention: keep_days, max_articles).
_V5_SETTINGS = """
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT
);
"""
# v6 (sync, issue 13): a feed server's account and markers (sync_state),
# which server item is which article (sync_items: the item key is the
# article's canonical URL, or "#<article id>" without one) and the local
# changes not pushed yet (sync_pending: one row per item and field, the
# latest value; written in the same transaction as the change itself).
_V6_SYNC = """
CREATE TABLE sync_state (
    key   TEXT PRIMARY KEY,
    value TEXT
);
CREATE TABLE sync_items (
    server_id  TEXT PRIMARY KEY,
    item_key   TEXT NOT NULL,
    article_id INTEGER REFERENCES articles(id) ON DELETE SET NULL,
    read       INTEGER,             -- the server's state at the last sync (NULL: never seen)
    starred    INTEGER
);
CREATE INDEX sync_items_key ON sync_items(item_key);
CREATE INDEX sync_items_article ON sync_items(article_id);
CREATE TABLE sync_pending (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,   -- never reused: a pushed row is deleted by id
    item_key   TEXT NOT NULL,       -- an article's key, or a feed URL for field 'subscribed'
    field      TEXT NOT NULL,       -- 'read', 'starred' or 'subscribed'
    value      INTEGER NOT NULL,
    changed_at TEXT NOT NULL,
    UNIQUE(item_key, field)
);
"""

# v7: the OPML folder a subscription came from (the feeds view groups by it;
# export writes it back).
_V7_FOLDERS = """
ALTER TABLE subscriptions ADD COLUMN folder TEXT;
"""

# v8 (issue 12, the lead photo): a small JPEG thumbnail per image URL, a cache
# (store/thumbnails.py: bounded, bookmarked articles' photos kept).
_V8_THUMBNAILS = """
CREATE TABLE thumbnails (
    url       TEXT PRIMARY KEY,
    data      BLOB NOT NULL,
    width     INTEGER NOT NULL,
    height    INTEGER NOT NULL,
    stored_at TEXT NOT NULL
);
"""

# v9, deferred extraction (issue 14): a feed item stored by a refresh keeps its HTML
# in ``raw`` (``feeds.deferred.pack_raw``; NULL once extracted) and its body is
# filled in when it is first read or by an idle pass; ``raw_hash`` stays, so an
# unchanged item seen again is not extracted again. Until then the row's body is
# '[]' and its search entry holds only its title (the extraction writes the rest).
_V_DEFERRED = """
ALTER TABLE articles ADD COLUMN raw BLOB;
ALTER TABLE articles ADD COLUMN raw_hash INTEGER;
CREATE INDEX articles_pending ON articles(id) WHERE raw IS NOT NULL;
"""

MIGRATIONS: tuple[str, ...] = (
    _V1, _V2, _V3, _V4, _V5_SETTINGS, _V6_SYNC, _V7_FOLDERS, _V8_THUMBNAILS, _V_DEFERRED,
)
PAGE_SIZE = 32768


def summary_is_ref(text: str, body: str) -> str:
    """SQL: is the summary ``text`` the start of the first paragraph of the
    body JSON ``body``? Only for text without quotes or backslashes, whose
    JSON form is itself, so the JSON text after ``["`` can be compared as is.
    The summary is then read back as ``substr(body, 3, summary_len)``
    (``rows.to_article``: ``body[0][:summary_len]``)."""
    return (
        f"({text} IS NOT NULL AND instr({text}, char(34)) = 0 AND instr({text}, char(92)) = 0 "
        f"AND substr({body}, 3, length({text})) = {text})"
    )


# The stored summary, whichever way it is kept.
SUMMARY_TEXT = "CASE WHEN summary_len IS NULL THEN summary ELSE substr(body, 3, summary_len) END"
LATEST_VERSION = len(MIGRATIONS)


class SchemaTooNew(Exception):
    """The file was written by a newer ikn-read."""


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def _statements(script: str) -> list[str]:
    """Split a script into complete statements (triggers contain ';')."""
    out: list[str] = []
    current = ""
    for line in script.splitlines(keepends=True):
        if not current and (not line.strip() or line.lstrip().startswith("--")):
            continue
        current += line
        if sqlite3.complete_statement(current):
            out.append(current.strip())
            current = ""
    if current.strip():
        out.append(current.strip())
    return out


def migrate(conn: sqlite3.Connection, target: int = LATEST_VERSION) -> int:
    """Bring the database up to ``target``; each step is one transaction.

    ``conn`` must be in autocommit mode (``isolation_level=None``). Returns
    the version before migrating. Raises ``SchemaTooNew`` for a newer file.
    """
    start = schema_version(conn)
    if start > LATEST_VERSION:
        raise SchemaTooNew(f"schema version {start} > {LATEST_VERSION}")
    for version in range(start, target):
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Someone else may have migrated while we waited for the lock.
            if schema_version(conn) != version:
                conn.execute("ROLLBACK")
                continue
            for statement in _statements(MIGRATIONS[version]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    return start
