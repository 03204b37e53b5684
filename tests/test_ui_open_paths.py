"""Opening an article touches only what changed: the row's read mark is
patched in the list's cache, and the footer is rebuilt only when the set of
available actions changed."""

from __future__ import annotations

from ui_helpers import rendered_lines, seed_store, settle

from ikn_tui.ui.app import IknReadApp
from ikn_tui.ui.screens.main import MainScreen
from ikn_tui.ui.widgets.article_list import ArticleList
from ikn_tui.ui.widgets.row_source import StoreRows

SIZE = (120, 36)


def test_store_rows_mark_read_patches_cached_rows_only() -> None:
    store = seed_store(5)
    try:
        rows = StoreRows(store)
        first = rows.row(0)
        assert first is not None and not first.read
        assert rows.mark_read(first.id) is True
        assert rows.row(0).read  # patched in place, no re-query needed
        assert rows.mark_read(first.id) is False  # already read: nothing to repaint
        assert rows.mark_read(999_999) is None  # not on hand: the caller reloads
    finally:
        store.close()


async def test_footer_rebuilt_only_when_available_actions_change() -> None:
    seed_store(5).close()
    app = IknReadApp(offline=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        calls = []
        original = screen.refresh_bindings

        def counting() -> None:
            calls.append(1)
            original()

        screen.refresh_bindings = counting  # type: ignore[method-assign]
        article_list = screen.query_one(ArticleList)
        await pilot.press("enter")  # first article: bookmark, open_browser... become available
        await settle(pilot)
        await pilot.press("j", "enter")  # second: "back" becomes available
        await settle(pilot)
        rebuilt = len(calls)
        assert rebuilt >= 1
        await pilot.press("j", "enter")  # third, of the same shape: nothing to rebuild
        await settle(pilot)
        assert len(calls) == rebuilt
        assert screen.article is not None and screen.article.title.startswith("Kabar contoh nomor 02")
        assert "●" not in rendered_lines(article_list, 6)[4]  # its row shows as read
