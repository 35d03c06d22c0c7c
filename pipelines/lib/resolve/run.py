"""Entity resolution in the warehouse: from the canonical tables to ``resolve.entity_map``.

1. ``resolve.records``: what may be linked (``sql/resolve/records.sql``).
2. Strong identifiers: records sharing one are the same entity.
3. Fuzzy links for mentions (``link.py``): ``match`` merges, ``possible`` is
   kept as a "possibly same as" link and never merged.
4. Analysts' judgements (``judgements.py``): positive merges, negative vetoes.
5. Clusters (``clusters.py``), constrained: never across a negative judgement
   or two values of one exclusive identifier scheme, and never chaining
   clearly different names.

Outputs, all in schema ``resolve``: ``entity_map`` (every entity once, its
canonical id, how it was attached and why), ``links`` (every link considered,
accepted or refused with the reason), ``possible_same_as`` and ``run_stats``.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import asdict, dataclass

import duckdb
import pyarrow as pa

from pipelines.lib.resolve.clusters import Clusters, Link, cluster
from pipelines.lib.resolve.db import create, sql, store
from pipelines.lib.resolve.judgements import judgement_links, load_judgements, negative_pairs
from pipelines.lib.resolve.link import LinkStats, link, stopwatch
from pipelines.lib.resolve.settings import Resolution

LINKS_SCHEMA = pa.schema([  # type: ignore[arg-type]  # pyarrow-stubs join the field types to object
    pa.field("left_id", pa.string()),
    pa.field("right_id", pa.string()),
    pa.field("method", pa.string()),
    pa.field("score", pa.float64()),
    pa.field("detail", pa.string()),
    pa.field("accepted", pa.bool_()),
    pa.field("refusal", pa.string()),
    pa.field("refusal_detail", pa.string()),
])
MAP_SCHEMA = pa.schema([
    pa.field("entity_id", pa.string()),
    pa.field("canonical_id", pa.string()),
    pa.field("method", pa.string()),
    pa.field("detail", pa.string()),
])


@dataclass(frozen=True)
class ResolutionRun:
    records: int
    identifier_links: int
    oversized_identifiers: int
    judgements: int
    link_stats: LinkStats
    merged_entities: int
    clusters: int
    refused: dict[str, int]
    seconds: float

    def summary(self) -> str:
        s = self.link_stats
        return (f"{self.records:,} records, {s.candidate_pairs:,} candidate pairs "
                f"(estimated {s.estimated_pairs:,}), {s.matches:,} matches, {s.possible:,} "
                f"possible, {self.identifier_links:,} identifier links; {self.merged_entities:,} "
                f"entities merged into {self.clusters:,} clusters; refused {self.refused}")


def resolve(con: duckdb.DuckDBPyConnection, settings: Resolution) -> ResolutionRun:
    started = time.perf_counter()
    con.execute("create schema if not exists resolve")
    records = create(con, "records", {"register_schemes": list(settings.register_schemes)})
    stats = link(con, settings)
    lap = stopwatch(stats.seconds)
    identifier_links, oversized = _identifier_links(con, settings.max_identifier_group)
    judgements = load_judgements(settings.judgements_file)
    links = [*identifier_links, *judgement_links(judgements), *_match_links(con)]
    negatives = negative_pairs(judgements)
    lap("identifier links")
    members = sorted({e for item in links for e in (item.left, item.right)}
                     | {e for pair in negatives for e in pair})
    result = cluster(links, _exclusive(con, members, settings.exclusive_schemes), negatives,
                     _comparison_names(con, members), settings.chain_floor)
    lap("cluster")
    _write_links(con, links, result)
    _write_entity_map(con, result)
    _write_possible(con)
    lap("write")
    refused: dict[str, int] = defaultdict(int)
    for refusal in result.refused:
        refused[refusal.reason] += 1
    merged = [e for e, c in result.canonical.items() if e != c]
    run = ResolutionRun(records, len(identifier_links), oversized, len(judgements), stats,
                        len(merged), len({result.canonical[e] for e in merged}), dict(refused),
                        round(time.perf_counter() - started, 2))
    _write_stats(con, run)
    return run


def _identifier_links(con: duckdb.DuckDBPyConnection, max_group: int) -> tuple[list[Link], int]:
    """A star per shared identifier value; oversized groups (a placeholder
    value many records carry) are data errors and link nothing."""
    create(con, "identifier_groups")
    links: list[Link] = []
    oversized = 0
    for scheme, value, group in con.execute(
        "select scheme, value, members from resolve.identifier_groups order by scheme, value"
    ).fetchall():
        if len(group) > max_group:
            oversized += 1
            continue
        links += [Link(group[0], other, "identifier", 1.0, f"{scheme}:{value}")
                  for other in group[1:]]
    return links, oversized


def _match_links(con: duckdb.DuckDBPyConnection) -> list[Link]:
    rows = con.execute(
        "select left_id, right_id, score, detail from resolve.scored_pairs "
        "where outcome = 'match' order by left_id, right_id"
    ).fetchall()
    return [Link(left, right, "match", float(score), detail)
            for left, right, score, detail in rows]


def _member_table(con: duckdb.DuckDBPyConnection, members: list[str]) -> None:
    store(con, "link_members", pa.table({"entity_id": pa.array(members, pa.string())}),
          temporary=True)


def _exclusive(con: duckdb.DuckDBPyConnection, members: list[str], schemes: tuple[str, ...]
               ) -> dict[str, list[tuple[str, str]]]:
    _member_table(con, members)
    found: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for entity_id, scheme, value in con.execute(sql("exclusive_identifiers"),
                                                {"schemes": list(schemes)}).fetchall():
        found[entity_id].append((scheme, value))
    return dict(found)


def _comparison_names(con: duckdb.DuckDBPyConnection, members: list[str]
                      ) -> dict[str, list[str]]:
    """Each linked entity's names in both views the matcher compares, for the chain guard."""
    _member_table(con, members)
    rows = con.execute(
        "select k.entity_id, list(distinct v order by v) from resolve.name_keys as k "
        "inner join link_members as m on m.entity_id = k.entity_id, "
        "unnest([k.core, k.compact]) as u(v) group by k.entity_id"
    ).fetchall()
    return {entity_id: names for entity_id, names in rows}


