"""Per-unit reader: what a value is per (每个市…10个 → city; 每年引进3家 → year).

A per-unit value is not a provincial total (issue 11): consumers must not add it up
or draw it as one. Totals have an empty ``per``.
"""

from __future__ import annotations

from policylens.extract.context import Hit
from policylens.extract.words import PER_UNITS, PER_WORD
from policylens.grammar.periods import Period

_RECURRING = {"yearly": "year", "half-yearly": "half_year", "quarterly": "quarter"}
_RECURRING["monthly"] = "month"


def read_per(hit: Hit, period: Period | None) -> str:
    """The unit the value is per, from 每/各 in its clause or a recurring time; '' for totals."""
    t, lo, hi = hit.text, hit.clause_start, hit.num_start
    # the per words start with 每 or 各: str.find spares most clauses the regex and the slice
    if t.find("每", lo, hi) >= 0 or t.find("各", lo, hi) >= 0:
        found = list(PER_WORD.finditer(t[lo:hi]))
        if found:
            return PER_UNITS[found[-1].group("what")]
    if period is not None and period.recurring:
        return _RECURRING.get(period.recurring, "")
    return ""
