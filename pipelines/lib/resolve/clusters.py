"""Clusters: a constrained union-find over the links between entity records.

Links are taken strongest first: shared identifiers, then analysts' positive
judgements, then fuzzy matches by score descending (ties by ``(left, right)``,
so the result does not depend on the input order). A link is refused, and
reported, when it would put in one cluster

- two entities an analyst judged different, even through other records
  (``negative_judgement``; nothing overrides it);
- two different values of one exclusive scheme, such as two LEIs
  (``identifier_conflict``);
- for a fuzzy match only: two clusters whose representative names are clearly
  different (``chain``), the guard against "Alpha Trading Ltd" ~ "Alpha Trading
  Co" ~ "Beta Trading Co" chaining two companies together through a third.

A positive judgement overrides the identifier conflict (GLEIF itself holds
duplicate LEIs for one legal entity, and registers hold duplicates too): the
analyst's word is the strongest evidence there is, short of a negative one.

Each root keeps its cluster's exclusive identifier values and the entities it
must never meet; a union keeps the larger root and folds the smaller set into
the larger one. Entities are numbers into plain lists, not objects, and the
caller's large mappings are read once per entity or per check: at millions of
entities the cost is memory latency, one cache miss per dictionary lookup.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import compress

from rapidfuzz import fuzz

from pipelines.lib.ids import canonical_order

# Processing order of the link methods: the strongest evidence first.
METHOD_RANK = {"identifier": 0, "judgement": 1, "match": 2}

# A cluster's distinct (scheme, value) pairs of exclusive identifiers. Few per
# cluster: two values of a scheme only meet through an analyst's judgement.
Pairs = tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Link:
    left: str
    right: str
    method: str  # "identifier" | "judgement" | "match"
    score: float  # 1.0 for identifier and judgement links; the match score otherwise
    detail: str  # why: "lei:5493...", "judgement by ana on 2026-11-01", "name 0.97; ..."


@dataclass(frozen=True, slots=True)
class Refusal:
    left: str
    right: str
    method: str
    reason: str  # "negative_judgement" | "identifier_conflict" | "chain"
    detail: str


@dataclass(frozen=True)
class Clusters:
    # entity id -> canonical id, for every entity named by a link (accepted or
    # not: an entity whose links were all refused maps to itself). The canonical
    # id is ``ids.canonical_id`` of the cluster's members. Keys in a deterministic
    # order, not sorted.
    canonical: dict[str, str]
    # entity id -> the first accepted link that touched it, i.e. the strongest
    # evidence tying it to its cluster. Every member of a cluster of two or more
    # has one, the canonical member included; an unclustered entity has none.
    merged_by: dict[str, Link]
    refused: list[Refusal]  # in processing order


def cluster(
    links: Iterable[Link],
    exclusive: Mapping[str, Iterable[tuple[str, str]]],
    negatives: Iterable[tuple[str, str]],
    names: Mapping[str, Sequence[str]],
    chain_floor: float,
) -> Clusters:
    """Cluster ``links`` under the negative, exclusive-identifier and chain constraints.

    ``exclusive[entity_id]``: the (scheme, value) pairs of exclusive schemes the
    entity carries; ``names[entity_id]``: its normalised comparison names (every
    name, in each view the matcher compares; no name, no chain guard);
    ``chain_floor``: the least similarity, in 0..1, between the best-matching
    names of two clusters' representatives that a match may join.
    """
    ordered = in_processing_order(links)
    entity_ids, lefts, rights, numbers = _numbered(ordered)
    forest = _Forest(entity_ids, exclusive, _partners(negatives, numbers))
    del numbers  # the largest dict here; the forest works on numbers from now on
    first_link = [-1] * len(entity_ids)  # entity -> position of its first accepted link
    refused: list[Refusal] = []
    find, parent = forest.find, forest.parent
    for position, (link, left, right) in enumerate(zip(ordered, lefts, rights, strict=True)):
        # Most link ends are still roots (singletons): skip the call for them.
        root_a = left if parent[left] == left else find(left)
        root_b = right if parent[right] == right else find(right)
        if root_a == root_b:
            continue  # already together through stronger links
        refusal = forest.refusal(root_a, root_b, link, names, chain_floor)
        if refusal is not None:
            refused.append(refusal)
            continue
        forest.union(root_a, root_b)
        for entity in (left, right):
            if first_link[entity] < 0:
                first_link[entity] = position
    clustered = [position >= 0 for position in first_link]
    merged_by = dict(zip(compress(entity_ids, clustered),
                         [ordered[position] for position in first_link if position >= 0],
                         strict=True))
    return Clusters(forest.canonical(), merged_by, refused)


def in_processing_order(links: Iterable[Link]) -> list[Link]:
    """Identifier links, then judgements, then matches by score descending; ties by ids."""
    by_method: dict[int, list[Link]] = {rank: [] for rank in sorted(METHOD_RANK.values())}
    for link in links:
        by_method[_rank(link)].append(link)
    ordered: list[Link] = []
    for group in by_method.values():
        # Two stable sorts on one plain key each, least significant first: a list
        # of str or float keys gets a specialised compare, several times faster
        # than tuples whose ties fall back to generic comparisons. NUL never
        # occurs in entity ids, so "left NUL right NUL detail" orders as the tuple.
        group.sort(key=_tie_key)
        group.sort(key=_score, reverse=True)  # reverse keeps equal scores in tie order
        ordered += group
    return ordered


def _rank(link: Link) -> int:
    rank = METHOD_RANK.get(link.method)
    if rank is None:
        raise ValueError(f"unknown link method {link.method!r} in {link}")
    if link.score != link.score:  # NaN: no place in a descending order
        raise ValueError(f"link score is NaN in {link}")
    return rank


def _tie_key(link: Link) -> str:
    return f"{link.left}\0{link.right}\0{link.detail}"


def _score(link: Link) -> float:
    return link.score


def _numbered(ordered: list[Link]) -> tuple[list[str], list[int], list[int], dict[str, int]]:
    """Entity ids numbered by first appearance, and each link's two numbers."""
    numbers: dict[str, int] = {}
    lefts = [numbers.setdefault(link.left, len(numbers)) for link in ordered]
    rights = [numbers.setdefault(link.right, len(numbers)) for link in ordered]
    return list(numbers), lefts, rights, numbers


