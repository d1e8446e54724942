"""Revisions from texts of our own: a draft and its final, two years' plans, another plan."""

from __future__ import annotations

import csv
import json

import pandas as pd
import pytest
from overtime_fixtures import DRAFT_AND_FINAL, TWO_YEARS, tables_of, write_project

from policylens.datapackage import package_descriptor
from policylens.overtime.revisions import change_of
from policylens.pipeline import table_to_csv_bytes


def _by(revisions: pd.DataFrame, indicator: str) -> pd.Series:
    rows = revisions[revisions["indicator"] == indicator]
    assert len(rows) == 1, rows
    return rows.iloc[0]


def test_a_final_that_raises_the_drafts_revenue_goal_and_drops_a_count(tmp_path):
    revisions = tables_of(write_project(tmp_path / "p", DRAFT_AND_FINAL))["revisions"]
    revenue = _by(revisions, "revenue")
    assert (revenue["change"], revenue["earlier_value"], revenue["later_value"]) == (
        "raised",
        3.0e11,
        3.5e11,
    )
    assert (revenue["earlier_doc"], revenue["later_doc"]) == ("hubei_pv_draft", "hubei_pv_final")
    assert "final version of the draft" in revenue["why"] and "chain photovoltaic" in revenue["why"]
    assert "3,000亿元 to 3,500亿元" in revenue["why"]
    assert _by(revisions, "capacity")["change"] == "unchanged"
    dropped = _by(revisions, "enterprise_count")
    assert dropped["change"] == "dropped" and pd.isna(dropped["later_target"])
    assert dropped["earlier_quote"] == "到2027年，全省培育光伏链主企业10家"
    assert set(revisions["origin"]) == {"matched"}


def test_next_years_plan_postpones_a_goal_and_sets_a_new_annual_one(tmp_path):
    revisions = tables_of(write_project(tmp_path / "p", TWO_YEARS))["revisions"]
    capacity = _by(revisions, "capacity")
    assert (capacity["change"], capacity["earlier_year"], capacity["later_year"]) == (
        "postponed",
        2025,
        2026,
    )
    # the 2024 project goal was due before the 2025 plan came out: attainment's question
    projects = _by(revisions, "project_count")
    assert (projects["change"], projects["later_year"]) == ("new", 2025)
    assert pd.isna(projects["earlier_value"]) and "previous version" in projects["why"]


def test_another_plan_of_the_province_is_compared_for_the_goals_it_shares(tmp_path):
    later = {
        "doc_id": "hubei_energy_2025",
        "province": "Hubei",
        "title_zh": "湖北省新能源产业2025年工作要点",
        "issued": "2025-03-01",
        "status": "final",
        "text": "到2027年，全省光伏产业营业收入达到2800亿元。\n全年新增风电装机5GW。\n",
    }
    revisions = tables_of(write_project(tmp_path / "p", [*DRAFT_AND_FINAL, later]))["revisions"]
    mine = revisions[revisions["later_doc"] == "hubei_energy_2025"]
    assert list(mine["change"]) == ["lowered"]  # only the shared goal; nothing dropped or new
    assert mine.iloc[0]["earlier_doc"] == "hubei_pv_final"
    assert "nearest earlier document" in mine.iloc[0]["why"]


def _plan(doc_id, issued, status, text):
    title = "安徽省工业绿色发展行动方案（2024-2027年）" + (
        "（征求意见稿）" if status == "draft" else ""
    )
    return {"doc_id": doc_id, "province": "Anhui", "title_zh": title, "issued": issued,
            "status": status, "text": text}  # fmt: skip


