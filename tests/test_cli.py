"""The non-interactive CLI, run in-process (main(argv)) and as a real process."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ikn_tui.cli.main import SUBCOMMANDS, main

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_26612fbb2dd94467.txt"

ARTICLE_PAGE = """<!doctype html><html><head><meta charset="utf-8">
<title>Jalur Bus Baru Menghubungkan Sepaku - kabarcontoh.id</title>
<meta property="og:site_name" content="Kabar Contoh">
<meta property="article:published_time" content="2025-06-10T08:30:00+07:00">
<meta property="article:section" content="Transportasi">
<meta name="author" content="Rina Contoh">
<link rel="canonical" href="/berita/jalur-bus">
</head><body><nav>Beranda | Nasional</nav>
<article><h1>Jalur Bus Baru Menghubungkan Sepaku</h1>
<div class="read__content">
<p>SEPAKU - Sebuah jalur bus uji coba mulai melayani warga Sepaku menuju kawasan inti pemerintahan setiap pagi.</p>
<p><strong>Baca juga: <a href="/berita/lima-desa">Lima Desa di PPU Segera Nikmati Internet Gratis - kabarcontoh.id</a></strong></p>
<p>Petugas menyebut armada listrik dipakai agar kawasan tetap bersih dan tenang bagi warga yang bepergian.</p>
<p>Warga berharap jadwal ditambah pada akhir pekan agar pasar tradisional mudah dijangkau.</p>
</div></article><footer>Copyright © 2025 Kabar Contoh</footer></body></html>"""

FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Kabar Contoh</title><link>{base}</link>
<item><title>Jalur Bus Baru Menghubungkan Sepaku</title><link>{base}berita/jalur-bus</link>
<guid>bus-1</guid><pubDate>Tue, 10 Jun 2025 08:30:00 +0700</pubDate>
<description>Sebuah jalur bus uji coba mulai melayani warga.</description></item>
<item><title>Taman Mangrove Dibuka</title><link>{base}berita/mangrove</link>
<guid>mangrove-1</guid><pubDate>Wed, 11 Jun 2025 09:00:00 +0700</pubDate>
<description>Taman mangrove baru dibuka untuk umum.</description></item>
</channel></rss>"""


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_version_and_help_as_a_real_process() -> None:
    env = dict(os.environ)
    version = subprocess.run([sys.executable, "-m", "ikn_tui", "--version"], capture_output=True, text=True, env=env)
    assert version.returncode == 0 and version.stdout.startswith("ikn-read ")
    for argv in (["--help"], ["show", "--help"], ["list", "--help"], ["feeds", "--help"], ["feeds", "add", "--help"],
                 ["feeds", "import", "--help"], ["refresh", "--help"], ["bookmarks", "--help"], ["bookmarks", "export", "--help"]):
        done = subprocess.run([sys.executable, "-m", "ikn_tui", *argv], capture_output=True, text=True, env=env)
        assert done.returncode == 0, argv
        assert "usage: ikn-read" in done.stdout, argv


def test_show_missing_file_is_one_line_no_traceback() -> None:
    done = subprocess.run([sys.executable, "-m", "ikn_tui", "show", "/nonexistent/berita.html"], capture_output=True, text=True)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "/nonexistent/berita.html" in lines[0] and "no such file" in lines[0]


def test_show_seed_json(capsys: pytest.CaptureFixture[str]) -> None:
    if not SEED.exists():
        pytest.skip("../shared seed not present in this clone")
    code, out, _ = run(["show", str(SEED), "--json"], capsys)
    assert code == 0
    data = json.loads(out)
    assert data["title"] == "Rakor Perencanaan di IKN, Sinergi Perkuat Arah Kebijakan"
    assert data["category"] == "Kabar Ibu Kota"
    assert data["author"] == "Is Wahyudi"
    assert data["related"] == [{"title": "Lima Desa di PPU Segera Nikmati Internet Gratis", "url": None}]
    assert data["body"][0].startswith("IBUKOTAKINI.COM – Wakil Bupati")
    assert data["body"][-1].endswith("pungkasnya.")
    for paragraph in data["body"]:
        assert "BACA JUGA" not in paragraph
        assert paragraph != "Author"
        assert "Lima Desa di PPU" not in paragraph
    assert set(data) == {"title", "url", "source", "author", "editor", "published", "category", "summary", "body", "related", "images"}


