"""Find "Baca juga" (read also) blocks in an article DOM and take them out.

Indonesian portals drop "Baca juga: <link>" lines, boxes and widgets between
the paragraphs of an article. They are not article text: each block is cut
from the tree and returned as ``RelatedLink`` entries, in document order.

How a block is recognised (see ``_Finder``):

* a class or id marker (``span.baca-juga``, ``table.linksisip``, ``p.baca``,
  ``#bacajuga``, ``strong.read__others``, ``.baca-juga-box``,
  ``*inline_related_post*`` ...);
* a block element whose text starts with a label (``LABEL_RE``) and holds
  little besides the label and its links (or a short title after a colon);
* a label alone in its block, followed by paragraphs that are only a link;
* inside bare text-plus-``<br>`` bodies, a label at the start of a line.

A paragraph that merely contains a link, or a sentence that happens to start
with "Lihat juga ..." (no colon, no link), stays in the body. What a labelled
text is decides ``label``; cutting blocks and placing their links
back is ``markers``.
"""

from __future__ import annotations

import re

from lxml import etree

from ikn_tui.core.extract.body import paragraphs
from ikn_tui.core.extract.dom import INLINE_TAGS, element_text, is_blank, leading_text, norm
from ikn_tui.core.extract.related.label import (
    LABEL_RE,
    MAX_TITLE,
    Links,
    clean_title,
    judge,
    links_in,
    mostly_links,
    prose_beyond_links,
    run_text,
)
from ikn_tui.core.extract.related.markers import MARKER_TAG, Block, mark_blocks, place, remove_markers
from ikn_tui.core.extract.trace import Removed
from ikn_tui.core.models import RelatedLink

__all__ = ["LABEL_RE", "extract_related", "find_blocks", "is_marker_element", "mark_related"]

# Cheap pre-check on an element's leading text before computing its full text.
_PREFIX = re.compile(r"^\s*(?:baca|artikel|berita|simak|lihat)\b", re.IGNORECASE)
_MARKER_TOKEN = re.compile(
    r"^(?:baca|linksisip|lihatjg|read__others|read[-_]?also|also[-_]?read"
    r"|.*baca[-_]?juga.*|.*(?:artikel|berita)[-_]?terkait.*|.*lihat[-_]?juga.*"
    r"|.*inline[-_]?related.*"
    r"|.*related[-_]?(?:posts?|news|articles?|links?|berita|reads?)(?:[-_].*)?)$",
    re.IGNORECASE,
)

SKIP_TAGS = frozenset("script style noscript template nav header footer form select button".split())
MAX_BLOCK_TEXT = 600  # a class-marked element with more plain text is not a box
MAX_BOX_TEXT = 3000  # no read-also box, links included, is longer than this

_marker_cache: dict[str, bool] = {}


def is_marker_element(el: etree._Element) -> bool:
    """True when the class or id names a read-also box."""
    key = (el.get("class") or "") + "#" + (el.get("id") or "")
    if key == "#":
        return False
    found = _marker_cache.get(key)
    if found is None:
        found = any(_MARKER_TOKEN.match(token) for token in key.replace("#", " ").split())
        if len(_marker_cache) < 4096:
            _marker_cache[key] = found
    return found


