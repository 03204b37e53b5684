"""Opening sources in the reader (a plain helper the main screen owns): the
files, folders and URLs given on the command line or with the palette's
"Buka feed…" are loaded in a thread worker of the screen that posts
``SourcesLoaded``; the screen hands it back here."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.screen import Screen

from ikn_tui.core.models import Article
from ikn_tui.i18n import ngettext
from ikn_tui.ui import tasks
from ikn_tui.ui.context import ReaderContext
from ikn_tui.ui.messages import SourcesLoaded
from ikn_tui.ui.notices import say
from ikn_tui.ui.screens.panes import ReaderPanes
from ikn_tui.ui.screens.reading import Reading
from ikn_tui.ui.screens.subscribing import Subscriptions


class SourceLoader:
    """The articles loaded go to ``loaded`` (some have no store id); ``ready``
    turns True once the first sources are loaded and drawn (tests wait on it);
    ``status()`` redraws the status line."""

    def __init__(
        self,
        screen: Screen[Any],
        context: ReaderContext,
        panes: ReaderPanes,
        reading: Reading,
        subscriptions: Subscriptions,
        loaded: list[Article],
        status: Callable[[], None],
    ) -> None:
        self.screen = screen
        self.context = context
        self.panes = panes
        self.reading = reading
        self.subscriptions = subscriptions
        self.loaded = loaded
        self.status = status
        self.ready = False

    def load(self, specs: list[str], initial: bool) -> None:
        screen, context = self.screen, self.context

        def work() -> None:
            fetcher = None if context.offline else context.fetcher_factory
            outcome = tasks.load_sources(specs, context.store_factory, fetcher)
            screen.post_message(SourcesLoaded(
                outcome.opened, outcome.loaded, outcome.errors, outcome.warnings, outcome.feeds, initial,
                outcome.feed_titles,
            ))

        screen.run_worker(work, name="load_sources", group="load", thread=True)

    def loaded_now(self, event: SourcesLoaded) -> None:
        """Say what failed, show what was opened, offer an OPML file's feeds."""
        self.loaded.extend(event.loaded)
        for error in event.errors:
            say(self.screen, error, "error")
        for warning in event.warnings[:3]:
            say(self.screen, warning, "warning")
        self.panes.list_pane.sources_loaded()
        if event.opened is not None:
            if event.opened.id is not None:
                self.panes.article_list.select_id(event.opened.id)
            self.reading.show(event.opened)
        elif not event.initial and event.loaded:
            n = len(event.loaded)
            say(self.screen, ngettext("{n} berita dimuat.", "{n} berita dimuat.", n).format(n=n))
        self.status()
        self.ready = True
        if event.feeds:
            self.subscriptions.offer(event.feeds, event.feed_titles)
