"""Feed parsing off the event loop: in worker processes when there are many feeds.

Parsing is pure-Python CPU work (lxml/feedparser, then HTML extraction and
cleaning of every entry), so threads would take turns on the GIL. A refresh
of many feeds parses them in a small process pool instead (one worker per
core, at most 4), started with ``forkserver`` so it is safe from a threaded
program (the TUI). If a pool cannot be started (no ``/dev/shm``, a sandbox),
or the feeds are few, parsing runs in a thread as before. Workers only get
bytes and return ``ParsedFeed`` values: they never touch the store.
"""

from __future__ import annotations

import asyncio
import os
from concurrent.futures import Executor

from ikn_tui.core.feeds import ParsedFeed, parse_feed

MAX_WORKERS = 4
# Below this many feeds a pool costs more to start than it saves.
MIN_FEEDS_FOR_POOL = 8


def _warm() -> None:
    """Worker initializer: import the parsing stack once, before the first feed."""
    import ikn_tui.core.feed_fast  # noqa: F401
    import ikn_tui.core.html_extract  # noqa: F401


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

    def _executor(self) -> Executor | None:
        if self._pool is None and self._wanted and not self._failed:
            try:
                import multiprocessing
                from concurrent.futures import ProcessPoolExecutor

                context = multiprocessing.get_context("forkserver")
                context.set_forkserver_preload(["ikn_tui.core.feeds", "ikn_tui.core.feed_fast"])
                self._pool = ProcessPoolExecutor(_workers(), mp_context=context, initializer=_warm)
            except (OSError, ValueError, ImportError, NotImplementedError):
                self._failed = True
        return self._pool

    async def parse(self, content: bytes, url: str, charset: str | None) -> ParsedFeed:
        pool = self._executor()
        if pool is not None:
            try:
                return await asyncio.get_running_loop().run_in_executor(pool, parse_feed, content, url, charset)
            except Exception:  # noqa: BLE001 - a broken pool (worker killed): parse here instead
                self._failed = True
        return await asyncio.to_thread(parse_feed, content, url, charset)

    def shutdown(self) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
