"""What the reader screen needs from outside, handed down at construction
(the screen and its panes never reach up through ``self.app`` for it)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ikn_tui.core.store import Store

FetcherFactory = Callable[[], Any]  # an async context manager giving a Fetcher


@dataclass(frozen=True)
class ReaderContext:
    store: Store
    fetcher_factory: FetcherFactory
    offline: bool = False  # no network (--offline, --demo)
    demo: bool = False
    refresh_on_start: bool = True  # [refresh] on_start in the settings
    refresh_every_minutes: int = 0  # [refresh] every_minutes (0: never)
    sync_on_start: bool = True  # [sync] on_start
    images: bool = True  # images = "auto" (True) or "off" in the settings
    image_renderer: str = "auto"  # auto, halfcell, tgp, sixel (tests fix halfcell)

    def store_factory(self) -> Store:
        """The store for worker threads (``Store`` serialises access with a lock)."""
        return self.store
