"""One key registry (``ui/keys.py``): every binding the reader has is in it,
the README's key table is generated from it, and the help and palette use it."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from pathlib import Path

from textual.binding import Binding
from textual.dom import DOMNode
from ui_helpers import seed_store, settle

import ikn_tui.ui
from ikn_tui.ui import keys
from ikn_tui.ui.app import IknReadApp
from ikn_tui.ui.screens.help import HelpScreen
from ikn_tui.ui.screens.main import MainScreen

README = Path(__file__).resolve().parents[1] / "README.md"


def _our_classes() -> list[type[DOMNode]]:
    found: list[type[DOMNode]] = []
    for module_info in pkgutil.walk_packages(ikn_tui.ui.__path__, "ikn_tui.ui."):
        module = importlib.import_module(module_info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, DOMNode) and cls.__module__ == module.__name__:
                found.append(cls)
    return found


def _binding_ids() -> dict[str, list[str]]:
    ids: dict[str, list[str]] = {}
    for cls in _our_classes():
        for binding in cls.__dict__.get("BINDINGS", []):
            assert isinstance(binding, Binding), (cls, binding)
            assert binding.id, f"{cls.__name__}: a binding without an id: {binding}"
            ids.setdefault(binding.id, []).append(cls.__name__)
    return ids


def test_every_binding_comes_from_the_registry() -> None:
    ids = _binding_ids()
    assert {"list.down", "article.page-down", "follow-9", "add-feed", "quit", "confirm.yes"} <= set(ids)
    for binding_id, owners in ids.items():
        assert binding_id in keys.BY_ID, (binding_id, owners)
    for cls in _our_classes():
        for binding in cls.__dict__.get("BINDINGS", []):
            key = keys.BY_ID[binding.id]
            assert (binding.key, binding.action) == (key.keys, key.action), binding.id


def test_every_binding_id_is_in_the_help_and_the_readme_table() -> None:
    in_help = {i for ids, _, _ in keys.help_rows() for i in ids}
    assert set(_binding_ids()) <= in_help
    text = README.read_text(encoding="utf-8")
    start, end = text.index(keys.README_START), text.index(keys.README_END) + len(keys.README_END)
    assert text[start:end] == keys.readme_table(), "README's key table differs: regenerate it from keys.readme_table()"
    table = text[start:end]
    for binding_id in _binding_ids():
        group = keys.BY_ID[binding_id].group
        shown = f"`{binding_id}`" if not group else "`follow-1` … `follow-9`"
        assert shown in table, binding_id


def test_palette_commands_name_real_actions() -> None:
    for key in keys.palette_commands():
        owner = IknReadApp if key.palette_target == "app" else MainScreen
        assert hasattr(owner, f"action_{key.action.removeprefix('app.')}"), key.id


async def test_the_help_shows_a_remapped_key() -> None:
    from ikn_tui.ui.config import update_configuration

    with update_configuration() as config:
        config.keymap = {"bookmark": "s"}
    seed_store(2).close()
    app = IknReadApp(offline=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        static = app.screen.query_one("#help-box Static")
        lines = [static.render_line(y).text for y in range(static.size.height)]
        row = next(line for line in lines if "Markah / hapus markah" in line)
        assert re.search(r"(^|\s)s\s+Markah / hapus markah", row), row
