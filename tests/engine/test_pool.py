"""Batches over a process pool: the same rows, in the same order, as one process."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import policylens as pl
from policylens.engine.pool import ExtractionPool, available_cores, batches, extract_many


@pytest.fixture(scope="module")
def items():
    docs = pl.load_documents()
    texts = [
        (pl.load_text(d.doc_id), None if pd.isna(d.issued) else d.issued.date())
        for d in docs.itertuples()
    ]
    # the bundled texts cut into pieces: many documents of unequal length
    return [(text[i : i + 3000], day) for text, day in texts for i in range(0, len(text), 3000)]


def test_two_processes_give_what_one_gives(items):
    assert len(items) > 8
    assert extract_many(items, jobs=2) == extract_many(items, jobs=1)


def test_a_pool_serves_several_calls_in_order(items):
    with ExtractionPool(2, tables=("targets",)) as pool:
        first, second = pool.extract(items[:5]), pool.extract(items[5:])
    assert first + second == extract_many(items, jobs=1, tables=("targets",))
    assert list(first[0]["tables"]) == ["targets"]


def test_jobs_zero_means_every_core():
    assert ExtractionPool(0).jobs == available_cores() >= 1
    assert extract_many([], jobs=2) == []


@given(st.lists(st.integers(0, 50), max_size=40), st.integers(1, 4))
@example([1, 0, 0, 0, 0], 1)  # empty texts after the last character made a batch each
def test_batches_are_contiguous_and_cover_every_item_once(lengths, jobs):
    items = [("字" * n, None) for n in lengths]
    parts = batches(items, jobs)
    assert [item for part in parts for item in part] == items
    assert all(parts) or not items
    assert len(parts) <= max(1, jobs * 4)
