"""Readers of published formats: the text, its pages and its offsets, on files the tests make."""

from __future__ import annotations

from pathlib import Path

import pytest
from formats_fixtures import (
    DOC_NUMBER,
    DOCX_TITLE,
    HEADER,
    LEFT_COLUMN,
    PAGE1,
    PORTAL_BODY,
    PORTAL_NAVIGATION,
    PORTAL_TITLE,
    RIGHT_COLUMN,
    RUN_ON,
    SIGNATURE,
    TITLE_LINES,
    make_docx,
    make_pdf,
    make_portal_page,
    make_scanned_pdf,
)

from policylens.errors import InputError
from policylens.extract import extract_targets
from policylens.read import (
    NoTextLayerError,
    UnsupportedFormatError,
    is_supported,
    read_document,
)
from policylens.read.pages import normalise_pages


@pytest.fixture(scope="module")
def pdf_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_pdf(tmp_path_factory.mktemp("pdf") / "anhui_pv_2024.pdf")


@pytest.fixture(scope="module")
def pdf_text(pdf_file: Path):
    return normalise_pages(read_document(pdf_file).text)


# --- PDF ---------------------------------------------------------------------------


def test_pdf_pages_are_kept_apart_by_a_form_feed(pdf_file: Path) -> None:
    document = read_document(pdf_file)
    assert document.kind == "PDF"
    assert document.reader.startswith("pdfplumber ")
    assert len(document.pages) == 2
    assert document.text.count("\f") == 1


def test_pdf_running_header_and_page_numbers_are_removed(pdf_file: Path) -> None:
    text = read_document(pdf_file).text
    assert "— 1 —" not in text and "— 2 —" not in text
    lines = [line for line in text.replace("\f", "\n").split("\n") if line]
    # The header stood on both pages; what remains of its words is the signature.
    assert lines.count(HEADER) == 1
    assert lines[-2:] == list(SIGNATURE)


def test_pdf_paragraphs_wrapped_at_the_margin_are_whole_lines(pdf_file: Path) -> None:
    page1 = read_document(pdf_file).pages[0].split("\n")
    assert page1[0] == DOC_NUMBER
    assert page1[1] == "".join(TITLE_LINES)  # a title centred on two lines is one line
    for paragraph in PAGE1:
        assert paragraph in page1  # full-width punctuation and digits as written


def test_pdf_two_columns_are_read_one_after_the_other(pdf_file: Path) -> None:
    page2 = read_document(pdf_file).pages[1].split("\n")
    # below the end of a full-width paragraph, above the signature
    assert page2[1:3] == [LEFT_COLUMN, RIGHT_COLUMN]
    assert page2[3:5] == list(SIGNATURE)


def test_pdf_paragraph_running_on_to_the_next_page_stays_whole(pdf_text) -> None:
    text, page2 = pdf_text.text, pdf_text.page_starts[1]
    assert RUN_ON in text.split("\n")  # one line: the sentence is whole
    start = text.index(RUN_ON)
    assert start < page2 < start + len(RUN_ON)  # page 2 starts inside it
    assert text[page2 - 1 : page2 + 1] == "元，"
    quote = "全省新建光伏项目投资突破500亿元，力争达到600亿元"
    assert pdf_text.page_at(text.index(quote)) == 1  # cited where it starts
    assert pdf_text.page_at(text.index("带动上下游")) == 2


def test_pdf_offsets_map_to_pages(pdf_text) -> None:
    text = pdf_text.text
    assert pdf_text.has_pages
    assert len(pdf_text.page_starts) == 2
    # A quote's page follows from its offset in the normalised text.
    for quote, page in (("光伏电池片产能达到60GW以上", 1), ("光伏组件产能达到50GW以上", 2)):
        start = text.index(quote)
        assert pdf_text.page_at(start) == page
    assert pdf_text.page_at(pdf_text.page_starts[1]) == 2
    assert pdf_text.page_at(pdf_text.page_starts[1] - 1) == 1


def test_pdf_targets_are_found_on_their_pages(pdf_text) -> None:
    targets = extract_targets(pdf_text.text)
    pages = {
        row.quote: pdf_text.page_at(row.char_start)
        for row in targets.itertuples()
        if pdf_text.text[row.char_start : row.char_end] == row.quote
    }
    assert len(pages) == len(targets)  # every quote stands at its offsets
    assert any(quote.startswith("到2025年") and page == 1 for quote, page in pages.items())
    assert any("50GW" in quote and page == 2 for quote, page in pages.items())


def test_a_scanned_pdf_is_refused_with_the_reason(tmp_path: Path) -> None:
    scan = make_scanned_pdf(tmp_path / "scan.pdf")
    with pytest.raises(NoTextLayerError) as caught:
        read_document(scan)
    message = str(caught.value)
    assert "scan.pdf" in message and "no text layer" in message
    assert "scan" in message and "OCR" in message


