"""`m` on the article on display (article pane focused) uses the stored read state."""

from __future__ import annotations

from ui_helpers import seed_store, settle

from ikn_tui.core import paths
from ikn_tui.core.store.database import Store
from ikn_tui.ui.app import IknReadApp
from ikn_tui.ui.screens.main import MainScreen
from ikn_tui.ui.widgets.article_list import ArticleList


def test_store_is_read() -> None:
    store = seed_store(3)
    [first, *_] = store.list_rows(0, 3)
    assert store.is_read(first.id) is False
    store.set_read(first.id, True)
    assert store.is_read(first.id) is True
    assert store.is_read(10_000_000) is True  # unknown ids count as read
    store.close()


async def test_m_in_the_article_pane_toggles_the_article_on_display() -> None:
    seed_store(1500).close()  # more rows than any list window
    app = IknReadApp(offline=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        await pilot.press("G", "enter")  # the oldest article: far outside the first 1,000 rows
        await settle(pilot)
        article = app.screen.article
        assert article is not None and article.id is not None
        assert app.store.is_read(article.id) is True  # opening marks read
        await pilot.press("tab")
        await settle(pilot)
        assert not app.screen.query_one(ArticleList).has_focus
        await pilot.press("m")
        await settle(pilot)
        assert app.store.is_read(article.id) is False
        await pilot.press("m")
        await settle(pilot)
        assert app.store.is_read(article.id) is True
    with Store(paths.database_path()) as store:
        assert store.is_read(article.id) is True
