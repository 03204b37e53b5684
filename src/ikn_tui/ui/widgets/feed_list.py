"""The feeds view of the list pane (``F``): one row per subscription with
its last status, the status message (dim) and how many articles it has."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ikn_tui.core.models import Subscription
from ikn_tui.core.text import clean_line, short_date

# status -> (label, Rich style)
STATUS_LABELS: dict[str, tuple[str, str]] = {
    "ok": ("ok", "green"),
    "not-modified": ("tidak berubah", "green"),
    "error": ("gagal", "red"),
    "gone": ("hilang (410)", "red"),
}


@dataclass(frozen=True, slots=True)
class FeedRow:
    """A subscription and how many of its articles are stored."""

    sub: Subscription
    count: int

    @property
    def name(self) -> str:
        return clean_line(self.sub.title, 120) or clean_line(self.sub.url, 200) or "(tanpa alamat)"


def status_label(sub: Subscription, now: datetime | None = None) -> tuple[str, str]:
    """The last status in words, and its style ("menunggu s.d. …" on a Retry-After)."""
    if sub.retry_after:
        try:
            until = datetime.fromisoformat(sub.retry_after)
            if until.tzinfo is not None and until > (now or datetime.now(UTC)):
                return f"menunggu s.d. {short_date(sub.retry_after).strip()}", "yellow"
        except ValueError:
            pass
    if not sub.status:
        return "belum diambil", "dim"
    return STATUS_LABELS.get(sub.status, (clean_line(sub.status, 20), "dim"))


def feed_prompt(row: FeedRow) -> Text:
    """Two lines, or three with a message; every piece is outside text, so Text only."""
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(row.name, style="bold")
    label, style = status_label(row.sub)
    text.append("\n  ")
    text.append(label, style=style)
    text.append(f" · {row.count:,} berita".replace(",", "."), style="dim")
    message = clean_line(row.sub.message, 200)
    if message:
        text.append("\n  " + message, style="dim italic")
    return text


class FeedList(OptionList):
    """Subscriptions; enter shows that feed's articles."""

    # The article list's movement keys, under the same ids (one keymap entry moves both).
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Turun", show=False, id="list.down"),
        Binding("k", "cursor_up", "Naik", show=False, id="list.up"),
        Binding("g", "first", "Awal", show=False, id="list.first"),
        Binding("G", "last", "Akhir", show=False, id="list.last"),
    ]

    @dataclass
    class Chosen(Message):
        """Enter (or a click) on a feed."""

        url: str

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.rows: list[FeedRow] = []

    def show(self, rows: list[FeedRow], keep_url: str | None = None) -> None:
        """Replace the rows, keeping the highlight on ``keep_url`` (or the same feed)."""
        keep_url = keep_url or self.highlighted_url
        self.rows = list(rows)
        options = [Option(feed_prompt(row), id=f"feed-{n}") for n, row in enumerate(self.rows)]
        if not options:
            empty = Text("Belum ada langganan. Tekan a untuk menambah feed.", style="dim italic")
            options.append(Option(empty, disabled=True))
        self.set_options(options)
        urls = [row.sub.url for row in self.rows]
        if self.rows:
            self.highlighted = urls.index(keep_url) if keep_url in urls else 0

    @property
    def highlighted_row(self) -> FeedRow | None:
        index = self.highlighted
        return self.rows[index] if index is not None and 0 <= index < len(self.rows) else None

    @property
    def highlighted_url(self) -> str | None:
        row = self.highlighted_row
        return row.sub.url if row is not None else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        row = self.highlighted_row if event.option_index is None else (
            self.rows[event.option_index] if event.option_index < len(self.rows) else None
        )
        if row is not None:
            self.post_message(self.Chosen(row.sub.url))
