"""The reader's side of sync (issue 13): a background sync at start and with
each refresh, and the status-bar words ("tersinkron 2 menit lalu",
"3 perubahan menunggu", "sinkron gagal: …").

``SyncActions`` is mixed into ``MainScreen``: ``start_sync`` runs
``core.sync.run_sync`` in a thread worker that posts ``SyncFinished``;
``sync_words`` is what ``update_status`` appends. Nothing happens without an
account (``ikn-read sync login``) or in offline mode.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from textual import work
from textual.message import Message
from textual.timer import Timer

from ikn_tui.core.text import clean_line

if TYPE_CHECKING:  # pragma: no cover
    from ikn_tui.core.sync import SyncStatus
    from ikn_tui.ui.screens.main import MainScreen

    _Base = MainScreen
else:
    _Base = object

# How often the sync words are re-read: a read mark or a bookmark (here or by
# another ikn-read process) shows as "N perubahan menunggu" within this time,
# and "… menit lalu" moves on. A few indexed queries; the bar is redrawn only
# when the words change.
POLL_SECONDS = 1.0


@dataclass
class SyncFinished(Message):
    """A background sync ended (``error``: its one line)."""

    new: int = 0
    changed: int = 0
    error: str | None = None


def ago(then: str | None, now: datetime | None = None) -> str:
    """ "baru saja", "5 menit lalu", "2 jam lalu", "3 hari lalu"."""
    if not then:
        return ""
    try:
        when = datetime.fromisoformat(then)
    except ValueError:
        return ""
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    seconds = ((now or datetime.now(UTC)) - when).total_seconds()
    if seconds < 60:
        return "baru saja"
    if seconds < 3600:
        return f"{int(seconds // 60)} menit lalu"
    if seconds < 86400:
        return f"{int(seconds // 3600)} jam lalu"
    return f"{int(seconds // 86400)} hari lalu"


def status_words(info: SyncStatus, syncing: bool = False, now: datetime | None = None) -> str:
    """The status-bar part for sync ("" when there is no account)."""
    if info.account is None:
        return ""
    parts = []
    if syncing:
        parts.append("menyinkronkan…")
    elif info.last_error:
        parts.append("sinkron gagal: " + clean_line(info.last_error, limit=80))
    elif info.last_sync:
        parts.append("tersinkron " + ago(info.last_sync, now))
    else:
        parts.append("belum tersinkron")
    if info.pending:
        parts.append(f"{info.pending} perubahan menunggu")
    return " · ".join(parts)


class SyncActions(_Base):
    """Mixed into ``MainScreen`` (message handlers go by name)."""

    syncing: bool = False
    sync_enabled: bool = False  # an account was there when the screen started
    _sync_tick: Timer | None = None
    _sync_shown: str = ""

    def sync_words(self: MainScreen) -> str:
        if not self.sync_enabled:  # no store query at all without an account
            return ""
        try:
            from ikn_tui.core.sync import status

            self._sync_shown = status_words(status(self.ikn.store), self.syncing)
        except Exception:  # noqa: BLE001 - a status bar never fails the screen
            self._sync_shown = ""
        return self._sync_shown

    def _sync_poll(self: MainScreen) -> None:
        shown = self._sync_shown
        if self.sync_words() != shown:
            self.update_status()

    def start_sync(self: MainScreen) -> None:
        """Sync in the background (no account, offline, or already running: nothing).
        Offline, the status bar still shows the changes waiting."""
        if not self.sync_enabled:
            try:
                if self.ikn.store.sync_account() is None:
                    return
            except Exception:  # noqa: BLE001
                return
            self.sync_enabled = True
            self._sync_tick = self.set_interval(POLL_SECONDS, self._sync_poll)
        if self.ikn.offline or self.syncing:
            self.update_status()
            return
        self.syncing = True
        self.update_status()
        self.run_sync_worker()

    @work(thread=True, exclusive=True, group="sync")
    def run_sync_worker(self: MainScreen) -> None:
        from ikn_tui.core.sync import SyncError, run_sync

        try:
            report = asyncio.run(run_sync(self.ikn.worker_store()))
        except SyncError as error:
            self.post_message(SyncFinished(error=str(error)))
        except Exception as error:  # noqa: BLE001 - one line in the status bar, never a crash
            self.post_message(SyncFinished(error=clean_line(f"{type(error).__name__}: {error}", limit=200)))
        else:
            changed = report.read_changed + report.bookmarks_added + report.bookmarks_removed
            self.post_message(SyncFinished(report.new_articles, changed))

    def on_sync_finished(self: MainScreen, event: SyncFinished) -> None:
        self.syncing = False  # an error stays in the status bar (no toast: a laptop offline would get one each start)
        if event.new or event.changed:
            self.live_reload()
        self.update_status()
