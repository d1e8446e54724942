"""Publishing build outputs all at once, or not at all — even across a crash.

A build writes everything into a staging folder under ``.policylens-cache/``;
only when every table, figure and workbook has been written does ``publish``
swap the staged folders into place. The swap of several folders cannot be one
atomic rename, so it is journalled: before the first rename, the planned moves
are written to ``publishing.json`` in the staging folder, and the journal is
removed once every move is done (the commit point). A publish that fails half
way is undone on the spot; one that is killed half way (SIGKILL, power cut) is
undone by ``recover`` at the start of the next build. Either way every output
folder holds the previous outputs, or every one holds the new ones.

Builds of one project take turns (an exclusive lock), so that one build's
clean-up never touches the staging folder of another that is still running.
A rebuild whose outputs are byte-identical to what is there touches nothing.
"""

from __future__ import annotations

import filecmp
import json
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from pathlib import Path

from policylens.errors import OutputError
from policylens.paths import Project

_STAGE_PREFIX = "staging-"
_JOURNAL = "publishing.json"
_LOCK = "build.lock"
_KEEP = (".gitkeep",)
#: Left by policylens 0.x builds: data/.staging-*, data/processed.previous, figures.previous.
_LEGACY_STAGE = ".staging-"
_LEGACY_OLD = ".previous"


@dataclass(frozen=True)
class Stage:
    """Staged copies of the output folders, to be swapped in by ``publish``."""

    root: Path
    processed: Path
    figures: Path
    with_figures: bool = True  # False: figures/ is not drawn, and left as it is

    def pairs(self, project: Project) -> list[tuple[Path, Path]]:
        if not self.with_figures:
            return [(self.processed, project.processed)]
        return [(self.processed, project.processed), (self.figures, project.figures)]


@dataclass(frozen=True)
class _Move:
    """One output folder's swap: the staged folder in, the current one aside."""

    staged: Path
    target: Path
    aside: Path

    def to_json(self) -> dict[str, str]:
        return {"staged": str(self.staged), "target": str(self.target), "aside": str(self.aside)}


@contextmanager
def build_lock(project: Project) -> Iterator[None]:
    """Hold the project's build lock: concurrent builds of one project take turns."""
    try:
        project.cache.mkdir(parents=True, exist_ok=True)
        handle = open(project.cache / _LOCK, "a+b")  # noqa: SIM115 (held until the end)
    except OSError as exc:
        raise OutputError(
            f"cannot create {project.cache / _LOCK}: {exc.strerror}. Nothing was changed; "
            f"make the project folder {project.root} writable and build again."
        ) from None
    with handle:
        if sys.platform != "win32":
            import fcntl  # noqa: PLC0415 (POSIX only: imported where it exists)

            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                print(
                    f"policylens: waiting for another build of {project.root} to finish …",
                    file=sys.stderr,
                    flush=True,
                )
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        yield


def recover(project: Project) -> list[str]:
    """Undo a publish that was killed half way and remove what killed builds left.

    Call it holding :func:`build_lock`. Returns what was done, for the log.
    """
    done: list[str] = []
    cache = project.cache
    for stage in sorted(cache.glob(f"{_STAGE_PREFIX}*")) if cache.is_dir() else []:
        if (stage / _JOURNAL).exists():
            # the moves follow from the names alone; the journal marks a publish under way
            moves = _moves(_stage_of(stage), project)
            try:
                _roll_back(moves)
            except OSError as exc:
                raise OutputError(
                    f"an interrupted build left its new outputs in {stage}, and the previous "
                    f"ones cannot be put back ({exc.strerror}: {exc.filename}). Nothing was "
                    "deleted; make the project folder writable and build again."
                ) from None
            done.append(f"restored the previous outputs of an interrupted build ({stage.name})")
        _remove_tree(stage)
    for target in (project.processed, project.figures):
        for aside in target.parent.glob(f".{target.name}.replaced-*"):
            _remove_tree(aside)  # the publish that made it had finished: old outputs
        legacy = target.with_name(target.name + _LEGACY_OLD)
        if legacy.exists():
            if target.exists():
                _remove_tree(legacy)
            else:
                os.replace(legacy, target)
    for stage in project.processed.parent.glob(f"{_LEGACY_STAGE}*"):
        _remove_tree(stage)
    for partial in (cache / "figures").glob(".tmp-*"):  # a chart cache being written
        _remove_tree(partial)
    return done


def _stage_of(root: Path) -> Stage:
    return Stage(root, root / "processed", root / "figures")


def _moves(stage: Stage, project: Project) -> list[_Move]:
    """The swap of every output folder that ``publish`` of ``stage`` makes, in order.

    The folder moved aside is a sibling of its target: renaming a folder within
    its parent works even when the folder itself is read-only (moving it
    elsewhere would not).
    """
    token = stage.root.name.removeprefix(_STAGE_PREFIX)
    return [
        _Move(staged, target, target.with_name(f".{target.name}.replaced-{token}"))
        for staged, target in stage.pairs(project)
    ]


