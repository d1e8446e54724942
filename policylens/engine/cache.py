"""Each document's extracted rows on disk, so a rebuild re-extracts only what changed.

A document's entry is keyed by the sha256 of its text and its issue date (the
extractors' only inputs) and lives in a folder named by a digest of the
extractor's code (:func:`extractor_digest`): editing one document re-extracts
that one, editing a rule of the extractor re-extracts all. An entry is a small
JSON file (columns once, then rows of values), written atomically; a missing or
damaged entry is a miss, never an error: the cache is a convenience.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from policylens.engine.unit import DocumentRows
from policylens.version import __version__

_PACKAGE = Path(__file__).resolve().parents[1]
#: The code whose output the cache keeps: the extractors, the grammar and vocabulary
#: they read with, and the unit that runs them.
_EXTRACTOR_CODE = ("extract", "grammar", "model", "engine/unit.py")
_FORMAT = 1


@functools.cache
def extractor_digest() -> str:
    """A digest of the extractor's code and the policylens version (16 hex digits)."""
    digest = hashlib.sha256(f"{__version__}:{_FORMAT}".encode())
    for part in _EXTRACTOR_CODE:
        path = _PACKAGE / part
        files = sorted(path.rglob("*.py")) if path.is_dir() else [path]
        for file in files:
            digest.update(file.relative_to(_PACKAGE).as_posix().encode() + b"\0")
            digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def document_key(text: str, issued: datetime.date | None) -> str:
    """The cache key of one document: its text's sha256 and its issue date."""
    text_sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    day = issued.isoformat() if issued is not None else ""
    return hashlib.sha256(f"{text_sha}\0{day}".encode()).hexdigest()


class DocumentCache:
    """The extracted rows of documents under ``folder/<extractor digest>/``."""

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.root = Path(folder)
        self.folder = self.root / extractor_digest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> DocumentRows | None:
        """The rows kept for ``key``, or None (never kept, or unreadable)."""
        try:
            data = json.loads(self._path(key).read_bytes())
            return _decoded(data)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def put(self, key: str, rows: DocumentRows) -> None:
        """Keep ``rows`` under ``key`` (atomically; a failure to write is ignored)."""
        path = self._path(key)
        data = json.dumps(_encoded(rows), ensure_ascii=False, separators=(",", ":"))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data.encode("utf-8"))
            os.replace(tmp, path)
        except OSError:
            pass

    def prune(self, keep: set[str] | None = None) -> None:
        """Remove what no build can use any more: other extractor digests, and (with
        ``keep``) the entries of documents no longer in the corpus."""
        try:
            for old in self.root.iterdir():
                if old != self.folder:
                    shutil.rmtree(old, ignore_errors=True)
            if keep is not None and self.folder.is_dir():
                for entry in self.folder.glob("*/*.json"):
                    if entry.stem not in keep:
                        entry.unlink(missing_ok=True)
        except OSError:
            pass


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.date):
        return {"date": value.isoformat()}
    return value


def _typed(value: Any) -> Any:
    if isinstance(value, dict):
        return datetime.date.fromisoformat(value["date"])
    return value


def _encoded(rows: DocumentRows) -> dict[str, Any]:
    tables = {}
    for name, records in rows["tables"].items():
        columns = list(dict.fromkeys(key for record in records for key in record))
        values = [[_plain(record.get(c)) for c in columns] for record in records]
        tables[name] = {"columns": columns, "rows": values}
    return {"tables": tables, "warnings": rows["warnings"]}


def _decoded(data: dict[str, Any]) -> DocumentRows:
    tables = {
        name: [
            dict(zip(table["columns"], map(_typed, values), strict=True))
            for values in table["rows"]
        ]
        for name, table in data["tables"].items()
    }
    return {"tables": tables, "warnings": [list(w) for w in data["warnings"]]}
