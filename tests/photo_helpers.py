"""Shared by the lead-photo tests: an article whose photo a loopback server serves."""

from __future__ import annotations

from typing import Any

from ikn_tui.core import paths
from ikn_tui.core.models import Article
from ikn_tui.core.store.database import Store

TITLE = "Jembatan Pulau Balang Dibuka untuk Umum"


def photo_article(image_url: str, number: int = 0) -> Article:
    return Article(
        title=TITLE if number == 0 else f"{TITLE} ({number})",
        url=f"https://contoh.ikn-read.example/foto/{number}",
        source="Kabar Contoh",
        author="Dewi Lestari",
        published=f"2025-05-{10 + number:02d}T08:15:00+07:00",
        category="Daerah",
        body=["Jembatan sepanjang 804 meter itu menghubungkan Balikpapan dan Penajam.",
              "Warga menyambutnya dengan gembira."],
        images=[image_url],
        full=True,
    )


def seed_photos(*articles: Article) -> None:
    store = Store(paths.database_path())
    store.upsert_articles(list(articles))
    store.close()


def photo_paths(server: Any) -> list[str]:
    return [path for path in server.paths() if path.startswith("/foto")]
