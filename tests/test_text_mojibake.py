"""Double-decoded UTF-8 ("Lâ€™Oreal") in feed titles and summaries is repaired."""

from __future__ import annotations

import pytest

from ikn_tui.core.feeds import parse_feed
from ikn_tui.core.text import fix_mojibake


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lâ€™Oreal Infallible", "L\u2019Oreal Infallible"),
        ("Makeup expert Lâ€™OrÃ©al Paris", "Makeup expert L\u2019Or\u00e9al Paris"),
        ("â€œTapi pengakuan dia", "\u201cTapi pengakuan dia"),
        ("Â©Kabar Benua", "\u00a9Kabar Benua"),
        ("Rp 5.000 â€“ Rp 10.000", "Rp 5.000 \u2013 Rp 10.000"),
        ("Café di Sepaku", "Café di Sepaku"),  # clean text is left alone
        ("São Paulo", "São Paulo"),
        ("", ""),
    ],
)
def test_fix_mojibake(text: str, expected: str) -> None:
    assert fix_mojibake(text) == expected


def test_feed_title_and_summary_repaired() -> None:
    feed = """<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Kabar</title>
    <link>https://kabarbenua.example/</link>
    <item><title><![CDATA[
      Tampilan Segar dari Lâ€™Oreal	  ]]></title><link>https://kabarbenua.example/a</link>
    <pubDate>Thu, 06 Apr 2017 10:00:01 +0700</pubDate>
    <description><![CDATA[ Kata ahli rias Lâ€™OrÃ©al Paris. ]]></description></item>
    </channel></rss>""".encode()
    article = parse_feed(feed).articles[0]
    assert article.title == "Tampilan Segar dari L\u2019Oreal"
    assert article.summary == "Kata ahli rias L\u2019Or\u00e9al Paris."
    assert article.published == "2017-04-06T10:00:01+07:00"
