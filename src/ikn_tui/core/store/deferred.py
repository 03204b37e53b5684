"""Rows whose extraction was deferred: completed when read, and written back.

A refresh stores feed items with their HTML in ``raw`` (``feeds.deferred``) and
no body. The store cannot extract (it knows no parsing): the layer above gives
it an *extractor* once per process (``extractor.set_body_extractor``: packed
HTML -> an ``Article`` holding the body, related links, photos, summary and
``full``). Every read of such a row then returns the extracted article
(``merged``), and the extraction is written back (``write.write_back``) with the
same merge rules a refresh without deferral applies, so the stored row ends
exactly as it would have. Without an extractor a pending row reads as it is.
"""

from __future__ import annotations

import threading

from ikn_tui.core.models import Article
from ikn_tui.core.store.connection import StoreConnection
from ikn_tui.core.store.errors import StoreError
from ikn_tui.core.store.extractor import ExtractMany, extract_raw, has_extractor
from ikn_tui.core.store.keys import clean_article
from ikn_tui.core.store.write import write_back


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
