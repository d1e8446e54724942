"""policylens: tidy, citable tables from Chinese provincial industrial-policy documents.

>>> import policylens as pl
>>> docs = pl.load_documents()          # doctest: +SKIP
>>> text = pl.load_text("shanxi_pv_2023")  # doctest: +SKIP

The public functions are imported lazily, so ``import policylens`` stays light:
pandas, pandera and matplotlib load only when a function needs them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# public name -> module that defines it
_EXPORTS = {
    "load_documents": "policylens.corpus",
    "load_text": "policylens.corpus",
    "load_targets": "policylens.tables",
    "load_chains": "policylens.tables",
    "load_modes": "policylens.tables",
    "load_mode_actors": "policylens.tables",
    "load_milestones": "policylens.tables",
    "extract_targets": "policylens.extract",
    "add_document": "policylens.add",
    "pending_review": "policylens.review",
    "build": "policylens.build",
    "to_excel": "policylens.excel",
    "find_project": "policylens.paths",
    "PolicylensError": "policylens.errors",
    "InputError": "policylens.errors",
    "NotBuiltError": "policylens.errors",
}
_SUBMODULES = ("plots",)

__all__ = [
    "InputError",
    "NotBuiltError",
    "PolicylensError",
    "__version__",
    "add_document",
    "build",
    "extract_targets",
    "find_project",
    "load_chains",
    "load_documents",
    "load_milestones",
    "load_mode_actors",
    "load_modes",
    "load_targets",
    "load_text",
    "pending_review",
    "plots",
    "to_excel",
]

if TYPE_CHECKING:
    from policylens import plots
    from policylens.add import add_document
    from policylens.build import build
    from policylens.corpus import load_documents, load_text
    from policylens.errors import InputError, NotBuiltError, PolicylensError
    from policylens.excel import to_excel
    from policylens.extract import extract_targets
    from policylens.paths import find_project
    from policylens.review import pending_review
    from policylens.tables import (
        load_chains,
        load_milestones,
        load_mode_actors,
        load_modes,
        load_targets,
    )


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(importlib.import_module(_EXPORTS[name]), name)
    elif name in _SUBMODULES:
        value = importlib.import_module(f"policylens.{name}")
    else:
        raise AttributeError(f"module 'policylens' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
