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
#: a line break inside a sentence: the line before ends in a character of running text
#: (not 。；：！？ or a closing bracket) and is long, the line after starts running text
#: (not a heading, enumerator or table row)
_SOFT_BREAK = re.compile(
    r"(?<=[^\s。；;：:！？!?）)】」』”\"|.])"  # the last character of the line before
    r"[ \t\u3000\r]*\n[ \t\u3000]*"
    r"(?=[^\s|#【（(一二三四五六七八九十第0-9０-９标])"  # running text on the next line
    r"|(?<=[0-9０-９.．])[ \t\u3000\r]*\n[ \t\u3000]*(?=[0-9０-９.．万亿千百%％个家])"
)
_MIN_WRAPPED_LINE = 16  # shorter lines are titles or headings, not wrapped text
_CLAUSE_MARK = re.compile(r"[，,；;：:、。]")


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
    """Line breaks inside a sentence, after a line long enough to have been wrapped."""
    found = []
    for m in _SOFT_BREAK.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        line = text[line_start : m.start()].strip()
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
