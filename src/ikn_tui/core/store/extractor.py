"""The store's extractor: how a deferred feed item becomes an article body.

The store knows no parsing; the layer above hands it the function once per
process (``core.bodies.install``). Without one, a deferred row reads as stored.
"""

from __future__ import annotations

from collections.abc import Callable

from ikn_tui.core.models import Article
from ikn_tui.core.store.keys import clean_article

Extractor = Callable[[bytes], Article]
ExtractMany = Callable[[list[bytes]], list[Article]]
_EXTRACTOR: list[Extractor] = []  # zero or one


def set_body_extractor(extractor: Extractor | None) -> None:
    """Give the store the function that extracts a deferred item (None: none)."""
    _EXTRACTOR.clear()
    if extractor is not None:
        _EXTRACTOR.append(extractor)


def has_extractor() -> bool:
    return bool(_EXTRACTOR)


def extract_raw(raw: bytes) -> Article | None:
    """The extracted, cleaned part of a deferred item, or None without an extractor."""
    if not _EXTRACTOR:
        return None
    return clean_article(_EXTRACTOR[0](bytes(raw)))
