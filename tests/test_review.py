"""Review decisions: reading, checking, applying, and the add-a-document round trip."""

from __future__ import annotations

import hashlib
import textwrap
from pathlib import Path

import pandas as pd
import pytest

import policylens as pl
from policylens.cli import main
from policylens.errors import ReviewError
from policylens.review import apply_decisions, read_decisions

TEXT = (
    "到2025年，全市数字经济营业收入突破1000亿元，力争达到1200亿元；"
    "新增规上工业企业200家以上；建成5G基站3万个。"
)
TEXTS = {"demo": TEXT}


def candidate(quote: str, **fields) -> dict:
    start = TEXT.index(quote)
    row = {
        "doc_id": "demo",
        "province": "Hubei",
        "scope_zh": "数字经济",
        "scope": "Digital economy",
        "chain": None,
        "indicator": "revenue",
        "value": 1e11,
        "value_stretch": 1.2e11,
        "unit": "CNY",
        "comparator": ">",
        "commitment": "firm",
        "target_year": 2025,
        "period": "2025",
        "deadline": pd.Timestamp("2025-12-31").date(),
        "quote": quote,
        "char_start": start,
        "char_end": start + len(quote),
        "needs_review": False,
        "review_reason": "",
    }
    row.update(fields)
    return row


CANDIDATES = pd.DataFrame(
    [
        candidate("营业收入突破1000亿元，力争达到1200亿元"),
        candidate(
            "新增规上工业企业200家以上",
            scope_zh="规上工业企业",
            indicator="enterprise_count",
            value=200.0,
            value_stretch=None,
            unit="count",
            comparator=">=",
        ),
        candidate(
            "5G基站3万个",
            scope_zh="5G基站",
            indicator="other",
            value=None,
            value_stretch=None,
            unit=None,
            needs_review=True,
            review_reason="unknown unit",
        ),
    ]
)


