"""The lead photo in the reader: fetched from a real loopback server in a worker,
cached in the store, shown offline for a bookmark, off by setting or key, stale
answers dropped. The half-cell renderer is fixed (tests run without a terminal)."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import threading
from typing import Any

from images_corpus import photo
from photo_helpers import TITLE, photo_article, photo_paths, seed_photos
from ui_helpers import settle

from ikn_tui.core import paths
from ikn_tui.core.store.database import Store
from ikn_tui.ui.app import IknReadApp
from ikn_tui.ui.screens.main import MainScreen
from ikn_tui.ui.widgets.lead_photo import LeadPhoto

SIZE = (120, 36)


def _photo(app: IknReadApp) -> LeadPhoto:
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return screen.article_view.photo


def _image_widget(app: IknReadApp) -> Any:
    children = list(_photo(app).children)
    return children[0] if children and type(children[0]).__name__.endswith("Image") else None


def _note(app: IknReadApp) -> str:
    children = list(_photo(app).children)
    assert len(children) == 1 and "photo-note" in children[0].classes, children
    return str(children[0].render())


async def _open_first(app: IknReadApp, pilot: Any) -> None:
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


async def test_the_photo_is_fetched_shown_and_cached(http_server: Any) -> None:
    http_server.route("foto/a.jpg", photo(1200, 675), content_type="image/jpeg")
    seed_photos(photo_article(http_server.url("foto/a.jpg")))
    app = IknReadApp(image_renderer="halfcell")
    async with app.run_test(size=SIZE) as pilot:
        await _open_first(app, pilot)
        image = _image_widget(app)
        assert image is not None and type(image).__name__ == "HalfcellImage"
        assert _photo(app).display and _photo(app).state == "shown"
        assert 0 < image.region.height <= 12 and image.region.width > 10
        header = app.screen.query_one("#article-header")
        assert header.region.y > image.region.y  # the photo leads, the title follows
        request = [headers for path, headers in http_server.requests if path == "/foto/a.jpg"]
        assert len(request) == 1 and request[0]["accept"].startswith("image/")
    store = Store(paths.database_path())
    kept = store.get_thumbnail(http_server.url("foto/a.jpg"))
    store.close()
    assert kept is not None and kept.data[:3] == b"\xff\xd8\xff" and kept.width == 480

    again = IknReadApp(image_renderer="halfcell")  # the cache answers: no second download
    async with again.run_test(size=SIZE) as pilot:
        await _open_first(again, pilot)
        assert _image_widget(again) is not None
    assert photo_paths(http_server) == ["/foto/a.jpg"]


async def test_the_text_shows_at_once_while_the_photo_loads(http_server: Any) -> None:
    http_server.route("foto/slow.jpg", photo(), content_type="image/jpeg", delay=1.5)
    seed_photos(photo_article(http_server.url("foto/slow.jpg")))
    app = IknReadApp(image_renderer="halfcell")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen) and screen.article is not None and screen.article.title == TITLE
        header = screen.query_one("#article-header")
        assert TITLE in str(header.render())
        assert _photo(app).state == "loading"
        await pilot.pause(0.4)  # the server answers after 1.5 s; the note shows after a short wait
        assert _photo(app).state == "loading" and _note(app) == "Memuat foto…"
        await settle(pilot)
        assert _image_widget(app) is not None


async def test_a_stale_photo_is_dropped_when_the_reader_moved_on(http_server: Any) -> None:
    answered = threading.Event()
    slow = photo(800, 450)

    def late(handler: Any) -> None:  # answers after the reader has moved on, then says so
        http_server.stopping.wait(0.8)
        handler.send_response(200)
        handler.send_header("Content-Type", "image/jpeg")
        handler.send_header("Content-Length", str(len(slow)))
        handler.end_headers()
        handler.wfile.write(slow)
        handler.wfile.flush()
        answered.set()

    http_server.route("foto/lambat.jpg", handler=late)
    http_server.route("foto/cepat.png", photo(640, 480, "PNG"), content_type="image/png")
    # newest first in the list: the slow one opens first, then j moves to the quick one
    seed_photos(photo_article(http_server.url("foto/lambat.jpg"), 2), photo_article(http_server.url("foto/cepat.png"), 1))
    app = IknReadApp(image_renderer="halfcell")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert _photo(app).url == http_server.url("foto/lambat.jpg")
        await pilot.press("j", "enter")
        await settle(pilot)
        assert await asyncio.to_thread(answered.wait, 10)
        for _ in range(20):  # the late answer's worker finishes and its message arrives
            await asyncio.sleep(0.05)
            await pilot.pause()
        photo_widget = _photo(app)
        assert photo_widget.url == http_server.url("foto/cepat.png")
        image = _image_widget(app)
        assert image is not None and image.image.size == (480, 360)  # the PNG's 4:3, not the JPEG's 16:9


async def test_a_bookmark_shows_its_photo_offline_without_the_network(http_server: Any) -> None:
    http_server.route("foto/markah.jpg", photo(), content_type="image/jpeg")
    seed_photos(photo_article(http_server.url("foto/markah.jpg")))
    app = IknReadApp(image_renderer="halfcell")
    async with app.run_test(size=SIZE) as pilot:
        await _open_first(app, pilot)
        assert _image_widget(app) is not None
        await pilot.press("b")
        await settle(pilot)
    http_server.stop()
    asked = len(http_server.requests)

    offline = IknReadApp(offline=True, image_renderer="halfcell")
    async with offline.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("B")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert _image_widget(offline) is not None
    assert len(http_server.requests) == asked


async def test_offline_without_a_kept_photo_shows_nothing_and_asks_nothing(http_server: Any) -> None:
    http_server.route("foto/baru.jpg", photo(), content_type="image/jpeg")
    seed_photos(photo_article(http_server.url("foto/baru.jpg")))
    app = IknReadApp(offline=True, image_renderer="halfcell")
    async with app.run_test(size=SIZE) as pilot:
        await _open_first(app, pilot)
        assert not _photo(app).display and list(_photo(app).children) == []
    assert photo_paths(http_server) == []


async def test_images_off_in_the_settings_and_the_i_key(http_server: Any) -> None:
    paths.config_path().parent.mkdir(parents=True, exist_ok=True)
    paths.config_path().write_text('images = "off"\n', encoding="utf-8")
    http_server.route("foto/a.jpg", photo(), content_type="image/jpeg")
    seed_photos(photo_article(http_server.url("foto/a.jpg")))
    app = IknReadApp(image_renderer="halfcell")
    async with app.run_test(size=SIZE) as pilot:
        await _open_first(app, pilot)
        assert not _photo(app).display and photo_paths(http_server) == []
        await pilot.press("i")
        await settle(pilot)
        assert _image_widget(app) is not None and photo_paths(http_server) == ["/foto/a.jpg"]
        await pilot.press("i")
        await pilot.pause()
        assert not _photo(app).display and list(_photo(app).children) == []


async def test_the_i_key_hides_a_shown_photo_and_brings_it_back(http_server: Any) -> None:
    http_server.route("foto/a.jpg", photo(), content_type="image/jpeg")
    seed_photos(photo_article(http_server.url("foto/a.jpg")))
    app = IknReadApp(image_renderer="halfcell")
    async with app.run_test(size=SIZE) as pilot:
        await _open_first(app, pilot)
        assert _image_widget(app) is not None
        await pilot.press("i")
        await pilot.pause()
        assert not _photo(app).display
        await pilot.press("i")
        await settle(pilot)
        assert _image_widget(app) is not None
    assert photo_paths(http_server) == ["/foto/a.jpg"]  # the second showing came from the cache


IMPORTS_PROBE = """
import sys
import ikn_tui.ui.app, ikn_tui.ui.screens.main, ikn_tui.ui.widgets.article_view, ikn_tui.ui.widgets.lead_photo
print(sorted(m for m in ("PIL", "textual_image") if m in sys.modules))
"""


def test_starting_the_reader_imports_no_image_stack() -> None:
    done = subprocess.run([sys.executable, "-c", IMPORTS_PROBE], capture_output=True, text=True, timeout=60,
                          stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


async def test_a_late_photo_keeps_the_readers_place_in_the_text(http_server: Any) -> None:
    answered = threading.Event()
    go = threading.Event()
    late_photo = photo(800, 450)

    def late(handler: Any) -> None:  # answers once the reader has scrolled into the text
        go.wait(10)
        handler.send_response(200)
        handler.send_header("Content-Type", "image/jpeg")
        handler.send_header("Content-Length", str(len(late_photo)))
        handler.end_headers()
        handler.wfile.write(late_photo)
        handler.wfile.flush()
        answered.set()

    http_server.route("foto/lambat.jpg", handler=late)
    article = photo_article(http_server.url("foto/lambat.jpg"))
    article.body = [f"Paragraf nomor {n} tentang jembatan itu, cukup panjang untuk satu baris." for n in range(80)]
    seed_photos(article)
    app = IknReadApp(image_renderer="halfcell")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("l", *["j"] * 8)
        await pilot.pause(0.4)  # the loading note is up
        screen = app.screen
        assert isinstance(screen, MainScreen)
        view, lead = screen.article_view, _photo(app)
        assert lead.state == "loading" and _note(app) == "Memuat foto…" and view.scroll_y > 0
        text_offset = view.scroll_y - lead.outer_size.height
        go.set()
        assert await asyncio.to_thread(answered.wait, 10)
        await settle(pilot)
        for _ in range(10):
            await pilot.pause()
        assert _image_widget(app) is not None and lead.outer_size.height > 5
        assert view.scroll_y - lead.outer_size.height == text_offset  # the same line of text on top


async def test_back_to_an_article_with_a_photo_returns_to_the_same_place(http_server: Any) -> None:
    http_server.route("foto/a.jpg", photo(), content_type="image/jpeg")
    first = photo_article(http_server.url("foto/a.jpg"), 2)
    first.body = [f"Paragraf nomor {n} tentang jembatan itu, cukup panjang untuk satu baris." for n in range(80)]
    seed_photos(first, photo_article("", 1))
    app = IknReadApp(image_renderer="halfcell")
    async with app.run_test(size=SIZE) as pilot:
        await _open_first(app, pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert _image_widget(app) is not None
        await pilot.press("l", *["j"] * 8)
        await pilot.pause()
        where = screen.article_view.scroll_y
        assert where > 0
        await pilot.press("h", "j", "enter")
        await settle(pilot)
        assert screen.article is not None and screen.article.title != first.title
        await pilot.press("backspace")
        await settle(pilot)
        for _ in range(10):
            await pilot.pause()
        assert screen.article is not None and screen.article.title == first.title
        assert _image_widget(app) is not None
        assert screen.article_view.scroll_y == where
