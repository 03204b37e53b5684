"""Extract: an article (title, author, date, body, Baca Juga links) out of HTML or a text dump.

The names below load on first use (PEP 562), so importing the package does not import lxml.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ikn_tui.core.lazy import lazy_exports

if TYPE_CHECKING:
    from ikn_tui.core.extract.inline_markup import inline_fragment
    from ikn_tui.core.extract.page import Explanation, explain_article, extract_article, extract_fragment
    from ikn_tui.core.extract.simple_fragment import simple_paragraphs
    from ikn_tui.core.extract.textdump import looks_like_text_dump, parse_text_dump

_EXPORTS = {
    "inline_fragment": "inline_markup",
    "Explanation": "page",
    "explain_article": "page",
    "extract_article": "page",
    "extract_fragment": "page",
    "simple_paragraphs": "simple_fragment",
    "looks_like_text_dump": "textdump",
    "parse_text_dump": "textdump",
}
__all__ = [  # a literal list, so type checkers see the re-exports
    "Explanation",
    "explain_article",
    "extract_article",
    "extract_fragment",
    "inline_fragment",
    "looks_like_text_dump",
    "parse_text_dump",
    "simple_paragraphs",
]


__getattr__ = lazy_exports(__name__, _EXPORTS, globals())
