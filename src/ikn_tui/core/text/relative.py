"""Relative times on Indonesian pages ("2 jam yang lalu", "kemarin 10:00",
"Selasa lalu", "about 10 hours ago") -> ISO 8601, anchored at a known moment.

A relative time means nothing on its own: the anchor is when the page was
fetched or saved (the caller knows; see ``sources``). Without an anchor these
texts stay unread. Never raises.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, tzinfo

_UNITS: dict[str, float] = {
    "detik": 1, "dtk": 1, "second": 1, "sec": 1, "s": 1,
    "menit": 60, "mnt": 60, "minute": 60, "min": 60, "m": 60,
    "jam": 3600, "j": 3600, "hour": 3600, "h": 3600,
    "hari": 86400, "day": 86400, "d": 86400,
    "minggu": 7 * 86400, "pekan": 7 * 86400, "week": 7 * 86400, "w": 7 * 86400,
    "bulan": 30 * 86400, "month": 30 * 86400, "bln": 30 * 86400,
    "tahun": 365 * 86400, "year": 365 * 86400, "thn": 365 * 86400,
}
_UNIT_ALT = "|".join(sorted((re.escape(u) for u in _UNITS if len(u) > 1), key=len, reverse=True))
_AGO = r"(?:yang\s+)?(?:lalu|ago|yll|yg\s+lalu)"
# "2 jam yang lalu", "about 10 hours ago", "sejam lalu", "an hour ago", "45 menit lalu"
_AMOUNT_AGO = re.compile(
    rf"(?:(?:about|sekitar|kurang lebih)\s+)?(?P<n>\d{{1,4}}|se|an?|one)\s*(?P<unit>{_UNIT_ALT})s?\.?\s+{_AGO}\b"
)
# Compact counters of listings: "2j", "38mnt", "5 mnt" (the whole text only).
_COMPACT = re.compile(r"^(?P<n>\d{1,3})\s*(?P<unit>j|jam|mnt|menit|dtk|detik)$")
_NOW_WORDS = re.compile(r"^(?:baru\s+saja|just\s+now|barusan|sekarang|now)$")
_DAY_WORD = re.compile(r"\b(?P<word>kemarin\s+lusa|kemarin|yesterday|hari\s+ini|today)\b")
_WEEKDAYS = {
    "senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "jum'at": 4, "sabtu": 5, "minggu": 6, "ahad": 6,
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}
_WEEKDAY_ALT = "|".join(sorted((re.escape(d) for d in _WEEKDAYS), key=len, reverse=True))
# "Selasa lalu", "Selasa kemarin", "last Tuesday"
_WEEKDAY_AGO = re.compile(rf"(?:\blast\s+(?P<en>{_WEEKDAY_ALT})|\b(?P<id>{_WEEKDAY_ALT})\s+(?:lalu|kemarin))\b")
_CLOCK = re.compile(r"(?<!\d)(?P<H>\d{1,2})[:.](?P<M>\d{2})(?!\d)")
_DAY_OFFSETS = {"kemarin lusa": 2, "kemarin": 1, "yesterday": 1, "hari ini": 0, "today": 0}


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _at_clock(day: datetime, text: str) -> datetime:
    """``day`` at the clock time written in ``text`` (midnight when none)."""
    clock = _CLOCK.search(text)
    hour, minute = (int(clock["H"]), int(clock["M"])) if clock else (0, 0)
    if hour > 23 or minute > 59:
        hour, minute = 0, 0
    return day.replace(hour=hour, minute=minute, second=0, microsecond=0)


def parse_relative(value: str | None, now: datetime | None, local_tz: tzinfo | None = None) -> str | None:
    """A relative time text -> ISO 8601 in ``local_tz`` (WIB), anchored at
    ``now``; ``None`` when ``now`` is missing or the text is not relative."""
    if not value or now is None or not isinstance(value, str):
        return None
    text = " ".join(value.lower().replace("\u2019", "'").split())[:120]
    if not text:
        return None
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    local = now.astimezone(local_tz) if local_tz is not None else now
    if _NOW_WORDS.match(text):
        return _iso(local.replace(microsecond=0))
    match = _AMOUNT_AGO.search(text) or _COMPACT.match(text)
    if match:
        raw = match["n"]
        count = 1 if raw in ("se", "a", "an", "one") else int(raw)
        unit = match["unit"].rstrip(".")
        seconds = _UNITS.get(unit, _UNITS.get(unit + ".", 0))
        if not seconds:
            return None
        return _iso((local - timedelta(seconds=count * seconds)).replace(microsecond=0))
    day = _DAY_WORD.search(text)
    if day:
        offset = _DAY_OFFSETS[" ".join(day["word"].split())]
        return _iso(_at_clock(local - timedelta(days=offset), text[day.end():]))
    weekday = _WEEKDAY_AGO.search(text)
    if weekday:
        wanted = _WEEKDAYS[weekday["en"] or weekday["id"]]
        back = (local.weekday() - wanted) % 7 or 7  # "Selasa lalu" said on a Tuesday: a week ago
        return _iso(_at_clock(local - timedelta(days=back), text[weekday.end():]))
    return None
