"""“A+B(+C)” mechanisms → modes and their actors.

Provincial plans name their coordination mechanisms as actors joined by “+”
(``“政府+链主+园区”招商``, ``“重大项目+链长+属地”共建``). Comparing provinces by
which actors they combine needs each expression decomposed into actors with
English keys, and the same set of actors — in any order, or with a synonym
(园区/开发区, 项目/重大项目) — recognised as one mode.

Rules (documented because tables and plots rely on them):

* An expression is two or more parts joined by ``+`` or ``＋`` (spaces allowed),
  quoted “…” or bare, inside 《…》 titles too; a quoted one-sided ``“白酒+”``
  is an expression of one part. Bare expressions are trimmed to the actor
  words at their ends (``推行政府+链主+园区招商`` → 政府, 链主, 园区).
* A part is an actor only when the part *as a whole* is an actor word of
  :data:`~policylens.model.vocab.ACTORS` (专家 is the experts actor, 专家评审 is an activity). Unknown
  parts keep their Chinese in ``actor_zh`` and get the key ``other:<Chinese>``.
* ``kind`` is ``collaboration`` when the expression has at least two parts, at
  least two distinct known actors, and at most one part that is not a known
  actor; every other “+” slogan (线上+线下, 1+N, 承诺制+标准地+全代办,
  政策+服务, one-sided 链长+) is ``other``.
* ``mode_key`` is the distinct actor keys, sorted, joined by ``+``; a one-sided
  expression ends in ``+*``. One row per (mode_key, kind) per document, quoting
  the clause of its first statement; ``mentions`` counts every statement.
* ``purpose_zh`` is the purpose word of :data:`PURPOSES` right after the
  expression (``招商``, ``共建``, ``企业梯度培育`` → 培育), else empty.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

import pandas as pd

from policylens.grammar.clauses import CLAUSE_DELIMITERS, clause_span
from policylens.model.schema import MODE_ACTORS, MODES
from policylens.model.vocab import ACTORS, PURPOSES, purpose_label

__all__ = ["ACTORS", "PURPOSES", "actor_key", "extract_mode_rows", "extract_modes"]

_PART_CHARS = "0-9A-Za-z０-９Ａ-Ｚａ-ｚ\u3400-\u4dbf\u4e00-\u9fff·"
_PART = rf"[{_PART_CHARS}]+"
_PLUS = r"[ \u3000]*[+＋][ \u3000]*"
# Matches start only where a word starts, so a long run without “+” is scanned once.
_EXPR = re.compile(
    rf"(?<![{_PART_CHARS}])(?:{_PART}(?:{_PLUS}{_PART})+|{_PART}[ \u3000]*[+＋](?![ \u3000]*{_PART}))"
)
_TRAILING_PLUS = re.compile(r"[+＋][ \u3000]*$")
_SPLIT = re.compile(r"[ \u3000]*[+＋][ \u3000]*")
_OPEN_QUOTES = "“\"‘'「『"
_CLOSE_QUOTES = "”\"’'」』"
_CLAUSE_END = re.compile(f"[{re.escape(CLAUSE_DELIMITERS)}]")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_MODE_NOUN = re.compile(r"模式|机制|体系|方式|格局|方案|工程|行动|路径")
# Verbs and connectives that open a bare expression (推行政府+链主+园区 → 政府).
_LEAD_VERB = re.compile(
    r"^(?:(?:全力|大力|积极|深度|深入|探索|加快|着力|持续|进一步|全面|创新)?"
    r"(?:推行|推广|实施|建立|构建|健全|完善|打造|形成|采取|采用|开展|落实|运用|发挥|探索|坚持|"
    r"创新|推进|推动|依托|通过|以|按照|实行|建设))+"
)
_ACTOR_WORDS = sorted(ACTORS, key=len, reverse=True)
_PURPOSE_WORDS = sorted(PURPOSES, key=len, reverse=True)
_PURPOSE_WINDOW = 12


@dataclass(frozen=True)
class _Mention:
    start: int  # first character of the expression (its opening quote, if any)
    end: int
    mode_zh: str
    parts: tuple[str, ...]
    one_sided: bool
    purpose_zh: str


def actor_key(part: str) -> str | None:
    """English key of an actor word, or None when the part as a whole is no actor."""
    return ACTORS.get(part.replace(" ", "").replace("\u3000", ""))


def _trim_bare(parts: list[str]) -> list[str]:
    """Cut a bare expression's outer parts down to the words that belong to it."""
    first, last = parts[0], parts[-1]
    suffix = next((w for w in _ACTOR_WORDS if first.endswith(w)), None)
    if suffix is None:
        stripped = _LEAD_VERB.sub("", first)
        first = stripped or first
        first = first[-6:]
    else:
        first = suffix
    prefix = next((w for w in _ACTOR_WORDS if last.startswith(w)), None)
    if prefix is None:
        cut = _MODE_NOUN.search(last)
        if cut and cut.start() > 0:
            last = last[: cut.start()]
        for word in _PURPOSE_WORDS:
            i = last.find(word)
            if i > 0:
                last = last[:i]
        last = last[:6]
    else:
        last = prefix
    return [first, *parts[1:-1], last] if len(parts) > 1 else [first]


def _purpose(text: str, end: int) -> str:
    """The purpose word written right after a mode, or ''."""
    run = text[end : end + _PURPOSE_WINDOW]
    stop = _CLAUSE_END.search(run)
    run = run[: stop.start()] if stop else run
    noun = _MODE_NOUN.search(run)
    window = run[: noun.end()] if noun else run[:4]
    for i in range(len(window)):
        for word in _PURPOSE_WORDS:
            if window.startswith(word, i):
                return word
    return ""


