"""Screening features: small typed functions over aligned (query, name) pairs.

As in resolution (``resolve/features.py``), each feature gives every pair a
score (the name similarity, or an adjustment to it) and says why in words.
Scores are numpy arrays over all pairs of a batch; the words are written only
for the hits reported. rapidfuzz compares the names in C++ (``cpdist``); the
other features compare precomputed codes (legal forms as bit masks, numbers as
strings) so a request of one name costs microseconds, not a dataframe engine's
fixed overhead per step. Weights come from ``config/screening.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import polars as pl
from rapidfuzz import fuzz
from rapidfuzz.process import cpdist

from pipelines.lib.screen.lookup import expand_ranges
from pipelines.lib.screen.settings import Scoring

FEATURES = ("name", "country", "identifier", "legal_form", "numbers")
VIEWS = ("sorted", "compact", "contained", "aligned")
UNKNOWN_FORM = np.uint64(1) << np.uint64(63)  # a query's form that no listed name has
NUMBER = re.compile(r"\b\d+\b")
PARALLEL_FROM = 20_000  # pairs
THREADS = -1  # rapidfuzz's threads for a batch (-1: every core); worker processes use 1
Floats = npt.NDArray[np.float64]
Masks = npt.NDArray[np.uint64]


@dataclass(frozen=True)
class Pairs:
    """One element per (query, candidate entity's best name), aligned."""

    q_forms: Masks
    n_forms: Masks
    q_numbers: list[str]  # a name's numbers, sorted and space-joined; "" for none
    n_numbers: list[str]
    country: list[str | None]  # the query's
    countries: list[list[str]]  # the entity's
    identifier: list[str | None]  # the query's, lower case
    identifiers: list[list[str]]  # the entity's


@dataclass(frozen=True)
class Name:
    score: Floats
    view: npt.NDArray[np.int64]  # index into VIEWS


def name_similarity(q_core: list[str], n_core: list[str], q_compact: list[str],
                    n_compact: list[str], scoring: Scoring) -> Name:
    """The best of three views of two normalised names, and which view it was.

    ``sorted``: the core tokens in sorted order (word order ignored);
    ``compact``: the core without spaces in reading order (a Han name's pinyin
    run meets its spaced transliteration); ``contained``: the shorter name found
    whole inside the longer, as letters ("字节跳动" in "北京字节跳动科技有限公司")
    or as words ("Ivan Petrov" in "PETROV, Ivan Sergeyevich"), for names of at
    least ``contained_min_length`` letters. A containment is worth
    ``contained_weight`` plus the rest in proportion to how much of the longer
    name the shorter covers, so "Tencent" prefers "Tencent Holdings" to
    "Tencent Music Entertainment Group". ``aligned`` (``_aligned``) catches the
    names of several words the others miss.
    """
    workers = _workers(len(q_core))
    by_sorted = cpdist(q_core, n_core, scorer=fuzz.ratio, workers=workers)
    by_compact = cpdist(q_compact, n_compact, scorer=fuzz.ratio, workers=workers)
    contained = _contained(q_core, n_core, q_compact, n_compact, scoring)
    best = np.maximum(np.maximum(by_sorted, by_compact), contained)
    aligned = _aligned(q_core, n_core, q_compact, n_compact, best, scoring)
    views = np.stack([by_sorted, by_compact, contained, aligned]) / 100.0
    return Name(views.max(axis=0), views.argmax(axis=0))


def _contained(q_core: list[str], n_core: list[str], q_compact: list[str],
               n_compact: list[str], scoring: Scoring) -> Floats:
    q_len = np.fromiter(map(len, q_compact), np.int64, len(q_compact))
    n_len = np.fromiter(map(len, n_compact), np.int64, len(n_compact))
    shorter, longer = np.minimum(q_len, n_len), np.maximum(np.maximum(q_len, n_len), 1)
    workers = _workers(len(q_core))
    as_letters = cpdist(q_compact, n_compact, scorer=fuzz.partial_ratio, workers=workers)
    as_words = cpdist(q_core, n_core, scorer=fuzz.token_set_ratio, workers=workers)
    weight = scoring.contained_weight + (1 - scoring.contained_weight) * shorter / longer
    found: Floats = np.maximum(as_letters, as_words) * weight
    return np.where(shorter >= scoring.contained_min_length, found, 0.0)


def _aligned(q_core: list[str], n_core: list[str], q_compact: list[str], n_compact: list[str],
             best: Floats, scoring: Scoring) -> Floats:
    """Each query word against its most similar word of the name, weighted by length,
    for names of two words or more that no other view finds: "Yusuf Wurhest" in
    "WURHEST, Youssef Karim". Worth what a containment is worth.

    Every word pair of the batch goes to rapidfuzz in one call. The weighted sums
    are exact in any order (float32 scores times word lengths, a few dozen terms,
    fit a float64 mantissa), so they equal a per-pair dot product bit for bit."""
    aligned = np.zeros(len(q_core))
    pairs, q_words, n_words = _word_lists(q_core, n_core, best < scoring.aligned_below * 100)
    if not pairs:
        return aligned
    q_count = np.fromiter(map(len, q_words), np.int64, len(q_words))
    n_count = np.fromiter(map(len, n_words), np.int64, len(n_words))
    similar = _closest_words(q_words, n_words, q_count, n_count)
    lengths = np.fromiter((len(w) for words in q_words for w in words), np.float64,
                          int(q_count.sum()))
    owner = np.repeat(np.arange(len(pairs)), q_count)
    weighted = np.bincount(owner, weights=similar.astype(np.float64) * lengths)
    total = np.bincount(owner, weights=lengths)
    q_len = np.fromiter((len(q_compact[i]) for i in pairs), np.int64, len(pairs))
    n_len = np.fromiter((len(n_compact[i]) for i in pairs), np.int64, len(pairs))
    shorter, longer = np.minimum(q_len, n_len), np.maximum(q_len, n_len)
    weight = scoring.contained_weight + (1 - scoring.contained_weight) * shorter / longer
    aligned[pairs] = weighted / total * weight
    return aligned


def _word_lists(q_core: list[str], n_core: list[str], wanted: npt.NDArray[np.bool_]
                ) -> tuple[list[int], list[list[str]], list[list[str]]]:
    """The wanted pairs whose query and name both have two words or more, and their words."""
    pairs: list[int] = []
    q_words: list[list[str]] = []
    n_words: list[list[str]] = []
    for i in np.nonzero(wanted)[0].tolist():
        query, name = q_core[i].split(), n_core[i].split()
        if len(query) >= 2 and len(name) >= 2:
            pairs.append(i)
            q_words.append(query)
            n_words.append(name)
    return pairs, q_words, n_words


def _closest_words(q_words: list[list[str]], n_words: list[list[str]],
                   q_count: npt.NDArray[np.int64], n_count: npt.NDArray[np.int64]
                   ) -> npt.NDArray[np.float32]:
    """Per query word (flattened), fuzz.ratio with its most similar word of its pair's name."""
    queries = np.array([w for words in q_words for w in words], dtype=object)
    names = np.array([w for words in n_words for w in words], dtype=object)
    q_start = np.cumsum(q_count) - q_count
    n_start = np.cumsum(n_count) - n_count
    per_pair = q_count * n_count
    at = expand_ranges(np.zeros(len(per_pair), dtype=np.int64), per_pair)
    pair = np.repeat(np.arange(len(per_pair)), per_pair)
    word, other = at // n_count[pair], at % n_count[pair]
    scores = cpdist(queries[q_start[pair] + word], names[n_start[pair] + other],
                    scorer=fuzz.ratio, workers=_workers(len(at)))
    # A query word's comparisons are contiguous, one per word of the name.
    starts = np.cumsum(np.repeat(n_count, q_count)) - np.repeat(n_count, q_count)
    closest: npt.NDArray[np.float32] = np.maximum.reduceat(scores, starts)
    return closest


def _workers(pairs: int) -> int:
    """Every core for a batch; one for a single request, where threads cost more than
    they save."""
    return THREADS if pairs >= PARALLEL_FROM else 1


def name_detail(score: float, view: int, query: str, matched: str) -> str:
    return f"name {round(score, 3)} ({VIEWS[view]}: '{query}' ~ '{matched}')"


def country(pairs: Pairs, scoring: Scoring) -> Floats:
    """Agreement when the entity is linked to the query's country, conflict when
    it is linked to others only, nothing when either side states none."""
    return np.array([0.0 if c is None or not held else scoring.country_agree if c in held
                     else scoring.country_conflict
                     for c, held in zip(pairs.country, pairs.countries, strict=True)])


def country_detail(country: str | None, countries: Sequence[str]) -> str:
    if country is None:
        return "no country given"
    if not countries:
        return "entity country unknown"
    if country in countries:
        return f"country agrees ({country})"
    return f"country conflict ({country} vs {','.join(countries)})"


def identifier(pairs: Pairs, scoring: Scoring) -> Floats:
    """The query's ``scheme:value`` among the entity's identifiers (case-insensitive);
    a conflict when the entity holds another value of the same scheme."""
    states = [_identifier_state(i, held)
              for i, held in zip(pairs.identifier, pairs.identifiers, strict=True)]
    weights = {"match": scoring.identifier_match, "conflict": scoring.identifier_conflict}
    return np.array([weights.get(state, 0.0) for state in states])


def _identifier_state(asked: str | None, held: Sequence[str]) -> str:
    if asked is None:
        return "none"
    lowered = [h.lower() for h in held]
    if asked in lowered:
        return "match"
    scheme = asked.split(":", 1)[0] + ":"
    return "conflict" if any(h.startswith(scheme) for h in lowered) else "other"


def identifier_detail(asked: str | None, held: Sequence[str]) -> str:
    return {"none": "no identifier given", "match": f"identifier matches ({asked})",
            "conflict": f"identifier conflict ({asked} vs {','.join(held)})",
            "other": "no identifier of that scheme"}[_identifier_state(asked, held)]


def legal_form(pairs: Pairs, scoring: Scoring) -> Floats:
    """Two names with legal forms and none in common (a GmbH and a Ltd) differ a little."""
    conflict = (pairs.q_forms != 0) & (pairs.n_forms != 0) & (pairs.q_forms & pairs.n_forms == 0)
    return np.where(conflict, scoring.legal_form_conflict, 0.0)


def legal_form_detail(conflict: bool, q_forms: Sequence[str], n_forms: Sequence[str]) -> str:
    if conflict:
        return f"legal form conflict ({' '.join(q_forms)} vs {' '.join(n_forms)})"
    return "legal form compatible"


def numbers(pairs: Pairs, scoring: Scoring) -> Floats:
    """Numbers in names tell entities apart ("Ocean 7" is not "Ocean 8"); a query
    without numbers is not penalised for the numbers of a listed name."""
    return np.array([scoring.number_conflict if q and n and q != n else 0.0
                     for q, n in zip(pairs.q_numbers, pairs.n_numbers, strict=True)])


def numbers_detail(q_numbers: str, n_numbers: str) -> str:
    if q_numbers and n_numbers and q_numbers != n_numbers:
        return f"numbers differ ({q_numbers} vs {n_numbers})"
    return "numbers agree"


def numbers_of(core: str) -> str:
    """A name's numbers, distinct, sorted and space-joined ("" for none)."""
    return " ".join(sorted(set(NUMBER.findall(core))))


def form_bits(forms: pl.Series) -> dict[str, int]:
    """A bit (0 to 62) per legal form of the index; forms beyond 63 share bits,
    which can only hide a small legal-form penalty, never add one."""
    distinct = forms.explode().drop_nulls().unique().sort().to_list()
    return {form: i % 63 for i, form in enumerate(distinct)}


def form_mask(forms: Sequence[str], bits: dict[str, int]) -> np.uint64:
    mask = np.uint64(0)
    for form in forms:
        mask |= np.uint64(1) << np.uint64(bits[form]) if form in bits else UNKNOWN_FORM
    return mask
