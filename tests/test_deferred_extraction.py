"""Deferred extraction gives what extraction at refresh gave (issue 14).

Every fixture feed (tests/fixtures, and ../shared/real-world/feeds where present)
is served from a loopback server and refreshed twice into fresh stores: once
with the extraction deferred (what a refresh does now: the items' HTML is stored
and extracted when read) and once with it done at refresh. Every article then
reads the same (body, Baca Juga links with their positions, photos, summary,
everything), the rows end the same once extracted, and every search gives the
same hits in the same order, whether the articles were read before or not.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from ikn_tui.core import bodies
from ikn_tui.core.fetch.client import Fetcher
from ikn_tui.core.refresh import extract_stored_in_background, refresh_all
from ikn_tui.core.store.database import Store

FIXTURES = Path(__file__).parent / "fixtures"
SHARED_FEEDS = Path(__file__).resolve().parents[2] / "shared" / "real-world" / "feeds"
_WORD = re.compile(r"[^\W\d_]{3,}")


def fixture_feeds() -> list[Path]:
    """Every feed document of the fixtures (broken ones too: they fail alike)."""
    found = sorted((FIXTURES / "feeds").iterdir()) + sorted((FIXTURES / "site").glob("*.xml"))
    found += sorted((FIXTURES / "jsonfeed").glob("*.json"))
    return [p for p in found if p.is_file()]


def shared_feeds() -> list[Path]:
    return sorted(SHARED_FEEDS.glob("*.xml")) if SHARED_FEEDS.is_dir() else []


async def _refresh(path: Path, urls: list[str], defer: bool) -> Store:
    """Each feed refreshed in turn: feeds sharing an article (the same link) then
    store it in the same order both ways (the last one's title wins). The parse
    workers' deferred rows are compared in test_store_prepared.py."""
    store = Store(path)
    for url in urls:
        store.add_subscription(url)
    ok = 0
    async with Fetcher() as fetcher:
        for url in urls:
            ok += (await refresh_all(store, fetcher, urls=[url], defer=defer)).ok
    assert ok > 0
    return store


def _keys(store: Store) -> dict[tuple[str, str], int]:
    with store._reading() as conn:
        rows = conn.execute("SELECT id, feed_url, guid FROM articles").fetchall()
    keys = {(str(feed), str(guid)): int(aid) for aid, feed, guid in rows}
    assert len(keys) == len(rows)
    return keys


def _table(path: Path) -> dict[tuple[str, str], tuple[Any, ...]]:
    """Every row by (feed, guid), without ids, times and the deferral's own hash."""
    conn = sqlite3.connect(path)
    try:
        cols = [r[1] for r in conn.execute("PRAGMA table_info(articles)")]
        keep = [c for c in cols if c not in ("id", "first_seen", "fetched_at", "sort_ts", "raw_hash")]
        rows = conn.execute(f"SELECT feed_url, guid, {', '.join(keep)} FROM articles").fetchall()
    finally:
        conn.close()
    return {(str(r[0]), str(r[1])): r[2:] for r in rows}


def _queries(eager: Store, docs: list[Path]) -> list[str]:
    """Words to search: of the stored titles, bodies and Baca Juga titles (which
    must not find the article they were lifted out of), and of the feeds' raw
    markup (captions, labels, tag names: found only where the extraction kept them)."""
    words: set[str] = {"baca juga", "foto", "berita terkait", "simak"}
    for aid in _keys(eager).values():
        article = eager.get_article(aid)
        assert article is not None
        words.update(_WORD.findall(article.title.lower()))
        for n, paragraph in enumerate(article.body):
            words.update(_WORD.findall(paragraph.lower())[:: 3 + n % 4])
        for link in article.related:
            words.update(_WORD.findall(link.title.lower()))
    for doc in docs:
        raw = doc.read_bytes().decode("utf-8", "replace").lower()
        words.update(sorted(set(_WORD.findall(raw)))[::5])
    return sorted(words)


def _hits(store: Store, query: str, keys: dict[int, tuple[str, str]]) -> list[tuple[str, str]]:
    return [keys[row.id] for row in store.search(query, limit=50)]


async def _compare(tmp_path: Path, server: Any, docs: list[Path], with_related: bool = True) -> None:
    urls = []
    for doc in docs:
        kind = "application/json" if doc.suffix == ".json" else "application/rss+xml"
        server.route(f"f/{doc.name}", doc.read_bytes(), content_type=kind)
        urls.append(server.url(f"f/{doc.name}"))
    bodies.install()
    eager = await _refresh(tmp_path / "eager.sqlite3", urls, defer=False)
    deferred = await _refresh(tmp_path / "deferred.sqlite3", urls, defer=True)
    searched = await _refresh(tmp_path / "searched.sqlite3", urls, defer=True)
    try:
        assert eager.unextracted_count() == 0
        assert deferred.unextracted_count() > 0 and searched.unextracted_count() == deferred.unextracted_count()
        assert deferred.integrity_check() == "ok"  # pending rows: their title alone in the index
        eager_keys, deferred_keys = _keys(eager), _keys(deferred)
        assert eager_keys.keys() == deferred_keys.keys() == _keys(searched).keys()
        # Search first, on a store whose articles were never read: the same hits.
        queries = _queries(eager, docs)
        assert len(queries) > 50
        by_id = {aid: key for key, aid in eager_keys.items()}
        searched_by_id = {aid: key for key, aid in _keys(searched).items()}
        found = 0
        for query in queries:
            expected = _hits(eager, query, by_id)
            assert _hits(searched, query, searched_by_id) == expected, query
            found += bool(expected)
        assert found > 20
        assert searched.unextracted_count() == 0  # the search extracted them all first
        # Read every article of the other deferred store: the same article.
        related = 0
        for key, aid in eager_keys.items():
            want, got = eager.get_article(aid), deferred.get_article(deferred_keys[key])
            assert want is not None and got is not None
            want.id = got.id = None
            assert got.to_record() == want.to_record(), key
            related += len(got.related)
        assert related > 0 or not with_related  # Baca Juga links were lifted out
        assert deferred.unextracted_count() == 0  # reading stored the extraction
        for store in (eager, deferred, searched):
            assert store.integrity_check() == "ok"  # the search index matches the rows
    finally:
        for store in (eager, deferred, searched):
            store.close()
    eager_rows = _table(tmp_path / "eager.sqlite3")
    assert _table(tmp_path / "deferred.sqlite3") == eager_rows
    assert _table(tmp_path / "searched.sqlite3") == eager_rows
    # The reader's idle pass, its extraction in worker processes: the same rows too.
    with await _refresh(tmp_path / "idle.sqlite3", urls, defer=True) as idle:
        waiting = idle.unextracted_count()
        assert extract_stored_in_background(idle, pool_from=0) == waiting > 0
        assert idle.unextracted_count() == 0 and idle.integrity_check() == "ok"
    assert _table(tmp_path / "idle.sqlite3") == eager_rows


@pytest.mark.timeout(120)
@pytest.mark.parametrize("order", ["sorted", "reversed"])
async def test_every_fixture_feed_reads_and_searches_the_same_deferred(
    tmp_path: Path, http_server: Any, order: str
) -> None:
    """Reversed, site/full.xml (full bodies) is stored before site/feed.xml (the same
    articles as summaries): the full bodies must stay, deferred or not."""
    docs = fixture_feeds()
    await _compare(tmp_path, http_server, docs if order == "sorted" else docs[::-1])


@pytest.mark.timeout(120)
async def test_an_item_changed_before_it_was_extracted_ends_as_without_deferral(
    tmp_path: Path, http_server: Any
) -> None:
    """Refreshed three times before anything is read: full bodies, full again but
    changed, then the same items as summaries only. Each version is merged over the
    last as a refresh without deferral does (a full body never gives way to a summary)."""
    site = FIXTURES / "site"
    changed = (site / "full.xml").read_bytes().replace(b"Pemasangan perangkat", b"Pemasangan seluruh perangkat")
    versions = [(site / "full.xml").read_bytes(), changed, (site / "feed.xml").read_bytes()]
    bodies.install()
    tables = {}
    for defer in (False, True):
        path = tmp_path / f"{defer}.sqlite3"
        store = Store(path)
        url = http_server.url("f/berubah.xml")
        store.add_subscription(url)
        async with Fetcher() as fetcher:
            for version in versions:
                http_server.route("f/berubah.xml", version, content_type="application/rss+xml")
                assert (await refresh_all(store, fetcher, defer=defer)).ok == 1
        assert (store.unextracted_count() > 0) == defer
        assert [r.title for r in store.search("seluruh")] == ["Lima Desa di PPU Segera Nikmati Internet Gratis"]
        assert store.integrity_check() == "ok"
        store.close()
        tables[defer] = _table(path)
    assert tables[True] == tables[False]


@pytest.mark.timeout(120)
@pytest.mark.skipif(not shared_feeds(), reason="../shared/real-world/feeds is not here")
async def test_every_real_feed_reads_and_searches_the_same_deferred(tmp_path: Path, http_server: Any) -> None:
    await _compare(tmp_path, http_server, shared_feeds(), with_related=False)  # their items carry none
