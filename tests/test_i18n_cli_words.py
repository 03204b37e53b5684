"""The command line speaks one language at a time: every subcommand's --help, argparse's
own errors, and the common outputs and failures (a missing file, a refused and a 404
loopback URL, feeds that fail on refresh, the store and sync commands, a bad config),
run as real ``ikn-read`` processes in Indonesian and in English, hold no word of the
other language.

Outside text is taken out before the words are looked at: quoted text, URLs, paths,
options, SHELL-style placeholders, command names in the help's lists, and the feed
content itself (article titles are Indonesian news).
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).with_name("ikn-read")

# Words that belong to one language only (lower case, whole words).
ENGLISH = set(
    "the and not file files error usage options arguments argument required invalid choose message exit "
    "found cannot failed warning articles subscriptions bookmarks database with print of no such "
    "show this help is are was unchanged refreshed retention removed days limit kept account sync never "
    "waiting changes last whole number more or a an to for from in on by at be it as all when only than other "
    "this that which".split()
)
INDONESIAN = set(
    "tidak berkas dan untuk yang dari atau gagal berita langganan markah pemakaian opsi bukan sudah belum "
    "tampilkan bantuan keluar argumen wajib pilihan ditemukan diperbarui menunggu perubahan basis data "
    "jawaban menolak sambungan hari batas ini itu akan dengan pada juga saat lama tanpa sebagai harus bisa "
    "pakai memakai lagi semua".split()
)

# Outside text and names that are the same in both languages.
_QUOTED = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"|`[^`\n]*`")
_URL = re.compile(r"\S+://\S*")
_PATH = re.compile(r"(?<![\w])[~.]?/\S*|\S+\.(?:opml|toml|json|html|xml|txt|sqlite3|db|fish)\b")
_OPTION = re.compile(r"(?<![\w-])(?:--?[\w-]+|\$\w+|[A-Z][A-Z0-9_.]+\b|\{[^}]*\}|\[[^\]]*\])")
# A help list's left column ("  show  ...", "  --json  ...", "  store check|recover ..."): names.
_LIST_ENTRY = re.compile(r"^\s{2,}\S.*?(?:\s{2,}|$)", re.MULTILINE)
_PROPER = re.compile(r"\bBaca [Jj]uga\b")  # the portals' own label, a name in both languages
_COMMANDS = re.compile(r"\bikn-read(?:\s+[a-z][\w|-]*)*")


def _words(text: str) -> set[str]:
    for pattern in (_URL, _QUOTED, _PROPER, _COMMANDS, _LIST_ENTRY, _PATH, _OPTION):
        text = pattern.sub(" ", text)
    return {word.lower() for word in re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)*", text)}


def _foreign(text: str, lang: str) -> set[str]:
    return _words(text) & (ENGLISH if lang == "id" else INDONESIAN)


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _run(args: list[str], lang: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    env.update(IKN_READ_LANG=lang, IKN_READ_HOME=str(home), LANG="en_US.UTF-8", COLUMNS="100",
               NO_PROXY="127.0.0.1", EDITOR="/bin/false", VISUAL="")
    return subprocess.run([str(SCRIPT), *args], capture_output=True, text=True, env=env, timeout=90,
                          stdin=subprocess.DEVNULL)


HELP = [
    [], ["show"], ["list"], ["feeds"], ["feeds", "add"], ["feeds", "remove"], ["feeds", "list"],
    ["feeds", "import"], ["feeds", "export"], ["refresh"], ["bookmarks"], ["bookmarks", "list"],
    ["bookmarks", "export"], ["sync"], ["sync", "login"], ["sync", "status"], ["sync", "logout"],
    ["completion"], ["store"], ["store", "check"], ["store", "recover"], ["store", "backup"],
    ["store", "restore"], ["store", "retention"], ["store", "vacuum"], ["config"], ["config", "path"],
    ["config", "show"], ["config", "edit"],
]


def _commands(server_url: str, refused: str, missing: Path) -> list[tuple[list[str], bool]]:
    """(arguments, whether stdout is checked too: False where it is article content)."""
    return [
        *(([*words, "--help"], True) for words in HELP),
        (["list", "--limit", "x"], True),            # argparse: invalid int value
        (["feeds"], True),                           # argparse: a required argument
        (["show"], True),                            # argparse: the SOURCE is missing
        (["completion", "powershell"], True),        # argparse: invalid choice
        (["list", "--bogus"], True),                 # argparse: unrecognized arguments
        (["lsit"], True),                            # not a command, file or URL
        (["list"], True),                            # the store is empty
        (["feeds", "list"], True),
        (["bookmarks", "list"], True),
        (["show", str(missing)], True),
        (["show", refused], True),
        (["show", server_url + "hilang"], True),
        (["show", server_url + "halaman"], False),
        (["list", server_url + "feed.xml", str(missing)], False),
        (["feeds", "add", "ftp://kabar.example/rss"], True),
        (["feeds", "import", str(missing)], True),
        (["sync"], True),
        (["sync", "status"], True),
        (["store", "check"], True),
        (["store", "retention"], True),
        (["store", "vacuum"], True),
        (["config", "show"], False),                # stdout is TOML (keys such as on_start)
    ]


FEED = b"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Kabar Etam</title>
<link>https://kabar.example/</link><item><title>Banjir surut di Samarinda</title>
<link>https://kabar.example/banjir</link><description>&lt;p&gt;Air mulai surut.&lt;/p&gt;</description>
<pubDate>Mon, 16 Jun 2025 13:00:00 GMT</pubDate></item></channel></rss>"""
PAGE = b"""<html><head><title>Banjir surut</title></head><body><article><h1>Banjir surut di Samarinda</h1>
<p>Air mulai surut sejak pagi di beberapa kelurahan di Samarinda, kata petugas.</p>
<p>Warga kembali membersihkan rumah mereka dari lumpur yang tersisa.</p></article></body></html>"""


