"""Numerals: Arabic, full-width, Chinese, mixed scale words, ranges, fractions."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policylens.grammar.numbers import parse_chinese_int, parse_fraction, parse_number, parse_range

DIGITS = "零一二三四五六七八九"


def to_chinese(n: int, *, liang: bool = False, short_ten: bool = True) -> str:
    """Write `n` (0 ≤ n ≤ 10**12) the way documents do, as an independent reference.

    Groups of four digits under 万 and 亿, 零 for skipped places, 十 for 10-19 at the
    head (十六), 两 for a leading 2 before 百/千/万/亿 when `liang` is set.
    """
    if n == 0:
        return "零"

    def below_10k(x: int, leading: bool) -> str:
        out = []
        zero = False
        for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            d, x = divmod(x, value)
            if d == 0:
                zero = bool(out)
                continue
            if zero:
                out.append("零")
                zero = False
            if d == 1 and unit == "十" and leading and not out and short_ten:
                out.append("十")
            elif d == 2 and unit in ("千", "百") and liang and not out and leading:
                out.append("两" + unit)
            else:
                out.append(DIGITS[d] + unit)
        return "".join(out)

    parts = []
    groups = [(10**8, "亿"), (10**4, "万"), (1, "")]
    started = False
    pending_zero = False
    for value, unit in groups:
        g, n = divmod(n, value)
        if g == 0:
            if started:
                pending_zero = True
            continue
        if g == 2 and unit and liang:
            text = "两"  # 两万, 两亿
        elif value == 10**8 and g >= 10**4:  # 一万亿 and above: the 亿 group has its own 万
            text = to_chinese(g, liang=liang, short_ten=short_ten)
        else:
            text = below_10k(g, leading=not started)
        if started and (pending_zero or g < 1000):
            parts.append("零")
        parts.append(text + unit)
        started = True
        pending_zero = False
    return "".join(parts)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("十", 10),
        ("十六", 16),
        ("二十", 20),
        ("一百零五", 105),
        ("一千五百", 1500),
        ("一千五", 1500),
        ("三万五", 35000),
        ("两", 2),
        ("两千", 2000),
        ("两万", 20000),
        ("两亿五", 250_000_000),
        ("三亿五千万", 350_000_000),
        ("一万亿", 10**12),
        ("一万五千亿", 1_500_000_000_000),
        ("十万零十六", 100_016),
        ("十万零一十六", 100_016),
        ("廿", 20),
        ("廿五", 25),
        ("壹佰", 100),
        ("二〇二四", 2024),
        ("零", 0),
    ],
)
def test_chinese_numerals(text, value):
    assert parse_chinese_int(text) == value
    assert parse_number(text) == float(value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("3500", 3500.0),
        ("1.2万亿", 1.2e12),
        ("1万亿", 1e12),
        ("7000亿", 7e11),
        ("3.5万", 35000.0),
        ("5000万", 5e7),
        ("１２", 12.0),
        ("１２．５", 12.5),
        ("1,500", 1500.0),
        ("2.5", 2.5),
        ("3千", 3000.0),
    ],
)
def test_arabic_and_mixed_numerals(text, value):
    assert parse_number(text) == value


def test_scale_words_are_exact_not_rounded():
    # 1.2 * 1e12 in binary floating point is 1199999999999.9998; Decimal keeps it exact
    assert parse_number("1.2万亿") == 1_200_000_000_000.0
    assert parse_number("0.3亿") == 30_000_000.0


@pytest.mark.parametrize(
    "text", ["", "亿", "万", "十十", "一万万", "千百", "abc", "1.2.3", "三分之", "/3", "零五"]
)
def test_malformed_numerals_give_none(text):
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("text", "bounds"),
    [
        ("1-2", (1.0, 2.0)),
        ("5至10", (5.0, 10.0)),
        ("5～10", (5.0, 10.0)),
        ("5~10", (5.0, 10.0)),
        ("五到十", (5.0, 10.0)),
        ("100亿-200亿", (1e10, 2e10)),
        ("1-2万", (1e4, 2e4)),
    ],
)
def test_ranges(text, bounds):
    assert parse_range(text) == bounds


@pytest.mark.parametrize("text", ["10-5", "5", "a-b", "2023-", ""])
def test_not_ranges(text):
    assert parse_range(text) is None


def test_fractions():
    assert parse_fraction("1/3") == pytest.approx(1 / 3)
    assert parse_fraction("三分之一") == pytest.approx(1 / 3)
    assert parse_fraction("四分之三") == 0.75
    assert parse_fraction("1/0") is None
    assert parse_number("三分之一") == pytest.approx(1 / 3)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**12), st.booleans(), st.booleans())
def test_chinese_numerals_round_trip(n, liang, short_ten):
    text = to_chinese(n, liang=liang, short_ten=short_ten)
    assert parse_chinese_int(text) == n, text


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=99))
def test_arabic_decimal_round_trip(whole, cents):
    text = f"{whole}.{cents:02d}"
    assert parse_number(text) == float(text)
    assert parse_number(text + "万") == float(f"{whole}{cents:02d}") * 100


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=30))
def test_parsers_never_raise(text):
    for parse in (parse_number, parse_range, parse_fraction, parse_chinese_int):
        parse(text)
