"""OPML: safe parsing, nested outlines, dedupe, export and round trip."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from ikn_tui.core.feeds.opml import export_opml, looks_like_opml, parse_opml

FIXTURES = Path(__file__).parent / "fixtures" / "opml"


def _read(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def test_parse_nested_deduped_in_order() -> None:
    feeds = parse_opml(_read("langganan.opml"))
    assert feeds == [
        ("https://wartabenua.id/feed/", "Warta Benua"),
        ("https://kabarsepaku.example/rss.xml", "Kabar Sepaku & Sekitarnya"),
        ("http://suaramahakam.example/atom", "Suara Mahakam"),  # title wins over text
        ("http://pelabuhan.example/feed", "Skema feed"),  # feed:// -> http://
        ("https://tanpajudul.example/rss", "Tanpa judul"),  # lower-case xmlurl
        ("https://hanyaurl.example/rss", None),
    ]
    # javascript:, file:, blank and page-only outlines are not feeds
    assert not any(url.startswith(("javascript", "file")) for url, _ in feeds)


def test_bare_ampersands_are_repaired_not_mangled() -> None:
    assert parse_opml(_read("rusak_ampersand.opml")) == [
        ("https://ab.example/feed?a=1&b=2", "Berita A & B"),
        ("https://c.example/feed", "Berita C"),
    ]


def test_entity_declarations_are_refused() -> None:
    data = _read("entitas_luar.opml")
    assert looks_like_opml(data)
    with pytest.raises(ValueError, match="entity declarations"):
        parse_opml(data)


def test_entity_declarations_refused_in_utf16_too() -> None:
    data = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE opml [<!ENTITY a "b">]><opml/>'.encode("utf-16")
    with pytest.raises(ValueError, match="entity declarations"):
        parse_opml(data)


def test_utf16_and_namespaced_opml() -> None:
    utf16 = '<opml><body><outline text="Ünal" xmlUrl="https://u.example/"/></body></opml>'.encode("utf-16")
    assert looks_like_opml(utf16)
    assert parse_opml(utf16) == [("https://u.example/", "Ünal")]
    namespaced = b'<x:opml xmlns:x="urn:x"><x:body><x:outline xmlUrl="https://ns.example/"/></x:body></x:opml>'
    assert parse_opml(namespaced) == [("https://ns.example/", None)]


def test_titles_and_urls_are_sanitised() -> None:
    data = (
        b'<opml><body><outline text="Judul&#x1b;[31m Merah &#x202e;balik" '
        b'xmlUrl="  https://s.example/feed  "/></body></opml>'
    )
    [(url, title)] = parse_opml(data)
    assert url == "https://s.example/feed"
    assert title is not None and "\x1b" not in title and "\u202e" not in title


def test_outline_with_type_rss_and_url_attribute() -> None:
    data = b'<opml><body><outline type="rss" text="A" url="https://a.example/rss"/><outline url="https://not-a-feed.example/"/></body></opml>'
    assert parse_opml(data) == [("https://a.example/rss", "A")]


def test_empty_opml_is_an_empty_list() -> None:
    assert parse_opml(b'<?xml version="1.0"?><opml version="2.0"><head/><body/></opml>') == []


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"   \n", "empty"),
        (b"hello", "broken XML"),
        (b'{"version": "https://jsonfeed.org/version/1.1"}', "broken XML"),
        (b"<opml", "broken XML"),
        (b"<html><body><p>hi</p></body></html>", "<html>"),
    ],
)
def test_not_opml_raises_one_line_reason(data: bytes, reason: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_opml(data)
    message = str(info.value)
    assert message.startswith("not OPML")
    assert reason in message
    assert "\n" not in message and "<string>" not in message


def test_rss_is_not_opml() -> None:
    data = _read("bukan_opml.xml")
    assert not looks_like_opml(data)
    with pytest.raises(ValueError, match="<rss>"):
        parse_opml(data)


def test_truncated_opml_keeps_what_it_can() -> None:
    assert parse_opml(b'<opml><body><outline xmlUrl="https://x.example/f"/>') == [("https://x.example/f", None)]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b'<?xml version="1.0"?>\n<opml version="2.0"><body/></opml>', True),
        (b"\xef\xbb\xbf  <opml>", True),
        (b"<?xml version='1.0'?><!-- komentar --><!DOCTYPE opml><opml>", True),
        (b"<!DOCTYPE opml [<!ENTITY a 'b'>]><opml>", True),
        (b"<OPML version='1.0'>", True),
        (b"<rss><channel><title>opml</title></channel></rss>", False),
        (b"<html><body><opml></opml></body></html>", False),
        (b"opml", False),
        (b"", False),
        (b'{"opml": 1}', False),
    ],
)
def test_looks_like_opml(data: bytes, expected: bool) -> None:
    assert looks_like_opml(data) is expected


def test_export_is_valid_opml() -> None:
    text = export_opml(
        [("https://a.example/feed", 'A & "B" <c>'), ("https://b.example/x?a=1&b=2", None)],
        title="Langganan Saya",
    )
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">')
    root = etree.fromstring(text.encode("utf-8"))
    assert root.findtext("head/title") == "Langganan Saya"
    outlines = root.findall("body/outline")
    assert [o.get("xmlUrl") for o in outlines] == ["https://a.example/feed", "https://b.example/x?a=1&b=2"]
    assert outlines[0].get("text") == 'A & "B" <c>'
    assert outlines[1].get("text") == "https://b.example/x?a=1&b=2"  # text is required: the URL
    assert outlines[1].get("title") is None
    assert all(o.get("type") == "rss" for o in outlines)


def test_export_drops_controls_duplicates_and_blank_urls() -> None:
    text = export_opml(
        [("https://a.example/", "ok\x1b[31m\x00"), ("https://a.example/", "dup"), ("  ", "blank"),
         ("https://c.example/\ufffe", None)]
    )
    root = etree.fromstring(text.encode("utf-8"))
    assert [(o.get("xmlUrl"), o.get("title")) for o in root.iter("outline")] == [
        ("https://a.example/", "ok"),
        ("https://c.example/", None),
    ]
    assert "\x1b" not in text


def test_round_trip() -> None:
    feeds = parse_opml(_read("langganan.opml"))
    again = parse_opml(export_opml(feeds).encode("utf-8"))
    assert again == feeds
    assert looks_like_opml(export_opml(feeds).encode("utf-8"))


def test_round_trip_empty() -> None:
    assert parse_opml(export_opml([]).encode("utf-8")) == []
