"""The package tree shows the pipeline: each module imports only from the layers below it.

Read from the code with ``ast`` (nothing is imported), so a new module must be given a
layer here, and an import that runs upward or closes a circle fails the suite.
"""

from __future__ import annotations

import ast
import importlib
import types
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "policylens"

#: Bottom to top. A unit (a module, or a subpackage as a whole) may import its own
#: layer or lower ones; ``pipeline`` alone knows the project on disk.
LAYERS = (
    ("errors", "version", "paths"),
    ("model", "text"),
    ("grammar", "read", "outputs", "filters", "datapackage", "metadata"),
    ("extract", "corpus", "review"),
    ("tables", "summaries", "overtime"),
    ("plots",),
    ("excel",),
    ("pipeline",),
    ("add", "cli"),
    ("__main__", "__init__"),
)
RANK = {unit: rank for rank, units in enumerate(LAYERS) for unit in units}


def _modules() -> dict[str, Path]:
    """Every module of the package by dotted name (a package by its ``__init__``)."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _unit(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _imports(path: Path, modules: dict[str, Path]) -> set[str]:
    """The policylens modules ``path`` imports (``from a import b`` counts b when a module)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "policylens"}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("policylens"):
            for alias in node.names:  # a submodule by itself, any other name from its module
                submodule = f"{node.module}.{alias.name}"
                found.add(submodule if submodule in modules else node.module)
    return found


MODULES = _modules()
GRAPH = {name: _imports(path, MODULES) - {name} for name, path in MODULES.items()}


def test_every_module_has_a_layer():
    assert sorted({_unit(name) for name in MODULES} - set(RANK)) == []


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_imports_upward(module):
    upward = sorted(target for target in GRAPH[module] if RANK[_unit(target)] > RANK[_unit(module)])
    assert upward == [], f"{module} imports from a higher layer"


def test_no_import_cycle():
    state: dict[str, str] = {}

    def visit(name: str, path: list[str]) -> None:
        state[name] = "open"
        for target in sorted(GRAPH.get(name, ())):
            if state.get(target) == "open":
                pytest.fail("import cycle: " + " -> ".join([*path, name, target]))
            if target not in state:
                visit(target, [*path, name])
        state[name] = "done"

    for name in sorted(GRAPH):
        if name not in state:
            visit(name, [])


def test_review_and_tables_do_not_import_each_other():
    assert "policylens.tables" not in GRAPH["policylens.review"]
    assert "policylens.review" not in GRAPH["policylens.tables"]


def test_nothing_imports_from_the_package_face():
    """``from policylens import __version__`` inside the package would import upward."""
    face = sorted(name for name, targets in GRAPH.items() if "policylens" in targets)
    assert face == []


@pytest.mark.parametrize("package", ["policylens", "policylens.plots"])
def test_public_names_are_functions_not_same_named_modules(package):
    module = importlib.import_module(package)
    for name in module.__all__:
        value = getattr(module, name)
        if name != "plots":
            assert not isinstance(value, types.ModuleType), f"{package}.{name} is a module"
