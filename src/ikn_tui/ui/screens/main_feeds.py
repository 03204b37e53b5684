"""The feeds view of the main screen and managing subscriptions.

``F`` swaps the list pane between the articles and the subscriptions
(``FeedList``); enter on a feed shows only its articles (``view == "feed"``),
escape goes back a step. ``a`` (feeds view) or the palette's "Langganan
feed…" subscribes and fetches the new feed; ``d`` unsubscribes after a
confirmation. An OPML file opened with "Buka feed…" offers to subscribe to
the feeds it names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content

from ikn_tui.core.store import StoreError
from ikn_tui.core.text import clean_line, is_web_url
from ikn_tui.ui import tasks
from ikn_tui.ui.widgets.feed_list import FeedList, FeedRow
from ikn_tui.ui.widgets.row_source import StoreRows

if TYPE_CHECKING:  # pragma: no cover
    from ikn_tui.ui.screens.main import MainScreen

    _Base = MainScreen
else:
    _Base = object

OFFER_SHOWN = 8  # URLs listed in the OPML confirmation


class FeedActions(_Base):
    """Mixed into ``MainScreen`` (message handlers go by name)."""

    feed_url: str | None = None  # the feed whose articles the list shows (view "feed")

    @property
    def feed_list(self: MainScreen) -> FeedList:
        return self.query_one(FeedList)

    def feed_rows(self: MainScreen) -> list[FeedRow]:
        try:
            subs = self.ikn.store.list_subscriptions()
            counts = self.ikn.store.feed_article_counts()
        except StoreError as error:
            self.notify_text(f"Langganan tidak terbaca: {error}", severity="error")
            return []
        return [FeedRow(sub, counts.get(sub.url, 0)) for sub in subs]

    def reload_feeds(self: MainScreen) -> None:
        self.feed_list.show(self.feed_rows())

    def show_list_pane(self: MainScreen, feeds: bool) -> None:
        """The feed list or the article list in the list pane (the other hidden)."""
        self.feed_list.display = feeds
        self.article_list.display = not feeds
        (self.feed_list if feeds else self.article_list).focus()

    # views ------------------------------------------------------------------
    def action_feeds_view(self: MainScreen) -> None:
        """``F``: the subscriptions; again (or from one feed's list): all articles."""
        if self.view in ("feeds", "feed"):
            self.show_all()
            return
        self.show_feeds()

    def show_feeds(self: MainScreen, keep_url: str | None = None) -> None:
        self.view = "feeds"
        self.feed_url = None
        self.feed_list.show(self.feed_rows(), keep_url)
        self.query_one("#list-pane").border_title = "Langganan"
        self.show_list_pane(True)
        self.update_status()
        self.refresh_bindings()

    def on_feed_list_chosen(self: MainScreen, event: FeedList.Chosen) -> None:
        event.stop()
        row = next((r for r in self.feed_list.rows if r.sub.url == event.url), None)
        name = row.name if row is not None else clean_line(event.url, 200)
        self.view = "feed"
        self.feed_url = event.url
        self.article_list.empty_message = "Belum ada berita dari feed ini."
        self.article_list.set_source(StoreRows(self.ikn.store, feed_url=event.url, label=name))
        # A str border title is markup: the feed's name is outside text.
        self.query_one("#list-pane").border_title = Content(clean_line(name, 30))
        self.show_list_pane(False)
        self.update_status()
        self.refresh_bindings()

    def leave_feed_view(self: MainScreen) -> None:
        """Escape: one feed's list -> the feeds; the feeds -> all articles."""
        if self.view == "feed":
            self.show_feeds(self.feed_url)
        else:
            self.show_all()

    # subscribing --------------------------------------------------------------
    def action_subscribe(self: MainScreen) -> None:
        """Palette "Langganan feed…": ask for a URL."""
        from ikn_tui.ui.screens.dialogs import PromptScreen

        self.app.push_screen(PromptScreen("Langganan feed…", "https://… alamat feed RSS/Atom"), self.subscribe_to)

    def action_add_feed(self: MainScreen) -> None:
        """``a`` in the feeds view."""
        self.action_subscribe()

    def subscribe_to(self: MainScreen, value: str | None) -> None:
        if not value:
            return
        url = clean_line(value, 2000)
        if not is_web_url(url):
            self.notify_text(f"Bukan alamat http(s): {url}", severity="warning")
            return
        try:
            added = self.ikn.store.add_subscription(url)
        except StoreError as error:
            self.notify_text(f"Langganan gagal: {error}", severity="error")
            return
        self.notify_text(f"Berlangganan: {url}" if added else f"Sudah berlangganan: {url}")
        self.after_subscribing([url])

    def after_subscribing(self: MainScreen, urls: list[str]) -> None:
        if self.view == "feeds":
            self.feed_list.show(self.feed_rows(), urls[0])
        self.update_status()
        self.refresh_feeds(urls)

    def offer_subscriptions(self: MainScreen, urls: list[str], titles: dict[str, str | None] | None = None) -> None:
        """An OPML file named these feeds: offer to subscribe to the new ones."""
        from ikn_tui.ui.screens.dialogs import ConfirmScreen

        try:
            known = {sub.url for sub in self.ikn.store.list_subscriptions()}
        except StoreError:
            known = set()
        fresh = [u for u in dict.fromkeys(clean_line(u, 2000) for u in urls) if is_web_url(u) and u not in known]
        if not fresh:
            return
        shown = "\n".join(clean_line(url, 70) for url in fresh[:OFFER_SHOWN])
        if len(fresh) > OFFER_SHOWN:
            shown += f"\n… dan {len(fresh) - OFFER_SHOWN} lagi"

        def answered(yes: bool | None) -> None:
            if yes:
                self.subscribe_many(fresh, titles or {})

        question = f"Berlangganan {len(fresh)} feed dari OPML ini?"
        self.app.push_screen(ConfirmScreen("Langganan dari OPML", question, shown), answered)

    def subscribe_many(self: MainScreen, urls: list[str], titles: dict[str, str | None]) -> None:
        try:
            added = tasks.subscribe(self.ikn.store, urls, titles).added
        except StoreError as error:
            self.notify_text(f"Langganan gagal: {error}", severity="error")
            return
        if added:
            self.notify_text(f"Berlangganan {len(added)} feed.")
            self.after_subscribing(added)

    def action_remove_feed(self: MainScreen) -> None:
        """``d`` on a feed in the feeds view: unsubscribe after a yes."""
        from ikn_tui.ui.screens.dialogs import ConfirmScreen

        row = self.feed_list.highlighted_row
        if row is None:
            return
        url = row.sub.url

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self.ikn.store.remove_subscription(url)
            except StoreError as error:
                self.notify_text(f"Gagal berhenti berlangganan: {error}", severity="error")
                return
            self.notify_text(f"Berhenti berlangganan: {row.name}. Berita yang tersimpan tetap ada.")
            if self.view == "feeds":
                self.reload_feeds()
            self.update_status()

        question = f"Berhenti berlangganan {row.name}?"
        self.app.push_screen(ConfirmScreen("Hapus langganan", question, clean_line(url, 200)), answered)
