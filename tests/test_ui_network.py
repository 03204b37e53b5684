"""The reader against a real loopback server: reader mode, bookmarks read offline."""

from __future__ import annotations

from typing import Any

from ui_helpers import seed_store, settle

from ikn_tui.core import paths
from ikn_tui.core.models import Article, RelatedLink
from ikn_tui.core.store.database import Store
from ikn_tui.ui.app import IknReadApp
from ikn_tui.ui.screens.main import MainScreen
from ikn_tui.ui.widgets.article_list import ArticleList
from ikn_tui.ui.widgets.row_source import FixedRows

SIZE = (120, 36)
FESTIVAL = "Festival Kuliner Kukar Hadirkan Seratus Menu Khas"


async def test_bookmark_from_a_feed_then_read_it_offline(news_site: Any) -> None:
    app = IknReadApp([news_site.url("feed.xml")])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert screen.query_one(ArticleList).highlighted_row.title == FESTIVAL  # type: ignore[union-attr]
        await pilot.press("enter")
        await settle(pilot)  # reader mode fetched the page in a worker
        assert screen.article is not None and screen.article.full
        full_body = list(screen.article.body)
        assert len(full_body) > 1
        assert "/berita/festival-kuliner-kukar.html" in news_site.paths()
        await pilot.press("b")
        await settle(pilot)
        assert app.store.is_bookmarked(screen.article.id)  # type: ignore[arg-type]
    news_site.stop()
    asked = len(news_site.requests)

    fresh = IknReadApp(offline=True)
    async with fresh.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("B")
        await settle(pilot)
        article_list = fresh.screen.query_one(ArticleList)
        assert isinstance(article_list.source, FixedRows)
        assert [row.title for row in article_list.source.rows] == [FESTIVAL]
        await pilot.press("enter")
        await settle(pilot)
        screen = fresh.screen
        assert isinstance(screen, MainScreen)
        assert screen.article is not None and screen.article.body == full_body
        await pilot.press("B")
        assert not isinstance(article_list.source, FixedRows)
    assert len(news_site.requests) == asked


async def test_summary_only_article_is_completed_and_cached(news_site: Any) -> None:
    summary = Article(
        title="Taman Mangrove Balikpapan Dibuka untuk Umum Akhir Pekan Ini",
        url=news_site.url("berita/taman-mangrove-balikpapan.html"),
        published="2025-06-18T08:00:00+07:00", summary="Ringkasan pendek.", full=False,
    )
    seed_store(2, extra=[summary]).close()
    app = IknReadApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert screen.article is not None and screen.article.full and len(screen.article.body) > 1
    with Store(paths.database_path()) as store:
        cached = store.find_by_url(summary.url or "")
        assert cached is not None and cached.full and len(cached.body) > 1


async def test_following_an_unknown_link_fetches_it_in_reader_mode(news_site: Any) -> None:
    page = news_site.url("berita/rute-bus-listrik-ikn.html")
    start = Article(
        title="Kabar awal dengan tautan ke rute bus", url="https://contoh.ikn-read.example/awal",
        published="2025-09-01T08:00:00+07:00", body=["Satu.", "Dua."],
        related=[RelatedLink("Rute bus listrik", page, 1)],
    )
    seed_store(2, extra=[start]).close()
    app = IknReadApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter", "1")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert screen.article is not None and screen.article.title != start.title
        assert "/berita/rute-bus-listrik-ikn.html" in news_site.paths()
        await pilot.press("backspace")
        await settle(pilot)
        assert screen.article.title == start.title


async def test_a_failed_fetch_gives_a_notice_and_the_app_stays_up(http_server: Any) -> None:
    http_server.route("hilang", b"<h1>Tidak ada</h1>", status=404)
    start = Article(
        title="Kabar dengan tautan rusak", url="https://contoh.ikn-read.example/rusak",
        published="2025-09-01T08:00:00+07:00", body=["Satu."],
        related=[RelatedLink("Halaman yang hilang", http_server.url("hilang"), 1)],
    )
    seed_store(1, extra=[start]).close()
    app = IknReadApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter", "1")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert screen.article is not None and screen.article.title == start.title
        assert 1 in screen.failed
        assert app.is_running


async def test_subscriptions_refresh_in_the_background_at_start(news_site: Any) -> None:
    with Store(paths.database_path()) as store:
        store.add_subscription(news_site.url("feed.xml"))
    app = IknReadApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert "/feed.xml" in news_site.paths()
        assert screen.query_one(ArticleList).row_count == 5
        assert "5 baru" in screen.refresh_line
        await pilot.press("r")
        await settle(pilot)
        assert news_site.paths().count("/feed.xml") == 2
        assert screen.query_one(ArticleList).row_count == 5


async def test_offline_start_does_not_refresh(news_site: Any) -> None:
    with Store(paths.database_path()) as store:
        store.add_subscription(news_site.url("feed.xml"))
    app = IknReadApp(offline=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
    assert news_site.paths() == []
