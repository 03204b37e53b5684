"""1. Terminal safety and 10. terminal sizes: no escape sequence from content
ever reaches the terminal, at store time and at render time."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from corpus import (
    ESCAPES,
    RENDER_PAYLOADS,
    SECRET,
    WIDE_TITLES,
    all_escapes,
    assert_terminal_safe,
    foreign_sequences,
    hostile,
    hostile_page,
)
from probes import RecordingDriver, raw_insert
from rich.cells import cell_len
from ui_helpers import seed_store, settle

from ikn_tui.cli.main import main as cli
from ikn_tui.core import paths
from ikn_tui.core.models import Article, RelatedLink
from ikn_tui.core.store.database import Store
from ikn_tui.core.text.sanitize import clean_line, clean_paragraph, strip_controls
from ikn_tui.ui.app import IknReadApp
from ikn_tui.ui.screens.main import MainScreen
from ikn_tui.ui.widgets.article_list import ArticleList

NAMES = sorted(ESCAPES)
# An unterminated OSC/DCS string swallows the rest of the text, as a terminal would.
UNTERMINATED = {"osc_unterminated", "c1_all"}


# --------------------------------------------------------------------------- the sanitiser itself


@pytest.mark.parametrize("name", NAMES)
def test_clean_line_and_paragraph_strip_every_payload(name: str) -> None:
    text = hostile(name)
    for cleaned in (clean_line(text), clean_paragraph(text)):
        assert_terminal_safe(cleaned)
        assert cleaned.startswith("Banjir")
        assert cleaned.endswith("Samarinda") or name in UNTERMINATED


def test_strip_controls_keeps_newline_and_tab_only() -> None:
    cleaned = strip_controls("satu\n\tdua" + all_escapes())
    assert cleaned.startswith("satu\n\tdua")
    assert_terminal_safe(cleaned.replace("\u202e", "").replace("\u200b", ""), allow_newlines=True)


def test_the_detector_sees_foreign_sequences() -> None:
    """The render tests rely on ``foreign_sequences``: prove it catches each payload raw."""
    own = "\x1b[?2026h\x1b[1;1H\x1b[38;2;1;2;3mok\x1b[0m\x1b]22;default\x07"
    assert foreign_sequences(own) == []
    for name in RENDER_PAYLOADS:
        assert foreign_sequences(own + ESCAPES[name]), name


# --------------------------------------------------------------------------- store time


def _hostile_article(payload: str, n: int = 0) -> Article:
    return Article(
        title=f"Banjir {payload} Samarinda {n}",
        url=f"https://kabar.contoh.example/banjir/{n}{payload}",
        source=f"Kabar {payload} Contoh",
        author=f"Redaksi {payload}",
        published="2025-07-01T10:00:00+07:00",
        category=f"Daerah{payload}",
        summary=f"Ringkasan {payload} banjir",
        body=[f"Paragraf {payload} satu.", f"Paragraf dua{payload}\nbaris"],
        related=[RelatedLink(f"Kabar lain {payload}", f"https://kabar.contoh.example/lain{payload}", 1)],
        guid=f"guid-{n}{payload}",
    )


@pytest.mark.parametrize("name", NAMES)
def test_store_round_trip_is_clean(name: str) -> None:
    payload = ESCAPES[name]
    with Store(paths.database_path()) as store:
        [article_id] = store.upsert_articles([_hostile_article(payload)]).ids
        store.add_bookmark(store.get_article(article_id))  # type: ignore[arg-type]
        article = store.get_article(article_id)
        assert article is not None
        for value in (article.title, article.url, article.source, article.author, article.category,
                      article.summary, article.guid, *article.body, *(r.title for r in article.related),
                      *(r.url or "" for r in article.related)):
            assert_terminal_safe(value)
        for row in store.list_rows(0, 10) + store.search("banjir") + store.bookmark_rows():
            assert_terminal_safe(row.title)
            assert_terminal_safe(row.source)
        for fmt in ("md", "json"):
            assert_terminal_safe(store.export_bookmarks(fmt), allow_newlines=True)


# --------------------------------------------------------------------------- render time, real bytes


async def _render_run(terminal_output: list[str], title: str, body: str, source: str, size=(100, 30)) -> str:
    """Seed a store with one raw (unsanitised) row, open it in the real app and
    return everything Textual wrote to the terminal."""
    seed_store(2).close()
    raw_insert(paths.database_path(), title, body=[body, "Paragraf biasa."], source=source,
               url="https://kabar.contoh.example/x", summary=body,
               related=[{"title": title, "url": "https://kabar.contoh.example/lain", "position": 1}])
    app = IknReadApp(offline=True)
    app.driver_class = RecordingDriver
    async with app.run_test(size=size, headless=False) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        await pilot.press("enter")  # the newest row is the hostile one
        await settle(pilot)
        assert app.screen.article is not None and "Samarinda" in app.screen.article.title
        app.notify(app.screen.article.title)  # a toast with the raw-from-store text, via notify's Content path
        await pilot.press("j", "k", "question_mark")
        await pilot.pause(0.1)
        await pilot.press("escape")
        await pilot.pause(0.1)
        assert app.is_running
    return "".join(terminal_output)


@pytest.mark.timeout(20)
@pytest.mark.parametrize("name", [*RENDER_PAYLOADS, "all"])
async def test_real_widgets_write_no_escape_from_content(name: str, terminal_output: list[str]) -> None:
    payload = all_escapes() if name == "all" else ESCAPES[name]
    output = await _render_run(terminal_output, f"Banjir {payload} Samarinda", f"Isi {payload} berita",
                               f"Sumber {payload}")
    assert "Banjir" in output and "Paragraf biasa." in output  # the article really was drawn
    assert foreign_sequences(output) == []
    assert SECRET not in output
    for forbidden in ("\x1b]0;", "\x1b]8;", "\x1b]52;", "\x1b[2J", "\x9b", "\x1bP", "\x1b_", "\x1b^", "\x1bX"):
        assert forbidden not in output


@pytest.mark.timeout(20)
async def test_benign_run_has_the_same_kinds_of_sequences(terminal_output: list[str]) -> None:
    """The baseline: a benign article gives only Textual's own SGR/cursor sequences."""
    output = await _render_run(terminal_output, "Banjir di Samarinda", "Isi berita", "Sumber")
    finals = {m[-1] for m in re.findall(r"\x1b\[[0-9;:?]*[ -/]*[@-~]", output)}
    assert finals <= {"m", "H", "h", "l"}
    assert foreign_sequences(output) == []


