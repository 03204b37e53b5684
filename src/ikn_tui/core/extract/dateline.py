"""When an article was published: meta tags and JSON-LD first, else the
dateline the page shows next to its headline.

Meta dates with a time win. A meta date without a time takes the time of a
visible dateline on the same day. Portal quirks (``quirks``) correct meta
times that lie about their zone. Relative datelines ("2 jam yang lalu") are
read only with an anchor: when the page was fetched or saved.
"""

from __future__ import annotations

import re
from datetime import datetime

from ikn_tui.core.extract.quirks import quirks_for
from ikn_tui.core.text import parse_date

_DATE_META = ("article:published_time", "og:article:published_time", "dtk:publishdate",
              "content_publisheddate", "pubdate", "publishdate", "publish-date", "publish_date",
              "datepublished", "date", "dc.date", "dc.date.issued", "parsely-pub-date",
              "sailthru.date")
_MODIFIED_META = ("article:modified_time", "og:updated_time", "datemodified", "last-modified")
_HAS_TIME = re.compile(r"(?<![\d.])\d{1,2}[:.]\d{2}(?![\d.])|T\s?\d|\d[:.]\d\d[:.]\d\d")


def _visible_date(
    seen_dates: list[tuple[int, str]], title_pos: int | None, now: datetime | None
) -> tuple[str | None, bool]:
    """The article's date among the page's date texts: (ISO, has a time).

    The dateline stands next to the headline; the site header's "today" and
    the sidebar's list dates stand further away. A date with a time beats a bare day; a
    relative time ("2 jam lalu") counts only when nothing absolute is there.
    """
    absolute: list[tuple[bool, int, str]] = []
    relative: list[tuple[int, str]] = []
    for pos, text in seen_dates:
        parsed = parse_date(text)
        distance = abs(pos - title_pos) if title_pos is not None else pos
        if parsed:
            absolute.append((not _HAS_TIME.search(text), distance, parsed))
        elif now is not None and len(relative) < 5:
            rel = parse_date(text, now=now)
            if rel:
                relative.append((distance, rel))
    if absolute:
        best = min(absolute)
        return best[2], not best[0]
    if relative:
        return min(relative)[1], True
    return None, False


def published_date(
    metas: dict[str, list[str]], jsonld_dates: list[str], seen_dates: list[tuple[int, str]],
    title_pos: int | None, url: str | None, now: datetime | None,
) -> str | None:
    """ISO 8601 publication time, or ``None``. ``seen_dates`` are the page's
    date texts with their place; ``title_pos`` is where the headline stands."""
    quirks = quirks_for(url)
    published = None
    published_has_time = False
    candidates: list[str] = []
    for key in _DATE_META:
        for value in metas.get(key, ()):
            if key in quirks.local_time_z_meta and value.rstrip().endswith(("Z", "z")):
                value = value.rstrip()[:-1] + "+07:00"
            candidates.append(value)
    for value in candidates + jsonld_dates:
        published = parse_date(value)
        if published:
            published_has_time = bool(_HAS_TIME.search(value))
            break
    if not published_has_time:
        visible, visible_has_time = _visible_date(seen_dates, title_pos, now)
        if visible and (published is None or (visible_has_time and visible[:10] == published[:10])):
            published = visible
    if not published:
        for value in [v for key in _MODIFIED_META for v in metas.get(key, ())]:
            published = parse_date(value)
            if published:
                break
    return published
