"""Rich rendering of articles for the CLI. Outside text is only ever ``Text``."""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich.rule import Rule
from rich.text import Text

from ikn_tui.core.models import Article, ArticleRow
from ikn_tui.core.text import strip_controls
from ikn_tui.i18n import _, long_date


def safe(text: str | None) -> str:
    return strip_controls(text or "")


def article_renderable(article: Article) -> Group:
    parts: list[RenderableType] = []
    parts.append(Text(safe(article.title), style="bold"))
    page = (_("page {page} of {pages}").format(page=article.page, pages=article.pages)
            if article.page is not None and article.pages and article.pages > 1 else None)
    meta = [x for x in (article.source, article.author, long_date(article.published) or article.published,
                        article.category, page) if x]
    if meta:
        parts.append(Text(" · ".join(safe(m) for m in meta), style="dim"))
    if article.url:
        parts.append(Text(safe(article.url), style="dim underline"))
    for caption in article.captions:
        parts.append(Text(_("Photo: ") + safe(caption), style="dim italic"))
    parts.append(Rule(style="dim"))
    by_position: dict[int, list[tuple[int, str]]] = {}
    for number, link in enumerate(article.related, start=1):
        by_position.setdefault(link.position, []).append((number, link.title))
    # A blank Text between paragraphs, not Padding: Padding fills every line to the
    # console's width with spaces, which a pipe or a file would keep.
    for index, paragraph in enumerate(article.body):
        for number, title in by_position.pop(index, []):
            parts.extend((_marker(number, title), Text()))
        parts.extend((Text(safe(paragraph)), Text()))
    for leftover in sorted(by_position):
        for number, title in by_position[leftover]:
            parts.extend((_marker(number, title), Text()))
    if article.related:
        parts.append(Rule("Baca juga", style="dim"))
        for number, link in enumerate(article.related, start=1):
            line = Text(f"[{number}] ", style="bold cyan")
            line.append(safe(link.title))
            line.append(f"  {safe(link.url)}" if link.url else "  " + _("(no link)"), style="dim")
            parts.append(line)
    return Group(*parts)


def _marker(number: int, title: str) -> Text:
    text = Text(f"[{number}] Baca juga: ", style="bold cyan")
    text.append(safe(title), style="cyan")
    return text


def print_article(console: Console, article: Article) -> None:
    if console.is_terminal:
        console.print(article_renderable(article))
        return
    # Into a pipe or a file: no colours, and no trailing spaces (rich leaves the space
    # where it wraps a line, and pads some renderables to the full width).
    with console.capture() as captured:
        console.print(article_renderable(article))
    console.file.write("\n".join(line.rstrip() for line in captured.get().split("\n")))


def print_rows(console: Console, rows: list[Article] | list[ArticleRow]) -> None:
    from ikn_tui.core.text import short_wib

    for row in rows:
        line = Text()
        line.append(f"{short_wib(row.published):<16}", style="dim")
        line.append("  ")
        line.append(f"{safe(row.source or '')[:18]:<18}", style="cyan")
        line.append("  ")
        line.append(safe(row.title))
        console.print(line, overflow="ellipsis", no_wrap=True)
