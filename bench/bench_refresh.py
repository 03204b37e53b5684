"""Refresh: cold ``ikn-read refresh`` vs ``newsboat -x reload``, and a warm (304) refresh.

Run: ``.venv/bin/python bench/bench_refresh.py [--feeds 200] [--items 50] [--runs 3]
[--shape synthetic|realistic|replay] [--hosts N]``

200 feeds of 50 items are served from loopback by this process: ``synthetic``
(the original generated feeds: mostly plain paragraphs), ``realistic`` (shaped
like real Indonesian feeds: every item a ``content:encoded`` body with inline
links, a Baca Juga block, figures; see feedshapes.py) or ``replay`` (the real
feeds in ../shared/real-world/feeds, many copies). ``--hosts N`` spreads them
over 127.0.0.1 .. 127.0.0.N (real feeds come from many hosts; ikn-read limits
connections per host).
Each run: ikn-read into a fresh IKN_READ_HOME (subscriptions imported from an
OPML first, not timed) and newsboat with an empty cache, alternating which
goes first. Medians are compared. The warm run repeats ``ikn-read refresh``
on a filled store (the server answers 304) and subtracts the median startup
of ``ikn-read --version``.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Result, env_with, ikn_command, median, timed
from feedgen import FeedServer, make_opml

NEWSBOAT_CONFIG = "reload-threads 8\nshow-read-feeds yes\n"


def _prepare_home(tmp: Path, opml: Path, name: str) -> Path:
    home = tmp / name
    home.mkdir()
    cmd = ikn_command() + ["feeds", "import", str(opml)]
    timed(cmd, env_with(home))
    return home


def _newsboat_run(tmp: Path, urls: list[str], n: int) -> float:
    work = tmp / f"newsboat-{n}"
    work.mkdir()
    (work / "urls").write_text("\n".join(urls) + "\n")
    (work / "config").write_text(NEWSBOAT_CONFIG)
    env = env_with(None, HOME=str(work), XDG_CONFIG_HOME=str(work), XDG_DATA_HOME=str(work))
    cmd = ["newsboat", "-x", "reload", "-u", "urls", "-c", "cache.db", "-C", "config"]
    elapsed = timed(cmd, env, cwd=work)
    return elapsed


def _count_ikn(home: Path) -> int:
    db = next(home.glob("*.sqlite3"), None) or next(home.glob("*.db"), None)
    if db is None:
        return -1
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])


def _count_newsboat(tmp: Path, n: int) -> int:
    with sqlite3.connect(tmp / f"newsboat-{n}" / "cache.db") as conn:
        return int(conn.execute("SELECT count(*) FROM rss_item").fetchone()[0])


def run(feeds: int = 200, items: int = 50, runs: int = 3, log=print, shape: str = "synthetic",
        hosts: int = 1, warm: bool = True) -> list[Result]:
    have_newsboat = shutil.which("newsboat") is not None
    results: list[Result] = []
    label = f"{shape}{f', {hosts} hosts' if hosts > 1 else ''}"
    with tempfile.TemporaryDirectory(prefix="ikn-bench-refresh-") as tmpname, \
            FeedServer(feeds, items, shape, hosts) as server:
        tmp = Path(tmpname)
        log(f"refresh ({label}): {feeds} feeds x {items} items, {server.total_bytes / 1e6:.1f} MB, "
            f"served from {', '.join(server.bases)}")
        opml = tmp / "feeds.opml"
        opml.write_bytes(make_opml(server.urls))
        if not have_newsboat:
            log("newsboat not installed: skipping the comparison")
        ikn_times: list[float] = []
        nb_times: list[float] = []
        homes: list[Path] = []
        for n in range(runs):
            home = _prepare_home(tmp, opml, f"home-{n}")
            homes.append(home)
            order = ["ikn", "newsboat"] if n % 2 == 0 else ["newsboat", "ikn"]
            for who in order:
                if who == "ikn":
                    t = timed(ikn_command() + ["refresh"], env_with(home))
                    ikn_times.append(t)
                    log(f"  run {n + 1}: ikn-read refresh   {t:6.2f} s  ({_count_ikn(home)} articles)")
                elif have_newsboat:
                    t = _newsboat_run(tmp, server.urls, n)
                    nb_times.append(t)
                    log(f"  run {n + 1}: newsboat -x reload {t:6.2f} s  ({_count_newsboat(tmp, n)} items)")
        ikn_cold = median(ikn_times)
        results.append(Result(f"refresh cold ({label}): ikn-read", "-", f"{ikn_cold:.2f} s", None,
                              f"median of {runs}; {_count_ikn(homes[0])} articles stored"))
        if have_newsboat:
            nb = median(nb_times)
            ratio = ikn_cold / nb
            results.append(Result(f"refresh cold ({label}): newsboat", "-", f"{nb:.2f} s", None,
                                  f"median of {runs}, reload-threads 8"))
            results.append(Result(f"refresh cold ({label}): ratio", "<= 1.0", f"{ratio:.2f}", ratio <= 1.0))
        else:
            results.append(Result(f"refresh cold ({label}): ratio", "<= 1.0", "skipped", None,
                                  "newsboat not installed: skipping the comparison"))
        if not warm:
            return results

        version = [timed(ikn_command() + ["--version"], env_with(homes[0])) for _ in range(5)]
        before = dict(server.hits)
        warm = [timed(ikn_command() + ["refresh"], env_with(homes[0])) for _ in range(5)]
        not_modified = server.hits["304"] - before["304"]
        startup = median(version)
        extra = median(warm) - startup
        log(f"  ikn-read --version {startup:.3f} s; warm refresh {median(warm):.3f} s ({not_modified} x 304)")
        results.append(Result("startup: ikn-read --version", "-", f"{startup:.3f} s", None, "median of 5"))
        results.append(Result("refresh warm (304) beyond start", "<= 0.30 s", f"{extra:.3f} s", extra <= 0.3,
                              f"median {median(warm):.3f} s - startup; {not_modified}/{5 * feeds} answered 304"))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--shape", choices=["synthetic", "realistic", "replay"], default="synthetic")
    parser.add_argument("--hosts", type=int, default=1)
    args = parser.parse_args()
    for r in run(args.feeds, args.items, args.runs, shape=args.shape, hosts=args.hosts):
        print(f"{r.name:<36} {r.target:>10} {r.measured:>12} {r.verdict:>5}  {r.note}")


if __name__ == "__main__":
    main()
