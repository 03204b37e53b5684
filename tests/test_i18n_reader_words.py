"""The reader speaks one language at a time: every screen reachable by keys (the list,
an article and its related links, help, the palette, the feeds view with feeds that
failed, the dialogs, the ctrl+c prompt, bookmarks, search) and the error notices for
sources that cannot be read (a missing file, a refused and a 404 loopback URL) hold no
word of the other language, in English and in Indonesian, through Pilot.

The articles are written with words of neither language (proper nouns and numbers), so
only the interface's own words are looked at; "Baca juga" is the portals' label, a name
in both languages.
"""

from __future__ import annotations

import re
import socket
from pathlib import Path

import pytest
from textual.pilot import Pilot
from ui_helpers import settle

from ikn_tui.core import paths
from ikn_tui.core.models import Article, RelatedLink
from ikn_tui.core.store import Store
from ikn_tui.i18n import set_language
from ikn_tui.ui.app import IknReadApp

ENGLISH = set(
    "the and not file error errors found failed refused connection press quit search help bookmark bookmarks "
    "unread read all articles article feeds subscriptions next previous open close cancel yes no theme keys "
    "with from this that is are was no such answer could cannot new none empty offline online add remove "
    "commands command page scroll back forward follow link links list".split()
)
INDONESIAN = set(
    "tidak dan yang dari untuk atau gagal berita artikel langganan markah cari bantuan keluar buka tutup batal "
    "ya semua sudah belum dibaca baru tautan halaman berikutnya sebelumnya kembali maju perintah tema tombol "
    "jawaban menolak sambungan berkas ditemukan ada ini itu dengan pada daftar luring".split()
)
_NAME = re.compile(r"\bBaca juga\b|\S+://\S*|(?<![\w])/\S*|'[^'\n]*'|\b[A-Z]{2,}\b", re.IGNORECASE)


def _foreign(text: str, lang: str) -> set[str]:
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", _NAME.sub(" ", text))}
    return words & (ENGLISH if lang == "id" else INDONESIAN)


def _screen_text(pilot: Pilot) -> str:
    strips = pilot.app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Zeta Wire</title><link>{server}</link>
