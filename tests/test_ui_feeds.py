"""The feeds view (F), live refresh, subscribing and unsubscribing from the reader.

Real SQLite files, a real loopback server; waits are loops, never timings.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input, ProgressBar, Static
from ui_helpers import seed_store, settle

from ikn_tui.core import paths
from ikn_tui.core.feeds.opml import parse_opml
from ikn_tui.core.store.database import Store
from ikn_tui.core.text.sanitize import is_web_url
from ikn_tui.ui.app import IknReadApp
from ikn_tui.ui.screens.dialogs import ConfirmScreen, PromptScreen
from ikn_tui.ui.screens.main import MainScreen
from ikn_tui.ui.widgets.article_list import ArticleList
from ikn_tui.ui.widgets.feed_list import FeedList, feed_prompt

SIZE = (120, 36)
OPML = Path(__file__).resolve().parent / "fixtures" / "opml" / "langganan.opml"


def small_feed(name: str, count: int) -> str:
    """A fictional RSS feed with ``count`` items, newer than everything in feed.xml."""
    items = "".join(
        f"<item><title>Warta {name} nomor {n}</title><link>/{name}/{n}.html</link>"
        f"<guid>{name}-{n}</guid><pubDate>Mon, 0{n + 1} Sep 2025 08:00:00 +0800</pubDate>"
        f"<description>Ringkasan warta {name} {n}.</description></item>"
        for n in range(count)
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Warta {name}</title>{items}</channel></rss>'


async def wait_for(pilot: Pilot, predicate: Callable[[], bool], rounds: int = 500) -> bool:
    for _ in range(rounds):
        if predicate():
            return True
        await pilot.pause()
        await asyncio.sleep(0.02)
    return predicate()


async def palette(pilot: Pilot, query: str) -> None:
    await pilot.press("ctrl+p")
    await settle(pilot)
    assert isinstance(pilot.app.screen, CommandPalette)
    await pilot.press(*query)
    await settle(pilot)
    await pilot.pause(0.3)  # the palette searches in a worker of its own
    await pilot.press("enter")
    await settle(pilot)


async def answer(pilot: Pilot, text: str) -> None:
    """Fill the prompt (typing a long path key by key is slow) and press enter."""
    assert isinstance(pilot.app.screen, PromptScreen)
    pilot.app.screen.query_one(Input).value = text
    await pilot.press("enter")
    await settle(pilot)


def feed_texts(screen: MainScreen) -> dict[str, str]:
    return {row.sub.url: feed_prompt(row).plain for row in screen.query_one(FeedList).rows}


async def test_feeds_view_shows_statuses_and_enter_filters_the_list(news_site: Any) -> None:
    news_site.route("dua.xml", small_feed("dua", 2), content_type="application/rss+xml")
    main, second, broken = news_site.url("feed.xml"), news_site.url("dua.xml"), news_site.url("missing")
    with Store(paths.database_path()) as store:
        for url in (main, second, broken):
            store.add_subscription(url)
    app = IknReadApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert not screen.refreshing and screen.article_list.row_count == 7
        await pilot.press("F")
        feed_list = screen.query_one(FeedList)
        assert screen.view == "feeds" and feed_list.display and feed_list.has_focus
        assert not screen.article_list.display
        texts = feed_texts(screen)
        assert texts[main].startswith("Kabar Nusantara Timur\n  ok · 5 berita")
        assert texts[second].startswith("Warta dua\n  ok · 2 berita")
        lines = texts[broken].split("\n")
        assert lines[0] == broken and lines[1].startswith("  gagal · 0 berita") and "404" in lines[2]
        assert "Langganan: 3 feed" in str(screen.query_one("#status-line", Static).render())

        feed_list.highlighted = [row.sub.url for row in feed_list.rows].index(second)
        await pilot.press("enter")
        await settle(pilot)
        assert screen.view == "feed" and screen.article_list.has_focus
        assert [screen.article_list.source.row(i).title for i in range(2)] == [  # type: ignore[union-attr]
            "Warta dua nomor 1", "Warta dua nomor 0",
        ]
        assert screen.article_list.row_count == 2
        await pilot.press("escape")
        assert screen.view == "feeds" and feed_list.highlighted_url == second
        await pilot.press("escape")
        assert screen.view == "all" and screen.article_list.row_count == 7 and screen.article_list.has_focus


async def test_the_list_updates_while_a_refresh_runs_and_the_cursor_stays_on_its_article(news_site: Any) -> None:
    news_site.route("lambat.xml", small_feed("lambat", 3), content_type="application/rss+xml", delay=4.0)
    seed_store(3).close()
    app = IknReadApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        article_list = screen.query_one(ArticleList)
        await pilot.press("j")
        chosen = article_list.highlighted_row
        assert chosen is not None and article_list.cursor == 1
        app.store.add_subscription(news_site.url("feed.xml"))
        app.store.add_subscription(news_site.url("lambat.xml"))
        await pilot.press("r")
        # The quick feed's five articles show while the slow one is still being fetched.
        assert await wait_for(pilot, lambda: article_list.row_count == 8)
        assert screen.refreshing
        assert screen.query_one("#refresh-progress", ProgressBar).display
        assert "Memperbarui 1/2" in str(screen.query_one("#status-line", Static).render())
        assert article_list.highlighted_row == chosen and article_list.cursor == 6
        assert await wait_for(pilot, lambda: not screen.refreshing)
        assert article_list.row_count == 11
        assert article_list.highlighted_row is not None and article_list.highlighted_row.id == chosen.id
        assert not screen.query_one("#refresh-progress", ProgressBar).display


async def test_subscribe_from_the_palette_fetches_the_feed(news_site: Any) -> None:
    seed_store(2).close()
    app = IknReadApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await palette(pilot, "Langganan feed")
        assert isinstance(app.screen, PromptScreen)
        await answer(pilot, "ftp://127.0.0.1/feed.xml")
        assert app.screen is screen and app.store.list_subscriptions() == []
        assert any("Bukan alamat http(s)" in str(n.message) for n in app._notifications)

        await palette(pilot, "Langganan feed")
        await answer(pilot, news_site.url("feed.xml"))
        assert await wait_for(pilot, lambda: not screen.refreshing)
        assert [s.url for s in app.store.list_subscriptions()] == [news_site.url("feed.xml")]
        assert news_site.paths() == ["/feed.xml"]
        assert screen.article_list.row_count == 7


async def test_a_and_d_work_only_in_the_feeds_view_and_d_asks_first() -> None:
    seed_store(2).close()
    urls = ["https://kabar-satu.example/rss", "https://kabar-dua.example/rss"]
    with Store(paths.database_path()) as store:
        for url in urls:
            store.add_subscription(url)
    app = IknReadApp(offline=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.press("d", "a")
        assert app.screen is screen and len(app.store.list_subscriptions()) == 2
        await pilot.press("F", "d")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert app.screen is screen and len(app.store.list_subscriptions()) == 2
        await pilot.press("j", "d")  # j moves in the feeds view too
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        assert [s.url for s in app.store.list_subscriptions()] == urls[:1]
        assert list(feed_texts(screen)) == urls[:1]
        await pilot.press("a")
        assert isinstance(app.screen, PromptScreen)


async def test_an_opml_opened_with_buka_feed_offers_to_subscribe() -> None:
    seed_store(2).close()
    expected = [url for url, _ in parse_opml(OPML.read_bytes()) if is_web_url(url)]
    assert len(expected) >= 3
    app = IknReadApp(offline=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await palette(pilot, "Buka feed")
        assert isinstance(app.screen, PromptScreen)
        await answer(pilot, str(OPML))
        assert await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert sorted(s.url for s in app.store.list_subscriptions()) == sorted(dict.fromkeys(expected))


async def test_the_status_line_says_gagal_for_a_feed_that_failed(news_site: Any) -> None:
    news_site.route("lambat.xml", small_feed("lambat", 3), content_type="application/rss+xml", delay=4.0)
    seed_store(3).close()
    app = IknReadApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        app.store.add_subscription(news_site.url("tidak-ada.xml"))  # 404
        app.store.add_subscription(news_site.url("lambat.xml"))
        await pilot.press("r")
        status = screen.query_one("#status-line", Static)
        assert await wait_for(pilot, lambda: "Memperbarui 1/2" in str(status.render()))
        assert "tidak-ada.xml gagal" in str(status.render())
        assert await wait_for(pilot, lambda: not screen.refreshing)
