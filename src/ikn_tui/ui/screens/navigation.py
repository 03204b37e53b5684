"""Moving between the list and the article (a plain helper the main screen
owns): Enter on a row, ``l`` and ``h``, escape, space from any pane, ``n``/``N``
to the next or previous unread article. Below 70 columns the screen shows
one pane at a time: the list, or the article with its links underneath."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen

from ikn_tui.i18n import _
from ikn_tui.ui.notices import say
from ikn_tui.ui.screens.panes import ReaderPanes
from ikn_tui.ui.screens.reading import Reading


class Navigation:
    def __init__(self, screen: Screen[Any], panes: ReaderPanes, reading: Reading) -> None:
        self.screen = screen
        self.panes = panes
        self.reading = reading

    def show_reading(self, reading: bool) -> None:
        """Small terminals show one pane: the article (with its links) or the list."""
        self.screen.set_class(reading, "-reading")
        if reading:
            self.screen.set_focus(self.panes.article_view)  # at once: keys typed right after scroll the article
        else:
            self.panes.list_pane.focus_list()

    def chosen(self, article_id: int) -> None:
        """Enter on a row: the article, and on a tiny terminal the article pane."""
        self.panes.article_list.opening = None
        self.reading.open_id(article_id)
        if self.screen.has_class("-tiny") and self.reading.article is not None:
            self.show_reading(True)

    def page(self) -> None:
        """Space from any pane: page the article."""
        if self.reading.article is None:
            say(self.screen, _("Spasi: buka artikel dulu (Enter)."), "warning")
            return
        self.panes.article_view.scroll_page_down(animate=False)

    def to_article(self) -> None:
        """``l``: open the highlighted row if it is not on display, and go to the article."""
        list_pane, reading = self.panes.list_pane, self.reading
        row = list_pane.current_row
        if list_pane.has_focus_within and row is not None and (reading.article is None or reading.article.id != row.id):
            reading.open_id(row.id)
        if reading.article is None:
            say(self.screen, _("l: pilih berita di daftar dulu."), "warning")
            return
        self.show_reading(True)

    def back_a_step(self) -> None:
        """Escape: back to the list from the article; in the list, back a step."""
        if not self.panes.list_pane.has_focus_within:
            self.show_reading(False)
        else:
            self.panes.list_pane.back()

    def open_unread(self, older: bool) -> None:
        """``n`` (older) or ``N``: the next unread article of the list, highlighted and opened."""
        found = self.panes.list_pane.find_unread(older)
        if found is None:
            where = _("di bawah") if older else _("di atas")
            say(self.screen, _("{key}: tidak ada berita belum dibaca {where}.").format(
                key="n" if older else "N", where=where
            ))
            return
        self.panes.article_list.select_article(found)
        self.reading.open_id(found)
