"""Article text from an HTML page or an HTML fragment (feed content).

The pipeline: parse (lxml, robust) -> metadata -> find the article container
-> cut the "Baca juga" blocks (``baca_juga``) leaving markers -> drop
boilerplate elements -> one walk that turns the container into clean
paragraphs, noting where each marker stood.
"""

from __future__ import annotations

import html as html_lib
import logging
import re
import threading

from lxml import etree

from ikn_tui.core import baca_juga
from ikn_tui.core.metadata import class_words, has_word, read_metadata, resolve_url, text_of
from ikn_tui.core.models import Article, RelatedLink
from ikn_tui.core.sanitize import clean_line, clean_optional, clean_paragraph

log = logging.getLogger(__name__)

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*>", re.IGNORECASE)
_HAS_TAG = re.compile(r"<[a-zA-Z!/]")
_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:rdf)\b", re.IGNORECASE)
_STRIP_TAGS = ("script", "style", "noscript", "template", "svg", "iframe", "object", "embed",
               "select", "button", "input", "textarea", "canvas", "map", "audio", "video")
_DROP_TAGS = frozenset("nav header footer aside figure figcaption form h1 ins dialog menu picture".split())
BLOCK_TAGS = frozenset(
    "p div section article main li ul ol dl dt dd h1 h2 h3 h4 h5 h6 blockquote pre table tbody thead "
    "tfoot tr td th caption figure figcaption header footer aside nav center hr address details summary "
    "form fieldset".split()
)
_JUNK_WORDS = frozenset(
    "ads ad adv advert advertisement adsbygoogle iklan banner gpt dfp parallax share sharing social sosmed "
    "socmed terpopuler popular populer mostpopular trending newsletter subscribe comment comments komentar "
    "disqus tags tag breadcrumb breadcrumbs sidebar widget promo sponsor sponsored caption credit byline "
    "author editor outbrain taboola mgid print navbar menu footer header modal popup cookie login date "
    "time datetime timestamp pubdate".split()
)
# Class words that start like these mark boilerplate ("sharedaddy", "authorNames").
_JUNK_STEMS = tuple(
    "advert author byline share social comment popular populer terpopuler breadcrumb sponsor "
    "newsletter banner caption date".split()
)
_SIDEBAR_HEADING = re.compile(
    r"^(?:berita\s+)?(?:terpopuler|populer|paling\s+populer|terkini|terbaru|most\s+popular|trending"
    r"|pilihan\s+redaksi|rekomendasi|editor'?s\s+pick)(?:\s+\w+)?$",
    re.IGNORECASE,
)
_JUNK_START = re.compile(
    r"^(?:advertisement|iklan$|scroll to continue|scroll (?:ke bawah )?untuk melanjutkan|ikuti saluran"
    r"|ikuti (?:kami|berita|update|terus)|simak (?:berita|breaking news|update|video|juga video)"
    r"|dapatkan (?:update|berita|informasi)|follow (?:us|kami)|copyright\b|©|hak cipta"
    r"|(?:pewarta|editor|penulis|reporter|penyunting|redaktur|fotografer|sumber)\s*:"
    r"|artikel ini (?:telah|sudah) (?:tayang|terbit)|dilarang mengambil|konten ini dilindungi"
    r"|baca (?:berita|artikel) .{0,60}lainnya di|download aplikasi|unduh aplikasi|tonton (?:juga|video)"
    r"|pilihan editor\s*:|the post .* appeared first on|\(\w{2,6}(?:/\w{2,6})+\)$|(?:baca juga|baca pula|berita terkait|artikel terkait)\s*:?\s*$)",
    re.IGNORECASE,
)
# Phrases that mark a short paragraph as a prompt or notice wherever they stand
# (plain substring tests on the lower-cased text: much faster than a regex).
_JUNK_ANYWHERE = (
    "saluran whatsapp", "whatsapp channel", "google news", "dilarang mengambil", "menayangkan ulang",
    "konten ini dilindungi", "hak cipta dilindungi", "copyright ©", "all rights reserved", "scroll to continue",
)
_HAS_WORD = re.compile(r"\w")
_MIN_CONTAINER_TEXT = 80
# Class names of article bodies, best first; then ids; then <article>.
_CONTAINER_CLASSES = (
    "read__content", "detail__body-text", "itp_bodycontent", "detail-text",
    "article-content-body__item-content", "txt-article", "post-content", "entry-content",
    "article-content", "article__content", "article-body", "articlebody", "content-detail",
    "detail__body", "news-content", "post-body", "isi-berita", "body-content", "content-text",
)
_CONTAINER_IDS = ("article-body", "articlebody", "isi", "detail_content", "contentx", "content")

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


def looks_like_article_html(text: str) -> bool:
    """Cheap sniff: an HTML document (not a feed), judged by its first 2 KB."""
    head = (text or "")[:2048].lstrip("\ufeff \t\r\n").lower()
    if _FEED_ROOT.search(head[:1024]):
        return False
    return any(mark in head for mark in ("<!doctype html", "<html", "<body", "<article"))


