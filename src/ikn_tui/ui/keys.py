"""Every key of the reader in one list: the widgets' ``BINDINGS``, the help
screen, the command palette and the README's key table are built from it.

A ``Key`` is one binding id (the name ``config.toml``'s ``[keys]`` uses to
remap it), its default keys, the action it runs, the help line, where it
lives (``scope``: which screen or widget builds a ``Binding`` from it) and,
when it belongs in the command palette, the palette title. Rows without
``scope`` are help-only (keys Textual itself provides, like tab).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding

from ikn_tui.i18n import _


@dataclass(frozen=True)
class Key:
    id: str
    keys: str  # Textual key names, comma separated ("" = palette only)
    action: str
    help: str  # the help line (Indonesian)
    # where it is bound (comma separated): app, main, list, feeds, article, related,
    # search, help, prompt, confirm, welcome, corrupt
    scope: str = ""
    label: str = ""  # the footer's short text
    footer: bool = False
    palette: str = ""  # the palette title ("" = not in the palette)
    palette_help: str = ""
    palette_target: str = "screen"  # "screen" (the reader) or "app"
    shown: str = ""  # the keys as help/README show them (default: from ``keys``)
    group: str = ""  # help rows: several ids in one row (follow-1 … follow-9)
    priority: bool = False


_NAMES = {
    "question_mark": "?", "slash": "/", "space": "Spasi", "enter": "Enter", "escape": "Esc",
    "backspace": "Backspace", "down": "↓", "up": "↑", "home": "Home", "end": "End",
    "pagedown": "PgDn", "pageup": "PgUp", "alt+left": "Alt+←", "alt+right": "Alt+→",
    "ctrl+r": "Ctrl+R", "tab": "Tab", "shift+tab": "Shift+Tab", "ctrl+p": "Ctrl+P",
}


def shown_keys(keys: str, translate: bool = True) -> str:
    """``"j,down"`` -> ``"j, ↓"`` (as the help and README show keys; the README's in Indonesian)."""
    tr = _ if translate else str
    return ", ".join(tr(_NAMES.get(key.strip(), key.strip())) for key in keys.split(",") if key.strip())


def _follow(number: int) -> Key:
    return Key(
        f"follow-{number}", str(number), f"follow({number})", "Ikuti tautan Baca juga nomor N",
        "main", "Tautan {n}", shown="1 … 9", group="follow",
    )


KEYS: tuple[Key, ...] = (
    # first, so that the footer keeps them on the narrowest terminal
    Key("quit", "q", "app.quit", "Keluar", "app,main", "Keluar", footer=True,
        palette="Keluar", palette_help="Tutup ikn-read", palette_target="app"),
    Key("help", "question_mark", "app.help", "Bantuan ini", "app,main", "Bantuan", footer=True,
        palette="Bantuan", palette_help="Semua tombol", palette_target="app"),
    # moving in a list (the article list and the feeds view share the ids)
    Key("list.down", "j,down", "cursor_down", "Berita berikutnya", "list", "Turun"),
    Key("list.up", "k,up", "cursor_up", "Berita sebelumnya", "list", "Naik"),
    Key("list.first", "g,home", "first", "Berita pertama (terbaru)", "list", "Awal"),
    Key("list.last", "G,end", "last", "Berita terakhir", "list", "Akhir"),
    Key("list.page-down", "pagedown", "page_down", "Satu halaman ke bawah", "list", "Hal. berikut"),
    Key("list.page-up", "pageup", "page_up", "Satu halaman ke atas", "list", "Hal. sebelum"),
    Key("list.open", "enter", "open", "Buka berita (di langganan: feed itu)", "list", "Buka", footer=True),
    # the article pane
    Key("article.page-down", "space", "page_down", "Gulir artikel satu halaman", "article", "Gulir"),
    Key("article.down", "j", "scroll_down", "Di artikel: gulir ke bawah", "article", "Turun"),
    Key("article.up", "k", "scroll_up", "Di artikel: gulir ke atas", "article", "Naik"),
    Key("article.first", "g,home", "scroll_home", "Di artikel: ke awal", "article", "Awal"),
    Key("article.last", "G,end", "scroll_end", "Di artikel: ke akhir", "article", "Akhir"),
    Key("page", "space", "page", "Gulir artikel dari panel mana pun", "main", "Gulir"),
    Key("related.down", "j", "cursor_down", "Di panel terkait: turun", "related", "Turun"),
    Key("related.up", "k", "cursor_up", "Di panel terkait: naik", "related", "Naik"),
    Key("to-article", "l", "to_article", "Dari daftar ke artikel", "main", "Ke artikel"),
    Key("to-list", "h", "to_list", "Dari artikel ke daftar", "main", "Ke daftar"),
    Key("focus", "", "", "Pindah panel", shown="Tab, Shift+Tab"),
    # links and history
    *(_follow(n) for n in range(1, 10)),
    Key("back", "backspace,alt+left", "back", "Kembali ke artikel sebelumnya", "main", "Kembali",
        palette="Kembali", palette_help="Artikel sebelumnya"),
    Key("forward", "alt+right", "forward", "Maju", "main", "Maju",
        palette="Maju", palette_help="Artikel berikutnya"),
    # articles
    Key("bookmark", "b", "bookmark", "Markah / hapus markah (salinan luring)", "main", "Markah", footer=True,
        palette="Markah artikel ini", palette_help="Simpan salinan luring / hapus markah"),
    Key("toggle-read", "m", "toggle_read", "Tandai sudah/belum dibaca", "main", "Baca/belum",
        palette="Tandai baca/belum", palette_help="Ubah tanda sudah dibaca"),
    Key("photo", "i", "toggle_photo", "Tampilkan / sembunyikan foto", "main", "Foto",
        palette="Foto utama", palette_help="Tampilkan / sembunyikan foto utama artikel"),
    Key("open-browser", "o", "open_browser", "Buka di peramban", "main", "Peramban",
        palette="Buka di peramban", palette_help="Buka alamat artikel di peramban"),
    Key("next-unread", "n", "next_unread", "Buka berita belum dibaca berikutnya", "main", "Berikut baru",
        palette="Belum dibaca berikutnya", palette_help="Buka berita belum dibaca berikutnya"),
    Key("prev-unread", "N", "previous_unread", "Buka berita belum dibaca sebelumnya", "main", "Sebelum baru"),
    Key("mark-all-read", "A", "mark_all_read", "Semua di daftar ini dibaca (y: ya)", "main",
        "Semua dibaca", palette="Tandai semua dibaca", palette_help="Semua berita di daftar ini"),
    Key("undo", "u", "undo", "Urungkan perubahan baca/markah terakhir", "main", "Urungkan",
        palette="Urungkan", palette_help="Urungkan perubahan baca/markah terakhir"),
    # views
    Key("bookmarks", "B", "bookmarks_view", "Daftar markah / semua berita", "main", "Daftar markah",
        palette="Daftar markah", palette_help="Tampilkan markah / semua berita"),
    Key("feeds", "F", "feeds_view", "Daftar langganan / semua berita", "main", "Feed", footer=True,
        palette="Daftar langganan", palette_help="Tampilkan feed / semua berita"),
    Key("search", "slash", "search", "Cari di semua berita", "main", "Cari", footer=True,
        palette="Cari", palette_help="Cari di semua berita tersimpan"),
    Key("clear-search", "escape", "clear_search", "Tutup pencarian / kembali satu langkah", "main", "Tutup cari"),
    Key("search.cancel", "escape", "cancel", "Di kotak cari: batal", "search", "Batal", shown="Esc"),
    # subscriptions
    Key("refresh-all", "ctrl+r,R", "refresh_all", "Perbarui semua langganan", "main", "Perbarui semua"),
    Key("refresh", "r", "refresh", "Perbarui (di langganan: feed itu)", "main", "Perbarui",
        palette="Perbarui langganan", palette_help="Ambil berita baru dari semua feed"),
    Key("add-feed", "a", "add_feed", "Di daftar langganan: tambah feed", "feeds", "Tambah", footer=True),
    Key("remove-feed", "d", "remove_feed", "Di daftar langganan: hapus feed (y: ya)", "feeds", "Hapus",
        footer=True),
    Key("subscribe", "", "subscribe", "Tambah alamat feed, lalu ambil beritanya",
        palette="Langganan feed…", palette_help="Tambah alamat feed, lalu ambil beritanya"),
    Key("open-feed", "", "open_feed", "Muat berkas, folder, feed, OPML atau URL",
        palette="Buka feed…", palette_help="Muat berkas, folder, feed, OPML atau URL", palette_target="app"),
    Key("open-bookmark", "", "open_bookmark", "Pilih artikel yang dimarkahi",
        palette="Buka markah…", palette_help="Pilih artikel yang dimarkahi", palette_target="app"),
    Key("palette", "ctrl+p", "command_palette", "Palet perintah (feed, markah, tema…)", "app",
        "Perintah", priority=True),
    # the app
            # dialogs and the other screens
    Key("help.close", "escape,q,question_mark", "dismiss", "Di bantuan: tutup", "help", "Tutup", footer=True),
    Key("dialog.cancel", "escape", "dismiss(None)", "Di dialog: batal", "prompt", "Batal", footer=True),
    Key("confirm.yes", "y", "dismiss(True)", "Di konfirmasi: ya", "confirm", "Ya", footer=True),
    Key("confirm.no", "escape,n", "dismiss(False)", "Di konfirmasi: tidak", "confirm", "Tidak", footer=True),
    Key("demo", "d", "app.start_demo", "Di layar sambutan: coba demo", "welcome", "Coba demo", footer=True),
    Key("corrupt.move", "m", "move_aside", "Basis data rusak: pindahkan & mulai baru", "corrupt",
        "Pindahkan & mulai baru", footer=True),
    Key("corrupt.quit", "q,escape", "app.quit", "Basis data rusak: keluar", "corrupt", "Keluar", footer=True),
)

BY_ID: dict[str, Key] = {key.id: key for key in KEYS}


def description(key: Key) -> str:
    """The footer's text of ``key`` in the current language (the registry holds the Indonesian msgid)."""
    return _(key.label or key.help).format(n=key.keys)


def bindings(scope: str) -> list[Binding]:
    """The ``BINDINGS`` of one screen or widget (in the language current at import;
    :func:`translate_bindings` brings them to the current one later)."""
    return [
        Binding(key.keys, key.action, description(key), show=key.footer, id=key.id, priority=key.priority)
        for key in KEYS
        if scope in key.scope.split(",") and key.keys
    ]


def translate_bindings(root: type) -> None:
    """Every ikn-read class below ``root`` (Textual's ``DOMNode``) gets its bindings'
    descriptions in the current language: classes are built once, at import, while
    the language is chosen when the app starts (and differs between tests)."""
    from dataclasses import replace

    pending = [root]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        merged = cls.__dict__.get("_merged_bindings")
        if merged is None or not cls.__module__.startswith("ikn_tui."):
            continue
        for bound in merged.key_to_bindings.values():
            for index, binding in enumerate(bound):
                key = BY_ID.get(binding.id or "")
                if key is not None:
                    bound[index] = replace(binding, description=description(key))


def help_rows(reader_only: bool = False, translate: bool = False) -> list[tuple[list[str], str, str]]:
    """(binding ids, default keys as shown, help text), one row per key or group, in order;
    ``reader_only`` leaves out the screens that show their own keys (welcome, corrupt database);
    ``translate``: the help texts in the current language (the README keeps the Indonesian)."""
    tr = _ if translate else str
    rows: list[tuple[list[str], str, str]] = []
    groups: dict[str, list[str]] = {}
    for key in KEYS:
        if reader_only and key.scope in OWN_KEYS:
            continue
        if key.group:
            if key.group in groups:
                groups[key.group].append(key.id)
                continue
            groups[key.group] = [key.id]
            shown = (tr(key.shown) if key.shown else "") or shown_keys(key.keys, translate)
            rows.append((groups[key.group], shown, tr(key.help)))
            continue
        if not key.keys and not key.shown:
            continue  # palette only: the Ctrl+P row names the palette
        ids = [key.id] if key.keys else []
        rows.append((ids, (tr(key.shown) if key.shown else "") or shown_keys(key.keys, translate), tr(key.help)))
    return rows


OWN_KEYS = {"welcome", "corrupt", "help"}


def palette_commands() -> list[Key]:
    return [key for key in KEYS if key.palette]


README_START = "<!-- keys: from src/ikn_tui/ui/keys.py, see tests/test_ui_keys.py -->"
README_END = "<!-- /keys -->"


def readme_table() -> str:
    """The README's key table (a test keeps README.md equal to it)."""
    lines = [README_START, "", "| keys | does | id |", "| --- | --- | --- |"]
    for ids, shown, text in help_rows():
        ids_cell = ", ".join(f"`{i}`" for i in ids) if len(ids) < 3 else f"`{ids[0]}` … `{ids[-1]}`"
        keys_cell = f"`{shown}`" if shown else ""
        lines.append(f"| {keys_cell} | {text} | {ids_cell} |")
    lines += ["", README_END]
    return "\n".join(lines)
