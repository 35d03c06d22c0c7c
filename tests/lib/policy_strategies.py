"""Hypothesis strategies for the determination engine's property tests
(test_policy_properties.py): small resolved graphs (policy_graph.py) with
stakes as points, PSC bands, open or unknown bounds; control links; dates
around the as-of date; listings; and random policies over every documented key.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from pipelines.lib.policy_config import Caution, Ownership, Policy, Window, load_policies
from tests.lib.policy_graph import Graph, Link, Listing, Node

POLICY_FILE = Path(__file__).resolve().parents[2] / "config" / "policies.yaml"
BUILT_IN = tuple(load_policies(
    POLICY_FILE, ("listed", "ofac_50", "bis_affiliates", "eu_50", "uk_50", "cn_control")))
OFAC = BUILT_IN[1]
AS_OF_DAYS = (date(2025, 10, 15), date(2026, 1, 15), date(2026, 11, 20))
IDS = tuple("abcdefgh")
LIST_CODES = ("us_ofac_sdn", "us_bis_el", "eu_fsf", "gb_hmt", "us_ofac_ns_cmic")
PROGRAMS = (None, "SDGT", "RUSSIA-EO14024", "CMIC-EO13959")
STAKE_BASES = ("shares", "votes")
CONTROL_BASES = ("board_appointment", "accounting_consolidation", "branch",
                 "significant_influence")
# Quarters, and decimals (0.01 + 33.16 + 16.83 = 50) whose binary doubles do
# not sum exactly: the engine must meet a threshold they reach in decimal.
PERCENTS: tuple[float, ...] = (0, 0.01, 10, 12.25, 16.83, 20, 24.5, 25, 25.5, 30, 33.16, 37.75,
                               40, 49, 50, 51, 60, 75, 80, 100)
PSC_BANDS: tuple[tuple[float, float], ...] = ((25, 50), (50, 75), (75, 100), (25, 100))


@st.composite
def intervals(draw: st.DrawFn) -> dict[str, Any]:
    """A point, a PSC band (open below), any band, an unknown stake, or one known
    on one side only."""
    shape = draw(st.sampled_from(("point", "psc", "band", "unknown", "at_least", "at_most")))
    if shape == "point":
        p = draw(st.sampled_from(PERCENTS))
        return {"lo": p, "hi": p, "lo_inclusive": True}
    if shape == "unknown":
        return {"lo": None, "hi": None, "lo_inclusive": True}
    if shape == "psc":
        lo, hi = draw(st.sampled_from(PSC_BANDS))
        return {"lo": lo, "hi": hi, "lo_inclusive": False}
    if shape == "at_most":
        return {"lo": None, "hi": draw(st.sampled_from([p for p in PERCENTS if p > 0])),
                "lo_inclusive": True, "hi_inclusive": draw(st.booleans())}
    lo = draw(st.sampled_from([p for p in PERCENTS if p < 100]))
    if shape == "at_least":
        return {"lo": lo, "hi": None, "lo_inclusive": draw(st.booleans())}
    hi = draw(st.sampled_from([p for p in PERCENTS if p > lo]))
    return {"lo": lo, "hi": hi, "lo_inclusive": draw(st.booleans()),
            "hi_inclusive": draw(st.booleans())}


def around(as_of: date) -> st.SearchStrategy[date | None]:
    days = st.sampled_from((-400, -1, 0, 1, 400)).map(lambda d: as_of + timedelta(days=d))
    return st.one_of(st.none(), st.none(), days)


@st.composite
def links(draw: st.DrawFn, ids: tuple[str, ...], as_of: date) -> Link:
    basis = draw(st.sampled_from(("shares",) * 6 + ("votes",) * 3 + CONTROL_BASES
                                 + ("association",)))
    stake = draw(intervals()) if basis in STAKE_BASES else (
        {"lo": 100, "hi": 100} if draw(st.integers(0, 3)) == 0 else {})
    # Owners lean to the first nodes, which listings favour too, so chains from roots are common.
    return Link(draw(st.sampled_from(ids[:2] * 2 + ids)), draw(st.sampled_from(ids)),
                basis=basis,
                start=draw(around(as_of)), end=draw(around(as_of)),
                status=draw(st.sampled_from(("active",) * 6 + ("inactive",))),
                direct_or_indirect=draw(st.sampled_from(("direct",) * 5 + ("indirect",))),
                **stake)


@st.composite
def listings(draw: st.DrawFn, ids: tuple[str, ...], as_of: date) -> list[Listing]:
    """One party on one or more lists, with the same program and dates."""
    entity = draw(st.sampled_from(ids[:2] * 3 + ids))
    codes = draw(st.lists(st.sampled_from(LIST_CODES), min_size=1, max_size=4, unique=True))
    program, listed_on, delisted_on = (draw(st.sampled_from(PROGRAMS)), draw(around(as_of)),
                                       draw(around(as_of)))
    return [Listing(entity, code, program, listed_on, delisted_on) for code in codes]


nodes = st.builds(
    Node,
    kind=st.sampled_from(("company",) * 4 + ("person", "state_body", "organization")),
    jurisdiction=st.sampled_from(("GB", "GB", "US", "US-DE", "KY", "CN", None)),
    hq_country=st.sampled_from((None, None, None, "CN", "HK", "US")),
)


@st.composite
def graphs(draw: st.DrawFn) -> tuple[Graph, date]:
    """A graph and its as-of date; relationship ids are fixed at generation."""
    ids = IDS[:draw(st.integers(3, len(IDS)))]
    as_of = draw(st.sampled_from(AS_OF_DAYS))
    drawn = draw(st.lists(links(ids, as_of), min_size=2, max_size=14))
    numbered = [replace(link, relationship_id=f"r{i:04d}") for i, link in enumerate(drawn)]
    parties = draw(st.lists(listings(ids, as_of), min_size=1, max_size=3))
    pairs = st.tuples(st.sampled_from(ids), st.sampled_from(ids), st.just(0.8))
    return Graph(numbered, [x for party in parties for x in party],
                 {i: draw(nodes) for i in ids},
                 draw(st.lists(pairs.filter(lambda p: p[0] != p[1]), max_size=2))), as_of


def subsets(values: tuple[str, ...]) -> st.SearchStrategy[tuple[str, ...]]:
    return st.lists(st.sampled_from(values), unique=True).map(lambda x: tuple(sorted(x)))


@st.composite
def ownerships(draw: st.DrawFn) -> Ownership:
    groups = st.lists(st.lists(st.sampled_from(IDS), min_size=2, max_size=3, unique=True)
                      .map(tuple), max_size=2).map(tuple)
    return Ownership(threshold=float(draw(st.sampled_from((25, 50, 50, 50, 75, 100, 37.5)))),
                     comparison=draw(st.sampled_from((">", ">="))),
                     aggregate=draw(st.booleans()),
                     bases=draw(subsets(STAKE_BASES).filter(bool)),
                     joint_arrangements=draw(groups))


def has_roots(policy: Policy) -> bool:
    return bool(policy.root_lists or policy.root_list_programs
                or (policy.root_hq_countries and policy.root_kinds))


@st.composite
def random_policies(draw: st.DrawFn) -> Policy:
    day = st.sampled_from((None, *AS_OF_DAYS))
    windows = st.lists(st.builds(Window, day, day).filter(
        lambda w: not (w.start and w.until and w.until <= w.start)), max_size=2)
    return Policy(
        id="random", description="",
        root_lists=draw(subsets((*LIST_CODES[:4], "*"))),
        root_list_programs=draw(st.sampled_from(((), (("us_ofac_sdn", ("RUSSIA-EO14024",)),)))),
        root_hq_countries=draw(subsets(("CN", "HK"))),
        root_kinds=draw(subsets(("company", "state_body", "person"))),
        natural_persons=draw(st.booleans()),
        ownership=draw(st.one_of(st.none(), ownerships(), ownerships())),
        control_definite=draw(subsets(CONTROL_BASES)),
        control_possible=draw(subsets(CONTROL_BASES)),
        caution=Caution(draw(st.sampled_from((None, 10.0, 25.0))),
                        draw(subsets((*CONTROL_BASES, "votes")))),
        exclude_jurisdictions=draw(subsets(("US", "KY"))),
        possible_matches=draw(st.booleans()),
        effective=tuple(draw(windows)),
    )


rooted_policies = random_policies().filter(has_roots)
any_policy = st.one_of(st.sampled_from(BUILT_IN), rooted_policies)
