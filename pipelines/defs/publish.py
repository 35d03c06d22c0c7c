"""The published denylist: an immutable version and the `latest` pointer."""

from __future__ import annotations

import dagster as dg

from pipelines.defs.conditions import AFTER_DETERMINATIONS, PUBLISHED_FRESHNESS
from pipelines.defs.resources import OwnergraphResource
from pipelines.lib import publish_stage

DENYLIST = dg.AssetKey(["publish", "denylist"])


@dg.asset(
    key=dg.AssetKey(["publish", "published_denylist"]),
    deps=[DENYLIST],
    group_name="publish",
    description="Publishes publish.denylist as an immutable version under "
    "<data_dir>/published/<version>/ (CSV, Parquet, manifest.json) and moves `latest` "
    "to it, unless a guard refuses (empty, shrinking, or stale sources).",
    kinds={"csv", "parquet"},
    automation_condition=AFTER_DETERMINATIONS,
    freshness_policy=PUBLISHED_FRESHNESS,
)
def published_denylist(ownergraph: OwnergraphResource) -> dg.MaterializeResult:  # type: ignore[type-arg]
    published = publish_stage.publish_denylist(ownergraph.context(), ownergraph.accept_shrink)
    return dg.MaterializeResult(
        metadata={
            "summary": f"version {published.version}: {published.rows:,} rows -> "
            f"{published.path}",
            "version": published.version,
            "rows": published.rows,
            "previous_version": published.previous or "",
            "path": dg.MetadataValue.path(str(published.path)),
        }
    )
