"""net.Fetcher against a real loopback server: statuses, redirects, caps, timeouts."""

from __future__ import annotations

import asyncio
import gzip
import socket
import threading
import zlib
from email.utils import formatdate

import pytest

from ikn_tui.core.fetch.client import Fetcher, NetConfig, decompress, fetch_sync, retry_after_seconds

FAST = NetConfig(connect_timeout=2.0, read_timeout=2.0, deadline=1.0, max_bytes=64 * 1024)


async def fetch(url: str, config: NetConfig | None = None, **kwargs: object):
    async with Fetcher(config or FAST) as fetcher:
        return await fetcher.fetch(url, **kwargs)  # type: ignore[arg-type]


async def test_200_returns_body_and_headers(http_server):
    http_server.route("feed.xml", b"<rss/>", content_type="application/rss+xml; charset=ISO-8859-1",
                      etag='"v1"', last_modified="Mon, 16 Jun 2025 12:00:00 GMT")
    result = await fetch(http_server.url("feed.xml"))
    assert result.ok and result.error is None
    assert result.status == 200
    assert result.content == b"<rss/>"
    assert result.charset == "iso-8859-1"
    assert result.content_type.startswith("application/rss+xml")
    assert result.etag == '"v1"'
    assert result.last_modified == "Mon, 16 Jun 2025 12:00:00 GMT"
    assert result.final_url == http_server.url("feed.xml")
    assert not result.permanent_redirect


async def test_user_agent_and_encodings_sent(http_server):
    http_server.route("a", b"x")
    await fetch(http_server.url("a"))
    _, headers = http_server.requests[-1]
    assert headers["user-agent"].startswith("ikn-read/")
    assert headers["accept-encoding"] == "gzip, deflate"


async def test_conditional_get_304(http_server):
    http_server.route("feed.xml", b"<rss/>", etag='"abc"')
    result = await fetch(http_server.url("feed.xml"), etag='"abc"', last_modified="Sun, 15 Jun 2025 00:00:00 GMT")
    _, headers = http_server.requests[-1]
    assert headers["if-none-match"] == '"abc"'
    assert headers["if-modified-since"] == "Sun, 15 Jun 2025 00:00:00 GMT"
    assert result.status == 304 and result.not_modified
    assert result.error is None and result.content == b""
    assert result.etag == '"abc"'
    changed = await fetch(http_server.url("feed.xml"), etag='"old"')
    assert changed.status == 200 and changed.content == b"<rss/>"


async def test_304_by_last_modified(http_server):
    stamp = "Mon, 16 Jun 2025 12:00:00 GMT"
    http_server.route("f", b"body", last_modified=stamp)
    result = await fetch(http_server.url("f"), last_modified=stamp)
    assert result.not_modified


@pytest.mark.parametrize(
    ("status", "message"),
    [(404, "HTTP 404 Not Found"), (410, "HTTP 410 Gone (feed removed)"), (500, "HTTP 500 Internal Server Error"),
     (502, "HTTP 502 Bad Gateway")],
)
async def test_http_errors(http_server, status, message):
    http_server.route("x", b"oops", status=status)
    result = await fetch(http_server.url("x"))
    assert result.status == status
    assert str(result.error) == message
    assert not result.ok


async def test_retry_after_seconds_on_503(http_server):
    http_server.route("busy", b"", status=503, headers={"Retry-After": "120"})
    result = await fetch(http_server.url("busy"))
    assert result.retry_after == 120
    assert str(result.error) == "HTTP 503 Service Unavailable (retry after 120 s)"


async def test_retry_after_date_on_429(http_server):
    http_server.route("slow-down", b"", status=429, headers={"Retry-After": formatdate(usegmt=True)})
    result = await fetch(http_server.url("slow-down"))
    assert result.status == 429
    assert result.retry_after is not None and 0 <= result.retry_after <= 5
    assert str(result.error).startswith("HTTP 429 Too Many Requests (retry after")


def test_retry_after_parsing():
    assert retry_after_seconds("30") == 30
    when = 1_750_000_000  # an HTTP date 90 s after "now"
    assert retry_after_seconds(formatdate(when + 90, usegmt=True), now=when) == 90
    assert retry_after_seconds(formatdate(when - 90, usegmt=True), now=when) == 0  # in the past
    assert retry_after_seconds("99999999999") == 30 * 86400  # capped
    assert retry_after_seconds("soon") is None
    assert retry_after_seconds(None) is None


async def test_301_records_permanent_redirect(http_server):
    http_server.route("new.xml", b"<rss/>")
    http_server.redirect("old.xml", "/new.xml", status=301)
    result = await fetch(http_server.url("old.xml"))
    assert result.ok
    assert result.permanent_redirect
    assert result.final_url == http_server.url("new.xml")
    assert result.url == http_server.url("old.xml")
    assert result.content == b"<rss/>"


async def test_temporary_redirect_is_not_permanent(http_server):
    http_server.route("new.xml", b"<rss/>")
    http_server.redirect("tmp", "/new.xml", status=302)
    http_server.redirect("mixed", "/tmp", status=308)
    result = await fetch(http_server.url("mixed"))
    assert result.ok and result.final_url == http_server.url("new.xml")
    assert not result.permanent_redirect


