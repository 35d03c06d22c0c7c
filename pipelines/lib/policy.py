"""The determination engine: one fixed point for every policy.

Roots start caught. Each step adds the entities whose caught owners' stakes
meet the policy's threshold, or whom a caught entity controls, and upgrades
``possible`` to ``definite`` when lower bounds allow. The caught set only
grows, so the loop ends (cycles included) after at most one step per node.
Every step is one set-based DuckDB statement; no Python walk per entity.
The outputs (determinations, witness paths, cautions, look-through figures)
are written by ``policy_outputs``.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb

from pipelines.lib import policy_outputs
from pipelines.lib.policy_config import Policy
from pipelines.lib.sqlmodels import SQL_DIR, bind

POLICY_SQL = SQL_DIR / "policy"
MAX_DEPTH = 1000
EPSILON = 1e-6
# Binary rounding of summed decimal stakes, far below EPSILON.
TOLERANCE = 1e-9

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
    cautions: int = 0
    derivations_in_force: bool = True
    seconds: float = 0.0


def sql(name: str) -> str:
    return (POLICY_SQL / f"{name}.sql").read_text(encoding="utf-8")


def execute(con: duckdb.DuckDBPyConnection, statement: str, params: dict[str, Any]) -> None:
    con.execute(statement, bind(statement, params))


def params_of(policy: Policy, as_of: date) -> dict[str, Any]:
    ownership = policy.ownership
    return {
        "as_of": as_of,
        "root_lists": list(policy.root_lists),
        "root_hq_countries": list(policy.root_hq_countries),
        "root_kinds": list(policy.root_kinds),
        "natural_persons": policy.natural_persons,
        "control_definite": list(policy.control_definite),
        "control_possible": list(policy.control_possible),
        "caution_control": list(policy.caution.control),
        "minority_stake": policy.caution.minority_stake,
        "ownership_bases": list(ownership.bases) if ownership else [],
        "threshold": ownership.threshold if ownership else 101.0,
        "inclusive": bool(ownership and ownership.comparison == ">="),
        "aggregate": bool(ownership and ownership.aggregate),
        "exclude_jurisdictions": list(policy.exclude_jurisdictions),
        "epsilon": EPSILON,
        "tolerance": TOLERANCE,
        "max_depth": MAX_DEPTH,
        "include_indirect": True,
    }


def create_output_tables(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(sql("_tables"))


def determine_all(con: duckdb.DuckDBPyConnection, policies: Iterable[Policy], as_of: date
                  ) -> list[PolicyRun]:
    """Run every policy on the graph, then (re)create the question views."""
    create_output_tables(con)
    prepare_graph(con, as_of)
    runs = [run_policy(con, policy, as_of, prepared=True) for policy in policies]
    policy_outputs.create_views(con)
    return runs


def prepare_graph(con: duckdb.DuckDBPyConnection, as_of: date) -> None:
    """What every policy of a run shares: data-quality flags and the links in force."""
    params = {"as_of": as_of, "epsilon": EPSILON}
    execute(con, "create or replace table policy.data_quality as " + sql("data_quality"), params)
    execute(con, "create or replace temp table valid_edges as " + sql("in_force_edges"), params)


def run_policy(con: duckdb.DuckDBPyConnection, policy: Policy, as_of: date,
               prepared: bool = False) -> PolicyRun:
    """One policy; ``prepared``: ``prepare_graph`` already ran for this as-of date."""
    started = time.perf_counter()
    if not prepared:
        prepare_graph(con, as_of)
    params = params_of(policy, as_of)
    _prepare(con, policy, params)
    execute(con, "insert into caught " + sql("roots"), params)
    in_force = policy.in_force_on(as_of)
    if in_force and policy.possible_matches and _has_table(con, "resolve", "possible_same_as"):
        execute(con, "insert into caught " + sql("possible_roots"), params)
    derives = in_force and policy.propagates
    iterations = _fixed_point(con, params) if derives else 0
    if derives:
        policy_outputs.refresh_stakes(con, params)
    policy_outputs.store(con, policy, params)
    seconds = time.perf_counter() - started
    return policy_outputs.record_run(con, policy, as_of, iterations, in_force, seconds)


def _prepare(con: duckdb.DuckDBPyConnection, policy: Policy, params: dict[str, Any]) -> None:
    execute(con, "create or replace temp table ownership_links as " + sql("ownership_links"),
            params)
    execute(con, "create or replace temp table control_links as " + sql("control_links"), params)
    execute(con, "create or replace temp table excluded as " + sql("excluded"), params)
    con.execute(f"create or replace temp table caught ({CAUGHT_COLUMNS})")
    con.execute("create or replace temp table policy_programs (list_code varchar, program varchar)")
    programs = [(code, p) for code, progs in policy.root_list_programs for p in progs]
    if programs:
        con.executemany("insert into policy_programs values (?, ?)", programs)
    _joint_arrangements(con, policy)


def _joint_arrangements(con: duckdb.DuckDBPyConnection, policy: Policy) -> None:
    """Declared groups, with members named by any of their records' entity ids."""
    con.execute("create or replace temp table joint_declared (group_id varchar, member varchar)")
    groups = policy.ownership.joint_arrangements if policy.ownership else ()
    rows = [(f"joint-{i}", member) for i, group in enumerate(groups) for member in group]
    if rows:
        con.executemany("insert into joint_declared values (?, ?)", rows)
    con.execute(
        "create or replace temp table joint_arrangements as "
        "select distinct d.group_id, coalesce(m.canonical_id, d.member) as entity_id "
        "from joint_declared as d left join resolve.entity_map as m on m.entity_id = d.member"
    )


def _has_table(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> bool:
    row = con.execute(
        "select count(*) from duckdb_tables() where schema_name = ? and table_name = ?",
        [schema, table],
    ).fetchone()
    return bool(row and row[0])


def _start_phase(con: duckdb.DuckDBPyConnection, include_indirect: bool) -> None:
    """What the phase starts from: every caught entity, or, when indirect links join,
    the caught owners of such links (nothing else has anything new to pass on)."""
    if not include_indirect:
        con.execute("create or replace temp table changed as select * from caught")
        return
    con.execute(
        "create or replace temp table changed as select * from caught where entity_id in ("
        "select owner_id from ownership_links where not is_direct union all "
        "select owner_id from control_links where not is_direct)"
    )


def _fixed_point(con: duckdb.DuckDBPyConnection, params: dict[str, Any]) -> int:
    """Direct links first (for readable witness paths), then all links. Semi-naive:
    each step looks only at what the entities changed in the step before hold."""
    iterations = 0
    for include_indirect in (False, True):
        phase = {**params, "include_indirect": include_indirect}
        _start_phase(con, include_indirect)
        while True:
            iterations += 1
            execute(con, "create or replace temp table stakes as " + sql("stakes"), phase)
            execute(con, "create or replace temp table step as " + sql("candidates"), phase)
            row = con.execute("select count(*) from step").fetchone()
            if not row or row[0] == 0:
                break
            con.execute("insert or replace into caught select * from step")
            con.execute("create or replace temp table changed as select * from step")
    return iterations
