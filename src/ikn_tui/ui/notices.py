"""A toast with outside text in it: one cleaned line, never parsed as markup
(titles, URLs and error texts come from outside)."""

from __future__ import annotations

from typing import Literal

from textual.content import Content
from textual.widget import Widget

from ikn_tui.core.text import clean_line

Severity = Literal["information", "warning", "error"]


def say(node: Widget, message: str, severity: Severity = "information") -> None:
    """Show ``message`` as a toast of ``node`` (a screen or a widget)."""
    node.notify(Content(clean_line(message, 300)), severity=severity)
