"""Indicator tables without '|': rows written as text, and columns set apart by spaces.

Two layouts that web copies and PDF text give for the same indicator table as
:mod:`policylens.grammar.annex` reads::

    锂电池产量（GWh）：2023年210；2025年320；2027年450。

(name, the unit in parentheses, then year-value pairs), and::

    指标 单位 2022年 2025年
    国家级专精特新企业 家 12 20

(a header line naming the indicator, unit and year columns, its rows below, the
cells set apart by ASCII or full-width spaces). Both give the same
:class:`~policylens.grammar.annex.TableCell` values as a '|' table: a year before
the reference year (or a column called 基数/完成) is a baseline, a later year (or
目标) a target of that year.
"""

from __future__ import annotations

import re

from policylens.grammar.annex import HeaderLayout, TableCell, header_layout, row_table_cells
from policylens.grammar.numbers import halfwidth_digits

__all__ = ["TEXT_ROW_HEAD", "has_text_rows", "spaced_table_cells", "text_row_cells"]

#: the head of a text row (name（unit）：2025年…): such a line is never wrapped text
TEXT_ROW_HEAD = re.compile(
    r"[ \t\u3000]*[^\n，,。；;]{1,34}[（(][^（）()\n]{1,10}[）)]\s*[：:]\s*[12][0-9]{3}\s*年"
)

#: a number cell as tables write it (a comparator word may stand before or after it)
_VALUE = (
    r"(?:≥|>=|＞|>|≤|<=|＜|<|不低于|不少于|超过|突破|不超过|不高于|低于|约|力争)?\s*"
    # a number never ends in its decimal point (…2027年100. in a web copy) nor runs on past
    # a list comma (2024年620,2025年750)
    r"[\[［【〔]?\s*[0-9０-９]+(?:[.．][0-9０-９]+)?(?:,[0-9]{3}(?![0-9]))*\s*[\]］】〕]?"
    r"\s*(?:及以上|以上|左右|以内|以下)?"
    r"|[—–-]{1,2}"  # no figure for that year: the cell gives no row
)
#: a spaced table's cell that holds a value (or a dash for no figure)
_VALUE_CELL = re.compile(_VALUE)
#: one year-value pair of a text row: 2025年320, 2025年目标320, 2022年基数：12
_PAIR = (
    r"[12][0-9]{3}\s*年(?:底|末)?\s*[（(]?(?:目标值?|预期值?|基数|基期值?|完成值?|实际值?|现状值?)?[）)]?"
    r"\s*[：:]?\s*(?:" + _VALUE + ")"
)
#: name（unit）：pair；pair；… — after a line start, a sentence end, or a heading's colon
_TEXT_ROW = re.compile(
    r"(?:^|(?<=[。；;：:.]))[ \t\u3000]*"
    r"(?:[（(][一二三四五六七八九十0-9]{1,3}[）)]|[0-9]{1,2}[.．、](?![0-9])|[一二三四五六七八九十]{1,3}、)?"
    r"(?P<name>[\u4e00-\u9fffA-Za-z0-9“”\"][\u4e00-\u9fffA-Za-z0-9“”\"、]{1,29}?)\s*"
    r"[（(](?:单位[：:])?\s*(?P<unit>[^（）()\n，。；：]{1,8})[）)]\s*[：:]\s*"
    rf"(?P<cells>{_PAIR}(?:\s*[；;，,、/／]\s*{_PAIR})*)"
    r"(?=\s*(?:[。；;.]|$))",  # a web copy ends the row with '.'
    re.MULTILINE,
)
#: what every text row holds — a unit's closing bracket, a colon, a year — found fast: the
#: row regex starts with a lookbehind, so it tries every position of the text
_SIGN_TAIL = r"\s*[：:]\s*[12１２][0-9０-９]{3}\s*年"
#: the sign of such rows, （unit）：year, as two patterns that start with a literal: the
#: regex engine skips ahead to a literal in C but tests a class ([）)]) at every character
_SIGN_FULL = re.compile("）" + _SIGN_TAIL)
_SIGN_ASCII = re.compile(r"\)" + _SIGN_TAIL)
_PAIR_RE = re.compile(
    r"(?P<head>(?P<year>[12][0-9]{3})\s*年(?:底|末)?\s*[（(]?(?P<word>[\u4e00-\u9fff]*?)[）)]?\s*[：:]?)\s*"
    rf"(?P<value>{_VALUE})"
)
#: cells of a spaced table: text between runs of blanks
_SPACED_CELL = re.compile(r"[^ \t\u3000]+")
_NAME_HEAD = re.compile(r"指标|名称")
#: a first column of categories (类别 经济发展 …), written once for several rows
_CATEGORY_HEAD = re.compile(r"类别|分类|领域|类型|方面")
_UNIT_WORD = re.compile(r"(?:计量)?单位")
#: 单位 with no ， or 。 after it on its line: a header line has none (see `_spaced_header`);
#: the lookahead spares the loop the 单位 of running text (各单位要…。), one turn each
_UNIT_IN_TEXT = re.compile("单位(?=[^\n，。]*$)", re.MULTILINE)
_YEAR = re.compile(r"[12][0-9]{3}(?=\s*年)")


