"""The blocking check on policy.determinations, on a real in-memory DuckDB."""

from __future__ import annotations

import duckdb

from pipelines.lib.sqlmodels import SQL_DIR

CHECK = (SQL_DIR / "checks" / "policy__determinations__witnessed.sql").read_text()
ROW = ("insert into policy.determinations (policy, entity_id, status, basis, depth, risk_sources,"
       " as_of) values ('listed', ?, 'definite', 'control', 1, ?, date '2026-11-20')")


def _db() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute("create schema policy")
    con.execute((SQL_DIR / "policy" / "_tables.sql").read_text())
    return con


def test_a_witnessed_determination_passes_and_unexplained_ones_are_named() -> None:
    con = _db()
    con.execute(ROW, ["lei-good", ["ofac-1"]])
    con.execute("insert into policy.paths (policy, entity_id, step, node_id) "
                "values ('listed', 'lei-good', 0, 'lei-good')")
    assert con.execute(CHECK).fetchall() == []
    con.execute(ROW, ["lei-no-path", ["ofac-1"]])
    con.execute(ROW, ["lei-no-source", []])
    con.execute("insert into policy.paths (policy, entity_id, step, node_id) "
                "values ('listed', 'lei-no-source', 0, 'x')")
    assert sorted(con.execute(CHECK).fetchall()) == [
        ("listed", "lei-no-path"), ("listed", "lei-no-source")]
