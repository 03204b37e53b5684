"""Subscribing: `feeds add` validates the URL, and an OPML gives the same
subscriptions (titles included) whether imported with `feeds import` or opened
in the reader: one core path (core/subscribe.py)."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import pytest
from ui_helpers import seed_store, settle

from ikn_tui.core import paths
from ikn_tui.core.store import Store
from ikn_tui.core.subscribe import feed_url_problem, subscribe
from ikn_tui.ui.app import IknReadApp
from ikn_tui.ui.screens.dialogs import ConfirmScreen

OPML = Path(__file__).resolve().parent / "fixtures" / "opml" / "langganan.opml"


def ikn(home: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    env["IKN_READ_HOME"] = str(home)
    return subprocess.run(
        [sys.executable, "-m", "ikn_tui", *argv], capture_output=True, text=True, env=env, timeout=60,
        stdin=subprocess.DEVNULL,
    )


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("http://", "names no host"),
        ("https://exa mple.com/x", "spaces"),
        ("https://kabar.example/x\x1b[31m", "control characters"),
        ("ftp://kabar.example/rss", "only http:// and https://"),
        ("kabar.example/rss", "only http:// and https://"),
        ("javascript:alert(1)", "only http:// and https://"),
        ("http://kabar.example:port/rss", "not a valid URL"),
        ("", "a feed URL is needed"),
    ],
)
def test_feeds_add_refuses_what_is_not_a_feed_url(tmp_path: Path, url: str, why: str) -> None:
    assert why in str(feed_url_problem(url) or "")
    done = ikn(tmp_path, "feeds", "add", url)
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("ikn-read: ") and why in lines[0], lines
    assert "\x1b" not in done.stderr and done.stdout == ""
    with Store(tmp_path / "ikn-read.sqlite3") as store:
        assert store.list_subscriptions() == []


def test_feeds_add_accepts_a_feed_url(tmp_path: Path) -> None:
    done = ikn(tmp_path, "feeds", "add", "  https://kabar.example/rss  ", "--title", "Kabar")
    assert done.returncode == 0 and done.stdout == "added https://kabar.example/rss\n", done.stderr
    assert ikn(tmp_path, "feeds", "add", "https://kabar.example/rss").stdout.startswith("already subscribed")
    with Store(tmp_path / "ikn-read.sqlite3") as store:
        assert [(s.url, s.title) for s in store.list_subscriptions()] == [("https://kabar.example/rss", "Kabar")]


def test_subscribe_keeps_titles_skips_repeats_and_refuses_bad_urls(tmp_path: Path) -> None:
    with Store(tmp_path / "db.sqlite3") as store:
        store.add_subscription("https://lama.example/rss")
        done = subscribe(store, [
            ("https://baru.example/rss", "Baru"), ("https://lama.example/rss", "Lama"),
            ("https://baru.example/rss", "Lagi"), ("file:///etc/passwd", "Berkas"), ("http://", None),
        ])
        assert done.added == ["https://baru.example/rss"] and done.known == ["https://lama.example/rss"]
        assert len(done.refused) == 2
        titles = {s.url: s.title for s in store.list_subscriptions()}
    assert titles == {"https://lama.example/rss": None, "https://baru.example/rss": "Baru"}


async def test_an_opml_in_the_reader_subscribes_as_feeds_import_does(tmp_path: Path) -> None:
    imported = ikn(tmp_path / "cli", "feeds", "import", str(OPML))
    assert imported.returncode == 0, imported.stderr
    with Store(tmp_path / "cli" / "ikn-read.sqlite3") as store:
        by_cli = {s.url: s.title for s in store.list_subscriptions()}
    assert len(by_cli) >= 3 and any(by_cli.values())  # the fixture's feeds have titles

    seed_store(2).close()
    app = IknReadApp([str(OPML)], offline=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        for _ in range(200):
            if isinstance(app.screen, ConfirmScreen):
                break
            await pilot.pause()
            await asyncio.sleep(0.02)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
    with Store(paths.database_path()) as store:
        in_reader = {s.url: s.title for s in store.list_subscriptions()}
    assert in_reader == by_cli
