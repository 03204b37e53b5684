"""7. HTTP faults from a loopback server, through ``refresh`` into the store:
each ends within the deadline and the size cap, with a clear per-feed status
in ``ikn-read feeds list``."""

from __future__ import annotations

import functools
from collections.abc import Callable
from email.utils import formatdate
from typing import Any

import pytest
from corpus import assert_terminal_safe, endless_chunks, feed_with, gzip_bomb
from probes import MB

from ikn_tui.cli.main import main as cli
from ikn_tui.core import paths
from ikn_tui.core.fetch.client import Fetcher, NetConfig
from ikn_tui.core.refresh import refresh_all
from ikn_tui.core.store.database import Store

FAST = NetConfig(connect_timeout=1.0, read_timeout=1.0, deadline=1.0, max_bytes=1 * MB)
FEED = feed_with(3)


@functools.cache
def _bomb() -> bytes:
    return gzip_bomb(32)


def _stream_50mb(request: Any) -> None:
    request.send_response(200)
    request.send_header("Content-Type", "application/rss+xml")
    request.send_header("Connection", "close")
    request.end_headers()
    for chunk in endless_chunks(total_mb=50):
        request.wfile.write(chunk)


# name -> (set up the server, expected status, words in the message)
Setup = Callable[[Any], None]
CASES: dict[str, tuple[Setup, str, tuple[str, ...]]] = {
    "slow_drip": (lambda s: s.route("feed", FEED, drip=0.1, chunk_size=16), "error", ("timed out",)),
    "accept_and_hang": (lambda s: s.route("feed", hang=True), "error", ("timed out",)),
    "redirect_loop": (lambda s: (s.redirect("feed", "/b"), s.redirect("b", "/feed")), "error", ("too many redirects",)),
    "redirect_to_file": (lambda s: s.redirect("feed", "file:///etc/passwd"), "error", ("scheme",)),
    "redirect_to_ftp": (lambda s: s.redirect("feed", "ftp://127.0.0.1/feed"), "error", ("scheme",)),
    "not_found_404": (lambda s: s.route("feed", b"<h1>hilang</h1>", status=404), "error", ("HTTP 404",)),
    "server_error_500": (lambda s: s.route("feed", b"<h1>rusak</h1>", status=500), "error", ("HTTP 500",)),
    "content_length_too_long": (lambda s: s.route("feed", FEED, content_length=len(FEED) + 5000), "error", ("closed",)),
    "gzip_bomb": (lambda s: s.route("feed", _bomb(), headers={"Content-Encoding": "gzip"}), "error",
                  ("too large", "decompression")),
    "stream_50mb": (lambda s: s.route("feed", handler=_stream_50mb), "error", ("too large",)),
    "declared_50mb": (lambda s: s.route("feed", FEED, headers={"Content-Length": str(50 * MB)}), "error", ("too large",)),
    "empty_200": (lambda s: s.route("feed", b"", content_type="application/rss+xml"), "error", ("empty",)),
    "html_200": (lambda s: s.route("feed", b"<!DOCTYPE html><html><body><p>Beranda</p></body></html>"), "error",
                 ("not a feed",)),
    "header_injection_status": (lambda s: s.route("feed", b"x", status=599), "error", ("HTTP 599",)),
}


async def _refresh(url: str) -> Any:
    with Store(paths.database_path()) as store:
        async with Fetcher(FAST) as fetcher:
            summary = await refresh_all(store, fetcher)
        return summary, store.list_subscriptions()


def _feeds_list(capsys: pytest.CaptureFixture[str]) -> list[str]:
    assert cli(["feeds", "list"]) == 0
    out, err = capsys.readouterr()
    assert_terminal_safe(out + err, allow_newlines=True)
    return out.strip().splitlines()


def _subscribe(url: str) -> None:
    with Store(paths.database_path()) as store:
        store.add_subscription(url)


@pytest.mark.timeout(6)
@pytest.mark.parametrize("name", sorted(CASES))
async def test_fault_gives_a_clear_status(name: str, http_server: Any, capsys: pytest.CaptureFixture[str]) -> None:
    setup, status, words = CASES[name]
    setup(http_server)
    url = http_server.url("feed")
    _subscribe(url)
    summary, [sub] = await _refresh(url)
    assert summary.total == 1 and summary.failed == 1
    assert sub.status == status
    for word in words:
        assert word in str(sub.message or ""), sub.message
    lines = _feeds_list(capsys)
    assert len(lines) == 1 and lines[0].startswith(status) and url in lines[0]
    with Store(paths.database_path()) as store:
        assert store.count_articles() == 0


