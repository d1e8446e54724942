"""PDF: the text layer of each page, in reading order, without running headers and footers.

Library: pdfplumber (on pdfminer.six). Compared with pypdf on the
government-style PDFs the tests make (SimHei TrueType, full-width punctuation,
a running header and a ``— 2 —`` page number on every page, a title centred on
two lines, a page in two columns), both decode the characters alike, but pypdf
returns lines in the order the content stream draws them — header and page
number first — without their boxes, and cuts every wrapped line apart.
pdfplumber gives every line with its box, so headers, footers and page numbers
are dropped by where they stand, a two-column page is read column by column
(found by the empty gutter between them), and a line that runs to the right
margin is known to continue in the next one, which rebuilds the paragraphs.
Neither library reads characters a font gives no Unicode mapping for; such a
PDF, like a scan, yields no text and is refused.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from policylens.errors import InputError

# A line in the top or bottom margin band of a page is a header or footer when it is
# a page number, or when the same words (page numbers aside) stand there on other pages.
_MARGIN_BAND = 0.08
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–－_~·]*\s*\d{1,4}\s*[-—–－_~·]*|第\s*\d{1,4}\s*页(?:\s*[/，,]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}|[Pp]age\s*\d{1,4}(?:\s*of\s*\d{1,4})?)\s*$"
)
# Justified Chinese lines are stretched: a space pdfminer sees between two CJK
# characters is an artefact of the layout, never a word break.
_CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
_SPACE_IN_CJK = re.compile(rf"(?<=[{_CJK}]) +(?=[{_CJK}])")
# A two-column page: an empty vertical band this wide, in the middle of the page.
_MIN_GUTTER_PT = 8.0


def read(data: bytes, *, source: Path) -> tuple[list[str], str, str]:
    """The text of every page; raise NoTextLayerError for a scan."""
    import pdfplumber
    from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

    from policylens.read import NoTextLayerError

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            lines_per_page = [_page_lines(page) for page in pdf.pages]
            has_images = any(page.images for page in pdf.pages)
    except (PdfminerException, MalformedPDFException) as exc:
        cause = exc.args[0] if exc.args else exc
        if "password" in type(cause).__name__.lower():
            raise InputError(
                "the PDF is protected by a password",
                path=source,
                fix="open it with its password and save an unprotected copy",
            ) from None
        raise InputError(
            f"not a readable PDF ({type(cause).__name__}: {cause})",
            path=source,
            fix="check that the file is a complete PDF (download it again)",
        ) from None
    if not any(lines_per_page):
        what = (
            "its pages are images (a scan)"
            if has_images
            else "no character on its pages can be read as text"
        )
        raise NoTextLayerError(
            f"the PDF has no text layer to read: {what}; policylens does not do OCR",
            path=source,
            fix="find the document as a text PDF, a Word file or a web page, or run OCR "
            "yourself and add the resulting .txt",
        )
    repeated = _repeated_margin_lines(lines_per_page)
    pages = []
    for lines in lines_per_page:
        kept = [line for line in lines if not _is_margin(line, repeated)]
        columns = sorted({line["column"] for line in kept})
        paragraphs = [_paragraphs([x for x in kept if x["column"] == c]) for c in columns]
        pages.append("\n".join(p for column in paragraphs for p in column))
    return pages, f"pdfplumber {pdfplumber.__version__}", ""


class _Line(dict):
    """A text line: pdfplumber's dict (text, x0, x1, top, bottom), its column, page height."""


def _page_lines(page) -> list[_Line]:
    """The page's lines in reading order: column by column when there are two."""
    out: list[_Line] = []
    for column, region in enumerate(_regions(page)):
        for line in region.extract_text_lines(strip=True, return_chars=False):
            text = _SPACE_IN_CJK.sub("", line["text"]).strip()
            if text:
                out.append(_Line(line, text=text, column=column, page_height=float(page.height)))
    return out


