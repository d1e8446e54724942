"""Report-ready figures of the four comparisons, in English (default) or Chinese.

>>> import policylens as pl
>>> fig = pl.plots.revenue_goals(pl.load_targets())                        # doctest: +SKIP
>>> fig = pl.plots.timelines(pl.load_documents(), pl.load_milestones(), lang="zh")  # doctest: +SKIP
>>> pl.plots.write_figures(tables, "figures/")  # doctest: +SKIP

Each function takes the tidy tables it draws (``pl.load_*`` gives the built
ones), keyword-only options, an optional ``ax``, and returns a matplotlib
Figure; it reads no file and only the caller decides where it is saved. Each
chart's module (and matplotlib, seaborn, pandas) is imported when first used.
"""

from __future__ import annotations

import importlib
from typing import Any

# The public names, listed once: name -> module that defines it (imported when first used).
_EXPORTS = {
    "FIGURES": "policylens.plots.export",
    "write_figures": "policylens.plots.export",
    "chain_counts": "policylens.plots.counts",
    "chain_counts_data": "policylens.summaries",
    "firm_project_counts": "policylens.plots.counts",
    "firm_project_data": "policylens.summaries",
    "collaboration_modes": "policylens.plots.modes",
    "mode_purposes": "policylens.plots.modes",
    "modes_data": "policylens.summaries",
    "other_goals": "policylens.plots.other",
    "goal_revisions": "policylens.plots.overtime",
    "goal_attainment": "policylens.plots.overtime",
    "other_goals_data": "policylens.summaries",
    "describe_revenue_totals": "policylens.plots.revenue",
    "revenue_goals": "policylens.plots.revenue",
    "revenue_goals_data": "policylens.summaries",
    "revenue_roles": "policylens.summaries",
    "revenue_totals": "policylens.plots.revenue",
    "revenue_totals_data": "policylens.summaries",
    "milestones_per_quarter": "policylens.plots.deadlines",
    "milestones_per_quarter_data": "policylens.summaries",
    "timelines": "policylens.plots.deadlines",
    "timelines_data": "policylens.summaries",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'policylens.plots' has no attribute {name!r}")
    value = getattr(importlib.import_module(_EXPORTS[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
