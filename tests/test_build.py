"""`policylens build`: outputs, reproducibility, and bad metadata that leaves outputs intact."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from conftest import snapshot

import policylens as pl
from policylens.cli import main
from policylens.errors import MetadataError, PolicylensError, TextEncodingError


def test_build_writes_tables_and_a_datapackage(project: Path):
    report = pl.build(project)
    processed = project / "data" / "processed"
    assert report.rows["documents"] == 5
    assert (processed / "documents.csv").exists()
    package = json.loads((processed / "datapackage.json").read_text(encoding="utf-8"))
    names = [resource["name"] for resource in package["resources"]]
    assert "documents" in names
    for resource in package["resources"]:
        header = (processed / resource["path"]).read_text(encoding="utf-8").split("\n")[0]
        assert header.split(",") == [f["name"] for f in resource["schema"]["fields"]]


def test_rebuild_changes_no_file(project: Path):
    pl.build(project)
    first = snapshot(project / "data" / "processed") | snapshot(project / "figures")
    mtimes = {p: p.stat().st_mtime_ns for p in (project / "data" / "processed").rglob("*")}
    report = pl.build(project)
    assert report.changed == []
    assert snapshot(project / "data" / "processed") | snapshot(project / "figures") == first
    assert {p: p.stat().st_mtime_ns for p in mtimes} == mtimes


def _edit_metadata(project: Path, which: str, **changes: str) -> int:
    """Change fields of one metadata row; return its line number in the file."""
    path = project / "data" / "raw" / "documents.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    fields = list(rows[0])
    line = next(i for i, row in enumerate(rows, start=2) if row["doc_id"] == which)
    rows[line - 2].update(changes)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    return line


def _break_missing_file(project: Path) -> tuple[int, str]:
    return _edit_metadata(project, "shanxi_pv_2023", file="texts/nope.txt"), "does not exist"


def _break_sha256(project: Path) -> tuple[int, str]:
    return _edit_metadata(project, "shanxi_pv_2023", sha256="0" * 64), "has changed"


def _break_duplicate_id(project: Path) -> tuple[int, str]:
    return _edit_metadata(
        project, "shanxi_pv_2023", doc_id="shanxi_chain_chief_2024"
    ), "duplicate doc_id"


def _break_date(project: Path) -> tuple[int, str]:
    return _edit_metadata(project, "shanxi_pv_2023", issued="2023-02-30"), "not a real date"


def _break_encoding(project: Path) -> tuple[int, str]:
    text_file = project / "data" / "raw" / "texts" / "shanxi_pv_2023.txt"
    text_file.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00binary")
    import hashlib

    line = _edit_metadata(
        project, "shanxi_pv_2023", sha256=hashlib.sha256(text_file.read_bytes()).hexdigest()
    )
    return line, "binary"


@pytest.mark.parametrize(
    "break_input, error",
    [
        (_break_missing_file, MetadataError),
        (_break_sha256, MetadataError),
        (_break_duplicate_id, MetadataError),
        (_break_date, MetadataError),
        (_break_encoding, TextEncodingError),
    ],
)
def test_bad_input_stops_the_build_and_keeps_previous_outputs(project, break_input, error):
    pl.build(project)
    before = snapshot(project / "data" / "processed")
    line, reason = break_input(project)
    with pytest.raises(error) as info:
        pl.build(project)
    message = str(info.value)
    assert reason in message
    assert f"row {line}" in message
    assert "fix:" in message
    assert snapshot(project / "data" / "processed") == before
    assert not list((project / "data").glob(".staging-*"))


def test_cli_reports_bad_input_without_traceback(project, capsys):
    pl.build(project)
    before = snapshot(project / "data" / "processed")
    _break_sha256(project)
    with pytest.raises(SystemExit) as exit_info:
        main(["--root", str(project), "build"])
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert err.startswith("policylens: error:")
    assert "documents.csv, row" in err and "Traceback" not in err
    assert snapshot(project / "data" / "processed") == before


def test_no_project_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("POLICYLENS_ROOT", raising=False)
    with pytest.raises(PolicylensError, match="No policylens project found"):
        pl.build()
