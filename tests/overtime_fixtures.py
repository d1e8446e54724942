"""Small projects and frames of our own for the targets-over-time tests.

``write_project`` makes a project folder from a few documents (sentences we
wrote, not the bundled texts), accepting every extracted candidate, so that
revisions are tested end to end from text; ``target``/``actual`` make single
rows of the contract's tables for attainment.
"""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pandas as pd

from policylens import pipeline
from policylens.corpus import documents_frame, load_texts, read_metadata
from policylens.model.schema import DOCUMENTS, conform, empty_frame
from policylens.read.pages import document_pages
from policylens.review import apply_decisions, decisions_template, read_decisions
from policylens.tables import build_tables, candidate_targets

DRAFT_AND_FINAL = [
    {
        "doc_id": "hubei_pv_draft",
        "province": "Hubei",
        "title_zh": "湖北省光伏产业高质量发展行动方案（2024-2027年）（征求意见稿）",
        "issued": "2024-01-10",
        "status": "draft",
        "text": "到2027年，全省光伏产业营业收入达到3000亿元。\n"
        "到2027年，全省光伏组件产能达到100GW。\n"
        "到2027年，全省培育光伏链主企业10家。\n",
    },
    {
        "doc_id": "hubei_pv_final",
        "province": "Hubei",
        "title_zh": "湖北省光伏产业高质量发展行动方案（2024-2027年）",
        "issued": "2024-06-01",
        "status": "final",
        "text": "到2027年，全省光伏产业营业收入达到3500亿元。\n"
        "到2027年，全省光伏组件产能达到100GW。\n",
    },
]

TWO_YEARS = [
    {
        "doc_id": "anhui_battery_2024",
        "province": "Anhui",
        "title_zh": "安徽省锂电池产业链2024年行动计划",
        "issued": "2024-02-01",
        "status": "final",
        "text": "到2025年，全省锂电池产能达到200GWh。\n2024年，全省新增签约锂电池项目50个。\n",
    },
    {
        "doc_id": "anhui_battery_2025",
        "province": "Anhui",
        "title_zh": "安徽省锂电池产业链2025年行动计划",
        "issued": "2025-02-01",
        "status": "final",
        "text": "到2026年，全省锂电池产能达到200GWh。\n2025年，全省新增签约锂电池项目60个。\n",
    },
]


def write_project(root: Path, documents: list[dict], *, accept: bool = True) -> Path:
    """A project at ``root`` with ``documents`` (each with its ``text``), every candidate accepted."""
    raw = root / "data" / "raw"
    (raw / "texts").mkdir(parents=True)
    with (raw / "documents.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=DOCUMENTS.column_names)
        writer.writeheader()
        for doc in documents:
            path = raw / "texts" / f"{doc['doc_id']}.txt"
            path.write_text(doc["text"], encoding="utf-8")
            year = doc["issued"][:4]
            writer.writerow(
                {
                    "doc_id": doc["doc_id"],
                    "province": doc["province"],
                    "province_zh": {"Hubei": "湖北", "Anhui": "安徽"}[doc["province"]],
                    "title_zh": doc["title_zh"],
                    "title_en": doc["doc_id"],
                    "issued": doc["issued"],
                    "status": doc["status"],
                    "horizon_start": year,
                    "horizon_end": doc.get("horizon_end", year),
                    "file": f"texts/{doc['doc_id']}.txt",
                    "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
                }
            )
    if accept:
        pending = pipeline.pending_review(root)
        (raw / "review.yaml").write_text(decisions_template(pending), encoding="utf-8")
    return root


def tables_of(root: Path) -> dict[str, pd.DataFrame]:
    """Every table of the project at ``root``, as the build makes them (without drawing)."""
    project = pipeline.find_project(root)
    rows = read_metadata(project)
    texts = load_texts(project, rows)
    documents = documents_frame(rows)
    decisions = read_decisions(project.decisions, texts)
    reviewed = apply_decisions(
        candidate_targets(documents, texts), decisions, texts, project.decisions
    )
    pages = document_pages(project, documents)
    tables = build_tables(documents, texts, pages, reviewed.targets)
    return tables | pipeline.over_time(project, tables, texts)


def target(**fields) -> dict:
    """One target row of our own (defaults: a firm 2025 photovoltaic revenue floor in Hubei)."""
    row = {
        "target_id": "plan:1",
        "doc_id": "plan",
        "province": "Hubei",
        "scope_zh": "光伏产业",
        "scope": "photovoltaic industry",
        "chain": "photovoltaic",
        "indicator": "revenue",
        "value": 3.0e11,
        "value_stretch": None,
        "unit": "CNY",
        "comparator": ">=",
        "commitment": "firm",
        "target_year": 2025,
        "quote": "到2025年光伏产业营业收入达到3000亿元以上",
        "char_start": 0,
        "char_end": 21,
        "origin": "extracted",
    }
    return row | fields


def actual(**fields) -> dict:
    """One actuals row of our own (defaults: Hubei's 2025 photovoltaic revenue, reported 2026)."""
    row = {
        "actual_id": "report:a1",
        "doc_id": "report",
        "province": "Hubei",
        "scope_zh": "光伏产业",
        "scope": "photovoltaic industry",
        "chain": "photovoltaic",
        "indicator": "revenue",
        "value": 3.2e11,
        "unit": "CNY",
        "comparator": "=",
        "year": 2025,
        "period": "2025",
        "as_of": "2025-12-31",
        "quote": "2025年全省光伏产业营业收入达到3200亿元",
        "char_start": 0,
        "char_end": 22,
        "origin": "extracted",
    }
    return row | fields


def frame(table: str, rows: list[dict]) -> pd.DataFrame:
    """Rows of our own as a typed table of the data model."""
    return conform(pd.DataFrame(rows), table) if rows else empty_frame(table)
