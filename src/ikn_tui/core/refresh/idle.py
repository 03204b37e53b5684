"""The idle pass after a refresh, with many articles to extract: in worker processes.

A refresh defers the extraction of feed items (``core.bodies``); the reader then
extracts them in the background. A few hundred take a thread a fraction of a
second; the first refresh of many feeds leaves thousands (200 feeds x 50 items:
~5 CPU-seconds), which the parse workers do at once on every core, off the
reader's own process, while the reader's thread stores the results.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ikn_tui.core.bodies import idle_pass, install
from ikn_tui.core.refresh.pool import MIN_FEEDS_FOR_POOL, FeedParsers

if TYPE_CHECKING:
    from ikn_tui.core.store import Store

POOL_FROM = 400  # pending articles from which worker processes pay (starting them costs ~0.5 s)
POOL_BATCH = 200  # articles a step extracts and stores together (one short write transaction)


def extract_stored_in_background(
    store: Store, stop: Callable[[], bool] = lambda: False, pool_from: int = POOL_FROM
) -> int:
    """``bodies.idle_pass``, in worker processes when ``pool_from`` articles or more
    wait. Returns how many were stored; raises ``StoreError`` like it."""
    install()
    if store.unextracted_count() < pool_from:
        return idle_pass(store, stop)
    parsers = FeedParsers(MIN_FEEDS_FOR_POOL)
    try:
        return idle_pass(store, stop, POOL_BATCH, parsers.extract_many)
    finally:
        parsers.shutdown()
