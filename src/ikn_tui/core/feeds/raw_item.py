"""A feed item's HTML kept as it came, for its extraction later (``deferred``).

A raw item is one byte saying how it is packed, then the compact JSON of
``[base URL, description, content, media photos]``: ``z`` zlib-compressed,
``j`` as is. Its hash (64 bits of BLAKE2b of the JSON) tells the store whether
an item seen again changed.
"""

from __future__ import annotations

import hashlib
import json
import zlib

from ikn_tui.core.feeds.parsed import RawItem

# Compress raw items? zlib (level 1) costs the parse workers about 50 us an item
# and saves ~60% of the bytes the writer stores; see bench/bench_open.py.
COMPRESS = False
_LEVEL = 1
_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False).encode


def pack_raw(base: str | None, description: str, content: str, media: list[str]) -> RawItem:
    """An item's HTML, packed for the store, and its hash."""
    payload = _ENCODE([base, description, content, media]).encode("utf-8", "surrogatepass")
    digest = int.from_bytes(hashlib.blake2b(payload, digest_size=8).digest(), "big", signed=True)
    if COMPRESS:
        return b"z" + zlib.compress(payload, _LEVEL), digest
    return b"j" + payload, digest


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
    elif kind != b"j":
        raise ValueError("unknown raw item")
    try:
        base, description, content, media = json.loads(payload.decode("utf-8", "surrogatepass"))
    except (UnicodeDecodeError, json.JSONDecodeError, TypeError) as error:
        raise ValueError("damaged raw item") from error
    if not isinstance(description, str) or not isinstance(content, str) or not isinstance(media, list):
        raise ValueError("damaged raw item")
    return (base if isinstance(base, str) else None), description, content, [str(m) for m in media]
