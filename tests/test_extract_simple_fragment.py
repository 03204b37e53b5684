"""The no-lxml path for plain-text and <p>-only fragments gives exactly what
the full extraction gives (and is really taken for the common shapes)."""

from __future__ import annotations

import random
from pathlib import Path

import feedparser
import pytest

from ikn_tui.core.extract.simple_fragment import simple_paragraphs
from ikn_tui.core.feeds.rss_atom import extract, parse_feed

FIXTURES = Path(__file__).parent / "fixtures"
FEEDS = sorted((FIXTURES / "feeds").iterdir()) + sorted((FIXTURES / "site").glob("*.xml"))
BASE = "https://kabar.example/berita/1"


def _fixture_fragments() -> list[str]:
    out: list[str] = []
    for path in FEEDS:
        parsed = feedparser.parse(path.read_bytes(), sanitize_html=False, resolve_relative_uris=False)
        for entry in parsed.get("entries") or []:
            out.append(str(entry.get("summary") or ""))
            out += [str(c.get("value") or "") for c in entry.get("content") or []]
    return [f for f in out if f.strip()]


TRICKY = [
    "<p>Paragraf satu tentang IKN.</p><p>Paragraf dua.</p>",
    "  <p>  spasi  di   tepi  </p>\n\n<p></p><p>   </p><p>akhir</p>  ",
    "Teks polos tanpa tag.\nBaris kedua.\n\n  Baris ketiga  ",
    "Teks dengan & dan > dan &amp; di dalamnya",
    "<p>Harga naik &amp; turun &nbsp;lagi&hellip; &#8220;kutip&#8221; &#x1F600;</p>",
    "<p>Entitas aneh &copy &foo; &#128; &#xD800;</p>",
    "<p>Entitas &apos;apos&apos; dan &#39;39&#39;</p>",
    "<p>Baca juga: Bendungan Sepaku rampung</p><p>Isi berita.</p>",
    "<p>BACA JUGA: judul lain</p>",
    "<p>Berita terkait</p><p>Judul terkait di sini</p>",
    "<p>Lihat juga video banjir</p>",
    "<p>Terpopuler</p><p>Satu</p><p>Dua</p>",
    "<p>Terkini</p>",
    "Terpopuler\nSatu\nDua",
    "<p>Pewarta: Budi</p><p>Isi yang benar.</p><p>(ant/dw)</p>",
    "<p>Ikuti saluran WhatsApp kami</p><p>Isi.</p>",
    "<p>Simak breaking news di sini</p>",
    "<p>...</p><p>!!!</p><p>—</p>",
    "<p>Tanpa\u200bspasi lebar\u00a0dan\u202enakal</p>",
    "<p>kontrol \x1b[31mmerah\x1b[0m</p>",
    "<p>tab\tdan\nbaris</p>",
    "<p>a < b</p>",
    "<p>a > b</p>",
    "<P>huruf besar</P>",
    '<p class="iklan">iklan</p>',
    "<p>dalam <b>tebal</b></p>",
    "<p>tidak ditutup",
    "<br>baris<br>baris",
    "Caf\u0065\u0301 ditulis terurai (NFD)",
    "<p>Caf\u0065\u0301 terurai</p>",
    "<p>\U0001F600 emoji dan 日本語</p>",
    "\u2028pemisah\u2029baris",
    "baris\x85NEL",
    "<p>" + "panjang " * 2000 + "</p>",
]


def _pieces(rng: random.Random) -> str:
    parts = [
        "<p>", "</p>", "<p>", "</p>", " ", "\n", "kata", "Kalimantan", "Timur", "&amp;", "&nbsp;", "&#8217;",
        "&copy", "&lt;", "&#150;", "Baca juga:", "Terpopuler", "Pewarta:", "(ant)", "\u00a0", "\u200b",
        "\x1b[1m", "\t", ">", "<b>", "</b>", "Berita", "berita", "x" * 70, "editor", "©", "\ufeff",
    ]
    return "".join(rng.choice(parts) for _ in range(rng.randint(1, 14)))


@pytest.mark.parametrize("fragment", TRICKY + _fixture_fragments())
def test_fast_path_matches_full_extraction(fragment: str) -> None:
    assert extract(fragment, BASE, fast=True) == extract(fragment, BASE, fast=False)


def test_fast_path_matches_on_random_fragments() -> None:
    rng = random.Random(5)
    taken = 0
    for _ in range(3000):
        fragment = _pieces(rng)
        fast = extract(fragment, BASE, fast=True)
        assert fast == extract(fragment, BASE, fast=False), repr(fragment)
        taken += simple_paragraphs(fragment) is not None
    assert taken > 300  # the comparison covered the fast path, not only fallbacks


def test_fast_path_taken_for_common_shapes() -> None:
    assert simple_paragraphs("<p>Satu.</p>\n<p>Dua &amp; tiga.</p>") == ["Satu.", "Dua & tiga."]
    assert simple_paragraphs("Satu.\n\nDua.") == ["Satu.", "Dua."]
    assert simple_paragraphs("<p>Baca juga: lain</p>") is None
    assert simple_paragraphs('<p>Isi <a href="x">tautan</a></p>') is None
    assert simple_paragraphs("<p>\x1b[31m</p>") is None


@pytest.mark.parametrize("path", FEEDS, ids=lambda p: p.name)
def test_feeds_parse_the_same_with_and_without_fast_fragments(path: Path) -> None:
    data = path.read_bytes()
    assert parse_feed(data, BASE, fast_fragments=True) == parse_feed(data, BASE, fast_fragments=False)
