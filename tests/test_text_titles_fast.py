"""The fast paths of ``titles`` (no separator: nothing to strip; ASCII: no
Unicode normalisation) give exactly what the full algorithm gives."""

from __future__ import annotations

import random
import re
import unicodedata

from ikn_tui.core.text import titles
from ikn_tui.core.text.sanitize import clean_line
from ikn_tui.core.text.titles import normalize_title, strip_site_suffix


def _strip_reference(title: str, site_names: tuple[str, ...] = ()) -> str:
    """strip_site_suffix without its shortcut."""
    title = clean_line(title)
    prefix = titles._DOMAIN_PREFIX.sub("", title, count=1)
    if prefix != title and len(prefix) >= 8:
        title = prefix
    patterns = [titles._HALAMAN, titles._DOMAIN_SUFFIX, titles._DOMAIN_SECTION_SUFFIX]
    for name in site_names:
        name = clean_line(name)
        if name:
            patterns.append(re.compile(titles._SEP + re.escape(name) + r"\s*$", re.IGNORECASE))
    patterns.append(titles._KNOWN_SUFFIX)
    for _ in range(4):
        shorter = titles._strip_once(title, patterns)
        if shorter == title:
            break
        title = shorter
    return title.strip()


def _normalize_reference(title: str) -> str:
    if not title:
        return ""
    title = _strip_reference(title)
    title = unicodedata.normalize("NFKD", title)
    title = "".join(ch for ch in title if not unicodedata.combining(ch))
    return titles._NON_WORD.sub(" ", title.casefold()).strip()


_PIECES = [
    "Banjir", "Rob", "di", "Balikpapan", " ", " ", " - ", " | ", "|", " – ", " — ", " • ", " · ", " : ", "-",
    "Kompas.com", "tempo.co", "Halaman", "halaman", "HALAMAN", "all", "semua", "2", "detikNews", "Tribunnews",
    "Covid-19", "Café", "Cafe\u0301", "Ｆｕｌｌ", "ﬁ", "ẞ", "İstanbul", "\u00a0", "\t", "site.example", "_", "!",
    "Kabar Etam",
]


def _titles(count: int) -> list[str]:
    rng = random.Random(11)
    return ["".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 9))) for _ in range(count)]


def test_strip_site_suffix_matches_reference() -> None:
    for title in _titles(4000):
        assert strip_site_suffix(title) == _strip_reference(title), repr(title)
        assert strip_site_suffix(title, ("Kabar Etam",)) == _strip_reference(title, ("Kabar Etam",)), repr(title)


def test_normalize_title_matches_reference() -> None:
    ascii_seen = 0
    for title in _titles(4000):
        assert normalize_title(title) == _normalize_reference(title), repr(title)
        ascii_seen += title.isascii()
    assert ascii_seen > 500  # the ASCII shortcut was exercised


def test_shortcut_examples() -> None:
    assert strip_site_suffix("  Banjir   Rob di Balikpapan ") == "Banjir Rob di Balikpapan"
    assert strip_site_suffix("Banjir Rob Halaman 2") == "Banjir Rob"
    assert normalize_title("Banjir ROB, di Balikpapan!") == "banjir rob di balikpapan"
    assert normalize_title("Café Ｆｕｌｌ - Kompas.com") == "cafe full"
