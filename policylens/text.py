"""From a document's raw bytes to the running text every quote refers to.

Two steps, both pure and reproducible:

``decode`` reads bytes in an encoding it can recognise reliably (UTF-8 with
or without BOM, UTF-16 with BOM, GB18030/GBK when the bytes decode strictly
and read as Chinese) and refuses anything else with the reason.

``normalise`` turns what was pasted from a web page, a PDF or a newspaper into
paragraphs of whole sentences: Windows line endings, HTML remnants (tags,
``&nbsp;``) and blank lines go; lines that a newspaper or PDF layout broke
mid-sentence are rejoined. Characters inside a line are kept as they are, so
the text still reads like its source.
"""

from __future__ import annotations

import codecs
import html
import re
import statistics
import unicodedata

from policylens.errors import TextEncodingError

# A paragraph may end after one of these; a wrapped line usually does not.
_TERMINAL = set("。！？；：…”’）)」』】〕|!?;:")
# In a wrapped layout, closing quotes end lines mid-sentence too often to count.
_WRAPPED_TERMINAL = set("。！？；：…）)」』】〕|!?;:")
# Lines that open a new paragraph: 一、 （一） (1) 1. 1、 第三条 附件 —— 标题：
_HEADING_START = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．]\D"
    r"|第[一二三四五六七八九十百\d]+[章节条部分]|附件[：:\d一二三四五六七八九十]|——)"
)
_HTML_TAG = re.compile(
    r"</?(?:p|br|div|span|font|strong|b|i|em|u|table|tbody|thead|tr|td|th|li|ul|ol|h[1-6]"
    r"|a|img|section|article|center|sup|sub|o:p|st1:[a-z]+)\b[^<>]*/?>",
    re.IGNORECASE,
)
_HTML_BLOCK_END = re.compile(r"<br\s*/?>|</(?:p|div|tr|li|h[1-6]|table|section)>", re.IGNORECASE)
_HTML_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{2,6}|#x[0-9a-fA-F]{2,5});")
_INLINE_SPACE = re.compile(r"[\t\xa0\u2002\u2003\u2009\u200b\ufeff]")
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")


def decode(data: bytes, *, source: str = "text") -> tuple[str, str]:
    """Return ``(text, encoding)`` for a document's bytes, or raise TextEncodingError.

    ``source`` names the file in the error message.
    """
    if not data.strip():
        raise TextEncodingError(
            "the file is empty (or only whitespace): there is no text to read",
            path=source,
            fix="put the document's text in the file, or remove its row from documents.csv",
        )
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise TextEncodingError(
                    f"the file starts with a {encoding} byte-order mark but is not valid "
                    f"{encoding} at byte {exc.start}",
                    path=source,
                    fix="re-save the document as UTF-8",
                ) from None
    if b"\x00" in data:
        raise TextEncodingError(
            "the file contains NUL bytes and no UTF-16 byte-order mark: it looks like binary "
            "data (a PDF, a Word file or an image), not text",
            path=source,
            fix="extract the text first (for example save as .txt, UTF-8) and use that file",
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            raise TextEncodingError(
                f"the file is neither UTF-8 (invalid byte at offset {utf8_error.start}) "
                "nor GB18030/GBK, and no other encoding can be recognised reliably",
                path=source,
                fix="re-save the document as UTF-8",
            ) from None
        if _reads_as_chinese(text):
            return text, "gb18030"
        raise TextEncodingError(
            "the file is not UTF-8, and read as GB18030 it does not look like Chinese text",
            path=source,
            fix="re-save the document as UTF-8",
        ) from None


def _reads_as_chinese(text: str) -> bool:
    """True when a decoded text is mostly CJK and free of control characters."""
    visible = [c for c in text if not c.isspace()]
    if not visible:
        return False
    controls = sum(unicodedata.category(c) == "Cc" for c in visible)
    cjk = len(_CJK.findall(text))
    return controls == 0 and cjk / len(visible) >= 0.3


def normalise(raw: str) -> str:
    """Return readable running text: one paragraph per line, sentences whole."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.replace("\u2029", "\n").lstrip("\ufeff")
    if _HTML_TAG.search(text) or _HTML_ENTITY.search(text):
        text = _HTML_BLOCK_END.sub("\n", text)
        text = _HTML_TAG.sub("", text)
        text = html.unescape(text)
    text = _INLINE_SPACE.sub(" ", text).replace("\u200b", "")
    lines = [line.strip(" \u3000") for line in text.split("\n")]
    lines = [line for line in lines if line]
    if _looks_wrapped(lines):
        lines = _rejoin(lines)
    return "\n".join(lines)


def _ends_paragraph(line: str) -> bool:
    return line[-1] in _TERMINAL


def _display_width(line: str) -> float:
    """Width in CJK cells: half-width (ASCII) characters take half a cell."""
    return sum(0.5 if char.isascii() else 1.0 for char in line)


def _line_width(lines: list[str]) -> float:
    """The layout's column width: the upper quartile of line widths."""
    return statistics.quantiles([_display_width(line) for line in lines], n=4)[2]


def _looks_wrapped(lines: list[str]) -> bool:
    """True when most lines are cut at a fixed column width mid-sentence.

    Typed or web text has one paragraph per line, most ending in punctuation;
    a newspaper or PDF layout has many lines of about the same, short width
    that stop wherever the column ended.
    """
    if len(lines) < 8:
        return False
    width = _line_width(lines)
    if width > 80:
        return False
    cut = sum(
        1 for line in lines if not _ends_paragraph(line) and _display_width(line) >= 0.75 * width
    )
    return cut / len(lines) >= 0.5


def _rejoin(lines: list[str]) -> list[str]:
    """Join lines a layout broke mid-sentence; keep headings and paragraph ends.

    A paragraph ends where a line stops short of the column with closing
    punctuation, or where the next line opens a numbered heading.
    """
    width = _line_width(lines)
    paragraphs: list[str] = []
    current = previous = ""
    for line in lines:
        if current and (
            (previous[-1] in _WRAPPED_TERMINAL and _display_width(previous) < 0.9 * width)
            or _HEADING_START.match(line)
        ):
            paragraphs.append(current)
            current = ""
        if (
            current
            and current[-1].isascii()
            and current[-1].isalnum()
            and line[0].isascii()
            and line[0].isalnum()
        ):
            current += " "
        current += line
        previous = line
    if current:
        paragraphs.append(current)
    return paragraphs
