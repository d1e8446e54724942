"""What makes two rows the same goal, and in which order a province's documents come.

A *goal key* is what a target measures, independent of when and how much:
province, indicator, unit, what the value is per (totals and per-city values
never compare), and the chain key — or, for a goal that is not about a chain,
its scope in the text's own words. Two targets (or a target and an actual)
with the same key speak of the same quantity, so their values compare.

>>> import pandas as pd
>>> row = pd.Series({"province": "Sichuan", "indicator": "revenue", "unit": "CNY",
...                  "per": None, "chain": "photovoltaic", "scope_zh": "光伏产业"})
>>> goal_key(row)
('Sichuan', 'revenue', 'CNY', '', 'chain:photovoltaic')
>>> series_stem("四川省工业“珠峰攀登”行动方案（征求意见稿）") == series_stem("四川省工业“珠峰攀登”行动方案")
True
>>> series_stem("山西省光伏产业链2023年行动方案") == series_stem("山西省光伏产业链2024年行动方案")
True
"""

from __future__ import annotations

import math
import re
from typing import Any

import pandas as pd

#: Values this close (relative) are the same value: stored values are never rounded,
#: but 1.2万亿 and 12000亿 must compare equal after float arithmetic.
SAME_VALUE = 1e-9

# Words of a title that tell versions and years of one plan apart, not the plan itself:
# years and horizons, draft markers, and the words of a review of the plan.
_TITLE_NOISE = re.compile(
    r"[（(]?(?:征求意见稿|送审稿|草案|修订稿|讨论稿)[）)]?"
    r"|[（(]?[0-9０-９]{4}\s*[-—–－~至到]\s*[0-9０-９]{4}\s*年?[）)]?"
    r"|[0-9０-９]{4}\s*年(?:度)?"
    r"|[“\"]?[十][一二三四五六七八九]五[”\"]?(?:时期)?"
    r"|(?:中期|终期)?(?:评估|实施情况|执行情况|进展情况|总结)(?:报告)?$"
)
_SPACE = re.compile(r"[\s　]+")


def text_or_empty(value: Any) -> str:
    """A cell as text: '' for a missing value (NA, None, NaN)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value).strip()


def goal_key(row: pd.Series | dict) -> tuple[str, str, str, str, str]:
    """(province, indicator, unit, per, subject): equal keys measure the same quantity.

    The subject is ``chain:<key>`` when the goal is about a chain (the chain key
    already joins 光伏产业链 and 光伏产业), else ``scope:<scope_zh>`` as written.
    """
    chain = text_or_empty(row.get("chain"))
    subject = f"chain:{chain}" if chain else f"scope:{text_or_empty(row.get('scope_zh'))}"
    return (
        text_or_empty(row.get("province")),
        text_or_empty(row.get("indicator")),
        text_or_empty(row.get("unit")),
        text_or_empty(row.get("per")),
        subject,
    )


def describe_key(key: tuple[str, str, str, str, str]) -> str:
    """The key in words, for the ``why`` of a revision row."""
    province, indicator, unit, per, subject = key
    kind, _, name = subject.partition(":")
    what = f"chain {name}" if kind == "chain" else f"scope {name}"
    per_words = f", per {per}" if per else ""
    return f"same province ({province}), indicator {indicator}, unit {unit}{per_words} and {what}"


def series_stem(title: str) -> str:
    """A title without what tells versions of one plan apart (years, 征求意见稿, 评估报告).

    Two documents of a province whose stems are equal are versions of one plan:
    a draft and its final, one year's action plan and the next, a plan and its
    mid-term review.
    """
    return _SPACE.sub("", _TITLE_NOISE.sub("", text_or_empty(title)))


def year_of(value: Any) -> int | None:
    """An int year, or None for a missing one."""
    text = text_or_empty(value)
    return int(float(text)) if text else None


def number(value: Any) -> float | None:
    """A float, or None for a missing value."""
    if value is None or (not isinstance(value, (int, float)) and pd.isna(value)):
        return None
    out = float(value)
    return None if math.isnan(out) else out


def same_value(a: float | None, b: float | None) -> bool:
    """Equal, or both missing (relative tolerance :data:`SAME_VALUE`)."""
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=SAME_VALUE, abs_tol=0.0)


def shown(value: float | None, unit: str) -> str:
    """A value in words for a ``why`` or a note: money in 亿元, else number and unit.

    >>> shown(3.5e11, "CNY"), shown(100.0, "GW"), shown(12.5, "percent")
    ('3,500亿元', '100 GW', '12.5%')
    >>> shown(1.5e8, "t"), shown(2.8e4, "count"), shown(0.35, "GW")
    ('150,000,000 t', '28,000', '0.35 GW')
    """
    if value is None:
        return "none"
    if unit == "CNY":
        return f"{_plain(value / 1e8)}亿元"
    if unit == "percent":
        return f"{_plain(value)}%"
    return f"{_plain(value)} {unit}".replace(" count", "")


def _plain(value: float) -> str:
    """A number as a reader writes it: whole numbers in full with thousands separators
    (1.5e8 tonnes is 150,000,000, never 1.5e+08), others to six significant digits."""
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:,.6g}"


def document_order(documents: pd.DataFrame) -> pd.DataFrame:
    """The documents that can be placed in time, in order, with ``order_date`` and ``stem``.

    A document is placed by its issue date, or — when the text gives none — by
    the first day of its horizon (a 2023–2026 plan stands at 2023-01-01); a
    draft comes before a final of the same date. A document with neither is
    left out: its place in a sequence would be a guess.
    """
    out = documents.copy()
    issued = pd.to_datetime(out["issued"])
    start = pd.to_numeric(out["horizon_start"], errors="coerce")
    from_horizon = pd.to_datetime(
        start.map(lambda y: f"{int(y)}-01-01" if pd.notna(y) else None), format="ISO8601"
    )
    out["order_date"] = issued.fillna(from_horizon)
    out["draft_rank"] = (out["status"].astype(str) != "draft").astype(int)
    out["stem"] = out["title_zh"].map(series_stem)
    out = out[out["order_date"].notna()]
    return out.sort_values(
        ["province", "order_date", "draft_rank", "doc_id"], kind="stable"
    ).reset_index(drop=True)
