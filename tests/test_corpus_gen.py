"""benchmarks/corpus_gen.py: generated plans read like plans (issue 12 leftovers)."""

from __future__ import annotations

import random
import re

import corpus_gen  # benchmarks/corpus_gen.py (benchmarks/ is on the tests' path)
import extract_speed  # benchmarks/extract_speed.py: the recombination corpus_gen uses

RANGE = re.compile(r"([0-9]+(?:\.[0-9]+)?)\s*(?:-|~|～|—|–|至|到)\s*([0-9]+(?:\.[0-9]+)?)")


def test_redrawn_ranges_stay_ascending_and_year_ranges_are_years():
    rng = random.Random(3)
    for sentence in ("为每条产业链梳理1-2个示范性项目。", "到2025年，培育3至5家链主企业。"):
        for _ in range(200):
            low, high = RANGE.search(extract_speed._randomise(sentence, rng)).groups()
            assert float(low) <= float(high)
    for _ in range(200):
        years = extract_speed._randomise("《行动计划（2023-2026年）》", rng)
        low, high = map(int, RANGE.search(years).groups())
        assert 2020 <= low <= high <= 2030


def test_a_ranking_keeps_its_number():
    rng = random.Random(5)
    for sentence in ("引进世界500强企业10家。", "新增中国500强企业3家。"):
        redrawn = extract_speed._randomise(sentence, rng)
        assert "500强" in redrawn
        assert redrawn != sentence  # the count is still redrawn


def test_generated_texts_have_no_descending_range_and_headings_start_lines(tmp_path):
    root = corpus_gen.generate(tmp_path, 12, seed=11, review=False)
    texts = [p.read_text(encoding="utf-8") for p in (root / "data/raw/texts").glob("*.txt")]
    ranges = [m.groups() for text in texts for m in RANGE.finditer(text)]
    assert ranges  # the bundled sentences hold ranges (1-2个, 2023-2026年)
    assert all(float(low) <= float(high) for low, high in ranges)
    # a line of its own in the bundled texts (一、总体要求) is one in the generated ones
    for text in texts:
        assert not re.search(r"。[一二三四五六七八九十]+、", text)
