"""What a policy text says about itself: title, issuer, number, date, status, horizon.

Chinese government documents state these facts in fixed places: the 发文字号
on a line of its own under the header (晋能源新能源发〔2023〕68号), the title
either as the document's first line or inside a notice that issues it
(……关于印发《标题》的通知), the issuing body before 关于 in that notice or
in the signature (落款) at the end, and the signing date on its own line below
it (2024年1月12日, 二〇二四年一月十二日). ``read_facts`` looks only in those
places and returns only what it finds there: a fact the text does not state
is left out, never guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from policylens.grammar.numbers import halfwidth_digits, parse_chinese_int
from policylens.model.schema import PROVINCES

# How far into the text a title or a document number may stand.
_HEAD_LINES = 12

_OPEN = re.escape("〔【[［(（")
_CLOSE = re.escape("〕】]］)）")
_DOC_NUMBER = re.compile(
    rf"^[\u4e00-\u9fff]{{0,16}}[{_OPEN}]\s*((?:19|20)\d\d)\s*[{_CLOSE}]\s*第?\s*\d{{1,4}}\s*号$"
)
_CN_DIGIT = "〇零一二三四五六七八九"
_DATE_LINE = re.compile(
    r"^[（(]?\s*(?:(?P<y>(?:19|20)\d\d)\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"
    rf"|(?P<cy>[{_CN_DIGIT}]{{4}})年(?P<cm>[十一二]{{1,2}})月(?P<cd>[十一二三四五六七八九]{{1,3}})日)"
    r"\s*(?:印发)?\s*[）)]?$"
)
# Words a document title ends with (方案, 计划, 意见 …), possibly before a bracketed note.
_TITLE_WORD = re.compile(
    r"(?:方案|计划|规划|意见|通知|办法|措施|纲要|决定|细则|要点|指南|若干政策|政策|报告|清单)"
    r"(?:[（(][^（）()]{1,12}[）)])?$"
)
_ISSUING_NOTICE = re.compile(r"^(?P<issuer>.{0,80}?)关于印发《?(?P<title>[^《》]{4,80}?)》?的通知$")
_ANNEX_PREFIX = re.compile(r"^附件\s*[0-9一二三四五六七八九十]*\s*[：:]?\s*")
_NOTICE_TITLE = re.compile(r"^(?P<issuer>.{2,60}?)关于.{2,80}的(?:通知|意见|决定)$")
_RED_HEADER = re.compile(r"^(?P<issuer>.{2,40}?)文件$")
_BODY_SUFFIX = re.compile(
    r"(?:人民政府|政府|办公厅|办公室|委员会|厅|局|委|部|署|领导小组|小组|中心|联合会|协会|部门)$"
)
_DRAFT = "征求意见稿"
_RANGE_IN_TITLE = re.compile(
    r"[（(]\s*((?:19|20)\d\d)\s*[—–\-－~～至到]+\s*((?:19|20)\d\d)\s*年?\s*[）)]"
)
_YEAR_PLAN_IN_TITLE = re.compile(
    r"((?:19|20)\d\d)\s*年\s*(?:度)?\s*(?:行动方案|行动计划|工作要点|工作方案)"
)
_FIVE_YEAR_PLANS = {"十四五": (2021, 2025), "十五五": (2026, 2030), "十三五": (2016, 2020)}
_PROVINCE_SUFFIX = r"(?:省|市|自治区|壮族自治区|回族自治区|维吾尔自治区|特别行政区)"


@dataclass
class Facts:
    """The facts a text states about itself, each with where it was read."""

    values: dict[str, str] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)

    def set(self, name: str, value: str, source: str) -> None:
        if value and name not in self.values:
            self.values[name] = value
            self.sources[name] = source


def read_facts(text: str) -> Facts:
    """Title, issuer, document number, issue date, status, horizon and province of a text.

    >>> facts = read_facts("晋能源发〔2024〕12号\\n山西省光伏行动方案\\n……\\n山西省能源局\\n2024年1月12日")
    >>> facts.values["title_zh"], facts.values["issued"], facts.values["province"]
    ('山西省光伏行动方案', '2024-01-12', 'Shanxi')
    >>> facts.values["doc_number"], facts.values["issuer_zh"]
    ('晋能源发〔2024〕12号', '山西省能源局')
    """
    lines = [line.strip() for line in text.split("\n")]
    facts = Facts()
    head = [line for line in lines if line][:_HEAD_LINES]
    _read_number(head, facts)
    _read_title(head, facts)
    _read_signature(lines, facts)
    _read_header_issuer(head, facts)
    title = facts.values.get("title_zh", "")
    if _DRAFT in title or any(_DRAFT in line for line in head):
        facts.set("status", "draft", f"{_DRAFT} in the title")
    _read_horizon(title, facts)
    for name in ("issuer_zh", "title_zh"):
        province = province_of(facts.values.get(name, ""))
        if province:
            facts.set("province", province, f"the {name.removesuffix('_zh')} names it")
            facts.set("province_zh", PROVINCES[province], f"the {name.removesuffix('_zh')}")
    return facts


def province_of(name: str) -> str | None:
    """The province (English) a body or title starts with: 山西省能源局 -> Shanxi."""
    for english, chinese in PROVINCES.items():
        if english != "National" and re.match(rf"{chinese}{_PROVINCE_SUFFIX}?", name):
            return english
    return None


def _read_number(head: list[str], facts: Facts) -> None:
    for line in head:
        compact = re.sub(r"\s+", "", line)
        if _DOC_NUMBER.match(compact):
            facts.set("doc_number", compact, "a line of its own at the head of the text")
            return


def _read_title(head: list[str], facts: Facts) -> None:
    for line in head:
        notice = _ISSUING_NOTICE.match(line)
        if notice:
            facts.set("title_zh", notice["title"], "the notice that issues it (关于印发…的通知)")
            facts.set("issuer_zh", _issuer(notice["issuer"]), "the notice that issues it")
            return
    for line in head:
        line = _ANNEX_PREFIX.sub("", line)
        if len(line) <= 80 and not line.endswith(("。", "；", "：")) and _TITLE_WORD.search(line):
            facts.set("title_zh", line, "the first line that reads as a title")
            notice = _NOTICE_TITLE.match(line)
            if notice:
                facts.set("issuer_zh", _issuer(notice["issuer"]), "the title (…关于…)")
            return


def _issuer(text: str) -> str:
    """Bodies written side by side (山西省能源局 山西省工业和信息化厅) joined with 、."""
    parts = [part for part in re.split(r"[\s、]+", text.strip()) if part]
    return "、".join(parts)


def _read_signature(lines: list[str], facts: Facts) -> None:
    """The first line that is only a date, and the issuing bodies just above it."""
    for index, line in enumerate(lines):
        date = parse_date_line(line)
        if date is None or index < 2:
            continue
        facts.set("issued", date.isoformat(), f"the date line {line!r} (落款)")
        bodies = []
        for above in reversed(lines[max(0, index - 4) : index]):
            if not above or not _BODY_SUFFIX.search(above) or len(above) > 40:
                break
            bodies.insert(0, _issuer(above))
        if bodies:
            facts.values.pop("issuer_zh", None)  # the signature is where the issuer signs
            facts.sources.pop("issuer_zh", None)
            facts.set("issuer_zh", "、".join(bodies), "the signature above the date (落款)")
        return


def _read_header_issuer(head: list[str], facts: Facts) -> None:
    for line in head[:3]:
        header = _RED_HEADER.match(line)
        if header and _BODY_SUFFIX.search(header["issuer"]):
            facts.set("issuer_zh", _issuer(header["issuer"]), "the header (…文件)")
            return


def parse_date_line(line: str) -> dt.date | None:
    """A date written alone on a line (2024年1月12日, 二〇二四年一月十二日), else None."""
    match = _DATE_LINE.match(halfwidth_digits(line.strip()))
    if match is None:
        return None
    if match["y"]:
        year, month, day = (int(match[k]) for k in ("y", "m", "d"))
    else:
        year = int(match["cy"].translate(str.maketrans(_CN_DIGIT, "00123456789")))
        month, day = parse_chinese_int(match["cm"]), parse_chinese_int(match["cd"])
        if month is None or day is None:
            return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _read_horizon(title: str, facts: Facts) -> None:
    source = "the title"
    span = _RANGE_IN_TITLE.search(title)
    if span:
        facts.set("horizon_start", span[1], source)
        facts.set("horizon_end", span[2], source)
        return
    for name, (start, end) in _FIVE_YEAR_PLANS.items():
        if name in title:
            facts.set("horizon_start", str(start), f"{source} ({name})")
            facts.set("horizon_end", str(end), f"{source} ({name})")
            return
    single = _YEAR_PLAN_IN_TITLE.search(title)
    if single:
        facts.set("horizon_start", single[1], f"{source} (a plan for one year)")
        facts.set("horizon_end", single[1], f"{source} (a plan for one year)")
