"""Assembling the tidy tables of one project from its documents and texts.

Each table is a function of the documents table and the normalised texts
(and, for targets, of the reviewer's decisions); ``build_tables`` runs them all
and validates each result against its schema.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from policylens.paths import Project, find_project
from policylens.schema import TABLES, validate
from policylens.storage import read_table_csv

if TYPE_CHECKING:
    import pandas as pd


def build_tables(
    project: Project, documents: pd.DataFrame, texts: dict[str, str]
) -> dict[str, pd.DataFrame]:
    """Every table of the data model, validated, keyed by table name."""
    tables = {"documents": documents}
    return {name: validate(frame, name) for name, frame in tables.items()}


def load_table(table: str, root: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """A built table from data/processed/, typed and validated."""
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}; tables are {', '.join(TABLES)}")
    project = find_project(root)
    return read_table_csv(project.processed / f"{table}.csv", table)


def load_targets(root: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Quantitative targets, one row per distinct target, each citing its quote."""
    return load_table("targets", root)


def load_chains(root: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Chains, clusters and industries each document names or counts."""
    return load_table("chains", root)


def load_modes(root: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """A+B(+C) collaboration modes and other + slogans, one row per distinct mode."""
    return load_table("modes", root)


def load_mode_actors(root: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """The actors of each mode, one row per (mode, actor)."""
    return load_table("mode_actors", root)


def load_milestones(root: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Dated actions of each plan, with period and deadline."""
    return load_table("milestones", root)
