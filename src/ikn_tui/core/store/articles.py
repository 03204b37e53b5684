"""Articles in the store: upsert and full-text caching (via ``write``),
read state, deletion, lookups by id/URL/title and the list window.

List order is newest first (``sort_ts``: the publication time, or the
first-seen time when undated), ties by id.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from ikn_tui.core.models import Article, ArticleRow
from ikn_tui.core.store.deferred import DeferredMixin, Extracted
from ikn_tui.core.store.keys import canonical_url, clean_article, compact_json
from ikn_tui.core.store.pending import article_keys, record_change
from ikn_tui.core.store.rows import (
    ARTICLE_COLUMNS,
    ROW_COLUMNS,
    article_by_id,
    bookmark_copy,
    to_article,
    to_rows,
)
from ikn_tui.core.store.write import UpsertResult, delete_rows, upsert, write_full_body
from ikn_tui.core.text import normalize_title


class ArticlesMixin(DeferredMixin):
    """Article rows: writing, read state, lookups, the list window."""

    # -- writing -----------------------------------------------------------------

    def upsert_articles(self, articles: Iterable[Article], feed_url: str | None = None) -> UpsertResult:
        """Insert new articles, refresh known ones (by canonical URL, then by
        (feed_url, guid)); one transaction. ``feed_url`` overrides the articles' own."""
        with self._writing() as conn:
            return upsert(conn, articles, feed_url)

    def save_full(self, article_id: int, article: Article) -> None:
        """Cache a reader-mode body (full=1) for an existing row."""
        art = clean_article(article)
        with self._writing() as conn:
            if not write_full_body(conn, article_id, art):
                return
            # A bookmark saved from the summary gets the full text too.
            for bid, record in conn.execute(
                "SELECT id, record FROM bookmarks WHERE article_id = ?", (article_id,)
            ).fetchall():
                copy = Article.from_record(json.loads(record))
                if not copy.full:
                    fresh = article_by_id(conn, article_id)
                    if fresh is not None:
                        conn.execute(
                            "UPDATE bookmarks SET record = ? WHERE id = ?", (compact_json(fresh.to_record()), bid)
                        )

    def set_read(self, article_id: int, read: bool = True) -> None:
        """Mark one article read or unread; a real change is queued for the
        feed server in the same transaction (``store.pending``)."""
        with self._writing() as conn:
            changed = conn.execute(
                "UPDATE articles SET read = ? WHERE id = ? AND read <> ?", (int(read), article_id, int(read))
            ).rowcount
            if changed:
                record_change(conn, article_keys(conn, [article_id]), "read", read)

    def set_read_many(self, article_ids: Iterable[int], read: bool = True) -> None:
        """Mark several articles read (or unread) in one transaction (the reader's A and u)."""
        with self._writing() as conn:
            conn.executemany("UPDATE articles SET read = ? WHERE id = ?", [(int(read), int(i)) for i in article_ids])

    def is_read(self, article_id: int) -> bool:
        """Read state of one article (a deleted/unknown article counts as read)."""
        with self._reading() as conn:
            row = conn.execute("SELECT read FROM articles WHERE id = ?", (article_id,)).fetchone()
        return bool(row[0]) if row is not None else True

    def delete_articles(self, article_ids: Iterable[int]) -> int:
        """Delete article rows (bookmarks keep their offline copy)."""
        ids = [(int(i),) for i in article_ids]
        with self._writing() as conn:
            return delete_rows(conn, ids)

    # -- reading -----------------------------------------------------------------

    def get_article(self, article_id: int, *, keep: bool = True) -> Article | None:
        """The stored article (negative ids: a bookmark's offline copy). One whose
        extraction was deferred comes back extracted and, with ``keep``, is stored
        so; ``keep=False`` (the reader's own thread, which must never wait for a
        write) leaves that to ``store_extraction`` or the idle pass."""
        extracted: list[Extracted] = []
        with self._reading() as conn:
            if article_id < 0:
                return bookmark_copy(conn, article_id)
            article = article_by_id(conn, article_id, extracted)
        if keep:
            self._keep_extracted(extracted)
        return article

    def find_by_url(self, url: str) -> Article | None:
        """The article whose URL is ``url`` once normalised (``canonical_url``)."""
        key = canonical_url(url)
        if key is None:
            return None
        extracted: list[Extracted] = []
        with self._reading() as conn:
            # url_key is canonical_url(url) of every row with a URL.
            row = conn.execute(f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE url_key = ?", (key,)).fetchone()
            article = to_article(row, extracted) if row else None
        self._keep_extracted(extracted)
        return article

    def find_by_title(self, title: str) -> Article | None:
        """The newest article whose normalised title equals ``title``'s."""
        norm = normalize_title(title)
        if not norm:
            return None
        extracted: list[Extracted] = []
        with self._reading() as conn:
            row = conn.execute(
                f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE norm_title = ? ORDER BY sort_ts DESC, id DESC LIMIT 1",
                (norm,),
            ).fetchone()
            article = to_article(row, extracted) if row else None
        self._keep_extracted(extracted)
        return article

    def count_articles(self, feed_url: str | None = None) -> int:
        """All stored articles, or only those of the feed ``feed_url``."""
        where, args = _feed_filter(feed_url)
        with self._reading() as conn:
            return int(conn.execute(f"SELECT count(*) FROM articles {where}", args).fetchone()[0])

    def feed_article_counts(self) -> dict[str, int]:
        """How many stored articles each feed URL has (one index scan)."""
        with self._reading() as conn:
            rows = conn.execute(
                "SELECT feed_url, count(*) FROM articles WHERE feed_url IS NOT NULL GROUP BY feed_url"
            ).fetchall()
        return {str(url): int(n) for url, n in rows}

    def list_rows(self, offset: int = 0, limit: int = 100, feed_url: str | None = None) -> list[ArticleRow]:
        """A window of the list, newest first (undated: by first-seen time);
        ``feed_url``: only that feed's articles.

        The OFFSET walks only a small index (``articles_order``, or
        ``articles_feed_order`` for one feed); bodies are never read."""
        offset, limit = max(0, int(offset)), max(0, int(limit))
        where, args = _feed_filter(feed_url)
        with self._reading() as conn:
            rows = conn.execute(
                f"SELECT {ROW_COLUMNS} FROM (SELECT id FROM articles {where} ORDER BY sort_ts DESC, id DESC "
                f"LIMIT ? OFFSET ?) AS w JOIN articles a ON a.id = w.id "
                f"ORDER BY a.sort_ts DESC, a.id DESC",
                (*args, limit, offset),
            ).fetchall()
            return to_rows(rows)

    def list_rows_after(self, article_id: int, limit: int = 100) -> list[ArticleRow]:
        """Keyset paging: the ``limit`` rows that follow ``article_id`` in list order."""
        with self._reading() as conn:
            anchor = conn.execute("SELECT sort_ts FROM articles WHERE id = ?", (article_id,)).fetchone()
            if anchor is None:
                return []
            rows = conn.execute(
                f"SELECT {ROW_COLUMNS} FROM (SELECT id FROM articles WHERE (sort_ts, id) < (?, ?) "
                f"ORDER BY sort_ts DESC, id DESC LIMIT ?) AS w JOIN articles a ON a.id = w.id "
                f"ORDER BY a.sort_ts DESC, a.id DESC",
                (anchor[0], article_id, max(0, int(limit))),
            ).fetchall()
            return to_rows(rows)

    def next_unread(self, article_id: int | None, feed_url: str | None = None, older: bool = True) -> int | None:
        """The next unread article after ``article_id`` in list order (``older``:
        down the list; else up), or from the top/bottom when ``article_id`` is None."""
        where, feed_args = _feed_filter(feed_url)
        args: tuple[str | int, ...] = feed_args
        where = f"{where} AND read = 0" if where else "WHERE read = 0"
        order = "DESC" if older else "ASC"
        with self._reading() as conn:
            if article_id is not None:
                anchor = conn.execute("SELECT sort_ts FROM articles WHERE id = ?", (article_id,)).fetchone()
                if anchor is not None:
                    where += " AND (sort_ts, id) < (?, ?)" if older else " AND (sort_ts, id) > (?, ?)"
                    args = (*args, anchor[0], article_id)
            row = conn.execute(
                f"SELECT id FROM articles {where} ORDER BY sort_ts {order}, id {order} LIMIT 1", args
            ).fetchone()
        return int(row[0]) if row else None

    def unread_ids(self, feed_url: str | None = None) -> list[int]:
        """Every unread article (of one feed): what "mark all read" changes."""
        where, args = _feed_filter(feed_url)
        where = f"{where} AND read = 0" if where else "WHERE read = 0"
        with self._reading() as conn:
            return [int(r[0]) for r in conn.execute(f"SELECT id FROM articles {where}", args).fetchall()]

    def unread_counts(self) -> dict[str, int]:
        """Unread articles per feed URL."""
        with self._reading() as conn:
            rows = conn.execute(
                "SELECT feed_url, count(*) FROM articles WHERE feed_url IS NOT NULL AND read = 0 GROUP BY feed_url"
            ).fetchall()
        return {str(url): int(n) for url, n in rows}

    def index_of(self, article_id: int, feed_url: str | None = None) -> int | None:
        """Position of an article in the list (0 = newest), or None; with
        ``feed_url``, in that feed's list (None when it is not in it)."""
        with self._reading() as conn:
            anchor = conn.execute("SELECT sort_ts, feed_url FROM articles WHERE id = ?", (article_id,)).fetchone()
            if anchor is None or (feed_url is not None and anchor[1] != feed_url):
                return None
            where, args = _feed_filter(feed_url)
            where = f"{where} AND" if where else "WHERE"
            return int(conn.execute(
                f"SELECT count(*) FROM articles {where} (sort_ts, id) > (?, ?)", (*args, anchor[0], article_id)
            ).fetchone()[0])


def _feed_filter(feed_url: str | None) -> tuple[str, tuple[str, ...]]:
    """The WHERE clause (and its argument) for one feed's articles, or none."""
    return ("WHERE feed_url = ?", (feed_url,)) if feed_url is not None else ("", ())
