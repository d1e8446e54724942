"""The facts a text states about itself: each rule on two or more wordings of its own."""

from __future__ import annotations

import datetime as dt

import pytest

from policylens.metadata import parse_date_line, province_of, read_facts


def facts(*lines: str) -> dict[str, str]:
    return read_facts("\n".join(lines)).values


# --- document number ---------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "晋能源新能源发【2023】68号",
        "川府发〔2024〕12号",
        "闽工信规[2024] 5号",
        "〔2024〕12号",
    ],
)
def test_a_document_number_on_a_line_of_its_own(line: str) -> None:
    found = facts("山西省能源局文件", line, "关于加快光伏发展的通知", "正文。")
    assert found["doc_number"] == line.replace(" ", "")


def test_a_number_cited_inside_a_sentence_is_not_the_documents_own() -> None:
    found = facts(
        "关于加快光伏发展的通知",
        "根据《国务院关于印发2030年前碳达峰行动方案的通知》（国发〔2021〕23号）精神，制定本方案。",
        "按照省政府办公厅（晋政办发〔2022〕9号）要求执行。",
    )
    assert "doc_number" not in found


# --- issue date --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("2024年1月12日", dt.date(2024, 1, 12)),
        ("2023年 3月20日", dt.date(2023, 3, 20)),
        ("二〇二四年一月十二日", dt.date(2024, 1, 12)),
        ("二〇二三年十二月三十一日", dt.date(2023, 12, 31)),
        ("（2024年2月5日印发）", dt.date(2024, 2, 5)),
        ("２０２４年３月１日", dt.date(2024, 3, 1)),
    ],
)
def test_dates_written_alone_on_a_line(line: str, date: dt.date) -> None:
    assert parse_date_line(line) == date


@pytest.mark.parametrize(
    "line",
    ["2024年1月12日召开推进会。", "发布时间：2024-03-05", "2024年2月30日", "到2025年底"],
)
def test_a_date_in_a_sentence_or_an_impossible_date_is_no_signing_date(line: str) -> None:
    assert parse_date_line(line) is None


def test_the_signing_date_and_the_bodies_that_sign_above_it() -> None:
    found = facts(
        "湖北省新能源汽车产业链行动方案",
        "一、到2025年，产业链营业收入突破1万亿元。",
        "湖北省发展和改革委员会",
        "湖北省经济和信息化厅",
        "2023年4月12日",
        "附件：重点项目清单",
        "2024年6月30日",
    )
    assert found["issued"] == "2023-04-12"  # the first date line: the signature
    assert found["issuer_zh"] == "湖北省发展和改革委员会、湖北省经济和信息化厅"


def test_a_text_without_a_date_line_gets_no_issue_date() -> None:
    found = facts("江西省制造业行动计划", "近日，省政府印发了行动计划。", "2023年全省营收增长8%。")
    assert "issued" not in found


# --- title, issuer, status ---------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "title", "issuer"),
    [
        (
            "山西省能源局 山西省工业和信息化厅关于印发《山西省光伏产业链2023年行动方案》的通知",
            "山西省光伏产业链2023年行动方案",
            "山西省能源局、山西省工业和信息化厅",
        ),
        (
            "广东省人民政府办公厅关于印发广东省加快新能源汽车产业高质量发展实施方案的通知",
            "广东省加快新能源汽车产业高质量发展实施方案",
            "广东省人民政府办公厅",
        ),
    ],
)
def test_title_and_issuer_from_the_notice_that_issues_a_plan(
    line: str, title: str, issuer: str
) -> None:
    found = facts("粤府办〔2023〕12号", line, "各地级以上市人民政府：", "现印发给你们。")
    assert found["title_zh"] == title
    assert found["issuer_zh"] == issuer


@pytest.mark.parametrize(
    "title",
    [
        "江西省制造业重点产业链现代化建设“1269”行动计划（2023-2026年）",
        "关于加强产业链供应链招商引资稳资安企指导服务的意见",
    ],
)
def test_the_first_line_that_reads_as_a_title(title: str) -> None:
    found = facts("来源：省政府网站", title, "为深入贯彻落实省委决策部署，制定本方案。")
    assert found["title_zh"] == title


def test_an_annex_label_is_not_part_of_the_title() -> None:
    assert facts("附件：四川省工业“珠峰攀登”行动方案（征求意见稿）")["title_zh"] == (
        "四川省工业“珠峰攀登”行动方案（征求意见稿）"
    )
    assert (
        facts("附件1", "附件2：浙江省氢能产业发展实施方案")["title_zh"]
        == "浙江省氢能产业发展实施方案"
    )


def test_a_sentence_is_not_a_title() -> None:
    found = facts("各市要按照本方案要求，制定具体实施方案。", "现将有关事项通知如下：")
    assert "title_zh" not in found


def test_draft_for_comment_is_a_draft() -> None:
    assert facts("四川省工业“珠峰攀登”行动方案（征求意见稿）")["status"] == "draft"
    found = facts("关于公开征求《青海省储能发展规划》意见的公告", "征求意见稿", "正文。")
    assert found["status"] == "draft"
    assert "status" not in facts("四川省工业“珠峰攀登”行动方案", "正文。")


def test_the_issuer_from_the_header_when_nothing_signs() -> None:
    assert facts("山西省能源局文件", "关于光伏发展的通知")["issuer_zh"] == "山西省能源局"
    assert facts("湖南省人民政府办公厅文件", "湖南省储能行动方案")["issuer_zh"] == (
        "湖南省人民政府办公厅"
    )


# --- horizon -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "start", "end"),
    [
        ("湖北省新能源汽车产业链三年行动方案（2023—2025年）", "2023", "2025"),
        ("江西省行动计划（2023-2026年）", "2023", "2026"),
        ("青海省“十四五”新能源产业发展规划", "2021", "2025"),
        ("江苏省光伏产业链链长制2024年工作要点", "2024", "2024"),
        ("山西省重点产业链“链长制”2024年行动计划", "2024", "2024"),
    ],
)
def test_the_horizon_the_title_states(title: str, start: str, end: str) -> None:
    found = facts(title)
    assert (found["horizon_start"], found["horizon_end"]) == (start, end)


def test_no_horizon_when_the_title_states_none() -> None:
    found = facts("浙江省加快培育氢燃料电池汽车产业发展实施方案", "到2025年，推广1万辆。")
    assert "horizon_start" not in found and "horizon_end" not in found


# --- province ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "province"),
    [
        ("山西省能源局", "Shanxi"),
        ("陕西省发展和改革委员会", "Shaanxi"),
        ("内蒙古自治区人民政府办公厅", "Inner Mongolia"),
        ("广西壮族自治区工业和信息化厅", "Guangxi"),
        ("重庆市经济和信息化委员会", "Chongqing"),
        ("宁德市人民政府", None),
        ("国家发展改革委", None),
    ],
)
def test_province_from_the_name_of_a_body(name: str, province: str | None) -> None:
    assert province_of(name) == province


def test_province_from_the_issuer_or_else_the_title() -> None:
    found = facts("安徽省光伏行动方案", "正文。", "安徽省经济和信息化厅", "2024年1月12日")
    assert (found["province"], found["province_zh"]) == ("Anhui", "安徽")
    assert facts("福建省新能源汽车行动方案", "正文。")["province"] == "Fujian"
    assert "province" not in facts("宁德市支持锂电产业发展若干措施", "正文。")
