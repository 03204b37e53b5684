"""Pillow and textual-image, imported only when a photo is about to be shown, and
which of textual-image's renderers draws it.

textual-image asks the terminal what it can do (Sixel, the kitty graphics protocol,
the cell size in pixels) *when it is imported*, on a tty: it writes escape sequences
and reads stdin with a timeout. Once Textual runs, its input thread owns stdin, so
that question would steal the user's keys or the answer, and block for up to 0.1 s
each time. ``load`` therefore imports it with its one terminal-reading helper
(``_terminal.capture_terminal_response``) replaced by one that fails at once, and
the cell size taken from the window-size ioctl only. The renderer is chosen here
from the environment instead (``pick_renderer``): kitty's protocol in kitty, Sixel in
terminals known to draw it, half-cell blocks everywhere else (and in tmux, which
passes neither through by default). textual-image is pinned below 0.13 in
pyproject.toml because this reaches into its ``_terminal`` module.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Mapping
from typing import Any, Literal

Renderer = Literal["halfcell", "tgp", "sixel"]
RENDERERS: tuple[str, ...] = ("auto", "halfcell", "tgp", "sixel")

_SIXEL_PROGRAMS = {"WezTerm", "iTerm.app", "mintty", "contour", "Black Box"}
_SIXEL_TERMS = ("foot", "mlterm", "contour", "yaft")
_lock = threading.Lock()
_loaded = False


def pick_renderer(wanted: str = "auto", env: Mapping[str, str] | None = None, tty: bool | None = None) -> Renderer:
    """``wanted`` when it names a renderer; for "auto", from the terminal's environment."""
    if wanted in ("halfcell", "tgp", "sixel"):
        return wanted  # type: ignore[return-value]
    env = os.environ if env is None else env
    if tty is None:
        tty = bool(sys.__stdout__ and sys.__stdout__.isatty())
    term, program = env.get("TERM", ""), env.get("TERM_PROGRAM", "")
    if not tty or env.get("TMUX") or term.startswith(("screen", "tmux")):
        return "halfcell"
    if term == "xterm-kitty" or env.get("KITTY_WINDOW_ID"):
        return "tgp"
    if program in _SIXEL_PROGRAMS or term.startswith(_SIXEL_TERMS) or env.get("KONSOLE_VERSION"):
        return "sixel"
    return "halfcell"


def _no_terminal_queries(*args: object, **kwargs: object) -> Any:
    from textual_image._terminal import TerminalError

    raise TerminalError("ikn-read: the terminal is not queried while the reader runs")


def _cell_size(terminal: Any) -> Any:
    """The cell size in pixels from the window-size ioctl (no reading of stdin),
    else textual-serve's variables, else textual-image's VT340 default (10x20)."""
    width = height = 0
    if sys.__stdout__ is not None and sys.__stdout__.isatty():
        try:
            rows, columns, pixel_width, pixel_height = terminal.get_tiocgwinsz()
            width, height = pixel_width // max(columns, 1), pixel_height // max(rows, 1)
        except (OSError, ValueError, AttributeError):
            width = height = 0
    if not (width and height):
        env_width, env_height = os.environ.get("TEXTUAL_CELL_WIDTH", ""), os.environ.get("TEXTUAL_CELL_HEIGHT", "")
        if env_width.isdigit() and env_height.isdigit() and int(env_width) and int(env_height):
            width, height = int(env_width), int(env_height)
    if not (width and height):
        width, height = 10, 20
    return terminal.CellSize(width, height)


def load() -> None:
    """Import Pillow and textual-image's widgets without any terminal query (any thread)."""
    global _loaded
    with _lock:
        if _loaded:
            return
        from textual_image import _terminal

        _terminal.capture_terminal_response = _no_terminal_queries  # type: ignore[assignment]
        if not hasattr(_terminal.get_cell_size, "_result"):
            _terminal.get_cell_size._result = _cell_size(_terminal)  # type: ignore[attr-defined]
        import textual_image.widget  # noqa: F401  (its import runs the renderers' checks, now harmless)

        _loaded = True


def widget_class(renderer: Renderer) -> Any:
    """textual-image's widget class for ``renderer`` (``load`` first)."""
    load()
    from textual_image.widget import HalfcellImage, SixelImage, TGPImage

    return {"tgp": TGPImage, "sixel": SixelImage}.get(renderer, HalfcellImage)


def open_thumbnail(data: bytes) -> Any:
    """The thumbnail as a decoded ``PIL.Image`` (it is our own small JPEG)."""
    import io

    from PIL import Image

    image = Image.open(io.BytesIO(data), formats=["JPEG"])
    image.load()
    return image
