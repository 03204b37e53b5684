"""The hostile corpus, generated in code (nothing large is committed).

Every hostile input the suite feeds to ikn-read comes from here: terminal
escape payloads, markup, link schemes, XML bombs, broken and mis-encoded
feeds, huge documents. All text is fictional.
"""

from __future__ import annotations

import gzip
import html
import re
import unicodedata
from collections.abc import Iterable, Iterator

# --------------------------------------------------------------------------- 1. terminal escapes

# A word that must never reach the screen: it only ever sits inside a payload.
SECRET = "PWNED"

ESCAPES: dict[str, str] = {
    "osc0_window_title": f"\x1b]0;{SECRET}-title\x07",
    "osc2_title_st": f"\x1b]2;{SECRET}-title\x1b\\",
    "osc8_hyperlink": f"\x1b]8;id={SECRET};file:///etc/passwd\x1b\\klik\x1b]8;;\x1b\\",
    "osc52_clipboard": f"\x1b]52;c;{SECRET}cm0gLXJmIH4K\x07",
    "osc_unterminated": f"\x1b]0;{SECRET} never ends",
    "csi_clear_screen": "\x1b[2J\x1b[3J\x1b[H",
    "csi_sgr_and_cursor": "\x1b[31;1m\x1b[10;10H\x1b[?1049h\x1b[6n",
    "c1_csi_8bit": "\x9b31m\x9b2J",
    "c1_osc_8bit": f"\x9d0;{SECRET}-c1\x9c",
    "c1_dcs_8bit": f"\x90{SECRET}\x9c",
    "dcs_sixel": f"\x1bPq#0;2;0;0;0#0~~@@vv@@~~{SECRET}\x1b\\",
    "apc_kitty": f"\x1b_Gf=100,a=T;{SECRET}\x1b\\",
    "pm": f"\x1b^{SECRET}\x1b\\",
    "sos": f"\x1bX{SECRET}\x1b\\",
    "esc_other": "\x1bc\x1b7\x1b8\x1b(0\x1b#8",
    "c0_controls": "".join(chr(c) for c in range(0x20) if c not in (0x09, 0x0A, 0x1B)),
    "del": "\x7f\x7f",
    "c1_all": "".join(chr(c) for c in range(0x80, 0xA0)),
    "bidi_overrides": "\u202etxt.exe\u202c \u2066x\u2069 \u202a\u202b\u202d\u200e\u200f",
    "zero_width": "\u200b\u200c\u200d\u2060\ufeff\u00ad",
}

# The five the issue names, used where a whole app run per payload is costly.
RENDER_PAYLOADS = ["osc0_window_title", "osc8_hyperlink", "osc52_clipboard", "csi_clear_screen", "c1_csi_8bit"]

_BIDI_ZW = set("\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064"
               "\u2066\u2067\u2068\u2069\ufeff\u00ad")


def hostile(name: str, before: str = "Banjir", after: str = "Samarinda") -> str:
    """A title-like string with one payload in the middle."""
    return f"{before} {ESCAPES[name]} {after}"


def all_escapes() -> str:
    """Every payload at once (a worst-case title)."""
    return "Kabar " + " ".join(ESCAPES.values()) + " akhir"


def unsafe_chars(text: str, allow_newlines: bool = False) -> list[str]:
    """Characters a terminal could act on: C0 (but \\n \\t when allowed), DEL,
    C1, BiDi controls and zero-width characters. Empty means safe."""
    bad = []
    for ch in text:
        code = ord(ch)
        if allow_newlines and ch in "\n\t":
            continue
        if code < 0x20 or 0x7F <= code <= 0x9F or ch in _BIDI_ZW:
            bad.append(ch)
    return bad


def assert_terminal_safe(text: str | None, allow_newlines: bool = False) -> None:
    text = text or ""
    bad = unsafe_chars(text, allow_newlines)
    assert not bad, f"unsafe characters {[hex(ord(c)) for c in bad[:10]]} in {text[:120]!r}"
    assert SECRET not in text, f"escape payload text survived: {text[:120]!r}"


# Escape sequences in Textual's own output: CSI with parameters (SGR, cursor
# moves, modes) and OSC 22 (pointer shape). Anything else came from content.
_OWN_CSI = re.compile(r"\x1b\[[0-9;:?<=>]*[ -/]*[@-~]")
_OWN_OSC = re.compile(r"\x1b\]22;[a-z-]{1,20}\x07")


