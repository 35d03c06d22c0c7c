"""Candidate retrieval: the names worth scoring for each query.

A query's retrieval keys (as the index's, plus its adjacent tokens joined) find
posting lists. A query token the vocabulary lacks or holds rarely (``max_df``
names or fewer) may be a typo: the tokens one edit away bring their lists too,
at ``typo_weight``. The ``keys_per_query`` and ``typo_keys_per_query`` rarest
keys of a query make its pool of names (``pool.py``), each weighed by the
inverse document frequency of the keys it shares with the query, and the
``candidates`` best names per query go on to scoring. Names of an entity
holding the query's identifier are always candidates. Everything is numpy over
all queries at once, so a batch costs little more per name than one query.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np
import polars as pl
from rapidfuzz.distance import OSA
from rapidfuzz.process import cpdist

from pipelines.lib.resolve.names import NameKey
from pipelines.lib.screen.index import ScreenIndex, retrieval_keys
from pipelines.lib.screen.lookup import Floats, Ints, expand_ranges
from pipelines.lib.screen.pool import pooled


def query_keys(key: NameKey) -> list[str]:
    """The index's keys of a name, and its adjacent tokens joined: "Byte Dance"
    meets "bytedance", "Chong Qing" the pinyin pairs of 重庆."""
    ordered = sorted(key.tokens, key=key.compact.find)
    return list(dict.fromkeys([*retrieval_keys(key), *(a + b for a, b in pairwise(ordered))]))


@dataclass(frozen=True)
class QueryKeys:
    """What retrieval needs of a batch of queries, as flat lists (query number, value)."""

    keys: list[tuple[int, str]]
    tokens: list[tuple[int, str]]
    identifiers: list[tuple[int, str]]
    policies: list[str | None]

    @classmethod
    def of(cls, keys: Sequence[NameKey | None], identifiers: Sequence[str | None],
           policies: Sequence[str | None]) -> QueryKeys:
        return cls(
            keys=[(q, k) for q, key in enumerate(keys) if key for k in query_keys(key)],
            tokens=[(q, t) for q, key in enumerate(keys) if key for t in key.tokens],
            identifiers=[(q, i) for q, i in enumerate(identifiers) if i],
            policies=list(policies),
        )


def candidates(index: ScreenIndex, queries: QueryKeys) -> tuple[Ints, Ints]:
    """(query, name_row) pairs, sorted by query then name."""
    settings = index.settings.retrieval
    exact_query, exact_key, doubtful = _exact_keys(index, queries)
    found = [
        _weighted(index, *_rarest(index, exact_query, exact_key, settings.keys_per_query), 1.0),
        _weighted(index, *_rarest(index, *_typo_keys(index, doubtful),
                                  settings.typo_keys_per_query), settings.typo_weight)]
    exact = np.repeat([True, False], [len(found[0][0]), len(found[1][0])])
    query, key_id, weight = (np.concatenate(parts) for parts in zip(*found, strict=True))
    query, rows, weight = pooled(index, query, key_id, weight, exact)
    query, rows, weight = _listed_under_policy(index, queries.policies, query, rows, weight)
    query, rows = _best(index, query, rows, weight)
    by_id_query, by_id_rows = _identified(index, queries.identifiers)
    size = len(index.names)
    pairs = np.unique(np.concatenate([query * size + rows, by_id_query * size + by_id_rows]))
    return pairs // size, pairs % size


def _exact_keys(index: ScreenIndex, queries: QueryKeys
                ) -> tuple[Ints, Ints, list[tuple[int, str]]]:
    """Query keys found in the vocabulary, and the query tokens that may be typos:
    those the vocabulary lacks or holds rarely (in a million names, a misspelt
    word is often another listed word: "Xianhuan" for "Xianghuan")."""
    owners = np.fromiter((q for q, _ in queries.keys), dtype=np.int64, count=len(queries.keys))
    keys = [k for _, k in queries.keys]
    pos, key_id = index.vocab_lookup.find(pl.Series(keys, dtype=pl.String))
    same = np.array([a == keys[p] for a, p in zip(index.vocab[key_id].to_list(), pos,
                                                   strict=True)], dtype=np.bool_)
    pos, key_id = pos[same], key_id[same]
    df = index.offsets[key_id + 1] - index.offsets[key_id]
    common = {queries.keys[p] for p in pos[df > index.settings.retrieval.max_df].tolist()}
    doubtful = [pair for pair in queries.tokens if pair not in common]
    return owners[pos], key_id, doubtful


def _typo_keys(index: ScreenIndex, unknown: list[tuple[int, str]]) -> tuple[Ints, Ints]:
    """Vocabulary tokens one edit (OSA) from a doubtful query token."""
    low, high = index.settings.retrieval.typo_min_length, index.settings.retrieval.typo_max_length
    owners: list[int] = []
    tokens: list[str] = []
    variants: list[str] = []
    for query, token in unknown:
        if low <= len(token) <= high:
            for variant in (token, *(token[:i] + token[i + 1:] for i in range(len(token)))):
                owners.append(query)
                tokens.append(token)
                variants.append(variant)
    pos, key_id = index.typos.find(pl.Series(variants, dtype=pl.String))
    found = index.vocab[key_id].to_list()
    wanted = [tokens[p] for p in pos]
    distance = cpdist(wanted, found, scorer=OSA.distance, workers=1) if wanted else np.zeros(0)
    near = distance == 1
    size = index.vocab.len()
    pair = np.unique(np.asarray(owners, dtype=np.int64)[pos[near]] * size + key_id[near])
    return pair // size, pair % size


def _rarest(index: ScreenIndex, query: Ints, key_id: Ints, budget: int) -> tuple[Ints, Ints]:
    """Each query's ``budget`` rarest keys, common ones included: they only rank the
    pool (``pool.py``), and a name of common words is still screened (fail closed)."""
    df = index.offsets[key_id + 1] - index.offsets[key_id]
    order = np.lexsort((key_id, df, query))
    query, key_id = query[order], key_id[order]
    rank = np.arange(len(query)) - np.searchsorted(query, query, side="left")
    return query[rank < budget], key_id[rank < budget]


def _weighted(index: ScreenIndex, query: Ints, key_id: Ints, factor: float
              ) -> tuple[Ints, Ints, Floats]:
    """Each key's weight: its inverse document frequency, times ``factor``."""
    df = index.offsets[key_id + 1] - index.offsets[key_id]
    return query, key_id, factor * np.log(len(index.names) / np.maximum(df, 1))


