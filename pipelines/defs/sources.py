"""Per source: a raw snapshot asset (fetch) and a staging asset (parse to Parquet).

Neither touches the warehouse, so different sources fetch and parse at the
same time in separate processes under the multiprocess executor.
"""

# No `from __future__ import annotations`: Dagster reads the raw asset's config annotation at runtime.

from collections.abc import Iterator
from datetime import datetime
from typing import Any

import dagster as dg

from pipelines.defs.conditions import source_freshness
from pipelines.defs.executor import (
    HEAVY_PARSE_TAG,
    cores_shared_with_other_steps,
    heavy_parses,
)
from pipelines.defs.resources import OwnergraphResource
from pipelines.lib import stages
from pipelines.lib.source_age import now_utc, source_age
from pipelines.lib.staging_checks import DESCRIPTIONS, Verdict, skipped
from pipelines.sources.base import Source, SourceSpec
from pipelines.sources.fetch import FetchResult
from pipelines.sources.registry import SOURCES

NOT_CONFIGURED = "not in the run's config: skipped"
SNAPSHOT_AGE = "snapshot_age"
SNAPSHOT_AGE_TEXT = ("The last good snapshot was confirmed current within the source's "
                     "max_age_hours (run config); warns, never blocks: the publish step refuses.")


class FetchConfig(dg.Config):
    """Run config of a raw asset."""

    # A file or folder (or URL) read instead of the configured URL, once: the
    # inbox sensor sets it to an analyst's manually downloaded file.
    url: str = ""


def _step_tags(spec: SourceSpec) -> dict[str, str]:
    """Dagster's step priority (the multiprocess executor starts higher ones first)
    and, for a source with a priority, the heavy-parse tag on its fetch and parse
    alike: a register's fetch holding a slot keeps the next register's parse from
    taking it before the bigger parse the fetch leads to."""
    heavy = HEAVY_PARSE_TAG if spec.priority > 0 else {}
    return {"dagster/priority": str(spec.priority), **heavy}


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
        freshness_policy=source_freshness(spec.cadence_cron),
        op_tags=_step_tags(spec),
    )
    def raw(config: FetchConfig, ownergraph: OwnergraphResource) -> dg.MaterializeResult:  # type: ignore[type-arg]
        ctx = ownergraph.context()
        if not ctx.configured(source):
            return dg.MaterializeResult(metadata={"summary": NOT_CONFIGURED},
                                        data_version=dg.DataVersion("not configured"))
        result = stages.fetch(ctx, source, config.url or None)
        return dg.MaterializeResult(metadata=_raw_metadata(result, config.url),
                                    data_version=dg.DataVersion(result.snapshot.snapshot_id))

    return raw


def _raw_metadata(result: FetchResult, override: str) -> dict[str, Any]:
    files = result.manifest["files"]
    size = sum(int(f["bytes"]) for f in files.values())
    state = "new" if result.changed else "unchanged"
    fetched_at = str(result.manifest["fetched_at"])
    age = now_utc() - datetime.fromisoformat(fetched_at.replace("Z", "+00:00"))
    return {
        "summary": f"snapshot {result.snapshot.snapshot_id} ({state}, {size:,} bytes)",
        "snapshot_id": result.snapshot.snapshot_id,
        "changed": result.changed,
        "url": str(result.manifest["url"]),
        "from_inbox": bool(override),
        "bytes": size,
        "sha256": {name: str(f["sha256"]) for name, f in files.items()},
        "fetched_at": fetched_at,
        "snapshot_age_hours": round(age.total_seconds() / 3600, 2),
    }


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
        op_tags=_step_tags(spec),
        # Blocking: a snapshot that fails one never replaces the last good
        # staging tables, and nothing downstream runs on it.
        check_specs=[
            *(dg.AssetCheckSpec(name, asset=staging_key(source), blocking=True, description=text)
              for name, text in DESCRIPTIONS.items()),
            dg.AssetCheckSpec(SNAPSHOT_AGE, asset=staging_key(source), description=SNAPSHOT_AGE_TEXT),
        ],
    )
    def staging(
        context: dg.AssetExecutionContext, ownergraph: OwnergraphResource,
    ) -> Iterator[dg.MaterializeResult | dg.AssetCheckResult]:  # type: ignore[type-arg]
        ctx = ownergraph.context()
        if not ctx.configured(source):
            yield dg.MaterializeResult(metadata={"summary": NOT_CONFIGURED},
                                       data_version=dg.DataVersion("not configured"))
            yield from _check_results(source, skipped(NOT_CONFIGURED))
            yield _age_check(source, None)
            return
        try:
            heavy = heavy_parses(context.job_def, context.run.step_keys_to_execute)
            with cores_shared_with_other_steps(heavy):
                outcome = stages.parse(ctx, source)
        except stages.StageRefused as refused:
            # Record the failed rules in the UI before the step fails with the reason.
            yield from _check_results(source, refused.verdicts)
            yield _age_check(source, ctx)
            raise
        yield _materialization(spec, outcome)
        yield from _check_results(source, outcome.verdicts)
        yield _age_check(source, ctx)

    return staging


def _age_check(source: Source, ctx: stages.RunContext | None) -> dg.AssetCheckResult:
    if ctx is None:
        return dg.AssetCheckResult(asset_key=staging_key(source), check_name=SNAPSHOT_AGE,
                                   passed=True, description=NOT_CONFIGURED)
    age, now = source_age(ctx, source.spec.id), now_utc()
    hours = age.hours(now)
    problem = age.problem(now)
    return dg.AssetCheckResult(
        asset_key=staging_key(source), check_name=SNAPSHOT_AGE, passed=problem is None,
        severity=dg.AssetCheckSeverity.WARN,
        description=problem or f"last good snapshot {age.snapshot_id}, confirmed "
        f"{hours or 0:.1f} h ago (max_age_hours: {age.max_age_hours or 'none'})",
        metadata={"snapshot_id": age.snapshot_id or "",
                  "age_hours": round(hours, 2) if hours is not None else -1.0,
                  "max_age_hours": age.max_age_hours or 0.0,
                  "confirmed_at": age.confirmed_at.isoformat() if age.confirmed_at else ""},
    )


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
        },
        data_version=dg.DataVersion(f"{outcome.snapshot_id}/{spec.parser_version}"),
    )


assets = [factory(source) for source in SOURCES for factory in (_raw_asset, _staging_asset)]
