"""PDF: the text layer of each page, in reading order, without running headers and footers.

Library: pdfplumber (on pdfminer.six). Compared with pypdf on the
government-style PDFs the tests make (SimHei TrueType, full-width punctuation,
a running header and a ``— 2 —`` page number on every page, a title centred on
two lines, a page in two columns), both decode the characters alike, but pypdf
returns lines in the order the content stream draws them — header and page
number first — without their boxes, and cuts every wrapped line apart.
pdfplumber gives every line with its box, so headers, footers and page numbers
are dropped by where they stand, a band of rows set in two columns is read
column by column (found by the empty gutter the rows share), and a line that
runs to the right margin is known to continue in the next one, which rebuilds
the paragraphs, also across a page break.
Neither library reads characters a font gives no Unicode mapping for; such a
PDF, like a scan, yields no text and is refused.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

import pdfplumber
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from policylens.errors import InputError
from policylens.read import Found, NoTextLayerError

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
_PARAGRAPH_END = "。；：！？…”）)|"
# A two-column page: an empty vertical band this wide, in the middle of the page.
_MIN_GUTTER_PT = 8.0


def read(data: bytes, *, source: Path) -> Found:
    """The text of every page; raise NoTextLayerError for a scan."""

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
    kept = [[line for line in lines if not _is_margin(line, repeated)] for lines in lines_per_page]
    pages = []
    for n, lines in enumerate(kept):
        text = "\n".join(_paragraphs(lines))
        following = kept[n + 1] if n + 1 < len(kept) else []
        # A page whose last paragraph ends on it ends with a newline; one that runs on
        # to the next page does not, and the text joins the two halves (read.pages).
        pages.append(text if _runs_on(lines, following) else text + "\n")
    blank = [str(n) for n, lines in enumerate(lines_per_page, start=1) if not lines]
    warnings = [
        f"page(s) {', '.join(blank)} hold no text (scanned images?): nothing was read there"
    ]
    return Found(pages, f"pdfplumber {pdfplumber.__version__}", "", warnings if blank else [])


class _Line(dict):
    """A text line: pdfplumber's dict (text, x0, x1, top, bottom), its column, page height."""


def _page_lines(page) -> list[_Line]:
    """The page's lines in reading order: bands from top to bottom, a band in two
    columns read left column first."""
    height = float(page.height)
    out: list[_Line] = []
    for column, inside in _regions(page):
        region = page.filter(
            lambda obj, inside=inside: obj["object_type"] == "char" and inside(obj)
        )
        for line in region.extract_text_lines(strip=True, return_chars=False):
            text = _SPACE_IN_CJK.sub("", line["text"]).strip()
            if text:
                out.append(_Line(line, text=text, column=column, page_height=height))
    return out


def _regions(page) -> list[tuple[str, Callable[[dict], bool]]]:
    """(column key, test of a character) of each region of the page, in reading order.

    Characters are grouped into rows; consecutive rows that share an empty gutter
    in the middle of the page, with text on both sides of it in at least two
    rows, form a band in two columns; every other row spans the page ("full").
    A title or paragraph above the columns and a signature below them stay
    where they are.
    """
    width = float(page.width)
    rows = _rows([c for c in page.chars if c["text"].strip()])
    lo, hi = int(width * 0.3), int(width * 0.7)
    bands: list[tuple[list[list[dict]], bytearray, int]] = []  # rows, free mask, split rows
    for row in rows:
        free = _free_mask(row, lo, hi)
        if bands and _widest_run(_both(bands[-1][1], free)) >= _MIN_GUTTER_PT:
            rows_, mask, split = bands[-1]
            bands[-1] = ([*rows_, row], _both(mask, free), split + _is_split(row, free, lo))
        else:
            bands.append(([row], free, _is_split(row, free, lo)))
    regions: list[tuple[str, Callable[[dict], bool]]] = []
    for n, (band_rows, mask, split) in enumerate(bands):
        y0 = -1.0 if n == 0 else _boundary(bands[n - 1][0], band_rows)
        y1 = float("inf") if n == len(bands) - 1 else _boundary(band_rows, bands[n + 1][0])

        def in_band(c: dict, y0: float = y0, y1: float = y1) -> bool:
            return y0 <= (c["top"] + c["bottom"]) / 2 < y1

        if split < 2:
            regions.append(("full", in_band))
            continue
        start, end = _widest_span(mask)
        middle = lo + (start + end) / 2

        def left(c: dict, in_band=in_band, middle: float = middle) -> bool:
            return in_band(c) and (c["x0"] + c["x1"]) / 2 < middle

        def right(c: dict, in_band=in_band, middle: float = middle) -> bool:
            return in_band(c) and (c["x0"] + c["x1"]) / 2 >= middle

        regions += [(f"left{n}", left), (f"right{n}", right)]
    return regions


