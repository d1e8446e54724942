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
from dataclasses import dataclass

_ALWAYS = str.maketrans({";": "；", "(": "（", ")": "）", "!": "！", "?": "？"})
#: , and : between digits are part of a number or a ratio (1,000; 2:1); elsewhere clause marks
_COMMA_COLON = re.compile(r"(?<![0-9])[,:]|[,:](?![0-9])")
#: . after a non-ASCII character ends a sentence (…150万辆.在…); 1.5, v1.2, 1. stay
_FULL_STOP = re.compile(r"(?<=[^\x00-\x7f]|%)\.(?![0-9])")
_FULL = {",": "，", ":": "：", ".": "。"}
#: a line break, with the blanks around it
_BREAK = re.compile(r"[ \t\u3000\r]*\n[ \t\u3000]*")
#: characters that end a line of its own: sentence ends, colons, closing brackets, bars
_LINE_END = frozenset('。；;：:！？!?）)】」』”"|.')
#: what starts a line of its own: a heading, an enumerator, a table row, a headline
_LINE_START = re.compile(
    r"[一二三四五六七八九十]+、|[（(][一二三四五六七八九十0-9]{1,3}[）)]|[0-9]{1,2}[.．、](?![0-9])"
    r"|第[一二三四五六七八九十百]+[章节条部篇]|[|#【]|标题|\s"
)
_MIN_WRAPPED_LINE = 16  # shorter lines are titles or headings, not wrapped text
_CLAUSE_MARK = re.compile(r"[，,；;：:、。]")
_BODY_MARK = re.compile(r"[，,；;。]")


@dataclass(frozen=True)
class Layout:
    """The analysed text and, when characters were removed, where each one came from."""

    text: str
    positions: list[int] | None  # analysed offset -> original offset (None: the same)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the analysed span [start, end)."""
        if self.positions is None:
            return start, end
        return self.positions[start], self.positions[end - 1] + 1 if end > start else start


def _punctuation(text: str) -> str:
    if not any(c in text for c in ",;:.()!?"):
        return text
    text = text.translate(_ALWAYS)
    text = _COMMA_COLON.sub(lambda m: _FULL[m.group(0)], text)
    return _FULL_STOP.sub("。", text)


def _soft_breaks(text: str) -> list[re.Match[str]]:
    """Line breaks inside a sentence: running text on both sides, after a wrapped line.

    A wrapped line is long and has clause marks (a title has none); the next line
    does not start a heading, an enumerator or a table row.
    """
    found = []
    for m in _BREAK.finditer(text):
        start, end = m.span()
        if start == 0 or end >= len(text) or text[start - 1] in _LINE_END:
            continue
        if _LINE_START.match(text, end):
            continue
        line_start = text.rfind("\n", 0, start) + 1
        line = text[line_start:start].strip()
        if not text[:line_start].strip() and not _BODY_MARK.search(line):
            continue  # a first line without commas is the title or headline (安徽：到2027年…)
        if len(line) < _MIN_WRAPPED_LINE or line.startswith(("标题", "#", "【", "|")):
            continue
        if _CLAUSE_MARK.search(line) or len(line) >= 30:  # a title has no clause marks
            found.append(m)
    return found


def analysed(text: str) -> Layout:
    """The text the stages read (see the module docstring)."""
    text = _punctuation(text)
    if "\n" not in text:
        return Layout(text, None)
    breaks = _soft_breaks(text)
    if not breaks:
        return Layout(text, None)
    parts: list[str] = []
    positions: list[int] = []
    pos = 0
    for m in breaks:
        parts.append(text[pos : m.start()])
        positions.extend(range(pos, m.start()))
        pos = m.end()
    parts.append(text[pos:])
    positions.extend(range(pos, len(text)))
    return Layout("".join(parts), positions)
