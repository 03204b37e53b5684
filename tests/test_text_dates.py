"""Date parsing: feeds (RFC 822, ISO 8601) and Indonesian page styles."""

from __future__ import annotations

import pytest

from ikn_tui.core.text import dates
from ikn_tui.core.text.dates import long_date, parse_date, short_date

WIB = "+07:00"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # RFC 822, as in RSS
        ("Mon, 16 Jun 2025 20:15:00 +0700", "2025-06-16T20:15:00+07:00"),
        ("Mon, 16 Jun 2025 13:15:00 GMT", "2025-06-16T13:15:00+00:00"),
        ("Mon, 16 Jun 2025 13:15:00 UT", "2025-06-16T13:15:00+00:00"),
        ("16 Jun 2025 08:15:00 EST", "2025-06-16T08:15:00-05:00"),
        ("Mon, 16 Jun 2025 06:15:00 PDT", "2025-06-16T06:15:00-07:00"),
        ("Mon, 16 Jun 2025 20:15:00 -0330", "2025-06-16T20:15:00-03:30"),
        ("Mon, 16 Jun 25 20:15:00 +0700", "2025-06-16T20:15:00+07:00"),
        ("Mon Jun 16 20:15:00 2025", "2025-06-16T20:15:00+07:00"),
        # ISO 8601
        ("2025-06-16T13:15:00Z", "2025-06-16T13:15:00+00:00"),
        ("2025-06-16T13:15:00z", "2025-06-16T13:15:00+00:00"),
        ("2025-06-16T20:15:00+07:00", "2025-06-16T20:15:00+07:00"),
        ("2025-06-16T21:15:00+0800", "2025-06-16T21:15:00+08:00"),
        ("2025-06-16T20:15:00+07", "2025-06-16T20:15:00+07:00"),
        ("2025-06-16T20:15:00.123456+07:00", "2025-06-16T20:15:00+07:00"),
        ("2025-06-16T20:15", "2025-06-16T20:15:00+07:00"),
        ("2025-06-16T20:15:00", "2025-06-16T20:15:00+07:00"),
        ("2025-06-16 20:15:00", "2025-06-16T20:15:00+07:00"),
        ("2025-06-16", "2025-06-16T00:00:00+07:00"),
        ("2025-06-16 20:15 UTC", "2025-06-16T20:15:00+00:00"),
        ("2025/06/16 20:15", "2025-06-16T20:15:00+07:00"),
        # Indonesian page styles
        ("Senin, 16 Jun 2025 20:15 WIB", "2025-06-16T20:15:00+07:00"),
        ("16 Juni 2025, 20:15 WITA", "2025-06-16T20:15:00+08:00"),
        ("Senin (16/6/2025)", "2025-06-16T00:00:00+07:00"),
        ("16/06/2025 20:15", "2025-06-16T20:15:00+07:00"),
        ("16-06-2025 20:15", "2025-06-16T20:15:00+07:00"),
        ("16.06.2025 20.15 WIB", "2025-06-16T20:15:00+07:00"),
        ("Kamis, 3 Agustus 2023 | 10:05 WIT", "2023-08-03T10:05:00+09:00"),
        ("Selasa, 17 Peb 2015 pukul 09.30 WIB", "2015-02-17T09:30:00+07:00"),
        ("Jumat, 1 Nop 2024 jam 7:05 WIB", "2024-11-01T07:05:00+07:00"),
        ("Ahad, 5 Ags 2024 - 23:59", "2024-08-05T23:59:00+07:00"),
        ("Minggu, 4 Agt 2024", "2024-08-04T00:00:00+07:00"),
        ("Sabtu, 10 Agu 2024 08:00 WITA", "2024-08-10T08:00:00+08:00"),
        ("Rabu, 30 Sept 2020 | 14:00 WIB", "2020-09-30T14:00:00+07:00"),
        ("30 Sept. 2024", "2024-09-30T00:00:00+07:00"),
        ("Selasa, 1 Okt 2024 12:00", "2024-10-01T12:00:00+07:00"),
        ("1 Desember 2024 pukul 06.45 WIB", "2024-12-01T06:45:00+07:00"),
        ("2 Des 2024, 06:45", "2024-12-02T06:45:00+07:00"),
        ("14 Februari 2024", "2024-02-14T00:00:00+07:00"),
        ("14 Pebruari 2024", "2024-02-14T00:00:00+07:00"),
        ("5 Maret 2024", "2024-03-05T00:00:00+07:00"),
        ("5 Mar 2024", "2024-03-05T00:00:00+07:00"),
        ("21 April 2024", "2024-04-21T00:00:00+07:00"),
        ("1 Mei 2024 07:00 WIB", "2024-05-01T07:00:00+07:00"),
        ("17 Juli 2024", "2024-07-17T00:00:00+07:00"),
        ("3 Januari 2024", "2024-01-03T00:00:00+07:00"),
        ("28 Oktober 2024", "2024-10-28T00:00:00+07:00"),
        ("10 Nopember 2024", "2024-11-10T00:00:00+07:00"),
        ("10 November 2024", "2024-11-10T00:00:00+07:00"),
        ("SENIN, 16 JUNI 2025 20:15 WIB", "2025-06-16T20:15:00+07:00"),
        ("Senin,\u00a016\u00a0Juni\u00a02025", "2025-06-16T00:00:00+07:00"),
        # English
        ("June 16, 2025 8:15 PM", "2025-06-16T20:15:00+07:00"),
        ("June 16, 2025 12:05 am", "2025-06-16T00:05:00+07:00"),
        ("16 August 2024", "2024-08-16T00:00:00+07:00"),
        ("Oct 3rd, 2024", "2024-10-03T00:00:00+07:00"),
        ("16 Jun 2025 20:15 GMT+8", "2025-06-16T20:15:00+08:00"),
        # compact forms
        ("20250616", "2025-06-16T00:00:00+07:00"),
        ("1750079700", "2025-06-16T20:15:00+07:00"),
        ("1750079700000", "2025-06-16T20:15:00+07:00"),
    ],
)
def test_parse_date_exact(text: str, expected: str) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        None,
        "",
        "   ",
        "garbage",
        "hari ini",
        "2025-13-01",
        "16/13/2025",
        "32 Juni 2025",
        "31 Feb 2024",
        "29 Feb 2023",
        "1 Jan 1989",
        "1 Jan 2101",
        "16 Juni 2025 25:00",
        "16 Juni 2025 20:61",
        "13:45 WIB",
        "Juni 2025",
        "2025-06-16T20:15:00+25:00",
        "\x1b[31m\x00\x9b",
        "9" * 500,
        "16 Juni 2025 13:00 PM",
    ],
)
def test_parse_date_rejects(text: str | None) -> None:
    assert parse_date(text) is None


