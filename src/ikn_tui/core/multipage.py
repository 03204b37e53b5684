"""Articles split over several pages (Kompas "Halaman Selanjutnya", Tribun
"Halaman 2", detik, Okezone): fetch the rest and join the text.

The portal's "all pages" form comes first (one more request, Kompas and
Tribun ``?page=all``); when it gives no more text, the next-page links are
followed: at most ``MAX_PAGES`` pages in all, on the same host, never the
same URL twice. A page that fails ends the walk; what was joined so far is
kept.
"""

from __future__ import annotations

import asyncio
import dataclasses
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from ikn_tui.core.models import Article, RelatedLink

if TYPE_CHECKING:
    from ikn_tui.core.fetch import Fetcher

MAX_PAGES = 10
_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"


def _host(url: str | None) -> str | None:
    try:
        return (urlsplit(url).hostname or "").lower() or None if url else None
    except ValueError:
        return None


async def _fetch_page(url: str, fetcher: Fetcher) -> Article | None:
    from ikn_tui.core.extract import extract_article
    from ikn_tui.core.text import decode_bytes

    fetched = await fetcher.fetch(url, accept=_ACCEPT)
    if fetched.error or not fetched.ok:
        return None
    html = decode_bytes(fetched.content, fetched.charset, kind="html")
    page = await asyncio.to_thread(extract_article, html, fetched.final_url or url)
    return page if page.body else None


def _length(article: Article) -> int:
    return sum(len(p) for p in article.body)


class _Joiner:
    """Paragraphs of successive pages, each paragraph once, related links
    moved to where they stood in the joined text."""

    def __init__(self, first: Article) -> None:
        self.body = list(first.body)
        self.related = list(first.related)
        self.captions = list(first.captions)
        self.images = list(first.images)
        self.seen = set(first.body)

    def add(self, page: Article) -> None:
        start = len(self.body)
        kept_before: list[int] = []  # for each paragraph index of the page: kept paragraphs before it
        for paragraph in page.body:
            kept_before.append(len(self.body) - start)
            if paragraph not in self.seen:
                self.seen.add(paragraph)
                self.body.append(paragraph)
        known = {(r.url or r.title) for r in self.related}
        for link in page.related:
            if (link.url or link.title) in known:
                continue
            at = kept_before[link.position] if link.position < len(kept_before) else len(self.body) - start
            self.related.append(RelatedLink(link.title, link.url, start + at))
        self.captions += [c for c in page.captions if c not in self.captions]
        self.images += [i for i in page.images if i not in self.images]


async def join_pages(first: Article, url: str, fetcher: Fetcher) -> Article:
    """``first`` with the text of its other pages joined in (``page`` None,
    ``pages`` the number joined). Unchanged for a one-page article, or when
    no other page could be read. Never raises for network trouble."""
    if not first.pages or first.pages < 2 or first.page is None:
        return first
    host = _host(url)
    if first.all_pages_url and _host(first.all_pages_url) == host:
        whole = await _fetch_page(first.all_pages_url, fetcher)
        if whole is not None and _length(whole) > _length(first):
            return dataclasses.replace(
                whole, page=None, pages=first.pages, next_page_url=None, origin=first.origin,
                url=first.url or whole.url, title=first.title or whole.title,
            )
    if first.page != 1:
        return first
    joiner = _Joiner(first)
    seen = {url, first.url}
    count = 1
    nxt = first.next_page_url
    while nxt and count < MAX_PAGES and nxt not in seen and _host(nxt) == host:
        seen.add(nxt)
        page = await _fetch_page(nxt, fetcher)
        if page is None:
            break
        joiner.add(page)
        count += 1
        nxt = page.next_page_url
    if count == 1:
        return first
    return dataclasses.replace(
        first, body=joiner.body, related=joiner.related, captions=joiner.captions, images=joiner.images,
        page=None, pages=count, next_page_url=None,
    )
