"""Retention: keep_days / max_articles per store, bookmarked articles never deleted,
applied after a refresh and by `ikn-read store vacuum` (issue 10, section 3)."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest

from ikn_tui.cli.main import main
from ikn_tui.core.models import Article
from ikn_tui.core.store import Store


def _iso(days_ago: int) -> str:
    return (datetime.now(UTC) - timedelta(days=days_ago)).replace(microsecond=0).isoformat()


def _fill(store: Store) -> None:
    store.upsert_articles([
        Article(title=f"Berita {days} hari lalu", url=f"https://kabar.example/{days}", guid=str(days),
                body=[f"Isi berita {days}."], published=_iso(days))
        for days in (1, 2, 3, 10, 40, 41, 90)
    ], feed_url="https://kabar.example/rss")
    old = store.find_by_url("https://kabar.example/90")
    assert old is not None
    store.add_bookmark(old)


def _titles(store: Store) -> list[str]:
    return [row.title for row in store.list_rows(0, 100)]


def test_keep_days_deletes_old_articles_but_never_a_bookmarked_one(tmp_path) -> None:
    with Store(tmp_path / "db.sqlite3") as store:
        _fill(store)
        assert store.apply_retention() == 0  # no settings: nothing goes
        store.set_retention(keep_days=30)
        assert store.apply_retention() == 2
        assert _titles(store) == ["Berita 1 hari lalu", "Berita 2 hari lalu", "Berita 3 hari lalu",
                                  "Berita 10 hari lalu", "Berita 90 hari lalu"]
        assert store.search("Isi")  # the search index lost the deleted rows only
        assert len(store.search("Isi")) == 5


def test_max_articles_keeps_the_newest_and_the_bookmarked(tmp_path) -> None:
    with Store(tmp_path / "db.sqlite3") as store:
        _fill(store)
        store.set_retention(max_articles=2)
        assert store.retention().max_articles == 2 and store.retention().keep_days == 0
        assert store.apply_retention(now=time.time()) == 4
        assert _titles(store) == ["Berita 1 hari lalu", "Berita 2 hari lalu", "Berita 90 hari lalu"]
        store.set_retention(max_articles=0)
        assert not store.retention().active


def test_refresh_applies_retention(http_server, capsys: pytest.CaptureFixture[str]) -> None:
    from email.utils import format_datetime

    items = "".join(
        f"<item><title>Kabar {n}</title><link>{http_server.url(f'k{n}')}</link><guid>k{n}</guid>"
        f"<pubDate>{format_datetime(datetime.now(UTC) - timedelta(days=n * 20))}</pubDate>"
        f"<description>Isi {n}.</description></item>"
        for n in range(5)
    )
    http_server.route("feed.xml", f'<?xml version="1.0"?><rss version="2.0"><channel><title>K</title>{items}</channel></rss>',
                      content_type="application/rss+xml")
    assert main(["feeds", "add", http_server.url("feed.xml")]) == 0
    assert main(["store", "retention", "--keep-days", "30"]) == 0
    out = capsys.readouterr().out
    assert "retention: 30 days, no count limit (bookmarked articles are always kept)" in out
    assert main(["refresh"]) == 0
    out = capsys.readouterr().out
    assert "3 old articles removed (retention)" in out
    with Store.open_default() as store:
        assert [row.title for row in store.list_rows(0, 10)] == ["Kabar 0", "Kabar 1"]


def test_store_vacuum_applies_and_compacts(capsys: pytest.CaptureFixture[str]) -> None:
    with Store.open_default() as store:
        _fill(store)
    assert main(["store", "retention", "--max-articles", "3"]) == 0
    assert main(["store", "vacuum"]) == 0
    out = capsys.readouterr().out
    assert "removed 3 of 7 articles by retention" in out
    with Store.open_default() as store:
        assert store.count_articles() == 4 and len(store.list_bookmarks()) == 1  # the bookmarked one is beyond the 3
        assert store.full_check() is None
    assert main(["store", "retention", "--keep-days", "-1"]) == 2
