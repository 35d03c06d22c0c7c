"""How runs launched from the UI execute: each step in its own process, sources
in parallel, at most two heavy parses at a time, and at most one step at a time
that writes the warehouse.

Up to four step processes run at once: the small sources' steps are mostly
process start and event-log writes, so they fill the gaps beside the two
heavy parses (the register files), which share the cores between them.

The limit is a tag limit inside the run's executor (no waiting on instance-wide
pool slots between steps); across runs, `dagster.yaml` allows one run at a time.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import dagster as dg

from pipelines.sources.parallel import WORKERS_ENV

MAX_CONCURRENT = 4
HEAVY_PARSES = 2
WAREHOUSE_TAG = {"ownergraph/writes": "warehouse"}
HEAVY_PARSE_TAG = {"ownergraph/parse": "heavy"}
PRELOAD = [
    "pipelines.definitions",
    "dagster._core.storage.sql",
    "dagster._core.storage.event_log.sqlite",
    "dagster._core.storage.runs.sqlite",
    "dagster._core.storage.schedules.sqlite",
    "dagster._daemon.freshness",
    # Imported lazily by each step (the instance's state storage, the fetchers,
    # the env-file secrets loader): profiled with py-spy.
    "upath",
    "httpx",
    "dotenv",
]

CONFIG = {
    "max_concurrent": MAX_CONCURRENT,
    # Forking from a server that has already imported Dagster, this code
    # location and the instance's storage (SQLAlchemy, Alembic) saves a few
    # seconds of imports in every step's process (profiled with py-spy).
    "start_method": {"forkserver": {"preload_modules": PRELOAD}},
    "tag_concurrency_limits": [
        {"key": "ownergraph/writes", "value": "warehouse", "limit": 1},
        {"key": "ownergraph/parse", "value": "heavy", "limit": HEAVY_PARSES},
    ],
}

defs = dg.Definitions(executor=dg.multiprocess_executor.configured(CONFIG))


def heavy_parses(job: dg.JobDefinition, selected: Sequence[str] | None) -> int:
    """How many heavy parses a run of ``job`` executes (``selected``: the run's step
    keys, None for all); a source's refresh job has one.

    A heavy source's fetch and parse steps both carry the tag (``raw__<id>``,
    ``staging__<id>``): counted once per source.
    """
    (key, value), = HEAVY_PARSE_TAG.items()
    return len({node.name.split("__", 1)[-1] for node in job.nodes
                if node.definition.tags.get(key) == value
                and (selected is None or node.name in selected)})


@contextmanager
def cores_shared_with_other_steps(heavy_in_run: int) -> Iterator[None]:
    """A source step's parse pool takes its share of the cores when the step runs in
    one of the executor's step processes while other heavy parses of its run may
    run beside it (up to ``HEAVY_PARSES`` at once).

    Two steps that each start a parse process per core would oversubscribe the
    cores and pay every pool's start for nothing. In process (``execute_in_process``,
    ``ownergraph run``), or alone in its run (a source's refresh job), the parse
    keeps every core. An explicit ``OWNERGRAPH_PARSE_WORKERS`` wins. The setting is
    process-local: each step runs in its own process.
    """
    if (multiprocessing.parent_process() is None or heavy_in_run < 2
            or WORKERS_ENV in os.environ):
        yield
        return
    share = (os.cpu_count() or 1) // min(heavy_in_run, HEAVY_PARSES)
    os.environ[WORKERS_ENV] = str(max(1, share))
    try:
        yield
    finally:
        del os.environ[WORKERS_ENV]
