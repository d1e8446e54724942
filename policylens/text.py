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
import contextlib
import functools
import html
import re
import statistics
import unicodedata

from charset_normalizer import from_bytes

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


#: Byte-order marks, longest first: a UTF-32-LE mark begins with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: Legacy Chinese encodings read without a byte-order mark, the likelier first.
#: Big5 is read as cp950, the Windows form of Big5 that traditional-Chinese files use.
_CHINESE_ENCODINGS = (("gb18030", "GB18030/GBK"), ("cp950", "Big5"))
#: Encodings of other CJK languages, refused by name rather than read as Chinese mojibake.
_FOREIGN_ENCODINGS = {
    "shift_jis": "Shift-JIS (Japanese)",
    "cp932": "Shift-JIS (Japanese)",
    "euc_jp": "EUC-JP (Japanese)",
    "euc_kr": "EUC-KR (Korean)",
    "cp949": "EUC-KR (Korean)",
}
# Below this many non-ASCII bytes a statistical guess of the language is unreliable.
_MIN_BYTES_TO_GUESS = 80
_KANA_HANGUL = re.compile(r"[\u3040-\u30ff\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")


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
    for bom, encoding in _BOMS:
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
        return _decode_legacy(data, source, utf8_error.start)


def _decode_legacy(data: bytes, source: str, utf8_error_at: int) -> tuple[str, str]:
    """GB18030/GBK or Big5, whichever reads as Chinese; other CJK encodings refused by name."""
    foreign = _foreign_language(data)
    if foreign:
        raise TextEncodingError(
            f"the file is not UTF-8 and reads as {foreign} text, not Chinese",
            path=source,
            fix="policylens reads Chinese texts: re-save the document as UTF-8 if it is "
            "Chinese, or leave it out",
        )
    readings = []
    for encoding, name in _CHINESE_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _reads_as_chinese(text):
            readings.append((_common_share(text), text, encoding, name))
    if not readings:
        raise TextEncodingError(
            f"the file is neither UTF-8 (invalid byte at offset {utf8_error_at}) nor "
            "Chinese text in GB18030/GBK or Big5, and no other encoding can be recognised "
            "reliably",
            path=source,
            fix="re-save the document as UTF-8",
        )
    # the reading with the most everyday characters; on a tie, GB18030 (the likelier)
    _, text, encoding, _ = max(readings, key=lambda reading: reading[0])
    return text, encoding


def _foreign_language(data: bytes) -> str | None:
    """The name of a Japanese or Korean encoding the bytes are written in, if any.

    GB18030 decodes almost any byte sequence, so Japanese and Korean files would
    pass for Chinese mojibake; charset-normalizer tells the languages apart by
    their letter frequencies, reliably once a text has a few lines.
    """
    if _spaced_hangul(data):
        return _FOREIGN_ENCODINGS["euc_kr"]
    if sum(byte >= 0x80 for byte in data) < _MIN_BYTES_TO_GUESS:
        return None

    isolation = ["gb18030", "big5", *dict.fromkeys(_FOREIGN_ENCODINGS)]
    best = from_bytes(data, cp_isolation=isolation).best()
    if best is None:
        return None
    return _FOREIGN_ENCODINGS.get(best.encoding)


def _spaced_hangul(data: bytes) -> bool:
    """True for Korean in EUC-KR: mostly Hangul syllables, with spaces between words.

    Hangul syllables occupy the very byte range of GB2312's commonest characters,
    so a short Korean file reads as plausible Chinese; but Korean puts a space
    between words, and Chinese text (read as EUC-KR, mostly Hangul too) does not.
    """
    try:
        text = data.decode("euc_kr")
    except UnicodeDecodeError:
        return False
    wide = [c for c in text if not c.isascii() and not c.isspace()]
    hangul = sum(1 for c in wide if "\uac00" <= c <= "\ud7af")
    spaces = len(re.findall(r"[\uac00-\ud7af] +[\uac00-\ud7af]", text))
    return bool(wide) and hangul >= 0.6 * len(wide) and spaces * 10 >= hangul


@functools.cache
def _everyday_characters() -> frozenset[str]:
    """The characters of GB2312 (simplified) and of Big5 (traditional).

    Real Chinese text is made of them almost entirely; bytes of one encoding
    read in the other give kana, private-use and rare extension characters.
    """
    chars: set[str] = set()
    tables = (
        ("gb2312", range(0xA1, 0xF8), range(0xA1, 0xFF)),
        ("big5", range(0xA1, 0xFA), [*range(0x40, 0x7F), *range(0xA1, 0xFF)]),
    )
    for encoding, leads, trails in tables:
        for lead in leads:
            for trail in trails:
                with contextlib.suppress(UnicodeDecodeError):  # unassigned code points
                    chars.add(bytes((lead, trail)).decode(encoding))
    return frozenset(chars)


def _common_share(text: str) -> float:
    """Share of the non-ASCII characters that everyday Chinese text is made of."""
    everyday = _everyday_characters()
    wide = [c for c in text if not c.isascii() and not c.isspace()]
    if not wide:
        return 1.0
    good = sum(1 for c in wide if c in everyday and not _KANA_HANGUL.match(c))
    return good / len(wide)


def _reads_as_chinese(text: str) -> bool:
    """True when a decoded text is mostly CJK, mostly everyday characters, without controls."""
    visible = [c for c in text if not c.isspace()]
    if not visible:
        return False
    controls = sum(unicodedata.category(c) == "Cc" for c in visible)
    cjk = len(_CJK.findall(text))
    return controls == 0 and cjk / len(visible) >= 0.3 and _common_share(text) >= 0.9


# One character for one character, so that offsets (and a page map) survive:
# page, line and record separators become a line break, other controls a space.
_CONTROL_MAP = {
    **{code: " " for code in (*range(0x00, 0x09), *range(0x0E, 0x1C), 0x1F, 0x7F)},
    **{code: " " for code in range(0x80, 0xA0)},
    **{code: "\n" for code in (0x0B, 0x0C, 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029)},
}


def replace_controls(text: str) -> str:
    """Control characters out, one for one: form feed, vertical tab, separators → ``\\n``.

    PDF text has a form feed between pages; ESC, NUL and the like are debris.
    The result has the same length as ``text``, so offsets stay true.
    """
    return text.translate(_CONTROL_MAP)


def normalise(raw: str) -> str:
    """Return readable running text: one paragraph per line, sentences whole."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    text = replace_controls(text).lstrip("\ufeff")
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
