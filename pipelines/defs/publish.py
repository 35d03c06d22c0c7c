"""The published denylist: an immutable version and the `latest` pointer."""

from __future__ import annotations

import dagster as dg

from pipelines.defs.conditions import AFTER_DETERMINATIONS, PUBLISHED_FRESHNESS
from pipelines.defs.resources import OwnergraphResource
from pipelines.defs.warehouse_steps import DETERMINATIONS
from pipelines.lib import publish_stage

DENYLIST = dg.AssetKey(["publish", "denylist"])
NAMES = dg.AssetKey(["publish", "names"])


@dg.asset(
    key=dg.AssetKey(["publish", "published_denylist"]),
    deps=[DENYLIST, NAMES, DETERMINATIONS],
    group_name="publish",
    description="Publishes publish.denylist as an immutable, signed version under "
    "<data_dir>/published/<version>/ (denylist CSV, Parquet and JSON Lines, names.parquet, "
    "an FtM export, the delta with reasons, schema.json, manifest.json and manifest.sig) "
    "and moves `latest` to it, unless a guard refuses (a failed blocking check, an empty "
    "or shrinking list, stale sources, or a required signing key missing).",
    kinds={"csv", "parquet", "json"},
    automation_condition=AFTER_DETERMINATIONS,
    freshness_policy=PUBLISHED_FRESHNESS,
)
def published_denylist(ownergraph: OwnergraphResource) -> dg.MaterializeResult:  # type: ignore[type-arg]
    ctx = ownergraph.context()
    published = publish_stage.publish_denylist(ctx, ownergraph.accept_shrink)
    summary = publish_stage.summary(ctx, published)
    files = {f"file {name}": dg.MetadataValue.path(str(path))
             for name, path in summary.files.items()}
    return dg.MaterializeResult(
        metadata={
            "summary": f"version {published.version}: {published.rows:,} rows -> "
            f"{published.path}",
            "version": published.version,
            "rows": published.rows,
            "previous_version": published.previous or "",
            "path": dg.MetadataValue.path(str(published.path)),
            "counts by policy and status": dg.MetadataValue.md(summary.counts),
            "delta": dg.MetadataValue.md(summary.delta),
            "largest groups reached from a root": dg.MetadataValue.md(summary.largest_groups),
            **files,
        }
    )
