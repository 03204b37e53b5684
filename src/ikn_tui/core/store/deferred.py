"""Rows whose extraction was deferred: completed when read, and written back.

A refresh stores feed items with their HTML in ``raw`` (``feeds.deferred``) and
no body. The store cannot extract (it knows no parsing): the layer above gives
it an *extractor* once per process (``set_body_extractor``: packed HTML ->
an ``Article`` holding the body, related links, photos, summary and ``full``).
Every read of such a row then returns the extracted article (``completed``),
and the extraction is written back (``write_back``) with the same merge rules a
refresh without deferral applies, so the stored row ends exactly as it would
have. Without an extractor a pending row reads as it is (no body yet).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from typing import Any

from ikn_tui.core.models import Article
from ikn_tui.core.store.connection import StoreConnection
from ikn_tui.core.store.errors import StoreError
from ikn_tui.core.store.keys import clean_article
from ikn_tui.core.store.schema import FTS_BODY
from ikn_tui.core.store.write import _MERGE, FtsBatch, prepare_rows

Extractor = Callable[[bytes], Article]
ExtractMany = Callable[[list[bytes]], list[Article]]
_EXTRACTOR: list[Extractor] = []  # zero or one


def set_body_extractor(extractor: Extractor | None) -> None:
    """Give the store the function that extracts a deferred item (None: none)."""
    _EXTRACTOR.clear()
    if extractor is not None:
        _EXTRACTOR.append(extractor)


def has_extractor() -> bool:
    return bool(_EXTRACTOR)


def extract_raw(raw: bytes) -> Article | None:
    """The extracted, cleaned part of a deferred item, or None without an extractor."""
    if not _EXTRACTOR:
        return None
    return clean_article(_EXTRACTOR[0](bytes(raw)))


def _fresh(current: Article) -> bool:
    """A pending row that never had a body (as a refresh inserted it)."""
    return not current.body and not current.related and not current.images and not current.full and not current.summary


def merged(current: Article, new: Article) -> Article:
    """``current`` (a row as read) with the extracted ``new`` merged in, as the store's
    upsert merges a refreshed copy (``write._MERGE``): a full body is never replaced
    by a summary-only one, and empty values never replace stored ones."""
    if _fresh(current):
        current.body, current.related, current.images = new.body, new.related, new.images
        current.full, current.summary = new.full, new.summary
        return current
    keep = current.full and not new.full
    if not keep and new.body:
        current.body, current.related = new.body, new.related
    if not keep and new.images:
        current.images = new.images
    current.full = current.full or new.full
    if new.summary is not None:
        current.summary = new.summary
    return current


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


def write_back(conn: sqlite3.Connection, items: list[tuple[int, int | None, Article]]) -> int:
    """Store extracted items ``(row id, raw_hash read with the row, extracted part)``
    in their rows, inside the caller's write transaction. A row whose raw item
    changed since it was read is left alone. Returns how many were written."""
    fts = FtsBatch(conn)
    written = 0
    for article_id, raw_hash, new in items:
        row = prepare_rows([new], None)[0]
        params: dict[str, Any] = {
            "id": article_id, "raw_hash": raw_hash, "body": row[16], "related": row[15], "images": row[14],
            "full": row[11], "summary": row[13], "stored_summary": row[17], "summary_len": row[18],
        }
        if not fts.before_update(article_id):
            continue
        done = conn.execute(_FILL, params).fetchone() or conn.execute(_COMPLETE, params).fetchone()
        if done is not None:
            fts.updated(article_id, done)
            written += 1
    fts.flush()
    return written


PENDING = "SELECT id, raw, raw_hash FROM articles WHERE raw IS NOT NULL ORDER BY id LIMIT ?"
# A deferred row read and extracted: (row id, its raw_hash, the extracted part).
Extracted = tuple[int, "int | None", Article]


class DeferredMixin(StoreConnection):
    """Writing back what reads extracted, and the idle pass over pending rows."""

    # One batch of pending rows at a time (the idle pass and a search's catch-up
    # take turns, and neither extracts what the other just did).
    _completing = threading.Lock()

    def _keep_extracted(self, extracted: list[Extracted]) -> None:
        """Write back what a read extracted. Best effort: a read-only or damaged
        store keeps the row pending (it is extracted again when read)."""
        if not extracted:
            return
        try:
            with self._writing() as conn:
                write_back(conn, extracted)
        except StoreError:
            pass

    def is_unextracted(self, article_id: int) -> bool:
        """Does this article still wait for its extraction?"""
        with self._reading() as conn:
            row = conn.execute("SELECT raw IS NOT NULL FROM articles WHERE id = ?", (article_id,)).fetchone()
        return bool(row and row[0])

    def store_extraction(self, article_id: int) -> bool:
        """Extract and store one pending article now; False when it was not pending."""
        with self._reading() as conn:
            row = conn.execute("SELECT raw, raw_hash FROM articles WHERE id = ?", (article_id,)).fetchone()
        new = extract_raw(row[0]) if row and row[0] is not None else None
        if new is None:
            return False
        self._keep_extracted([(article_id, row[1], new)])
        return True

    def unextracted_count(self) -> int:
        """How many stored articles still wait for their extraction."""
        with self._reading() as conn:
            return int(conn.execute("SELECT count(*) FROM articles WHERE raw IS NOT NULL").fetchone()[0])

    def extract_stored(self, limit: int = 200, extract_many: ExtractMany | None = None) -> int:
        """Extract up to ``limit`` articles whose extraction was deferred (oldest
        rows first) and store them; how many were stored (0: none left, no
        extractor, or the store cannot be written). ``extract_many`` extracts
        the batch's raw items instead of the extractor, one by one (the idle
        pass hands it worker processes)."""
        if not has_extractor() or limit <= 0:
            return 0
        with self._completing:
            return self._complete_batch(limit, extract_many)

    def _complete_batch(self, limit: int, extract_many: ExtractMany | None) -> int:
        with self._reading() as conn:
            rows = conn.execute(PENDING, (int(limit),)).fetchall()
        if not rows:
            return 0
        extracted: list[Article | None]
        if extract_many is not None:
            extracted = [clean_article(a) for a in extract_many([bytes(raw) for _, raw, _ in rows])]
        else:
            extracted = [extract_raw(raw) for _, raw, _ in rows]
        items: list[Extracted] = [
            (int(article_id), raw_hash, new)
            for (article_id, _, raw_hash), new in zip(rows, extracted, strict=True)
            if new is not None
        ]
        if not items:
            return 0
        try:
            with self._writing() as conn:
                return write_back(conn, items)
        except StoreError:
            return 0

    def extract_all_stored(self, batch: int = 500) -> int:
        """``extract_stored`` until none is left (or no progress is made)."""
        total = 0
        while True:
            done = self.extract_stored(batch)
            if done <= 0:
                return total
            total += done

    def _catch_up(self) -> None:
        """Articles whose extraction was deferred have only their title in the
        search index: extract them first, so a search sees every body."""
        with self._reading() as conn:
            pending = conn.execute("SELECT 1 FROM articles WHERE raw IS NOT NULL LIMIT 1").fetchone()
        if pending is not None:
            self.extract_all_stored()
