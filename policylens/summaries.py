"""The reading tables: what the charts, the workbook and the notebooks compare.

Each is a function of the tidy tables (a new frame; nothing is read from disk and the
frames given are not changed): revenue goals and their roles and totals, chain and
firm/project counts, other money goals, collaboration modes, timelines and milestones
per quarter. The charts in ``plots`` draw them; ``pl.plots.<name>_data`` gives them.
"""

from __future__ import annotations

import pandas as pd

COLUMNS = [
    "target_id",
    "doc_id",
    "province",
    "scope",
    "scope_zh",
    "chain",
    "target_year",
    "value",
    "value_stretch",
    "comparator",
    "commitment",
    "per",
    "quote",
]
#: Chain keys that stand for a whole set of chains or for all of industry (重点产业链, 工业,
#: 规上工业, 制造业 …; the umbrella scopes of policylens.extract.chains): a goal for one of them is a
#: province-wide goal, never one chain among others.
WHOLE_SET_KEYS = frozenset(
    {"key_chains", "industry", "industry_above_size", "manufacturing", "advanced_manufacturing"}
)
#: What each revenue goal counts as when goals are added up (column ``role``).
ROLES = ("chain", "sub_chain", "whole_set", "per_unit")
#: Money and capacity goals other than revenue (shown in :func:`other_goals`).
OTHER_GOALS = ("output_value", "value_added", "scale", "investment", "capacity", "production")


def revenue_goals_data(targets: pd.DataFrame) -> pd.DataFrame:
    """The revenue goals a chart shows: ``targets`` rows on revenue in CNY, in chart order.

    Values stay in yuan. Rows are ordered by province, target year, then
    floor value (largest first). ``per`` is empty for a total, else what the
    value is per (city, chain …); it is empty for tables without that column.
    """
    rows = targets[
        (targets["indicator"] == "revenue") & (targets["unit"] == "CNY") & targets["value"].notna()
    ]
    rows = rows.assign(_year=rows["target_year"].fillna(0))
    if "per" not in rows:
        rows = rows.assign(per=None)
    rows = rows.sort_values(
        ["province", "_year", "value", "target_id"],
        ascending=[True, True, False, True],
        kind="stable",
    )
    rows = rows[COLUMNS].reset_index(drop=True)
    rows["province"] = rows["province"].astype(str)
    rows["per"] = rows["per"].astype("string")
    return rows


def revenue_roles(targets: pd.DataFrame, chains: pd.DataFrame | None = None) -> pd.DataFrame:
    """Each revenue goal with its ``role`` when goals are added up, and ``set_size``.

    - ``per_unit``: a value per city, per chain … (``per`` set) — never a total;
    - ``whole_set``: a goal for the province's whole set of chains (its chain
      key is empty or an umbrella such as key_chains), shown as stated;
      ``set_size`` is how many chains the document counts in that set (Shanxi's
      16), when it says;
    - ``sub_chain``: a chain the document lists only as a sub-chain of another
      (lithium batteries inside new energy) — its parent's goal already holds it;
    - ``chain``: a goal of one named chain; these are added up.
    """

    rows = revenue_goals_data(targets)
    chain_level, sub_level, counted = set(), set(), {}
    if chains is not None and len(chains):
        frame = chains.assign(
            doc_id=chains["doc_id"].astype(str), level=chains["level"].astype(str)
        ).dropna(subset=["chain"])
        for doc_id, key, level, count in zip(
            frame["doc_id"], frame["chain"].astype(str), frame["level"], frame["count"], strict=True
        ):
            (chain_level if level == "chain" else sub_level if level == "sub_chain" else set()).add(
                (doc_id, key)
            )
            if level == "chain" and not pd.isna(count) and int(count) > 1:
                counted[(doc_id, key)] = int(count)
        # a set the document counts without a chain key (省级重点产业链 16条)
        for doc_id, group in chains.groupby(chains["doc_id"].astype(str)):
            sets = group[(group["level"].astype(str) == "chain") & (group["count"].fillna(0) > 1)]
            if len(sets) == 1:
                counted.setdefault((doc_id, None), int(sets["count"].iloc[0]))
    roles, sizes = [], []
    per_unit = is_per_unit(rows)
    for i, row in rows.iterrows():
        doc, key = str(row["doc_id"]), row["chain"]
        size = None
        if per_unit[i]:
            role = "per_unit"
        elif pd.isna(key) or str(key) in WHOLE_SET_KEYS or (doc, str(key)) in counted:
            role = "whole_set"
            size = counted.get((doc, None if pd.isna(key) else str(key)), counted.get((doc, None)))
        elif (doc, str(key)) in sub_level and (doc, str(key)) not in chain_level:
            role = "sub_chain"
        else:
            role = "chain"
        roles.append(role)
        sizes.append(size)
    return rows.assign(role=roles, set_size=pd.array(sizes, dtype="Int64"))


