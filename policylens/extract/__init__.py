"""Quantitative targets in a Chinese policy text → one tidy row per target.

``extract_targets(text, issued)`` is a pure function of one document: no I/O,
no global state, so it can be mapped over many processes.

The contract is ``shared/TARGETS.md`` (what a target is, how each field is filled).
The stages, one module each, share the vocabulary of :mod:`policylens.extract.words`:

* :mod:`~policylens.extract.layout` — the analysed text (ASCII punctuation, wrapped lines);
* :mod:`~policylens.extract.scan` — number+unit candidates, in linear time;
* :mod:`~policylens.extract.context` — the number token, its clause, unit and goal words;
* :mod:`~policylens.extract.filters` — is it a target (facts, rules, thresholds, frames);
* field readers: :mod:`~policylens.extract.timing`, :mod:`~policylens.extract.values`
  (value, comparator), :mod:`~policylens.extract.commitment`,
  :mod:`~policylens.extract.subjects` (scope), :mod:`~policylens.extract.indicators`,
  :mod:`~policylens.extract.per`; :mod:`~policylens.extract.hits` runs them on a hit;
* :mod:`~policylens.extract.doublings`, :mod:`~policylens.extract.annex_rows` — goals
  the number scan cannot see (翻一番) or that stand in indicator tables;
* :mod:`~policylens.extract.lists` — list distribution; :mod:`~policylens.extract.merge`
  — floor+stretch pairs and restatements; :mod:`~policylens.extract.rows` — the rows
  and the one DataFrame built per call or batch.

How it works (and why)
----------------------
1. **Scan** once with a compiled regex for *number + unit* candidates
   (``7000亿元``, ``20GW以上``, ``5家``, ``9%左右``, ``1-2个``, ``两位数``). Only
   the text around a hit is analysed, so cost grows with the number of hits.
2. **Is it a target?** A hit needs a goal verb before it in its clause
   (达到, 突破, 新增, 培育, 引进, 建成, 举办 …) or a comparator (以上, 左右, 约 …),
   or it continues a parallel clause of a target in the same sentence
   (``创建…企业5家,“领航”企业5家``). It is *not* a target when it
   - qualifies a noun (``亿元以上项目``, ``总投资10亿元的项目``, ``千亿级``),
   - is a nameplate inside a project name (``年产16GW高效单晶电池工厂项目``):
     such numbers name projects rather than set goals, so they are left out,
   - is a subsidy or threshold (奖励, 补助, 最高 …), an ordinal (第三), a quoted name
     (“六种模式”), one item of a list the verb does not create (围绕12条, 向16条,
     列为…之一), or
   - states a fact: 已/目前/现有 wording, a retrospective (近三年来, 1-6月), a 同比
     statistic in a sentence without goal words (力争, 目标, 到2025年 …), a
     governing year before the reference year (the issue year; without an issue
     date, the latest full date written in the text), or a section that reviews
     the past (一、2023年工作回顾, 第一章 发展基础; see :mod:`policylens.grammar.sections`),
   - is a rule rather than a goal: a subsidy rate (按投资额的30%给予补助), a ratio
     (不低于装机容量的10%, 基准地价的70%), a specification per item (单站…不低于500公斤),
     a meeting counted in 次, a count of places just named (甲州、乙州两个基地).
3. **Read** value and unit (money in yuan, capacity in GW, tonnes, counts,
   percent; never rounded; ``突破万亿元`` is one 万亿), comparator (以上/不低于/至少
   ``>=``, 突破/超过/余/多 ``>``, 达到/为 ``=``, 左右/约/近 ``~``, 以内/以下/不超过/不高于
   ``<=``), commitment (``aspirational`` when 力争/争取/
   努力/力求 governs the clause — in it, or heading an earlier clause of the sentence,
   unless that clause is only a stretch such as ``力争达到2000亿元``), the
   governing time (nearest time expression before the hit in its sentence, else
   in its paragraph; relative times resolve against ``issued``), the indicator and
   the scope (the subject before the metric word, or the counted noun after the
   measure word; ``全产业链``/``整体`` refer to the paragraph's first named chain).
   A target without a time of its own takes its section's year (三、2024年重点工作),
   the horizon in the title (（2023—2025年）, “十四五”, 2024年工作要点), or, in a
   plan without one, an earlier 到2025年 of its section; a span such as 用三年时间 ends
   in the issue year + 2, N年内 in the issue year + N (it dates its own sentence only),
   a year span (2023—2025年) in its last year, 本世纪中叶 in 2050, and years listed
   before 分别 date the values in order. A recurring target (每年引进3家) has no target year and
   ``per`` = year; 每个市…1个 / 每条产业链… are per city / per chain.
   Lists: ``风电、光伏装机分别达到15GW、30GW`` gives each subject its value,
   ``…各达到10GW`` gives each subject the value, and ``1个国家级、3个省级集群``
   gives each level the shared noun. ``翻一番`` is growth of 100% (``翻两番`` 300%).
   Indicator tables (``| 指标 | 单位 | 2025年目标 |``) are read by
   :mod:`policylens.grammar.annex`; rows written as text (``产量（GWh）：2023年210；2025年320``)
   and tables set apart by blanks (``指标 单位 2022年 2025年``) by
   :mod:`policylens.grammar.annex_text`.
4. **Pair** a floor with a following stretch (``超过3500亿元、力争达到4500亿元``):
   value = floor, value_stretch = stretch, and the row's comparator and
   commitment are the *floor's* — the firm commitment is the floor, the stretch
   is recorded separately. A range (``1-2个``) is value = low, value_stretch =
   high, comparator ``>=``.
5. **Dedupe** restatements (headline, news summary, annex table): rows with the
   same indicator, unit, value (or stretch), compatible year and the same subject
   are one row; the most complete statement is kept (floor+stretch, then body
   over headline/table, then explicit year and scope, then the earliest).

An upper bound (``控制在5.5%以内``, ``控制在…以下``, ``不超过``, ``不高于``, ``降至``) is
comparator ``<=`` with its value, the cap. Rows whose number or unit cannot be
interpreted (``50亿立方米``, ``10亿美元``, ``每公斤35元``, ``寿命15000小时``, approximate
counts such as ``数十家``) are kept with ``needs_review=True``, ``value`` and ``value_stretch`` empty,
``unit`` empty when the unit is the problem, ``unit_as_written`` and a reason; a
number is never guessed.

Known limits: table rows must sit on one line each (``| a | b |``, ``名称 单位 12 20``), as
text converted from HTML or Word tables does; a sentence is read for at most 20 numbers.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from policylens.extract.annex_rows import table_rows
from policylens.extract.document import Doc
from policylens.extract.doublings import doubling_rows
from policylens.extract.hits import candidate_rows
from policylens.extract.layout import Layout, analysed
from policylens.extract.lists import distribute_lists
from policylens.extract.merge import dedupe, label_rows, pair_stretch
from policylens.extract.rows import TARGET_COLUMNS, Row, record, to_frame
from policylens.grammar.periods import as_date

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["TARGET_COLUMNS", "extract_target_rows", "extract_targets", "targets_frame"]


def extract_target_rows(
    text: str, issued: datetime.date | str | None = None
) -> list[dict[str, Any]]:
    """The targets of one document as plain rows (dicts keyed by :data:`TARGET_COLUMNS`).

    The core of :func:`extract_targets` without the DataFrame: a corpus run collects
    the rows of many documents and builds one frame with :func:`targets_frame`.
    """
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    layout = analysed(text)  # ASCII punctuation and wrapped lines read as the official layout
    doc = Doc(layout.text, as_date(issued))
    return finish_targets(doc, candidate_rows(doc), text, layout)


def finish_targets(doc: Doc, found: list[Row], text: str, layout: Layout) -> list[dict[str, Any]]:
    """The stages after the scan: doublings, tables, lists, pairs, labels, restatements."""
    read = doc.text
    if "番" in read:
        found = sorted(found + doubling_rows(doc), key=lambda r: r.num_start)
    tabled = table_rows(doc)
    if tabled:
        found = sorted(found + tabled, key=lambda r: r.num_start)
    if "分别" in read or "各" in read or "均" in read:
        found = distribute_lists(found, read)
    rows = pair_stretch(found, read)
    label_rows(rows)
    rows = dedupe(rows)
    rows.sort(key=lambda r: (r.start, r.num_start))
    if not layout.cut_at:  # the analysed text has the original's offsets
        return [record(r, text) for r in rows]
    return [record(r, text, layout.span(r.start, r.end)) for r in rows]


def targets_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """Rows of :func:`extract_target_rows` (one document or many) as one DataFrame."""
    return to_frame(rows)


def extract_targets(text: str, issued: datetime.date | str | None = None) -> pd.DataFrame:
    """Quantitative targets stated in one document, one row per distinct target.

    Parameters
    ----------
    text
        The document's text; ``quote`` and ``char_start``/``char_end`` refer to it
        (``text[char_start:char_end] == quote`` always holds).
    issued
        The document's issue date (date or ISO string); relative times such as
        ``年底前`` resolve against it, and targets dated before its year are facts.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`TARGET_COLUMNS`, sorted by ``char_start``.

    Examples
    --------
    >>> df = extract_targets("到2025年，全省光伏产业营业收入力争突破1000亿元。")
    >>> df[["scope_zh", "indicator", "value", "comparator", "commitment"]].values.tolist()
    [['光伏产业', 'revenue', 100000000000.0, '>', 'aspirational']]
    """
    return to_frame(extract_target_rows(text, issued))