def test_show_text_fixture_prints_readable_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["show", str(FIXTURES / "text" / "lima_desa_internet.txt")], capsys)
    assert code == 0
    assert "Lima Desa di PPU Segera Nikmati Internet Gratis" in out


def test_show_article_url_extracts_and_caches(http_server, capsys: pytest.CaptureFixture[str]) -> None:
    http_server.route("berita/jalur-bus", ARTICLE_PAGE)
    code, out, err = run(["show", http_server.url("berita/jalur-bus"), "--json"], capsys)
    assert code == 0, err
    data = json.loads(out)
    assert data["title"] == "Jalur Bus Baru Menghubungkan Sepaku"
    assert data["url"] == http_server.url("berita/jalur-bus")
    assert data["category"] == "Transportasi"
    assert data["author"] == "Rina Contoh"
    assert data["published"] == "2025-06-10T08:30:00+07:00"
    assert data["related"] == [{"title": "Lima Desa di PPU Segera Nikmati Internet Gratis", "url": http_server.url("berita/lima-desa")}]
    assert not any("Baca juga" in p or "Copyright" in p for p in data["body"])
    code, out, _ = run(["list", "--json"], capsys)
    assert [a["title"] for a in json.loads(out)] == ["Jalur Bus Baru Menghubungkan Sepaku"]


def test_show_dead_link_is_one_line(http_server, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["show", http_server.url("tidak-ada")], capsys)
    assert code == 1 and out == ""
    assert "404" in err and len(err.strip().splitlines()) == 1


def test_list_feed_url_keeps_articles_in_store(http_server, capsys: pytest.CaptureFixture[str]) -> None:
    http_server.route("feed.xml", FEED.format(base=http_server.url("")), content_type="application/rss+xml")
    code, out, err = run(["list", http_server.url("feed.xml"), "--json"], capsys)
    assert code == 0, err
    titles = [a["title"] for a in json.loads(out)]
    assert titles == ["Taman Mangrove Dibuka", "Jalur Bus Baru Menghubungkan Sepaku"]  # newest first
    assert {"title", "url", "published", "source", "category"} <= set(json.loads(out)[0])
    code, out, _ = run(["list", "--json"], capsys)
    assert [a["title"] for a in json.loads(out)] == titles


def test_list_bad_source_does_not_stop_the_others(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "rusak.xml"
    broken.write_bytes(b"<html><body>bukan feed</body>")
    code, out, err = run(["list", str(tmp_path / "hilang.txt"), str(FIXTURES / "text" / "lima_desa_internet.txt"), "--json"], capsys)
    assert code == 0
    assert [a["title"] for a in json.loads(out)] == ["Lima Desa di PPU Segera Nikmati Internet Gratis"]
    assert "hilang.txt" in err and "Traceback" not in err


def test_feeds_add_list_remove_import_export_roundtrip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["feeds", "add", "https://contoh.example/rss"], capsys)[0] == 0
    code, _, err = run(["feeds", "add", "file:///etc/passwd"], capsys)
    assert code == 2 and "http" in err
    opml = tmp_path / "langganan.opml"
    opml.write_text("""<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>
<outline text="Kaltim"><outline type="rss" text="Satu" xmlUrl="https://satu.example/feed"/>
<outline type="rss" text="Dua" xmlUrl="https://dua.example/rss.xml"/></outline></body></opml>""")
    code, out, _ = run(["feeds", "import", str(opml)], capsys)
    assert code == 0 and "imported 2" in out
    code, out, _ = run(["feeds", "list", "--json"], capsys)
    assert {f["url"] for f in json.loads(out)} == {"https://contoh.example/rss", "https://satu.example/feed", "https://dua.example/rss.xml"}
    code, exported, _ = run(["feeds", "export"], capsys)
    assert code == 0
    assert run(["feeds", "remove", "https://contoh.example/rss"], capsys)[0] == 0
    assert run(["feeds", "remove", "https://contoh.example/rss"], capsys)[0] == 1
    again = tmp_path / "again.opml"
    again.write_text(exported)
    from ikn_tui.core.feeds.opml import parse_opml

    assert {u for u, _ in parse_opml(again.read_bytes())} == {"https://contoh.example/rss", "https://satu.example/feed", "https://dua.example/rss.xml"}


