"""The bundled corpus: documents.csv and load_text."""

from __future__ import annotations

import hashlib

import pandas as pd
from conftest import REPO

import policylens as pl


def test_five_documents_with_metadata_from_their_texts():
    docs = pl.load_documents(REPO).set_index("doc_id")
    assert len(docs) == 5
    counts = docs["province"].astype(str).value_counts().to_dict()
    assert counts == {"Shanxi": 3, "Jiangxi": 1, "Sichuan": 1}
    pv = docs.loc["shanxi_pv_2023"]
    assert pv["doc_number"] == "晋能源新能源发【2023】68号"
    assert pv["issued"] == pd.Timestamp("2023-03-20")
    assert pv["status"] == "final"
    assert docs.loc["shanxi_chain_chief_2024", "issued"] == pd.Timestamp("2024-01-12")
    assert docs.loc["sichuan_everest_2023_draft", "status"] == "draft"
    assert docs.loc["sichuan_everest_2023_draft", "horizon_end"] == 2027
    assert docs.loc["jiangxi_chains_2023_2026", ["horizon_start", "horizon_end"]].tolist() == [
        2023,
        2026,
    ]
    # A fact the text does not give is empty and explained, never guessed.
    opinions = docs.loc["shanxi_investment_opinions"]
    assert pd.isna(opinions["issued"]) and pd.isna(opinions["doc_number"])
    assert "no issue date" in opinions["note"]


def test_titles_and_links_are_found_in_their_texts():
    docs = pl.load_documents(REPO)
    for row in docs.itertuples():
        text = pl.load_text(row.doc_id, REPO)
        assert row.title_zh.replace("（征求意见稿）", "") in text, row.doc_id
        if not pd.isna(row.source_url):
            assert row.source_url in text


def test_raw_files_are_the_seeds_byte_for_byte():
    docs = pl.load_documents(REPO)
    for row in docs.itertuples():
        data = (REPO / "data" / "raw" / row.file).read_bytes()
        assert hashlib.sha256(data).hexdigest() == row.sha256


def test_newspaper_layout_is_rejoined_into_whole_sentences():
    raw = (REPO / "data/raw/texts/shanxi_investment_opinions.txt").read_text(encoding="utf-8")
    text = pl.load_text("shanxi_investment_opinions", REPO)
    sentence = (
        "省重点产业链链长制工作机制根据各产业链发展情况，动态优化“链主”“链核”企业遴选考核标准"
    )
    assert sentence not in raw  # broken across lines in the raw layout
    assert sentence in text
    assert "\n\n" not in text
    # Headings stay on their own line; the title at the end is whole.
    assert "\n三、加强“政府 + 链主 + 开发区”机制的构建\n" in text
    assert text.endswith("山西省商务厅等 23部门关于加强产业链供应链招商引资稳资安企指导服务的意见")


def test_one_paragraph_per_line_documents_keep_every_line():
    for doc_id in ("shanxi_pv_2023", "shanxi_chain_chief_2024", "jiangxi_chains_2023_2026"):
        raw_lines = [
            line.strip()
            for line in (REPO / f"data/raw/texts/{doc_id}.txt")
            .read_text(encoding="utf-8")
            .splitlines()
            if line.strip()
        ]
        assert pl.load_text(doc_id, REPO).split("\n") == raw_lines


def test_load_text_is_reproducible():
    assert pl.load_text("shanxi_investment_opinions", REPO) == pl.load_text(
        "shanxi_investment_opinions", REPO
    )
