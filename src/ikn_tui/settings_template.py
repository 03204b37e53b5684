"""The commented ``config.toml`` written on the first save and by ``ikn-read config edit``,
in the reader's language: Indonesian by default, English with ``en`` (one language on
every screen, the settings file included). Both list the same settings with the same
defaults; only the comments differ. The settings module stays free of gettext: the
caller passes the language code."""

from __future__ import annotations

INDONESIAN = '''\
# Pengaturan ikn-read. Baris yang diawali # adalah komentar; hapus sebuah baris untuk
# kembali ke nilai bawaannya.
# Periksa berkas ini dengan: ikn-read config show

# Bahasa antarmuka: "id" (Indonesia) atau "en" (Inggris); --lang dan IKN_READ_LANG didahulukan.
# language = "id"

# Tema warna (ctrl+p, "Tema" menggantinya dan menyimpannya di sini).
theme = "textual-dark"

# Perintah yang membuka tautan (tombol o), dengan alamatnya sebagai argumen terakhir,
# mis. "firefox --new-window" (peramban grafis). Kosong: peramban bawaan sistem.
browser = ""

# Foto utama di atas artikel: "auto" menampilkannya (protokol kitty, Sixel atau blok
# setengah sel, sesuai kemampuan terminal); "off" tidak pernah mengambil atau
# menampilkannya. Tombol i mengubahnya dan menyimpannya di sini.
images = "auto"

[refresh]
# Perbarui langganan saat pembaca dibuka.
on_start = true
# Perbarui lagi setiap N menit selama pembaca berjalan (0: tidak pernah).
every_minutes = 0
# Paling banyak sekian unduhan sekaligus, dan paling banyak per_host ke satu situs.
concurrency = 16
per_host = 4

[store]
# Berapa lama dan berapa banyak berita disimpan (yang bermarkah selalu disimpan); 0: tanpa batas.
# Bila tidak diisi, nilai 'ikn-read store retention' yang dipakai. Bila diisi di sini,
# nilai ini menggantikannya saat mulai.
# keep_days = 0
# max_articles = 0

[sync]
# Sinkronkan dengan server feed (lihat 'ikn-read sync') saat pembaca dibuka.
on_start = true

[keys]
# Tombol Anda sendiri, menurut id tindakan (tekan ? di pembaca untuk melihat id-nya), mis.:
# bookmark = "s"
# "list.down" = "j,down,n"
'''

ENGLISH = '''\
# ikn-read settings. Lines starting with # are comments; delete a line to get its default back.
# Check this file with: ikn-read config show

# The interface language: "id" (Indonesian) or "en" (English); --lang and IKN_READ_LANG come first.
# language = "id"

# The colour theme (ctrl+p, "Theme" changes it and saves it here).
theme = "textual-dark"

# The command that opens a link (the o key), given the URL as its last argument,
# e.g. "firefox --new-window" (a graphical browser). Empty: the system's default browser.
browser = ""

# The lead photo at the top of an article: "auto" shows it (kitty's protocol, Sixel or
# half-cell blocks, as the terminal allows); "off" never fetches or shows one.
# The i key switches it and saves it here.
images = "auto"

[refresh]
# Refresh the subscriptions when the reader starts.
on_start = true
# Refresh them again every N minutes while the reader runs (0: never).
every_minutes = 0
# At most this many downloads at once, and at most per_host to one site.
concurrency = 16
per_host = 4

[store]
# How long and how many articles are kept (bookmarked ones always are); 0: no limit.
# Unset: the values of 'ikn-read store retention' apply. Set here, they replace them at start.
# keep_days = 0
# max_articles = 0

[sync]
# Sync with the feed server (see 'ikn-read sync') when the reader starts.
on_start = true

[keys]
# Your own keys, by binding id (press ? in the reader for the ids), e.g.:
# bookmark = "s"
# "list.down" = "j,down,n"
'''

TEMPLATES = {"id": INDONESIAN, "en": ENGLISH}


def template(language: str | None) -> str:
    """The commented file in ``language`` ("id" or "en"; anything else: Indonesian)."""
    return TEMPLATES.get(language or "id", INDONESIAN)
