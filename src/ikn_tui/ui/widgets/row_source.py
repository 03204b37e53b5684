"""Where the article list gets its rows: a window on the store, or a fixed list.

The list never loads everything: ``StoreRows`` pulls pages of rows with
``store.list_rows(offset, limit)`` and keeps a few in a small LRU cache.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING, Protocol

from ikn_tui.core.models import ArticleRow
from ikn_tui.core.store import StoreError
from ikn_tui.i18n import N_

if TYPE_CHECKING:  # pragma: no cover
    from ikn_tui.core.store import Store


class RowSource(Protocol):
    """Anything the article list can show."""

    label: str

    def count(self) -> int: ...
    def row(self, index: int) -> ArticleRow | None: ...
    def invalidate(self) -> None: ...


class StoreRows:
    """All stored articles (or one feed's), newest first, read a page at a time."""

    label = N_("Semua berita")

    def __init__(
        self, store: Store, page_size: int = 100, max_pages: int = 16,
        *, feed_url: str | None = None, label: str | None = None,
    ) -> None:
        self.store = store
        self.feed_url = feed_url
        if label is not None:
            self.label = label
        self.page_size = page_size
        self.max_pages = max_pages
        self._pages: OrderedDict[int, list[ArticleRow]] = OrderedDict()
        self._count: int | None = None

    def count(self) -> int:
        if self._count is None:
            try:
                self._count = (
                    self.store.count_articles(self.feed_url) if self.feed_url else self.store.count_articles()
                )
            except StoreError:
                self._count = 0
        return self._count

    def row(self, index: int) -> ArticleRow | None:
        if index < 0 or index >= self.count():
            return None
        page_no, offset = divmod(index, self.page_size)
        page = self._pages.get(page_no)
        if page is None:
            try:
                start = page_no * self.page_size
                if self.feed_url:
                    page = self.store.list_rows(start, self.page_size, feed_url=self.feed_url)
                else:
                    page = self.store.list_rows(start, self.page_size)
            except StoreError:
                page = []
            self._pages[page_no] = page
            while len(self._pages) > self.max_pages:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page_no)
        return page[offset] if offset < len(page) else None

    def invalidate(self) -> None:
        self._pages.clear()
        self._count = None

    def index_of(self, article_id: int) -> int | None:
        """Where the article is in this list now (None: not in it)."""
        try:
            return self.store.index_of(article_id, feed_url=self.feed_url)
        except StoreError:
            return None

    def mark_read(self, article_id: int) -> bool | None:
        """Set the read flag of a cached row. True: a row changed; False: it
        was already read; None: not on hand (maybe a new article: reload)."""
        from dataclasses import replace

        found: bool | None = None
        for page in self._pages.values():
            for i, row in enumerate(page):
                if row.id == article_id:
                    found = bool(found) or not row.read
                    if not row.read:
                        page[i] = replace(row, read=True)
        return found


class FixedRows:
    """A fixed list of rows: search results, bookmarks."""

    def __init__(self, rows: list[ArticleRow], label: str) -> None:
        self.rows = list(rows)
        self.label = label

    def count(self) -> int:
        return len(self.rows)

    def row(self, index: int) -> ArticleRow | None:
        return self.rows[index] if 0 <= index < len(self.rows) else None

    def invalidate(self) -> None:
        """Rows are fixed; the screen replaces them to change the read marks."""

    def mark_read(self, article_id: int) -> bool | None:
        """Show the row as read: True when it changed, False when already read, None: not here."""
        found: bool | None = None
        for row in self.rows:
            if row.id == article_id:
                found = bool(found) or not row.read
                self.update(article_id, read=True)
        return found

    def update(self, article_id: int, **changes: bool) -> None:
        """Change a row's read/bookmarked flags in place."""
        from dataclasses import replace

        for i, row in enumerate(self.rows):
            if row.id == article_id:
                self.rows[i] = replace(row, **changes)
