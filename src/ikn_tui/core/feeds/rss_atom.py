"""RSS 0.91/1.0/2.0 and Atom feeds -> Articles, with feedparser used safely.

feedparser only ever gets BYTES that we re-encoded to UTF-8 ourselves, with
every DOCTYPE and ENTITY declaration cut out first (billion laughs, quadratic
blowup, XXE, external DTDs), and with HTML sanitising/URI resolution turned off
(about 10x faster; we render HTML to text ourselves). Never raises.
"""

from __future__ import annotations

import calendar
import html
import re
from datetime import UTC
from typing import Any
from urllib.parse import urljoin

from ikn_tui.core.extract import inline_fragment, simple_paragraphs
from ikn_tui.core.feeds.items import SkipLog, failure_kind, parse_items
from ikn_tui.core.feeds.links import digest, web_url
from ikn_tui.core.feeds.parsed import ParsedFeed, RawItem
from ikn_tui.core.feeds.raw_item import pack_raw
from ikn_tui.core.feeds.xmlsafe import SNIFF_BYTES, XML_DECL, feed_root, has_element, prepare_xml_counted
from ikn_tui.core.models import Article, RelatedLink
from ikn_tui.core.problem import Problem, ProblemKind, problem
from ikn_tui.core.text import clean_line, clean_optional, decode_bytes, fix_mojibake, is_web_url

MAX_HTML_CHARS = 1_000_000  # HTML handed to extraction per entry
# An item whose description and content HTML are larger than this is extracted during the
# refresh (in a parse worker), not deferred: its first reading, on the reader's thread, would
# wait for its extraction (measured: 120 KB 20 ms, 1.1 MB 140 ms). Real feed items are 5-30 KB.
DEFER_MAX_CHARS = 128_000
MAX_TITLE_CHARS = 20_000  # raw title text looked at (the result is capped at 500)
FULL_TEXT_CHARS = 600  # content:encoded shorter than this is still "summary only"
SUMMARY_CHARS = 600

_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_BLOCK_TAG = re.compile(r"</?(?:br|p|div|li|h[1-6]|tr|td)\b", re.IGNORECASE)
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,10}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
_DOUBLE_ESCAPED = re.compile(r"&amp;(?=#?[A-Za-z0-9]{1,10};)")  # "&amp;quot;" -> "&quot;"
_HTML_ROOT = re.compile(rb"<(?:!doctype\s+html|html|head|body)[\s>]", re.IGNORECASE)


def looks_like_feed(data: bytes) -> bool:
    """True when the first element (after the prolog) is an RSS/RDF/Atom root."""
    return feed_root(data) is not None


def parse_feed(
    data: bytes,
    base_url: str | None = None,
    http_charset: str | None = None,
    *,
    fast: bool = True,
    fast_fragments: bool = True,
    defer: bool = False,
) -> ParsedFeed:
    """Parse feed bytes. Failures come back in ``ParsedFeed.error`` (one line).

    Well-formed plain RSS 2.0 goes through ``rss_fast`` (lxml); everything
    else, or everything with ``fast=False``, through feedparser. Plain-text and
    ``<p>``-only descriptions skip the HTML extraction unless ``fast_fragments``
    is False (the same result: tests compare both). With ``defer``, items keep
    their HTML in ``ParsedFeed.raws`` for ``deferred.complete_item`` (see ``_article``)."""
    try:
        return _parse(data, base_url, http_charset, fast, fast_fragments, defer)
    except Exception as error:  # noqa: BLE001 - a bad feed must never crash the reader
        # In words: an exception's name or text never reaches the user.
        return ParsedFeed(error=problem(ProblemKind.FEED_UNPARSABLE, reason=failure_kind(error)))


