"""The fetcher's HTTP/1.1 transport for httpx: our own codec on asyncio streams, keep-alive per origin.

httpx's default transport runs httpcore's connection pool on anyio. Importing
those two costs ~45 ms and every request pays their pool bookkeeping (locks,
cancel scopes, a readability probe of every pooled socket, each time a
request looks for a connection): most of a refresh where every feed answers
304. The fetcher needs less: ``Fetcher`` already bounds concurrency (in
total and per host), follows redirects itself and always reads or closes a
response. So this transport keeps idle connections in a list per origin,
frames HTTP/1.1 with ``http11.py`` (h11's rules and limits without its state
machine, import or per-event cost; the response head is parsed straight out
of the bytes read, usually after a single read) and raises httpx's own
exceptions with httpcore's messages, so errors read as before. The CA bundle
is loaded only when an https:// URL is fetched.

An answer that never has a body (304, 204, an answer to HEAD) finishes the
exchange at once: the connection goes back for reuse and the
response comes with its (empty) content already read. A connection is reused
only when its answer was read to the end, both sides kept it alive, and
nothing more came after the answer (stray bytes would be read as the next one).

A request on a reused keep-alive connection that the server closed while it
sat idle is sent again once on a fresh connection (GET only: nothing was
received, so nothing was processed).
"""

from __future__ import annotations

import asyncio
import contextlib
import ssl
import time
from collections.abc import AsyncIterator
from typing import Any

import httpx

from ikn_tui.core.fetch.http11 import (
    LAST_CHUNK,
    BodyReader,
    LocalProtocolError,
    RemoteProtocolError,
    RequestHead,
    ResponseHead,
    ResponseReader,
    chunk,
    request_head,
)

_READ = 64 * 1024
_DEFAULT_PORTS = {"http": 80, "https": 443}


class _Connection:
    """One TCP (or TLS) connection and its HTTP/1.1 state."""

    __slots__ = ("idle_since", "incoming", "open", "reader", "used", "writer")

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                 open_set: set[_Connection]) -> None:
        self.reader = reader
        self.writer = writer
        self.open = open_set  # the transport's open connections: this one leaves it when closed
        open_set.add(self)
        self.incoming = ResponseReader()  # what was read and not yet taken as an answer or body
        self.idle_since = 0.0
        self.used = False

    def stale(self, now: float, expiry: float | None) -> bool:
        """Closed by the server while idle (an end of stream or stray bytes), or kept too long."""
        return (
            (expiry is not None and now - self.idle_since > expiry)
            or self.writer.transport.is_closing()
            or self.reader.at_eof()
            or bool(getattr(self.reader, "_buffer", b""))
        )

    def close(self) -> None:
        self.open.discard(self)
        self.writer.close()


async def _within(awaitable: Any, timeout: float | None) -> Any:
    if timeout is None:
        return await awaitable
    async with asyncio.timeout(timeout):
        return await awaitable


