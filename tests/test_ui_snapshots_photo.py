"""Snapshots of an article with its lead photo, drawn by the half-cell renderer at a
fixed size (the photo is made with Pillow and served from a loopback server)."""

from __future__ import annotations

from typing import Any

import pytest
from images_corpus import photo
from photo_helpers import photo_article, seed_photos
from textual.pilot import Pilot
from ui_helpers import settle

from ikn_tui.ui.app import IknReadApp


@pytest.fixture
def photo_app(http_server: Any) -> IknReadApp:
    http_server.route("foto/jembatan.png", photo(960, 540, "PNG"), content_type="image/png")
    seed_photos(photo_article(http_server.url("foto/jembatan.png")))
    return IknReadApp(offline=False, image_renderer="halfcell")


async def _reading(pilot: Pilot) -> None:
    pilot.app.theme = "textual-dark"
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    pilot.app.clear_notifications()
    await pilot.pause()


def test_article_with_photo_120x36(snap_compare: Any, photo_app: IknReadApp) -> None:
    assert snap_compare(photo_app, terminal_size=(120, 36), run_before=_reading)


def test_article_with_photo_80x24(snap_compare: Any, photo_app: IknReadApp) -> None:
    # The article pane is 12 rows here: the photo steps aside and the text shows (lead_photo.MIN_PANE_ROWS).
    assert snap_compare(photo_app, terminal_size=(80, 24), run_before=_reading)
