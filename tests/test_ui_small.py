"""Small terminals: below 70 columns one pane at a time; hints put the key first
and fit; the help fits at 120x36."""

from __future__ import annotations

from ui_helpers import rendered_lines, seed_store, settle

from ikn_tui.ui.app import IknReadApp
from ikn_tui.ui.screens.help import HelpScreen
from ikn_tui.ui.screens.main import MainScreen
from ikn_tui.ui.widgets.article_list import ArticleList
from ikn_tui.ui.widgets.article_view import ArticleView
from ikn_tui.ui.widgets.related_pane import RelatedPane


async def test_below_70_columns_one_pane_at_a_time() -> None:
    app = IknReadApp(demo=True)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen) and screen.has_class("-tiny")
        article_list = screen.query_one(ArticleList)
        view, related = screen.query_one(ArticleView), screen.query_one(RelatedPane)
        assert article_list.size.width >= 50 and view.size.width == 0
        await pilot.press("j", "enter")
        await settle(pilot)
        assert article_list.size.width == 0 and view.has_focus
        assert view.size.width >= 50 and view.size.height >= 6
        assert related.size.width >= 50 and related.region.y > view.region.y  # links under the article
        await pilot.press("escape")
        await settle(pilot)
        assert article_list.has_focus and article_list.size.width >= 50 and view.size.width == 0
        assert article_list.cursor == 1
        await pilot.press("l")
        await settle(pilot)
        assert view.has_focus and view.size.width >= 50
        await pilot.press("h")
        assert article_list.has_focus


async def test_at_40x12_titles_are_not_broken_into_pieces() -> None:
    app = IknReadApp(demo=True)
    async with app.run_test(size=(40, 12)) as pilot:
        await settle(pilot)
        lines = rendered_lines(app.screen.query_one(ArticleList), 2)
        assert lines[0].strip().startswith("●   Kolam Retensi Baru")
        await pilot.press("enter")
        await settle(pilot)
        related = app.screen.query_one(RelatedPane)
        text = [str(related.get_option_at_index(i).prompt) for i in range(related.option_count)]
        assert text[0] == "Baca juga" and related.size.width >= 30


async def test_wide_terminals_keep_three_panes() -> None:
    seed_store(3).close()
    app = IknReadApp(offline=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not app.screen.has_class("-tiny")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.query_one(ArticleList).size.width > 0
        assert app.screen.query_one(ArticleView).size.width > 0


async def test_hints_put_the_key_first_and_fit_at_80_columns() -> None:
    seed_store(3).close()
    app = IknReadApp(offline=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        article_list = app.screen.query_one(ArticleList)
        width = article_list.scrollable_content_region.width
        await pilot.press("B")
        await settle(pilot)
        hint = [line.rstrip() for line in rendered_lines(article_list, 3)[1:3]]
        assert hint[1].strip().startswith("b:") and all(len(line) <= width for line in hint)
        assert not any(line.endswith("…") for line in hint)
        footer = " ".join(str(item.render()) for item in app.screen.query("FooterKey"))
        assert "Keluar" in footer and "Bantuan" in footer
        await pilot.press("B", "F")
        await settle(pilot)
        footer = " ".join(str(item.render()) for item in app.screen.query("FooterKey"))
        assert "Keluar" in footer and "Bantuan" in footer
        visible = [key for key in app.screen.query("FooterKey") if key.region.right <= 80 and key.region.width > 0]
        assert {"q", "question_mark"} <= {key.key for key in visible}  # type: ignore[attr-defined]


async def test_the_help_fits_at_120x36() -> None:
    seed_store(2).close()
    app = IknReadApp(offline=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        box = app.screen.query_one("#help-box")
        assert box.max_scroll_y == 0
