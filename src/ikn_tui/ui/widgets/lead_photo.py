"""The lead photo at the top of the article pane.

``show(article)`` never waits: the photo is looked up (the store's thumbnail,
else the network) and decoded in a thread worker, which posts ``PhotoLoaded``;
an answer for an article left since is dropped (``generation``). Pillow and
textual-image are imported by that worker the first time a photo is shown
(``ui/image_stack.py``), never at start. A photo that cannot be shown leaves one
short line in the reader's language; none at all when there is no photo, when
offline without a kept copy, or with ``images = "off"`` (``i`` toggles and saves it).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any

from rich.text import Text
from textual import on, work
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static

from ikn_tui.core.models import Article
from ikn_tui.core.text import clean_line
from ikn_tui.i18n import N_, _
from ikn_tui.ui import tasks
from ikn_tui.ui.messages import PhotoLoaded
from ikn_tui.ui.problem_words import words

LOADING = N_("Memuat foto…")
LOADING_AFTER = 0.15  # seconds
NOTES = {
    "not-image": N_("Foto dilewati: bukan gambar."),
    "too-large": N_("Foto dilewati: lebih dari 2 MB."),
    "too-many-pixels": N_("Foto dilewati: ukurannya tidak wajar."),
    "broken": N_("Foto dilewati: berkas rusak atau terpotong."),
    "cannot-draw": N_("Foto tidak bisa ditampilkan di terminal ini."),
}
FAILED = N_("Foto gagal dimuat: {error}")
# Below this many rows in the article pane (a 40x12 terminal) the photo would leave
# almost no room for text: it is hidden until the pane grows again.
MIN_PANE_ROWS = 16
SILENT = ("tiny", "not-cached")  # a spacer pixel; offline and never seen: nothing to say


@dataclass(frozen=True)
class PhotoSource:
    """What the photo needs from outside (handed down by the screen)."""

    store_factory: Any = None  # () -> Store
    fetcher_factory: Any = None  # () -> async context manager giving a Fetcher
    offline: bool = False
    enabled: bool = True  # config.toml: images = "auto" (True) or "off"
    renderer: str = "auto"  # auto, halfcell, tgp, sixel (see image_stack.pick_renderer)


class LeadPhoto(Vertical):
    """The photo (textual-image's widget) or a one-line note; hidden when there is neither."""

    @dataclass
    class Grew(Message):
        """A photo from the network took its place above the text: ``rows`` more rows."""

        rows: int

    @dataclass
    class Toggled(Message):
        """``i`` turned photos on or off: the app saves it (``images`` in config.toml)."""

        enabled: bool

    def __init__(self, source: PhotoSource | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.source = source or PhotoSource(enabled=False)
        self.enabled = self.source.enabled
        self.article: Article | None = None
        self.url: str | None = None
        self.generation = 0
        self.state = "none"  # none, loading, shown, note
        self.wanted = False  # a photo or a note to show (when there is room)
        self.room = True  # the article pane is tall enough (see fit)
        self._box(False)

    def fit(self, pane_rows: int) -> None:
        """The article pane is ``pane_rows`` tall: too short, and the photo steps aside."""
        self.room = pane_rows >= MIN_PANE_ROWS
        self._box(self.wanted)

    def _box(self, wanted: bool) -> None:
        self.wanted = wanted
        self.display = wanted and self.room

    def show(self, article: Article | None) -> None:
        """The photo of ``article`` (None: none). The same photo as on display stays."""
        from ikn_tui.core.images import lead_image_url  # ~7 ms of imports: on the first article, not at start

        self.article = article
        url = lead_image_url(article) if article is not None and self.enabled else None
        if url is not None and url == self.url and self.state in ("loading", "shown", "note"):
            return
        self.generation += 1
        self.url = url
        self._clear()
        if url is None or self.source.store_factory is None:
            self.state = "none"
            self._box(False)
            return
        self.state = "loading"
        self._box(False)
        # A kept photo comes back within milliseconds: the note only for a real wait (no flicker).
        self.set_timer(LOADING_AFTER, partial(self._still_loading, self.generation))
        self.load(self.generation, url)

    def _still_loading(self, generation: int) -> None:
        if generation == self.generation and self.state == "loading":
            self._note(_(LOADING))

    def toggle(self) -> bool:
        """Photos on or off (kept in config.toml by the app, see ``Toggled``); True when now on."""
        self.enabled = not self.enabled
        self.url = None
        self.show(self.article)
        self.post_message(self.Toggled(self.enabled))
        return self.enabled

    def _clear(self) -> None:
        self.remove_children()

    def _note(self, text: str) -> None:
        self._clear()
        self.mount(Static(Text(text, style="dim italic"), classes="photo-note"))
        self._box(True)

    @work(thread=True, exclusive=True, group="photo")
    def load(self, generation: int, url: str) -> None:
        source = self.source
        found = tasks.lead_photo(url, source.store_factory, source.fetcher_factory, source.offline)
        if found.thumbnail is None:
            self.post_message(PhotoLoaded(generation, url, None, found.problem, found.detail, found.error))
            return
        from ikn_tui.ui import image_stack

        try:
            image_stack.load()
            image = image_stack.open_thumbnail(found.thumbnail.data)
        # our own JPEG from the store, but a damaged row or a missing library must not end the reader
        except Exception as error:  # noqa: BLE001
            self.post_message(PhotoLoaded(generation, url, None, "cannot-draw", str(error)[:200]))
            return
        self.post_message(PhotoLoaded(generation, url, image, cached=found.cached))

    def _grew(self, before: int, generation: int) -> None:
        rows = self.outer_size.height - before
        if rows > 0 and generation == self.generation:
            self.post_message(self.Grew(rows))

    @on(PhotoLoaded)
    def _loaded(self, event: PhotoLoaded) -> None:
        event.stop()
        if event.generation != self.generation or event.url != self.url:
            return  # the reader moved on to another article (or turned photos off)
        if event.image is not None:
            from ikn_tui.ui import image_stack

            before = self.outer_size.height if self.display else 0
            self._clear()
            renderer = image_stack.pick_renderer(self.source.renderer)
            self.mount(image_stack.widget_class(renderer)(event.image, classes="photo"))
            self.state = "shown"
            self._box(True)
            if not event.cached:  # it may come late, while the reader is already further down
                self.call_after_refresh(self._grew, before, event.generation)
            return
        problem = event.problem or "broken"
        if problem in SILENT:
            self._clear()
            self.state = "none"
            self._box(False)
            return
        self.state = "note"
        if problem == "fetch":
            reason = words(event.error, 120) if event.error is not None else clean_line(event.detail, 120)
            self._note(_(FAILED).format(error=reason))
        else:
            self._note(_(NOTES.get(problem, NOTES["broken"])))
