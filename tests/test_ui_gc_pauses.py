"""The reader spaces out garbage collection after its first paint (ui/gc_pauses.py):
the start-up heap is frozen and the young threshold raised, in a real terminal or when
asked; tests keep CPython's defaults unless they ask."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from ui_helpers import settle

from ikn_tui.ui import gc_pauses
from ikn_tui.ui.app import IknReadApp


@pytest.fixture
def gc_state() -> Iterator[None]:
    before = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*before)


async def test_the_reader_settles_the_heap_after_its_first_paint(gc_state: None) -> None:
    gc.unfreeze()
    app = IknReadApp(demo=True, settle_gc=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert gc.get_threshold()[0] == gc_pauses.YOUNG_THRESHOLD
        assert gc.get_freeze_count() > 10_000  # the widgets, styles and modules alive at start


async def test_headless_runs_keep_the_defaults(gc_state: None) -> None:
    gc.unfreeze()
    before = gc.get_threshold()
    app = IknReadApp(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert gc.get_threshold() == before and gc.get_freeze_count() == 0
