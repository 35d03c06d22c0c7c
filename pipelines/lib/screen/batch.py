"""Batch screening: a CSV of customers in, a CSV of hits out.

Input columns: ``customer_id`` and ``name`` (required), ``country`` (ISO
alpha-2) and ``id`` (``scheme:value``) optional; any other column is an error,
as is an empty or over-long name, naming the line. Output: one row per
(customer, hit), by input order then rank; a customer without hits has no row.
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from pathlib import Path

import polars as pl
import pyarrow as pa

from pipelines.lib.publish_files import write_csv
from pipelines.lib.screen.index import ScreenIndex
from pipelines.lib.screen.screen import Query, QueryError, checked
from pipelines.lib.screen.version import LISTING_COLUMNS
from pipelines.lib.screen.workers import WorkerPool, screen_batch

REQUIRED = ("customer_id", "name")
OPTIONAL = ("country", "id")
HITS_COLUMNS = ("customer_id", "name", "rank", "score", "entity_id", "entity_name", "kind",
                "matched_name", "why", "listings")
# From this many names a batch goes to one worker process per core: starting them
# (saving the index, spawning, imports) takes about 2 s at a million listed rows,
# which two processes win back from about 20,000 names; the rest is a margin for
# a busy machine.
WORKERS_FROM = 50_000


@dataclass(frozen=True)
class Customer:
    customer_id: str
    query: Query


def read_customers(path: Path, index: ScreenIndex, policy: str | None, limit: int | None
                   ) -> list[Customer]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        columns = set(reader.fieldnames or ())
        if not set(REQUIRED) <= columns or columns - set(REQUIRED) - set(OPTIONAL):
            raise QueryError(f"{path}: columns must be {', '.join(REQUIRED)} and optionally "
                             f"{', '.join(OPTIONAL)}; got {sorted(columns)}")
        customers = []
        for line, row in enumerate(reader, start=2):
            query = Query(row["name"] or "", row.get("country") or None, row.get("id") or None,
                          policy, limit)
            try:
                customers.append(Customer(row["customer_id"] or "", checked(index, query)))
            except QueryError as exc:
                raise QueryError(f"{path}, line {line}: {exc}") from exc
    return customers


def batch_workers(names: int, asked: int | None) -> int:
    """The processes a batch of ``names`` runs on: ``asked`` if given, else one per
    core from ``WORKERS_FROM`` names, else this one."""
    if asked is not None:
        return asked
    return (os.cpu_count() or 1) if names >= WORKERS_FROM else 1


def screen_customers(index: ScreenIndex, customers: list[Customer], workers: int = 1
                     ) -> pa.Table:
    """Every customer's hits as the rows of the hits CSV, screened on ``workers``
    processes (``workers.py``; the same rows as in this one)."""
    queries = [c.query for c in customers]
    if workers > 1:
        with WorkerPool(index, workers) as pool:
            hits = pool.screen(queries)
    else:
        hits = screen_batch(index, queries)
    if hits.is_empty():
        return _rows(hits, index, None)
    ids = pl.DataFrame({"query": range(len(customers)),
                        "customer_id": [c.customer_id for c in customers],
                        "name": [c.query.name for c in customers]},
                       schema_overrides={"query": pl.Int64})
    hits = hits.join(ids, on="query", how="left", maintain_order="left")
    return _rows(hits, index, customers[0].query.policy)


def _rows(hits: pl.DataFrame, index: ScreenIndex, policy: str | None) -> pa.Table:
    if hits.is_empty():
        return pa.table({column: pa.array([], pa.string()) for column in HITS_COLUMNS})
    listed = index.version.listings
    if policy is not None:
        listed = listed.filter(pl.col("policy") == policy)
    reasons = listed.group_by("entity_id").agg(listings=pl.format(
        "{} {} ({}): {}", *LISTING_COLUMNS[:4]).sort().str.join(" | "))
    why = pl.concat_str([pl.col("name_detail"), pl.col("country_detail"),
                         pl.col("identifier_detail"), pl.col("legal_form_detail"),
                         pl.col("numbers_detail")], separator="; ")
    rows = (hits.join(reasons, on="entity_id", how="left", maintain_order="left")
            .with_columns(why=why, score=pl.col("score").round(4))
            .select(HITS_COLUMNS))
    return rows.to_arrow()


def write_hits(table: pa.Table, out: Path) -> None:
    """Spreadsheet-safe CSV (cells starting with = + - @ are quoted), as the denylist."""
    write_csv(table, out)