def revenue_totals_data(targets: pd.DataFrame, chains: pd.DataFrame | None = None) -> pd.DataFrame:
    """Revenue goals added up per province and target year, as the plans state them.

    ``chains``, ``chain_floor``, ``chain_stretch``: how many goals of named
    chains there are and what they add up to (a chain without a stretch value
    counts with its floor); ``chain_ids`` lists exactly the targets added up.
    Sub-chain goals (already inside their parent's) and per-unit values (per
    city …) are left out and counted in ``sub_chains`` and ``per_unit``.
    ``stated_floor``/``stated_stretch`` is a goal the document states for the
    province's whole set of chains (Shanxi's 整体营收突破7000亿元), with its
    ``stated_scope``/``stated_scope_zh`` and ``stated_set_size`` (16 chains);
    it is shown as stated and never added to the chains. Values in yuan.
    """

    roles = revenue_roles(targets, chains)
    keys = ["province", "target_year"]
    out_columns = [
        *keys,
        "chains",
        "chain_floor",
        "chain_stretch",
        "chain_ids",
        "doc_ids",
        "sub_chains",
        "per_unit",
        "stated_floor",
        "stated_stretch",
        "stated_comparator",
        "stated_commitment",
        "stated_scope",
        "stated_scope_zh",
        "stated_set_size",
        "stated_ids",
        "stated_doc_ids",
    ]
    records = []
    for (province, year), group in roles.groupby(keys, dropna=False, sort=True):
        named = group[group["role"] == "chain"]
        stated = group[group["role"] == "whole_set"].sort_values(
            ["value", "target_id"], ascending=[False, True]
        )
        record = {
            "province": province,
            "target_year": year,
            "chains": len(named),
            "chain_floor": named["value"].sum() if len(named) else float("nan"),
            "chain_stretch": named["value_stretch"].fillna(named["value"]).sum()
            if len(named)
            else float("nan"),
            "chain_ids": ",".join(named["target_id"]),
            "doc_ids": ",".join(sorted(set(named["doc_id"]))),
            "sub_chains": int((group["role"] == "sub_chain").sum()),
            "per_unit": int((group["role"] == "per_unit").sum()),
        }
        if len(stated):
            best = stated.iloc[0]
            record.update(
                stated_floor=best["value"],
                stated_stretch=best["value_stretch"],
                stated_comparator=str(best["comparator"]),
                stated_commitment=str(best["commitment"]),
                stated_scope=best["scope"],
                stated_scope_zh=best["scope_zh"],
                stated_set_size=best["set_size"],
                stated_ids=",".join(stated["target_id"]),
                stated_doc_ids=",".join(sorted(set(stated["doc_id"]))),
            )
        if record["chains"] or len(stated):
            records.append(record)
    out = pd.DataFrame.from_records(records, columns=out_columns)
    out["chains"] = out["chains"].astype(int)
    for column in ("chain_floor", "chain_stretch", "stated_floor", "stated_stretch"):
        out[column] = out[column].astype(float)
    out["target_year"] = out["target_year"].astype("Int64")
    out["stated_set_size"] = out["stated_set_size"].astype("Int64")
    return out.sort_values(keys, kind="stable").reset_index(drop=True)


#: Chain levels in panel order, and the target indicator that counts each: industries
#: (10个优势产业, industry_count) are kept apart from chains.
LEVELS = ("chain", "sub_chain", "cluster", "industry")
TARGET_INDICATOR = {
    "chain": "chain_count",
    "cluster": "cluster_count",
    "industry": "industry_count",
}
FIRM_PROJECT = ("enterprise_count", "project_count")


