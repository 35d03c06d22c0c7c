"""Hits as records for people and machines: the ``--json`` output, the HTTP API
and the batch CSV share these shapes."""

from __future__ import annotations

from typing import Any

import polars as pl

from pipelines.lib.screen import features
from pipelines.lib.screen.index import ScreenIndex
from pipelines.lib.screen.screen import Query, listings


def query_record(query: Query) -> dict[str, Any]:
    return {"name": query.name, "country": query.country, "id": query.identifier,
            "policy": query.policy, "limit": query.limit}


def hit_records(index: ScreenIndex, hits: pl.DataFrame, policy: str | None
                ) -> list[dict[str, Any]]:
    """One query's hits, best first, each with why it matched and why it is listed."""
    entity_ids = hits["entity_id"].to_list()
    why_listed = listings(index, entity_ids, policy)
    facts = _facts(index, entity_ids)
    return [{
        "rank": row["rank"],
        "entity_id": row["entity_id"],
        "name": row["entity_name"],
        "kind": row["kind"],
        "score": round(row["score"], 4),
        "matched_name": row["matched_name"],
        "features": [{"feature": f, "score": round(row[f"{f}_score"], 4),
                      "detail": row[f"{f}_detail"]} for f in features.FEATURES],
        **facts[row["entity_id"]],
        "listings": why_listed[row["entity_id"]],
    } for row in hits.iter_rows(named=True)]


def result(index: ScreenIndex, query: Query, hits: pl.DataFrame) -> dict[str, Any]:
    """The whole answer to one query."""
    return {"version": index.version.id, "query": query_record(query),
            "hits": hit_records(index, hits, query.policy)}


def entity_record(index: ScreenIndex, entity_id: str) -> dict[str, Any] | None:
    """An entity of the version: its facts, every name screened and every listing."""
    facts = _facts(index, [entity_id]).get(entity_id)
    if facts is None:
        return None
    names = index.version.names.filter(pl.col("entity_id") == entity_id)
    row = index.version.entities.filter(pl.col("entity_id") == entity_id).row(0, named=True)
    return {"version": index.version.id, "entity_id": entity_id, "name": row["name"],
            "kind": row["kind"], **facts,
            "names": names.select("name", "name_type", "script").to_dicts(),
            "listings": listings(index, [entity_id], None)[entity_id]}


def _facts(index: ScreenIndex, entity_ids: list[str]) -> dict[str, dict[str, Any]]:
    rows = index.version.entities.filter(pl.col("entity_id").is_in(entity_ids))
    return {row["entity_id"]: {"countries": row["countries"], "identifiers": row["identifiers"]}
            for row in rows.iter_rows(named=True)}


def text_lines(answer: dict[str, Any]) -> list[str]:
    """The answer as a person reads it in a terminal."""
    query = answer["query"]
    hits = answer["hits"]
    lines = [f"{len(hits)} hit(s) for {query['name']!r} in version {answer['version']}"]
    for hit in hits:
        lines.append(f"{hit['rank']}. {hit['name']} [{hit['entity_id']}, {hit['kind']}] "
                     f"score {hit['score']:.3f}, matched {hit['matched_name']!r}")
        lines.append("   why it matched: " + "; ".join(f["detail"] for f in hit["features"]))
        lines.extend(f"   on the list: {item['policy']} {item['status']} ({item['basis']}): "
                     f"{item['path']}" for item in hit["listings"])
    return lines
