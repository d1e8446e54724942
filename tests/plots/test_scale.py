"""Charts that summarise, and a chart cache keyed by what each chart reads.

A generated corpus of a few hundred documents (benchmarks/corpus_gen.py) builds:
every figure stays below a size bound whatever the number of documents, and the
workbook is written. Editing one document redraws only the charts whose inputs
changed.
"""

from __future__ import annotations

import importlib.util
import warnings
from pathlib import Path

import corpus_gen  # benchmarks/corpus_gen.py (benchmarks/ is on the tests' path)
import pandas as pd
import pytest
from PIL import Image

from policylens import pipeline
from policylens.model.schema import TABLES
from policylens.plots import export, scale

REPO = Path(__file__).resolve().parents[2]
#: No figure may be taller than this (px at 200 dpi) whatever the corpus.
MAX_HEIGHT = 6000
DOCUMENTS = 200


@pytest.fixture(scope="module")
def large_tables(tmp_path_factory) -> dict[str, pd.DataFrame]:
    root = corpus_gen.generate(tmp_path_factory.mktemp("corpus"), DOCUMENTS, seed=7)
    figure_scale = importlib.util.spec_from_file_location(
        "_bench_figure_scale", REPO / "benchmarks/figure_scale.py"
    )
    module = importlib.util.module_from_spec(figure_scale)
    figure_scale.loader.exec_module(module)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # generated scopes without English labels
        return module.tables_of(root)


def test_every_figure_of_a_large_corpus_stays_bounded_and_the_workbook_builds(
    large_tables, tmp_path
):
    from policylens.excel import write_workbook

    assert len(large_tables["documents"]) == DOCUMENTS
    assert len(large_tables["targets"]) > 5 * scale.TOP_N  # enough to be cut
    # English only (the Chinese charts have the same rows; drawing both doubles the time)
    jobs = [(spec.number, "en") for spec in export.FIGURES]
    pngs = []
    for (number, lang), result in zip(jobs, export.render_jobs(large_tables, jobs), strict=True):
        spec = next(s for s in export.FIGURES if s.number == number)
        pngs.append(tmp_path / f"{spec.stem(lang)}.png")
        pngs[-1].write_bytes(result["png"])
    for path in pngs:
        with Image.open(path) as image:
            width, height = image.size
        assert width == 1500 and height <= MAX_HEIGHT, path.name
        assert path.stat().st_size < 1_500_000, path.name
    book = tmp_path / "summary.xlsx"
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # nothing too large to embed
        write_workbook(large_tables, book, figures=pngs)
    import openpyxl

    wb = openpyxl.load_workbook(book)
    assert len(wb["Figures"]._images) == len(pngs)
    revenue = wb["Revenue goals"]
    assert revenue.max_row <= 2 + 2 * 60 + 1 and revenue.max_column <= 5 + 2 * 24
    last = [c.value for c in revenue[revenue.max_row]]
    assert any(
        isinstance(v, str) and "every revenue goal is in the Targets sheet" in v for v in last
    )


def test_timeline_draws_one_row_per_plan_then_one_per_province(large_tables):
    from policylens.plots.deadlines import _timeline_rows

    documents = large_tables["documents"]
    no_dates = pd.DataFrame(columns=["doc_id", "date"])
    few = documents.iloc[: scale.PLAN_ROWS]
    assert sorted(ids[0] for _, _, ids in _timeline_rows(few, no_dates, "en")) == sorted(
        few["doc_id"]
    )
    rows = _timeline_rows(documents, no_dates, "zh")
    assert len(rows) == documents["province"].nunique()
    assert sum(len(ids) for _, _, ids in rows) == DOCUMENTS
    assert rows[0][0].endswith("份文件）")


def test_top_n_keeps_the_largest_in_their_order_and_counts_the_rest():
    frame = pd.DataFrame({"name": list("abcdef"), "value": [5, 1, 9, 3, 7, 2]})
    kept, left_out = scale.top_n(frame, "value", 3)
    assert list(kept["name"]) == ["a", "c", "e"] and left_out == 3
    assert scale.top_n(frame, "value", 6)[1] == 0
    assert scale.more_label(1234, "en", ("goals", "项目标")) == "… and 1,234 more goals"
    assert scale.more_label(12, "zh", ("goals", "目标")) == "……另有12项目标"


def test_source_line_names_a_few_documents_and_counts_the_rest(large_tables):
    from policylens.plots.style import source_text

    documents = large_tables["documents"]
    text = source_text(documents, documents["doc_id"], "en")
    assert f"and {DOCUMENTS - scale.SOURCE_NAMED} more documents" in text
    assert len(text) < 1000
    few = source_text(documents, documents["doc_id"][: scale.SOURCE_DOCS], "zh")
    assert "另外" not in few and few.count("《") == scale.SOURCE_DOCS


@pytest.fixture(scope="module")
def tables(built_project) -> dict[str, pd.DataFrame]:
    """The tables of the bundled corpus, as built."""
    return {name: pipeline.load_table(name, built_project) for name in TABLES}


def test_every_chart_declares_the_tables_and_columns_it_reads():
    for spec in export.FIGURES:
        assert spec.reads, spec.name
        for table, columns in spec.reads.items():
            assert table in TABLES and columns, (spec.name, table)
            assert set(columns) <= set(TABLES[table].column_names), (spec.name, table)
    # a chart reads no column the data model has not declared, and no file or checksum
    assert all("sha256" not in spec.reads.get("documents", ()) for spec in export.FIGURES)


def test_a_chart_is_given_only_what_it_reads(tables):
    timeline = next(s for s in export.FIGURES if s.name == "timelines")
    given = timeline.inputs(tables)
    assert set(given) == {"documents", "milestones"}
    assert "sha256" not in given["documents"] and "note" not in given["documents"]


def test_editing_one_document_redraws_only_the_charts_that_read_what_changed(
    tables, tmp_path, monkeypatch
):
    cache = tmp_path / "cache"
    older = cache / ("0" * 64)  # the one-folder-per-build cache of earlier versions
    older.mkdir(parents=True)
    pipeline.write_figures(tables, tmp_path / "first", cache=cache, workers=1)
    assert not older.exists()
    drawn: list[tuple[int, str]] = []
    real = export._render_all

    def spy(full, jobs, workers):
        drawn.extend(jobs)
        return real(full, jobs, 1)

    monkeypatch.setattr(export, "_render_all", spy)
    # a document's text re-saved: its checksum changes, no chart reads it
    resaved = {**tables, "documents": tables["documents"].assign(sha256="0" * 64)}
    pipeline.write_figures(resaved, tmp_path / "second", cache=cache)
    assert drawn == []
    # one milestone of one document edited: only the charts reading milestones are redrawn
    milestones = tables["milestones"].copy()
    milestones.loc[0, "deadline"] = pd.Timestamp("2026-06-30")
    edited = {**tables, "milestones": milestones}
    pipeline.write_figures(edited, tmp_path / "third", cache=cache)
    names = {next(s.name for s in export.FIGURES if s.number == n) for n, _ in drawn}
    assert names == {"timelines", "milestones_per_quarter"}
    assert sorted(lang for _, lang in drawn) == ["en", "en", "zh", "zh"]
