"""The main screen: the list pane (left), the article (centre), related links (right).

The screen holds the reading state (the article on display, the history) and
answers the panes' messages; the panes own their own keys and views. What
it needs from outside comes in a ``ReaderContext``. Slow work runs in thread
workers (``ui.tasks``) and comes back as messages (``ui.messages``).
"""

from __future__ import annotations

from typing import Any, ClassVar, Literal, TypeVar, cast

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer

from ikn_tui.core.follow import find_known
from ikn_tui.core.models import Article, ArticleRow
from ikn_tui.core.store import StoreError
from ikn_tui.core.text import clean_line, is_web_url
from ikn_tui.i18n import _
from ikn_tui.ui import keys, tasks
from ikn_tui.ui.context import ReaderContext
from ikn_tui.ui.explain import has_browser, no_link_reason
from ikn_tui.ui.history import History
from ikn_tui.ui.messages import (
    FullArticleFetched,
    LinkResolved,
    RefreshFinished,
    RefreshStatus,
    SimilarFound,
    SourcesLoaded,
)
from ikn_tui.ui.problem_words import error_words, words
from ikn_tui.ui.screens.dialogs import ConfirmScreen
from ikn_tui.ui.screens.refreshing import Refresher
from ikn_tui.ui.screens.subscribing import Subscriptions
from ikn_tui.ui.sync_status import Syncer, SyncFinished
from ikn_tui.ui.undo import BookmarkChange, ReadChange, SubscriptionChange, UndoLog, describe
from ikn_tui.ui.waiting_keys import WaitingKeys
from ikn_tui.ui.widgets.article_list import ArticleList
from ikn_tui.ui.widgets.article_view import ArticleView
from ikn_tui.ui.widgets.feed_list import FeedList
from ikn_tui.ui.widgets.lead_photo import PhotoSource
from ikn_tui.ui.widgets.list_pane import ListPane
from ikn_tui.ui.widgets.related_pane import RelatedPane
from ikn_tui.ui.widgets.status_bar import StatusBar

Entry = int | Article  # a history entry: a store id, or an article with none
PaneT = TypeVar("PaneT", bound=Widget)
Severity = Literal["information", "warning", "error"]

# The actions whose availability (check_action) depends on state: the footer
# only needs rebuilding when one of their answers changes.
DYNAMIC_ACTIONS: tuple[tuple[str, tuple[object, ...]], ...] = (("clear_search", ()),)


