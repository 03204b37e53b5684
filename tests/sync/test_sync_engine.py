"""The engine's rules, against a loopback Fever server (tests/sync_servers.py):
a pending local change is never overwritten, first contact keeps either
side's mark, server changes arrive, articles dedupe with ikn-read's own,
a sync with nothing new is a handful of requests."""

from __future__ import annotations

import pytest
from sync_servers import FakeFever

from ikn_tui.core.models import Article
from ikn_tui.core.store import Store
from ikn_tui.core.store.syncing import decide
from ikn_tui.core.sync import login, run_sync, status
from ikn_tui.core.sync.fever import api_key

USER, PASSWORD = "pembaca", "kata-sandi-panjang"


@pytest.fixture
def fever(http_server):
    server = FakeFever(http_server, api_key(USER, PASSWORD))
    feed = http_server.url("feed.xml")
    server.state.feeds[feed] = "Kabar Uji"
    for n in range(1, 121):  # three pages of 50
        server.state.add(feed, f"Berita {n}", http_server.url(f"berita/{n}"), f"<p>Isi berita {n}.</p>")
    return server


def rows(store: Store) -> dict[str, int]:
    return {row.url: row.id for row in store.list_rows(0, 1000)}


@pytest.mark.parametrize(("prev", "server", "local", "pending", "expected"), [
    (None, True, False, False, (True, None)),   # first contact: the read side wins
    (None, False, True, False, (None, True)),
    (0, True, False, False, (True, None)),      # changed on the server
    (1, True, False, False, (None, False)),     # changed here, unrecorded: sent
    (0, True, False, True, (None, None)),       # pending: never overwritten
    (1, True, True, False, (None, None)),
])
def test_decide(prev, server, local, pending, expected):
    assert decide(prev, server, local, pending) == expected


async def test_pending_change_survives_a_server_that_changed_the_same_item(fever, http_server):
    with Store.open_default() as store:
        await login(store, "fever", fever.url, USER, PASSWORD)
        report = await run_sync(store, full_text=False)
        assert report.new_articles == 120
        ids = rows(store)
        one, two = ids[http_server.url("berita/1")], ids[http_server.url("berita/2")]
        fever.state.read.add(1)
        await run_sync(store, full_text=False)
        assert store.is_read(one)
        store.set_read(one, False)               # local changes, not pushed yet:
        store.set_read(one, True)                # the last one (read) waits
        fever.state.read.discard(1)              # the server changed the same item meanwhile
        fever.state.read.add(2)
        fever.state.starred.add(2)
        report = await run_sync(store, full_text=False)
        assert store.is_read(one) and store.is_read(two) and store.is_bookmarked(two)
        assert 1 in fever.state.read and status(store).pending == 0
        fever.state.starred.discard(2)           # unstarred elsewhere: the bookmark goes
        fever.state.read.discard(2)              # and marked unread elsewhere
        report = await run_sync(store, full_text=False)
        assert not store.is_bookmarked(two) and not store.is_read(two)
        assert report.bookmarks_removed == 1


async def test_first_contact_keeps_local_marks_and_dedupes_by_canonical_url(fever, http_server):
    with Store.open_default() as store:
        # ikn-read fetched this article itself before the account existed
        local = Article(title="Berita 5 (lokal)", url=http_server.url("berita/5") + "?utm_source=rss",
                        body=["Isi lengkap dari halaman."], feed_url=http_server.url("feed.xml"))
        [article_id] = store.upsert_articles([local]).ids
        store.set_read(article_id, True)
        store.add_bookmark(store.get_article(article_id))
        assert status(store).pending == 0  # no account: nothing queued
        await login(store, "fever", fever.url, USER, PASSWORD)
        report = await run_sync(store, full_text=False)
        assert report.new_articles == 119 and store.count_articles() == 120
        assert 5 in fever.state.read and fever.state.starred == {5}
        assert report.pushed == 2 and status(store).pending == 0


async def test_a_sync_with_nothing_new_is_four_requests(fever):
    with Store.open_default() as store:
        await login(store, "fever", fever.url, USER, PASSWORD)
        await run_sync(store, full_text=False)
        fever.calls.clear()
        report = await run_sync(store, full_text=False)
        assert report.new_articles == 0
        assert fever.calls == ["api", "api&feeds", "api&items&since_id=120", "api&unread_item_ids&saved_item_ids"]


async def test_a_change_for_an_article_the_server_lacks_is_dropped_not_kept_forever(fever, http_server):
    with Store.open_default() as store:
        await login(store, "fever", fever.url, USER, PASSWORD)
        [article_id] = store.upsert_articles([Article(title="Hanya lokal", url=http_server.url("lokal/1"))]).ids
        store.set_read(article_id, True)
        assert status(store).pending == 1
        report = await run_sync(store, full_text=False)
        assert report.dropped == 1 and report.waiting == 0 and store.is_read(article_id)


