"""Site suffixes off titles, and the normalised matching key."""

from __future__ import annotations

import pytest

from ikn_tui.core.text.titles import normalize_title, strip_site_suffix


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Banjir Rob di Balikpapan - Kompas.com", "Banjir Rob di Balikpapan"),
        ("Banjir Rob di Balikpapan - KOMPAS.com", "Banjir Rob di Balikpapan"),
        ("Banjir Rob di Balikpapan | tempo.co", "Banjir Rob di Balikpapan"),
        ("Banjir Rob di Balikpapan|tempo.co", "Banjir Rob di Balikpapan"),
        ("Banjir Rob di Balikpapan - site.com", "Banjir Rob di Balikpapan"),
        ("Banjir Rob di Balikpapan - www.site.com", "Banjir Rob di Balikpapan"),
        ("Banjir Rob di Balikpapan - kaltim.tribunnews.com", "Banjir Rob di Balikpapan"),
        ("Banjir Rob di Balikpapan - prokal.co.id", "Banjir Rob di Balikpapan"),
        ("Banjir Rob di Balikpapan - contoh.ikn-read.example", "Banjir Rob di Balikpapan"),
        ("Banjir Rob di Balikpapan - Tribunkaltim.co", "Banjir Rob di Balikpapan"),
        ("Banjir Rob di Balikpapan -Tribunkaltim.co", "Banjir Rob di Balikpapan"),
        ("Banjir Rob di Balikpapan – ikn.go.id", "Banjir Rob di Balikpapan"),
        ("Banjir Rob di Balikpapan · kumparan.com", "Banjir Rob di Balikpapan"),
        ("Banjir Rob di Balikpapan - https://kaltim.tribunnews.com/", "Banjir Rob di Balikpapan"),
        ("Banjir Rob di Balikpapan Halaman all", "Banjir Rob di Balikpapan"),
        ("Banjir Rob di Balikpapan Halaman 2", "Banjir Rob di Balikpapan"),
        ("Banjir Rob di Balikpapan - Halaman 2", "Banjir Rob di Balikpapan"),
        ("Banjir Rob di Balikpapan halaman semua", "Banjir Rob di Balikpapan"),
        ("Banjir Rob di Balikpapan - Kompas.com - Halaman all", "Banjir Rob di Balikpapan"),
        ("Banjir Rob di Balikpapan Halaman all - Kompas.com", "Banjir Rob di Balikpapan"),
        ("Banjir Rob di Balikpapan – detikNews", "Banjir Rob di Balikpapan"),
        ("Banjir Rob di Balikpapan - ANTARA News", "Banjir Rob di Balikpapan"),
        ("Banjir Rob di Balikpapan | Kaltim Post", "Banjir Rob di Balikpapan"),
        ("Jokowi: Saya Setuju - Kompas.id", "Jokowi: Saya Setuju"),
        # things that must survive
        ("IKN - Nusantara Bangkit - Laporan Khusus", "IKN - Nusantara Bangkit - Laporan Khusus"),
        ("Harga BBM Naik - Ini Daftarnya", "Harga BBM Naik - Ini Daftarnya"),
        ("Sepaku - Samarinda Kini Dua Jam", "Sepaku - Samarinda Kini Dua Jam"),
        ("Kasus Covid-19 Turun di Kaltim", "Kasus Covid-19 Turun di Kaltim"),
        ("Jalur PPU–Paser Diperbaiki", "Jalur PPU–Paser Diperbaiki"),
        ("Apa itu Halaman all?", "Apa itu Halaman all?"),
        ("Kompas.com", "Kompas.com"),
        ("Halaman 2", "Halaman 2"),
        ("IKN 2045: Visi dan Misi", "IKN 2045: Visi dan Misi"),
        ("Portal Berita.com Diluncurkan", "Portal Berita.com Diluncurkan"),
        # whitespace and controls are cleaned
        ("  Judul\u00a0Berita\t - Kompas.com  ", "Judul Berita"),
        ("Judul \x1b[31mBerita\x1b[0m - site.com", "Judul Berita"),
        ("", ""),
    ],
)
def test_strip_site_suffix(title: str, expected: str) -> None:
    assert strip_site_suffix(title) == expected


def test_extra_site_names() -> None:
    assert strip_site_suffix("Judul Berita | Warta Benua", ("Warta Benua",)) == "Judul Berita"
    assert strip_site_suffix("Judul Berita — warta benua", ("Warta Benua",)) == "Judul Berita"
    # the name alone is not stripped to nothing
    assert strip_site_suffix("Warta Benua", ("Warta Benua",)) == "Warta Benua"
    # a name only counts after a separator
    assert strip_site_suffix("Kabar dari Warta Benua", ("Warta Benua",)) == "Kabar dari Warta Benua"
    # empty names are ignored
    assert strip_site_suffix("Judul - Berita", ("", "  ")) == "Judul - Berita"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Lima Desa di PPU Segera Nikmati Internet Gratis - ibukotakini.com",
         "Lima Desa di PPU Segera Nikmati Internet Gratis"),
        ("LIMA DESA DI PPU SEGERA NIKMATI INTERNET GRATIS", "lima desa di ppu segera nikmati internet gratis"),
        ("“Kami Siap,” Kata Bupati", "Kami Siap Kata Bupati"),
        ("Café Nusantara Dibuka", "Cafe Nusantara Dibuka"),
        ("Rakor di IKN: Sinergi!", "Rakor di IKN Sinergi"),
        ("Judul Berita Halaman all", "Judul Berita | tempo.co"),
        ("snake_case_title", "snake case title"),
    ],
)
def test_normalize_title_matches(a: str, b: str) -> None:
    assert normalize_title(a) == normalize_title(b)
    assert normalize_title(a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Lima Desa di PPU", "Enam Desa di PPU"),
        ("IKN - Nusantara Bangkit", "IKN"),
    ],
)
def test_normalize_title_differs(a: str, b: str) -> None:
    assert normalize_title(a) != normalize_title(b)


def test_normalize_title_exact_form() -> None:
    assert normalize_title("  Rakor Perencanaan di IKN,  Sinergi! - Kompas.com") == (
        "rakor perencanaan di ikn sinergi"
    )
    assert normalize_title(None) == ""
    assert normalize_title("") == ""
