"""Page metadata: meta tags, JSON-LD, and the visible byline and dateline.

``read_metadata`` never mutates the tree and never raises on odd input:
broken JSON-LD is skipped, missing fields stay ``None``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

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
from ikn_tui.core.text import clean_line, clean_optional, is_web_url, normalize_title, parse_date, strip_site_suffix


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


_AUTHOR_META = ("author", "content_author", "dtk:author", "article:author", "og:article:author",
                "parsely-author", "sailthru.author", "dc.creator", "twitter:creator")
_DATE_META = ("article:published_time", "og:article:published_time", "dtk:publishdate",
              "content_publisheddate", "pubdate", "publishdate", "publish-date", "publish_date",
              "datepublished", "date", "dc.date", "dc.date.issued", "parsely-pub-date",
              "sailthru.date")
_MODIFIED_META = ("article:modified_time", "og:updated_time", "datemodified", "last-modified")
_SECTION_META = ("article:section", "og:article:section", "content_category", "dtk:kanal", "category")
_BYLINE_WORDS = ("author", "byline", "penulis", "reporter", "writer", "pewarta")
_DATE_WORDS = ("date", "time", "pubdate", "timestamp", "tanggal", "waktu", "published")
_BYLINE_TEXT = re.compile(r"^\s*(?:penulis|reporter|pewarta|oleh|ditulis oleh|author|by)\s*[:：]?\s+", re.I)
_BYLINE_LABEL = re.compile(r"^\s*(?:penulis|reporter|pewarta|ditulis oleh)\s*[:：]", re.I)
_BYLINE_CUT = re.compile(r"\s*(?:[|•]|\beditor\b|\bpenyunting\b|\bfoto\b|\bupdate\b|\s-\s|\d{1,2}[/ ]).*$", re.I)
_DAY_DATE = re.compile(
    r"^\s*(?:senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad)\s*,?\s*\d{1,2}[\s/-]+\w+[\s/-]+\d{4}",
    re.IGNORECASE,
)
_GENERIC_CRUMBS = {"home", "beranda", "index", "berita", "news", "indeks"}


def _join_names(names: list[str], skip: set[str]) -> str | None:
    seen: list[str] = []
    for name in names:
        name = clean_line(_BYLINE_TEXT.sub("", name), limit=120)
        if not name or name.lower() in skip or is_web_url(name) or name.startswith("@"):
            continue
        if name.lower() not in (s.lower() for s in seen):
            seen.append(name)
    return ", ".join(seen[:6]) or None


def _first_line(el: etree._Element) -> str:
    """The element's text up to its first ``<br>`` (bylines share a box with
    "Editor:" lines)."""
    parts: list[str] = []
    for event, node in etree.iterwalk(el, events=("start", "end")):
        if event == "start":
            if node.tag == "br":
                if "".join(parts).strip():
                    break
                continue
            if node.text:
                parts.append(node.text)
        elif node is not el and node.tail:
            parts.append(node.tail)
    return norm("".join(parts))


def _byline(text: str) -> str | None:
    text = clean_line(text)
    if not text or len(text) > 150:
        return None
    text = _BYLINE_CUT.sub("", _BYLINE_TEXT.sub("", text)).strip(" :,-")
    return text if 2 <= len(text) <= 80 else None


def _visible(root: etree._Element) -> tuple[str | None, list[str], list[str]]:
    """One pass: (rel=author name, class bylines, date texts)."""
    rel_author: str | None = None
    bylines: list[str] = []
    dates: list[str] = []
    for el in root.iter(etree.Element):
        tag = el.tag
        if tag in ("script", "style", "head", "meta", "link", "nav", "footer"):
            continue
        if tag == "time":
            if el.get("datetime"):
                dates.append(el.get("datetime") or "")
            dates.append(text_of(el))
            continue
        if rel_author is None and tag == "a" and "author" in (el.get("rel") or "").lower().split():
            rel_author = _byline(_first_line(el))
            continue
        words = class_words(el)
        if words:
            if len(bylines) < 5 and has_word(words, _BYLINE_WORDS):
                name = _byline(_first_line(el))
                if name:
                    bylines.append(name)
            if len(dates) < 10 and has_word(words, _DATE_WORDS):
                text = clean_line(text_of(el))
                if 6 <= len(text) <= 100:
                    dates.append(text)
        for loose in (el.text, el.tail):
            if loose and len(dates) < 10 and _DAY_DATE.match(loose):
                dates.append(loose)
        lead = el.text
        if len(bylines) < 5 and lead and _BYLINE_LABEL.match(lead):
            name = _byline(_first_line(el))
            if name:
                bylines.append(name)
    return rel_author, bylines, dates


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


def read_metadata(root: etree._Element, url: str | None) -> PageMeta:
    """Everything known about the page besides its body text."""
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
    title = strip_site_suffix(raw_title, (site_name,) if site_name else ()) if raw_title else None

    skip = {s.lower() for s in (site_name, host_name(canonical or url), "redaksi") if s}
    names = [v for key in _AUTHOR_META for v in metas.get(key, ())]
    author = _join_names(names, skip) or _join_names(person_names(article.get("author"), ids), skip)
    rel_author, bylines, date_texts = _visible(root)
    if not author:
        author = _join_names([n for n in [rel_author, *bylines] if n][:1], skip)

    published = None
    candidates = [v for key in _DATE_META for v in metas.get(key, ())]
    candidates += [v for v in (article.get("datePublished"), article.get("dateCreated")) if isinstance(v, str)]
    modified = [v for key in _MODIFIED_META for v in metas.get(key, ())]
    for value in [*candidates, *date_texts, *modified]:
        published = parse_date(value)
        if published:
            break

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
    )
