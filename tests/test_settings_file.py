"""config.toml itself: the commented template of the first save, the one-time move
from config.json, and ``ikn-read config path|show|edit`` as real processes."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import tomllib
from pathlib import Path

from ikn_tui import settings
from ikn_tui.core import paths


def ikn_read(*argv: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ikn_tui", *argv], capture_output=True, text=True, env={**os.environ, **env}
    )


def test_the_config_file_is_config_toml_in_ikn_read_home() -> None:
    assert paths.config_path() == Path(os.environ["IKN_READ_HOME"]) / "config.toml"


def test_the_first_save_writes_every_setting_with_a_comment_and_the_theme() -> None:
    assert settings.save(theme="nord")
    text = paths.config_path().read_text(encoding="utf-8")
    data = tomllib.loads(text)
    assert data["theme"] == "nord"
    assert text.count("#") > 15  # every setting comes with a comment
    # Every setting the template lists has its default, and it reads back without a problem.
    found = settings.load()
    assert found.problems == []
    for key, (default, _) in settings.SPEC.items():
        table, _, inner = key.rpartition(".")
        value = data.get(table, {}).get(inner) if table else data.get(key)
        if key in ("theme",):
            continue
        if default is None:  # not set unless the user sets it: listed as a comment
            assert f"# {inner} = 0" in text, key
        elif key in ("language",):  # read and checked, but not used by the reader yet
            assert value is None, key
        else:
            assert value == default, key


def test_a_config_json_is_moved_once_with_its_values() -> None:
    old = paths.legacy_config_path()
    old.parent.mkdir(parents=True, exist_ok=True)
    old.write_text(json.dumps({"theme": "nord", "keymap": {"bookmark": "s", "list.down": "j,down,n"}}), encoding="utf-8")
    found = settings.load()
    assert found.theme == "nord" and found.keys == {"bookmark": "s", "list.down": "j,down,n"}
    assert [str(p) for p in found.problems] == ["config.json: settings moved to config.toml; the old file is now config.json.migrated"]
    assert not old.exists() and old.with_name("config.json.migrated").is_file()
    assert "# Tombol Anda sendiri" in paths.config_path().read_text(encoding="utf-8")  # the template, in Indonesian
    again = settings.load()
    assert again.problems == [] and again.theme == "nord"
    old.write_text('{"theme": "gruvbox"}', encoding="utf-8")  # a config.json appearing later is left alone
    assert settings.load().theme == "nord" and old.exists()


def test_a_broken_config_json_is_not_moved_and_says_so() -> None:
    old = paths.legacy_config_path()
    old.parent.mkdir(parents=True, exist_ok=True)
    old.write_text('{"theme": ', encoding="utf-8")
    found = settings.load()
    assert [str(p) for p in found.problems] == ["config.json: not readable JSON; not moved to config.toml (using the defaults)"]
    assert old.exists() and not paths.config_path().exists()


def test_config_path_and_show_as_real_processes() -> None:
    done = ikn_read("config", "path")
    assert done.returncode == 0 and done.stdout.strip() == str(paths.config_path())
    shown = ikn_read("config", "show")
    assert shown.returncode == 0 and shown.stderr == ""
    data = tomllib.loads(shown.stdout)
    assert data["theme"] == "textual-dark" and data["refresh"]["concurrency"] == 16 and data["keys"] == {}
    paths.config_path().parent.mkdir(parents=True, exist_ok=True)
    paths.config_path().write_text(
        'theme = "nord"\n[refresh]\nper_host = 0\ncolour = "red"\n[keys]\nbookmark = "s"\n"no.such" = "x"\n',
        encoding="utf-8",
    )
    shown = ikn_read("config", "show")
    assert shown.returncode == 1
    assert shown.stderr.splitlines() == [
        "ikn-read: config.toml: 'refresh.per_host' must be a whole number, 1 or more, not '0'; using 4",
        "ikn-read: config.toml: unknown setting 'refresh.colour' (ignored)",
        "ikn-read: config.toml: unknown key binding id 'no.such' (ignored; see ? for the ids)",
    ]
    data = tomllib.loads(shown.stdout)
    assert data["theme"] == "nord" and data["refresh"]["per_host"] == 4


def test_config_edit_opens_editor_on_the_commented_file(tmp_path: Path) -> None:
    editor = tmp_path / "editor.sh"
    editor.write_text('#!/bin/sh\nprintf \'theme = "nord"\\n\' >> "$1"\n', encoding="utf-8")
    editor.chmod(editor.stat().st_mode | stat.S_IXUSR)
    done = ikn_read("config", "edit", EDITOR=str(editor), VISUAL="")
    text = paths.config_path().read_text(encoding="utf-8")
    assert text.startswith("# ikn-read settings.") and text.endswith('theme = "nord"\n')
    # appended after [keys], "theme" is a binding id there: edit says so once the editor closes
    assert done.returncode == 1
    assert done.stderr.startswith("ikn-read: config.toml: unknown key binding id 'theme'"), done.stderr
    paths.config_path().write_text("", encoding="utf-8")
    done = ikn_read("config", "edit", EDITOR=str(editor), VISUAL="")
    assert done.returncode == 0 and done.stderr == ""
    assert tomllib.loads(paths.config_path().read_text(encoding="utf-8")) == {"theme": "nord"}


def test_config_edit_with_a_missing_editor_is_one_line() -> None:
    done = ikn_read("config", "edit", EDITOR="/nonexistent/editor", VISUAL="")
    assert done.returncode == 1
    assert done.stderr.startswith("ikn-read: cannot start the editor '/nonexistent/editor'")
    assert len(done.stderr.splitlines()) == 1


def test_binding_ids_written_unquoted_still_count_and_a_save_leaves_them_as_written() -> None:
    paths.config_path().parent.mkdir(parents=True, exist_ok=True)
    paths.config_path().write_text('[keys]\nlist.down = "j,down,n"  # mine\n', encoding="utf-8")
    assert settings.load().keys == {"list.down": "j,down,n"}
    from ikn_tui.ui.config import update_configuration

    with update_configuration() as config:
        config.theme = "nord"
    text = paths.config_path().read_text(encoding="utf-8")
    assert 'list.down = "j,down,n"  # mine' in text and '"list.down"' not in text
    assert settings.load().keys == {"list.down": "j,down,n"} and settings.load().theme == "nord"
