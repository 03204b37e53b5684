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
with "Lihat juga ..." (no colon, no link), stays in the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

from lxml import etree

from ikn_tui.core.models import RelatedLink
from ikn_tui.core.sanitize import clean_line, is_web_url
from ikn_tui.core.titles import normalize_title, strip_site_suffix

LABEL_RE = re.compile(
    r"^\s*(?:baca\s+juga(?:\s+lainnya)?|baca\s+pula|artikel\s+terkait|berita\s+terkait"
    r"|simak\s+juga|lihat\s+juga)(?!\w)\s*(?P<sep>[:：»>|•\-–—]+)?\s*",
    re.IGNORECASE,
)
# Cheap pre-check on an element's leading text before computing its full text.
_PREFIX = re.compile(r"^\s*(?:baca|artikel|berita|simak|lihat)\b", re.IGNORECASE)
_MARKER_TOKEN = re.compile(
    r"^(?:baca|linksisip|lihatjg|read__others|read[-_]?also|also[-_]?read"
    r"|.*baca[-_]?juga.*|.*(?:artikel|berita)[-_]?terkait.*|.*lihat[-_]?juga.*"
    r"|.*inline[-_]?related.*"
    r"|.*related[-_]?(?:posts?|news|articles?|links?|berita|reads?)(?:[-_].*)?)$",
    re.IGNORECASE,
)

text_of = etree.XPath("string()", smart_strings=False)  # all text below a node, C speed
MARKER_TAG = "ikn-related"  # placeholder left where a block stood
INLINE_TAGS = frozenset(
    "a abbr b bdi bdo cite code em font i label mark q s small span strong sub sup u".split()
)
SKIP_TAGS = frozenset("script style noscript template nav header footer form select button".split())
MAX_TITLE = 200  # a title-only remainder longer than this is prose, not a title
MAX_BLOCK_TEXT = 600  # a class-marked element with more plain text is not a box
MAX_BOX_TEXT = 3000  # no read-also box, links included, is longer than this


@dataclass(slots=True)
class Block:
    """One related block: the nodes to cut and the links it carried."""

    elements: list[etree._Element]
    links: list[tuple[str, str | None]] = field(default_factory=list)
    owner: etree._Element | None = None  # its tail is the block's first text
    keep_tail: bool = True  # the last element's tail is body text, keep it


def norm(text: str | None) -> str:
    """Collapse all whitespace (non-breaking spaces included)."""
    return " ".join(text.split()) if text else ""


def _text(el: etree._Element) -> str:
    return norm(text_of(el)) if isinstance(el.tag, str) else ""


def _leading_text(el: etree._Element, depth: int = 8) -> str:
    """The first non-blank text inside ``el`` (follows first children)."""
    while depth > 0:
        if el.text and el.text.strip():
            return el.text
        first = None
        for child in el:
            if isinstance(child.tag, str):
                first = child
                break
        if first is None:
            return ""
        el = first
        depth -= 1
    return ""


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


def _resolve(href: str | None, base_url: str | None) -> str | None:
    href = (href or "").strip()
    if not href or href.startswith("#"):
        return None
    try:
        url = urljoin(base_url, href) if base_url else href
    except ValueError:
        return None
    url = clean_line(url)
    return url if is_web_url(url) else None


def clean_title(text: str | None) -> str:
    """A related title: label, site suffix and surrounding quotes removed."""
    text = norm(text)
    match = LABEL_RE.match(text)
    if match:
        text = text[match.end():]
    return strip_site_suffix(clean_line(text)).strip(" \"'“”‘’-–—:")


def _links(elements: list[etree._Element], base_url: str | None) -> list[tuple[str, str | None]]:
    found: list[tuple[str, str | None]] = []
    for element in elements:
        if not isinstance(element.tag, str):
            continue
        for a in element.iter("a"):
            if a.get("href") is None:
                continue
            title = clean_title(text_of(a)) or clean_title(a.get("title"))
            if title:
                found.append((title, _resolve(a.get("href"), base_url)))
    return found


def _run_text(owner: etree._Element | None, elements: list[etree._Element]) -> str:
    parts = [owner.tail or ""] if owner is not None else []
    for element in elements:
        parts.append(text_of(element) if isinstance(element.tag, str) else "")
        parts.append(element.tail or "")
    return norm(" ".join(parts))


def _judge(text: str, links: list[tuple[str, str | None]], isolated: bool, force: bool):
    """Decide what a labelled piece of text is.

    Returns the links (possibly one title-only link), ``[]`` for a bare label,
    or ``None`` when it is ordinary body text.
    """
    match = LABEL_RE.match(text)
    if match is None and not force:
        return None
    rest = text[match.end():] if match else text
    if links:
        link_chars = sum(len(title) for title, _ in links)
        if len(rest) - link_chars > max(40, 25 * len(links)):
            return None  # a real paragraph that happens to hold a link
        return links
    if not rest:
        return []
    sep = bool(match and match.group("sep"))
    if not (sep or force) and rest.endswith((".", "!", "?")):
        return None  # "Lihat juga video berikut." is a sentence
    if (sep or isolated or force) and len(rest) <= MAX_TITLE:
        title = clean_title(rest)
        return [(title, None)] if title else []
    return None


