"""Chains, clusters and industries a document names → the ``chains`` table.

Plans list their chains in a few grammatical shapes, read here without any
rule keyed to one document:

* an enumeration closed by a count and a class noun —
  ``电子信息、有色金属、…、现代家具12条制造业重点产业链`` (level ``chain``),
  ``…6个…先进制造业集群`` (``cluster``), ``…优质白酒10个优势产业`` (``industry``);
  the class phrase is the members' ``parent``;
* a count without members (``向全部16条省级重点产业链推行``): one row with that
  ``count`` — kept only when the document names no enumeration of the same
  count and level, and skipped when it is a target or a subset (``新增4条``,
  ``5条以上``, ``在5条…``);
* sub-chains, ``…锂电、光伏等细分产业链`` or ``以“硅料-硅片-电池-组件”为主链，
  辅材和设备等为侧链``, under the enclosing chain: the paragraph's heading
  (``新能源产业链。坚持…``), else the chain named last before them in the
  paragraph, else the chain the document names most;
* headed paragraphs (``电子信息产业链。``) and named chains (``“新能源产业链”``,
  ``光伏产业链``) add a row unless they restate one already listed.

One row per distinct chain (its name without the class noun), level and
parent; the quote is the clause of its first listing. English labels and
chain keys come from :func:`policylens.model.vocab.label_scope`, read in the context
of the enclosing chain. Every distinct chain has its own key: a sub-chain never
carries its parent's key (石油化工 under 石化化工), and a name the vocabulary
cannot translate gets an empty label and key and an :class:`UnlabelledWarning`
naming it — never an invented label.
"""

from __future__ import annotations

import datetime
import re
import warnings
from collections import Counter
from dataclasses import dataclass

import pandas as pd

from policylens.grammar.clauses import CLAUSE_DELIMITERS, HEADING_NUMBER, clause_span
from policylens.grammar.numbers import halfwidth_digits, parse_chinese_int
from policylens.model.schema import CHAINS as CHAINS_TABLE
from policylens.model.vocab import CHAINS as CHAIN_WORDS
from policylens.model.vocab import UnlabelledWarning, label_scope, reading_context

__all__ = ["extract_chain_rows", "extract_chains"]

_DELIM = CLAUSE_DELIMITERS
_NUM = r"[0-9０-９]{1,3}|[一二两三四五六七八九十]{1,3}"
_CLASS = r"产业链|产业集群|集群|产业领域|产业|行业"
_COUNT = re.compile(
    rf"(?P<num>{_NUM})\s*(?P<clf>个|条|大)(?P<cls>[^{_DELIM}、]{{0,16}}?(?:{_CLASS}))"
)
# 等 + a class phrase that ends its clause: 锂电、光伏等细分产业链， / 集成电路等先导产业链。
_ETC = re.compile(
    rf"等(?P<cls>[^{_DELIM}、等的与和及向对在为把将从地]{{0,8}}?(?:产业链|细分领域))(?=[{_DELIM}、]|$)"
)
_MAIN = re.compile(r"以[“\"]?(?P<main>[^，。；“”\"\n]{2,40}?)[”\"]?为主链")
_SIDE = re.compile(r"(?P<side>[^，。；：“”\"\n]{1,30}?)为(?:侧链|辅链|支链)")
_QUOTED = re.compile(r"[“\"](?P<name>[^“”\"\n]{1,20}?(?:产业链|集群))[”\"]")
_HEADING = re.compile(
    rf"{HEADING_NUMBER}?"
    rf"(?P<name>[^{_DELIM}、（(]{{1,20}}?(?:{_CLASS}))[。．]"
)
_NOT_A_COUNT_BEFORE = re.compile(
    r"(?:新增|增加|增至|达到|突破|超过|新培育|再培育|培育|争创|创建|打造|在|第|前|后|每)$"
)
_NOT_A_COUNT_AFTER = re.compile(r"^(?:以上|以下|左右|以内|之内|多)")
_VERBS = (
    r"打造|培育|发展|建设|壮大|做强|做优|做大|提升|推动|推进|围绕|聚焦|布局|形成|构建|包括|涵盖|"
    r"支持|实施|建成|创建|培优|突出|巩固|拓展|延伸|引进|聚力|着力|共有|拥有|列为|确定|明确"
)
# Everything up to the last verb of a first item is its lead-in: 湖北省将着力打造光电子信息.
_VERB = re.compile(_VERBS)
_LEAD_IN = re.compile(rf"^.*(?:{_VERBS})")
_LEAD_WORD = re.compile(r"^(?:将|把|即|对|其中|重点|加快|大力|积极|全力|努力|力争|持续|进一步)+")
_LEAD_VERB = re.compile(rf"^(?:{_VERBS}|将|把|即)")
_ITEM_TRIM = '“”"‘’「」『』 \u3000'
_ITEM_PREFIX = re.compile(r"^(?:以及|及|和|与|其他|其它|还有)+")
_AND = re.compile(r"以及|和|及|与")
_CHAIN_WORD = re.compile("产业链")
_UMBRELLA = {
    "key_chains",
    "industry",
    "industry_above_size",
    "manufacturing",
    "advanced_manufacturing",
}
_KNOWN = sorted(
    (w for w, (key, _) in CHAIN_WORDS.items() if key not in _UMBRELLA), key=len, reverse=True
)
# The known words by length, longest first: the word before 产业链 is found by a set
# look-up per length (was a scan of every word at every 产业链: 40% of a corpus build's
# extraction).
_KNOWN_BY_LENGTH = [
    (n, frozenset(w for w in _KNOWN if len(w) == n))
    for n in sorted({len(w) for w in _KNOWN}, reverse=True)
]
_SUFFIXES = ("先进制造业集群", "产业集群", "集群", "全产业链", "产业链", "产业领域", "产业", "行业")
_MAX_ITEM = 20
_MAX_SEGMENT = 400
_MAX_SUB_ITEM = 12


