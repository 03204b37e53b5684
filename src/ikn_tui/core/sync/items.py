"""Server items -> articles, through the same extraction as feeds: the HTML
is cut into paragraphs, "Baca juga" links are lifted out, images collected;
an item with little text is kept as a summary (``full=False``), which reader
mode completes when it is opened (or when it is bookmarked)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from ikn_tui.core.models import Article, RelatedLink
from ikn_tui.core.sync.base import ServerFeed, ServerItem
from ikn_tui.core.text import clean_line, clean_optional, is_web_url

WIB = timezone(timedelta(hours=7))
FULL_TEXT_CHARS = 600  # as feeds: less text than this is "summary only"
MAX_HTML_CHARS = 1_000_000
SUMMARY_CHARS = 600


def _extract(html: str, base_url: str | None) -> tuple[list[str], list[RelatedLink], list[str]]:
    """The feeds' fragment path: plain ``<p>`` text, then ``<p>`` with inline
    links and "Baca juga: <a>" paragraphs (both without an lxml tree, same
    result), then the full ``extract_fragment``."""
    from ikn_tui.core.extract import extract_fragment, inline_fragment, simple_paragraphs

    html = (html or "")[:MAX_HTML_CHARS]
    if not html.strip():
        return [], [], []
    simple = simple_paragraphs(html)
    if simple is not None:
        return list(simple), [], []
    inline = inline_fragment(html, base_url)
    if inline is not None:
        paragraphs, related, images = inline
    else:
        paragraphs, related, images = extract_fragment(html, base_url)
    return list(paragraphs), list(related), list(images)


def _published(ts: int | None) -> str | None:
    if ts is None or ts <= 0:
        return None
    try:
        return datetime.fromtimestamp(ts, WIB).isoformat()
    except (OverflowError, OSError, ValueError):
        return None


def _summary(paragraphs: list[str]) -> str | None:
    text = ""
    for para in paragraphs:
        text = f"{text} {para}".strip()
        if len(text) >= 80:
            break
    return clean_optional(text, limit=SUMMARY_CHARS)


def to_article(item: ServerItem, feed: ServerFeed | None, kind: str) -> Article:
    url = item.url if item.url and is_web_url(item.url) else None
    body, related, images = _extract(item.html, url)
    title = clean_line(item.title, limit=500)
    summary = _summary(body)
    if not title:
        title = clean_line(summary or "", limit=120) or "(tanpa judul)"
    return Article(
        title=title,
        url=url,
        source=clean_optional(feed.title if feed else None, limit=200),
        author=clean_optional(item.author, limit=200),
        published=_published(item.published),
        summary=summary,
        body=body,
        related=related,
        images=images,
        guid=url or f"{kind}-item:{item.id}",
        feed_url=feed.url if feed else None,
        full=sum(len(p) for p in body) > FULL_TEXT_CHARS,
    )


def to_articles(items: list[ServerItem], feeds: dict[str, ServerFeed], kind: str) -> list[tuple[str, Article]]:
    return [(item.id, to_article(item, feeds.get(item.feed_id or ""), kind)) for item in items]
