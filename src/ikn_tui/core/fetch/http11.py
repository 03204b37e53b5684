"""HTTP/1.1 message framing for a client: request heads out, response heads and bodies in.

Sans-I/O, with h11's rules and limits (it replaced h11 in ``transport.py``) but
none of its state machine: ``request_head`` turns a method, target and header
list into bytes, refusing what h11 refuses (a header value with CR, LF or NUL
is refused, not sent: no header injection); ``ResponseReader`` takes response
heads out of a bytearray its caller fills from the network (1xx answers
skipped, the head limited to 100 KB), and a ``BodyReader`` takes one body out
of the same bytearray (RFC 9112 §6.3: none for 204, 304 and HEAD; chunked;
Content-Length; or until the connection closes). A malformed answer raises
``RemoteProtocolError`` worded so that the fetcher can tell what went wrong
("buffer too long", "closed ... incomplete").

Header lines are checked with bytes operations over the whole block (the
bytes a field may not hold, CR only before LF) and a name check per line,
which is what h11's per-line regular expressions allow; only a block that
fails (obs-fold, or a bad line) is read line by line with h11's expression, to
join folded lines or refuse the bad one. Tests compare both directions with h11.
"""

from __future__ import annotations

import re

MAX_HEAD = 100 * 1024  # h11's max_incomplete_event_size as httpcore sets it
LAST_CHUNK = b"0\r\n\r\n"

_TCHARS = b"!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_FIELD_BYTES = bytes(set(range(256)) - set(b"\x00\x0b\x0c\r\n"))  # allowed in a header line
_FRAMING = (b"content-length", b"transfer-encoding", b"connection")
_TOKEN = rb"[-!#$%&'*+.^_`|~0-9a-zA-Z]+"
_VALUE = rb"(?:[^\x00\s]+(?:[ \t]+[^\x00\s]+)*)?"  # h11: no NUL, CR, LF, VT, FF; no outer blanks
_TOKEN_RE = re.compile(_TOKEN)
_TARGET = re.compile(rb"[\x21-\x7e]+")
_STATUS = re.compile(rb"HTTP/([0-9]\.[0-9]) ([0-9]{3})(?: ((?:[ \t]|[^\x00\s])*))?\r?\n")
_FIELD = rb"(" + _TOKEN + rb"):[ \t]*(" + _VALUE + rb")[ \t]*"
_BLANK_LINE = re.compile(rb"\n\r?\n")
_CHUNK_SIZE = re.compile(rb"([0-9A-Fa-f]{1,20})(?:;.*)?[ \t]*")


class LocalProtocolError(Exception):
    """A request that cannot be written as given (a bad method, target or header)."""


class RemoteProtocolError(Exception):
    """A response that breaks HTTP/1.1 framing."""


class RequestHead:
    """A request head as bytes, with how its body is framed: ``length`` bytes
    (None: chunked) and whether the connection may be kept afterwards."""

    __slots__ = ("data", "keep_alive", "length")

    def __init__(self, data: bytes, length: int | None, keep_alive: bool) -> None:
        self.data = data
        self.length = length
        self.keep_alive = keep_alive


def request_head(method: bytes, target: bytes, headers: list[tuple[bytes, bytes]]) -> RequestHead:
    """``method target HTTP/1.1`` and the headers as given (names and values as h11 allows them)."""
    if not _TOKEN_RE.fullmatch(method):
        raise LocalProtocolError(f"Illegal method {method[:40]!r}")
    if not _TARGET.fullmatch(target):
        raise LocalProtocolError("Illegal target characters")
    fields = b"".join([name + b": " + value + b"\r\n" for name, value in headers])
    hosts = 0
    framing = False
    bad = not _fields_allowed(fields) or fields.count(b"\n") != len(headers)  # a value with CR or LF
    for name, value in headers:
        if not name or name.translate(None, _TCHARS) or value.strip(b" \t") != value:
            bad = True
        lower = name.lower()
        if lower == b"host":
            hosts += 1
        elif lower in _FRAMING:
            framing = True
    if bad:
        for name, value in headers:
            if not _TOKEN_RE.fullmatch(name):
                raise LocalProtocolError(f"Illegal header name {name[:60]!r}")
            if not re.fullmatch(_VALUE, value):  # the value is not repeated: it may be a secret
                raise LocalProtocolError(f"Illegal header value for {name.decode('ascii')}")
        raise LocalProtocolError("Illegal header")
    if hosts != 1:
        raise LocalProtocolError("Missing mandatory Host: header" if not hosts else "Found multiple Host: headers")
    length, chunked, close = _checked(headers[:], LocalProtocolError) if framing else (None, False, False)
    if chunked:  # Transfer-Encoding beats Content-Length
        length = None
    elif length is None:
        length = 0
    return RequestHead(b"".join((method, b" ", target, b" HTTP/1.1\r\n", fields, b"\r\n")), length, not close)


def chunk(data: bytes) -> bytes:
    """One chunk of a chunked request body."""
    return b"%x\r\n%s\r\n" % (len(data), data)


