"""Deferred extraction, wired: the store extracts feed items when they are read.

A refresh stores each feed item's HTML and leaves its extraction for later
(``feeds.deferred``): the store then needs the extractor, which it cannot import
(it knows no parsing). ``install`` hands it over, once per process, before any
article is read (the reader and the command line call it at start; a refresh
too). The parsing stack loads only when a deferred item is first extracted.

``idle_pass`` is the background pass after a refresh: it extracts what is
still pending, a batch at a time, and stops when asked.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from ikn_tui.core.models import Article
from ikn_tui.core.store import has_extractor, set_body_extractor

if TYPE_CHECKING:
    from ikn_tui.core.store import Store

IDLE_BATCH = 50  # rows a step of the idle pass extracts and stores together
IDLE_PAUSE = 0.005  # seconds between steps: the reader's thread gets the GIL


def _extract(raw: bytes) -> Article:
    from ikn_tui.core.feeds import complete_item

    return complete_item(raw)


def install() -> None:
    """Let every store in this process extract deferred feed items (idempotent)."""
    if not has_extractor():
        set_body_extractor(_extract)


def idle_pass(
    store: Store,
    stop: Callable[[], bool] = lambda: False,
    batch: int = IDLE_BATCH,
    extract_many: Callable[[list[bytes]], list[Article]] | None = None,
) -> int:
    """Extract and store every pending article, ``batch`` at a time, until none
    is left or ``stop()`` says so (``extract_many``: see ``Store.extract_stored``).
    Returns how many were stored. Raises ``StoreError`` (a closed or damaged store)."""
    install()
    total = 0
    while not stop():
        done = store.extract_stored(batch, extract_many)
        if done <= 0:
            break
        total += done
        time.sleep(IDLE_PAUSE)
    return total
