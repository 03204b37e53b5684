"""Reader mode: fetch an article page and extract the full text.

Most Indonesian feeds carry only a summary; the full article comes from its
page, fetched when the article is first opened (or by ``show URL``).
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from ikn_tui.core.models import Article, SourceResult
from ikn_tui.core.problem import ProblemKind, problem
from ikn_tui.core.text import clean_line, is_web_url

if TYPE_CHECKING:
    from ikn_tui.core.fetch import Fetcher


async def fetch_article(url: str, fetcher: Fetcher) -> SourceResult:
    """Fetch ``url`` and extract one article. Never raises."""
    name = clean_line(url, limit=200)
    if not is_web_url(url):
        return SourceResult(source=url, kind="error", error=problem(ProblemKind.ONLY_WEB_URLS, name))
    fetched = await fetcher.fetch(url, accept="text/html,application/xhtml+xml;q=0.9,*/*;q=0.5")
    if fetched.error or not fetched.ok:
        what = fetched.error or problem(ProblemKind.HTTP_STATUS, code=fetched.status)
        return SourceResult(source=url, kind="error", error=what.at(name))
    from ikn_tui.core.sources import parse_document

    result = await asyncio.to_thread(
        parse_document, fetched.content, url,
        base_url=fetched.final_url or url, http_charset=fetched.charset, fetched_at=datetime.now(UTC),
    )
    if result.error:
        return result
    if result.kind != "article":
        what = problem(ProblemKind.NOT_AN_ARTICLE, name, found=result.kind)
        return SourceResult(source=url, kind="error", error=what)
    from ikn_tui.core.multipage import join_pages

    result.articles[0] = await join_pages(result.articles[0], fetched.final_url or url, fetcher)
    return result


def merge_full(summary: Article, full: Article) -> Article:
    """The stored (feed) article, completed with what reader mode found.

    The feed's identity (guid, feed_url, id) is kept; the page's text,
    related links and any metadata the feed lacked are taken.
    """
    return Article(
        title=summary.title or full.title,
        url=summary.url or full.url,
        source=summary.source or full.source,
        author=full.author or summary.author,
        published=summary.published or full.published,
        category=summary.category or full.category,
        summary=summary.summary or full.summary,
        body=full.body or summary.body,
        related=full.related if full.body else summary.related,
        images=full.images or summary.images,
        guid=summary.guid,
        feed_url=summary.feed_url,
        full=bool(full.body),
        id=summary.id,
        origin=summary.origin,
        captions=full.captions if full.body else summary.captions,
        page=full.page if full.body else summary.page,
        pages=full.pages if full.body else summary.pages,
        editor=full.editor or summary.editor,
    )
