"""Damage to the database is detected, reported and recovered (issue 11, part 2).

Real SQLite files damaged on disk in a seeded way, then the real CLI
(``main(argv)``): every command either works with all rows or says the
database is damaged (and then writes nothing); ``store recover`` returns
every row that can still be read; subscriptions and bookmarks survive the
database file being deleted outright.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
from pathlib import Path

import pytest

from ikn_tui.cli.main import main
from ikn_tui.core import paths
from ikn_tui.core.models import Article
from ikn_tui.core.store import Store
from ikn_tui.core.store.errors import error_kind

ARTICLES, BOOKMARKS, SUBSCRIPTIONS = 2000, 12, 20


def make_store(articles: int = ARTICLES) -> Path:
    paths.ensure_home()
    db = paths.database_path()
    with Store(db) as store:
        store.upsert_articles(
            [Article(title=f"Kabar nomor {n}", url=f"https://kabar.example/{n}", guid=str(n),
                     body=[f"Paragraf berita {n} tentang Nusantara. " * 12], published="2025-06-10T08:30:00+07:00")
             for n in range(articles)],
            feed_url="https://kabar.example/rss",
        )
        for n in range(BOOKMARKS):
            article = store.get_article(n * 7 + 1)
            assert article is not None
            store.add_bookmark(article)
        for n in range(SUBSCRIPTIONS):
            store.add_subscription(f"https://feed{n}.example/rss", f"Feed {n}")
    return db


def damage(db: Path, seed: int, hits: int = 1, size: int = 64) -> None:
    """``hits`` runs of ``size`` random bytes at random places after the first page."""
    for side in ("-wal", "-shm"):
        db.with_name(db.name + side).unlink(missing_ok=True)
    data = bytearray(db.read_bytes())
    rng = random.Random(seed)
    for _ in range(hits):
        offset = rng.randrange(32768, len(data) - size)
        data[offset : offset + size] = rng.randbytes(size)
    db.write_bytes(bytes(data))


def readable_article_ids(db: Path) -> set[int]:
    """The oracle: every article row that can be read by itself from the damaged file."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    conn.text_factory = lambda raw: raw.decode("utf-8", "replace")
    ids = set()
    for rowid in range(1, ARTICLES + 1):
        try:
            if conn.execute("SELECT id, title, body FROM articles WHERE rowid = ?", (rowid,)).fetchone():
                ids.add(rowid)
        except sqlite3.DatabaseError:
            continue
    conn.close()
    return ids


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def reports_damage(err: str) -> bool:
    return "damaged" in err and "ikn-read store recover" in err


@pytest.mark.parametrize("seed", range(6))
def test_every_command_works_with_all_rows_or_reports_damage(seed: int, capsys: pytest.CaptureFixture[str]) -> None:
    db = make_store()
    damage(db, seed, hits=2)
    code, out, err = run(["list", "--json", "--limit", "5000"], capsys)
    damaged = reports_damage(err)
    assert "Traceback" not in err
    if not damaged:
        assert code == 0 and len(json.loads(out)) == ARTICLES, err
    for argv in (["bookmarks", "list", "--json"], ["feeds", "list", "--json"]):
        code, out, err = run(argv, capsys)
        assert "Traceback" not in err
        if reports_damage(err):
            damaged = True
        else:
            assert code == 0
            assert len(json.loads(out)) == (BOOKMARKS if argv[0] == "bookmarks" else SUBSCRIPTIONS)
    code, out, err = run(["store", "check"], capsys)
    assert (code == 1) == reports_damage(err)
    if code == 1:
        damaged = True
    code, out, err = run(["feeds", "add", "https://baru.example/rss"], capsys)
    if damaged:  # writes stop on a damaged file
        assert code == 1 and reports_damage(err), (out, err)
        assert run(["refresh"], capsys)[0] == 1
    else:
        assert code == 0


