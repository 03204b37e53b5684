"""8. Huge content: bounded time (timeout marks) and memory, and a reader
that keeps answering keys while a huge source loads."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from corpus import (
    big_article_page,
    deeply_nested_feed,
    deeply_nested_html,
    huge_description_feed,
    huge_title_feed,
    many_items_feed,
)
from probes import MB, max_rss_bytes, peak_python_memory
from ui_helpers import seed_store, settle

from ikn_tui.core import paths
from ikn_tui.core.feeds.rss_atom import parse_feed
from ikn_tui.core.sources import load_path, parse_document
from ikn_tui.core.store.database import Store
from ikn_tui.ui.app import IknReadApp
from ikn_tui.ui.screens.main import MainScreen
from ikn_tui.ui.widgets.article_list import ArticleList
from ikn_tui.ui.widgets.article_view import CUT_NOTE, MAX_SHOWN_CHARS


@pytest.mark.timeout(5)
def test_5mb_description_is_capped() -> None:
    data = huge_description_feed(5)
    parsed, peak = peak_python_memory(lambda: parse_feed(data))
    assert peak < 200 * MB, f"{peak / MB:.0f} MB"
    [article] = parsed.articles
    assert sum(len(p) for p in article.body) <= 1_100_000
    assert len(article.summary or "") <= 600


@pytest.mark.timeout(5)
def test_1mb_title_is_capped() -> None:
    parsed, peak = peak_python_memory(lambda: parse_feed(huge_title_feed(1)))
    assert peak < 100 * MB
    [article] = parsed.articles
    assert 0 < len(article.title) <= 500


@pytest.mark.timeout(30)
def test_10k_item_feed_parses_and_stores() -> None:
    data = many_items_feed(10_000)
    before = max_rss_bytes()
    parsed = parse_feed(data)
    assert len(parsed.articles) == 10_000
    with Store(paths.database_path()) as store:
        store.upsert_articles(parsed.articles, feed_url="https://kaltim.contoh.example/rss")
        assert store.count_articles() == 10_000
        assert len(store.list_rows(9_990, 100)) == 10
    assert max_rss_bytes() - before < 500 * MB


@pytest.mark.timeout(10)
@pytest.mark.parametrize("kind", ["page", "feed"])
def test_deeply_nested_html_100k_levels(kind: str, tmp_path: Path) -> None:
    data = deeply_nested_html(100_000) if kind == "page" else deeply_nested_feed(100_000)
    path = tmp_path / ("bersarang.html" if kind == "page" else "bersarang.xml")
    path.write_bytes(data)
    result, peak = peak_python_memory(lambda: load_path(path))
    assert peak < 200 * MB
    assert result.error or result.articles  # read what can be read, or say why not
    if result.error:
        assert "\n" not in str(result.error) and path.name in str(result.error)


@pytest.mark.timeout(10)
def test_2mb_article_page() -> None:
    data = big_article_page(2)
    result, peak = peak_python_memory(lambda: parse_document(data, "besar.html"))
    assert peak < 300 * MB
    [article] = result.articles
    assert article.title == "Halaman besar" and len(article.body) > 100


@pytest.mark.timeout(10)
async def test_huge_article_opens_and_keys_still_work() -> None:
    """A 1 MB body is shown capped (whole, Textual re-wrapped it for seconds per key)."""
    parsed = parse_feed(huge_description_feed(5))
    article = parsed.articles[0]
    article.published = "2030-01-01T10:00:00+07:00"  # the newest row
    seed_store(20, extra=[article]).close()
    app = IknReadApp(offline=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen) and app.screen.article is not None
        shown = app.screen.query_one("#article-body").render()
        assert CUT_NOTE in shown.plain and len(shown.plain) < MAX_SHOWN_CHARS + 2_000
        await pilot.press("tab", "space", "space", "j", "k")
        await pilot.pause()
        article_list = app.screen.query_one(ArticleList)
        article_list.focus()
        await pilot.press("j", "j")
        await pilot.pause()
        assert article_list.cursor == 2


@pytest.mark.timeout(30)
async def test_keys_work_while_a_huge_source_loads(http_server: Any) -> None:
    """The 10k-item feed is fetched and parsed in a worker; meanwhile j/k move the list."""
    http_server.route("besar.xml", many_items_feed(10_000), content_type="application/rss+xml", delay=1.0)
    seed_store(30).close()
    app = IknReadApp([http_server.url("besar.xml")], offline=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        article_list = screen.query_one(ArticleList)
        loading = [w for w in app.workers if w.is_running and w.group == "load"]
        assert loading, "the load worker should still be running"
        third = article_list.source.row(2)
        assert third is not None
        await pilot.press("j", "j", "j", "k")
        # The keys moved the list by three rows down and one up. A live reload
        # while the feed loads may shift rows, but the cursor stays on its article.
        row = article_list.highlighted_row
        assert row is not None
        assert row.id == third.id
        assert any(w.is_running for w in loading)  # the keys were answered during the load
        await settle(pilot, rounds=1500)
        assert screen.ready
        with Store(paths.database_path()) as store:
            assert store.count_articles() == 10_030
