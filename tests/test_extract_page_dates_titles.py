"""Dates and titles of article pages: hand-written imitations of real portal patterns.

The dateline next to the headline (not the site header's "today"), a date
with a time over a bare day, detik's local time labelled "Z" (portal quirk),
relative times anchored at the fetch/save time, and titles taken from the
page's own heading when ``<title>``/og:title lose punctuation or carry a
section or brand affix.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from ikn_tui.core.extract import extract_article
from ikn_tui.core.extract.quirks import quirks_for
from ikn_tui.core.sources import load_path
from ikn_tui.core.text import heading_for, parse_date, strip_site_suffix

BODY = "<p>" + "Warga Sepaku menyambut jalur bus baru yang melayani kawasan inti setiap pagi. " * 3 + "</p>"
NOW = datetime(2025, 6, 19, 6, 5, tzinfo=UTC)  # Kamis, 19 Jun 2025 13:05 WIB


def html(head: str = "", body: str = "", comment: str = "") -> str:
    return f"{comment}<html><head>{head}</head><body>{body}</body></html>"


# -- dates --------------------------------------------------------------------


def test_dateline_beside_the_headline_beats_the_site_headers_today() -> None:
    # Kompas (2015, browser-saved): header "Kamis, 18 Juni 2015", section <h1>, title in <h2>.
    page = html(
        '<meta property="og:title" content="Supaya Timnya Mengalah - Kabarbenua.com Bola">',
        '<div class="header"><div class="small grey"> Kamis, 18 Juni 2025 </div><h1>Bola</h1></div>'
        '<h2>Supaya Timnya Mengalah</h2><div class="grey small mb2"> Rabu, 17 Juni 2025 | 22:26 WIB </div>'
        f'{BODY}<div class="comment"><div class="small grey"> Rabu, 17 Juni 2025 | 23:40 WIB </div></div>',
    )
    article = extract_article(page, "https://bola.kabarbenua.com/read/2025/06/17/1")
    assert article.title == "Supaya Timnya Mengalah"
    assert article.published == "2025-06-17T22:26:00+07:00"


def test_date_with_time_beats_a_bare_day() -> None:
    # Kompas Otomotif / Viva / Republika: a "Selasa, 23 Februari 2016" strip above the real dateline.
    page = html("", '<span class="kcm-date">Selasa, 23 Juni 2025</span><h1>Judul Berita Uji Coba</h1>'
                    f'<div class="kcm-date content">Selasa, 23 Juni 2025 | 16:52 WIB</div>{BODY}')
    assert extract_article(page).published == "2025-06-23T16:52:00+07:00"


def test_meta_date_without_time_takes_the_visible_time_of_that_day() -> None:
    page = html('<meta name="pubdate" content="2025-06-23">',
                f'<h1>Judul Berita Uji Coba</h1><div class="date">Senin, 23 Juni 2025 09:41 WIB</div>{BODY}')
    assert extract_article(page).published == "2025-06-23T09:41:00+07:00"


@pytest.mark.parametrize("value", ["2025-06-16 T20:15:00Z", "2025-06-16T20-15-00Z"])
def test_detik_local_time_labelled_z_is_wib(value: str) -> None:
    page = html(f'<meta name="pubdate" content="{value}">', f"<h1>Judul Berita Uji Coba</h1>{BODY}")
    assert extract_article(page, "https://inet.detik.com/read/2025/06/16/1").published == "2025-06-16T20:15:00+07:00"
    # the quirk is detik's: elsewhere "Z" keeps meaning UTC
    assert extract_article(page, "https://kabarbenua.com/read/1").published == "2025-06-16T20:15:00+00:00"


def test_saved_from_comment_names_the_portal() -> None:
    page = html('<meta name="pubdate" content="2025-06-16T20-15-00Z">', f"<h1>Judul Berita Uji Coba</h1>{BODY}",
                comment="<!-- saved from url=(0048)https://news.detik.com/berita/d-1/judul-berita -->\n")
    assert extract_article(page).published == "2025-06-16T20:15:00+07:00"


def test_quirk_table_matches_sub_sites_only() -> None:
    assert quirks_for("https://health.detik.com/x").local_time_z_meta
    assert quirks_for("https://detik.com/x").local_time_z_meta
    assert not quirks_for("https://notdetik.com/x").local_time_z_meta
    assert not quirks_for(None).local_time_z_meta


def test_relative_dateline_anchored_at_fetch_time() -> None:
    page = html("", f'<h1>Judul Berita Uji Coba</h1><span class="date">2 jam yang lalu</span>{BODY}')
    assert extract_article(page, now=NOW).published == "2025-06-19T11:05:00+07:00"
    assert extract_article(page).published is None  # no anchor: not guessed


def test_absolute_date_beats_relative_sidebar_times() -> None:
    page = html("", f'<h1>Judul Berita Uji Coba</h1><time class="tgl">Kamis, 19 Juni 2025 - 10:58 wib</time>{BODY}'
                    '<ul class="terkini"><li><span class="date">38 menit lalu</span></li></ul>')
    assert extract_article(page, now=NOW).published == "2025-06-19T10:58:00+07:00"


def test_saved_page_is_anchored_at_its_file_time(tmp_path: Path) -> None:
    saved = tmp_path / "halaman.html"
    saved.write_text(html("", f'<h1>Judul Berita Uji Coba</h1><div class="date">kemarin 10:00</div>{BODY}'), encoding="utf-8")
    stamp = NOW.timestamp()
    os.utime(saved, (stamp, stamp))
    article = load_path(saved).articles[0]
    assert article.published == "2025-06-18T10:00:00+07:00"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2 jam yang lalu", "2025-06-19T11:05:00+07:00"),
        ("45 menit lalu", "2025-06-19T12:20:00+07:00"),
        ("about 10 hours ago", "2025-06-19T03:05:00+07:00"),
        ("sejam lalu", "2025-06-19T12:05:00+07:00"),
        ("3 hari yang lalu", "2025-06-16T13:05:00+07:00"),
        ("kemarin 10:00", "2025-06-18T10:00:00+07:00"),
        ("Kemarin, 21.30 WIB", "2025-06-18T21:30:00+07:00"),
        ("hari ini 08:15", "2025-06-19T08:15:00+07:00"),
        ("Selasa lalu", "2025-06-17T00:00:00+07:00"),
        ("Kamis lalu", "2025-06-12T00:00:00+07:00"),  # said on a Thursday: a week back
        ("baru saja", "2025-06-19T13:05:00+07:00"),
        ("38mnt", "2025-06-19T12:27:00+07:00"),
        ("Oleh karena itu", None),
        ("jam berapa", None),
    ],
)
def test_relative_times(text: str, expected: str | None) -> None:
    assert parse_date(text, now=NOW) == expected
    assert parse_date(text) is None


# -- titles -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Polres Serahkan Anggota ke Kejaksaan - Kompas.com Regional", "Polres Serahkan Anggota ke Kejaksaan"),
        ("Jalur Bus Baru - News Kabarbenua.com", "Jalur Bus Baru"),
        ("KapanLagi.com: Brandon Makin Dekat Dengan Sivia", "Brandon Makin Dekat Dengan Sivia"),
        ("Kabarbenua.com - Warga Sepaku Sambut Bus Listrik", "Warga Sepaku Sambut Bus Listrik"),
        ("Harga BBM Naik - Ini Kata Pertamina", "Harga BBM Naik - Ini Kata Pertamina"),
        ("Kompas.com: Ok", "Kompas.com: Ok"),  # never strip a title down to a stub
    ],
)
def test_site_prefixes_and_section_suffixes(raw: str, expected: str) -> None:
    assert strip_site_suffix(raw) == expected


def test_heading_keeps_the_punctuation_title_lost() -> None:
    # Media Indonesia: <title>/og:title drop ":" and "?", the <h1> keeps them.
    title = "KPK tak Temukan Surat Pencabutan IUP Nikel Apa Iya Betul Dicabut"
    page = html(f'<title>{title}    </title><meta property="og:title" content="{title}">',
                f"<h1>KPK tak Temukan Surat Pencabutan IUP Nikel: Apa Iya Betul Dicabut?</h1>{BODY}")
    assert extract_article(page).title == "KPK tak Temukan Surat Pencabutan IUP Nikel: Apa Iya Betul Dicabut?"


def test_heading_without_a_topic_prefix() -> None:
    # KapanLagi: <title>Celebrity | Headline - Site</title>, <h1>Headline</h1>.
    page = html("<title>Brandon Nicholas Salim | Brandon Makin Dekat Dengan Sivia - KapanLagi.com</title>",
                f"<h1>Brandon Makin Dekat Dengan Sivia</h1>{BODY}")
    assert extract_article(page).title == "Brandon Makin Dekat Dengan Sivia"


def test_unrelated_headings_are_not_titles() -> None:
    assert heading_for("Jalur Bus Baru Menghubungkan Sepaku", ["Bola", "Berita Terpopuler Hari Ini"]) is None
    assert heading_for("Jalur Bus Baru Menghubungkan Sepaku", ["jalur bus baru, menghubungkan Sepaku!"]) == (
        "jalur bus baru, menghubungkan Sepaku!")
    page = html('<meta property="og:title" content="Jalur Bus Baru Menghubungkan Sepaku">',
                f"<h1>Bola</h1><h2>Berita Lain Hari Ini di Sepaku</h2>{BODY}")
    assert extract_article(page).title == "Jalur Bus Baru Menghubungkan Sepaku"


def test_published_is_sane_for_every_relative_anchor() -> None:
    # an anchor in the future of the page's own date changes nothing when the page is absolute
    page = html('<meta property="article:published_time" content="2025-06-16T20:15:00+07:00">', f"<h1>Judul</h1>{BODY}")
    assert extract_article(page, now=NOW + timedelta(days=400)).published == "2025-06-16T20:15:00+07:00"


def test_heading_in_capitals_keeps_the_metadata_case() -> None:
    assert heading_for("Jalur Bus Baru Menghubungkan Sepaku", ["JALUR BUS BARU MENGHUBUNGKAN SEPAKU"]) is None
