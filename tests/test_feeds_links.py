"""``feeds.links.web_url`` skips ``urljoin`` for plain absolute links: the result must be
exactly what joining gives, for tricky and random links."""

from __future__ import annotations

import random
from urllib.parse import urljoin

import pytest

from ikn_tui.core.feeds import links
from ikn_tui.core.text.sanitize import clean_line, is_web_url

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
        assert links.web_url(url, base) == _reference(url, base), url


def test_random_links_join_as_urljoin_does() -> None:
    rng = random.Random(7)
    alphabet = "abcXYZ09-._~:/@!$&'()*+,;=%?#[] \t\\\u00e9"
    prefixes = ["http://", "https://", "HTTPS://", "http:", "//", "/", "", "https:///"]
    fast = 0
    for _ in range(5000):
        url = rng.choice(prefixes) + "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 20)))
        base = rng.choice(BASES)
        assert links.web_url(url, base) == _reference(url, base), (url, base)
        fast += links.PLAIN_ABSOLUTE.fullmatch(url.strip()) is not None
    assert fast > 100  # the fast path was taken often enough to mean something


def test_canonical_url_fast_path_gives_the_full_algorithms_key() -> None:
    from ikn_tui.core.store.keys import _CANONICAL, _canonical_url, canonical_url

    tricky = TRICKY + [
        "https://kabar.example/b/1/", "https://kabar.example:443/b", "http://kabar.example:80", "https://KABAR.example/b",
        "https://kabar.example/b?utm_source=x", "https://kabar.example/b;v=1", "https://kabar.example/b:c",
        "https://kabar.example", "https://kabar.example//", "https://kabar.example/%7e", "http://10.0.0.1/x",
        "http://127.0.0.1:8080/x", "http://127.0.0.1:80/x", "https://h:443/x", "http://h:443/x", "https://h:80/x",
        "http://h:0800/x", "http://h:99999/x", "http://h:/x", "http://h:1/", "http://h:8080",
    ]
    rng = random.Random(11)
    alphabet = "abcXYZ09-._~:/@!$&'()*+,;=%?#[] \t\\\u00e9"
    randoms = [rng.choice(["http://", "https://", "HTTP://", "https://kabar.example/", "http://h:", "http://h:8", "http://h:80",
                          "https://h:4", ""])
               + "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 20))) for _ in range(5000)]
    fast = 0
    for url in tricky + randoms:
        canonical_url.cache_clear()
        assert canonical_url(url) == _canonical_url(url), url
        fast += _CANONICAL.fullmatch(url) is not None
    assert fast > 100  # the fast path was taken often enough to mean something
