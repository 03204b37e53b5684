"""The reader's side of sync (issue 13): a background sync at start and with
each refresh, and the status-bar words ("tersinkron 2 menit lalu",
"3 perubahan menunggu", "sinkron gagal: …").

``Syncer`` is a plain helper the main screen owns: ``start`` runs
``core.sync.run_sync`` in a thread worker of the screen that posts
``SyncFinished`` (the screen hands it to ``finished``); ``words`` is what the
status line appends. Nothing happens without an account (``ikn-read sync
login``) or in offline mode.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer

from ikn_tui.core.text import clean_line
from ikn_tui.i18n import _, ngettext
from ikn_tui.ui.context import ReaderContext
from ikn_tui.ui.problem_words import error_words, words

if TYPE_CHECKING:  # pragma: no cover
    from ikn_tui.core.sync import SyncStatus

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
        return _("baru saja")
    if seconds < 3600:
        n = int(seconds // 60)
        return ngettext("{n} menit lalu", "{n} menit lalu", n).format(n=n)
    if seconds < 86400:
        n = int(seconds // 3600)
        return ngettext("{n} jam lalu", "{n} jam lalu", n).format(n=n)
    n = int(seconds // 86400)
    return ngettext("{n} hari lalu", "{n} hari lalu", n).format(n=n)


def status_words(info: SyncStatus, syncing: bool = False, now: datetime | None = None) -> str:
    """The status-bar part for sync ("" when there is no account)."""
    if info.account is None:
        return ""
    parts = []
    if syncing:
        parts.append(_("menyinkronkan…"))
    elif info.last_error:
        parts.append(_("sinkron gagal: ") + words(info.last_error, limit=80))
    elif info.last_sync:
        parts.append(_("tersinkron ") + ago(info.last_sync, now))
    else:
        parts.append(_("belum tersinkron"))
    if info.pending:
        parts.append(ngettext("{pending} perubahan menunggu", "{pending} perubahan menunggu", info.pending).format(
            pending=info.pending))
    return " · ".join(parts)


class Syncer:
    """``changed()`` redraws the status line; ``reload()`` re-reads the list after a sync brought changes."""

    def __init__(
        self, screen: Screen[Any], context: ReaderContext, changed: Callable[[], None], reload: Callable[[], None]
    ) -> None:
        self.screen = screen
        self.context = context
        self.changed = changed
        self.reload = reload
        self.syncing = False
        self.enabled = False  # an account was there when the screen started
        self._tick: Timer | None = None
        self._shown = ""

    def words(self) -> str:
        if not self.enabled:  # no store query at all without an account
            return ""
        try:
            from ikn_tui.core.sync import status

            self._shown = status_words(status(self.context.store), self.syncing)
        except Exception:  # noqa: BLE001 - a status bar never fails the screen
            self._shown = ""
        return self._shown

    def _poll(self) -> None:
        shown = self._shown
        if self.words() != shown:
            self.changed()

    def start(self, sync: bool = True) -> None:
        """Sync in the background (no account, offline, or already running: nothing).
        Offline, or with ``sync=False`` (``[sync] on_start = false``), the status bar
        still shows the changes waiting."""
        if not self.enabled:
            try:
                if self.context.store.sync_account() is None:
                    return
            except Exception:  # noqa: BLE001
                return
            self.enabled = True
            self._tick = self.screen.set_interval(POLL_SECONDS, self._poll)
        if self.context.offline or self.syncing or not sync:
            self.changed()
            return
        self.syncing = True
        self.changed()
        self.screen.run_worker(self._work, thread=True, exclusive=True, group="sync")

    def _work(self) -> None:
        from ikn_tui.core.sync import SyncError, run_sync

        screen = self.screen
        try:
            report = asyncio.run(run_sync(self.context.store_factory()))
        except SyncError as error:
            screen.post_message(SyncFinished(error=error_words(error)))
        except Exception as error:  # noqa: BLE001 - one line in the status bar, never a crash
            screen.post_message(SyncFinished(error=clean_line(f"{type(error).__name__}: {error}", limit=200)))
        else:
            changed = report.read_changed + report.bookmarks_added + report.bookmarks_removed
            screen.post_message(SyncFinished(report.new_articles, changed))

    def finished(self, event: SyncFinished) -> None:
        self.syncing = False  # an error stays in the status bar (no toast: a laptop offline would get one each start)
        if event.new or event.changed:
            self.reload()
        self.changed()