def _write_links(con: duckdb.DuckDBPyConnection, links: list[Link], result: Clusters) -> None:
    refusals = {(r.left, r.right, r.method): r for r in result.refused}
    rows: dict[str, list[object]] = {name: [] for name in LINKS_SCHEMA.names}
    for item in links:
        refusal = refusals.get((item.left, item.right, item.method))
        for name, value in (("left_id", item.left), ("right_id", item.right),
                            ("method", item.method), ("score", item.score),
                            ("detail", item.detail), ("accepted", refusal is None),
                            ("refusal", refusal and refusal.reason),
                            ("refusal_detail", refusal and refusal.detail)):
            rows[name].append(value)
    store(con, "resolve.links", pa.table(rows, schema=LINKS_SCHEMA))


def _write_entity_map(con: duckdb.DuckDBPyConnection, result: Clusters) -> None:
    entity_ids = sorted(result.canonical)
    attached = [result.merged_by.get(e) for e in entity_ids]
    clustered = pa.table({
        "entity_id": entity_ids,
        "canonical_id": [result.canonical[e] for e in entity_ids],
        "method": [a.method if a else "self" for a in attached],
        "detail": [a.detail if a else None for a in attached],
    }, schema=MAP_SCHEMA)
    store(con, "clustered", clustered, temporary=True)
    con.execute(f"create or replace table resolve.entity_map as {sql('entity_map')}")


def _write_possible(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(f"create or replace table resolve.possible_same_as as {sql('possible_same_as')}")


def _write_stats(con: duckdb.DuckDBPyConnection, run: ResolutionRun) -> None:
    values = {**{k: v for k, v in asdict(run).items() if k not in ("link_stats", "refused",
                                                                  "seconds")},
              **{k: v for k, v in asdict(run.link_stats).items() if k != "seconds"},
              **{f"refused_{k}": v for k, v in run.refused.items()},
              **{f"seconds_{k.replace(' ', '_')}": v for k, v in run.link_stats.seconds.items()},
              "seconds_total": run.seconds}
    store(con, "resolve.run_stats",
          pa.table({"metric": list(values), "value": [float(v) for v in values.values()]}))