@dataclass
class _Row:
    chain_zh: str
    level: str
    parent: str
    count: int
    start: int
    end: int
    role: str = ""  # "Main chain" / "Side chain" for 主链/侧链 rows
    context: str = ""  # the chain its words are read in, when not its parent's


def _label(chain_zh: str, role: str, context: str) -> tuple[str, str]:
    """English label and chain key; both empty when the vocabulary cannot translate the name.

    ``context`` is the key of the enclosing chain (电池 in a PV plan is PV cells).
    A name only partly known gets no key either: 无机非金属新材料 is not 新材料.
    """
    label, chain = label_scope(chain_zh, context)
    if not label:
        return "", ""
    if role:
        lowered = label if label[1:2].isupper() else label[0].lower() + label[1:]  # PV stays PV
        label = f"{role}: {lowered}"
    return label, chain


def _level(cls: str) -> str:
    if cls.endswith("集群"):
        return "cluster"
    if cls.endswith("链"):
        return "chain"
    return "industry"


def _core(name: str) -> str:
    """A chain's name without its class noun: 装备制造业产业链 and 装备制造 are one chain."""
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            name = name[: -len(suffix)]
            break
    if name.endswith("业") and len(name) > 2:
        name = name[:-1]
    return name


def _class_phrase(cls: str) -> str:
    """The group noun of a class phrase: 综合实力…强的先进制造业集群 → 先进制造业集群."""
    return cls.rsplit("的", 1)[-1].strip()


def _count(num: str) -> int | None:
    num = halfwidth_digits(num)
    if num.isdigit():
        return int(num)
    return parse_chinese_int(num)


def _segment_start(text: str, pos: int) -> int:
    """Start of the list that ends at `pos` (bounded: lists are short)."""
    lo = pos
    floor = max(0, pos - _MAX_SEGMENT)
    while lo > floor and text[lo - 1] not in _DELIM:
        lo -= 1
    return lo


def _clean(item: str, first: bool) -> str:
    item = item.strip(_ITEM_TRIM)
    if first:
        item = _LEAD_IN.sub("", item)
        item = _LEAD_WORD.sub("", item).strip(_ITEM_TRIM)
    item = _ITEM_PREFIX.sub("", item).strip(_ITEM_TRIM)
    return item


def _items(segment: str, split_and: bool) -> list[str]:
    raw = segment.split("、")
    out: list[str] = []
    for i, item in enumerate(raw):
        item = _clean(item, first=i == 0)
        parts = _AND.split(item) if split_and else [item]
        out.extend(p for p in (_clean(p, first=False) for p in parts) if p)
    return out


def _named_chains(text: str) -> list[tuple[int, int, str]]:
    """Every chain named in the text: “X产业链” and <known chain word>产业链, in order."""
    found: dict[int, tuple[int, int, str]] = {}
    for m in _QUOTED.finditer(text):
        found[m.start("name")] = (m.start("name"), m.end("name"), m.group("name"))
    for m in _CHAIN_WORD.finditer(text):
        i = m.start()
        word = next(
            (text[i - n : i] for n, words in _KNOWN_BY_LENGTH if text[max(0, i - n) : i] in words),
            None,
        )
        if word and i - len(word) not in found:
            found[i - len(word)] = (i - len(word), m.end(), word + "产业链")
    return [found[k] for k in sorted(found)]


