"""OPML subscription lists: read (safely) and write.

Parsing never resolves entities, loads DTDs or touches the network.
"""

from __future__ import annotations

import re

from lxml import etree

from ikn_tui.core.problem import ProblemError, ProblemKind, problem
from ikn_tui.core.text import clean_line, clean_optional, is_web_url

_HEAD_LIMIT = 4096
# <opml ...> may follow an XML declaration, comments, a doctype and whitespace.
_OPML_TAG = re.compile(rb"<(?:[\w.-]+:)?opml[\s>/]", re.IGNORECASE)
# Characters XML 1.0 cannot carry, even escaped.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_BARE_AMP = re.compile(rb"&(?!(?:[A-Za-z_][\w.-]*|#\d+|#x[0-9A-Fa-f]+);)")
_ENTITY_DECLS = tuple(
    re.compile(re.escape("<!ENTITY".encode(codec)), re.IGNORECASE)
    for codec in ("utf-8", "utf-16-le", "utf-16-be")
)
_LXML_WHERE = re.compile(r"\s*\(<string>, line \d+\)")
_PROLOGUE = re.compile(rb"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>|\s+", re.S | re.I)
_URL_ATTRS = ("xmlurl", "xmlUrl", "XMLURL", "xmlURL", "XmlUrl")
_FEED_TYPES = {"rss", "atom", "feed", "link"}


def _parser(recover: bool = False) -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        recover=recover,
    )


def looks_like_opml(data: bytes) -> bool:
    """True when the document's first element is ``<opml>``."""
    if not data:
        return False
    head = data[:_HEAD_LIMIT]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16: decode the start
        try:
            head = head.decode("utf-16").encode("utf-8", "replace")
        except UnicodeDecodeError:
            return False
    head = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith(b"<"):
        return False
    match = _OPML_TAG.search(head)
    if not match:
        return False
    # Nothing but declarations/comments/doctype may come before it.
    return _PROLOGUE.sub(b"", head[: match.start()]) == b""


def _local(tag: object) -> str:
    if not isinstance(tag, str):
        return ""  # comments, processing instructions
    return tag.rsplit("}", 1)[-1].lower()


def _feed_url(outline: etree._Element) -> str | None:
    raw = None
    for name in _URL_ATTRS:
        raw = outline.get(name)
        if raw:
            break
    if not raw and (outline.get("type") or "").lower() in _FEED_TYPES:
        raw = outline.get("url")
    url = clean_line(raw, limit=2000)
    if not url:
        return None
    low = url.lower()
    if low.startswith("feed://"):
        url = "http://" + url[7:]
    elif low.startswith("feed:"):
        url = url[5:]
    return url if is_web_url(url) else None


def _first_line(exc: Exception) -> str:
    text = _LXML_WHERE.sub("", str(exc).splitlines()[0] if str(exc) else "")
    return clean_line(text, limit=160) or "syntax error"


def _parse_root(data: bytes) -> tuple[etree._Element, bool]:
    """The root element, and whether the XML had to be repaired."""
    try:
        root = etree.fromstring(data, _parser())
        if root is None:
            raise ProblemError(problem(ProblemKind.OPML_NO_ELEMENTS))
        return root, False
    except etree.XMLSyntaxError as exc:
        first_error = _first_line(exc)
    # Common breakage: a bare "&" in a URL or title. Escape it and retry.
    fixed = _BARE_AMP.sub(b"&amp;", data)
    if fixed != data:
        try:
            root = etree.fromstring(fixed, _parser())
            if root is not None:
                return root, False
        except etree.XMLSyntaxError:
            pass
    recovered: etree._Element | None
    try:
        recovered = etree.fromstring(fixed, _parser(recover=True))
    except etree.XMLSyntaxError:
        recovered = None
    if recovered is None or _local(recovered.tag) != "opml":
        raise ProblemError(problem(ProblemKind.OPML_BROKEN, detail=first_error))
    return recovered, True


