"""The fetcher's HTTP/1.1 client codec (core/fetch/http11.py): on its own, fed bytes
as they might arrive, and through the transport against raw-socket servers on
loopback that write their answers byte for byte."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import AsyncIterator, Callable

import httpx
import pytest

from ikn_tui.core.fetch import Fetcher, NetConfig
from ikn_tui.core.fetch.http11 import (
    MAX_HEAD,
    BodyReader,
    LocalProtocolError,
    RemoteProtocolError,
    ResponseHead,
    ResponseReader,
    request_head,
)
from ikn_tui.core.fetch.transport import HTTP11Transport

HOST = [(b"Host", b"127.0.0.1")]


def head_of(raw: bytes, method: bytes = b"GET") -> tuple[ResponseHead | None, ResponseReader]:
    incoming = ResponseReader()
    incoming.buffer += raw
    return incoming.head(method), incoming


def answer(raw: bytes, method: bytes = b"GET") -> tuple[ResponseHead, bytes]:
    """The head and the whole body of ``raw``, fed one byte at a time (every split point)."""
    incoming = ResponseReader()
    head = None
    body = b""
    reader = None
    for byte in raw:
        incoming.buffer.append(byte)
        if head is None:
            head = incoming.head(method)
            if head is not None:
                reader = BodyReader(incoming.buffer, head)
        if reader is not None and not reader.done:
            body += reader.take()
    assert head is not None and reader is not None
    if not reader.done:
        reader.closed()
    body += reader.take()
    return head, body


# --- the codec on its own ---------------------------------------------------------------------------


@pytest.mark.parametrize("line, status, reason", [
    (b"HTTP/1.1 200 OK", 200, b"OK"),
    (b"HTTP/1.1 404 Tidak Ditemukan", 404, b"Tidak Ditemukan"),
    (b"HTTP/1.1 204", 204, b""),  # no reason at all
    (b"HTTP/1.1 200 ", 200, b""),
    (b"HTTP/1.1 200 \xc3\x93K\tya", 200, b"\xc3\x93K\tya"),
])
def test_status_line_forms(line: bytes, status: int, reason: bytes) -> None:
    head, _ = head_of(line + b"\r\nContent-Length: 0\r\n\r\n")
    assert head is not None and (head.status, head.reason, head.version) == (status, reason, b"1.1")


@pytest.mark.parametrize("line", [
    b"HTTP/1.1 20 OK", b"HTTP/1.1  200 OK", b"ICY 200 OK", b"HTTP/11 200 OK", b"HTTP/1.1 200 OK\r", b"HTTP/1.1 2000",
    b"HTTP/1.1 200 O\x00K",
])
def test_bad_status_lines_are_refused(line: bytes) -> None:
    with pytest.raises(RemoteProtocolError, match="status line"):
        head_of(line + b"\r\n\r\n")


def test_bare_lf_line_ends_and_trimmed_values() -> None:
    head, body = answer(b"HTTP/1.1 200 OK\nContent-Type:   text/xml \t\nContent-Length: 5\n\nkabar")
    assert head.headers == [(b"Content-Type", b"text/xml"), (b"Content-Length", b"5")]
    assert body == b"kabar" and head.keep_alive


def test_obs_fold_lines_are_joined_as_h11_joins_them() -> None:
    head, _ = head_of(b"HTTP/1.1 200 OK\r\nX-Long: satu\r\n  dua \r\n\ttiga\r\nContent-Length: 0\r\n\r\n")
    assert head is not None and head.headers[0] == (b"X-Long", b"satu dua  tiga")
    with pytest.raises(RemoteProtocolError, match="continuation line"):
        head_of(b"HTTP/1.1 200 OK\r\n folded: x\r\n\r\n")


@pytest.mark.parametrize("line", [b"X-A : b", b"X A: b", b": b", b"X-A b", b"X-A: b\x00c", b"X-A: b\x0bc", b"X-A: b\rc"])
def test_bad_header_lines_are_refused(line: bytes) -> None:
    with pytest.raises(RemoteProtocolError, match="header line"):
        head_of(b"HTTP/1.1 200 OK\r\n" + line + b"\r\n\r\n")


def test_informational_answers_are_skipped_and_101_refused() -> None:
    head, body = answer(b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\n"
                        b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
    assert head.status == 200 and body == b"ok"
    with pytest.raises(RemoteProtocolError, match="101"):
        head_of(b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n")


def test_content_length_rules() -> None:
    head, _ = head_of(b"HTTP/1.1 200 OK\r\nContent-Length: 3, 3\r\nContent-Length: 3\r\n\r\n")
    assert head is not None and head.length == 3 and head.headers == [(b"Content-Length", b"3")]
    for lengths in (b"Content-Length: 3\r\nContent-Length: 4", b"Content-Length: 3, 4"):
        with pytest.raises(RemoteProtocolError, match="conflicting Content-Length"):
            head_of(b"HTTP/1.1 200 OK\r\n" + lengths + b"\r\n\r\n")
    for bad in (b"-1", b"3a", b"0x10", b"1" * 21, b""):
        with pytest.raises(RemoteProtocolError, match="bad Content-Length"):
            head_of(b"HTTP/1.1 200 OK\r\nContent-Length: " + bad + b"\r\n\r\n")


@pytest.mark.parametrize("coding", [b"gzip", b"gzip, chunked", b"chunked, gzip", b"identity"])
def test_transfer_encodings_other_than_chunked_are_refused(coding: bytes) -> None:
    with pytest.raises(RemoteProtocolError, match="Only Transfer-Encoding: chunked"):
        head_of(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: " + coding + b"\r\n\r\n")
    with pytest.raises(RemoteProtocolError, match="multiple Transfer-Encoding"):
        head_of(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n")


def test_chunked_body_with_extensions_and_trailers_at_every_split() -> None:
    raw = (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: Chunked\r\nContent-Length: 999\r\n\r\n"
           b"5;nama=\"ibu kota\"\r\nNusan\r\n4 \r\ntara\r\n"
           b"A;x\r\n di Sepaku\r\n0;akhir\r\nExpires: never\r\nX-Sum: abc\r\n\r\n")
    head, body = answer(raw)
    assert head.chunked and body == b"Nusantara di Sepaku"
    assert (b"Transfer-Encoding", b"chunked") in head.headers  # lower-cased, as h11 gives it
    incoming = ResponseReader()
    incoming.buffer += raw + b"HTTP/1.1 304"  # the next answer begins: left in the buffer
    reader = BodyReader(incoming.buffer, incoming.head(b"GET"))  # type: ignore[arg-type]
    assert reader.take() == b"Nusantara di Sepaku" and reader.done and incoming.buffer == b"HTTP/1.1 304"


@pytest.mark.parametrize("chunks, words", [
    (b"5\r\nabcdeXY", "chunk footer"),
    (b"zz\r\n", "chunk header"),
    (b"5\r\nab", "incomplete chunked read"),
    (b"0\r\nX-Bad : 1\r\n\r\n", "header line"),
])
def test_bad_or_short_chunked_bodies(chunks: bytes, words: str) -> None:
    with pytest.raises(RemoteProtocolError, match=words):
        answer(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks)


def test_a_head_over_100_kb_is_refused_with_the_words_the_fetcher_knows() -> None:
    big = b"HTTP/1.1 200 OK\r\nX-Big: " + b"a" * MAX_HEAD
    with pytest.raises(RemoteProtocolError, match="buffer too long"):
        head_of(big)  # not even complete
    with pytest.raises(RemoteProtocolError, match="buffer too long"):
        head_of(big + b"\r\n\r\n")  # complete, but too large all the same
    fits, _ = head_of(b"HTTP/1.1 200 OK\r\nX-Big: " + b"a" * (MAX_HEAD - 100) + b"\r\n\r\n")
    assert fits is not None and len(fits.headers[0][1]) == MAX_HEAD - 100


def test_answers_without_a_body_and_until_close_bodies() -> None:
    for raw, method in ((b"HTTP/1.1 304 Not Modified\r\nContent-Length: 100\r\n\r\n", b"GET"),
                        (b"HTTP/1.1 204 No Content\r\nTransfer-Encoding: chunked\r\n\r\n", b"GET"),
                        (b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n", b"HEAD")):
        head, incoming = head_of(raw, method)
        assert head is not None and head.length == 0 and BodyReader(incoming.buffer, head).done
    head, body = answer(b"HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\n\r\n<rss>sampai tutup</rss>")
    assert head.length is None and not head.keep_alive and body == b"<rss>sampai tutup</rss>"


def test_a_short_content_length_body_says_closed() -> None:
    with pytest.raises(RemoteProtocolError, match=r"closed .* received 3 bytes, expected 10"):
        answer(b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc")


@pytest.mark.parametrize("raw, keep", [
    (b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", True),
    (b"HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n", False),
    (b"HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n", False),
    (b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n", False),
    (b"HTTP/1.1 200 OK\r\nConnection: Keep-Alive, CLOSE\r\nContent-Length: 0\r\n\r\n", False),
    (b"HTTP/1.1 200 OK\r\nConnection: closed\r\nContent-Length: 0\r\n\r\n", True),
])
def test_which_answers_keep_the_connection(raw: bytes, keep: bool) -> None:
    head, _ = head_of(raw)
    assert head is not None and head.keep_alive is keep


def test_a_request_head_is_written_as_given() -> None:
    head = request_head(b"GET", b"/rss?x=1", [(b"Host", b"a.example"), (b"If-None-Match", b'"v1"')])
    assert head.data == b'GET /rss?x=1 HTTP/1.1\r\nHost: a.example\r\nIf-None-Match: "v1"\r\n\r\n'
    assert head.length == 0 and head.keep_alive
    posted = request_head(b"POST", b"/", [*HOST, (b"Content-Length", b"12"), (b"Connection", b"close")])
    assert posted.length == 12 and not posted.keep_alive
    chunked = request_head(b"POST", b"/", [*HOST, (b"Transfer-Encoding", b"chunked")])
    assert chunked.length is None


@pytest.mark.parametrize("method, target, headers, words", [
    (b"GET", b"/", [*HOST, (b"X-A", b"a\r\nX-Injected: 1")], "header value for X-A"),
    (b"GET", b"/", [*HOST, (b"X-A", b"a\nX-Injected: 1")], "header value"),
    (b"GET", b"/", [*HOST, (b"X-A", b"a\rb")], "header value"),
    (b"GET", b"/", [*HOST, (b"X-A", b"a\x00b")], "header value"),
    (b"GET", b"/", [*HOST, (b"X-A", b" padded")], "header value"),
    (b"GET", b"/", [*HOST, (b"X-A", b"padded\t")], "header value"),
    (b"GET", b"/", [*HOST, (b"X A", b"b")], "header name"),
    (b"GET", b"/", [*HOST, (b"X-A:", b"b")], "header name"),
    (b"GET", b"/", [*HOST, (b"", b"b")], "header name"),
    (b"GET", b"/", [*HOST, (b"X-A\r\nX-Injected", b"1")], "header name"),
    (b"GE T", b"/", HOST, "method"),
    (b"GET", b"/a b", HOST, "target"),
    (b"GET", b"/a\r\nX: 1", HOST, "target"),
    (b"GET", b"/", [], "Host"),
    (b"GET", b"/", [*HOST, *HOST], "Host"),
    (b"POST", b"/", [*HOST, (b"Transfer-Encoding", b"gzip")], "chunked"),
    (b"POST", b"/", [*HOST, (b"Content-Length", b"1, 2")], "Content-Length"),
])
def test_request_heads_h11_would_refuse_are_refused(method: bytes, target: bytes,
                                                   headers: list[tuple[bytes, bytes]], words: str) -> None:
    with pytest.raises(LocalProtocolError, match=words):
        request_head(method, target, headers)


# --- through the transport, against raw-socket servers ----------------------------------------------

FAST = NetConfig(connect_timeout=2.0, read_timeout=2.0, deadline=5.0, max_bytes=1024 * 1024)
Script = Callable[[socket.socket, int, bytes], bool]  # (socket, request number, what came) -> keep the connection


class RawServer:
    """Answers each request on 127.0.0.1 with ``script``, which writes to the socket
    as it likes; counts connections and keeps every request's bytes."""

    def __init__(self, script: Script) -> None:
        self.script = script
        self.connections = 0
        self.requests: list[bytes] = []
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.base = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        conn.settimeout(5)
        pending = b""
        with conn:
            while True:
                while b"\r\n\r\n" not in pending:
                    try:
                        data = conn.recv(65536)
                    except OSError:
                        return
                    if not data:
                        return
                    pending += data
                request, pending = pending, b""  # the head and what came with it (our client never pipelines)
                self.requests.append(request)
                if not self.script(conn, len(self.requests), request):
                    return

    def stop(self) -> None:
        self.listener.close()


