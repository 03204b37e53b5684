"""Every "Baca juga" markup we know goes into ``related`` (in order, with the
right position) and never stays in the body."""

from __future__ import annotations

from pathlib import Path

import pytest

from ikn_tui.core.extract.page import extract_article, extract_fragment, parse_html
from ikn_tui.core.extract.related.find import LABEL_RE, extract_related
from ikn_tui.core.models import Article

PAGES = Path(__file__).parent / "fixtures" / "pages"
LABELS = ("baca juga", "baca pula", "artikel terkait", "berita terkait", "simak juga", "lihat juga")


def load(name: str, url: str = "https://portal.example.com/berita/1") -> Article:
    return extract_article((PAGES / name).read_text(encoding="utf-8"), url=url)


def triples(article: Article) -> list[tuple[str, str | None, int]]:
    return [(r.title, r.url, r.position) for r in article.related]


def assert_clean(body: list[str], related_titles: list[str], labels: tuple[str, ...] = LABELS) -> None:
    text = "\n".join(body).lower()
    for label in labels:
        assert label not in text, f"label {label!r} left in the body"
    for title in related_titles:
        assert title.lower() not in text, f"related title {title!r} left in the body"


# -- 1. Kompas: <p><strong>Baca juga: <a>...</a></strong></p> and variants ----------


def test_kompas_strong_variants_in_order_with_positions() -> None:
    article = load("kompas_strong.html")
    base = "https://regional.kompas.com/read/2025/06/"
    assert triples(article) == [
        ("Jalan Tol IKN Segmen Tiga Dibuka untuk Umum", base + "10/111000178/jalan-tol-segmen-tiga", 1),
        ("Bandara VVIP Nusantara Layani Penerbangan Komersial", base + "11/093000178/bandara-vvip-nusantara", 2),
        ("Harga Tiket Bus Balikpapan-IKN Turun", base + "12/150000178/tiket-bus-balikpapan-ikn", 3),
        ("Warga Sepaku Keluhkan Pasokan Air Bersih", base + "13/080000178/air-bersih-sepaku", 4),
        ("Otorita IKN Buka Lowongan Kerja Baru", base + "14/070000178/lowongan-otorita", 5),
    ]
    assert len(article.body) == 6
    assert article.body[1].startswith("Menurut pengelola pasar")
    assert_clean(article.body, [r.title for r in article.related])


@pytest.mark.parametrize(
    "markup",
    [
        '<p><strong>Baca juga: <a href="/r/1">Judul Terkait Satu</a></strong></p>',
        '<p><strong>Baca juga: </strong><a class="inner-link-baca-juga" href="/r/1">Judul Terkait Satu</a></p>',
        '<p><em><strong>Baca juga:</strong> <a href="/r/1">Judul Terkait Satu</a></em></p>',
        '<p><b>Baca juga: <a href="/r/1">Judul Terkait Satu</a></b></p>',
        '<p>Baca juga: <strong><a href="/r/1">Judul Terkait Satu</a></strong></p>',
        '<p>Baca\u00a0Juga\u00a0:\u00a0<a href="/r/1">Judul Terkait Satu</a></p>',
    ],
)
def test_kompas_markup_variants_one_by_one(markup: str) -> None:
    html = f"<p>Paragraf pertama tentang IKN.</p>{markup}<p>Paragraf kedua tentang Sepaku.</p>"
    body, related, _ = extract_fragment(html, "https://www.kompas.com/read/x")
    assert body == ["Paragraf pertama tentang IKN.", "Paragraf kedua tentang Sepaku."]
    assert [(r.title, r.url, r.position) for r in related] == [
        ("Judul Terkait Satu", "https://www.kompas.com/r/1", 1)
    ]


def test_inner_link_class_alone_inside_a_sentence_is_cut() -> None:
    html = ('<p>Warga antre sejak pagi. <a class="inner-link-baca-juga" href="/r/9">Antrean BBM di Sepaku</a>'
            " Petugas menambah jam layanan.</p>")
    body, related, _ = extract_fragment(html, "https://www.kompas.com/")
    assert [r.title for r in related] == ["Antrean BBM di Sepaku"]
    assert body == ["Warga antre sejak pagi. Petugas menambah jam layanan."]


# -- 2. detik / CNN: table.linksisip div.lihatjg ----------------------------------------


