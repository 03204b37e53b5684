"""The SQLite store, on real database files in tmp_path."""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import shutil
import sqlite3
import tempfile
import threading
from pathlib import Path

import pytest

from ikn_tui.core.models import Article, RelatedLink, Subscription
from ikn_tui.core.problem import text_problem
from ikn_tui.core.store import schema
from ikn_tui.core.store.database import (
    Store,
    StoreError,
    canonical_url,
    fts_query,
)

FEED = "https://kabar-etam.example/rss"


def art(n: int, **kw: object) -> Article:
    """A fictional article number ``n``."""
    data: dict[object, object] = dict(
        title=f"Warga Sepaku menanam pohon ulin ke-{n}",
        url=f"https://kabar-etam.example/berita/{n}",
        source="Kabar Etam",
        published=f"2025-03-{1 + n % 28:02d}T08:{n % 60:02d}:00+08:00",
        category="Lingkungan",
        body=[f"Paragraf pertama berita {n} tentang hutan Sepaku.", "Paragraf kedua soal bibit ulin."],
        full=True,
    )
    data.update(kw)
    return Article(**data)  # type: ignore[arg-type]


@pytest.fixture
def store(tmp_path: Path):
    s = Store(tmp_path / "ikn-read.sqlite3")
    yield s
    s.close()


# -- opening -------------------------------------------------------------------


def test_new_database_has_schema_wal_and_foreign_keys(tmp_path: Path) -> None:
    s = Store(tmp_path / "sub" / "db.sqlite3")  # parent directory is created
    conn = s._conn
    assert conn is not None
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.LATEST_VERSION
    assert conn.execute("PRAGMA page_size").fetchone()[0] == schema.PAGE_SIZE
    assert s.count_articles() == 0
    s.close()
    with pytest.raises(StoreError, match="closed"):
        s.count_articles()


def test_open_default_uses_ikn_read_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home" / "deep"
    monkeypatch.setenv("IKN_READ_HOME", str(home))
    with Store.open_default() as s:
        assert s.path == home / "ikn-read.sqlite3"
        s.add_subscription(FEED)
    assert (home / "ikn-read.sqlite3").is_file()


# -- dedup and upsert ------------------------------------------------------------


def test_canonical_url() -> None:
    assert canonical_url("HTTPS://Kabar-Etam.Example/Berita/1/?utm_source=x&id=3&UTM_medium=y#top") == (
        "https://kabar-etam.example/Berita/1?id=3"
    )
    assert canonical_url("http://a.example:80/x/") == "http://a.example/x"
    assert canonical_url("  ") is None
    assert canonical_url(None) is None


def test_dedup_by_canonical_url(store: Store) -> None:
    first = store.upsert_articles([art(1)])
    again = store.upsert_articles([
        art(1, url="https://KABAR-ETAM.example/berita/1/"),
        art(1, url="https://kabar-etam.example/berita/1?utm_source=rss&utm_campaign=x"),
        art(1, url="https://kabar-etam.example/berita/1#komentar"),
    ])
    assert (first.new, first.updated) == (1, 0)
    assert (again.new, again.updated) == (0, 3)
    assert again.ids == first.ids * 3
    assert store.count_articles() == 1


def test_dedup_by_feed_and_guid(store: Store) -> None:
    a = store.upsert_articles([art(1, guid="item-1", url=None)], feed_url=FEED)
    b = store.upsert_articles([art(1, guid="item-1", url=None, title="Judul diperbarui")], feed_url=FEED)
    assert b.ids == a.ids and b.new == 0
    assert store.get_article(a.ids[0]).title == "Judul diperbarui"
    # The same guid in another feed is another article.
    c = store.upsert_articles([art(1, guid="item-1", url=None)], feed_url="https://lain.example/rss")
    assert c.new == 1 and c.ids != a.ids
    # A guid match picks up the URL the item has now.
    d = store.upsert_articles([art(1, guid="item-1", url="https://kabar-etam.example/baru")], feed_url=FEED)
    assert d.ids == a.ids
    assert store.find_by_url("https://kabar-etam.example/baru").id == a.ids[0]


def test_ids_follow_input_order_with_duplicates_in_one_batch(store: Store) -> None:
    result = store.upsert_articles([art(3), art(1), art(3), art(2)])
    assert result.new == 3 and result.updated == 1
    assert result.ids[0] == result.ids[2]
    assert len(set(result.ids)) == 3
    assert [store.get_article(i).url for i in result.ids] == [art(n).url for n in (3, 1, 3, 2)]


