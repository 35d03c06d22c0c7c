"""Fuzzy linking: blocking in DuckDB, scoring with rapidfuzz on candidates only.

Reads ``resolve.records`` (and the canonical names and identifiers), writes:

- ``resolve.names`` / ``resolve.name_keys``: the names compared, normalised;
- ``resolve.block_keys``: blocking keys with their bucket sizes;
- ``resolve.candidate_pairs``: the pairs blocking proposes;
- ``resolve.record_regnos``: the registration numbers of the records in them;
- ``resolve.scored_pairs``: every candidate scored ``match`` or ``possible``,
  with each feature's detail.

Scoring runs in chunks of candidate pairs (by a hash of the left id), so memory
stays bounded however many candidates blocking proposes.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

import duckdb
import polars as pl

from pipelines.lib.resolve import features
from pipelines.lib.resolve.db import create, sql
from pipelines.lib.resolve.keys import build_name_keys
from pipelines.lib.resolve.settings import Resolution

# At most this many names per entity take part (strong names first).
MAX_NAMES = 6
CHUNK_PAIRS = 1_000_000

SCORED_COLUMNS = ("left_id", "right_id", "score", "outcome", "name_score", "left_name",
                  "right_name", "detail")


@dataclass
class LinkStats:
    names: int = 0
    name_keys: int = 0
    block_keys: int = 0
    estimated_pairs: int = 0
    candidate_pairs: int = 0
    name_pairs: int = 0
    matches: int = 0
    possible: int = 0
    seconds: dict[str, float] = field(default_factory=dict)


def link(con: duckdb.DuckDBPyConnection, settings: Resolution) -> LinkStats:
    """Block and score every mention against every record; see the module doc."""
    stats = LinkStats()
    blocking = settings.blocking
    lap = stopwatch(stats.seconds)
    stats.names = create(con, "names", {"max_names": MAX_NAMES})
    stats.name_keys = build_name_keys(con)
    lap("normalise names")
    stats.block_keys = create(con, "block_keys", {
        "affix": blocking.affix_length, "max_bucket": blocking.max_bucket,
        "min_typo_length": blocking.min_typo_length, "prefix": blocking.pair_prefix})
    create(con, "mention_keys", {"keys_per_name": blocking.keys_per_name})
    row = con.execute(sql("candidate_estimate")).fetchone()
    stats.estimated_pairs = int(row[0]) if row else 0
    stats.candidate_pairs = create(con, "candidate_pairs")
    lap("block")
    stats.name_pairs = _score(con, settings, stats.candidate_pairs)
    lap("score")
    for outcome, number in con.execute(
        "select outcome, count(*) from resolve.scored_pairs group by outcome"
    ).fetchall():
        setattr(stats, "matches" if outcome == "match" else "possible", int(number))
    return stats


def stopwatch(seconds: dict[str, float]) -> Callable[[str], None]:
    """``lap(phase)`` records under ``phase`` the seconds since the previous lap."""
    clock = time.perf_counter()

    def lap(phase: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        seconds[phase] = round(now - clock, 2)
        clock = now

    return lap


def _score(con: duckdb.DuckDBPyConnection, settings: Resolution, candidates: int) -> int:
    con.execute(
        "create or replace table resolve.scored_pairs (left_id varchar, right_id varchar, "
        "score double, outcome varchar, name_score double, left_name varchar, "
        "right_name varchar, detail varchar)"
    )
    create(con, "record_regnos")
    chunks = max(1, -(-candidates // CHUNK_PAIRS))
    name_pairs = 0
    for chunk in range(chunks):
        params = {"chunks": chunks, "chunk": chunk}
        names = con.execute(sql("name_pairs"), params).pl()
        facts = con.execute(sql("pair_facts"), params).pl()
        name_pairs += names.height
        scored = score_pairs(names, facts, settings)
        kept = scored.filter(pl.col("outcome") != "none").select(SCORED_COLUMNS)
        con.register("_kept", kept)
        con.execute("insert into resolve.scored_pairs select * from _kept")
        con.unregister("_kept")
    return name_pairs


def score_pairs(names: pl.DataFrame, facts: pl.DataFrame, settings: Resolution) -> pl.DataFrame:
    """Every feature, then the combined score and outcome, per candidate pair."""
    scoring = settings.scoring
    best = features.name_similarity(names)
    pairs = best.join(facts, on=["left_id", "right_id"], how="inner")
    pairs = features.numbers(pairs, scoring)
    pairs = features.country(pairs, scoring)
    pairs = features.regno(pairs, scoring)
    pairs = features.legal_form(pairs, scoring)
    return features.combine(pairs, scoring).sort(["left_id", "right_id"])
