"""Small resolved graphs in a real DuckDB file, in the warehouse's own table
shapes, for the determination engine's tests."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import duckdb

from pipelines.lib.policy import create_output_tables, determine_all
from pipelines.lib.policy_config import Policy
from pipelines.lib.sqlmodels import load_macros


@dataclass(frozen=True)
class Node:
    kind: str = "company"
    jurisdiction: str | None = "GB"
    hq_country: str | None = None


@dataclass(frozen=True)
class Listing:
    entity: str
    list_code: str = "us_ofac_sdn"
    program: str | None = "SDGT"
    listed_on: date | None = None
    delisted_on: date | None = None


@dataclass(frozen=True)
class Link:
    owner: str
    subject: str
    lo: float | None = None
    hi: float | None = None
    basis: str = "shares"
    # None: closed for a point stake (lo == hi), open below for a band.
    lo_inclusive: bool | None = None
    hi_inclusive: bool = True
    start: date | None = None
    end: date | None = None
    status: str = "active"
    direct_or_indirect: str = "direct"
    # None: numbered by position. Set it to keep a link's id when links are reordered.
    relationship_id: str | None = None


@dataclass
class Graph:
    links: list[Link]
    listings: list[Listing] = field(default_factory=list)
    nodes: dict[str, Node] = field(default_factory=dict)
    # (left, right, score): resolution's "possibly the same as" pairs.
    possible_pairs: list[tuple[str, str, float]] = field(default_factory=list)

    def node_ids(self) -> list[str]:
        ids = {n for link in self.links for n in (link.owner, link.subject)}
        return sorted(ids | {x.entity for x in self.listings} | set(self.nodes))


NODE_COLUMNS = "node_id varchar, kind varchar, name varchar, jurisdiction varchar, hq_country varchar"
EDGE_COLUMNS = """relationship_id varchar, owner_id varchar, subject_id varchar, basis varchar,
    direct_or_indirect varchar, stake_lo double, stake_hi double, lo_inclusive boolean,
    hi_inclusive boolean, start_date date, end_date date, status varchar, source_type varchar,
    source varchar, source_record varchar, snapshot_id varchar"""


def build(path: Path, graph: Graph) -> duckdb.DuckDBPyConnection:
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path))
    for schema in ("canonical", "resolve", "graph", "policy"):
        con.execute(f"create schema if not exists {schema}")
    load_macros(con)
    _nodes(con, graph)
    _edges(con, graph.links)
    _listings(con, graph.listings)
    con.execute("create or replace table resolve.possible_same_as (left_id varchar, "
                "right_id varchar, score double, detail varchar, records varchar)")
    for left, right, score in graph.possible_pairs:
        con.execute("insert into resolve.possible_same_as values (?, ?, ?, 'name', '')",
                    [min(left, right), max(left, right), score])
    create_output_tables(con)
    return con


def _nodes(con: duckdb.DuckDBPyConnection, graph: Graph) -> None:
    con.execute(f"create or replace table graph.nodes ({NODE_COLUMNS})")
    for node_id in graph.node_ids():
        node = graph.nodes.get(node_id, Node())
        con.execute("insert into graph.nodes values (?, ?, ?, ?, ?)",
                    [node_id, node.kind, node_id.upper(), node.jurisdiction, node.hq_country])
    con.execute("create or replace table resolve.entity_map as select node_id as entity_id, "
                "node_id as canonical_id from graph.nodes")


def _edges(con: duckdb.DuckDBPyConnection, links: list[Link]) -> None:
    con.execute(f"create or replace table graph.edges ({EDGE_COLUMNS})")
    for i, link in enumerate(links):
        lo_inclusive = link.lo == link.hi if link.lo_inclusive is None else link.lo_inclusive
        con.execute(
            "insert into graph.edges values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'test', "
            "'test', ?, 'snap')",
            [link.relationship_id or f"r{i:04d}", link.owner, link.subject, link.basis,
             link.direct_or_indirect, link.lo, link.hi, lo_inclusive, link.hi_inclusive,
             link.start, link.end, link.status, f"{link.owner}|{link.subject}"],
        )


def _listings(con: duckdb.DuckDBPyConnection, listings: list[Listing]) -> None:
    con.execute("create or replace table canonical.list_memberships (entity_id varchar, "
                "list_code varchar, program varchar, listed_on date, delisted_on date)")
    for x in listings:
        con.execute("insert into canonical.list_memberships values (?, ?, ?, ?, ?)",
                    [x.entity, x.list_code, x.program, x.listed_on, x.delisted_on])


def statuses(con: duckdb.DuckDBPyConnection, policy: str) -> dict[str, str]:
    rows = con.execute("select entity_id, status from policy.determinations where policy = ?",
                       [policy]).fetchall()
    return dict(rows)


def run(graph: Graph, policies: Iterable[Policy], as_of: date) -> duckdb.DuckDBPyConnection:
    """The engine on `graph` in an in-memory database (nothing written to disk)."""
    con = build(Path(":memory:"), graph)
    determine_all(con, policies, as_of)
    return con


def table(con: duckdb.DuckDBPyConnection, name: str) -> list[tuple[Any, ...]]:
    """Every row of a policy output table, in a stable order."""
    return con.execute(f"select * from policy.{name} order by all").fetchall()
