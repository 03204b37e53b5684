"""A warm refresh (every feed answers 304 Not Modified) writes almost nothing: one
transaction with the feeds' new states, no article rows, no rewrite of the kept
copies of subscriptions and bookmarks. Real loopback server, real SQLite file."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from ikn_tui.core.fetch import Fetcher, NetConfig
from ikn_tui.core.models import Article
from ikn_tui.core.refresh import refresh_all
from ikn_tui.core.store import Store
from ikn_tui.core.store.keepsake import PARTS, keepsake_path

FEED = (Path(__file__).resolve().parent / "fixtures" / "site" / "feed.xml").read_bytes()
FEEDS = 6
FAST = NetConfig(connect_timeout=2.0, read_timeout=2.0, deadline=10.0)


def _serve(http_server: Any) -> list[str]:
    urls = []
    for n in range(FEEDS):
        http_server.route(f"rss{n}.xml", FEED.replace(b"<title>", f"<title>{n} ".encode(), 1),
                          content_type="application/rss+xml", etag=f'"v{n}"')
        urls.append(http_server.url(f"rss{n}.xml"))
    return urls


def _refresh(store: Store) -> Any:
    async def go() -> Any:
        async with Fetcher(FAST) as fetcher:
            return await refresh_all(store, fetcher)

    return asyncio.run(go())


def _kept(store: Store) -> dict[str, tuple[int, bytes]]:
    return {part: (keepsake_path(store.path, part).stat().st_mtime_ns, keepsake_path(store.path, part).read_bytes())
            for part in PARTS}


def test_a_warm_refresh_writes_one_transaction_of_feed_states_only(tmp_path: Path, http_server: Any) -> None:
    with Store(tmp_path / "s.sqlite3") as store:
        for url in _serve(http_server):
            store.add_subscription(url)
        store.add_bookmark(Article(title="Markah Sepaku", url="https://kabar.example/markah", body=["isi"]))
        cold = _refresh(store)
        assert cold.ok == FEEDS and cold.new > 0, cold.messages
        articles = store.count_articles()
        before = {s.url: s for s in store.list_subscriptions()}
        kept = _kept(store)
        statements: list[str] = []
        store._conn.set_trace_callback(statements.append)  # type: ignore[union-attr]

        warm = _refresh(store)

        store._conn.set_trace_callback(None)  # type: ignore[union-attr]
        assert warm.not_modified == FEEDS and warm.failed == 0 and warm.new == 0, warm.messages
        assert all(headers.get("if-none-match") for _, headers in http_server.requests[-FEEDS:])
        writes = [s for s in statements if s.split(None, 1)[0].upper() in ("INSERT", "UPDATE", "DELETE", "REPLACE")]
        assert sum(s.startswith("BEGIN") for s in statements) == 1  # all the feeds in one transaction
        assert writes and all(s.startswith("UPDATE subscriptions") for s in writes), writes
        assert store.count_articles() == articles
        assert _kept(store) == kept  # the kept copies were not rewritten
        for sub in store.list_subscriptions():
            old = before[sub.url]
            assert sub.status == "not-modified" and sub.message is None
            assert sub.etag == old.etag and sub.title == old.title
            assert sub.last_checked is not None and sub.last_checked >= (old.last_checked or "")


def test_a_warm_refresh_of_a_changed_feed_still_stores_it(tmp_path: Path, http_server: Any) -> None:
    urls = _serve(http_server)
    with Store(tmp_path / "s.sqlite3") as store:
        for url in urls:
            store.add_subscription(url)
        _refresh(store)
        articles = store.count_articles()
        http_server.route("rss0.xml", FEED.replace(b"</channel>", b"<item><title>Kabar baru dari Sepaku</title>"
                                                   b"<link>https://kabar.example/baru</link></item></channel>"),
                          content_type="application/rss+xml", etag='"v0-baru"')
        summary = _refresh(store)
        assert summary.ok == 1 and summary.not_modified == FEEDS - 1 and summary.new == 1, summary.messages
        assert store.count_articles() == articles + 1
        states = {s.url: s for s in store.list_subscriptions()}
        assert states[urls[0]].etag == '"v0-baru"' and states[urls[0]].status == "ok"
        assert all(states[url].status == "not-modified" for url in urls[1:])
