"""Cutting read-also blocks out of the tree and putting their links back in
place.

``related.find`` finds the blocks. Each one with links is replaced by a
``<ikn-related n="i">`` placeholder (``MARKER_TAG``); the paragraph walk
(``body.paragraphs``) notes before which paragraph each placeholder
stood, and ``place`` gives every link that position.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from ikn_tui.core.extract.dom import append_text_before
from ikn_tui.core.extract.trace import Removed, block_text, note
from ikn_tui.core.models import RelatedLink
from ikn_tui.core.text import normalize_title

MARKER_TAG = "ikn-related"  # placeholder left where a block stood


@dataclass(slots=True)
class Block:
    """One related block: the nodes to cut and the links it carried."""

    elements: list[etree._Element]
    links: list[tuple[str, str | None]] = field(default_factory=list)
    owner: etree._Element | None = None  # its tail is the block's first text
    keep_tail: bool = True  # the last element's tail is body text, keep it


def marker_index(marker: etree._Element) -> int | None:
    """The group index ``n`` of a placeholder, ``None`` when unreadable."""
    try:
        return int(marker.get("n") or "-1")
    except ValueError:
        return None


def cut_block(block: Block, marker: etree._Element | None) -> None:
    """Remove the block's nodes, leaving ``marker`` (if any) where it stood."""
    if block.owner is not None:
        block.owner.tail = None
        if marker is not None:
            block.owner.addnext(marker)
    elif block.elements:
        first, last = block.elements[0], block.elements[-1]
        tail = last.tail if block.keep_tail else None
        if marker is not None:
            first.addprevious(marker)
            marker.tail = tail
        elif tail:
            append_text_before(first, tail)
    for element in block.elements:
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)


def _block_text(block: Block) -> str:
    parts = [block.owner.tail or ""] if block.owner is not None else []
    for i, element in enumerate(block.elements):
        parts.append(block_text(element) if isinstance(element.tag, str) else "")
        if i < len(block.elements) - 1 or not block.keep_tail:
            parts.append(element.tail or "")
    return "\n".join(parts)


def mark_blocks(blocks: list[Block], start: int = 0, trace: Removed | None = None) -> list[list[RelatedLink]]:
    """Cut every block; each block with links leaves a placeholder whose ``n``
    indexes the returned groups (counting from ``start``). Positions are 0."""
    groups: list[list[RelatedLink]] = []
    for block in blocks:
        if trace is not None:
            note(trace, "related", _block_text(block))
        if not block.links:
            cut_block(block, None)
            continue
        anchor = block.owner if block.owner is not None else block.elements[0]
        marker = anchor.makeelement(MARKER_TAG)
        marker.set("n", str(start + len(groups)))
        cut_block(block, marker)
        groups.append([RelatedLink(title, url) for title, url in block.links])
    return groups


def remove_markers(root: etree._Element) -> None:
    """Take out the placeholders left by ``mark_blocks``."""
    for marker in list(root.iter(MARKER_TAG)):
        if marker.tail:
            append_text_before(marker, marker.tail)
        parent = marker.getparent()
        if parent is not None:
            parent.remove(marker)


def positions_outside(
    scope: etree._Element, containers: list[etree._Element], count: int, positions: dict[int, int]
) -> None:
    """Placeholders outside the containers: 0 before the text, ``count`` after."""
    inside = set(containers)
    seen_container = False
    for el in scope.iter(etree.Element):
        if el in inside:
            seen_container = True
        elif el.tag == MARKER_TAG:
            n = marker_index(el)
            if n is not None:
                positions.setdefault(n, count if seen_container else 0)


def place(groups: list[list[RelatedLink]], positions: dict[int, int], default: int) -> list[RelatedLink]:
    """Flatten the groups with their positions, dropping repeated links."""
    result: list[RelatedLink] = []
    seen: set[str] = set()
    for index, group in enumerate(groups):
        position = positions.get(index, default)
        for link in group:
            key = link.url or "title:" + normalize_title(link.title)
            if key in seen:
                continue
            seen.add(key)
            result.append(RelatedLink(link.title, link.url, position))
    return result
