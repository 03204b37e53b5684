"""A feed item's HTML kept as it came, for its extraction later (``deferred``).

A raw item is one byte saying how it is packed, then the item: the lengths of
its base URL, description and content in UTF-8 (three little-endian 32-bit
numbers), those three, then its media photos as JSON. ``b``: as is; ``z``: that
much zlib-compressed. (No JSON for the HTML itself: escaping its quotes cost
40 us an item, ten times the rest.) Its hash (64 bits of SHA-256 of the item)
tells the store whether an item seen again changed.
"""

from __future__ import annotations

import hashlib
import json
import struct
import zlib

from ikn_tui.core.feeds.parsed import RawItem

# Compress raw items? Measured on a cold refresh of 200 realistic feeds x 50
# items: zlib level 1 halves the file (52 -> 27 MB) but costs ~90 us an item in
# the parse workers (+0.5 CPU-s, +15%): it does not pay at refresh time, and a
# raw item is dropped once extracted (its pages are reused). ``unpack_raw`` reads both.
COMPRESS = False
_LEVEL = 1
_HEAD = struct.Struct("<III")


def pack_raw(base: str | None, description: str, content: str, media: list[str]) -> RawItem:
    """An item's HTML, packed for the store, and its hash."""
    parts = [(base or "").encode("utf-8", "surrogatepass"), description.encode("utf-8", "surrogatepass"),
             content.encode("utf-8", "surrogatepass")]
    payload = b"".join((
        _HEAD.pack(*(len(p) for p in parts)), *parts,
        json.dumps(media, ensure_ascii=False).encode("utf-8", "surrogatepass") if media else b"",
        b"\x00" if base is None else b"",
    ))
    digest = int.from_bytes(hashlib.sha256(payload).digest()[:8], "big", signed=True)
    if COMPRESS:
        return b"z" + zlib.compress(payload, _LEVEL), digest
    return b"b" + payload, digest


def unpack_raw(raw: bytes) -> tuple[str | None, str, str, list[str]]:
    """(base URL, description, content, media photos) of a packed item.

    Raises ``ValueError`` for anything ``pack_raw`` did not make."""
    raw = bytes(raw)
    kind, payload = raw[:1], raw[1:]
    if kind == b"z":
        try:
            payload = zlib.decompress(payload)
        except zlib.error as error:
            raise ValueError("damaged raw item") from error
    elif kind != b"b":
        raise ValueError("unknown raw item")
    try:
        sizes = _HEAD.unpack_from(payload)
        pos = _HEAD.size
        texts = []
        for size in sizes:
            texts.append(payload[pos : pos + size].decode("utf-8", "surrogatepass"))
            pos += size
        rest = payload[pos:]
        no_base = rest.endswith(b"\x00")
        rest = rest[:-1] if no_base else rest
        media = json.loads(rest.decode("utf-8", "surrogatepass")) if rest else []
    except (struct.error, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError("damaged raw item") from error
    if pos > len(payload) or not isinstance(media, list):
        raise ValueError("damaged raw item")
    base = None if no_base else texts[0]
    return base, texts[1], texts[2], [str(m) for m in media]
