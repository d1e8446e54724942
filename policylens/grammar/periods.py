"""Time expressions in Chinese policy text → calendar periods.

Policy documents date their goals and milestones in many ways: ``到2026年``,
``2024年底前``, ``2024年一季度``, ``二季度前``, ``上半年``, ``1月底前``, ``全年``,
``今年``, ``每季度`` … This module turns each into a :class:`Period` (``'2024'``,
``'2024Q2'``, ``'2024H1'``, ``'2024-01'``, or ``'2024-01-10'`` for a full date)
with the last day of that period as its deadline.

Resolution rules (documented because tables and plots rely on them):

* An expression that names its year (``2024年二季度``) is absolute.
* A bare expression (``二季度前``, ``年底前``, ``全年``) takes the year of the
  nearest explicit year *earlier in the same sentence* (``2024年一季度，…；二季度，…``),
  otherwise the year of the document's ``issued`` date. ``今年``/``明年``/``去年``
  are always relative to ``issued``.
* With neither, the year is unknown and is **never guessed**: the
  :class:`Period` has ``year=None``, ``deadline=None`` and a ``period`` without
  the year (``'Q2'``, ``'H1'``, ``'01'``, ``''``).
* Recurring expressions (``每季度``, ``按季``, ``半年一评``, ``每年``, ``一年一评``,
  ``每月``) set ``recurring`` and have no single deadline; their ``period`` is the
  year in which they recur when it is known, else ``''``.
* Years inside book-title brackets (``《…2024年行动计划》``) name a document, not a
  time, and year ranges (``2023-2026年``) are plan horizons; neither is returned.
* ``“十四五”末`` and ``“十四五”期间`` resolve to that five-year plan's last year
  (a goal for the period is due by its end).

Examples
--------
>>> import datetime
>>> resolve_period("二季度前", datetime.date(2024, 1, 12))
Period(period='2024Q2', deadline=datetime.date(2024, 6, 30), year=2024, recurring=None)
>>> resolve_period("到2026年").deadline
datetime.date(2026, 12, 31)
"""

from __future__ import annotations

import calendar
import datetime
import functools
import re
from dataclasses import dataclass

from policylens.grammar.numbers import halfwidth_digits

__all__ = ["Period", "PeriodMatch", "as_date", "find_periods", "resolve_period", "scan_periods"]


@dataclass(frozen=True)
class Period:
    """A calendar period: ``'2024'``, ``'2024Q2'``, ``'2024H1'``, ``'2024-01'`` or a date."""

    period: str
    deadline: datetime.date | None
    year: int | None
    recurring: str | None = None


@dataclass(frozen=True)
class PeriodMatch:
    """One time expression found in a text, with its character offsets."""

    start: int
    end: int
    text: str
    period: Period


_CN_DIGIT = {
    "〇": 0,
    "零": 0,
    "○": 0,
    "Ｏ": 0,
    "O": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_SMALL = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}

_D = "0-9０-９"
_MONTH = r"(?:1[0-2]|0?[1-9]|１[０-２]|０?[１-９]|十[一二]?|[一二三四五六七八九])"
_CN_DAY = r"[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九]"
_QUARTER = r"第?(?P<{name}>[一二三四1-4１-４])季度"
_SUFFIX = r"(?P<{name}>底前|末前|之前|以前|上旬|中旬|下旬|底|末|前|内|中)?"

