"""The precision classes the seventh blind round found (issue 12): facts of a news report and
budget lines read as targets, and a headline restating a body target as a second row. Each
class with two or more sentences of our own, and its target side where a goal word or a
future time turns the same wording into a goal."""

import pandas as pd
import pytest
from test_extract import check_invariants

from policylens.extract import extract_targets
from policylens.extract.actuals import extract_actuals

ISSUED = "2025-05-10"
NEWS = "来源：某市融媒体中心 2025-05-10\n"


def rows(text, issued=ISSUED):
    df = extract_targets(text, issued)
    check_invariants(text, df)
    return df


def values(df):
    """(indicator, value or None, target year or None) of each row."""
    return [
        (
            r.indicator,
            None if pd.isna(r.value) else r.value,
            None if pd.isna(r.target_year) else int(r.target_year),
        )
        for r in df.itertuples()
    ]


# ------------------------------------------------------------ 1a. attendance


@pytest.mark.parametrize(
    "sentence",
    [
        "5月9日，全省数字经济推进大会召开，省市县三级干部和企业代表共约420人参加会议。",
        "本届论坛规模空前，来自12个国家的600余名专家学者出席开幕式。",
        "座谈会气氛热烈，参会人数约150人，与会企业家踊跃发言。",
        "本次大会参会代表达800余人。",
    ],
)
def test_the_people_at_a_meeting_are_not_a_target(sentence):
    assert rows(NEWS + sentence).empty


def test_people_a_plan_sets_out_to_train_stay_a_target():
    text = "力争全年组织3000名产业工人参加职业技能培训，培育高技能人才500人。"
    assert values(rows(text)) == [("other", 3000.0, 2025), ("other", 500.0, 2025)]
    text = "每年组织1000名企业家参加管理培训。"
    assert [(r.indicator, r.value) for r in rows(text).itertuples()] == [("other", 1000.0)]


# ------------------------------------------------------------ 1b. signing results


@pytest.mark.parametrize(
    "text",
    [
        "储能产业对接会举行\n现场签约项目18个 总投资约260亿元\n" + NEWS,
        NEWS + "活动期间举行了重点项目集中签约仪式，共签约项目31个、签约金额约415亿元。",
        NEWS + "此次招商周共签订合作协议25项，协议投资额超过180亿元。",
        "新能源汽车产业招商会举行\n签约项目36个 总投资约480亿元\n" + NEWS,
        NEWS + "记者获悉，全市签约重大产业项目18个，签约额210亿元。",
    ],
)
def test_what_was_signed_at_an_event_is_a_fact(text):
    assert rows(text).empty


def test_a_signing_a_plan_sets_out_to_reach_stays_a_target():
    # 签约金额 is investment (the seventh round's field classes)
    text = NEWS + "今年全市计划签约亿元以上项目120个，力争现场签约金额突破500亿元。"
    assert values(rows(text)) == [("project_count", 120.0, 2025), ("investment", 5e10, 2025)]
    text = NEWS + "方案提出，2026年全市签约亿元以上项目150个。"
    assert values(rows(text)) == [("project_count", 150.0, 2026)]


# ------------------------------------------------------------ 1c. one project's effect


@pytest.mark.parametrize(
    "sentence",
    [
        "该储能电池项目总投资60亿元，全部达产后预计年产值可达90亿元，可提供就业岗位约1500个。",
        "另一个风电装备项目建成投产后，有望实现年销售收入25亿元。",
        "据介绍，该工厂二期竣工后将新增年产能8GW。",
        "该基地由某新能源公司投资建设。建成投产后预计可实现年产值40亿元。",
    ],
)
def test_the_expected_effect_of_one_project_is_not_a_target(sentence):
    assert rows(NEWS + sentence).empty


def test_what_the_region_reaches_once_its_projects_are_built_stays_a_target():
    text = "到2027年，上述项目全部建成投产后，全市动力电池产能将达到100GWh。"
    assert values(rows(text)) == [("capacity", 100.0, 2027)]


# ------------------------------------------------------------ 1d. one firm's own plan


@pytest.mark.parametrize(
    "sentence",
    [
        "一家光伏企业负责人告诉记者，公司今年计划再投入18亿元扩建电池片产线。",
        "某整车集团董事长在签约后表示，集团明年将新增整车产能10万辆。",
    ],
)
def test_one_firms_own_plan_quoted_in_a_report_is_not_a_target(sentence):
    assert rows(NEWS + sentence).empty


# ------------------------------------------------------------ 2. a paragraph on a past year


@pytest.mark.parametrize(
    "paragraph",
    [
        "会议指出，2024年，全市规上工业增加值增长7.2%，上半年增长8.5%。新开工亿元以上项目56个，"
        "完成工业投资388亿元。",
        "会议回顾了2024年工作。2024年，全县新增规上工业企业45家，二季度起稳步回升。"
        "全年引进项目72个，年内实际到位资金130亿元。",
    ],
)
def test_later_sentences_of_a_paragraph_on_a_past_year_are_facts(paragraph):
    text = NEWS + paragraph + "\n会议强调，2025年要力争新开工亿元以上项目60个。\n"
    assert values(rows(text)) == [("project_count", 60.0, 2025)]


