"""Charts that summarise: how a chart stays the same size whatever the number of documents.

A chart of five plans may show every goal, mode and plan; a chart of a thousand
must not grow a row per document. The rules, shared by every chart:

- **top N** (:func:`top_n`): at most :data:`TOP_N` bars, the largest first,
  and one last row saying "… and K more" (:func:`more_label`);
- **aggregation** (:func:`by_plan`): one row per plan up to :data:`PLAN_ROWS`
  plans, above that one row per province (a province has at most a few dozen);
- **a bounded source line** (:func:`source_ids`): the documents a chart draws on
  are named up to :data:`SOURCE_DOCS`, then "and K more documents".

With the bundled corpus (five documents) no limit is reached and every chart
is as it was.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TypeVar

import pandas as pd

#: Bars (goals, modes …) a chart shows at most; the rest are counted in a last row.
TOP_N = 25
#: Plans a timeline shows one row each; more plans are drawn one row per province.
PLAN_ROWS = 12
#: Documents a source line names; more are counted ("and K more documents").
SOURCE_DOCS = 6
#: Documents named when a source line is cut (the rest are counted).
SOURCE_NAMED = 4

T = TypeVar("T")


def more_label(n: int, lang: str, what: tuple[str, str] = ("", "")) -> str:
    """'… and 12 more goals' / '……另有12项目标': the row or label standing for what is left out.

    ``what``: the (English plural, Chinese noun) counted, e.g. ("goals", "目标").
    """
    english, chinese = what
    if lang == "en":
        return f"… and {n:,} more" + (f" {english}" if english else "")
    return f"……另有{n:,}项" + chinese


def top_n(frame: pd.DataFrame, by: str | Sequence[str], n: int = TOP_N) -> tuple[pd.DataFrame, int]:
    """(the ``n`` rows of ``frame`` largest by ``by``, in their original order; how many
    rows were left out). A frame of ``n`` rows or fewer is returned whole."""
    if len(frame) <= n:
        return frame, 0
    keys = [by] if isinstance(by, str) else list(by)
    ranked = frame.reset_index(drop=True).sort_values(
        keys, ascending=False, kind="stable", na_position="last"
    )
    return frame.iloc[sorted(ranked.index[:n])], len(frame) - n


def head(items: Sequence[T], n: int = TOP_N) -> tuple[list[T], int]:
    """(the first ``n`` of ``items``, how many were left out)."""
    return list(items[:n]), max(len(items) - n, 0)


def by_plan(documents: pd.DataFrame, limit: int = PLAN_ROWS) -> bool:
    """True when a chart can give each plan a row of its own; else it shows provinces."""
    return len(documents) <= limit


def source_ids(doc_ids: Iterable[str]) -> tuple[list[str], int]:
    """(the documents a source line names, how many more it counts): all of them up to
    :data:`SOURCE_DOCS`, else the first :data:`SOURCE_NAMED` (sorted) and a count."""
    ids = sorted({str(d) for d in doc_ids if d == d and d is not None})
    if len(ids) <= SOURCE_DOCS:
        return ids, 0
    return ids[:SOURCE_NAMED], len(ids) - SOURCE_NAMED


def more_documents(n: int, lang: str) -> str:
    """The end of a cut source line: 'and 996 more documents (see the documents table)'."""
    if lang == "en":
        return f"and {n:,} more documents (see the documents table)"
    return f"及另外{n:,}份文件（见文件表）"


def note_left_out(line, n: int, lang: str, what: tuple[str, str]) -> None:
    """Add "Not shown: K more <what> (all are in the tables …)." under a chart's source line."""
    if not n:
        return
    english, chinese = what
    note = (
        f"Not shown: {n:,} more {english} (all are in the tables and the workbook)."
        if lang == "en"
        else f"未显示：另有{n:,}{chinese}（均见数据表和工作簿）。"
    )
    line.set_text(line.get_text() + "\n" + note)


#: Provinces a stacked chart colours one by one; the rest are one grey "other provinces".
MAX_COLOURS = 8
#: The column that stands for the provinces folded together.
OTHERS = "Other provinces"
OTHERS_COLOR = (0.72, 0.72, 0.72)


def fold_provinces(table: pd.DataFrame, n: int = MAX_COLOURS) -> tuple[pd.DataFrame, int]:
    """``table`` (one column per province) with all but the ``n`` largest provinces (by
    total) summed into one column :data:`OTHERS`; and how many provinces were folded."""
    if table.shape[1] <= n:
        return table, 0
    totals = table.sum().sort_values(ascending=False, kind="stable")
    keep = [c for c in table.columns if c in set(totals.index[:n])]
    rest = [c for c in table.columns if c not in keep]
    folded = table[keep].copy()
    folded[OTHERS] = table[rest].sum(axis=1)
    return folded, len(rest)


def others_handle(folded: int, lang: str):
    """The legend entry of the folded provinces: 'Other provinces (23)' / '其他省份（23个）'."""
    from matplotlib.patches import Patch  # noqa: PLC0415 (this module loads without matplotlib)

    label = f"Other provinces ({folded})" if lang == "en" else f"其他省份（{folded}个）"
    return Patch(facecolor=OTHERS_COLOR, edgecolor="none", label=label)
