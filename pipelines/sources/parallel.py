"""Parse pieces of one large file on every core, with the sequential parse's output.

A parser cuts its input into pieces (whole records) and submits each with a
function that parses it into a folder of parts, one per staging table (Arrow
IPC files, written by a ``StagingWriter(..., part=True)``). The pool appends
each piece's parts to the real StagingWriter strictly in submission order, and
hands each piece's small result (counts, rare lines) to a callback in that
order too: the staging tables come out as a sequential parse writes them, and
the result does not depend on which worker was fast.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import shutil
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from pathlib import Path
from types import TracebackType
from typing import Generic, TypeVar

import pyarrow as pa

from pipelines.lib.staging import LEFTOVERS, QUARANTINE, StagingWriter, read_part

T = TypeVar("T")
R = TypeVar("R")


WORKERS_ENV = "OWNERGRAPH_PARSE_WORKERS"
# A parse allocates millions of short-lived rows (dicts, lists) and next to no
# reference cycles. With Python's default threshold (a collection every 700
# allocations) the collector took 10-18 % of a GLEIF chunk's parse; every
# 100,000 it costs next to nothing, and a cycle left behind lives a little longer.
WORKER_GC_THRESHOLD = (100_000, 20, 20)


def workers() -> int:
    """Parse processes: ``OWNERGRAPH_PARSE_WORKERS``, else one per core."""
    configured = os.environ.get(WORKERS_ENV)
    return max(1, int(configured) if configured else os.cpu_count() or 1)


def _start_worker() -> None:
    gc.set_threshold(*WORKER_GC_THRESHOLD)


def source_tables(writer: StagingWriter) -> dict[str, pa.Schema]:
    """The writer's own tables (a worker's writer adds quarantine and leftovers itself)."""
    return {name: schema for name, schema in writer.schemas.items()
            if name not in (QUARANTINE, LEFTOVERS)}


def ordered_map(executor: Executor, function: Callable[[T], R], items: Iterable[T],
                in_flight: int) -> Iterator[R]:
    """``function`` over ``items`` on ``executor``, results in input order, with at
    most ``in_flight`` items submitted and not yet taken: unlike ``Executor.map``,
    which submits (and so reads) every item up front, memory stays bounded."""
    pending: deque[Future[R]] = deque()
    for item in items:
        pending.append(executor.submit(function, item))
        if len(pending) > in_flight:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


class PartPool(Generic[R]):
    """Worker processes whose parts are appended in submission order."""

    def __init__(self, writer: StagingWriter, on_result: Callable[[R], None],
                 processes: int | None = None) -> None:
        self.writer = writer
        self.on_result = on_result
        self.processes = processes or workers()
        self.parts = Path(tempfile.mkdtemp(prefix="ownergraph-parts-"))
        self.submitted = 0
        # spawn: the parse may run inside a multi-threaded process (Dagster).
        context = multiprocessing.get_context("spawn")
        self.executor = ProcessPoolExecutor(
            self.processes, mp_context=context, initializer=_start_worker
        )
        self.pending: deque[tuple[Path, Future[R]]] = deque()

    def next_dir(self) -> Path:
        """The folder the next submitted piece must write its parts to."""
        return self.parts / f"{self.submitted:06d}"

    def submit(self, parse: Callable[[T], R], piece: T) -> None:
        # At most two pieces per process in flight: memory stays bounded.
        while len(self.pending) >= 2 * self.processes:
            self._collect()
        out_dir = self.next_dir()
        self.submitted += 1
        self.pending.append((out_dir, self.executor.submit(parse, piece)))

    def finish(self) -> None:
        while self.pending:
            self._collect()

    def _collect(self) -> None:
        out_dir, future = self.pending.popleft()
        result = future.result()
        for table in self.writer.schemas:
            self.writer.write_table(table, read_part(out_dir, table))
        shutil.rmtree(out_dir, ignore_errors=True)
        self.on_result(result)

    def __enter__(self) -> PartPool[R]:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)
        shutil.rmtree(self.parts, ignore_errors=True)