def test_detik_linksisip_title_in_nested_span() -> None:
    article = load("detik_linksisip.html")
    assert triples(article) == [
        ("Pembangunan Istana Garuda Rampung Akhir Tahun",
         "https://news.detik.com/berita/d-7970002/pembangunan-istana-garuda-rampung", 2),
        ("Bus Listrik Gratis Beroperasi di Kawasan Inti IKN", "https://news.detik.com/berita/d-7975003/bus-listrik-ikn", 4),
    ]
    assert_clean(article.body, [r.title for r in article.related])


# -- 3. Liputan6: heading + list box; a plain "Berita Terkait" heading + list ------------


def test_liputan6_box_and_heading_list() -> None:
    article = load("liputan6_box.html", url="https://www.liputan6.com/news/read/6001234/kereta-otonom")
    assert triples(article) == [
        ("Mengenal Teknologi Rel Virtual di IKN", "https://www.liputan6.com/news/read/5990001/rel-virtual", 2),
        ("Tiga Halte Percontohan Dibangun di Sumbu Kebangsaan",
         "https://www.liputan6.com/news/read/5990002/halte-percontohan", 2),
        ("Tarif Kereta Otonom Masih Digratiskan", "https://www.liputan6.com/bisnis/read/5990003/tarif-kereta", 2),
        ("Jadwal Uji Coba Kereta Otonom Diperpanjang", "https://www.liputan6.com/news/read/5980004/jadwal-uji-coba", 4),
        ("Penumpang Pertama Kereta Otonom Bercerita",
         "https://www.liputan6.com/news/read/5980005/penumpang-pertama", 4),
    ]
    # Both page chunks of the body are kept.
    assert len(article.body) == 5
    assert article.body[3].startswith("Otorita IKN menyebut")
    assert_clean(article.body, [r.title for r in article.related])
    assert "BACA JUGA" not in " ".join(article.body)


# -- 4. Class-only markers ------------------------------------------------------------------


def test_antara_span_baca_juga_in_bare_text_body() -> None:
    article = load("antara_br.html")
    assert triples(article) == [
        ("Reklamasi lahan tambang di PPU capai 200 hektare",
         "https://kaltim.antaranews.com/berita/249001/reklamasi-lahan-tambang", 2),
        ("Harga jagung pipil di Kaltim naik jelang musim kemarau",
         "https://kaltim.antaranews.com/berita/249002/harga-jagung-pipil", 4),
    ]
    # Bare text + <br><br> is split into paragraphs.
    assert len(article.body) == 5
    assert article.body[0].startswith("Penajam (ANTARA) - Kelompok tani")
    assert article.body[2].startswith('"Tanahnya memang')
    assert_clean(article.body, [r.title for r in article.related])


def test_tribun_p_baca() -> None:
    article = load("tribun_pbaca.html")
    assert triples(article) == [
        ("Rusun ASN di IKN Siap Dihuni Bulan Depan", "https://kaltim.tribunnews.com/2025/06/12/rusun-asn-ikn-siap-huni", 2),
        ("Pasar Properti PPU Diprediksi Terus Tumbuh", "https://kaltim.tribunnews.com/2025/06/13/pasar-properti-ppu", 3),
    ]
    assert_clean(article.body, [r.title for r in article.related])


def test_okezone_id_bacajuga() -> None:
    article = load("okezone_bacajuga.html")
    assert triples(article) == [
        ("Tol Balikpapan-Samarinda Padat saat Libur Panjang",
         "https://news.okezone.com/read/2025/06/15/340/3099002/tol-balikpapan-samarinda-padat", 2),
    ]
    assert_clean(article.body, [r.title for r in article.related])


def test_pikiran_rakyat_read_others_with_and_without_label() -> None:
    article = load("pikiran_rakyat_readothers.html", url="https://kaltim.example-network.com/budaya/pr-0100/festival")
    assert triples(article) == [
        ("Sejarah Tari Ronggeng Paser yang Jarang Diketahui",
         "https://kaltim.example-network.com/budaya/pr-0101/tari-ronggeng-paser", 2),
        ("Lomba Perahu Tradisional Diikuti Peserta dari Lima Kecamatan",
         "https://kaltim.example-network.com/budaya/pr-0102/lomba-perahu-tradisional", 3),
    ]
    assert len(article.body) == 4
    assert_clean(article.body, [r.title for r in article.related])


