"""Each stage of a run as a plain function: what the Dagster assets and the
CLI call. Stages communicate only through files and the warehouse, so any of
them can run in its own process (source stages in parallel; the warehouse
stages one at a time).

Layout under the data directory::

    raw/<source>/<snapshot_id>/          immutable downloads + manifest.json
    staging/<source>/<snapshot_id>/      Parquet per staging table + _counts.json
    staging/<source>/CURRENT             the snapshot id of the last good parse
    warehouse.duckdb                     staging, canonical, resolve, graph, policy, publish
    published/<version>/, published/latest
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from pipelines.lib import delistings, deltas, warehouse
from pipelines.lib.config import ConfigError, RunConfig, load_config
from pipelines.lib.policy import PolicyRun, determine_all
from pipelines.lib.policy_config import load_policies
from pipelines.lib.resolve.run import ResolutionRun
from pipelines.lib.resolve.run import resolve as run_resolution
from pipelines.lib.resolve.settings import load_resolution
from pipelines.lib.sqlmodels import SqlModel, run_model
from pipelines.lib.staging import StagingWriter
from pipelines.lib.staging_checks import MIN_SHARE_OF_PREVIOUS, Verdict, verdicts
from pipelines.sources.base import ParseOptions, Snapshot, Source
from pipelines.sources.fetch import FetchResult, fetch_source
from pipelines.sources.lists import DELISTINGS, is_list
from pipelines.sources.registry import BY_ID, SOURCES
from pipelines.sources.snapshots import latest_snapshot


class StageRefused(RuntimeError):
    """A stage refused its input (fail closed); the last good output stays."""

    def __init__(self, message: str, verdicts: list[Verdict] | None = None) -> None:
        super().__init__(message)
        # The staging rules that were evaluated, failed or not (shown as asset checks).
        self.verdicts = verdicts or []


@dataclass(frozen=True)
class RunContext:
    data_dir: Path
    config: RunConfig
    as_of: date

    @classmethod
    def create(cls, config_path: Path, data_dir: Path, as_of: str | None) -> RunContext:
        config = load_config(config_path, data_dir, set(BY_ID))
        deltas.check_config(config.sources, BY_ID)
        _refuse_two_formats(config)
        day = as_of or config.as_of
        return cls(data_dir, config, date.fromisoformat(day) if day else datetime.now(UTC).date())

    def configured(self, source: Source) -> bool:
        return source.spec.id in self.config.sources


def _refuse_two_formats(config: RunConfig) -> None:
    for source_id in config.sources:
        twin = BY_ID[source_id].spec.same_records_as
        if twin in config.sources:
            raise ConfigError(
                f"{config.path}: sources {twin} and {source_id} are two formats of the same "
                "records (same entity ids); configure one of them"
            )


@dataclass(frozen=True)
class ParseOutcome:
    source_id: str
    snapshot_id: str
    counts: dict[str, int]
    reused: bool
    verdicts: list[Verdict]


def fetch_url(ctx: RunContext, source: Source) -> str:
    """The URL the next fetch reads: the configured one, or its delta once a full copy is parsed."""
    has_base = current_staging(ctx, source.spec.id) is not None
    return deltas.fetch_url(ctx.config.sources[source.spec.id], has_base)


def fetch(ctx: RunContext, source: Source, url: str | None = None) -> FetchResult:
    """A new raw snapshot from ``url`` (default: :func:`fetch_url`; the inbox gives a local file)."""
    result = fetch_source(source.spec, url or fetch_url(ctx, source), ctx.data_dir / "raw")
    # An unchanged answer still proves the snapshot current: record when we asked.
    checked = {"snapshot_id": result.snapshot.snapshot_id, "checked_at": _now().isoformat()}
    _write_atomic(ctx.data_dir / "raw" / source.spec.id / "CHECKED", json.dumps(checked))
    return result


def _now() -> datetime:
    return datetime.now(UTC)


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text + "\n", encoding="utf-8")
    os.replace(tmp, path)


def staging_root(ctx: RunContext, source_id: str) -> Path:
    return ctx.data_dir / "staging" / source_id


def current_staging(ctx: RunContext, source_id: str) -> tuple[str, Path] | None:
    pointer = staging_root(ctx, source_id) / "CURRENT"
    if not pointer.exists():
        return None
    snapshot_id = pointer.read_text(encoding="utf-8").strip()
    return snapshot_id, staging_root(ctx, source_id) / snapshot_id


def parse(ctx: RunContext, source: Source) -> ParseOutcome:
    """Parse the newest raw snapshot to Parquet, unless it was parsed already."""
    spec = source.spec
    snapshot = latest_snapshot(ctx.data_dir / "raw", spec.id)
    if snapshot is None:
        raise StageRefused(f"{spec.id}: no raw snapshot to parse; fetch it first")
    out = staging_root(ctx, spec.id) / snapshot.snapshot_id
    previous = current_staging(ctx, spec.id)
    if _parsed_by_this_version(out, source):
        counts = _read_counts(out)
        before = None if previous is None or previous[1] == out else _read_counts(previous[1])
        checked = _check_bounds(ctx, source, counts, before)
        _point_current(ctx, spec.id, snapshot.snapshot_id)
        return ParseOutcome(spec.id, snapshot.snapshot_id, counts, True, checked)
    tmp = out.with_name(f".tmp-{snapshot.snapshot_id}")
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        counts = _parse_to(ctx, source, snapshot, tmp)
        if is_list(spec):
            seen = delistings.seen_on(snapshot.snapshot_id)
            counts[DELISTINGS] = delistings.write(tmp, snapshot.snapshot_id, seen, previous)
        checked = _check_bounds(ctx, source, counts, previous and _read_counts(previous[1]))
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    (tmp / "_counts.json").write_text(json.dumps(counts, sort_keys=True), encoding="utf-8")
    _replace_dir(tmp, out)
    _point_current(ctx, spec.id, snapshot.snapshot_id)
    return ParseOutcome(spec.id, snapshot.snapshot_id, counts, False, checked)


def _replace_dir(new: Path, target: Path) -> None:
    """Move a finished parse into place, replacing a stale parse of the same snapshot."""
    if target.exists():
        stale = target.with_name(f".stale-{target.name}")
        shutil.rmtree(stale, ignore_errors=True)
        os.replace(target, stale)
        os.replace(new, target)
        shutil.rmtree(stale)
        return
    os.replace(new, target)


def _parsed_by_this_version(out: Path, source: Source) -> bool:
    """A finished parse holding every table and column the parser writes today: a
    snapshot parsed before an upgrade added either is parsed again, not reused."""
    if not (out / "_counts.json").exists():
        return False
    if not set(source.spec.tables) <= set(_read_counts(out)):
        return False
    return all(_has_columns(out / f"{table}.parquet", schema)
               for table, schema in source.spec.tables.items())


def _has_columns(path: Path, schema: pa.Schema) -> bool:
    try:
        return set(schema.names) <= set(pq.read_schema(path).names)
    except (OSError, pa.ArrowInvalid):
        return False  # missing or unreadable: parse again


def _parse_to(ctx: RunContext, source: Source, snapshot: Snapshot, tmp: Path) -> dict[str, int]:
    options = ParseOptions(ctx.config.sources[source.spec.id].accept_new_values)
    if deltas.fetched_as_delta(snapshot, ctx.config.sources[source.spec.id]):
        return _apply_delta(ctx, source, snapshot, tmp, options)
    with StagingWriter(tmp, source.spec.tables) as writer:
        source.parse(snapshot, writer, options)
    _refuse_unexpected_delta(source, snapshot, tmp)
    return writer.counts()


def _read_counts(staging_dir: Path) -> dict[str, int]:
    counts: dict[str, int] = json.loads((staging_dir / "_counts.json").read_text(encoding="utf-8"))
    return counts


# --- GLEIF delta files (pipelines/lib/deltas.py) -------------------------------------


def _apply_delta(
    ctx: RunContext, source: Source, snapshot: Snapshot, out: Path, options: ParseOptions
) -> dict[str, int]:
    current = current_staging(ctx, source.spec.id)
    if current is None:
        raise StageRefused(f"{source.spec.id}: a delta needs a parsed full file to apply to")
    try:
        return deltas.apply(source, snapshot, current[1], out, options)
    except deltas.DeltaRefused as exc:
        raise StageRefused(f"{exc}; keeping the last good staging tables") from exc


def _refuse_unexpected_delta(source: Source, snapshot: Snapshot, out: Path) -> None:
    if source.delta is None:
        return
    try:
        deltas.refuse_delta_as_full(out, f"{source.spec.id} {snapshot.snapshot_id}")
    except deltas.DeltaRefused as exc:
        raise StageRefused(f"{exc}; keeping the last good staging tables") from exc


def _check_bounds(
    ctx: RunContext, source: Source, counts: dict[str, int], previous: dict[str, int] | None
) -> list[Verdict]:
    spec = source.spec
    config = ctx.config.sources[spec.id]
    bounds = config.expected_rows or spec.expected_rows
    min_share = config.min_share_of_previous
    results = verdicts(spec, bounds, counts, previous,
                       MIN_SHARE_OF_PREVIOUS if min_share is None else min_share)
    failed = [v.message for v in results if not v.passed]
    if failed:
        raise StageRefused(
            f"{spec.id}: {'; '.join(failed)}; keeping the last good staging tables", results
        )
    return results


def _point_current(ctx: RunContext, source_id: str, snapshot_id: str) -> None:
    _write_atomic(staging_root(ctx, source_id) / "CURRENT", snapshot_id)


@contextmanager
def _warehouse(ctx: RunContext, con: duckdb.DuckDBPyConnection | None
               ) -> Iterator[duckdb.DuckDBPyConnection]:
    """The caller's open connection (a whole warehouse build shares one), or a new one."""
    if con is not None:
        yield con
        return
    with warehouse.connect(ctx.data_dir) as opened:
        yield opened