def _parse(
    data: bytes, base_url: str | None, http_charset: str | None, use_fast: bool = True, fast_fragments: bool = True,
    defer: bool = False,
) -> ParsedFeed:
    from ikn_tui.core.feeds.rss_fast import parse_rss

    if not data or not data.strip():
        return ParsedFeed(error=problem(ProblemKind.FEED_EMPTY))
    text = decode_bytes(data, http_charset, kind="xml")
    if not text.strip(" \t\r\n\ufeff\x00"):
        return ParsedFeed(error=problem(ProblemKind.FEED_EMPTY))
    safe, removed, repaired = prepare_xml_counted(text)
    fast = parse_rss(safe) if use_fast else None
    skips = SkipLog()
    if fast is not None:  # well-formed plain RSS 2.0: the same entries, ~10x faster
        feed, entries = fast
        result: Any = {"feed": feed, "entries": entries, "version": "rss20", "bozo": 0}
    else:
        import feedparser

        try:
            result = feedparser.parse(safe, sanitize_html=False, resolve_relative_uris=False)
        except Exception:  # noqa: BLE001 - one bad item: read the items one by one
            feed, entries, skips = parse_items(safe)  # ValueError without items: the feed fails
            result = {"feed": feed, "entries": entries, "version": "itemwise", "bozo": 0}
        feed = result.get("feed") or {}
        entries = result.get("entries") or []
    parsed = ParsedFeed()
    if removed:
        parsed.warnings.append(problem(ProblemKind.FEED_DTD_IGNORED))
    if repaired:
        parsed.warnings.append(problem(ProblemKind.FEED_CHAR_REFS, count=repaired))
    if not entries:
        parsed.error = _no_entries_error(safe, result)
        if parsed.error:
            return parsed
        parsed.warnings.append(problem(ProblemKind.FEED_NO_ENTRIES))
    elif result.get("bozo"):
        detail = _bozo_detail(result.get("bozo_exception"))
        parsed.warnings.append(problem(ProblemKind.FEED_NOT_WELL_FORMED, detail=detail))

    parsed.title = clean_optional(_fix_text(feed.get("title")), limit=200)
    feed_link = feed.get("link")
    if base_url and feed_link:
        feed_link = urljoin(base_url, feed_link)
    parsed.link = feed_link if is_web_url(feed_link) else None
    base = base_url if is_web_url(base_url) else parsed.link

    seen: dict[str, tuple[str, str | None]] = {}
    skipped = renamed = 0
    for entry in entries:
        try:
            article, raw = _article(entry, base, parsed.title, base_url, fast_fragments, defer)
        except Exception as error:  # noqa: BLE001 - this entry only: the others are kept
            skips.skip(error, _failing_field(entry))
            continue
        guid = article.guid or ""
        if guid in seen:
            if seen[guid] == (article.title, article.url):
                skipped += 1
                continue
            article.guid = f"{guid}#{digest(article.title, article.url or '')[:10]}"
            renamed += 1
        seen[article.guid or ""] = (article.title, article.url)
        parsed.articles.append(article)
        if defer:
            parsed.raws.append(raw)
    if skipped:
        parsed.warnings.append(problem(ProblemKind.FEED_DUPLICATES, count=skipped))
    if renamed:
        parsed.warnings.append(problem(ProblemKind.FEED_SHARED_GUIDS, count=renamed))
    if skipped_note := skips.warning(len(parsed.articles)):
        parsed.warnings.insert(0, skipped_note)
    if (entries or skips.count) and not parsed.articles:
        parsed.error = skipped_note or problem(ProblemKind.FEED_NO_USABLE_ENTRIES)
    return parsed


# Entry fields in the order ``_article`` reads them, with the words for them.
_FIELDS = (("title", "title"), ("link", "link"), ("summary", "summary"), ("description", "summary"),
           ("content", "content"), ("author", "author"), ("id", "id"), ("tags", "category"))


def _failing_field(entry: Any) -> str | None:
    """Which field of an entry ``_article`` failed on (for the message), if any one alone fails."""
    for key, name in _FIELDS:
        try:
            value = entry.get(key)
            if key == "content":
                value = _content_html(entry)
            elif key == "tags":
                value = value and value[0].get("term")
            clean_line(_fix_text(value, MAX_HTML_CHARS)).encode("utf-8")
        except Exception:  # noqa: BLE001 - this is the one
            return name
    return None


def _no_entries_error(safe: bytes, result: Any) -> Problem | None:
    """Why a feed with no entries is not a feed at all (None: a valid, empty feed)."""
    head = safe[:SNIFF_BYTES]
    if not looks_like_feed(safe):
        if _HTML_ROOT.search(head):
            return problem(ProblemKind.FEED_IS_HTML)
        rest = safe[len(XML_DECL) :]
        if not rest.strip():
            return problem(ProblemKind.FEED_EMPTY)
        if not has_element(rest):
            return problem(ProblemKind.FEED_NO_MARKUP)
        return problem(ProblemKind.FEED_NO_ROOT)
    if result.get("bozo") and not result.get("version"):
        return problem(ProblemKind.FEED_BROKEN, detail=_bozo_detail(result.get("bozo_exception")))
    return None


