"""Several refreshed feeds in one transaction (Store.apply_refreshes), and the
refresh writer using it: same outcome as feed-by-feed, fewer transactions."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from ikn_tui.core.models import Article, Subscription
from ikn_tui.core.refresh import BatchWriter
from ikn_tui.core.store.database import Store

FEEDS = [f"https://kabar{n}.example/rss" for n in range(3)]


def art(feed: int, n: int) -> Article:
    return Article(title=f"Berita {feed}-{n} dari Sepaku", url=f"https://kabar{feed}.example/b/{n}",
                   body=[f"Paragraf {n}."], guid=f"g{n}", feed_url=FEEDS[feed])


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = Store(tmp_path / "s.sqlite3")
    for url in FEEDS:
        store.add_subscription(url)
    yield store
    store.close()


def _subs(store: Store) -> list[Subscription]:
    subs = store.list_subscriptions()
    for n, sub in enumerate(subs):
        sub.etag, sub.status = f"v{n}", "ok"
    return subs


def test_apply_refreshes_stores_every_feed_and_state(store: Store) -> None:
    a, b, c = _subs(store)
    c.status = "not-modified"
    counts = store.apply_refreshes([(a, None, [art(0, 1), art(0, 2)]), (b, None, [art(1, 1)]), (c, None, None)])
    assert counts == [2, 1, 0]
    assert store.count_articles() == 3
    assert [s.etag for s in store.list_subscriptions()] == ["v0", "v1", "v2"]
    assert store.get_subscription(FEEDS[2]).status == "not-modified"
    assert store.apply_refreshes([(a, None, [art(0, 1)])]) == [0]  # known: updated, not new


def test_apply_refreshes_is_all_or_nothing(store: Store) -> None:
    a, b, _ = _subs(store)

    class Broken:
        title = "x"

        def __getattr__(self, name: str) -> object:
            raise RuntimeError("broken article")

    with pytest.raises(RuntimeError):
        store.apply_refreshes([(a, None, [art(0, 1)]), (b, None, [Broken()])])  # type: ignore[list-item]
    assert store.count_articles() == 0
    assert all(s.etag is None for s in store.list_subscriptions())


def test_writer_batches_share_a_transaction_and_a_bad_feed_fails_alone(store: Store) -> None:
    begins: list[str] = []
    store._conn.set_trace_callback(lambda sql: begins.append(sql) if sql.startswith("BEGIN") else None)  # type: ignore[union-attr]
    a, b, c = _subs(store)

    class Broken:
        title = "x"

        def __getattr__(self, name: str) -> object:
            raise RuntimeError("broken article")

    async def run() -> list[object]:
        writer = BatchWriter(store)
        jobs = [writer.write(a, None, [art(0, 1)]), writer.write(b, None, [art(1, 1)]), writer.write(c, None, None)]
        first = await asyncio.gather(*jobs)
        begins_after_good = len(begins)
        bad = await asyncio.gather(writer.write(a, None, [art(0, 2)]), writer.write(b, None, [Broken()]),
                                   return_exceptions=True)
        writer.close()
        return [first, begins_after_good, bad]

    first, begins_after_good, bad = asyncio.run(run())
    assert first == [1, 1, 0]
    assert begins_after_good == 1  # three feeds, one transaction
    assert bad[0] == 1 and isinstance(bad[1], RuntimeError)  # retried alone: only the bad one fails
    assert store.count_articles() == 3
