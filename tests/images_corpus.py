"""Images made with Pillow for the photo tests (real files, no fixtures on disk),
and the hostile ones: a decompression bomb, a truncated JPEG, an SVG."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image, ImageDraw


def photo(width: int = 800, height: int = 450, fmt: str = "JPEG", mode: str = "RGB") -> bytes:
    """A 'photo' with flat shapes: a sky, a sun, a ground line."""
    image = Image.new(mode, (width, height), (40, 110, 180) if mode == "RGB" else (40, 110, 180, 255))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, height * 2 // 3, width, height), fill=(60, 140, 60))
    draw.ellipse((width // 3, height // 6, width // 3 + height // 2, height // 6 + height // 2), fill=(245, 200, 40))
    if mode == "RGBA":
        draw.rectangle((0, 0, width // 4, height // 4), fill=(0, 0, 0, 0))
    out = io.BytesIO()
    image.save(out, fmt, **({"quality": 90} if fmt == "JPEG" else {}))
    return out.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bomb(side: int = 50_000) -> bytes:
    """A tiny PNG whose header declares ``side`` x ``side`` RGB pixels (7.5 GB decoded)."""
    header = struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0)
    # The first rows of zeros, deflated: a few hundred bytes that would grow into gigabytes.
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header)
            + _chunk(b"IDAT", zlib.compress(b"\x00" * (side * 3 + 1) * 20, 9)) + _chunk(b"IEND", b""))


def truncated_jpeg() -> bytes:
    whole = photo(1200, 800)
    return whole[: len(whole) // 2]


SVG = (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">'
       b'<rect width="100" height="100" fill="red"/><script>alert(1)</script></svg>')
