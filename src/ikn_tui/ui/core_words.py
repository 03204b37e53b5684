"""The core's error lines (English, for logs and the command line) in the reader's words.

The core describes a failure in one English line ("cannot resolve host x", "HTTP 404");
the reader shows the most common of them in the current language through this table
(pattern -> msgid with the pattern's named groups). A line no pattern knows is shown
as it is, after cleaning.
"""

from __future__ import annotations

import re

from ikn_tui.core.text import clean_line
from ikn_tui.i18n import N_, _

_WORDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), words)
    for pattern, words in (
        (r"^cannot resolve host (?P<host>.+)$", N_("alamat {host} tidak ditemukan (DNS)")),
        (r"^connection refused by (?P<host>.+)$", N_("{host} menolak sambungan")),
        (r"^timed out after (?P<s>[\d.]+) s connecting to (?P<host>.+)$",
         N_("waktu habis setelah {s} detik menyambung ke {host}")),
        (r"^timed out after (?P<s>[\d.]+) s waiting for (?P<host>.+)$",
         N_("waktu habis setelah {s} detik menunggu {host}")),
        (r"^TLS certificate problem for (?P<host>.+)$", N_("masalah sertifikat TLS pada {host}")),
        (r"^cannot connect to (?P<host>[^:]+): (?P<detail>.*)$", N_("tidak bisa menyambung ke {host}: {detail}")),
        (r"^connection to (?P<host>.+) closed before the response was complete$",
         N_("sambungan ke {host} putus sebelum jawaban lengkap")),
        (r"^HTTP (?P<code>\d{3})$", N_("jawaban HTTP {code}")),
        (r"^not a feed: looks like an HTML page$", N_("bukan feed: tampaknya halaman HTML")),
        (r"^not a feed: .*$", N_("bukan feed")),
        (r"^(?P<source>.+): no such file or folder$", N_("{source}: tidak ada berkas atau folder itu")),
        (r"^(?P<source>.+): permission denied$", N_("{source}: akses ditolak")),
        (r"^(?P<source>.+): unsupported content \(.*\)$",
         N_("{source}: isi tidak didukung (bukan feed, halaman artikel, OPML, JSON Feed atau teks)")),
    )
)


def _known(text: str) -> str | None:
    for pattern, words in _WORDS:
        found = pattern.match(text)
        if found:
            return _(words).format(**found.groupdict())
    return None


def in_words(line: str, limit: int = 300) -> str:
    """``line`` from the core, in the current language when it is a known kind
    (also after a "where: " prefix, as refresh messages name their feed)."""
    text = clean_line(line, limit)
    known = _known(text)
    if known is None:
        head, sep, tail = text.partition(": ")
        tail_known = _known(tail) if sep else None
        known = f"{head}: {tail_known}" if tail_known is not None else None
    return clean_line(known, limit) if known is not None else text
