"""``?``: every key, as currently mapped (the keymap from the config applies)."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ikn_tui.core.text import clean_line

KEYS: list[tuple[str, str, str]] = [
    # (binding id, default keys, what it does)
    ("list.down", "j, ↓", "Berita berikutnya"),
    ("list.up", "k, ↑", "Berita sebelumnya"),
    ("list.first", "g, Home", "Berita pertama (terbaru)"),
    ("list.last", "G, End", "Berita terakhir"),
    ("list.page-down", "PgDn", "Satu halaman ke bawah"),
    ("list.page-up", "PgUp", "Satu halaman ke atas"),
    ("list.open", "Enter", "Buka berita"),
    ("article.page-down", "Spasi", "Gulir artikel satu halaman"),
    ("", "Tab / Shift+Tab", "Pindah panel"),
    ("follow-1", "1 … 9", "Ikuti tautan Baca juga nomor N"),
    ("back", "Backspace, Alt+←", "Kembali"),
    ("forward", "Alt+→", "Maju"),
    ("bookmark", "b", "Markah / hapus markah (salinan luring)"),
    ("bookmarks", "B", "Daftar markah / kembali ke semua berita"),
    ("search", "/", "Cari; Esc menghapus hasil"),
    ("refresh", "r", "Perbarui langganan (daftar terisi selagi berjalan)"),
    ("feeds", "F", "Daftar langganan / kembali ke semua berita"),
    ("", "Enter", "Di daftar langganan: berita feed itu (Esc kembali)"),
    ("add-feed", "a", "Di daftar langganan: tambah feed"),
    ("remove-feed", "d", "Di daftar langganan: hapus feed (dengan konfirmasi)"),
    ("open-browser", "o", "Buka di peramban"),
    ("toggle-read", "m", "Tandai sudah/belum dibaca"),
    ("", "Ctrl+P", "Palet perintah (buka feed, langganan feed, buka markah, tema…)"),
    ("help", "?", "Bantuan ini"),
    ("quit", "q", "Keluar"),
]


class HelpScreen(ModalScreen[None]):
    """A table of keys; any of escape, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Tutup"),
    ]

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=False, padding=(0, 2), expand=False)
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        keymap: dict[str, str] = getattr(self.app, "keymap_overrides", {})
        for binding_id, keys, description in KEYS:
            shown = keymap.get(binding_id, keys) if binding_id else keys
            # The keymap comes from the config file: outside text, cleaned like any other.
            table.add_row(Text(clean_line(shown, 40) or keys), Text(description))
        with VerticalScroll(id="help-box"):
            yield Static(table)

    def on_mount(self) -> None:
        box = self.query_one("#help-box")
        box.border_title = "Tombol"
        box.border_subtitle = "Esc menutup"
