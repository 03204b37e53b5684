"""Helpers for the Textual tests: seed a store, wait for workers, read rendered lines."""

from __future__ import annotations

import asyncio

from textual.pilot import Pilot

from ikn_tui.core import paths
from ikn_tui.core.models import Article, RelatedLink
from ikn_tui.core.store.database import Store


def seed_store(count: int = 30, extra: list[Article] | None = None) -> Store:
    """Fictional articles with fixed dates, newest = number ``count - 1``."""
    store = Store(paths.database_path())
    articles = [
        Article(
            title=f"Kabar contoh nomor {i:02d} dari Sepaku",
            url=f"https://contoh.ikn-read.example/kabar/{i}",
            source="Kabar Contoh",
            author="Dewi Lestari",
            published=f"2025-05-{1 + i % 28:02d}T{8 + i % 12:02d}:15:00+07:00",
            category="Daerah",
            body=[f"Paragraf pembuka kabar {i}.", f"Paragraf kedua kabar {i}."],
            related=[RelatedLink(f"Kabar contoh nomor {(i + 1) % count:02d} dari Sepaku", None, 1)],
        )
        for i in range(count)
    ]
    store.upsert_articles(articles + list(extra or []))
    return store


async def settle(pilot: Pilot, rounds: int = 400) -> None:
    """Wait until the screen has loaded its sources and no worker is running."""
    app = pilot.app
    for _ in range(rounds):
        await pilot.pause()
        ready = getattr(app.screen, "ready", True)
        busy = any(worker.is_running for worker in app.workers)
        if ready and not busy:
            break
        await asyncio.sleep(0.02)
    await pilot.pause()


def rendered_lines(widget, count: int) -> list[str]:  # type: ignore[no-untyped-def]
    """The plain text of the first ``count`` lines a Line-API widget draws."""
    return [widget.render_line(y).text for y in range(count)]
