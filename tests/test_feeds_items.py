"""One bad item never sinks a feed (issue 11, part 1), and the smaller defects
of part 4 that live in parsing and fetching."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ikn_tui.cli.main import main
from ikn_tui.core.feeds import parse_feed, parse_json_feed
from ikn_tui.core.store import Store
from ikn_tui.core.text import clean_line

# Words an exception's name or text would bring: none may reach the user.
EXCEPTION_WORDS = re.compile(r"Error\b|Exception|Traceback|codec|KeyError|surrogates not allowed|int too large")

NCR_FEED = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Kabar</title>
<item><title>Baik satu</title><link>http://a.example/1</link><description>Isi satu</description></item>
<item><title>Rusak &#xD800; judul</title><link>http://a.example/2</link><description>Isi dua</description></item>
<item><title>Lain &#x110000; &#99999999999; x</title><link>http://a.example/3</link><description>Isi tiga</description></item>
</channel></rss>"""

RDF_NESTED = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="http://a.example/"><title>R</title><link>http://a.example/</link></channel>
<item rdf:about="http://a.example/1"><title>Satu</title><link>http://a.example/1</link>
<dc:subject>Politik<item>x</item></dc:subject></item>
<item rdf:about="http://a.example/2"><title>Dua</title><link>http://a.example/2</link></item>
</rdf:RDF>"""

# feedparser raises KeyError('textinput') on this item whatever we do: it is skipped, the others kept.
UNREADABLE_ITEM = """<?xml version="1.0"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>T</title>
<item><title>Baik satu</title><link>http://b.example/1</link><description>Isi satu</description></item>
<item><title>Rusak</title><link>http://b.example/2</link><textInput><dc:subject>x</dc:subject></textInput></item>
<item><title>Baik tiga</title><link>http://b.example/3</link><description>Isi tiga</description></item>
</channel></rss>"""

SURROGATE_JSON = (
    '{"version":"https://jsonfeed.org/version/1.1","title":"J","items":['
    '{"id":"1","title":"Baik","content_text":"isi"},'
    '{"id":"2","title":"Rusak \\ud800 judul","content_text":"isi dua"},'
    '{"id":"3","title":"Pasangan \\ud83d\\ude00 dan \\\\ud800 harfiah","content_text":"isi tiga"}]}'
)


def test_out_of_range_character_references_become_replacement_characters() -> None:
    parsed = parse_feed(NCR_FEED.encode(), "http://a.example/rss")
    assert parsed.error is None
    assert [a.title for a in parsed.articles] == ["Baik satu", "Rusak \ufffd judul", "Lain \ufffd \ufffd x"]
    assert [str(w) for w in parsed.warnings] == ["invalid character references replaced with \ufffd: 3"]


def test_an_item_nested_in_dc_subject_keeps_both_items() -> None:
    parsed = parse_feed(RDF_NESTED.encode(), "http://a.example/rss")
    assert parsed.error is None
    assert [a.title for a in parsed.articles] == ["Satu", "Dua"]


def test_an_unreadable_item_is_skipped_and_said_in_words() -> None:
    parsed = parse_feed(UNREADABLE_ITEM.encode(), "http://a.example/rss")
    assert [a.title for a in parsed.articles] == ["Baik satu", "Baik tiga"]
    assert str(parsed.warnings[0]) == "2 of 3 items read; 1 skipped: unreadable markup"
    assert not EXCEPTION_WORDS.search(" ".join(map(str, parsed.warnings)))


def test_a_lone_surrogate_escape_in_a_json_feed_title() -> None:
    warnings: list[str] = []
    _, articles = parse_json_feed(SURROGATE_JSON.encode(), "http://a.example/feed.json", warnings)
    assert [a.title for a in articles] == ["Baik", "Rusak \ufffd judul", "Pasangan \U0001f600 dan \\ud800 harfiah"]
    for article in articles:
        json.dumps(article.to_json(), ensure_ascii=False).encode("utf-8")  # writable as UTF-8
    assert warnings == []


def test_clean_line_replaces_lone_surrogates() -> None:
    assert clean_line("a\ud800b\udfff") == "a\ufffdb\ufffd"


@pytest.mark.parametrize("name, body, titles", [
    ("ncr.xml", NCR_FEED, 3), ("rdf.xml", RDF_NESTED, 2), ("item.xml", UNREADABLE_ITEM, 2), ("sur.json", SURROGATE_JSON, 3),
])
def test_list_json_stores_every_good_item(tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, body: str, titles: int) -> None:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    code = main(["list", "--json", str(path)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert len(json.loads(out)) == titles
    assert not EXCEPTION_WORDS.search(err), err
    with Store.open_default() as store:
        assert store.count_articles() == titles


def test_over_http_the_subscription_keeps_its_good_items(http_server, capsys: pytest.CaptureFixture[str]) -> None:
    http_server.route("ncr.xml", NCR_FEED, content_type="application/rss+xml")
    http_server.route("item.xml", UNREADABLE_ITEM, content_type="application/rss+xml")
    http_server.route("feed.json", SURROGATE_JSON, content_type="application/feed+json")
    for path in ("ncr.xml", "item.xml", "feed.json"):
        assert main(["feeds", "add", http_server.url(path)]) == 0
    code = main(["refresh"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "8 new articles" in out and "0 failed" in out
    with Store.open_default() as store:
        counts = store.feed_article_counts()
        subs = {s.url: s for s in store.list_subscriptions()}
    assert counts == {http_server.url("ncr.xml"): 3, http_server.url("item.xml"): 2, http_server.url("feed.json"): 3}
    assert {s.status for s in subs.values()} == {"ok"}
    assert str(subs[http_server.url("item.xml")].message) == "2 of 3 items read; 1 skipped: unreadable markup"


def test_a_valid_json_feed_subscription_refreshes(http_server, capsys: pytest.CaptureFixture[str]) -> None:
    feed = {"version": "https://jsonfeed.org/version/1", "title": "Kabar JSON",
            "items": [{"id": "a", "url": http_server.url("a"), "title": "Judul A", "content_text": "Isi A."}]}
    http_server.route("feed.json", json.dumps(feed), content_type="application/json")
    main(["feeds", "add", http_server.url("feed.json")])
    code = main(["refresh"])
    out, err = capsys.readouterr()
    assert code == 0 and "1 new article," in out and "not a feed" not in err, (out, err)
    with Store.open_default() as store:
        assert [s.title for s in store.list_subscriptions()] == ["Kabar JSON"]


def test_broken_json_says_at_once() -> None:
    with pytest.raises(ValueError) as caught:
        parse_json_feed(b'{"version": "https://jsonfeed.org/version/1", "items": [{"title": "abc')
    assert "at at" not in str(caught.value)
    assert "Unterminated string starting at line 1" in str(caught.value)


def test_file_too_large_shows_a_decimal(tmp_path: Path) -> None:
    from ikn_tui.core.sources import load_path

    path = tmp_path / "besar.xml"
    with path.open("wb") as handle:
        handle.truncate(21_002_935)
    result = load_path(path)
    assert result.error is not None
    assert "file too large (20.1 MB, limit 20 MB)" in str(result.error)
