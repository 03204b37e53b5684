"""A fast path for the common feed body: ``<p>`` paragraphs with inline links and emphasis,
and "Baca juga" paragraphs of the usual form.

Real Indonesian feeds carry a ``content:encoded`` body of ``<p>`` blocks whose text holds a
few ``<a href>``, ``<strong>``/``<b>`` and ``<em>``/``<i>``, with a read-also block such as
``<p><strong>Baca Juga: <a href="…">title</a></strong></p>`` between them. For that shape
the full extraction (an lxml parse, the read-also finder, the boilerplate and paragraph
walks) can only end one way, and this module gives the same result without building a
tree. It returns ``None`` for anything where the full pipeline could decide otherwise:

* any tag but ``<p>``, ``<a href="…">`` (no other attribute), ``<strong>``, ``<b>``,
  ``<em>``, ``<i>`` and their end tags, or tags that do not nest properly; a
  ``<figure>`` holding anything but one plain ``<img src>`` and a plain caption;
* text the simple path would not trust (odd characters, unknown entities, a bare ``<``/``>``);
* a paragraph that starts like a read-also label but is not exactly "label: one link";
* a paragraph that is only a link, mostly links right after a read-also paragraph, or short
  and starting like a sidebar heading.

``tests/test_extract_inline_markup.py`` checks it against ``extract_fragment`` on every fixture,
on tricky cases and on thousands of random fragments of this shape.
"""

from __future__ import annotations

import html
import re

from ikn_tui.core.extract.boilerplate import is_junk_text
from ikn_tui.core.extract.dom import norm, resolve_url
from ikn_tui.core.extract.related.label import LABEL_RE, _article_url, clean_title, mostly_links
from ikn_tui.core.extract.simple_fragment import _HEADING_START, _LABEL_START, _ODD, _SHORT, _entities_safe
from ikn_tui.core.models import RelatedLink
from ikn_tui.core.text import clean_paragraph

_BLOCK = re.compile(r"\s*<p>(.*?)</p>", re.S)
# A photo with an optional plain caption (the full path keeps the photo and drops the figure).
_FIGURE = re.compile(
    r'\s*<figure>\s*<img((?:\s+[a-z]+="[^"<>]*")*)\s*/?>\s*(?:<figcaption>([^<>]*)</figcaption>\s*)?</figure>'
)
_ATTR = re.compile(r'([a-z]+)="([^"<>]*)"')
_IMG_ATTRS = frozenset(("src", "alt", "title", "width", "height", "class", "loading"))
_TAG = re.compile(r'<(/?)(a|strong|b|em|i)(?: href="([^"<>]*)")?>')
_INLINE = frozenset(("a", "strong", "b", "em", "i"))

Paragraph = tuple[str, list[tuple[str, str]]]  # (text, [(link text, href)])


def _paragraph(inner: str) -> Paragraph | None:
    """The text of one ``<p>``'s content and its links, or ``None`` for anything unusual."""
    if "<" not in inner:
        if ">" in inner:
            return None
        return (html.unescape(inner) if "&" in inner else inner), []
    texts: list[str] = []
    links: list[tuple[str, str]] = []
    stack: list[tuple[str, int, str]] = []  # open elements: (name, index of their first text, href)
    pos = 0
    for match in _TAG.finditer(inner):
        piece = inner[pos:match.start()]
        if "<" in piece or ">" in piece:
            return None
        texts.append(piece)
        pos = match.end()
        closing, name, attr = match.group(1), match.group(2), match.group(3)
        if closing:
            if attr is not None or not stack or stack[-1][0] != name:
                return None
            _, first, href = stack.pop()
            text = "".join(texts[first:])
            if _LABEL_START.match(text) and "".join(texts[:first]).strip():
                return None  # "… <strong>Baca juga: …</strong>" inside prose: the finder judges such runs
            if name == "a":
                links.append((text, href))
            elif name == "strong" and _HEADING_START.match(text):
                return None  # "<strong>Terpopuler</strong>": the boilerplate walk drops such elements
        else:
            if (name == "a") != (attr is not None) or (name == "a" and any(s[0] == "a" for s in stack)):
                return None
            stack.append((name, len(texts), attr or ""))
    tail = inner[pos:]
    if stack or "<" in tail or ">" in tail:
        return None
    texts.append(tail)
    text = "".join(texts)
    if "&" in text or any("&" in h for _, h in links):
        text = html.unescape(text)
        links = [(html.unescape(t), html.unescape(h)) for t, h in links]
    return text, links


def _read_also(text: str, links: list[tuple[str, str]], base_url: str | None, position: int) -> RelatedLink | None:
    """The link of "Label: <a>title</a>", or ``None`` when the paragraph is anything else."""
    label = LABEL_RE.match(norm(text))
    if label is None or not label.group("sep") or len(links) != 1:
        return None
    rest = norm(text)[label.end():]
    link_text, href = links[0]
    if rest != norm(link_text) or not href or href.lstrip().startswith("#"):
        return None
    title = clean_title(link_text)
    if not title:
        return None
    return RelatedLink(title=title, url=_article_url(href, base_url), position=position)


def _photo(attrs: str, caption: str | None, base_url: str | None, images: list[str]) -> bool:
    """Note a figure's photo; False when the figure is anything but a plain photo and caption."""
    values = dict(_ATTR.findall(attrs))
    if not values.keys() <= _IMG_ATTRS or "&" in attrs or "src" not in values:
        return False
    if values.get("width") in ("0", "1") or values.get("height") in ("0", "1"):
        return False
    if caption is not None and (_LABEL_START.match(caption) or "&" in caption):
        return False
    url = resolve_url(values["src"], base_url)
    if url is None:
        return False
    if url not in images:
        images.append(url)
    return True


def inline_fragment(
    fragment: str, base_url: str | None
) -> tuple[list[str], list[RelatedLink], list[str]] | None:
    """(body paragraphs, related links, images) as ``extract_fragment`` gives them for a
    fragment of the common shape, or ``None`` when it needs the full extraction."""
    if _ODD.search(fragment) or "<p>" not in fragment:
        return None
    if "&" in fragment and not _entities_safe(fragment):
        return None
    body: list[str] = []
    related: list[RelatedLink] = []
    images: list[str] = []
    after_read_also = False
    pos = 0
    end = len(fragment)
    while pos < end:
        figure = _FIGURE.match(fragment, pos)
        if figure is not None:
            if not _photo(figure.group(1), figure.group(2), base_url, images):
                return None
            pos = figure.end()
            continue
        block = _BLOCK.match(fragment, pos)
        if block is None:
            if fragment[pos:].isspace():
                break
            return None
        pos = block.end()
        inner = block.group(1)
        if "<p" in inner:
            return None
        parsed = _paragraph(inner)
        if parsed is None:
            return None
        text, links = parsed
        if not text or text.isspace():
            continue
        if _LABEL_START.match(text):
            link = _read_also(text, links, base_url, len(body))
            if link is None:
                return None
            related.append(link)
            after_read_also = True
            continue
        if len(text) < _SHORT and _HEADING_START.match(text):
            return None
        if links:
            flat = norm(text)
            flat_links: list[tuple[str, str | None]] = [(norm(t), h) for t, h in links]
            if any(t == flat for t, _ in flat_links):
                return None  # a paragraph that is only a link: the finder may take it for a read-also list
            if after_read_also and mostly_links(flat, flat_links):
                return None  # the finder may take it as the read-also block's continuation
        after_read_also = False
        cleaned = clean_paragraph(text)
        if cleaned and not is_junk_text(cleaned):
            body.append(cleaned)
    return body, related, images
