"""The 5 real feeds in ../shared/real-world/feeds: every item listed, with the
right title, date and author.

Each feed is read a second way, with the standard library (ElementTree and
``email.utils``), and every item compared; a few items are also checked
against what we read in the files by eye. Skips where ../shared is absent.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest

from ikn_tui.core.models import Article
from ikn_tui.core.sources import load_path
from ikn_tui.core.text import short_wib

FEEDS = Path(__file__).resolve().parents[2] / "shared" / "real-world" / "feeds"

pytestmark = pytest.mark.skipif(not FEEDS.is_dir(), reason="../shared/real-world is not here")

NAMES = {
    "antara-terkini-2017.xml": 20,
    "detik-news-feedsportal-2014.xml": 25,
    "tempo-rss-2017.xml": 50,
    "tempo-hukum-derived-2026.xml": 9,
    "tempo-ekonomi-derived-2026.xml": 9,
}


def _articles(name: str) -> list[Article]:
    result = load_path(FEEDS / name)
    assert result.error is None, result.error
    assert result.kind == "feed"
    return result.articles


def _reference(name: str) -> list[tuple[str, datetime, str | None]]:
    """(title, pubDate, author) of each <item>, read with the standard library."""
    items = []
    for item in ET.parse(FEEDS / name).getroot().iter("item"):
        title = " ".join((item.findtext("title") or "").split())
        author = item.findtext("author") or item.findtext("{http://purl.org/dc/elements/1.1/}creator")
        items.append((title, parsedate_to_datetime(item.findtext("pubDate") or ""), author))
    return items


def test_the_five_feeds_are_here() -> None:
    assert sorted(p.name for p in FEEDS.glob("*.xml")) == sorted(NAMES)


@pytest.mark.parametrize("name", sorted(NAMES))
def test_every_item_with_its_title_date_and_author(name: str) -> None:
    articles = _articles(name)
    reference = _reference(name)
    assert len(articles) == len(reference) == NAMES[name]
    for article, (title, when, author) in zip(articles, reference, strict=True):
        if "â€" in title or "Ã" in title:
            assert "â€" not in article.title and "Ã" not in article.title  # repaired, below
        else:
            assert article.title == title
        assert article.published is not None
        assert datetime.fromisoformat(article.published) == when, article.title
        assert article.author == author  # none of the five names one: nothing invented
        assert article.url and article.url.startswith("http")


def test_items_read_by_eye() -> None:
    antara = _articles("antara-terkini-2017.xml")
    assert antara[0].title == "Orang Korea lebih senang streaming musik"
    assert short_wib(antara[0].published) == "2017-04-17 09:45"
    assert antara[-1].title == "Jabodetabek berpotensi hujan petir"

    detik = _articles("detik-news-feedsportal-2014.xml")
    assert detik[0].title == "Perjalanan iPod Nurhadi, dari Amerika hingga Disita KPK"
    # "Tue, 29 Apr 2014 01:10:40 GMT" is real UTC here: the item's URL says 08:05:40 WIB (written), 08:10 published
    assert short_wib(detik[0].published) == "2014-04-29 08:10"
    # two items share a title (a correction re-sent 4 minutes later): both listed
    assert [a.title for a in detik].count("Setor Miliran ke CV Ratu, Anak Buah Wawan Tak Tahu Barang Pembelian") == 2

    tempo = _articles("tempo-rss-2017.xml")
    assert tempo[0].title == "Ada Drone Intai Teluk Bintuni, Kodam akan Bangun Detasemen Rudal"  # CDATA, tabs
    assert short_wib(tempo[0].published) == "2017-04-06 10:39"
    loreal = next(a for a in tempo if "Oreal" in a.title)
    assert loreal.title == "Teknik Tampilan Natural, Segar, dan Tajam dari L\u2019Oreal Infallible"  # was "Lâ€™Oreal"
    assert "L\u2019Or\u00e9al Paris" in (loreal.summary or "")

    hukum = _articles("tempo-hukum-derived-2026.xml")
    assert hukum[0].title == "Modus Dadan Hindayana dan Elite BGN dalam Korupsi Proyek MBG"
    assert short_wib(hukum[0].published) == "2026-06-07 15:00"
    ekonomi = _articles("tempo-ekonomi-derived-2026.xml")
    assert ekonomi[-1].title == "Mandat Baru BI dalam UU P2SK: Menciptakan Lapangan Kerja"
    assert short_wib(ekonomi[-1].published) == "2026-06-07 06:00"


def test_every_item_is_kept_by_a_real_store(tmp_path: Path) -> None:
    from ikn_tui.core.store import Store

    store = Store(tmp_path / "ikn-read.sqlite3")
    try:
        for name in NAMES:
            store.upsert_articles(_articles(name), feed_url=f"file://{FEEDS / name}")
        for name, count in NAMES.items():
            assert store.count_articles(feed_url=f"file://{FEEDS / name}") == count, name
        rows = store.list_rows(limit=500)
        assert len(rows) == sum(NAMES.values())
        assert any(r.title.endswith("L\u2019Oreal Infallible") for r in rows)
    finally:
        store.close()
