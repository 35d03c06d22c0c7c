"""The warehouse layers: the staging loader, then one asset per SQL model.

Every asset here writes the one DuckDB file, so all share the ``warehouse``
pool (limit 1 in dagster.yaml): parallel source stages never contend for it.
Asset dependencies are read from the SQL (``duckdb.get_table_names``).
"""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from pipelines.defs.resources import OwnergraphResource
from pipelines.defs.sources import staging_key
from pipelines.lib import stages, warehouse
from pipelines.lib.sqlmodels import SQL_DIR, SqlModel, discover
from pipelines.sources.registry import SOURCES

POOL = "warehouse"
STAGING_TABLES = dg.AssetKey(["warehouse", "staging_tables"])
DETERMINATIONS = dg.AssetKey(["policy", "determinations"])
MODELS = discover()


def table_asset_key(table: str) -> dg.AssetKey:
    """The asset that builds a qualified warehouse table."""
    schema, _, name = table.partition(".")
    if schema == "staging":
        return STAGING_TABLES
    if schema == "policy":
        return DETERMINATIONS
    return dg.AssetKey([schema, name])


@dg.asset(
    key=STAGING_TABLES,
    deps=[staging_key(source) for source in SOURCES],
    group_name="staging",
    pool=POOL,
    description="Loads every configured source's last good parse into staging.stg_* tables "
    "(the single writer; unconfigured sources get empty tables).",
    kinds={"duckdb"},
)
def staging_tables(ownergraph: OwnergraphResource) -> dg.MaterializeResult:  # type: ignore[type-arg]
    loaded = stages.load_staging(ownergraph.context())
    sources = [sid for sid, info in loaded.items() if info["snapshot_id"]]
    return dg.MaterializeResult(
        metadata={
            "summary": f"loaded {len(sources)} source(s): {', '.join(sources)}",
            "snapshots": {sid: str(info["snapshot_id"]) for sid, info in loaded.items()},
            "rows": {sid: info["rows"] for sid, info in loaded.items()},
        }
    )


def _model_asset(model: SqlModel) -> dg.AssetsDefinition:
    @dg.asset(
        key=dg.AssetKey([model.schema, model.name]),
        deps=sorted({table_asset_key(t) for t in model.deps}, key=str),
        group_name=model.schema,
        pool=POOL,
        description=model.description,
        kinds={"duckdb", "sql"},
        metadata={"sql_file": str(model.path.relative_to(SQL_DIR.parent))},
    )
    def build(ownergraph: OwnergraphResource) -> dg.MaterializeResult:  # type: ignore[type-arg]
        ctx = ownergraph.context()
        rows = stages.build_model(ctx, model)
        return dg.MaterializeResult(
            metadata={
                "summary": f"{model.table}: {rows:,} rows",
                "dagster/row_count": rows,
                "preview": dg.MetadataValue.md(_preview(ctx.data_dir, model.table)),
            }
        )

    return build


def _preview(data_dir: Path, table: str) -> str:
    with warehouse.connect(data_dir) as con:
        frame = con.execute(f"select * from {table} limit 5").pl()
    if frame.is_empty():
        return "(no rows)"
    header = "| " + " | ".join(frame.columns) + " |"
    rule = "|" + "---|" * len(frame.columns)
    rows = ["| " + " | ".join(str(v)[:60] for v in row) + " |" for row in frame.iter_rows()]
    return "\n".join([header, rule, *rows])


def _check(path: Path) -> dg.AssetChecksDefinition:
    """``sql/checks/<schema>__<table>__<rule>.sql``: the violating rows; none means pass."""
    schema, table, rule = path.stem.split("__")
    sql = path.read_text(encoding="utf-8")

    @dg.asset_check(
        asset=table_asset_key(f"{schema}.{table}"),
        name=rule,
        blocking=True,
        description=" ".join(
            line.removeprefix("--").strip() for line in sql.splitlines() if line.startswith("--")
        ),
    )
    def check(ownergraph: OwnergraphResource) -> dg.AssetCheckResult:
        with warehouse.connect(Path(ownergraph.data_dir)) as con:
            frame = con.execute(sql).pl()
        return dg.AssetCheckResult(
            passed=frame.is_empty(),
            metadata={"violations": len(frame), "sample": frame.head(5).write_csv()},
        )

    return check


assets = [staging_tables, *(_model_asset(model) for model in MODELS)]
checks = [_check(path) for path in sorted((SQL_DIR / "checks").glob("*.sql"))]
