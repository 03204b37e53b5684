"""One shared HTTP client for feeds and article pages.

``Fetcher.fetch`` never raises: every failure is a one-line, sanitised
``FetchResult.error``. Redirects are followed by hand (to record permanent
moves and refuse non-web schemes), the whole exchange has a deadline (slow-drip
servers), raw bytes are counted against a size cap, and gzip/deflate bodies are
decompressed here with a cap too (gzip bombs).
"""

from __future__ import annotations

import asyncio
import re
import socket
import ssl
import sys
import time
import zlib
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import urlencode, urljoin, urlsplit

# httpx's own command line (httpx._main) pulls in click, rich and pygments
# (~50 ms); httpx falls back to a stub when it cannot be imported.
if "httpx" not in sys.modules:
    sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]
import httpx

from ikn_tui import __version__
from ikn_tui.core.fetch.transport import HTTP11Transport
from ikn_tui.core.models import FetchResult
from ikn_tui.core.problem import Problem, ProblemKind, problem
from ikn_tui.core.text import clean_line, http_charset, is_web_url

DEFAULT_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, "
    "text/html;q=0.8, application/xhtml+xml;q=0.8, */*;q=0.5"
)
_REDIRECTS = (301, 302, 303, 307, 308)
_PERMANENT = (301, 308)
_MB = 1024 * 1024


@dataclass(slots=True)
class NetConfig:
    connect_timeout: float = 5.0
    read_timeout: float = 10.0
    deadline: float = 20.0  # the whole request, redirects and body included
    max_bytes: int = 10 * _MB  # raw bytes, and again after decompression
    max_redirects: int = 5
    per_host: int = 4
    total: int = 16
    user_agent: str = f"ikn-read/{__version__} (+terminal news reader)"


class FetchError(Exception):
    """Internal: a failure as a ``Problem`` (never leaves this module)."""

    def __init__(self, what: Problem) -> None:
        super().__init__(str(what))
        self.problem = what


def _fail(url: str, what: Problem, **fields: Any) -> FetchResult:
    return FetchResult(url=url, error=what, **fields)


def _mb(size: int) -> str:
    return f"{size / _MB:g} MB" if size >= _MB else f"{size} bytes"


# scheme://[userinfo@]host: the host, for the per-host gate (``_host`` without
# urlsplit's whole parse, which was ~3% of a warm refresh's work per request)
_GATE_HOST = re.compile(r"[^:/?#]*://(?:[^/?#]*@)?(\[[^\]/?#]*\]|[^:/?#]*)")


def _gate_key(url: str) -> str:
    found = _GATE_HOST.match(url)
    return found.group(1).strip("[]").lower() if found else _host(url)


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Retry-After as seconds: delta-seconds or an HTTP date (None if unreadable)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(min(int(value), 30 * 86400))
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None or when.tzinfo is None:
        return None
    return max(0.0, min(when.timestamp() - (time.time() if now is None else now), 30 * 86400.0))


def _status_error(status: int, reason: str, retry_after: float | None) -> Problem:
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = clean_line(reason, limit=60) or "error"
    if retry_after is not None:
        return problem(ProblemKind.HTTP_RETRY, code=status, phrase=phrase, seconds=f"{retry_after:.0f}")
    if status == 410:
        return problem(ProblemKind.HTTP_GONE, code=status, phrase=phrase)
    return problem(ProblemKind.HTTP_STATUS, code=status, phrase=phrase)


def decompress(raw: bytes, encoding: str | None, limit: int) -> bytes:
    """Undo Content-Encoding (gzip/deflate, possibly stacked), capped at ``limit`` bytes."""
    codings = [c.strip().lower() for c in (encoding or "").split(",") if c.strip()]
    data = raw
    for coding in reversed(codings):
        if coding in ("identity", "none"):
            continue
        if coding in ("gzip", "x-gzip"):
            data = _inflate(data, 16 + zlib.MAX_WBITS, limit)
        elif coding == "deflate":
            try:
                data = _inflate(data, zlib.MAX_WBITS, limit)
            except zlib.error:  # servers often send raw deflate without the zlib header
                data = _inflate(data, -zlib.MAX_WBITS, limit)
        else:
            raise FetchError(problem(ProblemKind.ENCODING, coding=coding))
    return data


