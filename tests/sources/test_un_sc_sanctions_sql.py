"""un_sc_sanctions conformed SQL on a real DuckDB warehouse in tmp_path, from the real list
plus one delisting (as the stage writes it)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipelines.lib import warehouse
from pipelines.lib.staging import StagingWriter
from pipelines.sources.base import ParseOptions, Snapshot
from pipelines.sources.lists import DELISTINGS, DELISTINGS_SCHEMA
from pipelines.sources.registry import SOURCES
from pipelines.sources.un_sc_sanctions import SPEC, parse
from tests.sources.canonical_build import build_canonical_entities

DELISTED = {"key": "123", "list_code": "un_sc", "program": "Iraq", "listed_on": date(2003, 6, 27),
            "last_seen_snapshot": "snap-0", "delisted_on": date(2026, 1, 5),
            "reason": "absent from snapshot snap-1 (last listed in snap-0)"}  # fmt: skip


def build(con: duckdb.DuckDBPyConnection, source_id: str, parquet: Path) -> None:
    """Staging for every registered source (only ``source_id`` non-empty), then the
    conformed views and canonical.entities (where delisted entries get their rows)."""
    for source in SOURCES:
        ours = source.spec.id == source_id
        path, snapshot = (parquet, "snap-1") if ours else (None, None)
        warehouse.load_staging(con, source.spec.id, source.spec.tables, path, snapshot)
    build_canonical_entities(con)


@pytest.fixture(scope="module")
def con(
    real_data: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[duckdb.DuckDBPyConnection]:
    folder = tmp_path_factory.mktemp("un_sc_sql")
    path = real_data / "sanctions" / "un_sc" / "consolidated.xml"
    with StagingWriter(folder / "parquet", SPEC.tables) as writer:
        parse(Snapshot(SPEC.id, "snap-1", path.parent, {"data": path}), writer, ParseOptions())
    delistings = pa.Table.from_pylist([DELISTED], schema=DELISTINGS_SCHEMA)
    pq.write_table(delistings, folder / "parquet" / f"{DELISTINGS}.parquet")
    with warehouse.connect(folder / "data") as connection:
        build(connection, SPEC.id, folder / "parquet")
        yield connection


def rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple[object, ...]]:
    return con.execute(sql).fetchall()


def test_entities_are_people_and_organizations(con: duckdb.DuckDBPyConnection) -> None:
    assert rows(
        con,
        "select kind, status, count(*) from canonical.entities "
        "where source = 'un_sc_sanctions' group by all order by all",
    ) == [("organization", "listed", 273), ("person", "listed", 730), ("unknown", "delisted", 1)]
    assert rows(con, "select name, category from conformed.un_sc_sanctions__entities "
                     "where entity_id = 'un-sc-6908048'") == [
        ("SADDAM HUSSEIN AL-TIKRITI", "INDIVIDUAL")]  # fmt: skip


def test_low_aliases_are_weak_names(con: duckdb.DuckDBPyConnection) -> None:
    assert rows(con, "select name, name_type, strength from conformed.un_sc_sanctions__names "
                     "where entity_id = 'un-sc-6907995' order by all") == [
        ("Byiringiro Victor Rumuli", "aka", "strong"), ("GASTON IYAMUREMYE", "primary", "strong"),
        ("Michel Byiringiro", "aka", "strong"), ("Rumuli", "aka", "weak"),
        ("Victor Rumuri", "aka", "strong")]  # fmt: skip
    assert rows(con, "select name_type, count(*) from conformed.un_sc_sanctions__names "
                     "where entity_id = 'un-sc-6908048' group by all order by all") == [
        ("aka", 1), ("alternative_language", 1), ("primary", 1)]  # fmt: skip


def test_identifiers_addresses_and_countries(con: duckdb.DuckDBPyConnection) -> None:
    assert rows(con, "select scheme, value, issuer from conformed.un_sc_sanctions__identifiers "
                     "where entity_id = 'un-sc-6908012' order by all") == [
        ("passport", "OB0243318", "CD"), ("un-sc", "CDI.021", None)]  # fmt: skip
    assert rows(
        con,
        "select full_address, city, region, country "
        "from conformed.un_sc_sanctions__addresses "
        "where entity_id = 'un-sc-6908402'",
    ) == [("North Kivu, Democratic Republic of the Congo", None, "North Kivu", "CD")]
    assert rows(con, "select role, count(*) from conformed.un_sc_sanctions__countries "
                     "group by all") == [("nationality", 651)]  # fmt: skip


def test_memberships_and_delistings(con: duckdb.DuckDBPyConnection) -> None:
    table = "(select * from conformed.lists__memberships where source = 'un_sc_sanctions')"
    assert rows(con, f"select count(*), count(distinct entity_id) from {table} "
                     "where delisted_on is null") == [(1003, 1003)]  # fmt: skip
    assert rows(con, f"select entity_id, program, delisted_on, delisting_reason from {table} "
                     "where delisted_on is not null") == [
        ("un-sc-123", "Iraq", date(2026, 1, 5), DELISTED["reason"])]  # fmt: skip
    orphans = rows(con, f"select entity_id from (select entity_id from {table} "
                        "union select entity_id from conformed."
                        "un_sc_sanctions__names union select entity_id from conformed."
                        "un_sc_sanctions__identifiers) anti join canonical.entities "
                        "using (entity_id)")  # fmt: skip
    assert orphans == []
