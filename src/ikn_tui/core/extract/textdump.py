"""Plain-text article dumps (copied out of a news page) -> ``Article``.

A dump looks like: a title line and a category line; the title again; an
optional "•" subheadline; the category again; the author's name (maybe
twice) and a line saying ``Author``; then the body paragraphs, with
"BACA JUGA:" blocks whose next line is a related title, and a sign-off such as
``(Adv/Diskominfo)`` at the very end. Every part is optional.
"""

from __future__ import annotations

import re

from ikn_tui.core.models import Article, RelatedLink
from ikn_tui.core.text import (
    clean_line,
    clean_optional,
    clean_paragraph,
    is_web_url,
    normalize_title,
    parse_date,
    strip_site_suffix,
)

_HEADER_MAX = 14  # non-empty lines the header may span
_AUTHOR_MARKERS = {"author", "penulis", "reporter", "pewarta", "writer", "editor"}
_BULLETS = "•▪●◦‣"
_LABELS = (
    r"baca\s+juga(?:\s+lainnya)?|baca\s+pula|artikel\s+terkait|berita\s+terkait"
    r"|simak\s+juga|lihat\s+juga"
)
# The label alone ("BACA JUGA:"), or followed by a title after ':' / a dash.
_RELATED_LABEL = re.compile(
    rf"^(?:{_LABELS})\s*(?:[:\-–—]\s*(?P<rest>.*))?$", re.IGNORECASE
)
_URL = re.compile(r"https?://[^\s<>\"')\]]+", re.IGNORECASE)
_LABELLED_AUTHOR = re.compile(
    r"^(?:penulis|reporter|pewarta|oleh|author|writer|by)\s*[:\-–]?\s+(?P<name>.{2,60})$",
    re.IGNORECASE,
)
_TRAILER = re.compile(r"^(?:penulis|reporter|pewarta|editor|redaktur)\s*:\s*(?P<name>.{2,60})$", re.IGNORECASE)
_NAME_WORD = re.compile(r"^(?:[A-Z][\w.'’-]*|bin|binti|van|de|al|el|dan|&)$")
_SIGN_TOKEN = r"[*A-Za-z][\w.*-]{0,19}"
_SIGN_OFF = re.compile(rf"\(\s*{_SIGN_TOKEN}(?:\s*/\s*{_SIGN_TOKEN}){{0,3}}\s*\)\s*$")
_SENTENCE_END = tuple(".!?\"”’':)»")
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Za-z .]{1,30},\s*)?"
    r"(?P<site>[A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*\.(?:com|co\.id|id|net|org|news|tv|co|info))"
    r"\s*(?:\([^)]{0,40}\)\s*)?[–—-]",
    re.IGNORECASE,
)
_TAG = re.compile(r"<[a-zA-Z!/?][^>]{0,200}>")


def looks_like_text_dump(text: str) -> bool:
    """True for plain prose with a title line; False for HTML, XML, JSON,
    OPML, URL lists and binary junk."""
    if not text or "\x00" in text[:4096]:
        return False
    head = text[:4096].lstrip("\ufeff \t\r\n")
    if not head or head[0] in "<{[":
        return False
    low = head[:2000].lower()
    if any(m in low for m in ("<html", "<?xml", "<rss", "<feed", "<opml", "<!doctype", "<body")):
        return False
    if len(_TAG.findall(head)) >= 3:
        return False
    lines = [clean_line(line) for line in head.splitlines()]
    lines = [line for line in lines if line]
    if not lines or len(lines[0]) > 300:
        return False
    urls = sum(1 for line in lines if _URL.fullmatch(line))
    if urls * 2 >= len(lines):
        return False
    # at least one line of running prose
    return any(len(line.split()) >= 8 for line in lines[1:])


def _is_bullet(line: str) -> bool:
    return len(line) > 2 and line[0] in "•▪●◦‣"


def _strip_bullet(line: str) -> str:
    return line.lstrip(_BULLETS).strip()


def _is_marker(line: str) -> bool:
    return line.strip(" :").casefold() in _AUTHOR_MARKERS


def _is_short(line: str) -> bool:
    return len(line.split()) <= 8 and len(line) <= 80 and not line.endswith((".", "?", "!"))


def _is_name(line: str) -> bool:
    words = line.split()
    if not 1 <= len(words) <= 5 or any(ch.isdigit() for ch in line):
        return False
    return all(_NAME_WORD.match(w) for w in words)


def _is_date_line(line: str) -> str | None:
    if len(line) > 60:
        return None
    return parse_date(line)


class _Header:
    """What the lines above the body told us."""

    def __init__(self) -> None:
        self.category: str | None = None
        self.summary: str | None = None
        self.author: str | None = None
        self.published: str | None = None
        self.end = 1  # index in the non-empty lines where the body starts


