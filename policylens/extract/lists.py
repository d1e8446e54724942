"""List distribution: one row per listed subject (分别, 各, 均)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from policylens.extract.rows import Row, changed
from policylens.extract.words import EACH, LIST_SEP, SHARED_SUFFIX, YEAR_DIGITS, YEAR_LIST
from policylens.grammar.periods import Period, resolve_period

if TYPE_CHECKING:
    pass


def list_items(scope_zh: str) -> list[str]:
    """锂电、光伏、氢能产业 → 锂电产业, 光伏产业, 氢能产业 (a shared head goes to every item)."""
    items = [w for w in LIST_SEP.split(scope_zh) if w]
    shared = SHARED_SUFFIX.search(items[-1]) if items else None
    if shared and len(items[-1]) > len(shared.group(0)):
        items = [w if w.endswith(shared.group(0)) else w + shared.group(0) for w in items]
    return items


def _share_list_fields(group: list[Row]) -> None:
    """分别超过100GW、80GW / 分别增长8%和15%以上: one comparator and indicator for the list.

    A comparator before the first value (超过) or after the last (以上) governs
    every value; the metric named before the list names every value.
    """
    first = group[0]
    shared = first.comparator if first.comparator != "=" else group[-1].comparator
    for row in group:
        if row.comparator == "=":
            row.comparator = shared
        if row.indicator == "other":
            row.indicator = first.indicator


def listed_years(text: str, first: Row) -> list[Period]:
    """The years listed at the head of a 分别 sentence (2023年、2024年、2025年，…分别…), in order."""
    m = YEAR_LIST.search(text, first.sentence_start, first.num_start)
    if m is None:
        return []
    years = [resolve_period(y + "年") for y in YEAR_DIGITS.findall(m.group(0))]
    return [p for p in years if p is not None]


def _distribute(group: list[Row], items: list[str], years: list[Period]) -> None:
    """The n-th value to the n-th listed subject or year (when the counts agree)."""
    if len(items) == len(group):
        for row, item in zip(group, items, strict=True):
            row.scope_zh = row.subject = item
    if len(years) == len(group):
        for row, period in zip(group, years, strict=True):
            row.period, row.year_inferred = period, False
    if len(items) == len(group) or len(years) == len(group):
        _share_list_fields(group)


def distribute_lists(rows: list[Row], text: str) -> list[Row]:
    """Give each subject of a listed subject its own row.

    * 风电、光伏装机分别达到15GW、30GW: the n-th value belongs to the n-th subject, when
      the numbers of subjects and values agree (else the rows keep the list);
    * 电池片和组件产能各达到10GW, 风电、光伏装机分别达到15GW: every subject has
      the one value (one row each).
    """
    out: list[Row] = []
    i = 0
    while i < len(rows):
        first = rows[i]
        j = i + 1
        while (
            j < len(rows)
            and rows[j].sentence_start == first.sentence_start
            and rows[j].scope_zh == first.scope_zh
            and rows[j].unit == first.unit
        ):
            j += 1
        group = rows[i:j]
        lead = text[first.start : first.num_start]
        respectively = "分别" in lead
        items = list_items(first.scope_zh) if respectively or EACH.search(lead) else []
        if len(group) > 1 and respectively:
            _distribute(group, items, listed_years(text, first))
        elif len(group) == 1 and len(items) > 1:
            group = [changed(first, scope_zh=item, subject=item) for item in items]
        out += group
        i = j
    return out
