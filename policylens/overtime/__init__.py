"""Targets over time: what each plan revised, and what was achieved.

- :mod:`~policylens.overtime.goals` — what makes two rows one goal (the goal key),
  and the order of a province's documents;
- :mod:`~policylens.overtime.revisions` — the same goal across successive documents;
- :mod:`~policylens.overtime.decisions` — the reviewer's ``revision:`` entries;
- :mod:`~policylens.overtime.outcomes` — your statistics, ``data/raw/outcomes.csv``;
- :mod:`~policylens.overtime.attainment` — each target against its year's outcome.

Each is a function of frames (targets, documents, actuals, outcomes): the
pipeline reads the files and builds the ``revisions`` and ``attainment`` tables.
"""

from __future__ import annotations

from policylens.overtime.attainment import attainment
from policylens.overtime.revisions import revisions

__all__ = ["attainment", "revisions"]
