"""9. Storage: two processes at once, SIGKILL mid-write, a full disk, a
read-only data dir, a corrupt database, an older schema. Nothing saved is lost."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from corpus import feed_with
from probes import raw_insert
from ui_helpers import seed_store, settle

from ikn_tui.cli.main import main as cli
from ikn_tui.core import paths
from ikn_tui.core.models import Article
from ikn_tui.core.store.database import Store, StoreError
from ikn_tui.core.store.schema import LATEST_VERSION, migrate
from ikn_tui.ui.app import IknReadApp

SRC = str(Path(__file__).resolve().parents[2] / "src")


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = SRC + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _python(code: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code), *args], env=_env(), text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _bookmark(n: int, size: int = 200) -> Article:
    return Article(title=f"Markah nomor {n}", url=f"https://kabar.contoh.example/markah/{n}", source="Contoh",
                   published="2025-06-01T10:00:00+07:00", body=[f"Isi markah {n}. " * size])


def _with_bookmarks(count: int, size: int = 200) -> None:
    with Store(paths.database_path()) as store:
        for n in range(count):
            store.add_bookmark(_bookmark(n, size))


# --------------------------------------------------------------------------- two instances


@pytest.mark.timeout(60)
def test_two_processes_refresh_and_bookmark_at_once(http_server: Any) -> None:
    http_server.route("rss", feed_with(300), content_type="application/rss+xml")
    Store(paths.database_path()).close()
    refresher = _python("""
        import asyncio, sys
        from ikn_tui.core import paths
        from ikn_tui.core.fetch.client import Fetcher, NetConfig
        from ikn_tui.core.refresh import refresh_all
        from ikn_tui.core.store.database import Store
        store = Store(paths.database_path())
        for n in range(8):
            store.add_subscription(sys.argv[1] + "?n=" + str(n))
        async def go():
            async with Fetcher(NetConfig(deadline=10)) as fetcher:
                for _ in range(3):
                    summary = await refresh_all(store, fetcher)
                    assert summary.failed == 0, summary.messages
        asyncio.run(go())
        store.close()
        print("refreshed")
    """, http_server.url("rss"))
    bookmarker = _python("""
        from ikn_tui.core import paths
        from ikn_tui.core.models import Article
        from ikn_tui.core.store.database import Store
        store = Store(paths.database_path())
        for n in range(150):
            store.add_bookmark(Article(title=f"Markah {n}", url=f"https://kabar.contoh.example/m/{n}", body=["isi"]))
            store.list_rows(0, 50)
        store.close()
        print("bookmarked")
    """)
    out_r, err_r = refresher.communicate(timeout=50)
    out_b, err_b = bookmarker.communicate(timeout=50)
    assert refresher.returncode == 0 and "refreshed" in out_r, err_r
    assert bookmarker.returncode == 0 and "bookmarked" in out_b, err_b
    with Store(paths.database_path()) as store:
        assert len(store.list_bookmarks()) == 150
        assert store.count_articles() >= 300
        assert store.integrity_check() == "ok"


# --------------------------------------------------------------------------- SIGKILL


def _kill_points() -> Iterator[float]:
    yield from (0.2, 0.5, 0.9, 1.5)


@pytest.mark.timeout(60)
def test_sigkill_during_refresh_loses_nothing(http_server: Any) -> None:
    http_server.route("rss", feed_with(4000), content_type="application/rss+xml")
    _with_bookmarks(5, size=5)
    with Store(paths.database_path()) as store:
        store.add_subscription(http_server.url("rss"))
        before = store.count_articles()
    for delay in _kill_points():
        proc = subprocess.Popen([sys.executable, "-m", "ikn_tui", "refresh"], env=_env(),
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        with Store(paths.database_path()) as store:
            assert store.integrity_check() == "ok"
            assert len(store.list_bookmarks()) == 5
            # A feed's articles land in one transaction, or not at all.
            assert store.count_articles() in (before, before + 4000)
            if store.count_articles() > before:
                store.delete_articles([r.id for r in store.list_rows(0, 10_000)])


@pytest.mark.timeout(90)
def test_sigkill_during_bookmark_export_leaves_old_or_new(tmp_path: Path) -> None:
    _with_bookmarks(400, size=300)  # a few MB of JSON
    target = tmp_path / "markah.json"
    target.write_text('{"lama": true}', encoding="utf-8")
    old = target.read_bytes()
    outcomes = set()
    for delay in _kill_points():
        proc = subprocess.Popen([sys.executable, "-m", "ikn_tui", "bookmarks", "export", "--format", "json",
                                 "-o", str(target)], env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        data = target.read_bytes()
        if data == old:
            outcomes.add("old")
            continue
        exported = json.loads(data)  # never truncated: a complete document
        assert len(exported) == 400
        outcomes.add("new")
        target.write_bytes(old)
    assert outcomes  # each run left old or new; which one depends on the timing


# --------------------------------------------------------------------------- full disk, read-only dir


def _mount_tmpfs(where: Path, size: str) -> None:
    where.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()[:100]}")


@pytest.fixture
def small_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """IKN_READ_HOME on an 8 MB tmpfs (needs root; skipped otherwise)."""
    if os.geteuid() != 0:
        pytest.skip("needs root to mount a tmpfs")
    mount = tmp_path / "kecil"
    _mount_tmpfs(mount, "8m")
    monkeypatch.setenv("IKN_READ_HOME", str(mount / "ikn-read"))
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def _fill(path: Path) -> None:
    """Fill the disk to the last byte."""
    try:
        with open(path, "wb") as handle:
            while True:
                handle.write(b"\0" * 4096)
                handle.flush()
    except OSError:
        pass


@pytest.mark.timeout(30)
def test_full_disk_gives_one_line_and_reading_still_works(small_disk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed_store(5).close()
    _with_bookmarks(2, size=5)
    cli(["bookmarks", "export", "-o", str(small_disk / "markah.md")])
    old_export = (small_disk / "markah.md").read_bytes()
    capsys.readouterr()
    with Store(paths.database_path()) as store:  # the reader is running when the disk fills up
        _fill(small_disk / "pengisi")
        with pytest.raises(StoreError) as caught:
            for n in range(50):
                store.upsert_articles([_bookmark(1000 + n, size=2000)])
        assert caught.value.kind == "full" and "\n" not in str(caught.value)
        assert "disk full" in str(caught.value)
        assert len(store.list_rows(0, 100)) == 5  # reading still works, nothing half-written
        assert len(store.list_bookmarks()) == 2
        assert cli(["list"]) == 0  # a second process can read too
        out, _ = capsys.readouterr()
        assert "Kabar contoh nomor" in out
        code = cli(["bookmarks", "export", "-o", str(small_disk / "markah.md")])
        out, err = capsys.readouterr()
        assert code == 1 and len(err.strip().splitlines()) == 1 and "space" in err.lower()
        assert (small_disk / "markah.md").read_bytes() == old_export  # the old export is untouched
        assert len(list(small_disk.glob(".markah.md.*"))) == 0  # no temp file left behind


@pytest.mark.timeout(30)
def test_starting_on_a_full_disk_can_still_read(small_disk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed_store(5).close()
    _fill(small_disk / "pengisi")
    code = cli(["list"])
    out, err = capsys.readouterr()
    assert len(err.strip().splitlines()) <= 1
    assert code == 0 and "Kabar contoh nomor" in out


@pytest.mark.timeout(30)
async def test_read_only_data_dir(small_disk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed_store(5).close()
    _with_bookmarks(2, size=5)
    remount = subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], capture_output=True, text=True)
    if remount.returncode != 0:
        pytest.skip("cannot remount read-only")
    with Store(paths.database_path()) as store:
        assert store.readonly
        assert len(store.list_rows(0, 100)) == 5
        with pytest.raises(StoreError) as caught:
            store.add_subscription("https://kabar.contoh.example/rss")
        assert caught.value.kind == "readonly" and "\n" not in str(caught.value)
    assert cli(["list"]) == 0
    assert "Kabar contoh nomor" in capsys.readouterr().out
    assert cli(["feeds", "add", "https://kabar.contoh.example/rss"]) == 1
    _out, err = capsys.readouterr()
    assert len(err.strip().splitlines()) == 1 and "read-only" in err
    app = IknReadApp(offline=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("b")
        await pilot.pause()
        assert app.is_running and app.screen.article is not None
        assert any("read-only" in str(n.message) for n in app._notifications), [str(n.message) for n in app._notifications]


# --------------------------------------------------------------------------- corrupt database


def _corrupt(db: Path) -> bytes:
    data = bytearray(db.read_bytes())
    data[:100] = b"Bukan basis data SQLite. " * 4
    db.write_bytes(bytes(data))
    return bytes(data)


def test_corrupt_database_cli_names_the_file_and_keeps_it(capsys: pytest.CaptureFixture[str]) -> None:
    seed_store(3).close()
    _with_bookmarks(2, size=5)
    db = paths.database_path()
    for side in (db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        side.unlink(missing_ok=True)
    damaged = _corrupt(db)
    for argv in (["list"], ["bookmarks", "list"], ["feeds", "list"]):
        code = cli(argv)
        out, err = capsys.readouterr()
        assert code == 1 and out == ""
        # One line of advice, then the file on a line of its own (a long path is never cut).
        [advice, file_line] = err.strip().splitlines()
        assert "damaged" in advice and "ikn-read store recover" in advice
        assert file_line.strip() == str(db)
    assert db.read_bytes() == damaged  # never deleted or rewritten


@pytest.mark.timeout(20)
async def test_corrupt_database_tui_offers_to_move_it_aside() -> None:
    seed_store(3).close()
    _with_bookmarks(2, size=5)
    db = paths.database_path()
    damaged = _corrupt(db)
    app = IknReadApp(offline=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert type(app.screen).__name__ == "CorruptDatabaseScreen"
        text = app.screen.query_one("#corrupt-text").render().plain
        assert str(db) in text and "rusak" in text
        await pilot.press("m")
        await settle(pilot)
        assert type(app.screen).__name__ == "WelcomeScreen"  # a fresh, empty database
        assert app.is_running
    moved = [p for p in db.parent.iterdir() if p.name.startswith(db.name + ".corrupt-")]
    assert len(moved) == 1 and moved[0].read_bytes()[:100] == damaged[:100]  # bookmarks kept in the old file
    with Store(db) as store:
        assert store.count_articles() == 0


@pytest.mark.timeout(20)
async def test_corrupt_database_tui_quit_keeps_the_file() -> None:
    seed_store(3).close()
    db = paths.database_path()
    damaged = _corrupt(db)
    app = IknReadApp(offline=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert db.read_bytes() == damaged


# --------------------------------------------------------------------------- schema migration


def test_migration_from_v1_keeps_articles_and_subscriptions() -> None:
    """A file an older ikn-read wrote (schema v1) opens, migrates, and keeps its rows."""
    db = paths.database_path()
    db.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(db, isolation_level=None)
    migrate(conn, target=1)
    assert "retry_after" not in [row[1] for row in conn.execute("PRAGMA table_info(subscriptions)")]
    conn.execute("INSERT INTO subscriptions(url, title, added_at) VALUES (?, ?, ?)",
                 ("https://kabar.contoh.example/rss", "Kabar", "2025-01-01T00:00:00+00:00"))
    conn.close()
    raw_insert(db, "Kabar lama dari v1", body=["Isi lama."], url="https://kabar.contoh.example/lama")
    with Store(db) as store:
        assert [s.url for s in store.list_subscriptions()] == ["https://kabar.contoh.example/rss"]
        assert [r.title for r in store.list_rows(0, 10)] == ["Kabar lama dari v1"]
        store.add_bookmark(store.find_by_url("https://kabar.contoh.example/lama"))  # type: ignore[arg-type]
        assert len(store.list_bookmarks()) == 1
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    conn.close()


def test_a_newer_schema_is_refused_clearly(capsys: pytest.CaptureFixture[str]) -> None:
    seed_store(1).close()
    db = paths.database_path()
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 5}")
    conn.commit()
    conn.close()
    assert cli(["list"]) == 1
    [line] = capsys.readouterr().err.strip().splitlines()
    assert "newer" in line and str(db) in line
