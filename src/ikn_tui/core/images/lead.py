"""An article's lead photo: from the store's thumbnail cache, else fetched (2 MB at
most, the fetcher's deadlines) and decoded into a thumbnail that is kept.

Offline, only the cache answers. Every outcome is a ``LeadPhoto``: a thumbnail, or
what went wrong as a short kind the UI words (and a detail line for the log).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from ikn_tui.core.images.decode import MAX_IMAGE_BYTES, Skipped, Thumbnail, make_thumbnail
from ikn_tui.core.models import Article
from ikn_tui.core.problem import Problem as Failure
from ikn_tui.core.problem import ProblemKind
from ikn_tui.core.store import StoreError
from ikn_tui.core.text import clean_line, is_web_url

if TYPE_CHECKING:
    from ikn_tui.core.fetch import Fetcher
    from ikn_tui.core.store import Store

Problem = Literal[
    "not-image", "too-large", "too-many-pixels", "broken", "tiny",  # the decoder's
    "fetch",  # the download failed (error: the fetcher's problem; detail: its English line)
    "not-cached",  # offline and never seen
]
ACCEPT = "image/avif;q=0.5, image/webp, image/jpeg, image/png, image/gif;q=0.8, image/*;q=0.5"


@dataclass(frozen=True, slots=True)
class LeadPhoto:
    url: str
    thumbnail: Thumbnail | None = None
    problem: Problem | None = None
    detail: str = ""
    error: Failure | None = None  # why the download failed ("fetch", "too-large"), for the UI to word
    cached: bool = False  # came from the store


def lead_image_url(article: Article) -> str | None:
    """The article's first image, when it is a web address."""
    for url in article.images[:1]:
        url = clean_line(url, limit=2000)
        if url and is_web_url(url):
            return url
    return None


def cached_photo(url: str, store: Store | None) -> LeadPhoto | None:
    if store is None:
        return None
    try:
        kept = store.get_thumbnail(url)
    except StoreError:
        return None
    if kept is None:
        return None
    return LeadPhoto(url, Thumbnail(kept.data, kept.width, kept.height), cached=True)


async def lead_photo(url: str, store: Store | None, fetcher: Fetcher | None, *, offline: bool) -> LeadPhoto:
    """The thumbnail of ``url``: cached, else (online) fetched, decoded and cached."""
    cached = cached_photo(url, store)
    if cached is not None:
        return cached
    if offline or fetcher is None:
        return LeadPhoto(url, problem="not-cached")
    result = await fetcher.fetch(url, accept=ACCEPT, max_bytes=MAX_IMAGE_BYTES)
    if result.error is not None:
        too_large = result.error.kind in (ProblemKind.TOO_LARGE, ProblemKind.TOO_LARGE_DECOMPRESSED)
        kind: Problem = "too-large" if too_large else "fetch"
        return LeadPhoto(url, problem=kind, detail=str(result.error), error=result.error)
    made = make_thumbnail(result.content, result.content_type)
    if isinstance(made, Skipped):
        return LeadPhoto(url, problem=made.reason, detail=made.detail)
    if store is not None:
        try:
            store.put_thumbnail(url, made.data, made.width, made.height)
        except StoreError:
            pass  # shown all the same; the next reading fetches it again
    return LeadPhoto(url, made)
