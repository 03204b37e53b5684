"""One bad item never sinks a feed: the item is the unit of failure.

When the parser raises on a whole document (feedparser's ``KeyError: 'tags'``
on an ``<item>`` nested in ``<dc:subject>``, say), ``parse_items`` cuts the
document into its top-level ``<item>``/``<entry>`` elements and parses each
one alone inside the feed's own head and tail, so every readable item is
kept. ``SkipLog`` counts what was skipped and why, and says it in words
("2 of 3 items read; 1 skipped: invalid character in title"): never an
exception's name or text.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from ikn_tui.core.problem import Problem, ProblemKind, problem

# Start and end tags of an item or entry, with any namespace prefix.
_ITEM_TAG = re.compile(rb"<(/?)(?:[A-Za-z_][\w.-]{0,40}:)?(?:item|entry)(?=[\s>/])[^<>]*?(/?)>")
MAX_ITEMS = 5000


def failure_kind(error: BaseException) -> str:
    """An exception as a few plain words (its name and text stay inside)."""
    text = str(error).lower()
    if isinstance(error, (UnicodeError, OverflowError)) or "surrogate" in text or "character" in text:
        return "invalid character"
    if isinstance(error, RecursionError):
        return "nested too deeply"
    if isinstance(error, MemoryError):
        return "too large"
    return "unreadable markup"


class SkipLog:
    """Items skipped while reading one document, by reason."""

    def __init__(self) -> None:
        self.reasons: Counter[str] = Counter()

    def add(self, reason: str) -> None:
        self.reasons[reason] += 1

    def skip(self, error: BaseException, field: str | None = None) -> None:
        kind = failure_kind(error)
        self.add(f"{kind} in {field}" if field else kind)

    @property
    def count(self) -> int:
        return sum(self.reasons.values())

    def warning(self, read: int) -> Problem | None:
        """"2 of 3 items read; 1 skipped: invalid character in title" (None: nothing skipped)."""
        skipped = self.count
        if not skipped:
            return None
        if len(self.reasons) == 1:
            detail = next(iter(self.reasons))
        else:
            detail = ", ".join(f"{reason} ({n})" for reason, n in self.reasons.most_common())
        return problem(ProblemKind.FEED_ITEMS_SKIPPED, read=read, total=read + skipped, skipped=skipped, reasons=detail)


def split_items(data: bytes) -> tuple[bytes, list[bytes], bytes] | None:
    """(head, items, tail) of an RSS/RDF/Atom document, or None without items.

    Items are the outermost ``<item>``/``<entry>`` elements; one nested in
    another (inside ``<dc:subject>``, say) stays part of its outer item."""
    items: list[bytes] = []
    depth = 0
    start = first = last = -1
    for match in _ITEM_TAG.finditer(data):
        closing, empty = match.group(1), match.group(2)
        if empty and not closing:
            if depth == 0:
                items.append(match.group())
                first = match.start() if first < 0 else first
                last = match.end()
            continue
        if not closing:
            if depth == 0:
                start = match.start()
                first = start if first < 0 else first
            depth += 1
        elif depth > 0:
            depth -= 1
            if depth == 0:
                items.append(data[start : match.end()])
                last = match.end()
                if len(items) >= MAX_ITEMS:
                    break
    if not items:
        return None
    return data[:first], items, data[last:]


def _without_nested_items(item: bytes) -> bytes | None:
    """The item with the item/entry tags nested inside it removed (their text
    stays), or None when there are none: ``<dc:subject>x<item>y</item></dc:subject>``
    is then just a subject."""
    tags = list(_ITEM_TAG.finditer(item))
    if len(tags) <= 2:
        return None
    inner_start, inner_end = tags[0].end(), tags[-1].start()
    middle = _ITEM_TAG.sub(b"", item[inner_start:inner_end])
    return item[:inner_start] + middle + item[inner_end:]


def parse_items(safe: bytes) -> tuple[Any, list[Any], SkipLog]:
    """feedparser on each item alone: (feed dict, entries, skipped).

    For a document feedparser raised on as a whole. Raises ``ValueError``
    when the document has no items to fall back on."""
    import feedparser

    parts = split_items(safe)
    if parts is None:
        raise ValueError("no items")
    head, items, tail = parts
    log = SkipLog()
    try:
        feed = feedparser.parse(head + tail, sanitize_html=False, resolve_relative_uris=False).get("feed") or {}
    except Exception:  # noqa: BLE001 - the feed's own title is a nicety: items matter
        feed = {}
    entries: list[Any] = []
    for item in items:
        try:
            result = feedparser.parse(head + item + tail, sanitize_html=False, resolve_relative_uris=False)
        except Exception as error:  # noqa: BLE001 - this item only
            flat = _without_nested_items(item)
            try:
                if flat is None:
                    raise
                result = feedparser.parse(head + flat + tail, sanitize_html=False, resolve_relative_uris=False)
            except Exception:  # noqa: BLE001
                log.skip(error)
                continue
        found = result.get("entries") or []
        if not found:
            log.add("unreadable markup")
        entries.extend(found[:1])
    return feed, entries, log
