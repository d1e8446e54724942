"""Report-ready figures of the four comparisons, in English (default) or Chinese.

>>> import policylens as pl
>>> fig = pl.plots.revenue_goals(pl.load_targets())                        # doctest: +SKIP
>>> fig = pl.plots.timelines(pl.load_documents(), pl.load_milestones(), lang="zh")  # doctest: +SKIP
>>> pl.plots.write_figures(tables, "figures/")  # doctest: +SKIP

Each function takes the tidy tables it draws (``pl.load_*`` gives the built
ones), keyword-only options, an optional ``ax``, and returns a matplotlib
Figure; it reads no file and only the caller decides where it is saved. matplotlib and
seaborn are imported when something is drawn, not when this module is.
"""

from __future__ import annotations

from policylens.plots.counts import (
    chain_counts,
    chain_counts_data,
    firm_project_counts,
    firm_project_data,
)
from policylens.plots.export import FIGURES, write_figures
from policylens.plots.modes import collaboration_modes, mode_purposes, modes_data
from policylens.plots.other_goals import other_goals, other_goals_data
from policylens.plots.revenue import (
    describe_revenue_totals,
    revenue_goals,
    revenue_goals_data,
    revenue_roles,
    revenue_totals,
    revenue_totals_data,
)
from policylens.plots.timelines import (
    milestones_per_quarter,
    milestones_per_quarter_data,
    timelines,
    timelines_data,
)

__all__ = [
    "FIGURES",
    "chain_counts",
    "chain_counts_data",
    "collaboration_modes",
    "describe_revenue_totals",
    "firm_project_counts",
    "firm_project_data",
    "milestones_per_quarter",
    "milestones_per_quarter_data",
    "mode_purposes",
    "modes_data",
    "other_goals",
    "other_goals_data",
    "revenue_goals",
    "revenue_goals_data",
    "revenue_roles",
    "revenue_totals",
    "revenue_totals_data",
    "timelines",
    "timelines_data",
    "write_figures",
]
