"""Rates in the words before a quantity: per person and per day (policylens.extract.rates)."""

import pytest

from policylens.extract.rates import rate_suffix


@pytest.mark.parametrize(
    ("words", "unit", "suffix"),
    [
        ("农村居民人均可支配收入突破", "CNY", "/人"),
        ("规上工业人均增加值达到", "CNY", "/人"),
        ("农户户均增收", "CNY", "/户"),
        ("工业用地亩均税收达到", "CNY", "/亩"),
        ("光伏玻璃日熔化量达到", "t", "/日"),
        ("日均发电量", "GWh", "/日"),
        ("营业收入达到", "CNY", ""),
        ("均衡发展，营业收入达到", "CNY", ""),
        ("今日产量达到", "t", ""),
        ("日产氢能力达到", "count", ""),  # a count a day is not read as a rate
    ],
)
def test_rate_suffix(words, unit, suffix):
    assert rate_suffix(words, unit) == suffix
