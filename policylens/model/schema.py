"""The data model of DESIGN.md as code: every table, its columns, types and meaning.

One declaration serves three purposes: pandera validation when a table is
built and when it is loaded, typed reading and deterministic writing of the
CSV files (``storage``), and the machine-readable ``datapackage.json`` and
Excel README (what each column means, its unit).

Contract extensions beyond DESIGN.md, kept deliberately small: every table
that carries a quote also carries ``char_start``/``char_end`` so that each
quote can be checked against ``load_text``; ``documents`` has a ``note``;
``chains`` has ``label`` (English) and ``count``; ``modes`` has ``mode_id``,
``purpose`` (English) and ``mentions``; ``milestones`` has ``milestone_id``
and ``recurring``; the quoted tables have ``page`` (the PDF page of the
quote, empty for texts without pages). ``actuals`` (issue 14) is a table beyond
DESIGN.md: the achieved or current figures a document reports, with a target's
fields and the year or date they refer to (``year``, ``period``, ``as_of``).
``candidates`` (corpus mode) holds every extracted target that no review decision
covers yet, marked ``status`` = unreviewed, with ``needs_review`` and its reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import pandas as pd
import pandera.errors
import pandera.pandas as pa

from policylens.errors import SchemaError
from policylens.model.vocab import COMMITMENTS, COMPARATORS, INDICATORS, UNITS, units_described

PROVINCES: dict[str, str] = {
    "Beijing": "北京",
    "Tianjin": "天津",
    "Hebei": "河北",
    "Shanxi": "山西",
    "Inner Mongolia": "内蒙古",
    "Liaoning": "辽宁",
    "Jilin": "吉林",
    "Heilongjiang": "黑龙江",
    "Shanghai": "上海",
    "Jiangsu": "江苏",
    "Zhejiang": "浙江",
    "Anhui": "安徽",
    "Fujian": "福建",
    "Jiangxi": "江西",
    "Shandong": "山东",
    "Henan": "河南",
    "Hubei": "湖北",
    "Hunan": "湖南",
    "Guangdong": "广东",
    "Guangxi": "广西",
    "Hainan": "海南",
    "Chongqing": "重庆",
    "Sichuan": "四川",
    "Guizhou": "贵州",
    "Yunnan": "云南",
    "Tibet": "西藏",
    "Shaanxi": "陕西",
    "Gansu": "甘肃",
    "Qinghai": "青海",
    "Ningxia": "宁夏",
    "Xinjiang": "新疆",
    "Hong Kong": "香港",
    "Macao": "澳门",
    "Taiwan": "台湾",
    "National": "全国",
}
STATUSES = ("final", "draft")
ORIGINS = ("extracted", "curated")
#: what a per-unit target's value is per (每个市 → city, 每条产业链 → chain, 每年 → year)
PER_UNITS = (
    "city",
    "county",
    "district",
    "township",
    "park",
    "zone",
    "chain",
    "enterprise",
    "project",
    "year",
    "half_year",
    "quarter",
    "month",
)
CHAIN_LEVELS = ("chain", "sub_chain", "cluster", "industry")
MODE_KINDS = ("collaboration", "other")


@dataclass(frozen=True)
class Column:
    """One column: name, storage type, meaning, and what it may hold."""

    name: str
    type: str  # string | category | float | int | date | bool
    description: str
    unit: str = ""
    required: bool = True  # False: may be empty
    values: tuple[str, ...] = ()  # allowed values of a category
    unique: bool = False


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    columns: tuple[Column, ...]
    sort_by: tuple[str, ...]
    primary_key: tuple[str, ...] = field(default=())

    @property
    def column_names(self) -> list[str]:
        return [column.name for column in self.columns]


def _province() -> Column:
    return Column("province", "category", "Province (English name)", values=tuple(PROVINCES))


def _quote_columns() -> tuple[Column, ...]:
    return (
        Column("quote", "string", "Exact source text, as it stands in pl.load_text(doc_id)"),
        Column("char_start", "int", "Offset of the quote's first character in the text"),
        Column("char_end", "int", "Offset just past the quote's last character"),
        Column(
            "page",
            "int",
            "Page of the source (a PDF) on which the quote starts; empty for texts without pages",
            "page",
            required=False,
        ),
    )


def _subject_columns() -> tuple[Column, ...]:
    """What a figure is about (targets and actuals alike): as written, in English, its chain."""
    return (
        Column("scope_zh", "string", "Chain, industry or subject in the text's own words"),
        Column(
            "scope",
            "string",
            "English label of the scope; empty when the vocabulary has no translation yet",
            required=False,
        ),
        Column(
            "chain",
            "string",
            "Normalised chain key, if the scope is a chain or industry",
            required=False,
        ),
    )


DOCUMENTS = Table(
    "documents",
    "One row per source document, with the facts its text gives about itself",
    (
        Column("doc_id", "string", "Stable document key", unique=True),
        _province(),
        Column("province_zh", "string", "Province in Chinese"),
        Column("title_zh", "string", "Title as written"),
        Column("title_en", "string", "English title"),
        Column(
            "issuer_zh",
            "string",
            "Issuing body or bodies as written; empty when the text does not say",
            required=False,
        ),
        Column(
            "doc_number",
            "string",
            "Document number (发文字号), if the text gives one",
            required=False,
        ),
        Column("issued", "date", "Issue date; empty when the text does not say", required=False),
        Column("status", "category", "final, or draft (征求意见稿)", values=STATUSES),
        Column("horizon_start", "int", "First year the plan covers", "year", required=False),
        Column("horizon_end", "int", "Last year the plan covers", "year", required=False),
        Column("source_url", "string", "Link the text carries", required=False),
        Column("file", "string", "Text file, relative to data/raw/"),
        Column("sha256", "string", "SHA-256 of the raw file's bytes"),
        Column("note", "string", "Why a fact is missing or how it was read", required=False),
    ),
    sort_by=("doc_id",),
    primary_key=("doc_id",),
)

TARGETS = Table(
    "targets",
    "One row per distinct quantitative target (a restated target is one row)",
    (
        Column("target_id", "string", "Stable id <doc_id>:<n>", unique=True),
        Column("doc_id", "string", "Source document"),
        _province(),
        *_subject_columns(),
        Column("indicator", "category", "What is measured", values=INDICATORS),
        Column("value", "float", "Floor value in the canonical unit (never rounded)", "unit"),
        Column(
            "value_stretch",
            "float",
            "Higher 'strive for' value, when one is given",
            "unit",
            required=False,
        ),
        Column(
            "unit",
            "category",
            units_described(),
            values=UNITS,
        ),
        Column(
            "per",
            "category",
            "What the value is per (city, county, chain, year …): never a total; empty for totals",
            values=PER_UNITS,
            required=False,
        ),
        Column(
            "comparator",
            "category",
            ">= 以上/不低于/至少, > 突破/超过, = 达到, ~ 左右/约, <= 以内/以下/不超过 (a cap)",
            values=COMPARATORS,
        ),
        Column(
            "commitment", "category", "firm, or aspirational (力争/争取/努力)", values=COMMITMENTS
        ),
        Column("target_year", "int", "Year the target is due", "year", required=False),
        Column("period", "string", "Period due: 2024, 2024Q2 or 2024H1", required=False),
        Column("deadline", "date", "Last day of the period", required=False),
        *_quote_columns(),
        Column("origin", "category", "extracted, or curated by a reviewer", values=ORIGINS),
    ),
    sort_by=("doc_id", "char_start", "target_id"),
    primary_key=("target_id",),
)

CHAINS = Table(
    "chains",
    "Chains, clusters and industries each document names, or counts without naming",
    (
        Column("doc_id", "string", "Source document"),
        _province(),
        Column("chain_zh", "string", "Name as written"),
        Column(
            "label",
            "string",
            "English label; empty when the vocabulary has no translation yet",
            required=False,
        ),
        Column("chain", "string", "Normalised chain key", required=False),
        Column("level", "category", "chain, sub_chain, cluster or industry", values=CHAIN_LEVELS),
        Column("parent", "string", "chain_zh of the enclosing chain or group", required=False),
        Column(
            "count",
            "int",
            "How many chains the row stands for: 1 for a named one, "
            "N for a count the text states without naming them",
            "count",
        ),
        *_quote_columns(),
    ),
    sort_by=("doc_id", "char_start", "chain_zh"),
)

MODES = Table(
    "modes",
    "A+B(+C) mechanisms, one row per distinct mode in a document",
    (
        Column("mode_id", "string", "Stable id <doc_id>:m<n>", unique=True),
        Column("doc_id", "string", "Source document"),
        _province(),
        Column("mode_zh", "string", "The mode as first written"),
        Column("mode_key", "string", "Its actors: canonical English keys, sorted, joined by +"),
        Column(
            "kind",
            "category",
            "collaboration between actors, or another + slogan",
            values=MODE_KINDS,
        ),
        Column("purpose_zh", "string", "What the mode is for (招商, 共建, 培育 …)", required=False),
        Column("purpose", "string", "English purpose", required=False),
        Column("mentions", "int", "How often the document states this mode", "count"),
        *_quote_columns(),
    ),
    sort_by=("doc_id", "char_start", "mode_id"),
    primary_key=("mode_id",),
)

MODE_ACTORS = Table(
    "mode_actors",
    "One row per (mode, actor)",
    (
        Column("mode_id", "string", "The mode (modes.mode_id)"),
        Column("doc_id", "string", "Source document"),
        _province(),
        Column("mode_key", "string", "The mode's canonical key"),
        Column("actor", "string", "Actor's English key (government, chain_leader_firm, park …)"),
        Column("actor_zh", "string", "Actor as written"),
        Column("position", "int", "Place of the actor in the mode as written (1 = first)"),
    ),
    sort_by=("doc_id", "mode_id", "position"),
)

ACTUALS = Table(
    "actuals",
    "One row per achieved or current figure a document reports (what a plan starts from)",
    (
        Column("actual_id", "string", "Stable id <doc_id>:a<n>", unique=True),
        Column("doc_id", "string", "Source document"),
        _province(),
        *_subject_columns(),
        Column("indicator", "category", "What is measured (as for targets)", values=INDICATORS),
        Column("value", "float", "Value reported, in the canonical unit (never rounded)", "unit"),
        Column("unit", "category", units_described(), values=UNITS),
        Column(
            "per",
            "category",
            "What the value is per (city, county, chain, year …); empty for totals",
            values=PER_UNITS,
            required=False,
        ),
        Column(
            "comparator",
            "category",
            ">= 以上/不低于, > 突破/超过, = 达到/为, ~ 左右/约/近, <= 以内/以下/不超过: how exactly "
            "it is reported",
            values=COMPARATORS,
        ),
        Column(
            "year",
            "int",
            "Year the figure refers to (2023年…达到, 截至2024年底); empty when the text names none",
            "year",
            required=False,
        ),
        Column("period", "string", "Period it refers to: 2023, 2024-04, 2024H1", required=False),
        Column(
            "as_of",
            "date",
            "Date the figure stands at: the end of its period, or the issue date for 目前/现有",
            required=False,
        ),
        *_quote_columns(),
        Column("origin", "category", "extracted, or curated by a reviewer", values=ORIGINS),
    ),
    sort_by=("doc_id", "char_start", "actual_id"),
    primary_key=("actual_id",),
)

MILESTONES = Table(
    "milestones",
    "Dated actions of each plan",
    (
        Column("milestone_id", "string", "Stable id <doc_id>:t<n>", unique=True),
        Column("doc_id", "string", "Source document"),
        _province(),
        Column("period", "string", "2024Q1, 2024H1, 2024-01 or 2024", required=False),
        Column("deadline", "date", "Last day of the period", required=False),
        Column(
            "recurring",
            "string",
            "monthly, quarterly, half-yearly or yearly, if repeated",
            required=False,
        ),
        Column("action_zh", "string", "What is to be done, as written"),
        *_quote_columns(),
    ),
    sort_by=("doc_id", "char_start", "milestone_id"),
    primary_key=("milestone_id",),
)

#: What happened to a goal between two documents (``revisions.change``); a cap (comparator
#: '<=') is ``tightened`` when it goes down (more ambitious) and ``loosened`` when it goes up.
CHANGES = (
    *("raised", "lowered", "tightened", "loosened", "postponed", "brought_forward"),
    *("unchanged", "dropped", "new"),
)
#: How a revision pair was made: by the matcher, or by a reviewer (``revision:`` decisions).
REVISION_ORIGINS = ("matched", "reviewed")
#: What attainment says of a target (``attainment.status``).
ATTAINMENT_STATUSES = ("met", "not_met", "not_yet_due", "no_outcome")
#: Which value a status tests: a firm floor, or an aspirational (力争) value.
TESTED = ("firm", "aspirational")
OUTCOME_SOURCES = ("actuals", "outcomes.csv")


def _side(side: str, what: str) -> tuple[Column, ...]:
    """The columns describing one side (earlier or later) of a revision pair."""
    return (
        Column(f"{side}_target", "string", f"target_id of the {what} goal", required=False),
        Column(f"{side}_value", "float", f"{what.capitalize()} floor value", "unit", False),
        Column(f"{side}_stretch", "float", f"{what.capitalize()} stretch (力争)", "unit", False),
        Column(f"{side}_year", "int", f"{what.capitalize()} target year", "year", False),
        Column(
            f"{side}_comparator",
            "category",
            f"{what.capitalize()} comparator",
            values=COMPARATORS,
            required=False,
        ),
        Column(
            f"{side}_commitment",
            "category",
            f"{what.capitalize()} commitment",
            values=COMMITMENTS,
            required=False,
        ),
        Column(f"{side}_quote", "string", f"Quote of the {what} goal", required=False),
    )


REVISIONS = Table(
    "revisions",
    "The same goal lined up across successive documents of a province: what changed",
    (
        Column("revision_id", "string", "Stable id <later_doc>:r<n>", unique=True),
        _province(),
        Column("indicator", "category", "What is measured", values=INDICATORS),
        Column("unit", "category", "Canonical unit of both values", values=UNITS),
        Column(
            "per",
            "category",
            "What both values are per; empty for totals",
            values=PER_UNITS,
            required=False,
        ),
        Column("chain", "string", "Chain key the goal is about", required=False),
        Column("scope_zh", "string", "The goal's scope in the text's words"),
        Column("scope", "string", "English label of the scope", required=False),
        Column("earlier_doc", "string", "The earlier document"),
        Column("later_doc", "string", "The later document (the one compared with it)"),
        *_side("earlier", "earlier"),
        *_side("later", "later"),
        Column(
            "change",
            "category",
            "raised, lowered, tightened (a lower cap), loosened (a higher cap), postponed, "
            "brought_forward, unchanged, dropped or new",
            values=CHANGES,
        ),
        Column("why", "string", "Why the two rows are taken for the same goal (or none is)"),
        Column(
            "origin",
            "category",
            "matched by policylens, or reviewed (paired by hand in review.yaml)",
            values=REVISION_ORIGINS,
        ),
    ),
    sort_by=("province", "later_doc"),
    primary_key=("revision_id",),
)

ATTAINMENT = Table(
    "attainment",
    "Each target against the outcome for its year: met, not met, not yet due, no outcome",
    (
        Column("target_id", "string", "The target (targets.target_id)", unique=True),
        Column("doc_id", "string", "Source document of the target"),
        _province(),
        Column("scope_zh", "string", "Chain, industry or subject in the text's own words"),
        Column("scope", "string", "English label of the scope", required=False),
        Column("chain", "string", "Normalised chain key", required=False),
        Column("indicator", "category", "What is measured", values=INDICATORS),
        Column("unit", "category", units_described(), values=UNITS),
        Column("per", "category", "What the value is per", values=PER_UNITS, required=False),
        Column("comparator", "category", "The target's comparator", values=COMPARATORS),
        Column("commitment", "category", "firm, or aspirational (力争)", values=COMMITMENTS),
        Column("target_year", "int", "Year the target is due", "year", required=False),
        Column("deadline", "date", "Last day of the target's period", required=False),
        Column("value", "float", "The target's floor value", "unit"),
        Column("value_stretch", "float", "The target's stretch value (力争)", "unit", False),
        Column(
            "tested",
            "category",
            "Which value status tests: the firm floor, or an aspirational (力争) value",
            values=TESTED,
        ),
        Column("tested_value", "float", "The value status tests (= value)", "unit"),
        Column(
            "tolerance",
            "float",
            "For ~ (左右/约): the share below the value that still counts as met",
            "share",
            required=False,
        ),
        Column("outcome_value", "float", "The outcome for the target's year", "unit", False),
        Column("outcome_year", "int", "Year of the outcome", "year", required=False),
        Column(
            "outcome_comparator",
            "category",
            "How exactly the outcome is reported (> or >=: only a lower bound)",
            values=COMPARATORS,
            required=False,
        ),
        Column(
            "outcome_source",
            "category",
            "actuals (a later document of the corpus) or outcomes.csv (your statistics)",
            values=OUTCOME_SOURCES,
            required=False,
        ),
        Column(
            "outcome_ref",
            "string",
            "actual_id, or 'outcomes.csv row N'",
            required=False,
        ),
        Column("outcome_doc", "string", "Document reporting the outcome", required=False),
        Column(
            "outcome_quote",
            "string",
            "The sentence reporting it, or the source named in outcomes.csv",
            required=False,
        ),
        Column(
            "status",
            "category",
            "met, not_met, not_yet_due or no_outcome",
            values=ATTAINMENT_STATUSES,
        ),
        Column(
            "stretch_status",
            "category",
            "met or not_met for the stretch value (力争), when there is one and an outcome",
            values=("met", "not_met"),
            required=False,
        ),
        Column("reference_date", "date", "The date 'due' is judged at"),
        Column("note", "string", "What the status rests on, in words", required=False),
    ),
    sort_by=("province", "doc_id"),
    primary_key=("target_id",),
)

TABLES: dict[str, Table] = {
    table.name: table
    for table in (
        DOCUMENTS,
        TARGETS,
        ACTUALS,
        CHAINS,
        MODES,
        MODE_ACTORS,
        MILESTONES,
        REVISIONS,
        ATTAINMENT,
    )
}

# --- candidates (corpus mode) -----------------------------------------------------------------
#: Whether a row of targets has been through review.yaml (targets: reviewed) or not
#: (candidates: unreviewed). ``pl.load_targets(candidates=True)`` marks each row so.
REVIEW_STATUSES = ("reviewed", "unreviewed")


def _candidate_columns() -> tuple[Column, ...]:
    """The targets columns, as loose as the extractor leaves them (a row to review may lack
    its value or unit), with the candidate's id, the unit as written and its review marks."""
    loose = {"scope_zh", "value", "unit", "comparator"}  # empty in rows that need review
    columns = []
    for column in TARGETS.columns:
        if column.name in ("target_id", "origin"):
            continue
        if column.name in loose:
            column = replace(column, required=False)
        columns.append(column)
        if column.name == "unit":
            columns.append(
                Column(
                    "unit_as_written", "string", "The unit as the text writes it", required=False
                )
            )
    return (
        Column("candidate_id", "string", "Stable id <doc_id>:c<n> (n: text order)", unique=True),
        *columns,
        Column(
            "status",
            "category",
            "unreviewed: no decision in review.yaml yet",
            values=REVIEW_STATUSES,
        ),
        Column("needs_review", "bool", "TRUE when the extractor is unsure (see review_reason)"),
        Column("review_reason", "string", "Why the candidate needs a look", required=False),
    )


