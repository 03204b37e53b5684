"""``feeds._web`` skips ``urljoin`` for plain absolute links: the result must be
exactly what joining gives, for tricky and random links."""

from __future__ import annotations

import random
from urllib.parse import urljoin

import pytest

from ikn_tui.core import feeds
from ikn_tui.core.sanitize import clean_line, is_web_url

BASES = ["https://kabar-etam.example/rss/", "http://127.0.0.1:8080/feed.xml", "https://a.example"]
TRICKY = [
    "https://kabar-etam.example/berita/2025/06/16/jembatan", "http://kabar.example", "http://kabar.example/",
    "HTTP://Kabar.Example/x", "https://kabar.example/a?b=1", "https://kabar.example/a#top", "https://kabar.example/a?",
    "https://kabar.example/a#", "https://kabar.example/a;p", "https:///x", "http:/x", "//kabar.example/x", "/x",
    "x/y", "../z", "https://kabar.example/a/../b/./c", "https://[::1]/x", "https://[::1/x", "https://u:p@h:99/x",
    "https://kabar.example/%E2%80%AE", "https://kabar.example/a b", "https://kabar.example/\tb", "ftp://h/x",
    "https://kabar.example//dua", "http://:80/x", "https://h/x'y(z)*+,=!$&", "https://h:notaport/x", "mailto:a@b",
    "javascript:alert(1)", "https://h/\u00e9", "https://h\u2100/x", "https://h/x\\y",
]


def _reference(url: object, base: str | None) -> str | None:
    if not url or not isinstance(url, str):
        return None
    url = url.strip()
    if base:
        try:
            url = urljoin(base, url)
        except ValueError:
            return None
    return clean_line(url, limit=2000) if is_web_url(url) else None


@pytest.mark.parametrize("base", BASES + [None])
def test_tricky_links_join_as_urljoin_does(base: str | None) -> None:
    for url in TRICKY:
        assert feeds._web(url, base) == _reference(url, base), url


def test_random_links_join_as_urljoin_does() -> None:
    rng = random.Random(7)
    alphabet = "abcXYZ09-._~:/@!$&'()*+,;=%?#[] \t\\\u00e9"
    prefixes = ["http://", "https://", "HTTPS://", "http:", "//", "/", "", "https:///"]
    fast = 0
    for _ in range(5000):
        url = rng.choice(prefixes) + "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 20)))
        base = rng.choice(BASES)
        assert feeds._web(url, base) == _reference(url, base), (url, base)
        fast += feeds._PLAIN_ABSOLUTE.fullmatch(url.strip()) is not None
    assert fast > 100  # the fast path was taken often enough to mean something