# -- finding the article container --------------------------------------------


def _text_len(el: etree._Element) -> int:
    return len(" ".join(text_of(el).split()))


def _outermost(elements: list[etree._Element]) -> list[etree._Element]:
    chosen = set(elements)
    return [el for el in elements if not any(a in chosen for a in el.iterancestors())]


def find_containers(root: etree._Element) -> list[etree._Element]:
    """The element(s) holding the article text, in document order."""
    ranked: dict[int, list[etree._Element]] = {}
    class_rank = {name: i + 1 for i, name in enumerate(_CONTAINER_CLASSES)}
    id_rank = {name: i + 100 for i, name in enumerate(_CONTAINER_IDS)}
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
            ranked.setdefault(200, []).append(el)
    for rank in sorted(ranked):
        candidates = _outermost(ranked[rank])
        sized = [(el, _text_len(el)) for el in candidates]
        best, size = max(sized, key=lambda pair: pair[1])
        if size < _MIN_CONTAINER_TEXT:
            continue
        if rank >= 200:
            return [best]
        # Pages split into chunks (Liputan6): siblings or cousins of the best.
        parent = best.getparent()
        grand = parent.getparent() if parent is not None else None
        return [
            el for el, n in sized
            if n > 0 and (el is best or el.getparent() is parent
                          or (grand is not None and el.getparent() is not None
                              and el.getparent().getparent() is grand))
        ]
    if scores:
        best = max(scores, key=lambda el: scores[el])
        if scores[best] > 0:
            return [best]
    body = root.find("body")
    return [body if body is not None else root]


# -- cleaning -----------------------------------------------------------------


def _drop_boilerplate(container: etree._Element) -> None:
    """Remove non-article elements below ``container`` (keeps their tails)."""
    total = _text_len(container)
    doomed: list[etree._Element] = []
    walker = etree.iterwalk(container, events=("start",))
    for _event, el in walker:
        if el is container:
            continue
        tag = el.tag
        if not isinstance(tag, str) or tag == baca_juga.MARKER_TAG:
            continue
        words = class_words(el)
        junk = tag in _DROP_TAGS or bool(words & _JUNK_WORDS) or has_word(words, _JUNK_STEMS)
        if junk and tag not in _DROP_TAGS and total > 500 and _text_len(el) > total // 2:
            junk = False  # holds most of the text: a badly named wrapper, not junk
        if not junk and tag in ("h2", "h3", "h4", "h5", "h6", "div", "p", "span", "strong"):
            lead = el.text or ""
            if lead.strip() and len(lead) < 60 and _SIDEBAR_HEADING.match(" ".join(text_of(el).split())):
                parent = el.getparent()
                if parent is not None and parent is not container and _text_len(parent) < total // 2:
                    doomed.append(parent)
                    continue
                nxt = el.getnext()
                if nxt is not None and nxt.tag in ("ul", "ol", "div"):
                    doomed.append(nxt)
                junk = True
        if junk:
            doomed.append(el)
            walker.skip_subtree()
    for el in doomed:
        if el.getparent() is not None:
            _drop(el)


