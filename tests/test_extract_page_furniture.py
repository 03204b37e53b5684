"""Page furniture stays out of the body, captions are kept as captions, and
inline links inside prose keep their words (hand-written fixtures imitating
Kompas, Tempo, Liputan6, KapanLagi, detik, Viva and Tribun markup)."""

from __future__ import annotations

from pathlib import Path

from ikn_tui.core.extract import explain_article, extract_article, extract_fragment
from ikn_tui.core.models import Article
from ikn_tui.core.sources import load_path

PAGES = Path(__file__).parent / "fixtures" / "pages"


def load(name: str) -> Article:
    return load_path(PAGES / name).articles[0]


def text(article: Article) -> str:
    return "\n".join(article.body)


def test_kompas_inline_tag_links_keep_their_words() -> None:
    article = load("kompas_inner_link_paging.html")
    assert article.body[0] == (
        "PENAJAM PASER UTARA, KOMPAS.com - Kepala Otorita Ibu Kota Nusantara (OIKN) menyebut uji coba "
        "kereta otonom berjalan lancar sepanjang pekan ini."
    )
    assert "tinggal di Sepaku akan" in article.body[1]
    assert [r.title for r in article.related] == ["Bus Listrik IKN Tambah Rute ke Balikpapan"]
    assert "Halaman" not in text(article) and "Show All" not in text(article)


def test_inline_junk_class_inside_prose_is_kept_but_a_tag_box_goes() -> None:
    html = (
        "<html><body><div class='read__content'>"
        "<p>Warga <span class='share'>berbagi</span> cerita tentang banjir di Samarinda kemarin sore.</p>"
        "<p>Paragraf kedua berisi keterangan pejabat setempat tentang penanganan banjir.</p>"
        "<div class='tags'><a class='tag' href='/t/1'>banjir</a> <a class='tag' href='/t/2'>samarinda</a></div>"
        "</div></body></html>"
    )
    article = extract_article(html)
    assert article.body[0] == "Warga berbagi cerita tentang banjir di Samarinda kemarin sore."
    assert article.body[-1].startswith("Paragraf kedua")
    assert "samarinda" not in article.body[-1]


def test_tempo_breadcrumb_dateline_and_caption() -> None:
    article = load("tempo_breadcrumb_caption.html")
    assert article.body[0].startswith("TEMPO.CO, Jakarta - Menjaga kebugaran")
    assert "home" not in text(article).split() and "Maret 2026" not in text(article)
    assert article.captions == ["Warga berolahraga di taman kota menjelang berbuka puasa. TEMPO/Rina Sari"]


def test_liputan6_rating_bar_and_credits_leave_the_body() -> None:
    article = load("liputan6_rating.html")
    body = text(article)
    for junk in ("Rate artikel", "Like (", "Dislike", "Credits", "Rina Wulandari"):
        assert junk not in body
    assert len(article.body) == 4


def test_kapanlagi_jangan_lewatkan_list_leaves_the_body() -> None:
    article = load("kapanlagi_jangan_lewatkan.html")
    body = text(article)
    assert "Jangan Lewatkan" not in body and "Konser Amal" not in body and "Lagu Daerah" not in body
    assert article.body[-1].startswith("Ia juga berencana")


def test_detik_dateline_video_embed_section_label_and_photo_box() -> None:
    article = load("detik_gambas_caption.html")
    assert article.body[0].startswith("Samarinda - Tiga mahasiswa")
    body = text(article)
    assert "Gambas" not in body and "MUDA DAN BERKARYA" not in body and "Simak Video" not in body
    assert article.captions == [
        "Alat pemantau banjir rancangan mahasiswa dipasang di tepi Sungai Karang Mumus. (Andi Pratama/detikcom)"
    ]


def test_viva_italic_caption_and_load_more_button() -> None:
    article = load("viva_load_more.html")
    assert article.captions == ["Pianis muda tampil di panggung utama festival. Foto: Panitia"]
    assert "Foto: Panitia" not in text(article)
    assert article.related == []  # "BACA ARTIKEL MENARIK LAINNYA Load More..." is no story