async def test_bookmark_from_the_server_gets_its_full_text(fever, http_server):
    page = ("<!doctype html><html><head><title>Berita 7</title></head><body><article><h1>Berita 7</h1>"
            + "<p>Paragraf panjang tentang pembangunan di Sepaku yang berlanjut.</p>" * 8
            + "</article></body></html>")
    http_server.route("berita/7", page)
    fever.state.starred.add(7)
    with Store.open_default() as store:
        await login(store, "fever", fever.url, USER, PASSWORD)
        report = await run_sync(store)
        assert report.bookmarks_added == 1 and report.full_text == 1
        [bookmark] = store.list_bookmarks()
        assert bookmark.full and len(bookmark.body) >= 8


def test_the_store_never_applies_a_server_change_over_a_pending_one():
    from ikn_tui.core.store import ServerPull

    with Store.open_default() as store:
        store.set_sync_account('{"kind": "fever", "url": "http://127.0.0.1/fever/", "user": "u"}')
        article = Article(title="Satu", url="https://kabar.example/1", body=["Isi."])
        store.apply_server_state(ServerPull(feeds=[], items=[("1", article)], unread=set(), starred={"1"}))
        [row] = store.list_rows(0, 10)
        assert row.read and row.bookmarked
        store.set_read(row.id, False)
        store.set_read(row.id, True)          # pending: read
        store.remove_bookmark(row.id)         # pending: not starred
        applied = store.apply_server_state(ServerPull(feeds=[], items=[], unread={"1"}, starred={"1"}))
        assert store.is_read(row.id) and not store.is_bookmarked(row.id)
        assert applied.read_changed == 0 and applied.bookmarks_added == 0
        assert {(c.field, c.value) for c in store.pending_changes()} == {("read", True), ("starred", False)}


async def test_a_feed_removed_here_stays_removed_on_a_fever_server(fever, http_server):
    feed = http_server.url("feed.xml")
    with Store.open_default() as store:
        await login(store, "fever", fever.url, USER, PASSWORD)
        await run_sync(store, full_text=False)
        assert [s.url for s in store.list_subscriptions()] == [feed]
        store.remove_subscription(feed)  # Fever has no API to unsubscribe
        report = await run_sync(store, full_text=False)
        assert report.dropped == 1 and store.list_subscriptions() == []
        await run_sync(store, full_text=False)
        assert store.list_subscriptions() == []  # not brought back by the next pull
        store.add_subscription(feed)
        await run_sync(store, full_text=False)
        await run_sync(store, full_text=False)
        assert [s.url for s in store.list_subscriptions()] == [feed]


def test_a_deleted_article_never_unstars_its_server_item():
    from ikn_tui.core.store import ServerPull

    with Store.open_default() as store:
        store.set_sync_account('{"kind": "fever", "url": "http://127.0.0.1/fever/", "user": "u"}')
        article = Article(title="Dua", url="https://kabar.example/2", body=["Isi."])
        store.apply_server_state(ServerPull(feeds=[], items=[("2", article)], unread=set(), starred=set()))
        [row] = store.list_rows(0, 10)
        store.delete_articles([row.id])  # e.g. trimmed by the store's retention
        for _ in range(2):  # starred elsewhere; twice, so the server state is "known"
            store.apply_server_state(ServerPull(feeds=[], items=[], unread=set(), starred={"2"}))
        assert store.pending_changes() == []  # no "unstar" queued for it


def test_an_article_stored_again_after_deletion_follows_its_server_item():
    from ikn_tui.core.store import ServerPull

    with Store.open_default() as store:
        store.set_sync_account('{"kind": "fever", "url": "http://127.0.0.1/fever/", "user": "u"}')
        article = Article(title="Tiga", url="https://kabar.example/3", body=["Isi."])
        store.apply_server_state(ServerPull(feeds=[], items=[("3", article)], unread={"3"}, starred=set()))
        [row] = store.list_rows(0, 10)
        store.delete_articles([row.id])
        [again] = store.upsert_articles([article]).ids  # a refresh stored it again
        assert not store.is_read(again)  # (the sync map lost its row id with the deletion)
        store.apply_server_state(ServerPull(feeds=[], items=[], unread=set(), starred={"3"}))  # read, starred elsewhere
        assert store.is_read(again) and store.is_bookmarked(again)


async def test_what_a_sync_brings_is_kept_outside_the_database_too(fever, http_server):
    import json

    from ikn_tui.core import paths

    fever.state.starred.add(3)
    with Store.open_default() as store:
        await login(store, "fever", fever.url, USER, PASSWORD)
        await run_sync(store, full_text=False)
    kept = paths.database_path()
    subs = json.loads(kept.with_name(f"{kept.stem}-subscriptions.json").read_text())
    marks = json.loads(kept.with_name(f"{kept.stem}-bookmarks.json").read_text())
    assert http_server.url("feed.xml") in json.dumps(subs)
    assert http_server.url("berita/3") in json.dumps(marks)
