"""The thumbnail cache in the store (schema v8 at the time of writing): kept per image
URL, bounded, bookmarked articles' photos never pushed out."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from ikn_tui.core.models import Article
from ikn_tui.core.store import Store, schema
from ikn_tui.core.store import thumbnails as thumbnails_module


def _tables(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        conn.close()


def test_the_thumbnail_table_comes_with_the_latest_migration(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.sqlite3")
    store.close()
    assert "thumbnails" in _tables(tmp_path / "s.sqlite3")
    which = [i for i, script in enumerate(schema.MIGRATIONS) if "CREATE TABLE thumbnails" in script]
    assert len(which) == 1 and which[0] < schema.LATEST_VERSION


def test_an_older_store_gains_the_table_and_keeps_its_articles(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    version = next(i for i, script in enumerate(schema.MIGRATIONS) if "CREATE TABLE thumbnails" in script)
    schema.migrate(conn, target=version)
    conn.close()
    assert "thumbnails" not in _tables(path)
    store = Store(path)
    store.upsert_articles([Article(title="Lama", url="https://contoh.example/lama")])
    assert store.put_thumbnail("https://contoh.example/a.jpg", b"\xff\xd8\xffdata", 10, 20)
    assert store.get_thumbnail("https://contoh.example/a.jpg").data == b"\xff\xd8\xffdata"  # type: ignore[union-attr]
    store.close()


def test_put_and_get(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.sqlite3")
    assert store.get_thumbnail("https://contoh.example/a.jpg") is None
    assert store.put_thumbnail("https://contoh.example/a.jpg", b"one", 4, 3)
    assert store.put_thumbnail("https://contoh.example/a.jpg", b"two", 8, 6)  # replaced
    kept = store.get_thumbnail("https://contoh.example/a.jpg")
    assert kept is not None and (kept.data, kept.width, kept.height) == (b"two", 8, 6)
    assert not store.put_thumbnail("https://contoh.example/big.jpg", b"x" * (thumbnails_module.MAX_THUMBNAIL_BYTES + 1), 1, 1)
    store.close()


def test_the_cache_is_bounded_but_a_bookmarks_photo_stays(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(thumbnails_module, "MAX_THUMBNAILS", 3)
    store = Store(tmp_path / "s.sqlite3")
    kept_url = "https://contoh.example/foto/0.jpg"
    article = Article(title="Dimarkahi", url="https://contoh.example/0", body=["Isi."], images=[kept_url], full=True)
    store.upsert_articles([article])
    store.add_bookmark(article)
    for n in range(10):
        store.put_thumbnail(f"https://contoh.example/foto/{n}.jpg", b"img%d" % n, 4, 3)
    assert store.get_thumbnail(kept_url) is not None  # the oldest, but bookmarked
    assert store.get_thumbnail("https://contoh.example/foto/9.jpg") is not None
    assert store.get_thumbnail("https://contoh.example/foto/1.jpg") is None
    assert store.thumbnail_count() == 4  # three recent ones and the bookmark's
    store.close()


def test_a_read_only_store_takes_no_thumbnail(tmp_path: Path) -> None:
    Store(tmp_path / "s.sqlite3").close()
    store = Store(tmp_path / "s.sqlite3", readonly=True)
    assert not store.put_thumbnail("https://contoh.example/a.jpg", b"one", 4, 3)
    store.close()


def test_recovery_keeps_the_thumbnails(tmp_path: Path) -> None:
    from ikn_tui.core.store import recover_database

    path = tmp_path / "s.sqlite3"
    store = Store(path)
    store.upsert_articles([Article(title="Satu", url="https://contoh.example/1", images=["https://contoh.example/1.jpg"])])
    store.put_thumbnail("https://contoh.example/1.jpg", b"\xff\xd8\xffkept", 4, 3)
    store.close()
    recover_database(path)
    again = Store(path)
    kept = again.get_thumbnail("https://contoh.example/1.jpg")
    again.close()
    assert kept is not None and kept.data == b"\xff\xd8\xffkept"
