"""The related pane: numbered "Baca juga" links, then "Berita lain" (similar articles)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.binding import BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ikn_tui.core.models import Article, ArticleRow
from ikn_tui.core.text import clean_line
from ikn_tui.i18n import N_, _, short_date
from ikn_tui.ui import keys

MISSING = N_("(tidak ditemukan)")


class RelatedPane(OptionList):
    """Enter on a link follows it (like pressing its number)."""

    BINDINGS: ClassVar[list[BindingType]] = keys.bindings("related")

    @dataclass
    class Follow(Message):
        """Follow related link ``number`` (1-based) of the article on display."""

        number: int

    @dataclass
    class OpenSimilar(Message):
        """A row of "Berita lain" was chosen."""

        article_id: int

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._rows: dict[str, ArticleRow] = {}

    def show(self, article: Article | None, similar: list[ArticleRow], failed: set[int]) -> None:
        """Fill the pane for ``article``; ``failed`` holds link numbers that did not resolve."""
        self.clear_options()
        self._rows = {}
        if article is None:
            self.add_option(Option(Text(_("Tidak ada artikel dibuka."), style="dim"), disabled=True))
            return
        options: list[Option | None] = []
        if article.related:
            options.append(Option(Text("Baca juga", style="bold"), disabled=True))
            for number, link in enumerate(article.related, start=1):
                label = Text()
                label.append(f"[{number}] ", style="bold")
                title = clean_line(link.title) or clean_line(link.url) or "tautan"
                if number in failed:
                    label.append(title, style="dim")
                    label.append(" " + _(MISSING), style="dim italic")
                else:
                    label.append(title)
                options.append(Option(label, id=f"link-{number}"))
        if similar:
            if options:
                options.append(None)
            options.append(Option(Text(_("Berita lain"), style="bold"), disabled=True))
            for row in similar[:5]:
                label = Text(clean_line(row.title) or _("(tanpa judul)"))
                when = short_date(row.published).strip()
                if when:
                    label.append("\n" + when, style="dim")
                key = f"row-{row.id}"
                self._rows[key] = row
                options.append(Option(label, id=key))
        if not options:
            options.append(Option(Text(_("Tidak ada tautan terkait."), style="dim"), disabled=True))
        self.add_options(options)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        if option_id.startswith("link-"):
            self.post_message(self.Follow(int(option_id.removeprefix("link-"))))
        elif option_id in self._rows:
            self.post_message(self.OpenSimilar(self._rows[option_id].id))
