"""Bookmarks exported as Markdown or JSON.

``entries`` are ``(saved_at ISO, offline copy)`` pairs, as
``Store.bookmark_entries`` gives them. Every string is sanitised again and,
in Markdown, escaped so that it shows as plain text (no links, headings or
HTML from a feed).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass

from ikn_tui.core.models import Article
from ikn_tui.core.store.keys import utc_now
from ikn_tui.core.text import clean_line, long_date

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_MD_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])")


@dataclass(frozen=True, slots=True)
class MarkdownWords:
    """The Markdown's own words (labels, headings) and how it writes a date: Indonesian by
    default; the command line passes them in the interface's language."""

    untitled: str = "(tanpa judul)"
    source: str = "Sumber"
    author: str = "Penulis"
    date: str = "Tanggal"
    category: str = "Kategori"
    url: str = "URL"
    saved: str = "Disimpan"
    related: str = "Baca juga"
    bookmarks: str = "Markah ikn-read"
    exported: str = "Diekspor {date} — {n} artikel"  # {date}, {n}
    format_date: Callable[[str | None], str] = long_date


INDONESIAN = MarkdownWords()


def _md_text(text: str | None) -> str:
    """Plain text that Markdown shows as-is (one line)."""
    text = _MD_SPECIAL.sub(r"\\\1", clean_line(text))
    return _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def _md_url(url: str | None) -> str:
    url = clean_line(url)
    return "<" + url.replace(" ", "%20").replace("<", "%3C").replace(">", "%3E") + ">"


def _article_markdown(article: Article, saved_at: str | None, heading: str, words: MarkdownWords) -> list[str]:
    """One article: title, metadata, body paragraphs, the "Baca juga" links as Markdown links."""
    out = [f"{heading} {_md_text(article.title) or words.untitled}", ""]
    meta = [
        (words.source, _md_text(article.source)),
        (words.author, _md_text(article.author)),
        (words.date, _md_text(words.format_date(article.published))),
        (words.category, _md_text(article.category)),
        (words.url, _md_url(article.url) if article.url else ""),
        (words.saved, _md_text(words.format_date(saved_at)) if saved_at else ""),
    ]
    out += [f"- {label}: {value}" for label, value in meta if value]
    out.append("")
    paragraphs = article.body or ([article.summary] if article.summary else [])
    for paragraph in paragraphs:
        out += [_md_text(paragraph), ""]
    if article.related:
        out += [f"**{words.related}:**", ""]
        for n, link in enumerate(article.related, 1):
            title = _md_text(link.title) or _md_text(link.url)
            if link.url:
                out.append(f"{n}. [{title}]({_md_url(link.url)})")
            else:
                out.append(f"{n}. {title}")
        out.append("")
    return out


def article_to_markdown(article: Article, words: MarkdownWords = INDONESIAN) -> str:
    """One article as a Markdown document (``ikn-read show --format md``)."""
    return "\n".join(_article_markdown(article, None, "#", words)).rstrip() + "\n"


def bookmarks_to_markdown(entries: list[tuple[str, Article]], words: MarkdownWords = INDONESIAN) -> str:
    """Every bookmark, newest saved first, in the same shape as ``article_to_markdown``."""
    exported = words.exported.format(date=words.format_date(utc_now()[0]), n=len(entries))
    out = [f"# {words.bookmarks}", "", exported, ""]
    for saved_at, article in entries:
        out += ["---", "", *_article_markdown(article, saved_at, "##", words)]
    return "\n".join(out).rstrip() + "\n"


def bookmarks_to_json(entries: list[tuple[str, Article]]) -> str:
    """A JSON list: each article's public JSON shape plus ``saved_at``."""
    items = []
    for saved_at, article in entries:
        item = article.to_json()
        item["related"] = [
            {"title": r.title, "url": r.url, "position": r.position} for r in article.related
        ]
        item["saved_at"] = saved_at
        items.append(item)
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
