"""Make XML bytes safe to hand to an XML parser, and sniff a feed's root.

Every ``<!DOCTYPE ...>`` (with its internal subset) and every ``<!ENTITY ...>``
is cut out before parsing: that defuses billion laughs, quadratic blowup,
XXE ``SYSTEM`` entities and external DTDs at once. Scanning is linear: it
jumps between delimiters with ``bytes.find``, so no regex can backtrack.
"""

from __future__ import annotations

import re

from ikn_tui.core.text import decode_bytes

SNIFF_BYTES = 4096
XML_DECL = b'<?xml version="1.0" encoding="utf-8"?>\n'
_MAX_PROLOG_ITEMS = 10_000

_DECL_START = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_UNSAFE = re.compile(rb"ENTITY|SYSTEM", re.IGNORECASE)
_DECL_TOKEN = re.compile(rb"[\"'\[\]>]|<!--")
_XML_DECL_TEXT = re.compile(r"^\s*<\?xml\s[^<>]{0,400}?\?>")
_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]{0,40}:)?(rss|RDF|feed|channel)[\s>/]", re.IGNORECASE)
_ANY_ROOT = re.compile(rb"<[A-Za-z_]")
# A numeric character reference (the digits are bounded: "&#99999999999;"
# must still be seen, and judged out of range).
_NCR = re.compile(r"&#(?:[xX]([0-9A-Fa-f]{1,40})|([0-9]{1,40}));")
REPLACEMENT_REF = "&#xFFFD;"
_SURROGATE = re.compile("[\ud800-\udfff]")


def _valid_code(code: int) -> bool:
    """A code point a character reference may name (no surrogates, in range)."""
    return code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF


def repair_char_refs(text: str) -> tuple[str, int]:
    """Character references to surrogates or beyond U+10FFFF (``&#xD800;``,
    ``&#x110000;``, ``&#99999999999;``) become U+FFFD, as HTML does; an XML
    parser would reject the whole document for one of them. Returns (text,
    how many were repaired)."""
    if "&#" not in text:
        return text, 0
    repaired = 0

    def fix(match: re.Match[str]) -> str:
        nonlocal repaired
        hex_digits, digits = match.groups()
        code = int(hex_digits, 16) if hex_digits else int(digits)
        if _valid_code(code):
            return match.group()
        repaired += 1
        return REPLACEMENT_REF

    return _NCR.sub(fix, text), repaired


def declaration_end(data: bytes, start: int) -> int:
    """Index just past the markup declaration (``<!...>``) starting at ``start``.

    Quoted strings, comments and a ``[...]`` internal subset are skipped as a
    whole. An unterminated declaration ends at its first ``>`` (or the end).
    """
    pos, depth = start + 2, 0
    while True:
        match = _DECL_TOKEN.search(data, pos)
        if match is None:
            break
        token = match.group()
        if token in (b'"', b"'"):
            close = data.find(token, match.end())
            if close < 0:
                break
            pos = close + 1
        elif token == b"<!--":
            close = data.find(b"-->", match.end())
            if close < 0:
                break
            pos = close + 3
        elif token == b"[":
            depth += 1
            pos = match.end()
        elif token == b"]":
            depth = max(0, depth - 1)
            pos = match.end()
        else:  # ">"
            if depth == 0:
                return match.end()
            pos = match.end()
    first = data.find(b">", start)
    return len(data) if first < 0 else first + 1


def strip_declarations(data: bytes) -> tuple[bytes, bool]:
    """Remove every DOCTYPE and ENTITY declaration.

    Returns (bytes, unsafe) where ``unsafe`` says an entity declaration or a
    SYSTEM identifier was among them (a plain public DOCTYPE is not worth a warning).
    """
    if b"<!" not in data:
        return data, False
    parts: list[bytes] = []
    pos, unsafe = 0, False
    while True:
        match = _DECL_START.search(data, pos)
        if match is None:
            break
        parts.append(data[pos : match.start()])
        pos = declaration_end(data, match.start())
        unsafe = unsafe or _UNSAFE.search(data, match.start(), pos) is not None
    if not parts:
        return data, False
    parts.append(data[pos:])
    return b"".join(parts), unsafe


def prepare_xml(text: str) -> tuple[bytes, bool]:
    """Decoded feed text -> UTF-8 bytes with a UTF-8 declaration and no DTD.

    Returns (bytes, unsafe_declarations_removed). See ``prepare_xml_counted``.
    """
    data, removed, _ = prepare_xml_counted(text)
    return data, removed


def prepare_xml_counted(text: str) -> tuple[bytes, bool, int]:
    """``prepare_xml``, also repairing character references that no XML
    parser accepts (``repair_char_refs``) and lone surrogates in the text:
    (bytes, unsafe_declarations_removed, characters_repaired)."""
    text = text.lstrip("\ufeff \t\r\n")
    match = _XML_DECL_TEXT.match(text)
    if match:
        text = text[match.end() :]
    text, repaired = repair_char_refs(text)
    try:
        encoded = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: U+FFFD, as for a reference
        text, lone = _SURROGATE.subn("\ufffd", text)
        repaired += lone
        encoded = text.encode("utf-8", errors="replace")
    body, removed = strip_declarations(encoded)
    return XML_DECL + body.lstrip(), removed, repaired


def _sniffable(data: bytes) -> bytes:
    """The start of ``data`` as ASCII-compatible bytes (UTF-16/32 decoded)."""
    head = data[:SNIFF_BYTES]
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")) or b"\x00" in head[:64]:
        return decode_bytes(head, None, kind="xml").encode("utf-8", errors="replace")
    if head.startswith(b"\xef\xbb\xbf"):
        return data[3:]
    return data


def skip_prolog(data: bytes) -> int:
    """Index of the first thing after whitespace, the XML declaration,
    processing instructions, comments and DOCTYPE (or -1 when it never ends)."""
    pos = 0
    for _ in range(_MAX_PROLOG_ITEMS):
        while pos < len(data) and data[pos] in b" \t\r\n":
            pos += 1
        if data.startswith(b"<?", pos):
            end = data.find(b"?>", pos + 2)
            pos = -1 if end < 0 else end + 2
        elif data.startswith(b"<!--", pos):
            end = data.find(b"-->", pos + 4)
            pos = -1 if end < 0 else end + 3
        elif data.startswith(b"<!", pos):
            pos = declaration_end(data, pos)
        else:
            return pos
        if pos < 0:
            return -1
    return -1


def feed_root(data: bytes) -> str | None:
    """The local name of the root element when it is rss/RDF/feed/channel."""
    data = _sniffable(data)
    pos = skip_prolog(data)
    if pos < 0:
        return None
    match = _ROOT.match(data, pos)
    if match:
        return match.group(1).decode("ascii")
    return None


def has_element(data: bytes) -> bool:
    """True when there is at least one element start tag after the prolog."""
    pos = skip_prolog(data)
    return pos >= 0 and _ANY_ROOT.search(data, pos) is not None
