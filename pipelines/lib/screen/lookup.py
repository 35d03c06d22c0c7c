"""Sorted 64-bit hashes: a string -> integer map as two numpy arrays.

A Python dict of two million tokens costs hundreds of megabytes and seconds to
build; these arrays cost 12 bytes per entry and are built by Polars in C.
Lookups hash the query strings the same way and binary-search them; a key may
map to several values (a one-letter deletion shared by many tokens).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import polars as pl

# Any fixed seed: the hashes never leave the process that built them.
SEED = 20261205

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]


def hashes(strings: pl.Series) -> npt.NDArray[np.uint64]:
    return strings.hash(seed=SEED).to_numpy()


@dataclass(frozen=True)
class HashLookup:
    keys: npt.NDArray[np.uint64]  # sorted
    values: npt.NDArray[np.int32]  # aligned with keys

    @classmethod
    def build(cls, strings: pl.Series, values: npt.NDArray[np.int32]) -> HashLookup:
        keyed = hashes(strings)
        order = np.argsort(keyed, kind="stable")
        return cls(keyed[order], values[order])

    def find(self, strings: pl.Series) -> tuple[Ints, Ints]:
        """(position in ``strings``, value) for every stored key equal to a string's hash."""
        wanted = hashes(strings)
        # Searched in ascending order, each search starts where the last one ended:
        # the table (millions of keys) is read forward instead of at random.
        order = np.argsort(wanted)
        start, stop = np.empty(len(wanted), np.int64), np.empty(len(wanted), np.int64)
        start[order] = np.searchsorted(self.keys, wanted[order], side="left")
        stop[order] = np.searchsorted(self.keys, wanted[order], side="right")
        counts = stop - start
        which = np.repeat(np.arange(len(wanted), dtype=np.int64), counts)
        slots = expand_ranges(start, counts)
        return which, self.values[slots].astype(np.int64)

    @property
    def nbytes(self) -> int:
        return int(self.keys.nbytes + self.values.nbytes)


def expand_ranges(starts: Ints, counts: Ints) -> Ints:
    """``[starts[i], starts[i] + counts[i])`` for every i, concatenated."""
    total = int(counts.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    ends = np.cumsum(counts)
    shift = np.repeat(starts - (ends - counts), counts)
    ranges: Ints = np.arange(total, dtype=np.int64) + shift
    return ranges
