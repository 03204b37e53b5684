"""Runs INSIDE a fresh interpreter: the real app, headless, instrumented.

Usage: python tui_probe.py LAUNCH_TIME MODE   (MODE: "full", "startup" or "pending")
LAUNCH_TIME is the parent's time.time() just before it started this
process, so the startup figure counts interpreter start and imports too.
Prints one JSON object: startup (launch -> first paint of the list),
per-key repaint times, open times, and peak RSS (VmHWM). "pending" only opens
articles whose extraction a refresh deferred (the idle pass is held back so
they stay so), and counts how many were still pending when opened.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time

LAUNCH = float(sys.argv[1])
MODE = sys.argv[2] if len(sys.argv) > 2 else "full"

from ikn_tui.ui.widgets.article_list import ArticleList  # noqa: E402

_render = ArticleList.render_line
state: dict = {"first_paint": None, "last_render": 0.0}


def render_line(self, y):  # type: ignore[no-untyped-def]
    strip = _render(self, y)
    state["last_render"] = time.perf_counter()
    if state["first_paint"] is None:
        state["first_paint"] = time.time()
    return strip


ArticleList.render_line = render_line  # type: ignore[method-assign]

from textual.widget import Widget  # noqa: E402

_render_lines = Widget.render_lines


def render_lines(self, crop):  # type: ignore[no-untyped-def]
    lines = _render_lines(self, crop)
    if self.id == "article-body":
        state["body_render"] = time.perf_counter()
    return lines


Widget.render_lines = render_lines  # type: ignore[method-assign]

from ikn_tui.ui.app import IknReadApp  # noqa: E402

if MODE == "pending":  # keep them pending: no background extraction
    from ikn_tui.ui.screens.refreshing import Refresher

    Refresher.extract_later = lambda self: None  # type: ignore[method-assign]


def vm_hwm_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return -1.0


async def key_times(pilot, keys: list[str]) -> list[float]:  # type: ignore[no-untyped-def]
    """Time from sending a key to the last list repaint it caused (Pilot overhead included).

    For a key bound to nothing there is no repaint: its time is the Pilot's own round trip."""
    out = []
    for key in keys:
        state["last_render"] = 0.0
        start = time.perf_counter()
        await pilot.press(key)
        await pilot.pause()
        end = state["last_render"] or time.perf_counter()
        out.append(end - start)
    return out


async def main() -> dict:
    app = IknReadApp([], offline=True, settle_gc=True)  # as in a real terminal (ui/gc_pauses.py)
    result: dict = {}
    async with app.run_test(size=(160, 48)) as pilot:
        while state["first_paint"] is None:
            await asyncio.sleep(0.002)
        result["startup"] = state["first_paint"] - LAUNCH
        if MODE == "startup":
            result["rss_mb"] = vm_hwm_mb()
            return result
        screen = app.screen
        lst = screen.query_one(ArticleList)
        result["rows"] = lst.row_count
        await pilot.pause()
        if MODE == "pending":
            # Unread articles, every other one extracted first (as the idle pass would):
            # opened in turn, pending and extracted ones are timed alike.
            ids = [lst.source.row(i).id for i in range(0, min(lst.row_count, 2000), 10)]
            pending, extracted = ids[1::2], ids[0::2]
            for article_id in extracted:
                app.store.store_extraction(article_id)
            result["pending"] = sum(app.store.is_unextracted(i) for i in pending)
            # What differs between the two: reading the article (extracting it when pending).
            result["read_pending"], result["read_extracted"] = [], []
            for key, group in (("read_pending", pending), ("read_extracted", extracted)):
                for article_id in group:
                    start = time.thread_time()
                    app.store.get_article(article_id, keep=False)
                    result[key].append(time.thread_time() - start)
            times = await open_times(pilot, screen, [i for pair in zip(pending, extracted, strict=False) for i in pair])
            result["open"], result["open_extracted"] = times[0::2], times[1::2]
            result["pending_after"] = sum(app.store.is_unextracted(i) for i in pending)
            return result
        result["noop"] = await key_times(pilot, ["f12"] * 10)  # bound to nothing: the Pilot overhead
        result["j"] = await key_times(pilot, ["j"] * 40)
        result["pagedown"] = await key_times(pilot, ["pagedown"] * 30)
        result["G"] = await key_times(pilot, ["G", "g"] * 5)
        result["cursor_after_G"] = lst.cursor
        ids = [lst.source.row(i).id for i in range(0, 2000, 40)]
        result["open"] = await open_times(pilot, screen, ids)
        result["rss_mb"] = vm_hwm_mb()
    return result


async def open_times(pilot, screen, ids: list[int]) -> list[float]:  # type: ignore[no-untyped-def]
    """open_id (what Enter on a row runs) -> the article body repainted, for each id."""
    opens = []
    for article_id in ids:
        state["body_render"] = 0.0
        start = time.perf_counter()
        screen.open_id(article_id)
        while state["body_render"] < start and time.perf_counter() - start < 5:
            await asyncio.sleep(0.0005)
        opens.append(state["body_render"] - start)
        await pilot.pause()  # let the similar-articles (and keep-extracted) workers finish first
        while any(w.is_running for w in screen.workers):
            await asyncio.sleep(0.001)
    return opens


print(json.dumps(asyncio.run(main())))
