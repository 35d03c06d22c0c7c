"""gb_hmt_ofsi and gb_uk_sanctions_list conformed SQL on a real DuckDB warehouse in tmp_path:
the real 2018 ConList.csv, a generated UK Sanctions List, one delisting each."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipelines.lib import warehouse
from pipelines.lib.demo.lists.uksl_xml import write
from pipelines.lib.staging import StagingWriter
from pipelines.sources import gb_hmt_ofsi, gb_uk_sanctions_list
from pipelines.sources.base import ParseOptions, Parser, Snapshot, SourceSpec
from pipelines.sources.lists import DELISTINGS, DELISTINGS_SCHEMA
from pipelines.sources.registry import SOURCES
from tests.sources.canonical_build import build_canonical_entities
from tests.sources.test_gb_uk_sanctions_list import ENTRIES, PUBLISHED

OURS = {"gb_hmt_ofsi": "gb-ofsi-", "gb_uk_sanctions_list": "gb-uksl-"}
# The UK Sanctions List names the OFSI Group ID of its targets: RUS0001 is OFSI target 13349.
UKSL = [dataclasses.replace(ENTRIES[0], identifiers=(("gb-ofsi", "13349"),)), *ENTRIES[1:]]


def _delisting(key: str, program: str) -> pa.Table:
    gone = {"key": key, "list_code": "gb_hmt", "program": program, "listed_on": date(2015, 1, 1),
            "last_seen_snapshot": "snap-0", "delisted_on": date(2026, 2, 1),
            "reason": "absent from snapshot snap-1 (last listed in snap-0)"}  # fmt: skip
    return pa.Table.from_pylist([gone], schema=DELISTINGS_SCHEMA)


def _stage(spec: SourceSpec, parse: Parser, path: Path, out: Path, gone: pa.Table) -> None:
    snapshot = Snapshot(spec.id, "snap-1", path.parent, {"data": path})
    with StagingWriter(out, spec.tables) as writer:
        parse(snapshot, writer, ParseOptions())
    pq.write_table(gone, out / f"{DELISTINGS}.parquet")


@pytest.fixture(scope="module")
def con(real_data: Path, tmp_path_factory: pytest.TempPathFactory
        ) -> Iterator[duckdb.DuckDBPyConnection]:
    folder = tmp_path_factory.mktemp("gb_uk_lists_sql")
    conlist = real_data / "sanctions" / "uk_ofsi" / "ConList.csv"
    _stage(gb_hmt_ofsi.SPEC, gb_hmt_ofsi.parse, conlist, folder / "gb_hmt_ofsi",
           _delisting("99999", "Libya"))
    (folder / "in").mkdir()
    uksl = write(folder / "in", UKSL, PUBLISHED)
    _stage(gb_uk_sanctions_list.SPEC, gb_uk_sanctions_list.parse, uksl,
           folder / "gb_uk_sanctions_list", _delisting("IRN0001", "Iran"))
    with warehouse.connect(folder / "data") as connection:
        for source in SOURCES:
            ours = source.spec.id in OURS
            path, snapshot = (folder / source.spec.id, "snap-1") if ours else (None, None)
            warehouse.load_staging(connection, source.spec.id, source.spec.tables, path, snapshot)
        build_canonical_entities(connection)
        yield connection


def rows(con: duckdb.DuckDBPyConnection, sql: str, *params: object) -> list[tuple[object, ...]]:
    return con.execute(sql, list(params)).fetchall()


@pytest.mark.parametrize("source", sorted(OURS))
def test_every_entity_id_names_an_entity(con: duckdb.DuckDBPyConnection, source: str) -> None:
    used = " union all ".join(
        f"select {column} as entity_id from conformed.{source}__{table}"
        for table, column in [("names", "entity_id"), ("identifiers", "entity_id"),
                              ("addresses", "entity_id"), ("countries", "entity_id")]
    )  # fmt: skip
    used += (" union all select entity_id from conformed.lists__memberships "
             f"where source = '{source}'")
    if source == "gb_uk_sanctions_list":
        used += (f" union all select owner_id from conformed.{source}__relationships"
                 f" union all select subject_id from conformed.{source}__relationships")
    orphans = rows(con, f"select distinct entity_id from ({used}) anti join "
                        "canonical.entities using (entity_id)")  # fmt: skip
    assert orphans == []
    prefixes = rows(con, f"select distinct left(entity_id, 8) from conformed.{source}__entities")
    assert prefixes == [(OURS[source],)]


def test_an_ofsi_target(con: duckdb.DuckDBPyConnection) -> None:
    assert rows(con, "select kind, name, status, category from conformed.gb_hmt_ofsi__entities "
                     "where entity_id = 'gb-ofsi-13349'") == [
        ("person", "Nayef Salam Muhammad Ujaym AL-HABABI", "listed", "Individual")]
    assert rows(con, "select scheme, value from conformed.gb_hmt_ofsi__identifiers "
                     "where entity_id = 'gb-ofsi-13349' order by all") == [
        ("gb-ofsi", "13349"), ("passport", "592667"), ("un-sc", "QDE.004")]
    assert rows(con, "select country, role from conformed.gb_hmt_ofsi__countries "
                     "where entity_id = 'gb-ofsi-13349' order by all") == [
        ("QA", "nationality"), ("SA", "nationality")]
    assert rows(con, "select count(*), count(distinct name) from conformed.gb_hmt_ofsi__names "
                     "where entity_id = 'gb-ofsi-13349'") == [(8, 8)]


def test_ofsi_memberships_and_delistings(con: duckdb.DuckDBPyConnection) -> None:
    assert rows(con, "select entity_id, program, listed_on, delisted_on, delisting_reason "
                     "from (select * from conformed.lists__memberships where source = 'gb_hmt_ofsi') "
                     "where entity_id in ('gb-ofsi-6995', 'gb-ofsi-99999') order by all") == [
        ("gb-ofsi-6995", "Somalia", date(2010, 4, 28), None, None),
        ("gb-ofsi-6995", "The ISIL (Da'esh) and Al-Qaida organisations", date(2001, 11, 8),
         None, None),
        ("gb-ofsi-99999", "Libya", date(2015, 1, 1), date(2026, 2, 1),
         "absent from snapshot snap-1 (last listed in snap-0)")]  # fmt: skip
    assert rows(con, "select kind, name, status from canonical.entities "
                     "where entity_id = 'gb-ofsi-99999'") == [("unknown", "99999", "delisted")]


def test_ofsi_addresses(con: duckdb.DuckDBPyConnection) -> None:
    assert rows(con, "select full_address, country from conformed.gb_hmt_ofsi__addresses "
                     "where entity_id = 'gb-ofsi-12871'") == [("Pyongyang, DPRK", "KP")]


def test_uk_sanctions_list_designations(con: duckdb.DuckDBPyConnection) -> None:
    assert rows(con, "select entity_id, kind, name, status from canonical.entities "
                     "where source = 'gb_uk_sanctions_list' order by all") == [
        ("gb-uksl-irn0001", "unknown", "IRN0001", "delisted"),
        ("gb-uksl-rus0001", "person", "Ivan PETROV", "listed"),
        ("gb-uksl-rus0002", "organization", "ACME HOLDING LLC", "listed"),
        ("gb-uksl-rus0002-2", "organization", "ACME HOLDING LLC", "listed"),
        ("gb-uksl-rus0003", "organization", "ACME TRADING LLC", "listed"),
        ("gb-uksl-rus0004", "vessel", "SEA STAR", "listed")]  # fmt: skip
    assert rows(con, "select name, name_type, strength from conformed.gb_uk_sanctions_list__names "
                     "where entity_id = 'gb-uksl-rus0001' order by all") == [
        ("Ivan PETROFF", "aka", "strong"), ("Ivan PETROV", "primary", "strong"),
        ("Vanya", "aka", "weak")]  # fmt: skip


def test_the_ofsi_group_id_joins_the_two_lists(con: duckdb.DuckDBPyConnection) -> None:
    found = rows(con, "select u.entity_id, o.entity_id "
                      "from conformed.gb_uk_sanctions_list__identifiers as u "
                      "join conformed.gb_hmt_ofsi__identifiers as o using (scheme, value) "
                      "where scheme = 'gb-ofsi'")  # fmt: skip
    assert found == [("gb-uksl-rus0001", "gb-ofsi-13349")]


def test_parent_companies_and_ship_owners_are_links_without_a_stake(
    con: duckdb.DuckDBPyConnection,
) -> None:
    assert rows(con, "select owner_id, subject_id, basis, stake_lo, stake_hi, source_type, status "
                     "from conformed.gb_uk_sanctions_list__relationships order by all") == [
        ("gb-uksl-rus0002", "gb-uksl-rus0003", "unknown", None, None, "parent_company", "active"),
        ("gb-uksl-rus0002", "gb-uksl-rus0004", "unknown", None, None, "current_owner_operator",
         "active")]  # fmt: skip
