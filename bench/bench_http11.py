"""The fetcher's HTTP/1.1 client codec and transport, CPU per request (issue 14: warm refresh).

Run: ``.venv/bin/python bench/bench_http11.py [--requests 4000] [--runs 3] [--old FILE]``

1. The codec alone: one request-response cycle of a conditional GET answered
   304 (the Fetcher's request headers out, a typical 304 head in), in
   ``core/fetch/http11.py`` and, when h11 is importable (httpx's httpcore
   installs it), the same cycle through ``h11.Connection``.
2. The transport: ``Fetcher.fetch`` with an ETag against a keep-alive
   server on 127.0.0.1 (a separate process) answering 304, 16 requests in
   flight as in a refresh; CPU seconds (user+sys) of this process per request
   and requests/s. ``--old FILE`` also runs a transport module given as a file
   (e.g. the h11 one: ``git show <commit>:src/ikn_tui/core/fetch/transport.py > /tmp/old.py``),
   its transport class being the one ``httpx.AsyncBaseTransport`` subclass in it.

Wall times are noisy on a shared machine: compare the CPU columns, and run it more than once.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import resource
import subprocess
import sys
import time
import timeit
from pathlib import Path
from typing import Any

import httpx

from ikn_tui.core.fetch import Fetcher, NetConfig
from ikn_tui.core.fetch.http11 import BodyReader, ResponseReader, request_head

REQUEST_HEADERS = [
    (b"Host", b"berita.example.id"),
    (b"Accept", b"application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5"),
    (b"Accept-Encoding", b"gzip, deflate"),
    (b"Connection", b"keep-alive"),
    (b"User-Agent", b"ikn-read/0.1 (+terminal news reader)"),
    (b"Accept-Language", b"id, en;q=0.8"),
    (b"If-None-Match", b'W/"5f1c-1a2b3c4d5e"'),
    (b"If-Modified-Since", b"Tue, 01 Dec 2026 01:00:00 GMT"),
]
ANSWER_304 = (
    b"HTTP/1.1 304 Not Modified\r\n"
    b"Server: nginx\r\n"
    b"Date: Tue, 01 Dec 2026 02:00:00 GMT\r\n"
    b"Connection: keep-alive\r\n"
    b'ETag: W/"5f1c-1a2b3c4d5e"\r\n'
    b"Last-Modified: Tue, 01 Dec 2026 01:00:00 GMT\r\n"
    b"Cache-Control: max-age=60\r\n"
    b"Vary: Accept-Encoding\r\n"
    b"X-Cache: HIT\r\n"
    b"\r\n"
)
TARGET = b"/rss/nasional.xml"

SERVER = r"""
import asyncio, sys
ANSWER = (b"HTTP/1.1 304 Not Modified\r\nServer: bench\r\nConnection: keep-alive\r\n"
          b'ETag: "v1"\r\nCache-Control: max-age=60\r\n\r\n')
async def serve(reader, writer):
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            writer.write(ANSWER)
    except (asyncio.IncompleteReadError, ConnectionError):
        writer.close()
async def main():
    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    print(server.sockets[0].getsockname()[1], flush=True)
    async with server:
        await asyncio.sleep(float(sys.argv[1]))
asyncio.run(main())
"""


def codec_cycle() -> None:
    head = request_head(b"GET", TARGET, REQUEST_HEADERS)
    assert head.data
    incoming = ResponseReader()
    incoming.buffer += ANSWER_304
    answer = incoming.head(b"GET")
    assert answer is not None and answer.status == 304 and answer.keep_alive
    body = BodyReader(incoming.buffer, answer)
    assert body.done and not incoming.buffer


def h11_cycle_factory() -> Any:
    try:
        import h11
    except ImportError:
        return None

    def cycle() -> None:
        conn = h11.Connection(our_role=h11.CLIENT, max_incomplete_event_size=100 * 1024)
        data = conn.send(h11.Request(method=b"GET", target=TARGET, headers=REQUEST_HEADERS))
        data += conn.send(h11.EndOfMessage())
        assert data
        conn.receive_data(ANSWER_304)
        response = conn.next_event()
        assert isinstance(response, h11.Response) and response.status_code == 304
        assert isinstance(conn.next_event(), h11.EndOfMessage)
        conn.start_next_cycle()

    return cycle


def microseconds(function: Any, number: int) -> float:
    best = min(timeit.repeat(function, number=number, repeat=5))
    return best / number * 1e6


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def fetch_304s(port: int, requests: int, transport: httpx.AsyncBaseTransport | None) -> tuple[float, float]:
    """(CPU seconds, wall seconds) for ``requests`` conditional GETs, 16 in flight."""
    config = NetConfig(connect_timeout=5.0, read_timeout=5.0, deadline=30.0, per_host=16, total=16)
    url = f"http://127.0.0.1:{port}/feed.xml"
    async with Fetcher(config, transport=transport) as fetcher:
        for _ in range(32):  # connections opened and warm before timing
            await fetcher.fetch(url, etag='"v1"')
        left = requests

        async def worker() -> None:
            nonlocal left
            while left > 0:
                left -= 1
                result = await fetcher.fetch(url, etag='"v1"')
                assert result.not_modified, result.error

        cpu, wall = cpu_seconds(), time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(16)))
        return cpu_seconds() - cpu, time.perf_counter() - wall


def load_transport(path: str) -> type[httpx.AsyncBaseTransport]:
    spec = importlib.util.spec_from_file_location("old_transport", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    found = [v for v in vars(module).values()
             if isinstance(v, type) and issubclass(v, httpx.AsyncBaseTransport) and v is not httpx.AsyncBaseTransport]
    assert len(found) == 1, found
    return found[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--requests", type=int, default=4000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--old", help="a transport module file to compare with (e.g. the h11 transport)")
    args = parser.parse_args()

    print("codec alone, one 304 cycle (request head out, answer head in), best of 5:")
    print(f"  http11.py  {microseconds(codec_cycle, 20000):6.1f} µs")
    h11_cycle = h11_cycle_factory()
    if h11_cycle is not None:
        print(f"  h11        {microseconds(h11_cycle, 20000):6.1f} µs")

    transports: list[tuple[str, Any]] = [("http11 transport", None)]
    if args.old:
        old = load_transport(args.old)
        transports.append((f"{old.__name__} ({Path(args.old).name})", old))
    server = subprocess.Popen([sys.executable, "-c", SERVER, "600"], stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        port = int(server.stdout.readline())
        print(f"Fetcher.fetch, ETag -> 304 over keep-alive, {args.requests} requests, 16 in flight:")
        for run in range(args.runs):
            for name, kind in transports:
                limits = httpx.Limits(max_connections=16, max_keepalive_connections=16)
                transport = kind(limits) if kind is not None else None
                cpu, wall = asyncio.run(fetch_304s(port, args.requests, transport))
                print(f"  run {run + 1} {name:40} {cpu / args.requests * 1e6:6.1f} µs CPU/request"
                      f"  {args.requests / wall:7.0f} requests/s")
    finally:
        server.terminate()
        server.wait(timeout=5)
    return 0


if __name__ == "__main__":
    sys.exit(main())
