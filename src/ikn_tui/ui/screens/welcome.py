"""First start: no subscriptions and no stored articles."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Button, Footer, Static

from ikn_tui.i18n import _
from ikn_tui.ui import keys


def welcome_text() -> Text:
    text = Text()
    text.append(_("Selamat datang di ikn-read\n\n"), style="bold")
    text.append(_("Belum ada langganan atau berita tersimpan. Tambahkan feed dari terminal:\n\n"))
    for command in (
        "ikn-read feeds add URL",
        "ikn-read feeds import FILE.opml",
        _("ikn-read SOURCE…      (berkas, folder, feed, OPML atau URL)"),
    ):
        text.append("    " + command + "\n", style="bold")
    text.append(_("\nAtau coba demo: berita fiktif yang saling terhubung lewat "))
    text.append("Baca juga", style="italic")
    text.append(_(", disimpan sementara dan dibaca luring."))
    return text


class WelcomeScreen(Screen[None]):
    """Says how to add feeds and offers the demo."""

    BINDINGS: ClassVar[list[BindingType]] = keys.bindings("welcome")

    def compose(self) -> ComposeResult:
        with Center(), Vertical(id="welcome-box"):
            yield Static(welcome_text(), id="welcome-text")
            with Center():
                yield Button(_("Coba demo (d)"), id="demo-button", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#welcome-box").border_title = "ikn-read"
        self.query_one(Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.app.run_action("start_demo")