def test_refresh_uses_conditional_get_and_reports(http_server, capsys: pytest.CaptureFixture[str]) -> None:
    http_server.route("feed.xml", FEED.format(base=http_server.url("")), content_type="application/rss+xml", etag='"v1"')
    assert run(["feeds", "add", http_server.url("feed.xml")], capsys)[0] == 0
    code, out, err = run(["refresh"], capsys)
    assert code == 0, err
    assert "2 new articles" in out and "0 failed" in out
    code, out, _ = run(["refresh"], capsys)
    assert code == 0 and "0 new articles" in out and "1 unchanged" in out
    assert http_server.requests[-1][1].get("if-none-match") == '"v1"'


def test_refresh_exit_code_only_when_every_feed_failed(http_server, capsys: pytest.CaptureFixture[str]) -> None:
    http_server.route("feed.xml", FEED.format(base=http_server.url("")), content_type="application/rss+xml")
    run(["feeds", "add", http_server.url("hilang.xml")], capsys)
    code, out, err = run(["refresh"], capsys)
    assert code == 1 and "1 failed" in out and "404" in err
    run(["feeds", "add", http_server.url("feed.xml")], capsys)
    code, out, err = run(["refresh"], capsys)
    assert code == 0 and "1 failed" in out


def test_bookmarks_list_and_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from ikn_tui.core.models import Article, RelatedLink
    from ikn_tui.core.store.database import Store

    store = Store.open_default()
    article = Article(title="Taman Mangrove Dibuka", url="https://contoh.example/mangrove", body=["Paragraf satu.", "Paragraf dua."],
                      related=[RelatedLink("Jalur Bus", "https://contoh.example/bus", 1)])
    [article.id] = store.upsert_articles([article]).ids
    store.add_bookmark(article)
    store.close()
    code, out, _ = run(["bookmarks", "list", "--json"], capsys)
    assert code == 0 and json.loads(out)[0]["body"] == ["Paragraf satu.", "Paragraf dua."]
    target = tmp_path / "bookmarks.md"
    code, out, _ = run(["bookmarks", "export", "--format", "md", "-o", str(target)], capsys)
    assert code == 0
    text = target.read_text()
    assert "Taman Mangrove Dibuka" in text and "Paragraf dua." in text and "Jalur Bus" in text
    code, out, _ = run(["bookmarks", "export", "--format", "json"], capsys)
    assert json.loads(out)[0]["title"] == "Taman Mangrove Dibuka"


@pytest.mark.parametrize("name", SUBCOMMANDS)
def test_a_subcommand_parses_and_helps_the_same_when_only_it_is_built(name: str) -> None:
    """main() builds only the typed subcommand's parser; its help and usage must be
    those of the parser with every subcommand."""
    from ikn_tui.cli.main import _sub_parser

    def sub(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
        action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        return action.choices[name]

    whole, alone = _sub_parser(), _sub_parser(name)
    assert sub(alone).format_help() == sub(whole).format_help()
    assert list(next(a for a in alone._actions if isinstance(a, argparse._SubParsersAction)).choices) == [name]


def test_the_console_script_leaves_the_heap_frozen_and_the_store_closed_cleanly(tmp_path: Path) -> None:
    """``run`` (the console script) freezes the heap at the end, --version included;
    the store was closed before (no -wal file is left)."""
    code = (
        "import gc, sys; from ikn_tui.cli.main import run\n"
        "sys.argv = ['ikn-read', *sys.argv[1:]]\n"
        "try:\n    status = run()\nexcept SystemExit as done:\n    status = done.code\n"
        "print(status, gc.get_freeze_count() > 0)\n"
    )
    env = {**os.environ, "IKN_READ_HOME": str(tmp_path)}
    for args, status in ((["list"], "0"), (["--version"], "0")):
        out = subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, check=True)
        assert out.stdout.split()[-2:] == [status, "True"], out.stdout
    assert not list(tmp_path.glob("*-wal"))
