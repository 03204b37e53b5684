"""Page metadata from meta tags, JSON-LD and the visible byline/dateline."""

from __future__ import annotations

from pathlib import Path

import pytest

from ikn_tui.core.extract.metadata import PageMeta, read_metadata
from ikn_tui.core.extract.page import parse_html

PAGES = Path(__file__).parent / "fixtures" / "pages"


def meta_of(html: str, url: str | None = "https://portal.example.com/berita/1") -> PageMeta:
    root = parse_html(html)
    assert root is not None
    return read_metadata(root, url)


def page(name: str, url: str | None = "https://portal.example.com/berita/1") -> PageMeta:
    return meta_of((PAGES / name).read_text(encoding="utf-8"), url)


def test_json_ld_graph_with_id_references() -> None:
    meta = page("ibukotakini_split.html", url="https://www.ibukotakini.com/detail/40001")
    assert meta.author == "Laila Kartika"  # Person found through author {"@id": ...}
    assert meta.published == "2025-06-16T20:15:00+07:00"
    assert meta.category == "Kabar Ibu Kota"
    assert meta.title == "Posyandu Keliling Jangkau Desa Terpencil di PPU"  # " - ibukotakini.com" removed
    assert meta.canonical == "https://www.ibukotakini.com/detail/40001/posyandu-keliling-jangkau-desa-terpencil-di-ppu"


def test_json_ld_author_string_section_list_and_publisher_reference() -> None:
    meta = page("liputan6_box.html")
    assert meta.author == "Fitri Handayani"
    assert meta.category == "News"  # first of the list
    assert meta.site_name == "Liputan6.com"  # publisher {"@id"} -> Organization
    assert meta.images == ["https://cdn1-production-images-kly.akamaized.net/kereta-otonom.jpg"]


def test_json_ld_author_list_of_objects_and_url_author_ignored() -> None:
    meta = page("pikiran_rakyat_readothers.html")
    # article:author is a Facebook URL: skipped in favour of JSON-LD.
    assert meta.author == "Nur Aisyah, Galih Prasetyo"
    assert meta.category == "Budaya"


def test_detik_dtk_meta() -> None:
    meta = page("detik_linksisip.html")
    assert meta.author == "Andi Saputra"
    assert meta.published == "2025-06-16T20:15:00+07:00"
    assert meta.site_name == "detiknews"


def test_kompas_content_meta() -> None:
    meta = page("kompas_strong.html")
    assert meta.author == "Rina Wulandari"
    assert meta.published == "2025-06-16T20:15:00+07:00"
    assert meta.category == "Regional"


def test_author_meta_equal_to_site_name_falls_back_to_visible_byline() -> None:
    meta = page("bisnis_box.html")
    assert meta.author == "Yanita Petriella"
    # protocol-relative og:image resolved against the page
    assert meta.images == ["https://images.bisnis.com/posts/2025/06/16/investasi-ikn.jpg"]


def test_rel_author_and_publishdate() -> None:
    meta = page("tempo_utility.html")
    assert meta.author == "Mega Lestari"
    assert meta.published == "2025-06-16T20:15:00+07:00"
    assert meta.summary == "Air laut pasang merendam puluhan rumah di pesisir Balikpapan."


def test_visible_dateline_and_pewarta_byline() -> None:
    meta = page("antara_br.html")
    assert meta.published == "2025-06-16T20:15:00+07:00"  # only "Senin, 16 Juni 2025 20:15 WIB" on the page
    assert meta.author == "Ahmad Rizal"


def test_penulis_byline_block() -> None:
    meta = page("tribun_pbaca.html")
    assert meta.author == "Budi Santoso"
    assert meta.title == "Harga Sewa Rumah di Sekitar IKN Melonjak"


def test_json_ld_indonesian_date_and_publisher_name() -> None:
    meta = page("amp_textonly.html")
    assert meta.published == "2025-06-16T20:15:00+07:00"
    assert meta.site_name == "Kabar Benua"
    assert meta.author == "Yoga Permana"


@pytest.mark.parametrize(
    "script",
    [
        '{"@type": "NewsArticle", "headline": "Rusak", ',  # truncated
        "not json at all",
        "",
        '{"@graph": "bukan daftar"}',
        '[1, "x", null, {"@type": ["NewsArticle"], "author": [null, 3, {"name": null}]}]',
    ],
)
def test_broken_json_ld_is_skipped(script: str) -> None:
    html = f'<html><head><script type="application/ld+json">{script}</script><title>T</title></head><body></body></html>'
    meta = meta_of(html)
    assert meta.title == "T"
    assert meta.author is None


def test_json_ld_trailing_comma_tolerated_and_author_as_nested_list() -> None:
    html = """<html><head><script type="application/ld+json">
    {"@type": "NewsArticle", "headline": "Judul", "author": [{"@type": "Person", "name": "Ayu"}, "Budi", ],
     "datePublished": "2025-06-16T13:15:00Z",}
    </script></head><body></body></html>"""
    meta = meta_of(html)
    assert meta.author == "Ayu, Budi"  # (single letters would be initials, not names)
    assert meta.published == "2025-06-16T13:15:00+00:00"


def test_multiple_article_author_meta_joined() -> None:
    html = """<html><head><meta property="article:author" content="Sari">
    <meta property="article:author" content="Joko"><meta property="article:author" content="Sari"></head></html>"""
    assert meta_of(html).author == "Sari, Joko"


def test_title_order_and_suffixes() -> None:
    assert meta_of("<html><head><title>Judul Saja | tempo.co</title></head></html>").title == "Judul Saja"
    assert meta_of("<html><head><title>Judul Halaman all - Kompas.com</title></head></html>").title == "Judul"
    html = "<html><head><title>Dari Title</title></head><body><h1>Dari H1</h1></body></html>"
    assert meta_of(html).title == "Dari H1"
    html = ('<html><head><meta property="og:site_name" content="Kaltim Post">'
            "<title>Judul Berita - Kaltim Post</title></head></html>")
    assert meta_of(html).title == "Judul Berita"


def test_site_name_falls_back_to_host_without_www() -> None:
    meta = meta_of("<html><head><title>x</title></head></html>", url="https://www.kaltimpost.id/berita/1")
    assert meta.site_name == "kaltimpost.id"


def test_breadcrumb_dom_category() -> None:
    html = """<html><head><title>Judul Berita</title></head><body>
    <ol class="breadcrumb"><li><a href="/">Home</a></li><li><a href="/daerah">Daerah</a></li>
    <li>Judul Berita</li></ol></body></html>"""
    assert meta_of(html).category == "Daerah"


def test_canonical_only_http() -> None:
    html = '<html><head><link rel="canonical" href="javascript:alert(1)"><title>x</title></head></html>'
    assert meta_of(html).canonical is None
    html = '<html><head><meta property="og:url" content="/artikel/2"><title>x</title></head></html>'
    assert meta_of(html, url="https://portal.example.com/a").canonical == "https://portal.example.com/artikel/2"


def test_nothing_known() -> None:
    meta = meta_of("<html><body><p>teks</p></body></html>", url=None)
    assert meta == PageMeta()
