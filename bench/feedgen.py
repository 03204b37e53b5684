"""Generated RSS 2.0 feeds (fictional Indonesian news) and a loopback server for them.

``make_feeds(200, 50)`` builds 200 feeds of 50 items: titles, links, guids,
RFC 822 dates with +0700, categories, authors, a 1-2 KB HTML description, and
on every third item a longer ``content:encoded`` body with a "Baca juga" link.
``FeedServer`` serves them from 127.0.0.1 with ETag / Last-Modified, answering
304 to a matching conditional GET (HTTP/1.1 keep-alive, Content-Length).
"""

from __future__ import annotations

import hashlib
import random
import threading
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

WIB = timezone(timedelta(hours=7))

_WORDS = (
    "pembangunan ibu kota nusantara otorita kalimantan timur penajam paser utara balikpapan samarinda "
    "investor jalan tol bendungan istana presiden menteri anggaran infrastruktur perumahan aparatur "
    "pemindahan kawasan inti pusat pemerintahan hutan lingkungan banjir bandara pelabuhan listrik air "
    "bersih sekolah rumah sakit pasar ekonomi pariwisata teknologi digital transportasi kereta otonom "
    "tenaga surya konstruksi warga pekerja proyek tahap pertama kedua dana miliar triliun rupiah target "
    "selesai tahun depan rapat dewan perwakilan rakyat daerah gubernur bupati wali kota camat desa "
    "kelurahan nelayan petani sawit tambang batu bara jembatan sungai mahakam pesisir teluk"
).split()
_GLUE = "yang dan di ke dari untuk dengan pada ini itu akan dalam tidak oleh sebagai juga telah sudah".split()
_CATS = ["Nasional", "Regional", "Ekonomi", "Politik", "Lingkungan", "Teknologi", "Olahraga"]
_SITES = ["Kabar Etam", "Warta Benua", "Borneo Harian", "Suara Mahakam", "Pos Nusantara"]


def _sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(_WORDS) if rng.random() < 0.65 else rng.choice(_GLUE) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random, size: int) -> str:
    out = ""
    while len(out) < size:
        out += _sentence(rng, rng.randint(8, 18)) + " "
    return out.strip()


def make_feed(index: int, items: int, base: str, seed: int = 2025) -> bytes:
    """One RSS 2.0 document (UTF-8 bytes)."""
    rng = random.Random(seed * 100_003 + index)
    site = f"{_SITES[index % len(_SITES)]} {index}"
    start = datetime(2025, 6, 16, 20, 15, tzinfo=WIB)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel>\n'
        f"<title>{escape(site)}</title>\n<link>{base}/situs/{index}/</link>\n"
        f"<description>Berita terkini dari {escape(site)}</description>\n<language>id</language>\n"
    ]
    for n in range(items):
        title = _sentence(rng, rng.randint(7, 12)).rstrip(".")
        slug = "-".join(title.lower().split()[:6])
        link = f"{base}/situs/{index}/berita/{n}/{slug}"
        when = start - timedelta(minutes=37 * n + index)
        desc = "".join(f"<p>{escape(_paragraph(rng, rng.randint(300, 550)))}</p>" for _ in range(3))
        item = [
            "<item>",
            f"<title>{escape(title)}</title>",
            f"<link>{link}</link>",
            f'<guid isPermaLink="false">situs-{index}-berita-{n}</guid>',
            f"<pubDate>{format_datetime(when)}</pubDate>",
            f"<category>{_CATS[(index + n) % len(_CATS)]}</category>",
            f"<dc:creator>Redaksi {escape(site)}</dc:creator>",
            f"<description>{escape(desc)}</description>",
        ]
        if n % 3 == 0:
            paras = [f"<p>{escape(_paragraph(rng, rng.randint(400, 700)))}</p>" for _ in range(6)]
            related = f"{base}/situs/{index}/berita/{n + 1}/"
            paras.insert(3, f'<p><strong>Baca juga:</strong> <a href="{related}">{escape(_sentence(rng, 8))}</a></p>')
            item.append(f"<content:encoded><![CDATA[{''.join(paras)}]]></content:encoded>")
        item.append("</item>")
        out.append("\n".join(item) + "\n")
    out.append("</channel>\n</rss>\n")
    return "".join(out).encode("utf-8")


def make_feeds(count: int, items: int, base: str, shape: str = "synthetic") -> dict[str, bytes]:
    """``{"/feed/0.xml": bytes, ...}`` in one of the shapes: synthetic, realistic, replay."""
    if shape == "realistic":
        from feedshapes import make_realistic_feed

        return {f"/feed/{i}.xml": make_realistic_feed(i, items, base) for i in range(count)}
    if shape == "replay":
        from feedshapes import replay_feeds

        copies = replay_feeds(count)
        if copies is None:
            raise FileNotFoundError("the real feeds in ../shared/real-world/feeds are absent")
        return {f"/feed/{i}.xml": doc for i, doc in enumerate(copies)}
    return {f"/feed/{i}.xml": make_feed(i, items, base) for i in range(count)}


def make_opml(urls: list[str]) -> bytes:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<opml version="2.0">', "<head><title>bench</title></head>", "<body>"]
    lines += [f'<outline type="rss" text="feed {i}" xmlUrl="{escape(u)}"/>' for i, u in enumerate(urls)]
    lines += ["</body>", "</opml>", ""]
    return "\n".join(lines).encode("utf-8")


class FeedServer:
    """A ThreadingHTTPServer on 127.0.0.1 serving fixed documents with ETags."""

    LAST_MODIFIED = "Mon, 16 Jun 2025 13:15:00 GMT"

    def __init__(self, count: int, items: int, shape: str = "synthetic", hosts: int = 1) -> None:
        """Serve ``count`` feeds; with ``hosts`` > 1, from that many loopback addresses
        (127.0.0.1, 127.0.0.2, ...), feed i on host i % hosts, as real feeds come from many hosts."""
        self.documents: dict[str, tuple[bytes, str]] = {}
        self.hits = {"200": 0, "304": 0}
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:  # quiet
                pass

            def do_GET(self) -> None:
                doc = server.documents.get(self.path)
                if doc is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                body, etag = doc
                if self.headers.get("If-None-Match") == etag:
                    server.hits["304"] += 1
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                server.hits["200"] += 1
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", server.LAST_MODIFIED)
                self.end_headers()
                self.wfile.write(body)

        self.servers = []
        port = 0
        for h in range(max(1, hosts)):
            httpd = ThreadingHTTPServer((f"127.0.0.{h + 1}", port), Handler)
            httpd.daemon_threads = True
            port = httpd.server_address[1]  # the same port on every address
            self.servers.append(httpd)
        self.httpd = self.servers[0]
        self.bases = [f"http://127.0.0.{h + 1}:{port}" for h in range(len(self.servers))]
        self.base = self.bases[0]
        for path, body in make_feeds(count, items, self.base, shape).items():
            self.documents[path] = (body, '"' + hashlib.sha1(body).hexdigest()[:16] + '"')
        self._threads = [threading.Thread(target=s.serve_forever, daemon=True) for s in self.servers]

    @property
    def urls(self) -> list[str]:
        return [self.bases[i % len(self.bases)] + path for i, path in enumerate(self.documents)]

    @property
    def total_bytes(self) -> int:
        return sum(len(body) for body, _ in self.documents.values())

    def __enter__(self) -> FeedServer:
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        for httpd in self.servers:
            httpd.shutdown()
            httpd.server_close()