CANDIDATES = Table(
    "candidates",
    "Every extracted target no review decision covers yet: usable at once, marked unreviewed",
    _candidate_columns(),
    sort_by=("doc_id", "char_start", "candidate_id"),
    primary_key=("candidate_id",),
)

#: Every table the build writes: the reviewed data model (TABLES) and the candidates.
OUTPUT_TABLES: dict[str, Table] = {**TABLES, CANDIDATES.name: CANDIDATES}
# --- end candidates ---------------------------------------------------------------------------

_PANDAS_TYPES = {
    "string": "string",
    "category": "category",
    "float": "float64",
    "int": "Int64",
    "date": "datetime64[ns]",
    "bool": "boolean",
}


def empty_frame(table: str) -> pd.DataFrame:
    """An empty, correctly typed frame of ``table``."""

    return conform(pd.DataFrame(columns=OUTPUT_TABLES[table].column_names), table)


def conform(df: pd.DataFrame, table: str) -> pd.DataFrame:
    """Return a copy of ``df`` with the table's columns, order, types and row order.

    A missing optional column is added empty (frames built before it existed);
    a missing required column is an error.

    Empty strings become missing values; dates become datetime64; categories
    get the table's allowed values as their categories so that every build
    has the same dtypes whatever rows it found.
    """

    spec = OUTPUT_TABLES[table]
    missing = [c.name for c in spec.columns if c.name not in df.columns and c.required]
    if missing:
        raise SchemaError(f"table {table} lacks columns {missing}")
    out = pd.DataFrame(index=range(len(df)))
    for column in spec.columns:
        if column.name not in df.columns:  # an optional column the frame predates (per)
            series = pd.Series([None] * len(df), dtype=object)
        else:
            series = df[column.name].reset_index(drop=True)
        series = series.where(series.astype("string").fillna("").str.len() > 0, None)
        if column.type == "string":
            series = series.astype("string")
        elif column.type == "category":
            series = _categorical(series, column, table)
        elif column.type == "float":
            series = pd.to_numeric(series, errors="raise").astype("float64")
        elif column.type == "int":
            series = pd.to_numeric(series, errors="raise").astype("Int64")
        elif column.type == "date":
            series = pd.to_datetime(series, format="ISO8601").astype("datetime64[ns]")
        elif column.type == "bool":
            series = _booleans(series)
        out[column.name] = series
    out = out.sort_values(list(spec.sort_by), kind="stable").reset_index(drop=True)
    return out


