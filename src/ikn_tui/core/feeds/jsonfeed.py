"""JSON Feed 1.0 / 1.1 (https://jsonfeed.org) -> Articles.

Every string is sanitised; HTML content goes through the same fragment
extraction as RSS ``content:encoded`` (paragraphs, Baca Juga links, images).
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from ikn_tui.core.feeds.items import SkipLog
from ikn_tui.core.feeds.links import digest, web_url
from ikn_tui.core.models import Article, RelatedLink
from ikn_tui.core.problem import Problem, ProblemError, ProblemKind, problem
from ikn_tui.core.text import clean_line, clean_optional, clean_paragraph, is_web_url, parse_date

MAX_ITEMS = 5000
MAX_HTML_CHARS = 1_000_000
SUMMARY_CHARS = 300
_VERSION = re.compile(rb'"version"\s*:\s*"https?:(?:\\?/){2}jsonfeed\.org(?:\\?/)version(?:\\?/)', re.IGNORECASE)
_BLANK_LINES = re.compile(r"\n\s*\n")
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")


def looks_like_json_feed(data: bytes) -> bool:
    """True for a JSON object whose "version" is a jsonfeed.org URL."""
    if not data:
        return False
    head = data[:65536]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            head = head.decode("utf-16", "ignore").encode("utf-8")
        except UnicodeError:
            return False
    head = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith(b"{"):
        return False
    return bool(_VERSION.search(head))


# A \\uXXXX escape of a surrogate, with the backslashes before it (an even
# run means the "u" is literal text), and the low half when it follows.
_SURROGATE_ESCAPE = re.compile(
    rb"(\\+)u([dD][89abAB][0-9a-fA-F]{2})(\\u[dD][c-fC-F][0-9a-fA-F]{2})?"
    rb"|(\\+)u[dD][c-fC-F][0-9a-fA-F]{2}"
)


def repair_surrogate_escapes(data: bytes) -> bytes:
    """A lone surrogate escape (``"\\ud800"``) becomes ``\\ufffd``; pairs stay.

    Python's JSON reader accepts lone surrogates, and then no text with one
    can be written as UTF-8 (stdout, the store): one title would sink the feed."""
    if b"\\u" not in data:
        return data

    def fix(match: re.Match[bytes]) -> bytes:
        slashes = match.group(1) or match.group(4)
        if len(slashes) % 2 == 0 or match.group(3):  # literal text, or a valid pair
            return match.group()
        return slashes + b"ufffd"

    return _SURROGATE_ESCAPE.sub(fix, data)


def _load(data: bytes) -> Any:
    data = repair_surrogate_escapes(data)
    try:
        return json.loads(data)
    except UnicodeDecodeError:
        return json.loads(data.decode("utf-8", "replace"))


def _text(value: Any, limit: int | None = None) -> str:
    """A plain-text field: only strings (and numbers) count."""
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, (int, float)):
        value = str(value)
    if not isinstance(value, str):
        return ""
    if _TAG.search(value):
        value = _TAG.sub(" ", value)
    if "&" in value:
        value = html.unescape(value)
    return clean_line(value[:20_000], limit=limit)


def _names(value: Any) -> list[str]:
    """Names from a JSON Feed 1.1 "authors" list or a 1.0 "author" object."""
    people = value if isinstance(value, list) else [value]
    names: list[str] = []
    for person in people[:20]:
        name = _text(person.get("name") if isinstance(person, dict) else person, limit=200)
        if name and name not in names:
            names.append(name)
    return names


def _author(item: dict[str, Any], feed: dict[str, Any]) -> str | None:
    for source in (item, feed):
        names = _names(source.get("authors")) or _names(source.get("author"))
        if names:
            return clean_optional(", ".join(names), limit=200)
    return None


def _plain_paragraphs(text: str) -> list[str]:
    return [p for p in (clean_paragraph(chunk) for chunk in _BLANK_LINES.split(text)) if p]


def _from_html(fragment: str, base: str | None) -> tuple[list[str], list[RelatedLink], list[str]]:
    try:
        from ikn_tui.core.extract import extract_fragment
    except ImportError:
        return _plain_paragraphs(html.unescape(_TAG.sub("\n\n", fragment))), [], []
    body, related, images = extract_fragment(fragment, base)  # never raises
    body = [p for p in (clean_paragraph(x) for x in body) if p]
    return body, [r for r in related if isinstance(r, RelatedLink)], [i for i in images if is_web_url(i)]


def _article(
    item: dict[str, Any], feed: dict[str, Any], base: str | None, source: str | None, feed_url: str | None
) -> Article:
    url = web_url(item.get("url"), base) or web_url(item.get("external_url"), base)
    page_base = url or base
    body: list[str] = []
    related: list[RelatedLink] = []
    images: list[str] = []
    content_html = item.get("content_html")
    if isinstance(content_html, str) and content_html.strip():
        body, related, images = _from_html(content_html[:MAX_HTML_CHARS], page_base)
    content_text = item.get("content_text")
    if not body and isinstance(content_text, str):
        body = _plain_paragraphs(content_text[:MAX_HTML_CHARS])
    summary = clean_optional(_text(item.get("summary")), limit=SUMMARY_CHARS * 2)
    full = bool(body)
    if not body and summary:
        body = [summary]
    if summary is None and body:
        summary = clean_optional(body[0], limit=SUMMARY_CHARS)

    title = _text(item.get("title"), limit=500)
    if not title:
        title = clean_line(summary or (body[0] if body else ""), limit=120) or "(tanpa judul)"

    for key in ("image", "banner_image"):
        image = web_url(item.get(key), page_base)
        if image and image not in images:
            images.insert(0 if key == "image" else len(images), image)

    tags = item.get("tags")
    category = clean_optional(_text(tags[0]), limit=100) if isinstance(tags, list) and tags else None
    raw_date = item.get("date_published") or item.get("date_modified")
    published = parse_date(raw_date[:200]) if isinstance(raw_date, str) else None

    guid = clean_optional(_text(item.get("id")), limit=2000) or url
    if not guid:
        guid = "sha1:" + digest(title, summary or "", " ".join(body)[:2000])
    return Article(
        title=title,
        url=url,
        source=source,
        author=_author(item, feed),
        published=published,
        category=category,
        summary=summary,
        body=body,
        related=related,
        images=images,
        guid=guid,
        feed_url=feed_url,
        full=full,
    )


def parse_json_feed(
    data: bytes, base_url: str | None = None, warnings: list[Problem] | None = None
) -> tuple[str | None, list[Article]]:
    """(feed title, articles). Raises ``ValueError`` with a one-line reason
    when the data is not a JSON Feed. Items that cannot be read are skipped,
    and said so in ``warnings`` (when given)."""
    if not data or not data.strip():
        raise ProblemError(problem(ProblemKind.JSON_FEED_EMPTY))
    try:
        doc = _load(data)
    except json.JSONDecodeError as exc:
        # Some messages end in "at" already ("Unterminated string starting at").
        what = exc.msg[:-3] if exc.msg.endswith(" at") else exc.msg
        broken = problem(ProblemKind.JSON_FEED_BROKEN, detail=what, line=exc.lineno, column=exc.colno)
        raise ProblemError(broken) from None
    except RecursionError:
        raise ProblemError(problem(ProblemKind.JSON_FEED_NESTED)) from None
    except (ValueError, TypeError) as exc:
        invalid = problem(ProblemKind.JSON_FEED_INVALID, detail=clean_line(str(exc), limit=160) or "?")
        raise ProblemError(invalid) from None
    if not isinstance(doc, dict):
        raise ProblemError(problem(ProblemKind.JSON_FEED_NOT_OBJECT))
    version = doc.get("version")
    items = doc.get("items")
    if not isinstance(items, list):
        if isinstance(version, str) and "jsonfeed.org" in version:
            raise ProblemError(problem(ProblemKind.JSON_FEED_ITEMS))
        raise ProblemError(problem(ProblemKind.JSON_FEED_NO_VERSION))
    title = clean_optional(_text(doc.get("title")), limit=200)
    feed_url = web_url(doc.get("feed_url"), base_url)
    home = web_url(doc.get("home_page_url"), base_url)
    base = base_url if is_web_url(base_url) else (feed_url or home)

    articles: list[Article] = []
    seen: set[str] = set()
    skips = SkipLog()
    for item in items[:MAX_ITEMS]:
        if not isinstance(item, dict):
            continue
        try:
            article = _article(item, doc, base, title, base_url if is_web_url(base_url) else None)
        except Exception as error:  # noqa: BLE001 - this item only: the others are kept
            skips.skip(error)
            continue
        if not article.body and article.title == "(tanpa judul)" and not article.url:
            continue  # nothing at all to show
        guid = article.guid or ""
        if guid in seen:
            article.guid = f"{guid}#{digest(article.title, article.url or '')[:10]}"
        seen.add(article.guid or "")
        articles.append(article)
    if warnings is not None and (note := skips.warning(len(articles))):
        warnings.append(note)
    return title, articles