def test_full_body_is_never_replaced_by_a_summary(store: Store) -> None:
    full = art(1, body=["Isi lengkap satu.", "Isi lengkap dua."], related=[RelatedLink("Baca ini", "https://x.example/1", 1)])
    [aid] = store.upsert_articles([full]).ids
    store.set_read(aid)
    summary = art(1, title="Judul baru dari feed", body=["Ringkasan saja."], full=False, author="Rina", related=[])
    result = store.upsert_articles([summary])
    assert result.ids == [aid] and result.updated == 1
    got = store.get_article(aid)
    assert got.body == ["Isi lengkap satu.", "Isi lengkap dua."]
    assert got.related == [RelatedLink("Baca ini", "https://x.example/1", 1)]
    assert got.full is True
    assert got.title == "Judul baru dari feed" and got.author == "Rina"  # metadata refreshed
    assert store.list_rows()[0].read is True  # read state kept
    assert store.search("ringkasan") == [] and store.search("lengkap")[0].id == aid


def test_summary_is_upgraded_by_a_full_body_and_save_full(store: Store) -> None:
    [aid] = store.upsert_articles([art(1, body=["Ringkasan feed."], full=False)]).ids
    assert store.get_article(aid).full is False
    store.save_full(aid, art(1, body=["Teks lengkap hasil mode baca tentang bendungan Sepaku."],
                             related=[RelatedLink("Judul terkait tanpa tautan", None, 1)]))
    got = store.get_article(aid)
    assert got.full is True and got.body == ["Teks lengkap hasil mode baca tentang bendungan Sepaku."]
    assert got.related[0].url is None
    assert [r.id for r in store.search("bendungan")] == [aid]
    assert store.search("ringkasan") == []
    store.save_full(9999, art(2))  # unknown id: nothing happens
    assert store.count_articles() == 1
    assert store.integrity_check() == "ok"


def test_summary_that_begins_the_body_is_stored_once(store: Store) -> None:
    first = "Otorita menanam seribu bibit ulin di Sepaku pada Senin pagi."
    a, b, c = store.upsert_articles([
        art(1, body=[first, "Paragraf dua."], summary=first[:30]),
        art(2, body=[first], summary='Kutipan "langsung" di awal'),
        art(3, body=["Isi lain."], summary="Ringkasan yang berbeda."),
    ]).ids
    raw = dict((i, (s_, n)) for i, s_, n in store._conn.execute("SELECT id, summary, summary_len FROM articles"))
    assert raw[a] == (None, 30) and raw[b] == ('Kutipan "langsung" di awal', None) and raw[c][1] is None
    assert store.get_article(a).summary == first[:30]
    assert store.get_article(b).summary == 'Kutipan "langsung" di awal'
    # A summary-only refresh keeps the full body and the summary.
    store.upsert_articles([art(1, body=[first[:30]], summary=first[:30], full=False)])
    assert store.get_article(a).summary == first[:30] and store.get_article(a).body[0] == first
    # A new body that does not begin with it: the summary is kept as text.
    store.save_full(a, art(1, body=["Teks baru sama sekali."]))
    assert store.get_article(a).summary == first[:30]
    assert store._conn.execute("SELECT summary_len FROM articles WHERE id = ?", (a,)).fetchone()[0] is None
    # A feed item whose summary is its one paragraph.
    [d] = store.upsert_articles([art(4, body=[first], summary=first, full=False)]).ids
    assert store.get_article(d).summary == first and store.search("seribu")
    assert store.integrity_check() == "ok"


def test_strings_are_sanitised_when_stored(store: Store) -> None:
    hostile = art(
        1,
        title="Judul \x1b[31mmerah\x1b[0m\u202e terbalik\u200b",
        body=["Paragraf\x1b]8;;https://jahat.example\x07 tautan\x1b]8;;\x07 aman.", "\x00\x07", "  spasi\u00a0ganda  "],
        source="[bold]Situs[/bold]\r\n",
        related=[RelatedLink("Baca\x1b[2J juga", "https://x.example/\x1b[1m", 0)],
    )
    [aid] = store.upsert_articles([hostile]).ids
    got = store.get_article(aid)
    assert got.title == "Judul merah terbalik"
    assert got.body == ["Paragraf tautan aman.", "spasi ganda"]
    assert got.source == "[bold]Situs[/bold]"  # kept as text, never markup
    assert got.related == [RelatedLink("Baca juga", "https://x.example/", 0)]
    for text in (got.title, *got.body, got.related[0].title):
        assert "\x1b" not in text and "\u202e" not in text


