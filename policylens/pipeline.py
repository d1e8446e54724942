"""The project: the one module that knows where a project is and what is on its disk.

Everything below this module is a function of its inputs (texts, frames,
decisions); everything here reads or writes a project folder:

- **finding the root** (:func:`find_project`): ``--root`` / ``POLICYLENS_ROOT``,
  else the nearest folder upward that holds ``data/raw/``;
- **loading and saving tables**: the built CSV tables, typed and validated
  (``load_*``), and the raw corpus (``load_documents``, ``load_text``);
- **building** (:func:`build`): load and validate the inputs, process them into
  tables, save every output into a staging folder and publish it in one
  journalled swap (``outputs``); a failed or killed build leaves the previous
  outputs; builds of one project take turns;
- **the figure cache**: charts kept under a digest of their inputs in
  ``.policylens-cache/`` so a rebuild with unchanged tables does not redraw them;
- **the pending review** and **the workbook** of a built project
  (:func:`pending_review`, :func:`to_excel`): what awaits a decision is the built
  ``candidates`` table, usable at once (``load_candidates``,
  ``load_targets(candidates=True)``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

import pandas as pd

from policylens.corpus import _checked_text, documents_frame, load_texts, read_metadata
from policylens.datapackage import package_descriptor
from policylens.engine.cache import DocumentCache, document_key
from policylens.errors import (
    InputError,
    NotBuiltError,
    OutputError,
    ProjectNotFoundError,
    ReviewError,
    SchemaError,
)
from policylens.excel import tables_workbook_bytes, write_workbook
from policylens.filters import select
from policylens.model.schema import OUTPUT_TABLES, TABLES, conform, empty_frame, validate
from policylens.outputs import (
    Stage,
    build_lock,
    publish,
    recover,
    staging,
    write_bytes_atomic,
)
from policylens.overtime.attainment import attainment as attainment_table
from policylens.overtime.decisions import read_revision_decisions
from policylens.overtime.outcomes import read_outcomes
from policylens.overtime.revisions import revisions as revisions_table
from policylens.parquet import write_parquet_tables
from policylens.paths import ROOT_ENV, Project
from policylens.plots import export, fonts, style
from policylens.read.pages import document_pages, with_pages
from policylens.review import (
    apply_decisions,
    candidates_table,
    number_candidates,
    read_decisions,
    with_candidates,
)
from policylens.tables import build_tables, candidate_targets, check_quotes, extract_documents
from policylens.version import __version__

# --------------------------------------------------------------------------- the root


def find_project(root: str | os.PathLike[str] | None = None) -> Project:
    """Return the project at ``root``, ``$POLICYLENS_ROOT`` or the nearest one upward.

    Raises ProjectNotFoundError with what to do when there is none.
    """
    if root is None:
        root = os.environ.get(ROOT_ENV) or None
    if root is not None:
        return _named_project(root)
    start = Path.cwd().resolve()
    for folder in (start, *start.parents):
        if (folder / "data" / "raw").is_dir():
            return Project(folder)
    raise ProjectNotFoundError(
        f"No policylens project found in {start} or any folder above it "
        "(a project is a folder holding data/raw/). Run policylens inside a project "
        f"folder, or name one with --root DIR or the {ROOT_ENV} environment variable."
    )


def _named_project(root: str | os.PathLike[str]) -> Project:
    try:
        path = Path(root).expanduser().resolve()
        is_project = (path / "data" / "raw").is_dir()
    except (OSError, RuntimeError, ValueError) as exc:  # NUL, too long, a symlink loop
        raise ProjectNotFoundError(
            f"{str(root)!r} cannot be used as a project folder ({exc}). Point --root / "
            f"{ROOT_ENV} at a folder that holds data/raw/."
        ) from None
    if not is_project:
        raise ProjectNotFoundError(
            f"{path} is not a policylens project: it has no data/raw/ folder. "
            "Create data/raw/ with a documents.csv there, or point --root / "
            f"{ROOT_ENV} at a folder that has one."
        )
    return Project(path)


# --------------------------------------------------------------------------- the corpus


def load_documents(root: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """The ``documents`` table: every metadata row, validated against its text file.

    >>> import policylens as pl
    >>> pl.load_documents()[["doc_id", "province", "issued"]]  # doctest: +SKIP
    """
    project = find_project(root)
    rows = read_metadata(project)
    load_texts(project, rows)
    return documents_frame(rows)


def load_text(doc_id: str, root: str | os.PathLike[str] | None = None) -> str:
    """The normalised text of one document; quotes and offsets everywhere refer to it."""
    project = find_project(root)
    rows = {row["doc_id"]: (line, row) for line, row in read_metadata(project)}
    if doc_id not in rows:
        known = ", ".join(sorted(rows)) or "none"
        raise InputError(
            f"unknown doc_id {doc_id!r} (known: {known})",
            path=project.metadata,
            fix="use a doc_id from documents.csv, or add a row for the document",
        )
    line, row = rows[doc_id]
    return _checked_text(project, line, row)


# --------------------------------------------------------------------------- built tables


def table_to_csv_bytes(df: pd.DataFrame, table: str) -> bytes:
    """Serialise a conformed table to CSV bytes.

    CSV is UTF-8 without BOM, ``\\n`` line ends, dates as ISO ``YYYY-MM-DD``,
    missing values as empty cells, floats written in full (never rounded), so
    that the same table always gives the same bytes.
    """
    out = df.copy()
    for column in OUTPUT_TABLES[table].columns:
        if column.type == "date":
            out[column.name] = out[column.name].dt.strftime("%Y-%m-%d")
    buffer = io.StringIO()
    out.to_csv(buffer, index=False, lineterminator="\n", na_rep="")
    return buffer.getvalue().encode("utf-8")


def read_table_csv(path: Path, table: str) -> pd.DataFrame:
    """Read a table written by ``table_to_csv_bytes``, typed and validated."""
    if not path.exists():
        raise NotBuiltError(
            f"{path} does not exist yet: run `policylens build` (or pl.build()) in the "
            "project folder first"
        )
    rebuild = (
        "the table is out of date (made by another policylens version) or damaged: "
        "rebuild it with `policylens build`"
    )
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise InputError(f"cannot read the table: {exc}", path=path, fix=rebuild) from None
    except OSError as exc:
        raise InputError(
            f"cannot read the table: {exc.strerror or exc}",
            path=path,
            fix="make the file readable, or rebuild it with `policylens build`",
        ) from None
    try:
        return validate(conform(raw, table), table)
    except SchemaError as exc:
        raise SchemaError(f"{path}: {exc}\n  fix: {rebuild}") from None
    except (ValueError, TypeError, OverflowError) as exc:  # a cell conform cannot type
        raise SchemaError(
            f"{path}: a cell does not fit its column ({exc})\n  fix: {rebuild}"
        ) from None


def load_table(table: str, root: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """A built table from data/processed/, typed and validated."""
    if table not in OUTPUT_TABLES:
        raise ValueError(f"unknown table {table!r}; tables are {', '.join(OUTPUT_TABLES)}")
    project = find_project(root)
    return read_table_csv(project.processed / f"{table}.csv", table)


def load_targets(
    root: str | os.PathLike[str] | None = None,
    *,
    province: str | Iterable[str] | None = None,
    year: int | Iterable[int] | None = None,
    candidates: bool = False,
) -> pd.DataFrame:
    """Quantitative targets, one row per distinct target, each citing its quote.

    ``province`` (English or Chinese name, or several) and ``year`` (target year)
    keep only those rows: ``pl.load_targets(province="Shanxi", year=2024)``.

    ``candidates=True`` adds every extracted target no review decision covers yet
    (the ``candidates`` table), each row marked: ``status`` reviewed or unreviewed,
    ``needs_review`` and ``review_reason``; a candidate's ``target_id`` is its
    ``<doc_id>:c<n>``. ``pl.unreviewed_note(frame)`` says so under what you show.
    """
    targets = load_table("targets", root)
    if candidates:
        targets = with_candidates(targets, load_table("candidates", root))
    return select(targets, "targets", province=province, year=year)


def load_candidates(
    root: str | os.PathLike[str] | None = None,
    *,
    province: str | Iterable[str] | None = None,
    year: int | Iterable[int] | None = None,
) -> pd.DataFrame:
    """Extracted targets no review decision covers yet, marked ``status`` unreviewed.

    Usable at once (a corpus of thousands needs no decision per row); each has a
    stable ``candidate_id`` ``<doc_id>:c<n>`` and ``needs_review`` with its reason.
    """
    return select(load_table("candidates", root), "candidates", province=province, year=year)


def load_actuals(
    root: str | os.PathLike[str] | None = None,
    *,
    province: str | Iterable[str] | None = None,
    year: int | Iterable[int] | None = None,
) -> pd.DataFrame:
    """Achieved or current figures the documents report, each citing its quote.

    What the plans start from (2023年…达到, 截至2024年底, 同比增长, 基期值): the same
    fields as a target, with the ``year``/``period`` and ``as_of`` date they refer to.
    ``year`` keeps the figures of that year: ``pl.load_actuals(province="山西", year=2023)``.
    """
    return select(load_table("actuals", root), "actuals", province=province, year=year)


def load_chains(
    root: str | os.PathLike[str] | None = None, *, province: str | Iterable[str] | None = None
) -> pd.DataFrame:
    """Chains, clusters and industries each document names or counts (of ``province``)."""
    return select(load_table("chains", root), "chains", province=province)


def load_modes(
    root: str | os.PathLike[str] | None = None, *, province: str | Iterable[str] | None = None
) -> pd.DataFrame:
    """A+B(+C) collaboration modes and other + slogans, one row per distinct mode."""
    return select(load_table("modes", root), "modes", province=province)


def load_mode_actors(
    root: str | os.PathLike[str] | None = None, *, province: str | Iterable[str] | None = None
) -> pd.DataFrame:
    """The actors of each mode, one row per (mode, actor)."""
    return select(load_table("mode_actors", root), "mode_actors", province=province)


def load_milestones(
    root: str | os.PathLike[str] | None = None,
    *,
    province: str | Iterable[str] | None = None,
    year: int | Iterable[int] | None = None,
) -> pd.DataFrame:
    """Dated actions of each plan, with period and deadline (``year``: the deadline's year)."""
    return select(load_table("milestones", root), "milestones", province=province, year=year)


def revisions(
    root: str | os.PathLike[str] | None = None, *, province: str | Iterable[str] | None = None
) -> pd.DataFrame:
    """The same goal across successive documents of a province, and what changed.

    One row per pair of goals (raised, lowered, tightened or loosened for a cap,
    postponed, brought_forward, unchanged) or lone goal between a plan and its next version (dropped, new),
    with earlier and later value, year, comparator and commitment, and ``why``
    the two rows are taken for one goal. The table ``policylens build`` made.

    >>> import policylens as pl
    >>> pl.revisions(province="Sichuan")[["change", "earlier_value", "later_value"]]  # doctest: +SKIP
    """
    return select(load_table("revisions", root), "revisions", province=province)


def attainment(
    reference_date: str | dt.date | None = None,
    root: str | os.PathLike[str] | None = None,
    *,
    province: str | Iterable[str] | None = None,
    year: int | Iterable[int] | None = None,
) -> pd.DataFrame:
    """Each target against the outcome for its year: met, not_met, not_yet_due, no_outcome.

    Outcomes come from ``data/raw/outcomes.csv`` (your statistics) and the
    ``actuals`` later documents report. Without ``reference_date``: the table
    ``policylens build`` made, judged at the date the evidence stands at (the
    newest document or outcome). With one (``"2026-12-31"``, a date): judged
    again at that date from the built tables and the outcomes file as it is now.

    >>> import policylens as pl
    >>> pl.attainment("2026-12-31", province="Jiangxi")[["target_id", "status"]]  # doctest: +SKIP
    """
    if reference_date is None:
        table = load_table("attainment", root)
    else:
        project = find_project(root)
        actuals = load_table("actuals", project.root)
        table = attainment_table(
            load_table("targets", project.root),
            actuals,
            read_outcomes(project.outcomes),
            documents=load_table("documents", project.root),
            reference_date=reference_date,
        )
    return select(table, "attainment", province=province, year=year)


def over_time(
    project: Project, tables: dict[str, pd.DataFrame], texts: dict[str, str]
) -> dict[str, pd.DataFrame]:
    """The ``revisions`` and ``attainment`` tables of built ``tables``.

    Reads the reviewer's ``revision:`` decisions and ``outcomes.csv``; a bad
    entry in either stops the build naming it.
    """
    targets, documents = tables["targets"], tables["documents"]
    decisions = read_revision_decisions(project.decisions, texts, targets, documents)
    outcomes = read_outcomes(project.outcomes)
    return {
        "revisions": revisions_table(
            targets, documents, decisions, decisions_path=project.decisions
        ),
        "attainment": attainment_table(targets, tables["actuals"], outcomes, documents=documents),
    }


# --------------------------------------------------------------------------- build


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
                f"note: {self.pending} extracted candidate(s) await a review decision: they are "
                "in candidates.csv (status unreviewed), not in targets.csv; run `policylens review`"
            )
        return "\n".join(lines)


