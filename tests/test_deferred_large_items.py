"""A very large feed item is extracted during the refresh, not deferred: its first
reading would otherwise run the whole extraction on the reader's thread."""

from __future__ import annotations

from ikn_tui.core.feeds.rss_atom import DEFER_MAX_CHARS, parse_feed

PARAGRAPH = "<p>Pembangunan Ibu Kota Nusantara di Kalimantan Timur terus berjalan. " + "Kata " * 60 + "</p>"


def _feed(paragraphs: int) -> bytes:
    body = PARAGRAPH * paragraphs + '<p><strong>Baca Juga: <a href="https://portal.example/b">Berita lain</a></strong></p>'
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Portal</title>'
        "<item><title>Kecil</title><link>https://portal.example/kecil</link>"
        f"<description><![CDATA[{PARAGRAPH}]]></description></item>"
        "<item><title>Besar</title><link>https://portal.example/besar</link><description>Ringkas.</description>"
        f"<content:encoded><![CDATA[{body}]]></content:encoded></item>"
        "</channel></rss>"
    ).encode()


def test_a_large_item_is_extracted_now_and_a_small_one_deferred() -> None:
    paragraphs = DEFER_MAX_CHARS // len(PARAGRAPH) + 2  # just over the limit
    data = _feed(paragraphs)
    deferred = parse_feed(data, "https://portal.example/feed", defer=True)
    at_once = {a.title: a for a in parse_feed(data, "https://portal.example/feed").articles}
    by_title = dict(zip([a.title for a in deferred.articles], deferred.raws, strict=True))
    assert by_title["Kecil"] is not None, "a small item keeps its HTML for later"
    assert by_title["Besar"] is None, "a large item is extracted during the refresh"
    big = next(a for a in deferred.articles if a.title == "Besar")
    assert len(big.body) == paragraphs and big.body == at_once["Besar"].body
    assert [link.title for link in big.related] == ["Berita lain"] == [link.title for link in at_once["Besar"].related]


def test_an_item_just_under_the_limit_is_still_deferred() -> None:
    paragraphs = DEFER_MAX_CHARS // len(PARAGRAPH) - 2
    deferred = parse_feed(_feed(paragraphs), "https://portal.example/feed", defer=True)
    assert all(raw is not None for raw in deferred.raws)
