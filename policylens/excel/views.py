"""The reading sheets of the workbook: each a frame and its columns, made from the tables
(Revenue goals, Chain counts, Collaboration modes; Targets with its money columns)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from policylens.excel.cells import (
    MONEY_COLUMNS,
    TABLE_LABELS,
    YUAN_PER_BN,
    YUAN_PER_YI,
    _Col,
    _decimals_format,
    _with_sign,
)
from policylens.model.schema import CHAIN_LEVELS, TABLES
from policylens.plots.glossary import per_label
from policylens.plots.revenue import whole_set_label
from policylens.summaries import revenue_roles

# --------------------------------------------------------------------------- sheets


def _schema_columns(table: str) -> list[_Col]:
    out = []
    for column in TABLES[table].columns:
        kind = {"string": "text", "category": "text"}.get(column.type, column.type)
        unit = column.unit
        if column.name in ("value", "value_stretch"):
            unit = "unit"
        long_text = ("quote", "title_zh", "title_en", "note", "why")
        wrap = True if column.name in long_text or column.name.endswith("_quote") else None
        shows = table == "targets" and column.name == "value"
        label = TABLE_LABELS.get((table, column.name), "")
        out.append(
            _Col(
                column.name, kind, unit, _describe(column), wrap=wrap, comparator=shows, label=label
            )
        )
    return out


def with_money_columns(frame: pd.DataFrame, columns: list[_Col]) -> tuple[pd.DataFrame, list[_Col]]:
    """Targets with money also in 亿元 and CNY bn, right after the exact yuan (display only:
    the stored value stays in yuan; rows in other units leave these cells empty)."""

    if not {"value", "unit"} <= set(frame.columns):
        return frame, columns
    money = frame["unit"].astype("string") == "CNY"
    out = frame.copy()
    extra = []
    for name, of, unit, divisor in MONEY_COLUMNS:
        if of not in frame.columns:
            continue  # actuals: a value, no stretch
        out[name] = pd.to_numeric(out[of], errors="coerce").where(money.fillna(False)) / divisor
        extra.append(
            _Col(
                name,
                "float",
                unit,
                f"{of} of a money row in {unit} ({of} / {divisor:.0e}); shown beside the "
                "exact yuan, not in the CSV",
                comparator=of == "value",
            )
        )
    names = [c.name for c in columns]
    last = "value_stretch" if "value_stretch" in names else "value"
    at = names.index(last) + 1 if last in names else len(columns)
    return out, [*columns[:at], *extra, *columns[at:]]


#: The money columns of the over-time sheets, each shown also in 亿元 right after it.
YI_COLUMNS = {
    "revisions": ("earlier_value", "earlier_stretch", "later_value", "later_stretch"),
    "attainment": ("value", "value_stretch", "tested_value", "outcome_value"),
}


def with_yi_columns(
    frame: pd.DataFrame, columns: list[_Col], names: tuple[str, ...]
) -> tuple[pd.DataFrame, list[_Col]]:
    """``frame`` with each money column of ``names`` also in 亿元 right after it (display
    only, empty in rows of other units): 3.5e11 yuan reads as 3,500 亿元."""
    money = frame["unit"].astype("string").eq("CNY").fillna(False)
    out, placed = frame.copy(), []
    for column in columns:
        placed.append(column)
        if column.name in names:
            name = f"{column.name}_yi"
            out[name] = pd.to_numeric(out[column.name], errors="coerce").where(money) / YUAN_PER_YI
            placed.append(
                _Col(
                    name,
                    "float",
                    "亿元",
                    f"{column.name} of a money goal in 亿元 (display only, not in the CSV)",
                    label=f"{column.heading.removesuffix(', in its unit')} in 亿元",
                )
            )
    return out, placed


def _describe(column) -> str:
    text = column.description
    if column.values and column.values[0] not in text and len(column.values) <= 12:
        text += f" (one of: {', '.join(column.values)})"
    return text


def _in_date_order(milestones: pd.DataFrame) -> pd.DataFrame:
    """Milestones by deadline (undated last), then in text order."""
    return milestones.sort_values(
        ["deadline", "doc_id", "char_start", "milestone_id"], na_position="last", kind="stable"
    ).reset_index(drop=True)


def _revenue_goals(
    targets: pd.DataFrame, chains: pd.DataFrame | None = None
) -> tuple[pd.DataFrame, list[_Col], set, dict]:
    """Chain revenue goals: one row per chain and floor/stretch, one column per province/year."""

    revenue = targets[
        (targets["indicator"].astype(str) == "revenue") & (targets["unit"].astype(str) == "CNY")
    ].copy()
    lead = [
        _Col("chain", description="Normalised chain key (the scope as written when there is none)"),
        _Col("scope", description="English label of the scope"),
        _Col("scope_zh", description="The scope in the text's own words"),
        _Col(
            "value",
            description="floor (the value stated), or stretch (力争 'strive for')",
            label="Floor or stretch",
        ),
    ]
    tail = [_Col("target_id", description="The targets summarised in the row (sheet Targets)")]
    if revenue.empty:
        columns = [*lead, *tail]
        return pd.DataFrame(columns=[c.name for c in columns]), columns, set(), {}
    revenue["key"] = (
        revenue["chain"]
        .astype(object)
        .where(revenue["chain"].notna(), revenue["scope_zh"].astype(object))
    )
    # a value per city, per chain … is its own row, never a province's total
    per = [_per_words(row) for row in revenue.to_dict("records")]
    revenue["key"] = [
        f"{k} ({en})" if en else k for k, (en, _) in zip(revenue["key"], per, strict=True)
    ]
    revenue["scope"] = [
        f"{s}, {en}" if en else s
        for s, (en, _) in zip(revenue["scope"].astype(object), per, strict=True)
    ]
    revenue["scope_zh"] = [
        f"{s}（{zh}）" if zh else s
        for s, (_, zh) in zip(revenue["scope_zh"].astype(object), per, strict=True)
    ]
    # a goal for a province's whole set of chains says so ("all 16 key chains")
    for index, text_en, text_zh in _whole_sets(targets, chains):
        if index in revenue.index:
            revenue.loc[index, "scope"] = text_en
            revenue.loc[index, "scope_zh"] = text_zh
    revenue["group"] = [
        (str(p), None if pd.isna(y) else int(y))
        for p, y in zip(revenue["province"], revenue["target_year"], strict=True)
    ]
    groups = sorted(set(revenue["group"]), key=lambda g: (g[0], g[1] is None, g[1] or 0))

    def label(group, unit: str) -> str:
        province, year = group
        return f"{province} {'(no year)' if year is None else year} ({unit})"

    records, italic, formats = [], set(), {}
    order = (
        revenue.groupby("key", sort=True)["value"].max().sort_values(ascending=False, kind="stable")
    )
    for key in order.index:
        rows = revenue[revenue["key"] == key]
        measures = ["floor"] + (["stretch"] if rows["value_stretch"].notna().any() else [])
        for measure in measures:
            record: dict[str, Any] = {
                "chain": key,
                "scope": rows["scope"].iloc[0],
                "scope_zh": rows["scope_zh"].iloc[0],
                "value": measure,
            }
            column = "value" if measure == "floor" else "value_stretch"
            for group in groups:
                cell = rows[[g == group for g in rows["group"]]].dropna(subset=[column])
                if cell.empty:
                    continue
                best = cell.loc[cell[column].idxmax()]
                comparator = str(best["comparator"]) if measure == "floor" else "="
                for unit, divisor in (("亿元", YUAN_PER_YI), ("CNY bn", YUAN_PER_BN)):
                    shown = float(best[column]) / divisor
                    record[label(group, unit)] = shown
                    formats[(len(records), label(group, unit))] = _with_sign(
                        _decimals_format(shown), comparator
                    )
                    if measure == "stretch" or str(best["commitment"]) == "aspirational":
                        italic.add((len(records), label(group, unit)))
            record["target_id"] = "; ".join(rows["target_id"].astype(str))
            records.append(record)
    values = [
        _Col(
            label(group, unit),
            "float",
            unit,
            f"Revenue goal of {group[0]} for "
            f"{'an unstated year' if group[1] is None else group[1]}, in {unit}; a floor "
            "keeps its comparator (>: 突破/超过, ≥: 以上)",
            label=f"{group[0]}, {'no year' if group[1] is None else f'by {group[1]}'}, in {unit}",
        )
        for unit in ("亿元", "CNY bn")
        for group in groups
    ]
    columns = [*lead, *values, *tail]
    frame = pd.DataFrame.from_records(records, columns=[c.name for c in columns])
    return frame, columns, italic, formats


def _whole_sets(targets: pd.DataFrame, chains: pd.DataFrame | None) -> list[tuple]:
    """(index in targets, English, Chinese) of each revenue goal for a whole set of chains."""

    revenue = targets[
        (targets["indicator"].astype(str) == "revenue") & (targets["unit"].astype(str) == "CNY")
    ]
    roles = revenue_roles(revenue, chains)
    index = dict(zip(revenue["target_id"], revenue.index, strict=True))
    out = []
    for row in roles[roles["role"] == "whole_set"].to_dict("records"):
        stated = {
            "stated_set_size": row["set_size"],
            "stated_scope": row["scope"],
            "stated_scope_zh": row["scope_zh"],
        }
        english = whole_set_label(stated, "en")
        english = english[:1].upper() + english[1:] + " (as stated; not a sum of chains)"
        out.append((index[row["target_id"]], english, whole_set_label(stated, "zh")))
    return out


def _per_words(row: dict) -> tuple[str, str]:
    """('per city', '每个市') for a per-unit target, ('', '') for a total."""

    per = row.get("per")
    return per_label(per, "en"), per_label(per, "zh")


_COUNT_INDICATORS = (
    "chain_count",
    "cluster_count",
    "industry_count",
    "enterprise_count",
    "project_count",
)


def _chain_counts(chains: pd.DataFrame, targets: pd.DataFrame) -> tuple[pd.DataFrame, list[_Col]]:
    """How many chains each document names now, and the counts it targets."""

    records = []
    levels = list(CHAIN_LEVELS)
    for (doc_id, level), rows in chains.groupby(["doc_id", chains["level"].astype(str)], sort=True):
        records.append(
            {
                "province": str(rows["province"].iloc[0]),
                "doc_id": doc_id,
                "basis": "named",
                "measure": level,
                "what_zh": "、".join(rows["chain_zh"].astype(str)),
                "what": "; ".join(rows["label"].astype(str)),
                "count": float(rows["count"].sum()),
                "_order": levels.index(level) if level in levels else len(levels),
            }
        )
    counted = targets[targets["indicator"].astype(str).isin(_COUNT_INDICATORS)]
    for row in counted.itertuples():
        per_en, per_zh = _per_words(row._asdict())
        records.append(
            {
                "province": str(row.province),
                "doc_id": row.doc_id,
                "basis": "target",
                "measure": str(row.indicator),
                "what_zh": f"{row.scope_zh}（{per_zh}）" if per_zh else row.scope_zh,
                "what": f"{row.scope}, {per_en}" if per_en else row.scope,
                "target_year": row.target_year,
                "comparator": str(row.comparator),
                "count": row.value,
                "count_stretch": row.value_stretch,
                "commitment": str(row.commitment),
                "target_id": row.target_id,
                "_order": len(levels) + _COUNT_INDICATORS.index(str(row.indicator)),
            }
        )
    columns = [
        _Col("province", description="Province"),
        _Col("doc_id", description="Source document"),
        _Col("basis", description="named: chains the text names (or counts) now; target: a goal"),
        _Col(
            "measure",
            description="chain, sub_chain, cluster or industry (named); "
            "chain_count, cluster_count, industry_count, enterprise_count or project_count "
            "(target)",
        ),
        _Col("what_zh", description="The chains named, or the target's scope, as written"),
        _Col("what", description="English labels of the same"),
        _Col("target_year", "int", "year", "Year the target is due"),
        _Col("comparator", description="How the target is stated: >=, >, = or ~"),
        _Col(
            "count",
            "float",
            "count",
            "How many: chains named, or the target's floor value (with its comparator)",
            comparator=True,
        ),
        _Col("count_stretch", "float", "count", "The target's 'strive for' value, if any"),
        _Col("commitment", description="firm, or aspirational (力争/争取/努力)"),
        _Col("target_id", description="The target (sheet Targets)"),
    ]
    names = [c.name for c in columns]
    if not records:
        return pd.DataFrame(columns=names), columns
    frame = pd.DataFrame.from_records(records)
    frame = frame.sort_values(
        ["province", "doc_id", "basis", "_order", "target_year", "target_id"]
        if "target_id" in frame
        else ["province", "doc_id", "basis", "_order"],
        kind="stable",
        na_position="first",
    )
    frame = frame.reindex(columns=names).reset_index(drop=True)
    frame["target_year"] = pd.to_numeric(frame["target_year"]).astype("Int64")
    return frame, columns


def _mode_matrix(modes: pd.DataFrame, actors: pd.DataFrame) -> tuple[pd.DataFrame, list[_Col]]:
    """Collaboration modes (not other + slogans) x actors: 1 where the mode has the actor."""

    lead = [
        _Col("province", description="Province"),
        _Col("doc_id", description="Source document"),
        _Col("mode_id", description="The mode (sheet Modes)"),
        _Col("mode_zh", description="The mode as first written"),
        _Col("mode_key", description="Its actors: canonical English keys, sorted, joined by +"),
        _Col("purpose", description="What the mode is for"),
        _Col("mentions", "int", "count", "How often the document states this mode"),
    ]
    collab = modes[modes["kind"].astype(str) == "collaboration"]
    members = actors[actors["mode_id"].isin(collab["mode_id"])]
    counts = members.groupby("actor")["mode_id"].nunique()
    order = sorted(counts.index, key=lambda a: (-int(counts[a]), str(a)))
    taken = {c.name.lower() for c in lead}  # Excel table headers are case-insensitive
    actor_cols = []
    for actor in order:
        name = str(actor) if str(actor).lower() not in taken else f"actor {actor}"
        words = "、".join(
            sorted(set(members.loc[members["actor"] == actor, "actor_zh"].astype(str)))
        )
        actor_cols.append(
            _Col(name, "int", "count", f"1 when the mode combines the actor {actor} ({words})")
        )
        taken.add(name.lower())
    frame = pd.DataFrame(
        {c.name: collab[c.name].astype(object) for c in lead if c.name in collab}
    ).reset_index(drop=True)
    pairs = set(zip(members["mode_id"], members["actor"], strict=True))
    for actor, col in zip(order, actor_cols, strict=True):
        frame[col.name] = pd.array(
            [1 if (m, actor) in pairs else None for m in frame["mode_id"]], dtype="Int64"
        )
    return frame, [*lead, *actor_cols]


def _review_columns(review: pd.DataFrame) -> list[_Col]:
    known = {c.name: c for c in _schema_columns("targets")}
    extra = {
        "needs_review": _Col("needs_review", "bool", "", "TRUE when the extractor is unsure"),
        "review_reason": _Col("review_reason", description="Why the candidate needs a look"),
    }
    out = []
    for name in review.columns:
        if name in known:
            out.append(known[name])
        elif name in extra:
            out.append(extra[name])
        else:
            out.append(_Col(str(name), _kind_of(review[name])))
    return out


def _kind_of(series: pd.Series) -> str:

    if pd.api.types.is_bool_dtype(series):
        return "bool"
    if pd.api.types.is_integer_dtype(series):
        return "int"
    if pd.api.types.is_float_dtype(series):
        return "float"
    if pd.api.types.is_datetime64_any_dtype(series):
        return "date"
    return "text"
