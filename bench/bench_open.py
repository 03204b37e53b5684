"""Opening an article whose extraction a refresh deferred, in the real reader.

Run: ``.venv/bin/python bench/bench_open.py [--feeds 40] [--runs 3]``

``ikn-read refresh`` (a real process) stores feeds shaped like the real ones
(feedshapes.py: every item a ``content:encoded`` body with inline links, a Baca
Juga block, figures) from a loopback server, leaving every item's extraction for
later. The reader (``tui_probe.py`` mode "pending", the idle pass held back)
then opens unread articles, pending and (extracted just before) not, in turn:
``open_id`` -> the article body repainted, extraction included. Also: the CPU cost of extracting one pending
item (``feeds.deferred.complete_item``) and of packing it (``raw_item.pack_raw``).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_tui import _probe
from common import SRC, Result, env_with, ikn_command, median, ms, p95, query, timed
from feedgen import FeedServer, make_opml


def _home(tmp: Path, feeds: int) -> Path:
    home = tmp / "home"
    home.mkdir()
    with FeedServer(feeds, 50, "realistic") as server:
        opml = tmp / "feeds.opml"
        opml.write_bytes(make_opml(server.urls))
        timed(ikn_command() + ["feeds", "import", str(opml)], env_with(home))
        timed(ikn_command() + ["refresh"], env_with(home))
    return home


def _item_costs(home: Path) -> tuple[float, float]:
    """Median CPU seconds to extract one stored pending item, and to pack one."""
    sys.path.insert(0, str(SRC))
    from ikn_tui.core.feeds.deferred import complete_item
    from ikn_tui.core.feeds.raw_item import pack_raw, unpack_raw

    db = next(home.glob("*.sqlite3"))
    raws = [bytes(r[0]) for r in query(db, "SELECT raw FROM articles WHERE raw IS NOT NULL LIMIT 500")]
    extract, pack = [], []
    for raw in raws:
        start = time.process_time()
        complete_item(raw)
        extract.append(time.process_time() - start)
        fields = unpack_raw(raw)
        start = time.process_time()
        pack_raw(*fields)
        pack.append(time.process_time() - start)
    return median(extract), median(pack)


def run(feeds: int = 40, runs: int = 3, log=print) -> list[Result]:
    with tempfile.TemporaryDirectory(prefix="ikn-bench-open-") as tmpname:
        tmp = Path(tmpname)
        home = _home(tmp, feeds)
        extract, pack = _item_costs(home)
        opens: list[float] = []
        again: list[float] = []
        reads: dict[str, list[float]] = {"read_pending": [], "read_extracted": []}
        pending = 0
        for n in range(runs):
            copy = tmp / f"run-{n}"
            copy.mkdir()
            for f in home.iterdir():
                if f.is_file():
                    (copy / f.name).write_bytes(f.read_bytes())
            probe = _probe(copy, "pending")
            opens += probe["open"]
            again += probe["open_extracted"]
            for key, values in reads.items():
                values += probe[key]
            pending += probe["pending"]
            log(f"  run {n + 1}: {probe['pending']}/{len(probe['open'])} opened while pending, "
                f"p95 {ms(p95(probe['open']))}; still pending after: {probe['pending_after']}; "
                f"extracted ones p95 {ms(p95(probe['open_extracted']))}")
    value = p95(opens)
    return [
        Result("open not-yet-extracted article (p95)", "<= 50 ms", ms(value), value <= 0.05 and pending > 0,
               f"{pending}/{len(opens)} pending when opened, median {ms(median(opens))}; "
               f"extracted ones opened in turn: p95 {ms(p95(again))}; reading one (CPU, median): pending "
               f"{median(reads['read_pending']) * 1e6:.0f} us, extracted {median(reads['read_extracted']) * 1e6:.0f} us; "
               f"extract one {extract * 1e3:.2f} ms, pack one {pack * 1e6:.0f} us CPU"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=40)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    for r in run(args.feeds, args.runs):
        print(f"{r.name:<36} {r.target:>10} {r.measured:>12} {r.verdict:>5}  {r.note}")


if __name__ == "__main__":
    main()
