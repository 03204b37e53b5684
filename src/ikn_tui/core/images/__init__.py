"""Images: an article's lead photo, checked, decoded into a small thumbnail (Pillow,
imported on first use only) and cached in the store. No Textual here."""

from ikn_tui.core.images.decode import (
    MAX_IMAGE_BYTES,
    MAX_PIXELS,
    THUMBNAIL_BOX,
    Skipped,
    Thumbnail,
    is_image_type,
    make_thumbnail,
    sniff,
)
from ikn_tui.core.images.lead import LeadPhoto, cached_photo, lead_image_url, lead_photo

__all__ = [
    "MAX_IMAGE_BYTES",
    "MAX_PIXELS",
    "THUMBNAIL_BOX",
    "LeadPhoto",
    "Skipped",
    "Thumbnail",
    "cached_photo",
    "is_image_type",
    "lead_image_url",
    "lead_photo",
    "make_thumbnail",
    "sniff",
]