def test_bisnis_baca_juga_box() -> None:
    article = load("bisnis_box.html")
    assert triples(article) == [
        ("Hotel Bintang Lima Pertama di IKN Beroperasi",
         "https://ekonomi.bisnis.com/read/20250610/9/1900001/hotel-bintang-lima-ikn", 2),
        ("Rumah Sakit Swasta di IKN Terima Pasien Umum",
         "https://ekonomi.bisnis.com/read/20250611/9/1900002/rumah-sakit-ikn", 2),
    ]
    assert_clean(article.body, [r.title for r in article.related])


# -- 5. Tempo: utility classes only, found by the "BACA JUGA" text ---------------------------


def test_tempo_utility_box_found_by_text() -> None:
    article = load("tempo_utility.html", url="https://www.tempo.co/lingkungan/banjir-rob-1200000")
    assert triples(article) == [
        ("Banjir Rob Diprediksi Berulang di Pesisir Kaltim",
         "https://www.tempo.co/lingkungan/banjir-rob-pesisir-kaltim-1200001", 2),
        ("Pemkot Balikpapan Rencanakan Tanggul Laut", "https://www.tempo.co/lingkungan/tanggul-laut-balikpapan-1200002", 2),
    ]
    assert len(article.body) == 4
    assert_clean(article.body, [r.title for r in article.related])
    # The thumbnails of the box are not article images.
    assert not any("thumb-rob" in image for image in article.images)


# -- 6. WordPress inline related-post widgets ---------------------------------------------------


def test_wordpress_inline_related_widgets() -> None:
    article = load("jnews_wordpress.html")
    base = "https://kaltimkini.example.id/2025/06/"
    assert triples(article) == [
        ("Beasiswa Daerah PPU Dibuka untuk Mahasiswa Baru", base + "10/beasiswa-ppu/", 2),
        ("Guru Honorer PPU Terima Insentif Tambahan", base + "12/guru-honorer-ppu/", 2),
        ("Asrama Siswa Dilengkapi Perpustakaan Digital", base + "13/asrama-siswa/", 3),
        ("Jadwal PPDB PPU 2025 Diumumkan", base + "01/ppdb-ppu/", 4),
    ]
    assert len(article.body) == 4
    assert_clean(article.body, [r.title for r in article.related])


# -- 7. Label and link(s) in separate paragraphs ---------------------------------------------


def test_ibukotakini_label_then_link_paragraphs() -> None:
    article = load("ibukotakini_split.html", url="https://www.ibukotakini.com/detail/40001")
    assert triples(article) == [
        ("Lima Desa di PPU Dapat Ambulans Baru", "https://www.ibukotakini.com/detail/39001/lima-desa-dapat-ambulans", 2),
        ("Bidan Desa di PPU Terima Pelatihan Gizi", "https://www.ibukotakini.com/detail/39002/bidan-desa-ppu", 4),
        ("Angka Stunting PPU Turun Dua Persen", "https://www.ibukotakini.com/detail/39003/stunting-ppu-turun", 4),
    ]
    assert len(article.body) == 6
    assert_clean(article.body, [r.title for r in article.related])
    assert "ibukotakini.com" not in " ".join(r.title for r in article.related)


def test_label_then_title_only_paragraph() -> None:
    html = "<p>Teks pertama.</p><p>BACA JUGA:</p><p>Lima Desa di PPU Dapat Internet - ibukotakini.com</p><p>Teks kedua.</p>"
    body, related, _ = extract_fragment(html)
    assert [(r.title, r.url, r.position) for r in related] == [("Lima Desa di PPU Dapat Internet", None, 1)]
    assert body == ["Teks pertama.", "Teks kedua."]


# -- 8. No space after the label ------------------------------------------------------------------


def test_disway_no_space_after_label() -> None:
    article = load("disway_nospace.html")
    assert triples(article) == [
        ("Dermaga Wisata Mahakam Dipercantik Jelang Libur Sekolah", "https://kaltim.disway.id/read/20001/dermaga-mahakam", 2),
        ("Festival Perahu Hias Meriahkan Tepian Mahakam", None, 3),
    ]
    assert_clean(article.body, [r.title for r in article.related])


# -- 9. Text only (AMP), and the false positives that must stay -------------------------------------


