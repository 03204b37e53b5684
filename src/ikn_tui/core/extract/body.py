"""The article body: which element(s) hold the article text, and the walk that
turns them into clean paragraphs.

Containers are found by the class and id names portals give their article
bodies (best first), then ``<article>``, then the element with the most
paragraph text. The walk notes where each read-also placeholder
(``markers.MARKER_TAG``) stood among the paragraphs.
"""

from __future__ import annotations

from lxml import etree

from ikn_tui.core.extract.boilerplate import is_section_label, junk_reason
from ikn_tui.core.extract.dom import BLOCK_TAGS, element_text, text_of
from ikn_tui.core.extract.related.markers import MARKER_TAG, marker_index
from ikn_tui.core.extract.trace import Removed, note
from ikn_tui.core.text import clean_paragraph

_MIN_CONTAINER_TEXT = 80
_DASHES = (" -", " –", " —")
# Class names of article bodies, best first; then ids; then <article>.
_CONTAINER_CLASSES = (
    "read__content", "detail__body-text", "itp_bodycontent", "detail-text", "detail_text",
    "article-content-body__item-content", "txt-article", "post-content", "entry-content",
    "article-content", "article__content", "article-body", "articlebody", "content-detail",
    "detail__body", "news-content", "post-body", "isi-berita", "body-content", "content-text",
)
_CONTAINER_IDS = ("article-body", "articlebody", "isi", "detail_content", "contentx", "content")
_CLASS_RANK = {name: i + 1 for i, name in enumerate(_CONTAINER_CLASSES)}
_ID_RANK = {name: i + 100 for i, name in enumerate(_CONTAINER_IDS)}
_ARTICLE_RANK = 200


def _outermost(elements: list[etree._Element]) -> list[etree._Element]:
    chosen = set(elements)
    return [el for el in elements if not any(a in chosen for a in el.iterancestors())]


def find_containers(root: etree._Element) -> list[etree._Element]:
    """The element(s) holding the article text, in document order."""
    ranked: dict[int, list[etree._Element]] = {}
    class_rank, id_rank = _CLASS_RANK, _ID_RANK
    scores: dict[etree._Element, int] = {}
    for el in root.iter(etree.Element):
        tag = el.tag
        if tag == "p" or tag == "br":
            parent = el.getparent()
            if parent is not None:
                size = len(el.tail or "") if tag == "br" else len(text_of(el))
                scores[parent] = scores.get(parent, 0) + size
            continue
        if tag in ("meta", "link", "head", "html", "body"):
            continue
        if (el.get("itemprop") or "").lower() == "articlebody":
            ranked.setdefault(0, []).append(el)
        for token in (el.get("class") or "").lower().split():
            if token in class_rank:
                ranked.setdefault(class_rank[token], []).append(el)
        ident = (el.get("id") or "").lower()
        if ident in id_rank:
            ranked.setdefault(id_rank[ident], []).append(el)
        if tag == "article":
            ranked.setdefault(_ARTICLE_RANK, []).append(el)
    for rank in sorted(ranked):
        candidates = _outermost(ranked[rank])
        sized = [(el, len(element_text(el))) for el in candidates]
        best, size = max(sized, key=lambda pair: pair[1])
        if size < _MIN_CONTAINER_TEXT:
            continue
        if rank >= _ARTICLE_RANK:
            return [best]
        # Pages split into chunks (Liputan6): siblings or cousins of the best.
        parent = best.getparent()
        grand = parent.getparent() if parent is not None else None
        return [
            el for el, n in sized
            if n > 0 and (el is best or (up := el.getparent()) is parent
                          or (grand is not None and up is not None and up.getparent() is grand))
        ]
    if scores:
        best = max(scores, key=lambda el: scores[el])
        if scores[best] > 0:
            return [best]
    body = root.find("body")
    return [body if body is not None else root]


def paragraphs(
    containers: list[etree._Element],
    drop: frozenset[str] = frozenset(),
    trace: Removed | None = None,
    whole_page: bool = False,
) -> tuple[list[str], dict[int, int]]:
    """Clean text paragraphs of the containers, and for each related marker
    (by its ``n``) the index of the paragraph it stood before (a marker inside
    a paragraph counts as standing after it).

    Block elements and ``<br>`` end a paragraph, so bare text-plus-``<br>``
    bodies split too. Boilerplate lines and texts in ``drop`` are skipped.
    For a ``whole_page``, so is a section label in capitals before the first
    paragraph, and a dateline alone ("Jakarta -", detik) joins the paragraph
    after it. What is skipped goes to ``trace``.
    """
    body: list[str] = []
    positions: dict[int, int] = {}
    buffer: list[str] = []

    pending: list[int] = []  # markers met inside the current paragraph
    dateline: list[str] = []  # "Jakarta -" waiting for its paragraph

    def take(text: str) -> None:
        why = "line:title" if text in drop else junk_reason(text)
        if why is None and whole_page:
            if len(text) <= 40 and text.endswith(_DASHES) and not dateline:
                dateline.append(text)  # "Jakarta -": joins the next paragraph
                return
            if not body and not dateline and is_section_label(text):
                why = "line:section-label"
        if why is not None:
            note(trace, why, text)
        elif dateline:
            body.append(dateline.pop() + " " + text)
        else:
            body.append(text)

    def flush() -> None:
        if buffer:
            raw = "".join(buffer)
            buffer.clear()
            if not raw.isspace():
                text = clean_paragraph(raw)
                if text:
                    take(text)
        for n in pending:
            positions[n] = len(body)
        pending.clear()

    for container in containers:
        flush()
        for event, el in etree.iterwalk(container, events=("start", "end")):
            tag = el.tag
            if not isinstance(tag, str):
                continue
            if event == "start":
                if tag == MARKER_TAG:
                    # Stands before the next paragraph; inside a sentence, after it.
                    n = marker_index(el)
                    if n is not None:
                        pending.append(n)
                elif tag == "br" or tag in BLOCK_TAGS:
                    flush()
                if el.text:
                    buffer.append(el.text)
            else:
                if tag in BLOCK_TAGS or el is container:
                    flush()
                if el is not container and el.tail:
                    buffer.append(el.tail)
        flush()
    if dateline:
        body.append(dateline.pop())
    return body, positions
