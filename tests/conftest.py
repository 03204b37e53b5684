"""Shared fixtures: an isolated home for every test, and a real loopback HTTP server.

``http_server`` is a ThreadingHTTPServer on 127.0.0.1 (free port) in a daemon
thread. Register answers with ``.route(...)``; every request is recorded in
``.requests`` as ``(path, headers)``. ``news_site`` serves tests/fixtures/site/.
"""

from __future__ import annotations

import gzip as gzip_module
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SITE = FIXTURES / "site"

try:  # running from a source tree without an editable install
    import ikn_tui  # noqa: F401
except ImportError:  # pragma: no cover
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


# --------------------------------------------------------------------------- isolation


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point IKN_READ_HOME, HOME and XDG_* at a temp dir; drop proxy settings."""
    root = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("IKN_READ_HOME", str(root / "ikn-read"))
    monkeypatch.setenv("HOME", str(root))
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(name, str(root / name.lower()))
    for name in ("XDG_CONFIG_DIRS", "XDG_DATA_DIRS", "XDG_RUNTIME_DIR"):
        monkeypatch.delenv(name, raising=False)
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    # The language: the reader's tests build the app in-process and read Indonesian (the default);
    # the command line's tests were written against its English words, so a CLI run (in-process or
    # a real process) reads IKN_READ_LANG=en. tests/test_i18n*.py check both languages explicitly.
    from ikn_tui.i18n import set_language

    set_language("id")
    monkeypatch.setenv("IKN_READ_LANG", "en")
    return root


# --------------------------------------------------------------------------- loopback server


@dataclass
class Route:
    """How the server answers one path. See ``TestServer.route``."""

    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str | None = "text/html; charset=utf-8"
    delay: float = 0.0
    handler: Callable[[Any], Any] | None = None
    etag: str | None = None
    last_modified: str | None = None
    gzip: bool = False
    content_length: int | None = None  # lie about the length
    drip: float = 0.0  # seconds between chunks (slow drip)
    chunk_size: int = 1
    hang: bool = False  # accept the request, never answer


class TestServer:
    """A real HTTP/1.1 server on 127.0.0.1; every response closes the connection."""

    __test__ = False  # not a test class

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.stopping = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _make_handler(self))
        self._server.daemon_threads = True
        self._server.block_on_close = False
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}/{path.lstrip('/')}"

    def route(self, path: str, body: bytes | str = b"", status: int = 200, headers: dict[str, str] | None = None,
              content_type: str | None = "text/html; charset=utf-8", delay: float = 0.0,
              handler: Callable[[Any], Any] | None = None, **options: Any) -> TestServer:
        """Answer ``path`` (exact; the query string is tried first, then without it).

        ``handler(request_handler)`` takes over: write to it yourself and return
        None, or return bytes (the body) or ``(status, headers, body)``.
        Options: ``etag``, ``last_modified`` (answer 304 on a match), ``gzip``,
        ``content_length`` (a lie), ``drip`` + ``chunk_size`` (slow body), ``hang``.
        """
        if isinstance(body, str):
            body = body.encode("utf-8")
        self.routes["/" + path.lstrip("/")] = Route(body, status, dict(headers or {}), content_type, delay, handler, **options)
        return self

    def redirect(self, path: str, to: str, status: int = 302) -> TestServer:
        return self.route(path, status=status, headers={"Location": to}, content_type=None)

    def paths(self) -> list[str]:
        return [path for path, _ in self.requests]

    def stop(self) -> None:
        self.stopping.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


def _make_handler(server: TestServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        timeout = 10  # socket timeout: a stuck client cannot hold a thread forever
        test_server = server

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            self._answer(send_body=True)

        def do_HEAD(self) -> None:
            self._answer(send_body=False)

        def do_POST(self) -> None:
            self._answer(send_body=True)

        def _answer(self, send_body: bool) -> None:
            server.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
            route = server.routes.get(self.path) or server.routes.get(self.path.split("?", 1)[0])
            self.close_connection = True
            try:
                if route is None:
                    self._send(404, {}, b"not found", "text/plain", send_body)
                elif route.hang:
                    server.stopping.wait(60)
                elif route.handler is not None:
                    self._custom(route, send_body)
                else:
                    self._route(route, send_body)
            except (BrokenPipeError, ConnectionResetError, TimeoutError, OSError):
                pass  # the client gave up: that is what many tests are about

        def _custom(self, route: Route, send_body: bool) -> None:
            answer = route.handler(self)  # type: ignore[misc]
            if answer is None:
                return
            if isinstance(answer, tuple):
                status, headers, body = answer
            else:
                status, headers, body = route.status, route.headers, answer
            self._send(status, headers, body, route.content_type, send_body)

        def _route(self, route: Route, send_body: bool) -> None:
            if route.delay and server.stopping.wait(route.delay):
                return
            headers = dict(route.headers)
            if route.etag:
                headers["ETag"] = route.etag
            if route.last_modified:
                headers["Last-Modified"] = route.last_modified
            match_etag = route.etag and self.headers.get("If-None-Match") == route.etag
            match_date = route.last_modified and self.headers.get("If-Modified-Since") == route.last_modified
            if match_etag or match_date:
                self._send(304, headers, b"", None, send_body)
                return
            body = route.body
            if route.gzip:
                body = gzip_module.compress(body)
                headers["Content-Encoding"] = "gzip"
            self._send(route.status, headers, body, route.content_type, send_body, route.content_length, route.drip, route.chunk_size)

        def _send(self, status: int, headers: dict[str, str], body: bytes, content_type: str | None,
                  send_body: bool, length: int | None = None, drip: float = 0.0, chunk_size: int = 1) -> None:
            self.send_response(status)
            if content_type and "content-type" not in {k.lower() for k in headers}:
                self.send_header("Content-Type", content_type)
            for name, value in headers.items():
                self.send_header(name, value)
            if "content-length" not in {k.lower() for k in headers}:
                self.send_header("Content-Length", str(len(body) if length is None else length))
            self.send_header("Connection", "close")
            self.end_headers()
            if not send_body or status == 304:
                return
            if not drip:
                self.wfile.write(body)
                return
            for start in range(0, len(body), max(1, chunk_size)):
                self.wfile.write(body[start : start + chunk_size])
                self.wfile.flush()
                if server.stopping.wait(drip):
                    return

    return Handler


@pytest.fixture
def http_server() -> Any:
    server = TestServer()
    try:
        yield server
    finally:
        server.stop()


_SITE_TYPES = {".xml": "application/rss+xml; charset=utf-8", ".html": "text/html; charset=utf-8",
               ".json": "application/json", ".txt": "text/plain; charset=utf-8", ".opml": "text/x-opml"}


@pytest.fixture
def news_site(http_server: TestServer) -> TestServer:
    """tests/fixtures/site/ served at its relative paths, plus /missing (404) and
    /old (301 -> /feed.xml)."""
    for path in sorted(SITE.rglob("*")):
        if path.is_file():
            relative = path.relative_to(SITE).as_posix()
            http_server.route(relative, path.read_bytes(), content_type=_SITE_TYPES.get(path.suffix, "application/octet-stream"))
    http_server.route("missing", b"<h1>Tidak ditemukan</h1>", status=404)
    http_server.redirect("old", "/feed.xml", status=301)
    return http_server


def wait_until(predicate: Callable[[], bool], timeout: float = 5.0) -> bool:
    """Poll ``predicate`` (for tests that must wait on the server thread)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.01)
    return predicate()
