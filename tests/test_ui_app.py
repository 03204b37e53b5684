"""The reader, driven by keys through Textual's Pilot."""

from __future__ import annotations

from pathlib import Path

from ui_helpers import rendered_lines, seed_store, settle

from ikn_tui.core import paths
from ikn_tui.core.models import Article, RelatedLink
from ikn_tui.core.store.database import Store
from ikn_tui.ui.app import IknReadApp
from ikn_tui.ui.screens.main import MainScreen
from ikn_tui.ui.screens.welcome import WelcomeScreen
from ikn_tui.ui.widgets.article_list import ArticleList
from ikn_tui.ui.widgets.related_pane import RelatedPane
from ikn_tui.ui.widgets.row_source import FixedRows, StoreRows

UI_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ui"
SIZE = (120, 36)
HOSTILE = "[FOTO] Banjir [@click=app.quit]x[/]"


async def test_welcome_screen_appears_with_an_empty_store() -> None:
    app = IknReadApp(offline=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        text = str(app.screen.query_one("#welcome-text").render())
        assert "ikn-read feeds add URL" in text
        assert "ikn-read feeds import FILE.opml" in text


async def test_list_keys_move_the_cursor() -> None:
    seed_store(30).close()
    app = IknReadApp(offline=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        article_list = app.screen.query_one(ArticleList)
        assert article_list.has_focus and article_list.cursor == 0
        await pilot.press("j", "j", "down")
        assert article_list.cursor == 3
        await pilot.press("k", "up")
        assert article_list.cursor == 1
        await pilot.press("G")
        assert article_list.cursor == 29
        await pilot.press("g")
        assert article_list.cursor == 0
        await pilot.press("end")
        assert article_list.cursor == 29
        await pilot.press("home", "pagedown")
        assert article_list.cursor > 5
        await pilot.press("pageup")
        assert article_list.cursor == 0


async def test_newest_first_and_enter_opens_and_marks_read() -> None:
    seed_store(5).close()
    app = IknReadApp(offline=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        article_list = screen.query_one(ArticleList)
        first = rendered_lines(article_list, 2)
        assert "●" in first[0] and "Kabar contoh nomor 04" in first[0]
        assert "5 Mei 12:15" in first[1]
        await pilot.press("enter")
        await settle(pilot)
        assert screen.article is not None and screen.article.title == "Kabar contoh nomor 04 dari Sepaku"
        assert "●" not in rendered_lines(article_list, 1)[0]
    with Store(paths.database_path()) as store:
        assert store.list_rows(0, 1)[0].read


async def test_m_toggles_read_and_it_persists() -> None:
    seed_store(3).close()
    app = IknReadApp(offline=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", "m")
        assert app.screen.query_one(ArticleList).highlighted_row.read  # type: ignore[union-attr]
    fresh = IknReadApp(offline=True)
    async with fresh.run_test(size=SIZE) as pilot:
        await settle(pilot)
        rows = fresh.store.list_rows(0, 3)
        assert [row.read for row in rows] == [False, True, False]
        await pilot.press("j", "m")
        assert not fresh.store.list_rows(0, 3)[1].read


async def test_hostile_title_renders_literally_and_fires_nothing() -> None:
    hostile = Article(
        title=HOSTILE, url="https://contoh.ikn-read.example/h", source="[b]Sumber[/b]",
        published="2025-07-01T10:00:00+07:00", body=["[@click=app.quit]klik[/] isi"],
    )
    seed_store(2, extra=[hostile]).close()
    app = IknReadApp(offline=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        article_list = app.screen.query_one(ArticleList)
        lines = rendered_lines(article_list, 2)
        assert HOSTILE[:30] in lines[0]
        assert "[b]Sumber[/b]" in lines[1]
        await pilot.press("enter")
        await settle(pilot)
        header = str(app.screen.query_one("#article-header").render())
        body = str(app.screen.query_one("#article-body").render())
        assert HOSTILE in header
        assert "[@click=app.quit]klik[/] isi" in body
        await pilot.click("#article-body")
        await pilot.pause()
        assert app.is_running and app.return_code is None


async def test_search_shows_results_and_escape_clears_them() -> None:
    mangrove = Article(
        title="Taman bakau baru dibuka untuk pelajar", url="https://contoh.ikn-read.example/bakau",
        published="2025-04-01T09:00:00+07:00", body=["Jembatan kayu menyusuri hutan bakau."],
    )
    seed_store(10, extra=[mangrove]).close()
    app = IknReadApp(offline=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await pilot.press(*"bakau", "enter")
        await settle(pilot)
        article_list = app.screen.query_one(ArticleList)
        assert isinstance(article_list.source, FixedRows)
        assert [row.title for row in article_list.source.rows] == [mangrove.title]
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(article_list.source, StoreRows)
        assert article_list.row_count == 11


async def test_title_only_link_in_a_text_dump_then_back_and_forward() -> None:
    sources = [str(UI_FIXTURES / "rapat_kelurahan.txt"), str(UI_FIXTURES / "lima_desa.txt")]
    app = IknReadApp(sources, offline=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert screen.article is not None and screen.article.title.startswith("Rapat Kelurahan Sepaku")
        body = str(screen.query_one("#article-body").render())
        assert "[1] Baca juga: Lima Desa di PPU Segera Nikmati Internet Gratis" in body
        await pilot.press("1")
        await settle(pilot)
        assert screen.article.title == "Lima Desa di PPU Segera Nikmati Internet Gratis"
        await pilot.press("backspace")
        await settle(pilot)
        assert screen.article.title.startswith("Rapat Kelurahan Sepaku")
        await pilot.press("alt+right")
        await settle(pilot)
        assert screen.article.title == "Lima Desa di PPU Segera Nikmati Internet Gratis"
        await pilot.press("alt+left")
        await settle(pilot)
        assert screen.article.title.startswith("Rapat Kelurahan Sepaku")


async def test_unresolvable_link_offline_is_marked_and_the_app_stays_up() -> None:
    lonely = Article(
        title="Kabar dengan tautan hilang", url="https://contoh.ikn-read.example/sepi",
        published="2025-08-01T09:00:00+07:00", body=["Satu.", "Dua."],
        related=[RelatedLink("Judul yang tidak pernah ada", "https://contoh.ikn-read.example/tidak-ada", 1)],
    )
    seed_store(2, extra=[lonely]).close()
    app = IknReadApp(offline=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter", "1")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert screen.article is not None and screen.article.title == lonely.title
        assert 1 in screen.failed
        pane = screen.query_one(RelatedPane)
        prompts = [str(pane.get_option_at_index(i).prompt) for i in range(pane.option_count)]
        assert any("(tidak ditemukan)" in prompt for prompt in prompts)
        assert app.is_running


async def test_help_screen_lists_the_keys() -> None:
    seed_store(2).close()
    app = IknReadApp(offline=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_welcome_offers_the_demo() -> None:
    app = IknReadApp(offline=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.screen.query_one(ArticleList).row_count == 12
    with Store(paths.database_path()) as store:  # the user's store is untouched
        assert store.count_articles() == 0


async def test_theme_and_keymap_come_from_the_config() -> None:
    seed_store(3).close()
    app = IknReadApp(offline=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.theme = "nord"
        await pilot.pause()
    from ikn_tui.ui.config import load_configuration, update_configuration

    assert load_configuration().theme == "nord"
    with update_configuration() as config:
        config.keymap = {"list.down": "n"}
    fresh = IknReadApp(offline=True)
    async with fresh.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert fresh.theme == "nord"
        await pilot.press("n")
        assert fresh.screen.query_one(ArticleList).cursor == 1
