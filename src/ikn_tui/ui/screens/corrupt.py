"""Shown at start when the database file is corrupt: say so, and offer to move
it aside and start fresh. Nothing is ever deleted: the old file (and the
bookmarks in it) stays on disk under a new name."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Center, Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Static

from ikn_tui.core.text import clean_line
from ikn_tui.i18n import _
from ikn_tui.ui import keys
from ikn_tui.ui.problem_words import error_words


def corrupt_text(path: Path, message: str) -> Text:
    text = Text()
    text.append(_("Basis data ikn-read rusak\n\n"), style="bold")
    text.append(clean_line(message, 300) + "\n\n")
    text.append(_("Berkas: "), style="bold")
    text.append(clean_line(str(path), 300) + "\n\n")
    text.append(_("Pindahkan berkas ini ke samping (tidak dihapus) dan mulai dengan basis data baru? "
                  "Langganan dan markah dipulihkan dari salinannya di luar basis data. Atau keluar dan jalankan "
                  "'ikn-read store recover' untuk menyelamatkan semua baris yang masih terbaca."))
    return text


class CorruptDatabaseScreen(Screen[None]):
    """m moves the file aside (``Store.move_aside``) and starts fresh; q quits."""

    DEFAULT_CSS = """
    CorruptDatabaseScreen { align: center middle; }
    CorruptDatabaseScreen > Vertical { width: 76; max-width: 100%; height: auto; padding: 1 2; border: round $error; }
    CorruptDatabaseScreen Horizontal { height: auto; margin-top: 1; }
    CorruptDatabaseScreen Button { margin: 0 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = keys.bindings("corrupt")

    def __init__(self, path: Path, message: str) -> None:
        super().__init__()
        self.path = path
        self.message = message
        self.moved_to: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(corrupt_text(self.path, self.message), id="corrupt-text")
            with Center(), Horizontal():
                yield Button(_("Pindahkan & mulai baru (m)"), id="corrupt-move", variant="error")
                yield Button(_("Keluar (q)"), id="corrupt-quit")

    def on_mount(self) -> None:
        self.query_one("#corrupt-quit", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "corrupt-move":
            self.action_move_aside()
        else:
            self.app.exit(1)

    def action_move_aside(self) -> None:
        from ikn_tui.core.store import Store, StoreError

        try:
            self.moved_to = Store.move_aside(self.path)
        except StoreError as error:
            self.notify(error_words(error), severity="error", markup=False)
            return
        self.app.call_later(self.app.restart_after_move, self.moved_to)  # type: ignore[attr-defined]
