"""Time expressions → periods: absolute, relative to the issue date, recurring."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policylens.grammar.periods import Period, find_periods, resolve_period

ISSUED = dt.date(2024, 1, 12)


@pytest.mark.parametrize(
    ("expr", "period", "deadline"),
    [
        ("到2026年", "2026", dt.date(2026, 12, 31)),
        ("2024年", "2024", dt.date(2024, 12, 31)),
        ("2024年底", "2024", dt.date(2024, 12, 31)),
        ("2024年底前", "2024", dt.date(2024, 12, 31)),
        ("2025年末", "2025", dt.date(2025, 12, 31)),
        ("截至2025年", "2025", dt.date(2025, 12, 31)),
        ("2024年一季度", "2024Q1", dt.date(2024, 3, 31)),
        ("2024年第三季度末", "2024Q3", dt.date(2024, 9, 30)),
        ("2024年4季度", "2024Q4", dt.date(2024, 12, 31)),
        ("2024年上半年", "2024H1", dt.date(2024, 6, 30)),
        ("2024年下半年", "2024H2", dt.date(2024, 12, 31)),
        ("2024年2月", "2024-02", dt.date(2024, 2, 29)),
        ("2023年1月10日前", "2023-01-10", dt.date(2023, 1, 10)),
        ("2024年全年", "2024", dt.date(2024, 12, 31)),
        ("２０２５年底", "2025", dt.date(2025, 12, 31)),
        ("二〇二五年", "2025", dt.date(2025, 12, 31)),
        ("“十四五”末", "2025", dt.date(2025, 12, 31)),
        ("十五五期末", "2030", dt.date(2030, 12, 31)),
    ],
)
def test_absolute_expressions_need_no_issue_date(expr, period, deadline):
    p = resolve_period(expr)
    assert p == Period(period, deadline, deadline.year)


@pytest.mark.parametrize(
    ("expr", "period", "deadline"),
    [
        ("年底前", "2024", dt.date(2024, 12, 31)),
        ("年末", "2024", dt.date(2024, 12, 31)),
        ("一季度", "2024Q1", dt.date(2024, 3, 31)),
        ("二季度前", "2024Q2", dt.date(2024, 6, 30)),
        ("第四季度", "2024Q4", dt.date(2024, 12, 31)),
        ("上半年", "2024H1", dt.date(2024, 6, 30)),
        ("下半年", "2024H2", dt.date(2024, 12, 31)),
        ("1月底前", "2024-01", dt.date(2024, 1, 31)),
        ("全年", "2024", dt.date(2024, 12, 31)),
        ("今年", "2024", dt.date(2024, 12, 31)),
        ("明年", "2025", dt.date(2025, 12, 31)),
        ("去年", "2023", dt.date(2023, 12, 31)),
        # a relative year with its month: a reporting date (截至今年4月底)
        ("今年4月底", "2024-04", dt.date(2024, 4, 30)),
        ("去年十一月底", "2023-11", dt.date(2023, 11, 30)),
        ("今年6月底前", "2024-06", dt.date(2024, 6, 30)),
        # a span from the issue year: 三年 = 2024, 2025, 2026
        ("用三年时间", "2026", dt.date(2026, 12, 31)),
        ("三年累计", "2026", dt.date(2026, 12, 31)),
        # N年内 is the issue year + N (TARGETS.md: 5年内 in a 2020 plan → 2025)
        ("两年内", "2026", dt.date(2026, 12, 31)),
        ("力争5年内", "2029", dt.date(2029, 12, 31)),
        # year spans date by their last year; 本世纪中叶 is 2050
        ("2024—2026年期间", "2026", dt.date(2026, 12, 31)),
        ("2025年至2027年", "2027", dt.date(2027, 12, 31)),
        ("到本世纪中叶", "2050", dt.date(2050, 12, 31)),
    ],
)
def test_relative_expressions_resolve_against_issue_date(expr, period, deadline):
    assert resolve_period(expr, ISSUED) == Period(period, deadline, deadline.year)
    # the issue date may also be given as an ISO string
    assert resolve_period(expr, "2024-01-12") == Period(period, deadline, deadline.year)


@pytest.mark.parametrize(
    ("expr", "partial"),
    [
        ("年底前", ""),
        ("二季度前", "Q2"),
        ("上半年", "H1"),
        ("3月底", "03"),
        ("今年", ""),
        ("今年5月底", "05"),
    ],
)
def test_relative_expressions_without_issue_date_never_guess_the_year(expr, partial):
    p = resolve_period(expr)
    assert p is not None
    assert (p.period, p.year, p.deadline) == (partial, None, None)


@pytest.mark.parametrize(
    ("expr", "kind"),
    [
        ("每季度", "quarterly"),
        ("按季动态更新", "quarterly"),
        ("每月", "monthly"),
        ("半年一评", "half-yearly"),
        ("每半年", "half-yearly"),
        ("每年", "yearly"),
        ("一年一评", "yearly"),
    ],
)
def test_recurring_expressions(expr, kind):
    p = resolve_period(expr, ISSUED)
    assert p.recurring == kind
    assert p.deadline is None
    assert p.year == 2024
    assert resolve_period(expr).year is None


def test_bare_expressions_take_the_year_of_their_sentence():
    text = "2025年一季度，印发方案；二季度，完成遴选。年底前，力争形成示范。"
    got = [(m.text, m.period.period) for m in find_periods(text, ISSUED)]
    # 二季度 is in the 2025 sentence; 年底前 starts a new sentence → issue year
    assert got == [("2025年一季度", "2025Q1"), ("二季度", "2025Q2"), ("年底前", "2024")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("明年上半年，新增氢能重卡200辆。", [("明年", "2025"), ("上半年", "2025H1")]),
        ("去年四季度，产量增长20%。", [("去年", "2023"), ("四季度", "2023Q4")]),
        ("今年年底前，建成加氢站5座。", [("今年", "2024"), ("年底前", "2024")]),
    ],
)
def test_a_bare_part_of_a_year_takes_the_relative_year_before_it(text, expected):
    assert [(m.text, m.period.period) for m in find_periods(text, ISSUED)] == expected


def test_offsets_are_exact():
    text = "各单位要于2024年1月制定方案，二季度前完成。"
    for m in find_periods(text, ISSUED):
        assert text[m.start : m.end] == m.text


@pytest.mark.parametrize(
    "text",
    [
        "《山西省光伏产业链2023年行动方案》",  # a document title, not a time
        "行动计划（2023-2026年）",  # a plan's name (its title horizon is read by sections)
        "《光伏产业发展规划（2024—2027年）》",
        "晋能源新能源发【2023】68号",  # a document number
        "5000万元以上年产值",  # 以上 + 年产值 is not 上年
        "一个季度内完成",  # a duration, not Q1
        "年产16GW电池项目",
        "三年行动计划",  # a name, not a span
        "近三年来",  # the past
        "十年内",  # a decade, not 年内 of the issue year
        "15年内",  # fifteen years, not 5
        "",
    ],
)
def test_non_periods(text):
    assert find_periods(text, ISSUED) == []


def test_invalid_dates_are_dropped_not_guessed():
    assert resolve_period("2023年2月30日") is None
    assert find_periods("1850年") == []


@settings(max_examples=150, deadline=None)
@given(st.text())
def test_find_periods_never_raises_and_offsets_hold(text):
    for m in find_periods(text, ISSUED):
        assert text[m.start : m.end] == m.text
        assert m.period.deadline is None or m.period.year == m.period.deadline.year


def _same_match(a, b) -> bool:
    """The same span and branch, and the same groups (those `a`'s pattern lacks unmatched)."""
    if a is None or b is None:
        return a is None and b is None
    ours, full = a.groupdict(), b.groupdict()
    return (a.span(), a.lastgroup) == (b.span(), b.lastgroup) and all(
        ours[k] == v if k in ours else v is None for k, v in full.items()
    )


@pytest.mark.parametrize(
    "text",
    [
        "到2025年，产值达到1000亿元；2024年二季度前完成验收，二季度末启动，上半年投产。",
        "2023—2025年，每年新增企业10家，按季通报；明年3月底前、去年12月，十月底前完成。",
        "“十四五”末，用三年时间、三年内；本世纪中叶；岁末年初，全年实现，年中评估，第一季度，六月中旬。",
    ],
)
def test_pattern_at_a_start_reads_what_the_whole_pattern_reads(text):
    """The per-start-character patterns find, at every scanner hit, the match of the full one."""
    from policylens.grammar import periods as p

    for hit in p._STARTS.finditer(text):
        at = hit.start()
        assert _same_match(p._PATTERN_AT[text[at]].match(text, at), p._PATTERN.match(text, at))


def test_pattern_at_covers_every_position_of_the_bundled_texts():
    """At every position of the bundled texts where the scanner stops, the same match."""
    from pathlib import Path

    from policylens.grammar import periods as p

    raw = Path(__file__).resolve().parents[2] / "data" / "raw" / "texts"
    for path in sorted(raw.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for at in range(len(text)):
            if text[at] in p._PATTERN_AT:
                assert _same_match(
                    p._PATTERN_AT[text[at]].match(text, at), p._PATTERN.match(text, at)
                )