def _is_blank(text: str | None) -> bool:
    return not text or not text.strip()


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
        lead = _leading_text(el)
        if not lead or not _PREFIX.match(lead):
            return None
        if tag in INLINE_TAGS:
            return self._inline_run(el) if self._at_line_start(el) else None
        text = _text(el)
        if len(text) > MAX_BOX_TEXT:
            return None  # a wrapper of body text that starts with a box
        links = _links([el], self.base_url)
        verdict = _judge(text, links, isolated=bool(LABEL_RE.fullmatch(norm(lead))), force=False)
        if verdict is None or not self._box_ok(el):
            return None
        if verdict:
            return Block([el], verdict)
        return self._label_only(el, scope)

    def _marked(self, el: etree._Element, scope: etree._Element) -> Block | None:
        text = _text(el)
        if len(text) > MAX_BOX_TEXT:
            return None
        links = _links([el], self.base_url)
        link_chars = sum(len(title) for title, _ in links)
        if len(text) - link_chars > MAX_BLOCK_TEXT:
            return None  # too much prose for a read-also box
        if el.tag in INLINE_TAGS:
            if not links and not clean_title(text):
                return self._inline_run(el, force=True)  # label alone, link follows
            el = self._expand(el, scope)
        verdict = _judge(text, links, isolated=True, force=True)
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
            text = _text(child)
            if not text or LABEL_RE.match(text) or child.tag in ("ul", "ol"):
                continue
            found = _links([child], self.base_url)
            if not found or len(text) - sum(len(t) for t, _ in found) > 25 * len(found):
                return False
        return True

    def _expand(self, el: etree._Element, scope: etree._Element) -> etree._Element:
        """Climb to the enclosing element while it holds nothing else."""
        text = _text(el)
        parent = el.getparent()
        while parent is not None and parent is not scope and parent.tag not in ("body", "html"):
            if parent in self.claimed or _text(parent) != text:
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
            return parent is not None and _is_blank(parent.text)
        return _is_blank(prev.tail) and (prev.tag == "br" or prev.tag not in INLINE_TAGS)

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
        text = _run_text(None, elements)
        links = _links(elements, self.base_url)
        isolated = bool(LABEL_RE.fullmatch(_text(el)))
        verdict = _judge(text, links, isolated=isolated, force=force)
        if verdict is None:
            return None
        return Block(elements, verdict, keep_tail=False)

    def _br_run(self, br: etree._Element) -> Block | None:
        elements = self._line_rest(br)
        text = _run_text(br, elements)
        links = _links(elements, self.base_url)
        verdict = _judge(text, links, isolated=False, force=False)
        if verdict is None:
            return None
        return Block(elements, verdict, owner=br, keep_tail=False)

    def _label_only(self, el: etree._Element, scope: etree._Element) -> Block:
        """A label standing alone: the link paragraphs after it belong to it."""
        start = el
        while _is_blank(start.tail) and start.getnext() is None:
            parent = start.getparent()
            if parent is None or parent is scope or parent.tag in ("body", "html"):
                break
            if _text(parent) != _text(start):
                break
            start = parent
        elements = [start]
        links: list[tuple[str, str | None]] = []
        sib = start.getnext()
        while sib is not None and _is_blank(elements[-1].tail):
            if not isinstance(sib.tag, str):
                break
            text = _text(sib)
            if not text:
                if sib.tag in ("br", "p", "div", "span") and not sib.xpath(".//img"):
                    elements.append(sib)  # empty spacer
                    sib = sib.getnext()
                    continue
                break
            if LABEL_RE.match(text) or is_marker_element(sib):
                break  # the next block starts
            found = _links([sib], self.base_url)
            if found:
                link_chars = sum(len(title) for title, _ in found)
                if len(text) - link_chars > max(40, 25 * len(found)):
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
        while len(elements) > 1 and not _text(elements[-1]) and elements[-1].tag != "br":
            elements.pop()
        return Block(elements, links)


def find_blocks(scope: etree._Element, base_url: str | None) -> list[Block]:
    """All read-also blocks below ``scope`` (not ``scope`` itself), in order."""
    return _Finder(base_url).run(scope)


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
            _text_before(first, tail)
    for element in block.elements:
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)


def _text_before(el: etree._Element, text: str) -> None:
    """Append ``text`` to whatever text precedes ``el``."""
    prev = el.getprevious()
    if prev is not None:
        prev.tail = (prev.tail or "") + text
    else:
        parent = el.getparent()
        if parent is not None:
            parent.text = (parent.text or "") + text


def mark_related(scope: etree._Element, base_url: str | None, start: int = 0) -> list[list[RelatedLink]]:
    """Cut every block below ``scope``; each block with links leaves an
    ``<ikn-related n="i">`` marker, ``i`` indexing the returned groups
    (counting from ``start``). Positions are still 0."""
    groups: list[list[RelatedLink]] = []
    for block in find_blocks(scope, base_url):
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
    """Take out the placeholders left by ``mark_related``."""
    for marker in list(root.iter(MARKER_TAG)):
        if marker.tail:
            _text_before(marker, marker.tail)
        parent = marker.getparent()
        if parent is not None:
            parent.remove(marker)


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


def extract_related(root: etree._Element, base_url: str | None) -> list[RelatedLink]:
    """Every read-also block below ``root``, removed from the tree.

    ``position`` counts the text paragraphs of ``root`` before each block.
    """
    from ikn_tui.core.html_extract import paragraphs

    groups = mark_related(root, base_url)
    body, positions = paragraphs([root])
    remove_markers(root)
    return place(groups, positions, len(body))
