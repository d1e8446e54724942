"""Corpus mode: what no decision covers is built as the candidates table, marked unreviewed.

On the bundled corpus (every candidate decided) and on small projects of our own, built
by ``pl.build``: candidates appear while review is pending, vanish once decided, keep
their ids across rebuilds and decisions, and are shown only where asked for.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pandas as pd
import pytest

import policylens as pl
from policylens.model.schema import CANDIDATES, REVIEW_STATUSES
from policylens.pipeline import BuildReport

REPO = Path(__file__).resolve().parents[1]

HEADER = (
    "doc_id,province,province_zh,title_zh,title_en,issuer_zh,doc_number,issued,status,"
    "horizon_start,horizon_end,source_url,file,sha256,note\n"
)
# Two plans of our own: firm and strive-for goals, a count to review (数十家), a unit outside
# the contract (立方米).
PLANS = {
    "hunan_hydrogen_2025": (
        "Hunan",
        "湖南",
        "湖南省氢能产业发展行动方案（2025-2027年）",
        "到2027年，全省氢能产业营业收入突破500亿元；建成加氢站60座以上；"
        "培育数十家氢能装备企业；年产氢气达到10亿立方米。",
    ),
    "gansu_storage_2025": (
        "Gansu",
        "甘肃",
        "甘肃省新型储能产业链行动计划（2025-2027年）",
        "到2027年，全省新型储能产业链营业收入力争达到300亿元，新型储能装机规模达到8GW。",
    ),
}


def _own_project(root: Path, review: str = "") -> Path:
    """A project of the two plans above, with ``review`` as its decisions file."""
    texts = root / "data" / "raw" / "texts"
    texts.mkdir(parents=True)
    rows = [HEADER]
    for doc_id, (province, province_zh, title, body) in PLANS.items():
        data = f"{title}\n{body}\n".encode()
        (texts / f"{doc_id}.txt").write_bytes(data)
        rows.append(
            f"{doc_id},{province},{province_zh},{title},{province} plan,,,2025-01-10,final,"
            f"2025,2027,,texts/{doc_id}.txt,{hashlib.sha256(data).hexdigest()},\n"
        )
    (root / "data" / "raw" / "documents.csv").write_text("".join(rows), encoding="utf-8")
    (root / "data" / "raw" / "review.yaml").write_text(review, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def own_built(tmp_path_factory) -> tuple[Path, BuildReport]:
    """The project of the two plans, no decisions, built once (read-only for the tests)."""
    root = _own_project(tmp_path_factory.mktemp("own") / "p")
    return root, pl.build(root)


def test_the_bundled_corpus_is_fully_reviewed_so_it_has_no_candidates(built_project):
    processed = built_project / "data" / "processed"
    header = (processed / "candidates.csv").read_text(encoding="utf-8")
    assert header == ",".join(CANDIDATES.column_names) + "\n"
    candidates = pl.load_candidates(built_project)
    assert candidates.empty and list(candidates.columns) == CANDIDATES.column_names
    targets = pl.load_targets(built_project)
    marked = pl.load_targets(built_project, candidates=True)
    assert list(marked["target_id"]) == list(targets["target_id"])
    assert set(marked["status"]) == {"reviewed"} and not marked["needs_review"].any()
    assert pl.unreviewed_note(marked) == ""


def test_candidates_of_a_project_without_decisions(own_built):
    root, report = own_built
    candidates = pl.load_candidates(root)
    assert report.rows["targets"] == 0 and report.pending == len(candidates) > 0
    assert "in candidates.csv (status unreviewed)" in report.summary()
    assert set(candidates["status"]) == {"unreviewed"}
    assert list(candidates["status"].cat.categories) == list(REVIEW_STATUSES)
    hunan = candidates[candidates["doc_id"] == "hunan_hydrogen_2025"]
    assert list(hunan["candidate_id"]) == [
        f"hunan_hydrogen_2025:c{n}" for n in range(1, len(hunan) + 1)
    ]
    # a row to review keeps its reason and carries no guessed value
    vague = hunan[hunan["quote"].str.contains("数十家")].iloc[0]
    assert vague["needs_review"] and "数十" in vague["review_reason"] and pd.isna(vague["value"])
    gas = hunan[hunan["quote"].str.contains("立方米")].iloc[0]
    assert gas["needs_review"] and gas["unit_as_written"] == "亿立方米" and pd.isna(gas["unit"])
    # each quote stands at its offsets
    for row in candidates.itertuples():
        assert pl.load_text(row.doc_id, root)[row.char_start : row.char_end] == row.quote
    # the province and year filters work as on targets
    assert set(pl.load_candidates(root, province="甘肃")["doc_id"]) == {"gansu_storage_2025"}
    assert set(pl.load_candidates(root, year=2027)["target_year"]) == {2027}


def test_decisions_take_candidates_out_and_leave_the_other_ids_alone(own_built, tmp_path):
    root = tmp_path / "p"
    shutil.copytree(own_built[0], root)
    before = pl.load_candidates(root).set_index("quote")["candidate_id"]
    first = (root / "data/processed/candidates.csv").read_bytes()
    pl.build(root)  # same inputs: the same ids, the same bytes
    assert (root / "data/processed/candidates.csv").read_bytes() == first

    revenue = next(q for q in before.index if "500亿元" in q)
    stations = next(q for q in before.index if "加氢站" in q)
    decisions = (
        f"- doc_id: hunan_hydrogen_2025\n  quote: '{revenue}'\n  action: accept\n"
        f"- doc_id: hunan_hydrogen_2025\n  quote: '{stations}'\n  action: reject\n"
    )
    (root / "data/raw/review.yaml").write_text(decisions, encoding="utf-8")
    report = pl.build(root, figures=False)  # the tables are what this test reads
    after = pl.load_candidates(root).set_index("quote")["candidate_id"]
    assert set(before.index) - set(after.index) == {revenue, stations}
    assert after.to_dict() == before.drop([revenue, stations]).to_dict()  # ids unchanged
    assert list(pl.load_targets(root)["quote"]) == [revenue]
    assert report.pending == len(after)

    marked = pl.load_targets(root, candidates=True)
    assert (marked["status"] == "reviewed").sum() == 1
    assert set(marked.loc[marked["status"] == "unreviewed", "target_id"]) == set(after)
    assert pl.unreviewed_note(marked) == (
        f"Includes {len(after)} unreviewed candidate targets (extracted, not yet reviewed)."
    )


def test_candidates_are_in_the_data_package_and_the_workbook(own_built):
    import json

    import openpyxl

    root, _ = own_built
    processed = root / "data" / "processed"
    package = json.loads((processed / "datapackage.json").read_text(encoding="utf-8"))
    (resource,) = [r for r in package["resources"] if r["name"] == "candidates"]
    assert resource["schema"]["primaryKey"] == ["candidate_id"]
    assert [f["name"] for f in resource["schema"]["fields"]] == CANDIDATES.column_names
    review = pd.read_excel(
        processed / "policylens_summary.xlsx",
        sheet_name="Review",
        header=1,
        keep_default_na=False,
        na_values=[""],
    )
    assert list(review["candidate_id"]) == list(pl.load_candidates(root)["candidate_id"])
    assert set(review["status"]) == {"unreviewed"}
    assert not (root / ".policylens-cache" / "pending_review.pickle").exists()
    readme = openpyxl.load_workbook(processed / "policylens_summary.xlsx")["README"]
    text = " ".join(str(c.value) for row in readme.iter_rows() for c in row if c.value)
    assert "candidates.csv" in text


def test_candidates_appear_in_the_bundled_project_when_its_decisions_are_removed(built_copy):
    project = built_copy
    decisions = project / "data" / "raw" / "review.yaml"
    kept = [
        entry
        for entry in decisions.read_text(encoding="utf-8").split("\n- ")
        if "sichuan_everest_2023_draft" not in entry
    ]
    decisions.write_text("\n- ".join(kept), encoding="utf-8")
    pl.build(project, figures=False)  # the tables are what this test reads
    candidates = pl.load_candidates(project)
    assert set(candidates["doc_id"]) == {"sichuan_everest_2023_draft"}
    assert "sichuan_everest_2023_draft" not in set(pl.load_targets(project)["doc_id"])
    golden = pd.read_csv(REPO / "tests/data/golden/data/processed/targets.csv")
    sichuan = golden[(golden["doc_id"] == "sichuan_everest_2023_draft")]
    accepted = sichuan[sichuan["origin"] == "extracted"]  # as extracted, not corrected
    assert len(accepted) and set(accepted["quote"]) <= set(candidates["quote"])


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_chart_of_candidates_says_so_on_its_source_line(own_built, lang):
    root, _ = own_built
    documents = pl.load_documents(root)
    marked = pl.load_targets(root, candidates=True)
    note = pl.unreviewed_note(marked[marked["indicator"] == "revenue"], lang)
    assert note.startswith("Includes 2 " if lang == "en" else "含2个")

    def source_line(fig) -> str:
        (text,) = fig.findobj(
            lambda a: getattr(a, "get_gid", lambda: None)() == "policylens-source"
        )
        wrapped = text.get_text()
        return " ".join(wrapped.split()) if lang == "en" else wrapped.replace("\n", "")

    assert note in source_line(pl.plots.revenue_goals(marked, documents=documents, lang=lang))
    # a chart that draws none of the candidates says nothing of them
    firms = pl.plots.firm_project_counts(
        marked[marked["status"] == "reviewed"], documents=documents, lang=lang
    )
    assert "nreviewed" not in source_line(firms) and "未经审核" not in source_line(firms)