def build(
    root: str | os.PathLike[str] | None = None, *, jobs: int = 1, figures: bool = True
) -> BuildReport:
    """Build every output of the project at ``root`` (default: the current project).

    ``jobs``: processes that extract the documents (0: one per core); the outputs
    are the same whatever it is. Each document's extracted rows are cached in
    ``.policylens-cache/documents/``, so a rebuild extracts only new or edited
    documents. ``figures=False`` builds the tables and the workbook without
    drawing (the workbook embeds no chart) and leaves ``figures/`` as it was.
    """
    project = find_project(root)
    with build_lock(project):
        notes = [f"note: {done}" for done in recover(project)]
        report = _build(project, jobs=jobs, figures=figures)
    report.notes = notes
    return report


def document_cache(project: Project) -> DocumentCache:
    """The project's cache of extracted rows (:mod:`policylens.engine.cache`)."""
    return DocumentCache(project.cache / "documents")


def _build(project: Project, *, jobs: int = 1, figures: bool = True) -> BuildReport:
    # Load: metadata rows and texts, each checked against the other; pages; decisions.
    rows = read_metadata(project)
    texts = load_texts(project, rows)
    documents = documents_frame(rows)
    pages = document_pages(project, documents)
    decisions = read_decisions(project.decisions, texts)

    # Process: extract (cached per document, in processes); the extracted targets are
    # candidates until the reviewer's decisions cover them; the tidy tables.
    cache = document_cache(project)
    extracted = extract_documents(documents, texts, jobs=jobs, cache=cache)
    candidates = number_candidates(extracted["targets"])
    reviewed = apply_decisions(candidates, decisions, texts, project.decisions)
    tables = build_tables(documents, texts, pages, reviewed.targets, extracted)
    tables |= over_time(project, tables, texts)
    tables["candidates"] = candidates_table(with_pages(reviewed.pending, pages))
    check_quotes(tables["candidates"], texts, "candidates")
    cache.prune(keep=_document_keys(documents, texts))

    # Save: stage every output, then publish them together.
    with staging(project, figures=figures) as stage:
        unchanged = "Nothing was changed: data/processed/ and figures/ hold the previous outputs."
        try:
            files = _write_outputs(project, stage, tables, rows)
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
    return BuildReport(project.root, counts, files, changed, pending=len(reviewed.pending))


