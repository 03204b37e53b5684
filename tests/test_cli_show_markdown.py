"""``ikn-read show SOURCE --format md``: one article as Markdown, Baca Juga links as links, WIB dates."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"


def _show(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "IKN_READ_HOME": str(tmp_path)}
    return subprocess.run([sys.executable, "-m", "ikn_tui", "show", *args], capture_output=True, text=True,
                          env=env, timeout=60)


def test_show_markdown_has_title_body_and_links(tmp_path: Path) -> None:
    page = FIXTURES / "pages" / "kompas_strong.html"
    done = _show(tmp_path, str(page), "--format", "md", "--offline")
    assert done.returncode == 0, done.stderr
    json_done = _show(tmp_path, str(page), "--format", "json", "--offline")
    import json

    article = json.loads(json_done.stdout)
    md = done.stdout
    assert md.startswith("# ")
    assert article["body"][0][:40] in md.replace("\\", "")
    assert "**Baca juga:**" in md
    for n, link in enumerate(article["related"], 1):
        assert f"{n}. [" in md
        if link["url"]:
            assert f"(<{link['url']}>)" in md
    if article.get("published"):
        assert "WIB" in md and "+00:00" not in md


def test_show_markdown_escapes_outside_markup(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>[klik](javascript:alert(1)) *tebal* &lt;b&gt;</title></head><body><article>"
        "<h1>[klik](javascript:alert(1)) *tebal* &lt;b&gt;</h1><p># bukan judul dan teks yang cukup panjang "
        "untuk menjadi paragraf artikel di halaman ini, dengan \x1b[31m warna.</p></article></body></html>",
        encoding="utf-8",
    )
    done = _show(tmp_path, str(page), "--format", "md", "--offline")
    assert done.returncode == 0, done.stderr
    assert "\x1b" not in done.stdout
    assert "[klik](javascript" not in done.stdout  # the brackets are escaped: no link
    assert "\\[klik\\]" in done.stdout
    assert "\n\\# bukan judul" in done.stdout


def test_json_flag_still_means_json(tmp_path: Path) -> None:
    done = _show(tmp_path, str(FIXTURES / "text" / "lima_desa_internet.txt"), "--json")
    assert done.returncode == 0 and done.stdout.lstrip().startswith("{")
