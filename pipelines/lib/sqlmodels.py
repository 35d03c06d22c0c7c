"""SQL models: one file in ``sql/<schema>/<name>.sql`` is one table ``<schema>.<name>``.

Each file holds one ``select``; the runner wraps it in ``create or replace
table``. Runtime values are bound parameters (``$as_of``), never pasted in.
Dependencies come from the SQL itself, so the asset graph cannot drift from it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import duckdb

SQL_DIR = Path(__file__).resolve().parents[2] / "sql"
# The layers that are built from SQL files, in flow order.
MODEL_SCHEMAS = ("conformed", "canonical", "graph", "publish")
# Per-source models the canonical tables union: views, so that register rows
# are materialized once (in canonical), not twice.
VIEW_SCHEMAS = frozenset({"conformed"})
_PARAM = re.compile(r"\$([a-z_][a-z0-9_]*)")
_QUALIFIED = re.compile(r"[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*")
# DuckDB (1.5) drops this CTE hint when it stores a view: reopened, the view
# would materialize the CTE after all. A view reads a big table by name instead.
_NOT_MATERIALIZED = re.compile(r"\bnot\s+materialized\b", re.IGNORECASE)
_COMMENT = re.compile(r"--[^\n]*")


def load_macros(con: duckdb.DuckDBPyConnection) -> None:
    """The project's shared macros (sql/macros.sql) on ``con``."""
    con.execute((SQL_DIR / "macros.sql").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _parser() -> duckdb.DuckDBPyConnection:
    # Binding the SQL needs the project's macros; an in-memory connection has them.
    con = duckdb.connect()
    load_macros(con)
    return con


def parameters(sql: str) -> frozenset[str]:
    """The ``$name`` parameters a statement binds."""
    return frozenset(_PARAM.findall(sql))


def bind(sql: str, values: Mapping[str, Any]) -> dict[str, Any]:
    """The values ``sql`` binds, by name: DuckDB refuses both missing and unused ones."""
    return {name: values[name] for name in parameters(sql)}


def tables_read(sql: str) -> frozenset[str]:
    """Qualified tables a statement reads (CTE names are not tables)."""
    # Parameters do not change which tables are read, and cannot be bound here.
    names = _parser().get_table_names(_PARAM.sub("null", sql), qualified=True)
    # DuckDB reports aliased tables as "graph.edges AS e"; keep the table. Then
    # keep warehouse tables only: unqualified names are temporary tables.
    cleaned = (name.split(" AS ")[0].replace('"', "") for name in names)
    return frozenset(name for name in cleaned if _QUALIFIED.fullmatch(name))


@dataclass(frozen=True)
class SqlModel:
    schema: str
    name: str
    path: Path

    @property
    def table(self) -> str:
        return f"{self.schema}.{self.name}"

    @cached_property
    def sql(self) -> str:
        return self.path.read_text(encoding="utf-8")

    @cached_property
    def deps(self) -> frozenset[str]:
        return tables_read(self.sql)

    @cached_property
    def params(self) -> frozenset[str]:
        return parameters(self.sql)

    @cached_property
    def description(self) -> str:
        """The leading ``--`` comment block of the file."""
        lines = []
        for line in self.sql.splitlines():
            if not line.startswith("--"):
                break
            lines.append(line.removeprefix("--").strip())
        return " ".join(lines)


def discover(sql_dir: Path = SQL_DIR) -> list[SqlModel]:
    models = [
        SqlModel(schema, path.stem, path)
        for schema in MODEL_SCHEMAS
        for path in sorted((sql_dir / schema).glob("*.sql"))
    ]
    return topological(models)


def topological(models: list[SqlModel]) -> list[SqlModel]:
    by_table = {m.table: m for m in models}
    done: dict[str, SqlModel] = {}

    def visit(model: SqlModel, stack: tuple[str, ...]) -> None:
        if model.table in done:
            return
        if model.table in stack:
            raise ValueError(f"SQL models form a cycle: {' -> '.join((*stack, model.table))}")
        for dep in sorted(model.deps):
            if dep in by_table:
                visit(by_table[dep], (*stack, model.table))
        done[model.table] = model

    for model in models:
        visit(model, ())
    return list(done.values())


def run_model(
    con: duckdb.DuckDBPyConnection, model: SqlModel, params: Mapping[str, Any]
) -> int | None:
    """Build the model's table and return its row count (None for a view)."""
    missing = model.params - params.keys()
    if missing:
        raise KeyError(f"{model.path.name}: no value for parameter(s) {sorted(missing)}")
    bound = bind(model.sql, params)
    # The table name comes from the file name in the repo, not from input.
    if model.schema in VIEW_SCHEMAS:
        if bound:
            raise ValueError(f"{model.path.name}: a view cannot take parameters {sorted(bound)}")
        if _NOT_MATERIALIZED.search(_COMMENT.sub("", model.sql)):
            raise ValueError(f"{model.path.name}: a stored view loses `not materialized`")
        drop_relation(con, model.schema, model.name)
        con.execute(f"create view {model.table} as\n{model.sql}")
        return None
    con.execute(f"create or replace table {model.table} as\n{model.sql}", bound)
    row = con.execute(f"select count(*) from {model.table}").fetchone()
    return int(row[0]) if row else 0


def drop_relation(con: duckdb.DuckDBPyConnection, schema: str, name: str) -> None:
    """Drop ``schema.name`` whether it is a table or a view (DuckDB wants the kind)."""
    found = con.execute(
        "select table_type from information_schema.tables "
        "where table_schema = $schema and table_name = $name",
        {"schema": schema, "name": name},
    ).fetchone()
    if found is not None:
        con.execute(f"drop {'view' if found[0] == 'VIEW' else 'table'} {schema}.{name}")
