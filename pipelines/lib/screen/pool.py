"""The candidate pool of each query and how much of the query each name shares.

Expanding every posting list a query touches costs its keys' document
frequencies in total: a million-name list has keys held by thousands of names,
and summing them over a batch dominated the whole screening. Instead the pool
is the names holding one of the query's small keys (``pool_df`` names or
fewer) or its rarest exact key (up to ``rarest_df``) or, for a query without
either, the names of its rarest key. The small
keys' weights are summed while expanding them; each larger key adds its weight
to the pool's names that hold it, found by a binary search in that key's
posting list: the weights a name would get from expanding every list, at the
cost of the pool.
"""

from __future__ import annotations

import itertools

import numpy as np
import numpy.typing as npt

from pipelines.lib.screen.index import ScreenIndex
from pipelines.lib.screen.lookup import Floats, Ints, expand_ranges


def pooled(index: ScreenIndex, query: Ints, key_id: Ints, weight: Floats,
           exact: npt.NDArray[np.bool_]) -> tuple[Ints, Ints, Floats]:
    """(query, name_row, shared weight) of every name in each query's pool;
    ``exact`` marks the keys the query holds as written (not typo neighbours)."""
    if len(query) == 0:
        return query, query, weight
    df = index.offsets[key_id + 1] - index.offsets[key_id]
    order = np.lexsort((key_id, df, query))
    query, key_id, weight, df = query[order], key_id[order], weight[order], df[order]
    expanded = _expanded(index, query, df, exact[order])
    counts = df[expanded]
    rows = index.postings[expand_ranges(index.offsets[key_id[expanded]], counts)]
    size = len(index.names)
    codes = np.repeat(query[expanded], counts) * size + rows.astype(np.int64)
    entries, inverse = np.unique(codes, return_inverse=True)
    shared: Floats = np.bincount(inverse, weights=np.repeat(weight[expanded], counts),
                                 minlength=len(entries)).astype(np.float64)
    entry_query, entry_row = entries // size, entries % size
    rest = ~expanded
    shared += _held_weight(index, query[rest], key_id[rest], weight[rest], entry_query,
                           entry_row)
    return entry_query, entry_row, shared


def _expanded(index: ScreenIndex, query: Ints, df: Ints, exact: npt.NDArray[np.bool_]
              ) -> npt.NDArray[np.bool_]:
    """The keys whose lists are expanded: the small ones; a query's rarest exact key
    up to ``rarest_df`` names (a typo's neighbours may all be wrong: "Xainglong
    Guo" still finds the Guos); and a query's rarest key when nothing else is."""
    settings = index.settings.retrieval
    small = df <= settings.pool_df
    positions = np.nonzero(exact)[0]
    rarest_exact = np.zeros(len(query), dtype=np.bool_)
    rarest_exact[positions[np.r_[True, query[positions][1:] != query[positions][:-1]]]
                 if len(positions) else positions] = True
    chosen = small | (rarest_exact & (df <= settings.rarest_df))
    taken = np.bincount(query[chosen], minlength=int(query.max()) + 1)
    first = np.r_[True, query[1:] != query[:-1]]
    expanded: npt.NDArray[np.bool_] = chosen | (first & (taken[query] == 0))
    return expanded


def _held_weight(index: ScreenIndex, query: Ints, key_id: Ints, weight: Floats,
                 entry_query: Ints, entry_row: Ints) -> Floats:
    """Per pool entry, the summed weight of its query's other keys that the name holds.

    Each (query, key) checks its query's pool against the key's own posting list
    (``_held``). Each entry still adds its keys' weights in the same order (its
    query's keys by document frequency), so sums are unchanged.
    """
    start = np.searchsorted(entry_query, query, side="left")
    count = np.searchsorted(entry_query, query, side="right") - start
    entry = expand_ranges(start, count)
    which = np.repeat(np.arange(len(query)), count)
    held = _held(index, key_id, start, count, entry_row)
    shared: Floats = np.bincount(entry[held], weights=weight[which][held],
                                 minlength=len(entry_query)).astype(np.float64)
    return shared


def _held(index: ScreenIndex, key_id: Ints, start: Ints, count: Ints, entry_row: Ints
          ) -> npt.NDArray[np.bool_]:
    """Whether each (query, key)'s pool names ``entry_row[start:start + count]`` hold the
    key, flattened in (query, key) order. The lookups go key by key: all pools asking
    about one key are binary-searched in its posting list (sorted by name row), one
    numpy call per distinct key, the list staying in cache."""
    held = np.zeros(int(count.sum()), dtype=np.bool_)
    if len(key_id) == 0:
        return held
    by_key = np.argsort(key_id, kind="stable")
    keys = key_id[by_key]
    bounds = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1], True]).tolist()
    out_start = np.cumsum(count) - count
    for first, last in itertools.pairwise(bounds):
        key = int(keys[first])
        names = index.postings[index.offsets[key]:index.offsets[key + 1]]
        asking = by_key[first:last]
        slots = expand_ranges(out_start[asking], count[asking])
        rows = entry_row[expand_ranges(start[asking], count[asking])]
        found = np.searchsorted(names, rows)
        held[slots] = names[np.minimum(found, len(names) - 1)] == rows
    return held
