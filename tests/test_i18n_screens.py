"""The language on screen and on the command line: the reader's footer, help and palette
through Pilot, and ``ikn-read`` as a real process (``--lang``, ``IKN_READ_LANG``, the default)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

from rich.console import Console
from textual.command import CommandList, CommandPalette
from textual.widgets import Static
from textual.widgets._footer import FooterKey
from ui_helpers import seed_store, settle

from ikn_tui.i18n import set_language
from ikn_tui.ui.app import IknReadApp
from ikn_tui.ui.screens.help import HelpScreen
from ikn_tui.ui.screens.main import MainScreen

SIZE = (120, 36)
SCRIPT = Path(sys.executable).with_name("ikn-read")


def _footer(app: IknReadApp) -> list[str]:
    return [key.description for key in app.screen.query(FooterKey)]


async def _palette_titles(pilot) -> list[str]:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+p")
    await settle(pilot)
    await pilot.pause(0.3)
    assert isinstance(pilot.app.screen, CommandPalette)
    options = pilot.app.screen.query_one(CommandList)
    titles = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
    await pilot.press("escape")
    await settle(pilot)
    return titles


async def test_the_reader_speaks_english_with_lang_en() -> None:
    seed_store(3).close()
    app = IknReadApp(offline=True, language="en")
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, MainScreen)
            footer = _footer(app)
            assert "Quit" in footer and "Help" in footer and "Keluar" not in footer
            titles = " ".join(await _palette_titles(pilot))
            assert "Bookmarks" in titles and "Theme" in titles
            assert "Daftar markah" not in titles and "Tema" not in titles
            await pilot.press("question_mark")
            await settle(pilot)
            assert isinstance(app.screen, HelpScreen)
            box = app.screen.query_one("#help-box")
            assert box.border_title == "Keys"
            table = app.screen.query_one("#help-box Static", Static).content
            console = Console(record=True, width=200, file=io.StringIO())
            console.print(table)
            text = console.export_text()
            assert "Search all articles" in text and "Cari di semua berita" not in text
    finally:
        set_language("id")


async def test_the_reader_speaks_indonesian_by_default() -> None:
    seed_store(3).close()
    app = IknReadApp(offline=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        footer = _footer(app)
        assert "Keluar" in footer and "Bantuan" in footer and "Quit" not in footer
        titles = " ".join(await _palette_titles(pilot))
        assert "Daftar markah" in titles and "Tema" in titles and "Bookmarks" not in titles


async def test_english_then_indonesian_in_one_process_keeps_them_apart() -> None:
    seed_store(3).close()
    english = IknReadApp(offline=True, language="en")
    async with english.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Quit" in _footer(english)
    indonesian = IknReadApp(offline=True, language="id")
    async with indonesian.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Keluar" in _footer(indonesian) and "Quit" not in _footer(indonesian)


# --------------------------------------------------------------------------- the command line


def _run(*args: str, lang: str | None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.pop("IKN_READ_LANG", None)
    if lang is not None:
        env["IKN_READ_LANG"] = lang
    env["LANG"] = "en_US.UTF-8"  # never decides the language
    return subprocess.run(
        [str(SCRIPT), *args], capture_output=True, text=True, env=env, timeout=60, stdin=subprocess.DEVNULL
    )


def test_lang_id_gives_an_indonesian_error_line() -> None:
    done = _run("--lang", "id", "lsit", lang="en")
    assert done.returncode == 2
    assert done.stderr == "ikn-read: 'lsit' bukan perintah, berkas atau URL (maksud Anda 'list'?)\n"


def test_the_environment_gives_english_and_the_default_is_indonesian() -> None:
    english = _run("lsit", lang="en")
    assert english.stderr == "ikn-read: 'lsit' is not a command, file or URL (did you mean 'list'?)\n"
    default = _run("lsit", lang=None)
    assert "bukan perintah" in default.stderr


def test_lang_reaches_the_subcommands_and_their_help() -> None:
    done = _run("--lang", "id", "list", "--help", lang="en")
    assert done.returncode == 0
    assert "Daftar berita dari SOURCE" in done.stdout
    empty = _run("list", "--lang=en", lang="id")
    assert empty.returncode == 0  # an empty store is not an error
    assert "the store is empty" in empty.stderr


def test_an_unknown_language_is_one_line() -> None:
    done = _run("--lang", "fr", "list", lang=None)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "'fr'" in done.stderr


def test_the_config_file_language_counts_after_the_option_and_the_environment() -> None:
    from ikn_tui.core import paths

    config = paths.config_path()
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('language = "en"\n', encoding="utf-8")
    assert "is not a command" in _run("lsit", lang=None).stderr
    assert "bukan perintah" in _run("lsit", lang="id").stderr
    assert "bukan perintah" in _run("--lang", "id", "lsit", lang=None).stderr
