"""One document → plain rows of every per-document table (the unit of a corpus run)."""

from __future__ import annotations

import datetime
import json
import pickle

import pandas as pd
import pytest

import policylens as pl
from policylens.engine.unit import PER_DOCUMENT_TABLES, extract_document
from policylens.extract.chains import extract_chains
from policylens.extract.milestones import extract_milestones
from policylens.extract.modes import extract_modes


@pytest.fixture(scope="module")
def bundled():
    docs = pl.load_documents()
    return [
        (pl.load_text(d.doc_id), None if pd.isna(d.issued) else d.issued.date())
        for d in docs.itertuples()
    ]


def test_every_table_as_plain_rows_equal_to_the_frames_of_each_extractor(bundled):
    for text, issued in bundled:
        found = extract_document(text, issued)
        assert tuple(found["tables"]) == PER_DOCUMENT_TABLES
        for rows in found["tables"].values():
            assert all(type(row) is dict for row in rows)
        modes, actors = extract_modes(text, issued)
        expected = {
            "targets": pl.extract_targets(text, issued),
            "chains": extract_chains(text, issued),
            "modes": modes,
            "mode_actors": actors,
            "milestones": extract_milestones(text, issued),
        }
        for name, frame in expected.items():
            got = pd.DataFrame(found["tables"][name], columns=frame.columns)
            assert got.astype(str).values.tolist() == frame.astype(str).values.tolist(), name


def test_rows_are_small_to_move_between_processes(bundled):
    text, issued = bundled[0]
    rows = extract_document(text, issued)
    frames = {name: pd.DataFrame(r) for name, r in rows["tables"].items()}
    assert len(pickle.dumps(rows)) < len(pickle.dumps(frames))


def test_only_the_tables_asked_for_are_extracted():
    text = "推行“政府+链主+园区”招商。到2025年，光伏产业营业收入突破1000亿元。"
    found = extract_document(text, None, tables=("modes",))
    assert list(found["tables"]) == ["modes"]
    assert found["tables"]["modes"][0]["mode_key"] == "chain_leader_firm+government+park"
    with pytest.raises(ValueError, match="per-document table"):
        extract_document(text, None, tables=("actuals_typo",))


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("培育萤火虫养殖、月光石雕刻2条产业链。", "月光石雕刻, 萤火虫养殖"),
        ("打造云朵纺织、星光酿造2个产业集群。", "云朵纺织, 星光酿造"),
    ],
)
def test_warnings_are_returned_not_raised(text, names, recwarn):
    found = extract_document(text, datetime.date(2024, 1, 1))
    assert len(recwarn) == 0
    [(category, message)] = found["warnings"]
    assert category == "UnlabelledWarning" and names in message
    json.dumps(found["warnings"])  # carried through the cache as they are
