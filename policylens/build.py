"""`policylens build`: data/raw/ in, every table, figure and workbook out.

Three blocks, as in a data-pipeline step: load and validate the inputs;
process them into tables; save everything into a staging folder and publish it
in one journalled swap (``outputs``). Any error, or a kill at any moment, leaves
the previous outputs (or, once published, the complete new ones); builds of one
project take turns.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from policylens import __version__
from policylens.corpus import documents_frame, load_texts, read_metadata
from policylens.errors import OutputError
from policylens.excel import write_workbook
from policylens.outputs import Stage, build_lock, publish, recover, staging
from policylens.paths import Project, find_project
from policylens.plots import write_figures
from policylens.schema import datapackage_descriptor
from policylens.storage import table_to_csv_bytes
from policylens.tables import build_tables


@dataclass
class BuildReport:
    """What a build produced: table row counts and the output folders that changed."""

    root: Path
    rows: dict[str, int]
    files: list[str] = field(default_factory=list)
    changed: list[Path] = field(default_factory=list)
    pending: int = 0
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        counts = ", ".join(f"{name} {n}" for name, n in self.rows.items())
        state = (
            "updated " + ", ".join(str(p.relative_to(self.root)) for p in self.changed)
            if self.changed
            else "outputs unchanged"
        )
        lines = [*self.notes, f"built {len(self.files)} files ({counts}); {state}"]
        if self.pending:
            lines.append(
                f"note: {self.pending} extracted candidate(s) await a review decision and are "
                "not in targets.csv: run `policylens review`"
            )
        return "\n".join(lines)


def build(root: str | os.PathLike[str] | None = None) -> BuildReport:
    """Build every output of the project at ``root`` (default: the current project)."""
    project = find_project(root)
    with build_lock(project):
        notes = [f"note: {done}" for done in recover(project)]
        report = _build(project)
    report.notes = notes
    return report


def _build(project: Project) -> BuildReport:
    # Load: metadata rows and texts, each checked against the other.
    rows = read_metadata(project)
    texts = load_texts(project, rows)
    documents = documents_frame(rows)

    # Process: the tidy tables, and the candidates still awaiting review.
    built = build_tables(project, documents, texts)
    tables = built.tables

    # Save: stage every output, then publish them together.
    with staging(project) as stage:
        unchanged = "Nothing was changed: data/processed/ and figures/ hold the previous outputs."
        try:
            files = _write_outputs(project, stage, tables, built.pending, rows)
        except OSError as exc:
            # a full disk, a file-size limit, a folder made read-only meanwhile
            raise OutputError(
                f"cannot write {exc.filename or 'the outputs'}: {exc.strerror or exc}. "
                f"{unchanged} Free some disk space (or raise the file-size limit) and build "
                "again."
            ) from None
        except OutputError as exc:  # the workbook, written by the excel module
            raise OutputError(f"{exc} {unchanged}") from None
        changed = publish(stage, project)
    counts = {name: len(frame) for name, frame in tables.items()}
    return BuildReport(project.root, counts, files, changed, pending=len(built.pending))


def _write_outputs(project: Project, stage: Stage, tables, pending, rows) -> list[str]:
    """Write every table, figure and the workbook into the staging folder."""
    files = []
    for name, frame in tables.items():
        (stage.processed / f"{name}.csv").write_bytes(table_to_csv_bytes(frame, name))
        files.append(f"data/processed/{name}.csv")
    descriptor = datapackage_descriptor(list(tables))
    (stage.processed / "datapackage.json").write_text(
        json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    files.append("data/processed/datapackage.json")
    info = _build_info(rows)
    (stage.processed / "build_info.json").write_text(
        json.dumps(info, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    files.append("data/processed/build_info.json")
    figures = write_figures(tables, stage.figures, cache=project.cache / "figures")
    files += [f"figures/{path.name}" for path in figures]
    figures = [path for path in figures if path.suffix == ".png"]
    workbook = stage.processed / project.workbook.name
    write_workbook(tables, workbook, figures=figures, review=pending, build_info=info)
    files.append(f"data/processed/{workbook.name}")
    return files


def _build_info(rows: list[tuple[int, dict[str, str]]]) -> dict:
    """Which inputs and which policylens made the outputs (no timestamps: reproducible)."""
    return {
        "policylens_version": __version__,
        "documents": {row["doc_id"]: row["sha256"] for _, row in rows},
    }
