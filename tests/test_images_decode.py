"""core/images: a downloaded photo becomes a small JPEG thumbnail, or a reason to skip it.
Real images made with Pillow; the hostile ones (bomb, truncated, SVG) from images_corpus."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest
from images_corpus import SVG, photo, png_bomb, truncated_jpeg
from PIL import Image

from ikn_tui.core.images import MAX_IMAGE_BYTES, THUMBNAIL_BOX, Skipped, Thumbnail, make_thumbnail, sniff


def _thumbnail(data: bytes, content_type: str = "image/jpeg") -> Thumbnail:
    made = make_thumbnail(data, content_type)
    assert isinstance(made, Thumbnail), made
    return made


def test_a_photo_becomes_a_small_jpeg_that_keeps_its_shape() -> None:
    made = _thumbnail(photo(1600, 900))
    assert sniff(made.data) == "JPEG"
    assert made.width <= THUMBNAIL_BOX[0] and made.height <= THUMBNAIL_BOX[1]
    assert abs(made.width / made.height - 16 / 9) < 0.02
    assert len(made.data) < 64 * 1024
    with Image.open(io.BytesIO(made.data)) as back:
        assert back.size == (made.width, made.height)
        assert back.mode == "RGB"
        sky = back.getpixel((made.width - 5, 5))
        assert abs(sky[0] - 40) < 20 and abs(sky[2] - 180) < 20  # the picture, not a grey box


@pytest.mark.parametrize(("fmt", "mode", "content_type"), [
    ("PNG", "RGBA", "image/png"), ("GIF", "P", "image/gif"), ("WEBP", "RGB", "image/webp"),
    ("JPEG", "L", "image/jpeg; charset=binary"),
])
def test_other_formats_become_rgb_jpegs(fmt: str, mode: str, content_type: str) -> None:
    source = Image.open(io.BytesIO(photo(640, 480, "PNG", "RGBA" if mode == "RGBA" else "RGB"))).convert(mode)
    out = io.BytesIO()
    source.save(out, fmt)
    made = _thumbnail(out.getvalue(), content_type)
    assert sniff(made.data) == "JPEG" and (made.width, made.height) == (480, 360)


_DRAFT_PROBE = """
import io, resource, sys
sys.path.insert(0, sys.argv[1])
from images_corpus import photo
from ikn_tui.core.images import make_thumbnail
data = photo(6000, 4000)
from PIL import Image
Image.open(io.BytesIO(photo(64, 64))).load()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
made = make_thumbnail(data, "image/jpeg")
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(made.width, made.height, (after - before) // 1024)
"""


def test_a_large_jpeg_is_decoded_at_a_reduced_scale() -> None:
    # 6000x4000 decoded whole is 72 MB of RGB; draft() makes libjpeg decode it at 1/4 scale (4.5 MB).
    # (Pillow's thumbnail() asks for a draft too; this guards against anything that decodes the
    # whole picture first, such as a convert() or load() before the resize.)
    tests = str(__import__("pathlib").Path(__file__).resolve().parent)
    done = subprocess.run([sys.executable, "-c", _DRAFT_PROBE, tests], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    width, height, grown_mb = (int(v) for v in done.stdout.split())
    assert (width, height) == (480, 320)
    assert grown_mb < 40, f"peak memory grew {grown_mb} MB: the JPEG was decoded whole"


@pytest.mark.parametrize(("data", "content_type", "reason"), [
    (png_bomb(), "image/png", "too-many-pixels"),
    (png_bomb(7000), "image/png", "too-many-pixels"),  # 49 megapixels: over our 40, under Pillow's error line
    (truncated_jpeg(), "image/jpeg", "broken"),
    (SVG, "image/png", "not-image"),
    (SVG, "image/svg+xml", "not-image"),
    (photo(), "text/html; charset=utf-8", "not-image"),
    (photo(), None, "not-image"),
    (b"<html><body>Not found</body></html>", "image/jpeg", "not-image"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "image/png", "broken"),
    (b"GIF89a" + b"\xff" * 40, "image/gif", "broken"),
    (photo(1, 1, "PNG"), "image/png", "tiny"),
    (b"\xff\xd8\xff" + b"\x00" * (MAX_IMAGE_BYTES + 1), "image/jpeg", "too-large"),
])
def test_bad_images_are_skipped_with_a_reason_never_an_exception(data: bytes, content_type: str | None,
                                                                  reason: str) -> None:
    made = make_thumbnail(data, content_type)
    assert isinstance(made, Skipped), made
    assert made.reason == reason, made


def test_importing_the_images_package_does_not_import_pillow() -> None:
    code = "import sys, ikn_tui.core.images; print(sorted(m for m in ('PIL', 'textual_image') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
