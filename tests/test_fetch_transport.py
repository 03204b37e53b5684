"""The fetcher's own HTTP/1.1 transport (core/fetch/transport.py) against a real
keep-alive server on loopback: connections reused, a connection the server closed
while idle replaced, bodies chunked or posted, TLS with a certificate the test trusts."""

from __future__ import annotations

import asyncio
import ssl
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from tls_helpers import self_signed_certificate

from ikn_tui.core.fetch import Fetcher, NetConfig

FAST = NetConfig(connect_timeout=2.0, read_timeout=2.0, deadline=5.0, max_bytes=64 * 1024)


class KeepAliveServer:
    """HTTP/1.1 with keep-alive: counts connections, remembers what was asked and
    posted; ``/feed`` answers 304 to its ETag (``/flaky`` too, but hangs up
    on a second request over one connection), ``/chunked`` a chunked body, ``/big``
    more than FAST.max_bytes, ``/post`` echoes the form."""

    def __init__(self, tls: ssl.SSLContext | None = None) -> None:
        self.connections = 0
        self.finished = 0  # connections ended (by either side)
        self.sockets: list[Any] = []
        self.asked: list[str] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            timeout = 10

            def log_message(self, *args: object) -> None:
                pass

            def setup(self) -> None:
                super().setup()
                self.served = 0
                owner.connections += 1
                owner.sockets.append(self.connection)

            def finish(self) -> None:
                super().finish()
                owner.finished += 1

            def _send(self, status: int, body: bytes, **headers: str) -> None:
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name.replace("_", "-"), value)
                if status != 304 and "Transfer_Encoding" not in headers:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if status != 304:
                    self.wfile.write(body)

            def do_GET(self) -> None:
                owner.asked.append(self.path)
                self.served += 1
                if self.path == "/flaky" and self.served > 1:
                    self.close_connection = True  # a keep-alive connection ended as the request came
                elif self.path in ("/feed", "/flaky"):
                    if self.headers.get("If-None-Match") == '"v1"':
                        self._send(304, b"", ETag='"v1"')
                    else:
                        self._send(200, b"<rss>kabar</rss>", ETag='"v1"', Content_Type="application/rss+xml")
                elif self.path == "/chunked":
                    self.send_response(200)
                    self.send_header("Transfer-Encoding", "chunked")
                    self.end_headers()
                    for part in (b"Nusantara ", b"di ", b"Sepaku"):
                        self.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
                    self.wfile.write(b"0\r\n\r\n")
                elif self.path == "/big":
                    self._send(200, b"x" * (FAST.max_bytes + 10))
                else:
                    self._send(404, b"")

            def do_POST(self) -> None:
                owner.asked.append(self.path)
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                self._send(200, b"got " + body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        if tls is not None:
            self.httpd.socket = tls.wrap_socket(self.httpd.socket, server_side=True)
        scheme = "https" if tls is not None else "http"
        self.base = f"{scheme}://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def hang_up_idle(self) -> None:
        """Close every connection from the server's side (keep-alive ending)."""
        import socket

        for sock in self.sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def keepalive() -> Any:
    server = KeepAliveServer()
    yield server
    server.stop()


async def test_requests_to_one_host_reuse_one_connection(keepalive: KeepAliveServer) -> None:
    async with Fetcher(FAST) as fetcher:
        first = await fetcher.fetch(keepalive.base + "/feed")
        assert first.status == 200 and first.content == b"<rss>kabar</rss>" and first.etag == '"v1"'
        for _ in range(5):
            again = await fetcher.fetch(keepalive.base + "/feed", etag='"v1"')
            assert again.not_modified and again.error is None
    assert keepalive.connections == 1
    assert keepalive.asked == ["/feed"] * 6


async def test_concurrent_requests_open_at_most_the_per_host_limit(keepalive: KeepAliveServer) -> None:
    config = NetConfig(connect_timeout=2.0, read_timeout=2.0, deadline=5.0, per_host=3, total=8)
    async with Fetcher(config) as fetcher:
        results = await asyncio.gather(*(fetcher.fetch(keepalive.base + "/feed", etag='"v1"') for _ in range(30)))
    assert all(r.not_modified for r in results)
    assert 1 <= keepalive.connections <= 3


async def test_a_connection_the_server_closed_while_idle_is_replaced(keepalive: KeepAliveServer) -> None:
    async with Fetcher(FAST) as fetcher:
        assert (await fetcher.fetch(keepalive.base + "/feed")).ok
        keepalive.hang_up_idle()
        await asyncio.sleep(0.1)
        again = await fetcher.fetch(keepalive.base + "/feed", etag='"v1"')
        assert again.not_modified and again.error is None, again.error
    assert keepalive.connections == 2


async def test_a_request_the_server_hangs_up_on_over_a_reused_connection_is_sent_again(
    keepalive: KeepAliveServer,
) -> None:
    async with Fetcher(FAST) as fetcher:
        first = await fetcher.fetch(keepalive.base + "/flaky")
        second = await fetcher.fetch(keepalive.base + "/flaky", etag='"v1"')
    assert first.ok and second.not_modified and second.error is None, second.error
    assert keepalive.asked == ["/flaky"] * 3  # once more, on a fresh connection
    assert keepalive.connections == 2


async def test_an_idle_connection_is_closed_to_stay_within_the_connection_limit() -> None:
    servers = [KeepAliveServer() for _ in range(3)]  # three origins (ports) on 127.0.0.1
    try:
        async with Fetcher(NetConfig(connect_timeout=2.0, read_timeout=2.0, total=2, per_host=2)) as fetcher:
            for server in servers:
                assert (await fetcher.fetch(server.base + "/feed")).ok
            for _ in range(100):  # the first origin's idle connection was closed for the third
                if servers[0].finished:
                    break
                await asyncio.sleep(0.02)
            assert [s.finished for s in servers] == [1, 0, 0]
            assert (await fetcher.fetch(servers[2].base + "/feed", etag='"v1"')).not_modified
        assert [s.connections for s in servers] == [1, 1, 1]
    finally:
        for server in servers:
            server.stop()


async def test_chunked_body_and_a_body_left_unread(keepalive: KeepAliveServer) -> None:
    async with Fetcher(FAST) as fetcher:
        chunked = await fetcher.fetch(keepalive.base + "/chunked")
        assert chunked.ok and chunked.content == b"Nusantara di Sepaku"
        big = await fetcher.fetch(keepalive.base + "/big")
        assert big.error is not None and "too large" in str(big.error)
        after = await fetcher.fetch(keepalive.base + "/feed")  # the cut-off connection was not reused
        assert after.ok and after.content == b"<rss>kabar</rss>"
    assert keepalive.connections == 2


async def test_form_post_body_arrives_whole(keepalive: KeepAliveServer) -> None:
    async with Fetcher(FAST) as fetcher:
        result = await fetcher.fetch(keepalive.base + "/post", form={"api_key": "k", "q": "ibu kota"})
    assert result.ok and result.content == b"got api_key=k&q=ibu+kota"


async def test_an_error_status_is_reported_and_its_unread_body_not_reused(keepalive: KeepAliveServer) -> None:
    async with Fetcher(FAST) as fetcher:
        missing = await fetcher.fetch(keepalive.base + "/tidak-ada")
        found = await fetcher.fetch(keepalive.base + "/feed")
    assert missing.status == 404 and str(missing.error) == "HTTP 404 Not Found"
    assert found.ok and keepalive.connections == 2  # an answer left unread closes its connection


@pytest.fixture
def tls_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    key, cert = self_signed_certificate(tmp_path)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # trusted the way httpx trusts a bundle
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    server = KeepAliveServer(tls=context)
    yield server
    server.stop()


async def test_https_with_a_trusted_certificate_and_keep_alive(tls_server: KeepAliveServer) -> None:
    async with Fetcher(FAST) as fetcher:
        first = await fetcher.fetch(tls_server.base + "/feed")
        second = await fetcher.fetch(tls_server.base + "/feed", etag='"v1"')
    assert first.ok and first.content == b"<rss>kabar</rss>", first.error
    assert second.not_modified
    assert tls_server.connections == 1


async def test_https_to_an_untrusted_certificate_is_refused(tls_server: KeepAliveServer,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SSL_CERT_FILE")
    async with Fetcher(FAST) as fetcher:
        result = await fetcher.fetch(tls_server.base + "/feed")
    assert str(result.error) == "TLS certificate problem for 127.0.0.1"
    assert tls_server.asked == []


async def test_a_server_that_hangs_up_without_answering(http_server: Any) -> None:
    def hang_up(handler: Any) -> None:
        handler.close_connection = True  # says nothing at all

    http_server.route("sunyi", handler=hang_up)
    async with Fetcher(FAST) as fetcher:
        result = await fetcher.fetch(http_server.url("sunyi"))
    assert str(result.error) == "connection to 127.0.0.1 closed before the response was complete"
