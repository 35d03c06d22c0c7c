"""Batch screening on worker processes, one per core.

Screening a batch is numpy and rapidfuzz between Python steps that hold the
GIL, so a second core helps only in a second process. The index is saved once
(``store.py``) and each ``spawn`` worker maps it (forked workers that shared
the parent's index deadlocked in Polars' thread pool); chunks go to whichever
worker is free and come back in input order, each screened exactly as in one
process, so the hits are the same frame.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import tempfile
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from multiprocessing.synchronize import Barrier
from pathlib import Path

import polars as pl

from pipelines.lib.screen import features
from pipelines.lib.screen.index import ScreenIndex
from pipelines.lib.screen.score import HIT_SCHEMA
from pipelines.lib.screen.screen import Query, screen
from pipelines.lib.screen.store import load_index, save_index

CHUNK = 5_000  # names per screening call
READY_TIMEOUT = 600.0  # seconds a worker waits for the others to load the index

_index: ScreenIndex | None = None  # a worker's own, mapped from the saved files


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection while a batch makes and drops its objects
    (it makes few cycles; the collections only cost time)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def screen_chunk(index: ScreenIndex, queries: Sequence[Query], offset: int = 0) -> pl.DataFrame:
    """``screen`` with the GC paused and query numbers starting at ``offset``."""
    with paused_gc():
        hits = screen(index, queries)
    return hits.with_columns(pl.col("query") + offset)


def screen_batch(index: ScreenIndex, queries: Sequence[Query], chunk: int = CHUNK
                 ) -> pl.DataFrame:
    """Hits of checked queries, ``chunk`` at a time in this process."""
    parts = [screen_chunk(index, queries[start:start + chunk], start)
             for start in range(0, len(queries), chunk)]
    return pl.concat(parts) if parts else pl.DataFrame(schema=HIT_SCHEMA)


class WorkerPool:
    """``workers`` spawned processes holding the index; a context manager.

    ``start_seconds`` is what starting cost: saving the index, spawning the
    processes, their imports and their loads (all workers are ready on return).
    """

    def __init__(self, index: ScreenIndex, workers: int, directory: Path | None = None) -> None:
        start = time.perf_counter()
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        if directory is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="ownergraph-screen-")
            directory = Path(self._tmp.name)
        self.directory = directory
        context = multiprocessing.get_context("spawn")
        try:
            save_index(index, directory)
            self._pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_load,
                                             initargs=(directory, context.Barrier(workers)))
            # One task per worker: each starts a process, and none ends before all loaded.
            for future in [self._pool.submit(os.getpid) for _ in range(workers)]:
                future.result()
        except BaseException:
            self.close()
            raise
        self.workers = workers
        self.start_seconds = time.perf_counter() - start

    def screen(self, queries: Sequence[Query], chunk: int = CHUNK) -> pl.DataFrame:
        """Hits of checked queries, as ``screen_batch`` gives them."""
        starts = range(0, len(queries), chunk)
        parts = list(self._pool.map(_screen, [queries[s:s + chunk] for s in starts], starts))
        return pl.concat(parts) if parts else pl.DataFrame(schema=HIT_SCHEMA)

    def close(self) -> None:
        if hasattr(self, "_pool"):
            self._pool.shutdown(cancel_futures=True)
        if self._tmp is not None:
            self._tmp.cleanup()

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def _load(directory: Path, ready: Barrier) -> None:
    """A worker's start: map the index, one thread per process, then wait for the others."""
    global _index
    features.THREADS = 1
    _index = load_index(directory)
    ready.wait(READY_TIMEOUT)


def _screen(queries: Sequence[Query], offset: int) -> pl.DataFrame:
    assert _index is not None, "the worker has no index"
    return screen_chunk(_index, queries, offset)
