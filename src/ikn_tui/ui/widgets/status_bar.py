"""The status bar: one status line, a progress bar while a refresh runs, and
the live-reload throttle (what a refresh changed is re-read at most every
``LIVE_RELOAD_SECONDS``)."""

from __future__ import annotations

import time
from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.timer import Timer
from textual.widgets import ProgressBar, Static

LIVE_RELOAD_SECONDS = 0.5


class StatusBar(Horizontal):
    """``show`` the status parts; ``start``/``advance``/``stop`` the progress."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.refresh_line = ""  # what the refresh is doing (or did), shown last
        self._live_timer: Timer | None = None
        self._live_at = 0.0

    def compose(self) -> ComposeResult:
        yield Static("", id="status-line")
        yield ProgressBar(id="refresh-progress", show_percentage=False, show_eta=False)

    def on_mount(self) -> None:
        self.query_one(ProgressBar).display = False

    def show(self, parts: list[str], last: str = "") -> None:
        """The status line: the parts (plain text), the refresh line, then ``last`` (sync)."""
        shown = [part for part in (*parts, self.refresh_line, last) if part]
        self.query_one("#status-line", Static).update(Text(" · ".join(shown)))

    # progress -----------------------------------------------------------------
    def start(self, line: str) -> None:
        self.refresh_line = line
        bar = self.query_one(ProgressBar)
        bar.update(total=None, progress=0)
        bar.display = True

    def advance(self, done: int, total: int, line: str) -> None:
        self.refresh_line = line
        self.query_one(ProgressBar).update(total=total, progress=done)

    def stop(self, line: str) -> None:
        self.refresh_line = line
        self.cancel_throttle()
        self.query_one(ProgressBar).display = False

    # live reload throttle ------------------------------------------------------
    def throttle(self, reload: Callable[[], None]) -> None:
        """Run ``reload`` now, or once when ``LIVE_RELOAD_SECONDS`` have passed."""
        if self._live_timer is not None:
            return
        wait = self._live_at + LIVE_RELOAD_SECONDS - time.monotonic()
        if wait <= 0:
            self._live_at = time.monotonic()
            reload()
            return

        def fire() -> None:
            self._live_timer = None
            self._live_at = time.monotonic()
            reload()

        self._live_timer = self.set_timer(wait, fire)

    def reloaded(self) -> None:
        """A reload ran outside the throttle (the refresh finished): start the wait again."""
        self._live_at = time.monotonic()

    def cancel_throttle(self) -> None:
        if self._live_timer is not None:
            self._live_timer.stop()
            self._live_timer = None
