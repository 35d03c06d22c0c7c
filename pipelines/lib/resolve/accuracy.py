"""Resolution measured against a labelled set (the demo's ``truth.json``).

The labelled set names mentions (``mentions``: mention_id, and register_id or
null for a mention with no register counterpart) and same-entity pairs
(``same_entity``). Two scores:

- *pairwise*: the mention-linking task. A labelled (mention, register) pair is
  found when both land in one canonical entity; any other register record in
  a mention's entity (or any at all, for a mention labelled as having none) is
  a false positive.
- *clusters*: the canonical entities against the labelled clusters (the
  connected components of ``same_entity``), by pair counting over every
  labelled entity.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from pipelines.lib.resolve.db import store
from pipelines.lib.resolve.evaluate import Scores, clustered, scores


@dataclass(frozen=True)
class Accuracy:
    pairwise: Scores
    clusters: Scores
    mentions: int

    def passes(self, min_f1: float, min_precision: float) -> bool:
        return self.pairwise.f1 >= min_f1 and self.pairwise.precision >= min_precision

    def metadata(self) -> dict[str, Any]:
        return {"labelled_mentions": self.mentions,
                "pairwise": self.pairwise.line(), "clusters": self.clusters.line(),
                "pairwise_f1": round(self.pairwise.f1, 4),
                "pairwise_precision": round(self.pairwise.precision, 4),
                "pairwise_recall": round(self.pairwise.recall, 4),
                "cluster_f1": round(self.clusters.f1, 4)}


def labelled_clusters(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """entity -> the smallest id of its connected component."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {x: find(x) for x in parent}


def _canonical(con: duckdb.DuckDBPyConnection, entity_ids: list[str]) -> dict[str, str]:
    store(con, "labelled_entities", pa.table({"entity_id": pa.array(entity_ids, pa.string())}),
          temporary=True)
    rows = con.execute(
        "select m.entity_id, m.canonical_id from resolve.entity_map as m "
        "inner join labelled_entities as t on t.entity_id = m.entity_id"
    ).fetchall()
    return {entity_id: canonical for entity_id, canonical in rows}


def _register_members(con: duckdb.DuckDBPyConnection, canonical_ids: set[str]
                      ) -> dict[str, set[str]]:
    store(con, "labelled_canonical",
          pa.table({"canonical_id": pa.array(sorted(canonical_ids), pa.string())}), temporary=True)
    rows = con.execute(
        "select m.canonical_id, m.entity_id from resolve.entity_map as m "
        "inner join labelled_canonical as t on t.canonical_id = m.canonical_id "
        "where starts_with(m.entity_id, 'lei-') or starts_with(m.entity_id, 'gb-coh-')"
    ).fetchall()
    members: dict[str, set[str]] = {}
    for canonical, entity_id in rows:
        members.setdefault(canonical, set()).add(entity_id)
    return members


def measure(con: duckdb.DuckDBPyConnection, labels: Mapping[str, Any]) -> Accuracy:
    mentions = [(str(m["mention_id"]), m.get("register_id")) for m in labels["mentions"]]
    pairs = [(str(a), str(b)) for a, b in labels["same_entity"]]
    truth = labelled_clusters(pairs)
    entities = sorted({m for m, _ in mentions} | set(truth))
    canonical = _canonical(con, entities)
    registers = _register_members(con, {canonical.get(m, m) for m, _ in mentions})
    found = wrong = 0
    for mention, register in mentions:
        linked = registers.get(canonical.get(mention, mention), set())
        found += register in linked
        wrong += len(linked - {register})
    expected = sum(1 for _, register in mentions if register)
    pairwise = scores(found, found + wrong, expected)
    predicted = {e: canonical.get(e, e) for e in entities}
    labelled = {e: truth.get(e, e) for e in entities}
    return Accuracy(pairwise, clustered(predicted, labelled), len(mentions))


def load_labels(path: Path) -> dict[str, Any]:
    """A labelled set; without ``mentions``, each same-entity pair of a register
    record and another record stands for one labelled mention."""
    labels: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    if "same_entity" not in labels:
        raise ValueError(f"{path}: a labelled set needs `same_entity` pairs")
    if "mentions" not in labels:
        labels["mentions"] = [
            {"mention_id": b if _registered(a) else a, "register_id": a if _registered(a) else b}
            for a, b in labels["same_entity"] if _registered(a) != _registered(b)
        ]
    return labels


def _registered(entity_id: str) -> bool:
    return entity_id.startswith(("lei-", "gb-coh-"))
