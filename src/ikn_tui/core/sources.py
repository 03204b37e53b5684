"""SOURCE -> articles. A SOURCE is a URL (feed or article page), a feed file,
a saved article page, a JSON Feed, an OPML file, a plain-text dump, or a folder.

The kind is told by the content, not the extension. Nothing here raises:
problems come back as a ``Problem`` in ``SourceResult.error``, naming the source (``where``).
"""

from __future__ import annotations

import asyncio
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ikn_tui.core.models import Article, SourceResult
from ikn_tui.core.problem import Problem, ProblemError, ProblemKind, problem
from ikn_tui.core.text import clean_line, is_web_url

if TYPE_CHECKING:
    from ikn_tui.core.fetch import Fetcher

MAX_FILE_BYTES = 20 * 1024 * 1024
# Files a folder walk looks at; anything else in a folder is skipped quietly.
FOLDER_SUFFIXES = {
    ".html", ".htm", ".xhtml", ".xml", ".rss", ".atom", ".rdf", ".feed",
    ".txt", ".json", ".opml",
}
MAX_FOLDER_FILES = 20_000


def _name(spec: str) -> str:
    return clean_line(spec, limit=200)


def _fail(spec: str, why: Problem | ProblemKind, kind: str = "error") -> SourceResult:
    what = why if isinstance(why, Problem) else problem(why)
    return SourceResult(source=spec, kind=kind, error=what.at(_name(spec)))


def sniff_kind(data: bytes) -> str:
    """Tell what a document is from its bytes: feed, jsonfeed, opml, article, text or unknown."""
    from ikn_tui.core.feeds import looks_like_feed, looks_like_json_feed, looks_like_opml

    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head[:1] in (b"{", b"[") and looks_like_json_feed(data):
        return "jsonfeed"
    if looks_like_opml(data):
        return "opml"
    if looks_like_feed(data):
        return "feed"
    lowered = head[:2048].lower()
    html_tags = (b"<!doctype html", b"<html", b"<head", b"<body", b"<article", b"<meta", b"<p>", b"<div")
    if any(tag in lowered for tag in html_tags):
        return "article"
    if head[:1] == b"<":
        return "unknown-xml"
    from ikn_tui.core.extract import looks_like_text_dump
    from ikn_tui.core.text import decode_bytes

    if looks_like_text_dump(decode_bytes(data[:65536], None, kind="text")):
        return "text"
    return "unknown"


def parse_document(
    data: bytes,
    origin: str,
    *,
    base_url: str | None = None,
    http_charset: str | None = None,
    fetched_at: datetime | None = None,
) -> SourceResult:
    """Parse bytes of any supported kind. ``origin`` names it in messages.
    ``fetched_at`` (when fetched, or a saved file's mtime) anchors relative
    dates on article pages."""
    from ikn_tui.core.text import decode_bytes

    if not data.strip():
        return _fail(origin, ProblemKind.EMPTY_FILE if base_url is None else ProblemKind.EMPTY_RESPONSE)
    kind = sniff_kind(data)
    try:
        if kind == "feed":
            from ikn_tui.core.feeds import parse_feed

            parsed = parse_feed(data, base_url=base_url, http_charset=http_charset)
            if parsed.error:
                return _fail(origin, parsed.error)
            for article in parsed.articles:
                article.origin = article.origin or origin
            return SourceResult(
                source=origin, kind="feed", articles=parsed.articles,
                warnings=[w.at(_name(origin)) for w in parsed.warnings], title=parsed.title,
            )
        if kind == "jsonfeed":
            from ikn_tui.core.feeds import parse_json_feed

            notes: list[Problem] = []
            title, articles = parse_json_feed(data, base_url=base_url, warnings=notes)
            for article in articles:
                article.origin = article.origin or origin
                article.feed_url = article.feed_url or base_url
            return SourceResult(
                source=origin, kind="jsonfeed", articles=articles, title=title,
                warnings=[w.at(_name(origin)) for w in notes],
            )
        if kind == "opml":
            from ikn_tui.core.feeds import parse_opml

            feeds = parse_opml(data)
            return SourceResult(source=origin, kind="opml", feeds=[url for url, _ in feeds], feed_titles=dict(feeds))
        if kind == "article":
            from ikn_tui.core.extract import extract_article

            article = extract_article(decode_bytes(data, http_charset, kind="html"), url=base_url, now=fetched_at)
            article.origin = origin
            if not article.title and not article.body:
                return _fail(origin, ProblemKind.NO_ARTICLE_TEXT)
            if not article.title:
                article.title = article.body[0][:120] if article.body else _name(origin)
            return SourceResult(source=origin, kind="article", articles=[article], title=article.source)
        if kind == "text":
            from ikn_tui.core.extract import parse_text_dump

            article = parse_text_dump(decode_bytes(data, http_charset, kind="text"), origin=origin)
            if not article.title:
                return _fail(origin, ProblemKind.NO_TITLE_LINE)
            return SourceResult(source=origin, kind="text", articles=[article])
    except ValueError as exc:
        if isinstance(exc, ProblemError):
            return _fail(origin, exc.problem)
        return _fail(origin, problem(ProblemKind.UNREADABLE, detail=str(exc) or "?"))
    except RecursionError:
        return _fail(origin, ProblemKind.NESTED_TOO_DEEPLY)
    except MemoryError:
        return _fail(origin, ProblemKind.DOCUMENT_TOO_LARGE)
    if kind == "unknown-xml":
        return _fail(origin, ProblemKind.XML_NOT_FEED)
    return _fail(origin, ProblemKind.UNSUPPORTED_CONTENT)


