"""The 100,000-article store the TUI and search benchmarks open, built once and cached.

Built with ``Store.upsert_articles`` in batches of 1,000 from the generator
in ``bench_store.py`` (fictional Indonesian-like text). Cached as
``bench/.cache/store-<N>.sqlite3`` with a ``.json`` beside it holding the
number of UTF-8 bytes of text stored (for the size ratio). Delete the cache
to rebuild.
"""

from __future__ import annotations

import json
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import CACHE, SRC

sys.path.insert(0, str(SRC))


def build(count: int = 100_000, log=print) -> tuple[Path, dict]:
    """(path of the cached database, its metadata)."""
    path = CACHE / f"store-{count}.sqlite3"
    meta_path = path.with_suffix(".json")
    if path.exists() and meta_path.exists():
        return path, json.loads(meta_path.read_text())
    from bench_store import _generator, _text_size

    from ikn_tui.core.store.database import Store

    CACHE.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".building")
    for leftover in CACHE.glob(tmp.name + "*"):
        leftover.unlink()
    make, _, vocab = _generator()
    log(f"building a {count:,}-article store (cached in {path.relative_to(CACHE.parents[1])}) ...")
    start = time.perf_counter()
    store = Store(tmp)
    text = 0
    for first in range(0, count, 1000):
        batch = [make(i) for i in range(first, min(count, first + 1000))]
        text += sum(_text_size(a) for a in batch)
        store.upsert_articles(batch)
    with store._reading() as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    shutil.move(str(tmp), str(path))
    meta = {"count": count, "text_bytes": text, "build_seconds": round(time.perf_counter() - start, 1),
            "vocabulary": vocab[:400]}
    meta_path.write_text(json.dumps(meta))
    log(f"  built in {meta['build_seconds']} s")
    return path, meta


def copy_into(home: Path, count: int = 100_000) -> Path:
    """A fresh copy of the cached store as ``home``'s database."""
    source, _ = build(count)
    home.mkdir(parents=True, exist_ok=True)
    target = home / "ikn-read.sqlite3"
    shutil.copyfile(source, target)
    return target


if __name__ == "__main__":
    print(build()[1]["build_seconds"])
