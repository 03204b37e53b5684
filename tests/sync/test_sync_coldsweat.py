"""Sync against a REAL Fever server (coldsweat): two homes, offline changes,
SIGKILLed syncs."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from sync_helpers import EMAIL, PASSWORD

from ikn_tui.core.store import Store


def cli(home: Path, *args: str, password: bool = True, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "IKN_READ_HOME": str(home)}
    if password:
        env["IKN_READ_SYNC_PASSWORD"] = PASSWORD
    return subprocess.run([sys.executable, "-m", "ikn_tui", *args], env=env, capture_output=True, text=True,
                          timeout=timeout)


def store_of(home: Path) -> Store:
    return Store(home / "ikn-read.sqlite3")


def by_url(store: Store) -> dict[str, int]:
    return {row.url: row.id for row in store.list_rows(0, 1000)}


def login_and_sync(home: Path, server) -> None:
    done = cli(home, "sync", "login", "fever", server.url, EMAIL)
    assert done.returncode == 0, done.stderr
    assert PASSWORD not in done.stdout + done.stderr
    done = cli(home, "sync", password=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("synced in ") and done.stdout.count("\n") == 1


def test_two_homes_share_reading_state_and_bookmarks_through_coldsweat(tmp_path, coldsweat, news):
    a, b = tmp_path / "a", tmp_path / "b"
    login_and_sync(a, coldsweat)
    ids = coldsweat.ids_by_url()
    assert len(ids) == len(news.items) == 10
    full_item, other = news.items[0], news.items[6]  # 1-1 is a full article with a Baca juga link

    with store_of(a) as store:
        rows = by_url(store)
        assert set(rows) == set(ids)
        store.set_read(rows[other.url], True)
        store.add_bookmark(store.get_article(rows[full_item.url]))
        assert store.pending_count() == 2
    done = cli(a, "sync", password=False)
    assert done.returncode == 0, done.stderr
    with store_of(a) as store:
        assert store.pending_count() == 0
    unread, saved = coldsweat.states()
    assert ids[other.url] not in unread and saved == {ids[full_item.url]}

    login_and_sync(b, coldsweat)
    with store_of(b) as store:
        rows = by_url(store)
        assert store.is_read(rows[other.url]) and not store.is_read(rows[news.items[1].url])
        [bookmark] = store.list_bookmarks()
        assert bookmark.url == full_item.url and bookmark.full
        assert sum(len(p) for p in bookmark.body) > 600  # the full text, offline
        assert [link.url for link in bookmark.related] == [news.items[1].url]  # Baca juga lifted out
        assert not any("Baca juga" in p for p in bookmark.body)

    # B goes offline: three items read with the server down.
    coldsweat.stop()
    offline = [news.items[i].url for i in (2, 3, 8)]
    with store_of(b) as store:
        rows = by_url(store)
        for url in offline:
            store.set_read(rows[url], True)
        assert store.pending_count() == 3
    done = cli(b, "sync", password=False)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "connection refused" in done.stderr and "Traceback" not in done.stderr
    with store_of(b) as store:
        assert store.pending_count() == 3
        rows = by_url(store)
        assert all(store.is_read(rows[url]) for url in offline)
    coldsweat.start()
    done = cli(b, "sync", password=False)
    assert done.returncode == 0, done.stderr
    with store_of(b) as store:
        assert store.pending_count() == 0
    unread, _ = coldsweat.states()
    assert not {ids[url] for url in offline} & unread

    done = cli(a, "sync", password=False)
    assert done.returncode == 0, done.stderr
    with store_of(a) as store:
        rows = by_url(store)
        assert all(store.is_read(rows[url]) for url in offline)
        assert store.is_read(rows[other.url]) and len(store.list_bookmarks()) == 1


def test_sigkilled_syncs_lose_nothing_queued_and_the_next_sync_converges(tmp_path, coldsweat, news):
    a, b = tmp_path / "a", tmp_path / "b"
    login_and_sync(a, coldsweat)
    login_and_sync(b, coldsweat)
    rng = random.Random(13)
    wanted_read: dict[str, bool] = {}
    wanted_star: dict[str, bool] = {}
    env = {**os.environ, "IKN_READ_HOME": str(b)}
    for round_ in range(6):
        with store_of(b) as store:
            rows = by_url(store)
            for item in rng.sample(news.items, 3):
                value = rng.random() < 0.6
                store.set_read(rows[item.url], value)
                wanted_read[item.url] = value
            item = rng.choice(news.items)
            if wanted_star.get(item.url):
                store.remove_bookmark(rows[item.url])
                wanted_star[item.url] = False
            else:
                store.add_bookmark(store.get_article(rows[item.url]))
                wanted_star[item.url] = True
        proc = subprocess.Popen([sys.executable, "-m", "ikn_tui", "sync"], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.05, 0.9))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        # Nothing queued is lost: each change is either still pending or on the server.
        ids = coldsweat.ids_by_url()
        unread, saved = coldsweat.states()
        with store_of(b) as store:
            pending = {(c.item_key, c.field): c.value for c in store.pending_changes()}
        for url, value in wanted_read.items():
            assert pending.get((url, "read"), (ids[url] not in unread)) == value, (round_, url)
        for url, value in wanted_star.items():
            assert pending.get((url, "starred"), (ids[url] in saved)) == value, (round_, url)

    done = cli(b, "sync", password=False)
    assert done.returncode == 0, done.stderr
    with store_of(b) as store:
        assert store.pending_count() == 0
    ids = coldsweat.ids_by_url()
    unread, saved = coldsweat.states()
    assert {url: ids[url] not in unread for url in wanted_read} == wanted_read
    assert {url: ids[url] in saved for url in wanted_star} == wanted_star
    done = cli(a, "sync", password=False)
    assert done.returncode == 0, done.stderr
    with store_of(a) as store:
        rows = by_url(store)
        assert {url: store.is_read(rows[url]) for url in wanted_read} == wanted_read
        marked = {a.url for a in store.list_bookmarks()}
        assert {url: url in marked for url in wanted_star} == wanted_star


async def test_fever_api_calls_against_coldsweat(coldsweat, news):
    """The parts of the Fever API the engine does not use every time: groups,
    with_ids, mark feed/group read before a time, unread/unsaved."""
    import time as clock

    from ikn_tui.core.fetch import Fetcher
    from ikn_tui.core.sync.fever import FeverBackend, api_key

    async with Fetcher() as fetcher:
        fever = FeverBackend(coldsweat.url, api_key(EMAIL, PASSWORD), fetcher)
        await fever.connect()
        groups = await fever.groups()
        feeds = {feed.url: feed.id for feed in await fever.feeds()}
        assert groups and set(feeds) == set(news.feed_urls())
        items, marker = await fever.new_items(None, set())
        assert len(items) == 10 and int(marker or 0) == max(int(i.id) for i in items)
        [again] = await fever.items_by_id([items[0].id])
        assert again.url == items[0].url
        first_feed = feeds[news.feed_urls()[0]]
        await fever.mark_feed_read(first_feed, int(clock.time()) + 60)
        unread, _ = await fever.states()
        assert len(unread) == 5  # the other feed's five
        await fever.mark([items[0].id], "read", False)
        await fever.mark([items[0].id], "starred", True)
        unread, starred = await fever.states()
        assert items[0].id in unread and starred == {items[0].id}
        await fever.mark_group_read("0", int(clock.time()) + 60)  # group 0: everything
        unread, _ = await fever.states()
        assert unread == set()
