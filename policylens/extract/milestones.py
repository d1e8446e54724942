"""Dated actions of a plan → milestones on one time axis.

A milestone is a time expression (found and resolved by
:func:`policylens.grammar.periods.find_periods`, never parsed here) that opens what is
to be done, up to the end of its clause (``；`` ``;`` ``。`` or the end of a
line or table cell): ``2024年一季度，要加大对企业宣贯力度`` is due 2024-03-31;
``每季度更新项目进展情况`` recurs quarterly and has no deadline.

Rules (documented because the timeline figure relies on them):

* The time expression must introduce the action: it opens its clause, or
  follows a short lead-in ending in 于/在/到/力争/要/将 … (``各单位要于2024年1月制定…``).
  A year inside a noun (``本产业链2024年行动方案``), in a 《title》 or in a plan
  horizon (``2023-2026年``) is no milestone.
* Times that end on or before the issue date are facts already past (the
  issue date itself, ``去年``), and a bare day at the start of a line is a news
  dateline; neither is a milestone.
* Only the plan's own actions count. Not milestones: a quantitative goal for a
  date (``到2026年，全产业链营业收入力争达到7000亿元``, ``年底前新增4条``) — it
  is a target, in the targets table; a news headline (``标题：…``, ``【…】``, a
  ``#`` line); the deadline for comments on a draft (``请于1月10日前将意见建议
  反馈至我厅``); a result already achieved (``2022年，全省已建成…``,
  ``同比增长``), also when the document gives no issue date.
* A period whose year is unknown (no year in the sentence, no issue date)
  keeps ``period`` and ``deadline`` empty; the year is never guessed.
* The same action restated (an annex table repeating the body) is one
  milestone: same period or recurrence and nearly the same words.
"""

from __future__ import annotations

import datetime
import re
from difflib import SequenceMatcher

import pandas as pd

from policylens.grammar.clauses import HEADING_NUMBER
from policylens.grammar.periods import find_periods
from policylens.model.schema import MILESTONES

__all__ = ["extract_milestone_rows", "extract_milestones"]

_CLAUSE_END = re.compile(r"[；;。！？!?\n|]")
_LEAD_BREAK = re.compile(r"[，,：:、；;。！？!?\n|（(]")
_LEAD_IN = re.compile(
    r"(?:于|在|到|至|力争|争取|确保|努力|计划|预计|要|将|需|须|应|并|再|拟|请|截至|截止)$"
)
_MAX_LEAD = 16
_OPENING = re.compile(r"^[\s，,：:、]+")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_PAST_AFTER = re.compile(r"^(?:以来|来|同期|的)")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_NUMBER = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?")
# A headed paragraph (（三）深度实施…模式。…, or a chain heading: 建材产业链。…) scopes its
# sentences: the same words under two headings are two milestones.
_HEADING = re.compile(
    rf"{HEADING_NUMBER}"
    r"[^。，,；;：:\n]{2,30}[。．]"
    r"|[^。，,；;：:\n（(]{1,18}(?:产业链|集群|产业|行业)[。．]"
)
# A bare year before a title noun (2024年重大工作清单, 全年工作成果) names no action.
_TITLE_NOUN = re.compile(r"(?:清单|成果|方案|计划|规划|任务|目标|要点|安排|表|总结|报告)$")
_TITLE_MAX = 10
_SIMILAR = 0.75
_MAX_ACTION = 600

# A line that is a headline or a title, not the plan's text (标题：…, 【…】, # …).
_HEADLINE = re.compile(r"\s*(?:标题|题目|#|【)")
# Comments on a draft: 请于…前将意见建议反馈至…, 可于…前提出修改意见.
_FEEDBACK = re.compile(
    r"(?:意见|建议)[^，,；;。]{0,12}?(?:反馈|报送|提交|发送|寄送|告知)"
    r"|(?:反馈|提出|提交)[^，,；;。]{0,4}?(?:意见|建议)|征求意见|公示期"
)
# A result reported, not an action to take: 同比增长, 已建成, 实现了, 居全国.
_ACHIEVED = re.compile(
    r"同比|比上年|较上年|上年同期|已经|已(?:建成|完成|形成|达到|实现|突破|超过|累计)"
    r"|(?:实现|完成|达到|建成|突破|超过|形成)了|居全国|位居"
)
# A quantity a goal sets (达到7000亿元, 新增4条, 2场以上, 两位数增长): the clause is a target.
_QUANTITY = (
    r"(?:[0-9０-９]+(?:[.．][0-9０-９]+)?"
    r"|[二两三四五六七八九十百千][一二两三四五六七八九十百千]*|一[十百千][一二两三四五六七八九十百千]*)"
    r"\s*"  # a lone 一 (建成一个平台) names an action, not a quantity
    r"(?:万亿|亿|万|千)?\s*"
    r"(?:元|美元|GWh|GW|MW|吉瓦|兆瓦|万千瓦|千瓦|吨|%|％|个|家|条|场|项|座|台|辆|套|户|倍|亩)"
)
_GOAL = re.compile(
    r"(?:达到|达|突破|超过|超|增长|增至|提高到|提高至|提升到|提升至|稳定在|保持在|形成|新增|"
    rf"培育|建成|举办|开展|引进|创建|落地)[^，,；;。]{{0,8}}?{_QUANTITY}"
    rf"|{_QUANTITY}\s*(?:以上|左右|以内|之内|多)"
    r"|翻一番|翻番|两位数增长|两位数的增长"
)


