"""Links and ids shared by the feed parsers (RSS/Atom and JSON Feed)."""

from __future__ import annotations

import hashlib
import re
from typing import Any
from urllib.parse import urljoin

from ikn_tui.core.text import clean_line, is_web_url

# An absolute http(s) URL that ``urljoin`` gives back unchanged: lowercase
# scheme, a host, then only unreserved/sub-delim/percent characters (no
# query, fragment, ";params", brackets, spaces or controls that urllib would
# rewrite or reject). Most feed links are like this: no join needed.
PLAIN_ABSOLUTE = re.compile(r"https?://[A-Za-z0-9\-._~:@!$&'()*+,=%][A-Za-z0-9\-._~:/@!$&'()*+,=%]*")


def web_url(url: Any, base: str | None) -> str | None:
    """``url`` from a feed made absolute against ``base`` and cleaned, when it is
    an http(s) URL; None for anything else (a non-string, javascript:, mailto:...)."""
    if not url or not isinstance(url, str):
        return None
    url = url.strip()
    if base and PLAIN_ABSOLUTE.fullmatch(url) is None:
        try:
            url = urljoin(base, url)
        except ValueError:
            return None
    return clean_line(url, limit=2000) if is_web_url(url) else None


def digest(*parts: str) -> str:
    """A stable id for an item that has none (SHA-1 of its text parts)."""
    return hashlib.sha1("\x1f".join(parts).encode("utf-8", "replace")).hexdigest()
