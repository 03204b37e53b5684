"""Title clean-up: site suffixes, and the normalised form used to match
title-only Baca Juga links to known articles."""

from __future__ import annotations

import re
import unicodedata

from ikn_tui.core.sanitize import clean_line

# " - Kompas.com", " | tempo.co", " - site.com", " Halaman all", " - Halaman 2"
_HALAMAN = re.compile(r"\s*[-|–—:]?\s*Halaman\s+(?:all|semua|\d+)\s*$", re.IGNORECASE)
_DOMAIN_SUFFIX = re.compile(
    r"\s+[-|–—•:]\s+(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?:com|co\.id|id|net|org|co|news|tv|info|web\.id|or\.id|go\.id)\s*$",
    re.IGNORECASE,
)


def strip_site_suffix(title: str, site_names: tuple[str, ...] = ()) -> str:
    """Remove a trailing site name: " - Kompas.com", " | tempo.co", " Halaman all".

    ``site_names`` are extra names known for this page (og:site_name), removed
    when they follow a separator.
    """
    title = clean_line(title)
    for _ in range(3):
        before = title
        title = _HALAMAN.sub("", title)
        title = _DOMAIN_SUFFIX.sub("", title)
        for name in site_names:
            name = clean_line(name)
            if not name or len(name) >= len(title):
                continue
            pattern = re.compile(r"\s*[-|–—•:]\s*" + re.escape(name) + r"\s*$", re.IGNORECASE)
            title = pattern.sub("", title)
        if title == before:
            break
    return title.strip()


_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)


def normalize_title(title: str | None) -> str:
    """Site suffix, case, accents and punctuation ignored: used to match a
    title-only related link to a known article."""
    if not title:
        return ""
    title = strip_site_suffix(title)
    title = unicodedata.normalize("NFKD", title)
    title = "".join(ch for ch in title if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", title.casefold()).strip()
