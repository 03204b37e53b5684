"""Turn fetched bytes into text, whatever the page or feed claims.

Order: byte-order mark, the HTTP charset, the in-document declaration
(``<?xml encoding=...?>`` or ``<meta charset>``) in the first ~2 KB, then
UTF-8, then cp1252. Never raises: bad bytes become U+FFFD.
"""

from __future__ import annotations

import codecs
import re

_SNIFF_BYTES = 2048

# (BOM, codec) — UTF-32 before UTF-16: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# WHATWG: these labels mean windows-1252 in practice (smart quotes labelled ISO-8859-1).
_CP1252_LABELS = frozenset(
    {
        "iso-8859-1", "iso8859-1", "iso_8859-1", "iso-8859-1:1987", "iso_8859-1:1987",
        "latin-1", "latin1", "l1", "cp819", "ibm819", "iso-ir-100", "csisolatin1",
        "us-ascii", "ascii", "ansi_x3.4-1968", "iso646-us", "cp1252", "windows-1252", "x-cp1252",
    }
)
# Python codecs that are not web encodings, or are dangerous (UTF-7 smuggling).
_REFUSED_CODECS = frozenset(
    {
        "utf_7", "unicode_escape", "raw_unicode_escape", "idna", "punycode", "undefined",
        "mbcs", "oem", "charmap", "palmos", "cp65001",
    }
)
_WIDE_CODECS = frozenset({"utf_16", "utf_16_le", "utf_16_be", "utf_32", "utf_32_le", "utf_32_be"})

_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']""")
_META_CHARSET = re.compile(
    rb"""<meta\b[^>]{0,500}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})""", re.IGNORECASE
)
_CT_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([^"';,\s]+)""", re.IGNORECASE)


def http_charset(content_type: str | None) -> str | None:
    """The ``charset`` parameter of a Content-Type header, lower-cased, or None."""
    if not content_type:
        return None
    match = _CT_CHARSET.search(content_type)
    if not match:
        return None
    return match.group(1).strip().lower()[:40] or None


def _codec_for(label: str | None) -> str | None:
    """A Python codec name for a charset label, or None when unknown/refused."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    if not label:
        return None
    if label in _CP1252_LABELS:
        return "cp1252"
    try:
        info = codecs.lookup(label)
    except (LookupError, ValueError):
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name.replace("-", "_") in _REFUSED_CODECS:
        return None
    if info.name in ("latin_1", "iso8859-1", "ascii"):
        return "cp1252"
    return info.name


def _is_wide(codec: str) -> bool:
    return codec.replace("-", "_") in _WIDE_CODECS


def _is_single_byte(codec: str) -> bool:
    return codec.startswith(("cp125", "iso8859", "latin", "koi8", "mac_"))


def _bom(data: bytes) -> tuple[str, int] | None:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec, len(bom)
    return None


# XML 1.0 appendix F: how "<?xml" / "<" starts in each wide encoding without a BOM.
_WIDE_STARTS: tuple[tuple[bytes, str], ...] = (
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00", "utf-16-le"),
    (b"\x00<", "utf-16-be"),
)


def _wide_without_bom(data: bytes) -> str | None:
    """UTF-16/32 text with no byte-order mark, told by where the NULs sit."""
    head = data[:64]
    if b"\x00" not in head:
        return None
    for start, codec in _WIDE_STARTS:
        if head.startswith(start):
            return codec
    # Leading whitespace first: the same test on the first non-blank unit.
    for start, codec in _WIDE_STARTS:
        unit = len(start)
        for blank in (b" ", b"\n", b"\r", b"\t"):
            padded = blank + b"\x00" * (unit - 1) if codec.endswith("le") else b"\x00" * (unit - 1) + blank
            if head.startswith(padded):
                return codec
    return None


def _declared(data: bytes, kind: str) -> str | None:
    """The charset the document declares about itself, in its first ~2 KB."""
    head = data[:_SNIFF_BYTES]
    xml = _XML_DECL.match(head)
    meta = _META_CHARSET.search(head) if kind != "xml" or not xml else None
    for match in ((xml, meta) if kind == "xml" else (meta, xml)):
        if match:
            codec = _codec_for(match.group(1).decode("ascii", "replace"))
            if codec:
                # We read the declaration as ASCII, so the bytes are not UTF-16/32.
                return "utf-8" if _is_wide(codec) else codec
    return None


def decode_bytes(data: bytes, http_charset: str | None = None, kind: str = "html") -> str:
    """Decode a page (``kind="html"``) or a feed (``kind="xml"``) to text. Never raises."""
    if not data:
        return ""
    bom = _bom(data)
    if bom:
        codec, skip = bom
        return data[skip:].decode(codec, errors="replace")

    header = _codec_for(http_charset)
    if header and _is_wide(header) and b"\x00" not in data[:_SNIFF_BYTES]:
        header = None  # "UTF-16" on a page with no NUL bytes: the header is wrong
    wide = _wide_without_bom(data)
    if wide and not (header and _is_wide(header)):
        return data.decode(wide, errors="replace")  # NULs between ASCII: no label is right
    candidates = [c for c in (header, _declared(data, kind)) if c]
    for codec in dict.fromkeys(candidates):  # header first, then the document's own claim
        if _is_single_byte(codec) and not data.isascii():
            # Valid multi-byte UTF-8 is almost never real cp1252/latin text: the label
            # is stale (Apache's default "ISO-8859-1" header on a UTF-8 page).
            try:
                return data.decode("utf-8")
            except UnicodeDecodeError:
                pass
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return data.decode(candidates[0] if candidates else "cp1252", errors="replace")
