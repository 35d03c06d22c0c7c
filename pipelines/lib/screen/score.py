"""Scoring the candidates of a batch of queries: features, best name per entity,
the score, the ranking and the words of each reported hit."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import polars as pl

from pipelines.lib.resolve.names import NameKey
from pipelines.lib.screen import features
from pipelines.lib.screen.features import Pairs
from pipelines.lib.screen.index import ScreenIndex
from pipelines.lib.screen.lookup import Floats, Ints

HIT_SCHEMA: dict[str, Any] = {
    "query": pl.Int64, "rank": pl.Int64, "entity_id": pl.String, "entity_name": pl.String,
    "kind": pl.String, "score": pl.Float64, "matched_name": pl.String,
    **{f"{f}_{part}": pl.Float64 if part == "score" else pl.String
       for f in features.FEATURES for part in ("score", "detail")},
}


def scored_hits(index: ScreenIndex, queries: Sequence[Any], keys: Sequence[NameKey | None],
                query: Ints, rows: Ints) -> pl.DataFrame:
    """Hits of ``queries`` (checked ``Query`` objects) from their candidate names."""
    scoring = index.settings.scoring
    core = [k.core if k else "" for k in keys]
    compact = [k.compact if k else "" for k in keys]
    names = index.names[rows]
    name = features.name_similarity([core[q] for q in query.tolist()], names["n_core"].to_list(),
                                    [compact[q] for q in query.tolist()],
                                    names["n_compact"].to_list(), scoring)
    entity = index.entity_rows[rows].astype(np.int64)
    best = _best_per_entity(query, entity, name.score)
    query, rows, entity = query[best], rows[best], entity[best]
    pairs = _pairs(index, queries, keys, query, rows, entity)
    adjustments = [features.country(pairs, scoring), features.identifier(pairs, scoring),
                   features.legal_form(pairs, scoring), features.numbers(pairs, scoring)]
    parts = np.stack([name.score[best], *adjustments])
    kept = _ranked(queries, query, entity, parts, scoring.min_score)
    q_forms = [list(k.forms) if k else [] for k in keys]
    return _hits(index, queries, q_forms, pairs, kept, query, rows, parts, name.view[best])


def _best_per_entity(query: Ints, entity: Ints, score: Floats) -> Ints:
    """Per (query, entity), the pair of its best-scoring name (the first name on ties)."""
    order = np.lexsort((-score, entity, query))
    q, e = query[order], entity[order]
    first = np.ones(len(order), dtype=np.bool_)
    first[1:] = (q[1:] != q[:-1]) | (e[1:] != e[:-1])
    return order[first]


def _pairs(index: ScreenIndex, queries: Sequence[Any], keys: Sequence[NameKey | None],
           query: Ints, rows: Ints, entity: Ints) -> Pairs:
    bits = index.form_bits
    q_forms = np.array([features.form_mask(k.forms if k else (), bits) for k in keys],
                       dtype=np.uint64)
    q_numbers = [features.numbers_of(k.core) if k else "" for k in keys]
    q_list = query.tolist()
    return Pairs(
        q_forms=q_forms[query], n_forms=index.form_masks[rows],
        q_numbers=[q_numbers[q] for q in q_list],
        n_numbers=index.numbers[rows].to_list() if any(q_numbers) else [""] * len(rows),
        country=[queries[q].country for q in q_list],
        countries=_facts_if(index, "countries", entity, any(q.country for q in queries)),
        identifier=[queries[q].identifier for q in q_list],
        identifiers=_facts_if(index, "identifiers", entity, any(q.identifier for q in queries)),
    )


def _facts_if(index: ScreenIndex, column: str, entity: Ints, needed: bool) -> list[list[str]]:
    """An entity fact per pair, read only when a query asks about it."""
    return index.facts[column][entity].to_list() if needed else [[]] * len(entity)


def _ranked(queries: Sequence[Any], query: Ints, entity: Ints, parts: Floats,
            min_score: float) -> Ints:
    """Pairs reported, by query then rank: score, then identifier match, then name
    similarity, then entity id (entities are in entity_id order)."""
    score = parts.sum(axis=0).clip(0.0, 1.0)
    shown = np.nonzero((score >= min_score) | (parts[2] > 0))[0]
    order = shown[np.lexsort((entity[shown], -parts[0][shown], -parts[2][shown], -score[shown],
                              query[shown]))]
    q = query[order]
    rank = np.arange(len(order)) - np.searchsorted(q, q, side="left") + 1
    limits = np.array([queries[i].limit for i in q.tolist()], dtype=np.int64)
    return order[rank <= limits]


def _hits(index: ScreenIndex, queries: Sequence[Any], q_forms: list[list[str]], pairs: Pairs,
          kept: Ints, query: Ints, rows: Ints, parts: Floats, view: Ints) -> pl.DataFrame:
    q = query[kept]
    names = index.names[rows[kept]]
    facts = index.facts[index.entity_rows[rows[kept]]]
    k = kept.tolist()
    details = {
        "name_detail": [features.name_detail(s, v, queries[i].name, m) for s, v, i, m in zip(
            parts[0][kept].tolist(), view[kept].tolist(), q.tolist(),
            names["matched_name"].to_list(), strict=True)],
        "country_detail": [features.country_detail(pairs.country[i], c) for i, c in zip(
            k, facts["countries"].to_list(), strict=True)],
        "identifier_detail": [features.identifier_detail(pairs.identifier[i], held) for i, held
                              in zip(k, facts["identifiers"].to_list(), strict=True)],
        "legal_form_detail": [features.legal_form_detail(bool(parts[3][i] < 0), qf, nf) for i, qf,
                              nf in zip(k, [q_forms[i] for i in q.tolist()],
                                        names["n_forms"].to_list(), strict=True)],
        "numbers_detail": [features.numbers_detail(pairs.q_numbers[i], n) for i, n in zip(
            k, index.numbers[rows[kept]].to_list(), strict=True)],
    }
    scores = {f"{f}_score": parts[i][kept].round(4) for i, f in enumerate(features.FEATURES)}
    rank = np.arange(len(q)) - np.searchsorted(q, q, side="left") + 1
    return pl.DataFrame({
        "query": q, "rank": rank, "entity_id": facts["entity_id"],
        "entity_name": facts["entity_name"], "kind": facts["kind"],
        "score": parts[:, kept].sum(axis=0).clip(0.0, 1.0), "matched_name": names["matched_name"],
        **scores, **details}, schema=HIT_SCHEMA).select(list(HIT_SCHEMA))
