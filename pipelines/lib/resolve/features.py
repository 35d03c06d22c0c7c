"""The matcher's features: small typed functions over candidate pairs.

Each feature adds two columns to a Polars frame of candidate pairs: a score
(the name similarity, or an adjustment to it) and a human-readable detail, so
every merge can say which evidence carried it. Weights come from the
resolution settings, never from literals here. Everything is column-wise:
rapidfuzz compares aligned lists of names in C++ (``cpdist``), Polars does the
rest, so millions of pairs cost seconds.
"""

from __future__ import annotations

import polars as pl
from rapidfuzz import fuzz
from rapidfuzz.process import cpdist

from pipelines.lib.resolve.settings import Scoring

FEATURES = ("name", "numbers", "country", "regno", "legal_form")


def name_similarity(name_pairs: pl.DataFrame) -> pl.DataFrame:
    """The best-scoring pairing of names per candidate pair.

    Similarity is the better of two views of the normalised names: the sorted
    core tokens (word order ignored) and the core without spaces in its
    original order (a Han name transliterated as one run meets its spaced
    pinyin). A weak alias on either side is flagged, not trusted equally.
    """
    if name_pairs.is_empty():
        return _empty_names()
    sorted_view = cpdist(name_pairs["left_core"].to_list(), name_pairs["right_core"].to_list(),
                         scorer=fuzz.ratio, workers=-1)
    compact_view = cpdist(name_pairs["left_compact"].to_list(),
                          name_pairs["right_compact"].to_list(), scorer=fuzz.ratio, workers=-1)
    scored = name_pairs.with_columns(
        name_score=pl.max_horizontal(pl.Series(sorted_view), pl.Series(compact_view)) / 100.0,
        weak=~(pl.col("left_strong") & pl.col("right_strong")),
    )
    best = scored.sort(
        ["left_id", "right_id", "name_score", "weak", "left_name", "right_name"],
        descending=[False, False, True, False, False, False],
    ).unique(subset=["left_id", "right_id"], keep="first", maintain_order=True)
    return best.select(
        "left_id", "right_id", "name_score", "weak", "left_name", "right_name",
        "left_forms", "right_forms", "left_core", "right_core",
        name_detail=pl.format("name {} ('{}' ~ '{}'{})", pl.col("name_score").round(3),
                              "left_name", "right_name",
                              pl.when(pl.col("weak")).then(pl.lit(", weak alias"))
                              .otherwise(pl.lit(""))),
    )


def _empty_names() -> pl.DataFrame:
    return pl.DataFrame(schema={
        "left_id": pl.String, "right_id": pl.String, "name_score": pl.Float64,
        "weak": pl.Boolean, "left_name": pl.String, "right_name": pl.String,
        "left_forms": pl.List(pl.String), "right_forms": pl.List(pl.String),
        "left_core": pl.String, "right_core": pl.String, "name_detail": pl.String,
    })


def numbers(pairs: pl.DataFrame, scoring: Scoring) -> pl.DataFrame:
    """Numbers in names tell entities apart ("Ocean 7" and "Ocean 8", "Fund II"
    and "Fund III" after transliteration): the best names' numeric tokens must
    agree, or the score drops."""
    def digits(column: str) -> pl.Expr:
        return (pl.col(column).str.extract_all(r"\b\d+\b").list.unique().list.sort())

    left, right = digits("left_core"), digits("right_core")
    differ = (left.list.len() + right.list.len() > 0) & (left != right)
    return pairs.with_columns(
        numbers_score=pl.when(differ).then(scoring.number_conflict).otherwise(0.0),
        numbers_detail=pl.when(differ)
        .then(pl.format("numbers differ ({} vs {})", left.list.join(" "), right.list.join(" ")))
        .otherwise(pl.lit("numbers agree")),
    )