class ResponseHead:
    """A final (non-1xx) response head and how its body is framed: ``length``
    bytes, chunked, or (``length`` None, not chunked) until the connection closes."""

    __slots__ = ("chunked", "headers", "keep_alive", "length", "reason", "status", "version")

    def __init__(self, status: int, reason: bytes, version: bytes, headers: list[tuple[bytes, bytes]]) -> None:
        self.status = status
        self.reason = reason
        self.version = version  # b"1.1"
        self.headers = headers
        self.length: int | None = 0
        self.chunked = False
        self.keep_alive = version >= b"1.1"


class ResponseReader:
    """Response heads out of ``buffer``, which the caller fills with what it receives."""

    __slots__ = ("_searched", "buffer")

    def __init__(self) -> None:
        self.buffer = bytearray()
        self._searched = 0

    def head(self, method: bytes) -> ResponseHead | None:
        """The next final response head, taken out of the buffer (None: more bytes are needed)."""
        buffer = self.buffer
        while True:
            end = _head_end(buffer, self._searched)
            if end < 0:
                self._searched = max(0, len(buffer) - 2)
                if buffer and buffer[0] < 0x21:  # h11's early refusal (e.g. a TLS alert)
                    raise RemoteProtocolError("illegal status line")
                return None
            self._searched = 0
            head = bytes(buffer[:end])
            del buffer[:end]
            status = _STATUS.match(head)
            if status is None:
                raise RemoteProtocolError("illegal status line")
            version, code, reason = status.groups()
            fields = _fields(head, status.end(), end)
            answer = ResponseHead(int(code), reason or b"", version, fields)
            if answer.status >= 200:
                _framing(answer, fields, method)
                return answer
            if answer.status == 101:
                raise RemoteProtocolError("101 Switching Protocols was not asked for")


def _head_end(buffer: bytearray, searched: int) -> int:
    """Where the head in ``buffer`` ends (after its blank line), -1 if it has not all come."""
    found = _BLANK_LINE.search(buffer, searched)
    if found is None:
        if len(buffer) > MAX_HEAD:
            raise RemoteProtocolError("Receive buffer too long")
        return -1
    end = found.end()
    if end > MAX_HEAD:
        raise RemoteProtocolError("Receive buffer too long")
    return end


def _fields(head: bytes, start: int, end: int) -> list[tuple[bytes, bytes]]:
    """The header lines of ``head[start:end]`` (ending with the blank line), as (name, value)."""
    end -= 2 if head[end - 2] == 13 else 1  # keep the last line's own line end
    block = head[start:end]
    lines = block.split(b"\n")
    lines.pop()  # after the last line end
    if _fields_allowed(block):
        fields: list[tuple[bytes, bytes]] = []
        for line in lines:
            name, colon, value = line.partition(b":")
            if not colon or not name or name.translate(None, _TCHARS):  # not a token, or folded: see below
                break
            fields.append((name, value.strip(b" \t\r")))  # a CR can only end the line here
        else:
            return fields
    return _unfolded_fields([line[:-1] if line.endswith(b"\r") else line for line in lines])


def _unfolded_fields(lines: list[bytes]) -> list[tuple[bytes, bytes]]:
    """Header lines that need a closer look (obs-fold, or a bad line), one by one as h11 reads them."""
    unfolded: list[list[bytes]] = []  # each line with its continuation lines (joined once: linear)
    for line in lines:
        if line[:1] not in (b" ", b"\t"):
            unfolded.append([line])
        elif not unfolded:
            raise RemoteProtocolError("continuation line at start of headers")
        else:
            unfolded[-1].append(line.lstrip(b" \t"))
    fields = []
    for parts in unfolded:
        field = re.fullmatch(_FIELD, b" ".join(parts))  # compiled (and cached by re) only when needed
        if field is None:
            raise RemoteProtocolError("illegal header line")
        fields.append((field[1], field[2]))
    return fields


def _fields_allowed(block: bytes) -> bool:
    """No NUL, VT or FF in header lines, and CR only before LF: h11's field values, once
    the line's outer blanks are stripped (and its name checked)."""
    left = block.translate(None, _FIELD_BYTES)  # the bytes allowed only as line ends, or nowhere
    return not left.translate(None, b"\r\n") and block.count(b"\r") == block.count(b"\r\n")


def _framing(answer: ResponseHead, fields: list[tuple[bytes, bytes]], method: bytes) -> None:
    """RFC 9112 section 6.3's body length, after h11's checks of the framing headers."""
    length, chunked, close = _checked(fields, RemoteProtocolError)
    if close:
        answer.keep_alive = False
    status = answer.status
    if status in (204, 304) or method == b"HEAD" or (method == b"CONNECT" and status < 300):
        answer.length = 0
    elif chunked:
        answer.length, answer.chunked = None, True
    else:
        answer.length = length
        if length is None:  # read until the connection closes: it cannot be reused
            answer.keep_alive = False


