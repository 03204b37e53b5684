"""Follow a "Baca juga" link: find the article it names, or fetch it.

Order: (1) a known article whose URL matches (the store, then articles from
sources loaded this session); (2) a title-only link matched by normalised
title; (3) reader mode on the URL, unless offline. Never raises.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

from ikn_tui.core.models import Article, RelatedLink
from ikn_tui.core.problem import Problem, ProblemKind, caused, problem
from ikn_tui.core.store import StoreError
from ikn_tui.core.text import clean_line, is_web_url, normalize_title

if TYPE_CHECKING:  # pragma: no cover
    from ikn_tui.core.fetch import Fetcher
    from ikn_tui.core.store import Store


@dataclass(slots=True)
class Resolution:
    """What following a link gave: an article, or the problem why not (or with it: not stored)."""

    article: Article | None
    how: str  # "store", "loaded", "title", "fetched", "missing", "failed"
    message: Problem | None = None

    @property
    def ok(self) -> bool:
        return self.article is not None


def loose_url_key(url: str | None) -> str:
    """A URL reduced for a loose comparison: no scheme, ``www.``, fragment or trailing
    slash (looser than the store's ``url_key`` column, which keeps the scheme)."""
    if not url:
        return ""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip()
    host = (parts.hostname or "").lower().removeprefix("www.")
    path = parts.path.rstrip("/") or "/"
    return urlunsplit(("", host, path, parts.query, ""))


def find_known(
    link: RelatedLink, store: Store | None, loaded: Iterable[Article] = ()
) -> Resolution | None:
    """A known article for ``link``, or ``None``. Only local lookups, no network."""
    loaded = list(loaded)
    if link.url:
        if store is not None:
            found = store.find_by_url(link.url)
            if found is not None:
                return Resolution(found, "store")
        key = loose_url_key(link.url)
        for article in loaded:
            if key and key in (loose_url_key(article.url), loose_url_key(article.origin)):
                return Resolution(article, "loaded")
    wanted = normalize_title(link.title)
    if wanted:
        if store is not None:
            found = store.find_by_title(link.title)
            if found is not None:
                return Resolution(found, "title")
        for article in loaded:
            if normalize_title(article.title) == wanted:
                return Resolution(article, "title")
    return None


async def resolve_related(
    link: RelatedLink,
    *,
    store: Store | None,
    loaded: Iterable[Article] = (),
    fetcher: Fetcher | None = None,
    offline: bool = False,
) -> Resolution:
    """Resolve ``link`` to an article; fetched articles are stored (they get an id)."""
    title = clean_line(link.title, 80) or clean_line(link.url, 80)
    try:
        known = find_known(link, store, loaded)
    except StoreError as error:  # a broken database must not take the reader down
        return Resolution(None, "failed", error.problem)
    if known is not None:
        return known
    if not link.url or not is_web_url(link.url):
        return Resolution(None, "missing", problem(ProblemKind.LINK_NOT_FOUND, title=title))
    if offline or fetcher is None:
        return Resolution(None, "missing", problem(ProblemKind.LINK_NOT_FOUND_OFFLINE, title=title))
    return await fetch_into_store(link.url, fetcher, store)


async def fetch_into_store(url: str, fetcher: Fetcher, store: Store | None) -> Resolution:
    """Reader mode on ``url``; the article is upserted into ``store`` when given."""
    from ikn_tui.core.reader_mode import fetch_article

    result = await fetch_article(url, fetcher)  # never raises
    if result.error or not result.articles:
        return Resolution(None, "failed", result.error or problem(ProblemKind.NO_ARTICLE))
    article = result.articles[0]
    if store is not None:
        try:
            upserted = store.upsert_articles([article])
            if upserted.ids:
                article.id = upserted.ids[0]
                if article.id is not None:
                    store.save_full(article.id, article)
        except StoreError as error:
            return Resolution(article, "fetched", caused(ProblemKind.NOT_STORED, error.problem))
    return Resolution(article, "fetched")


async def fetch_full(article: Article, fetcher: Fetcher, store: Store | None) -> Resolution:
    """Reader mode for a summary-only article; caches the full body under its id."""
    if not article.url or not is_web_url(article.url):
        return Resolution(None, "missing", problem(ProblemKind.NO_WEB_URL))
    from ikn_tui.core.reader_mode import fetch_article

    result = await fetch_article(article.url, fetcher)  # never raises
    if result.error or not result.articles:
        return Resolution(None, "failed", result.error or problem(ProblemKind.NO_ARTICLE))
    from ikn_tui.core.reader_mode import merge_full

    full = merge_full(article, result.articles[0])
    if not full.body:
        return Resolution(None, "failed", problem(ProblemKind.NO_FULL_TEXT))
    if store is not None and article.id is not None:
        try:
            store.save_full(article.id, full)
        except StoreError as error:
            return Resolution(full, "fetched", caused(ProblemKind.NOT_STORED, error.problem))
    return Resolution(full, "fetched")
