"""Title clean-up: site suffixes, and the normalised form used to match
title-only Baca Juga links to known articles."""

from __future__ import annotations

import re
import unicodedata

from ikn_tui.core.text.sanitize import clean_line

# A separator before a suffix: " - ", " | ", " – ", " — ", " • ", " · ", " : ";
# also " -Site.com" and "|site.com" (the dash needs a space before it, so
# hyphenated words such as "Covid-19" are never split).
_SEP = r"(?:\s+[-–—|•·:]\s*|\s*[|•·]\s*|\s*[–—]\s+)"

# " Halaman all", " - Halaman 2", " | Halaman Semua" (paged article titles).
_HALAMAN = re.compile(rf"(?:{_SEP}|\s+)Halaman\s+(?:all|semua|\d+)\s*$", re.IGNORECASE)

_TLDS = r"(?:com|id|net|org|co|news|tv|info|io|me|biz|asia|online|site|xyz|today|example|test)"
# " - Kompas.com", " | tempo.co", " - kaltim.tribunnews.com", " - site.co.id"
_DOMAIN_SUFFIX = re.compile(
    rf"{_SEP}(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.{_TLDS}/?\s*$",
    re.IGNORECASE,
)

# " - Kompas.com Regional", " - News Liputan6.com": a domain with a section name
# (capitalised words, at most one before and two after it).
_DOMAIN_SECTION_SUFFIX = re.compile(
    rf"{_SEP}(?:[A-Z][\w&]*\s+)?(?i:(?:www\.)?[\w-]+(?:\.[\w-]+)*\.{_TLDS})(?:\s+[A-Z][\w&]*){{0,2}}\s*$"
)
# "KapanLagi.com: Judul", "Kompas.com - Judul": a domain before the title.
_DOMAIN_PREFIX = re.compile(rf"^(?:www\.)?[\w-]+(?:\.[\w-]+)*\.{_TLDS}\s*[:|\-–—•·]\s+", re.IGNORECASE)

# Well-known site names that appear without a domain (" - detikNews").
KNOWN_SITE_NAMES: tuple[str, ...] = (
    "ANTARA News", "Antara News Kaltim", "ANTARA", "CNN Indonesia", "CNBC Indonesia", "detikcom",
    "detikNews", "detikFinance", "detikKalimantan", "IDN Times", "Kaltim Post", "Kaltimpost",
    "Kompas", "Kompas TV", "KOMPAS.tv", "kumparan", "kumparanNEWS", "Liputan6", "Media Indonesia",
    "Okezone", "Prokal", "Republika", "Republika Online", "SINDOnews", "Suara.com", "Tempo",
    "Tribun Kaltim", "Tribunnews", "Tribunkaltim", "Tribun Kaltara", "VIVA", "Katadata",
    "Niaga Asia", "Berita Satu", "Beritasatu", "Jawa Pos", "JawaPos",
)
_KNOWN_SUFFIX = re.compile(
    _SEP + r"(?:" + "|".join(re.escape(n) for n in sorted(KNOWN_SITE_NAMES, key=len, reverse=True))
    + r")\s*$",
    re.IGNORECASE,
)


# Every _SEP alternative holds one of these (so a title without any, and
# without "Halaman", has no suffix to strip).
_SEP_CHARS = frozenset("-–—|•·:")


def _strip_once(title: str, patterns: list[re.Pattern[str]]) -> str:
    for pattern in patterns:
        shorter = pattern.sub("", title).rstrip(" -–—|•·:")
        if shorter and shorter != title:
            return shorter
    return title


def strip_site_suffix(title: str, site_names: tuple[str, ...] = ()) -> str:
    """Remove a trailing site name: " - Kompas.com", " | tempo.co", " Halaman all".

    ``site_names`` are extra names known for this page (og:site_name), removed
    when they follow a separator. A title is never stripped to nothing, and a
    " - " in the middle of a title is left alone.
    """
    title = clean_line(title)
    if not _SEP_CHARS.intersection(title) and "halaman" not in title.lower():
        return title.strip()  # every pattern needs a separator, or "Halaman"
    prefix = _DOMAIN_PREFIX.sub("", title, count=1)
    if prefix != title and len(prefix) >= 8:
        title = prefix
    patterns = [_HALAMAN, _DOMAIN_SUFFIX, _DOMAIN_SECTION_SUFFIX]
    for name in site_names:
        name = clean_line(name)
        if name:
            patterns.append(re.compile(_SEP + re.escape(name) + r"\s*$", re.IGNORECASE))
    patterns.append(_KNOWN_SUFFIX)
    for _ in range(4):
        shorter = _strip_once(title, patterns)
        if shorter == title:
            break
        title = shorter
    return title.strip()


_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def normalize_title(title: str | None) -> str:
    """Site suffix, case, accents and punctuation ignored: used to match a
    title-only related link to a known article."""
    if not title:
        return ""
    title = strip_site_suffix(title)
    if title.isascii():  # NFKD changes nothing, casefold() is lower()
        return _NON_WORD.sub(" ", title.lower()).strip()
    title = unicodedata.normalize("NFKD", title)
    title = "".join(ch for ch in title if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", title.casefold()).strip()


def _words(text: str) -> list[str]:
    return normalize_title(text).split()


def heading_for(title: str | None, headings: list[str], site_names: tuple[str, ...] = ()) -> str | None:
    """The page heading that is this title, written as the page shows it.

    ``<title>``/og:title often lose punctuation ("...Raja Ampat Apa Iya Betul
    Dicabut") or keep a site or section affix; the ``<h1>`` keeps the
    headline as written. A heading is taken when its words equal the title's,
    or equal the title less a short affix cut off by a separator.
    """
    if not title or not headings:
        return None
    base = strip_site_suffix(title, site_names)
    key = _words(base)
    if not key:
        return None
    affix: str | None = None
    for heading in headings:
        words = _words(heading)
        if not words or (heading.isupper() and not base.isupper()):
            continue  # a heading in capitals: the metadata's case reads better
        if words == key:
            return clean_line(heading)
        near = affix is None and len(words) >= 3 and len(key) - len(words) <= 6 and _SEP_CHARS.intersection(base)
        if near and (key[: len(words)] == words or key[-len(words):] == words):
            affix = clean_line(heading)
    return affix
