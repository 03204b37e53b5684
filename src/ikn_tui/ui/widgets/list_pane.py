"""The list pane: the search bar, the article list and the feed list.

One ``mode`` says what the pane shows: ``all`` stored articles, ``search``
results, ``bookmarks``, the subscriptions (``feeds``) or one ``feed``'s
articles. ``watch_mode`` is the only place that switches the view (row
source, empty message, border title, which list is shown and focused); the
screen hears ``ViewChanged`` and updates the status and the footer. Enter
on an article posts ``ArticleChosen``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Input

from ikn_tui.core.models import ArticleRow
from ikn_tui.core.store import Store, StoreError
from ikn_tui.core.text import clean_line
from ikn_tui.i18n import N_, _, format_number, ngettext
from ikn_tui.ui import tasks
from ikn_tui.ui.messages import SearchFinished
from ikn_tui.ui.problem_words import error_words
from ikn_tui.ui.widgets.article_list import ArticleList
from ikn_tui.ui.widgets.feed_list import FeedList, FeedRow
from ikn_tui.ui.widgets.row_source import FixedRows, StoreRows
from ikn_tui.ui.widgets.search_bar import SearchBar

Mode = Literal["all", "search", "bookmarks", "feeds", "feed"]

EMPTY = {
    "all": N_("Belum ada berita."),
    "search": N_("Tidak ada hasil."),
    "bookmarks": N_("Belum ada markah.\nb: markahi berita terpilih"),
    "feed": N_("Belum ada berita dari feed ini."),
}


def _count(number: int) -> str:
    return format_number(number)


class ListPane(Vertical):
    """What the list shows, and moving between the views."""

    mode: reactive[Mode] = reactive("all", always_update=True, init=False)

    @dataclass
    class ArticleChosen(Message):
        """Enter (or a click) on an article row."""

        article_id: int

    @dataclass
    class ViewChanged(Message):
        """The pane shows another view (or the search bar opened/closed)."""

        mode: str

    def __init__(self, store: Store, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.store = store
        self.feed_url: str | None = None  # mode "feed": whose articles
        self.feed_name = ""
        self.query_text = ""  # mode "search": the query
        self._rows: list[ArticleRow] = []  # search results or bookmarks for the next view
        self._keep_url: str | None = None  # mode "feeds": the feed to highlight
        self._shown: Mode = "all"
        self._shown_feed: str | None = None  # the view on screen (``mode`` before the watcher ran)
        # The article highlighted when a list was left ("all", or "feed:URL"): coming
        # back puts the cursor on it again, wherever it is now.
        self._left_on: dict[str, int] = {}

    def compose(self) -> ComposeResult:
        yield SearchBar(id="search-bar")
        yield ArticleList(id="article-list")
        yield FeedList(id="feed-list")

    def on_mount(self) -> None:
        self.border_title = _("Berita")
        self.article_list.set_source(StoreRows(self.store))
        self.feed_list.display = False

    @property
    def article_list(self) -> ArticleList:
        return self.query_one(ArticleList)

    @property
    def feed_list(self) -> FeedList:
        return self.query_one(FeedList)

    @property
    def search_bar(self) -> SearchBar:
        return self.query_one(SearchBar)

    # the one place that switches the view ----------------------------------------
    def _list_key(self, mode: str) -> str | None:
        if mode == "all":
            return "all"
        return f"feed:{self.feed_url}" if mode == "feed" else None

    def watch_mode(self, mode: Mode) -> None:
        articles = self.article_list
        title: str | Content
        leaving = self._list_key(self._shown) if self._shown != "feed" else f"feed:{self._shown_feed}"
        row = articles.highlighted_row
        if leaving is not None and row is not None and self._shown != "feeds":
            self._left_on[leaving] = row.id
        self._shown = mode
        self._shown_feed = self.feed_url
        if mode == "feeds":
            self.feed_list.show(self.feed_rows(), self._keep_url)
            title = _("Langganan")
        else:
            articles.empty_message = _(EMPTY[mode])
            if mode == "all":
                articles.set_source(StoreRows(self.store))
                title = _("Berita")
            elif mode == "feed":
                articles.set_source(StoreRows(self.store, feed_url=self.feed_url, label=self.feed_name))
                # A str border title is markup: the feed's name is outside text.
                title = Content(clean_line(self.feed_name, 30))
            elif mode == "search":
                articles.set_source(FixedRows(self._rows, N_("Hasil cari")))
                title = Content(_("Cari: {query}").format(query=clean_line(self.query_text, 30)))
            else:
                articles.set_source(FixedRows(self._rows, N_("Markah")))
                title = _("Markah")
        back_to = self._left_on.get(self._list_key(mode) or "")
        if back_to is not None and mode != "feeds":
            articles.select_article(back_to)
        self.border_title = title
        self._show_list(feeds=mode == "feeds")
        self.post_message(self.ViewChanged(mode))

    def focus_list(self) -> None:
        # set_focus at once (Widget.focus waits a turn): keys typed right after land here
        self.screen.set_focus(self.feed_list if self.mode == "feeds" else self.article_list)

    def _show_list(self, feeds: bool) -> None:
        """The feed list or the article list (the other hidden), focused."""
        self.feed_list.display = feeds
        self.article_list.display = not feeds
        if self.is_mounted:
            self.screen.set_focus(self.feed_list if feeds else self.article_list)

    # going between views ---------------------------------------------------------
    def show_all(self) -> None:
        self.feed_url = None
        self.mode = "all"

    def toggle_bookmarks(self) -> None:
        """``B``: the bookmarks; again: all articles."""
        if self.mode == "bookmarks":
            self.show_all()
            return
        try:
            self._rows = self.store.bookmark_rows()
        except StoreError as error:
            self._warn(_("Markah tidak terbaca: {error}").format(error=error_words(error)), "error")
            return
        self.mode = "bookmarks"

    def toggle_feeds(self) -> None:
        """``F``: the subscriptions; again (or from one feed's list): all articles."""
        if self.mode in ("feeds", "feed"):
            self.show_all()
        else:
            self.show_feeds()

    def show_feeds(self, keep_url: str | None = None) -> None:
        self._keep_url = keep_url
        self.feed_url = None
        self.mode = "feeds"

    @property
    def can_go_back(self) -> bool:
        return self.mode in ("search", "feeds", "feed") or bool(self.search_bar.display)

    def back(self) -> None:
        """Escape: close the search (and its results), or leave the feeds views a step."""
        bar = self.search_bar
        if self.mode in ("feeds", "feed") and not bar.display:
            if self.mode == "feed":
                self.show_feeds(self.feed_url)
            else:
                self.show_all()
            return
        bar.value = ""
        bar.display = False
        if self.mode == "search":
            self.show_all()
        else:
            self._show_list(self.mode == "feeds")
            self.post_message(self.ViewChanged(self.mode))

    @on(FeedList.Chosen)
    def _feed_chosen(self, event: FeedList.Chosen) -> None:
        event.stop()
        row = next((r for r in self.feed_list.rows if r.sub.url == event.url), None)
        self.feed_name = row.name if row is not None else clean_line(event.url, 200)
        self.feed_url = event.url
        self.mode = "feed"

    @on(ArticleList.Selected)
    def _article_selected(self, event: ArticleList.Selected) -> None:
        event.stop()
        self.post_message(self.ArticleChosen(event.row.id))

    # search -----------------------------------------------------------------------
    def open_search(self) -> None:
        bar = self.search_bar
        bar.display = True
        # Focus now, not after the next refresh: "/banjir" typed in one burst must
        # land in the bar, not as list keys (b would bookmark, r refresh...).
        self.screen.set_focus(bar)
        self.post_message(self.ViewChanged(self.mode))

    @on(SearchBar.Cancelled)
    def _search_cancelled(self, event: SearchBar.Cancelled) -> None:
        event.stop()
        self.back()

    @on(Input.Submitted, "#search-bar")
    def _search_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        query = event.value.strip()
        if query:
            self.run_search(query)

    @work(thread=True, exclusive=True, group="search")
    def run_search(self, query: str) -> None:
        try:
            store = self.store
            self.post_message(SearchFinished(query, tasks.search(query, lambda: store)))
        except StoreError as error:
            self.post_message(SearchFinished(query, [], clean_line(str(error), 200)))

    @on(SearchFinished)
    def _search_finished(self, event: SearchFinished) -> None:
        event.stop()
        if event.error:
            self._warn(_("Pencarian gagal: {error}").format(error=event.error), "error")
            return
        self._rows = list(event.rows)
        self.query_text = event.query
        self.mode = "search"

    # rows ---------------------------------------------------------------------------
    @property
    def current_row(self) -> ArticleRow | None:
        """The highlighted article row (none in the feeds view)."""
        return None if self.mode == "feeds" else self.article_list.highlighted_row

    def feed_rows(self) -> list[FeedRow]:
        try:
            subs = self.store.list_subscriptions()
            counts = self.store.feed_article_counts()
            unread = self.store.unread_counts()
        except StoreError as error:
            self._warn(_("Langganan tidak terbaca: {error}").format(error=error_words(error)), "error")
            return []
        return [FeedRow(sub, counts.get(sub.url, 0), unread.get(sub.url, 0)) for sub in subs]

    # unread --------------------------------------------------------------------------
    def find_unread(self, older: bool) -> int | None:
        """The next unread article below (``older``) or above the cursor in this list."""
        if self.mode == "feeds":
            return None
        row = self.article_list.highlighted_row
        source = self.article_list.source
        if isinstance(source, StoreRows):
            try:
                return self.store.next_unread(row.id if row else None, source.feed_url, older)
            except StoreError:
                return None
        cursor = self.article_list.cursor
        indexes = range(cursor + 1, source.count()) if older else range(cursor - 1, -1, -1)
        for index in indexes:
            found = source.row(index)
            if found is not None and not found.read:
                return found.id
        return None

    def unread_ids(self) -> list[int] | None:
        """The unread articles of the list on show (None: the feeds view)."""
        if self.mode == "feeds":
            return None
        source = self.article_list.source
        if isinstance(source, StoreRows):
            return self.store.unread_ids(source.feed_url)
        return [row.id for i in range(source.count()) if (row := source.row(i)) is not None and not row.read]

    def reload_marks(self) -> None:
        """Read marks or bookmarks changed in the store: show them (rows stay where they are)."""
        source = self.article_list.source
        if isinstance(source, FixedRows):
            try:
                fresh = {
                    row.id: row
                    for row in (self.store.bookmark_rows() if self.mode == "bookmarks" else [])
                }
                for row in list(source.rows):
                    source.update(row.id, read=self.store.is_read(row.id))
                    if fresh:
                        source.update(row.id, bookmarked=row.id in fresh)
            except StoreError:
                pass
            self.article_list.refresh()
        else:
            self.article_list.reload_anchored()
        if self.mode == "feeds":
            self.reload_feeds()

    def reload_feeds(self, keep_url: str | None = None) -> None:
        self.feed_list.show(self.feed_rows(), keep_url)

    def live_reload(self) -> None:
        """What a refresh changed: the rows of the open list, or the feeds' statuses."""
        if self.mode in ("all", "feed"):
            self.article_list.reload_anchored()
        elif self.mode == "feeds":
            self.reload_feeds()

    def sources_loaded(self) -> None:
        """New articles came in from the command line or "Buka feed…"."""
        if self.mode in ("all", "feed"):
            self.article_list.reload_anchored()

    def mark_read(self, article_id: int) -> None:
        self.article_list.mark_read(article_id)

    def read_changed(self, article_id: int, read: bool) -> None:
        source = self.article_list.source
        if isinstance(source, FixedRows):
            source.update(article_id, read=read)
            self.article_list.refresh()
        else:
            self.article_list.reload_anchored()

    def bookmark_changed(self, article_id: int | None) -> None:
        articles = self.article_list
        source = articles.source
        if self.mode == "bookmarks":
            try:
                source = FixedRows(self.store.bookmark_rows(), N_("Markah"))
            except StoreError:
                pass
            articles.set_source(source, articles.cursor)
        elif isinstance(source, FixedRows) and article_id is not None:
            try:
                source.update(article_id, bookmarked=self.store.is_bookmarked(article_id))
            except StoreError:
                pass
            articles.refresh()
        else:
            articles.reload_anchored()

    def status_parts(self, subscriptions: int | None) -> list[str]:
        """The status line's first parts; the border shows the count. ``subscriptions``
        is None when the store cannot tell (a damaged database): the line says so."""
        if self.mode == "feeds":
            parts = [ngettext(
                "Langganan: {subscriptions} feed", "Langganan: {subscriptions} feed", subscriptions
            ).format(subscriptions=subscriptions)] if subscriptions is not None else []
            shown = subscriptions or 0
        else:
            source = self.article_list.source
            shown = source.count()
            parts = [ngettext("{label}: {count} berita", "{label}: {count} berita", shown).format(
                label=_(source.label), count=_count(shown))]
            if subscriptions:
                parts.append(ngettext("{n} langganan", "{n} langganan", subscriptions).format(n=_count(subscriptions)))
        if subscriptions is None:
            parts.append(_("langganan tidak terbaca (basis data bermasalah)"))
        self.border_subtitle = _count(shown)
        return parts

    def _warn(self, message: str, severity: Literal["warning", "error"] = "warning") -> None:
        self.notify(Content(clean_line(message, 300)), severity=severity)
