"""The warehouse build as ordered steps: load staging, every SQL model, determinations.

Each step is one asset in the graph (one SQL file, one table) with the
dependencies its SQL reads; all of them run inside one subsettable multi-asset
(``warehouse.py``), in dependency order, on the single warehouse writer.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import dagster as dg
import duckdb

from pipelines.defs.conditions import ON_NEW_INPUT_DATA
from pipelines.defs.sources import staging_key
from pipelines.lib import stages
from pipelines.lib.sqlmodels import SQL_DIR, SqlModel, discover, tables_read
from pipelines.sources.registry import SOURCES

STAGING_TABLES = dg.AssetKey(["warehouse", "staging_tables"])
RESOLUTION = dg.AssetKey(["resolve", "entity_map"])
DETERMINATIONS = dg.AssetKey(["policy", "determinations"])
MODELS = discover()


def table_asset_key(table: str) -> dg.AssetKey:
    """The asset that builds a qualified warehouse table."""
    schema, _, name = table.partition(".")
    if schema == "staging":
        return STAGING_TABLES
    if schema == "policy":
        return DETERMINATIONS
    if schema == "resolve":
        return RESOLUTION
    return dg.AssetKey([schema, name])


@dataclass(frozen=True)
class Step:
    key: dg.AssetKey
    deps: frozenset[dg.AssetKey]
    group: str
    description: str
    run: Callable[[stages.RunContext, duckdb.DuckDBPyConnection], dict[str, Any]]
    kinds: frozenset[str] = frozenset({"duckdb"})
    metadata: Mapping[str, str] = field(default_factory=dict)

    def spec(self) -> dg.AssetSpec:
        return dg.AssetSpec(
            key=self.key,
            deps=sorted(self.deps, key=str),
            group_name=self.group,
            description=self.description,
            kinds=set(self.kinds),
            metadata=dict(self.metadata),
            automation_condition=ON_NEW_INPUT_DATA,
        )


def _load_staging(ctx: stages.RunContext, con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    loaded = stages.load_staging(ctx, con)
    sources = [sid for sid, info in loaded.items() if info["snapshot_id"]]
    return {
        "summary": f"loaded {len(sources)} source(s): {', '.join(sources)}",
        "snapshots": {sid: str(info["snapshot_id"]) for sid, info in loaded.items()},
        "rows": {sid: info["rows"] for sid, info in loaded.items()},
    }


def _build(model: SqlModel
           ) -> Callable[[stages.RunContext, duckdb.DuckDBPyConnection], dict[str, Any]]:
    def run(ctx: stages.RunContext, con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
        rows = stages.build_model(ctx, model, con)
        sql_file = str(model.path.relative_to(SQL_DIR.parent))
        if rows is None:  # a view: previewing it would run its whole query
            return {"summary": f"{model.table}: view", "sql_file": sql_file}
        return {
            "summary": f"{model.table}: {rows:,} rows",
            "sql_file": sql_file,
            "dagster/row_count": rows,
            "preview": dg.MetadataValue.md(preview(con, model.table)),
        }

    return run


def _resolve(ctx: stages.RunContext, con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    run = stages.resolve(ctx, con)
    stats = run.link_stats
    return {
        "summary": run.summary(),
        "dagster/row_count": run.records,
        "candidate_pairs": stats.candidate_pairs,
        "estimated_candidate_pairs": stats.estimated_pairs,
        "matches": stats.matches,
        "possible_matches": stats.possible,
        "identifier_links": run.identifier_links,
        "merged_entities": run.merged_entities,
        "refused_links": run.refused,
        "seconds": {**stats.seconds, "total": run.seconds},
    }


def _determine(ctx: stages.RunContext, con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    runs = stages.determine(ctx, con)
    return {
        "summary": "; ".join(
            f"{r.policy} {r.determinations:,} ({r.definite:,} definite, {r.cautions:,} "
            f"cautions) in {r.iterations} iterations"
            + ("" if r.derivations_in_force else " (derivations not in force)")
            for r in runs
        ),
        "policies": {
            r.policy: {"rows": r.determinations, "definite": r.definite,
                       "possible": r.possible, "cautions": r.cautions,
                       "iterations": r.iterations, "seconds": r.seconds,
                       "derivations_in_force": r.derivations_in_force}
            for r in runs
        },
    }


def preview(con: duckdb.DuckDBPyConnection, table: str) -> str:
    """The first rows of a table as a markdown table."""
    frame = con.execute(f"select * from {table} limit 5").pl()
    if frame.is_empty():
        return "(no rows)"
    header = "| " + " | ".join(frame.columns) + " |"
    rule = "|" + "---|" * len(frame.columns)
    rows = ["| " + " | ".join(str(v)[:60] for v in row) + " |" for row in frame.iter_rows()]
    return "\n".join([header, rule, *rows])


def _engine_inputs(schema: str) -> frozenset[dg.AssetKey]:
    """The warehouse tables a Python stage's SQL reads, other than its own."""
    files = [*(SQL_DIR / schema).glob("[!_]*.sql"), *(SQL_DIR / schema).glob("views/*.sql")]
    tables = {t for p in files for t in tables_read(p.read_text())}
    return frozenset(table_asset_key(t) for t in tables if not t.startswith(f"{schema}."))


def _steps() -> list[Step]:
    steps = [
        Step(STAGING_TABLES, frozenset(staging_key(s) for s in SOURCES), "staging",
             "Loads every configured source's last good parse into staging.stg_* tables "
             "(unconfigured sources get empty tables).", _load_staging),
        Step(RESOLUTION, _engine_inputs("resolve"), "resolve",
             "Entity resolution: strong identifiers, then fuzzy matching of mentions (blocking "
             "in DuckDB, rapidfuzz scoring), analysts' judgements and constrained clusters. "
             "Writes resolve.entity_map (every entity's canonical id and why), resolve.links, "
             "resolve.scored_pairs, resolve.possible_same_as and resolve.run_stats.",
             _resolve, frozenset({"duckdb", "python"})),
        Step(DETERMINATIONS, _engine_inputs("policy"), "policy",
             "Runs every configured policy's fixed point: policy.determinations (one row per "
             "entity and policy, with status, basis, stakes, risk sources and look-through "
             "ownership), policy.paths (a witness path for each, with each step's facts), "
             "policy.cautions, policy.data_quality and policy.runs, and the views "
             "policy.why_restricted, policy.root_reach and policy.one_decision_away.", _determine, frozenset({"duckdb", "python"})),
    ]
    for model in MODELS:
        steps.append(Step(
            dg.AssetKey([model.schema, model.name]),
            frozenset(table_asset_key(t) for t in model.deps),
            model.schema,
            model.description,
            _build(model),
            frozenset({"duckdb", "sql"}),
            {"sql_file": str(model.path.relative_to(SQL_DIR.parent))},
        ))
    return _ordered(steps)


def _ordered(steps: list[Step]) -> list[Step]:
    by_key = {step.key: step for step in steps}
    done: dict[dg.AssetKey, Step] = {}

    def visit(step: Step) -> None:
        if step.key in done:
            return
        for dep in sorted(step.deps, key=str):
            if dep in by_key:
                visit(by_key[dep])
        done[step.key] = step

    for step in steps:
        visit(step)
    return list(done.values())


STEPS = _steps()
