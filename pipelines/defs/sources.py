"""Per source: a raw snapshot asset (fetch) and a staging asset (parse to Parquet).

Neither touches the warehouse, so different sources fetch and parse at the
same time in separate processes under the multiprocess executor.
"""

from __future__ import annotations

from collections.abc import Iterator

import dagster as dg

from pipelines.defs.resources import OwnergraphResource
from pipelines.lib import stages
from pipelines.lib.staging_checks import DESCRIPTIONS, Verdict, skipped
from pipelines.sources.base import Source, SourceSpec
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


def _check_results(source: Source, found: list[Verdict]) -> list[dg.AssetCheckResult]:
    return [
        dg.AssetCheckResult(
            asset_key=staging_key(source),
            check_name=verdict.name,
            passed=verdict.passed,
            description=verdict.message,
            metadata=verdict.metadata,
        )
        for verdict in found
    ]


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
        # Blocking: a snapshot that fails one never replaces the last good
        # staging tables, and nothing downstream runs on it.
        check_specs=[
            dg.AssetCheckSpec(name, asset=staging_key(source), blocking=True, description=text)
            for name, text in DESCRIPTIONS.items()
        ],
    )
    def staging(
        ownergraph: OwnergraphResource,
    ) -> Iterator[dg.MaterializeResult | dg.AssetCheckResult]:  # type: ignore[type-arg]
        ctx = ownergraph.context()
        if not ctx.configured(source):
            yield dg.MaterializeResult(metadata={"summary": NOT_CONFIGURED})
            yield from _check_results(source, skipped(NOT_CONFIGURED))
            return
        try:
            outcome = stages.parse(ctx, source)
        except stages.StageRefused as refused:
            # Record the failed rules in the UI before the step fails with the reason.
            yield from _check_results(source, refused.verdicts)
            raise
        yield _materialization(spec, outcome)
        yield from _check_results(source, outcome.verdicts)

    return staging


def _materialization(spec: SourceSpec, outcome: stages.ParseOutcome) -> dg.MaterializeResult:  # type: ignore[type-arg]
    rows = outcome.counts.get(spec.main_table, 0)
    bad = outcome.counts.get("quarantine", 0)
    left = outcome.counts.get("leftovers", 0)
    reused = " (already parsed)" if outcome.reused else ""
    # Lists: memberships a newer snapshot lacks, kept with their date (pipelines/lib/delistings.py).
    delisted = outcome.counts.get("delistings")
    delisted_text = f", {delisted:,} delisted" if delisted is not None else ""
    return dg.MaterializeResult(
        metadata={
            "summary": f"{rows:,} {spec.main_table}, {bad} quarantined, "
            f"{left} leftover fields{delisted_text}{reused}",
            "snapshot_id": outcome.snapshot_id,
            "rows": outcome.counts,
            "quarantined": bad,
            "leftover_fields": left,
            "parser_version": spec.parser_version,
        }
    )


assets = [factory(source) for source in SOURCES for factory in (_raw_asset, _staging_asset)]
