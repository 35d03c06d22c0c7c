"""Screening accuracy on a small generated list with labelled noisy queries
(the benchmark's generator and queries, at test size)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.screening_data import generate
from bench.screening_queries import labelled_queries
from pipelines.lib.screen.index import build_index
from pipelines.lib.screen.screen import Query, checked, screen
from pipelines.lib.screen.settings import load_screening
from pipelines.lib.screen.version import load_version


@pytest.fixture(scope="module")
def version(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("generated"), rows=5_000, seed=3)


def test_noisy_queries_find_their_entity(version: Path) -> None:
    index = build_index(load_version(version), load_screening())
    labelled = labelled_queries(version, 400, seed=5)
    hits = screen(index, [checked(index, Query(q.query.name, q.query.country, limit=5))
                          for q in labelled])
    ranks = {(q, e): r for q, e, r in hits.select("query", "entity_id", "rank").iter_rows()}
    found = [ranks.get((i, q.entity_id)) for i, q in enumerate(labelled)]
    top1 = sum(r == 1 for r in found) / len(found)
    top5 = sum(r is not None for r in found) / len(found)
    assert top1 >= 0.97, f"top-1 {top1:.1%}"
    assert top5 >= 0.98, f"top-5 {top5:.1%}"


def test_the_generated_version_is_the_same_for_the_same_seed(tmp_path: Path,
                                                             version: Path) -> None:
    again = generate(tmp_path, rows=5_000, seed=3)
    for name in ("denylist.parquet", "names.parquet"):
        assert (again / name).read_bytes() == (version / name).read_bytes()
