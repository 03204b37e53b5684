"""Why a key cannot act, in one short Indonesian line (every key answers)."""

from __future__ import annotations

import os
import sys

from ikn_tui.core.models import Article
from ikn_tui.i18n import _


def has_browser() -> bool:
    """Can a browser start from here? (On Linux only with a display or $BROWSER;
    a text browser would take over the reader's terminal.)"""
    if sys.platform in ("darwin", "win32"):
        return True
    return any(os.environ.get(name) for name in ("BROWSER", "DISPLAY", "WAYLAND_DISPLAY"))


def no_link_reason(article: Article | None, number: int) -> str:
    """Why ``number`` follows nothing."""
    if article is None:
        return _("{number}: buka artikel dulu (Enter), lalu pilih tautannya.").format(number=number)
    count = len(article.related)
    if count == 0:
        return _("{number}: artikel ini tidak punya tautan Baca juga.").format(number=number)
    if count == 1:
        return _("{number}: artikel ini hanya punya tautan 1.").format(number=number)
    return _("{number}: artikel ini hanya punya tautan 1–{count}.").format(number=number, count=count)