def has_text_rows(text: str) -> bool:
    """Whether （unit）：year stands anywhere in `text`: without it no row is written as text."""
    return _SIGN_FULL.search(text) is not None or (
        ")" in text and _SIGN_ASCII.search(text) is not None
    )


def text_row_cells(text: str, ref_year: int | None, baselines: bool = False) -> list[TableCell]:
    """The target (or baseline) cells of indicator rows written as text (name（unit）：year value；…)."""
    if not has_text_rows(text):
        return []  # no （unit）：year anywhere: the row regex need not walk the text
    text = halfwidth_digits(text)
    out: list[TableCell] = []
    for row in _TEXT_ROW.finditer(text):
        pairs = list(_PAIR_RE.finditer(row.group("cells")))
        years = [(int(p.group("year")), _head_word(p)) for p in pairs]
        header = ["名称", "单位"] + [f"{y}年{w}" for y, w in years]
        layout = header_layout(header, _reference(ref_year, [y for y, _ in years]))
        wanted = {c for c, _ in (layout.baselines if baselines else layout.targets)}
        base = row.start("cells")
        for col, pair in enumerate(pairs, start=2):
            if col not in wanted:
                continue
            value = pair.group("value").strip()
            start = base + pair.start("value")
            out.append(
                TableCell(
                    row.start("name"),
                    row.end("cells"),
                    row.group("name"),
                    row.group("unit").strip(),
                    value,
                    years[col - 2][0],
                    start,
                    start + len(pair.group("value").rstrip()),
                )
            )
    return out


def _reference(ref_year: int | None, years: list[int]) -> int | None:
    """The reference year; in an undated text, a row of several years starts from its base
    (2023年32；2025年60: 2023 is what was reached)."""
    if ref_year is not None or len(years) < 2:
        return ref_year
    return min(years) + 1


def _head_word(pair: re.Match[str]) -> str:
    return pair.group("word") or ""


def spaced_table_cells(text: str, ref_year: int | None, baselines: bool = False) -> list[TableCell]:
    """The target (or baseline) cells of tables whose columns are set apart by blanks,
    under a header line that names the indicator and unit columns and a year column."""
    out: list[TableCell] = []
    read_to = 0
    # only a line holding 单位 can head such a table: the text's other lines are never split
    for unit in _UNIT_IN_TEXT.finditer(text):
        if unit.start() < read_to:
            continue  # 单位 in a row of the table just read, or again in a line read
        line_start = text.rfind("\n", 0, unit.start()) + 1
        line_end = _line_end(text, unit.start())
        table = _spaced_header(text[line_start:line_end], ref_year)
        if table is None:
            read_to = line_end  # the line's other 单位 give the same answer
            continue
        header, layout = table
        wanted = layout.baselines if baselines else layout.targets
        category = layout.name_col > 0 and _CATEGORY_HEAD.search(header[0][1]) is not None
        row_start = read_to = line_end + 1
        while row_start < len(text):
            row_end = _line_end(text, row_start)
            row = text[row_start:row_end]
            cells = _spaced_cells(row)
            if category and len(cells) == len(header) - 1:
                cells = [(cells[0][0], ""), *cells]  # the category stands on an earlier row
            if len(cells) != len(header):
                break  # a blank line, a heading or a sentence ends the table
            out += _spaced_row(row_start, cells, layout.name_col, layout.unit_col, wanted)
            row_start = read_to = row_end + 1
    return out


def _spaced_header(
    line: str, ref_year: int | None
) -> tuple[list[tuple[int, str]], HeaderLayout] | None:
    """The cells and layout of a header line (指标 单位 2022年 2025年), or None."""
    if "，" in line or "。" in line:
        return None  # running text that names a 单位, not a header (split only real candidates)
    header = _spaced_cells(line)
    if len(header) < 3 or "|" in line or not any(_NAME_HEAD.search(h) for _, h in header):
        return None
    if not any(_UNIT_WORD.fullmatch(h) for _, h in header):
        return None
    names = [h for _, h in header]
    years = [int(m.group(0)) for h in names for m in [_YEAR.search(halfwidth_digits(h))] if m]
    layout = header_layout(names, _reference(ref_year, years))
    if not layout.targets or layout.unit_col < 0:
        return None
    return header, layout


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def _spaced_cells(line: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group(0)) for m in _SPACED_CELL.finditer(line)]


def _spaced_row(
    row_start: int,
    cells: list[tuple[int, str]],
    name_col: int,
    unit_col: int,
    wanted: list[tuple[int, int | None]],
) -> list[TableCell]:
    name = cells[name_col][1]
    if not name:
        return []
    span = (row_start + cells[0][0], row_start + cells[-1][0] + len(cells[-1][1]))
    valued = [(c, y) for c, y in wanted if _VALUE_CELL.fullmatch(halfwidth_digits(cells[c][1]))]
    return row_table_cells(row_start, span, name, cells[unit_col][1], cells, valued)
