"""Real-shaped published documents, made by the tests: a PDF, a .docx, a saved portal page.

The PDF is laid out as a provincial department's notice is: a running header
and a ``— n —`` page number on every page, a document number, a title set
centred on two lines, indented paragraphs wrapped at the right margin, a page
in two columns, and the signature with its date at the end. It is drawn with
reportlab in SimHei, the TrueType CJK font shipped by mplfonts (a TrueType
font, as Word and WPS embed them; the package's Noto Sans CJK is CFF-based,
which reportlab cannot embed).
"""

from __future__ import annotations

from pathlib import Path

HEADER = "安徽省经济和信息化厅"
DOC_NUMBER = "皖经信新能源〔2024〕21号"
TITLE_LINES = ("安徽省经济和信息化厅关于印发《安徽省光伏", "产业链2024年行动方案》的通知")
NOTICE = "各市经济和信息化局："
PAGE1 = (
    "现将《安徽省光伏产业链2024年行动方案》印发给你们，请结合实际认真抓好落实。",
    "一、发展目标",
    "到2025年，全省光伏产业链营业收入突破3000亿元，力争达到3500亿元；光伏电池片产能达到"
    "60GW以上，培育链主企业8家，推动光伏产业向高端化、智能化、绿色化发展，形成具有全国"
    "影响力的光伏产业集群。",
)
#: a paragraph that starts at the foot of page 1 and runs on at the top of page 2
RUN_ON = (
    "（三）加快项目建设。全省新建光伏项目投资突破500亿元，力争达到600亿元，重点推进高效电池、"
    "组件和逆变器项目建设，带动上下游配套企业集聚发展。"
)
LEFT_COLUMN = "（一）扩大产能。2024年底前，全省光伏组件产能达到50GW以上，新增项目20个。"
RIGHT_COLUMN = "（二）强化协同。推广“链主+园区+基金”模式，二季度前完成3场产业链对接活动。"
SIGNATURE = ("安徽省经济和信息化厅", "2024年1月12日")
PAGE_NUMBER = "— {n} —"

_A4 = (595.27, 841.89)
_LEFT, _RIGHT = 80.0, 515.0


def font_path() -> Path:
    """SimHei from the mplfonts package (a dependency of policylens)."""
    import mplfonts

    return Path(mplfonts.__file__).parent / "fonts" / "SimHei.ttf"


def make_pdf(path: Path) -> Path:
    """A two-page notice with a running header, page numbers and a two-column page."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("SimHei", str(font_path())))
    pdf = canvas.Canvas(str(path), pagesize=_A4, invariant=1)
    width, height = _A4

    def frame(n: int) -> None:
        pdf.setFont("SimHei", 9)
        pdf.drawCentredString(width / 2, height - 40, HEADER)
        pdf.drawCentredString(width / 2, 36, PAGE_NUMBER.format(n=n))

    frame(1)
    pdf.setFont("SimHei", 12)
    pdf.drawCentredString(width / 2, 730, DOC_NUMBER)
    pdf.setFont("SimHei", 16)
    pdf.drawCentredString(width / 2, 690, TITLE_LINES[0])
    pdf.drawCentredString(width / 2, 668, TITLE_LINES[1])
    y = 630.0
    pdf.setFont("SimHei", 12)
    pdf.drawString(_LEFT, y, NOTICE)
    y -= 20
    for paragraph in PAGE1:
        y = _paragraph(pdf, paragraph, _LEFT, _RIGHT, y, size=12)
    lines = _wrap(RUN_ON, _LEFT, _RIGHT, size=12)
    for x, line in lines[:1]:  # the first line at the foot of page 1
        pdf.drawString(x, 110, line)
    pdf.showPage()

    frame(2)
    pdf.setFont("SimHei", 12)
    y = 760.0
    for x, line in lines[1:]:
        pdf.drawString(x, y, line)
        y -= 1.6 * 12
    middle = width / 2
    _paragraph(pdf, LEFT_COLUMN, _LEFT, middle - 12, 700, size=12)
    _paragraph(pdf, RIGHT_COLUMN, middle + 12, _RIGHT, 700, size=12)
    pdf.setFont("SimHei", 12)
    pdf.drawRightString(_RIGHT, 560, SIGNATURE[0])
    pdf.drawRightString(_RIGHT, 540, SIGNATURE[1])
    pdf.showPage()
    pdf.save()
    return path


def _paragraph(pdf, text: str, left: float, right: float, y: float, *, size: float) -> float:
    """Draw ``text`` indented by two characters and wrapped at ``right``; return the next y."""
    pdf.setFont("SimHei", size)
    for x, line in _wrap(text, left, right, size=size):
        pdf.drawString(x, y, line)
        y -= 1.6 * size
    return y


def _wrap(text: str, left: float, right: float, *, size: float) -> list[tuple[float, str]]:
    """(x, line) of a paragraph indented by two characters and wrapped at ``right``."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    out: list[tuple[float, str]] = []
    x, line = left + 2 * size, ""
    for char in text:
        if x + stringWidth(line + char, "SimHei", size) > right:
            out.append((x, line))
            x, line = left, ""
        line += char
    out.append((x, line))
    return out


