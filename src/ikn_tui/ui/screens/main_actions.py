"""The main screen's key actions (kept apart from its layout and workers)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.content import Content
from textual.widgets import Input

from ikn_tui.core.store import StoreError
from ikn_tui.core.text import clean_line
from ikn_tui.ui import tasks
from ikn_tui.ui.messages import SearchFinished
from ikn_tui.ui.widgets.row_source import FixedRows, StoreRows
from ikn_tui.ui.widgets.search_bar import SearchBar

if TYPE_CHECKING:  # pragma: no cover
    from ikn_tui.ui.screens.main import MainScreen

    _Base = MainScreen
else:
    _Base = object

ARTICLE_ACTIONS = {"bookmark", "open_browser", "follow", "toggle_read"}


class MainActions(_Base):
    """Mixed into ``MainScreen`` (handlers here go by name: ``@on`` is not seen on a mixin)."""

    def check_action(self: MainScreen, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.is_mounted:
            return True
        if action in ("bookmark", "follow") and self.article is None:
            return False
        if action == "follow":
            number = int(parameters[0]) if parameters else 0  # type: ignore[call-overload]
            return self.article is not None and number <= len(self.article.related)
        if action == "open_browser":
            return self.is_web(self.article)
        if action == "toggle_read":
            return self.article is not None or self.current_row() is not None
        if action == "back":
            return self.history.can_go_back
        if action == "forward":
            return self.history.can_go_forward
        if action == "refresh":
            return not self.ikn.offline and not self.refreshing
        if action == "clear_search":
            return self.view in ("search", "feeds", "feed") or self.query_one(SearchBar).display
        if action in ("add_feed", "remove_feed"):
            return self.view == "feeds"
        return True

    # bookmarks ---------------------------------------------------------------
    def action_bookmark(self: MainScreen) -> None:
        article = self.article
        if article is None:
            return
        store = self.ikn.store
        try:
            if article.id is None:
                upserted = store.upsert_articles([article])
                article.id = upserted.ids[0] if upserted.ids else None
            if article.id is not None and store.is_bookmarked(article.id):
                store.remove_bookmark(article.id)
                self.notify_text("Markah dihapus.")
            else:
                store.add_bookmark(article)
                self.notify_text("Disimpan ke markah (bisa dibaca luring).")
        except StoreError as error:
            self.notify_text(f"Markah gagal: {error}", severity="error")
            return
        self._refresh_rows()

    def action_bookmarks_view(self: MainScreen) -> None:
        if self.view == "bookmarks":
            self.show_all()
            return
        try:
            rows = self.ikn.store.bookmark_rows()
        except StoreError as error:
            self.notify_text(f"Markah tidak terbaca: {error}", severity="error")
            return
        self.view = "bookmarks"
        self.article_list.empty_message = "Belum ada markah. Tekan b pada artikel."
        self.article_list.set_source(FixedRows(rows, "Markah"))
        self.query_one("#list-pane").border_title = "Markah"
        self.show_list_pane(False)
        self.update_status()
        self.refresh_bindings()

    def show_all(self: MainScreen) -> None:
        self.view = "all"
        self.feed_url = None
        self.article_list.empty_message = "Belum ada berita."
        self.article_list.set_source(StoreRows(self.ikn.store))
        self.query_one("#list-pane").border_title = "Berita"
        self.show_list_pane(False)
        self.update_status()
        self.refresh_bindings()

    def _refresh_rows(self: MainScreen) -> None:
        source = self.article_list.source
        if self.view == "bookmarks":
            try:
                source = FixedRows(self.ikn.store.bookmark_rows(), "Markah")
            except StoreError:
                pass
            self.article_list.set_source(source, self.article_list.cursor)
        elif isinstance(source, FixedRows) and self.article is not None and self.article.id is not None:
            try:
                marked = self.ikn.store.is_bookmarked(self.article.id)
                source.update(self.article.id, bookmarked=marked)
            except StoreError:
                pass
            self.article_list.refresh()
        else:
            self.article_list.reload()
        self.update_status()

    # search ------------------------------------------------------------------
    def action_search(self: MainScreen) -> None:
        bar = self.query_one(SearchBar)
        bar.display = True
        self.call_after_refresh(bar.focus)
        self.refresh_bindings()

    @work(thread=True, exclusive=True, group="search")
    def run_search(self: MainScreen, query: str) -> None:
        try:
            rows = tasks.search(query, self.ikn.worker_store)
            self.post_message(SearchFinished(query, rows))
        except StoreError as error:
            self.post_message(SearchFinished(query, [], clean_line(str(error), 200)))

    def action_clear_search(self: MainScreen) -> None:
        """Escape: close the search (and its results), or leave the feeds views."""
        bar = self.query_one(SearchBar)
        if self.view in ("feeds", "feed") and not bar.display:
            self.leave_feed_view()
            return
        bar.value = ""
        bar.display = False
        if self.view == "search":
            self.show_all()
        self.show_list_pane(self.view == "feeds")
        self.refresh_bindings()

    def on_search_bar_cancelled(self: MainScreen, event: SearchBar.Cancelled) -> None:
        event.stop()
        self.action_clear_search()

    def on_input_submitted(self: MainScreen, event: Input.Submitted) -> None:
        if event.input.id != "search-bar":
            return
        event.stop()
        query = event.value.strip()
        if query:
            self.run_search(query)

    def on_search_finished(self: MainScreen, event: SearchFinished) -> None:
        if event.error:
            self.notify_text(f"Pencarian gagal: {event.error}", severity="error")
            return
        self.view = "search"
        self.article_list.empty_message = "Tidak ada hasil."
        self.article_list.set_source(FixedRows(event.rows, "Hasil cari"))
        # A str border title is parsed as markup: the query is the user's text, never markup.
        self.query_one("#list-pane").border_title = Content(f"Cari: {clean_line(event.query, 30)}")
        self.show_list_pane(False)
        self.update_status()
        self.refresh_bindings()

    # the rest ------------------------------------------------------------------
    def action_open_browser(self: MainScreen) -> None:
        article = self.article
        if article is None or not self.is_web(article):
            self.notify_text("Artikel ini tidak punya alamat web.", severity="warning")
            return
        self.app.open_url(article.url or "")

    def action_toggle_read(self: MainScreen) -> None:
        """Toggle read on the highlighted row (list focused) or the article on display."""
        row = self.current_row()
        article = self.article
        if article is not None and article.id is not None and (row is None or not self.article_list.has_focus):
            article_id, read = article.id, self._is_read(article.id)
        elif row is not None:
            article_id, read = row.id, row.read
        else:
            return
        try:
            self.ikn.store.set_read(article_id, not read)
        except StoreError as error:
            self.notify_text(f"Gagal menandai: {error}", severity="error")
            return
        source = self.article_list.source
        if isinstance(source, FixedRows):
            source.update(article_id, read=not read)
            self.article_list.refresh()
        else:
            self.article_list.reload()
        self.notify_text("Ditandai sudah dibaca." if not read else "Ditandai belum dibaca.")

    def _is_read(self: MainScreen, article_id: int) -> bool:
        try:
            return self.ikn.store.is_read(article_id)
        except StoreError:  # a broken database: assume read, the toggle then marks unread
            return True