<item><title>Omega 7 Kappa</title><link>{server}omega</link><description>Xylo 12.</description>
<pubDate>Mon, 16 Jun 2025 13:00:00 GMT</pubDate></item></channel></rss>"""
PAGE = b"""<html><head><title>Omega 7 Kappa</title></head><body><article><h1>Omega 7 Kappa</h1>
<p>Xylo 12 Yankee Zulu, Whiskey Victor Uniform 2025 Romeo Sierra Tango Oscar Lima.</p>
<p>Kilo Juliett India 7, Hotel Golf Foxtrot Echo Delta Charlie Bravo Alpha 33.</p></article></body></html>"""


def _seed(server_url: str, refused: str) -> None:
    with Store(paths.database_path()) as store:
        store.upsert_articles([
            Article(title=f"Alpha {n} Bravo", url=f"https://alpha.example/{n}", source="Gamma Delta",
                    author="Echo Foxtrot", published=f"2025-06-{10 + n:02d}T08:15:00+07:00", category="Hotel",
                    body=[f"Lima {n} Mike November.", "Oscar Papa Quebec 42."],
                    related=[RelatedLink(f"Alpha {(n + 1) % 3} Bravo", f"https://alpha.example/{(n + 1) % 3}", 1),
                             RelatedLink("Sierra Tango", f"{server_url}hilang", 2)])
            for n in range(3)
        ])
        for url in (f"{server_url}feed.xml", f"{server_url}hilang", refused):
            store.add_subscription(url)


async def _look(pilot: Pilot, where: str, lang: str, seen: dict[str, str], problems: list[str]) -> None:
    await settle(pilot)
    await pilot.pause(0.1)
    text = _screen_text(pilot)
    seen[where] = text
    foreign = _foreign(text, lang)
    if foreign:
        problems.append(f"{where}: {sorted(foreign)}\n{text}")


@pytest.mark.timeout(120)
@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
@pytest.mark.parametrize("lang", ["en", "id"])
async def test_every_reachable_screen_speaks_one_language(lang: str, size: tuple[int, int], http_server) -> None:  # type: ignore[no-untyped-def]
    http_server.route("feed.xml", FEED.format(server=http_server.url("/")), content_type="application/rss+xml")
    http_server.route("omega", PAGE)
    http_server.route("hilang", b"gone", status=404, content_type="text/plain")
    refused = f"http://127.0.0.1:{_closed_port()}/rss"
    _seed(http_server.url("/"), refused)
    seen: dict[str, str] = {}
    problems: list[str] = []
    app = IknReadApp(language=lang)  # online: the subscriptions refresh at start (two of them fail)
    try:
        async with app.run_test(size=size) as pilot:
            await _look(pilot, "list after the refresh", lang, seen, problems)
            await pilot.press("enter")
            await _look(pilot, "article", lang, seen, problems)
            await pilot.press("2")  # a Baca juga link that answers 404
            await _look(pilot, "a related link that fails", lang, seen, problems)
            await pilot.press("tab")
            await _look(pilot, "related pane", lang, seen, problems)
            await pilot.press("question_mark")
            await _look(pilot, "help", lang, seen, problems)
            await pilot.press("escape")
            await pilot.press("ctrl+p")
            await _look(pilot, "palette", lang, seen, problems)
            await pilot.press(*"zqzq")
            await pilot.pause(0.8)  # the palette says "no matches" after half a second
            await _look(pilot, "palette, nothing matches", lang, seen, problems)
            await pilot.press("escape")
            await pilot.press("F")
            await _look(pilot, "feeds view", lang, seen, problems)
            await pilot.press("a")
            await _look(pilot, "add-feed dialog", lang, seen, problems)
            await pilot.press("escape")
            await pilot.press("d")
            await _look(pilot, "remove-feed confirmation", lang, seen, problems)
            await pilot.press("n")
            await pilot.press("F")
            await settle(pilot)
            await pilot.press("h")
            await pilot.press("A")
            await _look(pilot, "mark-all-read confirmation", lang, seen, problems)
            await pilot.press("escape")
            await pilot.press("B")
            await _look(pilot, "bookmarks (none)", lang, seen, problems)
            await pilot.press("B")
            await pilot.press("slash")
            await pilot.press(*"zzz")
            await pilot.press("enter")
            await _look(pilot, "search with no result", lang, seen, problems)
            await pilot.press("escape")
            await pilot.press("ctrl+c")
            await _look(pilot, "ctrl+c", lang, seen, problems)
            notices = [str(n.message) for n in app._notifications]
    finally:
        set_language("id")
    problems += [f"notice: {sorted(_foreign(n, lang))}: {n}" for n in notices if _foreign(n, lang)]
    assert not problems, "\n\n".join(problems)
    # It looked at real screens: the failures were on them, in this language.
    everything = " ".join([*seen.values(), *notices])
    assert ("HTTP 404" in everything) and ("127.0.0.1" in everything), everything[-3000:]
    assert ("Tidak ada yang cocok" if lang == "id" else "No matches found") in seen["palette, nothing matches"]


@pytest.mark.timeout(60)
@pytest.mark.parametrize("lang", ["en", "id"])
async def test_sources_that_cannot_be_read_are_said_in_one_language(lang: str, tmp_path: Path, http_server) -> None:  # type: ignore[no-untyped-def]
    http_server.route("hilang", b"gone", status=404, content_type="text/plain")
    refused = f"http://127.0.0.1:{_closed_port()}/rss"
    missing = tmp_path / "zulu.xml"
    seen: dict[str, str] = {}
    problems: list[str] = []
    app = IknReadApp([str(missing), refused, http_server.url("hilang")], language=lang)
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            await _look(pilot, "start with three bad sources", lang, seen, problems)
            notices = " ".join(str(n.message) for n in app._notifications)
    finally:
        set_language("id")
    assert not problems, "\n\n".join(problems)
    assert not _foreign(notices, lang), notices
    if lang == "id":
        assert "tidak ada berkas atau folder itu" in notices and "menolak sambungan" in notices, notices
    else:
        assert "no such file or folder" in notices and "connection refused" in notices, notices
    assert "HTTP 404" in notices, notices
