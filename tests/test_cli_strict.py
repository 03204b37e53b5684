"""The command line is strict and clear, as a real process: a typo of a subcommand
is not opened as a file, and the reader never starts without a terminal."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def ikn(home: Path, *argv: str, stdin: int | None = subprocess.DEVNULL,
        stdout: int = subprocess.PIPE) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    env["IKN_READ_HOME"] = str(home)
    return subprocess.run([sys.executable, "-m", "ikn_tui", *argv], stdin=stdin, stdout=stdout,
                          stderr=subprocess.PIPE, text=True, env=env, timeout=60)


@pytest.mark.parametrize(
    ("word", "line"),
    [
        ("lsit", "ikn-read: 'lsit' is not a command, file or URL (did you mean 'list'?)"),
        ("fieds", "ikn-read: 'fieds' is not a command, file or URL (did you mean 'feeds'?)"),
        ("refesh", "ikn-read: 'refesh' is not a command, file or URL (did you mean 'refresh'?)"),
        ("berita-hilang.html", "ikn-read: 'berita-hilang.html' is not a command, file or URL"),
        ("ftp://kabar.example/rss", "ikn-read: 'ftp://kabar.example/rss': only http and https URLs are supported"),
    ],
)
def test_a_word_that_is_not_a_command_file_or_url(tmp_path: Path, word: str, line: str) -> None:
    done = ikn(tmp_path, word)
    assert done.returncode == 2
    assert done.stderr == line + "\n"
    assert done.stdout == ""  # nothing (no escape codes) on the pipe
    assert not (tmp_path / "ikn-read.sqlite3").exists()  # nothing was started


@pytest.mark.parametrize("argv", [(), ("--offline",), (str(FIXTURES / "text" / "lima_desa_internet.txt"),)])
def test_the_reader_does_not_start_with_stdout_piped(tmp_path: Path, argv: tuple[str, ...]) -> None:
    done = ikn(tmp_path, *argv)
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("ikn-read: the reader needs a terminal"), lines
    assert done.stdout == ""


def test_the_reader_does_not_start_with_stdin_not_a_terminal(tmp_path: Path) -> None:
    parent, child = pty.openpty()  # stdout is a terminal; stdin is /dev/null
    try:
        done = ikn(tmp_path, stdout=child)
        os.close(child)
        child = -1
        output = b""
        while True:
            try:
                chunk = os.read(parent, 4096)
            except OSError:  # EIO: the other side is closed
                break
            if not chunk:
                break
            output += chunk
    finally:
        os.close(parent)
        if child >= 0:
            os.close(child)
    assert done.returncode == 2
    assert done.stderr.startswith("ikn-read: the reader needs a terminal")
    assert b"\x1b" not in output  # the TUI never drew anything