@pytest.mark.parametrize("seed", range(4))
def test_recover_returns_every_readable_row(seed: int, capsys: pytest.CaptureFixture[str]) -> None:
    db = make_store()
    damage(db, seed + 100, hits=3, size=200)
    readable = readable_article_ids(db)
    code, out, err = run(["store", "recover"], capsys)
    assert code == 0, err
    with Store(db) as store:
        conn = store._conn
        assert conn is not None
        recovered = {row[0] for row in conn.execute("SELECT id FROM articles")}
        assert readable <= recovered
        assert len(store.list_bookmarks()) == BOOKMARKS  # kept outside the file: never lost
        assert len(store.list_subscriptions()) == SUBSCRIPTIONS
        assert store.full_check() is None
        assert store.search("Nusantara")  # the search index was rebuilt
    first = out.splitlines()[0]
    assert first == (f"recovered {len(recovered):,} of {ARTICLES:,} articles, "
                     f"{BOOKMARKS} of {BOOKMARKS} bookmarks, {SUBSCRIPTIONS} of {SUBSCRIPTIONS} subscriptions")
    kept = [p for p in db.parent.iterdir()
            if p.name.startswith(db.name + ".damaged-") and not p.name.endswith(("-wal", "-shm"))]
    assert kept and out.splitlines()[-1].strip() == str(kept[0])
    assert run(["feeds", "add", "https://baru.example/rss"], capsys)[0] == 0  # writes again


def damage_index(db: Path) -> None:
    """64 random bytes in the first page of the index the list is read through."""
    conn = sqlite3.connect(db)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'articles_order'").fetchone()[0]
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(db.read_bytes())
    start = (root - 1) * page_size
    data[start + 200 : start + 264] = random.Random(7).randbytes(64)
    db.write_bytes(bytes(data))


def test_a_damaged_index_that_hides_rows_is_detected(capsys: pytest.CaptureFixture[str]) -> None:
    """The silent case: rows missing from an index (a list would show fewer and say nothing)."""
    db = make_store()
    damage_index(db)
    _, out, err = run(["list", "--json", "--limit", "5000"], capsys)
    assert reports_damage(err) or len(json.loads(out)) == ARTICLES
    assert run(["store", "check"], capsys)[0] == 1


def test_text_that_is_not_utf8_counts_as_damage(capsys: pytest.CaptureFixture[str]) -> None:
    db = make_store(articles=100)
    conn = sqlite3.connect(db)
    conn.execute("UPDATE articles SET title = CAST(X'4B61C3FF62' AS TEXT) WHERE id = 3")
    conn.commit()
    conn.close()
    try:
        conn2 = sqlite3.connect(db)
        conn2.execute("SELECT title FROM articles WHERE id = 3").fetchone()
    except sqlite3.OperationalError as exc:
        assert error_kind(exc) == "corrupt"
    code, out, err = run(["list", "--json"], capsys)
    assert code == 1 and reports_damage(err) and "Could not decode" not in err
    assert run(["feeds", "add", "https://baru.example/rss"], capsys)[0] == 1  # writes stopped
    code, out, err = run(["store", "recover"], capsys)
    assert code == 0 and out.startswith("recovered 100 of 100 articles"), out
    with Store(db) as store:
        article = store.get_article(3)
        assert article is not None and article.title == "Ka\ufffd\ufffdb"


def test_subscriptions_and_bookmarks_survive_deleting_the_database(capsys: pytest.CaptureFixture[str]) -> None:
    db = make_store(articles=100)
    run(["feeds", "remove", "https://feed0.example/rss"], capsys)
    for side in ("", "-wal", "-shm"):
        db.with_name(db.name + side).unlink(missing_ok=True)
    code, out, err = run(["bookmarks", "list", "--json"], capsys)
    assert code == 0 and len(json.loads(out)) == BOOKMARKS, err
    code, out, err = run(["feeds", "list", "--json"], capsys)
    urls = [s["url"] for s in json.loads(out)]
    assert len(urls) == SUBSCRIPTIONS - 1 and "https://feed0.example/rss" not in urls
    # The copies follow every change: a bookmark removed stays removed after the next loss.
    with Store(db) as store:
        store.remove_bookmark(store.bookmark_rows()[0].id)
    db.unlink()
    with Store(db) as store:
        assert len(store.list_bookmarks()) == BOOKMARKS - 1