#: the branches of `_PATTERN`, in the order they are tried
_BRANCHES = [
    # year spans such as 2023—2025年 / 2023年至2025年: dated by their last year
    rf"(?P<range>(?<![{_D}])[12１２][{_D}]{{3}}\s*(?:年\s*)?[-—–~～至到]\s*"
    rf"(?P<rend>[12１２][{_D}]{{3}})\s*年(?:底|末)?)",
    # 本世纪中叶: the middle of the century, 2050 in every plan that says it
    r"(?P<midc>本世纪中叶)",
    # an explicit year, optionally with a quarter / half / month / year-end part
    (
        rf"(?P<yr>(?:(?P<pre>到|至|截至|截止到?|截止)\s*)?(?:(?<![{_D}])(?P<y>[12１２][{_D}]{{3}})"
        r"|(?P<ycn>[一二][〇零○一二三四五六七八九]{3}))\s*年"
        r"(?:\s*(?:"
        + _QUARTER.format(name="q")
        + r"|(?P<h>[上下])半年"
        + rf"|(?P<m>{_MONTH})\s*月份?"
        + rf"(?:\s*(?P<d>[{_D}]{{1,2}}|{_CN_DAY})\s*[日号])?"
        + r"|(?P<full>全年|年底|年末|底|末|内|度)"
        + r"))?"
        + _SUFFIX.format(name="sfx")
        + ")"
    ),
    # five-year-plan end: “十四五”末, 十四五期末, 十四五时期末
    r"(?P<fyp>十(?P<fypn>[一二三四五六七八九])五)[”\"’]?\s*(?:(?:时期|期)?\s*末|期间|时期|期内)",
    # a span from now: 用三年时间, 三年累计 (the issue year and the next two);
    # 三年内 (TARGETS.md: 5年内 in a 2020 plan is 2025, the issue year + N)
    r"(?<![0-9０-９一二三四五六七八九十两])(?P<dur>[一二三四五两1-5１-５])\s*年(?:内|时间|左右时间|累计)",
    # recurring
    r"(?P<rec_m>每个?月|按月|逐月)",
    r"(?P<rec_h>每半年|半年一评|半年一次|半年一考)",
    r"(?P<rec_q>每个?季度?|按季度?|逐季|季度一评)",
    r"(?P<rec_y>每一?年度?|一年一评|一年一考|逐年)",
    # bare (relative) expressions
    r"(?P<rel>今年|本年度?|明年|次年|去年|(?<![以向])上一?年度?(?!同期))"
    # with its month: 截至今年4月底, 去年12月 (今年1-5月 stays 今年, then 5月)
    r"(?:\s*(?P<relm>1[0-2]|0?[1-9]|１[０-２]|０?[１-９]|十[一二]?|[一二三四五六七八九])"
    r"\s*月份?(?P<relms>底前|末前|底|末|前|中旬|上旬|下旬)?)?",
    _QUARTER.format(name="bq") + _SUFFIX.format(name="bqs"),
    r"(?P<bh>[上下])半年" + _SUFFIX.format(name="bhs"),
    r"(?P<bmid>年中)",
    r"(?P<bend>年底前|年底|年末|岁末|(?<![0-9０-９一二三四五六七八九十两])年内|全年)",
    (
        rf"(?<![{_D}年.．])(?P<bm>1[0-2]|0?[1-9]|１[０-２]|０?[１-９])\s*月份?"
        rf"(?:\s*(?P<bd>[{_D}]{{1,2}})\s*[日号])?(?P<bms>底前|末前|底|末|前|中旬|上旬|下旬)?"
    ),
    # a month in Chinese numerals with a deadline word: 十月底前, 三月中旬
    (
        r"(?<![〇零○一二三四五六七八九十两几数个每年])(?P<bmcn>十[一二]?|[一二三四五六七八九])月份?"
        r"(?P<bmcns>底前|末前|底|末|前|中旬|上旬|下旬)"
    ),
]
_PATTERN = re.compile("|".join(_BRANCHES))
#: the characters each branch of `_BRANCHES` may start with at a `_STARTS` hit (到/至 of
#: 到2025年 are read before it, by _PREFIX_BEFORE), in the same order
_BRANCH_STARTS = [
    "12１２",
    "本",
    "12１２一二",
    "十",
    "一二三四五两12345１２３４５",
    "每按逐",
    "每半",
    "每按逐季",
    "每一逐",
    "今本明次去上",
    "第一二三四1234１２３４",
    "上下",
    "年",
    "年岁全",
    "0123456789０１２３４５６７８９",
    "十一二三四五六七八九",
]
#: the branch of `_PATTERN` a match took, from its ``lastgroup`` (the last group to close:
#: a branch's outer group, or a group that ends it); one lookup instead of a chain of
#: ``m.group`` calls per match
_BRANCH_OF = {"relm": "rel", "relms": "rel", "bqs": "bq", "bhs": "bh", "bd": "bm", "bms": "bm"}
_BRANCH_OF["bmcns"] = "bmcn"
_SENTENCE_END = re.compile(r"[。！？!?\n]")

