"""The `policylens` command: thin click commands over the library.

Expected user errors (``PolicylensError``) are printed as one clear message
and exit with status 1, without a traceback; usage errors exit with 2.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from collections.abc import Iterable
from pathlib import Path

import click

from policylens.errors import InputError, PolicylensError
from policylens.version import __version__

_ROOT_HELP = (
    "Project folder (holding data/raw/). Default: $POLICYLENS_ROOT, else the nearest "
    "folder upward from here that holds data/raw/."
)


def _keep_root(ctx: click.Context, _param: click.Parameter, value: Path | None) -> None:
    """Store --root wherever it was given: `policylens --root D build` or `build --root D`."""
    if value is not None:
        ctx.ensure_object(dict)["root"] = value
        if ctx.parent is not None:
            ctx.parent.ensure_object(dict)["root"] = value


def root_option(command):
    """``--root DIR``, accepted after the subcommand as well as before it."""
    return click.option(
        "--root",
        type=click.Path(file_okay=False, path_type=Path),
        expose_value=False,
        callback=_keep_root,
        help=_ROOT_HELP,
    )(command)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="policylens")
@click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="POLICYLENS_ROOT",
    help=_ROOT_HELP,
)
@click.pass_context
def cli(ctx: click.Context, root: Path | None) -> None:
    """Tidy, citable tables and charts from Chinese industrial-policy documents."""
    ctx.ensure_object(dict).setdefault("root", root)


def jobs_option(command):
    """``--jobs/-j N``: processes that extract documents (0: one per core)."""
    return click.option(
        "--jobs",
        "-j",
        type=click.IntRange(min=0),
        default=1,
        show_default=True,
        help="Processes that extract documents (0: one per core). Same output for any N.",
    )(command)


@cli.command()
@root_option
@jobs_option
@click.option(
    "--no-figures",
    is_flag=True,
    help="Build the tables and the workbook without drawing charts; figures/ is left as it is.",
)
@click.pass_context
def build(ctx: click.Context, jobs: int, no_figures: bool) -> None:
    """Build every table, figure and the Excel summary from data/raw/.

    Writes data/processed/ (CSV tables, datapackage.json) and figures/. A failed
    build leaves the previous outputs exactly as they were. Each document's
    extracted rows are cached (.policylens-cache/documents/): a rebuild extracts
    only the documents that changed.
    """
    from policylens.pipeline import build as run_build

    report = run_build(ctx.obj["root"], jobs=jobs, figures=not no_figures)
    click.echo(f"{report.summary()}\nproject: {report.root}")


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--issued", metavar="YYYY-MM-DD", help="Issue date, to resolve relative times such as 年底前."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "json"]),
    default="csv",
    show_default=True,
    help="Output format (json: an array of row objects).",
)
@jobs_option
def extract(paths: tuple[Path, ...], issued: str | None, fmt: str, jobs: int) -> None:
    """Find the quantitative targets in documents (.pdf, .docx, .html, .htm, .txt) or folders.

    A folder is read with every supported file below it; rows stream to
    standard output as each file is read, with a progress bar on a terminal.
    Each row names its file and, for a PDF, the page of its quote. Files of
    other types are listed as skipped on standard error; files that cannot be
    read are reported there too and make the exit status 1.
    """
    from policylens.engine.pool import ExtractionPool
    from policylens.extract import TARGET_COLUMNS

    issue_date = _parse_issued(issued)
    files, skipped = _document_files(paths)
    for path in skipped:
        click.echo(f"skipped: {path}: not a type policylens reads", err=True)
    writer = _RowWriter(sys.stdout, fmt, ["file", "page", *TARGET_COLUMNS])
    failed = 0
    try:
        with ExtractionPool(jobs, tables=("targets",)) as pool:
            for batch in _batches(_progress(files), 1 if pool.jobs == 1 else 16 * pool.jobs):
                failed += _extract_files(batch, issue_date, pool, writer)
        writer.close()
    except BrokenPipeError:
        _quiet_stdout()  # the reader of our output has all it wanted (… | head): a normal end
        raise click.exceptions.Exit(0) from None
    if skipped:
        click.echo(
            f"{len(skipped)} file(s) skipped: not .pdf, .docx, .html, .htm or .txt", err=True
        )
    if failed:
        raise PolicylensError(f"{failed} of {len(files)} file(s) could not be read (see above)")


@cli.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--doc-id", help="Key of the document (default: <province>_<year>).")
@click.option("--province", help="Province in English (Fujian) or Chinese (福建).")
@click.option("--province-zh", help="Province in Chinese (福建); same as --province 福建.")
@click.option("--title-zh", help="Chinese title, if the text's own is not found.")
@click.option("--title-en", help="English title (needed: it is never made up).")
@click.option("--issuer", "issuer_zh", help="Issuing body or bodies as written.")
@click.option("--doc-number", help="Document number (发文字号), e.g. 闽工信规〔2024〕5号.")
@click.option("--issued", metavar="YYYY-MM-DD", help="Issue date (the signing date, 落款).")
@click.option("--status", type=click.Choice(["final", "draft"]), help="draft for a 征求意见稿.")
@click.option("--horizon-start", metavar="YEAR", help="First year the plan covers.")
@click.option("--horizon-end", metavar="YEAR", help="Last year the plan covers.")
@click.option("--source-url", help="Where the document was published (http(s) link).")
@click.option("--note", help="Why a fact is missing or how it was read.")
@root_option
@click.pass_context
def add(ctx: click.Context, file: Path, **fields: str | None) -> None:
    """Add a document as it was published (.pdf, .docx, .html/.htm or .txt) to data/raw/.

    Keeps the file byte for byte in data/raw/originals/, writes the text every
    quote refers to to data/raw/texts/<doc_id>.txt (PDF pages separated by form
    feeds), and appends its row to data/raw/documents.csv with the sha256 and
    the facts the text states: title, issuer, document number, issue date,
    draft or final, horizon and province. Options set any field and win over
    the text; what neither states stays empty. Then run `policylens review`.
    """
    from policylens.add import add_document

    added = add_document(file, ctx.obj["root"], **fields)
    click.echo(added.report())


@cli.command()
@click.option(
    "--yaml",
    "as_yaml",
    is_flag=True,
    help="Print the pending candidates as decision entries to paste into "
    "data/raw/review.yaml (each with action: accept; edit as you review).",
)
@root_option
@click.pass_context
def review(ctx: click.Context, as_yaml: bool) -> None:
    """List extracted targets that no review decision covers yet.

    Candidates enter the targets table only through a decision in
    data/raw/review.yaml (accept, reject, correct or add, keyed by doc_id and
    quote). After adding a document, run this to see what is new.
    """
    from policylens.pipeline import pending_review
    from policylens.review import decisions_template

    problems: list[PolicylensError] = []
    pending = pending_review(ctx.obj["root"], problems)
    for problem in problems:  # decisions being edited: they count once they are valid
        click.echo(f"policylens: error: {problem}", err=True)
    if problems:
        click.echo(
            f"policylens: {len(problems)} decision problem(s) above; the candidates of those "
            "decisions are listed as still awaiting review",
            err=True,
        )
    if as_yaml:
        click.echo(decisions_template(pending), nl=False)
    elif pending.empty:
        click.echo("Nothing to review: every extracted candidate has a decision.")
    else:
        _list_pending(pending)
    if problems:
        raise click.exceptions.Exit(1)


def _list_pending(pending) -> None:
    click.echo(f"{len(pending)} candidate(s) await a decision in data/raw/review.yaml:\n")
    for doc_id, group in pending.groupby("doc_id", sort=True):
        click.echo(f"{doc_id} ({len(group)})")
        for row in group.itertuples():
            click.echo(f"  {row.candidate_id}  {_describe_candidate(row)}\n    quote: {row.quote}")
    click.echo(
        "\nAdd decisions (policylens review --yaml prints entries to start from), "
        "then run policylens build."
    )


def _describe_candidate(row) -> str:
    """One line for a reviewer: indicator, comparator, value with unit, year, commitment."""
    import pandas as pd

    from policylens.overtime.goals import shown  # money in 亿元, as the notes write it

    if row.needs_review:
        return f"NEEDS REVIEW ({row.review_reason}) {row.scope_zh}"
    value = shown(row.value, str(row.unit))
    if not pd.isna(row.value_stretch):
        value += f" (stretch {shown(row.value_stretch, str(row.unit))})"
    year = "" if pd.isna(row.target_year) else f" by {row.period or row.target_year}"
    return f"{row.indicator} {row.comparator} {value}{year}, {row.commitment} — {row.scope_zh}"


@cli.group()
def export() -> None:
    """Write the built tables in a form for readers who do not use Python."""


@export.command("xlsx")
@click.argument("path", type=click.Path(path_type=Path))
@root_option
@click.pass_context
def export_xlsx(ctx: click.Context, path: Path) -> None:
    """Write the Excel summary workbook to PATH (a .xlsx file, or a folder).

    One workbook that stands on its own: a README sheet (what it is, which
    documents and which policylens made it, how to cite, what every sheet and
    column means, units); the data sheets Documents, Targets, Chains, Modes,
    Mode actors and Milestones, holding exactly the values of data/processed/;
    Revenue goals (chain x province/year in 亿元 and CNY bn), Chain counts,
    Collaboration modes (mode x actor), Review (candidates awaiting a decision)
    and Figures. Text from the documents is always text, never a formula. Run
    `policylens build` first (it also writes data/processed/policylens_summary.xlsx).
    """
    from policylens.pipeline import to_excel

    written = to_excel(path, ctx.obj["root"])
    click.echo(f"wrote {written}")


def _batches(files: Iterable[Path], size: int) -> Iterable[list[Path]]:
    """``files`` in lists of ``size`` (rows of a list are written when all of it is read)."""
    batch: list[Path] = []
    for path in files:
        batch.append(path)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _extract_files(files: list[Path], issued: dt.date | None, pool, writer) -> int:
    """Read ``files``, extract their targets in ``pool`` and write the rows; return failures."""
    from policylens.extract import targets_frame
    from policylens.read import read_document
    from policylens.read.pages import normalise_pages, with_pages

    read = []
    failed = 0
    for path in files:
        try:
            document = read_document(path)
        except PolicylensError as exc:
            click.echo(f"skipped: {exc}", err=True)
            failed += 1
            continue
        for warning in document.warnings:
            click.echo(f"warning: {path}: {warning}", err=True)
        read.append((path, normalise_pages(document.text)))
    found = pool.extract([(paged.text, issued) for _, paged in read])
    for (path, paged), rows in zip(read, found, strict=True):
        frame = targets_frame(rows["tables"]["targets"]).assign(doc_id=str(path))
        for row in with_pages(frame, {str(path): paged}).to_dict("records"):
            page = row["page"] if paged.has_pages else None
            writer.write({**row, "file": str(path), "page": page})
    return failed


def _parse_issued(issued: str | None) -> dt.date | None:
    if issued is None:
        return None
    try:
        return dt.date.fromisoformat(issued)
    except ValueError:
        raise InputError(
            f"--issued {issued!r} is not a date", fix="write it as YYYY-MM-DD, e.g. 2024-01-12"
        ) from None


def _document_files(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """Files to read and files skipped: a folder gives every supported file below it."""
    from policylens.read import is_supported

    files: list[Path] = []
    skipped: list[Path] = []
    for path in paths:
        if not path.is_dir():
            files.append(path)  # named on its own: read it, or say why not
            continue
        for found in sorted(p for p in path.rglob("*") if p.is_file()):
            if found.name.startswith("."):
                continue  # hidden files (.DS_Store) are not documents
            (files if is_supported(found) else skipped).append(found)
    return files, skipped


def _progress(files: list[Path]) -> Iterable[Path]:
    if len(files) > 1 and sys.stderr.isatty():
        from tqdm import tqdm

        return tqdm(files, unit="file", file=sys.stderr)
    return files


class _RowWriter:
    """Streams rows as CSV or as one JSON array, without holding them in memory."""

    def __init__(self, stream, fmt: str, columns: list[str]) -> None:
        self.stream, self.fmt, self.columns, self.count = stream, fmt, columns, 0
        if fmt == "csv":
            self.csv = csv.DictWriter(stream, fieldnames=columns, lineterminator="\n")
            self.csv.writeheader()
        else:
            stream.write("[")

    def write(self, row: dict) -> None:
        clean = {name: _plain(row.get(name)) for name in self.columns}
        if self.fmt == "csv":
            self.csv.writerow({k: "" if v is None else v for k, v in clean.items()})
        else:
            self.stream.write(
                ("," if self.count else "") + "\n  " + json.dumps(clean, ensure_ascii=False)
            )
        self.count += 1
        self.stream.flush()

    def close(self) -> None:
        if self.fmt == "json":
            self.stream.write("\n]\n" if self.count else "]\n")
        self.stream.flush()


def _plain(value):
    """A JSON/CSV-friendly scalar: dates as ISO text, missing values as None."""
    if value is None:
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    if isinstance(value, float) and value != value:  # NaN
        return None
    if hasattr(value, "item"):  # numpy scalar
        return value.item()
    try:
        import pandas as pd

        if value is pd.NA or value is pd.NaT:
            return None
    except ImportError:  # pragma: no cover
        pass
    return value


#: The stop signal received, if any (see _stop).
_stopped_by: list[int] = []


class Stopped(BaseException):
    """SIGTERM or SIGHUP arrived: unwind (staging folders are removed) and exit."""


def _stop(signum: int, _frame) -> None:
    """End the drawing workers at once, then unwind this process as for Ctrl-C."""
    import multiprocessing
    import threading

    _stopped_by.append(signum)
    # the process pool's manager thread may trip over the workers' sudden end
    # (concurrent.futures InvalidStateError); the process is ending: keep quiet
    threading.excepthook = lambda _args: None
    for child in multiprocessing.active_children():
        child.kill()
    raise Stopped(signum)


def _install_signal_handlers() -> None:
    import signal

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _stop)


def _quiet_stdout() -> None:
    """After the reader of our output went away (``| head``): drop what is still buffered."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def main(argv: list[str] | None = None) -> None:
    """Entry point of the `policylens` console script."""
    _install_signal_handlers()
    try:
        result = cli.main(args=argv, prog_name="policylens", standalone_mode=False)
    except BaseException as exc:  # _exit_status re-raises what it does not expect
        sys.exit(_exit_status(exc))
    # click returns the exit code for --help/--version in non-standalone mode
    sys.exit(result if isinstance(result, int) else 0)


def _exit_status(exc: BaseException) -> int:
    """Report an exception that ended a command as one line; return the exit status.

    Anything unexpected (a bug) is raised again, with its traceback.
    """
    if _stopped_by:  # whatever the unwinding raised after a stop signal is its consequence
        import signal

        name = signal.Signals(_stopped_by[0]).name
        click.echo(f"policylens: stopped by {name}; previous outputs are intact", err=True)
        return 128 + _stopped_by[0]
    if isinstance(exc, PolicylensError):
        click.echo(f"policylens: error: {exc}", err=True)
        return 1
    if isinstance(exc, click.exceptions.Abort):
        click.echo("policylens: aborted", err=True)
        return 130
    if isinstance(exc, click.exceptions.Exit):
        return exc.exit_code
    if isinstance(exc, click.ClickException):
        exc.show()
        return exc.exit_code
    if isinstance(exc, KeyboardInterrupt):
        click.echo("policylens: interrupted; previous outputs are intact", err=True)
        return 130
    if isinstance(exc, BrokenPipeError):
        _quiet_stdout()  # a closed pipe (policylens extract … | head) is a normal end
        return 0
    raise exc