@pytest.fixture
def raw_server() -> Callable[[Script], RawServer]:
    servers: list[RawServer] = []

    def start(script: Script) -> RawServer:
        servers.append(RawServer(script))
        return servers[-1]

    yield start  # type: ignore[misc]
    for server in servers:
        server.stop()


def dribble(conn: socket.socket, data: bytes, size: int) -> None:
    """``data`` in ``size``-byte TCP writes, each its own segment."""
    for at in range(0, len(data), size):
        conn.sendall(data[at:at + size])
        time.sleep(0.0005)


async def fetch_twice(url: str, **validators: str) -> tuple[object, object]:
    async with Fetcher(FAST) as fetcher:
        return await fetcher.fetch(url, **validators), await fetcher.fetch(url, **validators)


FEED = b"<rss><channel><title>Kabar IKN</title>" + b"<item><title>berita</title></item>" * 40 + b"</channel></rss>"


async def test_a_content_length_body_in_many_small_writes(raw_server: Callable[[Script], RawServer]) -> None:
    def script(conn: socket.socket, number: int, request: bytes) -> bool:
        dribble(conn, b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s" % (len(FEED), FEED), 7)
        return True

    server = raw_server(script)
    first, second = await fetch_twice(server.base + "/feed")
    assert first.content == FEED and second.content == FEED, (first.error, second.error)  # type: ignore[attr-defined]
    assert server.connections == 1  # read to its end: kept alive and reused


async def test_a_chunked_body_split_mid_size_line(raw_server: Callable[[Script], RawServer]) -> None:
    def script(conn: socket.socket, number: int, request: bytes) -> bool:
        conn.sendall(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1")
        time.sleep(0.01)
        conn.sendall(b"4;ext=1\r")  # "14" hex, its line end split too
        time.sleep(0.01)
        conn.sendall(b"\n" + FEED[:20] + b"\r\n" + b"%x\r\n" % (len(FEED) - 20))
        time.sleep(0.01)
        dribble(conn, FEED[20:] + b"\r\n0\r\nX-Trailer: ya\r\n\r\n", 100)
        return True

    server = raw_server(script)
    first, second = await fetch_twice(server.base + "/feed")
    assert first.content == FEED and second.content == FEED, (first.error, second.error)  # type: ignore[attr-defined]
    assert server.connections == 1


async def test_a_body_cut_short_is_named_an_early_close(raw_server: Callable[[Script], RawServer]) -> None:
    def script(conn: socket.socket, number: int, request: bytes) -> bool:
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s" % (len(FEED), FEED[:100]))
        return False

    server = raw_server(script)
    async with Fetcher(FAST) as fetcher:
        result = await fetcher.fetch(server.base + "/feed")
    assert str(result.error) == "connection to 127.0.0.1 closed before the response was complete"


async def test_a_body_read_until_close_and_its_connection_not_reused(
    raw_server: Callable[[Script], RawServer],
) -> None:
    def script(conn: socket.socket, number: int, request: bytes) -> bool:
        dribble(conn, b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n\r\n" + FEED, 64)
        conn.shutdown(socket.SHUT_WR)
        return False

    server = raw_server(script)
    first, second = await fetch_twice(server.base + "/feed")
    assert first.content == FEED and second.content == FEED, (first.error, second.error)  # type: ignore[attr-defined]
    assert server.connections == 2


async def test_bytes_after_a_304_keep_its_connection_from_being_reused(
    raw_server: Callable[[Script], RawServer],
) -> None:
    def script(conn: socket.socket, number: int, request: bytes) -> bool:
        stray = b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nPALSU" if number == 1 else b""
        conn.sendall(b'HTTP/1.1 304 Not Modified\r\nETag: "v1"\r\n\r\n' + stray)
        return True

    server = raw_server(script)
    first, second = await fetch_twice(server.base + "/feed", etag='"v1"')
    assert first.not_modified and second.not_modified, (first.error, second.error)  # type: ignore[attr-defined]
    assert server.connections == 2  # the stray answer was never taken for the second one's


async def test_a_304_gives_its_connection_back_at_once(raw_server: Callable[[Script], RawServer]) -> None:
    def script(conn: socket.socket, number: int, request: bytes) -> bool:
        conn.sendall(b'HTTP/1.1 304 Not Modified\r\nETag: "v1"\r\n\r\n')
        return True

    server = raw_server(script)
    limits = httpx.Limits(max_connections=4, max_keepalive_connections=4)
    async with httpx.AsyncClient(transport=HTTP11Transport(limits)) as client:
        for _ in range(3):  # left unread: the connection is back all the same
            response = await client.get(server.base + "/feed")
            assert response.status_code == 304 and response.content == b""
    assert server.connections == 1


async def test_informational_answers_through_the_transport(raw_server: Callable[[Script], RawServer]) -> None:
    def script(conn: socket.socket, number: int, request: bytes) -> bool:
        conn.sendall(b"HTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\n")
        time.sleep(0.01)
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s" % (len(FEED), FEED))
        return True

    server = raw_server(script)
    first, second = await fetch_twice(server.base + "/feed")
    assert first.content == FEED and second.content == FEED  # type: ignore[attr-defined]
    assert server.connections == 1


async def test_header_injection_is_refused_before_anything_is_sent(
    raw_server: Callable[[Script], RawServer],
) -> None:
    def script(conn: socket.socket, number: int, request: bytes) -> bool:
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
        return True

    server = raw_server(script)
    async with Fetcher(FAST) as fetcher:
        result = await fetcher.fetch(server.base + "/feed", headers={"X-Token": "abc\r\nX-Injected: 1"})
        assert result.error is not None and "X-Injected" not in str(result.error)
        fine = await fetcher.fetch(server.base + "/feed", headers={"X-Token": "abc"})
    assert fine.ok and fine.content == b"ok"
    assert len(server.requests) == 1 and b"X-Injected" not in server.requests[0]
    assert b"\r\nX-Token: abc\r\n" in server.requests[0]


async def test_a_chunked_request_body_is_framed(raw_server: Callable[[Script], RawServer]) -> None:
    received: list[bytes] = []

    def script(conn: socket.socket, number: int, request: bytes) -> bool:
        body = request.partition(b"\r\n\r\n")[2]
        while not body.endswith(b"0\r\n\r\n"):
            body += conn.recv(65536)
        received.append(body)
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
        return True

    async def parts() -> AsyncIterator[bytes]:
        for part in (b"satu", b"", b"dua puluh"):
            yield part

    server = raw_server(script)
    async with httpx.AsyncClient(transport=HTTP11Transport(httpx.Limits())) as client:
        response = await client.post(server.base + "/kirim", content=parts())
    assert response.status_code == 200 and response.content == b"ok"
    assert b"\r\nTransfer-Encoding: chunked\r\n" in server.requests[0]
    assert received == [b"4\r\nsatu\r\n9\r\ndua puluh\r\n0\r\n\r\n"]


async def test_a_server_that_closes_after_the_head_of_a_second_answer(
    raw_server: Callable[[Script], RawServer],
) -> None:
    def script(conn: socket.socket, number: int, request: bytes) -> bool:
        if number == 2:
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Le")  # half a head, then gone
            return False
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
        return True

    server = raw_server(script)
    first, second = await fetch_twice(server.base + "/feed")
    assert first.ok  # type: ignore[attr-defined]
    # something came: not the idle-closed case, so not sent again
    assert str(second.error) == "connection to 127.0.0.1 closed before the response was complete"  # type: ignore[attr-defined]
    assert len(server.requests) == 2


def test_no_h11_in_the_fetch_package() -> None:
    import subprocess
    import sys

    code = "import sys, ikn_tui.core.fetch; print('h11' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"



TRICKY_LINES = [
    b"X-A: b", b"X-A:b", b"X-A:   b  c \t", b"X-A:", b"X-A: \t", b"X-A: b\x01c", b"X-A: \x80\xff", b"X-A: b:c",
    b"X-A : b", b" X-A: b", b"\tb", b"X-A: b\rc", b"X-A: b\x00", b"X-A: b\x0cc", b"X-A: b\x0b", b"X-A", b":",
    b"X-A: a\r", b"X-A: a\r\r", b"Content-Length: 3", b"Content-Length: 3, 3", b"Content-Length: 3,4",
    b"Content-Length: +3", b"Transfer-Encoding: chunked", b"Transfer-Encoding: CHUNKED", b"Transfer-Encoding: gzip",
    b"Connection: close", b"X-\xc3\xa9: b", b"X-A: b c", b"X-A:\tb",
]


@pytest.mark.parametrize("first", TRICKY_LINES)
@pytest.mark.parametrize("second", [b"Y: 1", b"  folded more", b"Content-Length: 4", b"Y:2\r"])
@pytest.mark.parametrize("end", [b"\r\n", b"\n"])
def test_heads_are_read_as_h11_reads_them(first: bytes, second: bytes, end: bytes) -> None:
    h11 = pytest.importorskip("h11")  # httpx's httpcore brings it; the fetcher does not use it
    raw = b"HTTP/1.1 200 OK" + end + first + end + second + end + end
    try:
        conn = h11.Connection(our_role=h11.CLIENT)
        conn.send(h11.Request(method="GET", target="/", headers=[("Host", "a")]))
        conn.receive_data(raw)
        event = conn.next_event()
        expected: object = [(name, value) for name, value in event.headers.raw_items()]
    except h11.RemoteProtocolError:
        expected = "refused"
    try:
        head, _ = head_of(raw)
        assert head is not None
        got: object = head.headers
    except RemoteProtocolError:
        got = "refused"
    assert got == expected


TRICKY_VALUES = [b"b", b"", b" b", b"b ", b"b\tc", b"b  c", b"b\rc", b"b\nc", b"b\r\nX: 1", b"\x00", b"b\x0bc", b"b\x0cc",
                 b"\x01\x7f\x80\xff", b"b:c", b"\t", b"b\r", b"\rb"]
TRICKY_NAMES = [b"X-A", b"X A", b"X:A", b"", b"X-\xc3\xa9", b"X\r\nY", b"!#$%&'*+-.^_`|~09azAZ", b"X\x00"]


@pytest.mark.parametrize("name", TRICKY_NAMES)
@pytest.mark.parametrize("value", TRICKY_VALUES)
def test_request_heads_are_refused_as_h11_refuses_them(name: bytes, value: bytes) -> None:
    h11 = pytest.importorskip("h11")
    headers = [(b"Host", b"a"), (name, value), (b"Accept", b"*/*")]
    try:
        conn = h11.Connection(our_role=h11.CLIENT)
        expected: object = conn.send(h11.Request(method=b"GET", target=b"/", headers=headers))
    except h11.LocalProtocolError:
        expected = "refused"
    try:
        got: object = request_head(b"GET", b"/", headers).data
    except LocalProtocolError:
        got = "refused"
    assert got == expected