def load_staging(ctx: RunContext, con: duckdb.DuckDBPyConnection | None = None
                 ) -> dict[str, dict[str, Any]]:
    """The single writer: load every configured source's last good parse."""
    loaded: dict[str, dict[str, Any]] = {}
    with _warehouse(ctx, con) as db:
        warehouse.reference_views(db, refresh=True)
        for source in SOURCES:
            current = current_staging(ctx, source.spec.id) if ctx.configured(source) else None
            if ctx.configured(source) and current is None:
                raise StageRefused(f"{source.spec.id}: configured but never parsed")
            snapshot_id, path = current if current else (None, None)
            counts = warehouse.load_staging(db, source.spec.id, source.spec.tables, path,
                                            snapshot_id)
            loaded[source.spec.id] = {"snapshot_id": snapshot_id, "rows": counts}
    return loaded


def build_model(ctx: RunContext, model: SqlModel, con: duckdb.DuckDBPyConnection | None = None
                ) -> int | None:
    with _warehouse(ctx, con) as db:
        return run_model(db, model, {"as_of": ctx.as_of})


def resolve(ctx: RunContext, con: duckdb.DuckDBPyConnection | None = None) -> ResolutionRun:
    """Entity resolution: ``resolve.entity_map`` and its explanations."""
    settings = load_resolution(ctx.config.resolution_file)
    with _warehouse(ctx, con) as db:
        return run_resolution(db, settings)


def determine(ctx: RunContext, con: duckdb.DuckDBPyConnection | None = None
              ) -> list[PolicyRun]:
    policies = load_policies(ctx.config.policy_file, ctx.config.policies)
    with _warehouse(ctx, con) as db:
        return determine_all(db, policies, ctx.as_of)
