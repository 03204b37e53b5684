"""Article text from an HTML page or an HTML fragment (feed content).

The pipeline: parse (``dom``) -> metadata (``metadata``) -> find the
article container (``body``) -> cut the "Baca juga" blocks
(``related.find``) leaving markers -> drop boilerplate elements
(``boilerplate``) -> one walk that turns the container into clean
paragraphs, noting where each marker stood (``body.paragraphs``).
"""

from __future__ import annotations

import copy
import html as html_lib
import logging
import re
from dataclasses import dataclass, field
from datetime import datetime

from lxml import etree

from ikn_tui.core.extract.body import find_containers, paragraphs
from ikn_tui.core.extract.boilerplate import drop_boilerplate, in_non_photo_box, is_junk_text, strip_non_content
from ikn_tui.core.extract.byline import signoff_author, signoff_name
from ikn_tui.core.extract.dom import parse_html, resolve_url
from ikn_tui.core.extract.metadata import read_metadata, saved_from_url
from ikn_tui.core.extract.paging import read_paging
from ikn_tui.core.extract.related.find import mark_related
from ikn_tui.core.extract.related.markers import place, positions_outside
from ikn_tui.core.extract.trace import Removed, note
from ikn_tui.core.models import Article, RelatedLink
from ikn_tui.core.text import clean_line, clean_optional, clean_paragraph

__all__ = ["Explanation", "explain_article", "extract_article", "extract_fragment", "looks_like_article_html",
           "parse_html"]

log = logging.getLogger(__name__)

_HAS_TAG = re.compile(r"<[a-zA-Z!/]")
_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:rdf)\b", re.IGNORECASE)
_JSON_BODY_BREAK = re.compile(r"\n+|<br\s*/?>")
_IMAGE_ATTRS = ("data-src", "data-original", "data-lazy-src", "src")


def looks_like_article_html(text: str) -> bool:
    """Cheap sniff: an HTML document (not a feed), judged by its first 2 KB."""
    head = (text or "")[:2048].lstrip("\ufeff \t\r\n").lower()
    if _FEED_ROOT.search(head[:1024]):
        return False
    return any(mark in head for mark in ("<!doctype html", "<html", "<body", "<article"))


def _collect_images(containers: list[etree._Element], base_url: str | None, images: list[str]) -> None:
    """Photos in the article text (before boilerplate removal drops figures)."""
    for container in containers:
        for img in container.iter("img"):
            if img.get("width") in ("1", "0") or img.get("height") in ("1", "0") or in_non_photo_box(img, container):
                continue
            for attr in _IMAGE_ATTRS:
                url = resolve_url(img.get(attr), base_url)
                if url:
                    if url not in images:
                        images.append(url)
                    break


def _body_from_json(text: str) -> list[str]:
    paras = (clean_paragraph(html_lib.unescape(line)) for line in _JSON_BODY_BREAK.split(text))
    return [p for p in paras if p and not is_junk_text(p)]


def _related_scope(containers: list[etree._Element]) -> etree._Element | None:
    """The ``<article>`` around all containers, where read-also boxes just
    outside the body text are still the article's."""
    article = next(containers[0].iterancestors("article"), None)
    if article is None or article.getparent() is None:
        return None
    if not all(any(a is article for a in c.iterancestors()) for c in containers):
        return None
    return article


@dataclass(slots=True)
class Explanation:
    """An extraction with its working shown: the article, copies of the
    article containers as found (before anything was cut), and every piece
    of text taken out with the reason (see ``trace``)."""

    article: Article
    containers: list[etree._Element] = field(default_factory=list)
    removed: Removed = field(default_factory=list)


def _extract_article(
    html: str, url: str | None, now: datetime | None, explain: Explanation | None = None
) -> Article:
    root = parse_html(html)
    given = clean_optional(url) if url else None
    if root is None:
        return Article(title="", url=given, origin=url)
    meta = read_metadata(root, url or saved_from_url(html), now)
    strip_non_content(root)
    containers = find_containers(root)
    trace = explain.removed if explain is not None else None
    if explain is not None:
        explain.containers = [copy.deepcopy(c) for c in containers]
    base = meta.canonical or url
    paging = read_paging(root, url or meta.canonical)
    scope = _related_scope(containers)
    groups = mark_related(scope, base, trace=trace) if scope is not None else []
    if scope is None:
        for container in containers:
            groups += mark_related(container, base, start=len(groups), trace=trace)
    images = list(meta.images)
    _collect_images(containers, base, images)
    captions: list[str] = []
    for container in containers:
        drop_boilerplate(container, trace, captions)
    drop = frozenset(t for t in (meta.title,) if t)
    body, positions = paragraphs(containers, drop, trace, whole_page=True)
    if scope is not None:
        positions_outside(scope, containers, len(body), positions)
    if not body and meta.article_body:
        body = _body_from_json(meta.article_body)
    author = meta.author or signoff_author(body, meta.brands)
    if len(body) > 1 and signoff_name(body[-1], meta.brands):
        # "DINI TEJA" closing the text is the byline (read above), not a paragraph
        note(trace, "byline", body.pop())
        positions = {index: min(at, len(body)) for index, at in positions.items()}
    return Article(
        title=clean_line(meta.title, limit=500),
        url=meta.canonical or given,
        source=meta.site_name,
        author=author,
        published=meta.published,
        category=meta.category,
        summary=meta.summary,
        body=body,
        related=place(groups, positions, len(body)),
        images=images,
        full=True,
        origin=url,
        editor=meta.editor,
        captions=[clean_paragraph(c) for c in captions],
        page=paging.page if paging else None,
        pages=paging.pages if paging else None,
        next_page_url=paging.next_url if paging else None,
        all_pages_url=paging.all_url if paging else None,
    )


def explain_article(html: str, url: str | None = None, now: datetime | None = None) -> Explanation:
    """``extract_article`` that also reports what it removed and why (for
    tests and debugging; slower, it copies the containers)."""
    explain = Explanation(Article(title=""))
    explain.article = _extract_article(html, url, now, explain)
    return explain


def extract_article(html: str, url: str | None = None, now: datetime | None = None) -> Article:
    """Full page -> ``Article`` (``full=True``). Never raises: unreadable input
    gives an Article with an empty title and body. ``now`` is when the page was
    fetched or saved (anchors "2 jam yang lalu")."""
    try:
        return _extract_article(html, url, now)
    except Exception:  # untrusted HTML through lxml and our heuristics: an empty article, never a crash
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
        strip_non_content(root)
        groups = mark_related(root, base_url)
        images: list[str] = []
        _collect_images([root], base_url, images)
        drop_boilerplate(root)
        body, positions = paragraphs([root])
        return body, place(groups, positions, len(body)), images
    except Exception:  # untrusted HTML: an empty fragment rather than a lost feed item
        log.debug("fragment extraction failed", exc_info=True)
        return [], [], []
