"""``?``: every key, as currently mapped (the keymap from the config applies)."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ikn_tui.core.text import clean_line
from ikn_tui.i18n import _
from ikn_tui.ui import keys


class HelpScreen(ModalScreen[None]):
    """A table of keys; any of escape, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = keys.bindings("help")

    def compose(self) -> ComposeResult:
        keymap: dict[str, str] = getattr(self.app, "keymap_overrides", {})
        rows: list[tuple[Text, Text]] = []
        for ids, default, description in keys.help_rows(reader_only=True, translate=True):
            mapped = [keymap[i] for i in ids if i in keymap]
            # The keymap comes from the config file: outside text, cleaned like any other.
            shown = keys.shown_keys(mapped[0]) if len(ids) == 1 and mapped else default
            if len(ids) > 1 and mapped:
                shown = ", ".join(keys.shown_keys(keymap.get(i, keys.BY_ID[i].keys)) for i in ids)
            rows.append((Text(clean_line(shown, 40) or default), Text(description)))
        # Two columns of keys where the terminal is wide enough (all of them fit at 120x36).
        columns = 2 if self.app.size.width >= 110 else 1
        table = Table(box=None, show_header=False, padding=(0, 1), expand=False)
        for _column in range(columns):
            table.add_column(style="bold", no_wrap=True)
            table.add_column(max_width=42 if columns == 2 else None)
        half = -(-len(rows) // columns)
        for n in range(half):
            cells: list[Text] = []
            for column in range(columns):
                index = n + column * half
                cells.extend(rows[index] if index < len(rows) else (Text(""), Text("")))
            table.add_row(*cells)
        with VerticalScroll(id="help-box"):
            yield Static(table)

    def on_mount(self) -> None:
        box = self.query_one("#help-box")
        box.border_title = _("Tombol")
        box.border_subtitle = _("Esc menutup")
