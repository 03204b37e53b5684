"""Dates and other small bits of display text (absolute dates, WIB)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

WIB = timezone(timedelta(hours=7), "WIB")
MONTHS_SHORT = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")
MONTHS_LONG = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)
DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


def parse_date(value: str | None) -> datetime | None:
    """An ISO 8601 string as an aware datetime in WIB (naive input is taken as WIB)."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=WIB)
    return moment.astimezone(WIB)


def short_date(value: str | None) -> str:
    """``16 Jun 20:15`` (WIB), or ``""`` when unknown."""
    moment = parse_date(value)
    if moment is None:
        return ""
    return f"{moment.day:>2} {MONTHS_SHORT[moment.month - 1]} {moment:%H:%M}"


def long_date(value: str | None) -> str:
    """``Senin, 16 Juni 2025 20:15 WIB``, or ``""`` when unknown."""
    moment = parse_date(value)
    if moment is None:
        return ""
    return (
        f"{DAYS[moment.weekday()]}, {moment.day} {MONTHS_LONG[moment.month - 1]} "
        f"{moment.year} {moment:%H:%M} WIB"
    )