# A fast scanner for where a time expression may start: `_PATTERN.match` then reads
# the expression. The characters that may start one, and for each what must follow it
# (in the order the branches are tried).
_START_CHARS = "0123456789０１２３４５６７８９一二三四五两十每按逐半季今明次去本上下第年岁全"
_START_BRANCHES = [
    ("12１２", r"[0-9０-９]{3}\s*(?:年|[-—–~～至到])"),
    ("一二", r"[〇零○一二三四五六七八九]{3}\s*年"),
    ("本", "世纪中叶"),
    ("一二三四五两12345１２３４５", r"\s*年(?:内|时间|左右时间|累计)"),
    ("十", "[一二三四五六七八九]五"),
    ("每", "[个一]?[季月年半]"),
    ("按", "[月季]"),
    ("逐", "[月季年]"),
    ("半", "年一[评次考]"),
    ("季", "度一评"),
    ("一", "年一[评考]"),
    ("今明次去本", "年"),
    ("上", "一?年"),
    ("第", "[一二三四1-4１-４]季度"),
    ("一二三四1234１２３４", "季度"),
    ("上下", "半年"),
    ("年", "[中底末内]"),
    ("岁", "末"),
    ("全", "年"),
    ("0123456789０１２３４５６７８９", r"[0-9０-９]?\s*月"),
    ("一二三四五六七八九十", "[一二]?月"),  # 六月 starts no scan: 六 is no start character
]


def _by_first_character(chars: str, branches: list[tuple[str, str]]) -> str:
    """``c1(?:rest…)|c2(?:rest…)|…``: one branch per start character, holding the rests
    that may follow it, in their order.

    Every branch starts with a literal, so the engine skips ahead to a start character
    in C and, at one, passes over the other branches by comparing one character; the
    same scanner written as ``[chars](?:(?<=[12])…|(?<=本)…|…)`` tested each
    lookbehind in turn at every start character (twice the time on the bundled texts).
    At a position only its character's branch can match, with the rests in their
    order, so the match is the one of that form.
    """
    out = []
    for c in chars:
        rests = [rest for starts, rest in branches if c in starts]
        if rests:
            out.append(re.escape(c) + "(?:" + "|".join(rests) + ")")
    return "|".join(out)


_STARTS = re.compile(_by_first_character(_START_CHARS, _START_BRANCHES))
#: per start character, `_PATTERN` with only the branches that may start with it: the same
#: match at a `_STARTS` hit, without entering the other branches (a third of the cost)
_PATTERN_AT = {
    c: re.compile("|".join(b for b, cs in zip(_BRANCHES, _BRANCH_STARTS, strict=True) if c in cs))
    for c in _START_CHARS
}
_PREFIX_BEFORE = re.compile(r"(?:截止到|截至|截止|到|至)\s*$")


def _matches(text: str, pos: int, n: int):
    """Detailed matches of `_PATTERN` in text[pos:n], leftmost first, via the `_STARTS` scanner."""
    while pos < n:
        hit = _STARTS.search(text, pos, n)
        if hit is None:
            return
        at = hit.start()
        m = _PATTERN_AT[text[at]].match(text, at, n)
        if m is None:
            pos = at + 1
            continue
        yield m
        pos = max(m.end(), at + 1)


def _cn_or_arabic(s: str) -> int | None:
    """Small integer (1..31) written in Arabic, full-width or Chinese digits."""
    s = halfwidth_digits(s)
    if s.isdigit():
        return int(s)
    if s in _CN_SMALL:
        return _CN_SMALL[s]
    if "十" in s:
        head, _, tail = s.partition("十")
        tens = _CN_SMALL.get(head, 1) if head else 1
        ones = _CN_SMALL.get(tail, 0) if tail else 0
        return tens * 10 + ones
    return None


def _year_value(m: re.Match[str]) -> int | None:
    if m.group("y"):
        y = int(halfwidth_digits(m.group("y")))
    else:
        y = 0
        for ch in m.group("ycn"):
            y = y * 10 + _CN_DIGIT[ch]
    return y if 1900 <= y <= 2199 else None


