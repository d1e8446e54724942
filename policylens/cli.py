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

from policylens import __version__
from policylens.errors import InputError, PolicylensError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="policylens")
@click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="POLICYLENS_ROOT",
    help="Project folder (holding data/raw/). Default: $POLICYLENS_ROOT, else the nearest "
    "folder upward from here that holds data/raw/.",
)
@click.pass_context
def cli(ctx: click.Context, root: Path | None) -> None:
    """Tidy, citable tables and charts from Chinese industrial-policy documents."""
    ctx.obj = {"root": root}


@cli.command()
@click.pass_context
def build(ctx: click.Context) -> None:
    """Build every table, figure and the Excel summary from data/raw/.

    Writes data/processed/ (CSV tables, datapackage.json) and figures/. A failed
    build leaves the previous outputs exactly as they were.
    """
    from policylens.build import build as run_build

    report = run_build(ctx.obj["root"])
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
def extract(paths: tuple[Path, ...], issued: str | None, fmt: str) -> None:
    """Find the quantitative targets in documents (.pdf, .docx, .html, .htm, .txt) or folders.

    A folder is read with every supported file below it; rows stream to
    standard output as each file is read, with a progress bar on a terminal.
    Each row names its file and, for a PDF, the page of its quote. Files of
    other types are listed as skipped on standard error; files that cannot be
    read are reported there too and make the exit status 1.
    """
    from policylens.extract import TARGET_COLUMNS, extract_targets
    from policylens.read import read_document
    from policylens.read.pages import normalise_pages, with_pages

    issue_date = _parse_issued(issued)
    files, skipped = _document_files(paths)
    for path in skipped:
        click.echo(f"skipped: {path}: not a type policylens reads", err=True)
    columns = ["file", "page", *TARGET_COLUMNS]
    writer = _RowWriter(sys.stdout, fmt, columns)
    failed = 0
    for path in _progress(files):
        try:
            document = read_document(path)
        except PolicylensError as exc:
            click.echo(f"skipped: {exc}", err=True)
            failed += 1
            continue
        for warning in document.warnings:
            click.echo(f"warning: {path}: {warning}", err=True)
        paged = normalise_pages(document.text)
        found = extract_targets(paged.text, issued=issue_date)
        found = with_pages(found.assign(doc_id=str(path)), {str(path): paged})
        for row in found.to_dict("records"):
            page = row["page"] if paged.has_pages else None
            writer.write({**row, "file": str(path), "page": page})
    writer.close()
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
@click.pass_context
def review(ctx: click.Context, as_yaml: bool) -> None:
    """List extracted targets that no review decision covers yet.

    Candidates enter the targets table only through a decision in
    data/raw/review.yaml (accept, reject, correct or add, keyed by doc_id and
    quote). After adding a document, run this to see what is new.
    """
    from policylens.review import decisions_template, pending_review

    pending = pending_review(ctx.obj["root"])
    if as_yaml:
        click.echo(decisions_template(pending), nl=False)
        return
    if pending.empty:
        click.echo("Nothing to review: every extracted candidate has a decision.")
        return
    click.echo(f"{len(pending)} candidate(s) await a decision in data/raw/review.yaml:\n")
    for doc_id, group in pending.groupby("doc_id", sort=True):
        click.echo(f"{doc_id} ({len(group)})")
        for row in group.itertuples():
            click.echo(f"  {_describe_candidate(row)}\n    quote: {row.quote}")
    click.echo(
        "\nAdd decisions (policylens review --yaml prints entries to start from), "
        "then run policylens build."
    )


def _describe_candidate(row) -> str:
    """One line for a reviewer: indicator, comparator, value with unit, year, commitment."""
    import pandas as pd

    if row.needs_review:
        return f"NEEDS REVIEW ({row.review_reason}) {row.scope_zh}"
    value = f"{row.value:,.10g}"
    if not pd.isna(row.value_stretch):
        value += f" (stretch {row.value_stretch:,.10g})"
    year = "" if pd.isna(row.target_year) else f" by {row.period or row.target_year}"
    return (
        f"{row.indicator} {row.comparator} {value} {row.unit}{year}, {row.commitment}"
        f" — {row.scope_zh}"
    )


@cli.group()
def export() -> None:
    """Write the built tables in a form for readers who do not use Python."""


@export.command("xlsx")
@click.argument("path", type=click.Path(path_type=Path))
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
    from policylens.excel import to_excel

    written = to_excel(path, ctx.obj["root"])
    click.echo(f"wrote {written}")


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


def main(argv: list[str] | None = None) -> None:
    """Entry point of the `policylens` console script."""
    try:
        result = cli.main(args=argv, prog_name="policylens", standalone_mode=False)
    except PolicylensError as exc:
        click.echo(f"policylens: error: {exc}", err=True)
        sys.exit(1)
    except click.exceptions.Abort:
        click.echo("policylens: aborted", err=True)
        sys.exit(130)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("policylens: interrupted; previous outputs are intact", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    # click returns the exit code for --help/--version in non-standalone mode
    sys.exit(result if isinstance(result, int) else 0)
