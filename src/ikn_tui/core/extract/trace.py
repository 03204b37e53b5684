"""What the extractor took out of the article text, and why.

Extraction is silent by default (``trace`` is ``None`` and nothing is
recorded, so it costs nothing). ``explain_article`` passes a ``Removed`` list
through the pipeline; every step that takes text out of the article
container appends ``(why, text)``: "related" for a Baca Juga block,
"boilerplate:<what>" for page furniture, "line:<what>" for a junk line,
"caption" for a photo caption kept aside. Tests use it to account for every
word of the container (nothing may vanish without a reason).
"""

from __future__ import annotations

from lxml import etree

from ikn_tui.core.extract.dom import BLOCK_TAGS, norm

Removed = list[tuple[str, str]]


def note(trace: Removed | None, why: str, text: str | None) -> None:
    """Record ``text`` as removed for ``why`` (no-op without a trace)."""
    if trace is not None and text and text.strip():
        trace.append((why, "\n".join(norm(line) for line in text.splitlines() if line.strip())))


def block_text(el: etree._Element) -> str:
    """The text of ``el`` (not its tail), a line break wherever a block
    element or ``<br>`` breaks the text (inline elements join words)."""
    parts: list[str] = []
    for event, node in etree.iterwalk(el, events=("start", "end")):
        if not isinstance(node.tag, str):
            continue
        if node.tag in BLOCK_TAGS or node.tag == "br":
            parts.append("\n")
        if event == "start":
            parts.append(node.text or "")
        elif node is not el:
            parts.append(node.tail or "")
    return "".join(parts)


def note_element(trace: Removed | None, why: str, el: etree._Element) -> None:
    """Record the text of ``el`` (not its tail) as removed."""
    if trace is not None and isinstance(el.tag, str):
        note(trace, why, block_text(el))
