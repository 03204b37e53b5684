"""The article list: a Line-API ScrollView, two lines per row, rows pulled on demand."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ikn_tui.core.models import ArticleRow
from ikn_tui.core.text import clean_line
from ikn_tui.i18n import N_, _, short_date
from ikn_tui.ui import keys
from ikn_tui.ui.widgets.row_source import FixedRows, RowSource

ROW_HEIGHT = 2


class ArticleList(ScrollView, can_focus=True):
    """Titles, sources, dates, unread and bookmark markers; newest first."""

    BINDINGS: ClassVar[list[BindingType]] = keys.bindings("list")

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-list--cursor",
        "article-list--meta",
        "article-list--unread",
        "article-list--bookmark",
        "article-list--empty",
    }

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    @dataclass
    class Selected(Message):
        """Enter (or a click) on a row."""

        row: ArticleRow

    def __init__(self, source: RowSource | None = None, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.source: RowSource = source or FixedRows([], N_("Kosong"))
        self.empty_message = _("Belum ada berita.")
        # Enter posted ``Selected`` for this article id and the screen has not
        # opened it yet: keys pressed meanwhile wait for it (see MainScreen).
        self.opening: int | None = None

    # rows -----------------------------------------------------------------
    def set_source(self, source: RowSource, cursor: int = 0) -> None:
        """Show another row source (store window, search results, bookmarks)."""
        self.source = source
        self.reload(cursor)

    def reload(self, cursor: int | None = None) -> None:
        """Re-read the count and rows (after new articles or read marks)."""
        self.source.invalidate()
        count = self.source.count()
        self.virtual_size = Size(self.size.width, count * ROW_HEIGHT)
        target = self.cursor if cursor is None else cursor
        self.cursor = max(0, min(target, count - 1)) if count else 0
        self.refresh()

    def mark_read(self, article_id: int) -> None:
        """An article was opened: show its row as read. A store window patches
        the row it holds and repaints (no re-query, no recount); otherwise
        (the row is not on hand: maybe a new article) reload, the cursor kept on its article."""
        mark = getattr(self.source, "mark_read", None)
        changed = None if mark is None else mark(article_id)
        if changed is None:
            self.reload_anchored()
        elif changed:
            self.refresh()

    def reload_anchored(self) -> None:
        """Re-read the rows (new articles came in) keeping the cursor on the
        same article, not the same index. Scrolled down, that row also stays
        on the same screen line; at the top, new rows show above it."""
        row = self.highlighted_row
        find = getattr(self.source, "index_of", None)
        if row is None or find is None:
            self.reload()
            return
        screen_line = self.cursor * ROW_HEIGHT - int(self.scroll_y)
        at_top = int(self.scroll_y) == 0
        self.source.invalidate()
        index = find(row.id)
        if index is None:
            self.reload()
            return
        self.virtual_size = Size(self.size.width, self.source.count() * ROW_HEIGHT)
        if not at_top:
            self.scroll_to(y=max(0, index * ROW_HEIGHT - screen_line), animate=False, immediate=True)
        self.cursor = index
        self.refresh()

    @property
    def row_count(self) -> int:
        return self.source.count()

    @property
    def highlighted_row(self) -> ArticleRow | None:
        return self.source.row(self.cursor)

    def select_article(self, article_id: int) -> bool:
        """Put the cursor on ``article_id`` wherever it is in the list (False: not in it)."""
        find = getattr(self.source, "index_of", None)
        if find is not None:
            index = find(article_id)
        else:
            rows = (self.source.row(i) for i in range(self.source.count()))
            index = next((i for i, row in enumerate(rows) if row is not None and row.id == article_id), None)
        if index is None:
            return False
        self.cursor = index
        return True

    def select_id(self, article_id: int, search_limit: int = 500) -> bool:
        """Move the cursor to the row with ``article_id`` if it is near the top."""
        for index in range(min(self.source.count(), search_limit)):
            row = self.source.row(index)
            if row is not None and row.id == article_id:
                self.cursor = index
                return True
        return False

    # cursor ---------------------------------------------------------------
    def validate_cursor(self, value: int) -> int:
        count = self.source.count()
        return max(0, min(value, count - 1)) if count else 0

    def watch_cursor(self, value: int) -> None:
        top = value * ROW_HEIGHT
        height = self.scrollable_content_region.height or self.size.height
        if top < self.scroll_y:
            self.scroll_to(y=top, animate=False, immediate=True)
        elif top + ROW_HEIGHT > self.scroll_y + height:
            self.scroll_to(y=top + ROW_HEIGHT - height, animate=False, immediate=True)
        self.refresh()

    @property
    def _page_rows(self) -> int:
        return max(1, (self.scrollable_content_region.height or ROW_HEIGHT) // ROW_HEIGHT)

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = self.source.count() - 1

    def action_page_down(self) -> None:
        self.cursor += self._page_rows

    def action_page_up(self) -> None:
        self.cursor -= self._page_rows

    def action_open(self) -> None:
        row = self.highlighted_row
        if row is not None:
            self.opening = row.id
            self.post_message(self.Selected(row))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = (offset.y + int(self.scroll_y)) // ROW_HEIGHT
        if 0 <= index < self.source.count():
            self.cursor = index
            self.action_open()

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, self.source.count() * ROW_HEIGHT)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # rendering ------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width or self.size.width
        base = self.rich_style
        line_no = int(self.scroll_y) + y
        index, sub = divmod(line_no, ROW_HEIGHT)
        if self.source.count() == 0:
            hint = self.empty_message.split("\n")
            if 1 <= line_no <= len(hint):
                text = Text("  " + hint[line_no - 1], style=self.get_component_rich_style("article-list--empty"))
                return self._strip(text, width, base)
            return Strip.blank(width, base)
        row = self.source.row(index)
        if row is None:
            return Strip.blank(width, base)
        text = self._title_line(row, width) if sub == 0 else self._meta_line(row, width)
        style = base
        if index == self.cursor:
            style = base + self.get_component_rich_style("article-list--cursor")
        return self._strip(text, width, style)

    def _strip(self, text: Text, width: int, style) -> Strip:  # type: ignore[no-untyped-def]
        text.stylize_before(style)
        text.truncate(width, overflow="ellipsis", pad=True)
        strip = Strip(text.render(self.app.console), width)
        return strip.crop_extend(0, width, style)

    def _title_line(self, row: ArticleRow, width: int) -> Text:
        unread = Text("● " if not row.read else "  ", style=self.get_component_rich_style("article-list--unread"))
        mark = Text("★ " if row.bookmarked else "  ", style=self.get_component_rich_style("article-list--bookmark"))
        title = Text(clean_line(row.title) or "(tanpa judul)", style="bold" if not row.read else "")
        line = Text(" ", no_wrap=True, overflow="ellipsis")
        line.append_text(unread)
        line.append_text(mark)
        line.append_text(title)
        return line

    def _meta_line(self, row: ArticleRow, width: int) -> Text:
        meta_style = self.get_component_rich_style("article-list--meta")
        source = clean_line(row.source) or ""
        date = short_date(row.published)
        room = max(0, width - 5 - len(date) - 2)
        if len(source) > room:
            source = source[: max(0, room - 1)] + "…" if room > 1 else ""
        gap = max(1, width - 5 - len(source) - len(date) - 1)
        return Text(f"     {source}{' ' * gap}{date} ", style=meta_style, no_wrap=True)
