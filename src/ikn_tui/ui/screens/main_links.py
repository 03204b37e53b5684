"""Following Baca Juga links from the main screen, and the history keys.

``1``…``9`` resolve a related link: a known article (stored or loaded) by
URL or normalised title, else reader mode in a thread worker (``tasks.resolve``);
``backspace``/``alt+left`` and ``alt+right`` walk the history.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work

from ikn_tui.core.follow import find_known
from ikn_tui.core.models import Article
from ikn_tui.core.store import StoreError
from ikn_tui.core.text import is_web_url
from ikn_tui.ui import tasks
from ikn_tui.ui.messages import FollowRelated, LinkResolved

if TYPE_CHECKING:  # pragma: no cover
    from ikn_tui.ui.screens.main import MainScreen

    _Base = MainScreen
else:
    _Base = object


class LinkActions(_Base):
    """Mixed into ``MainScreen`` (message handlers go by name)."""

    def action_follow(self: MainScreen, number: int) -> None:
        found = self.lookup(number)
        if found is None:
            self.notify_text(f"Tidak ada tautan nomor {number}.", severity="warning")
            return
        article, known = found
        link = article.related[number - 1]
        if known is not None and known.article is not None:  # type: ignore[attr-defined]
            self.show_article(known.article)  # type: ignore[attr-defined]
            return
        if self.ikn.offline or not is_web_url(link.url):  # javascript:, file:, data: ... do nothing
            why = "luring" if self.ikn.offline else "tanpa alamat web"
            self.mark_failed(number, f"Tidak ditemukan ({why}): {link.title}")
            return
        self.notify_text(f"Membuka: {link.title}")
        self.resolve_link(number, article.id)

    def action_back(self: MainScreen) -> None:
        if not self.history.can_go_back:
            self.notify_text("Tidak ada halaman sebelumnya.")
            return
        self.open_entry(self.history.back())

    def action_forward(self: MainScreen) -> None:
        if not self.history.can_go_forward:
            self.notify_text("Tidak ada halaman berikutnya.")
            return
        self.open_entry(self.history.forward())

    def on_follow_related(self: MainScreen, event: FollowRelated) -> None:
        self.action_follow(event.number)

    @work(thread=True, group="resolve")
    def resolve_link(self: MainScreen, number: int, article_id: int | None) -> None:
        assert self.article is not None
        link = self.article.related[number - 1]
        result = tasks.resolve(
            link, list(self.loaded), self.ikn.worker_store, self.ikn.fetcher_factory, self.ikn.offline
        )
        self.post_message(LinkResolved(link, number, result.article, result.message))

    def on_link_resolved(self: MainScreen, event: LinkResolved) -> None:
        if event.article is not None:
            self.show_article(event.article)
            self.article_list.reload()
            self.update_status()
            return
        self.mark_failed(event.number, event.message or "Tautan tidak ditemukan")

    def mark_failed(self: MainScreen, number: int, message: str) -> None:
        self.failed.add(number)
        self.article_view.restyle(self.note, self.failed)
        self.related.show(self.article, [], self.failed)
        if self.article is not None and self.article.id is not None:
            self.load_similar(self.article.id)
        self.notify_text(message, severity="warning")

    def lookup(self: MainScreen, number: int) -> tuple[Article, object] | None:
        """The related link ``number`` of the article on display, and any local match."""
        if self.article is None or not 1 <= number <= len(self.article.related):
            return None
        link = self.article.related[number - 1]
        try:
            known = find_known(link, self.ikn.store, self.loaded)
        except StoreError:
            known = None
        return self.article, known
