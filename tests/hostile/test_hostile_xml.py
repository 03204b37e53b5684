"""4. XML attacks: billion laughs, quadratic blowup, XXE, external DTDs.

Each ends fast (timeout marks) with bounded memory, is reported broken or
parsed safely, never expands entities, never reads a local file and never
fetches anything it names."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from corpus import SECRET, opml_attacks, xml_attacks
from probes import MB, peak_python_memory

from ikn_tui.cli.main import main as cli
from ikn_tui.core import paths
from ikn_tui.core.feeds.opml import parse_opml
from ikn_tui.core.feeds.rss_atom import parse_feed
from ikn_tui.core.fetch.client import Fetcher, NetConfig
from ikn_tui.core.refresh import refresh_all
from ikn_tui.core.sources import load_path, load_source
from ikn_tui.core.store.database import Store

FEED_NAMES = sorted(xml_attacks("http://x/"))
OPML_NAMES = sorted(opml_attacks("http://x/"))
FAST = NetConfig(connect_timeout=1.0, read_timeout=1.0, deadline=2.0, max_bytes=2 * MB)
# What a leaked /etc/passwd or an expanded entity would look like.
LEAKS = ("root:", "lollollol", "xxxxxxxxxxxxxxxxxxxx", SECRET)


@pytest.fixture
def evil_dtd(http_server: Any) -> Any:
    """A DTD that would define every entity the attacks use, were it ever fetched."""
    dtd = f'<!ENTITY xxe "{SECRET}"><!ENTITY ext "{SECRET}"><!ENTITY % inner "<!ENTITY x \'{SECRET}\'>"> %inner;'
    http_server.route("evil.dtd", dtd, content_type="application/xml-dtd")
    return http_server


def _assert_safe_articles(articles: list[Any]) -> None:
    for article in articles:
        text = " ".join([article.title, article.summary or "", *article.body])
        for leak in LEAKS:
            assert leak not in text, f"{leak!r} in {text[:200]!r}"
        assert len(article.title) <= 1000


def _assert_dtd_never_fetched(server: Any) -> None:
    assert "/evil.dtd" not in server.paths()


@pytest.mark.timeout(2)
@pytest.mark.parametrize("name", FEED_NAMES)
def test_parse_feed_is_fast_and_bounded(name: str, evil_dtd: Any) -> None:
    data = xml_attacks(evil_dtd.url("/"))[name]
    parsed, peak = peak_python_memory(lambda: parse_feed(data))
    assert peak < 100 * MB, f"peak {peak / MB:.0f} MB"
    assert parsed.error or parsed.articles
    _assert_safe_articles(parsed.articles)
    if parsed.articles:
        assert any("entity" in w.lower() or "DTD" in w for w in map(str, parsed.warnings)), parsed.warnings
    _assert_dtd_never_fetched(evil_dtd)


@pytest.mark.timeout(2)
@pytest.mark.parametrize("name", FEED_NAMES)
def test_feed_file_source(name: str, evil_dtd: Any, tmp_path: Path) -> None:
    path = tmp_path / f"{name}.xml"
    path.write_bytes(xml_attacks(evil_dtd.url("/"))[name])
    result = load_path(path)
    assert result.error or result.articles
    _assert_safe_articles(result.articles)
    _assert_dtd_never_fetched(evil_dtd)


@pytest.mark.timeout(4)
@pytest.mark.parametrize("name", FEED_NAMES)
async def test_feed_served_over_http_and_refreshed(name: str, evil_dtd: Any) -> None:
    evil_dtd.route(f"{name}.xml", xml_attacks(evil_dtd.url("/"))[name], content_type="application/rss+xml")
    url = evil_dtd.url(f"{name}.xml")
    with Store(paths.database_path()) as store:
        store.add_subscription(url)
        async with Fetcher(FAST) as fetcher:
            summary = await refresh_all(store, fetcher)
            loaded = await load_source(url, fetcher)
        assert summary.total == 1
        sub = store.get_subscription(url)
        assert sub is not None and sub.status in ("ok", "error") and (sub.status == "ok" or sub.message)
        rows = store.list_rows(0, 50)
        _assert_safe_articles([store.get_article(r.id) for r in rows])
    _assert_safe_articles(loaded.articles)
    _assert_dtd_never_fetched(evil_dtd)


@pytest.mark.timeout(2)
@pytest.mark.parametrize("name", OPML_NAMES)
def test_opml_parse_and_import(name: str, evil_dtd: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = opml_attacks(evil_dtd.url("/"))[name]
    try:
        feeds, peak = peak_python_memory(lambda: parse_opml(data))
    except ValueError as error:  # reported broken: one line, no expansion
        assert "\n" not in str(error) and len(str(error)) < 300
        feeds = []
    else:
        assert peak < 100 * MB
    for url, title in feeds:
        for leak in LEAKS:
            assert leak not in f"{url} {title}"
    path = tmp_path / f"{name}.opml"
    path.write_bytes(data)
    code = cli(["feeds", "import", str(path)])
    out, err = capsys.readouterr()
    assert code in (0, 1) and len((out + err).strip().splitlines()) == 1
    for leak in LEAKS:
        assert leak not in out + err
    _assert_dtd_never_fetched(evil_dtd)


@pytest.mark.timeout(4)
@pytest.mark.parametrize("name", OPML_NAMES)
async def test_opml_as_a_source(name: str, evil_dtd: Any, tmp_path: Path) -> None:
    path = tmp_path / f"{name}.opml"
    path.write_bytes(opml_attacks(evil_dtd.url("/"))[name])
    result = await load_source(str(path), None)
    assert result.error or result.kind == "opml"
    for leak in LEAKS:
        assert leak not in f"{result.error} {result.feeds}"
    _assert_dtd_never_fetched(evil_dtd)
