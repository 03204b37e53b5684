"""httpcore's network layer on plain asyncio streams, for the fetcher's connection pools.

httpcore runs on anyio under asyncio by default. Per request that costs a
cancel scope around every read and write, and for every pooled connection,
each time the pool looks for one, a ``get_extra_info("is_readable")`` that
anyio answers by building a dict of all the socket's attributes
(``getpeername`` included): about a third of the CPU of a refresh where
every feed answers 304. This backend does the same work with
``asyncio.open_connection`` and ``asyncio.timeout``, and maps failures to
httpcore's exceptions exactly as its anyio backend does, so httpx reports
them the same way.
"""

from __future__ import annotations

import asyncio
import contextlib
import ssl
from collections.abc import AsyncIterator, Iterable
from typing import Any

import httpcore

_READ_ERRORS = (OSError, ConnectionError, asyncio.IncompleteReadError)
_BUFFER = 256 * 1024  # read-ahead per connection before asyncio pauses the socket


@contextlib.asynccontextmanager
async def _deadline(timeout: float | None, on_timeout: type[Exception]) -> AsyncIterator[None]:
    """``asyncio.timeout`` raising httpcore's exception for the operation."""
    if timeout is None:
        yield
        return
    try:
        async with asyncio.timeout(timeout):
            yield
    except TimeoutError as exc:
        raise on_timeout(str(exc) or "timed out") from exc


class AsyncioStream(httpcore.AsyncNetworkStream):
    """One TCP (or TLS) connection as a pair of asyncio streams."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._reader = reader
        self._writer = writer

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        async with _deadline(timeout, httpcore.ReadTimeout):
            try:
                return await self._reader.read(max_bytes)
            except _READ_ERRORS as exc:
                raise httpcore.ReadError(str(exc) or type(exc).__name__) from exc

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        if not buffer:
            return
        async with _deadline(timeout, httpcore.WriteTimeout):
            try:
                self._writer.write(buffer)
                await self._writer.drain()
            except (OSError, ConnectionError, RuntimeError) as exc:
                raise httpcore.WriteError(str(exc) or type(exc).__name__) from exc

    async def aclose(self) -> None:
        self._writer.close()
        with contextlib.suppress(OSError, ConnectionError, ssl.SSLError):
            await self._writer.wait_closed()

    async def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.AsyncNetworkStream:
        try:
            async with _deadline(timeout, httpcore.ConnectTimeout):
                await self._writer.start_tls(ssl_context, server_hostname=server_hostname)
        except httpcore.ConnectTimeout:
            await self.aclose()
            raise
        except (OSError, ssl.SSLError, ConnectionError, asyncio.IncompleteReadError) as exc:
            await self.aclose()
            raise httpcore.ConnectError(str(exc) or type(exc).__name__) from exc
        return self

    def get_extra_info(self, info: str) -> Any:
        if info == "ssl_object":
            return self._writer.get_extra_info("ssl_object")
        if info == "client_addr":
            return self._writer.get_extra_info("sockname")
        if info == "server_addr":
            return self._writer.get_extra_info("peername")
        if info == "socket":
            return self._writer.get_extra_info("socket")
        if info == "is_readable":
            # asyncio reads as soon as bytes arrive: on an idle connection,
            # anything buffered, an end of stream or a closing transport means
            # the server has spoken or hung up (httpcore then drops it).
            transport = self._writer.transport
            return (
                transport.is_closing()
                or self._reader.at_eof()
                or bool(getattr(self._reader, "_buffer", b""))
                or self._reader.exception() is not None
            )
        return None


class AsyncioBackend(httpcore.AsyncNetworkBackend):
    """Connections for httpcore's pool, made by asyncio."""

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        local = (local_address, 0) if local_address else None
        async with _deadline(timeout, httpcore.ConnectTimeout):
            try:
                reader, writer = await asyncio.open_connection(
                    host, port, local_addr=local, limit=_BUFFER, happy_eyeballs_delay=0.25
                )
            except OSError as exc:
                raise httpcore.ConnectError(str(exc) or type(exc).__name__) from exc
        sock = writer.get_extra_info("socket")
        if sock is not None:
            for option in socket_options or ():
                sock.setsockopt(*option)
        return AsyncioStream(reader, writer)

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.AsyncNetworkStream:
        async with _deadline(timeout, httpcore.ConnectTimeout):
            try:
                reader, writer = await asyncio.open_unix_connection(path)
            except OSError as exc:
                raise httpcore.ConnectError(str(exc) or type(exc).__name__) from exc
        return AsyncioStream(reader, writer)

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)


__all__ = ["AsyncioBackend", "AsyncioStream"]