class MainScreen(Screen[None]):
    """Reading: the list, the article and its related links."""

    HORIZONTAL_BREAKPOINTS = [(0, "-tiny"), (70, "-narrow"), (110, "-wide")]
    BINDINGS: ClassVar[list[BindingType]] = keys.bindings("main")

    def __init__(self, context: ReaderContext, sources: list[str] | None = None) -> None:
        super().__init__()
        self.context = context
        self.store = context.store
        self.sources = list(sources or [])
        self.article: Article | None = None
        self.history: History[Entry] = History()
        self.failed: set[int] = set()
        self.loaded: list[Article] = []
        self.ready = False  # sources loaded and the first view drawn (tests wait on it)
        self.note: str | None = None
        self._binding_state: tuple[bool | None, ...] | None = None
        self.syncer = Syncer(self, context, self.update_status, self.live_reload)
        self.refresher = Refresher(self, context, lambda: self.status_bar, self.live_reload, self._refresh_changed)
        # Keys pressed while an article is on its way (Enter's message is still
        # travelling, a link is being resolved, the full text is loading) wait
        # here and run in order once it is on display: never dropped, never
        # applied to the article that was there before.
        self.waiting = WaitingKeys(self._must_wait, self._run_action)
        self._resolving: Article | None = None  # a link of this article is being fetched
        self._completing: int | None = None  # this article's full text is being fetched
        self.undo_log = UndoLog()
        self._panes: dict[str, Widget] = {}
        self._scroll: dict[int, float] = {}
        self._removing: SubscriptionChange | None = None  # article id -> where it was scrolled to when left
        self.subscriptions = Subscriptions(self, self.store, self.after_subscribing, self.after_removing)

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
        self.related.border_title = _("Terkait")
        self.related.show(None, [], set())
        self.article_list.focus()
        self.update_status()
        # with a sync account: in the background (ui/sync_status.py)
        self.syncer.start(sync=self.context.sync_on_start)
        if self.context.refresh_every_minutes and not self.context.offline:
            self.set_interval(self.context.refresh_every_minutes * 60, self._refresh_every)
        if self.sources:
            self.load_sources(self.sources, initial=True)
        else:
            self.ready = True
            if not self.context.offline and self.context.refresh_on_start and self.subscriptions.count():
                self.action_refresh()
        if not self.refresher.running:
            self.refresher.extract_later()  # what an earlier refresh ('ikn-read refresh') left

    def _refresh_every(self) -> None:
        """``[refresh] every_minutes``: all subscriptions, unless a refresh is running."""
        if not self.refresher.running and self.subscriptions.count():
            self.refresher.refresh(None)

    def on_resize(self, event: events.Resize) -> None:
        # The footer's "^p Perintah" covers q and ? below 70 columns (ctrl+p still works).
        self.query_one(Footer).show_command_palette = event.size.width >= 70

    # panes ------------------------------------------------------------------------
    def _pane(self, name: str, kind: type[PaneT]) -> PaneT:
        """A pane, looked up once (the panes live as long as the screen; a query each
        time costs a DOM walk on every article opened)."""
        found = self._panes.get(name)
        if found is None:
            found = self._panes[name] = self.query_one(kind)
        return cast(PaneT, found)

    @property
    def list_pane(self) -> ListPane:
        return self._pane("list_pane", ListPane)

    @property
    def article_list(self) -> ArticleList:
        return self._pane("article_list", ArticleList)

    @property
    def feed_list(self) -> FeedList:
        return self._pane("feed_list", FeedList)

    @property
    def article_view(self) -> ArticleView:
        return self._pane("article_view", ArticleView)

    @property
    def related(self) -> RelatedPane:
        return self._pane("related", RelatedPane)

    @property
    def status_bar(self) -> StatusBar:
        return self._pane("status_bar", StatusBar)

    @property
    def view(self) -> str:
        """What the list shows: all, search, bookmarks, feeds or feed."""
        return self.list_pane.mode

    @property
    def refresh_line(self) -> str:
        return self.status_bar.refresh_line

    def update_status(self) -> None:
        parts = self.list_pane.status_parts(self.subscriptions.count())
        if self.context.offline:
            parts.append(_("luring"))
        self.status_bar.show(parts, self.syncer.words())

    def notify_text(self, message: str, *, severity: Severity = "information") -> None:
        """A toast with outside text in it, never parsed as markup."""
        self.notify(Content(clean_line(message, 300)), severity=severity)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Every key answers: an action that cannot act says why (see the actions),
        # so only escape is switched off when there is nothing to close.
        if action == "clear_search" and self.is_mounted:
            return self.list_pane.can_go_back or not self.list_pane.has_focus_within
        return True

    def sync_bindings(self) -> None:
        """``refresh_bindings`` only when an answer of ``check_action`` changed:
        the footer is rebuilt on every call (~10 ms of each article opened)."""
        state = tuple(self.check_action(action, params) for action, params in DYNAMIC_ACTIONS)
        if state != self._binding_state:
            self._binding_state = state
            self.refresh_bindings()

    @on(ListPane.ViewChanged)
    def _view_changed(self) -> None:
        self.update_status()
        self.refresh_bindings()

    # keys that wait for the article ------------------------------------------------------
    def _must_wait(self, action: str) -> bool:
        if self.article_list.opening is not None or self._resolving is not None:
            return True
        return action in ("follow", "bookmark") and self._completing is not None and (
            self.article is not None and self.article.id == self._completing
        )

    def _run_action(self, action: str, args: tuple[Any, ...]) -> None:
        getattr(self, f"action_{action}")(*args)

    def wait_for_article(self, action: str, *args: Any) -> bool:
        """Queue ``action`` when an article is on its way (True: queued)."""
        return self.waiting.hold(action, *args)

    def _run_waiting(self) -> None:
        self.waiting.release()

    # showing articles ----------------------------------------------------------------
    def read_article(self, article_id: int) -> Article | None:
        """A stored article; a bookmark's full offline copy when the row is only a summary."""
        store = self.store
        try:
            article = store.get_article(article_id, keep=False)  # extracted now if deferred; stored below
            if article is not None and article_id > 0 and store.is_unextracted(article_id):
                # stored by a worker once the article is drawn (the write would hold the store's lock)
                self.call_after_refresh(self.keep_extracted, article_id)
            if article is None or (not article.full and store.is_bookmarked(article_id)):
                copy = store.get_bookmark_article(article_id)
                if copy is not None and (article is None or copy.full):
                    copy.id = article_id if article is not None else copy.id
                    return copy
            return article
        except StoreError as error:
            self.notify_text(error_words(error), severity="error")
            return None

    def show_article(self, article: Article, *, record: bool = True) -> None:
        """Put ``article`` on display, mark it read, find related and similar."""
        entry: Entry = article.id if article.id is not None else article
        leaving = self.article
        if leaving is not None and leaving.id is not None and leaving.id != article.id:
            self._scroll[leaving.id] = self.article_view.scroll_y
        if record:
            self.history.visit(entry)
        else:
            self.history.replace(entry)
        self.article = article
        self.failed = set()
        self.note = None
        if not article.full and article.url and not self.context.offline and article.id is not None:
            self.note = _("Ringkasan dari feed; memuat teks lengkap…")
            self._completing = article.id
            self.complete_article(article)
        elif not article.full:
            self.note = _("Ringkasan dari feed (teks lengkap tidak tersedia luring).")
        self.article_view.show(article, self.note, self.failed)
        self.related.show(article, [], self.failed)
        if article.id is not None:
            self.load_similar(article.id)
            try:
                self.store.set_read(article.id, True)
            except StoreError:
                pass
            self.list_pane.mark_read(article.id)
        self.sync_bindings()

    def open_id(self, article_id: int, *, record: bool = True) -> None:
        article = self.read_article(article_id)
        if article is None:
            self.notify_text(_("Artikel tidak ada lagi di penyimpanan."), severity="warning")
            return
        self.show_article(article, record=record)

    def open_entry(self, entry: Entry | None) -> None:
        """Back/forward: the article again, scrolled where it was left."""
        if isinstance(entry, int):
            self.open_id(entry, record=False)
            where = self._scroll.get(entry)
            if where:
                view = self.article_view
                view.call_after_refresh(view.scroll_to, y=where, animate=False)
        elif entry is not None:
            self.show_article(entry, record=False)

    @on(ListPane.ArticleChosen)
    def _article_chosen(self, event: ListPane.ArticleChosen) -> None:
        self.article_list.opening = None
        self.open_id(event.article_id)
        if self.has_class("-tiny") and self.article is not None:
            self.show_reading(True)
        self._run_waiting()

    def show_reading(self, reading: bool) -> None:
        """Small terminals show one pane: the article (with its links) or the list."""
        self.set_class(reading, "-reading")
        if reading:
            self.set_focus(self.article_view)  # at once: keys typed right after scroll the article
        else:
            self.list_pane.focus_list()

    @on(RelatedPane.OpenSimilar)
    def _similar_chosen(self, event: RelatedPane.OpenSimilar) -> None:
        self.open_id(event.article_id)

    # workers -------------------------------------------------------------------------
    @work(thread=True, group="load")
    def load_sources(self, specs: list[str], initial: bool) -> None:
        context = self.context
        fetcher = None if context.offline else context.fetcher_factory
        outcome = tasks.load_sources(specs, context.store_factory, fetcher)
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
        self.list_pane.sources_loaded()
        if event.opened is not None:
            if event.opened.id is not None:
                self.article_list.select_id(event.opened.id)
            self.show_article(event.opened)
        elif not event.initial and event.loaded:
            self.notify_text(_("{n} berita dimuat.").format(n=len(event.loaded)))
        self.update_status()
        self.ready = True
        if event.feeds:
            self.subscriptions.offer(event.feeds, event.feed_titles)

    @work(thread=True, group="keep-extracted", exit_on_error=False)
    def keep_extracted(self, article_id: int) -> None:
        """Store the extraction of an article opened before its turn in the idle pass."""
        tasks.keep_extracted(article_id, self.context.store_factory)

    @work(thread=True, exclusive=True, group="similar")
    def load_similar(self, article_id: int) -> None:
        try:
            rows = tasks.similar(article_id, self.context.store_factory)
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
        result = tasks.complete(article, self.context.store_factory, self.context.fetcher_factory)
        self.post_message(FullArticleFetched(article.id, result.article, words(result.message) or None))

    @on(FullArticleFetched)
    def _full_fetched(self, event: FullArticleFetched) -> None:
        if self._completing == event.article_id:
            self._completing = None
        try:
            self._show_full(event)
        finally:
            self._run_waiting()

    def _show_full(self, event: FullArticleFetched) -> None:
        current = self.article
        if current is None or current.id != event.article_id:
            return
        if event.article is None:
            self.note = _("Teks lengkap gagal dimuat: {message}").format(message=event.message)
            self.article_view.restyle(self.note, self.failed)
            return
        self.article = event.article
        self.note = None
        self.article_view.show(event.article, None, self.failed)
        if event.article.id is not None:
            self.load_similar(event.article.id)
        self.related.show(event.article, [], self.failed)

    # links and history ---------------------------------------------------------------
    def action_follow(self, number: int) -> None:
        if self.wait_for_article("follow", number):
            return
        article = self.article
        if article is None or not 1 <= number <= len(article.related):
            self.notify_text(no_link_reason(article, number), severity="warning")
            return
        link = article.related[number - 1]
        try:
            known = find_known(link, self.store, self.loaded)
        except StoreError:
            known = None
        if known is not None and known.article is not None:
            self.show_article(known.article)
            return
        if self.context.offline or not is_web_url(link.url):  # javascript:, file:, data: ... do nothing
            why = _("luring") if self.context.offline else _("tanpa alamat web")
            self.mark_failed(number, _("Tidak ditemukan ({why}): {title}").format(why=why, title=link.title))
            return
        self.notify_text(_("Membuka: {title}").format(title=link.title))
        self._resolving = article
        self.resolve_link(article, number)

    @on(RelatedPane.Follow)
    def _follow_chosen(self, event: RelatedPane.Follow) -> None:
        self.action_follow(event.number)

    @work(thread=True, group="resolve")
    def resolve_link(self, article: Article, number: int) -> None:
        link = article.related[number - 1]
        context = self.context
        result = tasks.resolve(link, list(self.loaded), context.store_factory, context.fetcher_factory, context.offline)
        self.post_message(LinkResolved(link, number, result.article, words(result.message) or None))

    @on(LinkResolved)
    def _link_resolved(self, event: LinkResolved) -> None:
        origin, self._resolving = self._resolving, None
        try:
            self._show_resolved(event, origin)
        finally:
            self._run_waiting()

    def _show_resolved(self, event: LinkResolved, origin: Article | None) -> None:
        if origin is not None and origin is not self.article:
            return  # another article was opened meanwhile: it stays on display
        if event.article is not None:
            self.show_article(event.article)
            self.article_list.reload_anchored()
            self.update_status()
            return
        self.mark_failed(event.number, event.message or _("Tautan tidak ditemukan"))

    def mark_failed(self, number: int, message: str) -> None:
        self.failed.add(number)
        self.article_view.restyle(self.note, self.failed)
        self.related.show(self.article, [], self.failed)
        if self.article is not None and self.article.id is not None:
            self.load_similar(self.article.id)
        self.notify_text(message, severity="warning")

    def action_back(self) -> None:
        if self.wait_for_article("back"):
            return
        if not self.history.can_go_back:
            self.notify_text(_("Tidak ada halaman sebelumnya."))
            return
        self.open_entry(self.history.back())

    def action_forward(self) -> None:
        if self.wait_for_article("forward"):
            return
        if not self.history.can_go_forward:
            self.notify_text(_("Tidak ada halaman berikutnya."))
            return
        self.open_entry(self.history.forward())

    # article actions -----------------------------------------------------------------
    def action_bookmark(self) -> None:
        if self.wait_for_article("bookmark"):
            return
        article = self.article
        row = self.list_pane.current_row
        if article is None and row is not None:
            article = self.read_article(row.id)  # no article open: the highlighted row
        if article is None:
            self.notify_text(_("b: pilih berita di daftar dulu."), severity="warning")
            return
        store = self.store
        try:
            if article.id is None:
                upserted = store.upsert_articles([article])
                article.id = upserted.ids[0] if upserted.ids else None
            if article.id is not None and store.is_bookmarked(article.id):
                store.remove_bookmark(article.id)
                self.undo_log.record(BookmarkChange(article, added=False))
                self.notify_text(_("Markah dihapus (u: urungkan)."))
            else:
                store.add_bookmark(article)
                self.undo_log.record(BookmarkChange(article, added=True))
                self.notify_text(_("Disimpan ke markah (bisa dibaca luring)."))
        except StoreError as error:
            self.notify_text(_("Markah gagal: {error}").format(error=error_words(error)), severity="error")
            return
        self.list_pane.bookmark_changed(article.id)
        self.update_status()

    def action_toggle_read(self) -> None:
        """Toggle read on the highlighted row (list focused) or the article on display."""
        if self.wait_for_article("toggle_read"):
            return
        row = self.list_pane.current_row
        article = self.article
        if article is not None and article.id is not None and (row is None or not self.article_list.has_focus):
            article_id, read = article.id, self._is_read(article.id)
        elif row is not None:
            article_id, read = row.id, row.read
        else:
            self.notify_text(_("m: tidak ada berita yang dipilih."), severity="warning")
            return
        try:
            self.store.set_read(article_id, not read)
        except StoreError as error:
            self.notify_text(_("Gagal menandai: {error}").format(error=error_words(error)), severity="error")
            return
        self.undo_log.record(ReadChange({article_id: read}, _("tanda baca")))
        self.list_pane.read_changed(article_id, not read)
        self.notify_text(_("Ditandai sudah dibaca.") if not read else _("Ditandai belum dibaca."))

    def _is_read(self, article_id: int) -> bool:
        try:
            return self.store.is_read(article_id)
        except StoreError:  # a broken database: assume read, the toggle then marks unread
            return True

    def action_open_browser(self) -> None:
        if self.wait_for_article("open_browser"):
            return
        article = self.article
        if article is None:
            self.notify_text(_("o: buka artikel dulu (Enter)."), severity="warning")
            return
        if not is_web_url(article.url):
            self.notify_text(_("o: artikel ini tidak punya alamat web."), severity="warning")
            return
        if not has_browser() and not getattr(self.app, "browser_command", ""):
            self.notify_text(_("o: tidak ada peramban di sini. Alamatnya: {url}").format(
                url=article.url
            ), severity="warning")
            return
        command = getattr(self.app, "browser_command", "")  # browser = "..." in config.toml
        if command:
            from ikn_tui.launch import open_with

            failed = open_with(command, article.url or "")
            if failed:
                self.notify_text(
                    _("o: peramban {command!r}: {failed}").format(command=command, failed=failed), severity="warning"
                )
            return
        self.app.open_url(article.url or "")

    # newsboat habits -------------------------------------------------------------------
    def action_toggle_photo(self) -> None:
        shown = self.article_view.photo.toggle()
        self.notify_text(_("Foto ditampilkan.") if shown else _("Foto disembunyikan."))

    def action_page(self) -> None:
        """Space from any pane: page the article."""
        if self.wait_for_article("page"):
            return
        if self.article is None:
            self.notify_text(_("Spasi: buka artikel dulu (Enter)."), severity="warning")
            return
        self.article_view.scroll_page_down(animate=False)

    def action_to_article(self) -> None:
        """``l``: open the highlighted row if it is not on display, and go to the article."""
        row = self.list_pane.current_row
        if self.list_pane.has_focus_within and row is not None and (self.article is None or self.article.id != row.id):
            self.open_id(row.id)
        if self.article is None:
            self.notify_text(_("l: pilih berita di daftar dulu."), severity="warning")
            return
        self.show_reading(True)

    def action_to_list(self) -> None:
        """``h``: back to the list."""
        self.show_reading(False)

    def action_next_unread(self) -> None:
        self._open_unread(older=True)

    def action_previous_unread(self) -> None:
        self._open_unread(older=False)

    def _open_unread(self, older: bool) -> None:
        if self.wait_for_article("next_unread" if older else "previous_unread"):
            return
        found = self.list_pane.find_unread(older)
        if found is None:
            where = _("di bawah") if older else _("di atas")
            self.notify_text(_("{key}: tidak ada berita belum dibaca {where}.").format(
                key="n" if older else "N", where=where
            ))
            return
        self.list_pane.article_list.select_article(found)
        self.open_id(found)

    def action_mark_all_read(self) -> None:
        """``A``: every article of the list on show read, after a one-key yes."""
        ids = self.list_pane.unread_ids()
        if ids is None:
            self.notify_text(_("A: tidak ada daftar berita di sini."), severity="warning")
            return
        if not ids:
            self.notify_text(_("A: semua berita di daftar ini sudah dibaca."))
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self.store.set_read_many(ids, True)
            except StoreError as error:
                self.notify_text(_("Gagal menandai: {error}").format(error=error_words(error)), severity="error")
                return
            self.undo_log.record(ReadChange(dict.fromkeys(ids, False), _("{n} berita ditandai dibaca").format(
                n=len(ids)
            )))
            self.list_pane.reload_marks()
            self.notify_text(_("{n} berita ditandai sudah dibaca (u: urungkan).").format(n=len(ids)))

        question = _("Tandai {n} berita di daftar ini sudah dibaca?").format(n=len(ids))
        self.app.push_screen(ConfirmScreen(_("Tandai semua dibaca"), question), answered)

    def action_undo(self) -> None:
        try:
            change = self.undo_log.undo(self.store)
        except StoreError as error:
            self.notify_text(_("u: gagal mengurungkan: {error}").format(error=error_words(error)), severity="error")
            return
        if change is None:
            self.notify_text(_("u: tidak ada yang bisa diurungkan."))
            return
        if isinstance(change, SubscriptionChange):
            if self.view == "feeds":
                self.list_pane.reload_feeds(change.url)
        else:
            self.list_pane.reload_marks()
        self.update_status()
        self.notify_text(describe(change))

    # views -----------------------------------------------------------------------------
    def action_bookmarks_view(self) -> None:
        self.list_pane.toggle_bookmarks()

    def action_feeds_view(self) -> None:
        self.list_pane.toggle_feeds()

    def action_search(self) -> None:
        self.list_pane.open_search()

    def action_clear_search(self) -> None:
        """Escape: back to the list from the article; in the list, back a step."""
        if not self.list_pane.has_focus_within:
            self.show_reading(False)
        else:
            self.list_pane.back()

    def current_row(self) -> ArticleRow | None:
        return self.list_pane.current_row

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
        self._removing = SubscriptionChange(event.url, title)
        self.subscriptions.remove(event.url, event.name)

    def after_subscribing(self, urls: list[str]) -> None:
        if self.view == "feeds":
            self.list_pane.reload_feeds(urls[0])
        self.update_status()
        self.refresh_feeds(urls)

    def after_removing(self) -> None:
        if self._removing is not None:
            self.undo_log.record(self._removing)
            self._removing = None
        if self.view == "feeds":
            self.list_pane.reload_feeds()
        self.update_status()

    # refreshing --------------------------------------------------------------------------
    @property
    def refreshing(self) -> bool:
        return self.refresher.running

    def action_refresh(self) -> None:
        """``r``: all subscriptions (and the feed server); in the feeds view the highlighted feed."""
        if not self.context.offline:
            self.syncer.start()  # the feed server too, when there is a sync account
        self.refresher.refresh(self.feed_list.highlighted_url if self.view == "feeds" else None)

    def action_refresh_all(self) -> None:
        if not self.context.offline:
            self.syncer.start()
        self.refresher.refresh(None, key="R")

    @on(SyncFinished)
    def _sync_finished(self, event: SyncFinished) -> None:
        self.syncer.finished(event)

    def refresh_feeds(self, urls: list[str]) -> None:
        self.refresher.refresh_feeds(urls)

    def _refresh_changed(self) -> None:
        self.update_status()
        self.refresh_bindings()

    @on(RefreshStatus)
    def _refresh_status(self, event: RefreshStatus) -> None:
        self.refresher.progressed(event, self.view == "feeds")

    @on(RefreshFinished)
    def _refresh_finished(self, event: RefreshFinished) -> None:
        self.refresher.finished(event)

    def live_reload(self) -> None:
        self.list_pane.live_reload()
        self.update_status()
