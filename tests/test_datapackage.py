"""datapackage.json passes the Frictionless validator, data and keys included."""

from __future__ import annotations

import json
from pathlib import Path

import frictionless


def test_the_built_package_passes_the_standard_validator(built_project: Path):
    path = built_project / "data" / "processed" / "datapackage.json"
    report = frictionless.validate(path)
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


def test_the_package_is_citable_and_its_rows_tied_to_their_documents(built_project: Path):
    package = json.loads((built_project / "data/processed/datapackage.json").read_text("utf-8"))
    assert package["version"] and package["licenses"][0]["name"] == "MIT"
    documents = (built_project / "data/processed/documents.csv").read_text("utf-8")
    assert len(package["sources"]) == len(documents.splitlines()) - 1
    resources = {resource["name"]: resource["schema"] for resource in package["resources"]}
    assert resources["documents"]["primaryKey"] == ["doc_id"]
    for table in ("targets", "actuals", "chains", "modes", "mode_actors", "milestones"):
        references = {key["reference"]["resource"] for key in resources[table]["foreignKeys"]}
        assert "documents" in references, table


def test_a_row_citing_an_unknown_document_fails_validation(built_copy: Path):
    targets = built_copy / "data" / "processed" / "targets.csv"
    header, first, *rest = targets.read_text("utf-8").splitlines(keepends=True)
    assert header.startswith("target_id,doc_id,")
    target_id, _doc_id, tail = first.split(",", 2)
    targets.write_text(f"{header}{target_id},no_such_doc,{tail}{''.join(rest)}", "utf-8")
    report = frictionless.validate(built_copy / "data" / "processed" / "datapackage.json")
    assert not report.valid
    assert "foreign-key" in {error.type for task in report.tasks for error in task.errors}
