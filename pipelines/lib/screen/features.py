"""Screening features: small typed functions over (query, name) pairs.

As in resolution (``resolve/features.py``), each feature yields a score column
and a human-readable detail column, column-wise. ``name_similarity`` runs
rapidfuzz over aligned lists of names in C++; the others are Polars
expressions, applied together in one lazy query, because a screening request
is small and each separate Polars call costs a fixed tenth of a millisecond.
Weights come from ``config/screening.yaml``.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import polars as pl
from rapidfuzz import fuzz
from rapidfuzz.process import cpdist

from pipelines.lib.screen.settings import Scoring

FEATURES = ("name", "country", "identifier", "legal_form", "numbers")
VIEWS = np.array(["sorted", "compact", "contained"])
Columns = dict[str, pl.Expr | pl.Series]


def name_similarity(pairs: pl.DataFrame, scoring: Scoring) -> Columns:
    """The best of three views of two normalised names, and which view it was.

    ``sorted``: the core tokens in sorted order (word order ignored);
    ``compact``: the core without spaces in reading order (a Han name's pinyin
    run meets its spaced transliteration); ``contained``: the shorter name found
    whole inside the longer, as letters ("字节跳动" in "北京字节跳动科技有限公司")
    or as words ("Ivan Petrov" in "PETROV, Ivan Sergeyevich"), for names of at
    least ``contained_min_length`` letters. A containment is worth
    ``contained_weight`` plus the rest in proportion to how much of the longer
    name the shorter covers, so "Tencent" prefers "Tencent Holdings" to
    "Tencent Music Entertainment Group".
    """
    q_core, n_core = pairs["q_core"].to_list(), pairs["n_core"].to_list()
    q_compact, n_compact = pairs["q_compact"].to_list(), pairs["n_compact"].to_list()
    by_sorted = cpdist(q_core, n_core, scorer=fuzz.ratio, workers=1)
    by_compact = cpdist(q_compact, n_compact, scorer=fuzz.ratio, workers=1)
    contained = _contained(q_core, n_core, q_compact, n_compact, scoring)
    views = np.stack([by_sorted, by_compact, contained]) / 100.0
    return {"name_score": pl.Series("name_score", views.max(axis=0)),
            "name_view": pl.Series("name_view", VIEWS[views.argmax(axis=0)])}


def name_detail() -> pl.Expr:
    return pl.format("name {} ({}: '{}' ~ '{}')", pl.col("name_score").round(3), "name_view",
                     "query_name", "matched_name")


def _contained(q_core: list[str], n_core: list[str], q_compact: list[str], n_compact: list[str],
               scoring: Scoring) -> npt.NDArray[np.float64]:
    q_len = np.fromiter(map(len, q_compact), dtype=np.int64, count=len(q_compact))
    n_len = np.fromiter(map(len, n_compact), dtype=np.int64, count=len(n_compact))
    shorter, longer = np.minimum(q_len, n_len), np.maximum(np.maximum(q_len, n_len), 1)
    as_letters = cpdist(q_compact, n_compact, scorer=fuzz.partial_ratio, workers=1)
    as_words = cpdist(q_core, n_core, scorer=fuzz.token_set_ratio, workers=1)
    weight = scoring.contained_weight + (1 - scoring.contained_weight) * shorter / longer
    found: npt.NDArray[np.float64] = np.maximum(as_letters, as_words) * weight
    return np.where(shorter >= scoring.contained_min_length, found, 0.0)


def country(scoring: Scoring) -> Columns:
    """Agreement when the entity is linked to the query's country, conflict when
    it is linked to others only, nothing when either side states none."""
    known = pl.col("country").is_not_null() & (pl.col("countries").list.len() > 0)
    agree = pl.col("countries").list.contains(pl.col("country"))
    return {
        "country_score": pl.when(~known).then(0.0).when(agree).then(scoring.country_agree)
        .otherwise(scoring.country_conflict),
        "country_detail": pl.when(pl.col("country").is_null()).then(pl.lit("no country given"))
        .when(~known).then(pl.lit("entity country unknown"))
        .when(agree).then(pl.format("country agrees ({})", "country"))
        .otherwise(pl.format("country conflict ({} vs {})", "country",
                             pl.col("countries").list.join(","))),
    }


def identifier(scoring: Scoring) -> Columns:
    """The query's ``scheme:value`` among the entity's identifiers (case-insensitive);
    a conflict when the entity holds another value of the same scheme."""
    held = pl.col("identifiers").list.eval(pl.element().str.to_lowercase())
    schemes = held.list.eval(pl.element().str.split(":").list.first())
    asked = pl.col("identifier").is_not_null()
    match = asked & held.list.contains(pl.col("identifier"))
    conflict = asked & ~match & schemes.list.contains(
        pl.col("identifier").str.split(":").list.first())
    return {
        "identifier_score": pl.when(match).then(scoring.identifier_match)
        .when(conflict).then(scoring.identifier_conflict).otherwise(0.0),
        "identifier_detail": pl.when(~asked).then(pl.lit("no identifier given"))
        .when(match).then(pl.format("identifier matches ({})", "identifier"))
        .when(conflict).then(pl.format("identifier conflict ({} vs {})", "identifier",
                                       pl.col("identifiers").list.join(",")))
        .otherwise(pl.lit("no identifier of that scheme")),
    }


def legal_form(scoring: Scoring) -> Columns:
    """Two names with legal forms and none in common (a GmbH and a Ltd) differ a little."""
    known = (pl.col("q_forms").list.len() > 0) & (pl.col("n_forms").list.len() > 0)
    conflict = known & (pl.col("q_forms").list.set_intersection("n_forms").list.len() == 0)
    return {
        "legal_form_score": pl.when(conflict).then(scoring.legal_form_conflict).otherwise(0.0),
        "legal_form_detail": pl.when(conflict)
        .then(pl.format("legal form conflict ({} vs {})", pl.col("q_forms").list.join(" "),
                        pl.col("n_forms").list.join(" ")))
        .otherwise(pl.lit("legal form compatible")),
    }


def numbers(scoring: Scoring) -> Columns:
    """Numbers in names tell entities apart ("Ocean 7" is not "Ocean 8"); a query
    without numbers is not penalised for the numbers of a listed name."""
    def digits(column: str) -> pl.Expr:
        return pl.col(column).str.extract_all(r"\b\d+\b").list.unique().list.sort()

    query, name = digits("q_core"), digits("n_core")
    differ = (query.list.len() > 0) & (name.list.len() > 0) & (query != name)
    return {
        "numbers_score": pl.when(differ).then(scoring.number_conflict).otherwise(0.0),
        "numbers_detail": pl.when(differ)
        .then(pl.format("numbers differ ({} vs {})", query.list.join(" "), name.list.join(" ")))
        .otherwise(pl.lit("numbers agree")),
    }


def adjustments(scoring: Scoring) -> Columns:
    """The name's detail and every other feature, as one set of columns."""
    return {"name_detail": name_detail(), **country(scoring), **identifier(scoring), **legal_form(scoring), **numbers(scoring)}


def score() -> pl.Expr:
    """Score = name similarity + adjustments, clipped to [0, 1]."""
    return pl.sum_horizontal([pl.col(f"{f}_score") for f in FEATURES]).clip(0.0, 1.0)
