"""A deliberately naive reference of what the determination engine decides,
written from the specification (POLICY_RULES.md §1.4, §4, §5, §8, §9 and the
keys documented in config/policies.yaml), not from the SQL, for the property
tests (test_policy_properties.py).

It reads the same `Graph` the engine's tests load (policy_graph.py) and returns
{entity: "definite" | "possible"}. Two separate least fixed points, each
recomputed from scratch until nothing changes:
- definite: the roots, plus every entity whose *definite* owners' *lower*
  bounds meet the ownership test, or which a definite entity controls through
  a basis the policy counts as definite;
- possible: the roots and the entities possibly the same as a root (when the
  policy counts possible matches), plus every entity whose caught owners'
  *upper* bounds meet the test, or which a caught entity controls through any
  counted basis.
An entity in the first set is definite, one only in the second is possible.

Numbers are exact: a percentage is the decimal it prints as, and an open bound
is that number plus (lower) or minus (upper) one infinitesimal, so that
(25, 50] + (25, 50] is just above 50 and [0, 50) is just below 50.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from fractions import Fraction

from pipelines.lib.policy_config import Ownership, Policy
from tests.lib.policy_graph import Graph, Link, Listing, Node

# An exact value and a count of infinitesimals: (50, 1) is "just above 50".
Bound = tuple[Fraction, int]
OWNERSHIP_KINDS = ("shares", "votes")
HUNDRED = Fraction(100)


def exact(value: float) -> Fraction:
    """The decimal as written (33.33 is 3333/100), not its binary approximation."""
    return Fraction(repr(value))


def lo_inclusive(link: Link) -> bool:
    """policy_graph's convention: unset means closed for a point, open for a band."""
    return link.lo == link.hi if link.lo_inclusive is None else link.lo_inclusive


def lower(link: Link) -> Bound:
    """An unknown lower bound never catches anyone: it counts 0."""
    if link.lo is None:
        return (Fraction(0), 0)
    return (exact(link.lo), 0 if lo_inclusive(link) else 1)


def upper(link: Link) -> Bound:
    """An unknown upper bound never clears anyone: it counts 100."""
    if link.hi is None:
        return (HUNDRED, 0)
    return (exact(link.hi), 0 if link.hi_inclusive else -1)


def total(bounds: Iterable[Bound]) -> Bound:
    values = list(bounds)
    return (sum((v for v, _ in values), Fraction(0)), sum(t for _, t in values))


def meets(stake: Bound, ownership: Ownership) -> bool:
    value, ticks = stake
    threshold = exact(ownership.threshold)
    if value != threshold:
        return value > threshold
    return ticks > 0 or (ticks == 0 and ownership.comparison == ">=")


def node(graph: Graph, entity: str) -> Node:
    return graph.nodes.get(entity, Node())


def link_in_force(link: Link, as_of: date) -> bool:
    """Active, started on or before the as-of date, not ended by it."""
    return (link.status == "active" and (link.start is None or link.start <= as_of)
            and (link.end is None or link.end > as_of))


def listing_in_force(listing: Listing, as_of: date) -> bool:
    return ((listing.listed_on is None or listing.listed_on <= as_of)
            and (listing.delisted_on is None or listing.delisted_on > as_of))


def holder_totals(graph: Graph, as_of: date) -> dict[tuple[str, str], Bound]:
    """Per (company, basis), the sum of its distinct holders' known lower bounds.
    A holder counts once, at its largest lower bound; indirect statements
    restate direct holdings, so only direct ones are summed."""
    holders: dict[tuple[str, str], dict[str, Bound]] = {}
    for link in graph.links:
        if (link_in_force(link, as_of) and link.direct_or_indirect == "direct"
                and link.basis in OWNERSHIP_KINDS and link.lo is not None):
            stakes = holders.setdefault((link.subject, link.basis), {})
            stakes[link.owner] = max(stakes.get(link.owner, lower(link)), lower(link))
    return {key: total(stakes.values()) for key, stakes in holders.items()}


def flagged(graph: Graph, as_of: date) -> set[tuple[str, str]]:
    """(company, basis) pairs whose register cannot be read: the holders' lower
    bounds sum to more than 100% (§5, §9 vector 10)."""
    return {key for key, sum_lo in holder_totals(graph, as_of).items() if sum_lo > (HUNDRED, 0)}


def counted_links(graph: Graph, as_of: date) -> list[Link]:
    """Links in force, without the ownership links of flagged companies."""
    bad = flagged(graph, as_of)
    return [link for link in graph.links
            if link_in_force(link, as_of) and (link.subject, link.basis) not in bad]


