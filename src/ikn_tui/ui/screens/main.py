"""The main screen: article list (left), article (centre), related links (right).

The screen owns the state (the article on display, history, the list's view);
the panes only draw what they are given. Slow work runs in thread workers
(``ui.tasks``) and comes back as messages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, ProgressBar, Static

from ikn_tui.core.models import Article, ArticleRow
from ikn_tui.core.store import StoreError
from ikn_tui.core.text import clean_line, is_web_url
from ikn_tui.ui import tasks
from ikn_tui.ui.history import History
from ikn_tui.ui.messages import (
    FullArticleFetched,
    OpenRow,
    SimilarFound,
    SourcesLoaded,
)
from ikn_tui.ui.screens.main_actions import MainActions
from ikn_tui.ui.screens.main_feeds import FeedActions
from ikn_tui.ui.screens.main_links import LinkActions
from ikn_tui.ui.screens.main_refresh import RefreshActions
from ikn_tui.ui.sync_status import SyncActions
from ikn_tui.ui.widgets.article_list import ArticleList
from ikn_tui.ui.widgets.article_view import ArticleView
from ikn_tui.ui.widgets.feed_list import FeedList
from ikn_tui.ui.widgets.related_pane import RelatedPane
from ikn_tui.ui.widgets.row_source import StoreRows
from ikn_tui.ui.widgets.search_bar import SearchBar

if TYPE_CHECKING:  # pragma: no cover
    from ikn_tui.ui.app import IknReadApp

Entry = int | Article  # a history entry: a store id, or an article with none

# The actions whose availability (check_action) depends on state: the footer
# only needs rebuilding when one of their answers changes.
DYNAMIC_ACTIONS: tuple[tuple[str, tuple[object, ...]], ...] = (
    *((("follow", (n,))) for n in range(1, 10)),
    ("back", ()), ("forward", ()), ("bookmark", ()), ("refresh", ()),
    ("open_browser", ()), ("toggle_read", ()), ("clear_search", ()),
    ("add_feed", ()), ("remove_feed", ()),
)


class MainScreen(FeedActions, RefreshActions, SyncActions, LinkActions, MainActions, Screen[None]):
    """Reading: the list, the article and its related links."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]

    BINDINGS: ClassVar[list[BindingType]] = [
        *[
            Binding(str(n), f"follow({n})", f"Tautan {n}", show=False, id=f"follow-{n}")
            for n in range(1, 10)
        ],
        Binding("backspace,alt+left", "back", "Kembali", id="back"),
        Binding("alt+right", "forward", "Maju", show=False, id="forward"),
        Binding("b", "bookmark", "Markah", id="bookmark"),
        Binding("B", "bookmarks_view", "Daftar markah", id="bookmarks"),
        Binding("F", "feeds_view", "Langganan", id="feeds"),
        Binding("a", "add_feed", "Tambah", id="add-feed"),
        Binding("d", "remove_feed", "Hapus", id="remove-feed"),
        Binding("slash", "search", "Cari", id="search"),
        Binding("escape", "clear_search", "Tutup cari", show=False, id="clear-search"),
        Binding("r", "refresh", "Perbarui", id="refresh"),
        Binding("o", "open_browser", "Peramban", show=False, id="open-browser"),
        Binding("m", "toggle_read", "Baca/belum", show=False, id="toggle-read"),
    ]

    def __init__(self, sources: list[str] | None = None) -> None:
        super().__init__()
        self.sources = list(sources or [])
        self.article: Article | None = None
        self.history: History[Entry] = History()
        self.failed: set[int] = set()
        self.loaded: list[Article] = []
        self.view = "all"  # "all", "search", "bookmarks", "feeds", "feed" (one feed's articles)
        self.ready = False  # sources loaded and the first view drawn (tests wait on it)
        self.refreshing = False
        self.refresh_line = ""
        self.note: str | None = None
        self._binding_state: tuple[bool | None, ...] | None = None

    @property
    def ikn(self) -> IknReadApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            with Vertical(id="list-pane"):
                yield SearchBar(id="search-bar")
                yield ArticleList(id="article-list")
                yield FeedList(id="feed-list")
            with Horizontal(id="reading"):
                yield ArticleView(id="article-view")
                yield RelatedPane(id="related-pane")
        with Horizontal(id="status-bar"):
            yield Static("", id="status-line")
            yield ProgressBar(id="refresh-progress", show_percentage=False, show_eta=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#list-pane").border_title = "Berita"
        self.query_one(ArticleView).border_title = "Artikel"
        self.query_one(RelatedPane).border_title = "Terkait"
        self.article_list.set_source(StoreRows(self.ikn.store))
        self.related.show(None, [], set())
        self.feed_list.display = False
        self.query_one("#refresh-progress").display = False
        self.article_list.focus()
        self.update_status()
        self.start_sync()  # with a sync account: in the background (ui/sync_status.py)
        if self.sources:
            self.load_sources(self.sources, initial=True)
        else:
            self.ready = True
            if not self.ikn.offline and self._subscription_count():
                self.action_refresh()

    # panes ----------------------------------------------------------------
    @property
    def article_list(self) -> ArticleList:
        return self.query_one(ArticleList)

    @property
    def article_view(self) -> ArticleView:
        return self.query_one(ArticleView)

    @property
    def related(self) -> RelatedPane:
        return self.query_one(RelatedPane)

    def _subscription_count(self) -> int | None:
        """How many feeds are subscribed; None when the store cannot tell (the status line says so)."""
        try:
            return len(self.ikn.store.list_subscriptions())
        except StoreError:
            return None

    def update_status(self) -> None:
        source = self.article_list.source
        subs = self._subscription_count()
        if self.view == "feeds":
            parts = [f"Langganan: {subs} feed"] if subs is not None else []
        else:
            parts = [f"{source.label}: {source.count():,} berita".replace(",", ".")]
        if subs is None:
            parts.append("langganan tidak terbaca (basis data bermasalah)")
        elif subs and self.view != "feeds":
            parts.append(f"{subs} langganan")
        if self.ikn.offline:
            parts.append("luring")
        if self.refresh_line:
            parts.append(self.refresh_line)
        if sync := self.sync_words():
            parts.append(sync)
        self.query_one("#status-line", Static).update(Text(" · ".join(parts)))
        shown = (subs or 0) if self.view == "feeds" else source.count()
        self.query_one("#list-pane").border_subtitle = f"{shown:,}".replace(",", ".")

    def notify_text(self, message: str, *, severity: str = "information") -> None:
        """A toast with outside text in it, never parsed as markup."""
        self.notify(Content(clean_line(message, 300)), severity=severity)  # type: ignore[arg-type]

    # showing articles -------------------------------------------------------
    def show_article(self, article: Article, *, record: bool = True) -> None:
        """Put ``article`` on display, mark it read, find related and similar."""
        if record:
            self.history.visit(article.id if article.id is not None else article)
        else:
            self.history.replace(article.id if article.id is not None else article)
        self.article = article
        self.failed = set()
        self.note = None
        if not article.full and article.url and not self.ikn.offline and article.id is not None:
            self.note = "Ringkasan dari feed; memuat teks lengkap…"
            self.complete_article(article)
        elif not article.full:
            self.note = "Ringkasan dari feed (teks lengkap tidak tersedia luring)."
        self.article_view.show(article, self.note, self.failed)
        self.related.show(article, [], self.failed)
        if article.id is not None:
            self.load_similar(article.id)
            try:
                self.ikn.store.set_read(article.id, True)
            except StoreError:
                pass
            self.article_list.mark_read(article.id)
        self.sync_bindings()

    def sync_bindings(self) -> None:
        """``refresh_bindings`` only when an answer of ``check_action`` changed:
        the footer is rebuilt on every call (~10 ms of each article opened)."""
        state = tuple(self.check_action(action, params) for action, params in DYNAMIC_ACTIONS)
        if state != self._binding_state:
            self._binding_state = state
            self.refresh_bindings()

    def open_id(self, article_id: int, *, record: bool = True) -> None:
        article = self.ikn.read_article(article_id)
        if article is None:
            self.notify_text("Artikel tidak ada lagi di penyimpanan.", severity="warning")
            return
        self.show_article(article, record=record)

    def open_entry(self, entry: Entry | None) -> None:
        if entry is None:
            return
        if isinstance(entry, int):
            self.open_id(entry, record=False)
        else:
            self.show_article(entry, record=False)

    @on(ArticleList.Selected)
    def _row_selected(self, event: ArticleList.Selected) -> None:
        self.open_id(event.row.id)

    @on(OpenRow)
    def _similar_selected(self, event: OpenRow) -> None:
        self.open_id(event.row.id)

    # workers ------------------------------------------------------------------
    @work(thread=True, group="load")
    def load_sources(self, specs: list[str], initial: bool) -> None:
        fetcher = None if self.ikn.offline else self.ikn.fetcher_factory
        outcome = tasks.load_sources(specs, self.ikn.worker_store, fetcher)
        self.post_message(SourcesLoaded(
            outcome.opened, outcome.loaded, outcome.errors, outcome.warnings, outcome.feeds, initial,
            outcome.feed_titles,
        ))

    @on(SourcesLoaded)
    def _sources_loaded(self, event: SourcesLoaded) -> None:
        self.loaded.extend(event.loaded)
        for error in event.errors:
            self.notify_text(error, severity="error")
        for warning in event.warnings[:3]:
            self.notify_text(warning, severity="warning")
        if self.view == "all":
            self.article_list.reload(0)
        if event.opened is not None:
            if event.opened.id is not None:
                self.article_list.select_id(event.opened.id)
            self.show_article(event.opened)
        elif not event.initial and event.loaded:
            self.notify_text(f"{len(event.loaded)} berita dimuat.")
        self.update_status()
        self.ready = True
        if event.feeds:
            self.offer_subscriptions(event.feeds, event.feed_titles)

    @work(thread=True, exclusive=True, group="similar")
    def load_similar(self, article_id: int) -> None:
        try:
            rows = tasks.similar(article_id, self.ikn.worker_store)
        except StoreError:
            rows = []
        self.post_message(SimilarFound(article_id, rows))

    @on(SimilarFound)
    def _similar_found(self, event: SimilarFound) -> None:
        if self.article is not None and self.article.id == event.article_id:
            rows = [row for row in event.rows if row.id != event.article_id]
            self.related.show(self.article, rows, self.failed)

    @work(thread=True, group="complete")
    def complete_article(self, article: Article) -> None:
        result = tasks.complete(article, self.ikn.worker_store, self.ikn.fetcher_factory)
        self.post_message(FullArticleFetched(article.id, result.article, result.message))

    @on(FullArticleFetched)
    def _full_fetched(self, event: FullArticleFetched) -> None:
        current = self.article
        if current is None or current.id != event.article_id:
            return
        if event.article is None:
            self.note = f"Teks lengkap gagal dimuat: {event.message}"
            self.article_view.restyle(self.note, self.failed)
            return
        self.article = event.article
        self.note = None
        self.article_view.show(event.article, None, self.failed)
        if event.article.id is not None:
            self.load_similar(event.article.id)
        self.related.show(event.article, [], self.failed)

    def is_web(self, article: Article | None) -> bool:
        return article is not None and is_web_url(article.url)

    def current_row(self) -> ArticleRow | None:
        return None if self.view == "feeds" else self.article_list.highlighted_row
