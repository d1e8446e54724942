"""`policylens add`: a published document into a project, and through review and build."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pandas as pd
import pytest
import yaml
from conftest import snapshot
from formats_fixtures import DOC_NUMBER, make_docx, make_pdf, make_portal_page

import policylens as pl
from policylens.cli import main
from policylens.errors import InputError


def rows(project: Path) -> dict[str, dict[str, str]]:
    with (project / "data/raw/documents.csv").open(encoding="utf-8", newline="") as handle:
        return {row["doc_id"]: row for row in csv.DictReader(handle)}


@pytest.fixture
def pdf(tmp_path: Path) -> Path:
    return make_pdf(tmp_path / "皖经信新能源2024-21.pdf")


def test_add_pdf_keeps_the_original_and_writes_text_and_row(project: Path, pdf: Path) -> None:
    before = (project / "data/raw/documents.csv").read_bytes()
    added = pl.add_document(pdf, project, title_en="Anhui Photovoltaic Industry Chain Plan 2024")
    raw = project / "data/raw"
    assert added.row["doc_id"] == "anhui_2024"
    assert (raw / "originals/anhui_2024.pdf").read_bytes() == pdf.read_bytes()
    text_bytes = (raw / "texts/anhui_2024.txt").read_bytes()
    assert text_bytes.count(b"\f") == 1  # two pages
    # the existing rows are kept byte for byte; one row is appended
    after = (raw / "documents.csv").read_bytes()
    assert after.startswith(before) and after.count(b"\n") == before.count(b"\n") + 1
    row = rows(project)["anhui_2024"]
    assert row["sha256"] == hashlib.sha256(text_bytes).hexdigest()
    assert row["file"] == "texts/anhui_2024.txt"
    expected = {
        "province": "Anhui",
        "province_zh": "安徽",
        "title_zh": "安徽省光伏产业链2024年行动方案",
        "issuer_zh": "安徽省经济和信息化厅",
        "doc_number": DOC_NUMBER,
        "issued": "2024-01-12",
        "status": "final",
        "horizon_start": "2024",
        "horizon_end": "2024",
        "source_url": "",
    }
    assert {name: row[name] for name in expected} == expected
    assert "originals/anhui_2024.pdf" in row["note"] and "pdfplumber" in row["note"]
    report = added.report()
    assert "doc_number: 皖经信新能源〔2024〕21号" in report
    assert "left empty (the text does not state them): source_url" in report
    # the corpus accepts it as it is: sha256 and text check out, no \f in the text
    assert "\f" not in pl.load_text("anhui_2024", project)
    assert "anhui_2024" in set(pl.load_documents(project)["doc_id"])


def test_options_win_over_the_text(project: Path, tmp_path: Path) -> None:
    docx = make_docx(tmp_path / "hunan.docx")
    added = pl.add_document(
        docx,
        project,
        doc_id="hunan_nev_2024",
        title_en="Hunan NEV Chain Three-Year Plan (2024-2026)",
        issued="2024-03-15",
        source_url="https://gxt.hunan.gov.cn/plan.html",
    )
    row = rows(project)["hunan_nev_2024"]
    assert row["issued"] == "2024-03-15"  # the text says 二〇二四年三月十二日
    assert row["doc_number"] == "湘工信发〔2024〕9号"
    assert (row["horizon_start"], row["horizon_end"]) == ("2024", "2026")
    assert row["province"] == "Hunan"
    assert added.given == ["doc_id", "title_en", "issued", "source_url"]
    assert "issued" not in added.read


def test_a_web_page_gives_its_own_link(project: Path, tmp_path: Path) -> None:
    page = make_portal_page(tmp_path / "fujian.html")
    pl.add_document(page, project, title_en="Fujian NEV Chain Plan (2024-2026)")
    row = rows(project)["fujian_2024"]
    assert row["source_url"].startswith("https://gxt.fujian.gov.cn/")
    assert row["issued"] == "2024-03-01"
    assert (project / "data/raw/originals/fujian_2024.html").read_bytes() == page.read_bytes()


def test_a_text_file_is_its_own_original(project: Path, tmp_path: Path) -> None:
    source = tmp_path / "note.txt"
    text = "湖北省储能产业行动方案\n到2025年，新型储能装机达到3GW以上。\n"
    source.write_bytes(text.encode("gb18030"))
    pl.add_document(source, project, title_en="Hubei Storage Plan")
    row = rows(project)["hubei"]
    assert (project / "data/raw/texts/hubei.txt").read_bytes() == source.read_bytes()
    assert not (project / "data/raw/originals").exists()
    assert row["issuer_zh"] == "" and row["issued"] == ""  # not stated, not guessed
    assert pl.load_text("hubei", project).startswith("湖北省储能产业行动方案")
    documents = pl.load_documents(project).set_index("doc_id")
    assert documents.loc["hubei", "issuer_zh"] is pd.NA  # an empty issuer is accepted


def test_a_scanned_page_is_reported_when_adding(project: Path, tmp_path: Path) -> None:
    from formats_fixtures import make_scanned_pdf

    pdf = make_scanned_pdf(tmp_path / "mixed.pdf", text_first_page=True)
    added = pl.add_document(pdf, project, title_en="Anhui Storage Plan")
    assert "warning: page(s) 2 hold no text (scanned images?)" in added.report()
    assert pl.load_text(added.row["doc_id"], project) == "安徽省储能产业行动方案\n"


def test_what_cannot_be_read_must_be_given_and_nothing_is_written(
    project: Path, tmp_path: Path
) -> None:
    source = tmp_path / "city.txt"
    source.write_text("宁德市支持锂电新能源产业高质量发展若干措施\n正文。\n", encoding="utf-8")
    before = snapshot(project)
    with pytest.raises(InputError) as caught:
        pl.add_document(source, project)
    message = str(caught.value)
    assert "--province" in message and "--title-en" in message
    assert "--title-zh" not in message  # the title was read
    assert snapshot(project) == before
    pl.add_document(source, project, province="福建", title_en="Ningde Lithium Measures")
    assert rows(project)["fujian"]["province_zh"] == "福建"


def test_a_taken_doc_id_or_unknown_province_is_refused(project: Path, pdf: Path) -> None:
    before = snapshot(project)
    with pytest.raises(InputError, match=r"already in documents\.csv"):
        pl.add_document(pdf, project, doc_id="shanxi_pv_2023", title_en="x")
    with pytest.raises(InputError, match="unknown province 'Atlantis'"):
        pl.add_document(pdf, project, province="Atlantis", title_en="x")
    with pytest.raises(InputError, match="not a date"):
        pl.add_document(pdf, project, issued="12/01/2024", title_en="x")
    # found wrong only once written (as the build checks it): everything is undone
    with pytest.raises(InputError, match="horizon_start '24' is not a four-digit year"):
        pl.add_document(pdf, project, horizon_start="24", title_en="x")
    assert snapshot(project) == before
    assert not (project / "data/raw/originals").exists()


def test_cli_add_prints_what_it_read(project: Path, pdf: Path, capsys) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--root", str(project), "add", str(pdf), "--title-en", "Anhui PV Plan 2024"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert "added anhui_2024" in out and "issued: 2024-01-12" in out
    assert "next: policylens review" in out


def test_added_pdf_reaches_tables_workbook_and_figures_with_pages(
    built_copy: Path, pdf: Path
) -> None:
    """The README's path for a newcomer: add, review, build; pages cited everywhere."""
    project = built_copy  # the bundled project, built: the PDF is the one new document
    pl.add_document(pdf, project, title_en="Anhui Photovoltaic Industry Chain Plan 2024")
    pending = pl.pending_review(project)
    mine = pending[pending["doc_id"] == "anhui_2024"]
    assert len(mine) >= 3
    decisions = project / "data/raw/review.yaml"
    entries = yaml.safe_load(decisions.read_text(encoding="utf-8")) or []
    entries += [{"doc_id": "anhui_2024", "quote": q, "action": "accept"} for q in mine["quote"]]
    decisions.write_text(yaml.safe_dump(entries, allow_unicode=True), encoding="utf-8")
    pl.build(project, figures=False)  # the charts are drawn below, from the built tables

    text = pl.load_text("anhui_2024", project)
    targets = pl.load_targets(project)
    anhui = targets[targets["doc_id"] == "anhui_2024"]
    assert len(anhui) == len(mine) and set(anhui["province"]) == {"Anhui"}
    for row in anhui.itertuples():
        assert text[row.char_start : row.char_end] == row.quote
        expected = 1 if row.char_start < text.index("（一）扩大产能") else 2
        assert row.page == expected
    assert set(anhui["page"]) == {1, 2}
    other = targets[targets["doc_id"] != "anhui_2024"]
    assert other["page"].isna().all()  # plain texts cite no page
    for load in (pl.load_chains, pl.load_modes, pl.load_milestones):
        table = load(project)
        assert table.loc[table["doc_id"] == "anhui_2024", "page"].notna().all()
        assert table.loc[table["doc_id"] != "anhui_2024", "page"].isna().all()

    from matplotlib.text import Text
    from openpyxl import load_workbook

    book = load_workbook(project / "data/processed/policylens_summary.xlsx", read_only=True)
    sheet = book["Targets"]
    # row 1: readable headers; row 2: the column names; data from row 3
    header = [cell.value for cell in next(sheet.iter_rows(min_row=2, max_row=2))]
    cells = [
        dict(zip(header, (c.value for c in r), strict=True)) for r in sheet.iter_rows(min_row=3)
    ]
    assert {r["page"] for r in cells if r["doc_id"] == "anhui_2024"} == {1, 2}
    documents = [[cell.value for cell in row] for row in book["Documents"].iter_rows()]
    assert ["anhui_2024", "Anhui"] in [row[:2] for row in documents]
    book.close()
    # the charts draw the new province: its revenue goal and its place on the time axis
    texts = [t.get_text() for t in pl.plots.revenue_goals(pl.load_targets(project)).findobj(Text)]
    assert any("Anhui" in t for t in texts)
    timelines = pl.plots.timelines(pl.load_documents(project), pl.load_milestones(project))
    texts = [t.get_text() for t in timelines.findobj(Text)]
    assert any("Anhui Photovoltaic" in t for t in texts)


def test_cli_add_stops_with_one_message_and_writes_nothing(
    project: Path, tmp_path: Path, capsys
) -> None:
    from formats_fixtures import make_scanned_pdf

    before = snapshot(project)
    scan = make_scanned_pdf(tmp_path / "scan.pdf")
    for args in (
        [str(scan), "--title-en", "Scanned plan"],
        [str(make_pdf(tmp_path / "plan.pdf"))],  # no --title-en
    ):
        with pytest.raises(SystemExit) as done:
            main(["--root", str(project), "add", *args])
        assert done.value.code == 1
    err = capsys.readouterr().err
    assert "scan.pdf: the PDF has no text layer" in err and "OCR" in err
    assert "--title-en (an English title is never made up)" in err
    assert "Traceback" not in err
    assert snapshot(project) == before