# --------------------------------------------------------------------------- CLI


@pytest.mark.parametrize("name", NAMES)
def test_cli_show_prints_no_escape_from_content(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "halaman.html"
    page.write_bytes(hostile_page(ESCAPES[name]))
    code = cli(["show", str(page), "--offline"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "Banjir" in out and "Paragraf pertama" in out
    assert "\x1b" not in out and "\x1b" not in err
    assert_terminal_safe(out, allow_newlines=True)
    assert_terminal_safe(err, allow_newlines=True)
    code = cli(["list", str(page), "--offline"])
    out, err = capsys.readouterr()
    assert code == 0 and "\x1b" not in out + err
    assert_terminal_safe(out + err, allow_newlines=True)


def test_cli_error_message_naming_a_hostile_file_is_clean(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = cli(["show", str(tmp_path / f"hilang{all_escapes()}.html")])
    out, err = capsys.readouterr()
    assert code == 1 and "hilang" in err and len(err.strip().splitlines()) == 1
    assert_terminal_safe(out + err, allow_newlines=True)


# --------------------------------------------------------------------------- 10. terminal sizes


def _wide_store() -> None:
    extra = [
        Article(title=title + all_escapes(), url=f"https://kabar.contoh.example/lebar/{i}", source=title[:40],
                published=f"2025-08-0{i + 1}T10:00:00+07:00", body=[title])
        for i, title in enumerate(WIDE_TITLES)
    ]
    seed_store(5, extra=extra).close()


@pytest.mark.timeout(30)
@pytest.mark.parametrize("size", [(80, 24), (40, 12), (20, 6)])
async def test_small_windows_work(size: tuple[int, int]) -> None:
    _wide_store()
    app = IknReadApp(offline=True)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("j", "j", "enter")
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        await pilot.press("escape", "slash")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, MainScreen)


@pytest.mark.timeout(30)
async def test_resizing_while_rendering() -> None:
    _wide_store()
    app = IknReadApp(offline=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        for width, height in [(40, 12), (200, 60), (20, 5), (80, 24), (1, 1), (81, 25), (33, 9)]:
            await pilot.resize_terminal(width, height)
            await pilot.press("j", "enter")
            await pilot.pause()
        await settle(pilot)
        assert app.is_running and isinstance(app.screen, MainScreen)


@pytest.mark.timeout(30)
async def test_wide_characters_at_truncation_boundaries_keep_row_width() -> None:
    _wide_store()
    app = IknReadApp(offline=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        article_list = app.screen.query_one(ArticleList)
        checked = 0
        for width in range(60, 130, 7):
            await pilot.resize_terminal(width, 30)
            await pilot.pause()
            list_width = article_list.scrollable_content_region.width
            for y in range(article_list.scrollable_content_region.height):
                strip = article_list.render_line(y)
                assert strip.cell_length == list_width
                assert cell_len(strip.text) == list_width
                assert_terminal_safe(strip.text)
                checked += 1
        assert checked > 50


@pytest.mark.timeout(20)
async def test_no_color_is_honoured(monkeypatch: pytest.MonkeyPatch, terminal_output: list[str]) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    seed_store(3).close()
    app = IknReadApp(offline=True)
    app.driver_class = RecordingDriver
    async with app.run_test(size=(80, 24), headless=False) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.no_color
    output = "".join(terminal_output)
    assert "Kabar contoh nomor" in output
    for params in re.findall(r"\x1b\[([0-9;]*)m", output):
        codes = [int(c) if c else 0 for c in params.split(";")]
        i = 0
        while i < len(codes):
            code = codes[i]
            if code in (38, 48) and i + 4 < len(codes) + 0 and codes[i + 1] == 2:
                red, green, blue = codes[i + 2 : i + 5]
                assert red == green == blue, f"colour {params!r} with NO_COLOR"
                i += 5
                continue
            greys = (30, 37, 40, 47, 90, 97, 100, 107)  # black, white and bright black/white
            colour = 30 <= code <= 37 or 40 <= code <= 47 or 90 <= code <= 97 or 100 <= code <= 107
            assert code in greys or not colour, f"colour {params!r} with NO_COLOR"
            assert code not in (38, 48), params
            i += 1
