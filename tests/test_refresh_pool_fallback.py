"""A parse pool whose worker processes died: the feed is parsed in a thread instead."""

from __future__ import annotations

import asyncio
import os
import signal
from pathlib import Path

import pytest

from ikn_tui.core.refresh.pool import MIN_FEEDS_FOR_POOL, FeedParsers, _workers

FEED = Path(__file__).parent / "fixtures" / "feeds"

pytestmark = pytest.mark.skipif(_workers() < 2, reason="the parse pool runs only with two cores or more")


def test_a_feed_is_still_parsed_when_the_pool_workers_were_killed() -> None:
    content = next(p for p in sorted(FEED.iterdir()) if p.suffix in (".xml", ".rss")).read_bytes()

    async def run() -> tuple[int, int, bool]:
        parsers = FeedParsers(MIN_FEEDS_FOR_POOL)
        try:
            first = await parsers.parse(content, "http://127.0.0.1/feed.xml", None)
            pool = parsers._pool
            assert pool is not None, "the pool did not start"
            for pid in list(pool._processes):  # type: ignore[attr-defined]
                os.kill(pid, signal.SIGKILL)
            again = await parsers.parse(content, "http://127.0.0.1/feed.xml", None)
            return len(first.rows or first.articles), len(again.rows or again.articles), parsers._failed
        finally:
            parsers.shutdown()

    first, again, failed = asyncio.run(run())
    assert first > 0 and again == first
    assert failed, "the broken pool was not noticed"
