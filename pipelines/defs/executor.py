"""How runs launched from the UI execute: each step in its own process, sources
in parallel, and at most one step at a time that writes the warehouse.

The limit is a tag limit inside the run's executor (no waiting on instance-wide
pool slots between steps); across runs, `dagster.yaml` allows one run at a time.
"""

from __future__ import annotations

import dagster as dg

WAREHOUSE_TAG = {"ownergraph/writes": "warehouse"}
PRELOAD = [
    "pipelines.definitions",
    "dagster._core.storage.sql",
    "dagster._core.storage.event_log.sqlite",
    "dagster._core.storage.runs.sqlite",
    "dagster._core.storage.schedules.sqlite",
    "dagster._daemon.freshness",
]

defs = dg.Definitions(
    executor=dg.multiprocess_executor.configured(
        {
            "max_concurrent": 2,
            # Forking from a server that has already imported Dagster, this code
            # location and the instance's storage (SQLAlchemy, Alembic) saves a few
            # seconds of imports in every step's process (profiled with py-spy).
            "start_method": {"forkserver": {"preload_modules": PRELOAD}},
            "tag_concurrency_limits": [
                {"key": "ownergraph/writes", "value": "warehouse", "limit": 1}
            ],
        }
    )
)
