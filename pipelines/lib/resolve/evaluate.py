"""Precision, recall and F1 of resolution against labels, pair by pair.

Two views of the same question, "which records are the same entity?":

- ``pairwise``: the predicted links against the labelled links, as unordered
  pairs (``(a, b)`` and ``(b, a)`` are one pair; a record paired with itself is
  no link and is ignored);
- ``clustered``: two partitions (entity -> cluster id), scored by the pairs of
  entities each puts in one cluster. The pairs are counted through a contingency
  table, ``sum n * (n - 1) / 2`` per cell, never listed: a cluster of 10,000
  records holds 50 million pairs. An entity missing on one side is a singleton
  there (it shares no cluster with anything).

Empty denominators: precision is 1.0 when nothing was predicted (no wrong
prediction was made) and recall is 1.0 when there is nothing to find (nothing
was missed); F1 is 0.0 only when both precision and recall are 0.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    f1: float
    true_positives: int
    false_positives: int
    false_negatives: int

    def line(self) -> str:
        """``P 0.990  R 0.950  F1 0.970  (tp 95, fp 1, fn 5)``, for reports."""
        return (f"P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}  "
                f"(tp {self.true_positives:,}, fp {self.false_positives:,}, "
                f"fn {self.false_negatives:,})")


def scores(true_positives: int, predicted: int, actual: int) -> Scores:
    """Scores from counts of correct, predicted and labelled pairs."""
    precision = true_positives / predicted if predicted else 1.0
    recall = true_positives / actual if actual else 1.0
    total = precision + recall
    f1 = 2 * precision * recall / total if total else 0.0
    return Scores(precision, recall, f1, true_positives,
                  predicted - true_positives, actual - true_positives)


def _unordered(pairs: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
    return {(a, b) if a < b else (b, a) for a, b in pairs if a != b}


def pairwise(predicted: Iterable[tuple[str, str]], truth: Iterable[tuple[str, str]]) -> Scores:
    """Predicted links against labelled links, as unordered pairs."""
    found, expected = _unordered(predicted), _unordered(truth)
    return scores(len(found & expected), len(found), len(expected))


def _pairs_within(sizes: Iterable[int]) -> int:
    return sum(n * (n - 1) // 2 for n in sizes)


def clustered(predicted: Mapping[str, str], truth: Mapping[str, str]) -> Scores:
    """Two partitions (entity -> cluster id), scored over their within-cluster pairs."""
    both = predicted.keys() & truth.keys()
    # An entity known to one side only is a singleton on the other, so it
    # shares no cell of the contingency table with anything: leave it out.
    cells = Counter((predicted[e], truth[e]) for e in both)
    return scores(_pairs_within(cells.values()),
                  _pairs_within(Counter(predicted.values()).values()),
                  _pairs_within(Counter(truth.values()).values()))