def _headings(text: str) -> list[tuple[int, int, int, str]]:
    """(line start, line end, name start, name) of lines opened by a chain heading."""
    out = []
    pos = 0
    for line in text.split("\n"):
        m = _HEADING.match(line)
        if m:
            name = m.group("name")
            if (
                not _VERB.search(name)
                and not _LEAD_VERB.match(name)
                and not _COUNT.search(name)
                and label_scope(name)[1] not in _UMBRELLA
            ):
                out.append((pos, pos + len(line), pos + m.start("name"), name))
        pos += len(line) + 1
    return out


def _enclosing(
    text: str,
    pos: int,
    headings: list[tuple[int, int, int, str]],
    named: list[tuple[int, int, str]],
    dominant: str,
) -> str:
    """The chain a sub-chain statement at `pos` belongs to."""
    for line_start, line_end, _, name in headings:
        if line_start <= pos <= line_end and name.endswith("链"):
            return name
    line_start = text.rfind("\n", 0, pos) + 1
    before = [name for start, end, name in named if line_start <= start and end <= pos]
    if before:
        return before[-1]
    return dominant


#: The chains table's columns that one text gives (tables adds doc_id and province).
EXTRACTED_COLUMNS = [c for c in CHAINS_TABLE.column_names if c not in ("doc_id", "province")]


def extract_chains(text: str, issued: datetime.date | None = None) -> pd.DataFrame:
    """The chains table of one document's text (pure; never raises).

    The contract of every extractor: ``(text, issued)`` in, the rows of one table out,
    without the document's ``doc_id`` and ``province`` (``engine.frames`` adds
    them). ``issued`` is accepted for that contract; chain names carry no dates.

    >>> df = extract_chains("打造光伏、锂电2个产业集群。")
    >>> df[["chain_zh", "level", "parent", "chain"]].values.tolist()
    [['光伏', 'cluster', '产业集群', 'photovoltaic'], ['锂电', 'cluster', '产业集群', 'lithium_battery']]
    """

    return pd.DataFrame(extract_chain_rows(text, issued), columns=EXTRACTED_COLUMNS)


def extract_chain_rows(text: str, issued: datetime.date | None = None) -> list[dict]:
    """The rows of :func:`extract_chains` as plain dicts (a corpus run builds one frame)."""
    found = _ChainsOfText(text if isinstance(text, str) else "")
    found.enumerations()
    found.sub_chains()
    found.main_and_side_chains()
    found.headed_and_named()
    found.bare_counts()
    out = [_table_row(found.text, row) for row in found.in_order()]
    unlabelled = [row["chain_zh"] for row in out if not row["label"]]
    if unlabelled:
        warnings.warn(
            UnlabelledWarning(
                f"no English label for {', '.join(dict.fromkeys(unlabelled))}; "
                "their label and chain key are left empty until they are added to "
                "policylens/model/vocab.py (CHAINS)"
            ),
            stacklevel=3,
        )
    return out


