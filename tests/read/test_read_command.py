"""`policylens extract folder/`: every supported type below a folder, skipped files named."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from formats_fixtures import make_docx, make_pdf, make_portal_page, make_scanned_pdf

from policylens.cli import main


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    folder = tmp_path / "documents"
    (folder / "web").mkdir(parents=True)
    make_pdf(folder / "anhui.pdf")
    make_docx(folder / "hunan.docx")
    make_portal_page(folder / "web" / "fujian.htm")
    repo = Path(__file__).resolve().parents[2]
    shutil.copy(repo / "data/raw/texts/shanxi_pv_2023.txt", folder / "shanxi.txt")
    (folder / "readme.md").write_text("notes", encoding="utf-8")
    (folder / "web" / "logo.png").write_bytes(b"\x89PNG")
    return folder


def run(args: list[str], capsys) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as done:
        main(args)
    captured = capsys.readouterr()
    return done.value.code, captured.out, captured.err


def test_extract_reads_every_supported_type_and_names_the_skipped(mixed: Path, capsys) -> None:
    code, out, err = run(["extract", str(mixed)], capsys)
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    by_file = {Path(row["file"]).name for row in rows}
    assert by_file == {"anhui.pdf", "hunan.docx", "fujian.htm", "shanxi.txt"}
    assert f"skipped: {mixed / 'readme.md'}: not a type policylens reads" in err
    assert f"skipped: {mixed / 'web' / 'logo.png'}" in err
    assert "2 file(s) skipped" in err
    pdf_pages = {row["quote"]: row["page"] for row in rows if row["file"].endswith(".pdf")}
    assert pdf_pages["光伏电池片产能达到60GW以上"] == "1"
    assert any("50GW" in quote and page == "2" for quote, page in pdf_pages.items())
    assert all(row["page"] == "" for row in rows if not row["file"].endswith(".pdf"))


def test_extract_reports_an_unreadable_file_and_goes_on(mixed: Path, capsys) -> None:
    make_scanned_pdf(mixed / "scan.pdf")
    code, out, err = run(["extract", str(mixed), "--format", "json"], capsys)
    assert code == 1
    assert "scan.pdf: the PDF has no text layer" in err and "OCR" in err
    assert "1 of 5 file(s) could not be read" in err
    assert '"file":' in out and "anhui.pdf" in out  # the others were still read
