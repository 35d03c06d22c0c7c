"""Sensors: a new upstream version, an analyst's dropped file, and a failed run.

- ``upstream_changes`` asks each configured source's publisher whether the file
  changed since the last snapshot (HEAD or conditional GET with the stored
  ETag / Last-Modified, never a download: ``pipelines/sources/probe.py``) and
  starts that source's refresh job, once per upstream version.
- ``inbox`` starts a source's refresh job for each file or folder dropped into
  ``<data_dir>/inbox/<source_id>/`` (``pipelines/lib/inbox.py``); the run config
  of the ``raw/<source_id>`` asset points the fetch stage at the dropped file.
- ``failure_notice`` writes a clear message into a failed run's log, and POSTs it
  to ``$OWNERGRAPH_FAILURE_WEBHOOK`` when that is set.
"""

from __future__ import annotations

import hashlib
import time

import dagster as dg
import httpx

from pipelines.defs.automation import REFRESH_JOBS, refresh_job_name
from pipelines.defs.resources import OwnergraphResource
from pipelines.lib import failure_notice, stages
from pipelines.lib.inbox import Drop, settled_drops
from pipelines.sources.base import Source, SourceError
from pipelines.sources.probe import probe_source
from pipelines.sources.registry import SOURCES


@dg.sensor(
    name="upstream_changes",
    jobs=list(REFRESH_JOBS.values()),
    minimum_interval_seconds=15 * 60,
    description="Asks each configured source's publisher (HEAD / conditional GET) whether a "
    "newer file is out, and starts that source's refresh once per new version.",
)
def upstream_changes(
    context: dg.SensorEvaluationContext, ownergraph: OwnergraphResource
) -> dg.SensorResult:
    ctx = ownergraph.context()
    requests = []
    for source in SOURCES:
        if not ctx.configured(source):
            continue
        request = _probe(context, ctx, source)
        if request is not None:
            requests.append(request)
    return dg.SensorResult(
        run_requests=requests,
        skip_reason=None if requests else "no configured source has a new upstream version",
    )


def _probe(context: dg.SensorEvaluationContext, ctx: stages.RunContext,
           source: Source) -> dg.RunRequest | None:
    source_id = source.spec.id
    try:
        found = probe_source(source.spec, stages.fetch_url(ctx, source), ctx.data_dir / "raw")
    except SourceError as exc:
        context.log.warning(f"{source_id}: cannot tell whether it changed: {exc}")
        return None
    if found.changed is None:
        context.log.info(f"{source_id}: the publisher sends no ETag or Last-Modified; "
                         "its schedule refreshes it")
    if not found.changed:
        return None
    version = hashlib.sha256(found.version.encode()).hexdigest()[:16]
    return dg.RunRequest(
        job_name=refresh_job_name(source_id),
        run_key=f"upstream:{source_id}:{version}",
        tags={"ownergraph/trigger": "upstream_changes"},
    )


@dg.sensor(
    name="inbox",
    jobs=list(REFRESH_JOBS.values()),
    minimum_interval_seconds=30,
    description="Ingests files analysts drop into <data_dir>/inbox/<source_id>/ through that "
    "source's refresh job (the raw asset's `url` run config points at the file).",
)
def inbox(context: dg.SensorEvaluationContext, ownergraph: OwnergraphResource) -> dg.SensorResult:
    ctx = ownergraph.context()
    drops = settled_drops(ctx.data_dir, ctx.config.sources, time.time())
    return dg.SensorResult(
        run_requests=[inbox_request(drop) for drop in drops],
        skip_reason=None if drops else f"nothing settled in {ctx.data_dir / 'inbox'}",
    )


def inbox_request(drop: Drop) -> dg.RunRequest:
    op_name = f"raw__{drop.source_id}"
    return dg.RunRequest(
        job_name=refresh_job_name(drop.source_id),
        run_key=drop.run_key,
        run_config={"ops": {op_name: {"config": {"url": str(drop.path.absolute())}}}},
        tags={"ownergraph/trigger": "inbox", "ownergraph/inbox_file": drop.path.name},
    )


@dg.run_failure_sensor(
    name="failure_notice",
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Writes why a run failed into its log, and POSTs it to "
    f"${failure_notice.WEBHOOK_ENV} when set.",
)
def failure_notice_sensor(context: dg.RunFailureSensorContext) -> None:
    run = context.dagster_run
    notice = failure_notice.FailureNotice(
        job=run.job_name, run_id=run.run_id,
        failures=[_step_failure(event) for event in context.get_step_failure_events()])
    context.instance.report_engine_event(notice.text(), run)
    context.log.error(notice.text())
    url = failure_notice.webhook_url()
    if url is None:
        return
    try:
        failure_notice.post(url, notice)
    except httpx.HTTPError as exc:
        # The URL may carry a token: name the error, never the URL.
        detail = (f"HTTP {exc.response.status_code}" if isinstance(exc, httpx.HTTPStatusError)
                  else type(exc).__name__)
        context.instance.report_engine_event(f"failure webhook not reached: {detail}", run)


def _step_failure(event: dg.DagsterEvent) -> failure_notice.StepFailure:
    data = event.step_failure_data
    error = data.error if data is not None else None
    message = "unknown error" if error is None else error.message.strip()
    if error is not None and error.cause is not None:
        message = error.cause.message.strip()  # the exception the stage raised, not the wrapper
    return failure_notice.StepFailure(event.step_key or "run", message)
