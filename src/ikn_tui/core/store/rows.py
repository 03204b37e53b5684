"""Stored rows back into models: the column lists the store selects, and
the functions that turn them into ``Article`` / ``ArticleRow``.

Bookmark keys: a bookmark whose article row still exists is addressed by the
article id; one whose article was deleted is addressed by ``-bookmark_id``
(negative). ``bookmark_copy`` accepts both.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import Any

from ikn_tui.core.models import Article, ArticleRow, RelatedLink
from ikn_tui.core.store.deferred import Extracted, merged
from ikn_tui.core.store.extractor import extract_raw
from ikn_tui.core.store.write import write_back

# A list row (``to_rows``) of ``articles a``: no body, no summary.
ROW_COLUMNS = (
    "a.id, a.title, a.source, a.published, a.category, a.url, a.read, "
    "EXISTS(SELECT 1 FROM bookmarks b WHERE b.article_id = a.id)"
)
# A whole article (``to_article``); raw and raw_hash: a deferred item (``deferred``).
ARTICLE_COLUMNS = (
    "id, title, url, source, author, published, category, summary, body, related, "
    "images, guid, feed_url, full, origin, summary_len, raw, raw_hash"
)


def to_article(row: tuple[Any, ...], extracted: list[Extracted] | None = None) -> Article:
    """An ``ARTICLE_COLUMNS`` row as an ``Article``. A row whose extraction was
    deferred comes back extracted (``deferred``); what was extracted is added to
    ``extracted``, for the caller to write back."""
    article = _stored(row)
    raw, raw_hash = row[16], row[17]
    if raw is not None:
        new = extract_raw(raw)
        if new is not None:
            merged(article, new)
            if extracted is not None:
                extracted.append((int(row[0]), raw_hash, new))
    return article


def _stored(row: tuple[Any, ...]) -> Article:
    (aid, title, url, source, author, published, category, summary, body, related,
     images, guid, feed_url, full, origin, summary_len) = row[:16]
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


def article_by_id(
    conn: sqlite3.Connection, article_id: int, extracted: list[Extracted] | None = None
) -> Article | None:
    """The stored article with this (positive) id, or None. A deferred row is
    extracted (``to_article``) and, inside a write transaction, written back at
    once; otherwise it is added to ``extracted`` when given."""
    row = conn.execute(f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,)).fetchone()
    if not row:
        return None
    found: list[Extracted] = []
    article = to_article(row, found)
    if found and conn.in_transaction:
        write_back(conn, found)
    elif extracted is not None:
        extracted.extend(found)
    return article


def to_rows(rows: Iterable[tuple[Any, ...]]) -> list[ArticleRow]:
    """``ROW_COLUMNS`` rows as list-pane rows."""
    return [ArticleRow(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6]), bool(r[7])) for r in rows]


def bookmark_from(bid: int, article_id: int | None, record: str) -> Article:
    """A bookmark's offline copy; its id is the article's, else ``-bid``."""
    article = Article.from_record(json.loads(record))
    article.id = article_id if article_id is not None else -bid
    return article


def bookmark_copy(conn: sqlite3.Connection, key: int) -> Article | None:
    """The offline copy of the bookmark addressed by ``key`` (see above)."""
    if key < 0:
        row = conn.execute("SELECT id, article_id, record FROM bookmarks WHERE id = ?", (-key,)).fetchone()
    else:
        row = conn.execute(
            "SELECT id, article_id, record FROM bookmarks WHERE article_id = ? ORDER BY id LIMIT 1", (key,)
        ).fetchone()
    return bookmark_from(*row) if row else None
