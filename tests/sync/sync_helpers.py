"""Sync tests' helpers: a loopback news site with feeds and article pages,
and a REAL Fever server (coldsweat, from the test extras) run per test on
127.0.0.1, subscribed to that site's feeds.

Nothing leaves 127.0.0.1: every feed has a channel ``<image>`` (square, on the
loopback site) so coldsweat takes its icon from there instead of an outside
icon service, and coldsweat runs with HTTP(S)_PROXY pointing at a closed
loopback port (NO_PROXY=127.0.0.1): any outside request it tried would fail.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

TestServer = Any  # tests/conftest.py's loopback server (the ``http_server`` fixture)

EMAIL = "pembaca@ikn.test"
PASSWORD = "kata-sandi-panjang-13"
LONG_TEXT = (
    "Pembangunan jalan tol menuju kawasan inti pusat pemerintahan berlanjut sepanjang musim hujan, "
    "dengan ratusan pekerja bergantian siang dan malam agar target tahun ini tercapai. "
)


@dataclass
class SiteItem:
    feed: int
    n: int
    title: str
    url: str
    html: str


class NewsSite:
    """Feeds ``/feed-N.xml`` (RSS 2.0 with a square channel image) and article
    pages ``/berita/N-M`` on a loopback ``TestServer``."""

    def __init__(self, server: TestServer, feeds: int = 2, per_feed: int = 5) -> None:
        self.server = server
        self.items: list[SiteItem] = []
        server.route("icon.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 32, content_type="image/png")
        for f in range(1, feeds + 1):
            entries = []
            for n in range(1, per_feed + 1):
                url = server.url(f"berita/{f}-{n}")
                title = f"Berita {f}-{n} dari Nusantara"
                if n == 1:  # a full article with a "Baca juga" link inside
                    other = server.url(f"berita/{f}-2")
                    html = (f"<p>{LONG_TEXT * 3}</p><p><strong>Baca juga: <a href=\"{other}\">Berita {f}-2 dari "
                            f"Nusantara</a></strong></p><p>{LONG_TEXT * 2}</p>")
                else:
                    html = f"<p>Ringkasan berita {f}-{n} tentang Kalimantan Timur.</p>"
                self.items.append(SiteItem(f, n, title, url, html))
                page = (f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title></head><body>"
                        f"<article><h1>{title}</h1><p>{LONG_TEXT * 2}</p><p>Paragraf kedua {f}-{n} tentang "
                        f"Sepaku dan Penajam.</p><p>{LONG_TEXT}</p></article></body></html>")
                server.route(f"berita/{f}-{n}", page)
                entries.append(
                    f"<item><title>{escape(title)}</title><link>{url}</link><guid>{url}</guid>"
                    f"<pubDate>Mon, 0{n} Jun 2025 0{f}:00:00 +0700</pubDate>"
                    f"<description>{escape(html if n > 1 else '<p>Ringkasan.</p>')}</description>"
                    + (f"<content:encoded>{escape(html)}</content:encoded>" if n == 1 else "")
                    + "</item>"
                )
            feed = (
                '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
                'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
                f"<title>Kabar Uji {f}</title><link>{server.url('/')}</link><description>uji</description>"
                f"<image><url>{server.url('icon.png')}</url><title>Kabar Uji {f}</title>"
                f"<link>{server.url('/')}</link><width>16</width><height>16</height></image>"
                + "".join(entries) + "</channel></rss>"
            )
            server.route(f"feed-{f}.xml", feed, content_type="application/rss+xml; charset=utf-8")

    def feed_urls(self) -> list[str]:
        return sorted({self.server.url(f"feed-{i.feed}.xml") for i in self.items})

    def opml(self, path: Path) -> Path:
        outlines = "".join(f'<outline text="f" title="f" type="rss" xmlUrl="{u}"/>' for u in self.feed_urls())
        path.write_text(f'<?xml version="1.0"?><opml version="1.0"><head><title>t</title></head>'
                        f"<body>{outlines}</body></opml>", encoding="utf-8")
        return path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def coldsweat_exe() -> str | None:
    exe = Path(sys.executable).parent / "coldsweat"
    return str(exe) if exe.exists() else None


class Coldsweat:
    """A coldsweat instance: its own SQLite file, one user, the site's feeds."""

    def __init__(self, root: Path, site: NewsSite) -> None:
        self.root = root
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/fever/"
        self.api_key = hashlib.md5(f"{EMAIL}:{PASSWORD}".encode()).hexdigest()
        self.proc: subprocess.Popen[bytes] | None = None
        self.env = {
            **os.environ,
            "FLASK_DATABASE_URL": f"sqlite:///{root / 'coldsweat.db'}",
            "FLASK_SECRET_KEY": "ikn-read-tests-secret",
            "HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9",
            "http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9",
            "NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost",
        }
        exe = coldsweat_exe()
        assert exe is not None
        self.exe = exe
        self._run("setup", EMAIL, "-p", PASSWORD)
        self._run("import", str(site.opml(root / "feeds.opml")), EMAIL, "-f")

    def _run(self, *args: str) -> str:
        done = subprocess.run([self.exe, *args], env=self.env, cwd=self.root, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr[-2000:]
        return done.stdout

    def fetch(self) -> None:
        """Have coldsweat fetch its feeds again."""
        self._run("fetch")

    def start(self) -> None:
        log = open(self.root / "server.log", "ab")  # noqa: SIM115 - closed with the process
        self.proc = subprocess.Popen(
            [self.exe, "run", "-h", "127.0.0.1", "-p", str(self.port), "--no-reload", "--no-debugger"],
            env=self.env, cwd=self.root, stdout=log, stderr=subprocess.STDOUT,
        )
        log.close()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                self.api()
                return
            except (OSError, urllib.error.URLError):
                time.sleep(0.05)
        raise AssertionError("coldsweat did not start: " + (self.root / "server.log").read_text()[-2000:])

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
            self.proc = None

    def api(self, query: str = "", **form: str) -> dict[str, Any]:
        """One Fever call straight to the server (to check what it holds)."""
        data = "&".join(f"{k}={v}" for k, v in {"api_key": self.api_key, **form}.items()).encode()
        with urllib.request.urlopen(f"{self.url}?api{'&' + query if query else ''}", data, timeout=10) as answer:
            return json.loads(answer.read())

    def ids_by_url(self) -> dict[str, str]:
        out: dict[str, str] = {}
        since = 0
        while True:
            items = self.api(f"items&since_id={since}").get("items") or []
            if not items:
                return out
            for item in items:
                out[item["url"]] = str(item["id"])
            since = max(int(i["id"]) for i in items)

    def states(self) -> tuple[set[str], set[str]]:
        data = self.api("unread_item_ids&saved_item_ids")
        split = lambda text: {p for p in str(text).split(",") if p}  # noqa: E731
        return split(data["unread_item_ids"]), split(data["saved_item_ids"])


