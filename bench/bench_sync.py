"""Sync: ``ikn-read sync`` against a real Fever server (coldsweat) on loopback.

Run: ``.venv/bin/python bench/bench_sync.py [--feeds 50] [--items 100] [--runs 3]``

Issue 13's budgets: 5,000 items on the server sync in <= 10 s the first time
and <= 1 s when nothing changed. The bench serves ``feeds x items`` generated
feeds (bench/feedgen.py: 1-2 KB descriptions, a long ``content:encoded`` with a
"Baca juga" link on every third item) from 127.0.0.1, has coldsweat fetch them
(not timed), then times the whole ``ikn-read sync`` process: the first sync
into a fresh IKN_READ_HOME, then ``--runs`` syncs with nothing changed
(median). coldsweat runs with its HTTP(S) proxy pointed at a closed loopback
port, so its favicon look-ups never leave the machine.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests" / "sync"))

from common import Result, env_with, ikn_command, median, query, timed  # noqa: E402
from feedgen import FeedServer, make_opml  # noqa: E402


class _Feeds:
    """What ``sync_helpers.Coldsweat`` needs from a site: an OPML of its feeds."""

    def __init__(self, urls: list[str]) -> None:
        self.urls = urls

    def opml(self, path: Path) -> Path:
        path.write_bytes(make_opml(self.urls))
        return path


def run(feeds: int, items: int, runs: int) -> list[Result]:
    try:
        from sync_helpers import EMAIL, PASSWORD, Coldsweat, coldsweat_exe
    except ImportError:
        return [Result("sync: first, 5000 items", "<= 10 s", "-", None, "tests/sync/sync_helpers.py missing")]
    if coldsweat_exe() is None:
        return [Result("sync: first, 5000 items", "<= 10 s", "-", None, "coldsweat not installed: skipped")]
    results = []
    with tempfile.TemporaryDirectory(prefix="ikn-sync-bench-") as tmp, FeedServer(feeds, items) as site:
        root = Path(tmp)
        (root / "cs").mkdir()
        server = Coldsweat(root / "cs", _Feeds(site.urls))
        server.start()
        try:
            home = root / "home"
            env = env_with(home, IKN_READ_SYNC_PASSWORD=PASSWORD, IKN_READ_KEYRING="off")
            timed(ikn_command() + ["sync", "login", "fever", server.url, EMAIL], env)
            first = timed(ikn_command() + ["sync"], env)
            stored = query(home / "ikn-read.sqlite3", "SELECT count(*) FROM sync_items")[0][0]
            total = feeds * items
            results.append(Result(f"sync: first, {total} items", "<= 10 s", f"{first:.2f} s",
                                  first <= 10.0 and stored == total, f"{stored} server items mapped"))
            again = [timed(ikn_command() + ["sync"], env) for _ in range(runs)]
            results.append(Result("sync: nothing changed", "<= 1 s", f"{median(again):.3f} s",
                                  median(again) <= 1.0, f"median of {runs}: " + ", ".join(f"{t:.3f}" for t in again)))
            version = median([timed(ikn_command() + ["--version"], env) for _ in range(3)])
            results.append(Result("startup: ikn-read --version", "-", f"{version:.3f} s", None, "median of 3"))
        finally:
            server.stop()
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=50)
    parser.add_argument("--items", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    for r in run(args.feeds, args.items, args.runs):
        print(f"{r.name:<34} {r.target:>9} {r.measured:>10}  {r.verdict:<4} {r.note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
