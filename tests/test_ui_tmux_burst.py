"""From outside: the real ``ikn-read --demo`` in tmux, keys sent in one burst
(``tmux send-keys Enter 1`` writes both at once, as a fast typist does).
Skipped where tmux or the console script is missing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).with_name("ikn-read")
pytestmark = pytest.mark.skipif(shutil.which("tmux") is None or not SCRIPT.exists(), reason="needs tmux and ikn-read")

LIST_WIDTH = 40  # the list pane at 120 columns (styles/app.tcss)


class Tmux:
    def __init__(self, home: Path, width: int = 120, height: int = 36) -> None:
        self.socket = f"ikn-test-{uuid.uuid4().hex[:8]}"
        env = f"-u COLUMNS -u LINES IKN_READ_LANG=id IKN_READ_HOME={home}"  # the terminal gives the size, not the environment
        self.run("-f", os.devnull, "new-session", "-d", "-s", "r", "-x", str(width), "-y", str(height),
                 f"env {env} {SCRIPT} --demo")
        self.run("set-option", "-t", "r", "window-size", "manual")
        self.run("resize-window", "-t", "r", "-x", str(width), "-y", str(height))

    def run(self, *args: str) -> str:
        done = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=20)
        return done.stdout

    def screen(self) -> list[str]:
        return self.run("capture-pane", "-p", "-t", "r").splitlines()

    def keys(self, *keys: str) -> None:
        self.run("send-keys", "-t", "r", *keys)

    def wait_for(self, predicate, limit: float = 30.0) -> list[str]:  # type: ignore[no-untyped-def]
        """Poll the screen until ``predicate(lines)`` holds (a wait, not a timing assertion)."""
        end = time.monotonic() + limit
        lines = self.screen()
        while not predicate(lines) and time.monotonic() < end:
            time.sleep(0.1)
            lines = self.screen()
        return lines

    def close(self) -> None:
        self.run("kill-server")


def header(lines: list[str]) -> str:
    """The article pane's first lines (the title), as one string."""
    return " ".join(line[LIST_WIDTH + 1 : LIST_WIDTH + 45].strip(" │") for line in lines[1:5])


def unread_rows(lines: list[str]) -> int:
    """How many rows of the list show the unread dot."""
    return sum("●" in line[:LIST_WIDTH] for line in lines)


def link_one(lines: list[str]) -> str:
    """The words of related link [1] in the right pane."""
    for line in lines:
        part = line[LIST_WIDTH + 46 :]
        if "[1] " in part:
            return part.split("[1] ", 1)[1].strip(" │")
    return ""


@pytest.fixture
def tmux(tmp_path: Path):  # type: ignore[no-untyped-def]
    session = Tmux(tmp_path / "home")
    try:
        yield session
    finally:
        session.close()


def test_enter_and_a_link_number_in_one_burst(tmux: Tmux) -> None:
    lines = tmux.wait_for(lambda ls: any("Semua berita: 12 berita" in line for line in ls))
    assert any("Semua berita: 12 berita" in line for line in lines), lines
    unread = unread_rows(lines)
    tmux.keys("j", "Enter", "1")  # one write: "j\r1"
    # Done when both articles are marked read: the one opened and the one link [1] led to
    # (the screen with only the first open is on the way there, and would pass for the end).
    burst_screen = tmux.wait_for(lambda ls: unread_rows(ls) == unread - 2 and link_one(ls) != "")
    assert unread_rows(burst_screen) == unread - 2, burst_screen
    tmux.keys("BSpace")
    before = tmux.wait_for(lambda ls: header(ls) != header(burst_screen))
    words = " ".join(link_one(before).split()[:3])
    assert len(words) > 8, before
    assert words in header(burst_screen), (words, header(burst_screen))


def test_enter_then_b_in_one_burst_bookmarks_that_article(tmux: Tmux) -> None:
    tmux.wait_for(lambda ls: any("Semua berita: 12 berita" in line for line in ls))
    tmux.keys("j", "j", "Enter", "b")
    lines = tmux.wait_for(lambda ls: any("★" in line[:LIST_WIDTH] for line in ls))
    marked = [n for n, line in enumerate(lines) if "★" in line[:LIST_WIDTH]]
    assert marked == [5], lines  # the third row (rows are two lines, under the border)


def test_escape_then_keys_in_one_burst_is_not_read_as_alt(tmux: Tmux) -> None:
    """tmux writes "escape j j enter b" at once: "\\x1bj" reaches the parser as alt+j.
    The escape must still leave the article, and both j must move the list."""
    tmux.wait_for(lambda ls: any("Semua berita: 12 berita" in line for line in ls))
    tmux.keys("Enter")
    tmux.wait_for(lambda ls: "Enter: buka berita" not in header(ls))
    tmux.keys("Escape", "j", "j", "Enter", "b")
    lines = tmux.wait_for(lambda ls: any("★" in line[:LIST_WIDTH] for line in ls))
    marked = [n for n, line in enumerate(lines) if "★" in line[:LIST_WIDTH]]
    assert marked == [5], lines  # the third row: escape, then two rows down
