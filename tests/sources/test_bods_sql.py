"""bods conformed SQL -> canonical tables, on a real DuckDB warehouse in tmp_path."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from pipelines.lib import warehouse
from pipelines.lib.sqlmodels import discover, run_model
from pipelines.lib.staging import StagingWriter
from pipelines.sources.base import ParseOptions, Snapshot
from pipelines.sources.bods import SPEC, parse
from pipelines.sources.registry import SOURCES
from tests.sources.test_bods import entity, relationship, write_lines

GLEIF = "bods/bods-0.4-gleif-pipeline-fixtures"
HK_LEI, CN_LEI = "3003005JY7KTP8L48N10", "30030096HNNZNN7BZK36"


def _build(con: duckdb.DuckDBPyConnection, parquet: Path) -> None:
    for source in SOURCES:
        ours = source.spec.id == "bods"
        path, snapshot = (parquet, "snap-1") if ours else (None, None)
        warehouse.load_staging(con, source.spec.id, source.spec.tables, path, snapshot)
    for model in discover():
        if model.schema in ("conformed", "canonical"):
            run_model(con, model, {"as_of": "2026-01-01"})


@pytest.fixture(scope="module")
def con(
    real_data: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[duckdb.DuckDBPyConnection]:
    folder = tmp_path_factory.mktemp("bods_sql")
    statements: list[Any] = []
    for name in ("bods_relationship_issued.json", "bods_repex_issued.json"):
        statements += json.loads((real_data / GLEIF / name).read_text(encoding="utf-8"))
    band = {"type": "shareholding", "directOrIndirect": "direct",
            "share": {"exclusiveMinimum": 25, "exclusiveMaximum": 50}}  # fmt: skip
    statements += [entity("A"), entity("B"), relationship("AB", "B", "A", band)]
    path = write_lines(folder / "statements.jsonl", *statements)
    with StagingWriter(folder / "parquet", SPEC.tables) as writer:
        parse(Snapshot("bods", "snap-1", folder, {"data": path}), writer, ParseOptions())
    with warehouse.connect(folder / "data") as connection:
        _build(connection, folder / "parquet")
        yield connection


def _entity_id(con: duckdb.DuckDBPyConnection, value: str) -> str:
    row = con.execute(
        "select entity_id from canonical.identifiers where source = 'bods' and value = ?",
        [value],
    ).fetchone()
    assert row is not None, value
    return str(row[0])


def test_consolidation_edge_from_china_to_hong_kong(con: duckdb.DuckDBPyConnection) -> None:
    owner, subject = _entity_id(con, CN_LEI), _entity_id(con, HK_LEI)
    rows = con.execute(
        "select basis, direct_or_indirect, stake_lo, stake_hi, start_date::varchar, status "
        "from canonical.relationships where owner_id = ? and subject_id = ?",
        [owner, subject],
    ).fetchall()
    assert rows == [("accounting_consolidation", "indirect", None, None, "2016-02-23", "active")]
    parent = con.execute(
        "select kind, jurisdiction, hq_country, name from canonical.entities where entity_id = ?",
        [owner],
    ).fetchone()
    assert parent == ("company", "CN", "CN", "横店集团控股有限公司")
    uscc = con.execute(
        "select scheme, is_strong from canonical.identifiers where entity_id = ? and scheme <> 'lei'",
        [owner],
    ).fetchall()
    assert uscc == [("cn-uscc", True)]
    roles = con.execute(
        "select role from canonical.countries where entity_id = ? and country = 'CN' order by 1",
        [owner],
    ).fetchall()
    assert roles == [("headquarters",), ("jurisdiction",), ("legal_address",)]


def test_exclusive_band_lands_as_an_open_interval(con: duckdb.DuckDBPyConnection) -> None:
    rows = con.execute(
        "select basis, stake_lo, stake_hi, lo_inclusive, hi_inclusive from canonical.relationships "
        "where source = 'bods' and basis = 'shares'"
    ).fetchall()
    assert rows == [("shares", 25.0, 50.0, False, False)]


def test_unspecified_parent_is_a_reporting_exception(con: duckdb.DuckDBPyConnection) -> None:
    rows = con.execute(
        "select entity_id, parent_level, reason, parent_exists from canonical.reporting_exceptions "
        "where source = 'bods'"
    ).fetchall()
    assert rows == [
        (_entity_id(con, "8368002JYF3BWYY2BW50"), "indirect", "interestedPartyExemptFromDisclosure",
         True)
    ]  # fmt: skip
    # The unspecified parent never becomes an edge ("no owner").
    edges = con.execute(
        "select count(*) from canonical.relationships where subject_id = ?",
        [_entity_id(con, "8368002JYF3BWYY2BW50")],
    ).fetchone()
    assert edges == (0,)
