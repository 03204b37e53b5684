"""config.toml in the reader: the settings it uses ([refresh], [store], browser) and
a theme change that keeps the user's comments."""

from __future__ import annotations

import asyncio
import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

from ui_helpers import seed_store, settle

from ikn_tui.core import paths
from ikn_tui.core.store import Store
from ikn_tui.ui.app import IknReadApp
from ikn_tui.ui.screens.main import MainScreen

SIZE = (120, 36)


def write_config(text: str) -> None:
    paths.config_path().parent.mkdir(parents=True, exist_ok=True)
    paths.config_path().write_text(text, encoding="utf-8")


def warnings(app: IknReadApp) -> list[str]:
    return [str(n.message) for n in app._notifications if n.severity == "warning"]


async def test_refresh_on_start_false_waits_for_r(news_site: Any) -> None:
    write_config("[refresh]\non_start = false\n")
    with Store(paths.database_path()) as store:
        store.add_subscription(news_site.url("feed.xml"))
    app = IknReadApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert news_site.paths() == []
        await pilot.press("r")
        await settle(pilot)
        assert news_site.paths() == ["/feed.xml"]
        assert warnings(app) == []


async def test_download_limits_come_from_refresh_settings() -> None:
    write_config("[refresh]\nconcurrency = 3\nper_host = 2\n")
    seed_store(2).close()
    app = IknReadApp(offline=True)
    assert (app.fetcher_factory().config.total, app.fetcher_factory().config.per_host) == (3, 2)
    write_config("")
    assert (IknReadApp(offline=True).fetcher_factory().config.total, IknReadApp().fetcher_factory().config.per_host) == (16, 4)


async def test_store_retention_from_the_settings_replaces_the_stores() -> None:
    with seed_store(2) as store:
        store.set_retention(keep_days=30, max_articles=500)
    write_config("[store]\nmax_articles = 1\n")
    app = IknReadApp(offline=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        rules = app.store.retention()
        assert (rules.keep_days, rules.max_articles) == (30, 1)  # keep_days unset: the store's stays


def test_refresh_command_applies_store_settings_and_warns_once_per_problem() -> None:
    write_config("[store]\nkeep_days = 7\nmax_articles = -3\n")
    done = subprocess.run([sys.executable, "-m", "ikn_tui", "refresh"], capture_output=True, text=True, env=dict(os.environ))
    assert done.returncode == 0
    assert done.stderr.splitlines()[0] == (
        "ikn-read: config.toml: 'store.max_articles' must be a whole number, 0 or more, not '-3'; not set"
    )
    with Store(paths.database_path()) as store:
        rules = store.retention()
    assert (rules.keep_days, rules.max_articles) == (7, 0)


async def test_o_opens_the_article_with_the_browser_command(tmp_path: Path) -> None:
    opened = tmp_path / "opened.txt"
    browser = tmp_path / "browser.sh"
    browser.write_text(f'#!/bin/sh\necho "$@" > "{opened}.part" && mv "{opened}.part" "{opened}"\n', encoding="utf-8")
    browser.chmod(browser.stat().st_mode | stat.S_IXUSR)
    write_config(f'browser = "{browser} --new-window"\n')
    seed_store(3).close()
    app = IknReadApp(offline=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen) and screen.article is not None
        await pilot.press("o")
        for _ in range(200):  # the browser runs on its own; wait for its answer
            if opened.exists():
                break
            await asyncio.sleep(0.05)
        assert opened.read_text(encoding="utf-8").split() == ["--new-window", screen.article.url]


async def test_a_missing_browser_command_is_one_warning() -> None:
    write_config('browser = "/nonexistent/browser"\n')
    seed_store(3).close()
    app = IknReadApp(offline=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("o")
        await pilot.pause()
        shown = warnings(app)
        assert len(shown) == 1 and shown[0].startswith("o: peramban '/nonexistent/browser': "), shown
        assert app.is_running


async def test_a_theme_change_keeps_the_users_comments() -> None:
    write_config('# my own notes\ntheme = "textual-dark"  # for the night\n\n[refresh]\n# slow line at home\nper_host = 2\n')
    seed_store(2).close()
    app = IknReadApp(offline=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.theme = "nord"
        await pilot.pause()
    text = paths.config_path().read_text(encoding="utf-8")
    assert text == '# my own notes\ntheme = "nord"  # for the night\n\n[refresh]\n# slow line at home\nper_host = 2\n'


async def test_the_first_theme_change_writes_the_commented_file() -> None:
    seed_store(2).close()
    app = IknReadApp(offline=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.theme = "nord"
        await pilot.pause()
    text = paths.config_path().read_text(encoding="utf-8")
    assert text.startswith("# Pengaturan ikn-read.") and 'theme = "nord"' in text and "[refresh]" in text
