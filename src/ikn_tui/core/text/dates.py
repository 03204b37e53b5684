"""Date text from feeds and pages -> ISO 8601 with an offset, and back to
Indonesian display forms in WIB (the one place that defines WIB and the
date formats: the reader and the command line both use these).

Handles RFC 822 (feeds), ISO 8601, and the many Indonesian page styles
("Senin, 16 Jun 2025 20:15 WIB", "16/06/2025 20:15", "Kamis, 3 Agustus 2023 |
10:05 WIT"). Never raises: anything it cannot read gives ``None``.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from functools import lru_cache

from ikn_tui.core.text.relative import parse_relative
from ikn_tui.core.text.sanitize import clean_line

DEFAULT_TZ = "Asia/Jakarta"
MIN_YEAR, MAX_YEAR = 1990, 2100
WIB = timezone(timedelta(hours=7), "WIB")  # Asia/Jakarta has had no DST since 1964

_MONTHS: dict[str, int] = {
    # Indonesian, full and short
    "januari": 1, "februari": 2, "pebruari": 2, "maret": 3, "april": 4, "mei": 5,
    "juni": 6, "juli": 7, "agustus": 8, "september": 9, "oktober": 10,
    "november": 11, "nopember": 11, "desember": 12,
    "jan": 1, "feb": 2, "peb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7,
    "agu": 8, "agt": 8, "ags": 8, "agus": 8, "sep": 9, "sept": 9, "okt": 10,
    "nov": 11, "nop": 11, "des": 12,
    # English, full and short
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7,
    "august": 8, "october": 10, "december": 12,
    "aug": 8, "oct": 10, "dec": 12,
}
_MONTH_ALT = "|".join(sorted(_MONTHS, key=len, reverse=True))
_MONTH = rf"(?P<mon>{_MONTH_ALT})\.?"

# Named zones -> offset in minutes.
_ZONES: dict[str, int] = {
    "wib": 7 * 60, "wita": 8 * 60, "wit": 9 * 60,
    "utc": 0, "gmt": 0, "ut": 0, "z": 0,
    "est": -5 * 60, "edt": -4 * 60, "cst": -6 * 60, "cdt": -5 * 60,
    "mst": -7 * 60, "mdt": -6 * 60, "pst": -8 * 60, "pdt": -7 * 60,
}
_ZONE_ALT = "|".join(sorted(_ZONES, key=len, reverse=True))

_ISO = re.compile(
    r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:[T\s]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,]\d+)?)?"
    # detik writes the time with hyphens: "2015-06-16T14-05-11Z"
    r"|\s*T(?P<H2>\d{2})-(?P<M2>\d{2})-(?P<S2>\d{2}))?"
    r"\s*(?P<tz>Z|[+-]\d{2}(?::?\d{2})?|[A-Za-z]{1,4})?$",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"^\d{8}$|^\d{10}$|^\d{13}$")

# Date patterns, tried in order on the lower-cased text.
_DATE_PATTERNS = (
    # 2025-06-16, 2025/6/16
    re.compile(r"(?<!\d)(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)"),
    # 16/6/2025, 16-06-2025, 16.06.2025 (day first, as written in Indonesia)
    re.compile(r"(?<!\d)(?P<d>\d{1,2})[-/.](?P<m>\d{1,2})[-/.](?P<y>\d{4})(?!\d)"),
    # 16 Juni 2025, 16-Jun-2025, 16 Jun 25
    re.compile(rf"(?<!\d)(?P<d>\d{{1,2}})[\s\-/.]*\b{_MONTH}(?![a-z])[\s\-/.,]*(?P<y>\d{{4}}|\d{{2}})(?![\d:.])"),
    # June 16, 2025
    re.compile(rf"\b{_MONTH}(?![a-z])\s*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})(?!\d)"),
)
# asctime: "Jun 16 20:15:00 2025"
_ASCTIME = re.compile(
    rf"\b{_MONTH}(?![a-z])\s+(?P<d>\d{{1,2}})\s+(?P<H>\d{{1,2}}):(?P<M>\d{{2}})(?::(?P<S>\d{{2}}))?\s+(?P<y>\d{{4}})(?!\d)"
)
_TIME = re.compile(
    r"(?<![\d+-])(?P<H>\d{1,2})[:.](?P<M>\d{2})(?:[:.](?P<S>\d{2})(?:[.,]\d+)?)?"
    r"(?!\d)(?:\s*(?P<ampm>a\.?m\.?|p\.?m\.?)(?![a-z]))?"
)
# Offsets: "+07:00"/"-0500" anywhere, "+07" only right after an ISO time, "GMT+7".
_OFFSET_ISO = re.compile(r"(?P<sign>[+-])(?P<h>\d{2})(?::?(?P<m>\d{2}))?")
_OFFSET_FREE = re.compile(r"(?<!\w)(?P<sign>[+-])(?P<h>\d{2}):?(?P<m>\d{2})(?!\d)")
_OFFSET_GMT = re.compile(r"\b(?:gmt|utc)\s*(?P<sign>[+-])(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?(?!\d)")
_ZONE_NAME = re.compile(rf"(?<![a-z])(?P<zone>{_ZONE_ALT})(?![a-z])")

_DAY_NAMES_ID = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
_MONTHS_SHORT_ID = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")
_MONTHS_LONG_ID = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)


@lru_cache(maxsize=16)
def _zone(name: str) -> tzinfo:
    """A ZoneInfo for ``name``; a fixed +07:00 when tzdata is missing."""
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo(name)
    except (ImportError, KeyError, ValueError, OSError):  # no tzdata (ZoneInfoNotFoundError is a KeyError), bad name
        return WIB


def _fixed(minutes: int) -> tzinfo:
    return timezone(timedelta(minutes=minutes))


def _tz_from_text(text: str | None) -> tzinfo | None:
    """``Z``, ``+0700``, ``+07:00``, ``WIB``... -> tzinfo; ``None`` if unknown/absent."""
    if not text:
        return None
    text = text.strip().lower()
    match = _OFFSET_ISO.fullmatch(text)
    if match:
        return _offset_tz(match)
    if text in _ZONES:
        return _fixed(_ZONES[text])
    return None


def _offset_tz(match: re.Match[str]) -> tzinfo | None:
    hours, minutes = int(match["h"]), int(match["m"] or 0)
    if hours > 14 or minutes > 59:
        return None
    total = hours * 60 + minutes
    return _fixed(-total if match["sign"] == "-" else total)


def _build(
    y: int, m: int, d: int, hh: int, mm: int, ss: int, tz: tzinfo | None, default_tz: str
) -> str | None:
    if not MIN_YEAR <= y <= MAX_YEAR:
        return None
    try:
        naive = datetime(y, m, d, hh, mm, min(ss, 59))
    except ValueError:
        return None
    aware = naive.replace(tzinfo=tz if tz is not None else _zone(default_tz))
    return aware.isoformat(timespec="seconds")


def _parse_iso(text: str, default_tz: str) -> str | None:
    match = _ISO.match(text)
    if not match:
        return None
    tz = None
    if match["tz"]:
        tz = _tz_from_text(match["tz"])
        if tz is None:
            return None
    hh, mm, ss = (match["H"] or match["H2"] or 0), (match["M"] or match["M2"] or 0), (match["S"] or match["S2"] or 0)
    return _build(int(match["y"]), int(match["m"]), int(match["d"]), int(hh), int(mm), int(ss), tz, default_tz)


def _parse_digits(text: str, default_tz: str) -> str | None:
    """20250616 (a date), or a Unix timestamp in seconds / milliseconds."""
    if len(text) == 8:
        return _build(int(text[:4]), int(text[4:6]), int(text[6:]), 0, 0, 0, None, default_tz)
    seconds = int(text) / (1000 if len(text) == 13 else 1)
    try:
        moment = datetime.fromtimestamp(seconds, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None
    if not MIN_YEAR <= moment.year <= MAX_YEAR:
        return None
    return moment.astimezone(_zone(default_tz)).isoformat(timespec="seconds")


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 70 else 1900
    return year


def _parse_free(text: str, default_tz: str) -> str | None:
    """Find a date, then a time, then a zone, anywhere in the text."""
    low = text.lower()
    hh = mm = ss = 0
    match = _ASCTIME.search(low)
    if match:
        y, mon, d = _year(match["y"]), _MONTHS[match["mon"]], int(match["d"])
        hh, mm, ss = int(match["H"]), int(match["M"]), int(match["S"] or 0)
        rest = low[: match.start()] + " " + low[match.end() :]
    else:
        for pattern in _DATE_PATTERNS:
            match = pattern.search(low)
            if match:
                break
        else:
            return None
        groups = match.groupdict()
        y = _year(groups["y"])
        mon = _MONTHS[groups["mon"]] if groups.get("mon") else int(groups["m"])
        d = int(groups["d"])
        rest = low[: match.start()] + " " + low[match.end() :]
        time_match = _TIME.search(rest)
        if time_match:
            hh, mm, ss = int(time_match["H"]), int(time_match["M"]), int(time_match["S"] or 0)
            ampm = (time_match["ampm"] or "").replace(".", "")
            if ampm:
                if not 1 <= hh <= 12:
                    return None
                hh = hh % 12 + (12 if ampm == "pm" else 0)
            rest = rest[: time_match.start()] + " " + rest[time_match.end() :]
    if hh > 23 or mm > 59 or ss > 60:
        return None
    tz: tzinfo | None = None
    offset = _OFFSET_GMT.search(rest) or _OFFSET_FREE.search(rest)
    if offset:
        tz = _offset_tz(offset)
        if tz is None:
            return None
    else:
        zone = _ZONE_NAME.search(rest)
        if zone:
            tz = _fixed(_ZONES[zone["zone"]])
    return _build(y, mon, d, hh, mm, ss, tz, default_tz)


def parse_date(value: str | None, default_tz: str = DEFAULT_TZ, now: datetime | None = None) -> str | None:
    """Any date text -> ISO 8601 with offset (seconds precision, e.g.
    '2025-06-16T20:15:00+07:00'), or None if unparseable.

    With ``now`` (when the page was fetched or saved), relative times such as
    "2 jam yang lalu" or "kemarin 10:00" are read too, anchored there."""
    if not value or not isinstance(value, str):
        return None
    text = clean_line(value, limit=200)
    if not text:
        return None
    try:
        if _DIGITS.match(text):
            return _parse_digits(text, default_tz)
        result = _parse_iso(text, default_tz)
        if result is None:
            result = _parse_free(text, default_tz)
        if result is None and now is not None:
            result = parse_relative(text, now, _zone(default_tz))
        return result
    except (ValueError, KeyError, OverflowError):  # defensive: never raise on garbage
        return None


def _to_datetime(iso: str | None) -> datetime | None:
    if not iso:
        return None
    try:
        moment = datetime.fromisoformat(iso)
    except (TypeError, ValueError):
        parsed = parse_date(iso)
        if parsed is None:
            return None
        moment = datetime.fromisoformat(parsed)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=_zone(DEFAULT_TZ))
    return moment


def in_wib(iso: str | None) -> datetime | None:
    """The moment of an ISO 8601 (or other readable) date in WIB; naive times are
    taken as Asia/Jakarta. None when it is missing or unreadable."""
    moment = _to_datetime(iso)
    if moment is None:
        return None
    try:
        return moment.astimezone(WIB)
    except (OverflowError, ValueError):  # at the very edge of the calendar
        return None


def long_date(iso: str | None) -> str:
    """'Senin, 16 Juni 2025 20:15 WIB' (the article header), or '' when unknown."""
    moment = in_wib(iso)
    if moment is None:
        return ""
    return (
        f"{_DAY_NAMES_ID[moment.weekday()]}, {moment.day} {_MONTHS_LONG_ID[moment.month - 1]} "
        f"{moment.year} {moment:%H:%M} WIB"
    )


def short_date(iso: str | None) -> str:
    """'16 Jun 20:15' in WIB (list rows; the day right-aligned to 2), or '' when unknown."""
    moment = in_wib(iso)
    if moment is None:
        return ""
    return f"{moment.day:>2} {_MONTHS_SHORT_ID[moment.month - 1]} {moment:%H:%M}"


def short_wib(iso: str | None) -> str:
    """'2025-06-16 20:15' in WIB (one-line listings on the command line), or '' when unknown."""
    moment = in_wib(iso)
    if moment is None:
        return ""
    return f"{moment:%Y-%m-%d %H:%M}"
