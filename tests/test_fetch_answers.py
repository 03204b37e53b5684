"""Odd server answers are named for what they are (issue 11, part 4)."""

from __future__ import annotations

import asyncio

import pytest

from ikn_tui.cli.main import main
from ikn_tui.core.fetch import Fetcher
from ikn_tui.core.store import Store


def _raw(answer: bytes):
    def handler(request) -> None:
        request.wfile.write(answer)
        request.wfile.flush()

    return handler


def _fetch(url: str, **validators: str):
    async def run():
        async with Fetcher() as fetcher:
            return await fetcher.fetch(url, **validators)

    return asyncio.run(run())


@pytest.mark.parametrize("answer, words", [
    (b"HTTP/1.1 302 Found\r\nLocation: http://x.example/\x1b[31m\r\nContent-Length: 0\r\n\r\n",
     "redirected to an invalid Location"),
    (b"HTTP/1.1 302 Found\r\nLocation: http://x.example/" + b"a" * 1_000_000 + b"\r\nContent-Length: 0\r\n\r\n",
     "response headers that are too large"),
    (b"HTTP/1.1 200 OK\r\nX-Big: " + b"a" * 1_000_000 + b"\r\nContent-Length: 0\r\n\r\n",
     "response headers that are too large"),
])
def test_bad_headers_say_what_was_wrong(http_server, answer: bytes, words: str) -> None:
    http_server.route("odd", handler=_raw(answer))
    result = _fetch(http_server.url("odd"))
    assert result.error is not None and words in str(result.error), result.error
    assert "closed before the response was complete" not in str(result.error)


def test_a_real_early_close_still_says_so(http_server) -> None:
    http_server.route("cut", handler=_raw(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nabc"))
    result = _fetch(http_server.url("cut"))
    assert result.error is not None and "closed before the response was complete" in str(result.error)


def test_304_without_validators_is_an_error(http_server) -> None:
    http_server.route("feed.xml", handler=_raw(b"HTTP/1.1 304 Not Modified\r\n\r\n"))
    result = _fetch(http_server.url("feed.xml"))
    assert not result.not_modified and result.error and "304" in str(result.error)
    conditional = _fetch(http_server.url("feed.xml"), etag='"v1"')
    assert conditional.not_modified and conditional.error is None


def test_refresh_reports_a_first_fetch_304_as_failed(http_server, capsys: pytest.CaptureFixture[str]) -> None:
    http_server.route("feed.xml", handler=_raw(b"HTTP/1.1 304 Not Modified\r\n\r\n"))
    main(["feeds", "add", http_server.url("feed.xml")])
    code = main(["refresh"])
    out, err = capsys.readouterr()
    assert code == 1 and "1 failed" in out and "unchanged" not in out, out
    assert "304" in err
    with Store.open_default() as store:
        assert [s.status for s in store.list_subscriptions()] == ["error"]
