"""Why an entity is or is not restricted under each policy: the facts, read
from the warehouse a run left (``sql/explain/``). ``explain_text`` turns them
into prose and ``explain_svg`` into a drawing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb

from pipelines.lib.sqlmodels import SQL_DIR, bind

EXPLAIN_SQL = SQL_DIR / "explain"


class ExplainError(LookupError):
    """The query names no entity, or more than one; the message says which."""


@dataclass(frozen=True)
class Node:
    node_id: str
    name: str
    how: str


@dataclass(frozen=True)
class PolicyFacts:
    policy: str
    as_of: date
    in_force: bool
    rule: dict[str, Any]
    determination: dict[str, Any] | None
    path: list[dict[str, Any]]
    owners: list[dict[str, Any]]
    notes: list[tuple[str, str]]


@dataclass(frozen=True)
class Explanation:
    node: Node
    policies: list[PolicyFacts]


def _rows(con: duckdb.DuckDBPyConnection, name: str, values: dict[str, Any]
          ) -> list[dict[str, Any]]:
    statement = (EXPLAIN_SQL / f"{name}.sql").read_text(encoding="utf-8")
    cursor = con.execute(statement, bind(statement, values))
    columns = [d[0] for d in cursor.description or ()]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def find_entity(con: duckdb.DuckDBPyConnection, query: str) -> Node:
    found = _rows(con, "find_entity", {"query": query.strip()})
    if not found:
        raise ExplainError(f"no entity matches {query!r} (try a canonical id, a source "
                           "entity id, scheme:value such as lei:…, or an exact name)")
    if len(found) > 1:
        listed = "; ".join(f"{r['node_id']} ({r['name']})" for r in found[:10])
        raise ExplainError(f"{query!r} names {len(found)} entities: {listed}")
    row = found[0]
    return Node(row["node_id"], row["name"] or row["node_id"], row["how"])


def explain(con: duckdb.DuckDBPyConnection, query: str, policies: tuple[str, ...] = ()
            ) -> Explanation:
    node = find_entity(con, query)
    runs = _rows(con, "determinations", {"entity": node.node_id})
    if not runs:
        raise ExplainError("the warehouse has no policy runs; run `ownergraph run` first")
    chosen = [r for r in runs if not policies or r["policy"] in policies]
    if policies and not chosen:
        raise ExplainError(f"no run of policies {list(policies)}; ran: "
                           f"{[r['policy'] for r in runs]}")
    return Explanation(node, [_facts(con, node.node_id, run) for run in chosen])


def _facts(con: duckdb.DuckDBPyConnection, entity: str, run: dict[str, Any]) -> PolicyFacts:
    policy, as_of = run["policy"], run["as_of"]
    rule = _rule(con, policy)
    path = [r for r in _why(con, policy, entity)]
    owners = [o for o in _rows(con, "owners", {"entity": entity, "as_of": as_of})
              if o["policy"] == policy]
    notes = [(r["kind"], r["note"]) for r in _rows(con, "notes", {"entity": entity})
             if r["policy"] in (None, policy)]
    determined = run if run["status"] is not None else None
    return PolicyFacts(policy, as_of, run["derivations_in_force"], rule, determined, path,
                       owners, notes)


def _rule(con: duckdb.DuckDBPyConnection, policy: str) -> dict[str, Any]:
    cursor = con.execute("select threshold, comparison, aggregate, ownership_bases "
                         "from policy.runs where policy = ?", [policy])
    columns = [d[0] for d in cursor.description or ()]
    row = cursor.fetchone()
    return dict(zip(columns, row, strict=True)) if row else {}


def _why(con: duckdb.DuckDBPyConnection, policy: str, entity: str) -> list[dict[str, Any]]:
    cursor = con.execute("select * from policy.why_restricted where policy = ? and entity_id = ? "
                         "order by step", [policy, entity])
    columns = [d[0] for d in cursor.description or ()]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
