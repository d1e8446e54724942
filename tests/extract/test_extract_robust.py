"""No text stalls the extractor: the candidate scan is linear and keeps the invariants.

The timing bounds here are generous (the benchmark benchmarks/pathological.py holds
the 1 s aim); they catch a return of the quadratic scan, which took minutes.
"""

import re
import time

from hypothesis import given, settings
from hypothesis import strategies as st
from test_extract import check_invariants

from policylens.extract import extract_targets
from policylens.extract.scan import SentenceBudget, scan_candidates
from policylens.extract.words import _UNIT_AHEAD, CANDIDATE, TOKEN, UNIT_RE, UNITS

PATTERN_PIECES = [
    "1",
    "１２",
    "十",
    "两",
    "百",
    "千",
    "万",
    "亿",
    ".",
    ",",
    "/",
    "-",
    "至",
    "个",
    "家",
    "元",
    "%",
    "GW",
    "GWh",
    "兆瓦时",
    "年",
    "，",
    "。",
    "、",
    " ",
    "余",
    "以上",
    "达到",
    "翻一番",
    "|",
    "\n",
]


#: the candidate with an unbounded number token (quadratic on long runs): the reference
UNBOUNDED = re.compile(
    rf"{TOKEN}(?:\s*[%％]?\s*(?:-|~|～|—|–|至|到)\s*(?P<hi>{TOKEN}))?(?:\s*(?P<approx>余|多))?\s*"
    rf"(?:{UNIT_RE}|(?P<dd>位数)|(?P<frac>(?<=/[0-9])|(?<=/[0-9]{{2}})|(?<=之[一二三四五六七八九十]))"
    r"|(?P<yi>(?<=亿)(?=规模(?:以上|左右)?(?:[，,；;。、）)\s]|$))))"
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PATTERN_PIECES), max_size=60))
def test_linear_scan_finds_what_an_unbounded_token_finds(pieces):
    text = "".join(pieces)
    expected = [m.span() for m in UNBOUNDED.finditer(text)]
    assert [m.span() for m in scan_candidates(text)] == expected
    # past a run of 70 digits the candidates before it are the same
    assert [m.span() for m in scan_candidates(text + "。" + "1" * 70)][: len(expected)] == expected


def _budget_reference(text, positions, limit=20):
    """Hits counted since the last sentence end, one forward search per hit."""
    out, last, hits = [], 0, 0
    for pos in positions:
        if re.search("[。！？!?\n|]", text[last:pos]):
            hits = 0
        hits += 1
        last = pos
        out.append(hits > limit)
    return out


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["1个", "，", "。", "企业", "\n", "、"]), max_size=200))
def test_the_sentence_budget_counts_hits_since_the_last_sentence_end(pieces):
    text = "".join(pieces)
    positions = [m.start() for m in re.finditer("1个", text)]
    budget = SentenceBudget(text, limit=5)
    got = [budget.spent(p) for p in positions]
    # crowding aside (9 hits within 40 characters), the budget is the reference's
    crowded = [i >= 8 and positions[i] - positions[i - 8] < 40 for i in range(len(positions))]
    expected = _budget_reference(text, positions, limit=5)
    assert got == [a or b for a, b in zip(expected, crowded, strict=True)]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(PATTERN_PIECES), min_size=1, max_size=8),
    st.integers(min_value=1, max_value=400),
)
def test_repeated_patterns_keep_the_invariants(pieces, times):
    text = "".join(pieces) * times
    check_invariants(text, extract_targets(text, "2024-01-15"))


def _seconds(text: str) -> float:
    start = time.process_time()
    extract_targets(text)
    return time.process_time() - start


def test_long_digit_and_numeral_runs_are_fast():
    extract_targets("到2025年，产值达到1亿元。")  # pandas imported before timing
    for text in ("1" * 100_000, "１２３４５６７８９０" * 10_000, "十" * 50_000, "1." * 30_000):
        assert _seconds(text) < 5, text[:10]  # each took 20 s to 2 min with the quadratic scan


def test_dense_hits_without_sentence_ends_are_fast():
    extract_targets("到2025年，产值达到1亿元。")
    for text in ("1个" * 50_000, "新增企业5家、" * 14_000, "翻一番" * 33_000):
        assert _seconds(text) < 5, text[:10]


def test_a_crowded_sentence_still_gives_its_first_targets():
    text = "到2025年，" + "新增规上企业5家、" * 100 + "。"
    df = extract_targets(text, "2024-01-15")
    assert 0 < len(df) <= 100
    assert set(df.value) == {5.0}
    assert re.fullmatch(r"[\s\S]*新增规上企业5家", df.quote.iloc[0])


def test_a_compact_list_of_places_is_prose_but_a_run_of_counts_is_not():
    cities = "南京10家、苏州12家、无锡8家、常州6家、南通5家、徐州4家、扬州3家、镇江2家、泰州7家"
    df = extract_targets(f"2024年，新增规上工业企业：{cities}。", "2024-01-15")
    assert len(df) == 9
    run = extract_targets("2024年，新增" + "1个" * 1000 + "。", "2024-01-15")
    assert len(run) <= 8  # hits after the eighth within 40 characters are not read


LAYOUT_PIECES = ["\n", " ", "\u3000", "，", "。", "：", ",", ".", "(", ")", "1", "5", "万辆", "一、",
                 "全省新能源汽车产量达到", "产业链营业收入", "标题", "|"]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(LAYOUT_PIECES), max_size=80))
def test_the_analysed_text_maps_back_to_the_original(pieces):
    from policylens.extract.layout import analysed

    text = "".join(pieces)
    layout = analysed(text)
    for i, ch in enumerate(layout.text):
        original = text[layout.original(i)]
        assert original == ch or ch in "，；：。（）！？"  # a mark made full-width


def _unit_words() -> list[str]:
    """Every unit UNIT_RE spells out, and 年 after a decimal (受教育年限11.8年)."""
    return sorted(set(re.findall(r"[\u4e00-\u9fffA-Za-z%％㎡²]+", UNIT_RE)) | set(UNITS))


def test_the_unit_guard_lets_every_unit_through():
    """CANDIDATE tries the unit's branches only after one of their first characters: each
    unit is read as it is without that guard (a unit left out of the guard would be lost)."""
    unguarded = re.compile(CANDIDATE.pattern.replace(_UNIT_AHEAD, "", 1))
    assert unguarded.pattern != CANDIDATE.pattern
    for number in ("3", "11.8", "2025", "百分之五", "两", "千亿", "1/3", "5%-8%", "10 亿"):
        for unit in _unit_words():
            for text in (
                f"达到{number}{unit}。",
                f"建设{number}{unit}电站，",
                f"/{number}{unit}以上",
            ):
                got = [(m.span(), m.group("unit")) for m in CANDIDATE.finditer(text)]
                assert got == [(m.span(), m.group("unit")) for m in unguarded.finditer(text)], text