class _ChainsOfText:
    """The chains one text names, found in four passes that each see the ones before."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.rows: dict[tuple[str, str, str], _Row] = {}
        self.named_counts: set[tuple[int, str]] = set()
        self.counts: list[tuple[int, str, str, int, int]] = []
        self.named = _named_chains(text)
        self.headings = _headings(text)
        tally = Counter(name for _, _, name in self.named if not name.startswith(("“", '"')))
        self.dominant = tally.most_common(1)[0][0] if tally else ""

    def add(
        self,
        chain_zh: str,
        level: str,
        parent: str,
        count: int,
        start: int,
        end: int,
        role: str = "",
        context: str = "",
    ) -> None:
        key = (_core(chain_zh) if count == 1 else chain_zh, level, parent)
        if key not in self.rows:
            lo, hi = clause_span(self.text, start, end)
            self.rows[key] = _Row(chain_zh, level, parent, count, lo, hi, role, context)

    def enumerations(self) -> None:
        """1. enumerations closed by a count and a class noun; bare counts are kept for later."""
        text = self.text
        for m in _COUNT.finditer(text):
            n = _count(m.group("num"))
            if not n:
                continue
            cls = _class_phrase(m.group("cls"))
            if not cls or _NOT_A_COUNT_AFTER.match(m.group("cls")):
                continue  # 10个以上产业链…: a threshold, not a list
            level = _level(cls)
            if self._listed_members(m, n, cls, level):
                continue
            if _NOT_A_COUNT_BEFORE.search(text[max(0, m.start() - 3) : m.start()]):
                continue
            self.counts.append((n, cls, level, m.start(), m.end()))

    def _listed_members(self, m, n: int, cls: str, level: str) -> bool:
        """Add the members listed before a count (光伏、锂电2个产业集群); False if none."""
        seg_start = _segment_start(self.text, m.start())
        segment = self.text[seg_start : m.start()]
        if not ("、" in segment or (n == 2 and _AND.search(segment))):
            return False
        items = _items(segment, split_and=False)
        if len(items) < n:
            split = _items(segment, split_and=True)
            items = split if len(split) == n else items
        if len(items) < 2 or any(len(i) > _MAX_ITEM for i in items):
            return False
        self.named_counts.add((n, level))
        for item in items:
            self.add(item, level, cls, 1, seg_start, m.end())
        return True

    def sub_chains(self) -> None:
        """2. sub-chains: 锂电、光伏等细分产业链 (under the enclosing chain, else chains)."""
        text = self.text
        for m in _ETC.finditer(text):
            seg_start = _segment_start(text, m.start())
            items = _items(text[seg_start : m.start()], split_and=True)
            if not items or any(len(i) > _MAX_SUB_ITEM or "等" in i for i in items):
                continue
            parent = _enclosing(text, seg_start, self.headings, self.named, "")
            if parent:
                for item in items:
                    if _core(item) != _core(parent):
                        self.add(item, "sub_chain", parent, 1, seg_start, m.end())
                continue
            listed = {
                _core(r.chain_zh) for r in self.rows.values() if r.level in ("chain", "sub_chain")
            }
            cls = _class_phrase(m.group("cls"))
            for item in items:
                if _core(item) not in listed:
                    self.add(item, "chain", cls, 1, seg_start, m.end())

    def main_and_side_chains(self) -> None:
        """2b. 以“A-B-C”为主链，D和E等为侧链: main and side chains are read in the chain the
        main chain names by its own words (辅材 and 设备 beside 硅料-硅片-电池-组件 are PV's),
        else in their parent's."""
        text = self.text
        for m in _MAIN.finditer(text):
            parent = _enclosing(text, m.start(), self.headings, self.named, self.dominant)
            main = m.group("main").strip()
            context = reading_context(main)
            start, end = m.start("main"), m.end()
            self.add(main, "sub_chain", parent, 1, start, end, "Main chain", context)
            side = _SIDE.match(text, m.end() + 1) if m.end() < len(text) else None
            if not (side and text[m.end()] in "，,、；;"):
                continue
            for item in _items(side.group("side").removesuffix("等"), split_and=True):
                if len(item) <= _MAX_SUB_ITEM:
                    self.add(
                        item,
                        "sub_chain",
                        parent,
                        1,
                        side.start(),
                        side.end(),
                        "Side chain",
                        context,
                    )

    def restated(self, name: str) -> bool:
        """Whether ``name`` only restates a chain already listed."""
        core = _core(name)
        level = _level(name)
        levels = ("chain", "sub_chain") if level == "chain" else (level,)
        for row in self.rows.values():
            if row.level not in levels:
                continue
            if _core(row.chain_zh) == core:
                return True
            if row.parent and name == row.chain_zh + row.parent:
                return True
        return False

    def headed_and_named(self) -> None:
        """3. headed paragraphs and named chains, unless they restate a listed one."""
        mentions = [
            (start, end, name) for _, _, start, name in self.headings for end in [start + len(name)]
        ]
        for start, end, name in sorted([*mentions, *self.named]):
            if not self.restated(name):
                self.add(name, _level(name), "", 1, start, end)

    def bare_counts(self) -> None:
        """4. counts stated without their members (16条重点产业链)."""
        seen_counts: set[tuple[int, str]] = set()
        for n, cls, level, start, end in self.counts:
            if (n, level) in self.named_counts or (n, level) in seen_counts:
                continue
            seen_counts.add((n, level))
            self.add(cls, level, "", n, start, end)

    def in_order(self) -> list[_Row]:
        return sorted(self.rows.values(), key=lambda r: (r.start, r.chain_zh))


def _table_row(text: str, row: _Row) -> dict:
    """One row of the chains table, labelled from the vocabulary (empty label: unknown)."""
    parent_key = label_scope(row.parent)[1] if row.parent else ""
    label, chain = _label(row.chain_zh, row.role, row.context or parent_key)
    if row.level == "sub_chain" and chain and chain == parent_key:
        label, chain = "", ""  # a sub-chain never stands for its parent: review the name
    return {
        "chain_zh": row.chain_zh,
        "label": label,
        "chain": chain,
        "level": row.level,
        "parent": row.parent,
        "count": row.count,
        "quote": text[row.start : row.end],
        "char_start": row.start,
        "char_end": row.end,
    }
