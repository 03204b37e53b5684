"""Hostile photos: a decompression bomb, a truncated JPEG, an SVG served as image/png,
a 50 MB stream, a page served as the photo, a 404. Each leaves one short line in the
article pane (in the reader's language), the text stays, nothing is cached, no crash."""

from __future__ import annotations

from typing import Any

import pytest
from images_corpus import SVG, png_bomb, truncated_jpeg
from photo_helpers import TITLE, photo_article, seed_photos
from ui_helpers import settle

from ikn_tui.core import paths
from ikn_tui.core.store.database import Store
from ikn_tui.ui.app import IknReadApp
from ikn_tui.ui.screens.main import MainScreen

MB = 1024 * 1024
STREAM = 50 * MB


def _endless(sent: list[int]) -> Any:
    """A 50 MB image/jpeg body without a Content-Length, counting what it wrote."""

    def handler(request: Any) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "image/jpeg")
        request.send_header("Connection", "close")
        request.end_headers()
        chunk = b"\xff\xd8\xff\xe0" + b"\x00" * (64 * 1024 - 4)
        try:
            while sent[0] < STREAM:
                request.wfile.write(chunk)
                sent[0] += len(chunk)
        except OSError:
            return  # the reader hung up at its cap

    return handler


CASES = {
    "bomb": (dict(body=png_bomb(), content_type="image/png"), "Foto dilewati: ukurannya tidak wajar."),
    "truncated": (dict(body=truncated_jpeg(), content_type="image/jpeg"), "Foto dilewati: berkas rusak atau terpotong."),
    "svg-as-png": (dict(body=SVG, content_type="image/png"), "Foto dilewati: bukan gambar."),
    "html": (dict(body=b"<html><body>iklan</body></html>", content_type="text/html"), "Foto dilewati: bukan gambar."),
    "404": (dict(body=b"not found", status=404, content_type="text/plain"), "Foto gagal dimuat: jawaban HTTP 404"),  # worded by ui/problem_words
    "stream": (None, "Foto dilewati: lebih dari 2 MB."),
}


@pytest.mark.timeout(60)
@pytest.mark.parametrize("case", sorted(CASES))
async def test_a_hostile_photo_leaves_one_line_and_the_article(case: str, http_server: Any) -> None:
    route, expected = CASES[case]
    sent = [0]
    if route is None:
        http_server.route("foto/x", handler=_endless(sent))
    else:
        http_server.route("foto/x", **route)
    url = http_server.url("foto/x")
    seed_photos(photo_article(url))
    app = IknReadApp(image_renderer="halfcell")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen) and screen.article is not None and screen.article.title == TITLE
        photo = screen.article_view.photo
        [note] = list(photo.children)
        text = str(note.render())
        assert text.startswith(expected), text
        assert "\n" not in text and len(text) <= 160
        assert note.region.height == 1
        assert TITLE in str(screen.query_one("#article-header").render())
    store = Store(paths.database_path())
    assert store.get_thumbnail(url) is None
    store.close()
    if case == "stream":
        print(f"stream: the server wrote {sent[0] / MB:.1f} MB")
        assert sent[0] < 12 * MB, f"the server wrote {sent[0] / MB:.0f} MB: the reader did not stop at 2 MB"


async def test_the_note_speaks_english_in_the_english_reader(http_server: Any) -> None:
    http_server.route("foto/x", SVG, content_type="image/png")
    seed_photos(photo_article(http_server.url("foto/x")))
    app = IknReadApp(image_renderer="halfcell", language="en")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        [note] = list(screen.article_view.photo.children)
        assert str(note.render()) == "Photo skipped: not an image."
