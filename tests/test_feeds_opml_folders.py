"""OPML folders: ``feeds import`` keeps them, ``feeds export`` writes them back,
the feeds view groups the feeds under them; the v7 migration adds the column."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from ui_helpers import seed_store, settle

from ikn_tui.core import paths
from ikn_tui.core.feeds.opml import export_opml, parse_opml, parse_opml_folders
from ikn_tui.core.store import Store, schema
from ikn_tui.ui.app import IknReadApp
from ikn_tui.ui.widgets.feed_list import FeedList

OPML = Path(__file__).resolve().parent / "fixtures" / "opml" / "langganan.opml"


def test_folders_are_read_from_the_enclosing_outline() -> None:
    feeds = {url: folder for url, _, folder in parse_opml_folders(OPML.read_bytes())}
    assert feeds["https://wartabenua.id/feed/"] is None
    assert feeds["https://kabarsepaku.example/rss.xml"] == "Daerah"
    assert feeds["http://suaramahakam.example/atom"] == "Nested"  # the nearest folder
    assert [(u, t) for u, t, _ in parse_opml_folders(OPML.read_bytes())] == parse_opml(OPML.read_bytes())


def test_export_writes_folders_back_and_reads_the_same() -> None:
    feeds = [("https://a.example/rss", "A", None), ("https://b.example/rss", "B", "Daerah"),
             ("https://c.example/rss", None, "Daerah"), ("https://d.example/rss", "D", "Nasional")]
    text = export_opml(feeds)
    assert text.count('text="Daerah"') == 1
    assert parse_opml_folders(text.encode()) == feeds
    assert parse_opml_folders(export_opml([(u, t) for u, t, _ in feeds]).encode()) == [
        (u, t, None) for u, t, _ in feeds
    ]


def test_import_then_export_keeps_folders_as_real_processes(tmp_path: Path) -> None:
    env = dict(os.environ)
    done = subprocess.run([sys.executable, "-m", "ikn_tui", "feeds", "import", str(OPML)],
                          capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    exported = subprocess.run([sys.executable, "-m", "ikn_tui", "feeds", "export"],
                              capture_output=True, text=True, env=env)
    assert exported.returncode == 0
    again = {url: folder for url, _, folder in parse_opml_folders(exported.stdout.encode())}
    assert again["https://kabarsepaku.example/rss.xml"] == "Daerah"
    assert again["http://suaramahakam.example/atom"] == "Nested"
    assert again["https://wartabenua.id/feed/"] is None


def test_migration_to_v7_adds_the_folder_column(tmp_path: Path) -> None:
    path = tmp_path / "lama.sqlite3"
    conn = sqlite3.connect(path)
    for step in schema.MIGRATIONS[:4]:
        conn.executescript(step)
    conn.execute("PRAGMA user_version = 4")
    conn.execute("INSERT INTO subscriptions(url, title, added_at) VALUES ('https://lama.example/rss', 'Lama', 'x')")
    conn.commit()
    conn.close()
    with Store(path) as store:
        [old] = store.list_subscriptions()
        assert (old.url, old.title, old.folder) == ("https://lama.example/rss", "Lama", None)
        assert store.add_subscription("https://lama.example/rss", None, "Daerah") is False
        assert store.list_subscriptions()[0].folder == "Daerah"  # an existing feed gets its folder once


async def test_the_feeds_view_groups_feeds_under_their_folder() -> None:
    seed_store(2).close()
    with Store(paths.database_path()) as store:
        for url, title, folder in parse_opml_folders(OPML.read_bytes()):
            store.add_subscription(url, title, folder)
    app = IknReadApp(offline=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("F")
        feed_list = app.screen.query_one(FeedList)
        prompts = [str(feed_list.get_option_at_index(i).prompt).split("\n")[0] for i in range(feed_list.option_count)]
        assert prompts.index("▾ Daerah") < prompts.index("Kabar Sepaku & Sekitarnya")
        assert prompts.index("▾ Nested") < prompts.index("Suara Mahakam")
        assert prompts.index("Warta Benua") < prompts.index("▾ Daerah")
        first = feed_list.highlighted_row
        assert first is not None and first.name == "Warta Benua"
        while feed_list.highlighted_row is not None and feed_list.highlighted_row.name != "Suara Mahakam":
            await pilot.press("j")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.view == "feed"  # type: ignore[attr-defined]
        assert app.screen.query_one("#list-pane").border_title == "Suara Mahakam"


def test_the_kept_copy_of_the_subscriptions_keeps_the_folder(tmp_path: Path) -> None:
    path = tmp_path / "ikn-read.sqlite3"
    with Store(path) as store:
        store.add_subscription("https://a.example/rss", "A", "Daerah")
    for leftover in tmp_path.glob("ikn-read.sqlite3*"):
        leftover.unlink()  # the database is lost; the kept copy beside it is not
    with Store(path) as store:
        assert [(s.url, s.title, s.folder) for s in store.list_subscriptions()] == [
            ("https://a.example/rss", "A", "Daerah")
        ]
