"""The candidate pool of each query and how much of the query each name shares.

Expanding every posting list a query touches costs its keys' document
frequencies in total: a million-name list has keys held by thousands of names,
and summing them over a batch dominated the whole screening. Instead the pool
is the names holding one of the query's small keys (``pool_df`` names or
fewer) or, for a query without any, the names of its rarest key. Each name of the pool is then scored against every key
of its query by a binary search in the index's sorted (key, name) codes: the
weight a name would get from expanding all lists, at the cost of the pool.
"""

from __future__ import annotations

import numpy as np

from pipelines.lib.screen.index import ScreenIndex
from pipelines.lib.screen.lookup import Floats, Ints, expand_ranges


def pooled(index: ScreenIndex, query: Ints, key_id: Ints, weight: Floats
           ) -> tuple[Ints, Ints, Floats]:
    """(query, name_row, shared weight) of every name in each query's pool."""
    if len(query) == 0:
        return query, query, weight
    df = index.offsets[key_id + 1] - index.offsets[key_id]
    order = np.lexsort((key_id, df, query))
    query, key_id, weight, df = query[order], key_id[order], weight[order], df[order]
    entry_query, entry_row = _pool(index, query, key_id, df)
    return entry_query, entry_row, _shared_weight(index, query, key_id, weight,
                                                  entry_query, entry_row)


def _pool(index: ScreenIndex, query: Ints, key_id: Ints, df: Ints) -> tuple[Ints, Ints]:
    settings = index.settings.retrieval
    small = df <= settings.pool_df
    queries = int(query.max()) + 1
    small_total = np.bincount(query[small], weights=df[small], minlength=queries)
    large = ~small
    first_large = large & np.r_[True, (query[1:] != query[:-1]) | ~large[:-1]]
    fill = first_large & (small_total[query] == 0)
    use = small | fill
    counts = df[use]
    rows = index.postings[expand_ranges(index.offsets[key_id[use]], counts)].astype(np.int64)
    size = len(index.names)
    entries = np.unique(np.repeat(query[use], counts) * size + rows)
    return entries // size, entries % size


def _shared_weight(index: ScreenIndex, query: Ints, key_id: Ints, weight: Floats,
                   entry_query: Ints, entry_row: Ints) -> Floats:
    """Per pool entry, the summed weight of its query's keys that the name holds."""
    start = np.searchsorted(query, entry_query, side="left")
    count = np.searchsorted(query, entry_query, side="right") - start
    which = expand_ranges(start, count)
    entry = np.repeat(np.arange(len(entry_query)), count)
    wanted = key_id[which] * len(index.names) + entry_row[entry]
    found = np.searchsorted(index.key_rows, wanted)
    held = index.key_rows[np.minimum(found, len(index.key_rows) - 1)] == wanted
    shared: Floats = np.bincount(entry[held], weights=weight[which][held],
                                 minlength=len(entry_query)).astype(np.float64)
    return shared