def test_a_later_sentence_that_turns_to_the_plan_or_names_its_own_year_stays_a_target():
    text = (
        "2024年，全市工业投资增长9%，四季度增长11%。会议强调，新开工亿元以上项目70个。"
        "2025年全年新增规上企业80家。"
    )
    got = [(r.indicator, r.value) for r in rows(text).itertuples()]
    assert got == [("project_count", 70.0), ("enterprise_count", 80.0)]


def test_the_facts_of_a_past_year_paragraph_are_actuals_of_that_year():
    text = "2024年，全市工业投资增长9%，四季度增长11%。新开工亿元以上项目56个。"
    got = extract_actuals(text, ISSUED)
    assert 56.0 in got.value.tolist()
    assert set(got.loc[got.value == 56.0, "year"]) == {2024}


# ------------------------------------------------------------ 3. 首次突破


@pytest.mark.parametrize(
    "sentence",
    [
        "全省集成电路产业营业收入首次突破千亿元大关。",
        "我市新能源汽车产量首次超过20万辆，产业链本地配套率明显提升。",
    ],
)
def test_a_first_crossing_is_an_achievement(sentence):
    assert rows(NEWS + sentence).empty


def test_a_first_crossing_a_plan_aims_at_stays_a_target():
    text = "力争到2027年全市生物医药产业产值首次突破500亿元。"
    assert values(rows(text)) == [("output_value", 5e10, 2027)]


# ------------------------------------------------------------ 4. funds


@pytest.mark.parametrize(
    "sentence",
    [
        "省财政出资设立总规模50亿元的低空经济产业基金。",
        "市级产业引导基金对链上企业的投资规模不低于20亿元。",
        "组建新材料产业投资基金，首期募资不少于5亿元。",
        "设立30亿元氢能产业基金。",
    ],
)
def test_a_funds_size_or_investment_is_a_budget_line(sentence):
    assert rows("到2027年，" + sentence).empty


def test_what_a_fund_draws_in_or_the_regions_investment_stays_a_target():
    text = (
        "到2027年，设立规模10亿元的机器人产业基金，带动社会资本投资80亿元；"
        "全市机器人产业投资达到200亿元。"
    )
    assert values(rows(text)) == [("investment", 8e9, 2027), ("investment", 2e10, 2027)]


# ------------------------------------------------------------ 5. thresholds before 的+noun


@pytest.mark.parametrize(
    "sentence",
    [
        "对氢气零售价格不高于28元/公斤的加氢站，按加注量给予支持。",
        "对电解水制氢规模不超过1500标准立方米/小时的示范项目，优先保障用地。",
        "对年用电量超过5000万千瓦时的数据中心，实行绿电直供。",
    ],
)
def test_a_threshold_before_de_and_a_noun_qualifies_the_noun(sentence):
    assert rows("到2026年，全市" + sentence).empty


def test_a_rate_goal_of_the_region_stays_a_review_row():
    df = rows("到2026年，全市加氢站氢气售价降至30元/公斤以下。")
    assert df.needs_review.tolist() == [True]
    assert df.unit_as_written.tolist() == ["元/公斤"]


# ------------------------------------------------------------ 6. falls from a past point


@pytest.mark.parametrize(
    "sentence",
    [
        "受产能过剩影响，碳酸锂价格较历史高点回落超过80%。",
        "一季度，全省光伏组件出口额较去年同期下降12%。",
        "硅料价格相比峰值下跌约60%，企业经营承压。",
    ],
)
def test_a_fall_from_a_past_point_is_a_fact(sentence):
    assert rows(NEWS + sentence).empty


def test_a_fall_a_plan_sets_stays_a_target():
    text = "到2027年，力争全市单位工业增加值能耗较去年同期下降5%。"
    assert values(rows(text)) == [("other", 5.0, 2027)]


# ------------------------------------------------------------ 7. headline restatements


@pytest.mark.parametrize(
    "headline",
    [
        "到2027年光伏营收力争达五千亿元！某省晶硅光伏产业建设方案出台",
        "某省出台锂电方案：锂电营收2027年将达3000亿元",
    ],
)
def test_a_headline_naming_the_subject_in_fewer_words_is_one_row_with_the_body(headline):
    body = (
        "近日，某省印发产业方案。方案明确，到2027年，全省晶硅光伏产业营业收入力争达到5000亿元，"
        "锂离子电池产业营业收入达到3000亿元。"
    )
    df = rows(headline + "\n" + NEWS + "\n" + body)
    assert len(df) == 2
    assert all(q in body for q in df.quote)


def test_a_headline_of_another_subject_stays_its_own_row():
    text = (
        "某省储能营收2027年将达800亿元\n"
        + NEWS
        + "方案明确，到2027年，全省氢能产业营业收入达到800亿元。"
    )
    assert len(rows(text)) == 2