class HTTP11Transport(httpx.AsyncBaseTransport):
    """HTTP/1.1 with keep-alive: at most ``limits.max_keepalive_connections``
    idle connections kept, each for ``limits.keepalive_expiry`` seconds; an idle
    one is closed before a new connection would make more than
    ``limits.max_connections`` open. (How many requests run at once is the
    ``Fetcher``'s to bound.)"""

    def __init__(self, limits: httpx.Limits) -> None:
        self._keep = limits.max_keepalive_connections if limits.max_keepalive_connections is not None else 100
        self._max = limits.max_connections if limits.max_connections is not None else 100
        self._expiry = limits.keepalive_expiry
        self._idle: dict[tuple[str, str, int], list[_Connection]] = {}
        self._open: set[_Connection] = set()
        self._tls: ssl.SSLContext | None = None
        self._closed = False

    def _tls_context(self) -> ssl.SSLContext:
        if self._tls is None:  # certifi's bundle (or SSL_CERT_FILE / SSL_CERT_DIR), as httpx does
            self._tls = httpx.create_ssl_context()
            self._tls.set_alpn_protocols(["http/1.1"])
        return self._tls

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        scheme = url.scheme
        if scheme not in _DEFAULT_PORTS:
            raise httpx.UnsupportedProtocol(f"Request URL has an unsupported protocol '{scheme}://'.")
        if not url.host:
            raise httpx.UnsupportedProtocol("Request URL is missing a host.")
        origin = (scheme, url.raw_host.decode("ascii"), url.port or _DEFAULT_PORTS[scheme])
        timeouts: dict[str, float | None] = request.extensions.get("timeout", {})
        retry = request.method == "GET"
        while True:
            conn = self._take_idle(origin)
            reused = conn is not None
            if conn is None:
                conn = await self._connect(origin, timeouts.get("connect"))
            try:
                return await self._exchange(conn, origin, request, timeouts)
            except _ClosedWhileIdle as closed:
                conn.close()
                if not (reused and retry):
                    raise httpx.RemoteProtocolError(str(closed), request=request) from None
                retry = False
            except BaseException:
                conn.close()
                raise

    def _take_idle(self, origin: tuple[str, str, int]) -> _Connection | None:
        idle = self._idle.get(origin)
        now = time.monotonic()
        while idle:
            conn = idle.pop()
            if not conn.stale(now, self._expiry):
                return conn
            conn.close()
        return None

    def _make_room(self) -> None:
        """Close the longest idle connections while a new one would exceed the limit."""
        while len(self._open) >= self._max:
            idle = [conn for conns in self._idle.values() for conn in conns]
            if not idle:
                return
            oldest = min(idle, key=lambda conn: conn.idle_since)
            for conns in self._idle.values():
                if oldest in conns:
                    conns.remove(oldest)
            oldest.close()

    async def _connect(self, origin: tuple[str, str, int], timeout: float | None) -> _Connection:
        scheme, host, port = origin
        self._make_room()
        tls = self._tls_context() if scheme == "https" else None
        try:
            reader, writer = await _within(
                asyncio.open_connection(
                    host, port, ssl=tls, server_hostname=host if tls else None,
                    limit=_READ * 4, happy_eyeballs_delay=0.25,
                ),
                timeout,
            )
        except TimeoutError as exc:
            raise httpx.ConnectTimeout(str(exc) or "timed out") from exc
        except OSError as exc:  # ssl.SSLError and socket.gaierror included: the chain names them
            raise httpx.ConnectError(str(exc) or type(exc).__name__) from exc
        return _Connection(reader, writer, self._open)

    async def _exchange(
        self, conn: _Connection, origin: tuple[str, str, int], request: httpx.Request,
        timeouts: dict[str, float | None],
    ) -> httpx.Response:
        method = request.method.encode("ascii", "replace")
        try:
            head = request_head(method, request.url.raw_path, request.headers.raw)
        except LocalProtocolError as exc:
            raise httpx.LocalProtocolError(str(exc)) from exc
        try:
            sent = await self._send(conn, head, request, timeouts.get("write"))
        except httpx.WriteError:
            # the server may have answered early and closed: read its answer (httpcore does the same)
            sent = False
        read_timeout = timeouts.get("read")
        answer = await _read_head(conn, method, read_timeout)
        conn.used = True
        keep = sent and head.keep_alive and answer.keep_alive
        extensions = {"http_version": b"HTTP/" + answer.version, "reason_phrase": answer.reason}
        if answer.status in (204, 304) or method == b"HEAD":  # never a body: the exchange is over
            # (Any other answer, even of Content-Length 0, is given back only once read, as before:
            # an error answer the fetcher leaves unread closes its connection.)
            self._release(conn, origin, keep)
            response = httpx.Response(answer.status, headers=answer.headers, stream=_NO_BODY,
                                      extensions=extensions, request=request)
            response._content = b""  # what aread() would find, without reading an empty stream
            return response
        return httpx.Response(
            answer.status,
            headers=answer.headers,
            stream=_Body(self, conn, origin, read_timeout, BodyReader(conn.incoming.buffer, answer), keep),
            extensions=extensions,
            request=request,
        )

    async def _send(self, conn: _Connection, head: RequestHead, request: httpx.Request,
                    timeout: float | None) -> bool:
        """Write the request: its head and body framed as the head says (False: the
        request could not all be written)."""
        try:
            body = request.content  # bytes, already read (every request the Fetcher makes)
        except httpx.RequestNotRead:
            return await self._send_stream(conn, head, request, timeout)
        if head.length is None:
            data = head.data + (chunk(body) if body else b"") + LAST_CHUNK
        elif len(body) == head.length:
            data = head.data + body if body else head.data
        else:
            raise httpx.LocalProtocolError(_length_mismatch(len(body), head.length))
        await _write(conn, data, timeout)
        return True

    async def _send_stream(self, conn: _Connection, head: RequestHead, request: httpx.Request,
                           timeout: float | None) -> bool:
        await _write(conn, head.data, timeout)
        sent = 0
        async for part in request.stream:  # type: ignore[union-attr]
            if not part:
                continue
            if head.length is None:
                await _write(conn, chunk(part), timeout)
                continue
            sent += len(part)
            if sent > head.length:
                raise httpx.LocalProtocolError(_length_mismatch(sent, head.length))
            await _write(conn, part, timeout)
        if head.length is None:
            await _write(conn, LAST_CHUNK, timeout)
        elif sent != head.length:
            raise httpx.LocalProtocolError(_length_mismatch(sent, head.length))
        return True

    def _release(self, conn: _Connection, origin: tuple[str, str, int], keep: bool) -> None:
        """A response read to its end: the connection goes back for reuse, or is closed."""
        if self._closed or not keep or conn.incoming.buffer:  # stray bytes after the answer: not reused
            conn.close()
            return
        idle = sum(len(conns) for conns in self._idle.values())
        if idle >= self._keep:
            conn.close()
            return
        conn.idle_since = time.monotonic()
        self._idle.setdefault(origin, []).append(conn)

    async def aclose(self) -> None:
        self._closed = True
        idle, self._idle = self._idle, {}
        closing = [conn for conns in idle.values() for conn in conns]
        for conn in closing:
            conn.close()
        if closing:  # let the sockets close before the event loop may end
            waits = [conn.writer.wait_closed() for conn in closing]
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(1.0):
                    await asyncio.gather(*waits, return_exceptions=True)


