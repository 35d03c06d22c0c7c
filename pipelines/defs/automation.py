"""Automation: one refresh job and one schedule per source, on the publisher's cadence,
and the sensor that runs everything downstream when its inputs change.

The cron string is the source's ``SourceSpec.cadence_cron``, nowhere else. Each
source refreshes in its own run, so one source failing never stops another's
refresh. The warehouse and the publish step run from ``ownergraph_automation``
(their automation conditions are in ``conditions.py``) once a refresh brought
new data.
"""

from __future__ import annotations

import dagster as dg

from pipelines.defs.resources import OwnergraphResource
from pipelines.defs.sources import raw_key, staging_key
from pipelines.sources.base import Source
from pipelines.sources.registry import SOURCES


def refresh_job_name(source_id: str) -> str:
    return f"refresh_{source_id}"


def _refresh_job(source: Source) -> dg.UnresolvedAssetJobDefinition:
    return dg.define_asset_job(
        refresh_job_name(source.spec.id),
        selection=dg.AssetSelection.assets(raw_key(source), staging_key(source)),
        description=f"Fetch and parse {source.spec.title}; the warehouse follows on new data.",
        tags={"ownergraph/source": source.spec.id},
    )


def _schedule(source: Source, job: dg.UnresolvedAssetJobDefinition) -> dg.ScheduleDefinition:
    spec = source.spec

    @dg.schedule(
        name=f"{refresh_job_name(spec.id)}_schedule",
        cron_schedule=spec.cadence_cron,
        execution_timezone="UTC",
        job=job,
        description=f"{spec.publisher}'s cadence for {spec.title} ({spec.cadence_cron} UTC).",
    )
    def refresh_on_cadence(
        context: dg.ScheduleEvaluationContext, ownergraph: OwnergraphResource
    ) -> dg.RunRequest | dg.SkipReason:
        if not ownergraph.context().configured(source):
            return dg.SkipReason(f"{spec.id} is not in {ownergraph.config_path}")
        tick = context.scheduled_execution_time
        stamp = tick.isoformat() if tick is not None else "now"
        return dg.RunRequest(run_key=f"{spec.id}:{stamp}", tags={"ownergraph/trigger": "schedule"})

    return refresh_on_cadence


REFRESH_JOBS = {source.spec.id: _refresh_job(source) for source in SOURCES}

SCHEDULES = [_schedule(source, REFRESH_JOBS[source.spec.id]) for source in SOURCES]

# Running by default: it only ever starts warehouse or publish runs after a source
# brought new data, so a fresh instance does nothing until the first refresh.
AUTOMATION_SENSOR = dg.AutomationConditionSensorDefinition(
    "ownergraph_automation",
    target=dg.AssetSelection.all(),
    default_status=dg.DefaultSensorStatus.RUNNING,
    minimum_interval_seconds=30,
    description="Rebuilds the warehouse when a staging input has new data, and publishes "
    "after a successful determination run.",
)

defs = dg.Definitions(
    jobs=list(REFRESH_JOBS.values()),
    schedules=SCHEDULES,
    sensors=[AUTOMATION_SENSOR],
)
