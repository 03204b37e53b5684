"""The lxml fast path for RSS 2.0 gives exactly what feedparser gives."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from ikn_tui.core.feeds.rss_atom import parse_feed
from ikn_tui.core.feeds.rss_fast import parse_rss
from ikn_tui.core.feeds.xmlsafe import prepare_xml
from ikn_tui.core.refresh.pool import FeedParsers
from ikn_tui.core.text.decode import decode_bytes

FIXTURES = Path(__file__).parent / "fixtures"
FEEDS = sorted((FIXTURES / "feeds").iterdir()) + sorted((FIXTURES / "site").glob("*.xml"))
BASE = "https://kabar.example/feed.xml"

RICH_RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/"
     xmlns:atom="http://www.w3.org/2005/Atom" xmlns:slash="http://purl.org/rss/1.0/modules/slash/">
<channel>
<title>Kabar Etam &amp; Sekitarnya</title>
<link>https://kabar.example/?a=1&amp;b=2</link>
<atom:link href="https://kabar.example/feed.xml" rel="self" type="application/rss+xml"/>
<description>Berita Kaltim</description>
<item>
  <title>Jalan tol IKN &lt;b&gt;dibuka&lt;/b&gt; &amp;amp; ramai</title>
  <link>/berita/1?x=1&amp;amp;y=2</link>
  <guid isPermaLink="false">kabar-1</guid>
  <pubDate>Senin, 16 Jun 2025 20:15 WIB</pubDate>
  <category></category>
  <category>Regional</category>
  <dc:creator>Redaksi Kabar</dc:creator>
  <slash:comments>3</slash:comments>
  <comments>https://kabar.example/berita/1#komentar</comments>
  <media:content url="https://kabar.example/img/1.jpg" medium="image"/>
  <media:thumbnail>https://kabar.example/img/1-kecil.jpg</media:thumbnail>
  <enclosure url="https://kabar.example/img/1b.jpg" type="image/jpeg" length="1"/>
  <description><![CDATA[<p>Ringkasan pendek tentang jalan tol.</p>]]></description>
  <content:encoded><![CDATA[<p>Paragraf pertama yang cukup panjang tentang jalan tol di IKN.</p>
  <p><strong>Baca juga:</strong> <a href="https://kabar.example/berita/2">Bendungan Sepaku</a></p>
  <p>Paragraf kedua.</p>]]></content:encoded>
</item>
<item>
  <title></title>
  <title>Judul kedua</title>
  <guid>https://kabar.example/berita/3</guid>
  <content:encoded><![CDATA[<p>Hanya isi, tanpa deskripsi.</p>]]></content:encoded>
  <dc:date>2025-06-16T08:00:00+08:00</dc:date>
</item>
</channel>
</rss>
"""


def _fast_used(data: bytes) -> bool:
    safe, _ = prepare_xml(decode_bytes(data, None, kind="xml"))
    return parse_rss(safe) is not None


@pytest.mark.parametrize("path", FEEDS, ids=lambda p: p.name)
def test_fast_path_matches_feedparser_on_fixtures(path: Path) -> None:
    data = path.read_bytes()
    assert parse_feed(data, BASE, fast=True) == parse_feed(data, BASE, fast=False)


def test_fast_path_is_taken_for_plain_rss20() -> None:
    taken = {p.name for p in FEEDS if _fast_used(p.read_bytes())}
    assert {"feed.xml", "full.xml", "media_images.xml", "duplicate_guids.xml"} <= taken
    # ...and not for what it does not model
    assert not {"atom.xml", "rss10_rdf.xml", "html_page.html", "not_xml.txt"} & taken


def test_rich_rss_item_matches_feedparser() -> None:
    data = RICH_RSS.encode("utf-8")
    assert _fast_used(data)
    fast = parse_feed(data, BASE, fast=True)
    slow = parse_feed(data, BASE, fast=False)
    assert fast == slow
    first, second = fast.articles
    assert first.title == "Jalan tol IKN dibuka & ramai"
    assert first.url == "https://kabar.example/berita/1?x=1&y=2"
    assert first.category == "Regional"  # an empty category is skipped, as feedparser does
    assert [r.url for r in first.related] == ["https://kabar.example/berita/2"]
    assert second.title == "Judul kedua"
    assert second.url == "https://kabar.example/berita/3"  # a permalink guid is the link


@pytest.mark.parametrize(
    "change",
    [
        ("<comments>", "<unknown>", "</comments>", "</unknown>"),  # an element it does not model
        ("<dc:creator>Redaksi Kabar", "<dc:creator>redaksi@kabar.example (Redaksi)", "", ""),
        ("<description>Berita Kaltim</description>", "<description>Berita Kaltim</description>"
         '<itunes:author xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">x</itunes:author>', "", ""),
        ("<pubDate>Senin, 16 Jun 2025 20:15 WIB", "<pubDate>kemarin sore", "", ""),
        ('version="2.0"', 'version="2.0" xml:base="https://lain.example/"', "", ""),
        ("&amp;amp; ramai", "&nbsp; ramai", "", ""),  # not well-formed: feedparser's lenient parser
    ],
)
def test_falls_back_to_feedparser(change: tuple[str, str, str, str]) -> None:
    text = RICH_RSS.replace(change[0], change[1], 1)
    if change[2]:
        text = text.replace(change[2], change[3], 1)
    data = text.encode("utf-8")
    assert not _fast_used(data)
    assert parse_feed(data, BASE, fast=True) == parse_feed(data, BASE, fast=False)


def test_process_pool_parses_like_a_thread() -> None:
    data = (FIXTURES / "site" / "feed.xml").read_bytes()

    async def run() -> list:
        parsers = FeedParsers(feeds=50)
        try:
            return await asyncio.gather(*(parsers.parse(data, BASE, None) for _ in range(3)))
        finally:
            parsers.shutdown()

    results = asyncio.run(run())
    assert results[0].articles
    assert all(result == parse_feed(data, BASE) for result in results)
