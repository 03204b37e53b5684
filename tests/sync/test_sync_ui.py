"""The reader syncs in the background at start and with refresh, and its
status bar says how it went (the real app through Pilot, a loopback Fever
server)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sync_servers import FakeFever
from textual.widgets import Static
from ui_helpers import settle

from ikn_tui.core.store import Store
from ikn_tui.core.sync import login, run_sync
from ikn_tui.core.sync.fever import api_key
from ikn_tui.ui.app import IknReadApp
from ikn_tui.ui.sync_status import ago

USER, PASSWORD = "pembaca", "kata-sandi-panjang"


@pytest.fixture
def fever(http_server):
    server = FakeFever(http_server, api_key(USER, PASSWORD))
    server.state.feeds[http_server.url("feed.xml")] = "Kabar Uji"
    for n in range(1, 4):
        server.state.add(http_server.url("feed.xml"), f"Berita {n}", http_server.url(f"berita/{n}"))
    return server


def status_text(app) -> str:
    return str(app.screen.query_one("#status-line", Static).render())


def test_ago_words():
    now = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
    assert ago((now - timedelta(seconds=20)).isoformat(), now) == "baru saja"
    assert ago((now - timedelta(minutes=2, seconds=5)).isoformat(), now) == "2 menit lalu"
    assert ago((now - timedelta(hours=3)).isoformat(), now) == "3 jam lalu"
    assert ago("bukan tanggal", now) == ""


async def test_the_reader_syncs_at_start_and_shows_waiting_changes(fever, http_server):
    with Store.open_default() as store:
        await login(store, "fever", fever.url, USER, PASSWORD)
    app = IknReadApp()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert app.store.count_articles() == 3  # pulled by the sync at start
        assert "tersinkron baru saja" in status_text(app)
        await pilot.press("m")  # toggle read on the highlighted article
        for _ in range(100):  # the bar re-reads the sync state every POLL_SECONDS
            if "1 perubahan menunggu" in status_text(app):
                break
            await pilot.pause(0.05)
        assert "1 perubahan menunggu" in status_text(app)
        fever.mode = "garbage"
        await pilot.press("r")
        await settle(pilot)
        assert "sinkron gagal: server Fever menjawab sesuatu yang bukan JSON" in status_text(app)
        assert "1 perubahan menunggu" in status_text(app)
        fever.mode = ""
        await pilot.press("r")
        await settle(pilot)
        assert "tersinkron baru saja" in status_text(app) and "menunggu" not in status_text(app)
    assert len(fever.state.read) == 1


async def test_no_account_no_sync_words(http_server):
    from ikn_tui.core.models import Article

    with Store.open_default() as store:
        store.upsert_articles([Article(title="Satu", url=http_server.url("berita/1"), body=["Isi."])])
    app = IknReadApp()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert "sinkron" not in status_text(app) and "Semua berita: 1 berita" in status_text(app)


async def test_offline_the_bar_still_counts_the_waiting_changes(fever, http_server):
    with Store.open_default() as store:
        await login(store, "fever", fever.url, USER, PASSWORD)
        await run_sync(store, full_text=False)
        [row, *_] = store.list_rows(0, 10)
        store.set_read(row.id, True)
    asked = len(fever.calls)
    app = IknReadApp(offline=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert "1 perubahan menunggu" in status_text(app) and "luring" in status_text(app)
    assert len(fever.calls) == asked  # offline: no sync


async def test_sync_on_start_false_waits_for_r(fever, http_server):
    from ikn_tui.core import paths

    paths.config_path().parent.mkdir(parents=True, exist_ok=True)
    paths.config_path().write_text("[sync]\non_start = false\n", encoding="utf-8")
    with Store.open_default() as store:
        await login(store, "fever", fever.url, USER, PASSWORD)
    app = IknReadApp()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert app.store.count_articles() == 0  # [sync] on_start = false: nothing pulled at start
        await pilot.press("r")
        await settle(pilot)
        assert app.store.count_articles() == 3
        assert "tersinkron baru saja" in status_text(app)