@pytest.mark.filterwarnings("ignore::policylens.model.vocab.UnlabelledWarning")  # 亏损企业
def test_a_lower_cap_is_tightened_and_a_higher_one_loosened(tmp_path):
    """控制在…以内 / 不超过 caps ('<='): down is more ambitious, so never 'lowered'."""
    draft = _plan(
        "anhui_green_draft", "2024-01-10", "draft",
        "到2027年，全省亏损企业占比控制在10%以内。\n到2027年，全省能源消费总量不超过1.5亿吨。\n",
    )  # fmt: skip
    final = _plan(
        "anhui_green_final", "2024-06-01", "final",
        "到2027年，全省亏损企业占比控制在8%以内。\n到2027年，全省能源消费总量控制在1.6亿吨以内。\n",
    )  # fmt: skip
    revisions = tables_of(write_project(tmp_path / "p", [draft, final]))["revisions"]
    share, energy = _by(revisions, "share"), _by(revisions, "other")
    assert (share["change"], share["earlier_value"], share["later_value"]) == ("tightened", 10, 8)
    assert "cap tightened from 10% to 8%" in share["why"]
    assert (energy["change"], energy["later_comparator"]) == ("loosened", "<=")
    assert "cap loosened from 150,000,000 t to 160,000,000 t" in energy["why"]


def test_a_corpus_with_one_document_per_plan_has_no_revisions(tmp_path):
    revisions = tables_of(write_project(tmp_path / "p", DRAFT_AND_FINAL[:1]))["revisions"]
    assert revisions.empty and list(revisions.columns)[:2] == ["revision_id", "province"]


def _goal(**fields):
    base = {"target_year": 2027, "value": 100.0, "value_stretch": None, "comparator": "=",
            "commitment": "firm", "unit": "GW"}  # fmt: skip
    return pd.Series(base | fields)


@pytest.mark.parametrize(
    ("earlier", "later", "change"),
    [
        (_goal(), _goal(value=120.0), "raised"),
        (_goal(value=120.0), _goal(), "lowered"),
        (_goal(), _goal(target_year=2028, value=120.0), "postponed"),
        (_goal(target_year=2028), _goal(), "brought_forward"),
        (_goal(), _goal(value_stretch=130.0), "raised"),  # a stretch added reaches higher
        (_goal(value_stretch=130.0), _goal(value_stretch=110.0), "lowered"),
        (_goal(), _goal(comparator=">", commitment="aspirational"), "unchanged"),
        (_goal(comparator="<="), _goal(comparator="<=", value=80.0), "tightened"),
        (_goal(comparator="<="), _goal(comparator="<=", value=120.0), "loosened"),
        (_goal(comparator="<="), _goal(value=80.0), "lowered"),  # no longer a cap: a level
    ],
)
def test_what_changed_is_the_year_first_then_the_floor_then_the_stretch(earlier, later, change):
    found, details = change_of(earlier, later)
    assert found == change
    if later["comparator"] == ">":
        assert details[:2] == ["comparator = → >", "commitment firm → aspirational"]


def test_the_bundled_corpus_has_no_revisions_and_one_attainment_row_per_target(built_project):
    import policylens as pl

    revisions = pl.revisions(root=built_project)
    assert revisions.empty  # one document per plan: nothing to line up (see README)
    attainment = pl.attainment(root=built_project)
    targets = pl.load_targets(built_project)
    assert sorted(attainment["target_id"]) == sorted(targets["target_id"])
    assert set(attainment["status"]) <= {"not_yet_due", "no_outcome"}  # no outcomes bundled


def test_revision_and_attainment_rows_pass_the_frictionless_validator(tmp_path):
    frictionless = pytest.importorskip("frictionless")
    tables = tables_of(write_project(tmp_path / "p", DRAFT_AND_FINAL))
    assert len(tables["revisions"]) == 3 and len(tables["attainment"]) == 5
    out = tmp_path / "out"
    out.mkdir()
    for name, table in tables.items():
        (out / f"{name}.csv").write_bytes(table_to_csv_bytes(table, name))
    descriptor = package_descriptor(list(tables), tables["documents"])
    (out / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False), "utf-8")
    limit = csv.field_size_limit()
    try:
        report = frictionless.validate(out / "datapackage.json")
    finally:  # frictionless raises the csv module's limit for the whole process on import
        csv.field_size_limit(limit)
    assert report.valid, report.flatten(["type", "note"])[:5]