def _listed_under_policy(index: ScreenIndex, policies: list[str | None], query: Ints,
                         rows: Ints, weight: Floats) -> tuple[Ints, Ints, Floats]:
    if not any(policies):
        return query, rows, weight
    keep = np.ones(len(rows), dtype=np.bool_)
    for policy in set(filter(None, policies)):
        asked = np.isin(query, [q for q, p in enumerate(policies) if p == policy])
        keep[asked] = index.policy_names[policy][rows[asked]]
    return query[keep], rows[keep], weight[keep]


def _best(index: ScreenIndex, query: Ints, rows: Ints, weight: Floats) -> tuple[Ints, Ints]:
    """The ``candidates`` names per query sharing the most weight of its keys (the first
    names on ties). The pairs come sorted by query then name, so a stable sort by query
    then weight orders ties by name, as a third key would at half again the cost."""
    order = np.lexsort((-weight, query))
    query, rows = query[order], rows[order]
    first = np.searchsorted(query, query, side="left")
    keep = np.arange(len(query)) - first < index.settings.retrieval.candidates
    return query[keep], rows[keep]


def _identified(index: ScreenIndex, identifiers: list[tuple[int, str]]) -> tuple[Ints, Ints]:
    """Every name of an entity holding the query's identifier."""
    if not identifiers:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    pos, entity = index.identifiers.find(pl.Series([i for _, i in identifiers], dtype=pl.String))
    starts = np.searchsorted(index.entity_rows, entity, side="left")
    counts = np.searchsorted(index.entity_rows, entity, side="right") - starts
    rows = expand_ranges(starts.astype(np.int64), counts.astype(np.int64))
    owners = np.array([q for q, _ in identifiers], dtype=np.int64)
    return np.repeat(owners[pos], counts), rows