def _bozo_detail(exception: Any) -> str:
    """The XML parser's own words (outside text, shown as they are)."""
    return clean_line(str(exception or "malformed XML"), limit=200)


def _fix_text(value: Any, limit: int = MAX_TITLE_CHARS) -> str:
    """Plain text from a title-like field: tags stripped, double escapes undone."""
    if not value:
        return ""
    text = str(value)[:limit]
    if _TAG.search(text):
        text = html.unescape(_TAG.sub(lambda m: " " if _BLOCK_TAG.match(m.group()) else "", text))
    if "&amp;" in text or "&#" in text:
        text = html.unescape(text)
    return fix_mojibake(text)


FUTURE_SLACK = 86_400  # seconds: a date further ahead than this is not believed


def _published(entry: Any) -> str | None:
    """The entry's date as ISO 8601, or None when it has none, or one we cannot
    read, or one more than a day in the future (which would otherwise sort above
    everything for years: an undated article sorts by when it was first seen)."""
    iso = _entry_date(entry)
    if iso is None:
        return None
    from datetime import datetime

    try:
        when = datetime.fromisoformat(iso)
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        ahead = (when - datetime.now(UTC)).total_seconds()
    except (ValueError, OverflowError):
        return None
    return None if ahead > FUTURE_SLACK else iso


def _entry_date(entry: Any) -> str | None:
    from ikn_tui.core.feeds.rss_fast import entry_date

    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if raw:
            iso = entry_date(str(raw)[:200])  # parse_date: None for anything it cannot read
            if iso:
                return iso
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        struct = entry.get(key)
        if struct:
            try:
                from datetime import datetime

                stamp = calendar.timegm(struct)
                return datetime.fromtimestamp(stamp, tz=UTC).isoformat(timespec="seconds")
            except (OverflowError, ValueError, TypeError, OSError):
                continue
    return None


def _content_html(entry: Any) -> str:
    """The longest content:encoded / atom:content value, or ''."""
    best = ""
    for item in entry.get("content") or []:
        value = item.get("value") if isinstance(item, dict) else None
        if value and len(value) > len(best):
            best = value
    return best


def _images(entry: Any, base: str | None) -> list[str]:
    urls: list[str] = []
    for item in (entry.get("media_content") or []) + (entry.get("media_thumbnail") or []):
        if not isinstance(item, dict):
            continue
        kind = (item.get("medium") or item.get("type") or "image").lower()
        if kind.startswith("image"):
            urls.append(item.get("url") or "")
    for link in entry.get("links") or []:
        if (isinstance(link, dict) and link.get("rel") == "enclosure"
                and (link.get("type") or "").lower().startswith("image")):
            urls.append(link.get("href") or "")
    return [u for u in (web_url(url, base) for url in urls) if u]


def _article(
    entry: Any, base: str | None, source: str | None, feed_url: str | None, fast: bool = True,
    defer: bool = False,
) -> tuple[Article, RawItem | None]:
    """The entry as an Article, and its raw item when its extraction is deferred.

    With ``defer``, an entry with a title and a guid or link keeps its HTML aside
    (``deferred.pack_raw``) and its body, related links, summary and HTML images are
    left for ``deferred.complete_item``; any other entry is extracted now (its title
    or guid comes from its summary), and so is one larger than ``DEFER_MAX_CHARS``."""
    url = web_url(entry.get("link"), base)
    title = clean_line(_fix_text(entry.get("title")), limit=500)
    description = str(entry.get("summary") or entry.get("description") or "")[:MAX_HTML_CHARS]
    content = _content_html(entry)[:MAX_HTML_CHARS]
    media = _images(entry, url or base)
    guid = clean_optional(str(entry.get("id") or ""), limit=2000) or url
    raw: RawItem | None = None
    if defer and title and guid and len(description) + len(content) <= DEFER_MAX_CHARS:
        raw = pack_raw(url or base, description, content, media)
        body: list[str] = []
        related: list[RelatedLink] = []
        images: list[str] = []
        summary: str | None = None
        full = False
    else:
        body, related, images, summary, full = body_fields(description, content, url or base, fast, media)
        if not title:
            title = clean_line(summary or "", limit=120) or "(tanpa judul)"
        if not guid:
            guid = "sha1:" + digest(title, summary or "")
    tags = entry.get("tags") or []
    category = clean_optional(tags[0].get("term") if tags and isinstance(tags[0], dict) else None, limit=100)
    article = Article(
        title=title,
        url=url,
        source=source,
        author=clean_optional(_fix_text(entry.get("author"), 1000), limit=200),
        published=_published(entry),
        category=category,
        summary=summary,
        body=body,
        related=related,
        images=images,
        guid=guid,
        feed_url=feed_url,
        full=full,
    )
    return article, raw


