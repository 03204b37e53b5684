"""Dates and numbers as the current language writes them.

Indonesian: "Senin, 23 Juni 2025 06.50 WIB", "1.234"; English: "Monday, 23 June 2025 06:50 WIB", "1,234".
Times are shown in WIB (UTC+7), as the reader shows them.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from ikn_tui.i18n.catalog import current_language

WIB = timezone(timedelta(hours=7), "WIB")

_DAYS = {
    "id": ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
_MONTHS = {
    "id": ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
           "Oktober", "November", "Desember"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"),
}


def format_datetime(moment: datetime, *, weekday: bool = True, language: str | None = None) -> str:
    """``moment`` in WIB (a naive one is taken as UTC), in the language's words."""
    lang = language or current_language()
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    local = moment.astimezone(WIB)
    clock = f"{local.hour:02d}{'.' if lang == 'id' else ':'}{local.minute:02d}"
    day = f"{_DAYS[lang][local.weekday()]}, " if weekday else ""
    return f"{day}{local.day} {_MONTHS[lang][local.month - 1]} {local.year} {clock} WIB"


def format_number(value: int | float, *, decimals: int = 0, language: str | None = None) -> str:
    """``1234`` -> ``"1.234"`` (id) or ``"1,234"`` (en)."""
    lang = language or current_language()
    text = f"{value:,.{decimals}f}"
    if lang == "id":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


_MONTHS_SHORT_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def long_date(iso: str | None) -> str:
    """The article header's date in the current language ("Senin, 23 Juni 2025 06.50 WIB" /
    "Monday, 23 June 2025 06:50 WIB"); '' when missing or unreadable."""
    from ikn_tui.core.text import in_wib

    moment = in_wib(iso)
    return format_datetime(moment) if moment is not None else ""


def short_date(iso: str | None) -> str:
    """List rows' date ('16 Jun 20:15', the day right-aligned to 2) with the current
    language's month; Indonesian is the core's ``short_date`` as it was."""
    from ikn_tui.core.text import in_wib
    from ikn_tui.core.text import short_date as indonesian_short_date

    if current_language() == "id":
        return indonesian_short_date(iso)
    moment = in_wib(iso)
    if moment is None:
        return ""
    return f"{moment.day:>2} {_MONTHS_SHORT_EN[moment.month - 1]} {moment:%H:%M}"
