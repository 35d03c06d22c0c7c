"""The publish stage: refuse stale sources, then publish the denylist as a new version.

Split from ``stages`` (which fetches, parses and builds the warehouse); it reads
the run's snapshots and the warehouse's ``publish.denylist``.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from pipelines.lib import warehouse
from pipelines.lib.publish import Published, PublishRefused, latest_version, publish
from pipelines.lib.publish_summary import Summary, summarize
from pipelines.lib.signing import KEY_ENV, Signer, SigningKeyError, find_signer
from pipelines.lib.sqlmodels import SQL_DIR, bind
from pipelines.lib.stages import RunContext, current_staging
from pipelines.sources.registry import SOURCES

DELTA_SQL = SQL_DIR / "release" / "delta.sql"
# The blocking checks on the published tables, run again right before publishing:
# the warehouse step runs them too, but publish/published_denylist can be
# materialized alone after a failed build left a bad table behind.
PUBLISH_CHECKS = sorted((SQL_DIR / "checks").glob("publish__*.sql"))


def _now() -> datetime:
    return datetime.now(UTC)


def snapshots_used(ctx: RunContext) -> dict[str, str]:
    used = {}
    for source in SOURCES:
        current = current_staging(ctx, source.spec.id) if ctx.configured(source) else None
        if current:
            used[source.spec.id] = current[0]
    return used


def check_freshness(ctx: RunContext) -> None:
    """Refuse to publish from a source not confirmed current within its max age."""
    for source_id, source_config in ctx.config.sources.items():
        if source_config.max_age_hours is None:
            continue
        checked = ctx.data_dir / "raw" / source_id / "CHECKED"
        if not checked.exists():
            raise PublishRefused(f"{source_id}: never fetched, so its age is unknown")
        at = datetime.fromisoformat(json.loads(checked.read_text())["checked_at"])
        hours = (_now() - at).total_seconds() / 3600
        if hours > source_config.max_age_hours:
            raise PublishRefused(
                f"{source_id}: last confirmed current {hours:.1f} hours ago, more than its "
                f"max_age_hours of {source_config.max_age_hours:g}"
            )


def check_published_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Refuse to publish while a blocking check on a published table finds violations."""
    failed = []
    for path in PUBLISH_CHECKS:
        violations = len(con.execute(path.read_text(encoding="utf-8")).fetchall())
        if violations:
            schema, table, rule = path.stem.split("__")
            failed.append(f"check {schema}/{table} {rule} failed: {violations} violation(s)")
    if failed:
        raise PublishRefused("; ".join(failed))


def signer(ctx: RunContext) -> tuple[Signer | None, str | None]:
    """The signing key, or None and why there is none.

    Unsigned is allowed unless ``publish.require_signature`` is set, and only for a
    key that is absent: a key that is present but unreadable refuses the run."""
    settings = ctx.config.publish
    key_file = settings.signing_key_file
    from_env = bool(os.environ.get(KEY_ENV, "").strip())
    absent = key_file is not None and not key_file.exists()
    if not from_env and absent and not settings.require_signature:
        return None, f"signing key file {key_file} does not exist"
    try:
        found = find_signer(key_file)
    except SigningKeyError as error:
        raise PublishRefused(f"cannot sign the manifest: {error}") from None
    if found is None and settings.require_signature:
        raise PublishRefused("publish.require_signature is set but no signing key is "
                             f"configured ({KEY_ENV} or publish.signing_key_file)")
    return found, None if found else "no signing key configured"


def publish_denylist(ctx: RunContext, accept_shrink: bool = False) -> Published:
    check_freshness(ctx)
    key, unsigned_reason = signer(ctx)
    with warehouse.connect(ctx.data_dir) as con:
        check_published_tables(con)
        table = con.execute("select * from publish.denylist order by policy, entity_id").to_arrow_table()
        names = con.execute("select * from publish.names order by entity_id, name").to_arrow_table()
        delta = _delta(ctx, con, table)
    facts = {
        "as_of": ctx.as_of.isoformat(),
        "config_sha256": _sha256(ctx.config.path),
        "policy_file_sha256": _sha256(ctx.config.policy_file),
        "snapshots": _snapshot_facts(ctx),
        "unsigned_reason": unsigned_reason,
    }
    return publish(
        ctx.data_dir / "published",
        table,
        facts,
        policies=ctx.config.policies,
        max_shrink=ctx.config.publish.max_shrink,
        keep_versions=ctx.config.publish.keep_versions,
        accept_shrink=accept_shrink,
        delta=delta,
        names=names,
        signer=key,
    )


def summary(ctx: RunContext, published: Published) -> Summary:
    """The published version's summary for the publish asset's metadata."""
    with warehouse.connect(ctx.data_dir) as con:
        return summarize(published.path, con)


def _delta(ctx: RunContext, con: duckdb.DuckDBPyConnection, table: pa.Table) -> pa.Table:
    """sql/release/delta.sql against the version ``latest`` names (none: every row added)."""
    previous = latest_version(ctx.data_dir / "published")
    with tempfile.TemporaryDirectory() as scratch:
        path = previous / "denylist.parquet" if previous else Path(scratch) / "none.parquet"
        if previous is None:
            pq.write_table(table.schema.empty_table(), path)
        sql = DELTA_SQL.read_text(encoding="utf-8")
        values = {"previous": str(path), "as_of": ctx.as_of}
        return con.execute(sql, bind(sql, values)).to_arrow_table()


def _snapshot_facts(ctx: RunContext) -> dict[str, Any]:
    facts = {}
    for source_id, snapshot_id in snapshots_used(ctx).items():
        manifest = ctx.data_dir / "raw" / source_id / snapshot_id / "manifest.json"
        raw = json.loads(manifest.read_text(encoding="utf-8"))
        facts[source_id] = {
            "snapshot_id": snapshot_id,
            "url": raw.get("url"),
            "fetched_at": raw.get("fetched_at"),
            "files": {name: f.get("sha256") for name, f in raw.get("files", {}).items()},
        }
    return facts


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
