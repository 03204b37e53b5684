"""One sync: push what waits, pull what changed, apply it in one transaction,
push what the pull revealed.

1. ``connect`` (a refused or unreachable server stops here: nothing changed);
2. push the pending changes whose items the server is known to have
   (each chunk's pending rows are deleted only after the server took it:
   a kill or a failure re-sends it next time, and marks are idempotent);
3. pull: feeds, items not seen yet (since the saved marker), the unread
   and starred id lists, and any listed item not seen yet. The answers are
   checked (an id twice, a state for an item the server does not serve:
   the sync stops, nothing is applied);
4. apply everything in ONE store transaction (``Store.apply_server_state``:
   a pending local change is never overwritten);
5. push again (changes whose items the pull just mapped, local marks the
   server lacked); a change whose item the server does not have is dropped
   (an article only this machine has);
6. best effort: full text for bookmarks that came from the server as summaries.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from ikn_tui.core.models import Article
from ikn_tui.core.problem import ProblemKind, problem
from ikn_tui.core.store import PendingChange, ServerPull
from ikn_tui.core.sync.base import Backend, ServerItem, SyncError
from ikn_tui.core.sync.items import to_articles

if TYPE_CHECKING:
    from ikn_tui.core.fetch import Fetcher
    from ikn_tui.core.store import Store

SINCE = "since"
LAST_SYNC = "last_sync"
LAST_ERROR = "last_error"
HIDDEN_FEEDS = "hidden_feeds"
PUSH_CHUNK = 50
FULL_TEXT_AT_ONCE = 4


@dataclass(slots=True)
class SyncReport:
    new_articles: int = 0
    read_changed: int = 0
    bookmarks_added: int = 0
    bookmarks_removed: int = 0
    feeds_added: int = 0
    feeds_removed: int = 0
    pushed: int = 0
    dropped: int = 0  # local changes with nothing on the server to apply them to
    waiting: int = 0
    full_text: int = 0
    seconds: float = 0.0

    def line(self) -> str:
        parts = [f"{self.new_articles} new articles"]
        if self.read_changed:
            parts.append(f"{self.read_changed} read states changed")
        if self.bookmarks_added or self.bookmarks_removed:
            parts.append(f"bookmarks +{self.bookmarks_added}/-{self.bookmarks_removed}")
        if self.feeds_added or self.feeds_removed:
            parts.append(f"feeds +{self.feeds_added}/-{self.feeds_removed}")
        parts.append(f"{self.pushed} changes sent")
        if self.dropped:
            parts.append(f"{self.dropped} not on the server")
        parts.append(f"{self.waiting} waiting")
        return f"synced in {self.seconds:.1f} s: " + ", ".join(parts)


Progress = Callable[[str], None]


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


async def _push(store: Store, backend: Backend, report: SyncReport, *, final: bool) -> None:
    """Send pending changes; ``final``: drop those the server cannot take."""
    changes = await asyncio.to_thread(store.pending_changes)
    if not changes:
        return
    dropped: list[int] = []
    local_only: dict[str, bool] = {}  # subscription changes the API cannot make
    for change in [c for c in changes if c.field == "subscribed"]:
        if await backend.subscribe(change.item_key, change.value):
            await asyncio.to_thread(store.pushed, [(change, [])])
            report.pushed += 1
        elif final:
            dropped.append(change.id)
            local_only[change.item_key] = change.value
    if local_only:  # remembered before the pending rows go: a kill in between loses nothing
        hidden = await asyncio.to_thread(_hidden_feeds, store)
        for url, subscribed in local_only.items():
            (hidden.discard if subscribed else hidden.add)(url)
        await asyncio.to_thread(store.sync_set, {HIDDEN_FEEDS: json.dumps(sorted(hidden))})
    items = [c for c in changes if c.field != "subscribed"]
    where = await asyncio.to_thread(store.server_ids_by_key, [c.item_key for c in items])
    groups: dict[tuple[str, bool], list[tuple[PendingChange, list[str]]]] = {}
    for change in items:
        ids = where.get(change.item_key)
        if ids:
            groups.setdefault((change.field, change.value), []).append((change, ids))
        elif final:
            dropped.append(change.id)
    for (field, value), entries in groups.items():
        for start in range(0, len(entries), PUSH_CHUNK):
            chunk = entries[start : start + PUSH_CHUNK]
            server_ids = sorted({sid for _, ids in chunk for sid in ids})
            await backend.mark(server_ids, field, value)
            await asyncio.to_thread(store.pushed, chunk)
            report.pushed += len(chunk)
    if dropped:
        await asyncio.to_thread(store.pushed, [], dropped)
        report.dropped += len(dropped)


def _hidden_feeds(store: Store) -> set[str]:
    """Server feeds unsubscribed here where the API could not do it (Fever):
    kept out of the local subscriptions (their items still arrive)."""
    try:
        return {str(u) for u in json.loads(store.sync_get(HIDDEN_FEEDS) or "[]")}
    except (ValueError, TypeError):
        return set()


def _check_unique(items: list[ServerItem]) -> None:
    """One pull never holds an item twice (across pages and calls)."""
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            raise SyncError(problem(ProblemKind.SYNC_DUPLICATE, what="the server", item=item.id))
        seen.add(item.id)


async def _fetch_missing(backend: Backend, items: list[ServerItem], known: set[str], listed: set[str]) -> None:
    """Items listed as unread or starred that were not pulled yet (added to
    ``items``); a listed item the server does not serve is a lying server."""
    have = known | {item.id for item in items}
    missing = sorted(listed - have, key=lambda i: (len(i), i))
    if not missing:
        return
    extra = await backend.items_by_id(missing)  # extracted after the paged ones
    items.extend(extra)
    _check_unique(items)
    unknown = listed - have - {item.id for item in extra}
    if unknown:
        first = min(unknown, key=lambda i: (len(i), i))
        raise SyncError(problem(ProblemKind.SYNC_NOT_SERVED, what="the server", item=first))


async def _pull(store: Store, backend: Backend, progress: Progress) -> ServerPull:
    progress("feeds")
    feeds = await backend.feeds()
    by_id = {feed.id: feed for feed in feeds}
    known = await asyncio.to_thread(store.known_server_ids)
    marker = await asyncio.to_thread(store.sync_get, SINCE)
    progress("new items")
    # Each page is extracted in a worker thread while the next one is fetched.
    extracting: list[asyncio.Future[list[tuple[str, Article]]]] = []

    def extract(page: list[ServerItem]) -> None:
        extracting.append(asyncio.ensure_future(asyncio.to_thread(to_articles, page, by_id, backend.kind)))

    try:
        items, marker = await backend.new_items(marker, known, extract)
        _check_unique(items)
        progress("read and starred states")
        unread, starred = await backend.states()
        await _fetch_missing(backend, items, known, unread | starred)
    except BaseException:  # the pages being extracted finish before the error goes up
        await asyncio.gather(*extracting, return_exceptions=True)
        raise
    progress(f"extracting {len(items)} items")
    articles = [pair for done in await asyncio.gather(*extracting) for pair in done]
    paged = len(articles)
    articles += await asyncio.to_thread(to_articles, items[paged:], by_id, backend.kind)
    hidden = await asyncio.to_thread(_hidden_feeds, store)
    for change in await asyncio.to_thread(store.pending_changes):
        if change.field == "subscribed":
            (hidden.discard if change.value else hidden.add)(change.item_key)
    feed_list = [(feed.url, feed.title) for feed in feeds if feed.url not in hidden]
    return ServerPull(feeds=feed_list, items=articles, unread=unread, starred=starred,
                      state={SINCE: marker, LAST_ERROR: None})


async def _complete_bookmarks(store: Store, fetcher: Fetcher, article_ids: list[int]) -> int:
    """Reader mode for bookmarks that arrived as summaries (best effort)."""
    from ikn_tui.core.reader_mode import fetch_article, merge_full

    gate = asyncio.Semaphore(FULL_TEXT_AT_ONCE)
    done = 0

    async def one(article_id: int) -> None:
        nonlocal done
        article = await asyncio.to_thread(store.get_article, article_id)
        if article is None or article.full or not article.url:
            return
        async with gate:
            page = await fetch_article(article.url, fetcher)
        if page.error or not page.articles:
            return
        await asyncio.to_thread(store.save_full, article_id, merge_full(article, page.articles[0]))
        done += 1

    await asyncio.gather(*(one(i) for i in article_ids))
    return done


async def sync(
    store: Store, backend: Backend, fetcher: Fetcher, progress: Progress | None = None, *, full_text: bool = True
) -> SyncReport:
    """One sync (see the module docstring). Raises ``SyncError``; whatever
    was pushed before a failure stays pushed, nothing pulled is applied."""
    say = progress or (lambda _step: None)
    report = SyncReport()
    started = time.monotonic()
    say("connecting")
    await backend.connect()
    say("sending local changes")
    await _push(store, backend, report, final=False)
    pull = await _pull(store, backend, say)
    say("saving")
    applied = await asyncio.to_thread(store.apply_server_state, pull)
    report.new_articles = applied.new_articles
    report.read_changed = applied.read_changed
    report.bookmarks_added = applied.bookmarks_added
    report.bookmarks_removed = applied.bookmarks_removed
    report.feeds_added, report.feeds_removed = applied.feeds_added, applied.feeds_removed
    say("sending local changes")
    await _push(store, backend, report, final=True)
    if full_text and applied.needs_full_text:
        say("full text of new bookmarks")
        report.full_text = await _complete_bookmarks(store, fetcher, applied.needs_full_text)
    await asyncio.to_thread(store.sync_set, {LAST_SYNC: _now()})
    report.waiting = await asyncio.to_thread(store.pending_count)
    report.seconds = time.monotonic() - started
    return report
