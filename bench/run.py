"""All the benchmarks in one table: refresh against newsboat, startup, navigation, opening, memory, extraction, search and store size, each with its target and PASS/MISS.

Run: ``.venv/bin/python bench/run.py [--runs 3] [--quick]``

1. refresh: 200 generated feeds x 50 items from 127.0.0.1 (synthetic, and
   shaped like real feeds from one host and from eight), cold ``ikn-read
   refresh`` vs ``newsboat -x reload`` in wall and CPU-seconds (skipped when
   newsboat is absent), and a warm (304) refresh beyond process start
                                                   (bench_refresh.py)
2-3. startup, navigation, opening, memory at 100k articles (bench_tui.py); opening
   an article whose extraction a refresh deferred (bench_open.py)
4. extraction of ~200 KB pages                     (bench_extract.py's pages)
5. FTS search over 100k articles, 6. store size vs its text (dataset.py)
7. sync: 5,000 items through coldsweat (a real Fever server), first sync and
   nothing-changed sync                            (bench_sync.py; skipped without coldsweat)

The 100k store is built once (about 3 minutes) and cached in bench/.cache/.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from common import ROOT, SRC, Result, ensure_bytecode, median, ms, p95  # noqa: E402

sys.path.insert(0, str(SRC))


def machine() -> str:
    model = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        mem = next(x for x in Path("/proc/meminfo").read_text().splitlines() if x.startswith("MemTotal"))
        ram = f"{int(mem.split()[1]) / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration):
        ram = "?"
    return f"{os.cpu_count()} CPUs ({model}), {ram} RAM, Python {platform.python_version()}, {platform.system()}"


def bench_search(log=print) -> list[Result]:
    from dataset import build

    from ikn_tui.core.store.database import Store

    path, meta = build(log=log)
    with tempfile.TemporaryDirectory(prefix="ikn-bench-search-") as tmp:
        copy = Path(tmp) / "s.sqlite3"
        shutil.copyfile(path, copy)
        size = copy.stat().st_size
        store = Store(copy)
        vocab = meta["vocabulary"]
        queries = ["nusantara", "ibu kota", "otorita pembangunan", "yang", "kalimantan tim", "jalan tol ba"]
        queries += [" ".join(vocab[(n * 7 + k * 13) % len(vocab)] for k in range(1 + n % 3)) for n in range(94)]
        store.search("pemanasan")  # warm the page cache once
        times = []
        for q in queries:
            start = time.perf_counter()
            store.search(q, 200)
            times.append(time.perf_counter() - start)
        store.close()
    ratio = size / meta["text_bytes"]
    return [
        Result("search: FTS over 100k (p95)", "<= 50 ms", ms(p95(times)), p95(times) <= 0.05,
               f"{len(queries)} queries, median {ms(median(times))}, limit 200"),
        Result("store size vs its text", "<= 1.5x", f"{ratio:.2f}x", ratio <= 1.5,
               f"{size / 1e6:.0f} MB for {meta['text_bytes'] / 1e6:.0f} MB of text, {meta['count']:,} articles"),
    ]


def bench_extract(runs: int = 15) -> list[Result]:
    from bench_extract import PAGES, inflate

    from ikn_tui.core.extract.page import extract_article

    times = []
    for page in sorted(PAGES.glob("*.html")):
        html = inflate(page.read_text(encoding="utf-8"), 200 * 1024)
        extract_article(html, url="https://portal.example.com/x")
        for _ in range(runs):
            start = time.perf_counter()
            extract_article(html, url="https://portal.example.com/x")
            times.append(time.perf_counter() - start)
    value = statistics.median(times)
    return [Result("extract a 200 KB page (median)", "<= 30 ms", ms(value), value <= 0.03,
                   f"{len(times) // runs} pages x {runs}, p95 {ms(p95(times))}")]


def table(results: list[Result]) -> str:
    lines = [f"| {'benchmark':<36} | {'target':>9} | {'measured':>10} | {'':4} | note", f"|{'-' * 38}|{'-' * 11}|{'-' * 12}|------|------"]
    for r in results:
        lines.append(f"| {r.name:<36} | {r.target:>9} | {r.measured:>10} | {r.verdict:<4} | {r.note}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of the refresh and startup comparisons")
    parser.add_argument("--skip", nargs="*", default=[], choices=["refresh", "tui", "open", "extract", "search", "sync"])
    args = parser.parse_args()
    started = time.perf_counter()
    ensure_bytecode()
    print(f"machine: {machine()}")
    results: list[Result] = []
    cold: list = []  # bench_refresh.Cold, one per comparison with newsboat
    if "search" not in args.skip:
        results += bench_search()
    if "refresh" not in args.skip:
        import bench_refresh

        results += bench_refresh.run(runs=args.runs, summary=cold)
        # Feeds shaped like the real Indonesian ones, from one host and from eight.
        results += bench_refresh.run(runs=args.runs, shape="realistic", warm=False, summary=cold)
        results += bench_refresh.run(runs=args.runs, shape="realistic", hosts=8, summary=cold)
    if "tui" not in args.skip:
        import bench_tui

        results += bench_tui.run(runs=args.runs)
    if "open" not in args.skip:
        import bench_open

        results += bench_open.run(runs=args.runs)
    if "extract" not in args.skip:
        results += bench_extract()
    if "sync" not in args.skip:
        import bench_sync

        results += bench_sync.run(feeds=50, items=100, runs=args.runs)
    print()
    print(table(results))
    if cold:
        import bench_refresh

        print("\nCold refresh, 200 feeds x 50 items, medians of the same run (CPU: user + sys seconds):\n")
        print(bench_refresh.cold_table(cold))
    print(f"\n{sum(r.ok is True for r in results)} PASS, {sum(r.ok is False for r in results)} MISS "
          f"in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    os.chdir(ROOT)
    main()
