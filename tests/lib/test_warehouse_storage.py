"""A new warehouse file is written in DuckDB 1.5's storage format, whose string
compression (DICT_FSST) the 1.0-compatible default lacks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pipelines.lib.warehouse import STORAGE_VERSION, connect, read_only, warehouse_path


def test_a_new_warehouse_uses_the_newer_storage_format(tmp_path: Path) -> None:
    with connect(tmp_path) as con:
        con.execute(
            "create table main.words as select 'company ' || (range % 5000)::varchar as word "
            "from range(300000)"
        )
        con.execute("checkpoint")
    with read_only(tmp_path) as con:
        tags = con.execute(
            "select tags from duckdb_databases() where database_name = 'warehouse'"
        ).fetchone()
        methods = {row[0] for row in con.execute(
            "select compression from pragma_storage_info('main.words')"
        ).fetchall()}
    assert tags is not None and tags[0]["storage_version"].startswith(STORAGE_VERSION)
    assert "DICT_FSST" in methods


def test_the_pinned_duckdb_cli_opens_the_warehouse(tmp_path: Path) -> None:
    with connect(tmp_path) as con:
        con.execute("create table main.words as select 'word' as word from range(3)")
    cli = Path(sys.executable).parent / "duckdb"
    found = subprocess.run(
        [str(cli), "-readonly", "-csv", str(warehouse_path(tmp_path)),
         "-c", "select count(*) as n from main.words"],
        capture_output=True, text=True, check=True,
    )
    assert found.stdout.split() == ["n", "3"]
