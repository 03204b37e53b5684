"""Where a cold refresh spends its time: fetch, parse and write timestamps.

Run: ``.venv/bin/python bench/refresh_timeline.py [--feeds 200] [--items 50]``

Serves the generated feeds from 127.0.0.1, subscribes a fresh store to all of
them and runs ``refresh_all`` in this process, timestamping when each fetch
and parse ends and how long each ``BatchWriter`` batch took. If the writer is
busy for most of the run, the store's write path is the critical path.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

events: list[tuple] = []


def _instrument() -> None:
    from ikn_tui.core.fetch.client import Fetcher
    from ikn_tui.core.refresh import pool as parse_pool
    from ikn_tui.core.refresh import run as refresh

    fetch, parse, write = Fetcher.fetch, parse_pool.FeedParsers.parse, refresh._write_batch

    async def timed_fetch(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        result = await fetch(self, *args, **kwargs)
        events.append(("fetched", time.perf_counter()))
        return result

    async def timed_parse(self, *args):  # type: ignore[no-untyped-def]
        result = await parse(self, *args)
        events.append(("parsed", time.perf_counter()))
        return result

    def timed_write(store, jobs):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        result = write(store, jobs)
        events.append(("batch", time.perf_counter(), len(jobs), time.perf_counter() - start))
        return result

    Fetcher.fetch = timed_fetch  # type: ignore[method-assign]
    parse_pool.FeedParsers.parse = timed_parse  # type: ignore[method-assign]
    refresh._write_batch = timed_write


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--items", type=int, default=50)
    args = parser.parse_args()
    from feedgen import FeedServer

    from ikn_tui.core.fetch.client import Fetcher
    from ikn_tui.core.refresh import refresh_all
    from ikn_tui.core.store.database import Store

    _instrument()
    with tempfile.TemporaryDirectory(prefix="ikn-timeline-") as tmp, FeedServer(args.feeds, args.items) as server:
        store = Store(Path(tmp) / "s.sqlite3")
        for url in server.urls:
            store.add_subscription(url)

        async def run():  # type: ignore[no-untyped-def]
            async with Fetcher() as fetcher:
                return await refresh_all(store, fetcher)

        start = time.perf_counter()
        summary = asyncio.run(run())
        total = time.perf_counter() - start
        store.close()
        closed = time.perf_counter() - start - total
    print(f"{summary.line()} in {total:.2f} s (+ {closed:.2f} s closing the store: optimize, WAL checkpoint)")
    for kind in ("fetched", "parsed"):
        times = sorted(e[1] - start for e in events if e[0] == kind)
        if times:
            print(f"  {kind:8} first {times[0]:.2f} s, median {times[len(times) // 2]:.2f} s, last {times[-1]:.2f} s")
    batches = [e for e in events if e[0] == "batch"]
    busy = sum(e[3] for e in batches)
    print(f"  writer   {len(batches)} batches {[e[2] for e in batches]}, busy {busy:.2f} s of {total:.2f} s")


if __name__ == "__main__":  # the forkserver workers import this module: no work at import
    main()
