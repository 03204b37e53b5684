"""Undo UTF-8 text that was decoded as Windows-1252 on the way ("Lâ€™Oreal"
-> "L’Oreal", "Â©" -> "©"), as some portal feeds serve their titles.

Only runs of the tell-tale pairs are touched (a lead byte Â..ô followed by
continuation characters); a run that does not decode as UTF-8 stays as it was.
"""

from __future__ import annotations

import re

# Characters Windows-1252 maps the bytes 0x80-0xBF to (UTF-8 continuation bytes).
_CONT = "\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u017d" \
        "\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178"
_RUN = re.compile(f"(?:[\u00c2-\u00df][{_CONT}]|[\u00e0-\u00ef][{_CONT}]{{2}}|[\u00f0-\u00f4][{_CONT}]{{3}})+")
_MARKS = ("\u00c2", "\u00c3", "\u00e2\u20ac", "\u00c5", "\u00e2\u201e")


def _redecode(match: re.Match[str]) -> str:
    run = match.group()
    try:
        return run.encode("cp1252").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        try:
            return run.encode("latin-1").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return run


def fix_mojibake(text: str) -> str:
    """``text`` with double-decoded UTF-8 runs repaired (unchanged when clean)."""
    if not text or not any(mark in text for mark in _MARKS):
        return text
    return _RUN.sub(_redecode, text)
