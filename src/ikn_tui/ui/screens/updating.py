"""When the reader fetches news (a plain helper the main screen owns): at
start, every ``[refresh] every_minutes``, on ``r``/``R``/``ctrl+r`` and after a
new subscription; the feed server's sync goes with each refresh from a key.

It joins the two workers that do the fetching: ``Refresher``
(``screens/refreshing.py``, the subscriptions) and ``Syncer``
(``ui/sync_status.py``, a Fever or Google Reader account). The screen hands
their messages (``RefreshStatus``, ``RefreshFinished``, ``SyncFinished``) here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.screen import Screen

from ikn_tui.ui.context import ReaderContext
from ikn_tui.ui.messages import RefreshFinished, RefreshStatus
from ikn_tui.ui.screens.panes import ReaderPanes
from ikn_tui.ui.screens.refreshing import Refresher
from ikn_tui.ui.sync_status import Syncer, SyncFinished


class Updater:
    """``subscriptions()`` counts the feeds (None: the store cannot tell);
    ``status()`` redraws the status line; ``changed()`` redraws the status
    line and the footer while a refresh runs and when it ends."""

    def __init__(
        self,
        screen: Screen[Any],
        context: ReaderContext,
        panes: ReaderPanes,
        subscriptions: Callable[[], int | None],
        status: Callable[[], None],
        changed: Callable[[], None],
    ) -> None:
        self.screen = screen
        self.context = context
        self.panes = panes
        self.subscriptions = subscriptions
        self.status = status
        self.syncer = Syncer(screen, context, status, self.live_reload)
        self.refresher = Refresher(screen, context, lambda: panes.status_bar, self.live_reload, changed)

    @property
    def running(self) -> bool:
        """A refresh is running."""
        return self.refresher.running

    def start(self) -> None:
        """At mount: the sync at start (with an account) and the every-N-minutes timer."""
        context = self.context
        self.syncer.start(sync=context.sync_on_start)
        if context.refresh_every_minutes and not context.offline:
            self.screen.set_interval(context.refresh_every_minutes * 60, self._every)

    def refresh_on_start(self) -> None:
        """``[refresh] on_start``: as ``r`` would, when there is something to refresh."""
        context = self.context
        if not context.offline and context.refresh_on_start and self.subscriptions():
            self.refresh()

    def extract_left_over(self) -> None:
        """What an earlier refresh ('ikn-read refresh') left unextracted, unless a refresh runs now."""
        if not self.refresher.running:
            self.refresher.extract_later()

    def _every(self) -> None:
        """``[refresh] every_minutes``: all subscriptions, unless a refresh is running."""
        if not self.refresher.running and self.subscriptions():
            self.refresher.refresh(None)

    def refresh(self) -> None:
        """``r``: all subscriptions (and the feed server); in the feeds view the highlighted feed."""
        if not self.context.offline:
            self.syncer.start()  # the feed server too, when there is a sync account
        panes = self.panes
        self.refresher.refresh(panes.feed_list.highlighted_url if panes.view == "feeds" else None)

    def refresh_all(self) -> None:
        """``R``, ``ctrl+r``: all subscriptions (and the feed server), whatever the view."""
        if not self.context.offline:
            self.syncer.start()
        self.refresher.refresh(None, key="R")

    def refresh_feeds(self, urls: list[str]) -> None:
        """Only ``urls`` (new subscriptions)."""
        self.refresher.refresh_feeds(urls)

    def live_reload(self) -> None:
        """Re-read the list and the status line (a refresh or a sync brought news)."""
        self.panes.list_pane.live_reload()
        self.status()

    def sync_finished(self, event: SyncFinished) -> None:
        self.syncer.finished(event)

    def progressed(self, event: RefreshStatus) -> None:
        self.refresher.progressed(event, self.panes.view == "feeds")

    def finished(self, event: RefreshFinished) -> None:
        self.refresher.finished(event)
