from policylens.grammar.annex_text import has_text_rows, spaced_table_cells, text_row_cells

ROWS = (
    "主要指标：\n"
    "锂电池产量（GWh）：2023年210；2025年320；2027年450。\n"
    "规上工业增加值（亿元）：2022年基数980，2026年目标1300以上。\n"
)


def test_text_rows_give_one_target_cell_per_future_year():
    cells = text_row_cells(ROWS, 2024)
    got = [(c.name, c.unit, c.value, c.year) for c in cells]
    assert got == [
        ("锂电池产量", "GWh", "320", 2025),
        ("锂电池产量", "GWh", "450", 2027),
        ("规上工业增加值", "亿元", "1300以上", 2026),
    ]
    row = cells[0]
    assert ROWS[row.row_start : row.row_end] == "锂电池产量（GWh）：2023年210；2025年320；2027年450"
    assert ROWS[row.cell_start : row.cell_end] == "320"


def test_text_rows_give_the_base_year_as_a_baseline():
    cells = text_row_cells(ROWS, 2024, baselines=True)
    assert [(c.name, c.value, c.year) for c in cells] == [
        ("锂电池产量", "210", 2023),
        ("规上工业增加值", "980", 2022),
    ]


def test_text_rows_with_an_enumerator_a_unit_label_or_slashes():
    text = (
        "（1）风电整机产量（单位：台）：2023年900；2025年1500。\n"
        "2.光伏组件产能(GW):2023年40/2025年80/2027年120\n"
    )
    cells = text_row_cells(text, 2024)
    assert [(c.name, c.unit, c.value, c.year) for c in cells] == [
        ("风电整机产量", "台", "1500", 2025),
        ("光伏组件产能", "GW", "80", 2025),
        ("光伏组件产能", "GW", "120", 2027),
    ]


def test_text_rows_with_a_listed_name_a_missing_year_and_bracketed_column_words():
    text = (
        "镍、钴、锰综合回收率（%）：2023年95；2025年≥98；2027年98以上。\n"
        "退役电池回收量（万吨）：2023年—；2025年5。\n"
        "动力电池产量（GWh）：2023年（实际）210；2025年（目标）320。\n"
    )
    cells = text_row_cells(text, 2024)
    assert [(c.name, c.value, c.year) for c in cells] == [
        ("镍、钴、锰综合回收率", "≥98", 2025),
        ("镍、钴、锰综合回收率", "98以上", 2027),
        ("退役电池回收量", "5", 2025),
        ("动力电池产量", "320", 2025),
    ]
    assert [c.value for c in text_row_cells(text, 2024, baselines=True)] == ["95", "—", "210"]


def test_a_web_copys_row_ends_at_its_full_stop_and_the_next_starts_after_it():
    text = "目标:产值(亿元):2024年620,2025年750.增加值(亿元):2024年410,2025年480."
    cells = text_row_cells(text, 2025)
    assert [(c.name, c.value, c.year) for c in cells] == [
        ("产值", "750", 2025),
        ("增加值", "480", 2025),
    ]


def test_an_undated_texts_row_starts_from_its_base_year():
    text = "充电桩（万台）：2022年1.5；2025年4；2027年6。"
    assert [c.year for c in text_row_cells(text, None)] == [2025, 2027]
    assert [c.year for c in text_row_cells(text, None, baselines=True)] == [2022]


def test_a_sentence_with_a_bracket_is_no_text_row():
    text = "光伏组件产能（含在建）：力争达到50GW。新能源汽车（含改装车）推广2万辆。"
    assert text_row_cells(text, 2024) == []


SPACED = (
    "表1 主要发展指标\n"
    "指标 单位 2022年 2025年\n"
    "风电装备产能 万千瓦 300 800\n"
    "国家级专精特新企业 家 12 20\n"
    "\n"
    "指标名称\u3000单位\u30002024年完成\u30002025年目标\n"
    "外贸进出口总额\u3000亿元\u30001350\u30001450\n"
    "规上工业增加值增速\u3000%\u30007.2\u30007以上\n"
    "三、重点任务\n"
)


def test_spaced_tables_give_the_target_columns_under_their_header_year():
    cells = spaced_table_cells(SPACED, 2023)
    got = [(c.name, c.unit, c.value, c.year) for c in cells]
    assert got == [
        ("风电装备产能", "万千瓦", "800", 2025),
        ("国家级专精特新企业", "家", "20", 2025),
        ("外贸进出口总额", "亿元", "1450", 2025),
        ("规上工业增加值增速", "%", "7以上", 2025),
    ]
    assert SPACED[cells[0].row_start : cells[0].row_end] == "风电装备产能 万千瓦 300 800"


def test_spaced_tables_give_base_columns_as_baselines():
    cells = spaced_table_cells(SPACED, 2023, baselines=True)
    assert [(c.name, c.value, c.year) for c in cells] == [
        ("风电装备产能", "300", 2022),
        ("国家级专精特新企业", "12", 2022),
        ("外贸进出口总额", "1350", 2024),
        ("规上工业增加值增速", "7.2", 2024),
    ]


def test_a_category_written_once_and_headers_with_the_year_in_brackets():
    text = (
        "类别 指标 单位 2022年 2025年 属性\n"
        "经济发展 规上工业增加值增速 % 6.5 7以上 预期性\n"
        "数字经济核心产业增加值 亿元 800 1200 预期性\n"
        "\n"
        "指标名称 计量单位 基期值（2022年） 目标值（2025年）\n"
        "高新技术企业 家 900 1500\n"
    )
    cells = spaced_table_cells(text, 2023)
    assert [(c.name, c.unit, c.value, c.year) for c in cells] == [
        ("规上工业增加值增速", "%", "7以上", 2025),
        ("数字经济核心产业增加值", "亿元", "1200", 2025),
        ("高新技术企业", "家", "1500", 2025),
    ]


def test_a_name_column_headed_xiangmu_or_neirong_alone():
    text = (
        "项目　单位　现状值　2027年\n数字经济从业人员　万人　4.2　6\n\n"
        "内容 单位 2024年 2026年\n技术合同成交额 亿元 80 120\n"
    )
    cells = spaced_table_cells(text, 2025)
    assert [(c.name, c.unit, c.value, c.year) for c in cells] == [
        ("数字经济从业人员", "万人", "6", 2027),
        ("技术合同成交额", "亿元", "120", 2026),
    ]
    assert spaced_table_cells("本项目的单位 投资 2025年 计划\n甲 乙 丙 丁\n", 2024) == []


def test_lines_without_a_unit_column_are_no_spaced_table():
    text = "指标 2025年 2027年\n产值 100 200\n单位 名称 说明\n甲 乙 丙\n"
    assert spaced_table_cells(text, 2024) == []


def test_the_text_row_sign_is_a_bracketed_unit_a_colon_and_a_year_with_either_bracket():
    assert has_text_rows(ROWS)
    # ASCII brackets and colon, as a web copy writes them
    assert has_text_rows("氢燃料电池汽车保有量(辆):  2025 年 5000")
    assert has_text_rows("充电桩（万个）：２０２５年３")  # full-width digits
    assert not has_text_rows("到2025年（预期）新增装机达到300万千瓦，其中风电（陆上）120万千瓦。")
    assert not has_text_rows("规上工业增加值(亿元)为2025年目标")  # no colon after the unit
