"""The reviewer's decisions: which extracted candidates become targets.

Candidates enter the ``targets`` table only through a decision in
``data/raw/review.yaml`` — a short, hand-edited list keyed by document and
quote::

    - doc_id: shanxi_chain_chief_2024
      quote: 整体营收突破7000亿元
      action: accept               # accept | reject | correct | add
    - doc_id: shanxi_pv_2023
      quote: 举办4场以上产业链协作配套签约活动
      action: correct
      set: {commitment: firm}
      note: why the correction (optional)

A decision covers every candidate whose quote overlaps an occurrence of the
decision's quote. A decision whose quote is not in its text, that covers no
candidate (except ``add``), that sets an invalid field, or that conflicts with
another decision is an error naming it — never a silent skip. Candidates that
no decision covers are *pending*: ``policylens review`` lists them.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

import pandas as pd
import yaml

from policylens.errors import ReviewError
from policylens.model.schema import COMMITMENTS, COMPARATORS, INDICATORS, TARGETS, UNITS

ACTIONS = ("accept", "reject", "correct", "add")
_KEYS = {"doc_id", "quote", "action", "set", "note", "occurrence"}
# Fields a decision may set: the targets columns that describe the target itself.
_SETTABLE = tuple(
    TARGETS.column_names[
        TARGETS.column_names.index("scope_zh") : TARGETS.column_names.index("deadline") + 1
    ]
)
_REQUIRED_FOR_ADD = ("scope_zh", "indicator", "value", "unit", "comparator", "commitment")
_PERIOD = re.compile(r"^[0-9]{4}(?:Q[1-4]|H[12]|-[0-9]{2})?$")
#: How values are written, from the schema's units (so a unit added there is allowed here).
_UNIT_HELP = (
    f"a plain number in the canonical unit, one of {', '.join(UNITS)} "
    "(money in yuan: 7.0e+11 for 7000亿元)"
)
#: A decisions file is a list of flat entries: deeper nesting is a mistake or an attack.
_MAX_DEPTH = 4
# What no spreadsheet cell can hold: control characters, and more than 32,767 characters.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_MAX_TEXT = 32_767
CANDIDATE_EXTRA = ("needs_review", "review_reason")

HEADER = """\
# policylens review decisions (see README, "Reviewing extracted targets").
# One entry per decision, keyed by doc_id and an exact quote from the document's
# text (pl.load_text(doc_id)). action: accept | reject | correct | add.
# correct/add take `set:` with any of: scope_zh, scope, chain, indicator, value,
# value_stretch, unit, comparator, commitment, target_year, period, deadline.
"""


class _Loader(yaml.SafeLoader):
    """Safe YAML without implicit dates: a deadline stays text until it is checked."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class Decision:
    """One entry of the decisions file, with where it stands in the file."""

    number: int
    line: int
    doc_id: str
    quote: str
    action: str
    values: dict[str, Any] = field(default_factory=dict)
    note: str = ""
    occurrence: int | None = None

    def where(self) -> str:
        return f"decision {self.number} (line {self.line}, {self.doc_id}: {self.quote!r})"


@dataclass
class Reviewed:
    """The outcome of applying decisions to candidates."""

    targets: pd.DataFrame
    pending: pd.DataFrame
    rejected: int = 0


def read_decisions(
    path: Path, texts: dict[str, str], problems: list[ReviewError] | None = None
) -> list[Decision]:
    """Parse and check the decisions file (missing file: no decisions yet).

    The first bad decision raises ReviewError; with a ``problems`` list, bad
    decisions are collected there instead and left out (for ``policylens review``,
    which must still say what awaits a decision while the file has errors).
    """
    if problems is None:
        return _read_decisions(path, texts, None)
    try:
        return _read_decisions(path, texts, problems)
    except ReviewError as exc:  # the file as a whole cannot be read
        problems.append(exc)
        return []