def decisions(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "review.yaml"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def test_accept_reject_correct_and_add(tmp_path):
    path = decisions(
        tmp_path,
        """\
        - doc_id: demo
          quote: 营业收入突破1000亿元
          action: accept
        - doc_id: demo
          quote: 新增规上工业企业200家以上
          action: correct
          set: {commitment: aspirational, value: 210}
          note: the plan's annex says 210
        - doc_id: demo
          quote: 建成5G基站3万个
          action: add
          set: {scope_zh: 5G基站, indicator: other, value: 30000, unit: count, comparator: "=",
                commitment: firm, target_year: 2025}
        """,
    )
    reviewed = apply_decisions(CANDIDATES, read_decisions(path, TEXTS), TEXTS, path)
    targets = reviewed.targets.set_index("quote")
    assert list(reviewed.targets["target_id"]) == ["demo:1", "demo:2", "demo:3"]
    revenue = targets.loc["营业收入突破1000亿元，力争达到1200亿元"]
    assert (revenue["value"], revenue["value_stretch"], revenue["origin"]) == (
        1e11,
        1.2e11,
        "extracted",
    )
    firms = targets.loc["新增规上工业企业200家以上"]
    assert (firms["value"], firms["commitment"], firms["origin"]) == (
        210.0,
        "aspirational",
        "curated",
    )
    added = targets.loc["建成5G基站3万个"]
    assert (added["value"], added["origin"], added["province"]) == (30000.0, "curated", "Hubei")
    assert TEXT[added["char_start"] : added["char_end"]] == "建成5G基站3万个"
    # The 5G candidate overlaps the added quote, so it is covered too: nothing pending.
    assert reviewed.pending.empty


def test_undecided_candidates_are_pending_and_rejected_ones_vanish(tmp_path):
    path = decisions(
        tmp_path,
        """\
        - doc_id: demo
          quote: 规上工业企业200家
          action: reject
        """,
    )
    reviewed = apply_decisions(CANDIDATES, read_decisions(path, TEXTS), TEXTS, path)
    assert reviewed.targets.empty
    assert reviewed.rejected == 1
    assert list(reviewed.pending["quote"]) == [
        "营业收入突破1000亿元，力争达到1200亿元",
        "5G基站3万个",
    ]


@pytest.mark.parametrize(
    "body, message",
    [
        ("- doc_id: nowhere\n  quote: 1000亿元\n  action: accept\n", "unknown doc_id 'nowhere'"),
        ("- doc_id: demo\n  quote: 2000亿元\n  action: accept\n", "is not in the text of demo"),
        ("- doc_id: demo\n  quote: 1000亿元\n  action: approve\n", "action 'approve'"),
        (
            "- doc_id: demo\n  quote: 1000亿元\n  action: correct\n  set: {unit: 亿元}\n",
            "unit '亿元' is not one of",
        ),
        (
            "- doc_id: demo\n  quote: 1000亿元\n  action: correct\n  set: {value: 一千亿}\n",
            "value '一千亿' is not a number",
        ),
        (
            "- doc_id: demo\n  quote: 1000亿元\n  action: correct\n  set: {deadline: 2025-13-01}\n",
            "is not a date",
        ),
        (
            "- doc_id: demo\n  quote: 1000亿元\n  action: accept\n"
            "- doc_id: demo\n  quote: 1000亿元\n  action: reject\n",
            "conflicts with decision 1",
        ),
        ("- doc_id: demo\n  quote: [1000亿元\n  action: accept\n", "not valid YAML at line"),
        ("doc_id: demo\n", "must be a YAML list"),
        (
            "- doc_id: demo\n  quote: 3万个\n  action: add\n  set: {value: 30000}\n",
            "add needs set: with scope_zh",
        ),
        (
            "- doc_id: demo\n  quote: 1000亿元\n  action: accept\n  colour: red\n",
            "unknown key(s) colour",
        ),
        (
            "- doc_id: demo\n  quote: 1000亿元\n  action: correct\n  set: {comparator: '=<'}\n",
            "one of >=, >, =, ~, <=",
        ),
    ],
)
def test_bad_decisions_are_errors_naming_the_decision(tmp_path, body, message):
    path = decisions(tmp_path, body)
    with pytest.raises(ReviewError) as info:
        read_decisions(path, TEXTS)
    assert message in str(info.value)
    assert str(path) in str(info.value) and "fix:" in str(info.value)


def test_decision_that_covers_no_candidate_is_an_error(tmp_path):
    path = decisions(tmp_path, "- doc_id: demo\n  quote: 到2025年\n  action: accept\n")
    with pytest.raises(ReviewError, match="covers no extracted candidate"):
        apply_decisions(CANDIDATES, read_decisions(path, TEXTS), TEXTS, path)


def test_accepting_a_candidate_without_a_value_is_an_error(tmp_path):
    path = decisions(tmp_path, "- doc_id: demo\n  quote: 5G基站3万个\n  action: accept\n")
    with pytest.raises(ReviewError, match="needs review"):
        apply_decisions(CANDIDATES, read_decisions(path, TEXTS), TEXTS, path)


NEW_DOCUMENT = """\
湖北省光伏产业高质量发展三年行动方案（2024-2026年）
一、发展目标
到2026年，全省光伏产业营业收入突破1500亿元，力争达到2000亿元；培育链主企业10家以上；
组件产能达到50GW。
二、重点任务
2024年二季度前，出台光伏产业链招商图谱；年底前，新增光伏项目30个。
"""


def _add_document(project: Path) -> None:
    data = NEW_DOCUMENT.encode("utf-8")
    (project / "data/raw/texts/hubei_pv_2024.txt").write_bytes(data)
    row = (
        f"hubei_pv_2024,Hubei,湖北,湖北省光伏产业高质量发展三年行动方案（2024-2026年）,"
        f"Hubei PV Three-Year Action Plan (2024-2026),湖北省人民政府,,2024-03-01,final,2024,2026,"
        f",texts/hubei_pv_2024.txt,{hashlib.sha256(data).hexdigest()},test document\n"
    )
    with (project / "data/raw/documents.csv").open("a", encoding="utf-8") as handle:
        handle.write(row)


def test_review_round_trip_for_a_new_document(built_copy, capsys):
    project = built_copy
    before = set(pl.load_targets(project)["quote"])
    _add_document(project)

    pending = pl.pending_review(project)
    assert set(pending["doc_id"]) == {"hubei_pv_2024"}
    with pytest.raises(SystemExit):
        main(["--root", str(project), "review"])
    listed = capsys.readouterr().out
    assert "hubei_pv_2024" in listed
    # values as a reader writes them (亿元 for money, the unit for the rest), never 1.5e+11
    assert "revenue > 1,500亿元 (stretch 2,000亿元) by 2026" in listed
    assert "capacity = 50 GW by 2026" in listed and "e+" not in listed
    assert "enterprise_count >= 10 by 2026" in listed

    quotes = list(pending["quote"])
    revenue = next(q for q in quotes if "1500亿元" in q)
    firms = next(q for q in quotes if "10家" in q)
    others = [q for q in quotes if q not in (revenue, firms)]
    entries = [
        f"- doc_id: hubei_pv_2024\n  quote: '{revenue}'\n  action: accept\n",
        f"- doc_id: hubei_pv_2024\n  quote: '{firms}'\n  action: reject\n",
    ]
    entries += [f"- doc_id: hubei_pv_2024\n  quote: '{q}'\n  action: reject\n" for q in others]
    with (project / "data/raw/review.yaml").open("a", encoding="utf-8") as handle:
        handle.write("\n" + "".join(entries))

    pl.build(project, figures=False)  # the tables are what this test reads
    targets = pl.load_targets(project)
    new = targets[targets["doc_id"] == "hubei_pv_2024"]
    assert list(new["quote"]) == [revenue]
    assert new["value"].iloc[0] == 1.5e11 and new["value_stretch"].iloc[0] == 2e11
    assert set(targets["quote"]) - {revenue} == before
    assert pl.pending_review(project).empty


# --- abuse of the decisions file: refused quickly, naming the decision ---------------------

ALIAS_BOMB = (
    "- doc_id: demo\n  quote: 1000亿元\n  action: accept\n"
    "- doc_id: demo\n  quote: 200家\n  action: correct\n"
    '  set: {scope_zh: &a ["x","x","x","x","x","x","x","x","x"]}\n'
    "  note: [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
)


@pytest.mark.parametrize(
    "body, message",
    [
        (ALIAS_BOMB, "decision 2 (line 4): uses a YAML anchor or alias (&name, *name) at line 7"),
        (
            "- doc_id: demo\n  quote: 1000亿元\n  action: accept\n  note: "
            + "[" * 20_000
            + "]" * 20_000
            + "\n",
            "decision 1 (line 1): is nested more than",
        ),
        (
            "- doc_id: demo\n  quote: 1000亿元\n  action: accept\n  action: reject\n",
            "decision 1 (line 1): gives the key 'action' twice",
        ),
        (
            "- doc_id: demo\n  quote: 200家\n  action: correct\n  set: {value: 5, value: 6}\n",
            "gives the key 'value' twice",
        ),
        (
            "- doc_id: demo\n  quote: 1000亿元\n  action: correct\n"
            "  set: {value: 1.2e+11, value_stretch: 1.0e+11}\n",
            "value_stretch 100000000000.0 is below value 120000000000.0",
        ),
        (
            "- doc_id: demo\n  quote: 1000亿元\n  action: accept\n  occurrence: true\n",
            "occurrence True is not between 1 and 1",
        ),
        (
            "- doc_id: demo\n  quote: 1000亿元\n  action: correct\n  set: {target_year: true}\n",
            "target_year True is not a year",
        ),
        (
            "- doc_id: demo\n  quote: 1000亿元\n  action: correct\n  set: {deadline: 2300-01-01}\n",
            "deadline '2300-01-01' lies outside",
        ),
        (
            '- doc_id: demo\n  quote: 1000亿元\n  action: reject\n  note: "why\\e[0m"\n',
            "note holds a control character",
        ),
    ],
    ids=[
        "alias-bomb",
        "deep-nesting",
        "duplicate-key",
        "duplicate-set-key",
        "stretch-below-floor",
        "occurrence-true",
        "year-true",
        "deadline-2300",
        "control-character-in-note",
    ],
)
def test_abuse_of_the_decisions_file_is_refused_quickly(tmp_path, body, message):
    import time

    path = decisions(tmp_path, body)
    started = time.monotonic()
    with pytest.raises(ReviewError) as info:
        read_decisions(path, TEXTS)
    assert time.monotonic() - started < 2
    assert message in str(info.value) and "fix:" in str(info.value)


def test_a_correction_leaving_the_stretch_below_the_floor_is_refused(tmp_path):
    # the candidate's stretch is 1.2e11; a new floor above it contradicts it
    path = decisions(
        tmp_path,
        "- doc_id: demo\n  quote: 1000亿元\n  action: correct\n  set: {value: 1.5e+11}\n",
    )
    with pytest.raises(ReviewError, match=r"value_stretch 120000000000\.0 is below value"):
        apply_decisions(CANDIDATES, read_decisions(path, TEXTS), TEXTS, path)


# --- the --yaml template round trip ----------------------------------------------------------


def test_every_template_entry_is_valid_once_its_placeholders_are_filled(tmp_path):
    from policylens.review import decisions_template

    template = decisions_template(CANDIDATES)
    assert template.count("null  #") == 2  # the needs-review 5G row: value and unit
    path = decisions(tmp_path, template)
    with pytest.raises(ReviewError) as info:
        apply_decisions(CANDIDATES, read_decisions(path, TEXTS), TEXTS, path)
    message = str(info.value)
    assert "decision 3" in message and "'5G基站3万个'" in message
    assert "value, unit are still empty" in message and "placeholder" in message

    filled = template.replace("value: null", "value: 30000", 1).replace(
        "unit: null", "unit: count", 1
    )
    path = decisions(tmp_path, filled)
    reviewed = apply_decisions(CANDIDATES, read_decisions(path, TEXTS), TEXTS, path)
    assert reviewed.pending.empty and len(reviewed.targets) == 3
    five_g = reviewed.targets.set_index("quote").loc["5G基站3万个"]
    assert (five_g["value"], five_g["unit"], five_g["origin"]) == (30000.0, "count", "curated")


def test_template_names_every_field_a_needs_review_row_lacks(tmp_path):
    from policylens.review import decisions_template

    bare = CANDIDATES.iloc[[2]].assign(comparator=None, scope_zh="", indicator=None)
    template = decisions_template(bare)
    for name in ("scope_zh", "indicator", "value", "unit", "comparator"):
        assert f"    {name}: null  #" in template
    filled = (
        template.replace("scope_zh: null", "scope_zh: 5G基站")
        .replace("indicator: null", "indicator: other")
        .replace("value: null", "value: 30000")
        .replace("unit: null", "unit: count")
        .replace("comparator: null", 'comparator: "="')
    )
    path = decisions(tmp_path, filled)
    reviewed = apply_decisions(bare, read_decisions(path, TEXTS), TEXTS, path)
    assert list(reviewed.targets["comparator"]) == ["="]


def test_units_of_the_schema_are_accepted_in_decisions(tmp_path):
    from policylens.model.schema import UNITS

    for unit in UNITS:
        path = decisions(
            tmp_path,
            f"- doc_id: demo\n  quote: 5G基站3万个\n  action: correct\n"
            f"  set: {{value: 3.0, unit: {unit}}}\n",
        )
        reviewed = apply_decisions(CANDIDATES, read_decisions(path, TEXTS), TEXTS, path)
        assert list(reviewed.targets["unit"]) == [unit]


def test_review_still_lists_what_awaits_a_decision_while_decisions_have_errors(built_copy, capsys):
    from policylens.review import decisions_template

    project = built_copy
    _add_document(project)
    pending = pl.pending_review(project)
    template = decisions_template(pending).replace("action: accept", "action: approve", 1)
    with (project / "data/raw/review.yaml").open("a", encoding="utf-8") as handle:
        handle.write("\n" + template)
    with pytest.raises(ReviewError, match="action 'approve'"):
        pl.build(project)

    with pytest.raises(SystemExit) as info:
        main(["review", "--root", str(project)])  # --root after the subcommand
    out, err = capsys.readouterr()
    assert info.value.code == 1
    assert "action 'approve'" in err and "decision" in err and "Traceback" not in err
    first = pending.iloc[0]
    assert "1 candidate(s) await a decision" in out and first["quote"] in out


def test_the_decisions_file_is_parsed_once_for_both_readers(tmp_path, monkeypatch):
    """Target and revision decisions share one parse of an unchanged file (27,000 lines
    at 1,000 documents); an edited file is parsed again."""
    import policylens.review as review

    calls = []
    real = review._load
    monkeypatch.setattr(review, "_load", lambda content: calls.append(1) or real(content))
    review._parsed_entries.cache_clear()
    path = tmp_path / "review.yaml"
    path.write_text("- doc_id: a\n  quote: 到2025年\n  action: reject\n", encoding="utf-8")
    first = review.load_entries(path)
    first[0][2]["action"] = "changed by a caller"
    assert review.load_entries(path)[0][2]["action"] == "reject"
    assert len(calls) == 1
    path.write_text("- doc_id: b\n  quote: 到2026年\n  action: reject\n", encoding="utf-8")
    assert review.load_entries(path)[0][2]["doc_id"] == "b"
    assert len(calls) == 2


# --- candidates (corpus mode) --------------------------------------------------------------


def test_candidate_ids_count_in_text_order_and_survive_decisions(tmp_path):
    from policylens.review import number_candidates

    shuffled = CANDIDATES.iloc[[2, 0, 1]]  # the extractor's order does not matter
    numbered = number_candidates(shuffled).set_index("quote")["candidate_id"]
    assert numbered.to_dict() == {
        "营业收入突破1000亿元，力争达到1200亿元": "demo:c1",
        "新增规上工业企业200家以上": "demo:c2",
        "5G基站3万个": "demo:c3",
    }
    path = decisions(tmp_path, "- doc_id: demo\n  quote: 营业收入突破1000亿元\n  action: accept\n")
    candidates = number_candidates(CANDIDATES)
    reviewed = apply_decisions(candidates, read_decisions(path, TEXTS), TEXTS, path)
    assert list(reviewed.pending["candidate_id"]) == ["demo:c2", "demo:c3"]
    assert "candidate_id" not in reviewed.targets.columns


def test_targets_with_candidates_mark_every_row(tmp_path):
    from policylens.review import candidates_table, number_candidates, with_candidates

    path = decisions(tmp_path, "- doc_id: demo\n  quote: 营业收入突破1000亿元\n  action: accept\n")
    reviewed = apply_decisions(
        number_candidates(CANDIDATES), read_decisions(path, TEXTS), TEXTS, path
    )
    from policylens.model.schema import conform

    targets = conform(reviewed.targets, "targets")
    candidates = candidates_table(reviewed.pending)
    assert list(candidates["status"]) == ["unreviewed", "unreviewed"]
    marked = with_candidates(targets, candidates)
    assert list(marked["target_id"]) == ["demo:1", "demo:c2", "demo:c3"]
    assert list(marked["status"]) == ["reviewed", "unreviewed", "unreviewed"]
    assert list(marked["needs_review"]) == [False, False, True]
    assert list(marked["origin"]) == ["extracted"] * 3
    assert isinstance(marked["indicator"].dtype, pd.CategoricalDtype)
    assert pl.unreviewed_note(marked) == (
        "Includes 2 unreviewed candidate targets (extracted, not yet reviewed)."
    )
    assert pl.unreviewed_note(marked[:2], "zh") == "含1个未经审核的候选目标（自动提取，尚未审核）。"
    assert pl.unreviewed_note(targets) == ""  # no status column: reviewed targets only
    with pytest.raises(ValueError, match="lang"):
        pl.unreviewed_note(marked, "fr")


def test_a_reviewer_may_set_a_cap(tmp_path):
    path = decisions(
        tmp_path,
        """\
        - doc_id: demo
          quote: 新增规上工业企业200家以上
          action: correct
          set: {comparator: "<="}
        """,
    )
    reviewed = apply_decisions(CANDIDATES, read_decisions(path, TEXTS), TEXTS, path)
    assert list(reviewed.targets["comparator"]) == ["<="]
