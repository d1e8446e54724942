"""policylens: tidy, citable tables from Chinese provincial industrial-policy documents.

>>> import policylens as pl
>>> docs = pl.load_documents()          # doctest: +SKIP
>>> text = pl.load_text("shanxi_pv_2023")  # doctest: +SKIP

The public functions are imported lazily, so ``import policylens`` stays light:
pandas, pandera and matplotlib load only when a function needs them.
"""

from __future__ import annotations

import importlib
from typing import Any

from policylens.version import __version__ as __version__

# The public names, listed once: name -> module that defines it.
_EXPORTS = {
    "load_documents": "policylens.pipeline",
    "load_text": "policylens.pipeline",
    "load_targets": "policylens.pipeline",
    "load_actuals": "policylens.pipeline",
    "load_chains": "policylens.pipeline",
    "load_modes": "policylens.pipeline",
    "load_mode_actors": "policylens.pipeline",
    "load_milestones": "policylens.pipeline",
    "revisions": "policylens.pipeline",
    "attainment": "policylens.pipeline",
    "build": "policylens.pipeline",
    "pending_review": "policylens.pipeline",
    "to_excel": "policylens.pipeline",
    "find_project": "policylens.pipeline",
    "extract_targets": "policylens.extract",
    "extract_actuals": "policylens.extract.actuals",
    "add_document": "policylens.add",
    "PolicylensError": "policylens.errors",
    "InputError": "policylens.errors",
    "NotBuiltError": "policylens.errors",
    "plots": "policylens.plots",  # a subpackage: pl.plots.revenue_goals(...)
}

__all__ = sorted([*_EXPORTS, "__version__"])


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'policylens' has no attribute {name!r}")
    module = importlib.import_module(_EXPORTS[name])
    value = module if module.__name__ == f"policylens.{name}" else getattr(module, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