async def test_redirect_loop(http_server):
    http_server.redirect("a", "/b")
    http_server.redirect("b", "/a")
    result = await fetch(http_server.url("a"))
    assert str(result.error) == "too many redirects (more than 5)"
    assert len(http_server.requests) == 6


async def test_redirect_to_file_is_refused(http_server):
    http_server.redirect("sneaky", "file:///etc/passwd")
    result = await fetch(http_server.url("sneaky"))
    assert str(result.error) == "redirect to unsupported scheme: file"
    assert result.content == b""


@pytest.mark.parametrize("target", ["javascript:alert(1)", "data:text/html,<b>x</b>"])
async def test_redirect_to_script_or_data_is_refused_in_our_words(http_server, target):
    http_server.redirect("sneaky", target)
    result = await fetch(http_server.url("sneaky"))
    assert str(result.error) == "redirect to an unsupported or invalid URL"
    assert result.content == b"" and http_server.paths() == ["/sneaky"]


async def test_unsupported_scheme():
    for url in ("file:///etc/passwd", "ftp://example.org/x", "javascript:alert(1)", ""):
        result = await fetch(url)
        assert str(result.error).startswith("unsupported URL scheme")
        assert result.status is None


async def test_slow_drip_hits_the_deadline(http_server):
    http_server.route("drip", b"x" * 200, drip=0.05, chunk_size=1)  # 10 s in total
    result = await fetch(http_server.url("drip"), NetConfig(read_timeout=5, deadline=0.5))
    assert str(result.error) == "timed out after 0.5 s"
    assert result.content == b""


async def test_accept_and_hang(http_server):
    http_server.route("hang", hang=True)
    result = await fetch(http_server.url("hang"), NetConfig(read_timeout=0.3, deadline=5))
    assert str(result.error).startswith("timed out after 0.3 s waiting for 127.0.0.1")


async def test_hang_beyond_deadline(http_server):
    http_server.route("hang", hang=True)
    result = await fetch(http_server.url("hang"), NetConfig(read_timeout=30, deadline=0.4))
    assert str(result.error) == "timed out after 0.4 s"


async def test_content_length_longer_than_body(http_server):
    http_server.route("short", b"only this", content_length=1000)
    result = await fetch(http_server.url("short"))
    assert str(result.error) == "connection to 127.0.0.1 closed before the response was complete"


async def test_content_length_shorter_than_body(http_server):
    http_server.route("long", b"0123456789-and-more", content_length=10)
    result = await fetch(http_server.url("long"))
    assert result.ok
    assert result.content == b"0123456789"


async def test_oversized_body(http_server):
    http_server.route("big", b"a" * (200 * 1024), content_type="text/plain")
    result = await fetch(http_server.url("big"))
    assert str(result.error) == "response too large (> 65536 bytes)"
    big_limit = NetConfig(max_bytes=3 * 1024 * 1024)
    http_server.route("bigger", b"a" * (4 * 1024 * 1024))
    assert str((await fetch(http_server.url("bigger"), big_limit)).error) == "response too large (> 3 MB)"


async def test_oversized_body_without_content_length(http_server):
    def no_length(request):
        request.send_response(200)
        request.send_header("Content-Type", "text/plain")
        request.send_header("Connection", "close")
        request.end_headers()
        for _ in range(100):  # 100 x 4 KB, the body ends when the connection closes
            request.wfile.write(b"b" * 4096)

    http_server.route("stream", handler=no_length)
    result = await fetch(http_server.url("stream"))
    assert str(result.error) == "response too large (> 65536 bytes)"
    small = await fetch(http_server.url("stream"), NetConfig(max_bytes=1024 * 1024))
    assert small.ok and len(small.content) == 100 * 4096


async def test_gzip_body_is_decompressed(http_server):
    page = b"<p>Kabar dari Sepaku</p>" * 100
    http_server.route("page", page, gzip=True)
    result = await fetch(http_server.url("page"))
    assert result.ok and result.content == page


