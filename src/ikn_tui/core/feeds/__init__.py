"""Feeds: RSS/Atom, JSON Feed and OPML documents into articles and subscriptions.

The names below load on first use (PEP 562): importing the package does not import
feedparser or lxml; a refresh's parent process never needs them, only its parse workers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ikn_tui.core.lazy import lazy_exports

if TYPE_CHECKING:
    from ikn_tui.core.feeds.deferred import complete_item
    from ikn_tui.core.feeds.jsonfeed import looks_like_json_feed, parse_json_feed
    from ikn_tui.core.feeds.opml import export_opml, looks_like_opml, parse_opml, parse_opml_folders
    from ikn_tui.core.feeds.parsed import ParsedFeed
    from ikn_tui.core.feeds.rss_atom import looks_like_feed, parse_feed
    from ikn_tui.core.feeds.rss_fast import parse_rss

_EXPORTS = {
    "complete_item": "deferred",
    "looks_like_json_feed": "jsonfeed",
    "parse_json_feed": "jsonfeed",
    "export_opml": "opml",
    "looks_like_opml": "opml",
    "parse_opml": "opml",
    "parse_opml_folders": "opml",
    "ParsedFeed": "parsed",
    "looks_like_feed": "rss_atom",
    "parse_feed": "rss_atom",
    "parse_rss": "rss_fast",
}
__all__ = [  # a literal list, so type checkers see the re-exports
    "ParsedFeed",
    "complete_item",
    "export_opml",
    "looks_like_feed",
    "looks_like_json_feed",
    "looks_like_opml",
    "parse_feed",
    "parse_json_feed",
    "parse_opml",
    "parse_opml_folders",
    "parse_rss",
]


__getattr__ = lazy_exports(__name__, _EXPORTS, globals())
