"""Text as it arrives: one reading for official layout, web copies and PDF text (TARGETS.md).

Web copies use ASCII punctuation (``,`` ``;`` ``(`` and ``.`` for 。); PDF text breaks
lines in the middle of sentences, even of numbers (``150\\n万辆``). The stages read the
*analysed* text made here, where ASCII punctuation is mapped to its full-width form
(one character for one, so offsets do not move) and soft line breaks are removed;
``positions`` maps each analysed offset back to the original text, so quotes and
offsets always refer to the text the caller gave.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from policylens.grammar.annex_text import TEXT_ROW_HEAD, has_text_rows

#: marks that are always clause or sentence marks (str.replace: translate is slow on CJK text)
_ALWAYS = {";": "；", "(": "（", ")": "）", "!": "！", "?": "？"}
# Each pattern starts with a literal, so the regex engine skips ahead in C; the
# context (the characters around the mark) is checked by lookarounds after it.
#: , and : between digits are a number or a ratio (1,000; 2:1); elsewhere clause marks
_COMMA = re.compile(r",(?:(?![0-9])|(?<![0-9],))")
_COLON = re.compile(r":(?:(?![0-9])|(?<![0-9]:))")
#: . ends a sentence after a non-ASCII character or % (…150万辆.在…), not in 1.5 or v1.2
_STOP = re.compile(r"\.(?![0-9])(?:(?<=[^\x00-\x7f]\.)|(?<=%\.))")
_BLANKS = " \t\u3000\r"
_LINE_END_CHARS = '。；;：:！？!?）)】」』”"|.'
#: characters that end a line of its own: sentence ends, colons, closing brackets, bars
_LINE_END = frozenset(_LINE_END_CHARS)
#: what starts a line of its own: a heading, an enumerator, a table row, a headline
_LINE_START = (
    r"[一二三四五六七八九十]+、|[（(][一二三四五六七八九十0-9]{1,3}[）)]|[0-9]{1,2}[.．、](?![0-9])"
    r"|第[一二三四五六七八九十百]+[章节条部篇]|[|#【]|标题|\s"
)
_MIN_WRAPPED_LINE = 16  # shorter lines are titles or headings, not wrapped text
#: a line break, with the blanks after it (blanks before it are found by hand), unless
#: a line-end character stands right before it, its line is shorter than a wrapped line
#: or a line start stands right after it: most breaks of an official text follow 。 or
#: ；, end a heading or come before one, and rejecting them in the regex spares the loop
#: of `_soft_breaks` a turn each (the lookbehinds stand after the literal, so the engine
#: still skips ahead to each '\n'). The loop still checks each condition on what it
#: finds (the line's length without its blanks). When the lookahead fails after the
#: blanks, every shorter run of them fails too (a blank is ``\s``), so a break is found
#: exactly when a match of `_LINE_START` after it was not.
_BREAK = re.compile(
    rf"\n(?<![{re.escape(_LINE_END_CHARS)}\n]\n)(?<=[^\n]{{{_MIN_WRAPPED_LINE}}}\n)"
    rf"[ \t\u3000]*(?!{_LINE_START})"
)
#: the enumerator that opens a heading (二、, （三）, 4.): its 、 is no clause mark
_ENUMERATOR = re.compile(r"[一二三四五六七八九十]+、|[（(][一二三四五六七八九十0-9]{1,3}[）)]")
#: a contact line of a notice (联系人：…  联系电话：028-…, 电子邮箱：…): fields, not a sentence
_CONTACT = re.compile(r"(?:联系人|联系电话|电话|传真|电子邮箱|邮箱)\s*[:：]")
_CLAUSE_MARK = re.compile(r"[，,；;：:、。]")
_BODY_MARK = re.compile(r"[，,；;。]")


@dataclass(frozen=True)
class Layout:
    """The analysed text and where characters were removed from the original."""

    text: str
    #: analysed offsets at which characters were removed, and how many were removed
    #: up to and including each (empty: the analysed text has the original's offsets)
    cut_at: list[int] = field(default_factory=list)
    removed: list[int] = field(default_factory=list)

    def original(self, pos: int) -> int:
        """The original offset of the analysed character at `pos`."""
        i = bisect_right(self.cut_at, pos)
        return pos + (self.removed[i - 1] if i else 0)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the analysed span [start, end)."""
        if not self.cut_at or end <= start:
            return start, end
        return self.original(start), self.original(end - 1) + 1


