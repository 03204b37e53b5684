"""SQLite store: articles, read state, bookmarks (full offline copies),
subscriptions with HTTP cache headers, FTS5 search.

One connection per ``Store``, usable from worker threads (every operation
holds an ``RLock``). WAL mode, so a second ikn-read process can read while
this one writes. Every sqlite3 error becomes a one-line ``StoreError``.

Bookmark keys: a bookmark whose article row still exists is addressed by the
article id; one whose article was deleted is addressed by ``-bookmark_id``
(negative). ``get_article``, ``is_bookmarked``, ``remove_bookmark``,
``get_bookmark_article`` and ``similar`` accept both.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import threading
import time
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

from ikn_tui.core import paths
from ikn_tui.core.models import Article, ArticleRow, RelatedLink, Subscription
from ikn_tui.core.sanitize import clean_line, clean_optional, clean_paragraph
from ikn_tui.core.schema import (
    FTS_BODY,
    LATEST_VERSION,
    PAGE_SIZE,
    SUMMARY_TEXT,
    SchemaTooNew,
    migrate,
    schema_version,
    summary_is_ref,
)
from ikn_tui.core.titles import normalize_title


class StoreError(Exception):
    """A one-line, user-facing problem with the database (corrupt, read-only, full).

    ``kind`` is one of "corrupt", "readonly", "full", "locked", "cantopen",
    "too-new", "closed", "invalid", "error".
    """

    def __init__(self, message: str, kind: str = "error") -> None:
        super().__init__(message)
        self.kind = kind


@dataclass(slots=True)
class UpsertResult:
    new: int
    updated: int
    ids: list[int]  # store ids, in the order of the input articles


# --------------------------------------------------------------------------
# helpers: URLs, dates, cleaning, FTS queries
# --------------------------------------------------------------------------

WIB = timezone(timedelta(hours=7))


@lru_cache(maxsize=16384)
def canonical_url(url: str | None) -> str | None:
    """The dedup key of a URL: lowercase scheme and host, no fragment, no
    ``utm_*`` parameters, no trailing slash. ``None`` for an empty URL."""
    url = clean_line(url)
    if not url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return url.rstrip("/") or url
    if not parts.scheme or not parts.netloc:
        return url.split("#", 1)[0].rstrip("/") or url
    scheme = parts.scheme.lower()
    netloc = parts.netloc.lower()
    if (scheme, netloc.rsplit(":", 1)[-1]) in (("http", "80"), ("https", "443")):
        netloc = netloc.rsplit(":", 1)[0]
    query = parts.query
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        kept = [(k, v) for k, v in pairs if not k.lower().startswith("utm_")]
        if len(kept) != len(pairs):
            query = urlencode(kept)
    path = parts.path.rstrip("/")
    return urlunsplit((scheme, netloc, path, query, ""))


def _timestamp(iso: str | None) -> int | None:
    """Unix seconds of an ISO 8601 time (naive times are taken as WIB)."""
    if not iso:
        return None
    try:
        dt = datetime.fromisoformat(iso.strip())
    except ValueError:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=WIB)
    try:
        return int(dt.timestamp())
    except (OverflowError, OSError, ValueError):
        return None


def _now() -> tuple[str, int]:
    now = datetime.now(timezone.utc).replace(microsecond=0)
    return now.isoformat(), int(now.timestamp())


_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False).encode


def _line(text: str | None, limit: int | None = None) -> str:
    """``sanitize.clean_line``, skipped when it provably changes nothing.

    Everything ``clean_line`` removes or rewrites (controls, escapes, tabs,
    newlines, BiDi/zero-width characters, non-breaking and other Unicode
    spaces) is non-printable, so for a printable string it can only collapse
    double spaces, strip the ends and truncate."""
    if (
        isinstance(text, str)
        and text
        and text.isprintable()
        and text[0] != " "
        and text[-1] != " "
        and "  " not in text
        and (limit is None or len(text) <= limit)
    ):
        return text
    return clean_line(text, limit)


def _optional(text: str | None, limit: int | None = None) -> str | None:
    return _line(text, limit) or None


def _paragraph(text: str | None) -> str:
    """``sanitize.clean_paragraph`` with the same fast path (plus NFC)."""
    if isinstance(text, str) and text and unicodedata.is_normalized("NFC", text):
        cleaned = _line(text)
        if cleaned is text:
            return text
    return clean_paragraph(text)


def clean_article(article: Article, feed_url: str | None = None) -> Article:
    """A copy of ``article`` with every string sanitised (again)."""
    body = [p for p in (_paragraph(p) for p in article.body or []) if p]
    related = []
    for link in article.related or []:
        title = _line(link.title, limit=500)
        url = _optional(link.url)
        if not title and not url:
            continue
        try:
            position = max(0, int(link.position))
        except (TypeError, ValueError):
            position = 0
        related.append(RelatedLink(title or url or "", url, position))
    return Article(
        title=_line(article.title, limit=1000),
        url=_optional(article.url),
        source=_optional(article.source, limit=200),
        author=_optional(article.author, limit=300),
        published=_optional(article.published, limit=64),
        category=_optional(article.category, limit=200),
        summary=_paragraph(article.summary) or None,
        body=body,
        related=related,
        images=[u for u in (_line(i) for i in article.images or []) if u],
        guid=_optional(article.guid),
        feed_url=_optional(feed_url) or _optional(article.feed_url),
        full=bool(article.full),
        id=article.id,
        origin=_optional(article.origin),
    )


# How many of the newest matches are ranked (see Store._fts_rows).
SEARCH_CANDIDATES = 500
SIMILAR_CANDIDATES = 300
# A shorter last word is matched whole: a 1-2 letter prefix expands to
# thousands of terms whose doclists FTS5 merges in memory.
MIN_PREFIX = 3

_TOKEN = re.compile(r"[^\W_]+")


def fts_query(text: str | None, prefix_last: bool = True) -> str:
    """Untrusted user text -> a safe FTS5 query.

    Every token (a run of letters/digits, as the unicode61 tokenizer splits
    them) becomes a quoted phrase (internal quotes doubled), implicitly ANDed,
    with ``*`` (prefix) on the last one when it has ``MIN_PREFIX`` letters. ``[bold]``, ``"``, ``AND(``, ``*``
    are just text. Empty when nothing searchable is left."""
    tokens = _TOKEN.findall(unicodedata.normalize("NFC", clean_line(text)))
    if not tokens:
        return ""
    parts = ['"' + t.replace('"', '""') + '"' for t in tokens[:32]]
    if prefix_last and len(tokens[min(len(tokens), 32) - 1]) >= MIN_PREFIX:
        parts[-1] += "*"
    return " ".join(parts)


# Feeds send the same items on every refresh: don't normalise their titles
# and URLs again (a 10k-item batch fits).
_norm_title = lru_cache(maxsize=16384)(normalize_title)

_STOPWORDS = frozenset(
    "yang dan di ke dari untuk dengan pada ini itu akan dalam tidak oleh sebagai juga "
    "bagi para atau adalah karena kata soal usai jadi bisa masih baru lagi hari tahun "
    "terhadap tersebut kepada setelah sebelum menjadi antara hingga sampai saat ketika "
    "begini begitu berita video foto halaman".split()
)
_WORD = re.compile(r"\w+", re.UNICODE)


def _title_terms(norm_title: str, count: int = 5) -> list[str]:
    """The longest significant words of a normalised title."""
    seen: list[str] = []
    for word in _WORD.findall(norm_title):
        if len(word) < 3 or word.isdigit() or word in _STOPWORDS or word in seen:
            continue
        seen.append(word)
    seen.sort(key=len, reverse=True)
    return seen[:count]


# --------------------------------------------------------------------------
# error mapping
# --------------------------------------------------------------------------

_PRIMARY = {11: "corrupt", 26: "corrupt", 8: "readonly", 13: "full", 5: "locked", 6: "locked", 14: "cantopen"}


def _kind(exc: BaseException) -> str:
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int) and (code & 0xFF) in _PRIMARY:
        return _PRIMARY[code & 0xFF]
    text = str(exc).lower()
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return "corrupt"
    if "readonly" in text or "read-only" in text:
        return "readonly"
    if "disk is full" in text or "no space" in text:
        return "full"
    if "locked" in text or "busy" in text:
        return "locked"
    if "unable to open" in text:
        return "cantopen"
    return "error"


def _store_error(exc: BaseException, path: Path) -> StoreError:
    kind = _kind(exc)
    where = clean_line(str(path))
    messages = {
        "corrupt": f"database is corrupt: {where} (move it aside to start fresh)",
        "readonly": f"database is read-only: {where}",
        "full": f"disk full while writing {where}",
        "locked": "database is locked by another ikn-read",
        "cantopen": f"cannot open database: {where}",
    }
    message = messages.get(kind) or f"database error: {clean_line(str(exc), limit=200)} ({where})"
    return StoreError(message, kind)


# --------------------------------------------------------------------------
# the store
# --------------------------------------------------------------------------

_ROW = (
    "a.id, a.title, a.source, a.published, a.category, a.url, a.read, "
    "EXISTS(SELECT 1 FROM bookmarks b WHERE b.article_id = a.id)"
)
_ARTICLE = (
    "id, title, url, source, author, published, category, summary, body, related, "
    "images, guid, feed_url, full, origin, summary_len"
)
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
# The search index is kept in sync by hand (see schema.py): delete with the
# old text, insert the new, in the same transaction as the row change.
_FTS_OLD = f"SELECT title, {FTS_BODY} FROM articles WHERE id = ?"
_FTS_INSERT = "INSERT INTO articles_fts(rowid, title, body) VALUES (?, ?, ?)"
_FTS_DELETE = "INSERT INTO articles_fts(articles_fts, rowid, title, body) VALUES ('delete', ?, ?, ?)"


class _FtsBatch:
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


class Store:
    def __init__(self, path: Path | str, *, readonly: bool = False) -> None:
        self.path = Path(path)
        self.readonly = False
        self._lock = threading.RLock()
        self._conn: sqlite3.Connection | None = None
        if not readonly:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError:
                pass
            try:
                self._conn = self._open_rw()
                return
            except StoreError as exc:
                if exc.kind not in ("readonly", "cantopen") or not self.path.is_file():
                    raise
        self._conn = self._open_ro()
        self.readonly = True

    @classmethod
    def open_default(cls) -> Store:
        try:
            paths.ensure_home()
        except OSError as exc:
            raise StoreError(f"cannot create {clean_line(str(paths.home()))}: {exc.strerror}", "cantopen") from None
        return cls(paths.database_path())

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
            raise StoreError(
                f"database was written by a newer ikn-read: {clean_line(str(self.path))}", "too-new"
            ) from None
        except sqlite3.Error as exc:
            if conn is not None:
                conn.close()
            raise _store_error(exc, self.path) from None

    def _open_ro(self) -> sqlite3.Connection:
        """Read-only: ``mode=ro``; in a read-only directory a WAL database
        cannot get its -shm file, so fall back to ``immutable=1`` (nobody can
        be writing there)."""
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
                if _kind(exc) not in ("readonly", "cantopen"):
                    raise _store_error(exc, self.path) from None
                last = exc
                continue
            if version != LATEST_VERSION:
                conn.close()
                if version > LATEST_VERSION:
                    raise StoreError(
                        f"database was written by a newer ikn-read: {clean_line(str(self.path))}", "too-new"
                    )
                raise StoreError(
                    f"database is read-only: {clean_line(str(self.path))} (it needs an upgrade to open)", "readonly"
                )
            return conn
        raise _store_error(last or sqlite3.OperationalError("unable to open"), self.path)

    def close(self) -> None:
        with self._lock:
            if self._conn is None:
                return
            try:
                if not self.readonly:  # planner statistics, sampled (fast on big files)
                    self._conn.execute("PRAGMA analysis_limit = 400")
                    self._conn.execute("PRAGMA optimize")
            except sqlite3.Error:
                pass
            self._conn.close()
            self._conn = None

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
            raise StoreError(f"cannot move {clean_line(str(path))} aside: {exc.strerror}", "error") from None
        return target

    # -- plumbing ------------------------------------------------------------

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            if self._conn is None:
                raise StoreError("database is closed", "closed")
            try:
                yield self._conn
            except sqlite3.Error as exc:
                raise _store_error(exc, self.path) from None

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (BEGIN IMMEDIATE ... COMMIT)."""
        with self._lock:
            conn = self._conn
            if conn is None:
                raise StoreError("database is closed", "closed")
            if self.readonly:
                raise StoreError(f"database is read-only: {clean_line(str(self.path))}", "readonly")
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
                raise _store_error(exc, self.path) from None

    def integrity_check(self) -> str:
        """``PRAGMA integrity_check`` plus the FTS index check: "ok" or the problem."""
        with self._reading() as conn:
            result = conn.execute("PRAGMA integrity_check").fetchone()[0]
            if result != "ok":
                return clean_line(result, limit=300)
            try:
                conn.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES('integrity-check', 1)")
            except sqlite3.DatabaseError as exc:
                if self.readonly and _kind(exc) == "readonly":
                    return "ok"
                return clean_line(f"search index: {exc}", limit=300)
            return "ok"

    def rebuild_search_index(self) -> None:
        with self._writing() as conn:
            conn.execute("INSERT INTO articles_fts(articles_fts) VALUES('rebuild')")

    # -- articles: writing ------------------------------------------------------

    def _upsert(self, conn: sqlite3.Connection, articles: Iterable[Article], feed_url: str | None) -> UpsertResult:
        now, now_ts = _now()
        result = UpsertResult(0, 0, [])
        fts = _FtsBatch(conn)
        orphans = conn.execute("SELECT 1 FROM bookmarks WHERE article_id IS NULL LIMIT 1").fetchone()
        for raw in articles:
            art = clean_article(raw, feed_url)
            key = canonical_url(art.url)
            params = {
                "url": art.url, "url_key": key, "guid": art.guid, "feed_url": art.feed_url,
                "title": art.title, "norm_title": _norm_title(art.title),
                "source": art.source, "author": art.author, "published": art.published,
                "published_ts": _timestamp(art.published), "category": art.category,
                "full": int(art.full), "origin": art.origin, "now": now, "now_ts": now_ts,
                "summary": art.summary, "images": _dumps(art.images),
                "related": _dumps([{"title": r.title, "url": r.url, "position": r.position} for r in art.related]),
                "body": _dumps(art.body),
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
                if orphans and key is not None:
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

    def upsert_articles(self, articles: Iterable[Article], feed_url: str | None = None) -> UpsertResult:
        """Insert new articles, refresh known ones (by canonical URL, then by
        (feed_url, guid)); one transaction. ``feed_url`` overrides the articles' own."""
        with self._writing() as conn:
            return self._upsert(conn, articles, feed_url)

    def save_full(self, article_id: int, article: Article) -> None:
        """Cache a reader-mode body (full=1) for an existing row."""
        art = clean_article(article)
        with self._writing() as conn:
            fts = _FtsBatch(conn)
            if not fts.before_update(article_id):
                return
            text = SUMMARY_TEXT
            new = conn.execute(
                "UPDATE articles SET full = 1, body = :body, related = :related, "
                "images = CASE WHEN :images = '[]' THEN images ELSE :images END, "
                "author = COALESCE(:author, author), category = COALESCE(:category, category), "
                "source = COALESCE(:source, source), fetched_at = :now, "
                f"summary = CASE WHEN {summary_is_ref(text, ':body')} THEN NULL ELSE {text} END, "
                f"summary_len = CASE WHEN {summary_is_ref(text, ':body')} THEN length({text}) END "
                f"WHERE id = :id RETURNING title, {FTS_BODY}",
                {
                    "body": _dumps(art.body),
                    "related": _dumps([{"title": r.title, "url": r.url, "position": r.position} for r in art.related]),
                    "images": _dumps(art.images), "author": art.author, "category": art.category,
                    "source": art.source, "now": _now()[0], "id": article_id,
                },
            ).fetchone()
            fts.updated(article_id, new)
            fts.flush()
            # A bookmark saved from the summary gets the full text too.
            for bid, record in conn.execute(
                "SELECT id, record FROM bookmarks WHERE article_id = ?", (article_id,)
            ).fetchall():
                copy = Article.from_record(json.loads(record))
                if not copy.full:
                    fresh = self._article_by_id(conn, article_id)
                    if fresh is not None:
                        conn.execute("UPDATE bookmarks SET record = ? WHERE id = ?", (_dumps(fresh.to_record()), bid))

    def set_read(self, article_id: int, read: bool = True) -> None:
        with self._writing() as conn:
            conn.execute("UPDATE articles SET read = ? WHERE id = ?", (int(read), article_id))

    def delete_articles(self, article_ids: Iterable[int]) -> int:
        """Delete article rows (bookmarks keep their offline copy)."""
        ids = [(int(i),) for i in article_ids]
        with self._writing() as conn:
            fts = _FtsBatch(conn)
            for (article_id,) in ids:
                fts.deleted(article_id)
            deleted = max(0, conn.executemany("DELETE FROM articles WHERE id = ?", ids).rowcount)
            fts.flush()
            return deleted

    # -- articles: reading ------------------------------------------------------

    @staticmethod
    def _to_article(row: tuple[Any, ...]) -> Article:
        (aid, title, url, source, author, published, category, summary, body, related,
         images, guid, feed_url, full, origin, summary_len) = row
        paragraphs = list(json.loads(body or "[]"))
        if summary is None and summary_len and paragraphs:  # kept as a prefix of the body
            summary = paragraphs[0][:summary_len]
        return Article(
            title=title, url=url, source=source, author=author, published=published,
            category=category, summary=summary, body=paragraphs,
            related=[
                RelatedLink(r.get("title") or "", r.get("url"), int(r.get("position") or 0))
                for r in json.loads(related or "[]")
            ],
            images=list(json.loads(images or "[]")), guid=guid, feed_url=feed_url,
            full=bool(full), id=aid, origin=origin,
        )

    def _article_by_id(self, conn: sqlite3.Connection, article_id: int) -> Article | None:
        row = conn.execute(f"SELECT {_ARTICLE} FROM articles WHERE id = ?", (article_id,)).fetchone()
        return self._to_article(row) if row else None

    @staticmethod
    def _to_rows(rows: Iterable[tuple[Any, ...]]) -> list[ArticleRow]:
        return [ArticleRow(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6]), bool(r[7])) for r in rows]

    def get_article(self, article_id: int) -> Article | None:
        """The stored article (negative ids: a bookmark's offline copy)."""
        if article_id < 0:
            return self.get_bookmark_article(article_id)
        with self._reading() as conn:
            return self._article_by_id(conn, article_id)

    def find_by_url(self, url: str) -> Article | None:
        """The article whose URL is ``url`` once normalised (``canonical_url``)."""
        key = canonical_url(url)
        if key is None:
            return None
        with self._reading() as conn:
            # url_key is canonical_url(url) of every row with a URL.
            row = conn.execute(f"SELECT {_ARTICLE} FROM articles WHERE url_key = ?", (key,)).fetchone()
            return self._to_article(row) if row else None

    def find_by_title(self, title: str) -> Article | None:
        """The newest article whose normalised title equals ``title``'s."""
        norm = normalize_title(title)
        if not norm:
            return None
        with self._reading() as conn:
            row = conn.execute(
                f"SELECT {_ARTICLE} FROM articles WHERE norm_title = ? ORDER BY sort_ts DESC, id DESC LIMIT 1",
                (norm,),
            ).fetchone()
            return self._to_article(row) if row else None

    def count_articles(self) -> int:
        with self._reading() as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    def list_rows(self, offset: int = 0, limit: int = 100) -> list[ArticleRow]:
        """A window of the list, newest first (undated: by first-seen time).

        The OFFSET walks only the small ``articles_order`` index; bodies are
        never read."""
        offset, limit = max(0, int(offset)), max(0, int(limit))
        with self._reading() as conn:
            rows = conn.execute(
                f"SELECT {_ROW} FROM (SELECT id FROM articles ORDER BY sort_ts DESC, id DESC "
                f"LIMIT ? OFFSET ?) AS w JOIN articles a ON a.id = w.id "
                f"ORDER BY a.sort_ts DESC, a.id DESC",
                (limit, offset),
            ).fetchall()
            return self._to_rows(rows)

    def list_rows_after(self, article_id: int, limit: int = 100) -> list[ArticleRow]:
        """Keyset paging: the ``limit`` rows that follow ``article_id`` in list order."""
        with self._reading() as conn:
            anchor = conn.execute("SELECT sort_ts FROM articles WHERE id = ?", (article_id,)).fetchone()
            if anchor is None:
                return []
            rows = conn.execute(
                f"SELECT {_ROW} FROM (SELECT id FROM articles WHERE (sort_ts, id) < (?, ?) "
                f"ORDER BY sort_ts DESC, id DESC LIMIT ?) AS w JOIN articles a ON a.id = w.id "
                f"ORDER BY a.sort_ts DESC, a.id DESC",
                (anchor[0], article_id, max(0, int(limit))),
            ).fetchall()
            return self._to_rows(rows)

    def row_at(self, index: int) -> ArticleRow | None:
        rows = self.list_rows(index, 1)
        return rows[0] if rows else None

    def index_of(self, article_id: int) -> int | None:
        """Position of an article in the list (0 = newest), or None."""
        with self._reading() as conn:
            anchor = conn.execute("SELECT sort_ts FROM articles WHERE id = ?", (article_id,)).fetchone()
            if anchor is None:
                return None
            return int(conn.execute(
                "SELECT count(*) FROM articles WHERE (sort_ts, id) > (?, ?)", (anchor[0], article_id)
            ).fetchone()[0])

    def _fts_rows(
        self, conn: sqlite3.Connection, match: str, limit: int, candidates: int, exclude: int | None = None
    ) -> list[ArticleRow]:
        """The best (bm25, titles weigh 4x) ``limit`` of the newest
        ``candidates`` matches: ranking every match of a common word costs
        ~12 us a row (over a second at 100k rows); FTS5 walks rowids newest
        first and stops early, so this stays bounded."""
        try:
            rows = conn.execute(
                f"SELECT {_ROW} FROM (SELECT rowid AS rid, bm25(articles_fts, 4.0, 1.0) AS score "
                f"FROM articles_fts WHERE articles_fts MATCH ? AND rowid IS NOT ? "
                f"ORDER BY rowid DESC LIMIT ?) AS hits "
                f"JOIN articles a ON a.id = hits.rid ORDER BY hits.score, a.sort_ts DESC LIMIT ?",
                (match, exclude, max(candidates, limit), limit),
            ).fetchall()
        except sqlite3.OperationalError as exc:
            if "fts5" in str(exc).lower() or "syntax" in str(exc).lower():
                return []  # a query we failed to quote: no results, never a crash
            raise
        return self._to_rows(rows)

    def search(self, query: str, limit: int = 200) -> list[ArticleRow]:
        """Full-text search over titles and bodies, best (bm25) first among
        the newest ``SEARCH_CANDIDATES`` matches. Untrusted input is safe:
        see ``fts_query``. An empty query gives []."""
        match = fts_query(query)
        if not match or limit <= 0:
            return []
        with self._reading() as conn:
            return self._fts_rows(conn, match, int(limit), SEARCH_CANDIDATES)

    def similar(self, article_id: int, limit: int = 5) -> list[ArticleRow]:
        """"Berita lain": articles sharing significant title words, then the
        newest of the same category; never the article itself."""
        if limit <= 0:
            return []
        with self._reading() as conn:
            if article_id < 0:
                copy = self._bookmark_copy(conn, article_id)
                if copy is None:
                    return []
                title, category, exclude = normalize_title(copy.title), copy.category, copy.id
            else:
                row = conn.execute(
                    "SELECT norm_title, category FROM articles WHERE id = ?", (article_id,)
                ).fetchone()
                if row is None:
                    return []
                title, category, exclude = row[0], row[1], article_id
            out: list[ArticleRow] = []
            seen = {exclude}
            terms = _title_terms(title)
            if terms:
                match = "title : (" + " OR ".join(f'"{t}"' for t in terms) + ")"
                for r in self._fts_rows(conn, match, limit + 5, SIMILAR_CANDIDATES, exclude):
                    if r.id not in seen and normalize_title(r.title) != title:
                        seen.add(r.id)
                        out.append(r)
            if len(out) < limit and category:
                rows = conn.execute(
                    f"SELECT {_ROW} FROM articles a WHERE a.category = ? AND a.id IS NOT ? "
                    f"ORDER BY a.sort_ts DESC LIMIT ?",
                    (category, exclude, limit + len(seen)),
                ).fetchall()
                for r in self._to_rows(rows):
                    if r.id not in seen and normalize_title(r.title) != title:
                        seen.add(r.id)
                        out.append(r)
            return out[:limit]

    def set_read_many(self, article_ids: Iterable[int], read: bool = True) -> None:
        with self._writing() as conn:
            conn.executemany(
                "UPDATE articles SET read = ? WHERE id = ?", [(int(read), int(i)) for i in article_ids]
            )

    # -- bookmarks ----------------------------------------------------------------

    @staticmethod
    def _bookmark_from(bid: int, article_id: int | None, record: str) -> Article:
        article = Article.from_record(json.loads(record))
        article.id = article_id if article_id is not None else -bid
        return article

    def _bookmark_copy(self, conn: sqlite3.Connection, key: int) -> Article | None:
        if key < 0:
            row = conn.execute("SELECT id, article_id, record FROM bookmarks WHERE id = ?", (-key,)).fetchone()
        else:
            row = conn.execute(
                "SELECT id, article_id, record FROM bookmarks WHERE article_id = ? ORDER BY id LIMIT 1", (key,)
            ).fetchone()
        return self._bookmark_from(*row) if row else None

    def add_bookmark(self, article: Article) -> int:
        """Save a full offline copy; link it to its article row when there is
        one. Idempotent by article id / URL: returns the existing bookmark's id
        (its copy is replaced only when it held a summary and this is full)."""
        copy = clean_article(article)
        key = canonical_url(copy.url)
        with self._writing() as conn:
            if copy.id is not None and copy.id < 0:
                row = conn.execute("SELECT id FROM bookmarks WHERE id = ?", (-copy.id,)).fetchone()
                if row:
                    return int(row[0])
                copy.id = None
            linked = self._article_by_id(conn, copy.id) if copy.id else None
            if linked is None and key is not None:
                row = conn.execute("SELECT id FROM articles WHERE url_key = ?", (key,)).fetchone()
                linked = self._article_by_id(conn, row[0]) if row else None
            if linked is not None and linked.full and not copy.full:
                copy = linked  # the store already has the whole text
            article_id = linked.id if linked is not None else None
            copy.id = article_id
            record = _dumps(copy.to_record())
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
                return int(existing[0])
            cur = conn.execute(
                "INSERT INTO bookmarks(article_id, url, url_key, saved_at, record) VALUES (?, ?, ?, ?, ?)",
                (article_id, copy.url, key, _now()[0], record),
            )
            return int(cur.lastrowid or 0)

    def remove_bookmark(self, article_id: int) -> None:
        with self._writing() as conn:
            if article_id < 0:
                conn.execute("DELETE FROM bookmarks WHERE id = ?", (-article_id,))
                return
            row = conn.execute("SELECT url_key FROM articles WHERE id = ?", (article_id,)).fetchone()
            conn.execute(
                "DELETE FROM bookmarks WHERE article_id = ? OR (url_key IS NOT NULL AND url_key IS ?)",
                (article_id, row[0] if row else None),
            )

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
            return [(saved, self._bookmark_from(bid, aid, rec)) for bid, aid, rec, saved in rows]

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
            return self._bookmark_copy(conn, article_id)

    def export_bookmarks(self, fmt: str) -> str:
        """All bookmarks as Markdown ("md") or JSON ("json")."""
        fmt = (fmt or "").lower().lstrip(".")
        entries = self.bookmark_entries()
        if fmt in ("md", "markdown"):
            return bookmarks_to_markdown(entries)
        if fmt == "json":
            return bookmarks_to_json(entries)
        raise StoreError(f"unknown export format: {clean_line(fmt, limit=20)} (use md or json)", "invalid")

    # -- subscriptions -----------------------------------------------------------

    _SUB = "url, title, etag, last_modified, status, message, last_checked, retry_after"

    def add_subscription(self, url: str, title: str | None = None) -> bool:
        """Subscribe to a feed; False when it is already there."""
        url = clean_line(url)
        if not url:
            raise StoreError("feed URL is empty", "invalid")
        with self._writing() as conn:
            cur = conn.execute(
                "INSERT OR IGNORE INTO subscriptions(url, title, added_at) VALUES (?, ?, ?)",
                (url, clean_optional(title, limit=200), _now()[0]),
            )
            return cur.rowcount > 0

    def remove_subscription(self, url: str) -> bool:
        with self._writing() as conn:
            return conn.execute("DELETE FROM subscriptions WHERE url = ?", (clean_line(url),)).rowcount > 0

    def list_subscriptions(self) -> list[Subscription]:
        with self._reading() as conn:
            rows = conn.execute(f"SELECT {self._SUB} FROM subscriptions ORDER BY added_at, rowid").fetchall()
            return [Subscription(*r) for r in rows]

    def get_subscription(self, url: str) -> Subscription | None:
        with self._reading() as conn:
            row = conn.execute(f"SELECT {self._SUB} FROM subscriptions WHERE url = ?", (clean_line(url),)).fetchone()
            return Subscription(*row) if row else None

    def _update_subscription(self, conn: sqlite3.Connection, sub: Subscription, old_url: str | None) -> None:
        url = clean_line(sub.url)
        old = clean_line(old_url)
        if old and old != url:
            taken = conn.execute("SELECT 1 FROM subscriptions WHERE url = ?", (url,)).fetchone()
            if taken:
                conn.execute("DELETE FROM subscriptions WHERE url = ?", (old,))
            else:
                conn.execute("UPDATE subscriptions SET url = ? WHERE url = ?", (url, old))
            conn.execute("UPDATE articles SET feed_url = ? WHERE feed_url = ?", (url, old))
        conn.execute(
            "UPDATE subscriptions SET title = COALESCE(?, title), etag = ?, last_modified = ?, "
            "status = ?, message = ?, last_checked = ?, retry_after = ? WHERE url = ?",
            (
                clean_optional(sub.title, limit=200), clean_optional(sub.etag, limit=500),
                clean_optional(sub.last_modified, limit=100), clean_optional(sub.status, limit=40),
                clean_optional(sub.message, limit=300), clean_optional(sub.last_checked, limit=64),
                clean_optional(sub.retry_after, limit=64), url,
            ),
        )

    def update_subscription(self, sub: Subscription, old_url: str | None = None) -> None:
        """Save a subscription's state (only if subscribed). ``old_url``: the
        feed moved (301): rename the row and its articles' feed_url."""
        with self._writing() as conn:
            self._update_subscription(conn, sub, old_url)

    def apply_refresh(self, sub: Subscription, articles: list[Article], old_url: str | None = None) -> UpsertResult:
        """Store a feed's articles and its subscription state in ONE transaction."""
        with self._writing() as conn:
            self._update_subscription(conn, sub, old_url)
            return self._upsert(conn, articles, clean_line(sub.url) or None)