def _checked(fields: list[tuple[bytes, bytes]], error: type[Exception]) -> tuple[int | None, bool, bool]:
    """(Content-Length, chunked, Connection: close) from ``fields``, refused as h11 refuses them;
    ``fields`` is left as h11 gives them: one Content-Length of digits, Transfer-Encoding lower case."""
    length: bytes | None = None
    chunked = close = tidy = False
    for name, value in fields:
        lower = name.lower()
        if lower == b"content-length":
            digits = _content_length(value, error)
            if length is not None:
                if digits != length:
                    raise error("conflicting Content-Length headers")
                tidy = True
            length = digits
            tidy = tidy or digits != value
        elif lower == b"transfer-encoding":
            if chunked:
                raise error("multiple Transfer-Encoding headers")
            if value.lower() != b"chunked":
                raise error("Only Transfer-Encoding: chunked is supported")
            chunked = True
            tidy = tidy or value != b"chunked"
        elif lower == b"connection" and b"close" in [part.strip() for part in value.lower().split(b",")]:
            close = True
    if tidy:
        kept: list[tuple[bytes, bytes]] = []
        seen = False
        for name, value in fields:
            lower = name.lower()
            if lower == b"content-length":
                if seen:
                    continue
                seen, value = True, length or b""
            elif lower == b"transfer-encoding":
                value = value.lower()
            kept.append((name, value))
        fields[:] = kept
    return (None if length is None else int(length)), chunked, close


def _content_length(value: bytes, error: type[Exception]) -> bytes:
    lengths = {part.strip() for part in value.split(b",")}
    if len(lengths) != 1:
        raise error("conflicting Content-Length headers")
    digits = lengths.pop()
    if not digits.isdigit() or len(digits) > 20:
        raise error("bad Content-Length")
    return digits


_SIZE, _DATA, _CRLF, _TRAILER = range(4)  # where a chunked body is


class BodyReader:
    """One response body taken out of ``buffer`` (the ``ResponseReader``'s), as the caller fills it."""

    __slots__ = ("_chunked", "_expected", "_remaining", "_searched", "_stage", "buffer", "done")

    def __init__(self, buffer: bytearray, head: ResponseHead) -> None:
        self.buffer = buffer
        self._chunked = head.chunked
        self._expected = self._remaining = head.length  # None: chunked, or until the connection closes
        self.done = head.length == 0
        self._stage = _SIZE
        self._searched = 0

    def take(self) -> bytes:
        """The body bytes in the buffer, taken out of it (b"": more are needed, or ``done``)."""
        if self._chunked:
            return self._take_chunks()
        buffer = self.buffer
        remaining = self._remaining
        if remaining is None or len(buffer) <= remaining:
            data = bytes(buffer)
            buffer.clear()
        else:
            data = bytes(buffer[:remaining])
            del buffer[:remaining]
        if remaining is not None:
            self._remaining = remaining - len(data)
            self.done = not self._remaining
        return data

    def closed(self) -> None:
        """The peer closed the connection: the end of a body read until then, else an error."""
        if self.done:
            return
        if self._chunked:
            raise RemoteProtocolError(
                "peer closed connection without sending complete message body: incomplete chunked read"
            )
        if self._expected is not None and self._remaining is not None:
            raise RemoteProtocolError(
                "peer closed connection without sending complete message body: "
                f"received {self._expected - self._remaining} bytes, expected {self._expected}"
            )
        self.done = True

    def _take_chunks(self) -> bytes:
        buffer = self.buffer
        out = bytearray()
        while buffer and not self.done:
            stage = self._stage
            if stage == _DATA:
                remaining = self._remaining or 0
                if len(buffer) <= remaining:
                    out += buffer
                    remaining -= len(buffer)
                    buffer.clear()
                else:
                    out += buffer[:remaining]
                    del buffer[:remaining]
                    remaining = 0
                self._remaining = remaining
                if not remaining:
                    self._stage = _CRLF
            elif stage == _CRLF:
                if buffer[:2] != b"\r\n"[: len(buffer)]:
                    raise RemoteProtocolError("malformed chunk footer")
                if len(buffer) < 2:
                    break
                del buffer[:2]
                self._stage = _SIZE
            elif stage == _SIZE:
                at = buffer.find(b"\r\n", self._searched)
                if at < 0:
                    if len(buffer) > MAX_HEAD:
                        raise RemoteProtocolError("Receive buffer too long")
                    self._searched = len(buffer) - 1
                    break
                self._searched = 0
                size = _CHUNK_SIZE.fullmatch(buffer, 0, at)
                if size is None:
                    raise RemoteProtocolError("illegal chunk header")
                self._remaining = int(size[1], 16)
                del buffer[: at + 2]
                self._stage = _DATA if self._remaining else _TRAILER
            else:
                self._trailer()
                break
        return bytes(out)

    def _trailer(self) -> None:
        """The trailer fields (checked as h11 checks them, then dropped) and the final blank line."""
        buffer = self.buffer
        blank = 1 if buffer[:1] == b"\n" else 2 if buffer[:2] == b"\r\n" else 0
        if blank:
            del buffer[:blank]
            self.done = True
            return
        end = _head_end(buffer, self._searched)
        if end < 0:
            self._searched = max(0, len(buffer) - 2)
            return
        trailer = bytes(buffer[:end])
        del buffer[:end]
        _checked(_fields(trailer, 0, end), RemoteProtocolError)
        self.done = True
