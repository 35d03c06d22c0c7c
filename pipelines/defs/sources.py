"""Per source: a raw snapshot asset (fetch) and a staging asset (parse to Parquet).

Neither touches the warehouse, so different sources fetch and parse at the
same time in separate processes under the multiprocess executor.
"""

from __future__ import annotations

import dagster as dg

from pipelines.defs.resources import OwnergraphResource
from pipelines.lib import stages
from pipelines.sources.base import Source
from pipelines.sources.registry import SOURCES

NOT_CONFIGURED = "not in the run's config: skipped"


def raw_key(source: Source) -> dg.AssetKey:
    return dg.AssetKey(["raw", source.spec.id])


def staging_key(source: Source) -> dg.AssetKey:
    return dg.AssetKey(["staging", source.spec.id])


def _raw_asset(source: Source) -> dg.AssetsDefinition:
    spec = source.spec

    @dg.asset(
        key=raw_key(source),
        group_name="raw",
        description=f"Raw snapshot of {spec.title} ({spec.publisher}), as downloaded.",
        kinds={"python"},
        metadata={"official_url": spec.official_url, "cadence": spec.cadence_cron,
                  "licence": spec.licence},
    )
    def raw(ownergraph: OwnergraphResource) -> dg.MaterializeResult:  # type: ignore[type-arg]
        ctx = ownergraph.context()
        if not ctx.configured(source):
            return dg.MaterializeResult(metadata={"summary": NOT_CONFIGURED})
        result = stages.fetch(ctx, source)
        files = result.manifest["files"]
        size = sum(int(f["bytes"]) for f in files.values())
        state = "new" if result.changed else "unchanged"
        return dg.MaterializeResult(
            metadata={
                "summary": f"snapshot {result.snapshot.snapshot_id} ({state}, {size:,} bytes)",
                "snapshot_id": result.snapshot.snapshot_id,
                "changed": result.changed,
                "url": str(result.manifest["url"]),
                "bytes": size,
                "sha256": {name: str(f["sha256"]) for name, f in files.items()},
                "fetched_at": str(result.manifest["fetched_at"]),
            }
        )

    return raw


def _staging_asset(source: Source) -> dg.AssetsDefinition:
    spec = source.spec

    @dg.asset(
        key=staging_key(source),
        deps=[raw_key(source)],
        group_name="staging",
        description=f"{spec.title} parsed into staging Parquet files "
        f"({', '.join(spec.tables)}, plus quarantine and leftovers).",
        kinds={"python", "parquet"},
        metadata={"parser_version": spec.parser_version},
    )
    def staging(ownergraph: OwnergraphResource) -> dg.MaterializeResult:  # type: ignore[type-arg]
        ctx = ownergraph.context()
        if not ctx.configured(source):
            return dg.MaterializeResult(metadata={"summary": NOT_CONFIGURED})
        outcome = stages.parse(ctx, source)
        rows = outcome.counts.get(spec.main_table, 0)
        bad = outcome.counts.get("quarantine", 0)
        left = outcome.counts.get("leftovers", 0)
        reused = " (already parsed)" if outcome.reused else ""
        return dg.MaterializeResult(
            metadata={
                "summary": f"{rows:,} {spec.main_table}, {bad} quarantined, "
                f"{left} leftover fields{reused}",
                "snapshot_id": outcome.snapshot_id,
                "rows": outcome.counts,
                "quarantined": bad,
                "leftover_fields": left,
                "parser_version": spec.parser_version,
            }
        )

    return staging


assets = [factory(source) for source in SOURCES for factory in (_raw_asset, _staging_asset)]
