"""Refreshing subscriptions from the reader, live (a plain helper the main
screen owns).

``r``/``R``/``ctrl+r`` (and the start-up refresh) run ``core.refresh`` in a
thread worker of the screen; each finished feed posts ``RefreshStatus``,
the end ``RefreshFinished``. The status bar shows the progress and throttles
re-reading the list; a refresh of some feeds (a new subscription) asked for
while another runs waits for it and runs next.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.screen import Screen
from textual.worker import get_current_worker

from ikn_tui.core.refresh import feed_label
from ikn_tui.i18n import _
from ikn_tui.ui import tasks
from ikn_tui.ui.context import ReaderContext
from ikn_tui.ui.messages import RefreshFinished, RefreshStatus
from ikn_tui.ui.notices import Severity, say
from ikn_tui.ui.problem_words import error_words, words
from ikn_tui.ui.widgets.status_bar import StatusBar


class Refresher:
    """``reload()`` re-reads what a refresh changed; ``changed()`` updates the status and the footer."""

    def __init__(
        self,
        screen: Screen[Any],
        context: ReaderContext,
        status_bar: Callable[[], StatusBar],
        reload: Callable[[], None],
        changed: Callable[[], None],
    ) -> None:
        self.screen = screen
        self.context = context
        self.status_bar = status_bar
        self.reload = reload
        self.changed = changed
        self.running = False
        self._queued: list[str] | None = None

    def _say(self, message: str, severity: Severity = "information") -> None:
        say(self.screen, message, severity)

    def refresh(self, only: str | None = None, key: str = "r") -> None:
        """All subscriptions (or the feed ``only``), or say why not."""
        if self.context.offline:
            why = "demo" if self.context.demo else "--offline"
            self._say(_("{key}: mode luring ({why}), langganan tidak diperbarui.").format(key=key, why=why), "warning")
        elif self.running:
            self._say(_("{key}: pembaruan sedang berjalan.").format(key=key))
        else:
            self.start([only] if only else None)

    def refresh_feeds(self, urls: list[str]) -> None:
        """Fetch only ``urls`` (new subscriptions): now, or after the running refresh."""
        if self.context.offline:
            self._say(_("Mode luring: feed diambil saat daring."))
        elif self.running:
            self._queued = [*(self._queued or []), *urls]
        else:
            self.start(urls)

    def extract_later(self) -> None:
        """Extract, in the background, the articles a refresh stored without
        their extraction (``core.bodies``): opening one never waits for it, and
        this pass keeps the search from having to."""

        def work() -> None:
            worker = get_current_worker()
            tasks.extract_stored(self.context.store_factory, lambda: worker.is_cancelled)

        self.screen.run_worker(work, thread=True, group="extract", exclusive=True, exit_on_error=False)

    def start(self, urls: list[str] | None) -> None:
        self.running = True
        self.status_bar().start(_("Memperbarui…"))
        self.changed()
        self.screen.run_worker(lambda: self._work(urls), thread=True, group="refresh", exclusive=True)

    def _work(self, urls: list[str] | None) -> None:
        screen, context = self.screen, self.context

        def progress(p: Any) -> None:
            screen.post_message(RefreshStatus(p.done, p.total, p.url, p.status, p.new))

        try:
            s = tasks.refresh(context.store_factory, context.fetcher_factory, progress, urls)
            screen.post_message(RefreshFinished(s.total, s.ok, s.failed, s.new, list(s.messages)))
        # A worker boundary: whatever goes wrong in a refresh ends as one line in the status bar,
        # never as a traceback that takes the reader down.
        except Exception as error:  # noqa: BLE001
            screen.post_message(RefreshFinished(0, 0, 0, 0, [], error_words(error, 200)))

    def progressed(self, event: RefreshStatus, feeds_view: bool) -> None:
        feed = feed_label(event.url, "ok", 40)  # the name alone; the failure worded here
        if feed_label(event.url, event.status, 40) != feed:
            feed = _("{feed} gagal").format(feed=feed)  # "kabar.example/rss gagal" when it failed
        bar = self.status_bar()
        bar.advance(event.done, event.total, _("Memperbarui {done}/{total} … {host}").format(
            done=event.done, total=event.total, host=feed
        ))
        self.changed()
        if event.new or feeds_view:
            bar.throttle(self.reload)

    def finished(self, event: RefreshFinished) -> None:
        self.running = False
        bar = self.status_bar()
        if event.error:
            bar.stop("")
            self._say(_("Pembaruan gagal: {error}").format(error=event.error), "error")
        else:
            bar.stop(_("Diperbarui: {new} baru, {failed} gagal").format(new=event.new, failed=event.failed))
            for message in event.messages[:3]:
                self._say(words(message), "warning")
        bar.reloaded()
        self.reload()
        self.changed()
        self.extract_later()
        queued, self._queued = self._queued, None
        if queued and not self.context.offline:
            self.start(queued)