def parse_opml(data: bytes | str) -> list[tuple[str, str | None]]:
    """(xmlUrl, title) for every feed outline, in document order, nested ones
    too, each URL once. Raises ``ValueError`` with a one-line reason if the
    data is not OPML."""
    return [(url, title) for url, title, _ in parse_opml_folders(data)]


def _folder(outline: etree._Element) -> str | None:
    """The name of the nearest enclosing outline that is not a feed (a folder)."""
    for parent in outline.iterancestors():
        if _local(parent.tag) != "outline":
            return None
        if _feed_url(parent) is None:
            return clean_optional(parent.get("title"), limit=200) or clean_optional(parent.get("text"), limit=200)
    return None


def parse_opml_folders(data: bytes | str) -> list[tuple[str, str | None, str | None]]:
    """(xmlUrl, title, folder) for every feed outline, as ``parse_opml``;
    ``folder`` is the enclosing outline's name (None at the top level)."""
    if not data or not data.strip():
        raise ProblemError(problem(ProblemKind.OPML_EMPTY))
    if isinstance(data, str):  # tolerate text
        data = data.encode("utf-8")
    if any(pattern.search(data) for pattern in _ENTITY_DECLS):
        raise ProblemError(problem(ProblemKind.OPML_ENTITIES))
    try:
        root, repaired = _parse_root(data)
    except ValueError:
        raise
    except (RecursionError, MemoryError):
        raise ProblemError(problem(ProblemKind.OPML_TOO_LARGE)) from None
    except etree.LxmlError as exc:  # the base of lxml's many failure types
        raise ProblemError(problem(ProblemKind.OPML_INVALID, detail=clean_line(str(exc), limit=160) or "?")) from None
    if _local(root.tag) != "opml":
        raise ProblemError(problem(ProblemKind.OPML_ROOT, tag=clean_line(_local(root.tag), limit=40)))
    feeds: dict[str, str | None] = {}
    folders: dict[str, str | None] = {}
    for element in root.iter():
        if _local(element.tag) != "outline":
            continue
        url = _feed_url(element)
        if url is None:
            continue
        title = clean_optional(element.get("title"), limit=300) or clean_optional(
            element.get("text"), limit=300
        )
        if title == url:  # exporters put the URL in the required text attribute
            title = None
        if url not in feeds:
            folders[url] = _folder(element)
        if url not in feeds or (feeds[url] is None and title):
            feeds[url] = title
    if repaired and not feeds:
        raise ProblemError(problem(ProblemKind.OPML_NO_OUTLINES))
    return [(url, title, folders[url]) for url, title in feeds.items()]


def _xml_safe(text: str | None, limit: int = 2000) -> str:
    return _NOT_XML.sub("", clean_line(text, limit=limit))


def export_opml(
    feeds: list[tuple[str, str | None]] | list[tuple[str, str | None, str | None]],
    title: str = "ikn-read subscriptions",
) -> str:
    """An OPML 2.0 document (text, UTF-8 declared) listing ``feeds``: (url,
    title) or (url, title, folder); a folder becomes an outline holding its feeds."""
    root = etree.Element("opml", version="2.0")
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = _xml_safe(title, 300) or "ikn-read subscriptions"
    body = etree.SubElement(root, "body")
    seen: set[str] = set()
    groups: dict[str, etree._Element] = {}
    for feed in feeds:
        url, name = feed[0], feed[1]
        folder = _xml_safe(feed[2], 200) if len(feed) > 2 else ""
        clean_url = _xml_safe(url)
        if not clean_url or clean_url in seen:
            continue
        seen.add(clean_url)
        label = _xml_safe(name, 300)
        parent = body
        if folder:
            if folder not in groups:
                groups[folder] = etree.SubElement(body, "outline", text=folder, title=folder)
            parent = groups[folder]
        outline = etree.SubElement(parent, "outline")
        outline.set("type", "rss")
        outline.set("text", label or clean_url)
        if label:
            outline.set("title", label)
        outline.set("xmlUrl", clean_url)
    text = etree.tostring(root, encoding="unicode", pretty_print=True)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + text