def test_recover_with_the_file_gone_restores_the_kept_data(capsys: pytest.CaptureFixture[str]) -> None:
    db = make_store(articles=100)
    db.unlink()
    code, out, _ = run(["store", "recover"], capsys)
    assert code == 0 and f"{BOOKMARKS:,} bookmarks and {SUBSCRIPTIONS:,} subscriptions" in out


def test_backup_and_restore(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = make_store(articles=100)
    target = tmp_path / "cadangan.sqlite3"
    code, out, err = run(["store", "backup", str(target)], capsys)
    assert code == 0 and out.splitlines()[-1].strip() == str(target)
    run(["feeds", "add", "https://setelah.example/rss"], capsys)
    code, out, err = run(["store", "restore", str(target)], capsys)
    assert code == 0, err
    assert out.startswith(f"restored 100 articles, {BOOKMARKS} bookmarks, {SUBSCRIPTIONS} subscriptions")
    with Store(db) as store:
        assert "https://setelah.example/rss" not in {s.url for s in store.list_subscriptions()}
    aside = Path(out.splitlines()[-1].strip())
    assert aside.exists() and aside.name.startswith(db.name + ".before-restore-")
    bad = tmp_path / "bukan.sqlite3"
    bad.write_bytes(b"bukan basis data" * 100)
    code, out, err = run(["store", "restore", str(bad)], capsys)
    assert code == 1 and "not an ikn-read database" in err and err.splitlines()[-1].strip() == str(bad)


def test_a_long_path_is_never_cut(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path
    while len(str(home)) < 410:  # SQLite itself stops at 512
        home = home / "folder-dengan-nama-yang-cukup-panjang"
    monkeypatch.setenv("IKN_READ_HOME", str(home))
    assert len(str(home)) > 400
    db = make_store(articles=100)
    data = bytearray(db.read_bytes())
    data[:100] = b"Bukan basis data SQLite. " * 4
    db.write_bytes(bytes(data))
    code, _, err = run(["list"], capsys)
    assert code == 1
    assert err.splitlines()[-1].strip() == str(db)


def test_the_reader_says_damage_in_one_line() -> None:
    import asyncio

    from ikn_tui.ui.app import IknReadApp

    db = make_store(articles=100)
    damage_index(db)

    async def run_app() -> list[str]:
        app = IknReadApp(offline=True)
        async with app.run_test(size=(100, 30)) as pilot:
            for _ in range(10):
                await pilot.pause()
            return [str(n.message) for n in app._notifications]

    notes = asyncio.run(run_app())
    assert any("rusak" in note and "ikn-read store recover" in note for note in notes), notes


def test_error_kind_knows_undecodable_text() -> None:
    error = sqlite3.OperationalError("Could not decode to UTF-8 column 'title' with text 'Ka\ufffd'")
    assert error_kind(error) == "corrupt"
    assert os.sep  # (the message above is what Python's sqlite3 module raises)


def test_a_clean_close_skips_the_next_check_until_the_file_changes(capsys: pytest.CaptureFixture[str]) -> None:
    """The check is skipped only for a file checked whole, closed cleanly and not
    touched since: damage written afterwards changes it and is found at the next start."""
    from ikn_tui.core.store.health import read_health, unchanged_since_clean_close

    db = make_store(articles=100)
    Store.open_default().close()  # checked whole, then closed cleanly
    assert unchanged_since_clean_close(db)
    with Store.open_default() as store:
        assert store.damaged is None
    damage_index(db)
    assert not unchanged_since_clean_close(db)
    _, _, err = run(["list", "--json", "--limit", "5000"], capsys)
    assert reports_damage(err)
    assert read_health(db)["damaged"] is not None and read_health(db)["closed"] is None


def test_recover_reads_past_a_damaged_file_header(capsys: pytest.CaptureFixture[str]) -> None:
    """The first 100 bytes overwritten ("file is not a database"): recovery
    writes a new header on a copy and reads every row behind it."""
    db = make_store(articles=300)
    data = bytearray(db.read_bytes())
    data[:100] = b"Bukan basis data SQLite. " * 4
    db.write_bytes(bytes(data))
    code, _, err = run(["list"], capsys)
    assert code == 1 and reports_damage(err)
    code, out, err = run(["store", "recover"], capsys)
    assert code == 0, err
    assert out.splitlines()[0] == (f"recovered 300 of 300 articles, {BOOKMARKS} of {BOOKMARKS} bookmarks, "
                                   f"{SUBSCRIPTIONS} of {SUBSCRIPTIONS} subscriptions")
    assert not [p for p in db.parent.iterdir() if "reheadered" in p.name]


def test_an_imported_opml_is_kept_outside_the_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A feed import writes the kept copy once, at the end, and it holds every feed."""
    outlines = "".join(f'<outline type="rss" text="Kabar {n}" xmlUrl="https://kabar{n}.example/rss"/>' for n in range(50))
    opml = tmp_path / "langganan.opml"
    opml.write_text(f'<opml version="2.0"><body>{outlines}</body></opml>', encoding="utf-8")
    assert run(["feeds", "import", str(opml)], capsys)[0] == 0
    db = paths.database_path()
    for side in ("", "-wal", "-shm"):
        db.with_name(db.name + side).unlink(missing_ok=True)
    code, out, _ = run(["feeds", "list", "--json"], capsys)
    feeds = json.loads(out)
    assert code == 0 and len(feeds) == 50 and feeds[7]["title"] == "Kabar 7"


def test_recover_keeps_the_changes_waiting_for_the_feed_server(capsys: pytest.CaptureFixture[str]) -> None:
    """Sync bookkeeping (issue 13) survives a recovery: a read mark not pushed yet is not lost."""
    db = make_store(articles=300)
    with Store(db) as store:
        store.set_sync_account('{"kind": "fever", "url": "http://127.0.0.1/fever/", "user": "u"}')
        store.set_read(5, True)
        assert [(c.item_key, c.field, c.value) for c in store.pending_changes()] == [
            ("https://kabar.example/4", "read", True)]
    data = bytearray(db.read_bytes())
    data[:100] = b"Bukan basis data SQLite. " * 4
    db.write_bytes(bytes(data))
    code, _, err = run(["store", "recover"], capsys)
    assert code == 0, err
    with Store(db) as store:
        assert store.sync_account() is not None
        assert [(c.item_key, c.field, c.value) for c in store.pending_changes()] == [
            ("https://kabar.example/4", "read", True)]


def test_the_reader_checks_the_store_off_the_ui_thread() -> None:
    """The start check runs in a worker on a connection of its own: damage is still
    found and said, and the check never runs on the UI thread."""
    import asyncio
    import threading

    from ikn_tui.core.store import Store
    from ikn_tui.ui.app import IknReadApp

    db = make_store(articles=100)
    damage_index(db)
    threads: list[str] = []
    original = Store.check_health_aside

    def spy(self: Store, full: bool | None = None) -> str | None:
        threads.append(threading.current_thread().name)
        return original(self, full)

    async def run_app() -> list[str]:
        app = IknReadApp(offline=True)
        async with app.run_test(size=(100, 30)) as pilot:
            for _ in range(10):
                await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            return [str(n.message) for n in app._notifications]

    Store.check_health_aside = spy  # type: ignore[method-assign]
    try:
        notes = asyncio.run(run_app())
    finally:
        Store.check_health_aside = original  # type: ignore[method-assign]
    assert threads and threads[0] != threading.main_thread().name
    assert any("rusak" in note and "ikn-read store recover" in note for note in notes), notes
