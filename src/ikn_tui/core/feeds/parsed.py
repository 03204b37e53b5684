"""What parsing a feed gives (``ParsedFeed``), in a module of its own.

Parse workers send ``ParsedFeed`` values back pickled; unpickling imports the
module that defines the class. Keeping it here, away from the parsers, means a
refresh process that lets workers parse never imports lxml or feedparser.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ikn_tui.core.models import Article
from ikn_tui.core.problem import Problem

# A deferred item: (its packed HTML, a hash of it) from ``deferred.pack_raw``.
RawItem = tuple[bytes, int]


@dataclass(slots=True)
class ParsedFeed:
    title: str | None = None
    link: str | None = None
    articles: list[Article] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    error: Problem | None = None
    # Set (and ``articles`` emptied) when parsed for the store: the articles
    # as ``store.PreparedRows`` (see ``pool.parse_job``).
    rows: Any = None
    # With deferred extraction: one entry per article (None: extracted already).
    raws: list[RawItem | None] = field(default_factory=list)