def is_root_listing(policy: Policy, listing: Listing) -> bool:
    programs = dict(policy.root_list_programs).get(listing.list_code, ())
    return ("*" in policy.root_lists or listing.list_code in policy.root_lists
            or (listing.program is not None and listing.program in programs))


def roots(policy: Policy, graph: Graph, as_of: date) -> set[str]:
    listed = {x.entity for x in graph.listings
              if listing_in_force(x, as_of) and is_root_listing(policy, x)}
    seated = {e for e in graph.node_ids()
              if node(graph, e).hq_country in policy.root_hq_countries
              and node(graph, e).kind in policy.root_kinds}
    return {e for e in listed | seated
            if policy.natural_persons or node(graph, e).kind != "person"}


def possibly_roots(policy: Policy, graph: Graph, base: set[str]) -> set[str]:
    """Entities resolution found possibly the same as a root, when the policy
    counts them: possible (an analyst decides), like a root's upper bound."""
    if not policy.possible_matches:
        return set()
    pairs = {(a, b) for a, b, _ in graph.possible_pairs}
    return {a for a, b in pairs if b in base} | {b for a, b in pairs if a in base}


def derives_on(policy: Policy, as_of: date) -> bool:
    """Ownership or control counts at all, and a window (if any) is open."""
    propagates = bool(policy.ownership or policy.control_definite or policy.control_possible)
    windows = policy.effective
    return propagates and (not windows or any(
        (w.start is None or w.start <= as_of) and (w.until is None or as_of < w.until)
        for w in windows))


def excluded(policy: Policy, graph: Graph, entity: str) -> bool:
    """Incorporated in an out-of-scope jurisdiction (US-DE is in US)."""
    country = (node(graph, entity).jurisdiction or "").split("-")[0].upper()
    return country in policy.exclude_jurisdictions


def holder_groups(ownership: Ownership, owners: set[str]) -> list[set[str]]:
    """Who sums with whom: everybody (aggregate), else each owner alone except
    members of one declared joint arrangement, who sum together."""
    if ownership.aggregate:
        return [owners]
    joint = [set(group) & owners for group in ownership.joint_arrangements]
    alone = [{o} for o in owners if not any(o in g for g in ownership.joint_arrangements)]
    return [group for group in joint if group] + alone


def owned(policy: Policy, links: list[Link], subject: str, owners: set[str],
          bound: Callable[[Link], Bound]) -> bool:
    """Shares and votes are separate tests; a holder counts once per basis at
    its largest bound; a caught owner transmits its whole stake."""
    ownership = policy.ownership
    if ownership is None:
        return False
    for basis in ownership.bases:
        stakes: dict[str, Bound] = {}
        for link in links:
            if link.subject == subject and link.basis == basis and link.owner in owners:
                stakes[link.owner] = max(stakes.get(link.owner, bound(link)), bound(link))
        groups = holder_groups(ownership, set(stakes))
        if any(meets(total(stakes[o] for o in group), ownership) for group in groups):
            return True
    return False


def controlled(links: list[Link], subject: str, controllers: set[str],
               bases: tuple[str, ...]) -> bool:
    return any(link.subject == subject and link.owner in controllers and link.basis in bases
               for link in links)


def fixed_point(graph: Graph, start: set[str], catches: Callable[[str, set[str]], bool],
                in_scope: Callable[[str], bool]) -> set[str]:
    """Recompute the whole set from the previous one until it stops changing."""
    caught = set(start)
    while True:
        step = start | {e for e in graph.node_ids() if in_scope(e) and catches(e, caught)}
        if step == caught:
            return caught
        caught = step


def determine(policy: Policy, graph: Graph, as_of: date) -> dict[str, str]:
    """{entity: status} under `policy` on `as_of`, roots included."""
    base = roots(policy, graph, as_of)
    if not derives_on(policy, as_of):
        return dict.fromkeys(sorted(base), "definite")
    maybe = possibly_roots(policy, graph, base)
    links = counted_links(graph, as_of)
    counted = (*policy.control_definite, *policy.control_possible)

    def in_scope(entity: str) -> bool:
        return not excluded(policy, graph, entity)

    definite = fixed_point(graph, base, lambda e, caught: (
        owned(policy, links, e, caught, lower)
        or controlled(links, e, caught, policy.control_definite)), in_scope)
    possible = fixed_point(graph, base | maybe, lambda e, caught: (
        owned(policy, links, e, caught, upper) or controlled(links, e, caught, counted)),
        in_scope)
    if not definite <= possible:
        raise AssertionError(f"definite but not possible: {sorted(definite - possible)}")
    return {e: "definite" if e in definite else "possible" for e in sorted(possible)}
