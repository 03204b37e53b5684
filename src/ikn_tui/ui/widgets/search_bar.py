"""The search input shown above the list by ``/``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.binding import BindingType
from textual.message import Message
from textual.widgets import Input

from ikn_tui.i18n import _
from ikn_tui.ui import keys


class SearchBar(Input):
    """Enter searches; escape closes the bar and clears the results."""

    BINDINGS: ClassVar[list[BindingType]] = keys.bindings("search")

    @dataclass
    class Cancelled(Message):
        """Escape in the search bar."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(placeholder=_("Enter cari · Esc batal"), **kwargs)  # type: ignore[arg-type]

    def action_cancel(self) -> None:
        self.post_message(self.Cancelled())
