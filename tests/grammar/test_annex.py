"""Indicator tables: targets whose unit stands in its own column."""

from policylens.extract import extract_targets
from policylens.grammar.annex import table_baselines, table_targets

TABLE = (
    "某市储能产业发展行动方案（2024—2026年）\n"
    "附件：主要发展指标\n"
    "| 序号 | 指标名称 | 单位 | 2023年基数 | 2026年目标 |\n"
    "| 1 | 储能产业营业收入 | 亿元 | 320 | 1000 |\n"
    "| 2 | 新型储能装机规模 | 万千瓦 | 150 | ≥500 |\n"
    "| 3 | 储能电池产能 | GWh | 40 | 120 |\n"
    "| 4 | 规上储能企业 | 家 | 60 | 150以上 |\n"
    "| 5 | 本地配套率 | % | 35 | 约60 |\n"
    "| 6 | 示范项目 | 个 | 8 | — |\n"
    "\n"
    "附表说明：基数为2023年统计数。\n"
)


def test_table_targets_reads_target_columns_not_baselines():
    cells = table_targets(TABLE, 2024)
    assert [(c.name, c.unit, c.value, c.year) for c in cells] == [
        ("储能产业营业收入", "亿元", "1000", 2026),
        ("新型储能装机规模", "万千瓦", "≥500", 2026),
        ("储能电池产能", "GWh", "120", 2026),
        ("规上储能企业", "家", "150以上", 2026),
        ("本地配套率", "%", "约60", 2026),
        ("示范项目", "个", "—", 2026),
    ]
    for c in cells:  # every cell points at the row that states it
        assert (
            TABLE[c.row_start : c.row_end].startswith("|")
            and c.name in TABLE[c.row_start : c.row_end]
        )


def test_table_baselines_reads_baseline_and_past_year_columns():
    cells = table_baselines(TABLE, 2024)
    assert [(c.name, c.value, c.year) for c in cells][:3] == [
        ("储能产业营业收入", "320", 2023),
        ("新型储能装机规模", "150", 2023),
        ("储能电池产能", "40", 2023),
    ]
    for c in cells:  # the cell's own offsets hold its value
        assert TABLE[c.cell_start : c.cell_end] == c.value
    past = "| 指标 | 单位 | 2022年 | 现状值 | 2025年 |\n| 光伏组件产能 | GW | 18 | 25 | 60 |\n"
    assert [(c.value, c.year) for c in table_baselines(past, 2024)] == [("18", 2022), ("25", None)]
    assert [(c.value, c.year) for c in table_targets(past, 2024)] == [("60", 2025)]


def test_table_rows_become_targets_in_canonical_units():
    df = extract_targets(TABLE, "2024-02-01")
    got = df[["indicator", "value", "unit", "comparator", "target_year"]].values.tolist()
    review = df[df.needs_review]
    assert got[0] == ["revenue", 1e11, "CNY", "=", 2026]
    assert got[1] == ["capacity", 5.0, "GW", ">=", 2026]
    assert ["enterprise_count", 150.0, "count", ">=", 2026] in got
    assert ["share", 60.0, "percent", "~", 2026] in got
    assert ["capacity", 120.0, "GWh", "=", 2026] in got  # energy in GWh (TARGETS.md)
    assert review.empty
    assert len(df) == 5  # the empty cell (—) is no target
    for r in df.itertuples():
        assert TABLE[r.char_start : r.char_end] == r.quote


def test_a_table_restating_a_sentence_adds_no_row():
    text = "到2026年，全市储能产业营业收入达到1000亿元。\n" + TABLE
    df = extract_targets(text, "2024-02-01")
    revenue = df[df.indicator == "revenue"]
    assert len(revenue) == 1 and not revenue.quote.iloc[0].startswith("|")


def test_a_table_without_unit_or_target_columns_is_no_indicator_table():
    text = "| 序号 | 企业名称 | 所在地 |\n| 1 | 某某光伏 | 太原 |\n| 2 | 某某锂电 | 长治 |\n"
    assert table_targets(text, 2024) == []
    assert extract_targets(text, "2024-01-01").empty


def test_an_annual_capacity_in_a_table_is_read_in_tonnes_or_gw():
    for unit, value, canonical in [("万吨/年", 1e5, "t"), ("万千瓦/年", 0.1, "GW")]:
        text = f"| 序号 | 指标 | 单位 | 2026年 |\n| 1 | 回收处理能力 | {unit} | 10 |\n"
        df = extract_targets(text, "2024-02-01")
        assert (df.value.iloc[0], df.unit.iloc[0], df.needs_review.iloc[0]) == (
            value,
            canonical,
            False,
        )


def test_a_header_year_in_full_width_digits_dates_its_column():
    headers = {
        "| 指标 | ２０２３年 | ２０２５年 |": 2023,
        "| 指标名称 | ２０２２年基数 | ２０２５年目标 |": 2022,
    }
    for header, base_year in headers.items():
        text = f"某市工作要点\n{header}\n| 规上工业增加值增速（％） | ６．５ | ７以上 |\n"
        assert [(c.value, c.year) for c in table_targets(text, 2024)] == [("７以上", 2025)]
        assert [(c.value, c.year) for c in table_baselines(text, 2024)] == [("６．５", base_year)]
