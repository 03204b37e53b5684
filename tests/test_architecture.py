"""The architecture holds: import-linter contracts, no import circle, sub-packages used through their API."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[1]
SUB_PACKAGES = ("text", "fetch", "feeds", "extract", "store", "refresh")


def _graph() -> grimp.ImportGraph:
    return grimp.build_graph("ikn_tui", include_external_packages=False)


def test_import_contracts_are_kept() -> None:
    local = Path(sys.executable).parent / "lint-imports"
    exe = str(local) if local.exists() else shutil.which("lint-imports")
    if exe is None:
        pytest.skip("import-linter is not installed")
    done = subprocess.run([exe], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-2000:]
    assert " 0 broken" in done.stdout
    assert "Text helpers import nothing else of ikn-read KEPT" in done.stdout


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.find_modules_directly_imported_by(child)))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_import_circle_anywhere() -> None:
    # grimp counts TYPE_CHECKING and function-level imports too.
    assert _cycles(_graph()) == []


def test_cycle_finder_can_fail() -> None:
    graph = grimp.ImportGraph()
    for name in ("p.a", "p.b", "p.c"):
        graph.add_module(name)
    graph.add_import(importer="p.a", imported="p.b")
    graph.add_import(importer="p.b", imported="p.c")
    assert _cycles(graph) == []
    graph.add_import(importer="p.c", imported="p.a")
    assert _cycles(graph) == [["p.a", "p.b", "p.c"]]


@pytest.mark.parametrize("package", SUB_PACKAGES)
def test_sub_package_is_used_through_its_public_api(package: str) -> None:
    """Code outside ``core.<package>`` imports the package, never one of its modules."""
    graph = _graph()
    prefix = f"ikn_tui.core.{package}."
    offenders = []
    for importer in sorted(graph.modules):
        if importer.startswith(prefix) or importer == prefix[:-1]:
            continue
        for imported in graph.find_modules_directly_imported_by(importer):
            if imported.startswith(prefix):
                offenders.append(f"{importer} -> {imported}")
    assert offenders == []
