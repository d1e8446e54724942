"""Where a policylens project lives on disk.

Like git, policylens works on a *project folder*: the folder named by
``--root`` / ``POLICYLENS_ROOT``, else the nearest folder upward from the
working directory that holds ``data/raw/``. Nothing depends on where the
package itself is installed, so a fresh clone, a non-editable install and an
economist's own folder of documents behave the same.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from policylens.errors import ProjectNotFoundError

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


def find_project(root: str | os.PathLike[str] | None = None) -> Project:
    """Return the project at ``root``, ``$POLICYLENS_ROOT`` or the nearest one upward.

    Raises ProjectNotFoundError with what to do when there is none.
    """
    if root is None:
        root = os.environ.get(ROOT_ENV) or None
    if root is not None:
        try:
            path = Path(root).expanduser().resolve()
            is_project = (path / "data" / "raw").is_dir()
        except (OSError, RuntimeError, ValueError) as exc:  # NUL, too long, a symlink loop
            raise ProjectNotFoundError(
                f"{str(root)!r} cannot be used as a project folder ({exc}). Point --root / "
                f"{ROOT_ENV} at a folder that holds data/raw/."
            ) from None
        if not is_project:
            raise ProjectNotFoundError(
                f"{path} is not a policylens project: it has no data/raw/ folder. "
                "Create data/raw/ with a documents.csv there, or point --root / "
                f"{ROOT_ENV} at a folder that has one."
            )
        return Project(path)
    start = Path.cwd().resolve()
    for folder in (start, *start.parents):
        if (folder / "data" / "raw").is_dir():
            return Project(folder)
    raise ProjectNotFoundError(
        f"No policylens project found in {start} or any folder above it "
        "(a project is a folder holding data/raw/). Run policylens inside a project "
        f"folder, or name one with --root DIR or the {ROOT_ENV} environment variable."
    )
