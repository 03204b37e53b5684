"""The search input shown above the list by ``/``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Input


class SearchBar(Input):
    """Enter searches; escape closes the bar and clears the results."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Batal", show=False),
    ]

    @dataclass
    class Cancelled(Message):
        """Escape in the search bar."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(placeholder="Cari berita… (Enter mencari, Esc batal)", **kwargs)  # type: ignore[arg-type]

    def action_cancel(self) -> None:
        self.post_message(self.Cancelled())