def load_path(path: Path, spec: str | None = None) -> SourceResult:
    """A local file or folder (sync; call it from a worker)."""
    spec = spec or str(path)
    try:
        if path.is_dir():
            return load_folder(path, spec)
        if not path.exists():
            return _fail(spec, ProblemKind.NO_SUCH_FILE)
        stat = path.stat()
        size = stat.st_size
        if size > MAX_FILE_BYTES:
            too_large = problem(ProblemKind.FILE_TOO_LARGE, size=_megabytes(size), limit=_megabytes(MAX_FILE_BYTES))
            return _fail(spec, too_large)
        data = path.read_bytes()
    except PermissionError:
        return _fail(spec, ProblemKind.PERMISSION_DENIED)
    except IsADirectoryError:
        return _fail(spec, ProblemKind.IS_A_FOLDER)
    except OSError as exc:
        return _fail(spec, problem(ProblemKind.CANNOT_READ, detail=exc.strerror or type(exc).__name__))
    result = parse_document(data, spec, fetched_at=datetime.fromtimestamp(stat.st_mtime, tz=UTC))
    _key_by_path(result.articles, path)
    return result


def _key_by_path(articles: list[Article], path: Path) -> None:
    """A local file's articles that have neither a URL nor a guid (a text dump, a saved
    page without a canonical link) get one from the file's path: reading the file again
    finds the same stored article and updates it in place instead of adding a copy."""
    try:
        where = path.resolve()
    except (OSError, RuntimeError):
        where = path.absolute()
    keyless = [a for a in articles if not a.url and not a.guid]
    for number, article in enumerate(keyless):
        article.guid = f"file:{where}" + (f"#{number + 1}" if len(keyless) > 1 else "")


def _megabytes(size: int) -> str:
    """21,002,935 bytes -> "20.0 MB"; a size just over a limit never reads as the
    limit itself (it is rounded up at one decimal): "20.1 MB", not "20 MB"."""
    tenths = -(-size * 10 // (1024 * 1024))
    return f"{tenths // 10}.{tenths % 10} MB" if tenths % 10 else f"{tenths // 10} MB"


def load_folder(folder: Path, spec: str) -> SourceResult:
    """Every supported file inside a folder, recursively. Bad files become warnings."""
    result = SourceResult(source=spec, kind="folder")
    count = 0
    for root, dirs, files in os.walk(folder, onerror=None, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or Path(name).suffix.lower() not in FOLDER_SUFFIXES:
                continue
            count += 1
            if count > MAX_FOLDER_FILES:
                result.warnings.append(problem(ProblemKind.FOLDER_TRUNCATED, _name(spec), count=MAX_FOLDER_FILES))
                return result
            sub = load_path(Path(root) / name, str(Path(root) / name))
            if sub.error:
                result.warnings.append(sub.error)
            result.warnings.extend(sub.warnings)
            result.articles.extend(sub.articles)
            result.feeds.extend(sub.feeds)
            result.feed_titles.update(sub.feed_titles)
    if count == 0:
        return _fail(spec, ProblemKind.FOLDER_EMPTY)
    return result


async def load_url(url: str, fetcher: Fetcher) -> SourceResult:
    """A feed or an article page over HTTP, told apart by the content."""
    fetched = await fetcher.fetch(url)
    if fetched.error or not fetched.ok:
        return _fail(url, fetched.error or problem(ProblemKind.HTTP_STATUS, code=fetched.status))
    final = fetched.final_url or url
    result = await asyncio.to_thread(
        parse_document, fetched.content, url, base_url=final, http_charset=fetched.charset,
        fetched_at=datetime.now(UTC),
    )
    if result.kind == "feed":
        for article in result.articles:
            article.feed_url = final
    elif result.kind == "article" and result.articles:
        from ikn_tui.core.multipage import join_pages

        result.articles[0] = await join_pages(result.articles[0], final, fetcher)
    return result


async def load_source(spec: str, fetcher: Fetcher | None = None) -> SourceResult:
    """Any SOURCE. URLs need a fetcher (``None`` means offline)."""
    spec = spec.strip()
    if "://" in spec[:12]:
        if not is_web_url(spec):
            return _fail(spec, ProblemKind.ONLY_WEB_URLS)
        if fetcher is None:
            return _fail(spec, ProblemKind.OFFLINE)
        result = await load_url(spec, fetcher)
    else:
        result = await asyncio.to_thread(load_path, Path(spec).expanduser(), spec)
    if result.feeds and fetcher is not None:
        await _load_feeds_into(result, fetcher)
    return result


async def _load_feeds_into(result: SourceResult, fetcher: Fetcher) -> None:
    """An OPML source means its feeds: fetch them all concurrently."""
    subs = await asyncio.gather(*(load_url(url, fetcher) for url in result.feeds if is_web_url(url)))
    for sub in subs:
        if sub.error:
            result.warnings.append(sub.error)
        result.warnings.extend(sub.warnings)
        result.articles.extend(sub.articles)


def dedupe(articles: list[Article]) -> list[Article]:
    """Drop repeats of the same URL or guid, keeping the first (fullest wins)."""
    seen: dict[str, int] = {}
    out: list[Article] = []
    for article in articles:
        keys = [k for k in (article.url, article.guid and f"{article.feed_url}|{article.guid}") if k]
        hit = next((seen[k] for k in keys if k in seen), None)
        if hit is None:
            for k in keys:
                seen[k] = len(out)
            out.append(article)
        elif article.full and not out[hit].full:
            out[hit] = article
    return out
