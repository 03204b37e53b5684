"""5. Broken feeds and 6. encodings: readable text or one clear line, never a crash."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from corpus import (
    BAD_DATES,
    assert_terminal_safe,
    broken_feeds,
    dated_feed,
    duplicate_guid_feed,
    encoding_cases,
    item,
    missing_fields_feed,
    readable,
    rss,
)

from ikn_tui.core import paths
from ikn_tui.core.feeds.rss_atom import parse_feed
from ikn_tui.core.fetch.client import Fetcher, NetConfig
from ikn_tui.core.refresh import refresh_all
from ikn_tui.core.sources import load_path, parse_document
from ikn_tui.core.store.database import Store

BROKEN = broken_feeds()
ENCODINGS = encoding_cases()
FAST = NetConfig(connect_timeout=1.0, read_timeout=1.0, deadline=2.0, max_bytes=1024 * 1024)


def _one_line(what: object) -> None:
    message = str(what) if what else ""
    assert message and "\n" not in message and len(message) <= 400 and "Traceback" not in message
    assert_terminal_safe(message)


# --------------------------------------------------------------------------- 5. broken feeds


@pytest.mark.timeout(2)
@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_feed(name: str, tmp_path: Path) -> None:
    data, expected = BROKEN[name]
    parsed = parse_feed(data, base_url="https://kaltim.contoh.example/rss")
    if expected == "error":
        _one_line(parsed.error)
        assert not parsed.articles
    elif expected == "articles":
        assert parsed.error is None, parsed.error
        assert parsed.articles
    elif expected == "empty":
        assert parsed.error is None and parsed.articles == []
    else:
        assert parsed.error is None or not parsed.articles
        if parsed.error:
            _one_line(parsed.error)
    for article in parsed.articles:
        assert article.title and article.guid
        assert_terminal_safe(article.title)
    for warning in parsed.warnings:
        _one_line(warning)
    # The same bytes as a file SOURCE: never a crash, one line naming it when unreadable.
    path = tmp_path / f"{name}.xml"
    path.write_bytes(data)
    result = load_path(path)
    if result.error:
        _one_line(result.error)
        assert path.name in str(result.error)


def test_bozo_but_fine_feeds_import_with_a_warning() -> None:
    parsed = parse_feed(BROKEN["stray_ampersand"][0])
    assert [a.title for a in parsed.articles][:1] == ["Kutai & Berau"]
    assert parsed.warnings  # lenient parsing is said, not hidden


def test_missing_guid_title_and_dates() -> None:
    parsed = parse_feed(missing_fields_feed(), base_url="https://kaltim.contoh.example/rss")
    assert parsed.error is None
    titles = [a.title for a in parsed.articles]
    assert "Hanya isi tanpa judul." in titles  # no title: the summary stands in
    assert "Tanpa tautan dan guid" in titles and "Tanpa tanggal" in titles
    guids = [a.guid for a in parsed.articles]
    assert all(guids) and len(set(guids)) == len(guids)
    assert next(a for a in parsed.articles if a.title == "Tanpa tanggal").published is None
    again = parse_feed(missing_fields_feed(), base_url="https://kaltim.contoh.example/rss")
    assert [a.guid for a in again.articles] == guids  # stable across fetches


def test_duplicate_guids_are_kept_apart_and_exact_repeats_dropped() -> None:
    parsed = parse_feed(duplicate_guid_feed())
    urls = [a.url for a in parsed.articles]
    assert sorted(urls) == sorted(set(urls)) and len(urls) == 3
    assert len({a.guid for a in parsed.articles}) == 3
    with Store(paths.database_path()) as store:
        store.upsert_articles(parsed.articles, feed_url="https://kaltim.contoh.example/rss")
        assert store.count_articles() == 3


@pytest.mark.timeout(10)
async def test_guid_changing_on_every_fetch_does_not_pile_up(http_server: Any) -> None:
    counter = itertools.count()

    def answer(_request: Any) -> bytes:
        fetch = next(counter)
        return rss(item(n, guid=f"acak-{fetch}-{n}") for n in range(5))

    http_server.route("rss", handler=answer, content_type="application/rss+xml")
    url = http_server.url("rss")
    with Store(paths.database_path()) as store:
        store.add_subscription(url)
        async with Fetcher(FAST) as fetcher:
            for _ in range(3):
                summary = await refresh_all(store, fetcher)
                assert summary.ok == 1
        assert next(counter) == 3  # three real fetches happened
        assert store.count_articles() == 5


@pytest.mark.timeout(10)
async def test_future_dates_do_not_sort_above_everything(http_server: Any) -> None:
    """Decision (see SECURITY.md): a date more than a day ahead is not believed.
    The article keeps no date and sorts by when it was first seen."""
    soon = (datetime.now(UTC) + timedelta(hours=2)).strftime("%a, %d %b %Y %H:%M:%S +0000")
    first = dated_feed({"tahun 2099": "Thu, 01 Jan 2099 00:00:00 +0700", "segera": soon,
                        "lama": "Mon, 16 Jun 2025 10:00:00 +0700"})
    http_server.route("rss", first, content_type="application/rss+xml")
    url = http_server.url("rss")
    with Store(paths.database_path()) as store:
        store.add_subscription(url)
        async with Fetcher(FAST) as fetcher:
            await refresh_all(store, fetcher)
            future = store.find_by_url("https://kaltim.contoh.example/berita/0")
            assert future is not None and future.published is None
            near = store.find_by_url("https://kaltim.contoh.example/berita/1")
            assert near is not None and near.published is not None  # a little ahead is fine (clock skew)
            # A later article, dated now, arrives: it must sort above the 2099 one.
            now = datetime.now(UTC).strftime("%a, %d %b %Y %H:%M:%S +0000")
            http_server.route("rss", first.replace(b"</channel>", item(9, title="Kabar terbaru", date=now).encode()
                                                   + b"</channel>"), content_type="application/rss+xml")
            await refresh_all(store, fetcher)
        titles = [row.title for row in store.list_rows(0, 10)]
    assert titles.index("Kabar terbaru") < titles.index("Kabar tahun 2099")


@pytest.mark.parametrize("date", BAD_DATES)
def test_unparseable_dates_keep_the_article(date: str) -> None:
    parsed = parse_feed(rss([item(1, date=date or None), item(2)]))
    assert parsed.error is None and len(parsed.articles) == 2
    assert parsed.articles[0].published is None or parsed.articles[0].published.startswith("2025")
    assert_terminal_safe(parsed.articles[0].published)


# --------------------------------------------------------------------------- 6. encodings


@pytest.mark.timeout(2)
@pytest.mark.parametrize("name", sorted(ENCODINGS))
def test_encodings_give_readable_text(name: str) -> None:
    data, charset, expected = ENCODINGS[name]
    parsed = parse_feed(data, http_charset=charset)
    assert parsed.error is None, parsed.error
    [article] = parsed.articles
    assert readable(article.title), article.title
    assert expected in article.title, f"{expected!r} not in {article.title!r}"
    assert_terminal_safe(article.title)
    result = parse_document(data, name, base_url="https://kaltim.contoh.example/rss", http_charset=charset)
    assert not result.error and readable(result.articles[0].title)


@pytest.mark.parametrize("charset", ["utf-8", "iso-8859-1", "utf-16", "shift_jis", "utf-7", None])
def test_random_bytes_in_any_charset_never_crash(charset: str | None) -> None:
    import random

    rng = random.Random(4)
    for _ in range(30):
        blob = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 400)))
        for data in (blob, rss([item(1)]).replace(b"Kabar", blob[:40])):
            parsed = parse_feed(data, http_charset=charset)
            assert parsed.error or parsed.articles or parsed.articles == []
            for article in parsed.articles:
                assert_terminal_safe(article.title)
