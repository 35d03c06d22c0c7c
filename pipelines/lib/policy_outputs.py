"""What a policy run leaves in the warehouse: determinations with risk sources
and look-through figures, witness paths, cautions, a run row, and the views
that answer analysts' common questions (``sql/policy/views/``).

Works on the temp tables the engine (``policy.py``) leaves: ``caught``,
``valid_edges`` and ``stakes``.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import duckdb

from pipelines.lib.sqlmodels import SQL_DIR, bind

if TYPE_CHECKING:
    from pipelines.lib.policy import PolicyRun
    from pipelines.lib.policy_config import Policy

POLICY_SQL = SQL_DIR / "policy"
VIEWS_SQL = POLICY_SQL / "views"
# Chains longer than this add too little to the look-through metric to matter.
LOOK_THROUGH_DEPTH = 12
LOOK_THROUGH_FLOOR = 0.001


def _sql(name: str) -> str:
    return (POLICY_SQL / f"{name}.sql").read_text(encoding="utf-8")


def _execute(con: duckdb.DuckDBPyConnection, statement: str, params: dict[str, Any]) -> None:
    con.execute(statement, bind(statement, params))


def refresh_stakes(con: duckdb.DuckDBPyConnection, params: dict[str, Any]) -> None:
    """Final stakes of every ownership determination, against the final caught set
    (a `possible` row keeps the figures of the step that caught it otherwise):
    every caught entity counts as changed."""
    con.execute("create or replace temp table changed as select * from caught")
    _execute(con, "create or replace temp table stakes as " + _sql("stakes"),
             {**params, "include_indirect": True})
    con.execute(
        "update caught set stake_lo = round(s.s_lo, 4), stake_hi = round(least(s.s_hi, 100), 4), "
        "detail = s.detail from stakes as s "
        "where s.entity_id = caught.entity_id and caught.basis = 'ownership'"
    )


def store(con: duckdb.DuckDBPyConnection, policy: Policy, params: dict[str, Any]) -> None:
    values = {**params, "policy": policy.id}
    _execute(con, "create or replace temp table risk as " + _sql("risk_sources"), values)
    _execute(con, "create or replace temp table witness as " + _sql("witness_paths"), values)
    _look_through(con, values, enabled=policy.ownership is not None)
    for table in ("determinations", "paths", "cautions"):
        con.execute(f"delete from policy.{table} where policy = $p", {"p": policy.id})
    _execute(con, "insert into policy.determinations " + _sql("determination_rows"), values)
    _execute(con, "insert into policy.paths " + _sql("path_rows"), values)
    _execute(con, "insert into policy.cautions " + _sql("cautions"), values)


def _look_through(con: duckdb.DuckDBPyConnection, params: dict[str, Any], enabled: bool) -> None:
    """Multiplicative look-through ownership, one chain length per step."""
    con.execute("create or replace temp table look_through (entity_id varchar, lo double, "
                "hi double)")
    if not enabled:
        return
    con.execute("create or replace temp table look_through_flow as "
                "select entity_id, 100.0::double as lo, 100.0::double as hi "
                "from caught where depth = 0")
    con.execute("create or replace temp table look_through_holdings as "
                + _sql("look_through_holdings"))
    values = {**params, "look_through_floor": LOOK_THROUGH_FLOOR}
    for _ in range(LOOK_THROUGH_DEPTH):
        _execute(con, "create or replace temp table look_through_next as "
                 + _sql("look_through_step"), values)
        row = con.execute("select count(*) from look_through_next").fetchone()
        if not row or row[0] == 0:
            break
        con.execute("insert into look_through select * from look_through_next")
        con.execute("create or replace temp table look_through_flow as "
                    "select * from look_through_next")
    con.execute("create or replace temp table look_through as "
                "select entity_id, sum(lo) as lo, sum(hi) as hi from look_through group by all")


def record_run(con: duckdb.DuckDBPyConnection, policy: Policy, as_of: date, iterations: int,
               in_force: bool, seconds: float) -> PolicyRun:
    from pipelines.lib.policy import PolicyRun

    row = con.execute(
        "select count(*), count(*) filter (where status = 'definite'), "
        "(select count(*) from policy.cautions where policy = $p) "
        "from policy.determinations where policy = $p",
        {"p": policy.id},
    ).fetchone()
    total, definite, cautions = (int(row[0]), int(row[1]), int(row[2])) if row else (0, 0, 0)
    run = PolicyRun(policy.id, iterations, total, definite, total - definite, cautions,
                    in_force, round(seconds, 3))
    con.execute("delete from policy.runs where policy = ?", [policy.id])
    own = policy.ownership
    con.execute("insert into policy.runs values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [run.policy, as_of, in_force, own and own.threshold, own and own.comparison,
                 own and own.aggregate, list(own.bases) if own else None, iterations, total,
                 definite, run.possible, cautions, run.seconds])
    return run


def create_views(con: duckdb.DuckDBPyConnection) -> None:
    """The documented views over the determinations (one file per view)."""
    for path in sorted(VIEWS_SQL.glob("*.sql")):
        con.execute(f"create or replace view policy.{path.stem} as "
                    + path.read_text(encoding="utf-8"))