def _zero_bomb(size: int) -> bytes:
    """``size`` zero bytes gzip-compressed, built in pieces (~1000:1)."""
    squeezer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = bytes(1024 * 1024)
    parts = [squeezer.compress(block) for _ in range(size // len(block))]
    parts.append(squeezer.flush())
    return b"".join(parts)


@pytest.fixture(scope="module")
def gzip_bomb() -> bytes:
    return _zero_bomb(1024 * 1024 * 1024)  # 1 GB of zeros, ~1 MB on the wire


async def test_gzip_bomb_is_capped(http_server, gzip_bomb):
    http_server.route("bomb", gzip_bomb, headers={"Content-Encoding": "gzip"}, content_type="application/rss+xml")
    config = NetConfig(max_bytes=2 * 1024 * 1024, deadline=30)
    result = await fetch(http_server.url("bomb"), config)
    assert str(result.error) == "response too large after decompression (> 2 MB)"
    assert result.content == b""


def test_decompress_variants():
    text = b"Samarinda " * 1000
    assert decompress(gzip.compress(text), "gzip", 1 << 20) == text
    assert decompress(zlib.compress(text), "deflate", 1 << 20) == text
    raw = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    assert decompress(raw.compress(text) + raw.flush(), "deflate", 1 << 20) == text
    assert decompress(gzip.compress(text) + gzip.compress(b"!"), "gzip", 1 << 20) == text + b"!"
    assert decompress(text, None, 1 << 20) == text
    assert decompress(gzip.compress(text)[:200], "gzip", 1 << 20) == text[: len(decompress(gzip.compress(text)[:200], "gzip", 1 << 20))]


async def test_broken_gzip(http_server):
    http_server.route("bad", b"this is not gzip at all", headers={"Content-Encoding": "gzip"})
    result = await fetch(http_server.url("bad"))
    assert str(result.error).startswith("cannot decompress the response:")


async def test_unknown_encoding(http_server):
    http_server.route("br", b"\x0b\x02\x80hello", headers={"Content-Encoding": "br"})
    result = await fetch(http_server.url("br"))
    assert str(result.error) == "unsupported content encoding: br"


async def test_connection_refused():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    result = await fetch(f"http://127.0.0.1:{port}/feed.xml")
    assert str(result.error) == "connection refused by 127.0.0.1"
    assert result.status is None


async def test_dns_failure():
    result = await fetch("http://tidak-ada.invalid/feed.xml", NetConfig(deadline=10))
    assert str(result.error) == "cannot resolve host tidak-ada.invalid"


async def test_errors_are_one_clean_line(http_server):
    http_server.route("weird", b"", status=599)
    result = await fetch(http_server.url("weird"))
    assert str(result.error).startswith("HTTP 599 ")
    assert "\n" not in str(result.error) and "\x1b" not in str(result.error)


async def test_per_host_limit(http_server):
    lock = threading.Lock()
    state = {"now": 0, "max": 0}

    def counting(request):
        with lock:
            state["now"] += 1
            state["max"] = max(state["max"], state["now"])
        http_server.stopping.wait(0.15)
        with lock:
            state["now"] -= 1
        return b"ok"

    http_server.route("slow", handler=counting)
    config = NetConfig(per_host=2, total=8, deadline=10)
    async with Fetcher(config) as fetcher:
        results = await asyncio.gather(*(fetcher.fetch(http_server.url(f"slow?n={i}")) for i in range(6)))
    assert all(r.ok for r in results)
    assert state["max"] == 2


def test_fetch_sync(news_site):
    result = fetch_sync(news_site.url("feed.xml"))
    assert result.ok
    assert b"Kabar Nusantara Timur" in result.content
    missing = fetch_sync(news_site.url("missing"))
    assert str(missing.error) == "HTTP 404 Not Found"
    moved = fetch_sync(news_site.url("old"))
    assert moved.ok and moved.permanent_redirect and moved.final_url == news_site.url("feed.xml")


@pytest.mark.parametrize("headers, body, cookie", [
    ({"Accept": "application/rss+xml"}, None, False),
    ({"Accept": "text/html", "If-None-Match": '"v2"', "If-Modified-Since": "Mon, 16 Jun 2025 12:00:00 GMT"}, None, False),
    ({"accept": "*/*", "user-agent": "other/1", "X-Api": "k"}, None, True),
    ({"Accept": "application/json", "Content-Type": "application/x-www-form-urlencoded"}, b"a=1&b=2", True),
])
async def test_requests_are_built_as_the_client_would(headers: dict[str, str], body: bytes | None, cookie: bool) -> None:
    """The fetcher builds its requests in one pass (Fetcher._request); the
    headers, their order, the cookies and timeouts must be what
    httpx.AsyncClient.build_request gives."""
    async with Fetcher(FAST) as fetcher:
        client = fetcher._ensure_client()
        if cookie:
            client.cookies.set("sid", "abc", domain="127.0.0.1", path="/")
        url = "http://127.0.0.1:8/feed.xml?x=1"
        method = "GET" if body is None else "POST"
        ours = fetcher._request(client, method, url, headers, body)
        theirs = client.build_request(method, url, headers=headers, content=body)
        assert ours.method == theirs.method and ours.url == theirs.url
        assert ours.headers.multi_items() == theirs.headers.multi_items()
        assert ("cookie" in ours.headers) is cookie
        assert ours.extensions == theirs.extensions
        assert ours.read() == theirs.read()


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:8080/feed.xml", "https://Example.COM/a?b=c#d", "http://user:pw@host.example:81/x",
    "http://a@b@host.example/x", "http://[::1]:8080/feed", "https://portal.example?x=1", "http://host.example#frag",
    "https://xn--idn-kxa.example/", "http://host.example", "http://[::1]/",
])
def test_the_per_host_gate_is_keyed_by_the_urls_host(url: str) -> None:
    from urllib.parse import urlsplit

    from ikn_tui.core.fetch.client import _gate_key

    assert _gate_key(url) == (urlsplit(url).hostname or "").lower()
