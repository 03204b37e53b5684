"""The reader at 100,000 stored articles: startup, navigation, opening, memory.

Run: ``.venv/bin/python bench/bench_tui.py [--runs 3]``

Each measurement runs the real app (``IknReadApp``, headless via
``run_test``) in a fresh interpreter (``tui_probe.py``) on a copy of the
cached 100k store. Startup is from launching the interpreter to the first
paint of the article list, against the same with an empty store (one
subscription, offline, so the main screen and its empty list are shown).
Navigation is key sent -> last list repaint it caused, minus the same for a
key bound to nothing (the Pilot's own overhead). Memory is the process's
peak RSS (VmHWM) at the end.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Result, env_with, median, ms, p95, python
from dataset import copy_into

PROBE = Path(__file__).resolve().parent / "tui_probe.py"


def _probe(home: Path, mode: str) -> dict:
    launch = time.time()
    proc = subprocess.run([python(), str(PROBE), repr(launch), mode], env=env_with(home),
                          capture_output=True, text=True, timeout=300)
    if proc.returncode != 0:
        raise RuntimeError(f"tui probe failed: {proc.stderr.strip()[-800:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _empty_home(tmp: Path) -> Path:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from ikn_tui.core.store.database import Store

    home = tmp / "empty"
    home.mkdir()
    store = Store(home / "ikn-read.sqlite3")
    store.add_subscription("http://127.0.0.1:9/feed.xml", "kosong")
    store.close()
    return home


def run(runs: int = 3, log=print) -> list[Result]:
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="ikn-bench-tui-") as tmpname:
        tmp = Path(tmpname)
        home = tmp / "big"
        copy_into(home)
        empty = _empty_home(tmp)
        big_times, empty_times = [], []
        for n in range(runs):
            empty_times.append(_probe(empty, "startup")["startup"])
            big_times.append(_probe(home, "startup")["startup"])
            log(f"  startup run {n + 1}: empty {empty_times[-1]:.3f} s, 100k {big_times[-1]:.3f} s")
        big, small = median(big_times), median(empty_times)
        results.append(Result("startup: list painted, 100k", "<= 1.00 s", f"{big:.3f} s", big <= 1.0,
                              f"median of {runs}, from interpreter launch"))
        results.append(Result("startup: 100k vs empty store", "<= 1.5x", f"{big / small:.2f}x", big / small <= 1.5,
                              f"empty store {small:.3f} s"))
        full = _probe(home, "full")
        log(f"  rows {full['rows']}, cursor after G/g pairs {full['cursor_after_G']}")
        overhead = median(full["noop"])
        for key in ("j", "pagedown", "G"):
            value = p95(full[key])
            results.append(Result(f"navigation: {key} -> repaint (p95)", "<= 50 ms", ms(value), value <= 0.05,
                                  f"Pilot round trip included (press+pause with no repaint: {ms(overhead)})"))
        opened = p95(full["open"])
        results.append(Result("open stored article (p95)", "<= 50 ms", ms(opened), opened <= 0.05,
                              f"open_id -> article body repainted, {len(full['open'])} articles"))
        rss = full["rss_mb"]
        results.append(Result("memory: peak RSS, 100k in TUI", "<= 200 MB", f"{rss:.0f} MB", rss <= 200,
                              "VmHWM after navigating and opening 50 articles"))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    for r in run(args.runs):
        print(f"{r.name:<36} {r.target:>10} {r.measured:>12} {r.verdict:>5}  {r.note}")


if __name__ == "__main__":
    main()