def _inflate(data: bytes, wbits: int, limit: int) -> bytes:
    out = bytearray()
    members = 0
    while data and members < 1000:
        members += 1
        inflater = zlib.decompressobj(wbits)
        chunk = inflater.decompress(data, limit + 1 - len(out))
        out += chunk
        while len(out) <= limit and inflater.unconsumed_tail:
            out += inflater.decompress(inflater.unconsumed_tail, limit + 1 - len(out))
        if len(out) <= limit:
            out += inflater.flush(limit + 1 - len(out)) if not inflater.eof else b""
        if len(out) > limit:
            raise FetchError(problem(ProblemKind.TOO_LARGE_DECOMPRESSED, size=_mb(limit)))
        if not inflater.eof or wbits < 16:  # truncated stream, or not gzip members
            break
        data = inflater.unused_data.lstrip(b"\x00")
    return bytes(out)


def describe_error(error: BaseException, url: str, config: NetConfig) -> Problem:
    """What an httpx/socket failure was."""
    host = _host(url) or url
    if isinstance(error, httpx.ConnectTimeout):
        return problem(ProblemKind.CONNECT_TIMEOUT, seconds=f"{config.connect_timeout:g}", host=host)
    if isinstance(error, httpx.TimeoutException):
        return problem(ProblemKind.READ_TIMEOUT, seconds=f"{config.read_timeout:g}", host=host)
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and len(chain) < 10:
        chain.append(current)
        current = current.__cause__ or current.__context__
    if any(isinstance(e, socket.gaierror) for e in chain):
        return problem(ProblemKind.DNS, host=host)
    if any(isinstance(e, ConnectionRefusedError) for e in chain):
        return problem(ProblemKind.REFUSED, host=host)
    if any(isinstance(e, ssl.SSLCertVerificationError) for e in chain):
        return problem(ProblemKind.TLS_CERTIFICATE, host=host)
    if any(isinstance(e, ssl.SSLError) for e in chain):
        return problem(ProblemKind.TLS, host=host, detail=error)
    if isinstance(error, httpx.RemoteProtocolError):
        return _protocol_error(str(error), host)
    if isinstance(error, httpx.ConnectError):
        return problem(ProblemKind.CONNECT, host=host, detail=error or type(error).__name__)
    if isinstance(error, (httpx.InvalidURL, httpx.UnsupportedProtocol)):
        return problem(ProblemKind.INVALID_URL, detail=error)
    if isinstance(error, httpx.TransportError):
        return problem(ProblemKind.NETWORK, host=host, detail=error or type(error).__name__)
    return problem(ProblemKind.FETCH_FAILED, detail=f"{type(error).__name__}: {error}")


def _protocol_error(text: str, host: str) -> Problem:
    """What was wrong with a response httpx refused."""
    lowered = text.lower()
    if "location header" in lowered:
        return problem(ProblemKind.BAD_REDIRECT, host=host)
    if "buffer too long" in lowered or "line too long" in lowered:
        return problem(ProblemKind.HEADERS_TOO_LARGE, host=host)
    if "disconnected" in lowered or "closed" in lowered or "incomplete" in lowered or not lowered:
        return problem(ProblemKind.CLOSED_EARLY, host=host)
    return problem(ProblemKind.INVALID_RESPONSE, host=host)


class _SetCookies(httpx.Cookies):
    """The client's cookies, read from a response only when it sets one.

    httpx hands every response to the cookie jar through urllib request and
    response look-alikes (~8% of a warm refresh's CPU); for an answer with no
    ``Set-Cookie`` the jar would take nothing from it (``Set-Cookie2`` is
    ignored by its default policy)."""

    def extract_cookies(self, response: httpx.Response) -> None:
        if "set-cookie" in response.headers:
            super().extract_cookies(response)


