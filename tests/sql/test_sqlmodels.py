"""The SQL model runner: what a view may hold, on a real DuckDB file."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from pipelines.lib.sqlmodels import SqlModel, run_model

READ_TWICE = """with t as not materialized (select range as a from range(3))
select a from t union all select a + 1 from t
"""


def _model(tmp_path: Path, schema: str, sql: str) -> SqlModel:
    path = tmp_path / f"{schema}_model.sql"
    path.write_text(sql, encoding="utf-8")
    return SqlModel(schema, "model", path)


def test_duckdb_still_drops_the_hint_in_a_stored_view(tmp_path: Path) -> None:
    # Why the runner refuses the hint in views: if a DuckDB upgrade keeps it,
    # this fails and the guard can go.
    path = str(tmp_path / "w.duckdb")
    with duckdb.connect(path) as con:
        con.execute(f"create view v as {READ_TWICE}")
    with duckdb.connect(path) as con:
        plan = con.execute("explain select * from v").fetchall()[0][1]
        stored = con.execute("select sql from duckdb_views() where view_name = 'v'").fetchone()
    assert "CTE_SCAN" in plan
    assert stored is not None and "MATERIALIZED" not in stored[0].upper()


def test_a_view_model_may_not_rely_on_not_materialized(tmp_path: Path) -> None:
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        con.execute("create schema conformed")
        with pytest.raises(ValueError, match="loses `not materialized`"):
            run_model(con, _model(tmp_path, "conformed", READ_TWICE), {})
        # A comment may name the hint (as the PSC views' comments do).
        explained = _model(tmp_path, "conformed", "-- not materialized: lost\nselect 1 as a\n")
        assert run_model(con, explained, {}) is None
        canonical = _model(tmp_path, "canonical", READ_TWICE)
        con.execute("create schema canonical")
        assert run_model(con, canonical, {}) == 6