@pytest.mark.timeout(6)
async def test_content_length_shorter_than_body(http_server: Any, capsys: pytest.CaptureFixture[str]) -> None:
    http_server.route("feed", FEED, content_length=len(FEED) // 2)
    url = http_server.url("feed")
    _subscribe(url)
    summary, [sub] = await _refresh(url)
    assert sub.status in ("ok", "error") and summary.total == 1
    assert sub.status == "ok" or sub.message  # a truncated feed: what parsed, or why not
    assert _feeds_list(capsys)[0].startswith(sub.status or "")


@pytest.mark.timeout(6)
async def test_301_updates_the_stored_url(http_server: Any, capsys: pytest.CaptureFixture[str]) -> None:
    http_server.route("new-feed", FEED, content_type="application/rss+xml")
    http_server.redirect("old-feed", "/new-feed", status=301)
    _subscribe(http_server.url("old-feed"))
    summary, [sub] = await _refresh(http_server.url("old-feed"))
    assert summary.ok == 1 and sub.url == http_server.url("new-feed") and sub.status == "ok"
    line = _feeds_list(capsys)[0]
    assert http_server.url("new-feed") in line and "old-feed" not in line
    with Store(paths.database_path()) as store:
        assert store.count_articles() == 3


@pytest.mark.timeout(6)
async def test_302_keeps_the_stored_url(http_server: Any) -> None:
    http_server.route("new-feed", FEED, content_type="application/rss+xml")
    http_server.redirect("old-feed", "/new-feed", status=302)
    _subscribe(http_server.url("old-feed"))
    _, [sub] = await _refresh(http_server.url("old-feed"))
    assert sub.url == http_server.url("old-feed") and sub.status == "ok"


@pytest.mark.timeout(6)
async def test_304_is_not_modified(http_server: Any, capsys: pytest.CaptureFixture[str]) -> None:
    http_server.route("feed", FEED, content_type="application/rss+xml", etag='"v1"')
    _subscribe(http_server.url("feed"))
    first, [sub] = await _refresh("")
    assert first.ok == 1 and sub.etag == '"v1"'
    second, [sub] = await _refresh("")
    assert second.not_modified == 1 and sub.status == "not-modified"
    assert http_server.requests[-1][1].get("if-none-match") == '"v1"'
    assert _feeds_list(capsys)[0].startswith("not-modified")


@pytest.mark.timeout(6)
async def test_410_marks_the_feed_gone_and_it_is_not_fetched_again(http_server: Any,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    http_server.route("feed", b"", status=410)
    _subscribe(http_server.url("feed"))
    _, [sub] = await _refresh("")
    assert sub.status == "gone" and "410" in str(sub.message or "")
    again, _ = await _refresh("")
    assert again.skipped == 1 and len(http_server.requests) == 1
    assert _feeds_list(capsys)[0].startswith("gone")


@pytest.mark.timeout(6)
@pytest.mark.parametrize("status", [429, 503])
@pytest.mark.parametrize("form", ["seconds", "date"])
async def test_retry_after_is_respected(status: int, form: str, http_server: Any,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    import time

    value = "600" if form == "seconds" else formatdate(time.time() + 600, usegmt=True)
    http_server.route("feed", b"sibuk", status=status, headers={"Retry-After": value})
    _subscribe(http_server.url("feed"))
    _, [sub] = await _refresh("")
    assert sub.status == "error" and str(status) in str(sub.message or "") and sub.retry_after
    again, _ = await _refresh("")
    assert again.skipped == 1 and len(http_server.requests) == 1  # not asked again before the time
    assert "wait" in " ".join(map(str, again.messages))
    line = _feeds_list(capsys)[0]
    assert line.startswith("error") and str(status) in line


@pytest.mark.timeout(10)
async def test_one_bad_feed_never_stops_the_others(http_server: Any, capsys: pytest.CaptureFixture[str]) -> None:
    http_server.route("good", FEED, content_type="application/rss+xml")
    for name, (setup, _, _) in CASES.items():
        http_server.routes.pop("/feed", None)
        http_server.routes.pop("/b", None)
        setup(http_server)
        route = http_server.routes.pop("/feed")
        http_server.routes[f"/{name}"] = route
        if name == "redirect_loop":
            http_server.redirect("redirect_loop", "/b")
            http_server.redirect("b", "/redirect_loop")
        _subscribe(http_server.url(name))
    _subscribe(http_server.url("good"))
    summary, subs = await _refresh("")
    assert summary.total == len(CASES) + 1 and summary.ok == 1 and summary.failed == len(CASES)
    assert {s.status for s in subs} == {"ok", "error"}
    lines = _feeds_list(capsys)
    assert len(lines) == len(CASES) + 1