class _ClosedWhileIdle(Exception):
    """A kept-alive connection had been closed by the server: nothing was answered."""


def _length_mismatch(sent: int, declared: int) -> str:
    return f"Too {'much' if sent > declared else 'little'} data for declared Content-Length"


async def _write(conn: _Connection, data: bytes, timeout: float | None) -> None:
    try:
        conn.writer.write(data)
        if conn.writer.transport.get_write_buffer_size():  # else drain() has nothing to wait for
            await _within(conn.writer.drain(), timeout)
    except TimeoutError as exc:
        raise httpx.WriteTimeout(str(exc) or "timed out") from exc
    except (OSError, RuntimeError) as exc:
        raise httpx.WriteError(str(exc) or type(exc).__name__) from exc


async def _read(conn: _Connection, timeout: float | None) -> bytes:
    try:
        data: bytes = await _within(conn.reader.read(_READ), timeout)
    except TimeoutError as exc:
        raise httpx.ReadTimeout(str(exc) or "timed out") from exc
    return data


async def _read_head(conn: _Connection, method: bytes, timeout: float | None) -> ResponseHead:
    """The final answer's head (1xx skipped). A reused connection that ends before any
    byte came was closed by the server while idle: ``_ClosedWhileIdle``."""
    incoming = conn.incoming
    received = bool(incoming.buffer)
    while True:
        if received:  # (nothing to look at before the first read)
            try:
                answer = incoming.head(method)
            except RemoteProtocolError as exc:
                raise httpx.RemoteProtocolError(str(exc)) from exc
            if answer is not None:
                return answer
        try:
            data = await _read(conn, timeout)
        except OSError as exc:
            if conn.used and not received:
                raise _ClosedWhileIdle("Server disconnected without sending a response.") from exc
            raise httpx.ReadError(str(exc) or type(exc).__name__) from exc
        if not data:
            message = "Server disconnected without sending a response."
            if conn.used and not received:
                raise _ClosedWhileIdle(message)
            raise httpx.RemoteProtocolError(message)
        received = True
        incoming.buffer += data


class _NoBody(httpx.AsyncByteStream):
    """The stream of an answer that has no body (its connection already given back)."""

    def __aiter__(self) -> AsyncIterator[bytes]:
        return self

    async def __anext__(self) -> bytes:
        raise StopAsyncIteration


_NO_BODY = _NoBody()


class _Body(httpx.AsyncByteStream):
    """A response's body, read from its connection; the connection is given
    back when the body ends, closed when it is left unread."""

    def __init__(self, transport: HTTP11Transport, conn: _Connection, origin: tuple[str, str, int],
                 timeout: float | None, body: BodyReader, keep: bool) -> None:
        self._transport = transport
        self._conn: _Connection | None = conn
        self._origin = origin
        self._timeout = timeout
        self._body = body
        self._keep = keep

    async def __aiter__(self) -> AsyncIterator[bytes]:
        conn = self._conn
        if conn is None:
            return
        body = self._body
        try:
            while True:
                data = body.take()
                if data:
                    yield data
                if body.done:
                    break
                if not data:
                    more = await _read(conn, self._timeout)
                    if not more:
                        body.closed()  # the end of a body read until the close, or an error
                        break
                    body.buffer += more
        except RemoteProtocolError as exc:
            self._conn = None
            conn.close()
            raise httpx.RemoteProtocolError(str(exc)) from exc
        except OSError as exc:
            self._conn = None
            conn.close()
            raise httpx.ReadError(str(exc) or type(exc).__name__) from exc
        except BaseException:
            self._conn = None
            conn.close()
            raise
        self._conn = None
        self._transport._release(conn, self._origin, self._keep)

    async def aclose(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:  # not read to its end: the connection cannot be reused
            conn.close()
