"""The tests mirror the package: each subpackage's tests live in the folder of its name."""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).resolve().parent
PACKAGE = TESTS.parent / "policylens"


def test_each_subpackage_has_its_test_folder():
    subpackages = {p.parent.name for p in PACKAGE.glob("*/__init__.py")}
    folders = {p.parent.name for p in TESTS.glob("*/test_*.py")}
    assert sorted(subpackages - folders) == []
    assert sorted(folders - subpackages) == []
