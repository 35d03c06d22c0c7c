"""Candidate retrieval: the names worth scoring for each query.

A query's retrieval keys (as the index's) and the tokens one edit away from its
tokens find posting lists; keys held by more than ``max_df`` names are skipped
unless a query has nothing rarer. Each name collects the inverse document
frequency of the keys it shares with the query, and the ``candidates`` best
names per query go on to scoring. Names of an entity that holds the query's
identifier are always candidates. Everything is numpy over all queries at
once, so a batch costs little more per name than one query.
"""

from __future__ import annotations

import numpy as np
import polars as pl
from rapidfuzz.distance import OSA
from rapidfuzz.process import cpdist

from pipelines.lib.screen.index import ScreenIndex
from pipelines.lib.screen.lookup import Floats, Ints, expand_ranges


def candidates(index: ScreenIndex, queries: pl.DataFrame) -> pl.DataFrame:
    """(query, name_row) pairs; ``queries`` has query, keys, tokens, identifier, policy."""
    query, key_id, weight = _matched_keys(index, queries)
    query, key_id, weight = _rare_enough(index, query, key_id, weight)
    counts = index.offsets[key_id + 1] - index.offsets[key_id]
    rows = index.postings[expand_ranges(index.offsets[key_id], counts)].astype(np.int64)
    query, weight = np.repeat(query, counts), np.repeat(weight, counts)
    query, rows, weight = _listed_under_policy(index, queries, query, rows, weight)
    query, rows = _best(index, query, rows, weight)
    by_id_query, by_id_rows = _identified(index, queries)
    pairs = pl.DataFrame({"query": np.concatenate([query, by_id_query]),
                          "name_row": np.concatenate([rows, by_id_rows])})
    return pairs.unique().sort("query", "name_row")


def _matched_keys(index: ScreenIndex, queries: pl.DataFrame) -> tuple[Ints, Ints, Floats]:
    exact = queries.select("query", key="keys").explode("key").drop_nulls("key")
    pos, key_id = index.vocab_lookup.find(exact["key"])
    same = index.vocab.gather(key_id) == exact["key"].gather(pos)
    pos, key_id = pos[same.to_numpy()], key_id[same.to_numpy()]
    exact_q = exact["query"].to_numpy()[pos].astype(np.int64)
    typo_q, typo_id = _typo_keys(index, queries)
    weight = np.concatenate([np.ones(len(key_id)),
                             np.full(len(typo_id), index.settings.retrieval.typo_weight)])
    query = np.concatenate([exact_q, typo_q])
    key_id = np.concatenate([key_id, typo_id]).astype(np.int64)
    idf = np.log(len(index.names) / np.maximum(index.offsets[key_id + 1] - index.offsets[key_id], 1))
    return query, key_id, weight * idf


def _typo_keys(index: ScreenIndex, queries: pl.DataFrame) -> tuple[Ints, Ints]:
    """Tokens of the vocabulary one edit (OSA) from a query token, not the token itself."""
    low, high = index.settings.retrieval.typo_min_length, index.settings.retrieval.typo_max_length
    owners: list[int] = []
    tokens: list[str] = []
    variants: list[str] = []
    for query, query_tokens in queries.select("query", "tokens").iter_rows():
        for token in query_tokens:
            if low <= len(token) <= high:
                for variant in (token, *(token[:i] + token[i + 1:] for i in range(len(token)))):
                    owners.append(query)
                    tokens.append(token)
                    variants.append(variant)
    pos, key_id = index.typos.find(pl.Series(variants, dtype=pl.String))
    found = index.vocab.gather(key_id).to_list()
    wanted = [tokens[p] for p in pos]
    distance = cpdist(wanted, found, scorer=OSA.distance, workers=1) if wanted else np.zeros(0)
    near = (distance == 1) if len(pos) else np.zeros(0, dtype=np.bool_)
    return np.asarray(owners, dtype=np.int64)[pos[near]], key_id[near]


def _rare_enough(index: ScreenIndex, query: Ints, key_id: Ints, weight: Floats
                 ) -> tuple[Ints, Ints, Floats]:
    """Keys under ``max_df``; a query with none keeps its rarest (fail closed: a
    name of common words is still screened, just at more cost)."""
    if len(query) == 0:
        return query, key_id, weight
    df = index.offsets[key_id + 1] - index.offsets[key_id]
    rarest = np.full(int(query.max()) + 1, np.iinfo(np.int64).max)
    np.minimum.at(rarest, query, df)
    keep = (df <= index.settings.retrieval.max_df) | (df == rarest[query])
    return query[keep], key_id[keep], weight[keep]


def _listed_under_policy(index: ScreenIndex, queries: pl.DataFrame, query: Ints, rows: Ints,
                         weight: Floats) -> tuple[Ints, Ints, Floats]:
    policies = queries["policy"].to_list()
    if not any(policies):
        return query, rows, weight
    keep = np.ones(len(rows), dtype=np.bool_)
    for policy in set(filter(None, policies)):
        asked = np.isin(query, [q for q, p in enumerate(policies) if p == policy])
        keep[asked] = index.policy_names[policy][rows[asked]]
    return query[keep], rows[keep], weight[keep]


def _best(index: ScreenIndex, query: Ints, rows: Ints, weight: Floats) -> tuple[Ints, Ints]:
    """The ``candidates`` names per query sharing the most weight of rare keys."""
    if len(query) == 0:
        return query, rows
    pair = query * len(index.names) + rows
    unique, inverse = np.unique(pair, return_inverse=True)
    total = np.bincount(inverse, weights=weight)
    query, rows = unique // len(index.names), unique % len(index.names)
    order = np.lexsort((rows, -total, query))
    query, rows = query[order], rows[order]
    first = np.searchsorted(query, query, side="left")
    keep = np.arange(len(query)) - first < index.settings.retrieval.candidates
    return query[keep], rows[keep]


def _identified(index: ScreenIndex, queries: pl.DataFrame) -> tuple[Ints, Ints]:
    """Every name of an entity holding the query's identifier."""
    asked = queries.filter(pl.col("identifier").is_not_null())
    if asked.is_empty():
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    pos, entity = index.identifiers.find(asked["identifier"])
    entity_rows = index.names["entity_idx"].to_numpy()
    starts = np.searchsorted(entity_rows, entity, side="left")
    counts = np.searchsorted(entity_rows, entity, side="right") - starts
    rows = expand_ranges(starts.astype(np.int64), counts.astype(np.int64))
    return np.repeat(asked["query"].to_numpy()[pos], counts).astype(np.int64), rows
