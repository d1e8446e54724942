"""Shared fixtures: a throw-away copy of the bundled project for every test that builds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/data/golden/ from a build of the bundled project (say why in the commit)",
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh project folder holding a copy of the bundled data/raw/."""
    root = tmp_path / "project"
    shutil.copytree(REPO / "data" / "raw", root / "data" / "raw")
    return root


@pytest.fixture(scope="session")
def built_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One project built once per test session (read-only for the tests that use it)."""
    import policylens as pl

    root = tmp_path_factory.mktemp("built") / "project"
    shutil.copytree(REPO / "data" / "raw", root / "data" / "raw")
    pl.build(root)
    return root


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` with its bytes, to prove that nothing changed."""
    if not folder.exists():
        return {}
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.fixture(autouse=True)
def _close_figures():
    """Close every matplotlib figure a test opened (only if matplotlib was used)."""
    yield
    import sys

    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")


@pytest.fixture
def built_copy(built_project: Path, tmp_path: Path) -> Path:
    """A private copy of the built project, for tests that break it."""
    root = tmp_path / "copy"
    shutil.copytree(built_project, root)
    return root
