"""Article extraction: only the article text survives, odd input never crashes."""

from __future__ import annotations

from pathlib import Path

import pytest

from ikn_tui.core.extract.page import extract_article, extract_fragment, looks_like_article_html

PAGES = Path(__file__).parent / "fixtures" / "pages"
ALL_PAGES = sorted(p.name for p in PAGES.glob("*.html"))

JUNK = (
    "ADVERTISEMENT", "SCROLL TO CONTINUE", "Scroll ke bawah", "WhatsApp", "Google News", "Telegram",
    "Copyright", "Hak cipta", "Pewarta:", "Editor:", "Penulis:", "Artikel ini telah tayang",
    "Dilarang", "Konten ini dilindungi", "Terpopuler", "Berita Populer", "Iklan", "Simak Video",
    "Bagikan ini", "Beranda", "Pilihan Editor",
    # sidebar / "popular" items and tags of the fixtures
    "Harga Emas Antam", "Tarif Ojol", "Cuaca Ekstrem", "Gempa kecil", "Jadwal Kapal Pelni",
    "Lowongan Kerja Balikpapan", "Harga BBM Turun", "Jadwal Samsat", "IHSG", "Harga Beras",
    "Banjir di Babulu", "Jalan Rusak di Loa Janan", "Jadwal Pemadaman", "Kecelakaan di Jalan",
    # captions, bylines and datelines
    "Suasana pasar apung", "Petani memanen jagung di Sepaku. ANTARA", "Yanita Petriella",
    "Senin, 16 Juni 2025 | 20:15", "Kompas.com - 16/06/2025",
)


def load(name: str, url: str = "https://portal.example.com/berita/1"):
    return extract_article((PAGES / name).read_text(encoding="utf-8"), url=url)


@pytest.mark.parametrize("name", ALL_PAGES)
def test_no_boilerplate_in_any_body(name: str) -> None:
    article = load(name)
    assert len(article.body) >= 4, article.body
    text = "\n".join(article.body)
    for junk in JUNK:
        assert junk.lower() not in text.lower(), f"{junk!r} in body of {name}"
    # The headline is not repeated as a paragraph, scripts never leak.
    assert article.title not in article.body
    assert "dataLayer" not in text and "{" not in text


@pytest.mark.parametrize("name", ALL_PAGES)
def test_every_page_has_title_source_and_date(name: str) -> None:
    article = load(name)
    assert article.title and " - " not in article.title and "|" not in article.title
    assert article.source
    assert article.published and article.published.startswith("2025-06-16")
    assert article.full is True
    assert article.origin == "https://portal.example.com/berita/1"


def test_kompas_fields_exact() -> None:
    article = load("kompas_strong.html")
    assert article.title == "Pasar Apung Sepaku Ramai Jelang Iduladha"
    assert article.url == "https://regional.kompas.com/read/2025/06/16/201500178/pasar-apung-sepaku?page=all"
    assert article.source == "KOMPAS.com"
    assert article.author == "Rina Wulandari"
    assert article.published == "2025-06-16T20:15:00+07:00"
    assert article.category == "Regional"
    assert article.summary == "Pedagang di pasar apung Sepaku mencatat kenaikan pembeli menjelang Iduladha."
    assert article.images == ["https://asset.kompas.com/crops/pasar-apung.jpg"]
    assert article.body[0] == (
        "PENAJAM, KOMPAS.com - Pasar apung di tepi Sungai Sepaku dipadati pembeli sejak Minggu pagi. Warga dari "
        "desa sekitar datang dengan perahu kecil untuk membeli sayur, ikan sungai, dan bumbu dapur menjelang Iduladha."
    )
    assert article.body[-1].startswith("Camat Sepaku berharap")


def test_detik_bare_leading_text_is_a_paragraph() -> None:
    article = load("detik_linksisip.html")
    assert article.body[0].startswith("Jakarta - Kementerian Sekretariat Negara")
    assert article.body[-1] == "Selain itu, panitia menyiapkan posko kesehatan dan air minum di sepanjang jalur masuk kawasan istana."


def test_antara_credit_lines_are_dropped_but_body_kept() -> None:
    article = load("antara_br.html")
    assert article.body[-1].startswith("Pemerintah kabupaten juga menyiapkan gudang")
    assert article.author == "Ahmad Rizal"


