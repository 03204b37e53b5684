"""Fewer and shorter garbage-collection pauses in the reader.

A Textual app keeps a large heap of long-lived objects (widgets, styles, the
compiled CSS, the key registry). CPython's full collection walks all of them:
with the default thresholds, opening articles one after another (each extraction
allocates many small objects) ran about one full collection every four opens,
each 30-90 ms, and the open p95 doubled (bench/bench_open.py: 60 ms against 28 ms
with the settings below). After the first screen is up, the objects alive then
are moved out of the collector's sight (``gc.freeze``; they live as long as the
app anyway) and the youngest generation is collected less often. Reference
counting still frees almost everything at once; only cycles wait a little longer.
"""

from __future__ import annotations

import gc

YOUNG_THRESHOLD = 20_000  # container allocations between young collections (CPython's default: 700)
OLDER_THRESHOLD = 20  # young collections per middle one, and middle ones per full one (default: 10, 10)


def settle_heap() -> None:
    """Freeze the start-up heap and space the collections out (call once, after the first paint)."""
    gc.freeze()
    gc.set_threshold(YOUNG_THRESHOLD, OLDER_THRESHOLD, OLDER_THRESHOLD)