def test_navigation_texts_are_never_related_links() -> None:
    html = (
        "<p>Isi berita tentang pembangunan jalan tol di Kalimantan Timur yang cukup panjang.</p>"
        "<div class='baca-juga'><a href='https://x.test/a'>Jalan Tol Balikpapan Dibuka</a>"
        "<a href='https://x.test/indeks'>Indeks Berita</a><a href='https://x.test/more'>Load more</a>"
        "<a href='https://x.test/s'>Selengkapnya</a></div>"
    )
    _body, related, _images = extract_fragment(html)
    assert [r.title for r in related] == ["Jalan Tol Balikpapan Dibuka"]


def test_removals_are_reported_with_reasons() -> None:
    html = (PAGES / "detik_gambas_caption.html").read_text(encoding="utf-8")
    removed = explain_article(html).removed
    assert ("line:furniture", "[Gambas:Video 20detik]") in removed
    assert any(why == "caption" and "Sungai Karang Mumus" in text for why, text in removed)
    html = (PAGES / "kapanlagi_jangan_lewatkan.html").read_text(encoding="utf-8")
    removed = explain_article(html).removed
    assert any(why == "boilerplate:sidebar" and "Konser Amal" in text for why, text in removed)


def test_ordinary_capitals_and_dashes_stay() -> None:
    html = (
        "<html><body><div class='read__content'><p>Pembangunan IKN terus berjalan sesuai jadwal yang ditetapkan.</p>"
        "<h2>TAHAP KEDUA</h2><p>Tahap kedua dimulai tahun depan - kata pejabat otorita.</p>"
        "<p>Skor akhir 2 - 1</p></div></body></html>"
    )
    article = extract_article(html)
    assert "TAHAP KEDUA" in article.body
    assert "Skor akhir 2 - 1" in article.body


def test_a_capital_dateline_alone_joins_its_paragraph() -> None:
    html = (
        "<html><body><div class='read__content'><strong>SAMARINDA -</strong> <p>Banjir merendam tiga kelurahan "
        "di Samarinda sejak Senin pagi setelah hujan deras semalaman.</p>"
        "<p>Warga mengungsi ke masjid dan sekolah terdekat sambil menunggu air surut.</p></div></body></html>"
    )
    article = extract_article(html)
    assert article.body[0].startswith("SAMARINDA - Banjir merendam")


def test_breadcrumbs_as_plain_items_or_a_text_line_leave_the_body() -> None:
    html = (
        "<html><body><div class='read__content'><ul><li>Home</li><li>Regional</li><li>Kalimantan Timur</li></ul>"
        "<p>Beranda » Regional » Kaltim</p>"
        "<p>Pemerintah provinsi menambah anggaran perbaikan jalan di Kutai Kartanegara tahun ini.</p>"
        "<p>Daftar kecamatan penerima:</p><ul><li>Tenggarong</li><li>Loa Kulu</li></ul></div></body></html>"
    )
    article = extract_article(html)
    assert article.body == [
        "Pemerintah provinsi menambah anggaran perbaikan jalan di Kutai Kartanegara tahun ini.",
        "Daftar kecamatan penerima:", "Tenggarong", "Loa Kulu",
    ]


def test_inline_junk_on_a_line_of_its_own_in_a_br_body_still_goes() -> None:
    html = (
        "<html><body><div class='isi-berita'>Samarinda (ANTARA) - Pemerintah kota membuka posko banjir di tiga "
        "kelurahan sejak Senin pagi.<br><br><span class='share'>Bagikan ke teman</span><br><br>"
        "Warga diminta melapor lewat nomor darurat <a class='tag' href='/t/112'>112</a> bila air naik.<br>"
        "</div></body></html>"
    )
    article = extract_article(html)
    assert article.body == [
        "Samarinda (ANTARA) - Pemerintah kota membuka posko banjir di tiga kelurahan sejak Senin pagi.",
        "Warga diminta melapor lewat nomor darurat 112 bila air naik.",
    ]
