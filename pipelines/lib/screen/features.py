"""Screening features: small typed functions over (query, name) pairs.

As in resolution (``resolve/features.py``), each feature adds a score column
and a human-readable detail column, column-wise: rapidfuzz compares aligned
lists of names in C++, Polars does the rest. Weights come from
``config/screening.yaml``.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import polars as pl
from rapidfuzz import fuzz
from rapidfuzz.process import cpdist

from pipelines.lib.screen.settings import Scoring

FEATURES = ("name", "country", "identifier", "legal_form", "numbers")


def name_similarity(pairs: pl.DataFrame, scoring: Scoring) -> pl.DataFrame:
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
    views = np.stack([by_sorted, by_compact, _contained(pairs, scoring)]) / 100.0
    best = views.argmax(axis=0)
    return pairs.with_columns(
        name_score=pl.Series(views.max(axis=0)),
        name_view=pl.Series(np.array(["sorted", "compact", "contained"])[best]),
    ).with_columns(name_detail=pl.format("name {} ({}: '{}' ~ '{}')",
                                         pl.col("name_score").round(3), "name_view",
                                         "query_name", "matched_name"))


def _contained(pairs: pl.DataFrame, scoring: Scoring) -> npt.NDArray[np.float64]:
    q_len = pairs["q_compact"].str.len_chars().to_numpy()
    n_len = pairs["n_compact"].str.len_chars().to_numpy()
    shorter, longer = np.minimum(q_len, n_len), np.maximum(np.maximum(q_len, n_len), 1)
    as_letters = cpdist(pairs["q_compact"].to_list(), pairs["n_compact"].to_list(),
                        scorer=fuzz.partial_ratio, workers=1)
    as_words = cpdist(pairs["q_core"].to_list(), pairs["n_core"].to_list(),
                      scorer=fuzz.token_set_ratio, workers=1)
    weight = scoring.contained_weight + (1 - scoring.contained_weight) * shorter / longer
    found = np.maximum(as_letters, as_words) * weight
    return np.where(shorter >= scoring.contained_min_length, found, 0.0)


def country(pairs: pl.DataFrame, scoring: Scoring) -> pl.DataFrame:
    """Agreement when the entity is linked to the query's country, conflict when
    it is linked to others only, nothing when either side states none."""
    known = pl.col("country").is_not_null() & (pl.col("countries").list.len() > 0)
    agree = pl.col("countries").list.contains(pl.col("country"))
    return pairs.with_columns(
        country_score=pl.when(~known).then(0.0).when(agree).then(scoring.country_agree)
        .otherwise(scoring.country_conflict),
        country_detail=pl.when(pl.col("country").is_null()).then(pl.lit("no country given"))
        .when(~known).then(pl.lit("entity country unknown"))
        .when(agree).then(pl.format("country agrees ({})", "country"))
        .otherwise(pl.format("country conflict ({} vs {})", "country",
                             pl.col("countries").list.join(","))),
    )


def identifier(pairs: pl.DataFrame, scoring: Scoring) -> pl.DataFrame:
    """The query's ``scheme:value`` among the entity's identifiers (case-insensitive);
    a conflict when the entity holds another value of the same scheme."""
    held = pl.col("identifiers").list.eval(pl.element().str.to_lowercase())
    schemes = held.list.eval(pl.element().str.split(":").list.first())
    asked = pl.col("identifier").is_not_null()
    match = asked & held.list.contains(pl.col("identifier"))
    conflict = asked & ~match & schemes.list.contains(
        pl.col("identifier").str.split(":").list.first())
    return pairs.with_columns(
        identifier_score=pl.when(match).then(scoring.identifier_match)
        .when(conflict).then(scoring.identifier_conflict).otherwise(0.0),
        identifier_detail=pl.when(~asked).then(pl.lit("no identifier given"))
        .when(match).then(pl.format("identifier matches ({})", "identifier"))
        .when(conflict).then(pl.format("identifier conflict ({} vs {})", "identifier",
                                       pl.col("identifiers").list.join(",")))
        .otherwise(pl.lit("no identifier of that scheme")),
    )


def legal_form(pairs: pl.DataFrame, scoring: Scoring) -> pl.DataFrame:
    """Two names with legal forms and none in common (a GmbH and a Ltd) differ a little."""
    known = (pl.col("q_forms").list.len() > 0) & (pl.col("n_forms").list.len() > 0)
    conflict = known & (pl.col("q_forms").list.set_intersection("n_forms").list.len() == 0)
    return pairs.with_columns(
        legal_form_score=pl.when(conflict).then(scoring.legal_form_conflict).otherwise(0.0),
        legal_form_detail=pl.when(conflict)
        .then(pl.format("legal form conflict ({} vs {})", pl.col("q_forms").list.join(" "),
                        pl.col("n_forms").list.join(" ")))
        .otherwise(pl.lit("legal form compatible")),
    )


def numbers(pairs: pl.DataFrame, scoring: Scoring) -> pl.DataFrame:
    """Numbers in names tell entities apart ("Ocean 7" is not "Ocean 8"); a query
    without numbers is not penalised for the numbers of a listed name."""
    def digits(column: str) -> pl.Expr:
        return pl.col(column).str.extract_all(r"\b\d+\b").list.unique().list.sort()

    query, name = digits("q_core"), digits("n_core")
    differ = (query.list.len() > 0) & (name.list.len() > 0) & (query != name)
    return pairs.with_columns(
        numbers_score=pl.when(differ).then(scoring.number_conflict).otherwise(0.0),
        numbers_detail=pl.when(differ)
        .then(pl.format("numbers differ ({} vs {})", query.list.join(" "), name.list.join(" ")))
        .otherwise(pl.lit("numbers agree")),
    )


def combine(pairs: pl.DataFrame) -> pl.DataFrame:
    """Score = name similarity + adjustments, clipped to [0, 1]."""
    raw = pl.sum_horizontal([pl.col(f"{feature}_score") for feature in FEATURES])
    return pairs.with_columns(score=raw.clip(0.0, 1.0))
