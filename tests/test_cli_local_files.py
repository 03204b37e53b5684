"""A local file is the same article every time it is read (real processes): `list`
twice and `show` of a text dump, or of a saved page with no URL, keep one row,
updated in place when the file changes. `show` into a pipe has no trailing spaces."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from ikn_tui.core.store import Store

FIXTURES = Path(__file__).resolve().parent / "fixtures"
DUMP = FIXTURES / "text" / "lima_desa_internet.txt"
PAGE_WITHOUT_URL = """<!doctype html><html><head><meta charset="utf-8">
<title>Warga Sepaku Menanam Ulin di Tepi Sungai</title></head><body>
<article><h1>Warga Sepaku Menanam Ulin di Tepi Sungai</h1>
<p>SEPAKU - Puluhan warga menanam bibit ulin di sepanjang tepi sungai pada Minggu pagi, dibantu pelajar.</p>
<p>Kegiatan ini diharapkan menjaga tanah di tepi sungai agar tidak longsor saat musim hujan tiba nanti.</p>
</article></body></html>
"""


def ikn(home: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    env["IKN_READ_HOME"] = str(home)
    return subprocess.run([sys.executable, "-m", "ikn_tui", *argv], capture_output=True, text=True, env=env,
                          timeout=60, stdin=subprocess.DEVNULL)


def rows(home: Path) -> list[tuple[str, str]]:
    with Store(home / "ikn-read.sqlite3") as store:
        return [(r.title, r.source or "") for r in store.list_rows(0, 100)]


def test_a_text_dump_read_again_is_the_same_article(tmp_path: Path) -> None:
    home, dump = tmp_path / "home", tmp_path / "kabar.txt"
    shutil.copy(DUMP, dump)
    for argv in (("list", str(dump)), ("list", str(dump)), ("show", str(dump)), ("show", str(dump), "--json")):
        done = ikn(home, *argv)
        assert done.returncode == 0, done.stderr
    assert len(rows(home)) == 1
    # the file changes: the same row is updated in place
    dump.write_text(dump.read_text(encoding="utf-8").replace("Internet Gratis", "Internet Cepat", 1), encoding="utf-8")
    assert ikn(home, "show", str(dump)).returncode == 0
    [(title, _)] = rows(home)
    assert "Internet Cepat" in title


def test_a_saved_page_without_a_url_shown_three_times_is_one_row(tmp_path: Path) -> None:
    home, page = tmp_path / "home", tmp_path / "halaman.html"
    page.write_text(PAGE_WITHOUT_URL, encoding="utf-8")
    for _ in range(3):
        done = ikn(home, "show", str(page), "--json")
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout)["url"] is None
    assert [title for title, _ in rows(home)] == ["Warga Sepaku Menanam Ulin di Tepi Sungai"]


def test_two_files_with_the_same_text_at_two_paths_are_two_articles(tmp_path: Path) -> None:
    home = tmp_path / "home"
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    shutil.copy(DUMP, first)
    shutil.copy(DUMP, second)
    assert ikn(home, "list", str(first), str(second)).returncode == 0
    assert ikn(home, "list", str(tmp_path)).returncode == 0  # the folder: the same two files
    assert len(rows(home)) == 2


def test_show_into_a_pipe_has_no_trailing_spaces(tmp_path: Path) -> None:
    for source in (DUMP, FIXTURES / "pages" / "kompas_strong.html"):
        done = ikn(tmp_path, "show", str(source))
        assert done.returncode == 0, done.stderr
        lines = done.stdout.splitlines()
        assert len(lines) > 5
        assert [line for line in lines if line != line.rstrip()] == []
        assert "\x1b" not in done.stdout
