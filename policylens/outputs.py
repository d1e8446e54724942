"""Publishing build outputs all at once, or not at all.

A build writes everything into a staging folder beside the outputs; only when
every table, figure and workbook has been written does ``publish`` swap the
staged folders into place. A build that fails or is killed before that point
leaves the previous outputs exactly as they were. A rebuild whose outputs are
byte-identical to what is there already touches nothing.
"""

from __future__ import annotations

import filecmp
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from policylens.errors import OutputError
from policylens.paths import Project

_OLD_SUFFIX = ".previous"
_KEEP = (".gitkeep",)


@dataclass(frozen=True)
class Stage:
    """Staged copies of the output folders, to be swapped in by ``publish``."""

    root: Path
    processed: Path
    figures: Path

    def pairs(self, project: Project) -> list[tuple[Path, Path]]:
        return [(self.processed, project.processed), (self.figures, project.figures)]


def recover(project: Project) -> None:
    """Put back an output folder that a killed publish left moved aside."""
    for target in (project.processed, project.figures):
        old = target.with_name(target.name + _OLD_SUFFIX)
        if old.exists():
            if target.exists():
                shutil.rmtree(old, ignore_errors=True)
            else:
                os.replace(old, target)


@contextmanager
def staging(project: Project) -> Iterator[Stage]:
    """A fresh staging folder; removed afterwards whatever happens."""
    parent = project.processed.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        root = Path(tempfile.mkdtemp(prefix=".staging-", dir=parent))
    except OSError as exc:
        raise OutputError(
            f"cannot create a staging folder in {parent}: {exc.strerror}. "
            "Nothing was changed; make the folder writable and build again."
        ) from None
    stage = Stage(root, root / "processed", root / "figures")
    try:
        stage.processed.mkdir()
        stage.figures.mkdir()
        yield stage
    finally:
        shutil.rmtree(root, ignore_errors=True)


def publish(stage: Stage, project: Project) -> list[Path]:
    """Swap staged folders into place; return the output folders that changed."""
    changed = []
    for staged, target in stage.pairs(project):
        for name in _KEEP:
            if (target / name).exists() and not (staged / name).exists():
                shutil.copy2(target / name, staged / name)
        if target.exists() and _same_tree(staged, target):
            continue
        _swap(staged, target)
        changed.append(target)
    return changed


def _swap(staged: Path, target: Path) -> None:
    old = target.with_name(target.name + _OLD_SUFFIX)
    try:
        if old.exists():
            shutil.rmtree(old)
        if target.exists():
            os.replace(target, old)
        try:
            os.replace(staged, target)
        except OSError:
            if old.exists() and not target.exists():
                os.replace(old, target)
            raise
        shutil.rmtree(old, ignore_errors=True)
    except OSError as exc:
        raise OutputError(
            f"cannot replace {target}: {exc.strerror}. The previous outputs there are "
            "intact; make the folder (and its parent) writable and build again."
        ) from None


def _same_tree(left: Path, right: Path) -> bool:
    """True when two folders hold the same files with the same bytes."""
    left_files = sorted(p.relative_to(left) for p in left.rglob("*") if p.is_file())
    right_files = sorted(p.relative_to(right) for p in right.rglob("*") if p.is_file())
    if left_files != right_files:
        return False
    return all(filecmp.cmp(left / name, right / name, shallow=False) for name in left_files)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_bytes_atomic(path: Path, data: bytes, *, hint: str = "") -> None:
    """Write one file via a temporary sibling, so readers never see half a file.

    Any failure (folder missing or read-only, disk full, target locked) raises
    OutputError naming the path; the previous file, if any, is intact. ``hint``
    adds advice specific to the file (e.g. close it in Excel).
    """
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a normal file is expected
        os.replace(tmp, path)
    except OSError as exc:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise OutputError(
            f"cannot write {path}: {exc.strerror or exc}. The previous file, if any, is "
            f"intact. {hint}Make sure the folder {path.parent} is writable, then run again."
        ) from None