def _read_decisions(
    path: Path, texts: dict[str, str], problems: list[ReviewError] | None
) -> list[Decision]:
    decisions = []
    for number, line, item in load_entries(path):
        if is_revision_entry(item):  # the revision: section, read by overtime.decisions
            continue
        try:
            decisions.append(_decision(item, number, line, path, texts))
        except ReviewError as exc:
            if problems is None:
                raise
            problems.append(exc)
    return _without_conflicts(decisions, path, problems)


#: The key of an entry that decides on a revision pair (``overtime.decisions``), not a target.
REVISION_KEY = "revision"


def is_revision_entry(item: Any) -> bool:
    """Whether a list entry of the decisions file belongs to the ``revision:`` section."""
    return isinstance(item, dict) and REVISION_KEY in item


def load_entries(path: Path) -> list[tuple[int, int, Any]]:
    """The entries of the decisions file as (number, line, item), safely parsed.

    A missing file has no entries. The file as a whole is checked here (UTF-8,
    YAML, a list, no anchors, no deep nesting, no repeated keys); each entry is
    checked by whoever reads it (target decisions here, revision decisions in
    ``overtime.decisions``), so both sections share one parser and its safety.
    """
    if not path.exists():
        return []
    try:
        content = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReviewError(
            f"not UTF-8 (invalid byte at offset {exc.start})",
            path=path,
            fix="save the decisions file as UTF-8",
        ) from None
    except OSError as exc:  # a folder of that name, no permission to read
        raise ReviewError(
            f"cannot read the decisions file: {exc.strerror or exc}",
            path=path,
            fix="make review.yaml a readable file",
        ) from None
    try:
        _check_structure(content, path)
        root = yaml.compose(content, Loader=_Loader)
        data = yaml.load(content, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise ReviewError(
            f"not valid YAML{where}: {getattr(exc, 'problem', None) or exc}",
            path=path,
            fix="each decision is a list item '- doc_id: …' with quote, action (and set); "
            "quote text that contains ': ' or starts with a symbol must be in quotes",
        ) from None
    if data is None:
        return []
    if not isinstance(data, list) or root is None or not hasattr(root, "value"):
        raise ReviewError(
            "the file must be a YAML list of decisions",
            path=path,
            fix="start each decision with '- doc_id: …'",
        )
    return [
        (number, node.start_mark.line + 1, item)
        for number, (item, node) in enumerate(zip(data, root.value, strict=True), start=1)
    ]


def _check_structure(content: str, path: Path) -> None:
    """Refuse, before building anything, what no decisions file needs.

    A streaming pass over the YAML events (no recursion, no objects built):
    aliases and anchors (an alias bomb expands to gigabytes), nesting deeper
    than a decision's ``set:`` (20,000 levels overflow the recursive
    composer), and a key given twice in one mapping (YAML would keep the last
    one silently).
    """
    stack: list[dict[str, Any]] = []
    number = start = 0

    def fail(problem: str, fix: str, mark) -> None:
        where = f"decision {number} (line {start}): " if number else ""
        raise ReviewError(f"{where}{problem} at line {mark.line + 1}", path=path, fix=fix)

    for event in yaml.parse(content, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            fail(
                "uses a YAML anchor or alias (&name, *name)",
                "write every decision out in full; a decisions file needs no anchors",
                event.start_mark,
            )
        if not isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)):
            if isinstance(event, yaml.CollectionEndEvent):
                stack.pop()
            continue
        if len(stack) == 1:
            number, start = number + 1, event.start_mark.line + 1
        parent = stack[-1] if stack else None
        if parent is not None and parent["mapping"]:
            if parent["expect_key"]:
                if not isinstance(event, yaml.ScalarEvent):
                    fail("has a list or mapping as a key", "keys are plain words", event.start_mark)
                if event.value in parent["keys"]:
                    fail(
                        f"gives the key {event.value!r} twice",
                        f"keep one {event.value}: (YAML would silently use the last)",
                        event.start_mark,
                    )
                parent["keys"].add(event.value)
            parent["expect_key"] = not parent["expect_key"]
        if isinstance(event, yaml.CollectionStartEvent):
            if len(stack) >= _MAX_DEPTH:
                fail(
                    f"is nested more than {_MAX_DEPTH} levels deep",
                    "a decision is doc_id, quote, action and a flat set: of fields",
                    event.start_mark,
                )
            mapping = isinstance(event, yaml.MappingStartEvent)
            stack.append({"mapping": mapping, "expect_key": True, "keys": set()})


