"""Can any text stall the extractor? Each pathological 100 KB input must take < 1 s.

Long runs of digits or numerals, repetitions of target sentences with and
without punctuation: the inputs that once made the candidate scan quadratic
(``'1' * 100000`` took 113 s). Each input is timed in CPU seconds of this
process, and the time of half the input is printed beside it: linear time
means the ratio full / half stays near 2 (quadratic shows as ~4).

Run:  python benchmarks/pathological.py          # exits 1 when an input takes >= 1 s
"""

from __future__ import annotations

import sys
import time

from policylens.extract import extract_targets

SIZE = 100_000  # characters
LIMIT_S = 1.0

_TARGET = "到2025年，全省光伏产业营业收入力争突破1000亿元，培育链主企业5家以上"


def _cut(pattern: str) -> str:
    return (pattern * (SIZE // len(pattern) + 1))[:SIZE]


#: name → the repeated pattern
CASES: dict[str, str] = {
    "ascii digits": "1",
    "full-width digits": "１２３４５６７８９０",
    "numeral 十": "十",
    "numerals mixed": "一二三四五六七八九十百千万亿",
    "digit and dot": "1.",
    "digit and comma": "1,",
    "digit and slash": "1/",
    "digit and 个": "1个",
    "digit and 亿元": "5亿元",
    "number range": "1-2-3-4-",
    "percent run": "5%",
    "years": "2025年",
    "target, no punctuation": _TARGET.replace("，", ""),
    "target sentences": _TARGET + "。",
    "target, one clause per line": _TARGET + "\n",
    "list without stop": "新增企业5家、",
    "spaces around numbers": "1 亿 ",
    "doublings": "翻一番",
    "table bars": "| 1 | 2 |",
    "20 counts per sentence": "1个" * 20 + "。",
    "20 amounts per sentence": "5亿元" * 20 + "。",
    "20 list items per sentence": "新增企业5家、" * 20 + "。",
    "doublings per sentence": "翻一番" * 32 + "。",
    "40 counts per sentence": "1个" * 40 + "。",
}


def _time(text: str) -> float:
    start = time.process_time()
    extract_targets(text, "2023-01-01")
    return time.process_time() - start


def main() -> int:
    extract_targets("到2025年，产值达到1亿元。")  # import pandas and warm caches first
    worst = 0.0
    print(f"{'input':<30} {'100 KB s':>9} {'50 KB s':>8} {'ratio':>6}")
    for name, pattern in CASES.items():
        full = _time(_cut(pattern))
        half = _time(_cut(pattern)[: SIZE // 2])
        ratio = full / half if half > 0.005 else float("nan")
        worst = max(worst, full)
        flag = "" if full < LIMIT_S else "  TOO SLOW"
        print(f"{name:<30} {full:9.3f} {half:8.3f} {ratio:6.1f}{flag}")
    print(f"slowest: {worst:.3f} s (limit {LIMIT_S} s)")
    return 0 if worst < LIMIT_S else 1


if __name__ == "__main__":
    sys.exit(main())