def test_a_pdf_with_a_scanned_page_reads_the_rest_and_says_which_page(tmp_path: Path) -> None:
    document = read_document(make_scanned_pdf(tmp_path / "mixed.pdf", text_first_page=True))
    assert document.pages == ("安徽省储能产业行动方案\n", "\n")
    assert document.warnings == (
        "page(s) 2 hold no text (scanned images?): nothing was read there",
    )
    assert read_document(make_pdf(tmp_path / "plain.pdf")).warnings == ()


def test_a_broken_pdf_is_refused_with_the_file_named(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\nthis is not really a pdf")
    with pytest.raises(InputError, match=r"broken\.pdf.*PDF"):
        read_document(broken)


# --- Word --------------------------------------------------------------------------


def test_docx_paragraphs_and_table_rows_in_document_order(tmp_path: Path) -> None:
    document = read_document(make_docx(tmp_path / "hunan.docx"))
    lines = document.text.split("\n")
    assert document.kind == "Word document" and len(document.pages) == 1
    assert lines[1] == DOCX_TITLE
    header = lines.index("| 序号 | 指标名称 | 单位 | 2023年基数 | 2026年目标 |")
    assert lines[header - 1] == "主要指标见下表。"
    assert lines[header + 1] == "| 1 | 新能源汽车产量 | 万辆 | 30 | 80 |"
    assert lines[-1] == "二〇二四年三月十二日"


def test_docx_table_rows_are_read_as_an_indicator_table(tmp_path: Path) -> None:
    text = normalise_pages(read_document(make_docx(tmp_path / "hunan.docx")).text).text
    targets = extract_targets(text)
    rows = targets[targets["quote"] == "| 3 | 链主企业数量 | 家 | 5 | 12 |"]
    assert len(rows) == 1  # a target only the table states
    assert rows.iloc[0]["value"] == 12 and rows.iloc[0]["target_year"] == 2026
    assert rows.iloc[0]["indicator"] == "enterprise_count"
    start = rows.iloc[0]["char_start"]
    assert text[start : rows.iloc[0]["char_end"]] == rows.iloc[0]["quote"]


def test_a_file_that_is_not_a_docx_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "old.docx"
    fake.write_bytes(b"\xd0\xcf\x11\xe0 an old binary .doc renamed")
    with pytest.raises(InputError, match=r"old\.docx.*not a readable Word"):
        read_document(fake)


# --- web pages ---------------------------------------------------------------------


def test_portal_page_gives_the_article_without_the_navigation(tmp_path: Path) -> None:
    document = read_document(make_portal_page(tmp_path / "fujian.html"))
    text = document.text
    assert text.split("\n")[0] == PORTAL_TITLE
    for line in PORTAL_BODY:
        assert line in text
    for words in PORTAL_NAVIGATION:
        assert words not in text
    assert "| 动力电池产量 | GW | 100 | 200 |" in text
    assert document.url.startswith("https://gxt.fujian.gov.cn/")


def test_a_page_saved_in_gb2312_reads_as_chinese(tmp_path: Path) -> None:
    page = make_portal_page(tmp_path / "fujian.htm")
    html = page.read_text(encoding="utf-8").replace('charset="utf-8"', 'charset="gb2312"')
    page.write_bytes(html.encode("gb18030"))
    text = read_document(page).text
    assert text.split("\n")[0] == PORTAL_TITLE  # （2024—2026年） with its dash intact
    assert PORTAL_BODY[4] in text


def test_htm_suffix_is_a_web_page_too(tmp_path: Path) -> None:
    page = make_portal_page(tmp_path / "fujian.htm")
    assert read_document(page).kind == "web page"


def test_a_page_without_an_article_is_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty.html"
    empty.write_text("<html><head><title>页面</title></head><body></body></html>", "utf-8")
    with pytest.raises(InputError, match="no article text"):
        read_document(empty)


# --- plain text and the dispatcher -------------------------------------------------


def test_plain_text_form_feeds_are_pages(tmp_path: Path) -> None:
    path = tmp_path / "two_pages.txt"
    path.write_text("第一页的内容。\f第二页的内容。\n第二段。", encoding="utf-8")
    paged = normalise_pages(read_document(path).text)
    assert paged.text == "第一页的内容。\n第二页的内容。\n第二段。"
    assert paged.page_starts == (0, 8)
    assert paged.page_at(paged.text.index("第二段")) == 2


def test_a_blank_page_keeps_the_numbering() -> None:
    paged = normalise_pages("封面\f\f正文从第三页开始。")
    assert paged.text == "封面\n\n正文从第三页开始。"
    assert paged.page_at(paged.text.index("正文")) == 3


def test_a_text_without_form_feeds_is_one_page() -> None:
    paged = normalise_pages("一行。\n二行。")
    assert paged.page_starts == (0,) and not paged.has_pages


def test_unsupported_types_are_named_with_the_fix(tmp_path: Path) -> None:
    for name in ("plan.doc", "plan.md", "scan.png"):
        path = tmp_path / name
        path.write_bytes(b"x")
        assert not is_supported(path)
        with pytest.raises(UnsupportedFormatError, match=r"cannot read \.[a-z]+ files"):
            read_document(path)
    assert all(is_supported(f"x{s}") for s in (".pdf", ".PDF", ".docx", ".html", ".htm", ".txt"))