def _decision(item: Any, number: int, line: int, path: Path, texts: dict[str, str]) -> Decision:
    """One entry of the decisions file, checked in order; the first problem raises."""

    def fail(problem: str, fix: str) -> NoReturn:
        named = ""
        if isinstance(item, dict) and isinstance(item.get("doc_id"), str):
            quote = item.get("quote")
            named = f", {item['doc_id']}" + (f": {quote!r}" if isinstance(quote, str) else "")
        raise ReviewError(f"decision {number} (line {line}{named}): {problem}", path=path, fix=fix)

    doc_id, quote, action = _decision_key(item, texts, fail)
    values = _decision_values(item, action, fail)
    occurrence = _decision_occurrence(item.get("occurrence"), texts[doc_id].count(quote), fail)
    return Decision(
        number,
        line,
        doc_id,
        quote,
        action,
        _normalised(values),
        str(item.get("note") or ""),
        occurrence,
    )


def _decision_key(item: Any, texts: dict[str, str], fail) -> tuple[str, str, str]:
    """The document, quote and action of a decision, each known and present."""
    if not isinstance(item, dict):
        fail("is not a mapping", "write doc_id, quote and action as 'key: value' lines")
    unknown = sorted(set(item) - _KEYS)
    if unknown:
        fail(
            f"unknown key(s) {', '.join(map(str, unknown))}",
            f"the keys are {', '.join(sorted(_KEYS))}",
        )
    for key in ("doc_id", "quote", "action"):
        if not isinstance(item.get(key), str) or not item[key].strip():
            fail(f"{key} is missing or empty", f"give the decision a {key}")
    doc_id, quote, action = item["doc_id"].strip(), item["quote"], item["action"].strip()
    if action not in ACTIONS:
        fail(f"action {action!r} is not one of {', '.join(ACTIONS)}", "use one of them")
    if doc_id not in texts:
        fail(
            f"unknown doc_id {doc_id!r}",
            f"use a doc_id of documents.csv ({', '.join(sorted(texts))})",
        )
    if quote not in texts[doc_id]:
        fail(
            f"the quote {quote!r} is not in the text of {doc_id}",
            "copy the quote exactly from pl.load_text(doc_id) (the text may have changed; "
            "update or remove the decision)",
        )
    return doc_id, quote, action


def _decision_values(item: dict, action: str, fail) -> dict[str, Any]:
    """The fields a decision sets, checked against its action and the targets schema."""
    values = item.get("set") or {}
    if not isinstance(values, dict):
        fail("set must be a mapping of field: value", "write e.g. set: {commitment: firm}")
    for name, value in {"note": item.get("note"), **values}.items():
        if isinstance(value, str) and (_CONTROL.search(value) or len(value) > _MAX_TEXT):
            fail(
                f"{name} holds a control character or is over {_MAX_TEXT:,} characters long",
                f"retype {name} (it goes into a spreadsheet cell)",
            )
    _check_action_fields(action, values, fail)
    problems = [problem for name, value in values.items() for problem in _check_field(name, value)]
    if problems:
        fail("; ".join(problems), "correct the values (see the targets columns in the README)")
    stretch, floor = values.get("value_stretch"), values.get("value")
    if _is_amount(stretch) and _is_amount(floor) and stretch < floor:
        fail(
            f"value_stretch {stretch!r} is below value {floor!r}",
            "the stretch is the higher goal (力争…): swap the two, or drop value_stretch",
        )
    return values


