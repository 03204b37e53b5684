"""Probes for the hostile suite: a driver that records what Textual writes to
the terminal, raw (unsanitised) database inserts, memory measurement."""

from __future__ import annotations

import json
import resource
import sqlite3
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from textual.drivers.headless_driver import HeadlessDriver

T = TypeVar("T")


class RecordingDriver(HeadlessDriver):
    """A headless driver that is *not* headless to the app: Textual renders
    every frame and hands the bytes to ``write``, which keeps them."""

    written: list[str] = []

    @property
    def is_headless(self) -> bool:
        return False

    def write(self, data: str) -> None:
        RecordingDriver.written.append(data)

    def flush(self) -> None:
        pass


def raw_insert(db: Path, title: str, *, body: list[str] | None = None, source: str | None = None,
               url: str | None = None, summary: str | None = None, related: list[dict[str, Any]] | None = None,
               published: str = "2025-07-01T10:00:00+07:00", ts: int = 1_751_338_800) -> int:
    """Insert an article with plain SQL, bypassing every sanitiser in the store
    (the render-time defence must hold on its own). The store must exist."""
    conn = sqlite3.connect(db)
    try:
        cur = conn.execute(
            "INSERT INTO articles(url, url_key, title, norm_title, source, published, published_ts, sort_ts,"
            " full, first_seen, summary, body, related) VALUES (?,?,?,?,?,?,?,?,1,?,?,?,?)",
            (url, url, title, title.lower(), source, published, ts, ts, "2025-07-01T03:00:00+00:00", summary,
             json.dumps(body or [], ensure_ascii=False), json.dumps(related or [], ensure_ascii=False)),
        )
        conn.commit()
        return int(cur.lastrowid or 0)
    finally:
        conn.close()


def peak_python_memory(fn: Callable[[], T]) -> tuple[T, int]:
    """Run ``fn`` under tracemalloc; (result, peak bytes allocated by Python)."""
    tracemalloc.start()
    try:
        result = fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, peak


def max_rss_bytes() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


MB = 1024 * 1024
