"""The fixed-point engine on small hand-built graphs (POLICY_RULES §9 vectors)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from pipelines.lib.policy import run_policy
from pipelines.lib.policy_config import Ownership, Policy
from tests.lib.policy_graph import Graph, Link, Listing, Node, build, statuses

AS_OF = date(2026, 11, 20)

OFAC_50 = Policy(
    id="ofac_50",
    description="",
    root_lists=("us_ofac_sdn",),
    ownership=Ownership(threshold=50, comparison=">=", aggregate=True, bases=("shares",)),
)
UK_50 = Policy(
    id="uk_50",
    description="",
    root_lists=("us_ofac_sdn",),
    ownership=Ownership(threshold=50, comparison=">", aggregate=False, bases=("shares", "votes")),
    control_definite=("board_appointment", "accounting_consolidation"),
)
CN = Policy(
    id="cn_control",
    description="",
    root_hq_countries=("CN",),
    root_kinds=("company",),
    ownership=Ownership(threshold=50, comparison=">", aggregate=True, bases=("shares",)),
    control_definite=("accounting_consolidation", "branch"),
    control_possible=("significant_influence",),
)

Edge = tuple[str, str, float | None, float | None] | tuple[str, str, float | None, float | None, str]


def _graph(tmp_path: Path, listed: list[str], edges: list[Edge], hq: dict[str, str] | None = None
           ) -> duckdb.DuckDBPyConnection:
    links = [Link(e[0], e[1], e[2], e[3], e[4] if len(e) == 5 else "shares")
             for e in edges]
    nodes = {n: Node(hq_country=c) for n, c in (hq or {}).items()}
    return build(tmp_path / "w.duckdb", Graph(links, [Listing(x) for x in listed], nodes))


def _statuses(con: duckdb.DuckDBPyConnection, policy: str) -> dict[str, str]:
    return statuses(con, policy)


def test_faq_401_example_1_chain(tmp_path: Path) -> None:
    con = _graph(tmp_path, ["x"], [("x", "a", 50, 50), ("a", "b", 50, 50)])
    run_policy(con, OFAC_50, AS_OF)
    assert _statuses(con, "ofac_50") == {"x": "definite", "a": "definite", "b": "definite"}


def test_faq_401_example_2_aggregation_through_caught_intermediates(tmp_path: Path) -> None:
    edges: list[Edge] = [("x", "a", 50, 50), ("x", "b", 50, 50), ("a", "c", 25, 25),
                         ("b", "c", 25, 25)]
    con = _graph(tmp_path, ["x"], edges)
    run_policy(con, OFAC_50, AS_OF)
    assert _statuses(con, "ofac_50")["c"] == "definite"
    risk = con.execute("select risk_sources from policy.determinations where entity_id = 'c'"
                       ).fetchone()
    assert risk == (["x"],)


def test_faq_401_example_3_not_multiplicative(tmp_path: Path) -> None:
    con = _graph(tmp_path, ["x"], [("x", "a", 50, 50), ("x", "b", 10, 10), ("a", "b", 40, 40)])
    run_policy(con, OFAC_50, AS_OF)
    assert _statuses(con, "ofac_50")["b"] == "definite"
    stake = con.execute("select stake_lo from policy.determinations where entity_id = 'b'"
                        ).fetchone()
    assert stake == (50.0,)


def test_minority_intermediate_transmits_nothing(tmp_path: Path) -> None:
    con = _graph(tmp_path, ["x"], [("x", "a", 49.99, 49.99), ("a", "b", 100, 100)])
    run_policy(con, OFAC_50, AS_OF)
    assert _statuses(con, "ofac_50") == {"x": "definite"}


def test_psc_bands_aggregate_under_ofac_but_not_uk(tmp_path: Path) -> None:
    con = _graph(tmp_path, ["x", "y"], [("x", "c", 25, 50), ("y", "c", 25, 50)])
    run_policy(con, OFAC_50, AS_OF)
    run_policy(con, UK_50, AS_OF)
    assert _statuses(con, "ofac_50")["c"] == "definite"
    assert "c" not in _statuses(con, "uk_50")


def test_single_band_25_50_is_possible_under_ofac(tmp_path: Path) -> None:
    con = _graph(tmp_path, ["x"], [("x", "c", 25, 50)])
    run_policy(con, OFAC_50, AS_OF)
    run_policy(con, UK_50, AS_OF)
    assert _statuses(con, "ofac_50")["c"] == "possible"
    assert "c" not in _statuses(con, "uk_50")


def test_cycle_terminates(tmp_path: Path) -> None:
    con = _graph(tmp_path, ["a"], [("a", "b", 60, 60), ("b", "a", 60, 60)])
    run = run_policy(con, OFAC_50, AS_OF)
    assert _statuses(con, "ofac_50") == {"a": "definite", "b": "definite"}
    assert run.iterations <= 3


def test_cn_control_consolidation_and_joint_venture(tmp_path: Path) -> None:
    edges: list[Edge] = [
        ("cn", "ky", None, None, "accounting_consolidation"),
        ("ky", "sg", None, None, "accounting_consolidation"),
        ("cn", "jv", 50, 50),
        ("us", "jv", 50, 50),
        ("cn2", "inf", None, None, "significant_influence"),
        ("cn", "agg", 30, 30),
        ("cn2", "agg", 25, 25),
    ]
    con = _graph(tmp_path, [], edges, hq={"cn": "CN", "cn2": "CN", "us": "US"})
    run_policy(con, CN, AS_OF)
    statuses = _statuses(con, "cn_control")
    assert statuses == {
        "cn": "definite", "cn2": "definite", "ky": "definite", "sg": "definite",
        "agg": "definite", "inf": "possible",
    }
    path = con.execute("select list(node_id order by step) from policy.paths "
                       "where entity_id = 'sg'").fetchone()
    assert path == (["sg", "ky", "cn"],)


@pytest.mark.parametrize("as_of, caught", [(date(2020, 6, 1), True), (date(2021, 6, 1), False)])
def test_ended_relationship_stops_counting(tmp_path: Path, as_of: date, caught: bool) -> None:
    con = _graph(tmp_path, ["x"], [("x", "a", 100, 100)])
    con.execute("update graph.edges set end_date = '2020-12-31'")
    run_policy(con, OFAC_50, as_of)
    assert ("a" in _statuses(con, "ofac_50")) is caught
