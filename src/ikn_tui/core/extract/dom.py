"""Small helpers over an lxml element tree: parsing, text, class words, links
and removing nodes without losing the text that follows them.

Plain ``lxml.etree`` elements throughout (no ``lxml.html`` classes): the
extraction modules only need the etree API, and it is much faster.
"""

from __future__ import annotations

import re
import threading
from urllib.parse import urljoin, urlsplit

from lxml import etree

from ikn_tui.core.text import clean_line, clean_optional, is_web_url

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*>", re.IGNORECASE)
_CLASS_SPLIT = re.compile(r"[\s_\-]+")
_CAMEL = re.compile(r"([a-z])([A-Z])")
_URL_BREAKS = str.maketrans("", "", "\t\r\n")  # dropped from hrefs, as browsers do
_CACHE_LIMIT = 4096

BLOCK_TAGS = frozenset(
    "p div section article main li ul ol dl dt dd h1 h2 h3 h4 h5 h6 blockquote pre table tbody thead "
    "tfoot tr td th caption figure figcaption header footer aside nav center hr address details summary "
    "form fieldset".split()
)
# Tags that flow inside a line of text (they never end a paragraph).
INLINE_TAGS = frozenset(
    "a abbr b bdi bdo cite code em font i label mark q s small span strong sub sup u".split()
)

text_of = etree.XPath("string()", smart_strings=False)  # all text below a node, C speed

_local = threading.local()


def _parser() -> etree.HTMLParser:
    parser = getattr(_local, "parser", None)
    if parser is None:
        # Plain etree elements: lxml.html's Python class lookup per node costs
        # more than the whole extraction; only the etree API is used here.
        parser = etree.HTMLParser(huge_tree=True, remove_comments=True, remove_pis=True)
        _local.parser = parser
    return parser


def parse_html(text: str | bytes | None) -> etree._Element | None:
    """A document root, or ``None`` for empty or unparseable input."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    if not text or not isinstance(text, str):
        return None
    text = _XML_DECL.sub("", text.lstrip("\ufeff"), count=1).replace("\x00", "")
    if not text.strip():
        return None
    try:
        root = etree.fromstring(text, _parser())
    except (etree.LxmlError, ValueError, RecursionError, TypeError):
        return None
    if root is None or not isinstance(root.tag, str):
        return None
    return root


# -- text ---------------------------------------------------------------------


def norm(text: str | None) -> str:
    """Collapse all whitespace (non-breaking spaces included)."""
    return " ".join(text.split()) if text else ""


def element_text(el: etree._Element) -> str:
    """All text below ``el``, whitespace collapsed ("" for comments and PIs)."""
    return " ".join(text_of(el).split()) if isinstance(el.tag, str) else ""


def is_blank(text: str | None) -> bool:
    """True for ``None``, "" and whitespace."""
    return not text or not text.strip()


def leading_text(el: etree._Element, depth: int = 8) -> str:
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


# -- class and id words -------------------------------------------------------

_words_cache: dict[str, frozenset[str]] = {}


def class_words(el: etree._Element) -> frozenset[str]:
    """Words of an element's class and id: ``detailsAuthor read__time`` ->
    {details, author, read, time}."""
    value = (el.get("class") or "") + " " + (el.get("id") or "")
    words = _words_cache.get(value)
    if words is None:
        words = frozenset(w.lower() for w in _CLASS_SPLIT.split(_CAMEL.sub(r"\1 \2", value)) if w)
        if len(_words_cache) < _CACHE_LIMIT:
            _words_cache[value] = words
    return words


def has_word(words: frozenset[str], stems: tuple[str, ...]) -> bool:
    """True when a word is, or starts with, one of ``stems``."""
    return any(w.startswith(stems) for w in words)


# -- links --------------------------------------------------------------------


def resolve_url(href: str | None, base: str | None) -> str | None:
    """``href`` made absolute against ``base``; only http(s) survives.

    Line breaks and tabs inside the href are dropped, as browsers do (long
    hrefs wrapped in the page source).
    """
    href = clean_line(href.translate(_URL_BREAKS)) if href else ""
    if not href:
        return None
    try:
        url = urljoin(base, href) if base else href
    except ValueError:
        return None
    return url if is_web_url(url) else None


def host_name(url: str | None) -> str | None:
    """``https://www.kompas.com/x`` -> ``kompas.com``."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return None
    host = host[4:] if host.startswith("www.") else host
    return clean_optional(host)


# -- removing nodes -----------------------------------------------------------


def append_text_before(el: etree._Element, text: str) -> None:
    """Append ``text`` to whatever text precedes ``el``."""
    prev = el.getprevious()
    if prev is not None:
        prev.tail = (prev.tail or "") + text
    else:
        parent = el.getparent()
        if parent is not None:
            parent.text = (parent.text or "") + text


def remove_keeping_tail(el: etree._Element) -> None:
    """Remove ``el`` and its subtree, keeping the text that follows it."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        append_text_before(el, el.tail)
    parent.remove(el)