def country(pairs: pl.DataFrame, scoring: Scoring) -> pl.DataFrame:
    """Agreement when the records share a country, conflict when both state
    countries and none is shared, nothing when either side states none."""
    shared = pl.col("left_countries").list.set_intersection("right_countries")
    known = (pl.col("left_countries").list.len() > 0) & (pl.col("right_countries").list.len() > 0)
    return pairs.with_columns(
        country_score=pl.when(~known).then(0.0)
        .when(shared.list.len() > 0).then(scoring.country_agree)
        .otherwise(scoring.country_conflict),
        country_detail=pl.when(~known).then(pl.lit("country unknown"))
        .when(shared.list.len() > 0).then(pl.format("country agrees ({})", shared.list.join(",")))
        .otherwise(pl.format("country conflict ({} vs {})",
                             pl.col("left_countries").list.join(","),
                             pl.col("right_countries").list.join(","))),
    )


def regno(pairs: pl.DataFrame, scoring: Scoring) -> pl.DataFrame:
    """Registration numbers either side states (a PSC filing's number, a
    register's own): one in common agrees, two disjoint sets conflict."""
    shared = pl.col("left_regnos").list.set_intersection("right_regnos")
    known = (pl.col("left_regnos").list.len() > 0) & (pl.col("right_regnos").list.len() > 0)
    return pairs.with_columns(
        regno_score=pl.when(~known).then(0.0)
        .when(shared.list.len() > 0).then(scoring.regno_agree)
        .otherwise(scoring.regno_conflict),
        regno_detail=pl.when(~known).then(pl.lit("registration number unknown"))
        .when(shared.list.len() > 0)
        .then(pl.format("registration number agrees ({})", shared.list.join(",")))
        .otherwise(pl.format("registration number conflict ({} vs {})",
                             pl.col("left_regnos").list.join(","),
                             pl.col("right_regnos").list.join(","))),
    )


def legal_form(pairs: pl.DataFrame, scoring: Scoring) -> pl.DataFrame:
    """Two names with legal forms and none in common (a GmbH and a Ltd) differ."""
    known = (pl.col("left_forms").list.len() > 0) & (pl.col("right_forms").list.len() > 0)
    shared = pl.col("left_forms").list.set_intersection("right_forms").list.len() > 0
    conflict = known & ~shared
    return pairs.with_columns(
        legal_form_score=pl.when(conflict).then(scoring.legal_form_conflict).otherwise(0.0),
        legal_form_detail=pl.when(conflict)
        .then(pl.format("legal form conflict ({} vs {})", pl.col("left_forms").list.join(" "),
                        pl.col("right_forms").list.join(" ")))
        .otherwise(pl.lit("legal form compatible")),
    )


def combine(pairs: pl.DataFrame, scoring: Scoring) -> pl.DataFrame:
    """Score = name similarity + adjustments, clipped to [0, 1]; the outcome by
    the thresholds. Persons named alike with no agreeing number stay
    ``possible`` at most: a name is not enough to merge two people."""
    raw = (pl.col("name_score") + pl.col("numbers_score") + pl.col("country_score") + pl.col("regno_score")
           + pl.col("legal_form_score")
           + pl.when(pl.col("weak")).then(scoring.weak_name).otherwise(0.0))
    person_unproven = ((pl.col("left_kind") == "person") | (pl.col("right_kind") == "person")) & (
        pl.col("regno_score") <= 0)
    capped = pl.when(person_unproven).then(pl.min_horizontal(raw, scoring.person_name_only_cap)
                                           ).otherwise(raw)
    scored = pairs.with_columns(score=capped.clip(0.0, 1.0))
    return scored.with_columns(
        outcome=pl.when(pl.col("score") >= scoring.match).then(pl.lit("match"))
        .when(pl.col("score") >= scoring.possible).then(pl.lit("possible"))
        .otherwise(pl.lit("none")),
        detail=pl.concat_str([pl.col(f"{f}_detail") for f in FEATURES], separator="; "),
    )