def test_amp_title_only_and_sentences_that_stay() -> None:
    article = load("amp_textonly.html")
    assert triples(article) == [
        ("Sertifikat Tanah Elektronik Mulai Berlaku di Kaltim", None, 1),
        ("Calo Tanah di PPU Ditangkap Polisi", None, 6),
    ]
    body = "\n".join(article.body)
    # Sentences that merely start with a label stay in the body.
    assert any(p.startswith("Lihat juga bagaimana warga Sepaku") for p in article.body)
    assert "Baca juga aturan lengkapnya di situs resmi badan pertanahan" in article.body
    assert "Simak juga penjelasan notaris berikut ini." in article.body
    # An ordinary paragraph holding a link stays, link text included.
    assert any(p.startswith("Menurut laporan Badan Pusat Statistik, jumlah transaksi") for p in article.body)
    assert "Sertifikat Tanah Elektronik" not in body and "Calo Tanah" not in body


def test_long_paragraph_with_link_after_label_word_stays() -> None:
    html = ('<p>Lihat juga <a href="/v/1">video banjir</a> yang direkam warga kemarin sore ketika air sungai '
            "naik dengan cepat dan merendam jalan utama menuju pasar.</p><p>Paragraf lain.</p>")
    body, related, _ = extract_fragment(html, "https://portal.example.com/")
    assert related == []
    assert body[0].startswith("Lihat juga video banjir yang direkam warga")


# -- 10. Several blocks, positions -----------------------------------------------------------------


def test_many_blocks_positions_and_duplicates() -> None:
    article = load("multi_blocks.html")
    base = "https://wartanusantara.example.com/berita/"
    assert triples(article) == [
        ("Intake Sungai Sepaku Diresmikan", base + "intake-sepaku", 0),
        ("Pipa Transmisi Air IKN Sepanjang 20 Kilometer Rampung", base + "pipa-transmisi", 2),
        ("Tarif Air Bersih di IKN Belum Ditetapkan", base + "tarif-air", 2),
        ("Kualitas Air Bendungan Dinilai Memenuhi Baku Mutu", base + "kualitas-air", 3),
        ("Sambungan Air Gratis untuk Warga Sepaku", base + "sambungan-gratis", 4),
        # The "Artikel Terkait" list after the text; its repeat of the first link is dropped.
        ("Embung IKN Jadi Tempat Wisata Baru", base + "embung-ikn", 4),
    ]
    assert len(article.body) == 4
    assert_clean(article.body, [r.title for r in article.related])


# -- the public helpers --------------------------------------------------------------------------


def test_extract_related_mutates_the_tree() -> None:
    root = parse_html(
        "<html><body><div id='x'><p>Satu.</p><p>Baca juga: <a href='/a'>Judul A</a></p>"
        "<p>Dua.</p><span class='baca-juga'>Baca juga: <a href='https://b.example.com/b'>Judul B</a></span></div></body></html>"
    )
    assert root is not None
    related = extract_related(root, "https://portal.example.com/berita/1")
    assert [(r.title, r.url, r.position) for r in related] == [
        ("Judul A", "https://portal.example.com/a", 1),
        ("Judul B", "https://b.example.com/b", 2),
    ]
    text = "".join(root.itertext())
    assert "Judul A" not in text and "Judul B" not in text and "Baca juga" not in text
    assert "Satu." in text and "Dua." in text


@pytest.mark.parametrize(
    "text",
    ["Baca juga: x", "BACA JUGA:x", "Baca\u00a0juga x", "Baca Juga Lainnya : x", "baca pula: x",
     "Artikel Terkait", "Berita terkait: x", "Simak juga: x", "Lihat Juga: x"],
)
def test_label_re_matches_every_label(text: str) -> None:
    assert LABEL_RE.match(text)


@pytest.mark.parametrize("text", ["Bacaan juga", "Baca jugalah", "Lihat saja", "Berita terkini"])
def test_label_re_rejects_lookalikes(text: str) -> None:
    assert not LABEL_RE.match(text)


def test_javascript_link_gives_title_without_url() -> None:
    body, related, _ = extract_fragment('<p>Isi.</p><p>Baca juga: <a href="javascript:void(0)">Judul X</a></p>')
    assert [(r.title, r.url) for r in related] == [("Judul X", None)]
    assert body == ["Isi."]
