"""The command palette (ctrl+p): "Buka feed…" and "Buka markah…" through real keys."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandPalette
from ui_helpers import seed_store, settle

from ikn_tui.ui.app import IknReadApp
from ikn_tui.ui.screens.dialogs import BookmarkPicker, PromptScreen
from ikn_tui.ui.screens.main import MainScreen
from ikn_tui.ui.widgets.article_view import ArticleView

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SIZE = (120, 36)


async def _palette(pilot, query: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+p")
    await settle(pilot)
    assert isinstance(pilot.app.screen, CommandPalette)
    await pilot.press(*query)
    await settle(pilot)
    await pilot.pause(0.3)  # the palette searches in a worker of its own
    await pilot.press("enter")
    await settle(pilot)


async def test_palette_open_feed_loads_a_source_into_the_list() -> None:
    seed_store(3).close()
    app = IknReadApp(offline=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        before = app.store.count_articles()
        await _palette(pilot, "Buka feed")
        assert isinstance(app.screen, PromptScreen)
        await pilot.press(*str(FIXTURES / "text" / "two_baca_juga.txt"))
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        assert app.store.count_articles() == before + 1


async def test_palette_open_bookmark_opens_the_offline_copy() -> None:
    store = seed_store(5)
    [row] = [r for r in store.list_rows(0, 10) if r.title.endswith("02 dari Sepaku")]
    article = store.get_article(row.id)
    assert article is not None
    store.add_bookmark(article)
    store.close()
    app = IknReadApp(offline=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _palette(pilot, "Buka markah")
        assert isinstance(app.screen, BookmarkPicker)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        view = app.screen.query_one(ArticleView)
        assert view.article is not None and view.article.title == "Kabar contoh nomor 02 dari Sepaku"
