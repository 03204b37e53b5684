"""Messages that workers post back to the UI thread (plain dataclasses).

Messages a widget posts live with the widget (``ListPane.ArticleChosen``,
``RelatedPane.Follow``, ``FeedList.AddRequested`` …)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from textual.message import Message

from ikn_tui.core.models import Article, ArticleRow, RelatedLink
from ikn_tui.core.problem import Problem


@dataclass
class SourcesLoaded(Message):
    """The command-line (or "Open feed…") sources are in the store."""

    opened: Article | None  # the article to open at start (first SOURCE was one article)
    loaded: list[Article]
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    feeds: list[str] = field(default_factory=list)  # feed URLs named by an OPML file
    initial: bool = True
    feed_titles: dict[str, str | None] = field(default_factory=dict)  # their OPML titles


@dataclass
class LinkResolved(Message):
    """A related link resolved (``article`` set) or failed (``message`` set)."""

    link: RelatedLink
    number: int
    article: Article | None
    message: str | None = None


@dataclass
class FullArticleFetched(Message):
    """Reader mode finished for a summary-only article."""

    article_id: int | None
    article: Article | None
    message: str | None = None


@dataclass
class RefreshStatus(Message):
    """Progress of a subscription refresh."""

    done: int
    total: int
    url: str
    status: str = ""  # the feed just finished: ok, not-modified, error, gone, skipped
    new: int = 0  # its new articles


@dataclass
class RefreshFinished(Message):
    total: int
    ok: int
    failed: int
    new: int
    messages: list[Problem] = field(default_factory=list)  # worded where shown
    error: str | None = None  # already in words


@dataclass
class SearchFinished(Message):
    query: str
    rows: list[ArticleRow]
    error: str | None = None


@dataclass
class SimilarFound(Message):
    article_id: int
    rows: list[ArticleRow]


@dataclass
class PhotoLoaded(Message):
    """The lead photo of the article on display was looked up (``LeadPhoto`` posts and
    handles it; ``generation`` tells a stale answer, for an article left since, apart)."""

    generation: int
    url: str
    image: Any = None  # a decoded PIL image, ready to draw
    problem: str | None = None  # core.images' kind when there is no image
    detail: str = ""
    error: Problem | None = None  # the download's problem, worded where shown
    cached: bool = False  # from the store (quick), not the network
