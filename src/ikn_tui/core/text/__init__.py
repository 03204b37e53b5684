"""Text helpers at the bottom of the pipeline: cleaning, titles, dates, decoding bytes.

Pure functions over the standard library; this package imports nothing else of ikn-read.
"""

from ikn_tui.core.text.dates import WIB, in_wib, long_date, parse_date, short_date, short_wib
from ikn_tui.core.text.decode import decode_bytes, http_charset
from ikn_tui.core.text.mojibake import fix_mojibake
from ikn_tui.core.text.sanitize import clean_line, clean_optional, clean_paragraph, is_web_url, strip_controls
from ikn_tui.core.text.titles import heading_for, normalize_title, strip_site_suffix

__all__ = [
    "WIB",
    "clean_line",
    "clean_optional",
    "clean_paragraph",
    "decode_bytes",
    "fix_mojibake",
    "heading_for",
    "http_charset",
    "in_wib",
    "is_web_url",
    "long_date",
    "normalize_title",
    "parse_date",
    "short_date",
    "short_wib",
    "strip_controls",
    "strip_site_suffix",
]
