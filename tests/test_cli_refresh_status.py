"""`ikn-read refresh` on a terminal: the status line names the feed that just
finished, and says "failed" ("gagal" in Indonesian) when it failed (a real process, stderr on a pty)."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from pathlib import Path

from ikn_tui.core.refresh import RefreshProgress, feed_label
from ikn_tui.core.store import Store

FEED = (Path(__file__).resolve().parent / "fixtures" / "site" / "feed.xml").read_bytes()
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def test_feed_label_names_the_feed_and_says_gagal_for_a_failure() -> None:
    assert feed_label("https://www.kabar.example/rss/", "ok") == "kabar.example/rss"
    assert feed_label("https://kabar.example/rss", "not-modified") == "kabar.example/rss"
    assert feed_label("https://kabar.example/rss", "error") == "kabar.example/rss gagal"
    assert feed_label("https://kabar.example/rss", "gone") == "kabar.example/rss gagal"
    assert feed_label("https://kabar.example/\x1b[31mrss", "ok") == "kabar.example/rss"  # no escape sequence
    assert RefreshProgress(1, 2, "http://h.example/x", "error", "HTTP 500", 0).label == "h.example/x gagal"


def test_refresh_status_line_names_the_last_feed_even_when_it_failed(tmp_path: Path, http_server) -> None:  # type: ignore[no-untyped-def]
    http_server.route("kabar.xml", FEED, content_type="application/rss+xml")
    http_server.route("hilang.xml", b"tidak ada", status=404, content_type="text/plain")
    home = tmp_path / "home"
    home.mkdir()
    with Store(home / "ikn-read.sqlite3") as store:
        store.add_subscription(http_server.url("kabar.xml"))
        store.add_subscription(http_server.url("hilang.xml"))
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    env.update(IKN_READ_HOME=str(home), COLUMNS="200", LINES="24", TERM="xterm")
    parent, child = pty.openpty()
    try:
        done = subprocess.run([sys.executable, "-m", "ikn_tui", "refresh"], stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=child, env=env, timeout=60, text=True)
        os.close(child)
        child = -1
        raw = b""
        while True:
            try:
                chunk = os.read(parent, 65536)
            except OSError:
                break
            if not chunk:
                break
            raw += chunk
    finally:
        os.close(parent)
        if child >= 0:
            os.close(child)
    assert done.returncode == 0 and "Refreshed 2 feeds" in done.stdout and "1 failed" in done.stdout
    shown = ANSI.sub("", raw.decode("utf-8", "replace"))
    port = http_server.port
    assert f"127.0.0.1:{port}/hilang.xml failed" in shown, shown[-1500:]  # IKN_READ_LANG=en (conftest)
    assert f"127.0.0.1:{port}/kabar.xml" in shown
    assert f"127.0.0.1:{port}/kabar.xml failed" not in shown
