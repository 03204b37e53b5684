"""Title, author, editor and date on the 28 real portal pages in ../shared/real-world/pages.

The expectations were written by reading each page (its headline, byline,
"Penulis/Editor" rows and dateline as a reader sees them), not by running the
extractor. Dates are compared to the minute, in WIB. Skips where ../shared is
absent (a user's clone).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ikn_tui.core.models import Article
from ikn_tui.core.sources import load_path
from ikn_tui.core.text import short_wib

PAGES = Path(__file__).resolve().parents[2] / "shared" / "real-world" / "pages"

pytestmark = pytest.mark.skipif(not PAGES.is_dir(), reason="../shared/real-world is not here")

# file: (title, author, editor, published as "YYYY-MM-DD HH:MM" WIB)
# editor None means: the page names none (or only as the same person).
EXPECTED: dict[str, tuple[str, str | None, str | None, str]] = {
    "antara-brotoseno-angie-2017.html": (
        "Saat pengadilan pertemukan Brotoseno dan Angelina Sondakh",
        "Desca Lidya Natalia", "B Kunto Wibisono", "2017-05-15 18:43"),  # JSON-LD "author" is the editor
    "antara-lombok-penerbangan-2015.html": (
        "29 penerbangan Bandara Internasional Lombok dibatalkan", "Nur Imansyah", "Ade Marboen", "2015-11-05 14:56"),
    "detikhealth-stroke-2023.html": (
        "Curhat Wanita Kena Stroke di Umur 26, Ketahuan saat Terkapar di Kamar Mandi",
        "Vidya Pinandhita", None, "2023-11-02 20:59"),
    "detikinet-galaxy-s6-2015.html": (
        "Google Umbar Kelemahan Galaxy S6 Edge", "Fino Yurio Kristo", None, "2015-11-05 10:08"),  # meta "…Z" is WIB
    "detiknews-robot-ugm-2015.html": (
        "Mahasiswa UGM Kembangkan Robot Terapi Pascastroke", "Bagus Kurniawan", None, "2015-06-16 14:05"),  # meta "bgs"
    "kapanlagi-brandon-salim-2015.html": (
        "Brandon Salim Makin Dekat Dengan Sivia Blink di 'HEART BEAT'", None, None, "2015-11-05 11:52"),  # only "(kpl/pur/tch)"
    "kompas-bola-pengaturan-skor-2015.html": (
        "Supaya Timnya Mengalah, Eks Pelatih Mengaku Ditawari Rp 200 Juta",
        "Anju Christian", "Jalu Wisnu Wirajati", "2015-06-17 22:26"),  # header says "Kamis, 18 Juni 2015"
    "kompas-money-menhub-2023.html": (
        "Menhub Bocorkan Penyebab Harga Tiket Pesawat Masih Mahal",
        "Isna Rifka Sri Rahayu", "Yoga Sukmana", "2023-11-02 21:34"),
    "kompas-nasional-yuddy-pns-2016.html": (
        'Menteri Yuddy Ancam PNS yang Rankingnya Terendah Akan "Dipangkas"',
        "Nabilla Tashandra", "Bayu Galih", "2016-02-16 14:38"),
    "kompas-otomotif-gaikindo-2016.html": (
        "Merek China “Serbu” Indonesia, Ini Kata Gaikindo", "Aditya Maulana", "Agung Kurniawan", "2016-02-23 16:52"),
    "kompas-regional-lhokseumawe-2015.html": (
        "Polres Lhokseumawe Serahkan Anggota Di Minimi ke Kejaksaan", "Masriadi", "Ervan Hardoko", "2015-11-04 21:04"),
    "liputan6-news-jk-ahok-2015.html": (
        "Wapres JK dan Ahok 'Blusukan' dari Udara", "Silvanus Alvin", "Mevi Linawati", "2015-06-18 06:25"),
    "liputan6-showbiz-london-love-story-2016.html": (
        "London Love Story Tembus 800 Ribu Penonton, Ini Rahasianya", "Ratnaning Asih", "Aditia Saputra",
        "2016-02-16 09:20"),
    "liputan6-tekno-tri-2016.html": (
        "Tri Indonesia: Broadband Dorong Ekosistem Digital Dalam Negeri", "Corry Anestia", "Iskandar",
        "2016-02-16 09:10"),
    "mediaindonesia-igi-wisuda-2026.html": (
        "Dari Petani hingga Pendidik Bangsa, Begini Pesan Kuat di Wisuda IGI School of Economics Jakarta 2025",
        "Naufal Zuhdi", "Heryadi", "2026-01-20 18:33"),  # page shows 18:30, datePublished 18:33:13
    "mediaindonesia-ihsg-2026.html": (
        "IHSG Hari Ini: Sempat Tembus 9.000, Indeks Berbalik Melemah akibat Profit Taking",
        None, "Indriyani Astuti", "2026-01-08 20:19"),  # byline is "Media Indonesia"
    "mediaindonesia-raja-ampat-2025.html": (
        "KPK tak Temukan Surat Pencabutan IUP Nikel Raja Ampat: Apa Iya Betul Dicabut?",
        "Andhika Prasetyo", "Andhika", "2025-10-22 06:59"),
    "merdeka-guantanamo-2015.html": (
        "Kisah penjaga penjara Guantanamo yang beralih memeluk Islam", "Ramadhian Fadillah", None, "2015-06-19 03:40"),
    "okezone-lifestyle-diabetes-2015.html": (
        "Sering Depresi Berat, Hati-Hati Diabetes!", "Dewi Kania", None, "2015-11-05 15:56"),
    "okezone-news-ahok-bintang-lima-2015.html": (
        "Ahok Dukung Jokowi Diberi Pangkat Bintang Lima", "Fakhrizal Fakhri", None, "2015-06-19 11:58"),
    "republika-ihram-haji-2017.html": (
        "Jamaah Haji Ikuti Pemeriksaan Kesehatan Haji", None, "Agus Yulianto", "2017-02-17 13:16"),
    "republika-marcella-zalianty-2016.html": (
        "Marcella Zalianty Promo Pariwisata Indonesia Lewat Film", None, "Yudha Manggala P Putra", "2016-02-15 16:15"),
    "suara-angeline-2015.html": (
        "Polda Bali Kumpulkan 4 Alat Bukti Pembunuhan Angeline", "Laban Laisila", None, "2015-06-19 13:06"),
    "tempo-gaya-malas-bergerak-2015.html": (
        "Ini 7 Alasan Mengapa Orang Malas Bergerak", "Dini Teja", None, "2015-11-05 11:13"),  # sign-off "DINI TEJA"
    "tribunnews-tvri-belajar-2020.html": (
        "Jawaban Soal Apa Dampak Negatif Jika Menunda Pekerjaan, Belajar dari Rumah SMA di TVRI",
        "Muhammad Renald Shiftanto", "Sri Juliati", "2020-05-04 04:25"),
    "tribunnews-uber-2015.html": (
        "Kadishub DKI: Taksi Uber Tak Punya Izin Operasi, Uji KIR, Tidak Berargo dan Bermahkota",
        "Glery Lazuardi", "Willy Widianto", "2015-06-19 12:58"),
    "viva-joey-alexander-2016.html": (
        "Taylor Swift Standing Ovation untuk Pianis Cilik Indonesia", "Maya Sofia", None, "2016-02-16 13:01"),
    "viva-mers-thailand-2015.html": (
        "Thailand Butuh Empat Hari Sebelum Pastikan ada MERS", "Adrianus Mandey", None, "2015-06-19 13:12"),
}


def _article(name: str) -> Article:
    result = load_path(PAGES / name)
    assert result.error is None, result.error
    assert result.kind == "article"
    return result.articles[0]


def test_every_real_page_has_expectations() -> None:
    assert sorted(p.name for p in PAGES.glob("*.html")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_real_page_title(name: str) -> None:
    assert _article(name).title == EXPECTED[name][0]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_real_page_author_and_editor(name: str) -> None:
    article = _article(name)
    _, author, editor, _ = EXPECTED[name]
    assert article.author == author
    if editor is not None:
        assert article.editor == editor
    assert article.editor is None or article.editor != article.author


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_real_page_date_in_wib(name: str) -> None:
    assert short_wib(_article(name).published) == EXPECTED[name][3]
