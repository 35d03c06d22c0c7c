"""The one resource: where a run reads its configuration and writes its data."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from pipelines.lib.stages import RunContext


class OwnergraphResource(dg.ConfigurableResource):  # type: ignore[type-arg]
    """Paths are relative to the directory Dagster runs in (the repository root)."""

    config_path: str = "config/demo.yaml"
    data_dir: str = "data"
    # ISO date the determinations are made as of; empty means today (UTC).
    as_of: str = ""
    # Publish even when the denylist shrinks past the configured guard.
    accept_shrink: bool = False

    def context(self) -> RunContext:
        return RunContext.create(Path(self.config_path), Path(self.data_dir), self.as_of or None)


defs = dg.Definitions(resources={"ownergraph": OwnergraphResource()})
