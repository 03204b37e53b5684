"""The fetcher's HTTP/1.1 transport for httpx: h11 on asyncio streams, keep-alive per origin.

httpx's default transport runs httpcore's connection pool on anyio. Importing
those two costs ~45 ms and every request pays their pool bookkeeping (locks,
cancel scopes, a readability probe of every pooled socket, each time a
request looks for a connection): most of a refresh where every feed answers
304. The fetcher needs less: ``Fetcher`` already bounds concurrency (in
total and per host), follows redirects itself and always reads or closes a
response. So this transport keeps idle connections in a list per origin,
speaks HTTP/1.1 through h11 (the parser httpcore uses, with the same limits)
and raises httpx's own exceptions with httpcore's messages, so errors read
as before. The CA bundle is loaded only when an https:// URL is fetched.

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

import h11
import httpx

_READ = 64 * 1024
_MAX_HEADERS = 100 * 1024  # h11's limit for an incomplete event, as httpcore sets it
_DEFAULT_PORTS = {"http": 80, "https": 443}


class _Connection:
    """One TCP (or TLS) connection and its HTTP/1.1 state."""

    __slots__ = ("h11", "idle_since", "open", "reader", "used", "writer")

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                 open_set: set[_Connection]) -> None:
        self.reader = reader
        self.writer = writer
        self.open = open_set  # the transport's open connections: this one leaves it when closed
        open_set.add(self)
        self.h11 = h11.Connection(our_role=h11.CLIENT, max_incomplete_event_size=_MAX_HEADERS)
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


class H11Transport(httpx.AsyncBaseTransport):
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
        write = timeouts.get("write")
        try:
            head = h11.Request(method=request.method, target=request.url.raw_path, headers=request.headers.raw)
            await self._send(conn, head, write)
            async for chunk in request.stream:  # type: ignore[union-attr]
                if chunk:
                    await self._send(conn, h11.Data(data=chunk), write)
            await self._send(conn, h11.EndOfMessage(), write)
        except httpx.WriteError:
            pass  # the server may have answered early and closed: read its answer (httpcore does the same)
        read_timeout = timeouts.get("read")
        while True:
            event = await _next_event(conn, read_timeout, fresh=not conn.used)
            if isinstance(event, h11.Response):
                break
        conn.used = True
        return httpx.Response(
            event.status_code,
            headers=event.headers.raw_items(),
            stream=_Body(self, conn, origin, read_timeout),
            extensions={"http_version": b"HTTP/" + event.http_version, "reason_phrase": event.reason},
            request=request,
        )

    async def _send(self, conn: _Connection, event: h11.Event, timeout: float | None) -> None:
        try:
            data = conn.h11.send(event)
        except h11.LocalProtocolError as exc:
            raise httpx.LocalProtocolError(str(exc)) from exc
        if not data:
            return
        try:
            conn.writer.write(data)
            await _within(conn.writer.drain(), timeout)
        except TimeoutError as exc:
            raise httpx.WriteTimeout(str(exc) or "timed out") from exc
        except (OSError, RuntimeError) as exc:
            raise httpx.WriteError(str(exc) or type(exc).__name__) from exc

    def _release(self, conn: _Connection, origin: tuple[str, str, int]) -> None:
        """A response read to its end: the connection goes back for reuse, or is closed."""
        state = conn.h11
        if self._closed or state.our_state is not h11.DONE or state.their_state is not h11.DONE:
            conn.close()
            return
        try:
            state.start_next_cycle()
        except h11.LocalProtocolError:
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


async def _next_event(conn: _Connection, timeout: float | None, fresh: bool = True) -> Any:
    state = conn.h11
    while True:
        try:
            event = state.next_event()
        except h11.RemoteProtocolError as exc:
            raise httpx.RemoteProtocolError(str(exc)) from exc
        if event is not h11.NEED_DATA:
            return event
        try:
            data = await _within(conn.reader.read(_READ), timeout)
        except TimeoutError as exc:
            raise httpx.ReadTimeout(str(exc) or "timed out") from exc
        except OSError as exc:
            if not fresh and state.their_state is h11.SEND_RESPONSE and not state.trailing_data[0]:
                raise _ClosedWhileIdle("Server disconnected without sending a response.") from exc
            raise httpx.ReadError(str(exc) or type(exc).__name__) from exc
        if not data and state.their_state is h11.SEND_RESPONSE:
            message = "Server disconnected without sending a response."
            if not fresh and not state.trailing_data[0]:
                raise _ClosedWhileIdle(message)
            raise httpx.RemoteProtocolError(message)
        state.receive_data(data)


class _Body(httpx.AsyncByteStream):
    """A response's body, read from its connection; the connection is given
    back when the body ends, closed when it is left unread."""

    def __init__(self, transport: H11Transport, conn: _Connection, origin: tuple[str, str, int],
                 timeout: float | None) -> None:
        self._transport = transport
        self._conn: _Connection | None = conn
        self._origin = origin
        self._timeout = timeout

    async def __aiter__(self) -> AsyncIterator[bytes]:
        conn = self._conn
        if conn is None:
            return
        try:
            while True:
                event = await _next_event(conn, self._timeout)
                if isinstance(event, h11.Data):
                    yield bytes(event.data)
                elif isinstance(event, (h11.EndOfMessage, h11.ConnectionClosed)) or event is h11.PAUSED:
                    break
        except BaseException:
            self._conn = None
            conn.close()
            raise
        self._conn = None
        self._transport._release(conn, self._origin)

    async def aclose(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:  # not read to its end: the connection cannot be reused
            conn.close()
