"""The Google Reader API back-end against a loopback server that implements the
published endpoints (tests/sync_servers.py), and against a real FreshRSS or
Miniflux when IKN_READ_TEST_GREADER_URL (+ _USER, _PASSWORD) is set."""

from __future__ import annotations

import os
import stat

import pytest
from sync_servers import FakeGReader

from ikn_tui.core.store import Store
from ikn_tui.core.sync import SyncError, credentials_path, login, run_sync, status
from ikn_tui.core.sync.greader import item_id

BACA = ('<p>{long}</p><p><strong>Baca juga: <a href="{other}">Berita lain dari Sepaku</a></strong></p>'
        '<p>{long}</p>')
LONG = "Pekerja menyelesaikan jembatan di Sepaku sebelum musim hujan tiba, kata kepala proyek. " * 5


@pytest.fixture
def greader(http_server):
    server = FakeGReader(http_server)
    feed = http_server.url("feed.xml")
    server.state.feeds[feed] = "Kabar Uji"
    for n in range(1, 6):
        html = BACA.format(long=LONG, other=http_server.url("berita/2")) if n == 1 else f"<p>Ringkasan {n}.</p>"
        server.state.add(feed, f"Berita {n}", http_server.url(f"berita/{n}"), html)
    return server


def _store() -> Store:
    return Store.open_default()


def test_item_ids_in_both_forms_are_the_same_number():
    assert item_id("tag:google.com,2005:reader/item/000000000000001f") == "31" == item_id("31")
    assert item_id("tag:google.com,2005:reader/item/ffffffffffffffff") == "-1" == item_id("-1")
    with pytest.raises(SyncError):
        item_id("tag:google.com,2005:reader/item/xyz")


async def test_greader_login_pull_push_and_subscribe(greader, http_server):
    with _store() as store:
        where = await login(store, "greader", greader.url, greader.user, greader.password)
        assert where == str(credentials_path())
        assert stat.S_IMODE(credentials_path().stat().st_mode) == 0o600
        assert greader.password not in credentials_path().read_text()  # the token is kept, not the password
        greader.state.read.add(2)
        greader.state.starred.add(1)
        report = await run_sync(store, full_text=False)
        assert report.new_articles == 5 and report.bookmarks_added == 1
        rows = {row.url: row for row in store.list_rows(0, 100)}
        assert rows[http_server.url("berita/2")].read and not rows[http_server.url("berita/3")].read
        [bookmark] = store.list_bookmarks()
        assert bookmark.url == http_server.url("berita/1") and bookmark.full
        assert [link.url for link in bookmark.related] == [http_server.url("berita/2")]
        assert [s.url for s in store.list_subscriptions()] == [http_server.url("feed.xml")]

        store.set_read(rows[http_server.url("berita/3")].id, True)
        store.set_read(rows[http_server.url("berita/2")].id, False)
        store.remove_bookmark(rows[http_server.url("berita/1")].id)
        store.add_subscription(http_server.url("baru.xml"))
        assert status(store).pending == 4
        report = await run_sync(store, full_text=False)
        assert report.pushed == 4 and report.waiting == 0
    assert greader.state.read == {3} and greader.state.starred == set()
    assert http_server.url("baru.xml") in greader.state.feeds
    edits = [dict(e) for e in greader.edits]
    assert all(e.get("T") == greader.write_token for e in edits)


async def test_greader_is_incremental_and_server_changes_arrive(greader, http_server):
    with _store() as store:
        await login(store, "greader", greader.url, greader.user, greader.password)
        await run_sync(store, full_text=False)
        before = len(http_server.requests)
        report = await run_sync(store, full_text=False)
        paths = [p.split("?")[0].rsplit("/", 1)[-1] for p, _ in http_server.requests[before:]]
        assert report.new_articles == 0 and "contents" not in paths  # nothing new: no item fetched
        greader.state.add(http_server.url("feed.xml"), "Berita 6", http_server.url("berita/6"))
        greader.state.read.update({1, 4})
        before = len(http_server.requests)
        report = await run_sync(store, full_text=False)
        assert report.new_articles == 1 and report.read_changed == 2
        contents = [p for p, _ in http_server.requests[before:] if "contents" in p]
        assert len(contents) == 1


async def test_greader_wrong_password_is_refused_and_nothing_is_kept(greader):
    with _store() as store:
        with pytest.raises(SyncError) as caught:
            await login(store, "greader", greader.url, greader.user, "salah")
        assert caught.value.kind == "refused"
        assert store.sync_account() is None and not credentials_path().exists()


@pytest.mark.skipif(not os.environ.get("IKN_READ_TEST_GREADER_URL"), reason="IKN_READ_TEST_GREADER_URL is not set")
async def test_against_a_real_greader_server():
    """Run with IKN_READ_TEST_GREADER_URL=https://host/api/greader.php (FreshRSS) or
    https://host/ (Miniflux), IKN_READ_TEST_GREADER_USER, IKN_READ_TEST_GREADER_PASSWORD."""
    url = os.environ["IKN_READ_TEST_GREADER_URL"]
    user = os.environ.get("IKN_READ_TEST_GREADER_USER", "")
    password = os.environ.get("IKN_READ_TEST_GREADER_PASSWORD", "")
    with _store() as store:
        await login(store, "greader", url, user, password, insecure=url.startswith("http://"))
        first = await run_sync(store, full_text=False)
        second = await run_sync(store, full_text=False)
        assert second.new_articles == 0 and second.waiting == 0
        assert store.count_articles() >= first.new_articles


async def test_an_expired_write_token_is_renewed_once(greader, http_server):
    with _store() as store:
        await login(store, "greader", greader.url, greader.user, greader.password)
        await run_sync(store, full_text=False)
        [row] = [r for r in store.list_rows(0, 100) if r.url == http_server.url("berita/4")]
        store.set_read(row.id, True)
        greader.expire_token_once = True  # the token expires between connect and the push
        asked = greader.token_requests
        report = await run_sync(store, full_text=False)
        assert report.pushed == 1 and 4 in greader.state.read
        assert greader.token_requests == asked + 2  # at connect, and once more after the refusal