def _punctuation(text: str) -> str:
    if not any(c in text for c in ",;:.()!?"):
        return text
    for ascii_mark, full in _ALWAYS.items():
        if ascii_mark in text:
            text = text.replace(ascii_mark, full)
    if "," in text:
        text = _COMMA.sub("，", text)
    if ":" in text:
        text = _COLON.sub("：", text)
    if "." in text:
        text = _STOP.sub("。", text)
    return text


def _soft_breaks(text: str) -> list[tuple[int, int]]:
    """Line breaks inside a sentence: running text on both sides, after a wrapped line.

    A wrapped line is long and has clause marks (a title has none); the next line
    does not start a heading, an enumerator or a table row.
    """
    found = []
    lead = len(text) - len(text.lstrip())  # where the first line starts
    first_end = text.find("\n", lead)  # the first line ends here
    text_rows: bool | None = None  # read once, at the first break that gets that far
    for m in _BREAK.finditer(text):
        start, end = m.span()
        while start > 0 and text[start - 1] in _BLANKS:
            start -= 1
        if start == 0 or end >= len(text) or text[start - 1] in _LINE_END:
            continue
        line_start = text.rfind("\n", 0, start) + 1
        if start - line_start < _MIN_WRAPPED_LINE:
            continue  # too short even before its blanks are stripped (most headings)
        line = text[line_start:start].strip()
        if start <= first_end and not _BODY_MARK.search(line):
            continue  # a first line without commas is the title or headline (安徽：到2027年…)
        if len(line) < _MIN_WRAPPED_LINE or line.startswith(("标题", "#", "【", "|")):
            continue
        if _CONTACT.search(line) and not _BODY_MARK.search(line):
            continue  # 联系人:张小华 联系电话：028-86246495 ends its line
        # a title or heading has no clause marks (二、加强…政府服务链: 、 enumerates)
        opener = _ENUMERATOR.match(line)
        if not _CLAUSE_MARK.search(line, opener.end() if opener else 0) and len(line) < 30:
            continue
        if text_rows is None:
            text_rows = has_text_rows(text)
        if text_rows and (TEXT_ROW_HEAD.match(text, line_start) or TEXT_ROW_HEAD.match(text, end)):
            continue  # an indicator row written as text (产量（GWh）：2023年…) ends its line
        if _spaced_row(text, line_start, start):
            continue  # a row of a table set apart by blanks (指标 单位 2022年 2025年)
        found.append((start, end))
    return found


#: a blank: a line without one is no spaced table row (found first: most lines have none)
_BLANK = re.compile(r"[ \t\u3000]")
#: two or more runs of blanks between words: the cells of a table row
_CELL_GAPS = re.compile(r"\S[ \t\u3000]+\S[^ \t\u3000]*[ \t\u3000]+\S")
#: the last cell of a table row: a value (12, 7以上, [13], —) or the indicator's kind
_LAST_CELL = re.compile(
    r"[ \t\u3000](?:[≥≤<>＜＞]?[\[［]?[0-9０-９][0-9０-９.．,]*[\]］]?(?:以上|左右|以内|以下)?|[—-]+|预期性|约束性)$"
)


#: the header of such a table names its unit column
_UNIT_CELL = re.compile(r"[ \t\u3000](?:计量)?单位[ \t\u3000]")


def _spaced_row(text: str, start: int, end: int) -> bool:
    """A line of three or more cells set apart by blanks, no sentence marks, ending in a value
    cell (or a header naming 单位): a table row, never a wrapped line of running text."""
    if not _BLANK.search(text, start, end) or _BODY_MARK.search(text, start, end):
        return False
    if not _CELL_GAPS.search(text, start, end):
        return False
    line = text[start:end].rstrip()
    return _LAST_CELL.search(line) is not None or _UNIT_CELL.search(line) is not None


def analysed(text: str) -> Layout:
    """The text the stages read (see the module docstring)."""
    text = _punctuation(text)
    if "\n" not in text:
        return Layout(text)
    breaks = _soft_breaks(text)
    if not breaks:
        return Layout(text)
    parts: list[str] = []
    cut_at: list[int] = []
    removed: list[int] = []
    pos = gone = 0
    for start, end in breaks:
        parts.append(text[pos:start])
        gone += end - start
        cut_at.append(start - (gone - (end - start)))  # where the analysed text joins
        removed.append(gone)
        pos = end
    parts.append(text[pos:])
    return Layout("".join(parts), cut_at, removed)