# -- ordering and windows -------------------------------------------------------------


def test_order_newest_first_undated_by_first_seen(store: Store) -> None:
    old = art(1, published="2020-01-01T00:00:00+07:00")
    new = art(2, published="2025-06-16T20:15:00+07:00")
    naive = art(3, published="2025-06-16T20:15:00")  # taken as WIB: same instant as `new`
    future = art(4, published="2099-01-01T00:00:00+00:00")
    undated = art(5, published=None)
    bad_date = art(6, published="kemarin sore")
    ids = store.upsert_articles([old, new, naive, future, undated, bad_date]).ids
    rows = store.list_rows()
    # Undated ones sort by first-seen time (now): after the future one, before 2025.
    assert [r.id for r in rows] == [ids[3], ids[5], ids[4], ids[2], ids[1], ids[0]]
    assert rows[2].published is None


def test_windowed_list_rows_and_keyset_paging(store: Store) -> None:
    articles = [art(n, published=f"2024-{1 + n % 12:02d}-{1 + n % 28:02d}T{n % 24:02d}:00:00+07:00") for n in range(250)]
    store.upsert_articles(articles)
    everything = store.list_rows(0, 1000)
    assert len(everything) == store.count_articles() == 250
    keys = [(store.get_article(r.id).published, r.id) for r in everything]
    assert keys == sorted(keys, key=lambda k: (k[0], k[1]), reverse=True)
    assert store.list_rows(100, 50) == everything[100:150]
    assert store.list_rows(240, 50) == everything[240:]
    assert store.list_rows(250, 10) == [] and store.list_rows(-5, 2) == everything[:2]
    assert store.list_rows_after(everything[99].id, 50) == everything[100:150]
    assert store.list_rows_after(everything[-1].id, 5) == []
    assert store.list_rows_after(123456, 5) == []
    assert store.index_of(everything[42].id) == 42 and store.index_of(123456) is None
    assert all(r.read is False and r.bookmarked is False for r in everything)


# -- search and similar ----------------------------------------------------------------


def test_search_title_body_prefix_and_rank(store: Store) -> None:
    ids = store.upsert_articles([
        art(1, title="Bendungan Sepaku siap diresmikan", body=["Air baku untuk kawasan inti."]),
        art(2, title="Pasar rakyat Penajam ramai", body=["Pedagang bercerita soal bendungan baru."]),
        art(3, title="Cuaca cerah di Balikpapan", body=["Tidak ada kaitannya."]),
    ]).ids
    found = [r.id for r in store.search("bendungan")]
    assert found == [ids[0], ids[1]]  # the title match ranks first
    assert [r.id for r in store.search("BENDUNG")] == found  # prefix on the last word, any case
    assert [r.id for r in store.search("pedagang bendungan")] == [ids[1]]  # all words
    assert [r.id for r in store.search("kawasan inti")] == [ids[0]]
    assert store.search("bendungan", limit=1)[0].id == ids[0]
    assert store.search("") == [] and store.search("   ") == []


@pytest.mark.parametrize(
    "query",
    ['[bold]', '"', '""', 'AND(', 'a AND', 'OR', 'NOT', '*', '**', 'NEAR(a b)', 'title:bendungan', '{title}:x',
     '-bendungan', '^awal', 'ikn-read', "c++", "Rp10,5", "😀", "\x1b[31m", "'; DROP TABLE articles; --",
     "bendungan\"", 'x" OR "y', "a" * 5000, " ".join(["kata"] * 500), "sepaku*"],
)
def test_search_hostile_queries_never_raise(store: Store, query: str) -> None:
    store.upsert_articles([art(1, title="Bendungan Sepaku", body=['Kata "kunci" [bold] c++ ikn-read Rp10,5.'])])
    rows = store.search(query)
    assert isinstance(rows, list)
    assert store.count_articles() == 1