@contextmanager
def staging(project: Project, *, figures: bool = True) -> Iterator[Stage]:
    """A fresh staging folder beside the outputs; removed afterwards whatever happens.

    ``figures=False``: a build that draws none publishes ``data/processed/`` alone.
    """
    try:
        project.cache.mkdir(parents=True, exist_ok=True)
        root = Path(tempfile.mkdtemp(prefix=_STAGE_PREFIX, dir=project.cache))
    except OSError as exc:
        raise OutputError(
            f"cannot create a staging folder in {project.cache}: {exc.strerror}. "
            "Nothing was changed; make the project folder writable and build again."
        ) from None
    stage = replace(_stage_of(root), with_figures=figures)
    try:
        stage.processed.mkdir()
        stage.figures.mkdir()
        yield stage
    finally:
        if not (root / _JOURNAL).exists():  # a journal left here is for recover()
            _remove_tree(root)


def publish(stage: Stage, project: Project) -> list[Path]:
    """Swap the staged folders into place together; return the output folders that changed.

    On failure every output folder holds its previous outputs again, and the
    OutputError says so (or, if even that failed, says what is where).
    """
    for staged, target in stage.pairs(project):
        if target.exists() and not target.is_dir():
            raise OutputError(
                f"{target} is a file where the output folder should be. Nothing was "
                "changed; move that file away and build again."
            )
        for name in _KEEP:
            if (target / name).exists() and not (staged / name).exists():
                shutil.copy2(target / name, staged / name)
    moves = [
        move
        for move in _moves(stage, project)
        if not (move.target.exists() and _same_tree(move.staged, move.target))
    ]
    if not moves:
        return []
    journal = stage.root / _JOURNAL
    _write_journal(journal, moves)
    try:
        for move in moves:
            if move.target.exists():
                os.replace(move.target, move.aside)
            os.replace(move.staged, move.target)
    except OSError as exc:
        failed = Path(exc.filename) if exc.filename else move.target
        _abort(moves, journal, f"cannot replace {failed}: {exc.strerror}", project)
    except BaseException:  # SIGTERM, Ctrl-C: put the previous outputs back, then stop
        try:
            _roll_back(moves)
            journal.unlink()
        except OSError:
            pass  # the journal stays: the next build's recover() finishes the job
        raise
    journal.unlink()  # the commit point: from here on the new outputs stand
    for move in moves:
        _remove_tree(move.aside)
    return [move.target for move in moves]


def _write_journal(journal: Path, moves: list[_Move]) -> None:
    tmp = journal.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        json.dump([move.to_json() for move in moves], handle)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, journal)


def _roll_back(moves: list[_Move]) -> None:
    """Undo the moves of an unfinished publish, last first (each step is a rename)."""
    for move in reversed(moves):
        if not move.staged.exists() and move.target.exists():
            os.replace(move.target, move.staged)  # the new folder was moved in: take it out
        if move.aside.exists() and not move.target.exists():
            os.replace(move.aside, move.target)


def _abort(moves: list[_Move], journal: Path, problem: str, project: Project) -> None:
    folders = " and ".join(str(m.target.relative_to(project.root)) for m in moves)
    try:
        _roll_back(moves)
        journal.unlink()
    except OSError as exc:
        where = "; ".join(
            f"{m.target.relative_to(project.root)} holds "
            + ("the new outputs" if not m.staged.exists() else "the previous outputs")
            + (f" (the previous ones are in {m.aside})" if m.aside.exists() else "")
            for m in moves
        )
        raise OutputError(
            f"{problem}, and putting the previous outputs back failed too "
            f"({exc.strerror}): {where}. Make the folders writable and run "
            "`policylens build` again: it restores the previous outputs first."
        ) from None
    raise OutputError(
        f"{problem}. Nothing was changed: {folders} hold the previous outputs. Make the "
        "folder (and its parent) writable and build again."
    ) from None


def _remove_tree(path: Path) -> None:
    """Remove a folder we made, even one whose permissions were taken away."""

    def make_writable_and_retry(function, name, _exc_info) -> None:
        parent = os.path.dirname(name)
        for folder in (parent, name):
            with suppress(OSError):
                os.chmod(folder, os.stat(folder).st_mode | stat.S_IWUSR | stat.S_IXUSR)
        with suppress(OSError):  # what still resists is left for the next recover()
            function(name)

    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    elif path.exists():
        if sys.version_info >= (3, 12):
            shutil.rmtree(path, onexc=make_writable_and_retry)
        else:  # pragma: no cover - Python 3.10/3.11
            shutil.rmtree(path, onerror=make_writable_and_retry)


def _same_tree(left: Path, right: Path) -> bool:
    """True when two folders hold the same files with the same bytes."""
    left_files = sorted(p.relative_to(left) for p in left.rglob("*") if p.is_file())
    right_files = sorted(p.relative_to(right) for p in right.rglob("*") if p.is_file())
    if left_files != right_files:
        return False
    try:
        return all(filecmp.cmp(left / name, right / name, shallow=False) for name in left_files)
    except OSError:  # an unreadable old file: replace it
        return False


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
