"""sql/macros.sql on a real DuckDB: the script of a name."""

from __future__ import annotations

import duckdb
import pytest

from pipelines.lib.sqlmodels import load_macros


@pytest.mark.parametrize(
    "name, script",
    [
        ("HUAWEI TECHNOLOGIES CO., LTD.", "Latn"),
        ("Société Générale", "Latn"),  # not ASCII: the per-script tests decide
        ("华为技术有限公司", "Hani"),
        ("Huawei 华为", "Hani"),
        ("Газпром", "Cyrl"),
        ("삼성전자", "Hang"),
        ("12345 / 678", "Zyyy"),
        (None, None),
    ],
)
def test_script_of(name: str | None, script: str | None) -> None:
    con = duckdb.connect()
    load_macros(con)
    assert con.execute("select script_of(?)", [name]).fetchone() == (script,)
