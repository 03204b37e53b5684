"""Bookmarks and read marks from the reader, and undoing them (a plain helper
the main screen owns): ``b`` bookmark, ``m`` read/unread, ``A`` the whole list
read after a yes, ``u`` undo (of these and of a removed subscription)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.screen import Screen

from ikn_tui.core.store import StoreError
from ikn_tui.i18n import _, ngettext
from ikn_tui.ui.notices import Severity, say
from ikn_tui.ui.problem_words import error_words
from ikn_tui.ui.screens.dialogs import ConfirmScreen
from ikn_tui.ui.screens.panes import ReaderPanes
from ikn_tui.ui.screens.reading import Reading
from ikn_tui.ui.undo import BookmarkChange, ReadChange, SubscriptionChange, UndoLog, describe


class Marking:
    """``changed()`` runs after a change the status line counts (bookmarks, subscriptions)."""

    def __init__(self, screen: Screen[Any], reading: Reading, panes: ReaderPanes, changed: Callable[[], None]) -> None:
        self.screen = screen
        self.store = reading.store
        self.reading = reading
        self.panes = panes
        self.changed = changed
        self.undo_log = UndoLog()

    def _say(self, message: str, severity: Severity = "information") -> None:
        say(self.screen, message, severity)

    def bookmark(self) -> None:
        """The article on display (else the highlighted row) bookmarked, or its bookmark removed."""
        article = self.reading.article
        row = self.panes.list_pane.current_row
        if article is None and row is not None:
            article = self.reading.read_article(row.id)  # no article open: the highlighted row
        if article is None:
            self._say(_("b: pilih berita di daftar dulu."), "warning")
            return
        store = self.store
        try:
            if article.id is None:
                upserted = store.upsert_articles([article])
                article.id = upserted.ids[0] if upserted.ids else None
            if article.id is not None and store.is_bookmarked(article.id):
                store.remove_bookmark(article.id)
                self.undo_log.record(BookmarkChange(article, added=False))
                self._say(_("Markah dihapus (u: urungkan)."))
            else:
                store.add_bookmark(article)
                self.undo_log.record(BookmarkChange(article, added=True))
                self._say(_("Disimpan ke markah (bisa dibaca luring)."))
        except StoreError as error:
            self._say(_("Markah gagal: {error}").format(error=error_words(error)), "error")
            return
        self.panes.list_pane.bookmark_changed(article.id)
        self.changed()

    def toggle_read(self) -> None:
        """Toggle read on the highlighted row (list focused) or the article on display."""
        panes = self.panes
        row = panes.list_pane.current_row
        article = self.reading.article
        if article is not None and article.id is not None and (row is None or not panes.article_list.has_focus):
            article_id, read = article.id, self._is_read(article.id)
        elif row is not None:
            article_id, read = row.id, row.read
        else:
            self._say(_("m: tidak ada berita yang dipilih."), "warning")
            return
        try:
            self.store.set_read(article_id, not read)
        except StoreError as error:
            self._say(_("Gagal menandai: {error}").format(error=error_words(error)), "error")
            return
        self.undo_log.record(ReadChange({article_id: read}, _("tanda baca")))
        panes.list_pane.read_changed(article_id, not read)
        self._say(_("Ditandai sudah dibaca.") if not read else _("Ditandai belum dibaca."))

    def _is_read(self, article_id: int) -> bool:
        try:
            return self.store.is_read(article_id)
        except StoreError:  # a broken database: assume read, the toggle then marks unread
            return True

    def mark_all_read(self) -> None:
        """Every article of the list on show read, after a one-key yes."""
        ids = self.panes.list_pane.unread_ids()
        if ids is None:
            self._say(_("A: tidak ada daftar berita di sini."), "warning")
            return
        if not ids:
            self._say(_("A: semua berita di daftar ini sudah dibaca."))
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self.store.set_read_many(ids, True)
            except StoreError as error:
                self._say(_("Gagal menandai: {error}").format(error=error_words(error)), "error")
                return
            marked = ngettext("{n} berita ditandai dibaca", "{n} berita ditandai dibaca", n)
            self.undo_log.record(ReadChange(dict.fromkeys(ids, False), marked.format(n=n)))
            self.panes.list_pane.reload_marks()
            self._say(ngettext("{n} berita ditandai sudah dibaca (u: urungkan).",
                               "{n} berita ditandai sudah dibaca (u: urungkan).", n).format(n=n))

        n = len(ids)
        question = ngettext("Tandai {n} berita di daftar ini sudah dibaca?",
                            "Tandai {n} berita di daftar ini sudah dibaca?", n).format(n=n)
        self.screen.app.push_screen(ConfirmScreen(_("Tandai semua dibaca"), question), answered)

    def subscription_removed(self, change: SubscriptionChange) -> None:
        """A subscription was dropped: ``u`` brings it back."""
        self.undo_log.record(change)

    def undo(self) -> None:
        try:
            change = self.undo_log.undo(self.store)
        except StoreError as error:
            self._say(_("u: gagal mengurungkan: {error}").format(error=error_words(error)), "error")
            return
        if change is None:
            self._say(_("u: tidak ada yang bisa diurungkan."))
            return
        if isinstance(change, SubscriptionChange):
            if self.panes.view == "feeds":
                self.panes.list_pane.reload_feeds(change.url)
        else:
            self.panes.list_pane.reload_marks()
        self.changed()
        self._say(describe(change))
