"""Determinations per policy, and the published denylist."""

from __future__ import annotations

import dagster as dg

from pipelines.defs.resources import OwnergraphResource
from pipelines.defs.warehouse import DETERMINATIONS, POOL, table_asset_key
from pipelines.lib import stages
from pipelines.lib.sqlmodels import SQL_DIR, tables_read

# Warehouse tables the engine's SQL reads (its temporary tables are unqualified).
_ENGINE_INPUTS = sorted(
    {
        table
        for path in (SQL_DIR / "policy").glob("[!_]*.sql")
        for table in tables_read(path.read_text(encoding="utf-8"))
    }
)
DENYLIST = dg.AssetKey(["publish", "denylist"])


@dg.asset(
    key=DETERMINATIONS,
    deps=sorted({table_asset_key(t) for t in _ENGINE_INPUTS}, key=str),
    group_name="policy",
    pool=POOL,
    description="Runs every configured policy's fixed point: policy.determinations (one row "
    "per entity and policy, with status, basis, stakes and risk sources) and policy.paths "
    "(a witness path for each).",
    kinds={"duckdb", "python"},
)
def determinations(ownergraph: OwnergraphResource) -> dg.MaterializeResult:  # type: ignore[type-arg]
    runs = stages.determine(ownergraph.context())
    summary = "; ".join(
        f"{r.policy} {r.determinations:,} ({r.definite:,} definite) in {r.iterations} iterations"
        for r in runs
    )
    return dg.MaterializeResult(
        metadata={
            "summary": summary,
            "policies": {
                r.policy: {"rows": r.determinations, "definite": r.definite,
                           "possible": r.possible, "iterations": r.iterations}
                for r in runs
            },
        }
    )


@dg.asset(
    key=dg.AssetKey(["publish", "published_denylist"]),
    deps=[DENYLIST],
    group_name="publish",
    pool=POOL,
    description="Publishes publish.denylist as an immutable version under "
    "<data_dir>/published/<version>/ (CSV, Parquet, manifest.json) and moves `latest` "
    "to it, unless a guard refuses (empty or shrinking list).",
    kinds={"csv", "parquet"},
)
def published_denylist(ownergraph: OwnergraphResource) -> dg.MaterializeResult:  # type: ignore[type-arg]
    published = stages.publish_denylist(ownergraph.context(), ownergraph.accept_shrink)
    return dg.MaterializeResult(
        metadata={
            "summary": f"version {published.version}: {published.rows:,} rows -> "
            f"{published.path}",
            "version": published.version,
            "rows": published.rows,
            "previous_version": published.previous or "",
            "path": dg.MetadataValue.path(str(published.path)),
        }
    )


assets = [determinations, published_denylist]
