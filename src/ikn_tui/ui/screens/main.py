"""The main screen: the list pane (left), the article (centre), related links (right).

The screen composes the panes, binds the reader's keys and answers the panes'
and the workers' messages; the panes own their own keys and views. The work
itself is done by plain helpers the screen owns and calls, each given what it
needs: ``Reading`` (the article on display and the history), ``LinkFollower``
(Baca juga links), ``Navigation`` (between the list and the article),
``Marking`` (bookmarks, read marks, undo), ``SourceLoader`` (sources opened),
``Updater`` (refresh and sync), ``Subscriptions``, and ``key_rules`` with
``WaitingKeys`` (when a key acts). What it needs from outside comes in a
``ReaderContext``. Slow work runs in thread workers (``ui.tasks``) and comes
back as messages (``ui.messages``).
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer

from ikn_tui.core.models import Article
from ikn_tui.i18n import _
from ikn_tui.ui import keys
from ikn_tui.ui.browser import open_in_browser
from ikn_tui.ui.context import ReaderContext
from ikn_tui.ui.history import History
from ikn_tui.ui.messages import (
    FullArticleFetched,
    LinkResolved,
    RefreshFinished,
    RefreshStatus,
    SimilarFound,
    SourcesLoaded,
)
from ikn_tui.ui.notices import say
from ikn_tui.ui.screens.following import LinkFollower
from ikn_tui.ui.screens.key_rules import FooterKeys, available, must_wait
from ikn_tui.ui.screens.marking import Marking
from ikn_tui.ui.screens.navigation import Navigation
from ikn_tui.ui.screens.panes import ReaderPanes
from ikn_tui.ui.screens.reading import Entry, Reading
from ikn_tui.ui.screens.sources import SourceLoader
from ikn_tui.ui.screens.subscribing import Subscriptions
from ikn_tui.ui.screens.updating import Updater
from ikn_tui.ui.sync_status import SyncFinished
from ikn_tui.ui.undo import SubscriptionChange
from ikn_tui.ui.waiting_keys import WaitingKeys
from ikn_tui.ui.widgets.article_list import ArticleList
from ikn_tui.ui.widgets.article_view import ArticleView
from ikn_tui.ui.widgets.feed_list import FeedList
from ikn_tui.ui.widgets.lead_photo import PhotoSource
from ikn_tui.ui.widgets.list_pane import ListPane
from ikn_tui.ui.widgets.related_pane import RelatedPane
from ikn_tui.ui.widgets.status_bar import StatusBar


class MainScreen(Screen[None]):
    """Reading: the list, the article and its related links."""

    HORIZONTAL_BREAKPOINTS = [(0, "-tiny"), (70, "-narrow"), (110, "-wide")]
    BINDINGS: ClassVar[list[BindingType]] = keys.bindings("main")

    def __init__(self, context: ReaderContext, sources: list[str] | None = None) -> None:
        super().__init__()
        self.context = context
        self.store = context.store
        self.sources = list(sources or [])
        self.panes = ReaderPanes(self)
        # looked up at each call, as self.refresh_bindings() was (a test counts the calls)
        self.footer_keys = FooterKeys(self.check_action, lambda: self.refresh_bindings())
        self.reading = Reading(self, context, self.panes, self.footer_keys.sync)
        self.subscriptions = Subscriptions(self, self.store, self.after_subscribing, self.after_removing)
        self.updater = Updater(
            self, context, self.panes, self.subscriptions.count, self.update_status, self._refresh_changed
        )
        loaded: list[Article] = []  # articles opened from sources this session, for following links
        self.follower = LinkFollower(self, context, self.reading, loaded, self._link_arrived)
        self.source_loader = SourceLoader(
            self, context, self.panes, self.reading, self.subscriptions, loaded, self.update_status
        )
        self.marking = Marking(self, self.reading, self.panes, self.update_status)
        self.navigation = Navigation(self, self.panes, self.reading)
        # Keys pressed while an article is on its way (Enter's message is still
        # travelling, a link is being resolved, the full text is loading) wait
        # here and run in order once it is on display: never dropped, never
        # applied to the article that was there before.
        self.waiting = WaitingKeys(
            lambda action: must_wait(action, self.panes, self.reading, self.follower), self._run_action
        )

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            yield ListPane(self.store, id="list-pane")
            with Horizontal(id="reading"):
                context = self.context
                photo = PhotoSource(context.store_factory, context.fetcher_factory, context.offline,
                                    context.images, context.image_renderer)
                yield ArticleView(photo, id="article-view")
                yield RelatedPane(id="related-pane")
        yield StatusBar(id="status-bar")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.article_view.border_title = _("Artikel")
        self.panes.related.border_title = _("Terkait")
        self.panes.related.show(None, [], set())
        self.article_list.focus()
        self.update_status()
        self.updater.start()  # with a sync account: a sync in the background (ui/sync_status.py)
        if self.sources:
            self.load_sources(self.sources, initial=True)
        else:
            self.source_loader.ready = True
            self.updater.refresh_on_start()
        self.updater.extract_left_over()

    def on_resize(self, event: events.Resize) -> None:
        # The footer's "^p Perintah" covers q and ? below 70 columns (ctrl+p still works).
        self.query_one(Footer).show_command_palette = event.size.width >= 70

    # what tests and the app read -------------------------------------------------------
    @property
    def article(self) -> Article | None:
        """The article on display."""
        return self.reading.article

    @property
    def failed(self) -> set[int]:
        """The numbers of its links that led nowhere."""
        return self.reading.failed

    @property
    def history(self) -> History[Entry]:
        return self.reading.history

    @property
    def ready(self) -> bool:
        """Sources loaded and the first view drawn (tests wait on it)."""
        return self.source_loader.ready

    @property
    def article_list(self) -> ArticleList:
        return self.panes.article_list

    @property
    def feed_list(self) -> FeedList:
        return self.panes.feed_list

    @property
    def article_view(self) -> ArticleView:
        return self.panes.article_view

    @property
    def view(self) -> str:
        """What the list shows: all, search, bookmarks, feeds or feed."""
        return self.panes.view

    @property
    def refresh_line(self) -> str:
        return self.panes.status_bar.refresh_line

    @property
    def refreshing(self) -> bool:
        return self.updater.running

    def update_status(self) -> None:
        parts = self.panes.list_pane.status_parts(self.subscriptions.count())
        if self.context.offline:
            parts.append(_("luring"))
        self.panes.status_bar.show(parts, self.updater.syncer.words())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return available(action, self.panes) if self.is_mounted else True

    @on(ListPane.ViewChanged)
    def _view_changed(self) -> None:
        self.update_status()
        self.refresh_bindings()

    def _run_action(self, action: str, args: tuple[Any, ...]) -> None:
        getattr(self, f"action_{action}")(*args)

    # opening articles --------------------------------------------------------------------
    def show_article(self, article: Article, *, record: bool = True) -> None:
        self.reading.show(article, record=record)

    def open_id(self, article_id: int, *, record: bool = True) -> None:
        self.reading.open_id(article_id, record=record)

    def load_sources(self, specs: list[str], initial: bool) -> None:
        self.source_loader.load(specs, initial)

    @on(SourcesLoaded)
    def _sources_loaded(self, event: SourcesLoaded) -> None:
        self.source_loader.loaded_now(event)

    @on(ListPane.ArticleChosen)
    def _article_chosen(self, event: ListPane.ArticleChosen) -> None:
        self.navigation.chosen(event.article_id)
        self.waiting.release()

    @on(RelatedPane.OpenSimilar)
    def _similar_chosen(self, event: RelatedPane.OpenSimilar) -> None:
        self.open_id(event.article_id)

    @on(SimilarFound)
    def _similar_found(self, event: SimilarFound) -> None:
        self.reading.similar_found(event)

    @on(FullArticleFetched)
    def _full_fetched(self, event: FullArticleFetched) -> None:
        try:
            self.reading.full_fetched(event)
        finally:
            self.waiting.release()

    # links and history ---------------------------------------------------------------
    def action_follow(self, number: int) -> None:
        if not self.waiting.hold("follow", number):
            self.follower.follow(number)

    @on(RelatedPane.Follow)
    def _follow_chosen(self, event: RelatedPane.Follow) -> None:
        self.action_follow(event.number)

    @on(LinkResolved)
    def _link_resolved(self, event: LinkResolved) -> None:
        try:
            self.follower.resolved(event)
        finally:
            self.waiting.release()

    def _link_arrived(self) -> None:
        self.article_list.reload_anchored()
        self.update_status()

    def action_back(self) -> None:
        if not self.waiting.hold("back"):
            self.reading.back()

    def action_forward(self) -> None:
        if not self.waiting.hold("forward"):
            self.reading.forward()

    # article actions -----------------------------------------------------------------
    def action_bookmark(self) -> None:
        if not self.waiting.hold("bookmark"):
            self.marking.bookmark()

    def action_toggle_read(self) -> None:
        if not self.waiting.hold("toggle_read"):
            self.marking.toggle_read()

    def action_mark_all_read(self) -> None:
        self.marking.mark_all_read()

    def action_undo(self) -> None:
        self.marking.undo()

    def action_open_browser(self) -> None:
        if not self.waiting.hold("open_browser"):
            open_in_browser(self, self.article)

    def action_toggle_photo(self) -> None:
        shown = self.article_view.photo.toggle()
        say(self, _("Foto ditampilkan.") if shown else _("Foto disembunyikan."))

    # moving about ----------------------------------------------------------------------
    def action_page(self) -> None:
        if not self.waiting.hold("page"):
            self.navigation.page()

    def action_to_article(self) -> None:
        self.navigation.to_article()

    def action_to_list(self) -> None:
        self.navigation.show_reading(False)

    def action_next_unread(self) -> None:
        if not self.waiting.hold("next_unread"):
            self.navigation.open_unread(older=True)

    def action_previous_unread(self) -> None:
        if not self.waiting.hold("previous_unread"):
            self.navigation.open_unread(older=False)

    def action_bookmarks_view(self) -> None:
        self.panes.list_pane.toggle_bookmarks()

    def action_feeds_view(self) -> None:
        self.panes.list_pane.toggle_feeds()

    def action_search(self) -> None:
        self.panes.list_pane.open_search()

    def action_clear_search(self) -> None:
        self.navigation.back_a_step()

    # subscriptions ---------------------------------------------------------------------
    def action_subscribe(self) -> None:
        """Palette "Langganan feed…"."""
        self.subscriptions.ask()

    @on(FeedList.AddRequested)
    def _add_requested(self) -> None:
        self.subscriptions.ask()

    @on(FeedList.RemoveRequested)
    def _remove_requested(self, event: FeedList.RemoveRequested) -> None:
        title = next((row.sub.title for row in self.feed_list.rows if row.sub.url == event.url), None)
        self.subscriptions.remove(event.url, event.name, title)

    def after_subscribing(self, urls: list[str]) -> None:
        if self.view == "feeds":
            self.panes.list_pane.reload_feeds(urls[0])
        self.update_status()
        self.updater.refresh_feeds(urls)

    def after_removing(self, change: SubscriptionChange) -> None:
        self.marking.subscription_removed(change)
        if self.view == "feeds":
            self.panes.list_pane.reload_feeds()
        self.update_status()

    # refreshing and syncing --------------------------------------------------------------
    def action_refresh(self) -> None:
        self.updater.refresh()

    def action_refresh_all(self) -> None:
        self.updater.refresh_all()

    def _refresh_changed(self) -> None:
        self.update_status()
        self.refresh_bindings()

    @on(SyncFinished)
    def _sync_finished(self, event: SyncFinished) -> None:
        self.updater.sync_finished(event)

    @on(RefreshStatus)
    def _refresh_status(self, event: RefreshStatus) -> None:
        self.updater.progressed(event)

    @on(RefreshFinished)
    def _refresh_finished(self, event: RefreshFinished) -> None:
        self.updater.finished(event)
