"""data/raw/outcomes.csv: read, typed, and refused with a message naming the row."""

from __future__ import annotations

import pandas as pd
import pytest

from policylens.errors import InputError
from policylens.overtime.outcomes import read_outcomes

HEADER = "province,indicator,chain,year,value,unit,source\n"
GOOD = "Hubei,revenue,photovoltaic,2025,3.2e11,CNY,湖北统计年鉴2026 表5\n"


def _write(tmp_path, text: str):
    path = tmp_path / "outcomes.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_missing_file_has_no_rows(tmp_path):
    assert read_outcomes(tmp_path / "outcomes.csv").empty


def test_rows_are_typed_and_chinese_province_names_are_read(tmp_path):
    text = "province,indicator,chain,scope_zh,year,value,unit,source\n" + (
        "湖北省,growth_rate,,全省规模以上工业,2025,8.5,percent,统计公报\n"
        'Anhui,capacity,lithium_battery,,2025,210,GWh,"厅网站, 2026-01"\n'
    )
    rows = read_outcomes(_write(tmp_path, text))
    assert list(rows["province"]) == ["Hubei", "Anhui"]
    assert rows.loc[0, "scope_zh"] == "全省规模以上工业" and pd.isna(rows.loc[0, "chain"])
    assert rows.loc[1, "value"] == 210.0 and rows.loc[1, "year"] == 2025
    assert list(rows["row"]) == [2, 3]


@pytest.mark.parametrize(
    ("text", "row", "words"),
    [
        ("province,indicator,year,value,unit,source\n", 1, "lacks the column(s) chain"),
        (HEADER.replace("source", "source,remark"), 1, "unknown column(s) remark"),
        (
            HEADER + "Atlantis,revenue,photovoltaic,2025,1,CNY,x\n",
            2,
            "'Atlantis' is not a province",
        ),
        (HEADER + "Hubei,turnover,photovoltaic,2025,1,CNY,x\n", 2, "indicator 'turnover'"),
        (HEADER + "Hubei,revenue,photovoltaic,2025,3200,亿元,x\n", 2, "unit '亿元'"),
        (HEADER + "Hubei,revenue,photovoltaic,二〇二五,1,CNY,x\n", 2, "year '二〇二五'"),
        (HEADER + 'Hubei,revenue,photovoltaic,2025,"3,200",CNY,x\n', 2, "not a plain"),
        (HEADER + "Hubei,revenue,photovoltaic,2025,-1,CNY,x\n", 2, "not a plain"),
        (HEADER + "Hubei,revenue,photovoltaic,2025,1,CNY,\n", 2, "source is empty"),
        (HEADER + "Hubei,revenue,,2025,1,CNY,x\n", 2, "neither chain nor scope_zh"),
        (HEADER + GOOD + GOOD.replace("3.2e11", "3.3e11"), 3, "also on row 2"),
        (HEADER + "Hubei,revenue,photovoltaic,2025,1,CNY,x,extra\n", 2, "more cells"),
    ],
)
def test_a_bad_row_is_refused_naming_file_row_and_fix(tmp_path, text, row, words):
    with pytest.raises(InputError) as caught:
        read_outcomes(_write(tmp_path, text))
    message = str(caught.value)
    assert f"outcomes.csv, row {row}: " in message and words in message
    assert "fix:" in message


def test_a_file_that_is_not_utf8_is_refused(tmp_path):
    path = tmp_path / "outcomes.csv"
    path.write_bytes((HEADER + GOOD).encode("gbk"))
    with pytest.raises(InputError, match="not UTF-8"):
        read_outcomes(path)