def _read_header(lines: list[str], title: str) -> _Header:
    header = _Header()
    title_key = normalize_title(title)
    names: list[str] = []
    pos = 1
    marker_at: int | None = None
    while pos < len(lines) and pos < _HEADER_MAX:
        line = lines[pos]
        if normalize_title(line) == title_key and title_key:
            pos += 1
            continue
        if _is_bullet(line):
            header.summary = header.summary or clean_optional(_strip_bullet(line))
            pos += 1
            continue
        if _is_marker(line):
            marker_at = pos
            pos += 1
            break
        labelled = _LABELLED_AUTHOR.match(line)
        if labelled and _is_name(labelled["name"].strip()):
            header.author = clean_optional(labelled["name"])
            pos += 1
            continue
        if header.category is not None and line == header.category:
            pos += 1
            continue
        date = _is_date_line(line)
        if date:
            header.published = header.published or date
            pos += 1
            continue
        if _RELATED_LABEL.match(line) or not _is_short(line):
            break
        if pos == 1 and header.category is None:
            header.category = line
            pos += 1
            continue
        # not a name: maybe a name block ends with the marker further down
        if not _is_name(line) and marker_at is None and not any(_is_marker(x) for x in lines[pos + 1 : _HEADER_MAX]):
            break
        names.append(line)
        pos += 1
    if names and header.author is None:
        header.author = clean_optional(names[-1])
    elif marker_at is not None and header.author is None and header.category:
        header.author, header.category = header.category, None  # "Title / Name / Author"
    if header.category is None:
        others = [n for n in dict.fromkeys(names) if n != names[-1]] if names else []
        header.category = others[0] if others else None
    header.category = clean_optional(header.category)
    header.end = pos
    return header


def _blocks(lines: list[str]) -> list[list[str]]:
    """Blank-line separated blocks; hard-wrapped lines joined back."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for raw in lines:
        line = clean_line(raw)
        if not line:
            if current:
                blocks.append(current)
                current = []
            continue
        if (
            current
            and not current[-1].endswith(_SENTENCE_END)
            and not _RELATED_LABEL.match(current[-1])
            and (line[0].islower() or line[0].isdigit())
        ):
            current[-1] = f"{current[-1]} {line}"
        else:
            current.append(line)
    if current:
        blocks.append(current)
    return blocks


def _related_link(text: str, position: int) -> RelatedLink | None:
    url_match = _URL.search(text)
    url = None
    if url_match:
        candidate = clean_line(url_match.group(0).rstrip(".,;"))
        url = candidate if is_web_url(candidate) else None
        text = (text[: url_match.start()] + " " + text[url_match.end() :]).strip(" -–—|:()[]")
    title = strip_site_suffix(clean_paragraph(text)) or (url or "")
    if not title:
        return None
    return RelatedLink(title=title, url=url, position=position)


def _looks_like_title(line: str) -> bool:
    return bool(_URL.search(line)) or (len(line) <= 160 and not line.endswith("."))


def _read_body(lines: list[str]) -> tuple[list[str], list[RelatedLink], str | None]:
    body: list[str] = []
    related: list[RelatedLink] = []
    trailer_author: str | None = None
    waiting = False  # a label was seen; its title is on the next line
    for block in _blocks(lines):
        run = False  # inside a label's run of titles
        for line in block:
            label = _RELATED_LABEL.match(line)
            if waiting or (run and _looks_like_title(line) and not label):
                link = _related_link(line, len(body))
                if link:
                    related.append(link)
                waiting, run = False, True
                continue
            run = False
            if label:
                rest = (label["rest"] or "").strip()
                if rest:
                    link = _related_link(rest, len(body))
                    if link:
                        related.append(link)
                    run = True
                else:
                    waiting = True
                continue
            trailer = _TRAILER.match(line)
            if trailer and len(body) > 0:
                if not trailer_author and not line.casefold().startswith(("editor", "redaktur")):
                    trailer_author = clean_optional(trailer["name"])
                continue
            paragraph = clean_paragraph(line)
            if paragraph:
                body.append(paragraph)
    _drop_sign_off(body)
    related = [
        RelatedLink(r.title, r.url, min(r.position, len(body))) for r in related
    ]
    return body, related, trailer_author


def _drop_sign_off(body: list[str]) -> None:
    """Remove "(Adv/Diskominfo)", "(*)", "(ant)" at the end of the text."""
    while body:
        last = body[-1]
        match = _SIGN_OFF.search(last)
        if not match:
            return
        before = last[: match.start()].rstrip()
        if not before:
            body.pop()
            continue
        if before.endswith(_SENTENCE_END):
            body[-1] = before
        return


def _source_from_dateline(body: list[str]) -> str | None:
    if not body:
        return None
    match = _DATELINE.match(body[0][:120])
    return match["site"].lower() if match else None


def parse_text_dump(text: str, origin: str | None = None) -> Article:
    """Read a plain-text dump. Raises ``ValueError`` when there is no text at all."""
    text = (text or "").lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    raw_lines = text.split("\n")
    nonempty = [(i, clean_line(line)) for i, line in enumerate(raw_lines)]
    nonempty = [(i, line) for i, line in nonempty if line]
    if not nonempty:
        raise ValueError("empty text: no title line found")
    title = strip_site_suffix(clean_paragraph(nonempty[0][1]))
    header = _read_header([line for _, line in nonempty], title)
    start = nonempty[header.end][0] if header.end < len(nonempty) else len(raw_lines)
    body, related, trailer_author = _read_body(raw_lines[start:])
    return Article(
        title=title,
        url=None,
        source=_source_from_dateline(body),
        author=header.author or trailer_author,
        published=header.published,
        category=header.category,
        summary=header.summary,
        body=body,
        related=related,
        full=True,
        origin=clean_optional(origin),
    )