def _drop(el: etree._Element) -> None:
    """Remove ``el`` and its subtree, keeping the text that follows it."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def _is_junk_text(text: str) -> bool:
    if not _HAS_WORD.search(text) or _JUNK_START.match(text):
        return True
    if len(text) >= 300:
        return False
    lowered = text.lower()
    return any(phrase in lowered for phrase in _JUNK_ANYWHERE)


_NOT_PHOTO_WORDS = _JUNK_WORDS - {"caption", "credit"}


def _in_junk(img: etree._Element, container: etree._Element) -> bool:
    for ancestor in img.iterancestors():
        if ancestor is container:
            return False
        if ancestor.tag in ("aside", "nav", "header", "footer", "ins") or class_words(ancestor) & _NOT_PHOTO_WORDS:
            return True
    return False


def _images(containers: list[etree._Element], base_url: str | None, images: list[str]) -> None:
    """Photos in the article text (before boilerplate removal drops figures)."""
    for container in containers:
        for img in container.iter("img"):
            if img.get("width") in ("1", "0") or img.get("height") in ("1", "0") or _in_junk(img, container):
                continue
            for attr in ("data-src", "data-original", "data-lazy-src", "src"):
                url = resolve_url(img.get(attr), base_url)
                if url:
                    if url not in images:
                        images.append(url)
                    break


# -- the walk -----------------------------------------------------------------


def paragraphs(
    containers: list[etree._Element], drop: frozenset[str] = frozenset()
) -> tuple[list[str], dict[int, int]]:
    """Clean text paragraphs of the containers, and for each related marker
    (by its ``n``) the index of the paragraph it stood before (a marker inside
    a paragraph counts as standing after it).

    Block elements and ``<br>`` end a paragraph, so bare text-plus-``<br>``
    bodies split too. Boilerplate lines and texts in ``drop`` are skipped.
    """
    body: list[str] = []
    positions: dict[int, int] = {}
    buffer: list[str] = []

    pending: list[int] = []  # markers met inside the current paragraph

    def flush() -> None:
        if buffer:
            raw = "".join(buffer)
            buffer.clear()
            if not raw.isspace():
                text = clean_paragraph(raw)
                if text and text not in drop and not _is_junk_text(text):
                    body.append(text)
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
                if tag == baca_juga.MARKER_TAG:
                    # Stands before the next paragraph; inside a sentence, after it.
                    try:
                        pending.append(int(el.get("n") or "-1"))
                    except ValueError:
                        pass
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
    return body, positions


def _outside_positions(
    scope: etree._Element, containers: list[etree._Element], count: int, positions: dict[int, int]
) -> None:
    """Markers outside the containers: 0 before the text, ``count`` after."""
    inside = set(containers)
    seen_container = False
    for el in scope.iter(etree.Element):
        if el in inside:
            seen_container = True
        elif el.tag == baca_juga.MARKER_TAG:
            try:
                n = int(el.get("n") or "-1")
            except ValueError:
                continue
            positions.setdefault(n, count if seen_container else 0)


# -- public API ---------------------------------------------------------------


def _body_from_json(text: str) -> list[str]:
    paras = (clean_paragraph(html_lib.unescape(line)) for line in re.split(r"\n+|<br\s*/?>", text))
    return [p for p in paras if p and not _is_junk_text(p)]


def _related_scope(containers: list[etree._Element]) -> etree._Element | None:
    article = next(containers[0].iterancestors("article"), None)
    if article is None or article.getparent() is None:
        return None
    if not all(any(a is article for a in c.iterancestors()) for c in containers):
        return None
    return article


def _extract_article(html: str, url: str | None) -> Article:
    root = parse_html(html)
    given = clean_optional(url) if url else None
    if root is None:
        return Article(title="", url=given, origin=url)
    meta = read_metadata(root, url)
    etree.strip_elements(root, *_STRIP_TAGS, with_tail=False)
    containers = find_containers(root)
    base = meta.canonical or url
    scope = _related_scope(containers)
    groups = baca_juga.mark_related(scope, base) if scope is not None else []
    if scope is None:
        for container in containers:
            groups += baca_juga.mark_related(container, base, start=len(groups))
    images = list(meta.images)
    _images(containers, base, images)
    for container in containers:
        _drop_boilerplate(container)
    drop = frozenset(t for t in (meta.title,) if t)
    body, positions = paragraphs(containers, drop)
    if scope is not None:
        _outside_positions(scope, containers, len(body), positions)
    if not body and meta.article_body:
        body = _body_from_json(meta.article_body)
    return Article(
        title=clean_line(meta.title, limit=500),
        url=meta.canonical or given,
        source=meta.site_name,
        author=meta.author,
        published=meta.published,
        category=meta.category,
        summary=meta.summary,
        body=body,
        related=baca_juga.place(groups, positions, len(body)),
        images=images,
        full=True,
        origin=url,
    )


def extract_article(html: str, url: str | None = None) -> Article:
    """Full page -> ``Article`` (``full=True``). Never raises: unreadable input
    gives an Article with an empty title and body."""
    try:
        return _extract_article(html, url)
    except Exception:  # noqa: BLE001 - bad pages must never crash the reader
        log.debug("article extraction failed", exc_info=True)
        return Article(title="", url=clean_optional(url) if url else None, origin=url)


def _fragment_root(html: str) -> etree._Element | None:
    if not _HAS_TAG.search(html):
        lines = (html_lib.escape(line) for line in html.splitlines())
        html = "".join(f"<p>{line}</p>" for line in lines if line.strip())
    root = parse_html(f"<html><body><div>{html}</div></body></html>")
    if root is None:
        return None
    body = root.find("body")
    return body if body is not None else root


def extract_fragment(
    html: str, base_url: str | None = None
) -> tuple[list[str], list[RelatedLink], list[str]]:
    """An HTML fragment (feed ``content:encoded`` / description) ->
    (body paragraphs, related links, image URLs). Never raises."""
    try:
        if not html or not html.strip():
            return [], [], []
        root = _fragment_root(html)
        if root is None:
            return [], [], []
        etree.strip_elements(root, *_STRIP_TAGS, with_tail=False)
        groups = baca_juga.mark_related(root, base_url)
        images: list[str] = []
        _images([root], base_url, images)
        _drop_boilerplate(root)
        body, positions = paragraphs([root])
        return body, baca_juga.place(groups, positions, len(body)), images
    except Exception:  # noqa: BLE001
        log.debug("fragment extraction failed", exc_info=True)
        return [], [], []