def _categorical(series: pd.Series, column: Column, table: str) -> pd.Categorical:
    """The column as a Categorical of its allowed values; a value outside them is an
    error naming it (pandas would turn it into a missing value, and will refuse it)."""
    text = series.astype("string").astype(object)
    values = list(column.values) or sorted(text.dropna().unique())
    outside = text.notna() & ~text.isin(values)
    if outside.any():
        rows = list(outside[outside].index[:5])
        found = sorted(set(text[outside]))[:5]
        raise SchemaError(
            f"table {table}, column {column.name}, rows {rows}: {found} not among its "
            f"allowed values ({', '.join(values)})"
        )
    return pd.Categorical(text, categories=values)


def _booleans(series: pd.Series) -> pd.Series:
    """A bool column from bools or from their text in a CSV (True/False), nullable."""
    words = {"true": True, "false": False, "1": True, "0": False}
    if series.dtype == object or isinstance(series.dtype, pd.StringDtype):
        series = series.map(lambda v: words.get(str(v).lower(), v) if isinstance(v, str) else v)
    return series.astype("boolean")


def pandera_schema(table: str):
    """The pandera DataFrameSchema of ``table`` (imported lazily: pandera is slow to load)."""

    spec = OUTPUT_TABLES[table]
    columns = {}
    for column in spec.columns:
        checks = []
        if column.values:
            checks.append(pa.Check.isin(list(column.values)))
        columns[column.name] = pa.Column(
            _PANDAS_TYPES[column.type],
            nullable=not column.required,
            unique=column.unique,
            checks=checks,
            description=column.description,
        )
    if table in ("targets", "actuals", "chains", "modes", "milestones", "candidates"):
        checks = [
            pa.Check(
                lambda df: df["char_start"] < df["char_end"],
                error="char_start must be before char_end",
            )
        ]
    else:
        checks = []
    return pa.DataFrameSchema(columns, strict=True, ordered=True, checks=checks, name=table)


