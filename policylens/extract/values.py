"""Value reader: numbers in canonical units (exact decimal scaling)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    pass


def scale_value(value: float, scale: str) -> float:
    if scale == "1":
        return value
    return float(Decimal(repr(value)) * Decimal(scale))
