"""Subscribing and unsubscribing from the reader: the prompts, the
confirmations and the store calls (a plain helper the main screen owns).

``a`` (feeds view) or the palette's "Langganan feed…" asks for a URL and
subscribes; ``d`` unsubscribes after a yes; an OPML file opened with
"Buka feed…" offers to subscribe to the feeds it names.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.screen import Screen

from ikn_tui.core.store import Store, StoreError
from ikn_tui.core.text import clean_line, is_web_url
from ikn_tui.i18n import _, ngettext
from ikn_tui.ui import tasks
from ikn_tui.ui.notices import Severity, say
from ikn_tui.ui.problem_words import error_words
from ikn_tui.ui.screens.dialogs import ConfirmScreen, PromptScreen
from ikn_tui.ui.undo import SubscriptionChange

OFFER_SHOWN = 8  # URLs listed in the OPML confirmation


class Subscriptions:
    """``subscribed(urls)`` runs after new subscriptions, ``removed(change)`` after one is
    dropped (``change`` brings it back: ``ui/undo.py``)."""

    def __init__(
        self,
        screen: Screen[Any],
        store: Store,
        subscribed: Callable[[list[str]], None],
        removed: Callable[[SubscriptionChange], None],
    ) -> None:
        self.screen = screen
        self.store = store
        self.subscribed = subscribed
        self.removed = removed

    def _say(self, message: str, severity: Severity = "information") -> None:
        say(self.screen, message, severity)

    def count(self) -> int | None:
        """How many feeds are subscribed; None when the store cannot tell (the status line says so)."""
        try:
            return len(self.store.list_subscriptions())
        except StoreError:
            return None

    def ask(self) -> None:
        """Ask for a URL, then subscribe to it."""
        prompt = PromptScreen(_("Langganan feed…"), _("https://… alamat feed RSS/Atom"))
        self.screen.app.push_screen(prompt, self.subscribe_to)

    def subscribe_to(self, value: str | None) -> None:
        if not value:
            return
        url = clean_line(value, 2000)
        if not is_web_url(url):
            self._say(_("Bukan alamat http(s): {url}").format(url=url), "warning")
            return
        try:
            added = self.store.add_subscription(url)
        except StoreError as error:
            self._say(_("Langganan gagal: {error}").format(error=error_words(error)), "error")
            return
        self._say(_("Berlangganan: {url}").format(url=url) if added else _("Sudah berlangganan: {url}").format(url=url))
        self.subscribed([url])

    def offer(self, urls: list[str], titles: dict[str, str | None] | None = None) -> None:
        """An OPML file named these feeds: offer to subscribe to the new ones."""
        try:
            known = {sub.url for sub in self.store.list_subscriptions()}
        except StoreError:
            known = set()
        fresh = [u for u in dict.fromkeys(clean_line(u, 2000) for u in urls) if is_web_url(u) and u not in known]
        if not fresh:
            return
        shown = "\n".join(clean_line(url, 70) for url in fresh[:OFFER_SHOWN])
        if len(fresh) > OFFER_SHOWN:
            shown += _("\n… dan {n} lagi").format(n=len(fresh) - OFFER_SHOWN)

        def answered(yes: bool | None) -> None:
            if yes:
                self.subscribe_many(fresh, titles or {})

        question = ngettext(
            "Berlangganan {n} feed dari OPML ini?", "Berlangganan {n} feed dari OPML ini?", len(fresh)
        ).format(n=len(fresh))
        self.screen.app.push_screen(ConfirmScreen(_("Langganan dari OPML"), question, shown), answered)

    def subscribe_many(self, urls: list[str], titles: dict[str, str | None]) -> None:
        """The feeds of an OPML file, with their titles: the same path as ``feeds import``."""
        try:
            added = tasks.subscribe(self.store, urls, titles).added
        except StoreError as error:
            self._say(_("Langganan gagal: {error}").format(error=error_words(error)), "error")
            return
        if added:
            self._say(ngettext("Berlangganan {n} feed.", "Berlangganan {n} feed.", len(added)).format(n=len(added)))
            self.subscribed(added)

    def remove(self, url: str, name: str, title: str | None) -> None:
        """Unsubscribe from ``url`` (its stored ``title``) after a yes (its stored articles stay)."""

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self.store.remove_subscription(url)
            except StoreError as error:
                self._say(_("Gagal berhenti berlangganan: {error}").format(error=error_words(error)), "error")
                return
            self._say(_("Berhenti berlangganan: {name}. Berita yang tersimpan tetap ada.").format(name=name))
            self.removed(SubscriptionChange(url, title))

        question = _("Berhenti berlangganan {name}?").format(name=name)
        self.screen.app.push_screen(ConfirmScreen(_("Hapus langganan"), question, clean_line(url, 200)), answered)
