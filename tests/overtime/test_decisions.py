"""The revision: section of review.yaml: reject a pair, pair two goals by hand, bad entries."""

from __future__ import annotations

import pytest
from overtime_fixtures import DRAFT_AND_FINAL, tables_of, write_project

from policylens.errors import ReviewError

REJECT_REVENUE = """
- revision:
    action: reject
    earlier: {doc_id: hubei_pv_draft, quote: 全省光伏产业营业收入达到3000亿元}
    later: {target_id: "hubei_pv_final:1"}
    note: the final counts a wider industry
"""

FIRMS = [
    DRAFT_AND_FINAL[0] | {"text": "到2027年，全省培育链主企业10家。\n"},
    DRAFT_AND_FINAL[1] | {"text": "到2027年，全省培育龙头企业12家。\n"},
]
PAIR_FIRMS = """
- revision:
    action: pair
    earlier: {doc_id: hubei_pv_draft, quote: 链主企业10家}
    later: {doc_id: hubei_pv_final, quote: 龙头企业12家}
    note: 龙头企业 is the final's word for 链主企业
"""


def _project(tmp_path, documents, entries: str):
    root = write_project(tmp_path / "p", documents)
    review = root / "data" / "raw" / "review.yaml"
    review.write_text(review.read_text(encoding="utf-8") + entries, encoding="utf-8")
    return root


def test_a_rejected_pair_is_no_longer_one_goal(tmp_path):
    revisions = tables_of(_project(tmp_path, DRAFT_AND_FINAL, REJECT_REVENUE))["revisions"]
    revenue = revisions[revisions["indicator"] == "revenue"]
    assert sorted(revenue["change"]) == ["dropped", "new"]


def test_two_goals_paired_by_hand_are_one_row_saying_who_paired_them(tmp_path):
    before = tables_of(write_project(tmp_path / "q", FIRMS))["revisions"]
    assert sorted(before["change"]) == ["dropped", "new"]  # different scopes, no chain
    revisions = tables_of(_project(tmp_path, FIRMS, PAIR_FIRMS))["revisions"]
    assert len(revisions) == 1
    row = revisions.iloc[0]
    assert (row["change"], row["origin"], row["earlier_value"], row["later_value"]) == (
        "raised",
        "reviewed",
        10.0,
        12.0,
    )
    assert "paired by a reviewer (revision decision" in row["why"]
    assert "龙头企业 is the final's word" in row["why"]


def test_target_decisions_beside_a_revision_section_still_apply(tmp_path):
    tables = tables_of(_project(tmp_path, FIRMS, PAIR_FIRMS))
    assert len(tables["targets"]) == 2


@pytest.mark.parametrize(
    ("entry", "words"),
    [
        (PAIR_FIRMS.replace("action: pair", "action: merge"), "action 'merge' is not one of"),
        (
            PAIR_FIRMS.replace("龙头企业12家}", "龙头企业99家}"),
            "is not in the text of hubei_pv_final",
        ),
        (PAIR_FIRMS.replace("note:", "comment:"), "unknown key(s) comment"),
        (
            PAIR_FIRMS.replace("{doc_id: hubei_pv_final, quote: 龙头企业12家}", "{target_id: x:9}"),
            "no target has target_id 'x:9'",
        ),
        (PAIR_FIRMS.replace("quote: 链主企业10家}", "quote: 。}"), "covers 0 targets"),
        (
            PAIR_FIRMS.replace(
                "hubei_pv_draft, quote: 链主企业10家", "hubei_pv_final, quote: 龙头企业"
            ).replace(
                "later: {doc_id: hubei_pv_final, quote: 龙头企业12家}",
                "later: {doc_id: hubei_pv_draft, quote: 链主企业}",
            ),
            "comes after hubei_pv_draft",
        ),
        (PAIR_FIRMS + PAIR_FIRMS, "conflicts with revision decision"),
        (PAIR_FIRMS.replace("action: pair", "action: reject"), "does not propose"),
        ("- revision: [pair]\n", "revision: must be a mapping"),
        (
            "- revision: {action: pair, earlier: {doc_id: hubei_pv_draft, quote: 链主企业10家}}\n",
            "later is missing",
        ),
    ],
)
def test_a_bad_revision_decision_stops_the_build_naming_it(tmp_path, entry, words):
    with pytest.raises(ReviewError) as caught:
        tables_of(_project(tmp_path, FIRMS, entry))
    message = str(caught.value)
    assert "review.yaml" in message and "revision decision" in message and "fix:" in message
    assert words in message
