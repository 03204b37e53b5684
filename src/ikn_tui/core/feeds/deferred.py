"""Deferred extraction: a feed item's HTML kept as it came, extracted when it is needed.

A refresh stores what the list and the search index need at once (title, link,
date, author, category) and keeps each item's description and content HTML as a
*raw item* (``raw_item.pack_raw``). The body, the Baca Juga links, the summary
and the photos are lifted out by ``complete_item`` when the article is first
read, or in an idle pass after the refresh: the same ``rss_atom.body_fields``
that a refresh without deferral runs, on the same input, so the result is the
same (``tests/test_deferred_extraction.py`` compares both on every fixture feed).
"""

from __future__ import annotations

from ikn_tui.core.feeds.raw_item import unpack_raw
from ikn_tui.core.feeds.rss_atom import body_fields
from ikn_tui.core.models import Article


def complete_item(raw: bytes) -> Article:
    """The extracted part of a deferred item: an Article holding only its body,
    related links, photos, summary and ``full`` (what ``rss_atom._article`` would
    have put there). Never raises: a damaged raw item gives an empty body."""
    try:
        base, description, content, media = unpack_raw(raw)
    except ValueError:
        return Article(title="", full=False)
    try:
        body, related, images, summary, full = body_fields(description, content, base, True, media)
    except Exception:  # noqa: BLE001 - one odd item must not break reading the others
        return Article(title="", images=media, full=False)
    return Article(title="", summary=summary, body=body, related=related, images=images, full=full)