def _check_action_fields(action: str, values: dict[str, Any], fail) -> None:
    """accept/reject set nothing, correct sets something, add sets every required field."""
    if action in ("accept", "reject") and values:
        fail(f"{action} takes no set:", "use action: correct to change fields")
    if action == "correct" and not values:
        fail("correct needs set: with the fields to change", "add e.g. set: {value: 7.0e+11}")
    if action == "add":
        missing = [name for name in _REQUIRED_FOR_ADD if name not in values]
        if missing:
            fail(f"add needs set: with {', '.join(missing)}", "give every field of the target")
    unfilled = [name for name in _REQUIRED_FOR_ADD if name in values and values[name] is None]
    if unfilled:
        fail(
            f"set: {', '.join(unfilled)} {'is' if len(unfilled) == 1 else 'are'} still empty "
            "(a placeholder of `policylens review --yaml` left unfilled)",
            f"write the {' and '.join(unfilled)} of the target ({_UNIT_HELP}), "
            "or use action: reject if the passage is not a target",
        )


def _decision_occurrence(occurrence: Any, times: int, fail) -> int | None:
    """Which occurrence of the quote is meant (None: every one)."""
    if occurrence is not None and (
        not isinstance(occurrence, int)
        or isinstance(occurrence, bool)
        or occurrence < 1
        or occurrence > times
    ):
        fail(
            f"occurrence {occurrence!r} is not between 1 and {times} (times the quote occurs)",
            "give which occurrence of the quote is meant, counting from 1",
        )
    return occurrence


def _check_field(name: str, value: Any) -> list[str]:
    """Problems with one field a decision sets (empty list: fine)."""
    if name not in _SETTABLE:
        return [f"{name} cannot be set (settable: {', '.join(_SETTABLE)})"]
    if value is None:
        return (
            []
            if name in ("chain", "value_stretch", "target_year", "period", "deadline", "scope")
            else [f"{name} cannot be empty"]
        )
    allowed = {
        "indicator": INDICATORS,
        "unit": UNITS,
        "comparator": COMPARATORS,
        "commitment": COMMITMENTS,
    }
    if name in allowed and value not in allowed[name]:
        return [f"{name} {value!r} is not one of {', '.join(allowed[name])}"]
    if name in ("value", "value_stretch") and not _is_amount(value):
        return [f"{name} {value!r} is not a number ({_UNIT_HELP})"]
    if name == "target_year" and (
        not isinstance(value, int) or isinstance(value, bool) or not 1949 <= value <= 2100
    ):
        return [f"target_year {value!r} is not a year"]
    if name == "period" and not (isinstance(value, (str, int)) and _PERIOD.match(str(value))):
        return [f"period {value!r} is not like 2024, 2024Q2, 2024H1 or 2024-06"]
    if name == "deadline":
        try:
            if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", str(value)):
                raise ValueError
            deadline = dt.date.fromisoformat(str(value))
        except ValueError:
            return [f"deadline {value!r} is not a date (YYYY-MM-DD)"]
        if not 1949 <= deadline.year <= 2100:
            return [f"deadline {value!r} lies outside 1949–2100 (a typo?)"]
    if name in ("scope_zh", "scope", "chain") and not isinstance(value, str):
        return [f"{name} {value!r} is not text"]
    return []


def _is_amount(value: Any) -> bool:
    """A finite, non-negative plain number (YAML 7.0e+11, 700, 9.5)."""
    return (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and math.isfinite(value)
        and value >= 0
    )


def _normalised(values: dict[str, Any]) -> dict[str, Any]:
    out = dict(values)
    if "value" in out:
        out["value"] = float(out["value"])
    if out.get("value_stretch") is not None:
        out["value_stretch"] = float(out["value_stretch"])
    if out.get("period") is not None:
        out["period"] = str(out["period"])
    if out.get("deadline") is not None:
        out["deadline"] = dt.date.fromisoformat(str(out["deadline"]))
    return out


