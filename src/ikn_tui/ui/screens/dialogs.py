"""Small modal dialogs: a one-line prompt, a yes/no question, "Open bookmark…"."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from ikn_tui.core.models import ArticleRow
from ikn_tui.core.text import clean_line
from ikn_tui.i18n import _, short_date
from ikn_tui.ui import keys


class PromptScreen(ModalScreen[str | None]):
    """Ask for one line (a URL or a path); escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = keys.bindings("prompt")

    def __init__(self, title: str, placeholder: str) -> None:
        super().__init__()
        self.prompt_title = title
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Input(placeholder=self.placeholder)

    def on_mount(self) -> None:
        self.query_one(".dialog").border_title = self.prompt_title
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip() or None)


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question: y or enter on "Ya" says yes; n or escape says no.
    ``detail`` may hold outside text (URLs): it is shown as plain text."""

    BINDINGS: ClassVar[list[BindingType]] = keys.bindings("confirm")

    def __init__(self, title: str, question: str, detail: str = "") -> None:
        super().__init__()
        self.dialog_title = title
        self.question = question
        self.detail = detail

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content(clean_line(self.question, 300)), classes="question")
            if self.detail:
                yield Static(Content(self.detail), classes="detail")
            with Horizontal(classes="buttons"):
                yield Button(_("Ya (y)"), id="yes", variant="primary")
                yield Button(_("Tidak (n)"), id="no")

    def on_mount(self) -> None:
        self.query_one(".dialog").border_title = self.dialog_title
        self.query_one("#yes", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")


class BookmarkPicker(ModalScreen[int | None]):
    """Choose one bookmark; gives its article id."""

    BINDINGS: ClassVar[list[BindingType]] = keys.bindings("prompt")

    def __init__(self, rows: list[ArticleRow]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        options: list[Option] = []
        for row in self.rows:
            # The date first (a fixed width), then the title cut to one line.
            label = Text(f"{short_date(row.published):>12}  ", style="dim", no_wrap=True, overflow="ellipsis")
            label.append(clean_line(row.title) or _("(tanpa judul)"), style="")
            options.append(Option(label, id=str(row.id)))
        if not options:
            options.append(Option(Text(_("Belum ada markah."), style="dim"), disabled=True))
        with Vertical(classes="dialog"):
            yield OptionList(*options)

    def on_mount(self) -> None:
        self.query_one(".dialog").border_title = _("Buka markah")
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(int(event.option.id) if event.option.id else None)
