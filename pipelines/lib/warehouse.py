"""The DuckDB warehouse: one file, written by one process at a time.

Parsers never open it; they write Parquet under ``data/staging``. The single
writer loads those files here, then the SQL models build the later layers.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pyarrow as pa

from pipelines.lib.sqlmodels import SQL_DIR, drop_relation, load_macros
from pipelines.lib.staging import LEFTOVERS, LEFTOVERS_SCHEMA, QUARANTINE, QUARANTINE_SCHEMA
from pipelines.sources.base import staging_table_name
from pipelines.sources.lists import DELISTINGS, DELISTINGS_SCHEMA, MEMBERSHIPS

REFERENCE_DIR = SQL_DIR.parent / "data" / "reference"
SCHEMAS = ("reference", "staging", "conformed", "canonical", "resolve", "graph", "policy", "publish")


def warehouse_path(data_dir: Path) -> Path:
    return data_dir / "warehouse.duckdb"


# The storage format a new warehouse file is written in. DuckDB's default is
# readable by DuckDB 1.0 and so lacks the newer string compression (DICT_FSST):
# at 1.5 the canonical tables are written 10-20 % faster and are 5-18 % smaller.
# Files in this format open in DuckDB 1.5 and later (the pinned duckdb-cli is 1.5).
# A warehouse created before keeps its format until it is deleted and rebuilt.
STORAGE_VERSION = "v1.5.0"


def _settings() -> dict[str, str | bool | int | float | list[str]]:
    """DuckDB's memory cap; beyond it, joins and sorts spill to ``warehouse.duckdb.tmp``.

    DuckDB's default (80% of RAM) would let one build take the whole server;
    ``OWNERGRAPH_DUCKDB_MEMORY`` overrides the 4 GB default.
    """
    return {
        "memory_limit": os.environ.get("OWNERGRAPH_DUCKDB_MEMORY", "4GB"),
        "storage_compatibility_version": STORAGE_VERSION,
    }


@contextmanager
def connect(data_dir: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    path = warehouse_path(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path), config=_settings())
    try:
        for schema in SCHEMAS:
            con.execute(f"create schema if not exists {schema}")
        load_macros(con)
        reference_views(con)
        yield con
    finally:
        con.close()


@contextmanager
def read_only(data_dir: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """The warehouse for reading while nothing writes it (explain, ad hoc)."""
    path = warehouse_path(data_dir)
    if not path.exists():
        raise FileNotFoundError(f"no warehouse at {path}; run `ownergraph run` first")
    con = duckdb.connect(str(path), read_only=True, config=_settings())
    try:
        yield con
    finally:
        con.close()


def reference_views(con: duckdb.DuckDBPyConnection, refresh: bool = False) -> None:
    """``reference.<name>`` for each ``data/reference/<name>.csv`` (code lists the SQL joins).

    Creating one reads its CSV, so a connection only adds the missing ones;
    loading staging (each run) refreshes them all from the current files.
    """
    found = {row[0] for row in con.execute(
        "select table_name from information_schema.tables where table_schema = 'reference'"
    ).fetchall()}
    for path in sorted(REFERENCE_DIR.glob("*.csv")):
        if refresh or path.stem not in found:
            con.execute(
                f"create or replace view reference.{path.stem} as select * from "
                f"read_csv({_literal(str(path))}, header = true, all_varchar = true)"
            )


def all_tables(tables: Mapping[str, pa.Schema]) -> dict[str, pa.Schema]:
    """A source's staging tables, with those every parse (or, for lists, the stage) adds."""
    added = {QUARANTINE: QUARANTINE_SCHEMA, LEFTOVERS: LEFTOVERS_SCHEMA}
    if MEMBERSHIPS in tables:
        added[DELISTINGS] = DELISTINGS_SCHEMA
    return {**tables, **added}


def load_staging(
    con: duckdb.DuckDBPyConnection,
    source_id: str,
    tables: Mapping[str, pa.Schema],
    parquet_dir: Path | None,
    snapshot_id: str | None,
) -> dict[str, int]:
    """Point ``staging.stg_<source>__*`` at one parsed snapshot (or empty tables).

    A staging table is a view over the snapshot's immutable Parquet file:
    copying millions of register rows into DuckDB first would double the
    work of every run. A source that is not configured still gets its
    (empty) tables, so the canonical SQL can always union every source.
    """
    counts = {}
    for table, schema in all_tables(tables).items():
        name = staging_table_name(source_id, table)
        drop_relation(con, "staging", name)
        if parquet_dir is None:
            con.register("empty_staging", schema.empty_table())
            con.execute(
                f"create table staging.{name} as "
                "select *, null::varchar as snapshot_id from empty_staging"
            )
            con.unregister("empty_staging")
        else:
            # A view cannot hold parameters: the path and id are quoted literals.
            path = _literal(str((parquet_dir / f"{table}.parquet").resolve()))
            con.execute(
                f"create view staging.{name} as select *, "
                f"{_literal(snapshot_id or '')}::varchar as snapshot_id from read_parquet({path})"
            )
        row = con.execute(f"select count(*) from staging.{name}").fetchone()
        counts[table] = int(row[0]) if row else 0
    return counts


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
