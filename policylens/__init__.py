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
    "build": "policylens.build",
    "find_project": "policylens.paths",
    "PolicylensError": "policylens.errors",
    "InputError": "policylens.errors",
    "NotBuiltError": "policylens.errors",
}

__all__ = [
    "InputError",
    "NotBuiltError",
    "PolicylensError",
    "__version__",
    "build",
    "find_project",
    "load_documents",
    "load_text",
]

if TYPE_CHECKING:
    from policylens.build import build
    from policylens.corpus import load_documents, load_text
    from policylens.errors import InputError, NotBuiltError, PolicylensError
    from policylens.paths import find_project


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(importlib.import_module(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'policylens' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
