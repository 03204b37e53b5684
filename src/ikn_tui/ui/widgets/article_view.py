"""The article pane: the lead photo (``lead_photo.py``), a header (title, source,
author, date, category) and the body, with each "Baca juga" marker shown where it
stood in the text."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from ikn_tui.core.models import Article
from ikn_tui.core.text import clean_line, clean_paragraph
from ikn_tui.i18n import N_, _, long_date
from ikn_tui.ui import keys
from ikn_tui.ui.widgets.lead_photo import LeadPhoto, PhotoSource

EMPTY_HINT = N_("Enter: buka berita yang dipilih di daftar.")
# Far more than any real article. Textual re-wraps the whole body on redraws:
# a 1 MB body froze the reader for seconds on every key.
MAX_SHOWN_CHARS = 60_000
CUT_NOTE = N_("(Sisa artikel tidak ditampilkan di sini karena terlalu panjang; teks lengkap: ikn-read show.)")


def page_note(article: Article) -> str:
    """"halaman 1 dari 2" for one page of an article split over pages ("" otherwise)."""
    if article.page is None or not article.pages or article.pages < 2:
        return ""
    return _("halaman {page} dari {pages}").format(page=article.page, pages=article.pages)


def header_text(article: Article, note: str | None = None) -> Text:
    """Title, then "source · author", then "date · category" (all literal text)."""
    text = Text()
    text.append(clean_line(article.title) or _("(tanpa judul)"), style="bold")
    byline = [part for part in (clean_line(article.source), clean_line(article.author)) if part]
    if byline:
        text.append("\n" + " · ".join(byline), style="italic")
    when = [part for part in (long_date(article.published), clean_line(article.category), page_note(article)) if part]
    if when:
        text.append("\n" + " · ".join(when), style="dim")
    for caption in article.captions[:3]:
        text.append("\n" + _("Foto: ") + clean_line(caption), style="dim italic")
    if note:
        text.append("\n" + clean_line(note), style="dim italic")
    return text


def body_text(article: Article, failed: set[int] | None = None) -> Text:
    """Paragraphs with a blank line between; markers "[n] Baca juga: Title" in place."""
    failed = failed or set()
    paragraphs = [clean_paragraph(p) for p in article.body if clean_paragraph(p)]
    if not paragraphs and article.summary:
        paragraphs = [clean_paragraph(article.summary)]
    by_position: dict[int, list[tuple[int, str]]] = {}
    for number, link in enumerate(article.related, start=1):
        position = max(0, min(link.position, len(article.body)))
        by_position.setdefault(position, []).append((number, clean_line(link.title) or "tautan"))
    blocks: list[Text] = []
    # Markers use the raw body positions; empty paragraphs were dropped above,
    # so walk the original body to keep markers where they stood.
    index_of_kept = shown = 0
    cut = False
    for position in range(len(article.body) + 1):
        for number, title in by_position.get(position, []):
            marker = Text()
            marker.append(f"[{number}] ", style="bold")
            marker.append("Baca juga: ", style="italic")
            marker.append(title, style="underline" if number not in failed else "dim strike")
            blocks.append(marker)
        if position < len(article.body) and clean_paragraph(article.body[position]):
            paragraph = paragraphs[index_of_kept]
            index_of_kept += 1
            if shown >= MAX_SHOWN_CHARS:
                cut = True
                continue
            if shown + len(paragraph) > MAX_SHOWN_CHARS:
                paragraph, cut = paragraph[: MAX_SHOWN_CHARS - shown].rstrip() + "…", True
            shown += len(paragraph)
            blocks.append(Text(paragraph))
    if not article.body and paragraphs:
        blocks.insert(0, Text(paragraphs[0][:MAX_SHOWN_CHARS]))
    if cut:
        blocks.append(Text(_(CUT_NOTE), style="dim italic"))
    return Text("\n\n").join(blocks) if blocks else Text("(Artikel ini tidak punya isi.)", style="dim")


class ArticleView(VerticalScroll, can_focus=True):
    """Scrollable article text; space pages down."""

    BINDINGS: ClassVar[list[BindingType]] = keys.bindings("article")

    def __init__(self, photo: PhotoSource | None = None, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.article: Article | None = None
        self.photo = LeadPhoto(photo, id="lead-photo")

    def compose(self) -> ComposeResult:
        yield self.photo
        yield Static(Text(_(EMPTY_HINT), style="dim"), id="article-header")
        yield Static("", id="article-body")

    def on_resize(self) -> None:
        """A pane too short for a photo and some text shows the text only (see ``LeadPhoto.fit``)."""
        self.photo.fit(self.size.height)

    @on(LeadPhoto.Grew)
    def _photo_grew(self, event: LeadPhoto.Grew) -> None:
        """A photo that arrived late pushes the text down: a reader already scrolled into
        the text keeps the lines in view (at the top, the photo simply shows)."""
        event.stop()
        if self.scroll_y > 0:
            self.scroll_to(y=self.scroll_y + event.rows, animate=False)

    def show(self, article: Article | None, note: str | None = None, failed: set[int] | None = None) -> None:
        """Display ``article`` (``None`` shows the hint) from the top."""
        self.article = article
        header = self.query_one("#article-header", Static)
        body = self.query_one("#article-body", Static)
        if article is None:
            header.update(Text(_(EMPTY_HINT), style="dim"))
            body.update("")
        else:
            header.update(header_text(article, note))
            body.update(body_text(article, failed))
        self.photo.show(article)  # looked up in a worker: the text above is not held up
        self.scroll_home(animate=False)

    def restyle(self, note: str | None = None, failed: set[int] | None = None) -> None:
        """Redraw the article on display without moving (a link failed, a note changed)."""
        if self.article is None:
            return
        self.query_one("#article-header", Static).update(header_text(self.article, note))
        self.query_one("#article-body", Static).update(body_text(self.article, failed))
