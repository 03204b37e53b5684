"""Sync against a feed server that misbehaves: garbage instead of JSON, 401,
a hang, a 60 MB answer, an item id twice, a read state for an item it does
not serve, a 500 to a push (the change stays queued). Each is one clean line (SyncError / one stderr line, exit 1) and
changes nothing in the local store."""

from __future__ import annotations

import sqlite3

import pytest
from sync_servers import FakeFever
from tls_helpers import self_signed_certificate

from ikn_tui.cli.main import main as cli
from ikn_tui.core import paths
from ikn_tui.core.fetch import NetConfig
from ikn_tui.core.problem import Problem
from ikn_tui.core.store import Store
from ikn_tui.core.sync import SyncError, login, run_sync
from ikn_tui.core.sync.fever import api_key

USER, PASSWORD = "pembaca", "kata-sandi-panjang"
FAST = NetConfig(connect_timeout=1.0, read_timeout=1.0, deadline=3.0)


@pytest.fixture(autouse=True)
def _no_keyring(monkeypatch):
    monkeypatch.setenv("IKN_READ_KEYRING", "off")
    monkeypatch.delenv("IKN_READ_SYNC_PASSWORD", raising=False)


@pytest.fixture
def fever(http_server):
    server = FakeFever(http_server, api_key(USER, PASSWORD))
    feed = http_server.url("feed.xml")
    server.state.feeds[feed] = "Kabar Uji"
    for n in range(1, 61):
        server.state.add(feed, f"Berita {n}", http_server.url(f"berita/{n}"))
    return server


def snapshot() -> list:
    conn = sqlite3.connect(paths.database_path())
    try:
        return [
            conn.execute("SELECT id, url_key, read, title FROM articles ORDER BY id").fetchall(),
            conn.execute("SELECT url_key, record FROM bookmarks ORDER BY id").fetchall(),
            conn.execute("SELECT * FROM sync_items ORDER BY server_id").fetchall(),
            conn.execute("SELECT item_key, field, value FROM sync_pending ORDER BY id").fetchall(),
            conn.execute("SELECT * FROM sync_state WHERE key <> 'last_error' ORDER BY key").fetchall(),
            conn.execute("SELECT url FROM subscriptions ORDER BY url").fetchall(),
        ]
    finally:
        conn.close()


async def _synced_home(fever, http_server) -> None:
    with Store.open_default() as store:
        await login(store, "fever", fever.url, USER, PASSWORD)
        await run_sync(store, FAST, full_text=False)
        ids = {row.url: row.id for row in store.list_rows(0, 100)}
        store.set_read(ids[http_server.url("berita/3")], True)  # a change waiting to be pushed
    fever.state.add(http_server.url("feed.xml"), "Berita baru", http_server.url("berita/baru"))
    fever.state.read.add(5)


CASES = {
    "garbage": ("garbage", "not JSON"),
    "401": ("status", "refused the credentials (HTTP 401)"),
    "hang": ("hang", "timed out"),
    "60 MB": ("huge", "too large"),
    "duplicate ids": ("duplicate", "twice"),
    "unknown id": ("lie", "does not serve it"),
    "push refused": ("markfail", "HTTP 500"),  # the waiting change stays queued
}


@pytest.mark.parametrize("case", list(CASES))
async def test_a_misbehaving_server_changes_nothing_locally(case, fever, http_server):
    mode, words = CASES[case]
    await _synced_home(fever, http_server)
    if mode in ("duplicate", "lie"):  # these servers answer the marks: push the waiting change first
        with Store.open_default() as store:
            await run_sync(store, FAST, full_text=False)
            ids = {row.url: row.id for row in store.list_rows(0, 100)}
            store.set_read(ids[http_server.url("berita/4")], True)
        fever.state.add(http_server.url("feed.xml"), "Berita lain", http_server.url("berita/lain"))
        fever.state.read.add(6)
        # a since_id page that repeats an item / an unread id that is never served
    before = snapshot()
    fever.mode = mode
    with Store.open_default() as store, pytest.raises(SyncError) as caught:
        await run_sync(store, FAST, full_text=False)
    message = str(caught.value)
    assert words in message and "\n" not in message and PASSWORD not in message
    after = snapshot()
    if mode in ("duplicate", "lie"):
        # the waiting change was pushed before the pull (the server took it): only its
        # pending row went; nothing pulled was applied
        before[3], after[3] = [], after[3]
        assert after[3] == []
        before[2] = [r[:3] for r in before[2]]
        after[2] = [r[:3] for r in after[2]]
    assert after == before
    with Store.open_default() as store:
        assert str(Problem.from_stored(store.sync_get("last_error"))) == message


def test_the_cli_prints_one_line_and_exits_1(fever, http_server, capsys):
    import asyncio

    asyncio.run(_synced_home(fever, http_server))
    before = snapshot()
    fever.mode = "garbage"
    assert cli(["sync"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("ikn-read: sync failed:") and "Traceback" not in err
    assert snapshot() == before


@pytest.fixture
def self_signed_server(tmp_path):
    """An https:// Fever-looking server on 127.0.0.1 with a self-signed certificate."""
    import ssl
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    key, cert = self_signed_certificate(tmp_path)
    asked: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # quiet
            pass

        def do_POST(self):
            asked.append(self.path)
            body = b'{"api_version":3,"auth":1}'
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"https://127.0.0.1:{httpd.server_address[1]}/fever/", asked
    finally:
        httpd.shutdown()
        httpd.server_close()


async def test_tls_is_verified_a_self_signed_server_is_refused(self_signed_server, monkeypatch):
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    url, asked = self_signed_server
    with Store.open_default() as store:
        with pytest.raises(SyncError) as caught:
            await login(store, "fever", url, USER, PASSWORD, config=FAST)
        assert "TLS certificate problem for 127.0.0.1" in str(caught.value)
        assert caught.value.kind == "unreachable" and store.sync_account() is None
    assert asked == []  # the key never reached it