def _last_day(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


@functools.lru_cache(maxsize=4096)
def _make(kind: str, year: int | None, n: int = 0, day: int | None = None) -> Period | None:
    """Build a Period of `kind` ('year', 'Q', 'H', 'M', 'D') in `year` (None = unknown)."""
    if kind == "year":
        if year is None:
            return Period("", None, None)
        return Period(str(year), datetime.date(year, 12, 31), year)
    if kind == "Q":
        if not 1 <= n <= 4:
            return None
        if year is None:
            return Period(f"Q{n}", None, None)
        return Period(f"{year}Q{n}", _last_day(year, 3 * n), year)
    if kind == "H":
        if year is None:
            return Period(f"H{n}", None, None)
        return Period(f"{year}H{n}", _last_day(year, 6 * n), year)
    if kind == "M":
        if not 1 <= n <= 12:
            return None
        if day is not None:
            if year is None:
                return Period(f"{n:02d}-{day:02d}", None, None)
            try:
                d = datetime.date(year, n, day)
            except ValueError:
                return None
            return Period(d.isoformat(), d, year)
        if year is None:
            return Period(f"{n:02d}", None, None)
        return Period(f"{year}-{n:02d}", _last_day(year, n), year)
    return None


@functools.lru_cache(maxsize=1024)
def _recurring(kind: str, year: int | None) -> Period:
    return Period(str(year) if year else "", None, year, kind)


def _in_book_title(text: str, start: int, floor: int = 0) -> bool:
    """True when `start` lies inside an unclosed 《 (a document title) nearby, not before `floor`."""
    lo = max(floor, start - 80)
    opened = text.rfind("《", lo, start)
    return opened != -1 and text.rfind("》", opened, start) == -1


def as_date(value: object) -> datetime.date | None:
    """A date from a date, datetime, pandas Timestamp or ISO string; None for NaT/blank/bad."""
    try:
        if isinstance(value, datetime.datetime):
            d = value.date()
        elif isinstance(value, datetime.date):
            d = value
        elif isinstance(value, str) and value.strip():
            d = datetime.date.fromisoformat(value.strip()[:10])
        else:
            return None
        return datetime.date(int(d.year), int(d.month), int(d.day))
    except (ValueError, TypeError, AttributeError, OverflowError):
        return None


def find_periods(text: str, issued: datetime.date | str | None = None) -> list[PeriodMatch]:
    """All time expressions in `text`, in order, resolved against `issued`.

    >>> import datetime
    >>> [m.period.period for m in find_periods("2024年一季度，印发方案；二季度，完成遴选。")]
    ['2024Q1', '2024Q2']
    """
    if not isinstance(text, str) or not text:
        return []
    issued_d = as_date(issued)
    return scan_periods(text, issued_d.year if issued_d else None, 0, len(text))


def _explicit_period(m: re.Match[str]) -> Period | None:
    """The period of an expression that names its year (2024年二季度, 2025年底)."""
    year = _year_value(m)
    if year is None:
        return None
    if m.group("q"):
        return _make("Q", year, _cn_or_arabic(m.group("q")) or 0)
    if m.group("h"):
        return _make("H", year, 1 if m.group("h") == "上" else 2)
    if m.group("m"):
        day = _cn_or_arabic(m.group("d")) if m.group("d") else None
        return _make("M", year, _cn_or_arabic(m.group("m")) or 0, day)
    return _make("year", year)


_RECURRING_GROUPS = {"rec_m": "monthly", "rec_h": "half-yearly", "rec_q": "quarterly"}
_RECURRING_GROUPS["rec_y"] = "yearly"


def _offset_year(issued_year: int | None, offset: int) -> Period | None:
    return _make("year", issued_year + offset if issued_year else None)


def _relative_period(
    m: re.Match[str], g: str, year: int | None, issued_year: int | None
) -> Period | None:
    """The period of a relative or bare expression of branch `g` (see `_BRANCH_OF`);
    `year` is its sentence's or the issue year."""
    if g in _RECURRING_GROUPS:
        return _recurring(_RECURRING_GROUPS[g], year)
    if g == "dur":
        n = 2 if m.group("dur") == "两" else _cn_or_arabic(m.group("dur")) or 0
        within = m.group(0).endswith("内")
        return _offset_year(issued_year, n if within else n - 1)
    if g == "rel":
        word = m.group("rel")
        offset = 1 if word[0] in "明次" else -1 if word[0] in "去上" else 0
        if m.group("relm"):
            year = issued_year + offset if issued_year else None
            return _make("M", year, _cn_or_arabic(m.group("relm")) or 0)
        return _offset_year(issued_year, offset)
    if g == "bq":
        return _make("Q", year, _cn_or_arabic(m.group("bq")) or 0)
    if g == "bh":
        return _make("H", year, 1 if m.group("bh") == "上" else 2)
    if g == "bmid":
        return _make("H", year, 1)
    if g == "bend":
        return _make("year", year)
    if g == "bm":
        day = int(halfwidth_digits(m.group("bd"))) if m.group("bd") else None
        return _make("M", year, int(halfwidth_digits(m.group("bm"))), day)
    if g == "bmcn":
        return _make("M", year, _cn_or_arabic(m.group("bmcn")) or 0)
    return None


_NAMED_SPAN = re.compile(r"[划案要纲略]\s*[（(]\s*$")


def _span_period(text: str, m: re.Match[str], floor: int) -> Period | None:
    """A year span (2023—2025年) dates by its last year; the span of a plan's name
    (行动计划（2023-2026年）, 《…（2024—2027年）》) is its title, not a time in the text."""
    start = m.start()
    if _NAMED_SPAN.search(text, max(floor, start - 3), start) or _in_book_title(text, start, floor):
        return None
    return _make("year", int(halfwidth_digits(m.group("rend"))))


def scan_periods(
    text: str, issued_year: int | None, lo: int, hi: int, floor: int | None = None
) -> list[PeriodMatch]:
    """The time expressions in ``text[lo:hi]`` with offsets into `text` (no copy is made).

    `lo` should start a sentence or paragraph: a bare 二季度 takes the year of
    an earlier explicit year only within the scanned span. `floor` (default `lo`)
    is where look-backs for 到 before a year and an open 《 stop, so a span can
    be read in pieces cut after 。！？ with the same result as in one go.
    """
    floor = lo if floor is None else floor
    out: list[PeriodMatch] = []
    ctx_year: int | None = None  # last explicit year in the current sentence
    ctx_end = lo
    for m in _matches(text, lo, hi):
        start, end = m.span()
        kind = _BRANCH_OF.get(m.lastgroup, m.lastgroup)
        if kind == "range":
            period = _span_period(text, m, floor)
            if period is not None:
                out.append(PeriodMatch(start, end, text[start:end], period))
                ctx_year, ctx_end = period.year, end
            continue
        if kind == "midc":
            out.append(PeriodMatch(start, end, text[start:end], _make("year", 2050)))
            continue
        if kind == "yr":
            if start > floor and (text[start - 1] in "到至止" or text[start - 1].isspace()):
                # only then can _PREFIX_BEFORE match (its words end so): no regex call else
                pre = _PREFIX_BEFORE.search(text, max(floor, start - 4), start)
                start = pre.start() if pre else start
            if _in_book_title(text, start, floor):
                continue
            period = _explicit_period(m)
            if period is not None:
                ctx_year, ctx_end = period.year, end
        elif kind == "fyp":
            n = _CN_SMALL[m.group("fypn")]
            period = _make("year", 1955 + 5 * (10 + n) if n >= 1 else None)
        else:
            # relative / bare: year from the same sentence, else the issue date
            same_sentence = ctx_year is not None and not _SENTENCE_END.search(text, ctx_end, start)
            period = _relative_period(
                m, kind, ctx_year if same_sentence else issued_year, issued_year
            )
            if kind == "rel" and period is not None and period.year is not None:
                ctx_year, ctx_end = period.year, end  # 明年上半年: the half of next year
        if period is not None:
            out.append(PeriodMatch(start, end, text[start:end], period))
    return out


def resolve_period(expr: str, issued: datetime.date | str | None = None) -> Period | None:
    """The period of the first time expression in `expr`, or None when there is none.

    A relative expression without an issue date gives a Period whose year and
    deadline are None (the year is never guessed).

    >>> resolve_period("年底前", "2024-01-12").deadline
    datetime.date(2024, 12, 31)
    >>> resolve_period("年底前") is not None and resolve_period("年底前").year is None
    True
    """
    if not isinstance(expr, str):
        return None
    found = find_periods(expr, issued)
    return found[0].period if found else None