def validate(df: pd.DataFrame, table: str) -> pd.DataFrame:
    """Validate ``df`` against its schema; raise SchemaError listing every failure."""

    try:
        return pandera_schema(table).validate(df, lazy=True)
    except pandera.errors.SchemaErrors as exc:
        cases = exc.failure_cases.head(20)
        lines = [
            f"  column {row.column!s}, row {row.index!s}: {row.check!s} failed on "
            f"{row.failure_case!r}"
            for row in cases.itertuples()
        ]
        raise SchemaError(
            f"table {table} does not match its schema ({len(exc.failure_cases)} problems):\n"
            + "\n".join(lines)
        ) from None


def datapackage_descriptor(resources: list[str]) -> dict:
    """A Frictionless Data Package descriptor for the CSV tables in ``resources``."""
    frictionless_types = {
        "string": "string",
        "category": "string",
        "float": "number",
        "int": "integer",
        "date": "date",
        "bool": "boolean",
    }
    out = []
    for name in resources:
        spec = OUTPUT_TABLES[name]
        fields = []
        for column in spec.columns:
            entry: dict = {
                "name": column.name,
                "type": frictionless_types[column.type],
                "description": column.description,
            }
            if column.unit:
                entry["unit"] = column.unit
            constraints: dict = {}
            if column.required:
                constraints["required"] = True
            if column.unique:
                constraints["unique"] = True
            if column.values:
                constraints["enum"] = list(column.values)
            if constraints:
                entry["constraints"] = constraints
            fields.append(entry)
        schema: dict = {"fields": fields, "missingValues": [""]}
        if spec.primary_key:
            schema["primaryKey"] = list(spec.primary_key)
        out.append(
            {
                "name": name,
                "path": f"{name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "description": spec.description,
                "schema": schema,
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": "policylens",
        "title": "policylens: targets, chains, modes and milestones of Chinese provincial "
        "industrial-policy documents",
        "description": "Built by `policylens build` from data/raw/. Money is in yuan; "
        "every row cites its source by quote and character offsets.",
        "resources": out,
    }
