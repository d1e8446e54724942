"""Milestones: the real corpus, sentences of other plans, and properties."""

from __future__ import annotations

import datetime

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import policylens as pl
from policylens.engine.frames import table_frame
from policylens.extract.milestones import extract_milestone_rows
from policylens.model.schema import MILESTONES, conform, validate

D = datetime.date


def _milestones(text, issued=None, doc_id="d", province="Hubei", check_schema=True):
    df = table_frame("milestones", [(doc_id, province)], [extract_milestone_rows(text, issued)])
    assert list(df.columns) == MILESTONES.column_names
    if check_schema:
        validate(conform(df, "milestones"), "milestones")
    for row in df.itertuples():
        assert text[row.char_start : row.char_end] == row.quote
    return df


@pytest.fixture(scope="module")
def corpus():
    docs = pl.load_documents()
    return {
        row.doc_id: (
            pl.load_text(row.doc_id),
            row.province,
            None if pd.isna(row.issued) else row.issued.date(),
        )
        for row in docs.itertuples()
    }


def _doc(corpus, doc_id):
    text, province, issued = corpus[doc_id]
    return _milestones(text, issued, doc_id, province)


def test_chain_chief_plan_quarters_and_year_end(corpus):
    df = _doc(corpus, "shanxi_chain_chief_2024")
    assert {"2024Q1", "2024Q2", "2024Q3", "2024"} <= set(df.period)
    deadlines = set(df.deadline)
    assert {"2024-03-31", "2024-06-30", "2024-09-30", "2024-12-31"} <= deadlines
    actions = dict(zip(df.action_zh, df.period, strict=True))
    assert actions["要加大对企业宣贯力度"] == "2024Q1"
    assert actions["要印发申报通知"] == "2024Q2"
    assert actions["要完成“链主”企业遴选认定工作"] == "2024Q3"
    # its year-end goals (企业突破45家, 新增4条) are targets, not milestones
    assert not any("45家" in a or "4条" in a for a in df.action_zh)
    assert "quarterly" in set(df.recurring)
    # the annex table restates the body: each action once
    assert sum("遴选认定工作" in a for a in df.action_zh) == 1
    assert sum("公布专家咨询组名单" in a for a in df.action_zh) == 1
    assert list(df.milestone_id) == [f"shanxi_chain_chief_2024:t{n}" for n in range(1, len(df) + 1)]
    # years that name a document are not milestones
    assert not any(q.startswith("2024年行动") for q in df.quote)


def test_pv_plan(corpus):
    df = _doc(corpus, "shanxi_pv_2023")
    recurring = df[df.recurring == "quarterly"]
    assert list(recurring.action_zh) == ["更新项目进展情况"] and recurring.deadline.eq("").all()
    assert (df[df.recurring == ""].deadline == "2023-12-31").all()
    # its 20GW capacity goal is a target; past years are not milestones
    assert not any("20GW" in a for a in df.action_zh)
    assert not df.period.str.startswith("2022").any()
    assert any("开工建设" in a for a in df.action_zh)


def test_jiangxi_news_page_keeps_actions_not_its_goals_or_headline(corpus):
    df = _doc(corpus, "jiangxi_chains_2023_2026")
    # the headline and the 2026 revenue goals restate targets: none is a milestone
    assert not any("亿元" in a for a in df.action_zh)
    assert not any(q.startswith("标题") for q in df.quote)
    yearly = df[df.recurring == "yearly"]
    assert len(yearly) == 1 and yearly.period.iloc[0] == ""


def test_sichuan_draft_comment_deadline_is_no_milestone(corpus):
    df = _doc(corpus, "sichuan_everest_2023_draft")
    assert not any("意见" in a for a in df.action_zh)
    assert set(df.period) == {"2027"}


def test_the_same_words_under_two_chain_headings_stay_two():
    text = "建材产业链。年底前，完成产业链图谱编制。\n钢铁产业链。年底前，完成产业链图谱编制。"
    df = _milestones(text, D(2024, 3, 1))
    assert list(df.action_zh) == ["完成产业链图谱编制"] * 2


def test_opinions_without_dates_have_none(corpus):
    assert _doc(corpus, "shanxi_investment_opinions").empty


def test_sequence_of_quarters_resolves_against_the_sentence_year():
    text = (
        "2024年一季度，要加大对企业宣贯力度；二季度，要印发申报通知；三季度，要完成遴选认定工作；"
        "年底前，力争建成链上企业服务平台。"
    )
    df = _milestones(text, None)
    assert list(df.period) == ["2024Q1", "2024Q2", "2024Q3", "2024"]
    assert list(df.deadline) == ["2024-03-31", "2024-06-30", "2024-09-30", "2024-12-31"]
    assert list(df.action_zh)[1] == "要印发申报通知"