def _regions(page) -> list:
    """The page; or, when an empty gutter splits its body in two, its top band, left
    column, right column and bottom band (headers and footers span both columns)."""
    height, width = float(page.height), float(page.width)
    top, bottom = _MARGIN_BAND * height, (1 - _MARGIN_BAND) * height
    body = [c for c in page.chars if c["text"].strip() and top < c["top"] < bottom]
    if len(body) < 40:
        return [page]
    covered = bytearray(int(width) + 1)
    for char in body:
        for x in range(max(int(char["x0"]), 0), min(int(char["x1"]) + 1, len(covered))):
            covered[x] = 1
    gutter = _widest_gap(covered, int(width * 0.3), int(width * 0.7))
    if gutter is None:
        return [page]
    lo, hi = gutter
    left = sum(1 for c in body if c["x1"] <= lo)
    right = sum(1 for c in body if c["x0"] >= hi)
    if min(left, right) < 0.2 * len(body):
        return [page]
    middle = (lo + hi) / 2
    return [
        page.crop((0, 0, width, top)),
        page.crop((0, top, middle, bottom)),
        page.crop((middle, top, width, bottom)),
        page.crop((0, bottom, width, height)),
    ]


def _widest_gap(covered: bytearray, lo: int, hi: int) -> tuple[int, int] | None:
    """The widest run of uncovered points between ``lo`` and ``hi``, if wide enough."""
    best: tuple[int, int] | None = None
    start = None
    for x in range(lo, hi + 1):
        if not covered[x] and start is None:
            start = x
        elif covered[x] and start is not None:
            if x - start >= _MIN_GUTTER_PT and (best is None or x - start > best[1] - best[0]):
                best = (start, x)
            start = None
    return best


def _in_margin(line: _Line) -> bool:
    height = line["page_height"]
    return line["bottom"] < _MARGIN_BAND * height or line["top"] > (1 - _MARGIN_BAND) * height


def _margin_key(line: _Line) -> str:
    return re.sub(r"\d+", "#", line["text"])


def _repeated_margin_lines(pages: list[list[_Line]]) -> set[str]:
    """Words that stand in a margin band on more than one page: running headers/footers."""
    seen: dict[str, int] = {}
    for lines in pages:
        for key in {_margin_key(line) for line in lines if _in_margin(line)}:
            seen[key] = seen.get(key, 0) + 1
    return {key for key, count in seen.items() if count > 1}


def _is_margin(line: _Line, repeated: set[str]) -> bool:
    return _in_margin(line) and (
        bool(_PAGE_NUMBER.match(line["text"])) or _margin_key(line) in repeated
    )


def _paragraphs(lines: list[_Line]) -> list[str]:
    """Rejoin the lines a paragraph was wrapped into, from where each line ends.

    A line that reaches the right edge of its column continues in the next one,
    unless the next is indented (a new paragraph); centred lines of one size
    (a title set on two lines) are one line too.
    """
    if not lines:
        return []
    left = min(line["x0"] for line in lines)
    right = max(line["x1"] for line in lines)
    out: list[str] = []
    previous: _Line | None = None
    for line in lines:
        if previous is not None and _continues(previous, line, left, right):
            out[-1] += line["text"]
        else:
            out.append(line["text"])
        previous = line
    return out


def _continues(previous: _Line, line: _Line, left: float, right: float) -> bool:
    size = max(previous["bottom"] - previous["top"], 1.0)
    if line["top"] - previous["bottom"] > 1.5 * size:
        return False  # a blank line between them
    ends_at_margin = previous["x1"] >= right - 1.5 * size
    starts_at_margin = line["x0"] <= left + 0.5 * size
    if ends_at_margin and starts_at_margin:
        return True
    centre = (left + right) / 2
    same_size = abs((line["bottom"] - line["top"]) - size) < 0.1 * size
    return (
        same_size
        and (previous["x0"] > left + 0.5 * size or previous["x1"] < right - 0.5 * size)
        and abs((previous["x0"] + previous["x1"]) / 2 - centre) < size
        and abs((line["x0"] + line["x1"]) / 2 - centre) < size
        and previous["text"][-1] not in "。；：！？"
    )
