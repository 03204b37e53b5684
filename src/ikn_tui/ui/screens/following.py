"""Following a "Baca juga" link of the article on display (``1`` … ``9``, or
a row of the related pane): an article already known opens at once, else the
link is resolved in a thread worker of the screen that posts ``LinkResolved``
(a plain helper the main screen owns)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.screen import Screen

from ikn_tui.core.follow import find_known
from ikn_tui.core.models import Article
from ikn_tui.core.store import StoreError
from ikn_tui.core.text import is_web_url
from ikn_tui.i18n import _
from ikn_tui.ui import tasks
from ikn_tui.ui.context import ReaderContext
from ikn_tui.ui.explain import no_link_reason
from ikn_tui.ui.messages import LinkResolved
from ikn_tui.ui.notices import say
from ikn_tui.ui.problem_words import words
from ikn_tui.ui.screens.reading import Reading


class LinkFollower:
    """``loaded`` are the articles opened from sources this session (some have
    no store id); ``arrived()`` runs after a resolved link opened an article."""

    def __init__(
        self,
        screen: Screen[Any],
        context: ReaderContext,
        reading: Reading,
        loaded: list[Article],
        arrived: Callable[[], None],
    ) -> None:
        self.screen = screen
        self.context = context
        self.reading = reading
        self.loaded = loaded
        self.arrived = arrived
        self.resolving: Article | None = None  # a link of this article is being fetched

    def follow(self, number: int) -> None:
        reading, context = self.reading, self.context
        article = reading.article
        if article is None or not 1 <= number <= len(article.related):
            say(self.screen, no_link_reason(article, number), "warning")
            return
        link = article.related[number - 1]
        try:
            known = find_known(link, context.store, self.loaded)
        except StoreError:
            known = None
        if known is not None and known.article is not None:
            reading.show(known.article)
            return
        if context.offline or not is_web_url(link.url):  # javascript:, file:, data: ... do nothing
            why = _("luring") if context.offline else _("tanpa alamat web")
            reading.mark_failed(number, _("Tidak ditemukan ({why}): {title}").format(why=why, title=link.title))
            return
        say(self.screen, _("Membuka: {title}").format(title=link.title))
        self.resolving = article
        self.resolve(article, number)

    def resolve(self, article: Article, number: int) -> None:
        screen, context, loaded = self.screen, self.context, self.loaded

        def work() -> None:
            link = article.related[number - 1]
            result = tasks.resolve(link, list(loaded), context.store_factory, context.fetcher_factory, context.offline)
            screen.post_message(LinkResolved(link, number, result.article, words(result.message) or None))

        screen.run_worker(work, name="resolve_link", group="resolve", thread=True)

    def resolved(self, event: LinkResolved) -> None:
        origin, self.resolving = self.resolving, None
        if origin is not None and origin is not self.reading.article:
            return  # another article was opened meanwhile: it stays on display
        if event.article is not None:
            self.reading.show(event.article)
            self.arrived()
            return
        self.reading.mark_failed(event.number, event.message or _("Tautan tidak ditemukan"))
