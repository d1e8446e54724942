"""The per-document extractors over a process pool, in batches.

One task per batch of documents, not per document: a task's overhead (pickling,
a round trip to the worker) is paid once per batch, and a batch's results are
plain rows (:mod:`policylens.engine.unit`), which pickle ~8× smaller than
DataFrames. ``concurrent.futures`` does the scheduling; results come back in
the order the documents were given, so ``jobs=2`` builds the same bytes as ``jobs=1``.
"""

from __future__ import annotations

import ctypes
import datetime
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor

from policylens.engine.unit import PER_DOCUMENT_TABLES, DocumentRows, extract_document

#: One document to extract: (text, issue date).
Item = tuple[str, "datetime.date | None"]

#: Batches per worker: enough to even out long and short documents, few enough that
#: the per-task overhead stays small.
_BATCHES_PER_JOB = 4


def available_cores() -> int:
    """The cores this process may use (its CPU affinity where the OS tells it)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def worker_start(parent: int) -> None:
    """Make a worker process end with the process that started it.

    A forked worker inherits its parent's signal handlers; it gets the default
    ones back, so SIGTERM/SIGHUP end it. On Linux it also asks the kernel for
    SIGTERM when its parent dies, even by SIGKILL, so that no worker outlives
    a build and holds the caller's output pipe open.
    """
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)
        if os.getppid() != parent:  # the parent died before prctl took effect
            os._exit(1)


def _extract_batch(batch: Sequence[Item], tables: Sequence[str]) -> list[DocumentRows]:
    return [extract_document(text, issued, tables) for text, issued in batch]


def batches(items: Sequence[Item], jobs: int) -> list[list[Item]]:
    """``items`` cut into contiguous batches of about equal text length, in order.

    >>> [len(b) for b in batches([("a" * n, None) for n in (5, 5, 5, 5, 20)], 1)]
    [2, 2, 1]
    """
    count = max(1, min(len(items), jobs * _BATCHES_PER_JOB))
    total = sum(len(text) for text, _ in items) or 1
    out: list[list[Item]] = [[]]
    size = 0
    for item in items:
        # at most `count` batches: once the text is used up, empty texts join the last one
        if out[-1] and len(out) < count and size >= total * len(out) / count:
            out.append([])
        out[-1].append(item)
        size += len(item[0])
    return out


def _context():
    """fork where it exists and is safe (a single-threaded process), else spawn.

    A forked worker starts at once with the extractor already imported; forking a
    process with threads can deadlock, so such a process spawns fresh workers.
    """
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and sys.platform != "darwin" and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


class ExtractionPool:
    """Worker processes kept for several calls of :meth:`extract` (a stream of files).

    ``jobs``: processes (1: none, everything runs in this one; 0 or less: one per core).
    """

    def __init__(self, jobs: int = 1, tables: Sequence[str] = PER_DOCUMENT_TABLES) -> None:
        self.jobs = available_cores() if jobs <= 0 else jobs
        self.tables = tuple(tables)
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> ExtractionPool:
        return self

    def __exit__(self, *_exc) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def extract(self, items: Sequence[Item]) -> list[DocumentRows]:
        """:func:`~policylens.engine.unit.extract_document` of every item, in order."""
        jobs = min(self.jobs, len(items))
        if jobs <= 1:
            return _extract_batch(items, self.tables)
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                self.jobs, mp_context=_context(), initializer=worker_start, initargs=(os.getpid(),)
            )
        parts = batches(items, jobs)
        out: list[DocumentRows] = []
        for found in self._pool.map(_extract_batch, parts, [self.tables] * len(parts)):
            out.extend(found)
        return out


def extract_many(
    items: Sequence[Item], jobs: int = 1, tables: Sequence[str] = PER_DOCUMENT_TABLES
) -> list[DocumentRows]:
    """:func:`~policylens.engine.unit.extract_document` of every item, in order, in
    ``jobs`` processes (1: in this process, no pool; 0 or less: one per core)."""
    with ExtractionPool(jobs, tables) as pool:
        return pool.extract(items)