class _Finder:
    """One walk over a subtree collecting ``Block``s in document order."""

    def __init__(self, base_url: str | None) -> None:
        self.base_url = base_url
        self.blocks: list[Block] = []
        self.claimed: set[etree._Element] = set()

    def run(self, scope: etree._Element) -> list[Block]:
        walker = etree.iterwalk(scope, events=("start",))
        for _event, el in walker:
            if el is scope:
                continue
            tag = el.tag
            if not isinstance(tag, str) or tag in SKIP_TAGS or tag == MARKER_TAG or el in self.claimed:
                walker.skip_subtree()
                continue
            block = self._match(el, scope)
            if block is not None:
                self.blocks.append(block)
                self.claimed.update(block.elements)
                walker.skip_subtree()
        return self.blocks

    # -- matching -----------------------------------------------------------

    def _match(self, el: etree._Element, scope: etree._Element) -> Block | None:
        tag = el.tag
        if tag == "br":
            return self._br_run(el) if el.tail and _PREFIX.match(el.tail) else None
        if is_marker_element(el):
            block = self._marked(el, scope)
            if block is not None:
                return block
        lead = leading_text(el)
        if not lead or not _PREFIX.match(lead):
            return None
        if tag in INLINE_TAGS:
            return self._inline_run(el) if self._at_line_start(el) else None
        text = element_text(el)
        if len(text) > MAX_BOX_TEXT:
            return None  # a wrapper of body text that starts with a box
        links = links_in([el], self.base_url)
        verdict = judge(text, links, isolated=bool(LABEL_RE.fullmatch(norm(lead))), force=False)
        if verdict is None or not self._box_ok(el):
            return None
        if verdict:
            return Block([el], verdict)
        return self._label_only(el, scope)

    def _marked(self, el: etree._Element, scope: etree._Element) -> Block | None:
        text = element_text(el)
        if len(text) > MAX_BOX_TEXT:
            return None
        links = links_in([el], self.base_url)
        if prose_beyond_links(text, links) > MAX_BLOCK_TEXT:
            return None  # too much prose for a read-also box
        if el.tag in INLINE_TAGS:
            if not links and not clean_title(text):
                return self._inline_run(el, force=True)  # label alone, link follows
            el = self._expand(el, scope)
        verdict = judge(text, links, isolated=True, force=True)
        if verdict:
            return Block([el], verdict)
        if el.tag in INLINE_TAGS:
            return Block([el], [])
        return self._label_only(el, scope)

    def _box_ok(self, el: etree._Element) -> bool:
        """A wrapper holding several blocks is a box only when each of them is
        a label or mostly links (otherwise it wraps body paragraphs too)."""
        children = [c for c in el if isinstance(c.tag, str) and c.tag not in INLINE_TAGS and c.tag != "br"]
        if len(children) < 2:
            return True
        for child in children:
            text = element_text(child)
            if not text or LABEL_RE.match(text) or child.tag in ("ul", "ol"):
                continue
            found = links_in([child], self.base_url)
            if not found or prose_beyond_links(text, found) > 25 * len(found):
                return False
        return True

    def _expand(self, el: etree._Element, scope: etree._Element) -> etree._Element:
        """Climb to the enclosing element while it holds nothing else."""
        text = element_text(el)
        parent = el.getparent()
        while parent is not None and parent is not scope and parent.tag not in ("body", "html"):
            if parent in self.claimed or element_text(parent) != text:
                break
            el, parent = parent, parent.getparent()
        return el

    @staticmethod
    def _at_line_start(el: etree._Element) -> bool:
        prev = el.getprevious()
        while prev is not None and not isinstance(prev.tag, str):
            prev = prev.getprevious()
        if prev is None:
            parent = el.getparent()
            return parent is not None and is_blank(parent.text)
        return is_blank(prev.tail) and (prev.tag == "br" or prev.tag not in INLINE_TAGS)

    @staticmethod
    def _line_rest(el: etree._Element) -> list[etree._Element]:
        """Following siblings up to the next ``<br>`` or block element."""
        rest: list[etree._Element] = []
        sib = el.getnext()
        while sib is not None:
            if isinstance(sib.tag, str) and (sib.tag == "br" or sib.tag not in INLINE_TAGS):
                break
            rest.append(sib)
            sib = sib.getnext()
        return rest

    def _inline_run(self, el: etree._Element, force: bool = False) -> Block | None:
        elements = [el, *self._line_rest(el)]
        text = run_text(None, elements)
        links = links_in(elements, self.base_url)
        isolated = bool(LABEL_RE.fullmatch(element_text(el)))
        verdict = judge(text, links, isolated=isolated, force=force)
        if verdict is None:
            return None
        return Block(elements, verdict, keep_tail=False)

    def _br_run(self, br: etree._Element) -> Block | None:
        elements = self._line_rest(br)
        text = run_text(br, elements)
        links = links_in(elements, self.base_url)
        verdict = judge(text, links, isolated=False, force=False)
        if verdict is None:
            return None
        return Block(elements, verdict, owner=br, keep_tail=False)

    def _label_only(self, el: etree._Element, scope: etree._Element) -> Block:
        """A label standing alone: the link paragraphs after it belong to it."""
        start = el
        while is_blank(start.tail) and start.getnext() is None:
            parent = start.getparent()
            if parent is None or parent is scope or parent.tag in ("body", "html"):
                break
            if element_text(parent) != element_text(start):
                break
            start = parent
        elements = [start]
        links: Links = []
        sib = start.getnext()
        while sib is not None and is_blank(elements[-1].tail):
            if not isinstance(sib.tag, str):
                break
            text = element_text(sib)
            if not text:
                if sib.tag in ("br", "p", "div", "span") and not sib.xpath(".//img"):
                    elements.append(sib)  # empty spacer
                    sib = sib.getnext()
                    continue
                break
            if LABEL_RE.match(text) or is_marker_element(sib):
                break  # the next block starts
            found = links_in([sib], self.base_url)
            if found:
                if not mostly_links(text, found):
                    break
                elements.append(sib)
                links.extend(found)
            elif not links and len(text) <= MAX_TITLE and not text.endswith((".", "?", "!", '"', "”")):
                title = clean_title(text)
                if title:
                    elements.append(sib)
                    links.append((title, None))
                break
            else:
                break
            sib = sib.getnext()
        # Trailing empty spacers are not part of the block.
        while len(elements) > 1 and not element_text(elements[-1]) and elements[-1].tag != "br":
            elements.pop()
        return Block(elements, links)


def find_blocks(scope: etree._Element, base_url: str | None) -> list[Block]:
    """All read-also blocks below ``scope`` (not ``scope`` itself), in order."""
    return _Finder(base_url).run(scope)


def mark_related(
    scope: etree._Element, base_url: str | None, start: int = 0, trace: Removed | None = None
) -> list[list[RelatedLink]]:
    """Cut every block below ``scope``; each block with links leaves an
    ``<ikn-related n="i">`` marker, ``i`` indexing the returned groups
    (counting from ``start``). Positions are still 0."""
    return mark_blocks(find_blocks(scope, base_url), start, trace)


def extract_related(root: etree._Element, base_url: str | None) -> list[RelatedLink]:
    """Every read-also block below ``root``, removed from the tree.

    ``position`` counts the text paragraphs of ``root`` before each block.
    """
    groups = mark_related(root, base_url)
    body, positions = paragraphs([root])
    remove_markers(root)
    return place(groups, positions, len(body))