@pytest.mark.timeout(600)
@pytest.mark.parametrize("lang", ["id", "en"])
def test_no_word_of_the_other_language_on_the_command_line(lang: str, tmp_path: Path, http_server) -> None:  # type: ignore[no-untyped-def]
    http_server.route("feed.xml", FEED, content_type="application/rss+xml")
    http_server.route("halaman", PAGE)
    http_server.route("hilang", b"tidak ada", status=404, content_type="text/plain")
    refused = f"http://127.0.0.1:{_closed_port()}/rss"
    home = tmp_path / "home"
    (home).mkdir()
    (home / "config.toml").write_text('theme = 7\n[refresh]\nconcurrency = 0\nbogus = 1\n', encoding="utf-8")
    missing = tmp_path / "tidak-ada.xml"
    # The store first: subscriptions that fail on refresh (404, refused) and one that works.
    for feed in (server_url := http_server.url("/")) + "feed.xml", server_url + "hilang", refused:
        assert _run(["feeds", "add", feed], lang, home).returncode == 0
    refreshed = _run(["refresh"], lang, home)
    runs = [(["refresh"], True, refreshed), (["feeds", "list"], True, _run(["feeds", "list"], lang, home))]
    with ThreadPoolExecutor(4) as pool:
        commands = _commands(server_url, refused, missing)
        done = pool.map(lambda c: _run(c[0], lang, home), commands)
        runs += [(args, whole, result) for (args, whole), result in zip(commands, done, strict=True)]
    problems = []
    for args, whole, result in runs:
        said = result.stderr + (result.stdout if whole else "")
        assert "Traceback" not in said, (args, said)
        foreign = _foreign(said, lang)
        if foreign:
            problems.append(f"{' '.join(args)}: {sorted(foreign)}\n{said}")
    assert not problems, "\n\n".join(problems)
    # The runs said something worth checking (not only nothing).
    said_all = " ".join(r.stderr + r.stdout for _, _, r in runs)
    assert ("pemakaian:" if lang == "id" else "usage:") in said_all
    assert ("menolak sambungan" if lang == "id" else "connection refused") in said_all
    assert ("tidak ada berkas atau folder itu" if lang == "id" else "no such file or folder") in said_all


def test_the_word_filter_keeps_words_and_drops_outside_text() -> None:
    assert _foreign("ikn-read: 'lsit' is not a command, file or URL", "id") == {"is", "not", "a", "file", "or"}
    assert _foreign("ikn-read: https://x.example/the-file: jawaban HTTP 404", "en") == {"jawaban"}
    assert _foreign("  --json      cetak larik JSON", "id") == set()  # a help list's option column is a name
    assert _foreign("  --json      print a JSON array", "id") == {"print", "a"}  # its help is words
    assert _foreign("run 'ikn-read store recover' to fix the file", "id") == {"to", "the", "file"}
