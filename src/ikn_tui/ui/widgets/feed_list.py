"""The feeds view of the list pane (``F``): one row per subscription with
its last status, the status message (dim) and how many articles it has."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import ClassVar

from rich.text import Text
from textual.binding import BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ikn_tui.core.models import Subscription
from ikn_tui.core.text import clean_line
from ikn_tui.i18n import N_, _, format_number, ngettext, short_date
from ikn_tui.ui import keys
from ikn_tui.ui.problem_words import words

# status -> (label, Rich style)
STATUS_LABELS: dict[str, tuple[str, str]] = {
    "ok": (N_("ok"), "green"),
    "not-modified": (N_("tidak berubah"), "green"),
    "error": (N_("gagal"), "red"),
    "gone": (N_("hilang (410)"), "red"),
}


@dataclass(frozen=True, slots=True)
class FeedRow:
    """A subscription and how many of its articles are stored."""

    sub: Subscription
    count: int
    unread: int = 0

    @property
    def name(self) -> str:
        return clean_line(self.sub.title, 120) or clean_line(self.sub.url, 200) or _("(tanpa alamat)")


def status_label(sub: Subscription, now: datetime | None = None) -> tuple[str, str]:
    """The last status in words, and its style ("menunggu s.d. …" on a Retry-After)."""
    if sub.retry_after:
        try:
            until = datetime.fromisoformat(sub.retry_after)
            if until.tzinfo is not None and until > (now or datetime.now(UTC)):
                return _("menunggu s.d. {value}").format(value=short_date(sub.retry_after).strip()), "yellow"
        except ValueError:
            pass
    if not sub.status:
        return _("belum diambil"), "dim"
    if sub.status in STATUS_LABELS:
        words, style = STATUS_LABELS[sub.status]
        return _(words), style
    return clean_line(sub.status, 20), "dim"


def feed_prompt(row: FeedRow) -> Text:
    """Two lines, or three with a message; every piece is outside text, so Text only."""
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(row.name, style="bold")
    label, style = status_label(row.sub)
    text.append("\n  ")
    text.append(label, style=style)
    text.append(" · " + ngettext("{n} berita", "{n} berita", row.count).format(n=format_number(row.count)), style="dim")
    if row.unread:
        text.append(" · " + _("{n} baru").format(n=format_number(row.unread)), style="bold")
    message = words(row.sub.message, 200)
    if message:
        text.append("\n  " + message, style="dim italic")
    return text


class FeedList(OptionList):
    """Subscriptions; enter shows that feed's articles, ``a`` asks to add a
    feed and ``d`` to remove the highlighted one (the screen answers)."""

    # The article list's movement keys, under the same ids (one keymap entry moves both).
    BINDINGS: ClassVar[list[BindingType]] = [*keys.bindings("list"), *keys.bindings("feeds")]

    @dataclass
    class AddRequested(Message):
        """``a``: subscribe to a new feed."""

    @dataclass
    class RemoveRequested(Message):
        """``d``: unsubscribe from this feed (after a confirmation)."""

        url: str
        name: str

    @dataclass
    class Chosen(Message):
        """Enter (or a click) on a feed."""

        url: str

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.rows: list[FeedRow] = []
        self._option_rows: dict[int, int] = {}

    def show(self, rows: list[FeedRow], keep_url: str | None = None) -> None:
        """Replace the rows, keeping the highlight on ``keep_url`` (or the same feed).
        Feeds from an OPML folder are grouped under its name (feeds without one first)."""
        keep_url = keep_url or self.highlighted_url
        # Stable: the feeds without a folder, then each folder in the order it first appears.
        order = {folder: n for n, folder in enumerate(dict.fromkeys(row.sub.folder or "" for row in rows))}
        order[""] = -1
        self.rows = sorted(rows, key=lambda row: order[row.sub.folder or ""])
        options: list[Option] = []
        self._option_rows = {}  # option index -> row index
        folder: str | None = None
        for n, row in enumerate(self.rows):
            if row.sub.folder and row.sub.folder != folder:
                folder = row.sub.folder
                options.append(Option(Text("▾ " + clean_line(folder, 120), style="bold underline"), disabled=True))
            self._option_rows[len(options)] = n
            options.append(Option(feed_prompt(row), id=f"feed-{n}"))
        if not options:
            empty = Text(_("a: tambah feed\n(belum ada langganan)"), style="dim italic")
            options.append(Option(empty, disabled=True))
        self.set_options(options)
        if self.rows:
            urls = [row.sub.url for row in self.rows]
            row_index = urls.index(keep_url) if keep_url in urls else 0
            self.highlighted = next(i for i, n in self._option_rows.items() if n == row_index)

    def _row_at(self, option_index: int | None) -> FeedRow | None:
        if option_index is None:
            return None
        row_index = self._option_rows.get(option_index)
        return self.rows[row_index] if row_index is not None else None

    @property
    def highlighted_row(self) -> FeedRow | None:
        return self._row_at(self.highlighted)

    @property
    def highlighted_url(self) -> str | None:
        row = self.highlighted_row
        return row.sub.url if row is not None else None

    def action_open(self) -> None:
        self.action_select()

    def action_add_feed(self) -> None:
        self.post_message(self.AddRequested())

    def action_remove_feed(self) -> None:
        row = self.highlighted_row
        if row is not None:
            self.post_message(self.RemoveRequested(row.sub.url, row.name))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        row = self.highlighted_row if event.option_index is None else self._row_at(event.option_index)
        if row is not None:
            self.post_message(self.Chosen(row.sub.url))
