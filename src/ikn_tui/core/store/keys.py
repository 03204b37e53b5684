"""Text the store writes and matches: URL dedup keys, dates, fast cleaning,
safe FTS5 queries.
"""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import UTC, datetime
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ikn_tui.core.models import Article, RelatedLink
from ikn_tui.core.text import WIB, clean_line, clean_paragraph, normalize_title

# A URL that is its own key: lowercase scheme and host, a port other than
# 80/443 (or none), then a path
# of plain characters not ending in "/" (no query, fragment, brackets, spaces
# or controls that urlsplit would rewrite). Most article links in feeds.
_CANONICAL = re.compile(r"https?://[a-z0-9][a-z0-9.-]*(?::(?!(?:80|443)(?![0-9]))[0-9]{1,5})?(?:/[A-Za-z0-9\-._~/@!$&'()*+,;=%:]*[A-Za-z0-9\-._~@!$&'()*+,;=%:])?")


@lru_cache(maxsize=16384)
def canonical_url(url: str | None) -> str | None:
    """The dedup key of a URL: lowercase scheme and host, no fragment, no
    ``utm_*`` parameters, no trailing slash. ``None`` for an empty URL."""
    if isinstance(url, str) and _CANONICAL.fullmatch(url) is not None:
        return url
    return _canonical_url(url)


def _canonical_url(url: str | None) -> str | None:
    """``canonical_url`` the long way."""
    url = clean_line(url)
    if not url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return url.rstrip("/") or url
    if not parts.scheme or not parts.netloc:
        return url.split("#", 1)[0].rstrip("/") or url
    scheme = parts.scheme.lower()
    netloc = parts.netloc.lower()
    if (scheme, netloc.rsplit(":", 1)[-1]) in (("http", "80"), ("https", "443")):
        netloc = netloc.rsplit(":", 1)[0]
    query = parts.query
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        kept = [(k, v) for k, v in pairs if not k.lower().startswith("utm_")]
        if len(kept) != len(pairs):
            query = urlencode(kept)
    path = parts.path.rstrip("/")
    return urlunsplit((scheme, netloc, path, query, ""))


# Feeds send the same items on every refresh: don't normalise their titles
# again (a 10k-item batch fits).
cached_norm_title = lru_cache(maxsize=16384)(normalize_title)


def iso_timestamp(iso: str | None) -> int | None:
    """Unix seconds of an ISO 8601 time (naive times are taken as WIB)."""
    if not iso:
        return None
    try:
        dt = datetime.fromisoformat(iso.strip())
    except ValueError:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=WIB)
    try:
        return int(dt.timestamp())
    except (OverflowError, OSError, ValueError):
        return None


def utc_now() -> tuple[str, int]:
    """Now, to the second: (ISO 8601 UTC, unix seconds)."""
    now = datetime.now(UTC).replace(microsecond=0)
    return now.isoformat(), int(now.timestamp())


# Compact JSON for stored columns (non-ASCII kept as is: smaller files).
compact_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False).encode


def fast_clean_optional(text: str | None, limit: int | None = None) -> str | None:
    """``clean_line``, with None for an empty result."""
    return clean_line(text, limit) or None


def clean_article(article: Article, feed_url: str | None = None) -> Article:
    """A copy of ``article`` with every string sanitised (again)."""
    body = [p for p in (clean_paragraph(p) for p in article.body or []) if p]
    related = []
    for link in article.related or []:
        title = clean_line(link.title, limit=500)
        url = fast_clean_optional(link.url)
        if not title and not url:
            continue
        try:
            position = max(0, int(link.position))
        except (TypeError, ValueError):
            position = 0
        related.append(RelatedLink(title or url or "", url, position))
    return Article(
        title=clean_line(article.title, limit=1000),
        url=fast_clean_optional(article.url),
        source=fast_clean_optional(article.source, limit=200),
        author=fast_clean_optional(article.author, limit=300),
        published=fast_clean_optional(article.published, limit=64),
        category=fast_clean_optional(article.category, limit=200),
        summary=clean_paragraph(article.summary) or None,
        body=body,
        related=related,
        images=[u for u in (clean_line(i) for i in article.images or []) if u],
        guid=fast_clean_optional(article.guid),
        feed_url=fast_clean_optional(feed_url) or fast_clean_optional(article.feed_url),
        full=bool(article.full),
        id=article.id,
        origin=fast_clean_optional(article.origin),
    )


# A shorter last word is matched whole: a 1-2 letter prefix expands to
# thousands of terms whose doclists FTS5 merges in memory.
MIN_PREFIX = 3

_TOKEN = re.compile(r"[^\W_]+")


def fts_query(text: str | None, prefix_last: bool = True) -> str:
    """Untrusted user text -> a safe FTS5 query.

    Every token (a run of letters/digits, as the unicode61 tokenizer splits
    them) becomes a quoted phrase (internal quotes doubled), implicitly ANDed,
    with ``*`` (prefix) on the last one when it has ``MIN_PREFIX`` letters. ``[bold]``, ``"``, ``AND(``, ``*``
    are just text. Empty when nothing searchable is left."""
    tokens = _TOKEN.findall(unicodedata.normalize("NFC", clean_line(text)))
    if not tokens:
        return ""
    parts = ['"' + t.replace('"', '""') + '"' for t in tokens[:32]]
    if prefix_last and len(tokens[min(len(tokens), 32) - 1]) >= MIN_PREFIX:
        parts[-1] += "*"
    return " ".join(parts)