# --------------------------------------------------------------------------
# bookmark export
# --------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_MD_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])")


def _md_text(text: str | None) -> str:
    """Plain text that Markdown shows as-is (one line)."""
    text = _MD_SPECIAL.sub(r"\\\1", clean_line(text))
    return _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def _md_url(url: str | None) -> str:
    url = clean_line(url)
    return "<" + url.replace(" ", "%20").replace("<", "%3C").replace(">", "%3E") + ">"


def bookmarks_to_markdown(entries: list[tuple[str, Article]]) -> str:
    """Title, source, date, URL, body paragraphs and the "Baca juga" list."""
    out = ["# Bookmark ikn-read", "", f"Diekspor {_now()[0]} — {len(entries)} artikel", ""]
    for saved_at, article in entries:
        out += ["---", "", f"## {_md_text(article.title) or '(tanpa judul)'}", ""]
        meta = [
            ("Sumber", _md_text(article.source)),
            ("Penulis", _md_text(article.author)),
            ("Tanggal", _md_text(article.published)),
            ("Kategori", _md_text(article.category)),
            ("URL", _md_url(article.url) if article.url else ""),
            ("Disimpan", _md_text(saved_at)),
        ]
        out += [f"- {label}: {value}" for label, value in meta if value]
        out.append("")
        paragraphs = article.body or ([article.summary] if article.summary else [])
        for paragraph in paragraphs:
            out += [_md_text(paragraph), ""]
        if article.related:
            out += ["**Baca juga:**", ""]
            for n, link in enumerate(article.related, 1):
                title = _md_text(link.title) or _md_text(link.url)
                if link.url:
                    out.append(f"{n}. [{title}]({_md_url(link.url)})")
                else:
                    out.append(f"{n}. {title}")
            out.append("")
    return "\n".join(out).rstrip() + "\n"


def bookmarks_to_json(entries: list[tuple[str, Article]]) -> str:
    """A JSON list: each article's public JSON shape plus ``saved_at``."""
    items = []
    for saved_at, article in entries:
        item = article.to_json()
        item["related"] = [
            {"title": r.title, "url": r.url, "position": r.position} for r in article.related
        ]
        item["saved_at"] = saved_at
        items.append(item)
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
