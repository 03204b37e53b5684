"""The read-also label ("Baca juga:", "Berita terkait" ...) and the text that
follows it: the links a block carries, their cleaned titles, and the verdict
whether a labelled text is a read-also line or ordinary body text.
"""

from __future__ import annotations

import re

from lxml import etree

from ikn_tui.core.extract.dom import norm, resolve_url, text_of
from ikn_tui.core.text import clean_line, strip_site_suffix

LABEL_RE = re.compile(
    r"^\s*(?:baca\s+juga(?:\s+lainnya)?|baca\s+pula|artikel\s+terkait|berita\s+terkait"
    r"|simak\s+juga|lihat\s+juga)(?!\w)\s*(?P<sep>[:：»>|•\-–—]+)?\s*",
    re.IGNORECASE,
)
# Buttons and navigation that are never a related story's title ("Load
# More...", "Selengkapnya", "Indeks Berita", "Lihat semua").
_NOT_A_TITLE = re.compile(
    r"^(?:(?:baca\s+)?(?:artikel|berita)\s+(?:menarik\s+|terkait\s+)?lainnya\W*)?"
    r"(?:load\s+more|more|next|selengkapnya|baca\s+selengkapnya|lihat\s+(?:semua|selengkapnya|lainnya)"
    r"|indeks(?:\s+berita)?|tampilkan\s+(?:lebih\s+banyak|semua)|muat\s+lebih\s+banyak|berita\s+lainnya"
    r"|halaman\s+(?:selanjutnya|berikutnya|sebelumnya)|show\s+all|view\s+all)?\W*$",
    re.IGNORECASE,
)
MAX_TITLE = 200  # a title-only remainder longer than this is prose, not a title

Links = list[tuple[str, str | None]]  # (title, absolute URL or None)


def clean_title(text: str | None) -> str:
    """A related title: label, site suffix and surrounding quotes removed."""
    text = norm(text)
    match = LABEL_RE.match(text)
    if match:
        text = text[match.end():]
    title = strip_site_suffix(clean_line(text)).strip(" \"'“”‘’-–—:")
    return "" if _NOT_A_TITLE.match(title) else title


def _article_url(href: str | None, base_url: str | None) -> str | None:
    """Where a related link points; an in-page anchor (``#...``) names no article."""
    if not href or href.lstrip().startswith("#"):
        return None
    return resolve_url(href, base_url)


def links_in(elements: list[etree._Element], base_url: str | None) -> Links:
    """The titled links below ``elements``, in document order."""
    found: Links = []
    for element in elements:
        if not isinstance(element.tag, str):
            continue
        for a in element.iter("a"):
            if a.get("href") is None:
                continue
            title = clean_title(text_of(a)) or clean_title(a.get("title"))
            if title:
                found.append((title, _article_url(a.get("href"), base_url)))
    return found


def prose_beyond_links(text: str, links: Links) -> int:
    """How many characters of ``text`` are not link titles."""
    return len(text) - sum(len(title) for title, _ in links)


def mostly_links(text: str, links: Links) -> bool:
    """True when ``text`` is little besides its links (a real paragraph that
    merely holds a link is not)."""
    return prose_beyond_links(text, links) <= max(40, 25 * len(links))


def run_text(owner: etree._Element | None, elements: list[etree._Element]) -> str:
    """Text of a run of siblings, starting with ``owner``'s tail."""
    parts = [owner.tail or ""] if owner is not None else []
    for element in elements:
        parts.append(text_of(element) if isinstance(element.tag, str) else "")
        parts.append(element.tail or "")
    return norm(" ".join(parts))


def judge(text: str, links: Links, isolated: bool, force: bool) -> Links | None:
    """Decide what a labelled piece of text is.

    Returns the links (possibly one title-only link), ``[]`` for a bare label,
    or ``None`` when it is ordinary body text.
    """
    match = LABEL_RE.match(text)
    if match is None and not force:
        return None
    rest = text[match.end():] if match else text
    if links:
        return links if mostly_links(rest, links) else None
    if not rest:
        return []
    sep = bool(match and match.group("sep"))
    if not (sep or force) and rest.endswith((".", "!", "?")):
        return None  # "Lihat juga video berikut." is a sentence
    if (sep or isolated or force) and len(rest) <= MAX_TITLE:
        title = clean_title(rest)
        return [(title, None)] if title else []
    return None