def _mentions(text: str) -> list[_Mention]:
    out: list[_Mention] = []
    if "+" not in text and "＋" not in text:
        return out
    for m in _EXPR.finditer(text):
        start, end = m.span()
        raw = m.group(0)
        one_sided = bool(_TRAILING_PLUS.search(raw))
        before = text[start - 1] if start > 0 else ""
        after = text[end] if end < len(text) else ""
        quoted = before in _OPEN_QUOTES and after in _CLOSE_QUOTES
        if one_sided and not quoted:
            continue  # a bare “X+” is too ambiguous to read as a slogan
        parts = [p for p in _SPLIT.split(raw) if p]
        if not parts:
            continue
        if not quoted and len(parts) > 1:
            trimmed = _trim_bare(parts)
            start += len(parts[0]) - len(trimmed[0])
            end -= len(parts[-1]) - len(trimmed[-1])
            parts = trimmed
            raw = text[start:end]
        purpose_from = end + 1 if quoted else end
        out.append(
            _Mention(
                start=start - 1 if quoted else start,
                end=end + 1 if quoted else end,
                mode_zh=raw.strip(),
                parts=tuple(parts),
                one_sided=one_sided,
                purpose_zh=_purpose(text, purpose_from),
            )
        )
    # “链长+”“链主+”工作模式: adjacent expressions share the purpose written after the last
    for i in range(len(out) - 2, -1, -1):
        current, following = out[i], out[i + 1]
        if not current.purpose_zh and following.start - current.end <= 1:
            gap = text[current.end : following.start]
            if gap in ("", "、"):
                out[i] = _replace_purpose(current, following.purpose_zh)
    return out


def _replace_purpose(mention: _Mention, purpose_zh: str) -> _Mention:
    return _Mention(
        mention.start,
        mention.end,
        mention.mode_zh,
        mention.parts,
        mention.one_sided,
        purpose_zh,
    )


def _classify(
    parts: tuple[str, ...], one_sided: bool
) -> tuple[list[tuple[str, str, int]], str, str]:
    """(actor key, actor word, position) in written order, the mode key and the kind."""
    actors: list[tuple[str, str, int]] = []
    seen: set[str] = set()
    known = unknown = 0
    for position, part in enumerate(parts, start=1):
        key = actor_key(part)
        if key is None:
            unknown += 1
            key = f"other:{part.replace(' ', '')}"
        else:
            known += 1
        if key not in seen:
            seen.add(key)
            actors.append((key, part.strip(), position))
    distinct_known = len({k for k, _, _ in actors if not k.startswith("other:")})
    collaboration = (
        not one_sided and len(parts) >= 2 and distinct_known >= 2 and unknown <= 1 and known >= 2
    )
    mode_key = "+".join(sorted(seen)) + ("+*" if one_sided else "")
    return actors, mode_key, "collaboration" if collaboration else "other"


def _extracted(table) -> list[str]:
    """A table's columns that one text gives (tables adds doc_id and province)."""
    return [c for c in table.column_names if c not in ("doc_id", "province")]


def extract_modes(
    text: str, issued: datetime.date | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The (modes, mode_actors) tables of one document's text.

    Pure and total: any string gives two frames with the columns of
    ``schema.MODES`` and ``schema.MODE_ACTORS`` (empty when the text names no
    mode).

    Ids are per text (``m1``, ``m2`` …); ``engine.frames`` adds the document's
    ``doc_id`` (also before each id) and ``province``. ``issued`` is accepted for the
    extractors' one contract; a mode carries no date.

    >>> modes, actors = extract_modes("推行“政府+链主+园区”招商。")
    >>> modes[["mode_key", "kind", "purpose_zh"]].values.tolist()
    [['chain_leader_firm+government+park', 'collaboration', '招商']]
    """

    modes, actors = extract_mode_rows(text, issued)
    return (
        pd.DataFrame(modes, columns=_extracted(MODES)),
        pd.DataFrame(actors, columns=_extracted(MODE_ACTORS)),
    )


def extract_mode_rows(
    text: str, issued: datetime.date | None = None
) -> tuple[list[dict], list[dict]]:
    """The rows of :func:`extract_modes` (modes, mode_actors) as plain dicts."""
    if not isinstance(text, str):
        text = ""
    rows: dict[tuple[str, str], dict] = {}
    actor_rows: dict[tuple[str, str], list[tuple[str, str, int]]] = {}
    for mention in _mentions(text):
        actors, mode_key, kind = _classify(mention.parts, mention.one_sided)
        key = (mode_key, kind)
        if key in rows:
            rows[key]["mentions"] += 1
            if not rows[key]["purpose_zh"] and mention.purpose_zh:
                rows[key]["purpose_zh"] = mention.purpose_zh
                rows[key]["purpose"] = purpose_label(mention.purpose_zh)
            continue
        lo, hi = clause_span(text, mention.start, mention.end)
        rows[key] = {
            "mode_zh": mention.mode_zh,
            "mode_key": mode_key,
            "kind": kind,
            "purpose_zh": mention.purpose_zh,
            "purpose": purpose_label(mention.purpose_zh),
            "mentions": 1,
            "quote": text[lo:hi],
            "char_start": lo,
            "char_end": hi,
        }
        actor_rows[key] = actors
    modes = []
    actor_table = []
    for n, (key, row) in enumerate(rows.items(), start=1):
        mode_id = f"m{n}"
        modes.append({"mode_id": mode_id, **row})
        for actor, actor_zh, position in actor_rows[key]:
            actor_table.append(
                {
                    "mode_id": mode_id,
                    "mode_key": row["mode_key"],
                    "actor": actor,
                    "actor_zh": actor_zh,
                    "position": position,
                }
            )
    return modes, actor_table
