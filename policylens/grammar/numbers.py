"""Numerals as written in Chinese policy text → exact numbers.

Policy documents mix Arabic (``3500``), full-width (``１２``), Chinese
(``十六``, ``一千五百``, ``两``, ``二〇二四``), financial (``壹佰``) and mixed
(``1.2万亿``) numerals, ranges (``1-2个``, ``5至10家``), fractions (``1/3``,
``三分之一``) and the idiom ``两位数`` ("double-digit", i.e. at least 10 %).
This module parses the *number* part only; units and their canonical scale are
the extractor's business (:mod:`policylens.extract`).

Values are computed with :class:`decimal.Decimal` and converted to float once,
so ``1.2万亿`` is exactly ``1.2e12`` — stored values are never rounded.

>>> parse_number("1.2万亿")
1200000000000.0
>>> parse_number("一千五百")
1500.0
>>> parse_range("5至10")
(5.0, 10.0)
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

__all__ = [
    "CN_NUMERAL_CHARS",
    "MULTIPLIERS",
    "halfwidth_digits",
    "parse_chinese_int",
    "parse_fraction",
    "parse_number",
    "parse_range",
]

_FULLWIDTH = str.maketrans("０１２３４５６７８９．，－～", "0123456789.,-~")


def _halfwidth(s: str) -> str:
    """Full-width digits and marks as ASCII; an ASCII string as it is (translate costs
    ~0.6 µs even then, and most numbers are ASCII)."""
    return s if s.isascii() else s.translate(_FULLWIDTH)


_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_WIDE_DIGIT = re.compile("[０-９]")


def halfwidth_digits(s: str) -> str:
    """Full-width digits as ASCII (２０２５年 as 2025年), every other character as it is.
    A string without them is returned at once: translate walks a CJK text at ~100 ns a
    character, a search for the ten digits at ~5."""
    if s.isascii() or _WIDE_DIGIT.search(s) is None:
        return s
    return s.translate(_FULLWIDTH_DIGITS)


#: Chinese digits, including the "large" financial forms and 两/〇.
_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "一": 1,
    "壹": 1,
    "二": 2,
    "贰": 2,
    "两": 2,
    "三": 3,
    "叁": 3,
    "四": 4,
    "肆": 4,
    "五": 5,
    "伍": 5,
    "六": 6,
    "陆": 6,
    "七": 7,
    "柒": 7,
    "八": 8,
    "捌": 8,
    "九": 9,
    "玖": 9,
}
_CN_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_CN_TENS = {"廿": 20, "卅": 30}

#: Every character that may appear in a Chinese numeral.
CN_NUMERAL_CHARS = "".join([*_CN_DIGITS, *_CN_SMALL_UNITS, *_CN_TENS, "万", "亿"])

#: Scale words written after a number (``3.5万``, ``1.2万亿``), longest first.
MULTIPLIERS: dict[str, int] = {
    "万亿": 10**12,
    "千亿": 10**11,
    "百亿": 10**10,
    "亿": 10**8,
    "千万": 10**7,
    "百万": 10**6,
    "万": 10**4,
    "千": 10**3,
}

_ARABIC = re.compile(r"[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?|\.[0-9]+")
_ARABIC_WITH_MULT = re.compile(
    r"(?P<num>[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?)\s*(?P<mult>万亿|千亿|百亿|亿|千万|百万|万|千)?"
)
_PLAIN = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_PLAIN_SCALED = re.compile(
    r"(?P<num>[0-9]+(?:\.[0-9]+)?)(?P<mult>万亿|千亿|百亿|亿|千万|百万|万|千)"
)
_RANGE_SEP = re.compile(r"\s*(?:-|~|—|–|至|到)\s*")
_CN_FRACTION = re.compile(r"(?P<den>[^分]+)分之(?P<num>.+)")


def _cn_section(s: str) -> int | None:
    """Value of a numeral below 10 000 (no 万/亿), or None when malformed."""
    if not s:
        return 0
    if len(s) > 1 and all(ch in _CN_DIGITS for ch in s):
        return None  # a digit string inside a section (e.g. 一二) is not a numeral
    total = 0
    number: int | None = None
    last_unit = 10**5  # units must descend within a section: 千 > 百 > 十
    prev_was_unit = False
    for ch in s:
        if ch in _CN_DIGITS:
            if number is not None and not (number == 0 or _CN_DIGITS[ch] == 0):
                return None  # two digits in a row: 五五
            d = _CN_DIGITS[ch]
            number = d if d else None
            prev_was_unit = False
        elif ch in _CN_SMALL_UNITS:
            unit = _CN_SMALL_UNITS[ch]
            if unit >= last_unit or prev_was_unit:
                return None
            total += (number if number is not None else 1) * unit
            number = None
            last_unit = unit
            prev_was_unit = True
        elif ch in _CN_TENS:
            if total or number is not None:
                return None
            total = _CN_TENS[ch]
            last_unit = 10
            prev_was_unit = True
        else:
            return None
    if number is not None:
        total += number
    return total


def parse_chinese_int(s: str) -> int | None:
    """Integer value of a Chinese numeral, or None when `s` is not one.

    Handles 十六, 一千五百, 两万, 三亿五千万, 一万亿, 十万零十六, 廿, 壹佰, the
    colloquial 一千五 (= 1500) and positional strings such as 二〇二四.

    >>> parse_chinese_int("十万零十六"), parse_chinese_int("一千五"), parse_chinese_int("二〇二四")
    (100016, 1500, 2024)
    """
    if not s or not isinstance(s, str):
        return None
    if all(ch in _CN_DIGITS for ch in s):
        if len(s) == 1:
            return _CN_DIGITS[s]
        if s[0] in "零〇○" and len(s) > 1:
            return None
        return int("".join(str(_CN_DIGITS[ch]) for ch in s))
    if not any(ch in _CN_DIGITS or ch in _CN_SMALL_UNITS or ch in _CN_TENS for ch in s):
        return None
    # colloquial abbreviation: 一千五 = 1500, 三万五 = 35000, 两亿五 = 2.5亿
    if len(s) >= 3 and s[-1] in _CN_DIGITS and s[-2] in "千仟百佰万亿" and _CN_DIGITS[s[-1]]:
        scale = {"千": 100, "仟": 100, "百": 10, "佰": 10, "万": 1000, "亿": 10**7}[s[-2]]
        head = parse_chinese_int(s[:-1])
        if head is None:
            return None
        return head + _CN_DIGITS[s[-1]] * scale
    total = 0
    # split on 亿 (possibly preceded by a 万 group: 一万亿 = 10**12)
    parts = s.split("亿")
    if len(parts) > 2:
        return None
    if len(parts) == 2:
        high, low = parts
        if not high:
            return None
        high_value = _parse_wan(high)
        if high_value is None or high_value == 0:
            return None
        total = high_value * 10**8
        s = low
    low_value = _parse_wan(s) if s else 0
    if low_value is None:
        return None
    if total and s and low_value >= 10**8:
        return None
    return total + low_value


def _parse_wan(s: str) -> int | None:
    """Value of a numeral below 10**8 (may contain one 万)."""
    s = s.lstrip("零〇○") if len(s) > 1 else s
    parts = s.split("万")
    if len(parts) > 2:
        return None
    if len(parts) == 2:
        high, low = parts
        if not high:
            return None
        hv = _cn_section(high)
        if hv is None or hv == 0 or hv >= 10**4:
            return None
        lv = _cn_section(low.lstrip("零〇○")) if low else 0
        if lv is None:
            return None
        return hv * 10**4 + lv
    return _cn_section(s)


def _decimal(s: str) -> Decimal | None:
    """Exact value of an Arabic or Chinese number with an optional multiplier suffix."""
    s = _halfwidth(s.strip())
    if not s:
        return None
    m = _ARABIC_WITH_MULT.fullmatch(s)
    if m:
        try:
            value = Decimal(m.group("num").replace(",", ""))
        except InvalidOperation:
            return None
        mult = m.group("mult")
        return value * MULTIPLIERS[mult] if mult else value
    if any(ch.isdigit() for ch in s):
        return _mixed_groups(s)
    if "点" in s:
        return _chinese_decimal(s)
    value_int = parse_chinese_int(s)
    return Decimal(value_int) if value_int is not None else None


_GROUP = re.compile(r"(?P<num>[0-9]+(?:\.[0-9]+)?)(?P<mult>万亿|亿|万|千|百)?")
_GROUP_SCALE = {"万亿": 10**12, "亿": 10**8, "万": 10**4, "千": 10**3, "百": 100, None: 1}


def _mixed_groups(s: str) -> Decimal | None:
    """Arabic digits in groups with falling Chinese units: 3万5千 = 35000, 1亿2000万 = 1.2e8."""
    total = Decimal(0)
    last = None
    pos = 0
    for m in _GROUP.finditer(s):
        if m.start() != pos:
            return None
        scale = _GROUP_SCALE[m.group("mult")]
        if scale == 1 and last and last >= 1000 and len(m.group("num")) == 1:
            scale = last // 10  # colloquial 3万5 = 35000, 2千5 = 2500
        if last is not None and scale >= last:
            return None  # units must fall: 5千3万 is no number
        total += Decimal(m.group("num")) * scale
        last, pos = scale, m.end()
    return total if pos == len(s) and last is not None else None


_CN_DECIMAL = re.compile(
    r"(?P<int>[^点]+)点(?P<frac>[〇零○一二三四五六七八九两]+)(?P<mult>万亿|亿|万)?"
)


def _chinese_decimal(s: str) -> Decimal | None:
    """A Chinese decimal read digit by digit after 点: 五千九百点二一万 = 5921.21万."""
    m = _CN_DECIMAL.fullmatch(s)
    if m is None:
        return None
    whole = parse_chinese_int(m.group("int"))
    if whole is None:
        return None
    digits = "".join(str(_CN_DIGITS[ch]) for ch in m.group("frac"))
    value = Decimal(f"{whole}.{digits}")
    return value * MULTIPLIERS[m.group("mult")] if m.group("mult") else value


def parse_number(s: str) -> float | None:
    """A single number (Arabic, full-width, Chinese or mixed, with 万/亿 scale) or None.

    >>> parse_number("１２"), parse_number("两"), parse_number("3.5万"), parse_number("三分之一")
    (12.0, 2.0, 35000.0, 0.3333333333333333)
    """
    if not isinstance(s, str):
        return None
    if _PLAIN.fullmatch(s):
        return float(s)  # the common case; float() of a decimal string is exact-rounded too
    scaled = _PLAIN_SCALED.fullmatch(s)
    if scaled:  # the next most common (1000亿, 3.5万): what _decimal computes for it
        return float(Decimal(scaled.group("num")) * MULTIPLIERS[scaled.group("mult")])
    frac = parse_fraction(s)
    if frac is not None:
        return frac
    d = _decimal(s)
    return float(d) if d is not None else None


def parse_fraction(s: str, scale: int = 1) -> float | None:
    """``1/3`` or ``三分之一`` → 0.333… (times `scale`, exactly: 100 gives a percent), else None.

    >>> parse_fraction("三分之一", scale=100)
    33.333333333333336
    """
    if not isinstance(s, str):
        return None
    s = _halfwidth(s.strip())
    if "/" in s:
        num, _, den = s.partition("/")
        n, d = _decimal(num), _decimal(den)
    else:
        m = _CN_FRACTION.fullmatch(s)
        if not m:
            return None
        n, d = _decimal(m.group("num")), _decimal(m.group("den"))
    if n is None or d is None or d == 0:
        return None
    return float(n * scale / d)


def parse_range(s: str) -> tuple[float, float] | None:
    """``1-2``, ``5至10``, ``5～10``, ``100亿-200亿`` → (low, high); None when not a range.

    A range whose second bound carries the scale (``1-2万``) applies it to both.
    """
    if not isinstance(s, str):
        return None
    s = _halfwidth(s.strip())
    parts = _RANGE_SEP.split(s, maxsplit=1)
    if len(parts) != 2:
        return None
    low_s, high_s = parts
    high_m = _ARABIC_WITH_MULT.fullmatch(high_s)
    if high_m and high_m.group("mult") and _ARABIC.fullmatch(low_s):
        low_s = low_s + high_m.group("mult")
    low, high = _decimal(low_s), _decimal(high_s)
    if low is None or high is None or low > high:
        return None
    return float(low), float(high)
