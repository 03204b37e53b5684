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


async def _reading(pilot: Pilot) -> None:
    await _ready(pilot)
    await pilot.press("enter")
    await settle(pilot)
    pilot.app.clear_notifications()
    await pilot.pause()


def test_demo_list_60x20(snap_compare: Any) -> None:
    assert snap_compare(IknReadApp(demo=True), terminal_size=(60, 20), run_before=_ready)


def test_demo_article_60x20(snap_compare: Any) -> None:
    assert snap_compare(IknReadApp(demo=True), terminal_size=(60, 20), run_before=_reading)


def test_demo_list_40x12(snap_compare: Any) -> None:
    assert snap_compare(IknReadApp(demo=True), terminal_size=(40, 12), run_before=_ready)


def test_demo_article_40x12(snap_compare: Any) -> None:
    assert snap_compare(IknReadApp(demo=True), terminal_size=(40, 12), run_before=_reading)
