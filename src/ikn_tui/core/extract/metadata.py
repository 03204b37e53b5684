"""Page metadata: meta tags, JSON-LD, and the visible byline, headline and dateline.

One walk over the page collects byline candidates (``byline``), date texts
(``dateline``) and headings, each with its place, so the dateline nearest the
headline and the byline near it can win over the site header and sidebars.

``read_metadata`` never mutates the tree and never raises on odd input:
broken JSON-LD is skipped, missing fields stay ``None``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from lxml import etree

from ikn_tui.core.extract.byline import LABEL_ALT, Credits, choose, is_byline_box, scan_box, scan_text_label
from ikn_tui.core.extract.dateline import published_date
from ikn_tui.core.extract.dom import class_words, has_word, host_name, norm, resolve_url, text_of
from ikn_tui.core.extract.jsonld import (
    Node,
    breadcrumb_names,
    image_urls,
    jsonld_nodes,
    nodes_by_id,
    person_names,
    pick_article,
    text_value,
)
from ikn_tui.core.extract.names import brand_tokens
from ikn_tui.core.text import clean_line, clean_optional, heading_for, normalize_title, strip_site_suffix


@dataclass(slots=True)
class PageMeta:
    """What a page says about itself besides its body text (all cleaned)."""

    title: str | None = None
    canonical: str | None = None
    site_name: str | None = None
    author: str | None = None
    published: str | None = None  # ISO 8601 with offset
    category: str | None = None
    summary: str | None = None
    images: list[str] = field(default_factory=list)
    article_body: str | None = None  # JSON-LD articleBody, the body of last resort
    editor: str | None = None  # "Editor:", "Penyunting:", "Redaktur:" (never the author)
    brands: frozenset[str] = frozenset()  # words naming the site (not a person's name)


_AUTHOR_META = ("author", "content_author", "dtk:author", "article:author", "og:article:author",
                "parsely-author", "sailthru.author", "dc.creator", "twitter:creator")
_EDITOR_META = ("content_editor", "editor", "dtk:editor")
_SECTION_META = ("article:section", "og:article:section", "content_category", "dtk:kanal", "category")
_DATE_WORDS = ("date", "time", "pubdate", "timestamp", "tanggal", "waktu", "published")
# One cheap test per text node: a byline label ("Penulis", "Editor :") or a day-date ("Senin, 16 Juni 2025").
_TEXT_START = re.compile(
    rf"\s*(?:(?P<label>{LABEL_ALT})(?![\w.])|(?:senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad)"
    r"\s*,?\s*\d{1,2}[\s/-]+\w+[\s/-]+\d{4})",
    re.IGNORECASE,
).match
_GENERIC_CRUMBS = {"home", "beranda", "index", "berita", "news", "indeks"}
_HEADINGS = frozenset({"h1", "h2"})
_SKIP_TAGS = frozenset({"script", "style", "head", "meta", "link", "nav", "footer", "noscript"})
_MAX_DATES = 40
_MAX_HEADINGS = 30


_BLOCKS = frozenset({"div", "p", "li", "td", "th", "tr", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol"})


def _first_line(el: etree._Element) -> str:
    """The element's text up to its first ``<br>`` (bylines share a box with
    "Editor:" lines); inner blocks end with ", " ("<li>Author</li><li>A</li><li>B</li>")."""
    parts: list[str] = []
    open_text = False  # text since the last block end
    for event, node in etree.iterwalk(el, events=("start", "end")):
        if event == "start":
            if node.tag == "br":
                if "".join(parts).strip():
                    break
                continue
            if node.text:
                parts.append(node.text)
                open_text = open_text or not node.text.isspace()
        elif node is not el:
            if node.tag in _BLOCKS and open_text:
                parts.append(", ")
                open_text = False
            if node.tail:
                parts.append(node.tail)
                open_text = open_text or not node.tail.isspace()
        if len(parts) > 60:
            break
    return norm("".join(parts)).strip(" ,")


@dataclass(slots=True)
class _Seen:
    """What one walk over the page found: credits, dates and headings with
    their place in the page."""

    credits: Credits = field(default_factory=Credits)
    dates: list[tuple[int, str]] = field(default_factory=list)
    headings: list[tuple[int, str]] = field(default_factory=list)


def _visible(root: etree._Element, brands: frozenset[str]) -> _Seen:
    seen = _Seen()
    credits, dates, headings = seen.credits, seen.dates, seen.headings
    for pos, el in enumerate(root.iter(etree.Element)):
        tag = el.tag
        if tag in _SKIP_TAGS:
            continue
        text = el.text
        tail = el.tail
        for loose, in_tail in ((text, False), (tail, True)):
            start = _TEXT_START(loose) if loose else None
            if start is None or loose is None:
                continue
            if start["label"] is None:
                if len(dates) < _MAX_DATES:
                    dates.append((pos, loose))
            elif len(loose) <= 150 and credits.looked < 200:  # bounded work on a page made of labels
                credits.looked += 1
                scan_text_label(el, loose, in_tail, credits, brands)
        itemprop = el.get("itemprop")
        if tag in _HEADINGS or (itemprop and itemprop.lower() == "headline"):
            if len(headings) < _MAX_HEADINGS:
                headings.append((pos, norm(text_of(el))[:400]))
            continue
        if tag == "time":
            if len(dates) < _MAX_DATES:
                if el.get("datetime"):
                    dates.append((pos, el.get("datetime") or ""))
                dates.append((pos, text_of(el)))
            continue
        words = class_words(el)
        if (words or tag == "author" or itemprop or el.get("rel")) and credits.seen < 40 and is_byline_box(el, words):
            scan_box(el, words, credits, brands, _first_line(el), pos)
        if words and len(dates) < _MAX_DATES and has_word(words, _DATE_WORDS):
            date_text = clean_line(text_of(el)[:200])
            if 6 <= len(date_text) <= 100:
                dates.append((pos, date_text))
    return seen


_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)\s*(?P<url>https?://[^\s>]+?)\s*-->", re.IGNORECASE)


def saved_from_url(html: str) -> str | None:
    """The address a browser-saved page came from (``<!-- saved from url=(0054)https://... -->``)."""
    match = _SAVED_FROM.search(html[:4096])
    return resolve_url(match["url"], None) if match else None


def _breadcrumb(nodes: list[Node], root: etree._Element, title: str | None) -> str | None:
    """The page's own section from the breadcrumb trail (JSON-LD, else markup)."""
    names = breadcrumb_names(nodes)
    if not names:
        for el in root.iter("ol", "ul", "nav", "div"):
            if "breadcrumb" in (el.get("class") or "").lower() or "breadcrumb" in class_words(el):
                names = [clean_line(text_of(li)) for li in el.iter("li", "a")]
                break
    wanted = normalize_title(title)
    for name in reversed(names):
        if name and len(name) <= 60 and normalize_title(name) != wanted and name.lower() not in _GENERIC_CRUMBS:
            return name
    return None


def read_metadata(root: etree._Element, url: str | None, now: datetime | None = None) -> PageMeta:
    """Everything known about the page besides its body text.

    ``now`` is when the page was fetched or saved: the anchor for relative
    times ("2 jam yang lalu"); without it they are not read."""
    metas: dict[str, list[str]] = {}
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        content = meta.get("content")
        if key and content and content.strip():
            metas.setdefault(key, []).append(content)

    def first(*keys: str) -> str | None:
        for key in keys:
            for value in metas.get(key, ()):
                cleaned = clean_optional(value)
                if cleaned:
                    return cleaned
        return None

    nodes = jsonld_nodes(root)
    ids = nodes_by_id(nodes)
    article = pick_article(nodes)

    canonical = None
    for link in root.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split():
            canonical = resolve_url(link.get("href"), url)
            if canonical:
                break
    canonical = canonical or resolve_url(first("og:url"), url)

    publisher = person_names(article.get("publisher"), ids) if article else []
    site_name = first("og:site_name", "application-name") or (publisher[0] if publisher else None)
    site_name = site_name or host_name(canonical or url)

    h1 = next(root.iter("h1"), None)
    title_el = next(root.iter("title"), None)
    raw_title = (
        first("og:title", "twitter:title")
        or text_value(article.get("headline"))
        or (clean_optional(text_of(h1)) if h1 is not None else None)
        or (clean_optional(text_of(title_el)) if title_el is not None else None)
    )
    site_names = tuple(n for n in (site_name, *publisher) if n)
    title = strip_site_suffix(raw_title, site_names) if raw_title else None

    host = host_name(canonical or url)
    brands = brand_tokens(host, [site_name, first("og:site_name"), *publisher])
    seen = _visible(root, brands)
    title_pos: int | None = None
    if title:
        headings = [text for _, text in seen.headings]
        heading = heading_for(raw_title, headings, site_names)
        if heading is None and title_el is not None and raw_title != clean_optional(text_of(title_el)):
            heading = heading_for(clean_optional(text_of(title_el)), headings, site_names)
            heading = heading if heading and normalize_title(heading) == normalize_title(title) else None
        if heading:
            title = heading
            title_pos = next((pos for pos, text in seen.headings if clean_line(text) == heading), None)

    names = [v for key in _AUTHOR_META for v in metas.get(key, ())]
    editors = [v for key in _EDITOR_META for v in metas.get(key, ())]
    editors += person_names(article.get("editor"), ids)
    ld_authors = person_names(article.get("author"), ids, people_only=True)
    author, editor = choose(seen.credits, names, ld_authors, editors, brands, title_pos)

    dates = [v for v in (article.get("datePublished"), article.get("dateCreated")) if isinstance(v, str)]
    published = published_date(metas, dates, seen.dates, title_pos, canonical or url, now)

    section = article.get("articleSection")
    if isinstance(section, list):
        section = section[0] if section else None
    category = first(*_SECTION_META) or text_value(section) or _breadcrumb(nodes, root, title)

    summary = first("og:description", "description", "twitter:description") or text_value(article.get("description"))

    images: list[str] = []
    raw_images = [v for key in ("og:image", "og:image:url", "og:image:secure_url", "twitter:image",
                                "twitter:image:src") for v in metas.get(key, ())]
    raw_images += image_urls(article.get("image")) + image_urls(article.get("thumbnailUrl"))
    for raw in raw_images:
        resolved = resolve_url(raw, canonical or url)
        if resolved and resolved not in images:
            images.append(resolved)

    body = article.get("articleBody")
    return PageMeta(
        title=title or None,
        canonical=canonical,
        site_name=clean_optional(site_name, limit=200),
        author=author,
        published=published,
        category=clean_optional(category, limit=100),
        summary=clean_optional(summary, limit=2000),
        images=images,
        article_body=body if isinstance(body, str) and body.strip() else None,
        editor=editor,
        brands=brands,
    )