def make_scanned_pdf(path: Path, *, text_first_page: bool = False) -> Path:
    """A PDF that holds only a picture of a page, as a scanner makes it (after a page
    of text, with ``text_first_page``)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=_A4, invariant=1)
    if text_first_page:
        pdfmetrics.registerFont(TTFont("SimHei", str(font_path())))
        pdf.setFont("SimHei", 16)
        pdf.drawCentredString(_A4[0] / 2, 700, "安徽省储能产业行动方案")
        pdf.showPage()
    _draw_scan(pdf)
    pdf.save()
    return path


def _draw_scan(pdf) -> None:
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader

    image = Image.new("L", (400, 560), 255)
    draw = ImageDraw.Draw(image)
    for row in range(40, 520, 24):
        draw.rectangle((40, row, 360, row + 10), fill=30)
    pdf.drawImage(ImageReader(image), 60, 80, width=470, height=660)
    pdf.showPage()


DOCX_TITLE = "湖南省新能源汽车产业链三年行动计划（2024—2026年）"
DOCX_TABLE = (
    ("序号", "指标名称", "单位", "2023年基数", "2026年目标"),
    ("1", "新能源汽车产量", "万辆", "30", "80"),
    ("2", "产业链营业收入", "亿元", "1200", "2500"),
    ("3", "链主企业数量", "家", "5", "12"),
)


def make_docx(path: Path) -> Path:
    """A Word plan with a number, body text, an indicator table and a signature in 汉字 date."""
    import docx

    document = docx.Document()
    document.add_paragraph("湘工信发〔2024〕9号")
    document.add_paragraph(DOCX_TITLE)
    document.add_paragraph("一、总体目标")
    document.add_paragraph("到2026年，全省新能源汽车产业链营业收入达到2500亿元，产量突破80万辆。")
    document.add_paragraph("主要指标见下表。")
    table = document.add_table(rows=len(DOCX_TABLE), cols=len(DOCX_TABLE[0]))
    for r, cells in enumerate(DOCX_TABLE):
        for c, value in enumerate(cells):
            table.cell(r, c).text = value
    document.add_paragraph("二、重点任务")
    document.add_paragraph("推行“链长+链主+园区”协同机制，年底前引进项目15个。")
    document.add_paragraph("湖南省工业和信息化厅")
    document.add_paragraph("二〇二四年三月十二日")
    document.save(str(path))
    return path


PORTAL_TITLE = (
    "福建省工业和信息化厅关于印发《福建省新能源汽车产业链高质量发展行动方案（2024—2026年）》的通知"
)
PORTAL_BODY = (
    "闽工信规〔2024〕5号",
    "各设区市工信局：",
    "现将《福建省新能源汽车产业链高质量发展行动方案（2024—2026年）》印发给你们，请认真贯彻执行。",
    "一、发展目标",
    "到2026年，全省新能源汽车产业链营业收入突破3000亿元，力争达到3500亿元。",
    "二、重点任务",
    "推广“链主+园区+基金”模式，2024年底前建成3个省级产业园区。",
)
PORTAL_NAVIGATION = (
    "首页",
    "政务公开",
    "互动交流",
    "当前位置",
    "相关文章",
    "版权所有",
    "网站标识码",
)


def make_portal_page(path: Path) -> Path:
    """A government portal page saved from a browser: navigation around the article."""
    body = "\n".join(f"<p>\u3000\u3000{line}</p>" for line in PORTAL_BODY)
    page = f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>福建省新能源汽车产业链行动方案_福建省人民政府门户网站</title>
<link rel="canonical" href="https://gxt.fujian.gov.cn/zwgk/zfxxgk/fdzdgknr/202403/t20240305_1.htm">
</head><body>
<div class="header"><a href="/">首页</a> <a href="/zwgk">政务公开</a> <a href="/hd">互动交流</a>
<a href="/bs">办事服务</a></div>
<div class="nav"><ul><li><a href="/a">省政府</a></li><li><a href="/b">政策文件</a></li>
<li><a href="/c">新闻发布</a></li></ul></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 文件</div>
<div class="article"><h1>{PORTAL_TITLE}</h1>
<div class="info">发布时间：2024-03-05 来源：省工信厅</div>
<div id="zoom" class="TRS_Editor">
{body}
<table><tr><td>指标</td><td>单位</td><td>2023年基数</td><td>2026年目标</td></tr>
<tr><td>动力电池产量</td><td>GW</td><td>100</td><td>200</td></tr></table>
<p style="text-align:right">福建省工业和信息化厅</p>
<p style="text-align:right">2024年3月1日</p>
</div></div>
<div class="related"><h3>相关文章</h3><ul><li><a href="/x">关于做好2024年工业稳增长工作的通知</a></li>
<li><a href="/y">福建省数字经济发展规划</a></li></ul></div>
<div class="footer">版权所有：福建省人民政府办公厅 网站标识码3500000039</div>
</body></html>
"""
    path.write_text(page, encoding="utf-8")
    return path
