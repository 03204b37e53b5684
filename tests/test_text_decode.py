"""decode.decode_bytes / http_charset: BOM, header, declaration, fallbacks."""

from __future__ import annotations

import codecs

import pytest

from ikn_tui.core.text.decode import decode_bytes, http_charset

TEXT = "“Kopi” dari Kutai Barat – café"


@pytest.mark.parametrize(
    ("bom", "codec"),
    [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
     (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be")],
)
def test_bom_wins_over_everything(bom, codec):
    data = bom + TEXT.encode(codec)
    assert decode_bytes(data, http_charset="iso-8859-1") == TEXT


def test_http_charset_used():
    assert decode_bytes("Kutai Kartanegara ñ".encode("iso-8859-15"), "iso-8859-15") == "Kutai Kartanegara ñ"


def test_latin1_label_means_cp1252():
    data = TEXT.encode("cp1252")
    assert decode_bytes(data, "ISO-8859-1") == TEXT
    assert decode_bytes(data, "us-ascii") == TEXT
    assert decode_bytes(data, "latin1") == TEXT


def test_xml_declaration():
    data = b'<?xml version="1.0" encoding="windows-1252"?><t>' + TEXT.encode("cp1252") + b"</t>"
    assert TEXT in decode_bytes(data, kind="xml")


def test_meta_charset_and_http_equiv():
    body = TEXT.encode("cp1252")
    assert TEXT in decode_bytes(b'<html><head><meta charset="iso-8859-1"></head><p>' + body)
    equiv = b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1252"><p>' + body
    assert TEXT in decode_bytes(equiv)


def test_declaration_beyond_2kb_is_ignored():
    data = b" " * 3000 + b'<meta charset="koi8-r"><p>' + TEXT.encode("utf-8")
    assert TEXT in decode_bytes(data)


def test_declared_wrong_but_utf8_clean_prefers_utf8():
    data = TEXT.encode("utf-8")
    assert decode_bytes(data, "iso-8859-1") == TEXT  # Apache's default header on a UTF-8 page
    assert decode_bytes(data, "shift_jis") == TEXT  # decodes with errors -> utf-8 instead
    assert TEXT in decode_bytes(b'<?xml version="1.0" encoding="windows-1252"?><t>' + data, kind="xml")


def test_no_declaration_utf8_then_cp1252():
    assert decode_bytes(TEXT.encode("utf-8")) == TEXT
    assert decode_bytes(TEXT.encode("cp1252")) == TEXT


def test_unknown_and_dangerous_labels_ignored():
    assert decode_bytes(TEXT.encode("utf-8"), "x-made-up-charset") == TEXT
    assert decode_bytes(b"+ADw-script+AD4-", "utf-7") == "+ADw-script+AD4-"  # no UTF-7 smuggling
    assert decode_bytes(b"\\x41", "unicode_escape") == "\\x41"
    assert decode_bytes(b"aGVsbG8=", "base64") == "aGVsbG8="  # bytes-to-bytes codec refused


def test_utf16_header_on_ascii_page_is_ignored():
    assert decode_bytes(b"<p>Samarinda</p>", "utf-16") == "<p>Samarinda</p>"
    assert decode_bytes(b'<meta charset="utf-16"><p>Sepaku', None) == '<meta charset="utf-16"><p>Sepaku'


def test_invalid_bytes_replaced_never_raise():
    data = b"Balikpapan \xff\xfe\xfd \x81 end"
    for charset in (None, "utf-8", "cp1252", "ascii", "euc-jp", "", "\x00"):
        text = decode_bytes(data, charset)
        assert text.startswith("Balikpapan") and text.endswith("end")
    assert "\ufffd" in decode_bytes(b"caf\xc3 \x81", "utf-8")


def test_empty():
    assert decode_bytes(b"") == ""
    assert decode_bytes(codecs.BOM_UTF8) == ""


@pytest.mark.parametrize(
    ("header", "expected"),
    [("text/html; charset=UTF-8", "utf-8"), ('application/rss+xml; charset="iso-8859-1"', "iso-8859-1"),
     ("text/xml;charset=windows-1252;format=flowed", "windows-1252"), ("text/html", None), (None, None), ("", None)],
)
def test_http_charset(header, expected):
    assert http_charset(header) == expected


def test_wrong_header_falls_back_to_the_document_declaration():
    data = b'<?xml version="1.0" encoding="windows-1252"?><t>' + TEXT.encode("cp1252") + b"</t>"
    assert TEXT in decode_bytes(data, "utf-8", kind="xml")
    page = b'<meta charset="windows-1252"><p>' + TEXT.encode("cp1252")
    assert TEXT in decode_bytes(page, "utf-8")
