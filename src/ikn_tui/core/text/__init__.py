"""Text helpers at the bottom of the pipeline: cleaning, titles, dates, decoding bytes.

Pure functions over the standard library; this package imports nothing else of ikn-read.
"""

from ikn_tui.core.text.dates import parse_date, short_wib, to_wib
from ikn_tui.core.text.decode import decode_bytes, http_charset
from ikn_tui.core.text.sanitize import clean_line, clean_optional, clean_paragraph, is_web_url, strip_controls
from ikn_tui.core.text.titles import normalize_title, strip_site_suffix

__all__ = [

    "clean_line",
    "clean_optional",
    "clean_paragraph",
    "decode_bytes",
    "http_charset",
    "is_web_url",
    "normalize_title",
    "parse_date",
    "short_wib",
    "strip_controls",
    "strip_site_suffix",
    "to_wib",
]