def test_fts_query_quotes_every_token() -> None:
    assert fts_query('[bold] "AND( x*') == '"bold" "AND" "x"'  # too short to be a prefix
    assert fts_query("ikn-read") == '"ikn" "read"*'
    assert fts_query('kota"') == '"kota"*'
    assert fts_query("  *  ") == ""
    assert fts_query("café", prefix_last=False) == '"café"'


def test_similar_by_title_words_then_category(store: Store) -> None:
    ids = store.upsert_articles([
        art(1, title="Pembangunan bendungan Sepaku dipercepat", category="Infrastruktur"),
        art(2, title="Bendungan Sepaku mulai diisi air", category="Lingkungan"),
        art(3, title="Kontraktor bendungan menambah pekerja", category="Ekonomi"),
        art(4, title="Festival budaya di Samarinda", category="Infrastruktur"),
        art(5, title="Harga cabai naik", category="Ekonomi"),
        art(6, title="Pembangunan bendungan Sepaku dipercepat - Kabar.com", category="Infrastruktur",
            url="https://lain.example/sama"),
    ]).ids
    similar = [r.id for r in store.similar(ids[0], limit=5)]
    assert ids[0] not in similar
    assert ids[5] not in similar  # the same story under another URL is not "berita lain"
    assert similar[0] == ids[1]  # shares "bendungan" and "sepaku"
    assert ids[2] in similar and ids[3] in similar  # a title word; the same category
    assert ids[4] not in similar
    assert len(store.similar(ids[0], limit=1)) == 1
    assert store.similar(424242) == [] and store.similar(ids[0], limit=0) == []


# -- lookups and read state --------------------------------------------------------------


def test_find_by_url_and_title(store: Store) -> None:
    older, newer = store.upsert_articles([
        art(1, title="Otorita IKN umumkan jadwal upacara", published="2024-08-01T10:00:00+08:00"),
        art(2, title="OTORITA IKN UMUMKAN JADWAL UPACARA!", published="2025-08-01T10:00:00+08:00"),
    ]).ids
    assert store.find_by_url("HTTPS://kabar-etam.example/berita/1/?utm_medium=x").id == older
    assert store.find_by_url("https://kabar-etam.example/berita/404") is None
    assert store.find_by_url("") is None
    assert store.find_by_title("Otorita IKN umumkan jadwal upacara - Kabar-Etam.com").id == newer
    assert store.find_by_title("judul lain") is None and store.find_by_title("") is None


def test_read_state(store: Store) -> None:
    a, b = store.upsert_articles([art(1), art(2)]).ids
    store.set_read(a)
    assert {r.id: r.read for r in store.list_rows()} == {a: True, b: False}
    store.set_read(a, False)
    assert not any(r.read for r in store.list_rows())


# -- bookmarks -------------------------------------------------------------------------------


