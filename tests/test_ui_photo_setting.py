"""The lead photo and the rest of the reader: ``i`` is kept in config.toml (comments
survive, like the theme), and a terminal too short for a photo and text shows text only."""

from __future__ import annotations

import tomllib
from typing import Any

from images_corpus import photo
from photo_helpers import photo_article, seed_photos
from ui_helpers import settle

from ikn_tui.core import paths
from ikn_tui.ui.app import IknReadApp
from ikn_tui.ui.screens.main import MainScreen
from ikn_tui.ui.widgets.lead_photo import LeadPhoto

USER_FILE = '''\
# my own note, kept
theme = "nord"
images = "auto"  # photos please

[keys]
# my keys
bookmark = "s"
'''


def _photo(app: IknReadApp) -> LeadPhoto:
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return screen.article_view.photo


def _shown(app: IknReadApp) -> bool:
    children = list(_photo(app).children)
    return _photo(app).display and bool(children) and type(children[0]).__name__.endswith("Image")


async def _open_first(pilot: Any) -> None:
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


async def test_the_i_key_saves_images_in_config_toml_keeping_comments(http_server: Any) -> None:
    config = paths.config_path()
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(USER_FILE, encoding="utf-8")
    http_server.route("foto/a.jpg", photo(), content_type="image/jpeg")
    seed_photos(photo_article(http_server.url("foto/a.jpg")))
    app = IknReadApp(image_renderer="halfcell")
    async with app.run_test(size=(120, 36)) as pilot:
        await _open_first(pilot)
        assert _shown(app)
        await pilot.press("i")
        await pilot.pause()
    text = config.read_text(encoding="utf-8")
    assert tomllib.loads(text)["images"] == "off"
    for kept in ("# my own note, kept", "# my keys", 'bookmark = "s"', 'theme = "nord"'):
        assert kept in text

    again = IknReadApp(image_renderer="halfcell")  # the next start remembers: no photo
    async with again.run_test(size=(120, 36)) as pilot:
        await _open_first(pilot)
        assert not _photo(again).display
        await pilot.press("i")
        await settle(pilot)
        assert _shown(again)
    assert tomllib.loads(config.read_text(encoding="utf-8"))["images"] == "auto"


async def test_the_first_i_without_a_file_writes_the_commented_template(http_server: Any) -> None:
    seed_photos(photo_article(http_server.url("foto/none.jpg")))
    app = IknReadApp(image_renderer="halfcell")
    async with app.run_test(size=(120, 36)) as pilot:
        await _open_first(pilot)
        await pilot.press("i")
        await pilot.pause()
    text = paths.config_path().read_text(encoding="utf-8")
    assert tomllib.loads(text)["images"] == "off" and text.lstrip().startswith("#")


async def test_a_short_terminal_hides_the_photo_and_a_taller_one_brings_it_back(http_server: Any) -> None:
    http_server.route("foto/a.jpg", photo(1200, 675), content_type="image/jpeg")
    seed_photos(photo_article(http_server.url("foto/a.jpg")))
    app = IknReadApp(image_renderer="halfcell")
    async with app.run_test(size=(40, 12)) as pilot:
        await _open_first(pilot)
        assert not _photo(app).display  # 12 rows: the text gets them all
        header = app.screen.query_one("#article-header")
        assert header.region.height > 0
        await pilot.resize_terminal(120, 36)
        await settle(pilot)
        assert _shown(app)
        await pilot.resize_terminal(40, 12)
        await settle(pilot)
        assert not _photo(app).display
        await pilot.resize_terminal(120, 36)
        await settle(pilot)
        assert _shown(app)
