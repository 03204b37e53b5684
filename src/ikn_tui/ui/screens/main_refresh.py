"""Refreshing subscriptions from the main screen, live.

``r`` (and the start-up refresh) runs ``core.refresh.refresh_all`` in a
thread worker. Each finished feed posts ``RefreshStatus``; the list window
is re-read at most every ``LIVE_RELOAD_SECONDS`` with the cursor kept on the
same article, and a ProgressBar in the status bar shows done/total. A
refresh of only some feeds (a new subscription) asked for while another
runs waits for it and runs next.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from textual import work
from textual.timer import Timer
from textual.widgets import ProgressBar

from ikn_tui.core.text import clean_line
from ikn_tui.ui import tasks
from ikn_tui.ui.messages import RefreshFinished, RefreshStatus

if TYPE_CHECKING:  # pragma: no cover
    from ikn_tui.ui.screens.main import MainScreen

    _Base = MainScreen
else:
    _Base = object

LIVE_RELOAD_SECONDS = 0.5


class RefreshActions(_Base):
    """Mixed into ``MainScreen`` (message handlers go by name)."""

    _live_timer: Timer | None = None
    _live_at: float = 0.0
    _queued_urls: list[str] | None = None

    def action_refresh(self: MainScreen) -> None:
        if self.ikn.offline:
            self.notify_text("Mode luring: langganan tidak diperbarui.")
            return
        self.start_sync()  # the feed server too, when there is a sync account
        if self.refreshing:
            return
        self.start_refresh(None)

    def refresh_feeds(self: MainScreen, urls: list[str]) -> None:
        """Fetch only ``urls`` (new subscriptions): now, or after the running refresh."""
        if self.ikn.offline:
            self.notify_text("Mode luring: feed diambil saat daring.")
            return
        if self.refreshing:
            self._queued_urls = [*(self._queued_urls or []), *urls]
            return
        self.start_refresh(urls)

    def start_refresh(self: MainScreen, urls: list[str] | None) -> None:
        self.refreshing = True
        self.refresh_line = "Memperbarui…"
        bar = self.query_one("#refresh-progress", ProgressBar)
        bar.update(total=None, progress=0)
        bar.display = True
        self.update_status()
        self.refresh_bindings()
        self.run_refresh(urls)

    @work(thread=True, exclusive=True, group="refresh")
    def run_refresh(self: MainScreen, urls: list[str] | None = None) -> None:
        def progress(p: object) -> None:
            self.post_message(RefreshStatus(
                p.done, p.total, p.url, p.status, p.new  # type: ignore[attr-defined]
            ))

        try:
            s = tasks.refresh(self.ikn.worker_store, self.ikn.fetcher_factory, progress, urls)
            self.post_message(RefreshFinished(s.total, s.ok, s.failed, s.new, list(s.messages)))
        # A worker boundary: whatever goes wrong in a refresh ends as one line in the status bar,
        # never as a traceback that takes the reader down.
        except Exception as error:  # noqa: BLE001
            self.post_message(RefreshFinished(0, 0, 0, 0, [], clean_line(str(error), 200)))

    def on_refresh_status(self: MainScreen, event: RefreshStatus) -> None:
        host = clean_line(event.url, 40)
        self.refresh_line = f"Memperbarui {event.done}/{event.total} … {host}"
        self.query_one("#refresh-progress", ProgressBar).update(total=event.total, progress=event.done)
        self.update_status()
        if event.new or self.view == "feeds":
            self.schedule_live_reload()

    def schedule_live_reload(self: MainScreen) -> None:
        """Re-read the list now, or once when ``LIVE_RELOAD_SECONDS`` have passed."""
        if self._live_timer is not None:
            return
        wait = self._live_at + LIVE_RELOAD_SECONDS - time.monotonic()
        if wait <= 0:
            self.live_reload()
        else:
            self._live_timer = self.set_timer(wait, self._live_timer_fired)

    def _live_timer_fired(self: MainScreen) -> None:
        self._live_timer = None
        self.live_reload()

    def live_reload(self: MainScreen) -> None:
        """What the refresh changed: the rows of the open list, or the feeds' statuses."""
        self._live_at = time.monotonic()
        if self.view in ("all", "feed"):
            self.article_list.reload_anchored()
        elif self.view == "feeds":
            self.reload_feeds()
        self.update_status()

    def on_refresh_finished(self: MainScreen, event: RefreshFinished) -> None:
        self.refreshing = False
        if self._live_timer is not None:
            self._live_timer.stop()
            self._live_timer = None
        self.query_one("#refresh-progress", ProgressBar).display = False
        if event.error:
            self.refresh_line = ""
            self.notify_text(f"Pembaruan gagal: {event.error}", severity="error")
        else:
            self.refresh_line = f"Diperbarui: {event.new} baru, {event.failed} gagal"
            for message in event.messages[:3]:
                self.notify_text(message, severity="warning")
        self.live_reload()
        self.refresh_bindings()
        queued, self._queued_urls = self._queued_urls, None
        if queued and not self.ikn.offline:
            self.start_refresh(queued)
