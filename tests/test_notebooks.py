"""The notebooks run top to bottom against a built project, without an error."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

#: A cell that draws: a policylens chart (not a *_data table), pyplot, or pandas plotting.
DRAWS = re.compile(
    r"pl\.plots\.(?!\w*_data\b|describe_|write_figures|FIGURES)\w+\(|\bplt\.|\.plot[.(]"
)
NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))


def test_there_is_an_overview_and_one_notebook_per_comparison():
    assert [p.stem for p in NOTEBOOKS] == [
        "00_overview",
        "01_revenue_goals",
        "02_chain_counts",
        "03_collaboration_modes",
        "04_timelines",
        "05_targets_over_time",
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_committed_thin_and_without_outputs(path: Path):
    import nbformat

    book = nbformat.read(path, as_version=4)
    code = [cell for cell in book.cells if cell.cell_type == "code"]
    assert code[0].source.startswith("import policylens as pl")
    assert all(not cell.outputs and cell.execution_count is None for cell in code)
    assert any(cell.cell_type == "markdown" for cell in book.cells)
    assert all(len(cell.source.splitlines()) <= 20 for cell in code), "logic belongs in the library"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs(path: Path, built_project: Path, monkeypatch: pytest.MonkeyPatch):
    import nbformat
    from nbclient import NotebookClient

    # the kernel is this interpreter (jupyter_client swaps "python" for sys.executable) and
    # reads the built temp project, never the repository's own outputs
    monkeypatch.setenv("POLICYLENS_ROOT", str(built_project))
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    book = nbformat.read(path, as_version=4)
    client = NotebookClient(
        book, kernel_name="python3", timeout=120, resources={"metadata": {"path": str(path.parent)}}
    )
    client.execute()  # raises CellExecutionError, naming the cell, on any error
    errors = [
        output
        for cell in book.cells
        if cell.cell_type == "code"
        for output in cell.outputs
        if output.output_type == "error"
        or (
            output.output_type == "stream"
            and output.name == "stderr"
            and ("Glyph" in output.text or "findfont" in output.text)
        )
    ]
    assert not errors, errors
    # every cell that draws shows its chart (the inline backend must stay on after the first)
    assert any(DRAWS.search(c.source) for c in book.cells if c.cell_type == "code")
    blank = cells_without_image(book)
    assert not blank, f"cells that draw but show no image: {blank}"


def cells_without_image(book) -> list[str]:
    """Sources of the executed code cells that draw but have no image/png display output."""
    return [
        cell.source
        for cell in book.cells
        if cell.cell_type == "code"
        and DRAWS.search(cell.source)
        and not any(
            output.output_type == "display_data" and "image/png" in output.get("data", {})
            for output in cell.outputs
        )
    ]


def test_a_drawing_cell_without_an_image_is_caught():
    import nbformat

    image = nbformat.v4.new_output("display_data", data={"image/png": "iVBORw0KGgo="})
    shown = nbformat.v4.new_code_cell("pl.plots.timelines();", outputs=[image])
    blank = nbformat.v4.new_code_cell("pl.plots.revenue_goals();", outputs=[])
    own = nbformat.v4.new_code_cell("frame.plot.bar();", outputs=[])
    table = nbformat.v4.new_code_cell("pl.plots.timelines_data(documents, milestones)")
    book = nbformat.v4.new_notebook(cells=[shown, blank, own, table])
    assert cells_without_image(book) == ["pl.plots.revenue_goals();", "frame.plot.bar();"]


def test_the_drawing_cell_detector_tells_charts_from_tables():
    assert DRAWS.search("pl.plots.revenue_goals(targets);")
    assert DRAWS.search("goals.plot.barh(x='scope');") and DRAWS.search("plt.plot([1, 2])")
    assert not DRAWS.search("totals = pl.plots.revenue_totals_data(targets, chains)")
    assert not DRAWS.search("[spec.stem('en') for spec in pl.plots.FIGURES]")
