"""Articles split over several pages: which page this is, how many there are,
the next page's URL and the portal's "all pages" form.

Read from the page's own paging links (``?page=2``, "Halaman selanjutnya",
"Show All") that point at the same article (same host and path). Where a
portal has an "all pages" address the page does not always link, the
``PORTAL_QUIRKS`` table names it: the one place for such rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from lxml import etree

from ikn_tui.core.extract.dom import class_words, element_text, resolve_url

# Portal quirks: host suffix -> (query parameter and value of the "all pages" form).
PORTAL_QUIRKS: dict[str, tuple[str, str]] = {
    "kompas.com": ("page", "all"),  # Kompas: ?page=all ("Show All" in read__paging)
    "tribunnews.com": ("page", "all"),  # Tribun network: ?page=all
    "detik.com": ("single", "1"),  # detik: ?single=1 shows a split article whole
}
_PAGE_PARAMS = ("page", "halaman", "hal", "pg")
_NEXT_TEXT = re.compile(r"^(?:halaman\s+)?(?:selanjutnya|berikutnya|next)\b|^›|^»|^>$", re.IGNORECASE)
_ALL_TEXT = re.compile(r"^(?:show all|lihat semua|tampilkan semua|baca semua|semua halaman)", re.IGNORECASE)
_PATH_PAGE = re.compile(r"/(\d{1,2})$")
_HREF_HINT = re.compile(r"[?&](?:page|halaman|hal|pg|single)=", re.IGNORECASE)
_LOAD_MORE = re.compile(r"^\s*(?:load\s+more|muat\s+lebih|tampilkan\s+lebih|lihat\s+komentar)", re.IGNORECASE)
_ACTIVE_WORDS = frozenset(("active", "current", "pagecurrent", "selected"))
MAX_PAGES = 50


@dataclass(slots=True)
class Paging:
    page: int | None  # None: the page shows every page already
    pages: int
    next_url: str | None
    all_url: str | None


def _split(url: str) -> tuple[str, str, dict[str, str]] | None:
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    path = parts.path.rstrip("/") or "/"
    return host, path, dict(parse_qsl(parts.query))


def _page_value(query: dict[str, str]) -> str | None:
    for name in _PAGE_PARAMS:
        if name in query:
            return query[name].strip().lower()
    return None


def quirk_all_url(url: str) -> str | None:
    """The portal's "all pages" address for ``url`` (``PORTAL_QUIRKS``)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    for suffix, (name, value) in PORTAL_QUIRKS.items():
        if host == suffix or host.endswith("." + suffix):
            query = [(k, v) for k, v in parse_qsl(parts.query) if k not in _PAGE_PARAMS and k != name]
            query.append((name, value))
            return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))
    return None


def read_paging(root: etree._Element, url: str | None) -> Paging | None:
    """The article's paging, or None for a one-page article (or no URL)."""
    if not url:
        return None
    here = _split(url)
    if here is None:
        return None
    host, path, query = here
    value = _page_value(query)
    showing_all = value == "all" or query.get("single") == "1"
    current = int(value) if value and value.isdigit() else 1
    # detik numbers pages in the path: .../d-123/judul/2 is page 2 of .../d-123/judul.
    found = _PATH_PAGE.search(path)
    stem = path[: found.start()] if found else path
    if found and value is None:
        current = int(found.group(1))
    numbers: dict[int, str] = {}
    next_url = all_url = None
    for a in root.iter("a"):
        raw = a.get("href")
        if not raw:
            continue
        if not _HREF_HINT.search(raw):  # cheap filter: most links are not paging
            lead = (a.text or "").strip()
            if not (lead.isdigit() or _NEXT_TEXT.match(lead) or _ALL_TEXT.match(lead)):
                continue
        href = resolve_url(raw, url)
        if not href:
            continue
        there = _split(href)
        if there is None or there[0] != host:
            continue
        in_path = None
        if there[1] not in (path, stem):
            rest = there[1][len(stem) + 1:] if there[1].startswith(stem + "/") else ""
            if not (rest.isdigit() and len(rest) <= 2):
                continue  # another article
            in_path = int(rest)
        text = element_text(a)
        if _LOAD_MORE.match(text):
            continue  # loads comments or a feed of other stories, not the next page
        target = _page_value(there[2])
        if target == "all" or there[2].get("single") == "1" or _ALL_TEXT.match(text):
            all_url = all_url or href.split("#", 1)[0]
            continue
        number = int(target) if target and target.isdigit() else in_path
        if number is None and text.isdigit():
            number = int(text)
        if number is None and target is None:
            continue  # the same article without a page number: page 1 unless marked
        if number is None or not 0 < number <= MAX_PAGES:
            continue
        numbers.setdefault(number, href.split("#", 1)[0])
        if value is None and class_words(a) & _ACTIVE_WORDS and text.isdigit():
            current = number
        if _NEXT_TEXT.match(text) and not showing_all:
            next_url = next_url or href.split("#", 1)[0]
    if not numbers:
        return None
    pages = max(max(numbers), current)
    if pages < 2:
        return None
    if not showing_all and next_url is None:
        next_url = numbers.get(current + 1)
    if all_url is None and not showing_all:
        all_url = quirk_all_url(url)
    return Paging(None if showing_all else current, pages, None if showing_all else next_url, all_url)