def _partners(negatives: Iterable[tuple[str, str]], numbers: dict[str, int]
              ) -> dict[int, set[int]]:
    """entity -> the entities it must never share a cluster with (both in some link)."""
    partners: dict[int, set[int]] = {}
    for left, right in negatives:
        a, b = numbers.get(left), numbers.get(right)
        if a is not None and b is not None:  # an entity in no link meets no one
            partners.setdefault(a, set()).add(b)
            partners.setdefault(b, set()).add(a)
    return partners


def _refused(link: Link, reason: str, detail: str) -> Refusal:
    return Refusal(link.left, link.right, link.method, reason, detail)


def _chain_detail(rep_a: str, name_a: str, rep_b: str, name_b: str, similarity: float,
                  floor: float) -> str:
    return (f"representatives {rep_a} {name_a!r} and {rep_b} {name_b!r}:"
            f" similarity {similarity:.2f} < {floor:.2f}")


def _best_pairing(names_a: Sequence[str], names_b: Sequence[str]) -> tuple[float, str, str]:
    """The most similar pair of two entities' names: a Chinese company's Hanzi
    name and its English one are one entity, so any of them may be the one a
    list spells."""
    pairs = [(fuzz.ratio(a, b) / 100, a, b) for a in names_a for b in names_b if a and b]
    return max(pairs, default=(0.0, "", ""))


