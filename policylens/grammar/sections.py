"""The outline of a policy document: its headings, what each section is, the plan's horizon.

Targets are read sentence by sentence, but what a sentence means can depend on
where it stands:

* under ``一、2023年工作回顾`` or ``第一章 发展基础`` every number is an
  achievement, not a goal (work reports and plans open with such a review);
* under ``三、2024年重点工作`` an undated task is due in 2024;
* in a plan titled ``…行动方案（2023—2025年）`` or ``“十四五”…规划`` an undated
  goal is due by the end of the plan.

:class:`Outline` finds the headings once per document (one regex pass over line
starts) and answers, for any offset, which section holds it.
"""

from __future__ import annotations

import datetime
import functools
import re
from bisect import bisect_right
from dataclasses import dataclass

from policylens.grammar.periods import Period, find_periods

__all__ = ["Outline", "Section"]

_CN_NUM = "一二三四五六七八九十百零〇"
#: a heading at a line start: 第一章 / 一、 (level 1) or （一） (level 2), then its title.
#: The lookahead rejects most line starts at their first character: without it every
#: line break of a hard-wrapped text ran the whole alternation (twice the instructions).
_HEADING = re.compile(
    rf"\n(?=[ \t\u3000第{_CN_NUM[:10]}（(])[ \t\u3000]*(?:(?P<l1>第[{_CN_NUM}]+[章节部分篇][ \t\u3000]*|[一二三四五六七八九十]+(?:、|[．.](?![0-9])))"
    rf"|(?P<l2>[（(][一二三四五六七八九十]+[）)]))(?P<title>[^\n。；;！!？?]{{0,40}})"
)
#: sections that review what has been achieved
_PAST_TITLE = re.compile(
    r"回顾|过去|发展基础|发展现状|基本情况|现状|发展成就|成就|成效|完成情况|进展情况|取得的成绩"
)
_TITLE_HORIZON = re.compile(
    r"[（(]\s*[12][0-9]{3}\s*年?\s*[-—–~～至到]\s*(?P<end>[12][0-9]{3})\s*年?\s*[）)]"
    r"|(?P<fyp>十[一二三四五六七八九]五)"
    # 2024年工作要点; not a deadline in a news headline (…方案 到2027年装机达到…)
    r"|(?<![0-9〔\[到至])(?<!到 )(?<!至 )(?P<year>[12][0-9]{3})\s*年(?![0-9\s]*月|\s*[-—–~～至到])"
)
_SENTENCE_MARK = re.compile(r"[，,。；;]|：(?!$)")
_ISSUED_TITLE = re.compile(
    r"印发[^《\n]{0,12}《([^》\n]{4,80})》"
    r"|《([^》\n]{4,80})》[^，,。；;\n]{0,6}(?:印发|出台|发布|出炉)"  # 《…》日前印发 (news)
)
_FYP_END = {f"十{d}五": 1955 + 5 * (10 + i) for i, d in enumerate("一二三四五六七八九", 1)}


@dataclass(frozen=True)
class Section:
    """The innermost section holding an offset."""

    start: int  # offset of its heading (0: before the first heading)
    past: bool  # a review of achievements: its numbers are facts
    period: Period | None  # the year its heading names (三、2024年重点工作), if any


_NO_SECTION = Section(0, False, None)


class Outline:
    """Headings of one document and the horizon its title states."""

    def __init__(self, text: str, issued: datetime.date | None, ref_year: int | None) -> None:
        self._text = text
        self._issued = issued
        self._ref_year = ref_year
        # headings are found at once; a section's review mark and year are read when a
        # value in it asks (most sections of a long document hold no value)
        self._headings: list[tuple[int, str, int]] = []  # (start, title, its level-1 heading)
        outer = -1
        for m in _HEADING.finditer(text):
            if m.group("l1"):
                outer = len(self._headings)
            self._headings.append((m.start() + 1, m.group("title"), outer))
        self._starts = [h[0] for h in self._headings]
        self._read: dict[int, Section] = {}

    @functools.cached_property
    def horizon(self) -> Period | None:
        """The year the document's title says the plan runs to (read when first needed)."""
        return _title_horizon(self._text)

    def _section(self, start: int, title: str) -> Section:
        period = None
        if "年" in title or "五" in title:  # only a year or 十四五 can date a section
            found = [m.period for m in find_periods(title, self._issued) if not m.period.recurring]
            period = found[0] if found and found[0].year is not None else None
        past = bool(_PAST_TITLE.search(title)) or bool(
            period and self._ref_year and period.year < self._ref_year
        )
        return Section(start, past, period)

    def section_at(self, pos: int) -> Section:
        """The innermost section holding `pos`: a level-2 section (（一）) inherits its
        level-1 parent's review mark and year."""
        i = bisect_right(self._starts, pos) - 1
        if i < 0:
            return _NO_SECTION
        section = self._read.get(i)
        if section is None:
            start, title, outer = self._headings[i]
            section = self._section(start, title)
            if outer != i:
                parent = self.section_at(self._headings[outer][0]) if outer >= 0 else _NO_SECTION
                section = Section(
                    start, section.past or parent.past, section.period or parent.period
                )
            self._read[i] = section
        return section


def _title_horizon(text: str) -> Period | None:
    """The year a document's title says it runs to: （2023—2025年）, “十四五”, 2024年工作要点.

    Titles are the short lines at the head of the document (a notice's title, the
    plan's own title below it) and the 《…》 that the notice says it issues (印发).
    """
    head = text[:800]
    titles = [
        line.strip().removeprefix("标题：")
        for line in head.split("\n")[:8]
        if line.strip()
        and len(line.strip()) <= 80
        and not _SENTENCE_MARK.search(line)
        and not _HEADING.match("\n" + line)  # （一）近期目标（到2026年）: a stage, not the plan
    ]
    titles += [a or b for a, b in _ISSUED_TITLE.findall(head)]
    for title in titles:
        m = _TITLE_HORIZON.search(title)
        if m is None:
            continue
        if m.group("end"):
            year = int(m.group("end"))
        elif m.group("fyp"):
            year = _FYP_END[m.group("fyp")]
        else:
            year = int(m.group("year"))
        return Period(str(year), datetime.date(year, 12, 31), year)
    return None
