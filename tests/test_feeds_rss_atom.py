"""feeds.parse_feed / looks_like_feed on quirky and hostile feeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from ikn_tui.core.feeds.rss_atom import ParsedFeed, looks_like_feed, parse_feed
from ikn_tui.core.feeds.xmlsafe import declaration_end, strip_declarations

FEEDS = Path(__file__).resolve().parent / "fixtures" / "feeds"
SITE = Path(__file__).resolve().parent / "fixtures" / "site"
BASE = "https://umpan.example/rss/feed.xml"


def load(name: str, base: str | None = BASE, charset: str | None = None) -> ParsedFeed:
    return parse_feed((FEEDS / name).read_bytes(), base_url=base, http_charset=charset)


def by_title(parsed: ParsedFeed) -> dict:
    return {a.title: a for a in parsed.articles}


def test_rss20_with_stylesheet_pi_and_comment():
    parsed = load("rss20_stylesheet.xml")
    assert parsed.error is None and parsed.warnings == []
    assert parsed.title == "Kabar Nusantara Timur"
    assert parsed.link == "https://kabar.example/"
    (article,) = parsed.articles
    assert article.title == "Jembatan Baru di Sepaku Mulai Dibangun"
    assert article.url == "https://kabar.example/berita/jembatan-sepaku"
    assert article.guid == "https://kabar.example/berita/jembatan-sepaku"
    assert article.published == "2025-06-16T20:15:00+08:00"
    assert article.author == "Rina Kartika"
    assert article.category == "IKN"  # the first tag
    assert article.source == "Kabar Nusantara Timur"
    assert article.feed_url == BASE
    assert article.summary.startswith("Jembatan sepanjang 120 meter")
    assert article.body == [article.summary]
    assert article.full is False


def test_rss091_with_netscape_doctype():
    parsed = load("rss091.xml")
    assert parsed.error is None
    assert [a.title for a in parsed.articles] == [
        "Perahu Wisata Kembali Beroperasi di Tenggarong", "Kafe & Galeri Dibuka di Samarinda"]
    assert parsed.articles[0].guid == "http://warta.example/perahu.html"  # no guid: the link
    assert parsed.articles[0].published is None


def test_rss10_rdf_with_dc_date():
    parsed = load("rss10_rdf.xml")
    (article,) = parsed.articles
    assert article.title == "Bandara Baru Melayani Penerbangan Perintis"
    assert article.published == "2025-06-18T08:00:00+08:00"
    assert article.author == "Maya Lestari"
    assert article.category == "Transportasi"


def test_atom_full_content_and_markup_title():
    parsed = load("atom.xml")
    articles = by_title(parsed)
    school = articles["Sekolah Terpadu di IKN Terima Murid Baru"]
    assert school.url == "https://umpan.example/2025/06/sekolah-terpadu"  # relative, against the feed URL
    assert school.full is True
    assert len(school.body) == 4
    assert school.summary == "Sekolah terpadu pertama di IKN menerima dua ratus murid."
    assert school.published == "2025-06-19T07:00:00+07:00"
    assert school.author == "Dimas Pratama" and school.category == "Pendidikan"
    assert school.images == ["https://nht.example/img/sekolah.jpg"]
    chili = articles["Harga Cabai di Balikpapan Turun"]
    assert chili.full is False
    assert chili.published == "2025-06-18T10:00:00+00:00"


def test_relative_links_without_base_use_the_feed_link():
    parsed = load("atom.xml", base=None)
    assert by_title(parsed)["Sekolah Terpadu di IKN Terima Murid Baru"].url == "https://nht.example/2025/06/sekolah-terpadu"


def test_quirks():
    parsed = load("quirks.xml")
    assert parsed.error is None
    assert parsed.title == "Kabar & Warta Timur"  # &amp;amp; in the channel title
    titles = [a.title for a in parsed.articles]
    assert titles == [
        "Banjir Surut di Sangatta",  # &#13; inside the title
        "Jalan & Jembatan Diperbaiki",  # double-escaped
        "Bekantan Terlihat di Teluk Balikpapan",  # escaped <b> in the title
        "Tanpa Tanggal dan Tanpa GUID",
        "Relatif dan Tanpa GUID",
        "Tautan Berbahaya",
    ]
    flood, road, monkey, bare, relative, evil = parsed.articles
    assert flood.published == "2025-06-17T06:00:00+07:00"
    assert all("\r" not in p for p in flood.body) and "surut sejak pagi" in " ".join(flood.body)
    assert road.body == ['Perbaikan "jalan poros" dimulai.']
    # escaped HTML followed by a CDATA section in the same description
    assert monkey.body == ["Kelompok bekantan terlihat di hutan bakau.", "Warga diminta tidak memberi makan."]
    assert bare.url is None and bare.published is None
    assert bare.guid.startswith("sha1:") and len(bare.guid) == 45
    assert relative.url == "https://umpan.example/berita/relatif"
    assert relative.guid == relative.url
    assert evil.url is None  # javascript: links are dropped
    assert len({a.guid for a in parsed.articles}) == len(parsed.articles)


def test_title_markup_keeps_words_together():
    data = (b'<rss version="2.0"><channel><item><title>&lt;b&gt;Bek&lt;/b&gt;antan&lt;br&gt;Sungai &amp;amp;amp; Teluk'
            b"</title><link>https://x.example/1</link></item></channel></rss>")
    assert parse_feed(data).articles[0].title == "Bekantan Sungai & Teluk"


def test_missing_guid_hash_is_stable():
    first = load("quirks.xml").articles[3].guid
    assert load("quirks.xml").articles[3].guid == first


def test_duplicate_guids():
    parsed = load("duplicate_guids.xml")
    assert [a.title for a in parsed.articles] == ["Pelabuhan Kariangau Diperluas", "Kapal Feri Tambahan Beroperasi"]
    guids = [a.guid for a in parsed.articles]
    assert guids[0] == "same" and guids[1].startswith("same#") and len(set(guids)) == 2
    assert [str(w) for w in parsed.warnings] == ["duplicate entries skipped: 1", "entries that shared a guid (made unique): 1"]


def test_media_and_enclosure_images():
    (article,) = load("media_images.xml").articles
    assert article.images == [
        "https://foto.example/img/manggar.jpg",
        "https://foto.example/img/manggar-3.jpg",
        "https://foto.example/img/manggar-2.jpg",  # the <img> in the description, resolved
    ]


@pytest.mark.parametrize("charset", [None, "iso-8859-1", "utf-8"])
def test_latin1_label_with_smart_quotes(charset):
    parsed = load("latin1_smart_quotes.xml", charset=charset)
    assert parsed.title == "Café Kaltim"
    assert parsed.articles[0].title == "“Kopi Robusta” dari Kutai Barat"
    assert parsed.articles[0].body == ["Kopi – kata warga – makin dikenal."]


def test_declared_cp1252_but_utf8_content():
    parsed = load("mislabelled_utf8.xml")
    assert parsed.articles[0].title == "Café “Tepian” Dibuka"


def test_utf16_with_bom_and_conflicting_header():
    parsed = load("utf16_bom.xml", charset="iso-8859-1")
    assert parsed.error is None
    assert parsed.articles[0].title == "Jembatan Baru Ê di Sepaku Mulai Dibangun"


def test_html_page_is_not_a_feed():
    parsed = parse_feed((FEEDS / "html_page.html").read_bytes(), base_url=BASE)
    assert str(parsed.error) == "not a feed: looks like an HTML page"
    assert parsed.articles == []


@pytest.mark.parametrize("data", [b"", b"   \n", b"\xef\xbb\xbf  ", b'<?xml version="1.0"?>\n'])
def test_empty_body(data):
    assert str(parse_feed(data).error) == "empty feed body"


def test_plain_text_is_not_a_feed():
    assert str(parse_feed((FEEDS / "not_xml.txt").read_bytes()).error).startswith("not a feed")


def test_feed_without_entries_is_valid():
    parsed = load("empty_channel.xml")
    assert parsed.error is None
    assert parsed.title == "Umpan Baru" and parsed.articles == []
    assert [str(w) for w in parsed.warnings] == ["feed has no entries"]


def test_garbage_never_raises():
    for data in (b"<rss", b"<rss><channel><item><title>x", b"\x00\x01\x02<feed>", b"<<<>>>&&&;", bytes(range(256))):
        result = parse_feed(data)
        assert isinstance(result, ParsedFeed)
        assert result.error is None or "\n" not in str(result.error)


def test_truncated_feed_keeps_entries_with_a_warning():
    data = (FEEDS / "rss20_stylesheet.xml").read_bytes()
    parsed = parse_feed(data[: data.index(b"</item>") + 7])
    assert parsed.error is None
    assert parsed.articles[0].title == "Jembatan Baru di Sepaku Mulai Dibangun"
    assert parsed.warnings and "well-formed" in str(parsed.warnings[0])


def test_huge_title_and_description_are_capped():
    title = "Judul " * 200_000  # ~1.2 MB
    description = "<p>kata kata kata kata</p>" * 200_000  # ~5 MB
    data = (f'<rss version="2.0"><channel><title>t</title><item><title>{title}</title>'
            f"<link>https://x.example/1</link><description><![CDATA[{description}]]></description>"
            "</item></channel></rss>").encode()
    (article,) = parse_feed(data).articles
    assert len(article.title) <= 500 and article.title.endswith("…")
    assert sum(len(p) for p in article.body) < 1_000_000


def test_escape_sequences_are_removed():
    data = ('<rss version="2.0"><channel><title>Kabar\x1b]52;c;aGk=\x07 Timur</title><item>'
            "<title>Judul &#x1b;[31mmerah&#x1b;[0m \u202eterbalik</title><link>https://x.example/1</link>"
            "</item></channel></rss>").encode()
    parsed = parse_feed(data)
    text = parsed.articles[0].title + (parsed.title or "")
    assert "\x1b" not in text and "\u202e" not in text
    assert "merah" in parsed.articles[0].title


# --------------------------------------------------------------------------- XML bombs


def _assert_safe(parsed: ParsedFeed) -> None:
    everything = repr(parsed)
    assert "root:" not in everything and "/bin/" not in everything  # no /etc/passwd content
    assert len(everything) < 200_000


def test_billion_laughs():
    parsed = load("billion_laughs.xml")
    _assert_safe(parsed)
    assert [a.url for a in parsed.articles] == ["https://bom.example/1"]
    assert "unsafe DTD entity declarations ignored" in [str(w) for w in parsed.warnings]


def test_quadratic_blowup():
    entity = "A" * 20_000
    data = (f'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY a "{entity}">]>\n'
            f'<rss version="2.0"><channel><title>t</title><item><title>q</title><link>https://q.example/1</link>'
            f"<description>{'&a;' * 20_000}</description></item></channel></rss>").encode()
    parsed = parse_feed(data)
    _assert_safe(parsed)
    assert parsed.articles[0].title == "q"
    assert entity not in "".join(parsed.articles[0].body)


def test_xxe_system_entity_and_parameter_entity():
    parsed = load("xxe_system.xml")
    _assert_safe(parsed)
    assert parsed.articles[0].url == "https://xxe.example/1"


def test_external_dtd():
    parsed = load("external_dtd.xml")
    _assert_safe(parsed)
    assert parsed.articles[0].title.startswith("Entitas")


def test_bomb_hidden_after_a_comment_and_in_lowercase():
    data = (b'<?xml version="1.0"?><!-- <a href="x"> --><!doctype rss [<!entity x SYSTEM "file:///etc/passwd">'
            b'<!ENTITY y "]>">]><rss version="2.0"><channel><title>t</title><item><title>&x;&y;</title>'
            b"<link>https://h.example/1</link></item></channel></rss>")
    parsed = parse_feed(data)
    _assert_safe(parsed)
    assert parsed.articles[0].url == "https://h.example/1"


def test_declaration_scanner():
    data = b'<!DOCTYPE x [<!ENTITY a "]>"><!-- ]> --><!ENTITY b \'>\'>]><rss/>'
    assert data[declaration_end(data, 0):] == b"<rss/>"
    assert strip_declarations(b'<!DOCTYPE html><p>x</p>') == (b"<p>x</p>", False)
    unterminated = b'<!DOCTYPE x [<!ENTITY a "never closed><rss/>'
    assert declaration_end(unterminated, 0) == unterminated.index(b">") + 1
    # many unterminated starts stay linear (this would hang with a backtracking regex)
    _stripped, unsafe = strip_declarations(b"<!ENTITY '" * 20_000)
    assert unsafe


# --------------------------------------------------------------------------- sniffing


@pytest.mark.parametrize("name", ["rss20_stylesheet.xml", "rss091.xml", "rss10_rdf.xml", "atom.xml", "utf16_bom.xml",
                                  "billion_laughs.xml", "latin1_smart_quotes.xml"])
def test_looks_like_feed(name):
    assert looks_like_feed((FEEDS / name).read_bytes())


@pytest.mark.parametrize("data", [b"", b"<html><body><rss></rss></body></html>", b"{\"version\": \"jsonfeed\"}",
                                  b'<?xml version="1.0"?><opml version="2.0"/>', b"just text"])
def test_does_not_look_like_feed(data):
    assert not looks_like_feed(data)


def test_looks_like_feed_after_big_doctype():
    data = b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "' + b"A" * 20_000 + b'">]><rss version="2.0"/>'
    assert looks_like_feed(data)


# --------------------------------------------------------------------------- the fixture site


def test_site_feed_is_summary_only():
    parsed = parse_feed((SITE / "feed.xml").read_bytes(), base_url="http://127.0.0.1:9/feed.xml")
    assert parsed.title == "Kabar Nusantara Timur"
    assert len(parsed.articles) == 5
    assert all(not a.full and a.url.startswith("http://127.0.0.1:9/berita/") for a in parsed.articles)
    mangrove = by_title(parsed)["Taman Mangrove Balikpapan Dibuka untuk Umum Akhir Pekan Ini"]
    assert mangrove.body == ["Jalur papan sepanjang satu kilometer membelah hutan bakau di tepi Teluk Balikpapan."]
    assert mangrove.images == ["http://127.0.0.1:9/img/mangrove.jpg"]


def test_site_full_feed_has_bodies_and_related():
    parsed = parse_feed((SITE / "full.xml").read_bytes(), base_url="http://127.0.0.1:9/full.xml")
    villages = parsed.articles[0]
    assert villages.full is True
    assert len(villages.body) >= 5
    assert not any("Baca juga" in p for p in villages.body)
    assert [r.url for r in villages.related] == ["http://127.0.0.1:9/berita/rute-bus-listrik-ikn.html"]
    assert villages.summary.startswith("Pemkab Penajam Paser Utara")


def test_site_feed_over_http(news_site):
    from ikn_tui.core.fetch.client import fetch_sync

    fetched = fetch_sync(news_site.url("old"))
    parsed = parse_feed(fetched.content, base_url=fetched.final_url, http_charset=fetched.charset)
    assert parsed.error is None
    assert parsed.articles[0].url == news_site.url("berita/festival-kuliner-kukar.html")
    page = fetch_sync(parsed.articles[0].url)
    assert page.ok and b"Festival Kuliner Kukar" in page.content
