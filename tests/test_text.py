"""Decoding and normalising raw texts into the running text quotes refer to."""

from __future__ import annotations

import codecs

import pytest

from policylens.errors import TextEncodingError
from policylens.text import decode, normalise

PARAGRAPH = (
    "（四）省重点产业链链长制工作机制根据各产业链发展情况，动态优化“链主”“链核”企业遴选考核"
    "标准，不断激励支持链上企业进行延链补链建链强链，进一步发挥产业链企业主力军的带动作用。"
    "（省工业和信息化厅、各产业链牵头单位按职责分工负责）"
)
HEADING = "二、加强建立完善相适应的政府服务链"
SECOND = (
    "（一）强化市县两级招商引资项目属地责任，坚持主动对接、靠前服务，推动签约项目早落地、"
    "落地项目早建设、建设项目早投产、投产项目早达效。"
)


def newspaper(paragraphs: list[str], width: int = 19) -> str:
    """Lay paragraphs out like a newspaper column: fixed width, blank lines between."""
    lines = []
    for paragraph in paragraphs:
        lines += [paragraph[i : i + width] for i in range(0, len(paragraph), width)]
    return "\n\n".join(lines) + "\n"


def test_wrapped_newspaper_lines_are_rejoined_into_whole_paragraphs():
    text = normalise(newspaper([PARAGRAPH, HEADING, SECOND]))
    assert text.split("\n") == [PARAGRAPH, HEADING, SECOND]


def test_wrapped_layout_with_windows_line_endings_and_indent():
    raw = newspaper([PARAGRAPH, HEADING, SECOND]).replace("\n", "\r\n")
    raw = "\u3000\u3000" + raw
    assert normalise(raw).split("\n") == [PARAGRAPH, HEADING, SECOND]


def test_one_paragraph_per_line_text_is_kept_line_for_line():
    raw = "一、总体要求\n\n" + SECOND + "\n" + HEADING + "\n" + PARAGRAPH + "\n"
    assert normalise(raw).split("\n") == ["一、总体要求", SECOND, HEADING, PARAGRAPH]


def test_html_remnants_are_removed():
    raw = "<p>到2025年，营业收入达到&nbsp;1000亿元。</p><p>力争新增企业50家。<br/></p>"
    assert normalise(raw) == "到2025年，营业收入达到 1000亿元。\n力争新增企业50家。"


def test_bom_is_dropped_and_utf8_read():
    text, encoding = decode(codecs.BOM_UTF8 + "到2026年".encode())
    assert (text, encoding) == ("到2026年", "utf-8-sig")


@pytest.mark.parametrize("encoding", ["gbk", "gb18030"])
def test_gbk_text_is_read(encoding):
    text, used = decode((SECOND + "\n" + PARAGRAPH).encode(encoding))
    assert used == "gb18030"
    assert text == SECOND + "\n" + PARAGRAPH


def test_utf16_with_bom_is_read():
    text, used = decode(SECOND.encode("utf-16"))
    assert (text, used) == (SECOND, "utf-16")


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty"),
        (b"  \n\t\n", "empty"),
        (b"%PDF-1.7\x00\x01\x02binary", "binary"),
        (bytes(range(128, 256)) * 4, "neither UTF-8"),
    ],
)
def test_unreadable_bytes_are_refused_with_the_reason(data, reason):
    with pytest.raises(TextEncodingError, match=reason) as info:
        decode(data, source="data/raw/texts/x.txt")
    assert "data/raw/texts/x.txt" in str(info.value)
    assert "fix:" in str(info.value)