def test_tribun_closing_prompts_dropped() -> None:
    article = load("tribun_pbaca.html")
    assert article.body[-1] == (
        "Warga lokal berharap pemerintah membangun hunian terjangkau agar harga sewa tidak semakin membebani."
    )


def test_fallback_container_without_known_class() -> None:
    article = load("tempo_utility.html")
    assert article.body[0].startswith("Air laut pasang merendam puluhan rumah")
    assert article.body[-1].startswith("Petugas memperkirakan air surut")


def test_images_resolved_http_only_and_deduplicated() -> None:
    html = """<html><head><meta property="og:image" content="/img/utama.jpg"></head><body>
    <div class="post-content"><p>Paragraf yang cukup panjang tentang pembangunan jalan di kawasan inti IKN hari ini.</p>
    <img src="/img/utama.jpg"><img data-src="https://cdn.example.com/b.jpg" src="data:image/gif;base64,R0lGOD">
    <img src="javascript:alert(1)"><img src="/px.gif" width="1" height="1">
    <p>Paragraf kedua yang juga cukup panjang agar wadah artikel ini dipilih dengan benar.</p></div></body></html>"""
    article = extract_article(html, url="https://portal.example.com/a/b")
    assert article.images == ["https://portal.example.com/img/utama.jpg", "https://cdn.example.com/b.jpg"]


def test_terpopuler_box_inside_the_body_is_dropped() -> None:
    html = """<html><body><div class="entry-content">
    <p>Paragraf pertama yang cukup panjang tentang banjir di Samarinda pagi ini.</p>
    <div><h4>Terpopuler</h4><ul><li><a href="/1">Judul Populer Satu</a></li></ul></div>
    <p>Paragraf kedua yang cukup panjang tentang pengungsi di posko darurat.</p></div></body></html>"""
    article = extract_article(html)
    assert article.body == [
        "Paragraf pertama yang cukup panjang tentang banjir di Samarinda pagi ini.",
        "Paragraf kedua yang cukup panjang tentang pengungsi di posko darurat.",
    ]


def test_json_ld_article_body_is_the_last_resort() -> None:
    html = """<html><head><script type="application/ld+json">{"@type": "NewsArticle",
    "headline": "Judul", "articleBody": "Paragraf satu.\\nParagraf dua."}</script></head><body></body></html>"""
    article = extract_article(html)
    assert article.title == "Judul"
    assert article.body == ["Paragraf satu.", "Paragraf dua."]


def test_control_characters_and_markup_are_sanitised() -> None:
    html = ("<html><head><title>Judul\x1b[31m merah [bold]x[/bold]</title></head><body><article>"
            "<p>Teks \x1b]8;;http://evil\x07tautan\u202e dibalik, cukup panjang untuk dipilih sebagai isi artikel.</p>"
            "<p>Paragraf kedua yang juga panjang agar wadahnya lolos batas minimum teks.</p></article></body></html>")
    article = extract_article(html)
    joined = article.title + "".join(article.body)
    assert "\x1b" not in joined and "\u202e" not in joined and "\x07" not in joined
    assert article.title == "Judul merah [bold]x[/bold]"  # plain text; never rendered as markup


# -- robustness ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "html", ["", "   \n ", "\x00\x00", "<<<>>>", "<html></html>", "<?xml version='1.0' encoding='utf-8'?>",
             "plain words, no tags at all", "\ufeff", "<html><body><p></p></body></html>"],
)
def test_empty_or_garbage_input_gives_empty_article(html: str) -> None:
    article = extract_article(html, url="https://portal.example.com/x")
    assert isinstance(article.title, str)
    assert isinstance(article.body, list)
    assert article.related == []
    assert article.url == "https://portal.example.com/x"


def test_none_and_wrong_types_do_not_raise() -> None:
    assert extract_article(None).title == ""  # type: ignore[arg-type]
    assert extract_fragment(None) == ([], [], [])  # type: ignore[arg-type]


def test_xml_declaration_with_encoding_is_accepted() -> None:
    html = ('<?xml version="1.0" encoding="UTF-8"?>\n<html><head><title>Judul XHTML</title></head><body>'
            "<article><p>Isi artikel yang cukup panjang untuk menjadi badan tulisan yang dipilih.</p></article></body></html>")
    article = extract_article(html)
    assert article.title == "Judul XHTML"
    assert article.body == ["Isi artikel yang cukup panjang untuk menjadi badan tulisan yang dipilih."]


