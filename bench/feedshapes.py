"""Feeds shaped like real Indonesian ones, and replays of the real feeds in ../shared.

``make_realistic_feed`` gives what the portals' feeds carry: every item has a
``content:encoded`` body of about 8 paragraphs of ~60 words with inline ``<a>``,
``<strong>`` and ``<em>``, a ``<p><strong>Baca Juga: <a>…</a></strong></p>`` block,
on some items a ``<figure>`` with an image and a caption; about one item in five
carries only a summary. ``replay_feeds`` serves the real feeds in
``../shared/real-world/feeds`` many times, each copy with its own item links.
"""

from __future__ import annotations

import random
import re
from datetime import datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

from feedgen import _CATS, _SITES, WIB, _paragraph, _sentence

REAL_FEEDS = Path(__file__).resolve().parents[2] / "shared" / "real-world" / "feeds"


def _inline(rng: random.Random, text: str, base: str) -> str:
    """Escape a paragraph and wrap a few of its words in inline markup."""
    words = escape(text).split(" ")
    for _ in range(rng.randint(1, 3)):
        i = rng.randrange(len(words))
        kind = rng.random()
        if kind < 0.5:
            words[i] = f'<a href="{base}/tag/{rng.randint(1, 500)}">{words[i]}</a>'
        elif kind < 0.8:
            words[i] = f"<strong>{words[i]}</strong>"
        else:
            words[i] = f"<em>{words[i]}</em>"
    return " ".join(words)


def make_realistic_feed(index: int, items: int, base: str, seed: int = 2026) -> bytes:
    rng = random.Random(seed * 100_003 + index)
    site = f"{_SITES[index % len(_SITES)]} {index}"
    start = datetime(2025, 6, 16, 20, 15, tzinfo=WIB)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel>\n'
        f"<title>{escape(site)}</title>\n<link>{base}/situs/{index}/</link>\n"
        f"<description>Berita terkini dari {escape(site)}</description>\n<language>id</language>\n"
        f"<image><url>{base}/logo.png</url><title>{escape(site)}</title><link>{base}/</link></image>\n"
    ]
    for n in range(items):
        title = _sentence(rng, rng.randint(7, 12)).rstrip(".")
        slug = "-".join(title.lower().split()[:6])
        link = f"{base}/situs/{index}/read/{n}/{slug}"
        when = start - timedelta(minutes=37 * n + index)
        summary = _paragraph(rng, rng.randint(150, 260))
        item = [
            "<item>",
            f"<title>{escape(title)}</title>",
            f"<link>{link}</link>",
            f"<guid>{link}</guid>",
            f"<pubDate>{format_datetime(when)}</pubDate>",
            f"<category>{_CATS[(index + n) % len(_CATS)]}</category>",
            f"<dc:creator>{escape(rng.choice(['Is Wahyudi', 'Dewi Kania', 'Budi Santoso', 'Rina Lestari']))}</dc:creator>",
            f"<description>{escape(summary)}</description>",
        ]
        if rng.random() >= 0.2:  # one item in five carries only its summary
            paras = [f"<p>{_inline(rng, _paragraph(rng, rng.randint(330, 450)), base)}</p>" for _ in range(8)]
            related = f"{base}/situs/{index}/read/{n + 1}/"
            paras.insert(3, f'<p><strong>Baca Juga: <a href="{related}">{escape(_sentence(rng, 8))}</a></strong></p>')
            if rng.random() < 0.5:
                figure = (
                    f'<figure><img src="{base}/foto/{index}/{n}.jpg" alt="{escape(title)}"/>'
                    f"<figcaption>{escape(_sentence(rng, 10))} (Foto: Antara)</figcaption></figure>"
                )
                paras.insert(0, figure)
            item.append(f"<content:encoded><![CDATA[{''.join(paras)}]]></content:encoded>")
        item.append("</item>")
        out.append("\n".join(item) + "\n")
    out.append("</channel>\n</rss>\n")
    return "".join(out).encode("utf-8")


_LINK = re.compile(rb"<(link|guid)([^>]*)>\s*(?:<!\[CDATA\[)?\s*(https?://[^<\]\s]+)")


def replay_feeds(count: int) -> list[bytes] | None:
    """``count`` copies of the real feeds (round robin), each copy's item links made unique."""
    if not REAL_FEEDS.is_dir():
        return None
    real = [p.read_bytes() for p in sorted(REAL_FEEDS.glob("*.xml"))]
    if not real:
        return None
    copies = []
    for i in range(count):
        doc = real[i % len(real)]
        marker = f"copy{i}-".encode()

        def unique(m: re.Match[bytes], marker: bytes = marker) -> bytes:
            return b"<" + m[1] + m[2] + b">" + m[3].replace(b"://", b"://" + marker, 1)

        copies.append(_LINK.sub(unique, doc))
    return copies
