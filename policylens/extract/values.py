"""Value and comparator readers: numbers in canonical units (exact decimal scaling) and the
comparator words around them (TARGETS.md, fields value, value_stretch, comparator)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal

from policylens.extract.context import Hit
from policylens.extract.words import CANONICAL_UNITS, UNITS
from policylens.grammar.numbers import parse_fraction, parse_number, parse_range

_GROWTH_AFTER_DD = re.compile(r"^\s*(?:以上)?的?(?:增长|增速|增幅)")


def scale_value(value: float, scale: str) -> float:
    """`value` times an exact decimal scale (亿 → 1e8 without binary rounding)."""
    if scale == "1":
        return value
    return float(Decimal(repr(value)) * _decimal_scale(scale))


@functools.cache  # a unit's scale: a handful of strings
def _decimal_scale(scale: str) -> Decimal:
    return Decimal(scale)


@dataclass(slots=True)
class Value:
    """What the value reader found: value (and stretch) in `unit`, or a reason to review."""

    value: float | None
    stretch: float | None
    unit: str
    range_cmp: str | None = None  # '>=' for a range; '>=g' for 两位数增长
    review_reason: str = ""


def _dd_value(hit: Hit) -> Value:
    """两位数 (double digits): at least 10 percent; 两位数增长 is a growth rate."""
    grow = _GROWTH_AFTER_DD.match(hit.text[hit.num_end : hit.num_end + 8])
    if grow:
        hit.num_end += grow.end()
        hit.after = hit.text[hit.num_end : hit.clause_end]
    return Value(10.0, None, "percent", ">=g" if grow else ">=")


def read_value(hit: Hit) -> Value:
    """The value in its canonical unit; a unit outside the contract keeps no value."""
    if hit.is_dd:
        return _dd_value(hit)
    if hit.vague:
        unit = UNITS.get(hit.unit_word, ("count", "1") if hit.is_count else ("", "1"))[0]
        number = hit.vague + hit.numtext
        return Value(None, None, unit, None, f"approximate number '{number}': a range to review")
    if hit.is_frac:
        return Value(parse_fraction(hit.numtext, scale=100), None, "percent")
    unit, scale = UNITS.get(hit.unit_word, ("count", "1") if hit.is_count else ("", "1"))
    stretch = None
    range_cmp = None
    if hit.is_range:
        bounds = parse_range(hit.numtext.replace("%", "").replace("％", ""))
        value, stretch = bounds if bounds else (None, None)
        range_cmp = ">=" if bounds else None
    else:
        value = parse_number(hit.numtext)
    if hit.unknown_unit:
        units = ", ".join(CANONICAL_UNITS)
        return Value(None, None, "", None, f"unit '{hit.unit_word}' is not one of {units}")
    if value is None:
        return Value(None, None, unit, None, f"number '{hit.numtext}' could not be parsed")
    if scale != "1":  # counts and percentages keep their number
        value = scale_value(value, scale)
        stretch = None if stretch is None else scale_value(stretch, scale)
    return Value(value, stretch, unit, range_cmp)


_AFTER_CMP = {"以上": ">=", "及以上": ">=", "左右": "~", "上下": "~", "以内": "<=", "以下": "<="}
_AFTER_CMP["之内"] = "<="
#: when several comparator words apply, the first of these wins (控制在3000万吨左右: about)
_PRECEDENCE = ("~", "<=", ">", ">=")


def read_comparator(hit: Hit, value: Value) -> str:
    """The comparator: 左右/约 '~' over a cap '<=' over 突破/余 '>' over 以上 '>=' over '='.

    An upper bound (控制在5.5%以内, 控制在…以下, 不超过, 不高于) is '<=' with its value: an
    economist reads the cap as a number (issue 12).
    """
    # a tuple of the words found, not a set and a generator: this runs for every row
    found = (
        hit.prefix_cmp,
        _AFTER_CMP.get(hit.cmp_after_word),
        value.range_cmp[:2] if value.range_cmp else None,
        ">" if hit.match.group("approx") else None,  # 200余家, 100多个: more than
    )
    for c in _PRECEDENCE:
        if c in found:
            return c
    return "="
