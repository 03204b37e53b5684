"""One feed's articles: the v4 index, counts and the windowed list per feed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ikn_tui.core.models import Article
from ikn_tui.core.store import schema
from ikn_tui.core.store.database import Store

SEPAKU = "https://kabar-sepaku.example/rss"
PENAJAM = "https://warta-penajam.example/feed"


def art(n: int, feed: str | None) -> Article:
    return Article(
        title=f"Warta nomor {n} dari {'Sepaku' if feed == SEPAKU else 'Penajam'}",
        url=f"https://contoh.example/{n}", feed_url=feed,
        published=f"2025-04-{1 + n:02d}T09:00:00+08:00", body=[f"Isi warta {n}."],
    )


def filled(path: Path) -> Store:
    store = Store(path)
    store.upsert_articles([art(n, SEPAKU if n % 3 else PENAJAM) for n in range(12)] + [art(20, None)])
    return store


def test_rows_counts_and_positions_per_feed(tmp_path: Path) -> None:
    with filled(tmp_path / "s.sqlite3") as store:
        assert store.count_articles() == 13
        assert store.count_articles(SEPAKU) == 8 and store.count_articles(PENAJAM) == 4
        assert store.count_articles("https://lain.example/") == 0
        assert store.feed_article_counts() == {SEPAKU: 8, PENAJAM: 4}
        rows = store.list_rows(0, 100, feed_url=PENAJAM)
        assert [r.title for r in rows] == [f"Warta nomor {n} dari Penajam" for n in (9, 6, 3, 0)]
        window = store.list_rows(1, 2, feed_url=PENAJAM)
        assert window == rows[1:3]
        assert store.index_of(rows[2].id, feed_url=PENAJAM) == 2
        assert store.index_of(rows[2].id) == store.list_rows(0, 100).index(rows[2])
        sepaku_row = store.list_rows(0, 1, feed_url=SEPAKU)[0]
        assert store.index_of(sepaku_row.id, feed_url=PENAJAM) is None


def test_one_feed_list_uses_the_feed_index(tmp_path: Path) -> None:
    with filled(tmp_path / "s.sqlite3") as store:
        plan = store._conn.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM articles WHERE feed_url = ? ORDER BY sort_ts DESC, id DESC LIMIT 5",
            (SEPAKU,),
        ).fetchall()
    detail = " ".join(str(row[-1]) for row in plan)
    assert "articles_feed_order" in detail and "TEMP B-TREE" not in detail


def test_a_version_3_database_gets_the_feed_index_and_keeps_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "v3.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    schema.migrate(conn, target=3)
    conn.execute(
        "INSERT INTO articles(url, url_key, feed_url, title, norm_title, sort_ts, first_seen, body) "
        "VALUES ('https://a.example/1', 'https://a.example/1', ?, 'Warta lama', 'warta lama', 5, '2024', '[\"Isi.\"]')",
        (SEPAKU,),
    )
    indexes = {row[1] for row in conn.execute("PRAGMA index_list(articles)")}
    assert "articles_feed_order" not in indexes
    conn.close()
    with Store(path) as store:
        assert store._conn.execute("PRAGMA user_version").fetchone()[0] == schema.LATEST_VERSION
        assert "articles_feed_order" in {row[1] for row in store._conn.execute("PRAGMA index_list(articles)")}
        assert [r.title for r in store.list_rows(0, 10, feed_url=SEPAKU)] == ["Warta lama"]
        assert store.feed_article_counts() == {SEPAKU: 1}
