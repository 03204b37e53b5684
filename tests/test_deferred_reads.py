"""Articles a refresh stored with their extraction deferred, read every way.

A real ``ikn-read refresh`` (a process) fetches tests/fixtures/site/full.xml
from a loopback server and leaves its items pending; then the reader opens one
(its Baca Juga link shows, the body is the extracted one) and extracts the rest
in the background; a bookmark keeps the full extracted copy; a store from
before the migration keeps working; without an extractor a pending row reads
as it is stored.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

from test_ui_feeds import wait_for
from ui_helpers import settle

from ikn_tui.core import bodies, paths
from ikn_tui.core.feeds.rss_atom import parse_feed
from ikn_tui.core.models import Article
from ikn_tui.core.store import set_body_extractor
from ikn_tui.core.store.database import Store
from ikn_tui.core.store.schema import LATEST_VERSION, migrate, schema_version
from ikn_tui.ui.app import IknReadApp
from ikn_tui.ui.screens.main import MainScreen

SITE = Path(__file__).parent / "fixtures" / "site"
LINK = "Rute Baru Bus Listrik di IKN Mulai Beroperasi Pekan Depan"


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ikn_tui", *args], capture_output=True, text=True,
                          env=dict(os.environ), timeout=60)


def _refreshed(news_site: Any) -> str:
    """``ikn-read refresh`` of full.xml as a real process; the feed's URL."""
    url = news_site.url("full.xml")
    assert _cli("feeds", "add", url).returncode == 0
    done = _cli("refresh")
    assert done.returncode == 0, done.stderr
    return url


def _expected(url: str) -> dict[str, Article]:
    """full.xml's articles extracted at once, by title."""
    parsed = parse_feed((SITE / "full.xml").read_bytes(), url)
    return {a.title: a for a in parsed.articles}


def _pending(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute("SELECT count(*) FROM articles WHERE raw IS NOT NULL").fetchone()[0])


def _id_of(store: Store, title: str) -> int:
    with store._reading() as conn:
        return int(conn.execute("SELECT id FROM articles WHERE title = ?", (title,)).fetchone()[0])


async def test_the_reader_opens_a_pending_article_extracted_and_extracts_the_rest(news_site: Any) -> None:
    url = _refreshed(news_site)
    database = paths.database_path()
    assert _pending(database) >= 2  # the refresh left the extraction for later
    expected = _expected(url)
    app = IknReadApp(offline=True)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        want = expected["Lima Desa di PPU Segera Nikmati Internet Gratis"]
        screen.open_id(_id_of(app.store, want.title))
        assert screen.article is not None
        assert screen.article.body == want.body and [r.title for r in screen.article.related] == [LINK]
        assert screen.article.related == want.related and screen.article.full
        assert await wait_for(pilot, lambda: app.store.unextracted_count() == 0)  # the idle pass
        await settle(pilot)
        other = expected["Taman Mangrove Balikpapan Dibuka untuk Umum Akhir Pekan Ini"]
        stored = app.store.get_article(_id_of(app.store, other.title))
        assert stored is not None and stored.body == other.body and stored.related == other.related
        assert [row.title for row in app.store.search("bekantan")] == [other.title]
        assert app.store.search("Rute Baru Bus Listrik") == []  # a Baca Juga title is not the body


def test_a_bookmark_of_a_pending_article_keeps_the_extracted_text(news_site: Any) -> None:
    url = _refreshed(news_site)
    expected = _expected(url)["Lima Desa di PPU Segera Nikmati Internet Gratis"]
    bodies.install()
    with Store(paths.database_path()) as store:
        article_id = _id_of(store, expected.title)
        assert store.is_unextracted(article_id)
        # A summary-only copy (what a sync's star gives): the store's extracted text wins.
        store.add_bookmark(Article(title=expected.title, url=expected.url, id=article_id, full=False))
        copy = store.get_bookmark_article(article_id)
        assert copy is not None and copy.full and copy.body == expected.body and copy.related == expected.related
        assert not store.is_unextracted(article_id)  # extracted in the bookmark's transaction, and kept
        assert LINK in store.export_bookmarks("md")


def test_without_an_extractor_a_pending_row_reads_as_stored(news_site: Any) -> None:
    _refreshed(news_site)
    set_body_extractor(None)
    try:
        with Store(paths.database_path()) as store:
            article_id = _id_of(store, "Lima Desa di PPU Segera Nikmati Internet Gratis")
            article = store.get_article(article_id)
            assert article is not None and article.body == [] and not article.full
            assert store.extract_stored() == 0 and store.is_unextracted(article_id)
    finally:
        bodies.install()


def test_a_store_from_before_deferral_is_migrated_and_reads_as_before(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, LATEST_VERSION - 1)
    conn.execute(
        "INSERT INTO articles(url, url_key, title, sort_ts, first_seen, body, related) VALUES "
        "('https://a.example/1', 'https://a.example/1', 'Lama', 1, '2025-01-01', '[\"Isi lama.\"]', '[]')"
    )
    conn.execute("INSERT INTO articles_fts(articles_fts) VALUES('rebuild')")
    conn.close()
    bodies.install()
    with Store(path) as store:
        with store._reading() as db:
            assert schema_version(db) == LATEST_VERSION
        old = store.find_by_url("https://a.example/1")
        assert old is not None and old.body == ["Isi lama."]
        assert store.unextracted_count() == 0 and [r.title for r in store.search("isi")] == ["Lama"]
        assert store.integrity_check() == "ok"