def test_parse_date_non_string_is_none() -> None:
    assert parse_date(12345) is None  # type: ignore[arg-type]


def test_leap_day_is_accepted() -> None:
    assert parse_date("29 Feb 2024") == "2024-02-29T00:00:00+07:00"


def test_default_tz_applies_to_naive_dates() -> None:
    assert parse_date("2025-06-16 20:15", default_tz="Asia/Makassar") == "2025-06-16T20:15:00+08:00"
    # an explicit zone wins over the default
    assert parse_date("2025-06-16 20:15 WIB", default_tz="Asia/Makassar") == "2025-06-16T20:15:00+07:00"


def test_missing_tzdata_falls_back_to_fixed_wib() -> None:
    dates._zone.cache_clear()
    try:
        assert parse_date("2025-06-16 20:15", default_tz="No/Such_Zone") == "2025-06-16T20:15:00+07:00"
    finally:
        dates._zone.cache_clear()


def test_controls_and_escapes_are_ignored() -> None:
    assert parse_date("\x1b[31mSenin, 16 Jun 2025\x1b[0m 20:15 WIB") == "2025-06-16T20:15:00+07:00"


@pytest.mark.parametrize(
    ("iso", "expected"),
    [
        ("2025-06-16T20:15:00+07:00", "Senin, 16 Juni 2025 20:15 WIB"),
        ("2025-06-16T13:15:00+00:00", "Senin, 16 Juni 2025 20:15 WIB"),
        ("2025-06-16T21:15:00+08:00", "Senin, 16 Juni 2025 20:15 WIB"),
        ("2025-06-16T18:00:00+00:00", "Selasa, 17 Juni 2025 01:00 WIB"),
        ("2023-08-03T10:05:00+09:00", "Kamis, 3 Agustus 2023 08:05 WIB"),
        ("2024-12-29T09:00:00+07:00", "Minggu, 29 Desember 2024 09:00 WIB"),
        ("2025-06-16T20:15:00", "Senin, 16 Juni 2025 20:15 WIB"),
        ("Mon, 16 Juni 2025 13:15:00 GMT", "Senin, 16 Juni 2025 20:15 WIB"),
        (None, ""),
        ("", ""),
        ("not a date", ""),
        ("0001-01-01T00:00:00+08:00", ""),  # in WIB: before year 1
    ],
)
def test_long_date(iso: str | None, expected: str) -> None:
    assert long_date(iso) == expected


def test_parse_then_display_round_trip() -> None:
    iso = parse_date("Kamis, 3 Agustus 2023 | 10:05 WIT")
    assert long_date(iso) == "Kamis, 3 Agustus 2023 08:05 WIB"


@pytest.mark.parametrize(
    ("iso", "expected"),
    [
        ("2025-06-17T09:30:00+08:00", "2025-06-17 08:30"),  # WITA shown in WIB
        ("2025-06-16T13:15:00+00:00", "2025-06-16 20:15"),
        ("2025-06-16T20:15:00", "2025-06-16 20:15"),  # naive = Asia/Jakarta
        (None, ""),
        ("bukan tanggal", ""),
    ],
)
def test_short_wib(iso: str | None, expected: str) -> None:
    from ikn_tui.core.text.dates import short_wib

    assert short_wib(iso) == expected


@pytest.mark.parametrize(
    ("iso", "expected"),
    [
        ("2025-06-16T13:15:00+00:00", "16 Jun 20:15"),
        ("2025-06-01T20:15:00+07:00", " 1 Jun 20:15"),  # the day right-aligned for the list
        ("2025-08-03T10:05:00+09:00", " 3 Agu 08:05"),
        ("2025-06-16T20:15:00", "16 Jun 20:15"),  # naive = Asia/Jakarta
        (None, ""),
        ("bukan tanggal", ""),
    ],
)
def test_short_date(iso: str | None, expected: str) -> None:
    assert short_date(iso) == expected
