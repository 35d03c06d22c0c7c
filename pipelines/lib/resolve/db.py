"""Warehouse helpers for resolution: its SQL files, tables from Arrow or Polars rows."""

from __future__ import annotations

from typing import Any

import duckdb
import polars as pl
import pyarrow as pa

from pipelines.lib.sqlmodels import SQL_DIR

RESOLVE_SQL = SQL_DIR / "resolve"


def sql(name: str) -> str:
    return (RESOLVE_SQL / f"{name}.sql").read_text(encoding="utf-8")


def execute(con: duckdb.DuckDBPyConnection, text: str, params: dict[str, Any]) -> None:
    used = {k: v for k, v in params.items() if f"${k}" in text}
    con.execute(text, used)


def create(con: duckdb.DuckDBPyConnection, table: str, params: dict[str, Any] | None = None
           ) -> int:
    """``resolve.<table>`` from ``sql/resolve/<table>.sql``; returns its row count."""
    execute(con, f"create or replace table resolve.{table} as {sql(table)}", params or {})
    return count(con, f"resolve.{table}")


def store(con: duckdb.DuckDBPyConnection, target: str, rows: pa.Table | pl.DataFrame,
          temporary: bool = False) -> None:
    """``create or replace`` a warehouse (or temporary) table from Arrow or Polars rows."""
    con.register("_rows", rows)
    try:
        kind = "temp table" if temporary else "table"
        con.execute(f"create or replace {kind} {target} as select * from _rows")
    finally:
        con.unregister("_rows")


def count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    row = con.execute(f"select count(*) from {table}").fetchone()
    return int(row[0]) if row else 0
