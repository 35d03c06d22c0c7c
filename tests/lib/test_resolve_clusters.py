"""Constrained clustering: negative vetoes, identifier conflicts, the chain guard, canonical ids."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterable, Mapping

import pytest

from pipelines.lib.ids import canonical_id
from pipelines.lib.resolve.clusters import Clusters, Link, cluster, in_processing_order

NAMES = {
    "psc-1": "alpha trading ltd",
    "psc-2": "alpha trading co",
    "psc-3": "beta trading co",
}


def match(left: str, right: str, score: float) -> Link:
    return Link(left, right, "match", score, f"name {score}")


def identifier(left: str, right: str, value: str = "x") -> Link:
    return Link(left, right, "identifier", 1.0, f"lei:{value}")


def judged(left: str, right: str) -> Link:
    return Link(left, right, "judgement", 1.0, "judgement by ana on 2026-11-01")


def run(
    links: Iterable[Link],
    exclusive: Mapping[str, Iterable[tuple[str, str]]] | None = None,
    negatives: Iterable[tuple[str, str]] = (),
    names: Mapping[str, str] | None = None,
    chain_floor: float = 0.0,
) -> Clusters:
    """One comparison name per entity (the pipeline passes every name, in two views)."""
    each = {entity: (name,) for entity, name in (names or {}).items()}
    return cluster(links, exclusive or {}, negatives, each, chain_floor)


def members(result: Clusters) -> list[list[str]]:
    """The clusters of two or more, each sorted, in order."""
    groups: dict[str, list[str]] = defaultdict(list)
    for entity_id, canonical in result.canonical.items():
        groups[canonical].append(entity_id)
    return sorted(sorted(group) for group in groups.values() if len(group) > 1)


def reasons(result: Clusters) -> list[tuple[str, str, str]]:
    return [(r.left, r.right, r.reason) for r in result.refused]


def test_a_negative_judgement_vetoes_a_transitive_merge_refusing_the_weaker_link() -> None:
    result = run([match("psc-b", "psc-c", 0.90), match("psc-a", "psc-b", 0.95)],
                 negatives=[("psc-c", "psc-a")])
    assert members(result) == [["psc-a", "psc-b"]]
    assert reasons(result) == [("psc-b", "psc-c", "negative_judgement")]
    assert result.refused[0].detail == "judged different: psc-a / psc-c"
    assert result.canonical["psc-c"] == "psc-c"  # named by a link, so mapped, to itself


def test_a_negative_judgement_beats_identifiers_and_positive_judgements() -> None:
    result = run([identifier("psc-a", "psc-b"), judged("psc-b", "psc-c")],
                 negatives=[("psc-a", "psc-b"), ("psc-a", "psc-c")])
    assert members(result) == [["psc-b", "psc-c"]]
    assert reasons(result) == [("psc-a", "psc-b", "negative_judgement")]


def test_two_values_of_an_exclusive_scheme_never_merge_even_through_a_third_record() -> None:
    exclusive = {"lei-a": [("lei", "A")], "lei-b": [("lei", "B")]}
    direct = run([match("lei-a", "lei-b", 0.99)], exclusive)
    assert members(direct) == []
    assert reasons(direct) == [("lei-a", "lei-b", "identifier_conflict")]
    assert direct.refused[0].detail == "lei: A vs B"
    through = run([match("psc-1", "lei-a", 0.99), match("psc-1", "lei-b", 0.98)], exclusive)
    assert members(through) == [["lei-a", "psc-1"]]
    assert reasons(through) == [("psc-1", "lei-b", "identifier_conflict")]


def test_identifiers_of_different_schemes_or_equal_values_do_not_conflict() -> None:
    exclusive = {"lei-a": [("lei", "A")], "gb-coh-1": [("gb-coh", "1")],
                 "psc-1": [("lei", "A")]}
    result = run([match("lei-a", "gb-coh-1", 0.9), match("psc-1", "gb-coh-1", 0.8)], exclusive)
    assert members(result) == [["gb-coh-1", "lei-a", "psc-1"]]
    assert result.refused == []


def test_a_positive_judgement_overrides_an_identifier_conflict_but_nothing_more() -> None:
    # GLEIF holds duplicate LEIs for one legal entity: an analyst may merge them.
    exclusive = {"lei-a": [("lei", "A")], "lei-b": [("lei", "B")], "lei-c": [("lei", "C")],
                 "psc-1": [("lei", "A")]}
    result = run([judged("lei-a", "lei-b"), match("psc-1", "lei-b", 0.9),
                  match("lei-c", "lei-b", 0.95)], exclusive)
    assert members(result) == [["lei-a", "lei-b", "psc-1"]]  # psc-1 brings no new LEI
    assert reasons(result) == [("lei-c", "lei-b", "identifier_conflict")]
    assert result.refused[0].detail == "lei: C vs A|B"
    assert result.merged_by["lei-b"].method == "judgement"


def test_an_entity_carrying_two_values_itself_joins_a_cluster_holding_one_of_them() -> None:
    exclusive = {"lei-a": [("lei", "A"), ("lei", "A2")], "psc-1": [("lei", "A")]}
    assert members(run([match("psc-1", "lei-a", 0.9)], exclusive)) == [["lei-a", "psc-1"]]


def test_the_chain_guard_compares_the_clusters_representatives_not_the_link_ends() -> None:
    # alpha trading co ~ beta trading co: 0.77 on its own, enough for a 0.7 floor...
    alone = run([match("psc-2", "psc-3", 0.9)], names=NAMES, chain_floor=0.7)
    assert members(alone) == [["psc-2", "psc-3"]]
    # ...but once alpha trading co has joined alpha trading ltd (representative
    # psc-1), joining beta trading co would chain alpha ltd to beta: 0.62.
    chained = run([match("psc-1", "psc-2", 0.95), match("psc-2", "psc-3", 0.9)],
                  names=NAMES, chain_floor=0.7)
    assert members(chained) == [["psc-1", "psc-2"]]
    assert reasons(chained) == [("psc-2", "psc-3", "chain")]
    assert chained.refused[0].detail == (
        "representatives psc-1 'alpha trading ltd' and psc-3 'beta trading co':"
        " similarity 0.62 < 0.70"
    )


def test_the_chain_guard_spares_identifiers_judgements_and_nameless_records() -> None:
    names = {"lei-a": "acme holdings", "psc-1": "zenith shipping", "psc-2": "orbit mining"}
    links = [identifier("lei-a", "psc-1"), judged("psc-1", "psc-2"), match("psc-2", "psc-9", 0.9)]
    result = run(links, names=names, chain_floor=0.99)
    assert members(result) == [["lei-a", "psc-1", "psc-2", "psc-9"]]
    assert result.refused == []


def test_the_canonical_id_prefers_lei_then_companies_house_then_ofac_then_the_smallest() -> None:
    links = [match("psc-a", "ofac-9", 0.9), match("ofac-9", "gb-coh-7", 0.9),
             match("gb-coh-7", "lei-z", 0.8), match("psc-b", "psc-c", 0.9)]
    result = run(links)
    assert result.canonical == {
        "psc-a": "lei-z", "ofac-9": "lei-z", "gb-coh-7": "lei-z", "lei-z": "lei-z",
        "psc-b": "psc-b", "psc-c": "psc-b",
    }
    for group in members(result):
        assert {result.canonical[e] for e in group} == {canonical_id(group)}


def test_the_chain_guard_measures_against_the_representative_the_first_in_canonical_order() -> None:
    # An identifier joins a PSC to an LEI record of another name; a later match to
    # that PSC is measured against the LEI record's name, not the PSC's own.
    names = {"lei-z": "beta trading co", "psc-1": "alpha trading ltd", "psc-2": "alpha trading ltd"}
    links = [match("psc-1", "psc-2", 0.99), identifier("psc-2", "lei-z")]
    result = run(links, names=names, chain_floor=0.8)
    assert members(result) == [["lei-z", "psc-2"]]
    assert reasons(result) == [("psc-1", "psc-2", "chain")]
    assert result.refused[0].detail.startswith(
        "representatives psc-1 'alpha trading ltd' and lei-z 'beta trading co'"
    )


def test_links_go_identifiers_then_judgements_then_matches_by_score() -> None:
    links = [match("psc-a", "psc-b", 0.99), judged("psc-c", "psc-b"),
             identifier("psc-a", "psc-d"), match("psc-x", "psc-y", 0.5),
             match("psc-b", "psc-x", 0.8), match("psc-a", "psc-y", 0.8)]
    ordered = in_processing_order(links)
    assert [(k.method, k.left, k.right) for k in ordered] == [
        ("identifier", "psc-a", "psc-d"), ("judgement", "psc-c", "psc-b"),
        ("match", "psc-a", "psc-b"), ("match", "psc-a", "psc-y"), ("match", "psc-b", "psc-x"),
        ("match", "psc-x", "psc-y"),
    ]


def test_the_stronger_of_two_conflicting_matches_wins() -> None:
    exclusive = {"lei-a": [("lei", "A")], "lei-b": [("lei", "B")]}
    links = [match("psc-1", "lei-a", 0.91), match("psc-1", "lei-b", 0.97)]
    result = run(links, exclusive)
    assert members(result) == [["lei-b", "psc-1"]]
    assert reasons(result) == [("psc-1", "lei-a", "identifier_conflict")]


def test_merged_by_names_the_first_accepted_link_of_every_clustered_entity() -> None:
    links = [match("psc-a", "psc-b", 0.9),  # redundant by then: already together
             identifier("psc-b", "psc-c"), match("psc-c", "psc-a", 0.95),
             match("psc-d", "psc-e", 0.9)]
    result = run(links, negatives=[("psc-d", "psc-e")])
    assert {e: (k.method, k.left, k.right) for e, k in result.merged_by.items()} == {
        "psc-b": ("identifier", "psc-b", "psc-c"), "psc-c": ("identifier", "psc-b", "psc-c"),
        "psc-a": ("match", "psc-c", "psc-a"),
    }
    assert result.canonical["psc-d"] == "psc-d"  # refused, so mapped to itself, unexplained
    assert reasons(result) == [("psc-d", "psc-e", "negative_judgement")]


def test_an_unknown_method_or_a_nan_score_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown link method 'fuzzy'"):
        run([Link("psc-a", "psc-b", "fuzzy", 0.9, "")])
    with pytest.raises(ValueError, match="NaN"):
        run([match("psc-a", "psc-b", float("nan"))])


def _random_case(seed: int) -> tuple[list[Link], dict[str, list[tuple[str, str]]],
                                     list[tuple[str, str]], dict[str, tuple[str, ...]]]:
    rng = random.Random(seed)
    ids = [f"{rng.choice(['lei', 'gb-coh', 'ofac', 'psc'])}-{i:03d}" for i in range(60)]
    words = ["alpha", "beta", "gamma", "trading", "holdings", "ltd"]
    names: dict[str, tuple[str, ...]] = {
        e: (" ".join(sorted(rng.sample(words, 3))),) for e in ids if rng.random() < 0.9}
    exclusive = {e: [("lei", rng.choice("ABCD"))] for e in ids if rng.random() < 0.4}
    methods = ["identifier", "judgement", "match", "match", "match"]
    links = []
    for _ in range(120):
        left, right = rng.sample(ids, 2)
        method = rng.choice(methods)
        score = 1.0 if method != "match" else rng.choice([0.8, 0.85, 0.9, 0.95])
        links.append(Link(left, right, method, score, method))
    negatives = [(a, b) for a, b in (rng.sample(ids, 2) for _ in range(10))]
    return links, exclusive, negatives, names


@pytest.mark.parametrize("seed", range(5))
def test_the_result_does_not_depend_on_the_input_order(seed: int) -> None:
    links, exclusive, negatives, names = _random_case(seed)
    expected = cluster(links, exclusive, negatives, names, 0.6)
    assert expected.refused  # the case exercises the constraints
    rng = random.Random(seed)
    for _ in range(5):
        rng.shuffle(links)
        rng.shuffle(negatives)
        again = cluster(links, exclusive, negatives, names, 0.6)
        assert again.canonical == expected.canonical
        assert again.merged_by == expected.merged_by
        assert again.refused == expected.refused


@pytest.mark.parametrize("seed", range(5))
def test_clusters_keep_every_constraint(seed: int) -> None:
    links, exclusive, negatives, names = _random_case(seed)
    result = cluster(links, exclusive, negatives, names, 0.6)
    groups: dict[str, set[str]] = defaultdict(set)
    for entity_id, canonical in result.canonical.items():
        groups[canonical].add(entity_id)
    for canonical, group in groups.items():
        assert canonical == canonical_id(group)
    for left, right in negatives:
        assert result.canonical.get(left, left) != result.canonical.get(right, right)
    judged_pairs = {frozenset((k.left, k.right)) for k in links if k.method == "judgement"}
    for group in groups.values():
        values = {v for e in group for _, v in exclusive.get(e, [])}
        inside = {pair for pair in judged_pairs if pair <= group}
        assert len(values) <= 1 or inside  # two LEIs meet only through a judgement
    vetoed = [r for r in result.refused if r.reason == "negative_judgement"]
    for refusal in vetoed:  # a veto is for good; other refusals may be joined later by judgements
        assert result.canonical[refusal.left] != result.canonical[refusal.right]


def test_the_chain_guard_compares_every_name_of_the_representatives() -> None:
    """A GLEIF record named in Hanzi (its first name) and in English is not a
    different company from a list entry spelling the English name."""
    names = {"lei-a": ("shenzhenshihongda elec", "elec hongda shenzhen"),
             "ofac-1": ("elec hongda shenzhen",), "psc-1": ("elec hongda shenzhen",)}
    links = [Link("lei-a", "ofac-1", "identifier", 1.0, "lei"),
             Link("psc-1", "ofac-1", "match", 0.95, "name")]
    result = cluster(links, {}, [], names, 0.9)
    assert not result.refused
    assert result.canonical["psc-1"] == "lei-a"
