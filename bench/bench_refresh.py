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
goes first. Medians are compared, of wall time and of CPU-seconds (user + sys
of the process and the children it waited for: ikn-read's parse workers).
The warm run repeats ``ikn-read refresh`` on a filled store (the server
answers 304) and subtracts the median startup of ``ikn-read --version``
(wall and CPU alike).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Result, ensure_bytecode, env_with, ikn_command, measured, median, query, timed
from feedgen import FeedServer, make_opml

NEWSBOAT_CONFIG = "reload-threads 8\nshow-read-feeds yes\n"


def _prepare_home(tmp: Path, opml: Path, name: str) -> Path:
    home = tmp / name
    home.mkdir()
    cmd = ikn_command() + ["feeds", "import", str(opml)]
    timed(cmd, env_with(home))
    return home


def _newsboat_run(tmp: Path, urls: list[str], n: int) -> tuple[float, float]:
    """(wall, CPU) seconds of ``newsboat -x reload`` with an empty cache."""
    work = tmp / f"newsboat-{n}"
    work.mkdir()
    (work / "urls").write_text("\n".join(urls) + "\n")
    (work / "config").write_text(NEWSBOAT_CONFIG)
    env = env_with(None, HOME=str(work), XDG_CONFIG_HOME=str(work), XDG_DATA_HOME=str(work))
    cmd = ["newsboat", "-x", "reload", "-u", "urls", "-c", "cache.db", "-C", "config"]
    return measured(cmd, env, cwd=work)


def _count_ikn(home: Path) -> int:
    db = next(home.glob("*.sqlite3"), None) or next(home.glob("*.db"), None)
    if db is None:
        return -1
    return int(query(db, "SELECT count(*) FROM articles")[0][0])


def _count_newsboat(tmp: Path, n: int) -> int:
    return int(query(tmp / f"newsboat-{n}" / "cache.db", "SELECT count(*) FROM rss_item")[0][0])


@dataclass
class Cold:
    """One cold comparison: medians of wall and CPU seconds (user+sys) per program."""

    label: str
    ikn_wall: float
    ikn_cpu: float
    nb_wall: float | None = None
    nb_cpu: float | None = None
    articles: int = 0

    @property
    def ratio(self) -> float | None:
        return None if self.nb_wall is None else self.ikn_wall / self.nb_wall

    @property
    def cpu_ratio(self) -> float | None:
        return None if self.nb_cpu is None else self.ikn_cpu / self.nb_cpu


def run(feeds: int = 200, items: int = 50, runs: int = 3, log=print, shape: str = "synthetic",
        hosts: int = 1, warm: bool = True, warm_runs: int = 9, summary: list[Cold] | None = None) -> list[Result]:
    """Cold: ikn-read against newsboat, ``runs`` times each, alternating; warm: ``warm_runs``
    refreshes where every feed answers 304, minus as many ``ikn-read --version``. Appends
    the cold medians to ``summary`` when given."""
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
        ikn: list[tuple[float, float]] = []
        nb: list[tuple[float, float]] = []
        homes: list[Path] = []
        for n in range(runs):
            home = _prepare_home(tmp, opml, f"home-{n}")
            homes.append(home)
            order = ["ikn", "newsboat"] if n % 2 == 0 else ["newsboat", "ikn"]
            for who in order:
                if who == "ikn":
                    wall, cpu = measured(ikn_command() + ["refresh"], env_with(home))
                    ikn.append((wall, cpu))
                    log(f"  run {n + 1}: ikn-read refresh   {wall:6.2f} s, CPU {cpu:5.2f} s  ({_count_ikn(home)} articles)")
                elif have_newsboat:
                    wall, cpu = _newsboat_run(tmp, server.urls, n)
                    nb.append((wall, cpu))
                    log(f"  run {n + 1}: newsboat -x reload {wall:6.2f} s, CPU {cpu:5.2f} s  ({_count_newsboat(tmp, n)} items)")
        cold = Cold(label, median([w for w, _ in ikn]), median([c for _, c in ikn]), articles=_count_ikn(homes[0]))
        if nb:
            cold.nb_wall, cold.nb_cpu = median([w for w, _ in nb]), median([c for _, c in nb])
        if summary is not None:
            summary.append(cold)
        results.append(Result(f"refresh cold ({label}): ikn-read", "-", f"{cold.ikn_wall:.2f} s", None,
                              f"median of {runs}; CPU {cold.ikn_cpu:.2f} s; {cold.articles} articles stored"))
        if cold.ratio is not None:
            results.append(Result(f"refresh cold ({label}): newsboat", "-", f"{cold.nb_wall:.2f} s", None,
                                  f"median of {runs}; CPU {cold.nb_cpu:.2f} s; reload-threads 8"))
            results.append(Result(f"refresh cold ({label}): ratio", "<= 1.0", f"{cold.ratio:.2f}", cold.ratio <= 1.0,
                                  f"CPU-seconds ratio {cold.cpu_ratio:.2f}"))
        else:
            results.append(Result(f"refresh cold ({label}): ratio", "<= 1.0", "skipped", None,
                                  "newsboat not installed: skipping the comparison"))
        if not warm:
            return results

        version = [measured(ikn_command() + ["--version"], env_with(homes[0])) for _ in range(warm_runs)]
        before = dict(server.hits)
        again = [measured(ikn_command() + ["refresh"], env_with(homes[0])) for _ in range(warm_runs)]
        not_modified = server.hits["304"] - before["304"]
        start_wall, start_cpu = median([w for w, _ in version]), median([c for _, c in version])
        warm_wall, warm_cpu = median([w for w, _ in again]), median([c for _, c in again])
        extra, extra_cpu = warm_wall - start_wall, warm_cpu - start_cpu
        log(f"  ikn-read --version {start_wall:.3f} s (CPU {start_cpu:.3f} s); warm refresh {warm_wall:.3f} s "
            f"(CPU {warm_cpu:.3f} s; {not_modified} x 304; each: {', '.join(f'{w:.3f}' for w, _ in again)})")
        results.append(Result("startup: ikn-read --version", "-", f"{start_wall:.3f} s", None,
                              f"median of {warm_runs}; CPU {start_cpu:.3f} s"))
        results.append(Result(f"refresh warm (304) beyond start ({label})", "<= 0.20 s", f"{extra:.3f} s", extra <= 0.2,
                              f"CPU {extra_cpu:.3f} s beyond start; median of {warm_runs}: {warm_wall:.3f} s - "
                              f"startup; {not_modified}/{warm_runs * feeds} answered 304"))
    return results


def cold_table(summary: list[Cold]) -> str:
    """The cold comparisons side by side: wall and CPU seconds of each program."""
    lines = ["| feeds | ikn-read | newsboat | ratio | ikn-read CPU | newsboat CPU | CPU ratio |",
             "|-------|---------:|---------:|------:|-------------:|-------------:|----------:|"]
    for c in summary:
        def num(value: float | None, unit: str = " s") -> str:
            return "-" if value is None else f"{value:.2f}{unit}"

        lines.append(f"| {c.label} | {num(c.ikn_wall)} | {num(c.nb_wall)} | {num(c.ratio, '')} | {num(c.ikn_cpu)} | "
                     f"{num(c.nb_cpu)} | {num(c.cpu_ratio, '')} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--shape", choices=["synthetic", "realistic", "replay"], default="synthetic")
    parser.add_argument("--hosts", type=int, default=1)
    parser.add_argument("--warm-runs", type=int, default=9)
    args = parser.parse_args()
    ensure_bytecode()
    summary: list[Cold] = []
    for r in run(args.feeds, args.items, args.runs, shape=args.shape, hosts=args.hosts, warm_runs=args.warm_runs,
                 summary=summary):
        print(f"{r.name:<36} {r.target:>10} {r.measured:>12} {r.verdict:>5}  {r.note}")
    print()
    print(cold_table(summary))


if __name__ == "__main__":
    main()