def chain_counts_data(chains: pd.DataFrame, targets: pd.DataFrame) -> pd.DataFrame:
    """Per province and level: how many chains the plans name now, and how many they target.

    ``named`` is the largest number any one document of the province names or
    counts at that level (documents of one province overlap, so they are not
    added up); ``named_doc`` is that document. ``targeted`` is the largest count
    goal (chain_count, cluster_count, industry_count) with its year and wording;
    a per-unit count (每个市…, per city) is no provincial total and is left out.
    """

    per_doc = (
        chains.assign(level=chains["level"].astype(str), province=chains["province"].astype(str))
        .groupby(["province", "level", "doc_id"], observed=True)["count"]
        .sum()
        .reset_index()
        .sort_values(["province", "level", "count", "doc_id"], ascending=[True, True, False, True])
    )
    named = per_doc.groupby(["province", "level"]).head(1)
    named = named.rename(columns={"count": "named", "doc_id": "named_doc"})
    goals = []
    for level, indicator in TARGET_INDICATOR.items():
        rows = targets[
            (targets["indicator"] == indicator)
            & (targets["unit"] == "count")
            & targets["value"].notna()
            & ~is_per_unit(targets)
        ]
        rows = rows.sort_values(["value", "target_id"], ascending=[False, True])
        for province, group in rows.groupby(rows["province"].astype(str), observed=True):
            best = group.iloc[0]
            goals.append(
                {
                    "province": province,
                    "level": level,
                    "targeted": best["value"],
                    "target_year": best["target_year"],
                    "comparator": best["comparator"],
                    "commitment": best["commitment"],
                    "target_doc": best["doc_id"],
                    "target_id": best["target_id"],
                }
            )
    goals_frame = pd.DataFrame(
        goals,
        columns=[
            "province",
            "level",
            "targeted",
            "target_year",
            "comparator",
            "commitment",
            "target_doc",
            "target_id",
        ],
    )
    out = named.merge(goals_frame, on=["province", "level"], how="outer")
    out["named"] = out["named"].astype("Int64")
    out["target_year"] = out["target_year"].astype("Int64")
    order = {level: i for i, level in enumerate(LEVELS)}
    out = out.assign(_o=out["level"].map(order)).sort_values(["_o", "province"], kind="stable")
    return out.drop(columns="_o").reset_index(drop=True)


def firm_project_data(targets: pd.DataFrame) -> pd.DataFrame:
    """Firm and project count goals, in chart order (indicator, province, year, value)."""
    rows = targets[
        targets["indicator"].isin(FIRM_PROJECT)
        & (targets["unit"] == "count")
        & targets["value"].notna()
    ]
    rows = rows.assign(
        _i=rows["indicator"].map({k: i for i, k in enumerate(FIRM_PROJECT)}).astype(int),
        _y=rows["target_year"].fillna(0),
        province=rows["province"].astype(str),
    )
    rows = rows.sort_values(["_i", "province", "_y", "value"], ascending=[True, True, True, False])
    return rows.drop(columns=["_i", "_y"]).reset_index(drop=True)


def modes_data(modes: pd.DataFrame, mode_actors: pd.DataFrame) -> pd.DataFrame:
    """One row per (province, mode, actor) of the collaboration modes (kind == collaboration).

    A mode stated by several documents of one province counts once; its
    ``mentions`` are added up. Columns: province, mode_key, mode_zh (as first
    written), purpose_zh, purpose, mentions, doc_ids, actor, actor_zh.
    """
    collab = modes[modes["kind"] == "collaboration"].copy()
    collab["province"] = collab["province"].astype(str)
    per_mode = collab.groupby(["province", "mode_key"], sort=True).agg(
        mode_zh=("mode_zh", "first"),
        purpose_zh=("purpose_zh", "first"),
        purpose=("purpose", "first"),
        mentions=("mentions", "sum"),
        doc_ids=("doc_id", lambda s: ",".join(sorted(set(s)))),
        first_id=("mode_id", "first"),
    )
    actors = mode_actors[mode_actors["mode_id"].isin(collab["mode_id"])]
    actors = actors.assign(province=actors["province"].astype(str))
    actors = actors.drop_duplicates(["province", "mode_key", "actor"])
    out = per_mode.reset_index().merge(
        actors[["province", "mode_key", "actor", "actor_zh"]], on=["province", "mode_key"]
    )
    return out.drop(columns="first_id").reset_index(drop=True)


