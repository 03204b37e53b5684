"""Two ikn-read PROCESSES on one database: one refreshes (inserts 2,000
articles in batches) while the other bookmarks, marks read and lists."""

from __future__ import annotations

import multiprocessing
import sqlite3
import traceback
from pathlib import Path

from ikn_tui.core.models import Article
from ikn_tui.core.store.database import Store

WRITER_COUNT = 2000
BATCH = 100
READER_BOOKMARKS = 60


def _article(n: int, prefix: str = "refresh") -> Article:
    return Article(
        title=f"Kabar {prefix} nomor {n} dari Penajam",
        url=f"https://kabar-etam.example/{prefix}/{n}",
        source="Kabar Etam",
        published=f"2025-05-{1 + n % 28:02d}T{n % 24:02d}:{n % 60:02d}:00+08:00",
        category="Daerah",
        body=[f"Isi berita {prefix} {n} tentang jalan poros Samarinda.", "Paragraf kedua."],
        guid=f"{prefix}-{n}",
    )


def _writer(path: str, start: multiprocessing.synchronize.Event, errors: multiprocessing.Queue) -> None:
    try:
        start.wait(30)
        with Store(path) as store:
            for first in range(0, WRITER_COUNT, BATCH):
                batch = [_article(n) for n in range(first, first + BATCH)]
                result = store.upsert_articles(batch, feed_url="https://kabar-etam.example/rss")
                assert result.new == BATCH, result
    except BaseException:  # noqa: BLE001 - reported to the parent
        errors.put("writer: " + traceback.format_exc())


def _reader(path: str, start: multiprocessing.synchronize.Event, errors: multiprocessing.Queue) -> None:
    try:
        start.wait(30)
        with Store(path) as store:
            for n in range(READER_BOOKMARKS):
                # Bookmark an article of its own (and any the writer has stored by now).
                [own] = store.upsert_articles([_article(n, "sendiri")]).ids
                store.add_bookmark(store.get_article(own))
                rows = store.list_rows(0, 20)
                if rows:
                    store.add_bookmark(store.get_article(rows[-1].id))
                    store.set_read(rows[0].id)
                store.search("penajam")
                store.count_articles()
    except BaseException:  # noqa: BLE001
        errors.put("reader: " + traceback.format_exc())


def test_two_processes_write_and_read_at_once(tmp_path: Path) -> None:
    path = tmp_path / "ikn-read.sqlite3"
    Store(path).close()  # create the schema first, as the app does on start
    ctx = multiprocessing.get_context("spawn")
    start = ctx.Event()
    errors = ctx.Queue()
    procs = [ctx.Process(target=_writer, args=(str(path), start, errors)),
             ctx.Process(target=_reader, args=(str(path), start, errors))]
    for p in procs:
        p.start()
    start.set()
    for p in procs:
        p.join(timeout=100)
    problems = []
    while not errors.empty():
        problems.append(errors.get())
    assert problems == []
    assert [p.exitcode for p in procs] == [0, 0]

    with Store(path) as store:
        assert store.count_articles() == WRITER_COUNT + READER_BOOKMARKS
        for n in (0, 999, WRITER_COUNT - 1):
            assert store.find_by_url(f"https://kabar-etam.example/refresh/{n}") is not None
        bookmarks = store.bookmark_rows()
        own = {r.url for r in bookmarks if "/sendiri/" in (r.url or "")}
        assert own == {f"https://kabar-etam.example/sendiri/{n}" for n in range(READER_BOOKMARKS)}
        assert all(store.is_bookmarked(r.id) for r in bookmarks)
        assert len(store.search("penajam", limit=5000)) == WRITER_COUNT + READER_BOOKMARKS
        assert store.integrity_check() == "ok"
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
