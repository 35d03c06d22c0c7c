"""The warehouse: one subsettable multi-asset, one asset per table in the graph.

Every table is written by the single warehouse writer, so the whole build
runs as one step (one process, one DuckDB file handle) in dependency order,
the way dagster-dbt runs a dbt project. Selecting a few tables in the UI runs
only those. Blocking SQL checks run right after the table they guard; a
failure stops the build, so nothing downstream (and nothing published) moves.
"""

# No `from __future__ import annotations`: Dagster inspects the context annotation at runtime.
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import dagster as dg
import duckdb
from dagster import AssetExecutionContext

from pipelines.defs.executor import WAREHOUSE_TAG
from pipelines.defs.publish_guards import GUARDS, ShrinkGuardCheck, SourcesFreshCheck
from pipelines.defs.resources import OwnergraphResource
from pipelines.defs.warehouse_steps import RESOLUTION, STEPS, table_asset_key
from pipelines.lib import warehouse
from pipelines.lib.resolve import accuracy
from pipelines.lib.resolve.settings import load_resolution
from pipelines.lib.sqlmodels import SQL_DIR, tables_read
from pipelines.lib.stages import RunContext


class CheckFailed(RuntimeError):
    """A blocking check found violations; the build stops before anything downstream."""


@dataclass(frozen=True)
class SqlCheck:
    """``sql/checks/<schema>__<table>__<rule>.sql``: the violating rows; none means pass."""

    path: Path

    @property
    def asset_key(self) -> dg.AssetKey:
        schema, table, _ = self.path.stem.split("__")
        return table_asset_key(f"{schema}.{table}")

    @property
    def name(self) -> str:
        return self.path.stem.split("__")[2]

    @property
    def sql(self) -> str:
        return self.path.read_text(encoding="utf-8")

    @property
    def reads(self) -> frozenset[dg.AssetKey]:
        return frozenset(table_asset_key(t) for t in tables_read(self.sql))

    def spec(self) -> dg.AssetCheckSpec:
        comment = " ".join(
            line.removeprefix("--").strip() for line in self.sql.splitlines()
            if line.startswith("--")
        )
        return dg.AssetCheckSpec(self.name, asset=self.asset_key, blocking=True,
                                 description=comment)

    def evaluate(self, con: duckdb.DuckDBPyConnection, ctx: RunContext) -> dg.AssetCheckResult:
        frame = con.execute(self.sql).pl()
        return dg.AssetCheckResult(
            asset_key=self.asset_key,
            check_name=self.name,
            passed=frame.is_empty(),
            metadata={"violations": len(frame), "sample": frame.head(5).write_csv()},
        )


@dataclass(frozen=True)
class AccuracyCheck:
    """Resolution scored against the run's labelled set (``resolution_labels``)."""

    asset_key = RESOLUTION
    name = "accuracy"
    reads = frozenset({RESOLUTION})

    def spec(self) -> dg.AssetCheckSpec:
        return dg.AssetCheckSpec(
            self.name, asset=self.asset_key, blocking=True,
            description="Pairwise (mention linking) and cluster precision, recall and F1 "
            "against the run config's `resolution_labels` (the demo's truth.json); fails "
            "under the F1 and precision floors of resolution.yaml. Passes, saying so, when "
            "no labelled set is configured.")

    def evaluate(self, con: duckdb.DuckDBPyConnection, ctx: RunContext) -> dg.AssetCheckResult:
        labels = ctx.config.resolution_labels
        if labels is None:
            return dg.AssetCheckResult(asset_key=self.asset_key, check_name=self.name,
                                       passed=True,
                                       metadata={"summary": "no labelled set configured"})
        floor = load_resolution(ctx.config.resolution_file).accuracy
        found = accuracy.measure(con, accuracy.load_labels(labels))
        return dg.AssetCheckResult(
            asset_key=self.asset_key, check_name=self.name,
            passed=found.passes(floor.min_f1, floor.min_precision),
            metadata={**found.metadata(), "min_f1": floor.min_f1,
                      "min_precision": floor.min_precision, "labels": str(labels)})


Check = SqlCheck | AccuracyCheck | SourcesFreshCheck | ShrinkGuardCheck
CHECKS: list[Check] = [
    *(SqlCheck(path) for path in sorted((SQL_DIR / "checks").glob("*.sql"))), AccuracyCheck(),
    *GUARDS]


@dg.multi_asset(
    name="warehouse",
    specs=[step.spec() for step in STEPS],
    check_specs=[check.spec() for check in CHECKS],
    can_subset=True,
    op_tags=WAREHOUSE_TAG,
)
def warehouse_build(
    context: AssetExecutionContext, ownergraph: OwnergraphResource
) -> Iterator[dg.MaterializeResult | dg.AssetCheckResult]:  # type: ignore[type-arg]
    ctx = ownergraph.context()
    selected = context.selected_asset_keys
    pending = [c for c in CHECKS if c.spec().key in context.selected_asset_check_keys]
    built: set[dg.AssetKey] = set()
    # One connection for the whole build: opening the warehouse file per table
    # would cost more than building most of them.
    with warehouse.connect(ctx.data_dir) as con:
        for step in STEPS:
            if step.key not in selected:
                continue
            yield dg.MaterializeResult(asset_key=step.key, metadata=step.run(ctx, con))
            built.add(step.key)
            # A check runs as soon as every table it reads that this run builds is built.
            ready = [c for c in pending if (c.reads & selected) <= built]
            pending = [c for c in pending if c not in ready]
            yield from _evaluate(ready, con, ctx)


def _evaluate(checks: list[Check], con: duckdb.DuckDBPyConnection,
              ctx: RunContext) -> Iterator[dg.AssetCheckResult]:
    for check in checks:
        result = check.evaluate(con, ctx)
        yield result
        # A warning (shrink_guard) is shown, not enforced here.
        if not result.passed and result.severity == dg.AssetCheckSeverity.ERROR:
            raise CheckFailed(f"check {check.asset_key.to_user_string()} {check.name} failed: "
                              f"{result.metadata}")


assets = [warehouse_build]