@pytest.mark.parametrize(
    ("text", "issued", "period", "deadline", "recurring", "action"),
    [
        (
            "上半年，完成全省产业链图谱编制。",
            D(2025, 2, 1),
            "2025H1",
            "2025-06-30",
            "",
            "完成全省产业链图谱编制",
        ),
        (
            "各市要于6月底前报送项目清单。",
            D(2025, 2, 1),
            "2025-06",
            "2025-06-30",
            "",
            "报送项目清单",
        ),
        (
            "力争到2027年，全省集成电路产业链基本实现自主可控。",
            None,
            "2027",
            "2027-12-31",
            "",
            "全省集成电路产业链基本实现自主可控",
        ),
        (
            "每月召开一次链长工作调度会。",
            D(2025, 3, 1),
            "2025",
            "",
            "monthly",
            "召开一次链长工作调度会",
        ),
        ("年底前，建成省级产业链公共服务平台。", None, "", "", "", "建成省级产业链公共服务平台"),
        (
            "今年，启动链主企业遴选；明年，完成认定。",
            D(2023, 5, 1),
            "2023",
            "2023-12-31",
            "",
            "启动链主企业遴选",
        ),
        (
            "“十四五”末，建成全国重要的新能源装备制造基地。",
            None,
            "2025",
            "2025-12-31",
            "",
            "建成全国重要的新能源装备制造基地",
        ),
        ("2025年三季度前完成首批认定；", None, "2025Q3", "2025-09-30", "", "完成首批认定"),
        # no goal and no past result, though the words are near one (一个, 已有)
        (
            "年底前，建成一个省级产业链公共服务平台。",
            D(2025, 2, 1),
            "2025",
            "2025-12-31",
            "",
            "建成一个省级产业链公共服务平台",
        ),
        (
            "2025年，在已有工作基础上完成产业链图谱更新。",
            None,
            "2025",
            "2025-12-31",
            "",
            "在已有工作基础上完成产业链图谱更新",
        ),
    ],
)
def test_sentences_of_other_plans(text, issued, period, deadline, recurring, action):
    df = _milestones(text, issued)
    row = df.iloc[0]
    assert (row.period, row.deadline, row.recurring, row.action_zh) == (
        period,
        deadline,
        recurring,
        action,
    )


@pytest.mark.parametrize(
    "text",
    [
        "印发《山西省光伏产业链2024年行动方案》。",
        "制定江西省新能源产业链现代化建设行动方案（2023-2026年）。",
        "2024年1月12日",
        "附件：2024年重大工作清单",
        "在去年工作的基础上，继续推进。",
        "3月20日，省能源局联合印发行动方案。",
        "2023年以来，全省新增链主企业20家。",
        "",
    ],
)
def test_not_milestones(text):
    assert _milestones(text, D(2024, 3, 20)).empty


@pytest.mark.parametrize(
    "text",
    [
        # news headlines and titles
        "标题：湖北：2025年底前启动光谷科创大走廊建设\n正文如下。",
        "【安徽】2025年一季度前出台新能源汽车产业链招商方案",
        "# 广东：年底前印发智能网联汽车产业链图谱",
        # comments on a draft
        "请于2025年5月31日前将修改意见反馈至省发展改革委。",
        "社会公众可于2025年6月20日前，通过电子邮件提出意见建议。",
        # results already achieved (the text gives no issue date)
        "2022年，全省已建成锂电产业园区，形成完整配套体系。",
        "2021年，光伏组件产量同比大幅提升。",
        "2020年，全省晶硅光伏产业规模位居全国前列。",
        # quantitative goals for a date: targets, not milestones
        "到2027年，储能产业营业收入力争达到3000亿元。",
        "2025年底前，全市新能源汽车产量突破50万辆。",
        "二季度前，新培育省级链主企业5家以上。",
        "年底前，重点产业链营收保持两位数增长。",
    ],
)
def test_headlines_comment_deadlines_past_results_and_goals_are_no_milestones(text):
    assert _milestones(text, None).empty


@settings(max_examples=100, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("2024年一二三季度底前每月，；。、到力争完成印发\n 上半")),
        max_size=60,
    )
    | st.text(max_size=60),
    st.one_of(st.none(), st.dates()),
)
def test_never_raises_and_quotes_hold(text, issued):
    _milestones(text, issued, check_schema=False)  # schema checks are too slow for 100 examples
