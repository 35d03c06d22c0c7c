"""sql/publish/names.sql on a real DuckDB: every name of every denylisted entity, once."""

from __future__ import annotations

import duckdb

from pipelines.lib.sqlmodels import SQL_DIR, SqlModel, load_macros, run_model

NAMES = SqlModel("publish", "names", SQL_DIR / "publish" / "names.sql")


def _warehouse() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    load_macros(con)
    for schema in ("publish", "resolve", "canonical"):
        con.execute(f"create schema {schema}")
    con.execute("create table publish.denylist (entity_id varchar, name varchar, policy varchar)")
    con.execute("create table resolve.entity_map (entity_id varchar, canonical_id varchar)")
    con.execute("create table canonical.names (entity_id varchar, name varchar, "
                "name_type varchar, script varchar)")
    con.execute("""insert into publish.denylist values
        ('lei-a', 'ByteDance Ltd', 'cn_control'), ('lei-a', 'ByteDance Ltd', 'listed'),
        ('gb-coh-stub', '01234567', 'cn_control')""")
    con.execute("""insert into resolve.entity_map values
        ('lei-a', 'lei-a'), ('ofac-1', 'lei-a'), ('lei-b', 'lei-b')""")
    con.execute("""insert into canonical.names values
        ('lei-a', 'ByteDance Ltd', 'primary', 'Latn'),
        ('lei-a', '北京字节跳动科技有限公司', 'alternative_language', 'Hani'),
        ('ofac-1', 'BYTEDANCE', 'aka', 'Latn'),
        ('ofac-1', 'ByteDance Ltd', 'aka', 'Latn'),
        ('ofac-1', 'Байтденс', 'aka', 'Cyrl'),
        ('lei-b', 'Not Listed Ltd', 'primary', 'Latn')""")
    return con


def test_names_of_denylisted_entities_through_resolution() -> None:
    con = _warehouse()
    assert run_model(con, NAMES, {}) == 5
    assert con.execute("select * from publish.names").fetchall() == [
        ("gb-coh-stub", "01234567", "primary", "Zyyy"),  # a stub: its denylist name only
        ("lei-a", "BYTEDANCE", "aka", "Latn"),
        ("lei-a", "ByteDance Ltd", "primary", "Latn"),  # primary beats the list's aka
        ("lei-a", "Байтденс", "aka", "Cyrl"),
        ("lei-a", "北京字节跳动科技有限公司", "alternative_language", "Hani"),
    ]
    columns = con.execute("describe publish.names").fetchall()
    assert [(c[0], c[1]) for c in columns] == [
        ("entity_id", "VARCHAR"), ("name", "VARCHAR"), ("name_type", "VARCHAR"),
        ("script", "VARCHAR")]
