"""Command palette (ctrl+p): the reader's actions, plus "Open feed…" and "Open bookmark…"."""

from __future__ import annotations

from collections.abc import AsyncIterator

from textual.command import DiscoveryHit, Hit, Provider

# (title, help, action run on the screen, "screen" or "app")
COMMANDS: list[tuple[str, str, str, str]] = [
    ("Buka feed…", "Muat file, folder, feed, OPML atau URL", "open_feed", "app"),
    ("Buka markah…", "Pilih artikel yang dimarkahi", "open_bookmark", "app"),
    ("Langganan feed…", "Tambah alamat feed, lalu ambil beritanya", "subscribe", "screen"),
    ("Daftar langganan", "Tampilkan feed / semua berita", "feeds_view", "screen"),
    ("Cari", "Cari di semua berita tersimpan", "search", "screen"),
    ("Daftar markah", "Tampilkan markah / semua berita", "bookmarks_view", "screen"),
    ("Perbarui langganan", "Ambil berita baru dari semua feed", "refresh", "screen"),
    ("Markah artikel ini", "Simpan salinan luring / hapus markah", "bookmark", "screen"),
    ("Tandai baca/belum", "Ubah tanda sudah dibaca", "toggle_read", "screen"),
    ("Buka di peramban", "Buka alamat artikel di peramban", "open_browser", "screen"),
    ("Kembali", "Artikel sebelumnya", "back", "screen"),
    ("Maju", "Artikel berikutnya", "forward", "screen"),
    ("Bantuan", "Semua tombol", "help", "app"),
    ("Keluar", "Tutup ikn-read", "quit", "app"),
]


class ReaderCommands(Provider):
    """The same actions as the keys."""

    def _available(self) -> list[tuple[str, str, str]]:
        from ikn_tui.ui.screens.main import MainScreen

        # The screen the palette was opened on (``app.screen`` is the palette itself).
        screen = self.screen
        found = []
        for title, help_text, action, target in COMMANDS:
            if target == "screen":
                if not isinstance(screen, MainScreen):
                    continue
                found.append((title, help_text, f"screen.{action}"))
            else:
                found.append((title, help_text, f"app.{action}"))
        return found

    def _runner(self, action: str):  # type: ignore[no-untyped-def]
        async def run() -> None:
            await self.app.run_action(action)

        return run

    async def discover(self) -> AsyncIterator[DiscoveryHit]:
        for title, help_text, action in self._available():
            yield DiscoveryHit(title, self._runner(action), help=help_text)

    async def search(self, query: str) -> AsyncIterator[Hit]:
        matcher = self.matcher(query)
        for title, help_text, action in self._available():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), self._runner(action), help=help_text)
