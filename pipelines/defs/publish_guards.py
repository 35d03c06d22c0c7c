"""Checks on ``publish.denylist`` that guard the publish step, shown in the UI with their figures.

- ``sources_fresh`` (blocking): every configured source has a good snapshot confirmed
  current within its ``max_age_hours``. A source whose refresh failed is still used
  while its last good snapshot is young enough; past that, nothing is published.
- ``shrink_guard`` (warning): the denylist against the version ``latest`` names. The
  publish step itself refuses a shrink past ``publish.max_shrink`` unless the run
  accepts it, so this check only shows the figures before that happens.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import dagster as dg
import duckdb

from pipelines.defs.warehouse_steps import table_asset_key
from pipelines.lib.publish import latest_version
from pipelines.lib.source_age import configured_ages, now_utc
from pipelines.lib.stages import RunContext

DENYLIST = table_asset_key("publish.denylist")


@dataclass(frozen=True)
class SourcesFreshCheck:
    asset_key = DENYLIST
    name = "sources_fresh"
    reads = frozenset({DENYLIST})

    def spec(self) -> dg.AssetCheckSpec:
        return dg.AssetCheckSpec(
            self.name, asset=self.asset_key, blocking=True,
            description="Every configured source has a good snapshot, confirmed current within "
            "its max_age_hours (run config): a failed refresh is tolerated until then, and the "
            "denylist is not published past it.")

    def evaluate(self, con: duckdb.DuckDBPyConnection, ctx: RunContext) -> dg.AssetCheckResult:
        now = now_utc()
        ages = configured_ages(ctx)
        problems = [p for p in (age.problem(now) for age in ages) if p is not None]
        hours = {a.source_id: round(a.hours(now) or 0.0, 2) for a in ages}
        limits = {a.source_id: a.max_age_hours for a in ages if a.max_age_hours is not None}
        return dg.AssetCheckResult(
            asset_key=self.asset_key, check_name=self.name, passed=not problems,
            description="; ".join(problems) or f"{len(ages)} sources within their max age",
            metadata={"age_hours": hours, "max_age_hours": limits, "stale": problems})


@dataclass(frozen=True)
class ShrinkGuardCheck:
    asset_key = DENYLIST
    name = "shrink_guard"
    reads = frozenset({DENYLIST})

    def spec(self) -> dg.AssetCheckSpec:
        return dg.AssetCheckSpec(
            self.name, asset=self.asset_key,
            description="The denylist keeps at least 1 - publish.max_shrink of the rows of the "
            "last published version; the publish step refuses otherwise (unless accept_shrink).")

    def evaluate(self, con: duckdb.DuckDBPyConnection, ctx: RunContext) -> dg.AssetCheckResult:
        rows = _count(con)
        previous = latest_version(ctx.data_dir / "published")
        before = _published_rows(previous) if previous else None
        limit = ctx.config.publish.max_shrink
        shrink = 0.0 if not before else max(0.0, 1 - rows / before)
        passed = rows > 0 and shrink <= limit
        return dg.AssetCheckResult(
            asset_key=self.asset_key, check_name=self.name, passed=passed,
            severity=dg.AssetCheckSeverity.WARN,
            description=f"{rows:,} rows against {before if before is not None else 'no'} "
            f"published ({shrink:.1%} fewer; the guard allows {limit:.0%})",
            metadata={"rows": rows, "published_rows": before if before is not None else -1,
                      "previous_version": previous.name if previous else "",
                      "shrink": round(shrink, 4), "max_shrink": limit})


def _count(con: duckdb.DuckDBPyConnection) -> int:
    found = con.table("publish.denylist").aggregate("count(*)").fetchone()
    return int(found[0]) if found else 0


def _published_rows(version_dir: Path) -> int:
    manifest = json.loads((version_dir / "manifest.json").read_text(encoding="utf-8"))
    return int(manifest["rows"])


GUARDS: list[SourcesFreshCheck | ShrinkGuardCheck] = [SourcesFreshCheck(), ShrinkGuardCheck()]
