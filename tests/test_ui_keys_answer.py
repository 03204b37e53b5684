"""Keys in a person's hands: bursts are applied in order, reloads keep the
cursor on its article, every key answers, newsboat habits (n/N, A, u, l/h)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.pilot import Pilot
from ui_helpers import rendered_lines, seed_store, settle

from ikn_tui.core import paths
from ikn_tui.core.models import Article, RelatedLink
from ikn_tui.core.store.database import Store
from ikn_tui.ui.app import IknReadApp
from ikn_tui.ui.screens.dialogs import ConfirmScreen
from ikn_tui.ui.screens.main import MainScreen
from ikn_tui.ui.widgets.article_list import ArticleList
from ikn_tui.ui.widgets.article_view import ArticleView
from ikn_tui.ui.widgets.feed_list import FeedList, feed_prompt
from ikn_tui.ui.widgets.related_pane import RelatedPane

SIZE = (120, 36)
SITE = Path(__file__).resolve().parent / "fixtures" / "site"


async def burst(pilot: Pilot, *keys: str) -> None:
    """Send the keys as one burst (no waiting between them, as a terminal
    delivers a fast typist or a paste), then wait for the app to settle."""
    app = pilot.app
    for key in keys:
        char = {"enter": "\r", "space": " ", "escape": "\x1b"}.get(key, key if len(key) == 1 else None)
        event = events.Key(key, char)
        event.set_sender(app)
        app._driver.send_message(event)  # what Pilot.press does, without its pause after each key
    await settle(pilot)


def toasts(app: IknReadApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


def screen_of(app: IknReadApp) -> MainScreen:
    assert isinstance(app.screen, MainScreen)
    return app.screen


def long_article(n: int, links: int = 2) -> Article:
    return Article(
        title=f"Artikel panjang {n}", url=f"https://contoh.ikn-read.example/panjang/{n}",
        published=f"2026-01-0{n}T08:00:00+07:00",
        body=[f"Paragraf {p} artikel panjang {n}, " + "kalimat yang cukup panjang untuk menggulir. " * 6
              for p in range(40)],
        related=[RelatedLink(f"Kabar contoh nomor 0{k} dari Sepaku", None, 3) for k in range(links)],
    )


# 1. no lost keystrokes -----------------------------------------------------------------------
@pytest.mark.parametrize("run", range(3))
async def test_enter_then_a_link_number_in_one_burst(run: int) -> None:
    seed_store(30).close()
    app = IknReadApp(offline=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        rows = app.store.list_rows(0, 2)
        first, second = (app.store.get_article(row.id) for row in rows)
        assert first is not None and second is not None
        await burst(pilot, "enter", "1")
        article = screen_of(app).article
        assert article is not None and article.title == first.related[0].title
        followed = app.store.find_by_title(second.related[0].title)
        assert followed is not None
        await burst(pilot, "backspace", "j", "enter", "1", "1")  # second -> its link -> that one's link
        linked = app.store.find_by_title(followed.related[0].title)
        assert linked is not None
        assert screen_of(app).article.title == linked.title  # type: ignore[union-attr]
        assert len(screen_of(app).history) == 4  # first, second, its link, that link's link


async def test_enter_then_b_bookmarks_the_article_just_opened() -> None:
    seed_store(5).close()
    app = IknReadApp(offline=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await burst(pilot, "j", "enter", "b")
        article = screen_of(app).article
        assert article is not None and article.title.startswith("Kabar contoh nomor 03")
        assert app.store.is_bookmarked(article.id)  # type: ignore[arg-type]
        assert len(app.store.bookmark_rows()) == 1


async def test_a_key_typed_while_sources_load_is_kept(news_site: Any) -> None:
    news_site.route("lambat.xml", (SITE / "feed.xml").read_bytes(), content_type="application/rss+xml", delay=1.5)
    seed_store(5).close()
    app = IknReadApp([news_site.url("lambat.xml")])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        article_list = app.screen.query_one(ArticleList)
        await pilot.press("j")
        chosen = article_list.highlighted_row
        assert chosen is not None and chosen.title.startswith("Kabar contoh nomor 03")
        assert not screen_of(app).ready  # the feed is still loading
        await settle(pilot)
        assert screen_of(app).ready and article_list.row_count == 10
        assert article_list.highlighted_row is not None and article_list.highlighted_row.id == chosen.id
        await pilot.press("enter")
        await settle(pilot)
        assert screen_of(app).article.id == chosen.id  # type: ignore[union-attr]


async def test_escape_from_search_puts_the_cursor_back_and_results_show_read_marks() -> None:
    seed_store(10).close()
    app = IknReadApp(offline=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        article_list = app.screen.query_one(ArticleList)
        await pilot.press("j", "j", "j")
        before = article_list.highlighted_row
        await pilot.press("slash", *"Sepaku", "enter")
        await settle(pilot)
        assert screen_of(app).view == "search" and article_list.row_count == 10
        assert "●" in rendered_lines(article_list, 1)[0]
        await pilot.press("enter")
        await settle(pilot)
        assert "●" not in rendered_lines(article_list, 1)[0]  # read, at once, in the results
        await pilot.press("escape")
        await settle(pilot)
        assert screen_of(app).view == "all"
        assert article_list.highlighted_row is not None and article_list.highlighted_row.id == before.id  # type: ignore[union-attr]


async def test_leaving_the_bookmarks_view_keeps_the_cursor() -> None:
    seed_store(10).close()
    app = IknReadApp(offline=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        article_list = app.screen.query_one(ArticleList)
        await pilot.press("G", "k")
        before = article_list.highlighted_row
        await pilot.press("B")
        await settle(pilot)
        await pilot.press("B")
        await settle(pilot)
        assert article_list.highlighted_row.id == before.id  # type: ignore[union-attr]


# 2. every key answers ------------------------------------------------------------------------
async def test_space_pages_the_article_from_the_list_and_g_G_in_the_article() -> None:
    seed_store(3, extra=[long_article(1)]).close()
    app = IknReadApp(offline=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        await burst(pilot, "enter", "space")
        assert app.screen.query_one(ArticleList).has_focus
        assert view.scroll_y > 0
        await pilot.press("l")  # to the article
        assert view.has_focus
        await pilot.press("G")
        await settle(pilot)
        assert view.scroll_y == view.max_scroll_y > 0
        await pilot.press("g")
        await settle(pilot)
        assert view.scroll_y == 0
        await pilot.press("h")
        assert app.screen.query_one(ArticleList).has_focus
        await pilot.press("l")
        await pilot.press("escape")
        assert app.screen.query_one(ArticleList).has_focus


async def test_back_returns_to_where_the_article_was_scrolled() -> None:
    seed_store(3, extra=[long_article(1)]).close()
    app = IknReadApp(offline=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        await burst(pilot, "enter", "space", "space")
        await settle(pilot)
        where = view.scroll_y
        assert where > 0
        await burst(pilot, "1")
        assert screen_of(app).article.title.startswith("Kabar contoh nomor 00")  # type: ignore[union-attr]
        await burst(pilot, "backspace")
        await settle(pilot)
        assert screen_of(app).article.title == "Artikel panjang 1"  # type: ignore[union-attr]
        assert view.scroll_y == where


async def test_j_and_k_move_in_the_related_pane() -> None:
    seed_store(3, extra=[long_article(1, links=3)]).close()
    app = IknReadApp(offline=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        pane = app.screen.query_one(RelatedPane)
        pane.focus()
        await pilot.pause()
        start = pane.highlighted
        await pilot.press("j")
        assert pane.highlighted is not None and pane.highlighted != start
        moved = pane.highlighted
        await pilot.press("j", "k")
        assert pane.highlighted == moved


async def test_keys_that_cannot_act_say_why(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("BROWSER", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    seed_store(3, extra=[long_article(1, links=2)]).close()
    app = IknReadApp(offline=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("1", "o", "space")
        said = toasts(app)
        assert any("buka artikel dulu" in t for t in said), said
        assert any(t.startswith("o: buka artikel dulu") for t in said)
        assert any(t.startswith("Spasi: buka artikel dulu") for t in said)
        await pilot.press("r")
        assert any(t.startswith("r: mode luring (--offline)") for t in toasts(app))
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("9", "o")
        assert any(t == "9: artikel ini hanya punya tautan 1–2." for t in toasts(app)), toasts(app)
        assert any(t.startswith("o: tidak ada peramban di sini") for t in toasts(app))


async def test_b_with_no_article_open_bookmarks_the_highlighted_row() -> None:
    seed_store(4).close()
    app = IknReadApp(offline=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", "b")
        await settle(pilot)
        [row] = app.store.bookmark_rows()
        assert row.title.startswith("Kabar contoh nomor 02")
        assert screen_of(app).article is None
        assert "★" in rendered_lines(app.screen.query_one(ArticleList), 4)[2]


async def test_demo_r_says_it_is_offline() -> None:
    app = IknReadApp(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r")
        assert any(t.startswith("r: mode luring (demo)") for t in toasts(app))


# 3. newsboat habits ---------------------------------------------------------------------------
async def test_n_and_N_open_the_next_and_previous_unread() -> None:
    seed_store(6).close()
    with Store(paths.database_path()) as store:
        rows = store.list_rows(0, 6)
        for row in rows[1:3]:
            store.set_read(row.id, True)
    app = IknReadApp(offline=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await burst(pilot, "n")  # from the top: the cursor's row is not "after" itself
        assert screen_of(app).article.id == rows[3].id  # type: ignore[union-attr]
        assert app.screen.query_one(ArticleList).highlighted_row.id == rows[3].id  # type: ignore[union-attr]
        await burst(pilot, "n")
        assert screen_of(app).article.id == rows[4].id  # type: ignore[union-attr]
        await burst(pilot, "N")  # rows[3] is read now (it was opened)
        assert screen_of(app).article.id == rows[0].id  # type: ignore[union-attr]
        await burst(pilot, "N")
        assert any("tidak ada berita belum dibaca di atas" in t for t in toasts(app))


async def test_A_marks_the_view_read_after_y_and_u_undoes_it_step_by_step() -> None:
    seed_store(5).close()
    app = IknReadApp(offline=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("m")  # first row read
        await pilot.press("A")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert len(app.store.unread_ids()) == 4
        await pilot.press("A")
        await pilot.press("y")
        await settle(pilot)
        assert app.store.unread_ids() == []
        assert all("●" not in line for line in rendered_lines(app.screen.query_one(ArticleList), 10))
        await pilot.press("u")
        await settle(pilot)
        assert len(app.store.unread_ids()) == 4
        await pilot.press("u")
        assert len(app.store.unread_ids()) == 5
        await pilot.press("u")
        assert any("tidak ada yang bisa diurungkan" in t for t in toasts(app))


async def test_u_undoes_a_bookmark_and_an_unsubscribe() -> None:
    seed_store(3).close()
    with Store(paths.database_path()) as store:
        store.add_subscription("https://kabar.example/rss", "Kabar Contoh")
    app = IknReadApp(offline=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter", "b")
        await settle(pilot)
        assert len(app.store.bookmark_rows()) == 1
        await pilot.press("F", "d", "y")
        await settle(pilot)
        assert app.store.list_subscriptions() == []
        await pilot.press("u")
        await settle(pilot)
        assert [(s.url, s.title) for s in app.store.list_subscriptions()] == [("https://kabar.example/rss", "Kabar Contoh")]
        await pilot.press("u")
        assert app.store.bookmark_rows() == []


async def test_feeds_view_shows_unread_counts_and_r_refreshes_only_that_feed(news_site: Any) -> None:
    first, second = news_site.url("feed.xml"), news_site.url("kedua.xml")
    news_site.route("kedua.xml", b"<rss version='2.0'><channel><title>Kedua</title></channel></rss>",
                    content_type="application/rss+xml")
    with Store(paths.database_path()) as store:
        store.add_subscription(first)
        store.add_subscription(second)
    app = IknReadApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert sorted(news_site.paths()) == ["/feed.xml", "/kedua.xml"]
        await pilot.press("F")
        feed_list = app.screen.query_one(FeedList)
        text = {row.sub.url: feed_prompt(row).plain for row in feed_list.rows}
        assert "5 berita · 5 baru" in text[first]
        assert "baru" not in text[second]
        feed_list.highlighted = [row.sub.url for row in feed_list.rows].index(second)
        await pilot.press("r")
        for _ in range(200):
            await settle(pilot)
            if not screen_of(app).refreshing:
                break
            await asyncio.sleep(0.02)
        assert sorted(news_site.paths()) == ["/feed.xml", "/kedua.xml", "/kedua.xml"]
        await pilot.press("R")
        for _ in range(200):
            await settle(pilot)
            if not screen_of(app).refreshing:
                break
        assert news_site.paths().count("/feed.xml") == 2
