"""A downloaded photo -> a small JPEG thumbnail, or the reason it was skipped.

The bytes come from anywhere, so nothing is taken on trust: the server must call
them ``image/*``, the first bytes must be those of a JPEG, PNG, GIF or WebP file
(an SVG or an HTML page served as ``image/png`` is not), there are at most
``MAX_IMAGE_BYTES`` of them, the header may declare at most ``MAX_PIXELS`` pixels
(a decompression bomb declares millions in a few hundred bytes; Pillow's own
``Image.MAX_IMAGE_PIXELS`` is set to the same), only the sniffed format's decoder
runs, a JPEG is decoded at a reduced scale (``draft``), and a truncated or broken
file is a skip, never an exception. Pillow is imported here on first use only:
the reader starts without it.
"""

from __future__ import annotations

import io
import threading
from dataclasses import dataclass
from typing import Any, Literal

MAX_IMAGE_BYTES = 2 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a 40-megapixel photo is larger than any news portal serves
THUMBNAIL_BOX = (480, 360)  # pixels: wide enough for a terminal pane, ~20-40 KB as JPEG
MIN_SIDE = 16  # smaller: a tracking pixel or a spacer, not a photo
JPEG_QUALITY = 80

Skip = Literal["not-image", "too-large", "too-many-pixels", "broken", "tiny"]

# First bytes -> Pillow's format name.
_MAGIC: tuple[tuple[bytes, int, str], ...] = (
    (b"\xff\xd8\xff", 0, "JPEG"),
    (b"\x89PNG\r\n\x1a\n", 0, "PNG"),
    (b"GIF87a", 0, "GIF"),
    (b"GIF89a", 0, "GIF"),
    (b"WEBP", 8, "WEBP"),  # after "RIFF" and the size
)


@dataclass(frozen=True, slots=True)
class Thumbnail:
    data: bytes  # a baseline JPEG
    width: int
    height: int


@dataclass(frozen=True, slots=True)
class Skipped:
    reason: Skip
    detail: str = ""  # for logs and tests (English); the UI words the reason itself


def sniff(data: bytes) -> str | None:
    """The image format the first bytes announce (JPEG, PNG, GIF, WEBP), or None."""
    for magic, offset, name in _MAGIC:
        if data[offset:offset + len(magic)] == magic and (name != "WEBP" or data[:4] == b"RIFF"):
            return name
    return None


def is_image_type(content_type: str | None) -> bool:
    """``image/...`` (parameters ignored), but not SVG: a document, not a photo."""
    media = (content_type or "").split(";", 1)[0].strip().lower()
    return media.startswith("image/") and "svg" not in media


_pil_lock = threading.Lock()
_pil: Any = None


def _image_module() -> Any:
    """``PIL.Image``, imported once with its limits set."""
    global _pil
    with _pil_lock:
        if _pil is None:
            import warnings

            from PIL import Image, ImageFile

            Image.MAX_IMAGE_PIXELS = MAX_PIXELS
            ImageFile.LOAD_TRUNCATED_IMAGES = False  # a truncated file fails; it is not padded with grey
            # Between MAX_PIXELS and twice that, Pillow only warns; the size check below refuses those.
            warnings.filterwarnings("ignore", category=Image.DecompressionBombWarning)
            _pil = Image
    return _pil


def make_thumbnail(data: bytes, content_type: str | None) -> Thumbnail | Skipped:
    """Check and decode ``data`` (served as ``content_type``) into a thumbnail that fits
    ``THUMBNAIL_BOX``. Never raises for bad input."""
    if not is_image_type(content_type):
        return Skipped("not-image", f"content type {(content_type or 'none')[:60]!r}")
    if len(data) > MAX_IMAGE_BYTES:
        return Skipped("too-large", f"{len(data)} bytes")
    kind = sniff(data)
    if kind is None:
        return Skipped("not-image", "not a JPEG, PNG, GIF or WebP file")
    image_module = _image_module()
    try:
        with image_module.open(io.BytesIO(data), formats=[kind]) as image:
            width, height = image.size
            if width * height > MAX_PIXELS:
                return Skipped("too-many-pixels", f"{width}x{height}")
            if width < MIN_SIDE or height < MIN_SIDE:
                return Skipped("tiny", f"{width}x{height}")
            if kind == "JPEG":  # decode at 1/2, 1/4 or 1/8 scale: a 6000-pixel photo never decodes whole
                image.draft("RGB", (THUMBNAIL_BOX[0] * 2, THUMBNAIL_BOX[1] * 2))
            image.thumbnail(THUMBNAIL_BOX)
            return _as_jpeg(image_module, image)
    except image_module.DecompressionBombError as error:
        return Skipped("too-many-pixels", str(error)[:120])
    # Untrusted bytes into C decoders: Pillow raises OSError, SyntaxError, ValueError,
    # EOFError, struct.error, zlib.error, MemoryError... for broken files. Every one is a skip.
    except Exception as error:  # noqa: BLE001
        return Skipped("broken", f"{type(error).__name__}: {str(error)[:120]}")


def _as_jpeg(image_module: Any, image: Any) -> Thumbnail:
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        flat = image_module.new("RGB", rgba.size, (40, 40, 40))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        image = flat
    elif image.mode != "RGB":
        image = image.convert("RGB")
    out = io.BytesIO()
    image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return Thumbnail(out.getvalue(), image.width, image.height)
