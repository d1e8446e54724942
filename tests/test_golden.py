"""The bundled project builds to the outputs kept in tests/data/golden/, byte for byte.

Text outputs (the CSV tables, datapackage.json, build_info.json) are kept whole so a
change shows as a readable diff; the workbook and every figure are kept as sha256 digests
in ``binary.sha256``. A commit that means to change outputs rewrites them with
``pytest tests/test_golden.py --update-golden`` and says why.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

GOLDEN = Path(__file__).parent / "data" / "golden"
MANIFEST = GOLDEN / "binary.sha256"
TEXT_SUFFIXES = {".csv", ".json"}


def _outputs(root: Path) -> dict[str, bytes]:
    """Every built output by its path relative to the project (data/processed, figures)."""
    found = {}
    for folder in ("data/processed", "figures"):
        for path in sorted((root / folder).rglob("*")):
            if path.is_file():
                found[path.relative_to(root).as_posix()] = path.read_bytes()
    return found


def _split(outputs: dict[str, bytes]) -> tuple[dict[str, bytes], dict[str, str]]:
    text = {name: data for name, data in outputs.items() if Path(name).suffix in TEXT_SUFFIXES}
    digests = {
        name: hashlib.sha256(data).hexdigest() for name, data in outputs.items() if name not in text
    }
    return text, digests


def _read_manifest() -> dict[str, str]:
    lines = MANIFEST.read_text(encoding="utf-8").splitlines()
    return {name: digest for digest, name in (line.split("  ", 1) for line in lines if line)}


def _write_golden(text: dict[str, bytes], digests: dict[str, str]) -> None:
    for old in GOLDEN.rglob("*"):
        if old.is_file():
            old.unlink()
    for name, data in text.items():
        target = GOLDEN / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    MANIFEST.write_text(
        "".join(f"{digest}  {name}\n" for name, digest in sorted(digests.items())),
        encoding="utf-8",
    )


def test_outputs_match_golden(built_project: Path, request: pytest.FixtureRequest) -> None:
    text, digests = _split(_outputs(built_project))
    assert text and digests, "the build produced no outputs"
    if request.config.getoption("--update-golden"):
        _write_golden(text, digests)
    kept_text = {
        path.relative_to(GOLDEN).as_posix()
        for path in GOLDEN.rglob("*")
        if path.is_file() and path != MANIFEST
    }
    assert sorted(text) == sorted(kept_text), "outputs added or missing; see --update-golden"
    for name, data in text.items():
        assert data.decode("utf-8") == (GOLDEN / name).read_text(encoding="utf-8"), name
    assert digests == _read_manifest()
