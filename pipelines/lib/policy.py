"""The determination engine: one fixed point for every policy.

Roots start caught. Each step adds the entities whose caught owners' stakes
meet the policy's threshold, or whom a caught entity controls, and upgrades
``possible`` to ``definite`` when lower bounds allow. The caught set only
grows, so the loop ends (cycles included) after at most one step per node.
Every step is one set-based DuckDB statement; no Python walk per entity.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb

from pipelines.lib.policy_config import Policy
from pipelines.lib.sqlmodels import SQL_DIR

POLICY_SQL = SQL_DIR / "policy"
MAX_DEPTH = 1000
EPSILON = 1e-6

CAUGHT_COLUMNS = """
    entity_id varchar primary key, status varchar, basis varchar, depth integer,
    via_owner varchar, via_relationship varchar, stake_lo double, stake_hi double,
    detail varchar
"""


@dataclass(frozen=True)
class PolicyRun:
    policy: str
    iterations: int
    determinations: int
    definite: int
    possible: int


def _sql(name: str) -> str:
    return (POLICY_SQL / f"{name}.sql").read_text(encoding="utf-8")


def _params(policy: Policy, as_of: date) -> dict[str, Any]:
    ownership = policy.ownership
    return {
        "as_of": as_of,
        "root_lists": list(policy.root_lists),
        "root_hq_countries": list(policy.root_hq_countries),
        "root_kinds": list(policy.root_kinds),
        "control_definite": list(policy.control_definite),
        "control_possible": list(policy.control_possible),
        "ownership_bases": list(ownership.bases) if ownership else [],
        "threshold": ownership.threshold if ownership else 101.0,
        "inclusive": bool(ownership and ownership.comparison == ">="),
        "aggregate": bool(ownership and ownership.aggregate),
        "epsilon": EPSILON,
        "max_depth": MAX_DEPTH,
    }


def _execute(con: duckdb.DuckDBPyConnection, sql: str, params: dict[str, Any]) -> None:
    used = {k: v for k, v in params.items() if f"${k}" in sql}
    con.execute(sql, used)


def create_output_tables(con: duckdb.DuckDBPyConnection) -> None:
    con.execute((POLICY_SQL / "_tables.sql").read_text(encoding="utf-8"))


def run_policy(con: duckdb.DuckDBPyConnection, policy: Policy, as_of: date) -> PolicyRun:
    params = _params(policy, as_of)
    _execute(con, "create or replace temp table valid_edges as " + _sql("valid_edges"), params)
    con.execute(f"create or replace temp table caught ({CAUGHT_COLUMNS})")
    _execute(con, "insert into caught " + _sql("roots"), params)
    iterations = _fixed_point(con, params) if policy.propagates else 0
    _store(con, policy, params)
    return _summary(con, policy.id, iterations)


def _fixed_point(con: duckdb.DuckDBPyConnection, params: dict[str, Any]) -> int:
    """Direct links first (for readable witness paths), then all links."""
    iterations = 0
    for include_indirect in (False, True):
        phase = {**params, "include_indirect": include_indirect}
        while True:
            iterations += 1
            _execute(con, "create or replace temp table step as " + _sql("candidates"), phase)
            row = con.execute("select count(*) from step").fetchone()
            if not row or row[0] == 0:
                break
            con.execute("insert or replace into caught select * from step")
    return iterations


def _store(con: duckdb.DuckDBPyConnection, policy: Policy, params: dict[str, Any]) -> None:
    _execute(con, "create or replace temp table risk as " + _sql("risk_sources"), params)
    _execute(con, "create or replace temp table witness as " + _sql("witness_paths"), params)
    con.execute("delete from policy.determinations where policy = $p", {"p": policy.id})
    con.execute("delete from policy.paths where policy = $p", {"p": policy.id})
    con.execute(
        """
        insert into policy.determinations
        select $p, c.entity_id, c.status, c.basis, c.depth, c.stake_lo, c.stake_hi,
               coalesce(r.risk_sources, [c.entity_id]), c.via_owner, c.via_relationship,
               c.detail, $as_of
        from caught as c left join risk as r on r.entity_id = c.entity_id
        """,
        {"p": policy.id, "as_of": params["as_of"]},
    )
    con.execute(
        "insert into policy.paths select $p, entity_id, step, node_id, relationship_id "
        "from witness",
        {"p": policy.id},
    )


def _summary(con: duckdb.DuckDBPyConnection, policy_id: str, iterations: int) -> PolicyRun:
    row = con.execute(
        "select count(*), count(*) filter (where status = 'definite') "
        "from policy.determinations where policy = $p",
        {"p": policy_id},
    ).fetchone()
    total, definite = (int(row[0]), int(row[1])) if row else (0, 0)
    return PolicyRun(policy_id, iterations, total, definite, total - definite)
