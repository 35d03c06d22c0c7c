"""The truth after entity resolution: labelled clusters, and the denylist over their canonical ids.

Resolution merges the records of one real entity into one canonical id,
``pipelines.lib.ids.canonical_id(members)`` (an LEI's id first, then a Companies
House number's, then an SDN entry's, then the smallest). The truth does the
same with its labels:

- clusters are the connected components of the ``same_entity`` pairs
  (union-find); an id in no pair is its own cluster;
- every denylist row moves to its cluster's canonical id, and the rows of one
  (policy, canonical id) collapse to one: ``definite`` before ``possible``, then
  a root's basis (``listed``, ``headquarters``) before a derived one, then the
  basis name (as truth_uk.py and the engine pick);
- policies run on the resolved owners: a PSC resolved to a GLEIF root is that
  root (``resolved_facts``), which is how a Cayman-registered "TENCENT
  HOLDINGS LTD" makes its UK company cn_control.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from pipelines.lib.demo.truth_uk import Link
from pipelines.lib.ids import canonical_id

Row = tuple[str, str, str, str]  # policy, entity id, status, basis
ROOT_BASES = ("listed", "headquarters")


def canonical_ids(pairs: Iterable[Sequence[str]]) -> dict[str, str]:
    """Member id -> its cluster's canonical id, for every id in a pair."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]  # path halving
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    members: dict[str, list[str]] = defaultdict(list)
    for x in sorted(parent):
        members[find(x)].append(x)
    return {m: canonical_id(group) for group in members.values() for m in group}


def _rank(status: str, basis: str) -> tuple[bool, bool, str]:
    return status != "definite", basis not in ROOT_BASES, basis


def canonical_denylist(rows: Iterable[Row], canonical: Mapping[str, str]) -> list[Row]:
    """Rows over canonical ids, one per (policy, id), sorted."""
    best: dict[tuple[str, str], tuple[str, str]] = {}
    for policy, entity_id, status, basis in rows:
        key = (policy, canonical.get(entity_id, entity_id))
        if key not in best or _rank(status, basis) < _rank(*best[key]):
            best[key] = (status, basis)
    return [(p, e, s, b) for (p, e), (s, b) in sorted(best.items())]


def resolved_facts(roots: set[str], links: list[Link], canonical: Mapping[str, str],
                   register_roots: set[str]) -> tuple[set[str], list[Link]]:
    """PSC/BODS facts over canonical ids: owners resolved to a register root become roots.

    ``register_roots`` are the canonical ids of GLEIF cn_control roots.
    """
    resolved = [replace(link, owner=canonical.get(link.owner, link.owner)) for link in links]
    owners = {link.owner for link in resolved}
    return {canonical.get(r, r) for r in roots} | (register_roots & owners), resolved
