"""Pairwise and cluster scores on hand-counted examples."""

from __future__ import annotations

import pytest

from pipelines.lib.resolve.evaluate import Scores, clustered, pairwise


def test_pairwise_counts_unordered_distinct_pairs() -> None:
    # predicted {ab, cd, xy} (ba repeats ab; ee is no link), truth {ab, cd, fg}
    predicted = [("a", "b"), ("b", "a"), ("c", "d"), ("x", "y"), ("e", "e")]
    truth = [("a", "b"), ("d", "c"), ("f", "g")]
    got = pairwise(predicted, truth)
    assert (got.true_positives, got.false_positives, got.false_negatives) == (2, 1, 1)
    assert got.precision == pytest.approx(2 / 3)
    assert got.recall == pytest.approx(2 / 3)
    assert got.f1 == pytest.approx(2 / 3)


@pytest.mark.parametrize(
    ("predicted", "truth", "expected"),
    [
        ([], [], Scores(1.0, 1.0, 1.0, 0, 0, 0)),
        ([("a", "b")], [], Scores(0.0, 1.0, 0.0, 0, 1, 0)),
        ([], [("a", "b")], Scores(1.0, 0.0, 0.0, 0, 0, 1)),
        ([("a", "b")], [("c", "d")], Scores(0.0, 0.0, 0.0, 0, 1, 1)),
    ],
)
def test_pairwise_empty_denominators(predicted: list[tuple[str, str]],
                                     truth: list[tuple[str, str]], expected: Scores) -> None:
    assert pairwise(predicted, truth) == expected


def test_clustered_counts_pairs_through_the_contingency_table() -> None:
    # predicted clusters {a,b,c} {d,e}: 3 + 1 = 4 pairs;
    # truth clusters {a,b} {c,d,e,f}: 1 + 6 = 7 pairs (f is a singleton on the predicted side);
    # shared: ab, de = 2 pairs.
    predicted = {"a": "1", "b": "1", "c": "1", "d": "2", "e": "2"}
    truth = {"a": "X", "b": "X", "c": "Y", "d": "Y", "e": "Y", "f": "Y"}
    got = clustered(predicted, truth)
    assert (got.true_positives, got.false_positives, got.false_negatives) == (2, 2, 5)
    assert got.precision == pytest.approx(1 / 2)
    assert got.recall == pytest.approx(2 / 7)
    assert got.f1 == pytest.approx(4 / 11)


def test_clustered_entity_missing_on_one_side_is_a_singleton_there() -> None:
    got = clustered({"a": "1", "b": "1"}, {"a": "1"})
    assert got == Scores(0.0, 1.0, 0.0, 0, 1, 0)


def test_clustered_ignores_cluster_id_names() -> None:
    # The same partition under other labels scores perfectly.
    got = clustered({"a": "p", "b": "p", "c": "q"}, {"a": "t1", "b": "t1", "c": "t2"})
    assert got == Scores(1.0, 1.0, 1.0, 1, 0, 0)


def test_clustered_large_cluster_is_counted_not_listed() -> None:
    # 100,000 entities: one predicted cluster (4,999,950,000 pairs) against two true
    # halves of 50,000 (2 x 1,249,975,000 pairs), all of which the big cluster holds.
    entities = [f"e{i}" for i in range(100_000)]
    predicted = dict.fromkeys(entities, "all")
    truth = {e: str(i % 2) for i, e in enumerate(entities)}
    got = clustered(predicted, truth)
    assert got.true_positives == 2_499_950_000
    assert got.false_positives == 2_500_000_000
    assert got.false_negatives == 0
    assert got.precision == pytest.approx(2_499_950_000 / 4_999_950_000)


def test_line_reports_rates_and_counts() -> None:
    line = Scores(0.5, 0.25, 1 / 3, 1, 1, 3).line()
    assert line == "P 0.500  R 0.250  F1 0.333  (tp 1, fp 1, fn 3)"
