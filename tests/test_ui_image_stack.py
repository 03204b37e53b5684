"""ui/image_stack.py: textual-image is imported without a word to the terminal (it
would otherwise query it on import, fighting Textual for stdin), and the renderer is
chosen from the environment."""

from __future__ import annotations

import fcntl
import os
import select
import struct
import subprocess
import sys
import termios

import pytest

from ikn_tui.ui.image_stack import pick_renderer

OURS = """
import sys
from ikn_tui.ui import image_stack
image_stack.load()
from textual_image._terminal import get_cell_size
from textual_image.renderable import Image
cls = image_stack.widget_class("halfcell")
print("LOADED", Image.__module__, cls.__name__, tuple(get_cell_size()), file=sys.stderr)
"""
BARE = """
import sys
import textual_image.widget
print("LOADED", file=sys.stderr)
"""


def _on_a_terminal(code: str) -> tuple[bytes, str]:
    """Run ``code`` with a pseudo-terminal as stdin and stdout that never answers;
    return what it wrote to the terminal, and its stderr."""
    master, slave = os.openpty()
    # 24 rows, 80 columns, no pixel size (as tmux and many terminals report)
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    proc = subprocess.Popen([sys.executable, "-c", code], stdin=slave, stdout=slave, stderr=subprocess.PIPE)
    os.close(slave)
    written = b""
    try:
        while True:
            ready, _, _ = select.select([master], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(master, 4096)
                except OSError:  # the child closed its end
                    break
                if not chunk:
                    break
                written += chunk
            elif proc.poll() is not None:
                break
        _, stderr = proc.communicate(timeout=60)
    finally:
        os.close(master)
    return written, stderr.decode("utf-8", "replace")


def test_the_bare_library_queries_the_terminal_on_import() -> None:
    # What ikn-read must avoid (and the proof the check below can see it).
    written, stderr = _on_a_terminal(BARE)
    assert "LOADED" in stderr, stderr
    assert b"\x1b[c" in written or b"\x1b_G" in written, written


def test_loading_the_stack_sends_nothing_to_the_terminal() -> None:
    written, stderr = _on_a_terminal(OURS)
    # a tty: the library falls back to half cells when its queries get no answer (here: are never sent)
    assert "LOADED textual_image.renderable.halfcell HalfcellImage (10, 20)" in stderr, stderr
    assert written == b"", written


@pytest.mark.parametrize(("env", "tty", "expected"), [
    ({"TERM": "xterm-kitty"}, True, "tgp"),
    ({"TERM": "xterm-256color", "KITTY_WINDOW_ID": "1"}, True, "tgp"),
    ({"TERM": "xterm-256color", "TERM_PROGRAM": "WezTerm"}, True, "sixel"),
    ({"TERM": "foot"}, True, "sixel"),
    ({"TERM": "xterm-256color", "KONSOLE_VERSION": "230804"}, True, "sixel"),
    ({"TERM": "xterm-256color"}, True, "halfcell"),
    ({"TERM": "tmux-256color", "TMUX": "/tmp/tmux-0/default,1,0"}, True, "halfcell"),
    ({"TERM": "screen", "KITTY_WINDOW_ID": "1"}, True, "halfcell"),  # kitty, but through screen
    ({"TERM": "xterm-kitty"}, False, "halfcell"),  # not a terminal (piped, tests)
])
def test_the_renderer_follows_the_terminal(env: dict[str, str], tty: bool, expected: str) -> None:
    assert pick_renderer("auto", env, tty) == expected


def test_a_named_renderer_wins() -> None:
    assert pick_renderer("halfcell", {"TERM": "xterm-kitty"}, True) == "halfcell"
    assert pick_renderer("sixel", {}, False) == "sixel"
