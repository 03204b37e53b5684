"""Feed parsing off the event loop: in worker processes when there are many feeds.

Parsing is pure-Python CPU work (lxml/feedparser, then HTML extraction and
cleaning of every entry), so threads would take turns on the GIL. A refresh
of many feeds parses them in a small process pool instead (one worker per
core, at most 4), started with ``forkserver`` so it is safe from a threaded
program (the TUI). If a pool cannot be started (no ``/dev/shm``, a sandbox),
or the feeds are few, parsing runs in a thread as before. Workers only get
bytes and return ``ParsedFeed`` values: they never touch the store. Given
the feed's URL, a worker also does the store's per-row work
(``store_upsert.prepare_rows``: cleaning, keys, JSON) and sends back plain
tuples instead of ``Article`` objects: less to unpickle, and the refresh
process (whose single writer is the critical path) only runs the SQL.

This module does not import the parsing stack itself: the refresh process
only needs it when it parses in a thread (a warm refresh, where every feed
answers 304, never loads lxml). ``start()`` brings the workers up while the
first fetches are still in flight.
"""

from __future__ import annotations

import asyncio
import os
import pickle
from concurrent.futures import Executor
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ikn_tui.core.feeds import ParsedFeed

MAX_WORKERS = 4
# Below this many feeds a pool costs more to start than it saves.
MIN_FEEDS_FOR_POOL = 8
_PRELOAD = [
    "ikn_tui.core.feeds.rss_atom", "ikn_tui.core.feeds.rss_fast", "ikn_tui.core.extract.page",
    "ikn_tui.core.store.write",
]


def _warm() -> None:
    """Worker initializer: import the parsing stack once, before the first feed.

    The packages load lazily, so naming each name loads its module."""
    from ikn_tui.core.extract import extract_fragment
    from ikn_tui.core.feeds import parse_feed, parse_rss
    from ikn_tui.core.store import prepare_rows

    del extract_fragment, parse_feed, parse_rss, prepare_rows


def _ready() -> bool:
    """A no-op job: makes the pool start its workers now."""
    return True


def parse_job(content: bytes, url: str, charset: str | None, feed_url: str | None = None) -> ParsedFeed:
    """``feeds.parse_feed`` (what a worker runs; also the thread fallback).

    With ``feed_url`` (the subscription the feed is stored under), the
    articles get it as their feed (and origin, when they have none) and come
    back as ``rows`` (``PreparedRows``) with ``articles`` empty."""
    from ikn_tui.core.feeds import parse_feed

    parsed = parse_feed(content, url, charset)
    if feed_url is None or parsed.error:
        return parsed
    for article in parsed.articles:
        article.feed_url = feed_url
        article.origin = article.origin or feed_url
    try:
        from ikn_tui.core.store import PreparedRows, prepare_rows
        from ikn_tui.core.text import clean_line

        parsed.rows = PreparedRows(prepare_rows(parsed.articles, clean_line(feed_url) or None))
    except (TypeError, ValueError):  # odd article data: the store prepares them itself then (and reports)
        return parsed
    parsed.articles = []
    return parsed


def _workers() -> int:
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(MAX_WORKERS, cores))


class FeedParsers:
    """``await parsers.parse(bytes, url, charset)``; close with ``shutdown()``."""

    def __init__(self, feeds: int) -> None:
        self._pool: Executor | None = None
        self._wanted = feeds >= MIN_FEEDS_FOR_POOL and _workers() > 1
        self._failed = False

    def start(self) -> None:
        """Start the worker processes now (when parsing is sure to come)."""
        pool = self._executor()
        if pool is not None:
            try:
                for _ in range(_workers()):
                    pool.submit(_ready)
            except (OSError, RuntimeError):  # a pool that cannot start (BrokenExecutor is a RuntimeError): threads then
                self._failed = True

    def _executor(self) -> Executor | None:
        if self._pool is None and self._wanted and not self._failed:
            try:
                import multiprocessing
                from concurrent.futures import ProcessPoolExecutor

                context = multiprocessing.get_context("forkserver")
                context.set_forkserver_preload(_PRELOAD)
                self._pool = ProcessPoolExecutor(_workers(), mp_context=context, initializer=_warm)
            except (OSError, ValueError, ImportError, NotImplementedError):
                self._failed = True
        return self._pool

    async def parse(self, content: bytes, url: str, charset: str | None, feed_url: str | None = None) -> ParsedFeed:
        """``parse_job`` in a worker process (or a thread)."""
        pool = self._executor()
        if pool is not None:
            try:
                return await asyncio.get_running_loop().run_in_executor(
                    pool, parse_job, content, url, charset, feed_url
                )
            except (OSError, RuntimeError, pickle.PicklingError):  # a broken pool (worker killed): parse here instead
                self._failed = True
        return await asyncio.to_thread(parse_job, content, url, charset, feed_url)

    def shutdown(self) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