def test_five_thousand_nested_divs_do_not_crash() -> None:
    html = ("<html><head><title>Dalam</title></head><body><article><p>Paragraf awal yang cukup panjang "
            "untuk dipilih sebagai isi sebelum sarang yang sangat dalam.</p>"
            + "<div>" * 5000 + "<p>Baca juga: <a href='/x'>Jauh di Dalam</a></p>" + "</div>" * 5000
            + "</article></body></html>")
    article = extract_article(html, url="https://portal.example.com/")
    assert article.title == "Dalam"
    assert article.body[0].startswith("Paragraf awal")
    body, related, _ = extract_fragment("<div>" * 5000 + "teks" + "</div>" * 5000)
    assert isinstance(body, list) and isinstance(related, list)


def test_huge_single_paragraph() -> None:
    html = "<html><body><article><p>" + "kata " * 200_000 + "</p></article></body></html>"
    article = extract_article(html)
    assert len(article.body) == 1 and len(article.body[0]) > 900_000


# -- fragments ---------------------------------------------------------------------------------


def test_fragment_with_br_related_and_images() -> None:
    html = ('Paragraf satu tentang IKN.<br><br><b>Baca juga:</b> <a href="/r/1">Judul Terkait</a><br><br>'
            'Paragraf dua.<img src="/f.jpg"><br>Pewarta: Seseorang')
    body, related, images = extract_fragment(html, "https://kaltim.example.com/berita/1")
    assert body == ["Paragraf satu tentang IKN.", "Paragraf dua."]
    assert [(r.title, r.url, r.position) for r in related] == [
        ("Judul Terkait", "https://kaltim.example.com/r/1", 1)
    ]
    assert images == ["https://kaltim.example.com/f.jpg"]


def test_fragment_plain_text_lines() -> None:
    body, related, _ = extract_fragment("Baris satu.\n\nBaca juga: Judul Lain\nBaris dua.")
    assert body == ["Baris satu.", "Baris dua."]
    assert [(r.title, r.url, r.position) for r in related] == [("Judul Lain", None, 1)]


def test_fragment_feed_footer_dropped() -> None:
    body, _, _ = extract_fragment("<p>Isi berita.</p><p>The post Judul appeared first on Kaltim Kini.</p>")
    assert body == ["Isi berita."]


# -- sniffing ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<!DOCTYPE html><html><body></body></html>", True),
        ("\ufeff  <html lang='id'>", True),
        ("<body><p>x</p></body>", True),
        ("<article>x</article>", True),
        ('<?xml version="1.0"?><rss version="2.0"><channel><description>&lt;article&gt;</description>', False),
        ('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><content type="html">&lt;html', False),
        ("Judul artikel\n\nParagraf biasa.", False),
        ("", False),
    ],
)
def test_looks_like_article_html(text: str, expected: bool) -> None:
    assert looks_like_article_html(text) is expected


def test_a_signoff_in_capitals_is_the_byline_not_the_last_paragraph() -> None:
    from ikn_tui.core.extract import explain_article

    html = (
        "<html><head><title>Tujuh Alasan Orang Malas Bergerak</title></head><body><article>"
        "<h1>Tujuh Alasan Orang Malas Bergerak</h1>"
        "<p>TEMPO.CO, Jakarta - Organisasi Kesehatan Dunia menyebutkan kurangnya aktivitas fisik "
        "termasuk penyebab utama kematian di dunia, dan banyak orang mengaku tidak punya waktu.</p>"
        "<p>Padahal aktivitas fisik bisa dilakukan di mana saja, kata pelatih kebugaran itu.</p>"
        "<p>DINI TEJA</p></article></body></html>"
    )
    explained = explain_article(html, "https://gaya.tempo.example/read/1")
    article = explained.article
    assert article.author == "Dini Teja"
    assert article.body[-1].startswith("Padahal aktivitas fisik")
    assert ("byline", "DINI TEJA") in explained.removed
    # An agency's name alone stays where it is: it is not a person.
    agency = html.replace("<p>DINI TEJA</p>", "<p>ANTARA</p>")
    assert explain_article(agency).article.body[-1] == "ANTARA"
