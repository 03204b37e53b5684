"""Snapshots of the demo's main screen (fixed dates, fixed theme, no clocks)."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot
from ui_helpers import settle

from ikn_tui.ui.app import IknReadApp


async def _ready(pilot: Pilot) -> None:
    pilot.app.theme = "textual-dark"
    await settle(pilot)
    pilot.app.clear_notifications()
    await pilot.pause()


def test_demo_main_screen_120x36(snap_compare: Any) -> None:
    assert snap_compare(IknReadApp(demo=True), terminal_size=(120, 36), run_before=_ready)


def test_demo_main_screen_80x24(snap_compare: Any) -> None:
    assert snap_compare(IknReadApp(demo=True), terminal_size=(80, 24), run_before=_ready)
