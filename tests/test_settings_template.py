"""The commented config.toml speaks the reader's language: the same settings and defaults
in both, no word of the other language in the comments, and the first write of
``ikn-read config edit`` and of the reader (a theme change) in the language chosen."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import tomlkit
from test_i18n_cli_words import ENGLISH, INDONESIAN

from ikn_tui import settings
from ikn_tui.core import paths
from ikn_tui.settings_template import TEMPLATES, template

_KEY_LINE = re.compile(r"^#\s*(?:\"[^\"]*\"|[\w.]+)\s*=")  # a commented-out setting: names, not words
_COMMAND = re.compile(r"\bikn-read(?:\s+[a-z]+)*")  # a command line, the same in both
_NAMES = re.compile(r"\"[^\"\n]*\"|'[^'\n]*'|\b\w+_\w+\b|--?[\w-]+|\b[A-Z][A-Z0-9_]+\b|\S+://\S*")


def _comment_words(text: str) -> set[str]:
    words: set[str] = set()
    for line in text.splitlines():
        line = line.strip()
        if not line.startswith("#") or _KEY_LINE.match(line):
            continue
        line = _NAMES.sub(" ", _COMMAND.sub(" ", line))
        words |= {w.lower() for w in re.findall(r"[A-Za-z]+", line)}
    return words


@pytest.mark.parametrize("language", ["id", "en"])
def test_each_template_reads_back_as_the_defaults(language: str) -> None:
    found = settings.parse(tomllib.loads(template(language)), "config.toml")
    assert found.problems == [] and found.keys == {}
    assert found.values == {key: default for key, (default, _) in settings.SPEC.items()}


def test_both_templates_hold_the_same_settings_and_differ_only_in_comments() -> None:
    def settings_lines(text: str) -> list[str]:
        return [line for line in text.splitlines() if line and (not line.startswith("#") or _KEY_LINE.match(line))]

    assert settings_lines(TEMPLATES["id"]) == settings_lines(TEMPLATES["en"])
    assert TEMPLATES["id"] != TEMPLATES["en"]


@pytest.mark.parametrize(("language", "foreign"), [("id", ENGLISH), ("en", INDONESIAN)])
def test_no_word_of_the_other_language_in_the_comments(language: str, foreign: set[str]) -> None:
    words = _comment_words(template(language))
    assert len(words) > 60  # the comments were read
    assert words & foreign == set()


def test_an_unknown_language_gets_indonesian() -> None:
    assert template("xx") == template(None) == TEMPLATES["id"]


@pytest.mark.parametrize(("language", "first"), [("id", "# Pengaturan ikn-read."), ("en", "# ikn-read settings.")])
def test_the_first_save_writes_the_template_in_the_language_given(language: str, first: str) -> None:
    assert settings.save(theme="nord", language=language)
    text = paths.config_path().read_text(encoding="utf-8")
    assert text.startswith(first) and tomllib.loads(text)["theme"] == "nord"
    assert settings.load().problems == []


def test_a_later_save_keeps_the_users_comments_whatever_the_language() -> None:
    paths.config_path().parent.mkdir(parents=True, exist_ok=True)
    paths.config_path().write_text("# mine\ntheme = \"nord\"  # night\n", encoding="utf-8")
    assert settings.save(images="off", language="en")
    text = paths.config_path().read_text(encoding="utf-8")
    assert text.startswith("# mine\n") and "# night" in text and "ikn-read settings" not in text
    assert tomlkit.parse(text)["images"] == "off"


@pytest.mark.parametrize(("language", "first"), [("id", "# Pengaturan ikn-read."), ("en", "# ikn-read settings.")])
def test_config_edit_writes_the_template_in_the_chosen_language(tmp_path: Path, language: str, first: str) -> None:
    editor = tmp_path / "editor.sh"
    editor.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    editor.chmod(editor.stat().st_mode | stat.S_IXUSR)
    env = {**os.environ, "EDITOR": str(editor), "VISUAL": ""}
    env.pop("IKN_READ_LANG", None)
    done = subprocess.run([sys.executable, "-m", "ikn_tui", "--lang", language, "config", "edit"],
                          capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    text = paths.config_path().read_text(encoding="utf-8")
    assert text == template(language) and text.startswith(first)