def _without_conflicts(
    decisions: list[Decision], path: Path, problems: list[ReviewError] | None
) -> list[Decision]:
    """The decisions, checked for two on one quote (the later one is the error)."""
    seen: dict[tuple[str, str, int | None], Decision] = {}
    kept = []
    for decision in decisions:
        key = (decision.doc_id, decision.quote, decision.occurrence)
        if key in seen and decision.action != "add":
            first = seen[key]
            error = ReviewError(
                f"{decision.where()} conflicts with {first.where()}: two decisions for the "
                "same quote",
                path=path,
                fix="keep one decision per quote (merge them, or quote a longer passage "
                "to tell the candidates apart)",
            )
            if problems is None:
                raise error
            problems.append(error)
            continue
        seen[key] = decision
        kept.append(decision)
    return kept


def _spans(text: str, decision: Decision) -> list[tuple[int, int]]:
    spans, start = [], text.find(decision.quote)
    while start != -1:
        spans.append((start, start + len(decision.quote)))
        start = text.find(decision.quote, start + 1)
    if decision.occurrence is not None:
        return [spans[decision.occurrence - 1]]
    return spans


def apply_decisions(
    candidates: pd.DataFrame,
    decisions: list[Decision],
    texts: dict[str, str],
    path: Path,
    problems: list[ReviewError] | None = None,
) -> Reviewed:
    """Targets (accepted, corrected, added) and pending candidates, from candidates.

    ``candidates`` has doc_id, province and the extractor's columns. The first
    decision that cannot be applied raises ReviewError; with a ``problems``
    list it is collected there instead, and its candidates stay pending.
    """

    provinces = dict(zip(candidates["doc_id"], candidates["province"], strict=False))
    covered: set[int] = set()
    rows: list[dict[str, Any]] = []
    rejected = 0
    by_doc = {doc_id: group for doc_id, group in candidates.groupby("doc_id", sort=False)}
    for decision in decisions:
        matched = _matched(by_doc.get(decision.doc_id), _spans(texts[decision.doc_id], decision))
        try:
            made = _apply(decision, matched, candidates, texts, path)
        except ReviewError as exc:
            if problems is None:
                raise
            problems.append(exc)
            continue
        covered.update(matched)
        rejected += len(matched) if decision.action == "reject" else 0
        rows += made
    targets = pd.DataFrame(rows, columns=[*TARGETS.column_names])
    for doc_id in targets["doc_id"].unique():
        targets.loc[targets["doc_id"] == doc_id, "province"] = provinces.get(doc_id)
    pending = candidates.drop(index=sorted(covered))
    return Reviewed(_number(targets, texts), pending.reset_index(drop=True), rejected)


def _matched(group: pd.DataFrame | None, spans: list[tuple[int, int]]) -> list[int]:
    """Index labels of the candidates whose quote overlaps one of ``spans``."""
    if group is None:
        return []
    return [
        index
        for index, start, end in zip(
            group.index, group["char_start"], group["char_end"], strict=True
        )
        if any(start < span_end and span_start < end for span_start, span_end in spans)
    ]


