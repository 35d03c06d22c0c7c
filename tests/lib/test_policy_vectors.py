"""POLICY_RULES.md §9 golden vectors and the §8 cross-regime table, under the
built-in policies exactly as config/policies.yaml ships them, at engine level
(tests/test_policy_pipeline.py runs them again from generated source files)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import duckdb
import pytest

from pipelines.lib.policy import determine_all
from pipelines.lib.policy_config import Policy, load_policies
from tests.lib.policy_graph import Graph, Link, Listing, Node, build, statuses

POLICY_FILE = Path(__file__).resolve().parents[2] / "config" / "policies.yaml"
REGIMES = ("ofac_50", "bis_affiliates", "eu_50", "uk_50", "cn_control")
AS_OF = date(2026, 11, 20)


def policies(*names: str) -> list[Policy]:
    return load_policies(POLICY_FILE, names or REGIMES)


def everywhere(entity: str) -> list[Listing]:
    """Listed on every root list: SDN (an EAR 744.8 program), Entity List, EU and UK."""
    return [Listing(entity, "us_ofac_sdn", "RUSSIA-EO14024"), Listing(entity, "us_bis_el", None),
            Listing(entity, "eu_fsf", None), Listing(entity, "gb_hmt", None)]


def run(tmp_path: Path, graph: Graph, as_of: date = AS_OF, names: tuple[str, ...] = REGIMES
        ) -> duckdb.DuckDBPyConnection:
    con = build(tmp_path / "w.duckdb", graph)
    determine_all(con, policies(*names), as_of)
    return con


def derived(con: duckdb.DuckDBPyConnection, policy: str) -> dict[str, str]:
    """Determinations other than roots."""
    rows = con.execute("select entity_id, status from policy.determinations "
                       "where policy = ? and depth > 0", [policy]).fetchall()
    return dict(rows)


def share(owner: str, subject: str, lo: float, hi: float | None = None) -> Link:
    return Link(owner, subject, lo, lo if hi is None else hi)


def test_1_faq_401_chain(tmp_path: Path) -> None:
    con = run(tmp_path, Graph([share("x", "a", 50), share("a", "b", 50)], everywhere("x")))
    for policy in ("ofac_50", "bis_affiliates", "eu_50"):
        assert derived(con, policy) == {"a": "definite", "b": "definite"}
    assert derived(con, "uk_50") == {}


def test_2_faq_401_aggregation_through_caught_intermediates(tmp_path: Path) -> None:
    links = [share("x", "a", 50), share("x", "b", 50), share("a", "c", 25), share("b", "c", 25)]
    con = run(tmp_path, Graph(links, everywhere("x")))
    assert derived(con, "ofac_50")["c"] == "definite"
    row = con.execute("select risk_sources, stake_lo from policy.determinations "
                      "where policy = 'ofac_50' and entity_id = 'c'").fetchone()
    assert row == (["x"], 50.0)


def test_3_faq_401_not_multiplicative_but_look_through_is_reported(tmp_path: Path) -> None:
    links = [share("x", "a", 50), share("x", "b", 10), share("a", "b", 40)]
    con = run(tmp_path, Graph(links, everywhere("x")))
    row = con.execute("select status, stake_lo, look_through_lo, look_through_hi "
                      "from policy.determinations where policy = 'ofac_50' and entity_id = 'b'"
                      ).fetchone()
    assert row == ("definite", 50.0, 30.0, 30.0)


def test_4_minority_intermediate_transmits_nothing_and_is_a_caution(tmp_path: Path) -> None:
    con = run(tmp_path, Graph([share("x", "a", 49.99), share("a", "b", 100)], everywhere("x")))
    for policy in REGIMES[:4]:
        assert derived(con, policy) == {}
    cautions = con.execute("select entity_id, caution, owner_id from policy.cautions "
                           "where policy = 'ofac_50'").fetchall()
    assert cautions == [("a", "minority_stake", "x")]


def test_5_two_owners_aggregate_except_in_the_uk(tmp_path: Path) -> None:
    listings = everywhere("x") + everywhere("y")
    con = run(tmp_path, Graph([share("x", "c", 25), share("y", "c", 25)], listings))
    assert derived(con, "ofac_50") == {"c": "definite"}
    assert derived(con, "eu_50") == {"c": "definite"}
    assert derived(con, "uk_50") == {}


def test_5_uk_joint_arrangement_aggregates_within_the_group(tmp_path: Path) -> None:
    """25% + 25% is exactly 50%, which the UK's "more than 50%" never meets, even
    jointly; 25% + 26% does once X and Y are declared a joint arrangement."""
    listings = everywhere("x") + everywhere("y")
    graph = Graph([share("x", "c", 25), share("y", "c", 26)], listings)
    (uk,) = policies("uk_50")
    assert uk.ownership is not None
    joint = replace(uk.ownership, joint_arrangements=(("x", "y"),))
    con = build(tmp_path / "w.duckdb", graph)
    determine_all(con, [uk], AS_OF)
    assert derived(con, "uk_50") == {}
    determine_all(con, [replace(uk, ownership=joint)], AS_OF)
    assert derived(con, "uk_50") == {"c": "definite"}


def test_6_minority_owner_with_board_right(tmp_path: Path) -> None:
    links = [share("x", "c", 45), share("z", "c", 55),
             share("x", "d", 45), Link("x", "d", basis="board_appointment")]
    con = run(tmp_path, Graph(links, everywhere("x")))
    assert derived(con, "ofac_50") == {}
    assert derived(con, "eu_50") == {"d": "definite"}
    assert derived(con, "uk_50") == {"d": "definite"}
    cautions = con.execute("select entity_id, caution from policy.cautions where policy = "
                           "'ofac_50' order by all").fetchall()
    assert cautions == [("c", "minority_stake"), ("d", "control"), ("d", "minority_stake")]


def band(owner: str, subject: str, lo: float, hi: float) -> Link:
    """A PSC band: open below, closed above, e.g. (25, 50]."""
    return Link(owner, subject, lo, hi, lo_inclusive=False)


def test_7_two_psc_bands_25_50(tmp_path: Path) -> None:
    listings = everywhere("x") + everywhere("y")
    con = run(tmp_path, Graph([band("x", "c", 25, 50), band("y", "c", 25, 50)], listings))
    assert derived(con, "ofac_50") == {"c": "definite"}
    assert derived(con, "uk_50") == {}


def test_8_one_psc_band_25_50(tmp_path: Path) -> None:
    con = run(tmp_path, Graph([band("x", "c", 25, 50)], everywhere("x")))
    assert derived(con, "ofac_50") == {"c": "possible"}
    assert derived(con, "eu_50") == {"c": "possible"}
    assert derived(con, "uk_50") == {}


def test_9_one_psc_band_50_75(tmp_path: Path) -> None:
    con = run(tmp_path, Graph([band("x", "c", 50, 75)], everywhere("x")))
    for policy in REGIMES[:4]:
        assert derived(con, policy) == {"c": "definite"}


def test_10_bands_over_100_percent_are_flagged_and_stop_derivations(tmp_path: Path) -> None:
    links = [band("x", "c", 75, 100), band("y", "c", 50, 75), share("c", "d", 100)]
    con = run(tmp_path, Graph(links, everywhere("x")))
    for policy in REGIMES[:4]:
        assert derived(con, policy) == {}
    flags = con.execute("select entity_id, flag, basis from policy.data_quality").fetchall()
    assert flags == [("c", "percentage_deviation", "shares")]
    away = con.execute("select distinct entity_id from policy.one_decision_away "
                       "where decision like 'correct the register%'").fetchall()
    assert away == [("c",)]


def test_11_ceased_and_inactive_links_are_ignored(tmp_path: Path) -> None:
    links = [Link("x", "a", 100, 100, end=date(2026, 1, 1)),
             Link("x", "b", 100, 100, status="inactive"),
             Link("x", "c", 100, 100, start=date(2027, 1, 1))]
    con = run(tmp_path, Graph(links, everywhere("x")))
    for policy in REGIMES[:4]:
        assert derived(con, policy) == {}
    con2 = run(tmp_path / "before", Graph(links, everywhere("x")), as_of=date(2025, 10, 1))
    assert derived(con2, "ofac_50") == {"a": "definite"}


def test_12_consolidation_by_a_listed_parent(tmp_path: Path) -> None:
    link = Link("p", "s", basis="accounting_consolidation")
    con = run(tmp_path, Graph([link], everywhere("p"), {"p": Node(hq_country="CN")}))
    assert derived(con, "ofac_50") == {"s": "possible"}
    assert derived(con, "bis_affiliates") == {"s": "possible"}
    for policy in ("eu_50", "uk_50", "cn_control"):
        assert derived(con, policy) == {"s": "definite"}


def test_13_branch_of_a_listed_head_office(tmp_path: Path) -> None:
    branch = Link("h", "b", 100, 100, basis="branch")
    con = run(tmp_path, Graph([branch], everywhere("h")))
    for policy in REGIMES[:4]:
        assert derived(con, policy) == {"b": "definite"}


def test_14_ns_cmic_parent_does_not_propagate_under_ofac(tmp_path: Path) -> None:
    graph = Graph([share("p", "s", 100)], [Listing("p", "us_ofac_ns_cmic", "CMIC-EO13959")],
                  {"p": Node(hq_country="CN")})
    con = run(tmp_path, graph)
    assert statuses(con, "ofac_50") == {}
    assert derived(con, "cn_control") == {"s": "definite"}


@pytest.mark.parametrize("as_of, caught", [
    (date(2025, 10, 15), True), (date(2026, 1, 15), False), (date(2026, 11, 15), True)])
def test_15_bis_affiliates_suspension_window(tmp_path: Path, as_of: date, caught: bool) -> None:
    graph = Graph([share("el", "gb_sub", 60), share("el", "us_sub", 60)],
                  [Listing("el", "us_bis_el", None)],
                  {"us_sub": Node(jurisdiction="US-DE")})
    con = run(tmp_path, graph, as_of=as_of, names=("bis_affiliates",))
    assert derived(con, "bis_affiliates") == ({"gb_sub": "definite"} if caught else {})
    assert "el" in statuses(con, "bis_affiliates")
    row = con.execute("select derivations_in_force from policy.runs").fetchone()
    assert row == (caught,)


def test_16_cn_control_holdco_joint_venture_and_aggregation(tmp_path: Path) -> None:
    links = [share("ky", "sg", 100), share("cn", "jv", 50), share("us", "jv", 50),
             share("cn", "jv2", 50), share("us", "jv2", 50),
             Link("cn", "jv2", basis="accounting_consolidation"),
             share("cn", "jv3", 50), share("us", "jv3", 50),
             Link("cn", "jv3", basis="significant_influence"),
             share("cn", "agg", 30), share("cn2", "agg", 25)]
    nodes = {"ky": Node(jurisdiction="KY", hq_country="CN"), "cn": Node(hq_country="CN"),
             "cn2": Node(hq_country="CN"), "us": Node(hq_country="US")}
    con = run(tmp_path, Graph(links, [], nodes), names=("cn_control",))
    assert derived(con, "cn_control") == {
        "sg": "definite", "jv2": "definite", "jv3": "possible", "agg": "definite"}


def test_17_cycle_terminates(tmp_path: Path) -> None:
    con = run(tmp_path, Graph([share("a", "b", 60), share("b", "a", 60)], everywhere("a")))
    for policy in REGIMES[:4]:
        assert derived(con, policy) == {"b": "definite"}


def test_18_delisting_removes_derivations_from_its_end_date(tmp_path: Path) -> None:
    listing = Listing("x", "us_ofac_sdn", "SDGT", delisted_on=date(2026, 6, 1))
    graph = Graph([share("x", "a", 100)], [listing])
    before = run(tmp_path / "before", graph, as_of=date(2026, 5, 1), names=("ofac_50",))
    assert derived(before, "ofac_50") == {"a": "definite"}
    after = run(tmp_path / "after", graph, names=("ofac_50",))
    assert statuses(after, "ofac_50") == {}


# POLICY_RULES §8: the scenarios that most often cause wrong answers, across regimes.
# Each row: links from listed (and CN-headquartered) X, and the expected status of C.
CROSS_REGIME = [
    ("one owner at exactly 50%", [share("x", "c", 50)],
     {"ofac_50": "definite", "bis_affiliates": "definite", "eu_50": "definite",
      "uk_50": None, "cn_control": None}),
    ("25% + 25%", [share("x", "c", 25), share("y", "c", 25)],
     {"ofac_50": "definite", "bis_affiliates": "definite", "eu_50": "definite",
      "uk_50": None, "cn_control": None}),
    ("25% + 26%", [share("x", "c", 25), share("y", "c", 26)],
     {"ofac_50": "definite", "bis_affiliates": "definite", "eu_50": "definite",
      "uk_50": None, "cn_control": "definite"}),
    ("40% + board appointment", [share("x", "c", 40), Link("x", "c", basis="board_appointment")],
     {"ofac_50": None, "bis_affiliates": None, "eu_50": "definite", "uk_50": "definite",
      "cn_control": "definite"}),
    ("X 50% of A, A 40% of C, X 10% of C",
     [share("x", "a", 50), share("a", "c", 40), share("x", "c", 10)],
     {"ofac_50": "definite", "bis_affiliates": "definite", "eu_50": "definite",
      "uk_50": None, "cn_control": None}),
    ("consolidation only", [Link("x", "c", basis="accounting_consolidation")],
     {"ofac_50": "possible", "bis_affiliates": "possible", "eu_50": "definite",
      "uk_50": "definite", "cn_control": "definite"}),
]


@pytest.mark.parametrize("name, links, expected", CROSS_REGIME, ids=[r[0] for r in CROSS_REGIME])
def test_8_cross_regime(tmp_path: Path, name: str, links: list[Link],
                        expected: dict[str, str | None]) -> None:
    nodes = {"x": Node(hq_country="CN"), "y": Node(hq_country="CN")}
    con = run(tmp_path, Graph(links, everywhere("x") + everywhere("y"), nodes))
    for policy, status in expected.items():
        assert derived(con, policy).get("c") == status, policy
