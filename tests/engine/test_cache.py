"""The per-document cache: hits, misses, invalidation on an edit, damaged entries, pruning."""

from __future__ import annotations

import datetime

import pandas as pd
import pytest

import policylens.tables as tables_module
from policylens.engine.cache import DocumentCache, document_key, extractor_digest
from policylens.engine.unit import extract_document
from policylens.tables import extract_documents

TEXT = "到2025年，全省光伏产业营业收入力争突破1000亿元。2024年底前，出台支持政策。"
DAY = datetime.date(2024, 3, 1)


def test_an_entry_reads_back_equal_dates_and_floats_included(tmp_path):
    cache = DocumentCache(tmp_path)
    rows = extract_document(TEXT, DAY)
    key = document_key(TEXT, DAY)
    assert cache.get(key) is None
    cache.put(key, rows)
    assert cache.get(key) == rows
    deadline = cache.get(key)["tables"]["targets"][0]["deadline"]
    assert deadline == datetime.date(2025, 12, 31)
    assert (tmp_path / extractor_digest()).is_dir()


def test_the_key_is_the_text_and_the_issue_date():
    assert document_key(TEXT, DAY) == document_key(TEXT, DAY)
    assert document_key(TEXT, DAY) != document_key(TEXT + "。", DAY)
    assert document_key(TEXT, DAY) != document_key(TEXT, None)
    assert document_key(TEXT, DAY) != document_key(TEXT, datetime.date(2023, 3, 1))


@pytest.mark.parametrize("damage", [b"", b"{not json", b'{"tables": 3}', b"[1, 2]"])
def test_a_damaged_entry_is_a_miss(tmp_path, damage):
    cache = DocumentCache(tmp_path)
    key = document_key(TEXT, DAY)
    cache.put(key, extract_document(TEXT, DAY))
    next((tmp_path / extractor_digest()).rglob("*.json")).write_bytes(damage)
    assert cache.get(key) is None


def test_prune_keeps_this_extractor_and_the_documents_named(tmp_path):
    (tmp_path / "0123456789abcdef" / "ab").mkdir(parents=True)  # an older extractor's
    cache = DocumentCache(tmp_path)
    keep, drop = document_key(TEXT, DAY), document_key(TEXT, None)
    cache.put(keep, extract_document(TEXT, DAY))
    cache.put(drop, extract_document(TEXT, None))
    cache.prune(keep={keep})
    assert [p.name for p in tmp_path.iterdir()] == [extractor_digest()]
    assert cache.get(keep) is not None and cache.get(drop) is None


def _corpus(texts: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": list(texts),
            "province": ["Shanxi"] * len(texts),
            "issued": pd.to_datetime(["2024-03-01"] * len(texts)),
        }
    )


@pytest.fixture
def counted(monkeypatch):
    """How many documents each extract_documents call extracted (not taken from the cache)."""
    calls: list[int] = []
    real = tables_module.extract_many

    def extract_many(items, jobs=1):
        calls.append(len(items))
        return real(items, jobs)

    monkeypatch.setattr(tables_module, "extract_many", extract_many)
    return calls


def test_editing_one_document_re_extracts_that_one(tmp_path, counted):
    texts = {
        "a": TEXT,
        "b": "推行“政府+链主+园区”招商。",
        "c": "打造光伏、锂电2个产业集群。到2026年，新增产值500亿元。",
    }
    cache = DocumentCache(tmp_path)
    first = extract_documents(_corpus(texts), texts, cache=cache)
    again = extract_documents(_corpus(texts), texts, cache=cache)
    texts["b"] = "推行“政府+链主+基金”招商。"
    edited = extract_documents(_corpus(texts), texts, cache=cache)
    assert counted == [3, 0, 1]
    for name, frame in first.items():
        pd.testing.assert_frame_equal(again[name], frame)
    assert edited["modes"]["mode_key"].tolist() == ["chain_leader_firm+fund+government"]
    pd.testing.assert_frame_equal(edited["targets"], first["targets"])


def test_a_cached_warning_still_names_its_document(tmp_path):
    texts = {"plan_x": "培育萤火虫养殖、月光石雕刻2条产业链。"}
    cache = DocumentCache(tmp_path)
    for _ in range(2):  # extracted, then from the cache
        with pytest.warns(UserWarning, match="plan_x: no English label for 月光石雕刻"):
            extract_documents(_corpus(texts), texts, cache=cache)
