"""The msgids of the interface, found in the source (``_("…")`` and ``ngettext("…", "…", n)``
calls) and in the key registry: what the catalogues must translate.
``ui/`` is written in Indonesian (``locale/en`` translates it), ``cli/`` in English
(``locale/id`` translates it)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent
LAYERS = {"ui": "en", "cli": "id"}  # layer -> the catalogue that translates it


def source_msgids(path: Path) -> set[str]:
    found: set[str] = set()
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
            continue
        if node.func.id in ("_", "N_") and node.args:
            arg = node.args[0]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                found.add(arg.value)
        elif node.func.id == "ngettext" and len(node.args) >= 2:
            one, many = node.args[0], node.args[1]
            if isinstance(one, ast.Constant) and isinstance(many, ast.Constant):
                found.add(f"{one.value}\0{many.value}")
    return found


def layer_msgids(layer: str) -> set[str]:
    found: set[str] = set()
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        found |= source_msgids(path)
    return found


def non_literal_calls(layer: str) -> list[str]:
    """``_(f"…")`` or ``_(name)`` calls: their text cannot be in a catalogue (``file:line``)."""
    bad = []
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_"
                and node.args and isinstance(node.args[0], ast.JoinedStr)
            ):
                bad.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    return bad