class _Forest:
    """Union by size with path halving over entity numbers, plus per-root constraints."""

    def __init__(self, entity_ids: list[str], exclusive: Mapping[str, Iterable[tuple[str, str]]],
                 partners: dict[int, set[int]]) -> None:
        self.ids = entity_ids
        self.parent = list(range(len(entity_ids)))
        self.size = [1] * len(entity_ids)
        # per root: the member first in canonical order, i.e. ids.canonical_id(members)
        self.rep = self.parent.copy()
        self.pairs: dict[int, Pairs] = {}  # per root with any: its exclusive identifiers
        for number, entity_id in enumerate(entity_ids):
            found = exclusive.get(entity_id)
            pairs = tuple(found) if found else ()
            if pairs:
                self.pairs[number] = pairs if len(pairs) == 1 else tuple(sorted(set(pairs)))
        self.partners = partners
        self.forbidden = {number: set(others) for number, others in partners.items()}

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]  # path halving: later finds take half the steps
            i = parent[i]
        return i

    def representative(self, root: int) -> str:
        return self.ids[self.rep[root]]

    def union(self, root_a: int, root_b: int) -> None:
        big, small = root_a, root_b
        if self.size[big] < self.size[small]:  # union by size keeps the trees shallow
            big, small = small, big
        self.parent[small] = big
        self.size[big] += self.size[small]
        if canonical_order(self.representative(small)) < canonical_order(self.representative(big)):
            self.rep[big] = self.rep[small]
        moving = self.pairs.pop(small, None)
        if moving is not None:
            staying = self.pairs.get(big)
            self.pairs[big] = moving if staying is None else _merged(staying, moving)
        self._fold_forbidden(big, small)

    def _fold_forbidden(self, big: int, small: int) -> None:
        moving = self.forbidden.pop(small, None)
        if moving is None:
            return
        staying = self.forbidden.setdefault(big, moving)
        if staying is not moving:
            if len(staying) < len(moving):  # merge the smaller set into the larger
                staying, moving = moving, staying
                self.forbidden[big] = staying
            staying |= moving

    def refusal(self, root_a: int, root_b: int, link: Link,
                names: Mapping[str, Sequence[str]], floor: float) -> Refusal | None:
        """Why ``link`` must not join the clusters ``root_a`` and ``root_b``, if it must not.

        Runs once per link: the usual no-refusal path makes no further calls.
        """
        if root_a in self.forbidden and root_b in self.forbidden:
            vetoed = self.negative_between(root_a, root_b)
            if vetoed is not None:
                return _refused(link, "negative_judgement",
                                f"judged different: {vetoed[0]} / {vetoed[1]}")
        if link.method == "judgement":
            return None  # an analyst's positive overrides identifier conflicts and the chain guard
        pairs_a, pairs_b = self.pairs.get(root_a), self.pairs.get(root_b)
        if pairs_a is not None and pairs_b is not None:
            conflict = _conflict(pairs_a, pairs_b)
            if conflict is not None:
                return _refused(link, "identifier_conflict", conflict)
        if link.method != "match":
            return None
        rep_a, rep_b = self.ids[self.rep[root_a]], self.ids[self.rep[root_b]]
        similarity, name_a, name_b = _best_pairing(names.get(rep_a, ()), names.get(rep_b, ()))
        if not name_a or not name_b or similarity >= floor:
            return None  # no name, no guard
        return _refused(link, "chain",
                        _chain_detail(rep_a, name_a, rep_b, name_b, similarity, floor))

    def negative_between(self, root_a: int, root_b: int) -> tuple[str, str] | None:
        """A judged-different pair (member of a, member of b) the union would join."""
        forbidden_a, forbidden_b = self.forbidden.get(root_a), self.forbidden.get(root_b)
        if not forbidden_a or not forbidden_b:
            return None  # negatives are symmetric: both sides hold the pair if one does
        by_id = self.ids.__getitem__
        in_b = [number for number in forbidden_a if self.find(number) == root_b]
        if not in_b:
            return None
        member_b = min(in_b, key=by_id)  # the smallest ids, for a stable detail
        member_a = min((p for p in self.partners[member_b] if self.find(p) == root_a), key=by_id)
        return self.ids[member_a], self.ids[member_b]

    def canonical(self) -> dict[str, str]:
        """entity id -> canonical id: its cluster's representative."""
        roots = self.parent
        while True:  # pointer jumping, one list pass per level: the trees are shallow
            jumped = [roots[up] for up in roots]
            if jumped == roots:
                break
            roots = jumped
        ids, rep = self.ids, self.rep
        return dict(zip(ids, [ids[rep[root]] for root in roots], strict=True))


def _conflict(pairs_a: Pairs, pairs_b: Pairs) -> str | None:
    """``scheme: a-values vs b-values`` if joining would mix two values of one scheme."""
    if len(pairs_a) == 1 and len(pairs_b) == 1:  # the usual case, without building sets
        (scheme_a, value_a), (scheme_b, value_b) = pairs_a[0], pairs_b[0]
        if scheme_a != scheme_b or value_a == value_b:
            return None
    for scheme in sorted({s for s, _ in pairs_a} & {s for s, _ in pairs_b}):
        values_a = {v for s, v in pairs_a if s == scheme}
        values_b = {v for s, v in pairs_b if s == scheme}
        # A subset adds no new value: it can only meet a cluster a judgement widened.
        if not (values_a <= values_b or values_b <= values_a):
            return f"{scheme}: {'|'.join(sorted(values_a))} vs {'|'.join(sorted(values_b))}"
    return None


def _merged(pairs_a: Pairs, pairs_b: Pairs) -> Pairs:
    return pairs_a if pairs_a == pairs_b else tuple(sorted(set(pairs_a) | set(pairs_b)))
