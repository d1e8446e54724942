"""Where a policylens project lives on disk.

Like git, policylens works on a *project folder*: the folder named by
``--root`` / ``POLICYLENS_ROOT``, else the nearest folder upward from the
working directory that holds ``data/raw/``. Nothing depends on where the
package itself is installed, so a fresh clone, a non-editable install and an
economist's own folder of documents behave the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT_ENV = "POLICYLENS_ROOT"


@dataclass(frozen=True)
class Project:
    """All paths of one project folder, derived from its root."""

    root: Path

    @property
    def raw(self) -> Path:
        return self.root / "data" / "raw"

    @property
    def texts(self) -> Path:
        return self.raw / "texts"

    @property
    def metadata(self) -> Path:
        return self.raw / "documents.csv"

    @property
    def decisions(self) -> Path:
        return self.raw / "review.yaml"

    @property
    def outcomes(self) -> Path:
        """Your statistics of what was achieved (optional): see ``overtime.outcomes``."""
        return self.raw / "outcomes.csv"

    @property
    def processed(self) -> Path:
        return self.root / "data" / "processed"

    @property
    def figures(self) -> Path:
        return self.root / "figures"

    @property
    def cache(self) -> Path:
        """Rendered figures kept under a digest of their inputs (safe to delete)."""
        return self.root / ".policylens-cache"

    @property
    def workbook(self) -> Path:
        return self.processed / "policylens_summary.xlsx"