def foreign_sequences(output: str) -> list[str]:
    """Escape sequences in terminal output that Textual does not emit itself."""
    rest = _OWN_OSC.sub("", _OWN_CSI.sub("", output))
    found = [m.group() for m in re.finditer(r"\x1b.{0,12}|[\x80-\x9f].{0,8}|\x07", rest, re.S)]
    for seq in _OWN_CSI.findall(output):
        final = seq[-1]
        if final in "JKSTcnX" or seq.startswith("\x1b[6n"):  # clear/erase/scroll/report: never ours
            found.append(seq)
    return found


def hostile_page(payload: str) -> bytes:
    """A saved article page whose title, byline, body and Baca-juga link carry
    ``payload`` raw, and as numeric character references too."""
    refs = "".join(f"&#{ord(c)};" for c in payload)
    return (
        "<!DOCTYPE html><html lang='id'><head><meta charset='utf-8'>"
        f"<title>Banjir {payload} Samarinda - Kabar Contoh</title>"
        f"<meta name='author' content='Redaksi {refs}'>"
        "</head><body><article>"
        f"<h1>Banjir {payload} Samarinda</h1>"
        f"<p>Paragraf pertama {payload} tentang banjir di tepian Mahakam yang cukup panjang untuk dianggap isi.</p>"
        f"<p>Baca juga: <a href='https://kabar.contoh.example/lain'>Kabar lain {refs}</a></p>"
        f"<p>Paragraf kedua {refs} tentang warga yang mengungsi ke tempat yang lebih tinggi di kota.</p>"
        "</article></body></html>"
    ).encode()


# --------------------------------------------------------------------------- 2. markup

MARKUP = [
    "[bold]",
    "[/]",
    "[@click=app.quit]",
    "[link=file:///etc/passwd]x[/]",
    "[00]",
    "[type=x, v={'a[0]'}]",
    "[@click=app.bell]klik[/]",
    "[red on white]merah[/red on white]",
    ":warning: :smile:",
]


def markup_title(index: int) -> str:
    return f"Warga {MARKUP[index]} Sepaku {index}"


# --------------------------------------------------------------------------- 3. links

BAD_LINKS = [
    "javascript:alert(document.cookie)",
    "JaVaScRiPt:alert(1)",
    " javascript://%0aalert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "file:///etc/passwd",
    "file://localhost/etc/shadow",
    "ftp://127.0.0.1/pub",
    "vbscript:msgbox(1)",
    "mailto:redaksi@contoh.example",
    "ssh://127.0.0.1",
    "http:/etc/passwd",
    "//127.0.0.1/x",
    "$(touch /tmp/ikn-read-pwned)",
    "`touch /tmp/ikn-read-pwned`",
    "https:javascript:alert(1)",
]

# --------------------------------------------------------------------------- feeds (builders)


def rss(items: Iterable[str], title: str = "Kabar Kaltim Contoh", prolog: str = "", extra_ns: str = "") -> bytes:
    body = "".join(items)
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n{prolog}'
        f'<rss version="2.0"{extra_ns}><channel><title>{title}</title>'
        f"<link>https://kaltim.contoh.example/</link>{body}</channel></rss>"
    ).encode()


def item(
    n: int,
    title: str | None = None,
    link: str | None = None,
    guid: str | None = None,
    date: str | None = "Mon, 16 Jun 2025 10:00:00 +0700",
    description: str | None = None,
    raw: bool = False,
) -> str:
    """One <item>; fields are escaped unless ``raw``."""
    esc = (lambda s: s) if raw else html.escape
    parts = ["<item>"]
    if title is not None or not raw:
        parts.append(f"<title>{esc(title if title is not None else f'Kabar contoh nomor {n}')}</title>")
    link = link if link is not None else f"https://kaltim.contoh.example/berita/{n}"
    if link:
        parts.append(f"<link>{esc(link)}</link>")
    if guid:
        parts.append(f"<guid>{esc(guid)}</guid>")
    if date:
        parts.append(f"<pubDate>{date}</pubDate>")
    desc = description if description is not None else f"<p>Isi kabar contoh nomor {n} dari Penajam.</p>"
    parts.append(f"<description>{esc(desc)}</description>")
    parts.append("</item>")
    return "".join(parts)


