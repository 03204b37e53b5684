"""Blocking work the screens run in thread workers.

Each task gets the shared store from a factory (``Store`` is thread-safe, with its own lock),
opens its own fetcher, runs the async core code with
``asyncio.run``, and returns plain data. The UI thread never waits on them.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable, Mapping
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from typing import Any

from ikn_tui.core.follow import Resolution, fetch_full, resolve_related
from ikn_tui.core.models import Article, ArticleRow, RelatedLink
from ikn_tui.core.problem import text_problem
from ikn_tui.core.store import Store, StoreError
from ikn_tui.core.subscribe import Subscribed
from ikn_tui.core.subscribe import subscribe as subscribe_feeds
from ikn_tui.core.text import clean_line
from ikn_tui.i18n import _
from ikn_tui.ui.problem_words import error_words, words

StoreFactory = Callable[[], Store]
FetcherFactory = Callable[[], Any]  # an async context manager giving a Fetcher


async def _with_fetcher(fetcher_factory: FetcherFactory | None, job: Callable[[Any], Any]) -> Any:
    async with AsyncExitStack() as stack:
        fetcher = None
        if fetcher_factory is not None:
            fetcher = await stack.enter_async_context(fetcher_factory())
        return await job(fetcher)


@dataclass
class LoadOutcome:
    opened: Article | None = None
    loaded: list[Article] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    feeds: list[str] = field(default_factory=list)
    feed_titles: dict[str, str | None] = field(default_factory=dict)


def load_sources(
    specs: Iterable[str], store_factory: StoreFactory, fetcher_factory: FetcherFactory | None
) -> LoadOutcome:
    """Load every SOURCE and upsert its articles (so they get ids)."""
    from ikn_tui.core.sources import load_source

    specs = list(specs)
    outcome = LoadOutcome()

    async def job(fetcher: Any) -> list[Any]:
        return [await load_source(spec, fetcher) for spec in specs]

    try:
        results = asyncio.run(_with_fetcher(fetcher_factory, job))
    # A worker boundary: load_source reports bad sources itself; anything else that goes wrong
    # becomes one line in the reader, never a traceback that takes it down.
    except Exception as error:  # noqa: BLE001
        outcome.errors.append(clean_line(_("Gagal memuat sumber: {error}").format(error=error_words(error)), 200))
        return outcome
    store = store_factory()
    for number, result in enumerate(results):
        if result.error:
            outcome.errors.append(words(result.error, 200))
        outcome.warnings.extend(words(w, 200) for w in result.warnings[:3])
        outcome.feeds.extend(result.feeds)
        outcome.feed_titles.update(result.feed_titles)
        if not result.articles:
            continue
        try:
            upserted = store.upsert_articles(result.articles)
            for article, article_id in zip(result.articles, upserted.ids, strict=True):
                article.id = article_id
        except StoreError as error:
            failed = _("{source}: {error}").format(source=result.source, error=error_words(error))
            outcome.errors.append(clean_line(failed, 200))
        outcome.loaded.extend(result.articles)
        if number == 0 and len(result.articles) == 1 and result.kind in ("article", "text"):
            outcome.opened = result.articles[0]
    return outcome


def subscribe(store: Store, urls: Iterable[str], titles: Mapping[str, str | None]) -> Subscribed:
    """Subscribe to ``urls`` with their titles (an OPML file's): the same core path as
    ``ikn-read feeds import``. Raises ``StoreError``."""
    return subscribe_feeds(store, [(url, titles.get(url)) for url in urls])


def extract_stored(store_factory: StoreFactory, stop: Callable[[], bool]) -> int:
    """The idle pass after a refresh: extract the articles whose extraction the
    refresh deferred, a batch at a time, until none is left or ``stop()``."""
    from ikn_tui.core.refresh import extract_stored_in_background

    try:
        return extract_stored_in_background(store_factory(), stop)
    except StoreError:  # closed (the reader quit) or damaged: what is done is stored
        return 0


def keep_extracted(article_id: int, store_factory: StoreFactory) -> None:
    """Store the extraction of one article whose extraction was deferred."""
    try:
        store_factory().store_extraction(article_id)
    except StoreError:  # closed or damaged: it stays pending and is extracted when read
        pass


def search(query: str, store_factory: StoreFactory) -> list[ArticleRow]:
    store = store_factory()
    return store.search(query)


def similar(article_id: int, store_factory: StoreFactory) -> list[ArticleRow]:
    store = store_factory()
    return store.similar(article_id, limit=5)


def resolve(
    link: RelatedLink,
    loaded: list[Article],
    store_factory: StoreFactory,
    fetcher_factory: FetcherFactory | None,
    offline: bool,
) -> Resolution:
    """Follow one related link (local lookups first, then reader mode)."""
    store = store_factory()

    async def job(fetcher: Any) -> Resolution:
        return await resolve_related(link, store=store, loaded=loaded, fetcher=fetcher, offline=offline)

    try:
        return asyncio.run(_with_fetcher(None if offline else fetcher_factory, job))
    except Exception as error:  # noqa: BLE001 - a worker boundary: one line in the reader, never a traceback
        return Resolution(None, "failed", text_problem(clean_line(str(error), 200) or type(error).__name__))


def complete(article: Article, store_factory: StoreFactory, fetcher_factory: FetcherFactory) -> Resolution:
    """Reader mode for a summary-only article, cached in the store."""
    store = store_factory()

    async def job(fetcher: Any) -> Resolution:
        return await fetch_full(article, fetcher, store)

    try:
        return asyncio.run(_with_fetcher(fetcher_factory, job))
    except Exception as error:  # noqa: BLE001 - a worker boundary: one line in the reader, never a traceback
        return Resolution(None, "failed", text_problem(clean_line(str(error), 200) or type(error).__name__))


def refresh(
    store_factory: StoreFactory,
    fetcher_factory: FetcherFactory,
    on_progress: Callable[[Any], None],
    urls: list[str] | None = None,
) -> Any:
    """Refresh every subscription (or only ``urls``); returns the core ``RefreshSummary``."""
    from ikn_tui.core.refresh import refresh_all

    store = store_factory()

    async def job(fetcher: Any) -> Any:
        return await refresh_all(store, fetcher, on_progress=on_progress, urls=urls)

    return asyncio.run(_with_fetcher(fetcher_factory, job))


def lead_photo(url: str, store_factory: StoreFactory, fetcher_factory: FetcherFactory | None, offline: bool) -> Any:
    """The article's lead photo (``core.images.LeadPhoto``): cached, else fetched and cached."""
    from ikn_tui.core.images import LeadPhoto
    from ikn_tui.core.images import lead_photo as find_photo

    store = store_factory()

    async def job(fetcher: Any) -> LeadPhoto:
        return await find_photo(url, store, fetcher, offline=offline)

    try:
        return asyncio.run(_with_fetcher(None if offline else fetcher_factory, job))
    except Exception as error:  # noqa: BLE001 - a worker boundary: one line in the reader, never a traceback
        return LeadPhoto(url, problem="fetch", detail=clean_line(str(error), 200))
