"""Screen names against a published version: the best entities per query, each
with its score, the name it matched, the features that say why, and the
listings (policy, status, basis, path) that say why it is on the list."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import polars as pl
import pyarrow as pa

from pipelines.lib.resolve.names import name_keys
from pipelines.lib.screen import features
from pipelines.lib.screen.index import ScreenIndex
from pipelines.lib.screen.lookup import Ints
from pipelines.lib.screen.retrieve import candidates, query_keys
from pipelines.lib.screen.version import LISTING_COLUMNS

COUNTRY = re.compile(r"[A-Z]{2}")
IDENTIFIER = re.compile(r"[a-z0-9][a-z0-9-]*:\S.*")
HIT_COLUMNS = ("query", "rank", "entity_id", "entity_name", "kind", "score", "matched_name",
               *(f"{f}_{part}" for f in features.FEATURES for part in ("score", "detail")))


class QueryError(ValueError):
    """A query screening refuses: the message says which field and why."""


@dataclass(frozen=True)
class Query:
    name: str
    country: str | None = None  # ISO 3166-1 alpha-2
    identifier: str | None = None  # "scheme:value", as in the denylist's identifiers
    policy: str | None = None
    limit: int | None = None


def checked(index: ScreenIndex, query: Query) -> Query:
    """The query with its fields in canonical form, or a QueryError naming the field."""
    limits = index.settings.limits
    name = query.name.strip()
    if not name or len(name) > limits.max_name_length:
        raise QueryError(f"name: must be 1 to {limits.max_name_length} characters")
    if any(ord(c) < 32 for c in name):
        raise QueryError("name: must not contain control characters")
    country = query.country.strip().upper() if query.country else None
    if country is not None and not COUNTRY.fullmatch(country):
        raise QueryError(f"country: {query.country!r} is not an ISO 3166-1 alpha-2 code")
    identifier = "".join(query.identifier.split()).lower() if query.identifier else None
    if identifier is not None and not IDENTIFIER.fullmatch(identifier):
        raise QueryError(f"id: {query.identifier!r} is not SCHEME:VALUE")
    if query.policy is not None and query.policy not in index.policy_names:
        raise QueryError(f"policy: {query.policy!r} is not one of {sorted(index.policy_names)}")
    limit = limits.default_limit if query.limit is None else query.limit
    if not 1 <= limit <= limits.max_limit:
        raise QueryError(f"limit: must be 1 to {limits.max_limit}")
    return Query(name, country, identifier, query.policy, limit)


def screen(index: ScreenIndex, queries: Sequence[Query]) -> pl.DataFrame:
    """Hits of checked queries: one row per (query, entity) by query then rank."""
    frame = _query_frame(queries)
    query, rows = candidates(index, frame)
    if len(query) == 0:
        return pl.DataFrame(schema=_hit_schema())
    pairs = _pairs(index, frame, query, rows)
    scoring = index.settings.scoring
    return (pairs.lazy().with_columns(**features.name_similarity(pairs, scoring))
            .sort(["query", "entity_idx", "name_score", "matched_name"],
                  descending=[False, False, True, False])
            .unique(subset=["query", "entity_idx"], keep="first", maintain_order=True)
            .with_columns(**features.adjustments(scoring))
            .with_columns(score=features.score())
            .filter((pl.col("score") >= scoring.min_score) | (pl.col("identifier_score") > 0))
            .sort(["query", "score", "identifier_score", "name_score", "entity_id"],
                  descending=[False, True, True, True, False])
            .with_columns(rank=pl.int_range(1, pl.len() + 1).over("query"))
            .filter(pl.col("rank") <= pl.col("limit"))
            .select(HIT_COLUMNS)
            .collect())


def _query_frame(queries: Sequence[Query]) -> pl.DataFrame:
    keys = name_keys([q.name for q in queries])
    strings, lists = pa.string(), pa.list_(pa.string())
    return pl.DataFrame(pa.table({
        "query": pa.array(range(len(queries)), pa.int64()),
        "query_name": pa.array([q.name for q in queries], strings),
        "q_core": pa.array([k.core if k else "" for k in keys], strings),
        "q_compact": pa.array([k.compact if k else "" for k in keys], strings),
        "q_forms": pa.array([list(k.forms) if k else [] for k in keys], lists),
        "tokens": pa.array([list(k.tokens) if k else [] for k in keys], lists),
        "keys": pa.array([query_keys(k) if k else [] for k in keys], lists),
        "country": pa.array([q.country for q in queries], strings),
        "identifier": pa.array([q.identifier for q in queries], strings),
        "policy": pa.array([q.policy for q in queries], strings),
        "limit": pa.array([q.limit for q in queries], pa.int64()),
    }))


def _pairs(index: ScreenIndex, frame: pl.DataFrame, query: Ints, rows: Ints) -> pl.DataFrame:
    """Each candidate name beside its query and its entity's facts."""
    names = index.names[rows].select(
        "entity_idx", matched_name="name", n_core="core", n_compact="compact", n_forms="forms")
    entities = index.version.entities[names["entity_idx"].to_numpy()].select(
        "entity_id", "kind", "countries", "identifiers", entity_name="name")
    queries = frame[query].select(
        "query", "query_name", "q_core", "q_compact", "q_forms", "country", "identifier", "limit")
    return pl.concat([queries, names, entities], how="horizontal")


def _hit_schema() -> dict[str, pl.DataType]:
    schema: dict[str, pl.DataType] = {
        "query": pl.Int64(), "rank": pl.Int64(), "entity_id": pl.String(),
        "entity_name": pl.String(), "kind": pl.String(), "score": pl.Float64(),
        "matched_name": pl.String()}
    for feature in features.FEATURES:
        schema[f"{feature}_score"] = pl.Float64()
        schema[f"{feature}_detail"] = pl.String()
    return schema


def listings(index: ScreenIndex, entity_ids: list[str], policy: str | None
             ) -> dict[str, list[dict[str, Any]]]:
    """Why each entity is on the list: its rows per policy (only ``policy``'s if given)."""
    rows = index.version.listings.filter(pl.col("entity_id").is_in(entity_ids))
    if policy is not None:
        rows = rows.filter(pl.col("policy") == policy)
    found: dict[str, list[dict[str, Any]]] = {entity_id: [] for entity_id in entity_ids}
    for row in rows.iter_rows(named=True):
        found[row["entity_id"]].append({c: row[c] for c in LISTING_COLUMNS})
    return found
