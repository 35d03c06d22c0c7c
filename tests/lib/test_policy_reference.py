"""The reference implementation (policy_reference.py) on POLICY_RULES §9
golden vectors, and the engine bugs the property tests
(test_policy_properties.py) found, each kept as a regression test on its
minimal example (all five are fixed in the engine).
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from pipelines.lib.policy_config import Caution
from tests.lib import policy_reference as reference
from tests.lib.policy_graph import Graph, Link, Listing, run, statuses, table
from tests.lib.policy_strategies import AS_OF_DAYS, BUILT_IN, OFAC


def point(owner: str, subject: str, stake: float) -> Link:
    return Link(owner, subject, stake, stake)


# Owners x, y, w are SDN-listed. The last two rows are regressions below.
REFERENCE_VECTORS = [
    ("§9.1 chain", [point("x", "a", 50), point("a", "b", 50)], {"a", "b"}, set()),
    ("§9.3 not multiplicative", [point("x", "a", 50), point("x", "b", 10), point("a", "b", 40)],
     {"a", "b"}, set()),
    ("§9.4 minority intermediate", [point("x", "a", 49.99), point("a", "b", 100)], set(), set()),
    ("§9.7 two PSC bands", [Link("x", "c", 25, 50, lo_inclusive=False),
                            Link("y", "c", 25, 50, lo_inclusive=False)], {"c"}, set()),
    ("§9.8 one PSC band", [Link("x", "c", 25, 50, lo_inclusive=False)], set(), {"c"}),
    ("§9.10 bands over 100%", [Link("x", "c", 75, 100, lo_inclusive=False),
                               Link("y", "c", 50, 75, lo_inclusive=False), point("c", "d", 100)],
     set(), set()),
    ("§9.17 cycle", [point("x", "b", 60), point("b", "x", 60)], {"b"}, set()),
    ("unknown stake", [Link("x", "c")], set(), {"c"}),
    ("100% plus an open bound", [Link("x", "c", 50, 75, lo_inclusive=False), point("y", "c", 50),
                                 point("c", "d", 100)], set(), set()),
    ("decimals summing to 50%", [point("w", "c", 0.01), point("x", "c", 33.16),
                                 point("y", "c", 16.83)], {"c"}, set()),
]


@pytest.mark.parametrize("name, links, definite, possible", REFERENCE_VECTORS,
                         ids=[v[0] for v in REFERENCE_VECTORS])
def test_the_reference_meets_the_golden_vectors(
        name: str, links: list[Link], definite: set[str], possible: set[str]) -> None:
    """The oracle itself, under ofac_50, on POLICY_RULES §9 vectors."""
    graph = Graph(links, [Listing(x) for x in ("w", "x", "y")])
    got = reference.determine(OFAC, graph, AS_OF_DAYS[-1])
    expected = {**dict.fromkeys(definite, "definite"), **dict.fromkeys(possible, "possible")}
    assert {e: s for e, s in got.items() if e not in {"w", "x", "y"}} == expected


def test_100_plus_an_open_bound_is_flagged() -> None:
    graph = Graph(REFERENCE_VECTORS[-2][1], [Listing("x")])
    con = run(graph, [OFAC], AS_OF_DAYS[-1])
    assert [row[:3] for row in table(con, "data_quality")] == [("c", "percentage_deviation",
                                                                  "shares")]
    assert statuses(con, OFAC.id) == {"x": "definite"}


def test_decimal_stakes_summing_exactly_to_the_threshold_meet_it() -> None:
    graph = Graph(REFERENCE_VECTORS[-1][1], [Listing(x) for x in ("w", "x", "y")])
    con = run(graph, [OFAC], AS_OF_DAYS[-1])
    assert statuses(con, OFAC.id).get("c") == "definite"


def test_control_ties_do_not_follow_insertion_order() -> None:
    eu = BUILT_IN[3]
    links = [Link("x", "c", basis="board_appointment", relationship_id="r1"),
             Link("x", "c", basis="branch", relationship_id="r2")]
    as_of = AS_OF_DAYS[-1]
    first = run(Graph(links, [Listing("x", "eu_fsf")]), [eu], as_of)
    second = run(Graph(links[::-1], [Listing("x", "eu_fsf")]), [eu], as_of)
    assert table(first, "determinations") == table(second, "determinations")


def test_minority_cautions_keep_their_basis() -> None:
    eu = replace(BUILT_IN[3], caution=Caution(minority_stake=10.0))
    links = [Link("x", "c", 20, 20, basis="shares", relationship_id="r2"),
             Link("x", "c", 30, 30, basis="votes", relationship_id="r1")]
    outputs = [table(run(Graph(order, [Listing("x", "eu_fsf")]), [eu], AS_OF_DAYS[-1]),
                     "cautions") for order in (links, links[::-1])]
    assert outputs[0] == outputs[1]
    held = {("shares", 20.0, 20.0), ("votes", 30.0, 30.0)}
    assert outputs[0] and all((row[5], row[6], row[7]) in held for row in outputs[0])


def test_aggregate_counts_an_owner_in_two_joint_groups_once() -> None:
    eu = BUILT_IN[3]
    assert eu.ownership is not None
    two_groups = replace(eu.ownership, joint_arrangements=(("x", "y"), ("x", "z")))
    con = run(Graph([point("x", "c", 30)], [Listing("x", "eu_fsf")]),
              [replace(eu, ownership=two_groups)], AS_OF_DAYS[-1])
    assert statuses(con, eu.id) == {"x": "definite"}
