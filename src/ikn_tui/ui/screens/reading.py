"""The article on display and how it got there (a plain helper the main
screen owns): opening a stored article, showing it (read mark, similar
articles, the full text of a feed summary), back and forward through the
history, and where each article was scrolled to when it was left.

Slow parts run in thread workers of the screen and come back as messages
(``SimilarFound``, ``FullArticleFetched``) that the screen hands back here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.screen import Screen

from ikn_tui.core.models import Article
from ikn_tui.core.store import StoreError
from ikn_tui.i18n import _
from ikn_tui.ui import tasks
from ikn_tui.ui.context import ReaderContext
from ikn_tui.ui.history import History
from ikn_tui.ui.messages import FullArticleFetched, SimilarFound
from ikn_tui.ui.notices import Severity, say
from ikn_tui.ui.problem_words import error_words, words
from ikn_tui.ui.screens.panes import ReaderPanes

Entry = int | Article  # a history entry: a store id, or an article with none


class Reading:
    """``article`` is on display (None before the first); ``failed`` holds the
    numbers of its links that led nowhere; ``note`` is the line above its text.
    ``shown()`` runs after each article is put on display (the footer's keys)."""

    def __init__(
        self, screen: Screen[Any], context: ReaderContext, panes: ReaderPanes, shown: Callable[[], None]
    ) -> None:
        self.screen = screen
        self.context = context
        self.store = context.store
        self.panes = panes
        self.shown = shown
        self.article: Article | None = None
        self.history: History[Entry] = History()
        self.failed: set[int] = set()
        self.note: str | None = None
        self.completing: int | None = None  # this article's full text is being fetched
        self._scroll: dict[int, float] = {}  # article id -> where it was scrolled to when left

    def _say(self, message: str, severity: Severity = "information") -> None:
        say(self.screen, message, severity)

    def read_article(self, article_id: int) -> Article | None:
        """A stored article; a bookmark's full offline copy when the row is only a summary."""
        store = self.store
        try:
            article = store.get_article(article_id, keep=False)  # extracted now if deferred; stored below
            if article is not None and article_id > 0 and store.is_unextracted(article_id):
                # stored by a worker once the article is drawn (the write would hold the store's lock)
                self.screen.call_after_refresh(self.keep_extracted, article_id)
            if article is None or (not article.full and store.is_bookmarked(article_id)):
                copy = store.get_bookmark_article(article_id)
                if copy is not None and (article is None or copy.full):
                    copy.id = article_id if article is not None else copy.id
                    return copy
            return article
        except StoreError as error:
            self._say(error_words(error), "error")
            return None

    def show(self, article: Article, *, record: bool = True) -> None:
        """Put ``article`` on display, mark it read, find related and similar."""
        panes = self.panes
        entry: Entry = article.id if article.id is not None else article
        leaving = self.article
        if leaving is not None and leaving.id is not None and leaving.id != article.id:
            self._scroll[leaving.id] = panes.article_view.scroll_y
        if record:
            self.history.visit(entry)
        else:
            self.history.replace(entry)
        self.article = article
        self.failed = set()
        self.note = None
        if not article.full and article.url and not self.context.offline and article.id is not None:
            self.note = _("Ringkasan dari feed; memuat teks lengkap…")
            self.completing = article.id
            self.complete(article)
        elif not article.full:
            self.note = _("Ringkasan dari feed (teks lengkap tidak tersedia luring).")
        panes.article_view.show(article, self.note, self.failed)
        panes.related.show(article, [], self.failed)
        if article.id is not None:
            self.load_similar(article.id)
            try:
                self.store.set_read(article.id, True)
            except StoreError:
                pass
            panes.list_pane.mark_read(article.id)
        self.shown()

    def open_id(self, article_id: int, *, record: bool = True) -> None:
        article = self.read_article(article_id)
        if article is None:
            self._say(_("Artikel tidak ada lagi di penyimpanan."), "warning")
            return
        self.show(article, record=record)

    def open_entry(self, entry: Entry | None) -> None:
        """Back/forward: the article again, scrolled where it was left."""
        if isinstance(entry, int):
            self.open_id(entry, record=False)
            where = self._scroll.get(entry)
            if where:
                view = self.panes.article_view
                view.call_after_refresh(view.scroll_to, y=where, animate=False)
        elif entry is not None:
            self.show(entry, record=False)

    def back(self) -> None:
        if not self.history.can_go_back:
            self._say(_("Tidak ada halaman sebelumnya."))
            return
        self.open_entry(self.history.back())

    def forward(self) -> None:
        if not self.history.can_go_forward:
            self._say(_("Tidak ada halaman berikutnya."))
            return
        self.open_entry(self.history.forward())

    def mark_failed(self, number: int, message: str) -> None:
        """Link ``number`` of the article on display led nowhere: say why, and show it struck."""
        self.failed.add(number)
        self.panes.article_view.restyle(self.note, self.failed)
        self.panes.related.show(self.article, [], self.failed)
        if self.article is not None and self.article.id is not None:
            self.load_similar(self.article.id)
        self._say(message, "warning")

    # workers and their answers -------------------------------------------------------
    def keep_extracted(self, article_id: int) -> None:
        """Store the extraction of an article opened before its turn in the idle pass."""
        store_factory = self.context.store_factory
        self.screen.run_worker(
            lambda: tasks.keep_extracted(article_id, store_factory),
            name="keep_extracted", group="keep-extracted", thread=True, exit_on_error=False,
        )

    def load_similar(self, article_id: int) -> None:
        screen, store_factory = self.screen, self.context.store_factory

        def work() -> None:
            try:
                rows = tasks.similar(article_id, store_factory)
            except StoreError:
                rows = []
            screen.post_message(SimilarFound(article_id, rows))

        screen.run_worker(work, name="load_similar", group="similar", exclusive=True, thread=True)

    def similar_found(self, event: SimilarFound) -> None:
        if self.article is not None and self.article.id == event.article_id:
            rows = [row for row in event.rows if row.id != event.article_id]
            self.panes.related.show(self.article, rows, self.failed)

    def complete(self, article: Article) -> None:
        """Fetch the full text of a feed summary (``FullArticleFetched``)."""
        screen, context = self.screen, self.context

        def work() -> None:
            result = tasks.complete(article, context.store_factory, context.fetcher_factory)
            screen.post_message(FullArticleFetched(article.id, result.article, words(result.message) or None))

        screen.run_worker(work, name="complete_article", group="complete", thread=True)

    def full_fetched(self, event: FullArticleFetched) -> None:
        if self.completing == event.article_id:
            self.completing = None
        current = self.article
        if current is None or current.id != event.article_id:
            return
        if event.article is None:
            self.note = _("Teks lengkap gagal dimuat: {message}").format(message=event.message)
            self.panes.article_view.restyle(self.note, self.failed)
            return
        self.article = event.article
        self.note = None
        self.panes.article_view.show(event.article, None, self.failed)
        if event.article.id is not None:
            self.load_similar(event.article.id)
        self.panes.related.show(event.article, [], self.failed)
