"""Columnar outputs: every built table also as Parquet, typed, deterministic, queryable."""

from __future__ import annotations

import hashlib
import io

import pandas as pd
import pytest

import policylens as pl
from policylens.model.schema import OUTPUT_TABLES, conform, empty_frame
from policylens.parquet import read_parquet_table, table_to_parquet_bytes
from policylens.pipeline import load_table


def test_every_built_table_has_its_parquet_file(built_project):
    folder = built_project / "data" / "processed" / "parquet"
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{t}.parquet" for t in OUTPUT_TABLES)


@pytest.mark.parametrize("table", sorted(OUTPUT_TABLES))
def test_reload_equals_the_typed_csv_load(built_project, table):
    path = built_project / "data" / "processed" / "parquet" / f"{table}.parquet"
    expected = load_table(table, built_project)
    pd.testing.assert_frame_equal(read_parquet_table(path, table), expected, check_exact=True)
    if len(expected):  # pandas alone gives the same frame (an empty one has no categories)
        pd.testing.assert_frame_equal(pd.read_parquet(path), expected, check_exact=True)


def test_types_survive_with_missing_values_and_candidates(tmp_path):
    frame = conform(
        pd.DataFrame(
            {
                "candidate_id": ["d:c1", "d:c2"],
                "doc_id": ["d", "d"],
                "province": ["Hunan", "Gansu"],
                "scope_zh": ["氢能", None],
                "indicator": ["revenue", "enterprise_count"],
                "value": [5e10, None],
                "unit": ["CNY", None],
                "unit_as_written": ["亿元", "家"],
                "comparator": [">", "="],
                "commitment": ["firm", "aspirational"],
                "target_year": [2027, None],
                "deadline": ["2027-12-31", None],
                "quote": ["营业收入突破500亿元", "培育数十家企业"],
                "char_start": [3, 30],
                "char_end": [14, 37],
                "status": ["unreviewed", "unreviewed"],
                "needs_review": [False, True],
                "review_reason": [None, "approximate number '数十'"],
            }
        ),
        "candidates",
    )
    path = tmp_path / "candidates.parquet"
    path.write_bytes(table_to_parquet_bytes(frame))
    back = pd.read_parquet(path)
    pd.testing.assert_frame_equal(back, frame, check_exact=True)
    assert str(back["target_year"].dtype) == "Int64" and back["target_year"].isna().iloc[1]
    assert str(back["needs_review"].dtype) == "boolean"
    assert str(back["deadline"].dtype) == "datetime64[ns]"
    assert list(back["unit"].cat.categories) == list(frame["unit"].cat.categories)


def test_same_table_same_bytes():
    frame = pl.extract_targets("到2025年，全省光伏产业营业收入突破1000亿元，组件产能达到50GW。")
    targets = conform(
        frame.assign(target_id=["d:1", "d:2"], doc_id="d", province="Hunan", origin="extracted"),
        "targets",
    )
    first, second = table_to_parquet_bytes(targets), table_to_parquet_bytes(targets.copy())
    assert first == second
    assert hashlib.sha256(first).hexdigest() == hashlib.sha256(second).hexdigest()
    assert first != table_to_parquet_bytes(targets.assign(value=targets["value"] + 1))
    assert table_to_parquet_bytes(empty_frame("targets")) != first


def test_duckdb_queries_the_folder(built_project):
    duckdb = pytest.importorskip("duckdb")
    folder = built_project / "data" / "processed" / "parquet"
    query = f"""
        SELECT d.province, d.title_en, count(*) AS targets, sum(t.value) / 1e8 AS revenue_yi
        FROM '{folder}/targets.parquet' AS t
        JOIN '{folder}/documents.parquet' AS d USING (doc_id)
        WHERE t.indicator = 'revenue' AND t.unit = 'CNY' AND t.target_year = 2026
        GROUP BY ALL ORDER BY d.province
    """
    con = duckdb.connect()  # in memory: the files are queried where they lie
    result = con.execute(query).df()
    targets = load_table("targets", built_project)
    revenue = targets[
        (targets["indicator"] == "revenue")
        & (targets["unit"] == "CNY")
        & (targets["target_year"] == 2026)
    ]
    assert list(result["targets"]) == [len(revenue)]
    assert result["revenue_yi"].iloc[0] == pytest.approx(revenue["value"].sum() / 1e8)
    # every file of the folder reads with its columns, dates as dates
    for table, spec in OUTPUT_TABLES.items():
        names = [
            row[0]
            for row in con.execute(f"DESCRIBE SELECT * FROM '{folder}/{table}.parquet'").fetchall()
        ]
        assert names == spec.column_names
    query = f"SELECT typeof(deadline) FROM '{folder}/milestones.parquet' LIMIT 1"
    (kind,) = con.execute(query).fetchone()
    assert kind.startswith("TIMESTAMP")


def test_a_missing_or_damaged_file_is_a_clear_error(tmp_path):
    with pytest.raises(pl.NotBuiltError, match="policylens build"):
        read_parquet_table(tmp_path / "targets.parquet", "targets")
    (tmp_path / "targets.parquet").write_bytes(b"PAR1 not really")
    with pytest.raises(pl.InputError, match="rebuild it"):
        read_parquet_table(tmp_path / "targets.parquet", "targets")
    buffer = io.BytesIO(table_to_parquet_bytes(empty_frame("chains")))
    (tmp_path / "chains_as_targets.parquet").write_bytes(buffer.getvalue())
    with pytest.raises(pl.PolicylensError, match="targets"):
        read_parquet_table(tmp_path / "chains_as_targets.parquet", "targets")
