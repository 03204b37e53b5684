"""The core's problems in the reader's and the command line's words.

The core describes a failure as a ``Problem`` (a kind and details, see
``core/problem.py``); this table words each kind in the current language
(Indonesian msgids, ``locale/en`` translates them). ``ui/`` and ``cli/`` both word
problems here (``cli`` sits above ``ui``; this module imports no Textual). Details are
outside text (hosts, file names, a server's or parser's own message): they are cleaned
and never markup. A few detail values that are the core's own words (which server,
what a document turned out to be) are worded too; the rest stay as they came.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ikn_tui.core.problem import CAUSE, Problem, ProblemKind, fill
from ikn_tui.core.store import DAMAGE_INDEX, DAMAGE_MORE, DAMAGE_UNREADABLE, DAMAGE_UTF8
from ikn_tui.core.text import clean_line
from ikn_tui.i18n import N_, _

K = ProblemKind
WORDS: Mapping[ProblemKind, str] = {
    K.TEXT: N_("{text}"),
    K.URL_SCHEME: N_("skema URL tidak didukung: {scheme}"),
    K.TIMEOUT: N_("waktu habis setelah {seconds} detik"),
    K.CONNECT_TIMEOUT: N_("waktu habis setelah {seconds} detik menyambung ke {host}"),
    K.READ_TIMEOUT: N_("waktu habis setelah {seconds} detik menunggu {host}"),
    K.DNS: N_("alamat {host} tidak ditemukan (DNS)"),
    K.REFUSED: N_("{host} menolak sambungan"),
    K.TLS_CERTIFICATE: N_("masalah sertifikat TLS pada {host}"),
    K.TLS: N_("galat TLS dengan {host}: {detail}"),
    K.CONNECT: N_("tidak bisa menyambung ke {host}: {detail}"),
    K.INVALID_URL: N_("URL tidak sah: {detail}"),
    K.NETWORK: N_("galat jaringan dengan {host}: {detail}"),
    K.FETCH_FAILED: N_("pengambilan gagal: {detail}"),
    K.BAD_REDIRECT: N_("{host} mengalihkan ke Location yang tidak sah"),
    K.HEADERS_TOO_LARGE: N_("{host} mengirim kepala jawaban yang terlalu besar"),
    K.CLOSED_EARLY: N_("sambungan ke {host} putus sebelum jawaban lengkap"),
    K.INVALID_RESPONSE: N_("{host} mengirim jawaban HTTP yang tidak sah"),
    K.HTTP_STATUS: N_("jawaban HTTP {code}"),
    K.HTTP_GONE: N_("jawaban HTTP {code}: feed sudah dihapus"),
    K.HTTP_RETRY: N_("jawaban HTTP {code}: coba lagi setelah {seconds} detik"),
    K.POST_REDIRECT: N_("jawaban HTTP {code}: server mengalihkan ke {target}"),
    K.REDIRECT_SCHEME: N_("dialihkan ke skema yang tidak didukung: {scheme}"),
    K.REDIRECT_INVALID: N_("dialihkan ke URL yang tidak didukung atau tidak sah"),
    K.TOO_MANY_REDIRECTS: N_("terlalu banyak pengalihan (lebih dari {count})"),
    K.TOO_LARGE: N_("jawaban terlalu besar (> {size})"),
    K.TOO_LARGE_DECOMPRESSED: N_("jawaban terlalu besar setelah dibuka (> {size})"),
    K.ENCODING: N_("pengodean isi tidak didukung: {coding}"),
    K.DECOMPRESS: N_("jawaban tidak bisa dibuka: {detail}"),
    K.UNASKED_304: N_("jawaban HTTP 304 untuk permintaan tanpa ETag atau tanggal"),
    K.FEED_UNPARSABLE: N_("feed tidak terbaca: {reason}"),
    K.FEED_EMPTY: N_("isi feed kosong"),
    K.FEED_IS_HTML: N_("bukan feed: tampaknya halaman HTML"),
    K.FEED_NO_MARKUP: N_("bukan feed: tanpa markah XML (teks biasa?)"),
    K.FEED_NO_ROOT: N_("bukan feed: tanpa elemen akar RSS atau Atom"),
    K.FEED_BROKEN: N_("feed rusak: XML tidak sah ({detail})"),
    K.FEED_NOT_WELL_FORMED: N_("XML feed tidak sah ({detail}); dibaca selonggar mungkin"),
    K.FEED_NO_ENTRIES: N_("feed tanpa entri"),
    K.FEED_NO_USABLE_ENTRIES: N_("tidak ada entri yang bisa dipakai"),
    K.FEED_ITEMS_SKIPPED: N_("{read} dari {total} entri terbaca; {skipped} dilewati: {reasons}"),
    K.FEED_DTD_IGNORED: N_("deklarasi entitas DTD yang tidak aman diabaikan"),
    K.FEED_CHAR_REFS: N_("rujukan karakter tidak sah diganti dengan \ufffd: {count}"),
    K.FEED_DUPLICATES: N_("entri ganda dilewati: {count}"),
    K.FEED_SHARED_GUIDS: N_("entri yang memakai guid yang sama (dibuat unik): {count}"),
    K.JSON_FEED_INVALID: N_("bukan JSON Feed: {detail}"),
    K.JSON_FEED_NESTED: N_("bukan JSON Feed: JSON bersarang terlalu dalam"),
    K.JSON_FEED_EMPTY: N_("bukan JSON Feed: dokumen kosong"),
    K.JSON_FEED_BROKEN: N_("bukan JSON Feed: JSON rusak ({detail} di baris {line} kolom {column})"),
    K.JSON_FEED_NOT_OBJECT: N_("bukan JSON Feed: tingkat teratas bukan objek"),
    K.JSON_FEED_ITEMS: N_("bukan JSON Feed: \"items\" tidak ada atau bukan daftar"),
    K.JSON_FEED_NO_VERSION: N_("bukan JSON Feed: tanpa versi jsonfeed.org dan tanpa items"),
    K.OPML_EMPTY: N_("bukan OPML: berkas kosong"),
    K.OPML_NO_ELEMENTS: N_("bukan OPML: tanpa elemen XML"),
    K.OPML_BROKEN: N_("bukan OPML: XML rusak ({detail})"),
    K.OPML_ENTITIES: N_("bukan OPML: deklarasi entitas tidak diizinkan"),
    K.OPML_TOO_LARGE: N_("bukan OPML: dokumen terlalu besar atau bersarang terlalu dalam"),
    K.OPML_INVALID: N_("bukan OPML: {detail}"),
    K.OPML_ROOT: N_("bukan OPML: dokumennya <{tag}>"),
    K.OPML_NO_OUTLINES: N_("bukan OPML: XML rusak tanpa outline feed yang terbaca"),
    K.EMPTY_FILE: N_("berkas kosong"),
    K.EMPTY_RESPONSE: N_("jawaban kosong"),
    K.NO_ARTICLE_TEXT: N_("tidak ada teks artikel di halaman ini"),
    K.NO_TITLE_LINE: N_("tidak ada baris judul di berkas teks ini"),
    K.UNREADABLE: N_("tidak terbaca: {detail}"),
    K.NESTED_TOO_DEEPLY: N_("dokumen bersarang terlalu dalam untuk dibaca"),
    K.DOCUMENT_TOO_LARGE: N_("dokumen terlalu besar untuk dibaca"),
    K.XML_NOT_FEED: N_("XML, tetapi bukan RSS, Atom atau OPML"),
    K.UNSUPPORTED_CONTENT: N_("isi tidak didukung (bukan feed, halaman artikel, OPML, JSON Feed atau teks)"),
    K.NO_SUCH_FILE: N_("tidak ada berkas atau folder itu"),
    K.FILE_TOO_LARGE: N_("berkas terlalu besar ({size}, batas {limit})"),
    K.PERMISSION_DENIED: N_("akses ditolak"),
    K.IS_A_FOLDER: N_("itu folder"),
    K.CANNOT_READ: N_("tidak bisa dibaca ({detail})"),
    K.FOLDER_TRUNCATED: N_("berhenti setelah {count} berkas"),
    K.FOLDER_EMPTY: N_("folder tanpa berkas yang didukung (.html, .xml, .txt, .json, .opml)"),
    K.ONLY_WEB_URLS: N_("hanya URL http dan https yang didukung"),
    K.OFFLINE: N_("luring: URL tidak diambil"),
    K.NOT_AN_ARTICLE: N_("isinya {found}, bukan halaman artikel"),
    K.NO_ARTICLE: N_("tidak ada artikel di halaman"),
    K.NO_FULL_TEXT: N_("teks lengkap tidak ditemukan di halaman"),
    K.NO_WEB_URL: N_("artikel ini tidak punya URL web"),
    K.LINK_NOT_FOUND: N_("Tidak ditemukan: {title}"),
    K.LINK_NOT_FOUND_OFFLINE: N_("Tidak ditemukan (luring): {title}"),
    K.NOT_STORED: N_("Tidak tersimpan: {cause}"),
    K.FEED_GONE: N_("feed sudah tidak ada (HTTP 410); hapus atau tambahkan lagi"),
    K.FEED_WAIT: N_("server minta menunggu sampai {until}"),
    K.FEED_URL_NEEDED: N_("perlu URL feed"),
    K.FEED_URL_SPACES: N_("{url} bukan URL feed: ada spasi atau karakter kendali"),
    K.FEED_URL_INVALID: N_("{url} bukan URL yang sah"),
    K.FEED_URL_SCHEME: N_("{url} bukan URL feed: hanya http:// dan https://"),
    K.FEED_URL_NO_HOST: N_("{url} bukan URL feed: tanpa nama host"),
    K.DB_DAMAGED: N_("basis data rusak: {path} (jalankan 'ikn-read store recover')"),
    K.DB_DAMAGED_NOT_SAVED: N_(
        "basis data rusak, perubahan tidak disimpan: {path} (jalankan 'ikn-read store recover')"
    ),
    K.DB_READONLY: N_("basis data hanya-baca: {path}"),
    K.DB_FULL: N_("disk penuh saat menulis {path}"),
    K.DB_LOCKED: N_("basis data dikunci oleh ikn-read lain"),
    K.DB_CANNOT_OPEN: N_("basis data tidak bisa dibuka: {path}"),
    K.DB_ERROR: N_("galat basis data: {detail} ({path})"),
    K.DB_TOO_NEW: N_("basis data ditulis oleh ikn-read yang lebih baru: {path}"),
    K.DB_CLOSED: N_("basis data sudah ditutup"),
    K.DB_NONE_TO_RECOVER: N_("tidak ada basis data untuk dipulihkan: {path}"),
    K.DB_UNREADABLE: N_("berkas yang rusak tidak bisa dibaca: {detail}"),
    K.DB_RECOVERY_FAILED: N_("pemulihan gagal: {detail}"),
    K.DB_CANNOT_REPLACE: N_("{path} tidak bisa diganti: {detail}"),
    K.DB_CANNOT_WRITE: N_("{path} tidak bisa ditulis: {detail}"),
    K.DB_BACKUP_FAILED: N_("cadangan gagal: {detail}"),
    K.DB_BACKUP_CANNOT_OPEN: N_("cadangan tidak bisa dibuka: {path}"),
    K.DB_NOT_OURS: N_("bukan basis data ikn-read: {path}"),
    K.DB_BACKUP_DAMAGED: N_("cadangannya juga rusak ({detail}): {path}"),
    K.DB_BACKUP_UNREADABLE: N_("cadangan ini tidak bisa dibaca oleh ikn-read ini: {path}"),
    K.DB_RESTORE_FAILED: N_("pemulihan dari cadangan gagal: {detail}"),
    K.DB_CANNOT_CREATE: N_("{path} tidak bisa dibuat: {detail}"),
    K.DB_CANNOT_MOVE: N_("{path} tidak bisa dipindahkan: {detail}"),
    K.FEED_URL_EMPTY: N_("URL feed kosong"),
    K.EXPORT_FORMAT: N_("format ekspor tidak dikenal: {format} (pakai md atau json)"),
    K.RETENTION_LIMITS: N_("batas penyimpanan harus 0 (tanpa batas) atau lebih"),
    K.SYNC_CREDENTIALS: N_("{what} menolak kredensial (HTTP {code}): jalankan 'ikn-read sync login' lagi"),
    K.SYNC_NOT_JSON: N_("{what} menjawab sesuatu yang bukan JSON"),
    K.SYNC_BAD_ID: N_("{what} mengirim id item yang bukan angka"),
    K.SYNC_UNREACHABLE: N_("{what}: {cause}"),
    K.SYNC_HTTP: N_("{what}: jawaban HTTP {code}"),
    K.SYNC_PROTOCOL: N_("jawaban server sinkron tidak sesuai protokol: {detail}"),
    K.SYNC_NOT_A_URL: N_("bukan URL: {url}"),
    K.SYNC_HTTPS_NEEDED: N_("URL server harus https://HOST/...: {url}"),
    K.SYNC_USER_IN_URL: N_("tulis nama pengguna sesudah URL, bukan di dalamnya"),
    K.SYNC_NO_ACCOUNT: N_("belum ada akun sinkron: jalankan 'ikn-read sync login fever|greader URL USER'"),
    K.SYNC_NO_PASSWORD: N_("tidak ada kata sandi tersimpan untuk {account}: jalankan 'ikn-read sync login' lagi"),
    K.SYNC_UNKNOWN_KIND: N_("jenis server tidak dikenal: {server} (pakai {kinds})"),
    K.SYNC_EMPTY_USER: N_("nama pengguna kosong"),
    K.SYNC_API_KEY: N_("server Fever menolak kunci API: periksa nama pengguna dan kata sandi"),
    K.SYNC_NO_AUTH_TOKEN: N_("{what} tidak memberi token autentikasi (apakah URL-nya titik akhir API?)"),
    K.CONFIG_KEYS_NOT_TEXT: N_(
        '{file}: keys.{binding} harus berupa tombol dalam teks, seperti "j,down" (bawaannya tetap)'
    ),
    K.CONFIG_KEYS_NOT_TABLE: N_('{file}: [keys] harus tabel id pengikatan = "tombol" (diabaikan)'),
    K.CONFIG_NOT_TABLE: N_("{file}: [{table}] harus tabel (diabaikan)"),
    K.CONFIG_UNKNOWN: N_("{file}: pengaturan tidak dikenal {key} (diabaikan)"),
    K.CONFIG_BAD_VALUE: N_("{file}: {key} harus {expected}, bukan {value}; memakai {default}"),
    K.CONFIG_BAD_VALUE_UNSET: N_("{file}: {key} harus {expected}, bukan {value}; tidak dipasang"),
    K.CONFIG_UNREADABLE: N_("{file}: tidak bisa dibaca ({detail}); memakai bawaan"),
    K.CONFIG_NOT_UTF8: N_("{file}: tidak bisa dibaca (bukan teks UTF-8); memakai bawaan"),
    K.CONFIG_NOT_TOML: N_("{file}: bukan TOML yang sah ({detail}); memakai bawaan"),
    K.CONFIG_OLD_UNREADABLE: N_("{old}: bukan JSON yang terbaca; tidak dipindahkan ke {file} (memakai bawaan)"),
    K.CONFIG_OLD_NOT_OBJECT: N_("{old}: seharusnya objek JSON; tidak dipindahkan ke {file} (memakai bawaan)"),
    K.CONFIG_OLD_NOT_MOVED: N_("{old}: {key} tidak dipindahkan ke {file} (bukan pengaturan)"),
    K.CONFIG_OLD_MOVE_FAILED: N_("{old}: tidak bisa dipindahkan ke {file} ({detail})"),
    K.CONFIG_OLD_MOVED: N_("{old}: pengaturan dipindahkan ke {file}; berkas lama kini {old}.migrated"),
    K.CONFIG_THEME: N_("{file}: tema tidak dikenal {theme}; memakai {default}"),
    K.CONFIG_KEY_UNKNOWN_ID: N_(
        "{file}: id pengikatan tombol tidak dikenal {binding} (diabaikan; lihat ? untuk id-nya)"
    ),
    K.CONFIG_KEY_EMPTY: N_("{file}: tidak ada tombol untuk {binding} (bawaannya tetap)"),
    K.CONFIG_KEY_TAKEN: N_("{file}: {binding} tidak bisa memakai {key}: itu tombol {owner}"),
    K.CONFIG_KEY_KEPT: N_("{file}: {binding} tetap memakai tombol {key} juga"),
    K.CONFIG_KEY_KEPT_CLASH: N_(
        "{file}: {binding} tetap memakai tombol {key} juga (tombol barunya juga milik {other})"
    ),
    K.SYNC_NO_WRITE_TOKEN: N_("{what} tidak memberi token tulis"),
    K.SYNC_MISSING: N_("{what} tidak mengirim {part}"),
    K.SYNC_FEED_NO_ID: N_("{what} mengirim langganan tanpa id"),
    K.SYNC_FEED_NO_URL: N_("{what} mengirim langganan tanpa URL feed"),
    K.SYNC_MALFORMED: N_("{what} mengirim {part} dalam bentuk yang tidak semestinya"),
    K.SYNC_DUPLICATE: N_("{what} mengirim item {item} dua kali"),
    K.SYNC_DUPLICATE_IN: N_("{what} mencantumkan satu item dua kali di {part}"),
    K.SYNC_ENDLESS: N_("{what} tidak berhenti mengirim item"),
    K.SYNC_NOT_ACCEPTED: N_("{what} tidak menerima perubahannya"),
    K.SYNC_NOT_SERVED: N_("{what} menyebut item {item} belum dibaca atau berbintang, tetapi tidak mengirimnya"),
    K.SYNC_OLDER: N_("{what} menjawab since_id={since} dengan item yang lebih lama"),
    K.SYNC_NO_SECRET: N_("{what} tidak memberi kredensial untuk disimpan"),
    K.SYNC_FILE_UNREADABLE: N_("{path} tidak bisa dibaca: {detail}"),
    K.SYNC_FILE_UNWRITABLE: N_("{path} tidak bisa ditulis: {detail}"),
    K.SYNC_FILE_OPEN: N_("{path} bisa dibaca pengguna lain: jalankan 'chmod 600 {path}' (atau masuk lagi)"),
    K.SYNC_FILE_OWNER: N_("{path} milik pengguna lain"),
    K.SYNC_FILE_BROKEN: N_("{path} tidak terbaca: masuk lagi ('ikn-read sync login')"),
    K.SYNC_PLAIN_HTTP: N_(
        "http:// ke {host} ditolak: kata sandi akan terkirim tanpa enkripsi (pakai https://, atau --insecure)"
    ),
}

# Detail values that are the core's own words, not outside text.
_DETAIL_WORDS: Mapping[str, Mapping[str, str]] = {
    "what": {
        "the server": N_("server"),
        "the Fever server": N_("server Fever"),
        "the Google Reader API server": N_("server API Google Reader"),
    },
    "part": {
        "subscriptions": N_("daftar langganan"), "ids": N_("daftar id"), "item": N_("item"),
        "items": N_("daftar item"), "groups": N_("daftar grup"), "feeds": N_("daftar feed"), "answer": N_("jawaban"),
    },
    "found": {
        "feed": N_("feed"), "jsonfeed": N_("JSON Feed"), "opml": N_("OPML"), "text": N_("teks"),
        "folder": N_("folder"), "article": N_("artikel"),
    },
}
_REASONS: Mapping[str, str] = {
    "invalid character": N_("karakter tidak sah"),
    "nested too deeply": N_("bersarang terlalu dalam"),
    "too large": N_("terlalu besar"),
    "unreadable markup": N_("markah tidak terbaca"),
}
_WHOLE_NUMBER = re.compile(r"^a whole number, (\d+) or more$")


def _expected(text: str) -> str:
    """What a setting must be ("text", "true or false", "a whole number, 1 or more",
    "'id' or 'en'": the settings file's English) in the current language."""
    if text == "text":
        return _("teks")
    number = _WHOLE_NUMBER.match(text)
    if number:
        return _("bilangan bulat, {n} atau lebih").format(n=number.group(1))
    return text.replace(" or ", _(" atau "))


_REASON = re.compile("|".join(re.escape(r) for r in _REASONS) + r"| in ")


def _reasons(text: str) -> str:
    """"invalid character in title, too large (2)" in the current language (field names stay)."""
    return _REASON.sub(lambda m: _(" di ") if m.group() == " in " else _(_REASONS[m.group()]), text)


def words(what: Problem | None, limit: int = 300) -> str:
    """``what`` in the current language, one clean line ("" for None), with where it
    happened in front ("https://x.example/rss: jawaban HTTP 404")."""
    if what is None:
        return ""
    details = dict(what.details)
    for key, table in _DETAIL_WORDS.items():
        if key in details and details[key] in table:
            details[key] = _(table[details[key]])
    for key in ("reason", "reasons"):
        if key in details:
            details[key] = _reasons(details[key])
    if "expected" in details:
        details["expected"] = _expected(details["expected"])
    cause = what.cause
    if cause is not None:
        details[CAUSE] = words(cause, limit)
    text = fill(_(WORDS[what.kind]), details)
    return clean_line(f"{what.where}: {text}" if what.where else text, limit)


_MORE = re.compile(re.escape(DAMAGE_MORE).replace(r"\{n\}", r"(\d+)") + "$")


def damage_words(report: str, limit: int = 300) -> str:
    """What damage the store found: SQLite's own report (technical text, shown as it is) with
    the store's few words of its own in the current language."""
    text = clean_line(report, limit)
    if text.startswith(DAMAGE_INDEX):
        return _("indeks pencarian: {report}").format(report=damage_words(text[len(DAMAGE_INDEX):], limit))
    more = _MORE.search(text)
    if more:
        text = text[: more.start()] + _(" (dan {n} lagi)").format(n=more.group(1))
    if text == DAMAGE_UTF8:
        return _("teks yang bukan UTF-8 sah di tempat yang seharusnya berisi teks")
    if text == DAMAGE_UNREADABLE:
        return _("halaman yang tidak terbaca")
    return text


def error_words(error: BaseException, limit: int = 300) -> str:
    """An exception from the core in words: its ``problem`` when it has one (``StoreError``,
    ``SyncError``), else its own text, cleaned (the name when it has none)."""
    what = getattr(error, "problem", None)
    if isinstance(what, Problem):
        return words(what, limit)
    return clean_line(str(error), limit) or type(error).__name__