#: Panel order: money first, then physical units.
UNIT_ORDER = ("CNY", "GW", "GWh", "t", "m2", "count")


def other_goals_data(targets: pd.DataFrame) -> pd.DataFrame:
    """Goals on output value, value added, scale, investment, capacity and production that
    carry a value, in chart order (unit, indicator, province, year, value); values as stored."""
    rows = targets[targets["indicator"].isin(OTHER_GOALS) & targets["value"].notna()]
    units = {u: i for i, u in enumerate(UNIT_ORDER)}
    rows = rows.assign(
        province=rows["province"].astype(str),
        _u=rows["unit"].astype(str).map(lambda u: units.get(u, len(units))),
        _i=rows["indicator"].astype(str).map({k: i for i, k in enumerate(OTHER_GOALS)}),
        _y=rows["target_year"].fillna(0),
    )
    if "per" not in rows:
        rows = rows.assign(per=None)
    rows = rows.sort_values(
        ["_u", "unit", "_i", "province", "_y", "value", "target_id"],
        ascending=[True, True, True, True, True, False, True],
        kind="stable",
    )
    return rows.drop(columns=["_u", "_i", "_y"]).reset_index(drop=True)


def timelines_data(documents: pd.DataFrame, milestones: pd.DataFrame) -> pd.DataFrame:
    """One row per document and date: what falls due when.

    Columns: doc_id, province, what (issued, horizon_start, horizon_end,
    milestone), date, count (milestones due that day). The horizon runs from 1
    January of its first year (or the issue date, when the first year is not
    stated) to 31 December of its last year.
    """

    rows = []
    for _, doc in documents.iterrows():
        base = {"doc_id": doc["doc_id"], "province": str(doc["province"])}
        issued = doc["issued"]
        if not pd.isna(issued):
            rows.append({**base, "what": "issued", "date": issued, "count": 1})
        start, end = doc["horizon_start"], doc["horizon_end"]
        if not pd.isna(end):
            if not pd.isna(start):
                first = pd.Timestamp(int(start), 1, 1)
            elif not pd.isna(issued):
                first = issued
            else:
                first = pd.Timestamp(int(end), 1, 1)
            rows.append({**base, "what": "horizon_start", "date": first, "count": 1})
            rows.append(
                {**base, "what": "horizon_end", "date": pd.Timestamp(int(end), 12, 31), "count": 1}
            )
    dated = milestones.dropna(subset=["deadline"])
    due = dated.groupby(["doc_id", "deadline"]).size().reset_index(name="count")
    province = dict(zip(documents["doc_id"], documents["province"].astype(str), strict=True))
    province.update(zip(dated["doc_id"], dated["province"].astype(str), strict=True))
    for _, row in due.iterrows():
        rows.append(
            {
                "doc_id": row["doc_id"],
                "province": province[row["doc_id"]],
                "what": "milestone",
                "date": row["deadline"],
                "count": int(row["count"]),
            }
        )
    out = pd.DataFrame(rows, columns=["doc_id", "province", "what", "date", "count"])
    out["date"] = pd.to_datetime(out["date"])
    return out.sort_values(["doc_id", "date", "what"], kind="stable").reset_index(drop=True)


def milestones_per_quarter_data(milestones: pd.DataFrame) -> pd.DataFrame:
    """Milestones due per quarter (rows, every quarter from the first to the last) and
    province (columns); recurring milestones without a single
    deadline are not counted."""

    dated = milestones.dropna(subset=["deadline"])
    if dated.empty:
        return pd.DataFrame()
    table = pd.crosstab(
        dated["deadline"].dt.to_period("Q").rename("quarter"),
        dated["province"].astype(str).rename("province"),
    )
    full = pd.period_range(table.index.min(), table.index.max(), freq="Q", name="quarter")
    return table.reindex(full, fill_value=0)


def per_of(row) -> object:
    """The row's ``per`` (what a per-unit value is per), or None when it is a total."""
    return row.get("per") if hasattr(row, "get") else None


def is_per_unit(frame: pd.DataFrame) -> pd.Series:
    """True for rows whose value is per unit (per city, per chain …), not a total."""

    if "per" not in frame:
        return pd.Series(False, index=frame.index)
    per = frame["per"].astype("string").str.strip()
    return (per.notna() & (per != "")).fillna(False).astype(bool)
