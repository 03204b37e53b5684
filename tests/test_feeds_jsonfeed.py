"""JSON Feed 1.0 / 1.1 parsing."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from ikn_tui.core.feeds.jsonfeed import looks_like_json_feed, parse_json_feed
from ikn_tui.core.models import RelatedLink

FIXTURES = Path(__file__).parent / "fixtures" / "jsonfeed"
FEED_URL = "https://wartabenua.example/feed.json"


def _read(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


@pytest.fixture
def parsed():
    return parse_json_feed(_read("warta_benua_1_1.json"), base_url=FEED_URL)


def test_feed_title_and_item_count(parsed) -> None:
    title, articles = parsed
    assert title == "Warta Benua – Kabar Kaltim"
    # the string item and the empty object are skipped
    assert len(articles) == 5


def test_html_item(parsed) -> None:
    article = parsed[1][0]
    assert article.title == "Dermaga Baru di Sepaku Dibuka untuk Perahu Nelayan"
    assert article.url == "https://wartabenua.example/2025/06/dermaga-baru-sepaku"  # resolved
    assert article.guid == "https://wartabenua.example/?p=101"
    assert article.author == "Rina Maharani, Dimas Prasetyo"
    assert article.published == "2025-06-16T20:15:00+07:00"
    assert article.category == "Kabar Daerah"
    assert article.summary == "Dermaga kayu baru memperpendek perjalanan nelayan ke pasar."
    assert article.source == "Warta Benua – Kabar Kaltim"
    assert article.feed_url == FEED_URL
    assert article.full is True
    assert article.body == [
        "Dermaga kayu sepanjang enam puluh meter di tepi sungai Sepaku resmi dibuka pada Senin pagi "
        "dan langsung dipakai puluhan perahu nelayan.",
        "Kepala desa berharap dermaga itu memperpendek waktu tempuh warga ke pasar kecamatan.",
    ]
    assert article.related == [
        RelatedLink("Pasar Ikan Sepaku Diperluas", "https://wartabenua.example/2025/06/pasar-ikan-sepaku", 1)
    ]
    assert article.images[0] == "https://wartabenua.example/img/dermaga-besar.jpg"
    assert "https://wartabenua.example/img/dermaga.jpg" in article.images


def test_text_item_with_1_0_author(parsed) -> None:
    article = parsed[1][1]
    assert article.guid == "102"
    assert article.author == "Yohana Lestari"
    assert article.published == "2025-06-16T13:15:00+00:00"
    assert article.body == [
        "Kelompok tani memanen jagung pertama dari lahan bekas tambang.",
        "Hasilnya empat ton per hektare, lebih tinggi dari perkiraan.",
    ]
    assert article.full is True
    assert article.category is None


def test_summary_only_item_is_not_full(parsed) -> None:
    article = parsed[1][2]
    assert article.guid == "103"  # numeric id as text
    assert article.full is False
    assert article.body == ["Ringkasan singkat tanpa isi lengkap."]
    assert article.published == "2025-06-16T08:00:00+08:00"
    assert article.author == "Redaksi Warta Benua"  # feed-level authors


def test_untitled_item_gets_title_and_guid(parsed) -> None:
    article = parsed[1][3]
    assert article.title == "Berita tanpa judul dan tanpa alamat, hanya isi teks."
    assert article.url is None
    assert article.published is None
    assert article.guid and article.guid.startswith("sha1:")


def test_duplicate_ids_are_made_unique(parsed) -> None:
    guids = [a.guid for a in parsed[1]]
    assert len(set(guids)) == len(guids)
    assert guids[4].startswith("https://wartabenua.example/?p=101#")


def test_version_1_0_escaped_slashes_and_sanitising() -> None:
    data = _read("versi_1_0.json")
    assert looks_like_json_feed(data)
    title, [article] = parse_json_feed(data)
    assert title == "Kabar Mahakam"  # escape sequences removed
    assert article.title == "Sungai Mahakam Surut & Kapal Tertahan"  # BiDi removed, entity decoded
    assert article.author == "Tim Kabar Mahakam"
    assert article.url == "https://kabarmahakam.example/a1"
    assert all("alert" not in p for p in article.body)
    assert article.body == ["Kapal tongkang tertahan di hulu karena air sungai surut.", "Warga diminta berhati-hati."]
    assert article.feed_url is None


def test_fallback_when_html_extract_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "ikn_tui.core.extract.page", None)  # import now fails
    _, articles = parse_json_feed(_read("warta_benua_1_1.json"), base_url=FEED_URL)
    body = articles[0].body
    assert body[0].startswith("Dermaga kayu sepanjang")
    assert body[-1].startswith("Kepala desa berharap")
    assert all("<" not in p for p in body)


def test_fallback_when_extraction_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    import ikn_tui.core.extract.page as html_extract

    def boom(html: str, base_url: str | None = None):
        raise RuntimeError("extractor bug")

    monkeypatch.setattr(html_extract, "extract_fragment", boom)
    _, articles = parse_json_feed(_read("warta_benua_1_1.json"), base_url=FEED_URL)
    assert articles[0].body[0].startswith("Dermaga kayu sepanjang")


def test_items_with_odd_types_do_not_crash() -> None:
    doc = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": ["not", "a", "string"],
        "items": [
            {"id": None, "title": 42, "url": ["x"], "content_html": {"a": 1}, "content_text": "Isi berita.",
             "tags": "bukan daftar", "authors": "Nama Saja", "date_published": 20250616, "image": 7},
            {"title": "Tautan berbahaya", "url": "javascript:alert(1)", "content_text": "Isi."},
        ],
    }
    title, articles = parse_json_feed(json.dumps(doc).encode())
    assert title is None
    assert articles[0].title == "42"
    assert articles[0].url is None and articles[0].category is None and articles[0].images == []
    assert articles[0].author == "Nama Saja"
    assert articles[0].body == ["Isi berita."]
    assert articles[1].url is None


def test_bom_and_utf16_are_read() -> None:
    doc = {"version": "https://jsonfeed.org/version/1", "title": "Ü", "items": [{"id": "1", "content_text": "x"}]}
    text = json.dumps(doc, ensure_ascii=False)
    for data in (b"\xef\xbb\xbf" + text.encode("utf-8"), text.encode("utf-16")):
        assert looks_like_json_feed(data)
        assert parse_json_feed(data)[0] == "Ü"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"  \n ", "empty"),
        (b"{not json", "broken JSON"),
        (b"[1, 2]", "not an object"),
        (b'"text"', "not an object"),
        (b'{"name": "bukan feed"}', "no jsonfeed.org version"),
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": {}}', '"items"'),
        (b"[" * 100_000 + b"]" * 100_000, "JSON"),
    ],
)
def test_not_a_json_feed_raises_one_line(data: bytes, reason: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_json_feed(data)
    message = str(info.value)
    assert message.startswith("not a JSON Feed")
    assert reason in message
    assert "\n" not in message


def test_rejects_bukan_feed_fixture() -> None:
    data = _read("bukan_feed.json")
    assert not looks_like_json_feed(data)
    with pytest.raises(ValueError):
        parse_json_feed(data)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": []}', True),
        (b'  {"version":"https:\\/\\/jsonfeed.org\\/version\\/1"}', True),
        (b'{"title": "x", "version": "http://jsonfeed.org/version/1"}', True),
        (b'{"version": "2.0", "items": []}', False),
        (b'[{"version": "https://jsonfeed.org/version/1.1"}]', False),
        (b'<?xml version="1.0"?><rss/>', False),
        (b"<opml/>", False),
        (b"", False),
        (b"Judul berita\n\nIsi berita panjang", False),
    ],
)
def test_looks_like_json_feed(data: bytes, expected: bool) -> None:
    assert looks_like_json_feed(data) is expected
