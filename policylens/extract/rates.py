"""Rates written in the words before a quantity: money per person (人均可支配收入2.8万元) and a
quantity a day (日熔化量1.5万吨). The canonical units are totals or a year's amounts, so such
a value is a rate outside them (元/人, 吨/日), kept for review (TARGETS.md: a unit outside the
canonical set is kept with needs_review) in the text and in indicator tables alike."""

from __future__ import annotations

from policylens.extract.words import DAILY_BEFORE, PER_HEAD_BEFORE


def rate_suffix(words: str, canonical: str) -> str:
    """'/人' (or '/户', '/亩') for money per head, '/日' for tonnes or energy a day, else ''."""
    if canonical == "CNY" and "均" in words:
        head = PER_HEAD_BEFORE.search(words)
        return "/" + head.group("per") if head else ""
    if canonical in ("t", "GWh") and "日" in words and DAILY_BEFORE.search(words):
        return "/日"
    return ""
