"""Screen names against a published version: the best entities per query, each
with its score, the name it matched, the features that say why, and the
listings (policy, status, basis, path) that say why it is on the list."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import polars as pl

from pipelines.lib.resolve.names import name_keys
from pipelines.lib.screen.index import ScreenIndex
from pipelines.lib.screen.retrieve import QueryKeys, candidates
from pipelines.lib.screen.score import HIT_SCHEMA, scored_hits
from pipelines.lib.screen.version import LISTING_COLUMNS

COUNTRY = re.compile(r"[A-Z]{2}")
IDENTIFIER = re.compile(r"[a-z0-9][a-z0-9-]*:\S.*")


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
    keys = name_keys([q.name for q in queries])
    query, rows = candidates(index, QueryKeys.of(
        keys, [q.identifier for q in queries], [q.policy for q in queries]))
    if len(query) == 0:
        return pl.DataFrame(schema=HIT_SCHEMA)
    return scored_hits(index, queries, keys, query, rows)


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