def _rows(chars: list[dict]) -> list[list[dict]]:
    """Characters grouped into rows by their vertical position, top to bottom."""
    rows: list[list[dict]] = []
    for char in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        if rows and char["top"] - rows[-1][0]["top"] <= 2.0:
            rows[-1].append(char)
        else:
            rows.append([char])
    return rows


def _free_mask(row: list[dict], lo: int, hi: int) -> bytearray:
    """1 for every point between ``lo`` and ``hi`` that no character of the row covers."""
    free = bytearray([1]) * (hi - lo)
    for char in row:
        for x in range(max(int(char["x0"]) - lo, 0), min(int(char["x1"]) + 1 - lo, hi - lo)):
            free[x] = 0
    return free


def _both(a: bytearray, b: bytearray) -> bytearray:
    return bytearray(x & y for x, y in zip(a, b, strict=True))


def _widest_span(free: bytearray) -> tuple[int, int]:
    """Start and end of the widest run of free points (0, 0 when there is none)."""
    best, start = (0, 0), None
    for x, value in enumerate([*free, 0]):
        if value and start is None:
            start = x
        elif not value and start is not None:
            if x - start > best[1] - best[0]:
                best = (start, x)
            start = None
    return best


def _widest_run(free: bytearray) -> int:
    start, end = _widest_span(free)
    return end - start


def _is_split(row: list[dict], free: bytearray, lo: int) -> int:
    """1 when the row has text on both sides of its widest free run in the middle."""
    start, end = _widest_span(free)
    if end - start < _MIN_GUTTER_PT:
        return 0
    left = any(c["x1"] <= lo + start + 1 for c in row)
    right = any(c["x0"] >= lo + end - 1 for c in row)
    return int(left and right)


def _boundary(above: list[list[dict]], below: list[list[dict]]) -> float:
    """A y between the last row of one band and the first row of the next."""
    bottom = max(c["bottom"] for c in above[-1])
    top = min(c["top"] for c in below[0])
    return (bottom + top) / 2


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

    A line that reaches the right edge of its column continues in the next line
    of the same column, unless that one is indented (a new paragraph); centred
    lines of one size (a title set on two lines) are one line too. The edges of
    a column are those of all its lines on the page.
    """
    edges = {
        key: _edges([line for line in lines if line["column"] == key])
        for key in {line["column"] for line in lines}
    }
    out: list[str] = []
    previous: _Line | None = None
    for line in lines:
        if (
            previous is not None
            and previous["column"] == line["column"]
            and _continues(previous, line, *edges[line["column"]])
        ):
            out[-1] += line["text"]
        else:
            out.append(line["text"])
        previous = line
    return out


def _edges(lines: list[_Line]) -> tuple[float, float]:
    """The left and right edges of the text of a column."""
    return min(line["x0"] for line in lines), max(line["x1"] for line in lines)


def _runs_on(page: list[_Line], following: list[_Line]) -> bool:
    """True when the page's last paragraph continues at the top of the next page.

    Its last line runs to the right edge without closing the sentence, and the
    next page's first line starts at the left edge (not indented).
    """
    if not page or not following:
        return False
    last, first = page[-1], following[0]
    size = max(last["bottom"] - last["top"], 1.0)
    _, right = _edges([line for line in page if line["column"] == last["column"]])
    left, _ = _edges([line for line in following if line["column"] == first["column"]])
    return (
        last["x1"] >= right - 1.5 * size
        and last["text"][-1] not in _PARAGRAPH_END
        and first["x0"] <= left + 0.5 * size
    )


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
        and previous["text"][-1] not in _PARAGRAPH_END
    )
