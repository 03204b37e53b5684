"""Plain dataclasses shared by the core and the UI.

The UI only ever sees these; nothing here knows about Textual.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from ikn_tui.core.problem import Problem


@dataclass(frozen=True, slots=True)
class RelatedLink:
    """One "Baca juga" / "Berita terkait" entry taken out of an article body.

    ``url`` is ``None`` when the block carried only a title (text dumps, AMP).
    ``position`` is the index in ``Article.body`` of the paragraph the block
    stood *before* (``len(body)`` when it stood at the end), so the reader can
    show the numbered marker where it was in the text.
    """

    title: str
    url: str | None = None
    position: int = 0

    def to_json(self) -> dict[str, Any]:
        return {"title": self.title, "url": self.url}


@dataclass(slots=True)
class Article:
    """A clean article. Every string is already sanitised (see ``sanitize``)."""

    title: str
    url: str | None = None
    source: str | None = None
    author: str | None = None
    published: str | None = None  # ISO 8601 with offset, e.g. 2025-06-16T20:15:00+07:00
    category: str | None = None
    summary: str | None = None
    body: list[str] = field(default_factory=list)
    related: list[RelatedLink] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    # Bookkeeping, not part of the public JSON shape.
    guid: str | None = None
    feed_url: str | None = None
    full: bool = True  # False when the body is only a feed summary (needs reader mode)
    id: int | None = None  # row id in the store, once stored
    origin: str | None = None  # where it was loaded from (path or URL)
    editor: str | None = None  # "Editor:" / "Penyunting:" of the page (never the author)
    # Photo captions taken out of the text (kept, but not as paragraphs).
    captions: list[str] = field(default_factory=list)
    # A page of an article split over several pages ("halaman 1 dari 2"):
    # ``page`` is None once the pages are joined (or for a one-page article).
    page: int | None = None
    pages: int | None = None
    next_page_url: str | None = None  # the portal's next page, when split
    all_pages_url: str | None = None  # the portal's "all pages" form, when known

    def page_note(self) -> str | None:
        """"halaman 1 dari 2" for one page of an article split over pages."""
        if self.page is None or not self.pages or self.pages < 2:
            return None
        return f"halaman {self.page} dari {self.pages}"

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "url": self.url,
            "source": self.source,
            "author": self.author,
            "editor": self.editor,
            "published": self.published,
            "category": self.category,
            "summary": self.summary,
            "body": list(self.body),
            "related": [r.to_json() for r in self.related],
            "images": list(self.images),
        }

    def to_record(self) -> dict[str, Any]:
        """Everything, including bookkeeping (used for bookmarks' offline copy)."""
        data = asdict(self)
        data["related"] = [
            {"title": r.title, "url": r.url, "position": r.position} for r in self.related
        ]
        return data

    @classmethod
    def from_record(cls, data: dict[str, Any]) -> Article:
        data = dict(data)
        related = [
            RelatedLink(r.get("title") or "", r.get("url"), int(r.get("position") or 0))
            for r in data.pop("related", None) or []
        ]
        known = set(cls.__dataclass_fields__)
        kwargs = {k: v for k, v in data.items() if k in known}
        kwargs["body"] = list(kwargs.get("body") or [])
        kwargs["images"] = list(kwargs.get("images") or [])
        kwargs["captions"] = list(kwargs.get("captions") or [])
        return cls(related=related, **kwargs)


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """A light row for the article list (no body): what a windowed query returns."""

    id: int
    title: str
    source: str | None
    published: str | None
    category: str | None
    url: str | None
    read: bool
    bookmarked: bool


@dataclass(slots=True)
class Subscription:
    url: str
    title: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    status: str | None = None  # "ok", "not-modified", "error", "gone"
    message: Problem | None = None  # what the last status was about (an error, or the feed's first warning)
    last_checked: str | None = None
    retry_after: str | None = None  # ISO time before which we should not fetch
    folder: str | None = None  # the OPML folder it was imported from


@dataclass(slots=True)
class SourceResult:
    """What loading one SOURCE gave: articles, or a problem naming it (``where``)."""

    source: str
    kind: str  # "feed", "article", "text", "opml", "folder", "jsonfeed", "error"
    articles: list[Article] = field(default_factory=list)
    feeds: list[str] = field(default_factory=list)  # feed URLs (from OPML)
    feed_titles: dict[str, str | None] = field(default_factory=dict)  # feed URL -> its OPML title
    error: Problem | None = None
    warnings: list[Problem] = field(default_factory=list)
    title: str | None = None  # feed title, when there is one


@dataclass(slots=True)
class FetchResult:
    """The outcome of one HTTP fetch. Never raises; failures are in ``error``."""

    url: str  # the URL asked for
    final_url: str | None = None  # after redirects
    status: int | None = None  # HTTP status, None when no response
    content: bytes = b""
    content_type: str | None = None
    charset: str | None = None  # from the Content-Type header
    etag: str | None = None
    last_modified: str | None = None
    permanent_redirect: bool = False  # a 301/308 happened on the way
    retry_after: float | None = None  # seconds, from Retry-After on 429/503
    error: Problem | None = None  # what went wrong (str() is one English line)

    @property
    def ok(self) -> bool:
        return self.error is None and self.status is not None and 200 <= self.status < 300

    @property
    def not_modified(self) -> bool:
        return self.status == 304 and not self.error