def _apply(
    decision: Decision,
    matched: list[int],
    candidates: pd.DataFrame,
    texts: dict[str, str],
    path: Path,
) -> list[dict[str, Any]]:
    """The target rows one decision makes (none for reject); ReviewError if it cannot apply."""
    if decision.action == "add":
        # An added target supersedes whatever the extractor proposed at that place.
        start, end = _spans(texts[decision.doc_id], decision)[0]
        row = {name: None for name in TARGETS.column_names}
        row.update(
            doc_id=decision.doc_id,
            quote=decision.quote,
            char_start=start,
            char_end=end,
            origin="curated",
            scope=decision.values.get("scope"),
        )
        row.update(decision.values)
        return [row]
    if not matched:
        raise ReviewError(
            f"{decision.where()} covers no extracted candidate: the quote is in the text "
            "but the extractor no longer proposes a target there",
            path=path,
            fix="use action: add with set: {…} to keep the target, or remove the decision",
        )
    if decision.action == "reject":
        return []
    rows = []
    for index in matched:
        row = candidates.loc[index].to_dict()
        if decision.action == "accept" and (row.get("needs_review") or _missing(row.get("value"))):
            raise ReviewError(
                f"{decision.where()} accepts a candidate that needs review "
                f"({row.get('review_reason') or 'no value'})",
                path=path,
                fix="use action: correct with set: {value: …, unit: …}",
            )
        row.update(decision.values)
        _check_complete(row, decision, path)
        row["origin"] = "curated" if decision.action == "correct" else "extracted"
        rows.append(row)
    return rows


def _check_complete(row: dict[str, Any], decision: Decision, path: Path) -> None:
    """A corrected target must have every field a target needs, and a stretch above its floor."""
    empty = [name for name in _REQUIRED_FOR_ADD if _missing(row.get(name)) or row[name] == ""]
    if empty:
        raise ReviewError(
            f"{decision.where()}: the corrected target still lacks {', '.join(empty)}",
            path=path,
            fix=f"add {', '.join(empty)} to its set: ({_UNIT_HELP}), or use action: reject",
        )
    stretch = row.get("value_stretch")
    if not _missing(stretch) and stretch < row["value"]:
        raise ReviewError(
            f"{decision.where()}: value_stretch {stretch!r} is below value {row['value']!r}",
            path=path,
            fix="the stretch is the higher goal (力争…): correct value or value_stretch "
            "(value_stretch: null drops it)",
        )


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _number(targets: pd.DataFrame, texts: dict[str, str]) -> pd.DataFrame:
    """Give targets stable ids <doc_id>:<n> in text order; drop exact duplicates."""
    targets = targets.drop_duplicates(
        subset=["doc_id", "char_start", "char_end", "indicator", "value", "unit"]
    )
    targets = targets.sort_values(["doc_id", "char_start", "char_end"], kind="stable")
    targets["target_id"] = [
        f"{doc_id}:{n}"
        for doc_id, n in zip(
            targets["doc_id"], targets.groupby("doc_id").cumcount() + 1, strict=True
        )
    ]
    return targets.reset_index(drop=True)


def decisions_template(pending: pd.DataFrame, action: str = "accept") -> str:
    """YAML entries for pending candidates, ready to paste into the decisions file.

    A candidate that needs review gets ``action: correct`` and a ``set:`` whose
    empty fields are placeholders to fill in; the build names any left empty.
    """
    out = []
    for row in pending.itertuples():
        head = {"doc_id": row.doc_id, "quote": row.quote}
        out.append(yaml.safe_dump([head], allow_unicode=True, sort_keys=False, width=1000))
        if not getattr(row, "needs_review", False):
            out.append(f"  action: {action}\n")
            continue
        reason = " ".join(str(row.review_reason or "no value").split())
        out.append(f"  # needs review: {reason}\n")
        out.append("  # fill in the empty fields below, or write action: reject\n")
        out.append("  action: correct\n  set:\n")
        for name in _REQUIRED_FOR_ADD:
            current = getattr(row, name, None)
            if name in ("value", "unit") or _missing(current) or current == "":
                hint = {
                    "value": "a plain number in that unit",
                    "unit": f"one of {', '.join(UNITS)}",
                    "indicator": f"one of {', '.join(INDICATORS)}",
                    "comparator": f"one of {', '.join(COMPARATORS)}",
                    "commitment": f"one of {', '.join(COMMITMENTS)}",
                    "scope_zh": "what the target is about, in Chinese",
                }[name]
                out.append(f"    {name}: null  # {hint}\n")
    return "".join(out)
