"""Document outline: review sections, section years and the title's horizon."""

import datetime as dt

import pandas as pd
import pytest

from policylens.extract import extract_targets
from policylens.grammar.sections import Outline

REPORT = (
    "某省政府工作报告\n"
    "一、2023年工作回顾\n"
    "全省规上工业营业收入突破5万亿元，新增高新技术企业3000家。\n"
    "（一）产业发展。光伏装机达到3000万千瓦。\n"
    "二、2024年主要目标\n"
    "规上工业增加值增长6%左右。\n"
    "（一）做强产业链。新培育省级重点产业链3条。\n"
)


def test_outline_marks_review_sections_and_section_years():
    text = REPORT
    outline = Outline(text, dt.date(2024, 1, 20), 2024)
    review = outline.section_at(text.index("5万亿元"))
    assert review.past
    assert outline.section_at(text.index("3000万千瓦")).past  # a subsection of the review
    goals = outline.section_at(text.index("3条"))
    assert not goals.past
    assert goals.period.year == 2024


def test_numbers_of_a_review_section_are_facts_and_undated_tasks_take_the_section_year():
    df = extract_targets(REPORT, "2024-01-20")
    assert df.value.tolist() == [6.0, 3.0]
    assert df.target_year.tolist() == [2024, 2024]


@pytest.mark.parametrize(
    ("title", "year"),
    [
        ("某市新能源汽车产业高质量发展三年行动方案（2024—2026年）", 2026),
        ("某省“十四五”氢能产业发展规划", 2025),
        ("某省光伏产业链2025年工作要点", 2025),
        ("关于印发某省促进储能产业发展若干措施的通知", None),
        ("某省人民政府办公厅\n2024年3月1日", None),  # a date is not a horizon
    ],
)
def test_an_undated_goal_is_due_by_the_horizon_in_the_title(title, year):
    text = f"{title}\n为加快发展，制定本方案。\n培育链主企业10家以上。\n"
    df = extract_targets(text, "2024-03-01")
    assert df.value.tolist() == [10.0]
    got = df.target_year.iloc[0]
    assert (None if pd.isna(got) else int(got)) == year


def test_a_deadline_earlier_in_the_section_carries_to_undated_lines():
    text = (
        "二、主要目标\n"
        "到2027年，全省新能源产业营业收入突破8000亿元。\n"
        "光伏制造：多晶硅产能达到50万吨。\n"
        "三、重点任务\n"
        "建设储能示范项目20个。\n"
    )
    df = extract_targets(text, "2024-03-01")
    assert df.target_year.astype("Float64").tolist()[:2] == [2027.0, 2027.0]
    assert df.target_year.isna().tolist()[2]  # another section: no year is guessed


def test_a_restatement_dated_only_by_its_section_merges_with_the_dated_statement():
    text = (
        "某省光伏产业发展行动方案（2024—2026年）\n"
        "一、年度任务\n"
        "年底前，新增光伏制造项目达到30个。\n"
        "二、附件\n"
        "新增光伏制造项目达到30个。\n"
    )
    df = extract_targets(text, "2024-03-01")
    assert len(df) == 1
    assert (df.target_year.iloc[0], df.char_start.iloc[0]) == (2024, text.index("年底前"))