def test_bookmarks_keep_an_offline_copy_after_deletion_and_reopen(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    s = Store(path)
    related = [RelatedLink("Baca juga: jalan tol", "https://kabar-etam.example/tol", 1), RelatedLink("Tanpa tautan", None, 2)]
    a, b = s.upsert_articles([art(1, related=related), art(2)]).ids
    bid = s.add_bookmark(s.get_article(a))
    assert s.add_bookmark(s.get_article(a)) == bid  # idempotent by article id
    assert s.add_bookmark(art(1, url="https://kabar-etam.example/berita/1/")) == bid  # ...and by URL
    assert s.is_bookmarked(a) and not s.is_bookmarked(b)
    assert [r.id for r in s.list_rows() if r.bookmarked] == [a]
    s.set_read(a)
    s.delete_articles([a])
    assert s.get_article(a) is None and not s.is_bookmarked(a)
    s.close()

    s = Store(path)
    [row] = s.bookmark_rows()
    assert row.id < 0 and row.bookmarked and row.title == art(1).title
    copy = s.get_bookmark_article(row.id)
    assert copy is not None and copy.body == art(1).body and copy.related == related
    assert s.get_article(row.id) == copy and s.is_bookmarked(row.id)
    assert [x.title for x in s.list_bookmarks()] == [art(1).title]
    assert isinstance(s.similar(row.id), list)
    # The article comes back with a refresh: the bookmark is linked again.
    [again] = s.upsert_articles([art(1)]).ids
    assert s.is_bookmarked(again) and s.bookmark_rows()[0].id == again
    s.remove_bookmark(again)
    assert s.bookmark_rows() == [] and not s.is_bookmarked(again)
    assert s.integrity_check() == "ok"
    s.close()


def test_bookmark_newest_first_and_removal_by_negative_id(store: Store) -> None:
    unstored = art(9, url="https://elsewhere.example/x")
    first = store.add_bookmark(unstored)  # not in the store: copy only
    [aid] = store.upsert_articles([art(1)]).ids
    store.add_bookmark(store.get_article(aid))
    entries = store.bookmark_entries()
    assert [a.title for _, a in entries] == [art(1).title, art(9).title]
    assert all(saved for saved, _ in entries)
    rows = store.bookmark_rows()
    assert rows[0].id == aid and rows[1].id == -first
    store.remove_bookmark(-first)
    assert [r.id for r in store.bookmark_rows()] == [aid]


def test_bookmark_of_summary_takes_the_full_text_when_known(store: Store) -> None:
    [aid] = store.upsert_articles([art(1, body=["Ringkasan."], full=False)]).ids
    store.add_bookmark(store.get_article(aid))
    store.save_full(aid, art(1, body=["Teks lengkap."]))
    assert store.get_bookmark_article(aid).body == ["Teks lengkap."]
    # A later summary-only copy does not replace the full one.
    store.add_bookmark(art(1, body=["Ringkasan lagi."], full=False))
    assert store.get_bookmark_article(aid).body == ["Teks lengkap."]


def test_export_bookmarks_markdown_and_json(store: Store) -> None:
    related = [RelatedLink("Jalan tol [baru] dibuka", "https://kabar-etam.example/tol", 2), RelatedLink("Judul saja", None, 2)]
    [aid] = store.upsert_articles([art(1, author="Dewi", related=related)]).ids
    store.add_bookmark(store.get_article(aid))
    md = store.export_bookmarks("md")
    assert md.startswith("# Markah ikn-read\n")
    assert "+08:00" not in md and "+00:00" not in md  # every time in WIB, as the reader shows it
    for expected in (f"## {art(1).title}", "Sumber: Kabar Etam", "Tanggal: Minggu, 2 Maret 2025 07:01 WIB",
                     "URL: <https://kabar-etam.example/berita/1>", art(1).body[0], art(1).body[1],
                     "Baca juga", r"1. [Jalan tol \[baru\] dibuka](<https://kabar-etam.example/tol>)", "2. Judul saja"):
        assert expected in md
    data = json.loads(store.export_bookmarks("json"))
    assert len(data) == 1
    assert data[0]["title"] == art(1).title and data[0]["body"] == art(1).body
    assert data[0]["related"][0] == {"title": "Jalan tol [baru] dibuka", "url": "https://kabar-etam.example/tol", "position": 2}
    assert data[0]["saved_at"]
    with pytest.raises(StoreError, match="unknown export format"):
        store.export_bookmarks("pdf")


# -- subscriptions ---------------------------------------------------------------------------


def test_subscriptions_add_update_remove(store: Store) -> None:
    assert store.add_subscription(FEED, "Kabar Etam") is True
    assert store.add_subscription(FEED) is False
    assert store.add_subscription("https://b.example/feed") is True
    assert [s.url for s in store.list_subscriptions()] == [FEED, "https://b.example/feed"]
    sub = store.get_subscription(FEED)
    assert sub == Subscription(FEED, "Kabar Etam")
    sub.etag, sub.last_modified, sub.status, sub.message = '"abc"', "Mon, 16 Jun 2025 13:00:00 GMT", "error", text_problem("HTTP 503\x1b[31m")
    sub.retry_after = "2025-06-16T14:00:00+00:00"
    store.update_subscription(sub)
    got = store.get_subscription(FEED)
    assert (got.etag, got.status, str(got.message), got.retry_after) == ('"abc"', "error", "HTTP 503", sub.retry_after)
    assert store.remove_subscription(FEED) is True and store.remove_subscription(FEED) is False
    store.update_subscription(Subscription("https://not-subscribed.example/"))  # no-op
    assert [s.url for s in store.list_subscriptions()] == ["https://b.example/feed"]
    with pytest.raises(StoreError):
        store.add_subscription("  ")


def test_subscription_rename_moves_articles(store: Store) -> None:
    store.add_subscription(FEED)
    store.upsert_articles([art(1, guid="g1", url=None)], feed_url=FEED)
    moved = "https://kabar-etam.example/feed.xml"
    store.update_subscription(Subscription(moved, status="ok"), old_url=FEED)
    assert [s.url for s in store.list_subscriptions()] == [moved]
    assert store.list_rows() and store.get_article(store.list_rows()[0].id).feed_url == moved
    # The guid still matches under the new feed URL.
    assert store.upsert_articles([art(1, guid="g1", url=None)], feed_url=moved).new == 0
    # Renaming onto an existing subscription merges the two.
    store.add_subscription(FEED)
    store.update_subscription(Subscription(FEED, status="ok"), old_url=moved)
    assert [s.url for s in store.list_subscriptions()] == [FEED]


def test_apply_refresh_is_one_transaction(store: Store) -> None:
    store.add_subscription(FEED)
    sub = store.get_subscription(FEED)
    sub.etag, sub.status = "v1", "ok"
    result = store.apply_refresh(sub, [art(1), art(2)])
    assert result.new == 2 and store.get_subscription(FEED).etag == "v1"
    assert {store.get_article(i).feed_url for i in result.ids} == {FEED}

    class Broken:  # fails half-way through the batch
        title = "x"

        def __getattr__(self, name: str) -> object:
            raise RuntimeError("broken article")

    sub.etag = "v2"
    with pytest.raises(RuntimeError):
        store.apply_refresh(sub, [art(3), Broken()])  # type: ignore[list-item]
    assert store.get_subscription(FEED).etag == "v1"  # rolled back...
    assert store.count_articles() == 2  # ...with the articles
    moved = "https://kabar-etam.example/baru.xml"
    store.apply_refresh(Subscription(moved, etag="v3", status="ok"), [art(3)], old_url=FEED)
    assert store.get_subscription(moved).etag == "v3" and store.get_subscription(FEED) is None


# -- schema versions --------------------------------------------------------------------------


def test_migrates_a_version_1_database_and_keeps_data(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    schema.migrate(conn, target=1)
    assert "retry_after" not in [c[1] for c in conn.execute("PRAGMA table_info(subscriptions)")]
    conn.execute("INSERT INTO subscriptions(url, title, etag, added_at) VALUES (?, 'Lama', 'e1', '2024-01-01')", (FEED,))
    conn.execute(
        "INSERT INTO articles(url, url_key, title, norm_title, sort_ts, first_seen, body) "
        "VALUES ('https://a.example/1', 'https://a.example/1', 'Berita lama', 'berita lama', 1, '2024', '[\"Isi lama.\"]')"
    )
    conn.execute("INSERT INTO articles_fts(articles_fts) VALUES('rebuild')")
    conn.close()

    with Store(path) as s:
        assert s._conn.execute("PRAGMA user_version").fetchone()[0] == schema.LATEST_VERSION
        assert "summary_len" in [c[1] for c in s._conn.execute("PRAGMA table_info(articles)")]
        sub = s.get_subscription(FEED)
        assert (sub.title, sub.etag, sub.retry_after) == ("Lama", "e1", None)
        sub.retry_after = "2030-01-01T00:00:00+00:00"
        s.update_subscription(sub)
        assert s.get_subscription(FEED).retry_after == sub.retry_after
        assert s.find_by_url("https://a.example/1").body == ["Isi lama."]
        assert [r.title for r in s.search("lama")] == ["Berita lama"]


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(StoreError, match="newer ikn-read"):
        Store(path)


# -- damaged, read-only, full, locked ------------------------------------------------------------


def test_corrupt_file_raises_store_error_and_move_aside_keeps_it(tmp_path: Path) -> None:
    path = tmp_path / "ikn-read.sqlite3"
    junk = random.Random(1).randbytes(50_000)
    path.write_bytes(junk)
    with pytest.raises(StoreError) as info:
        Store(path)
    assert info.value.kind == "corrupt"
    assert str(info.value) == f"database is damaged: {path} (run 'ikn-read store recover')"
    moved = Store.move_aside(path)
    assert not path.exists() and moved.read_bytes() == junk
    assert moved.name.startswith("ikn-read.sqlite3.corrupt-")
    assert Store.move_aside(_recreate(path, junk)) != moved  # a second one never overwrites
    with Store(path) as fresh:
        assert fresh.count_articles() == 0


def _recreate(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_damaged_pages_give_store_errors_not_tracebacks(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    with Store(path) as s:
        s.upsert_articles([art(n) for n in range(300)])
    data = bytearray(path.read_bytes())
    page = schema.PAGE_SIZE
    rng = random.Random(2)
    for offset in range(page, len(data), page):  # keep the header page, trash the rest
        data[offset + 8 : offset + 400] = rng.randbytes(392)
    path.write_bytes(bytes(data))
    errors = 0
    try:
        s = Store(path)
    except StoreError as exc:
        assert exc.kind == "corrupt"
        return
    for call in (s.count_articles, lambda: s.list_rows(0, 500), lambda: s.search("ulin"),
                 lambda: s.upsert_articles([art(999)]), s.integrity_check):
        try:
            result = call()
        except StoreError as exc:
            errors += 1
            assert exc.kind == "corrupt", str(exc)
        else:
            if isinstance(result, str):
                errors += result != "ok"
    s.close()
    assert errors > 0


def test_readonly_store_reads_and_refuses_writes(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    with Store(path) as s:
        [aid] = s.upsert_articles([art(1)]).ids
    with Store(path, readonly=True) as ro:
        assert ro.readonly and ro.get_article(aid).title == art(1).title
        assert ro.search("ulin")[0].id == aid
        with pytest.raises(StoreError, match="database is read-only") as info:
            ro.set_read(aid)
        assert info.value.kind == "readonly"
        assert ro.integrity_check() == "ok"


def _open_in_readonly_dir(db: Path, queue: multiprocessing.Queue) -> None:
    """Child process: (as an unprivileged user when run by root) open and use the store."""
    try:
        if os.geteuid() == 0:
            os.setgid(65534)
            os.setuid(65534)
        with Store(db) as s:
            out: list[object] = [s.readonly, s.count_articles(), [r.title for r in s.search("ulin")]]
            try:
                s.set_read(1)
                out.append("wrote")
            except StoreError as exc:
                out.append(str(exc))
    except BaseException as exc:  # noqa: BLE001 - reported to the test
        out = ["error", repr(exc)]
    queue.put(out)


@pytest.mark.skipif(os.name != "posix" or "fork" not in multiprocessing.get_all_start_methods(),
                    reason="needs POSIX permissions and fork")
def test_readonly_data_directory_still_opens_for_reading() -> None:
    base = Path(tempfile.mkdtemp(prefix="ikn-read-ro-"))
    db = base / "data" / "ikn-read.sqlite3"
    try:
        with Store(db) as s:
            s.upsert_articles([art(1)])
        os.chmod(base, 0o755)
        os.chmod(db, 0o444)
        os.chmod(db.parent, 0o555)
        ctx = multiprocessing.get_context("fork")
        queue = ctx.Queue()
        child = ctx.Process(target=_open_in_readonly_dir, args=(db, queue))
        child.start()
        out = queue.get(timeout=60)
        child.join(timeout=60)
        assert out == [True, 1, [art(1).title], f"database is read-only: {db}"]
        assert sorted(os.listdir(db.parent)) == ["ikn-read.sqlite3"]  # nothing created there
    finally:
        os.chmod(db.parent, 0o755)
        shutil.rmtree(base)


def test_disk_full_is_a_one_line_error(store: Store) -> None:
    store.upsert_articles([art(1)])
    conn = store._conn
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")
    big = [art(n, body=["x" * 5000 + f" {n}"] * 20) for n in range(2, 40)]
    with pytest.raises(StoreError) as info:
        store.upsert_articles(big)
    assert info.value.kind == "full" and str(info.value).startswith("disk full while writing")
    assert store.count_articles() == 1  # rolled back


def test_locked_database_is_a_one_line_error(store: Store) -> None:
    other = sqlite3.connect(store.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        store._conn.execute("PRAGMA busy_timeout = 50")
        with pytest.raises(StoreError, match=r"^database is locked by another ikn-read$"):
            store.set_read(1)
        assert store.count_articles() == 0  # reading still works (WAL)
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_worker_threads_share_one_store(store: Store) -> None:
    errors: list[BaseException] = []

    def writer(start: int) -> None:
        try:
            for n in range(start, start + 100, 10):
                store.upsert_articles([art(k) for k in range(n, n + 10)])
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    def reader() -> None:
        try:
            for _ in range(30):
                store.list_rows(0, 50)
                store.search("ulin")
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(k * 100,)) for k in range(3)]
    threads += [threading.Thread(target=reader) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert store.count_articles() == 300
    assert store.integrity_check() == "ok"