def _write_outputs(project: Project, stage: Stage, tables, rows) -> list[str]:
    """Write every table (CSV and Parquet), figure and the workbook into the staging folder."""
    files = []
    for name, frame in tables.items():
        (stage.processed / f"{name}.csv").write_bytes(table_to_csv_bytes(frame, name))
        files.append(f"data/processed/{name}.csv")
    for path in write_parquet_tables(tables, stage.processed / "parquet"):
        files.append(f"data/processed/parquet/{path.name}")
    descriptor = package_descriptor(list(tables), tables["documents"])
    (stage.processed / "datapackage.json").write_text(
        json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    files.append("data/processed/datapackage.json")
    info = _build_info(rows, project)
    (stage.processed / "build_info.json").write_text(
        json.dumps(info, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    files.append("data/processed/build_info.json")
    figures = []
    if stage.with_figures:
        figures = write_figures(tables, stage.figures, cache=project.cache / "figures")
        files += [f"figures/{path.name}" for path in figures]
        figures = [path for path in figures if path.suffix == ".png"]
    workbook = stage.processed / project.workbook.name
    write_workbook(tables, workbook, figures=figures, build_info=info)
    files.append(f"data/processed/{workbook.name}")
    return files


def _document_keys(documents: pd.DataFrame, texts: dict[str, str]) -> set[str]:
    return {
        document_key(texts[doc.doc_id], None if pd.isna(doc.issued) else doc.issued.date())
        for doc in documents.itertuples()
    }


def _build_info(rows: list[tuple[int, dict[str, str]]], project: Project) -> dict:
    """Which inputs and which policylens made the outputs (no timestamps: reproducible)."""
    info = {
        "policylens_version": __version__,
        "documents": {row["doc_id"]: row["sha256"] for _, row in rows},
    }
    if project.outcomes.exists():  # your statistics are an input too
        info["outcomes"] = hashlib.sha256(project.outcomes.read_bytes()).hexdigest()
    return info


# --------------------------------------------------------------------------- pending review


def pending_review(
    root: str | os.PathLike[str] | None = None, problems: list[ReviewError] | None = None
) -> pd.DataFrame:
    """Candidates that no decision covers yet — what a reviewer should look at next.

    With a ``problems`` list, decisions with errors are collected there and do
    not count, so their candidates are listed as still pending (the file is
    being edited); without one, the first error raises ReviewError.
    """
    project = find_project(root)
    rows = read_metadata(project)
    texts = load_texts(project, rows)
    candidates = number_candidates(
        candidate_targets(documents_frame(rows), texts, cache=document_cache(project))
    )
    decisions = read_decisions(project.decisions, texts, problems)
    return apply_decisions(candidates, decisions, texts, project.decisions, problems).pending


# --------------------------------------------------------------------------- workbook


def to_excel(
    path: str | os.PathLike[str],
    root: str | os.PathLike[str] | None = None,
    *,
    tables: dict[str, pd.DataFrame] | None = None,
) -> Path:
    """Write an Excel workbook to ``path``; return the path written.

    Without ``tables``: the summary of a built project — the tables come from
    ``data/processed/`` (run ``policylens build`` first), the figures from
    ``figures/``, the Review sheet from the built ``candidates`` table.

    With ``tables`` ({sheet name: DataFrame}): exactly those frames, one sheet
    each (e.g. the targets you filtered), with the same formatting and the same
    safety (text never runs as a formula) and a README sheet saying what every
    column means. ``path`` may be a folder: the workbook is then
    ``policylens_summary.xlsx`` in it.

    >>> import policylens as pl
    >>> pl.to_excel("summary.xlsx")  # doctest: +SKIP
    >>> shanxi = pl.load_targets(province="Shanxi")  # doctest: +SKIP
    >>> pl.to_excel("shanxi.xlsx", tables={"Shanxi targets": shanxi})  # doctest: +SKIP
    """
    target = Path(path).expanduser()
    if tables is not None:
        target = _xlsx_path(target / "policylens_summary.xlsx" if target.is_dir() else target)
        write_bytes_atomic(
            target,
            tables_workbook_bytes(tables),
            hint="If the workbook is open in Excel (or another program), close it. ",
        )
        return target.resolve()
    project = find_project(root)
    if target.is_dir():
        target = target / project.workbook.name
    target = _xlsx_path(target)
    tables = {name: load_table(name, project.root) for name in OUTPUT_TABLES}
    info_path = project.processed / "build_info.json"
    build_info = json.loads(info_path.read_text(encoding="utf-8")) if info_path.exists() else None
    figures = sorted(project.figures.glob("*.png")) if project.figures.is_dir() else []
    write_workbook(tables, target, figures=figures, build_info=build_info)
    return target.resolve()


def _xlsx_path(target: Path) -> Path:
    if target.suffix.lower() != ".xlsx":
        raise OutputError(
            f"cannot write {target}: an Excel workbook needs the .xlsx extension. "
            "Name the file e.g. summary.xlsx."
        )
    return target


# --------------------------------------------------------------------------- figure cache


def _code_key() -> bytes:
    """A digest of what every chart's bytes depend on besides its tables: policylens, the
    drawing libraries' versions, the bundled font and the chart code."""
    digest = hashlib.sha256()
    digest.update(__version__.encode())
    for package in ("matplotlib", "seaborn", "pandas", "pillow", "numpy"):
        digest.update(f"{package}={version(package)}\0".encode())
    font = fonts.bundled_font_path()
    digest.update(f"{font}:{font.stat().st_size if font else 0}".encode())
    for module in sorted(Path(export.__file__).parent.glob("*.py")):
        digest.update(module.read_bytes())
    return digest.digest()


def chart_key(
    spec: export.FigureSpec,
    lang: str,
    tables: dict[str, pd.DataFrame],
    code: bytes | None = None,
) -> str:
    """A digest of everything one chart's bytes depend on: the tables and columns it reads
    (``spec.reads``), its language, the code and the versions.

    Two calls with equal keys draw byte-identical files, so the files of the
    first can stand in for the second (see ``cache`` in :func:`write_figures`).
    ``code``: :func:`_code_key`, when the caller has it already.
    """
    digest = hashlib.sha256(code if code is not None else _code_key())
    digest.update(f"{spec.stem(lang)}\0".encode())
    for name, frame in sorted(spec.inputs(tables).items()):
        digest.update(f"{name}:{list(frame.columns)}:{list(map(str, frame.dtypes))}".encode())
        digest.update(pd.util.hash_pandas_object(frame, index=True).to_numpy().tobytes())
    return digest.hexdigest()


def write_figures(
    tables: dict[str, pd.DataFrame],
    folder: str | os.PathLike[str],
    *,
    workers: int | None = None,
    cache: str | os.PathLike[str] | None = None,
) -> list[Path]:
    """Every chart of ``plots.FIGURES`` in ``folder``, drawn or taken from ``cache``.

    ``cache``: a folder where each chart's files are kept under the digest of
    what it reads (:func:`chart_key`); a chart whose inputs, code and versions
    are unchanged is copied from there, and only the others are drawn (in
    parallel, see ``export.write_figures``). The folder holds one version of each chart.
    """
    full = {name: tables[name] if name in tables else empty_frame(name) for name in TABLES}
    if cache is None:
        return export.write_figures(full, folder, workers=workers)
    jobs = [(spec, lang) for spec in export.FIGURES for lang in style.LANGS]
    code = _code_key()
    keys = [chart_key(spec, lang, full, code) for spec, lang in jobs]
    results = [
        _from_cache(cache, spec.stem(lang), key)
        for (spec, lang), key in zip(jobs, keys, strict=True)
    ]
    missing = [i for i, result in enumerate(results) if result is None]
    drawn = export.render_jobs(
        full, [(jobs[i][0].number, jobs[i][1]) for i in missing], workers=workers
    )
    for i, result in zip(missing, drawn, strict=True):
        results[i] = result
        _to_cache(cache, jobs[i][0].stem(jobs[i][1]), keys[i], result)
    _prune(cache, {spec.stem(lang) for spec, lang in jobs})
    return export.save_figures(results, folder)


def _prune(cache, stems: set[str]) -> None:
    """Remove what the cache holds besides the current charts (e.g. the one-folder-per-build
    cache of policylens before charts were cached one by one)."""
    try:
        for entry in Path(cache).iterdir():
            if entry.name not in stems and not entry.name.startswith(".tmp-"):
                shutil.rmtree(entry, ignore_errors=True)
    except OSError:
        pass


def _from_cache(cache, stem: str, key: str) -> dict[str, bytes] | None:
    """The files of chart ``stem`` drawn from inputs of digest ``key``, or None."""
    folder = Path(cache) / stem / key
    try:
        return {fmt: (folder / f"{stem}.{fmt}").read_bytes() for fmt in export.FORMATS}
    except OSError:
        return None


def _to_cache(cache, stem: str, key: str, result: dict[str, bytes]) -> None:
    """Keep one chart's files under its key, replacing the chart's earlier version.

    The cache is a convenience: a failure to write it never fails the call.
    """
    root = Path(cache)
    staged = None
    try:
        (root / stem).mkdir(parents=True, exist_ok=True)
        staged = Path(tempfile.mkdtemp(prefix=".tmp-", dir=root))
        for fmt, data in result.items():
            (staged / f"{stem}.{fmt}").write_bytes(data)
        for old in (root / stem).iterdir():
            shutil.rmtree(old, ignore_errors=True)
        os.replace(staged, root / stem / key)
    except OSError:
        if staged is not None:  # e.g. the disk filled up: leave no half copy behind
            shutil.rmtree(staged, ignore_errors=True)