def body_fields(
    description: str, content: str, base: str | None, fast: bool, media: list[str]
) -> tuple[list[str], list[RelatedLink], list[str], str | None, bool]:
    """(body, related, images, summary, full) of an entry from its description and
    content HTML: the extraction, whether it runs at once or deferred."""
    summary_paras, summary_related, summary_images = extract(description, base, fast)
    summary_text = " ".join(summary_paras)
    body, related, images = summary_paras, summary_related, summary_images
    full = False
    if content:
        paras, rel, imgs = extract(content, base, fast)
        text_len = sum(len(p) for p in paras)
        if text_len > len(summary_text):
            body, related, images = paras, rel, imgs
            full = text_len > FULL_TEXT_CHARS
    body = [fix_mojibake(p) for p in body]
    summary_paras = [fix_mojibake(p) for p in summary_paras]
    summary = _summary(summary_paras) or _summary(body)
    all_images: list[str] = []
    for image in media + list(images):
        if image not in all_images:
            all_images.append(image)
    return list(body), [r for r in related if isinstance(r, RelatedLink)], all_images, summary, full


def extract(
    fragment: str, base_url: str | None, fast: bool = True
) -> tuple[list[str], list[RelatedLink], list[str]]:
    """Paragraphs, "Baca juga" links and images of an HTML fragment.

    Plain text and bare ``<p>`` paragraphs take ``simple_paragraphs``, ``<p>`` with inline
    links and emphasis and "Baca juga: <a>" paragraphs take ``inline_fragment`` (same
    result, no lxml tree) unless ``fast`` is False; the rest ``extract_fragment``.
    A plain lxml text fallback keeps feeds working when that module is missing
    or fails on odd input.
    """
    if not fragment or not fragment.strip():
        return [], [], []
    fragment = _DOUBLE_ESCAPED.sub("&", fragment.replace("\r", ""))
    if not _TAG.search(fragment) and _ENTITY.search(fragment):
        # Tag-less text still holding entities was escaped twice ("&amp;quot;",
        # "&lt;p&gt;"): feedparser already undid the XML level, undo the second.
        fragment = html.unescape(fragment)
    if fast:
        simple = simple_paragraphs(fragment)
        if simple is not None:
            return simple, [], []
        inline = inline_fragment(fragment, base_url)
        if inline is not None:
            return inline
    try:
        from ikn_tui.core.extract import extract_fragment
    except ImportError:
        return _plain_extract(fragment, base_url)
    paragraphs, related, images = extract_fragment(fragment, base_url)  # never raises
    return list(paragraphs), list(related), list(images)


_BLOCKS = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "td", "dd", "figcaption")


def _plain_extract(fragment: str, base_url: str | None) -> tuple[list[str], list[RelatedLink], list[str]]:
    """Text of the block elements (or of the whole fragment), plus <img> sources."""
    if not _TAG.search(fragment):
        chunks = [clean_line(p) for p in re.split(r"\n\s*\n", fragment)]
        return [p for p in chunks if p], [], []
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ValueError, etree.LxmlError):  # lxml refuses some inputs (e.g. NUL bytes)
        return [p for p in [clean_line(_fix_text(fragment, MAX_HTML_CHARS))] if p], [], []
    for br in root.iter("br"):
        br.tail = "\n\n" + (br.tail or "")
    paragraphs: list[str] = []
    blocks = [el for el in root.iter(*_BLOCKS) if not any(True for _ in el.iterancestors(*_BLOCKS))]
    if blocks:
        for el in blocks:
            for chunk in el.text_content().split("\n\n"):
                if text := clean_line(chunk):
                    paragraphs.append(text)
    else:
        paragraphs = [t for t in (clean_line(c) for c in root.text_content().split("\n\n")) if t]
    images = [u for u in (web_url(img.get("src"), base_url) for img in root.iter("img")) if u]
    return paragraphs, [], images


def _summary(paragraphs: list[str]) -> str | None:
    """The first paragraph-ish of text (a short first line takes the next one too)."""
    text = ""
    for para in paragraphs:
        text = f"{text} {para}".strip()
        if len(text) >= 80:
            break
    return clean_optional(text, limit=SUMMARY_CHARS)