def _introduces(text: str, start: int) -> bool:
    """True when the time expression at `start` opens its clause or follows a lead-in."""
    lo = start
    while lo > 0 and not _LEAD_BREAK.match(text, lo - 1) and start - lo <= _MAX_LEAD:
        lo -= 1
    lead = text[lo:start].strip(' \u3000“”"‘’「」')
    if not lead:
        return True
    if start - lo > _MAX_LEAD:
        return False
    return bool(_LEAD_IN.search(lead))


def _is_dateline(text: str, start: int, match_text: str, period: str) -> bool:
    """A bare day opening a line (``3月20日，…``) dates a report, not an action."""
    line_start = start == 0 or text[start - 1] == "\n"
    return line_start and bool(_DAY.match(period)) and not match_text.endswith(("前", "内"))


def _not_an_action(text: str, start: int, action: str) -> bool:
    """A headline, a call for comments, a past result or a quantitative goal (a target)."""
    line_start = text.rfind("\n", 0, start) + 1
    if _HEADLINE.match(text, line_start):
        return True
    return bool(_FEEDBACK.search(action) or _ACHIEVED.search(action) or _GOAL.search(action))


def _scope(text: str, start: int) -> str:
    """The heading of the paragraph holding `start`, or '' when it has none."""
    line_start = text.rfind("\n", 0, start) + 1
    heading = _HEADING.match(text, line_start)
    if heading and heading.end() <= start:
        return heading.group(0)
    return ""


def _same_action(a: dict, b: dict) -> bool:
    """True when two milestones state one action (a restatement, e.g. in an annex)."""
    if a["period"] != b["period"] or a["recurring"] != b["recurring"]:
        return False
    if a["scope"] and b["scope"] and a["scope"] != b["scope"]:
        return False
    x, y = a["action_zh"], b["action_zh"]
    if _NUMBER.findall(x) != _NUMBER.findall(y):
        return False
    if x == y or x in y or y in x:
        return True
    return SequenceMatcher(None, x, y, autojunk=False).ratio() >= _SIMILAR


#: The milestones table's columns that one text gives (tables adds doc_id and province).
EXTRACTED_COLUMNS = [c for c in MILESTONES.column_names if c not in ("doc_id", "province")]


def extract_milestones(text: str, issued: datetime.date | None = None) -> pd.DataFrame:
    """The milestones table of one document's text (pure; never raises).

    ``issued`` resolves relative times (年底前) and drops deadlines already past. Ids
    are per text (``t1``, ``t2`` …); ``engine.frames`` prefixes the doc_id.

    >>> df = extract_milestones("2024年一季度，要加大宣贯力度；二季度，要印发通知。")
    >>> df[["period", "deadline", "action_zh"]].values.tolist()
    [['2024Q1', '2024-03-31', '要加大宣贯力度'], ['2024Q2', '2024-06-30', '要印发通知']]
    """

    return pd.DataFrame(extract_milestone_rows(text, issued), columns=EXTRACTED_COLUMNS)


def extract_milestone_rows(text: str, issued: datetime.date | None = None) -> list[dict]:
    """The rows of :func:`extract_milestones` as plain dicts (a corpus run builds one frame)."""
    if not isinstance(text, str) or not text:
        return []
    if not isinstance(issued, datetime.date):
        issued = None
    elif isinstance(issued, datetime.datetime):
        issued = issued.date()
    rows: list[dict] = []
    for match in find_periods(text, issued):
        item = _milestone(text, match, issued)
        if item is not None:
            _add_or_merge(rows, item)
    rows.sort(key=lambda row: row["char_start"])
    for n, row in enumerate(rows, start=1):
        row["milestone_id"] = f"t{n}"
    return rows


def _is_dated_action(text: str, match, issued: datetime.date | None) -> bool:
    """A time expression that opens a plan's action (not a past date, dateline or aside)."""
    period = match.period
    if _PAST_AFTER.match(text, match.end):
        return False
    if issued is not None and period.deadline is not None and period.deadline <= issued:
        return False
    return not _is_dateline(text, match.start, match.text, period.period) and _introduces(
        text, match.start
    )


def _milestone(text: str, match, issued) -> dict | None:
    """The milestone row the time expression ``match`` opens, or None when it opens none."""
    if not _is_dated_action(text, match, issued):
        return None
    period = match.period
    stop = _CLAUSE_END.search(text, match.end, match.end + _MAX_ACTION)
    end = stop.start() if stop else min(len(text), match.end + _MAX_ACTION)
    while end > match.end and text[end - 1].isspace():
        end -= 1
    action = _OPENING.sub("", text[match.end : end])
    if len(_CJK.findall(action)) < 2 or _not_an_action(text, match.start, action):
        return None
    if (
        not period.recurring
        and match.text.endswith("年")
        and len(action) <= _TITLE_MAX
        and match.end < len(text)
        and _CJK.match(text, match.end)
        and _TITLE_NOUN.search(action)
    ):
        return None
    known_year = period.year is not None
    return {
        "period": period.period if known_year else "",
        "deadline": period.deadline.isoformat() if period.deadline else "",
        "recurring": period.recurring or "",
        "action_zh": action,
        "quote": text[match.start : end],
        "char_start": match.start,
        "char_end": end,
        "scope": _scope(text, match.start),
    }


def _add_or_merge(rows: list[dict], item: dict) -> None:
    """Add ``item``, or let it replace the same action stated shorter before it."""
    for i, row in enumerate(rows):
        if _same_action(row, item):
            # keep the fuller statement when the first one only shortened it (a
            # headline, a table cell), else the first; never lose the scope
            if row["action_zh"] in item["action_zh"] and len(item["action_zh"]) > len(
                row["action_zh"]
            ):
                rows[i] = {**item, "scope": row["scope"] or item["scope"]}
            return
    rows.append(item)
