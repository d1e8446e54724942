"""One frame per table from the rows of many documents."""

from __future__ import annotations

import pytest

from policylens.engine.frames import CANDIDATE_COLUMNS, reissue, table_frame, tables_frames
from policylens.engine.unit import PER_DOCUMENT_TABLES, extract_document
from policylens.model.schema import TABLES
from policylens.model.vocab import UnlabelledWarning


def test_ids_made_per_text_become_unique_in_the_corpus():
    texts = ["推行“政府+链主+园区”招商。", "推动“链主+基金”合作，实行“重大项目+链长+属地”机制。"]
    sources = [("d1", "Shanxi"), ("d2", "Jiangxi")]
    frames = tables_frames(sources, [extract_document(t) for t in texts])
    modes = frames["modes"]
    assert modes["mode_id"].tolist() == ["d1:m1", "d2:m1", "d2:m2"]
    assert modes["province"].tolist() == ["Shanxi", "Jiangxi", "Jiangxi"]
    assert set(frames["mode_actors"]["mode_id"]) == set(modes["mode_id"])
    for name in PER_DOCUMENT_TABLES[1:]:
        assert list(frames[name].columns) == TABLES[name].column_names


def test_a_batch_without_rows_still_has_every_column():
    frames = tables_frames([("d", "Shanxi")], [extract_document("没有数字的一句话。")])
    assert list(frames["targets"].columns) == CANDIDATE_COLUMNS
    assert all(len(frame) == 0 for frame in frames.values())
    assert list(table_frame("milestones", [], []).columns) == TABLES["milestones"].column_names


def test_rows_keep_the_order_of_documents_then_text():
    texts = ["2024年底前，出台支持政策。到2025年，产值突破100亿元。", "到2026年，营收达到300亿元。"]
    frames = tables_frames([("b", "Hubei"), ("a", "Hubei")], [extract_document(t) for t in texts])
    assert frames["targets"]["doc_id"].tolist() == ["b", "a"]


def test_reissued_warnings_name_the_document():
    found = [extract_document("打造云朵纺织、星光酿造2个产业集群。"), extract_document("无。")]
    with pytest.warns(UnlabelledWarning, match="^plan_7: no English label for 云朵纺织"):
        reissue([("plan_7", "Hubei"), ("other", "Hubei")], found)


def test_a_warning_many_documents_share_is_given_once_naming_a_few():
    texts = ["打造云朵纺织、星光酿造2个产业集群。", "建设云朵纺织、星光酿造两个产业集群。"]
    found = [extract_document(texts[i % 2]) for i in range(6)]
    sources = [(f"plan_{i}", "Hubei") for i in range(6)]
    with pytest.warns(UnlabelledWarning) as caught:
        reissue(sources, found)
    assert [str(w.message).split(":")[0] for w in caught] == [
        "plan_0, plan_1, plan_2 and 3 more documents"
    ]


def test_distinct_warnings_stop_at_a_bound_with_a_count_of_the_rest(monkeypatch):
    import policylens.engine.frames as frames

    monkeypatch.setattr(frames, "MAX_WARNINGS", 2)
    names = ["云朵纺织", "星光酿造", "月影陶艺", "风铃木作"]
    found = [extract_document(f"打造{name}、{name}配套2个产业集群。") for name in names]
    with pytest.warns(UserWarning) as caught:
        reissue([(f"d{i}", "Hubei") for i in range(4)], found)
    messages = [str(w.message) for w in caught]
    assert len(messages) == 3 and messages[0].startswith("d0: ")
    assert messages[-1].startswith("2 more distinct extraction warnings, from 2 document(s)")
