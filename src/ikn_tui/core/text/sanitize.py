"""Make outside text safe for a terminal.

Every string that comes from outside (titles, bodies, URLs, feed names,
error text) passes through here before it is stored, and again before it is
rendered. It never becomes markup: the UI renders it with ``Text``/``Content``.
"""

from __future__ import annotations

import re
import unicodedata

# ESC-introduced strings with a payload: OSC (ESC ]), DCS (ESC P), SOS (ESC X),
# PM (ESC ^), APC (ESC _), ended by BEL or ST (ESC \ or 0x9C), or by the end.
_ESC_STRING = re.compile(r"\x1b[\]PX^_][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?")
# Their 8-bit C1 forms: 0x9D OSC, 0x90 DCS, 0x98 SOS, 0x9E PM, 0x9F APC.
_C1_STRING = re.compile(r"[\x90\x98\x9d\x9e\x9f][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?")
# CSI: ESC [ or 0x9B, parameters, intermediates, final byte.
_CSI = re.compile(r"(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?")
# Any other two-byte escape (ESC 7, ESC c, ESC (B ...).
_ESC_OTHER = re.compile(r"\x1b[\x20-\x2f]*[\x30-\x7e]?")
# Remaining C0 (except \t \n), DEL and C1 controls.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# BiDi embeddings/overrides/isolates and zero-width characters.
# Lone surrogates (from "\\ud800" in JSON, "&#xD800;" in a lenient parser):
# no text holding one can be written as UTF-8, so they become U+FFFD.
_SURROGATE = re.compile("[\ud800-\udfff]")
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad]")


def strip_controls(text: str) -> str:
    """Remove terminal escape sequences and control characters.

    Keeps ``\\n`` and ``\\t``. ``\\r`` becomes nothing (``&#13;`` in feeds).
    """
    if not text:
        return ""
    if text.isprintable():  # fast path: nothing to do (tabs/newlines are not printable)
        return text
    text = _ESC_STRING.sub("", text)
    text = _C1_STRING.sub("", text)
    text = _CSI.sub("", text)
    text = _ESC_OTHER.sub("", text)
    return _CONTROLS.sub("", text)


def clean_line(text: str | None, limit: int | None = None) -> str:
    """One line of safe text: controls, BiDi overrides and zero-width removed,
    whitespace (including non-breaking spaces) collapsed. For titles, names,
    URLs and error messages."""
    if not text:
        return ""
    text = str(text)
    if text.isprintable():
        # Fast path for text that is already clean (most of it): every control,
        # BiDi/zero-width character (category Cc/Cf) and every space other than
        # U+0020 (NBSP, thin spaces) makes isprintable() False, so only runs of
        # plain spaces can be left to collapse.
        if "  " in text or text[0] == " " or text[-1] == " ":
            text = " ".join(text.split())
    else:
        text = strip_controls(text)
        text = _INVISIBLE.sub("", text)
        text = _SURROGATE.sub("\ufffd", text)
        # str.split() splits on every Unicode space (NBSP, thin spaces, \r\n\t...):
        # one C-level pass, much faster than a regex substitution per paragraph.
        text = " ".join(text.split())
    if limit is not None and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


def clean_paragraph(text: str | None) -> str:
    """A body paragraph: like ``clean_line`` but NFC-normalised; keeps no newlines."""
    if not text:
        return ""
    text = clean_line(text)
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


def clean_optional(text: str | None, limit: int | None = None) -> str | None:
    """``clean_line`` that keeps ``None`` (and turns empty results into ``None``)."""
    cleaned = clean_line(text, limit)
    return cleaned or None


SAFE_SCHEMES = ("http", "https")


def is_web_url(url: str | None) -> bool:
    """Only http(s) URLs are ever fetched or opened."""
    if not url:
        return False
    head = url.strip().split(":", 1)[0].lower()
    return head in SAFE_SCHEMES and "://" in url[:10]
