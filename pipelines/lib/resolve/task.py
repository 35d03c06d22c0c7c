"""The matcher on a plain linkage task: link mentions to a register.

Benchmarks (``bench/splink_compare.py``, ``bench/real_labels.py``) give two
relations with columns ``id, name, country, regno``. They are loaded as minimal
canonical tables and resolved by exactly the pipeline's code: each register
record carries an exclusive ``task-register`` identifier (so two register
records never merge), each stated regno a registration number the regno
feature compares, each country a country. A mention's answer is the register
record its resolved entity contains.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import duckdb
import polars as pl

from pipelines.lib.resolve.db import RESOLVE_SQL
from pipelines.lib.resolve.run import resolve
from pipelines.lib.resolve.settings import Resolution, load_resolution
from pipelines.lib.sqlmodels import load_macros

REGISTER_SCHEME = "task-register"
TASK_TABLES = RESOLVE_SQL / "task" / "canonical_tables.sql"


def _task_settings(settings: Resolution | None) -> Resolution:
    base = settings or load_resolution()
    return dataclasses.replace(
        base,
        register_schemes=(REGISTER_SCHEME,),
        exclusive_schemes=(REGISTER_SCHEME,),
        # A task has no analysts: judgements never apply to it.
        judgements_file=Path("/nonexistent/judgements.csv"),
    )


def link_task(con: duckdb.DuckDBPyConnection, register: str, mentions: str,
              settings: Resolution | None = None) -> pl.DataFrame:
    """mention_id, register_id, score, outcome ('match' or 'possible')."""
    load_macros(con)
    sql_text = TASK_TABLES.read_text(encoding="utf-8")
    script = sql_text.replace("__register__", register).replace("__mentions__", mentions)
    for statement in filter(str.strip, script.split(";\n")):
        params = {"register_scheme": REGISTER_SCHEME} if "$register_scheme" in statement else {}
        con.execute(statement, params)
    resolve(con, _task_settings(settings))
    return con.execute((RESOLVE_SQL / "task" / "answers.sql").read_text(encoding="utf-8")).pl()