def feed_with(count: int, **fields: str) -> bytes:
    return rss(item(n, **fields) for n in range(count))  # type: ignore[arg-type]


# --------------------------------------------------------------------------- 4. XML attacks


def billion_laughs(levels: int = 10) -> bytes:
    ents = ['<!ENTITY lol0 "lol">']
    for i in range(1, levels):
        ents.append(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">')
    prolog = "<!DOCTYPE rss [\n" + "\n".join(ents) + "\n]>\n"
    return rss([item(1, title=f"&lol{levels - 1};", raw=True)], prolog=prolog)


def quadratic_blowup(entity_kb: int = 20, refs: int = 20_000) -> bytes:
    """One 20 KB entity referenced 20,000 times (400 MB if expanded)."""
    prolog = f'<!DOCTYPE rss [<!ENTITY a "{"x" * (entity_kb * 1024)}">]>\n'
    return rss([item(1, title="Kabar kuadrat", description="&a;" * refs, raw=True)], prolog=prolog)


def xxe_system(target: str = "file:///etc/passwd") -> bytes:
    prolog = f'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "{target}">]>\n'
    return rss([item(1, title="Kabar &xxe; bocor", description="isi &xxe;", raw=True)], prolog=prolog)


def xxe_parameter(target: str) -> bytes:
    prolog = f'<!DOCTYPE rss [<!ENTITY % remote SYSTEM "{target}"> %remote; ]>\n'
    return rss([item(1, title="Kabar parameter", raw=True)], prolog=prolog)


def external_dtd(target: str) -> bytes:
    prolog = f'<!DOCTYPE rss SYSTEM "{target}">\n'
    return rss([item(1, title="Kabar &ext; DTD", raw=True)], prolog=prolog)


def opml_with_prolog(prolog: str, title: str = "Langganan &lol9;") -> bytes:
    return (
        f'<?xml version="1.0"?>\n{prolog}<opml version="2.0"><head><title>{title}</title></head><body>'
        '<outline text="Kaltim" xmlUrl="https://kaltim.contoh.example/rss"/></body></opml>'
    ).encode()


def xml_attacks(server_url: str) -> dict[str, bytes]:
    """Every XML attack, with external references aimed at the test server."""
    dtd = server_url + "evil.dtd"
    return {
        "billion_laughs": billion_laughs(),
        "quadratic_blowup": quadratic_blowup(),
        "xxe_file": xxe_system(),
        "xxe_http": xxe_system(dtd),
        "xxe_parameter": xxe_parameter(dtd),
        "external_dtd": external_dtd(dtd),
        "utf16_billion_laughs": billion_laughs().decode().replace('encoding="utf-8"', 'encoding="utf-16"').encode("utf-16"),
    }


def opml_attacks(server_url: str) -> dict[str, bytes]:
    dtd = server_url + "evil.dtd"
    laughs = billion_laughs().decode()
    prolog = laughs[laughs.index("<!DOCTYPE") : laughs.index("]>") + 3].replace("DOCTYPE rss", "DOCTYPE opml")
    return {
        "opml_billion_laughs": opml_with_prolog(prolog),
        "opml_xxe": opml_with_prolog('<!DOCTYPE opml [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n', "a &x; b"),
        "opml_external_dtd": opml_with_prolog(f'<!DOCTYPE opml SYSTEM "{dtd}">\n', "Langganan"),
    }


# --------------------------------------------------------------------------- 5. broken feeds

_GOOD_ITEMS = "".join(item(n) for n in range(3))


def broken_feeds() -> dict[str, tuple[bytes, str]]:
    """name -> (bytes, expectation): "error" (reported broken), "articles"
    (imports, perhaps with a warning), "empty" (a valid feed with no entries)."""
    full = rss([_GOOD_ITEMS]).decode()
    cdata = rss(["<item><title><![CDATA[Judul CDATA]]></title><link>https://kaltim.contoh.example/c</link>"
                 "<description><![CDATA[<p>Isi yang terpotong"]).decode()
    return {
        "html_page": (b"<!DOCTYPE html><html><head><title>Beranda</title></head><body><p>Bukan feed.</p></body></html>", "error"),
        "empty_body": (b"", "error"),
        "whitespace_body": (b" \n\t\r\n ", "error"),
        "bom_only": (b"\xef\xbb\xbf", "error"),
        "nul_bytes": (b"\x00" * 64, "error"),
        "truncated_xml": (full[: full.index("</item>", full.index("</item>") + 1) + 20].encode(), "articles"),
        "truncated_in_tag": (full[: len(full) // 2].encode(), "articles"),
        "truncated_cdata": (cdata[: cdata.rindex("terpotong") + 3].encode(), "any"),
        "undeclared_namespace": (rss([item(1).replace("<title>", "<media:title>x</media:title><title>")]), "articles"),
        "stray_ampersand": (rss([item(1, title="Kutai & Berau", raw=True), item(2, title="A&B; x &", raw=True)]), "articles"),
        "zero_entries": (rss([]), "empty"),
        "garbage_binary": (bytes(range(256)) * 16, "error"),
        "json_not_feed": (b'{"hello": "world"}', "error"),
        "rss_no_channel_close": (b'<rss version="2.0"><channel><title>x</title><item><title>Satu</title>'
                                 b"<link>https://kaltim.contoh.example/1</link></item>", "articles"),
        "bozo_but_fine": (rss([item(1), "<unknown:tag>x</unknown:tag>", item(2)]), "articles"),
        "mismatched_tags": (rss([item(1).replace("</title>", "</judul>", 1) + item(2)]), "any"),
    }


def missing_fields_feed() -> bytes:
    """Entries without guid, title, date, link (each in turn)."""
    return rss([
        "<item><link>https://kaltim.contoh.example/tanpa-judul</link><description>Hanya isi tanpa judul.</description></item>",
        "<item><title>Tanpa tautan dan guid</title><description>Isi.</description></item>",
        "<item><title>Tanpa tanggal</title><link>https://kaltim.contoh.example/tanpa-tanggal</link></item>",
        "<item><description>Tanpa apa-apa selain isi</description></item>",
        "<item></item>",
    ])


def duplicate_guid_feed() -> bytes:
    return rss([
        item(1, guid="sama"), item(2, guid="sama"), item(3, guid="sama"),
        item(1, guid="sama"),  # an exact repeat
    ])


def dated_feed(dates: dict[str, str]) -> bytes:
    return rss(item(n, title=f"Kabar {name}", date=date) for n, (name, date) in enumerate(dates.items()))


BAD_DATES = [
    "kemarin sore",
    "Mon, 99 Foo 2025 99:99:99 +9999",
    "0000-00-00T00:00:00",
    "9999999999999999999999",
    "Senin, 32 Mei 2025 25:61 WIB",
    "",
    "\x1b[2J2025-06-16",
]

# --------------------------------------------------------------------------- 6. encodings


def encoding_cases() -> dict[str, tuple[bytes, str | None, str]]:
    """name -> (bytes, HTTP charset or None, a word that must read correctly)."""
    word = "Penajam “Paser” Utara – Kaltim"

    def doc(encoding_decl: str, text: str = word) -> str:
        return rss([item(1, title=text)]).decode().replace('encoding="utf-8"', f'encoding="{encoding_decl}"')

    utf8 = doc("utf-8")
    return {
        "bom_utf8_vs_latin1_decl": (b"\xef\xbb\xbf" + doc("iso-8859-1").encode("utf-8"), "windows-1251", word),
        "bom_utf16_vs_utf8_header": (doc("utf-8").encode("utf-16"), "utf-8", word),
        "http_utf8_vs_decl_latin1": (doc("iso-8859-1").encode("utf-8"), "utf-8", word),
        "http_latin1_on_utf8_bytes": (utf8.encode("utf-8"), "iso-8859-1", word),
        "cp1252_quotes_labelled_latin1": (doc("iso-8859-1").encode("cp1252"), None, word),
        "cp1252_quotes_labelled_latin1_http": (doc("iso-8859-1").encode("cp1252"), "ISO-8859-1", word),
        "invalid_utf8": (utf8.encode("utf-8").replace(b"Utara", b"Ut\xff\xfeara\xc3"), None, "Penajam"),
        "decl_utf7": (doc("utf-7", "Kabar +ADw-script+AD4- Kaltim").encode("ascii"), None, "Kabar"),
        "decl_bogus": (doc("x-no-such-charset").encode("utf-8"), "x-nope", word),
        "double_encoded_entities": (rss([item(1, title="Kutai &amp;quot;Kartanegara&amp;quot; &amp;amp; Berau", raw=True)]),
                                    None, 'Kutai "Kartanegara" & Berau'),
        "double_encoded_utf8_mojibake": (utf8.encode("utf-8").decode("cp1252", "replace").encode("utf-8"), None, "Penajam"),
        "utf16_no_bom_header": (doc("utf-16").encode("utf-16-le"), "utf-16", "Penajam"),
        "utf16le_no_bom_no_header": (doc("utf-16").encode("utf-16-le"), None, word),
        "utf16be_no_bom_wrong_header": (doc("utf-16").encode("utf-16-be"), "iso-8859-1", word),
        "utf32le_no_bom_no_header": (doc("utf-32").encode("utf-32-le"), None, word),
        "numeric_c1_references": (rss([item(1, title="Kabar &#155;31m &#x9d;0;x&#7; &#27;[2J bersih", raw=True)]), None, "bersih"),
    }


def readable(text: str) -> bool:
    """No replacement-character soup and no control characters."""
    return text.count("\ufffd") <= 4 and not unsafe_chars(text, allow_newlines=True)


# --------------------------------------------------------------------------- 7. HTTP


def gzip_bomb(size_mb: int = 64) -> bytes:
    """A gzip stream that inflates to ``size_mb`` MB of zeros (~64 KB on the wire)."""
    return gzip.compress(b"\x00" * (size_mb * 1024 * 1024), compresslevel=9)


def endless_chunks(chunk: bytes = b"<item><title>x</title></item>" * 1000, total_mb: int = 50) -> Iterator[bytes]:
    """A 50 MB feed, generated lazily."""
    sent = 0
    yield b'<?xml version="1.0"?><rss version="2.0"><channel><title>Besar</title>'
    while sent < total_mb * 1024 * 1024:
        yield chunk
        sent += len(chunk)


# --------------------------------------------------------------------------- 8. huge content


def huge_description_feed(mb: int = 5) -> bytes:
    para = "<p>" + ("Warga Sepaku menanam mangrove di pesisir. " * 20) + "</p>"
    desc = para * (mb * 1024 * 1024 // len(para) + 1)
    return rss([item(1, title="Deskripsi raksasa", description=desc)])


def huge_title_feed(mb: int = 1) -> bytes:
    return rss([item(1, title="Judul panjang " * (mb * 1024 * 1024 // 14))])


def many_items_feed(count: int = 10_000) -> bytes:
    return rss(item(n, title=f"Kabar ke-{n} dari Balikpapan", description=f"Isi singkat {n}.") for n in range(count))


def deeply_nested_html(levels: int = 100_000) -> bytes:
    return ("<!DOCTYPE html><html><head><title>Bersarang dalam</title></head><body>"
            + "<div>" * levels + "<p>Teks terdalam dari Samarinda.</p>" + "</div>" * levels
            + "</body></html>").encode("utf-8")


def deeply_nested_feed(levels: int = 100_000) -> bytes:
    nested = "<div>" * levels + "Isi terdalam" + "</div>" * levels
    return rss([item(1, title="Deskripsi bersarang", description=nested)])


def big_article_page(mb: int = 2) -> bytes:
    para = "<p>" + ("Pembangunan jalan tol IKN berlanjut menurut laporan warga setempat. " * 8) + "</p>\n"
    body = para * (mb * 1024 * 1024 // len(para) + 1)
    return ("<!DOCTYPE html><html lang='id'><head><meta charset='utf-8'><title>Halaman besar - Kabar Contoh</title>"
            "</head><body><article><h1>Halaman besar</h1>" + body + "</article></body></html>").encode("utf-8")


# --------------------------------------------------------------------------- 10. wide text

WIDE_TITLES = [
    "東京新聞" * 30,
    "🇮🇩🌧️👨‍👩‍👧‍👦" * 20,
    "Banjir 洪水 di Samarinda 😀" * 10,
    "e\u0301" * 200,  # combining marks
    "ﷺ" * 50,
]


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)
