"""The library's own exceptions.

Expected user errors (bad metadata, an unreadable text, a stale review
decision) are ``PolicylensError`` subclasses whose message names the file,
row or quote and says what to fix; the CLI prints that message without a
traceback and exits non-zero. Anything else is a bug.
"""

from __future__ import annotations

from pathlib import Path


class PolicylensError(Exception):
    """Base class of every error policylens expects a user to fix."""


class ProjectNotFoundError(PolicylensError):
    """No project folder (one with data/raw/) could be found."""


class NotBuiltError(PolicylensError):
    """A processed table was asked for before `policylens build` made it."""


class MissingExtraError(PolicylensError, ImportError):
    """A function needs an optional extra that is not installed (``policylens[dask]``)."""


class InputError(PolicylensError):
    """A problem in an input file: names the place and the fix."""

    def __init__(
        self,
        problem: str,
        *,
        path: str | Path | None = None,
        row: int | str | None = None,
        fix: str | None = None,
    ) -> None:
        self.problem = problem
        self.path = Path(path) if path is not None else None
        self.row = row
        self.fix = fix
        super().__init__(self._message())

    def _message(self) -> str:
        where = ""
        if self.path is not None:
            where = str(self.path)
            if self.row is not None:
                where += f", row {self.row}"
            where += ": "
        elif self.row is not None:
            where = f"row {self.row}: "
        message = where + self.problem
        if self.fix:
            message += f"\n  fix: {self.fix}"
        return message


class MetadataError(InputError):
    """documents.csv is missing, malformed or disagrees with the files."""


class TextEncodingError(InputError):
    """A document's bytes cannot be read as text reliably."""


class ReviewError(InputError):
    """A review decision is malformed or no longer matches its document."""


class SchemaError(PolicylensError):
    """A table does not satisfy its declared schema."""


class OutputError(PolicylensError):
    """An output could not be written; the previous outputs are kept."""


class FigureNotEmbeddedWarning(UserWarning):
    """A figure too large to embed in the workbook: the Figures sheet links to its file."""
