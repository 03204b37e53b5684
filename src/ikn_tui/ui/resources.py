"""Where the TCSS styles live: ``styles/`` in a source tree, ``ikn_tui/styles`` in a wheel."""

from __future__ import annotations

from pathlib import Path, PurePath

_PACKAGE = Path(__file__).resolve().parents[1]  # .../ikn_tui


def styles_dir() -> Path:
    """The directory holding the ``*.tcss`` files."""
    installed = _PACKAGE / "styles"
    if installed.is_dir():
        return installed
    source_tree = _PACKAGE.parents[1] / "styles"  # repo/src/ikn_tui -> repo/styles
    return source_tree


def style_paths() -> list[str | PurePath]:
    """Every stylesheet, in a stable order (``app.tcss`` first); typed as Textual's ``CSS_PATH``."""
    folder = styles_dir()
    paths = sorted(folder.glob("*.tcss"))
    paths.sort(key=lambda p: p.name != "app.tcss")
    return list(paths)