class Fetcher:
    """Async context manager around one ``httpx.AsyncClient``."""

    def __init__(self, config: NetConfig | None = None, transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.config = config or NetConfig()
        self._transport = transport
        self._client: httpx.AsyncClient | None = None
        self._base_headers: list[tuple[str, str]] = []
        self._timeouts: dict[str, float | None] = {}
        self._total = asyncio.Semaphore(self.config.total)
        self._hosts: dict[str, asyncio.Semaphore] = {}

    async def __aenter__(self) -> Fetcher:
        self._ensure_client()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            await client.aclose()

    def _ensure_client(self) -> httpx.AsyncClient:
        if self._client is None:
            c = self.config
            limits = httpx.Limits(max_connections=c.total, max_keepalive_connections=c.total)
            self._client = httpx.AsyncClient(
                timeout=httpx.Timeout(c.read_timeout, connect=c.connect_timeout, pool=c.deadline),
                limits=limits,
                follow_redirects=False,
                headers={
                    "User-Agent": c.user_agent,
                    "Accept-Encoding": "gzip, deflate",
                    "Accept-Language": "id, en;q=0.8",
                },
                transport=self._transport or HTTP11Transport(limits),
            )
            self._client._cookies = _SetCookies(self._client.cookies.jar)  # the same jar, cheaper to keep
            self._base_headers = self._client.headers.multi_items()
            self._timeouts = self._client.timeout.as_dict()
        return self._client

    def _request(self, client: httpx.AsyncClient, method: str, url: str, headers: dict[str, str],
                 body: bytes | None) -> httpx.Request:
        """What ``client.build_request(method, url, headers=headers, content=body)``
        builds (the client's headers with these replacing theirs, its cookies
        and timeouts), made in one pass: the client merges into copies of
        copies, a fifth of a warm refresh's work per request."""
        replaced = {name.lower() for name in headers}
        pairs = [(name, value) for name, value in self._base_headers if name.lower() not in replaced]
        pairs += headers.items()
        return httpx.Request(
            method, url, headers=pairs, content=body, cookies=client.cookies or None,
            extensions={"timeout": self._timeouts},
        )

    def _host_gate(self, url: str) -> asyncio.Semaphore:
        host = _gate_key(url)
        gate = self._hosts.get(host)
        if gate is None:
            gate = self._hosts[host] = asyncio.Semaphore(self.config.per_host)
        return gate

    async def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str = DEFAULT_ACCEPT,
        form: dict[str, str] | list[tuple[str, str]] | None = None,
        headers: dict[str, str] | None = None,
        max_bytes: int | None = None,
    ) -> FetchResult:
        """GET ``url`` (POST ``form``, urlencoded, when given). ``headers`` are
        added to the request (never logged or shown). A POST is not redirected:
        a redirect answer is an error naming where it pointed. ``max_bytes``
        lowers the size cap for this one request (a photo: 2 MB). Never raises
        (except cancellation)."""
        url = (url or "").strip()
        if not is_web_url(url):
            scheme = url.split(":", 1)[0] if ":" in url else url
            return _fail(url, problem(ProblemKind.URL_SCHEME, scheme=scheme[:20] or "(none)"))
        try:
            async with self._total, self._host_gate(url):
                try:
                    async with asyncio.timeout(self.config.deadline):
                        return await self._exchange(url, etag, last_modified, accept, form, headers, max_bytes)
                except TimeoutError:
                    return _fail(url, problem(ProblemKind.TIMEOUT, seconds=f"{self.config.deadline:g}"))
        except FetchError as error:
            return _fail(url, error.problem)
        # fetch() never raises: httpx, socket and TLS failures, an odd URL or header (ValueError),
        # a closed client or stream (RuntimeError) all become a FetchResult with an error.
        except (httpx.HTTPError, httpx.InvalidURL, OSError, ValueError, RuntimeError) as error:
            return _fail(url, describe_error(error, url, self.config))

    async def _exchange(
        self, url: str, etag: str | None, last_modified: str | None, accept: str,
        form: dict[str, str] | list[tuple[str, str]] | None = None, extra: dict[str, str] | None = None,
        max_bytes: int | None = None,
    ) -> FetchResult:
        client = self._ensure_client()
        headers = {"Accept": accept, **(extra or {})}
        method = "GET" if form is None else "POST"
        body = None
        if form is not None:  # repeated names (a list of pairs) as well as a dict
            body = urlencode(form).encode("ascii")
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current, permanent = url, None
        for _ in range(self.config.max_redirects + 1):
            try:
                request = self._request(client, method, current, headers, body)
                response = await client.send(request, stream=True)
            except httpx.InvalidURL as error:
                # httpx builds the next request of a redirect even when it does not
                # follow it, so a Location such as "javascript:..." fails in send().
                try:
                    httpx.URL(current)
                except httpx.InvalidURL:
                    raise FetchError(describe_error(error, current, self.config)) from error
                raise FetchError(problem(ProblemKind.REDIRECT_INVALID)) from error
            except httpx.HTTPError as error:
                raise FetchError(describe_error(error, current, self.config)) from error
            try:
                location = response.headers.get("location")
                if response.status_code in _REDIRECTS and location:
                    target = urljoin(current, location.strip())
                    if method != "GET":  # the form would be lost or re-sent elsewhere
                        raise FetchError(problem(ProblemKind.POST_REDIRECT, code=response.status_code, target=target))
                    if not is_web_url(target):
                        scheme = target.split(":", 1)[0][:20]
                        raise FetchError(problem(ProblemKind.REDIRECT_SCHEME, scheme=scheme))
                    # Permanent only when every hop was: then the new URL can replace the old one.
                    permanent = response.status_code in _PERMANENT and permanent is not False
                    current = target
                    continue
                return await self._result(
                    url, current, response, bool(permanent), bool(etag or last_modified), max_bytes
                )
            finally:
                await response.aclose()
        raise FetchError(problem(ProblemKind.TOO_MANY_REDIRECTS, count=self.config.max_redirects))

    async def _result(
        self, url: str, final: str, response: httpx.Response, permanent: bool, conditional: bool = True,
        max_bytes: int | None = None,
    ) -> FetchResult:
        status = response.status_code
        headers = response.headers
        result = FetchResult(
            url=url,
            final_url=final,
            status=status,
            content_type=clean_line(headers.get("content-type"), limit=200) or None,
            charset=http_charset(headers.get("content-type")),
            etag=clean_line(headers.get("etag"), limit=500) or None,
            last_modified=clean_line(headers.get("last-modified"), limit=100) or None,
            permanent_redirect=permanent,
        )
        if status == 304:
            # Read the (empty) body so the connection goes back to the pool:
            # an unread response is closed, and a warm refresh would open a
            # new connection per feed.
            try:
                await response.aread()
            except httpx.HTTPError:
                pass
            if not conditional:  # nothing was cached to reuse: not "unchanged"
                result.error = problem(ProblemKind.UNASKED_304)
            return result
        if not 200 <= status < 300:
            if status in (429, 503):
                result.retry_after = retry_after_seconds(headers.get("retry-after"))
            result.error = _status_error(status, response.reason_phrase, result.retry_after)
            return result
        raw = bytearray()
        limit = min(self.config.max_bytes, max_bytes) if max_bytes else self.config.max_bytes
        declared = headers.get("content-length", "").strip()
        if declared.isdigit() and int(declared) > limit:  # no need to download it to know
            raise FetchError(problem(ProblemKind.TOO_LARGE, size=_mb(limit)))
        try:
            async for chunk in response.aiter_raw():
                raw += chunk
                if len(raw) > limit:
                    raise FetchError(problem(ProblemKind.TOO_LARGE, size=_mb(limit)))
        except httpx.HTTPError as error:
            raise FetchError(describe_error(error, final, self.config)) from error
        try:
            result.content = decompress(bytes(raw), headers.get("content-encoding"), limit)
        except zlib.error as error:
            raise FetchError(problem(ProblemKind.DECOMPRESS, detail=error)) from error
        return result


def fetch_sync(url: str, config: NetConfig | None = None) -> FetchResult:
    """Fetch one URL from synchronous code (the CLI)."""

    async def run() -> FetchResult:
        async with Fetcher(config) as fetcher:
            return await fetcher.fetch(url)

    try:
        return asyncio.run(run())
    except RuntimeError as error:  # called inside a running event loop
        return _fail(url, problem(ProblemKind.FETCH_FAILED, detail=f"{type(error).__name__}: {error}"))
