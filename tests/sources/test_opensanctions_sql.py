"""opensanctions conformed SQL, on a real DuckDB warehouse in tmp_path."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipelines.lib import warehouse
from pipelines.lib.demo.lists import ftm as demo
from pipelines.lib.staging import StagingWriter
from pipelines.sources.base import ParseOptions, Snapshot
from pipelines.sources.lists import DELISTINGS, DELISTINGS_SCHEMA
from pipelines.sources.opensanctions import SPEC, parse
from pipelines.sources.registry import SOURCES
from tests.sources.canonical_build import build_canonical_entities
from tests.sources.test_opensanctions import ENTRIES, entity, write_lines

ZALA = "opensanctions_ftm/yente-zala-fixture/entities.ftm.json"
CST = "os-nk-abdzbebkqyt29gyrebiurz"
USCC = "91440300MA5ABCDE1H"  # check character H: valid


def _build(folder: Path, path: Path, delisted: list[dict[str, Any]]) -> Iterator[Any]:
    parquet = folder / "parquet"
    with StagingWriter(parquet, SPEC.tables) as writer:
        parse(Snapshot("opensanctions", "snap-1", folder, {"data": path}), writer, ParseOptions())
    # The stage writes the delistings; here, as it would after a former snapshot.
    pq.write_table(
        pa.Table.from_pylist(delisted, DELISTINGS_SCHEMA), parquet / f"{DELISTINGS}.parquet"
    )
    with warehouse.connect(folder / "data") as con:
        for source in SOURCES:
            ours = source.spec.id == "opensanctions"
            warehouse.load_staging(con, source.spec.id, source.spec.tables,
                                   parquet if ours else None, "snap-1" if ours else None)  # fmt: skip
        build_canonical_entities(con)
        yield con


@pytest.fixture(scope="module")
def zala(real_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    yield from _build(tmp_path_factory.mktemp("os_zala"), real_data / ZALA, [])


def _generated_lines(folder: Path) -> Path:
    path = demo.write(folder / "demo.json", ENTRIES, date(2026, 11, 20))
    extra = write_lines(
        folder / "extra.json",
        entity("ofac-2001", "Company", name=["Good USCC Ltd"], jurisdiction=["cn"],
               registrationNumber=[USCC], country=["cn", "suhh"]),
        entity("ofac-2002", "Company", name=["Bad USCC Ltd"], jurisdiction=["cn"],
               registrationNumber=["91440300MA5ABCDE1X"]),
        entity("gb-hmt-15174", "Person", name=["Tatiana"], nationality=["ua-cri"],
               citizenship=["ru"], weakAlias=["Tanya"]),
        entity("NK-Own1", "Ownership", owner=["ofac-2001"], asset=["ofac-9999"],
               percentage=[">50"], ownershipType=["indirect"], startDate=["2020-01"],
               endDate=["2024-05-06"]),
        entity("NK-Dir1", "Directorship", director=["gb-hmt-15174"], organization=["ofac-2001"],
               role=["General Director"]),
        entity("ofac-san-2001", "Sanction", entity=["ofac-2001"], program=["SDGT"],
               startDate=["2020-02-03"], endDate=["2025-02-03"]),
    )  # fmt: skip
    combined = folder / "entities.ftm.json"
    combined.write_text(path.read_text() + extra.read_text(), encoding="utf-8")
    return combined


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    folder = tmp_path_factory.mktemp("os_generated")
    delisted = [{"key": "ofac-999", "list_code": "us_ofac_sdn", "program": "SDGT",
                 "listed_on": None, "last_seen_snapshot": "snap-0",
                 "delisted_on": date(2026, 1, 1), "reason": "absent from snapshot snap-1"}]  # fmt: skip
    yield from _build(folder, _generated_lines(folder), delisted)


def rows(con: duckdb.DuckDBPyConnection, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    return con.execute(sql, list(params)).fetchall()


def test_zala_ownership_chain_of_llc_cst(zala: duckdb.DuckDBPyConnection) -> None:
    found = rows(zala, """
        select replace(owner_id, 'os-nk-', ''), basis, stake_lo, stake_hi, lo_inclusive,
            hi_inclusive, start_date::varchar, end_date::varchar, capacity
        from conformed.opensanctions__relationships
        where subject_id = ? and source_type = 'Ownership'
        order by 1, stake_lo nulls last""", CST)  # fmt: skip
    assert found == [
        ("au5ybkbrfjucf8ymwsjvdw", "shares", 48.0, 48.0, True, True, "2015-11-25", "2023-12-21", None),
        ("au5ybkbrfjucf8ymwsjvdw", "shares", 50.0, 50.0, True, True, "2015-11-25", "2023-03-02", None),
        ("au5ybkbrfjucf8ymwsjvdw", "shares", 51.0, 51.0, True, True, "2015-11-25", None, None),
        ("dq98gpmgdvh8dszd8g9xtc", "shares", 1.0, 1.0, True, True, "2022-01-17", "2023-03-02", None),
        ("dsxj9zzhxbbmyemnntbhai", "shares", 2.0, 2.0, True, True, "2019-05-24", "2023-12-21", None),
        ("nr5axm9avpq4pqaspsavam", "shares", 49.0, 49.0, True, True, "2016-03-29", None, None),
        ("nr5axm9avpq4pqaspsavam", "unknown", None, None, None, None, None, None, "subsidiary of"),
    ]  # fmt: skip
    directors = rows(zala, """
        select basis, capacity from conformed.opensanctions__relationships
        where subject_id = ? and source_type = 'Directorship' order by 2""", CST)  # fmt: skip
    assert directors == [("association", "Leader or official of"),
                         ("association", "ГЕНЕРАЛЬНЫЙ ДИРЕКТОР")]  # fmt: skip


@pytest.mark.parametrize("name", ["zala", "generated"])
def test_every_link_and_membership_ends_at_an_entity(name: str, request: Any) -> None:
    con = request.getfixturevalue(name)
    missing = rows(
        con,
        """
        with ids as (
            select owner_id as id from conformed.opensanctions__relationships
            union select subject_id from conformed.opensanctions__relationships
            union select entity_id from (select * from conformed.lists__memberships where source = 'opensanctions')
            union select entity_id from conformed.opensanctions__names
            union select entity_id from conformed.opensanctions__identifiers
        )
        select id from ids where id not in (select entity_id from canonical.entities)""",
    )
    assert missing == []
    dupes = rows(con, "select entity_id from conformed.opensanctions__entities "
                      "group by 1 having count(*) > 1")  # fmt: skip
    assert dupes == []


def test_entities(generated: duckdb.DuckDBPyConnection) -> None:
    found = rows(
        generated,
        """
        select entity_id, kind, name, jurisdiction, status, category
        from conformed.opensanctions__entities order by entity_id""",
    )
    assert found == [
        ("os-gb-hmt-15174", "person", "gb-hmt-15174", None, "listed", "Person"),
        ("os-ofac-1001", "company", "Hongda Electronics Co", "CN", "listed", "Company"),
        ("os-ofac-1002", "person", "Ivan Petrov", None, "listed", "Person"),
        ("os-ofac-1003", "company", "Hongda Trading Ltd", None, "listed", "Company"),
        ("os-ofac-1004", "vessel", "Sea Star", None, "listed", "Vessel"),
        ("os-ofac-2001", "company", "ofac-2001", "CN", "listed", "Company"),
        ("os-ofac-2002", "company", "ofac-2002", "CN", "listed", "Company"),
        # Named by an Ownership, absent from the file.
        ("os-ofac-9999", "unknown", "ofac-9999", None, "referenced_only", None),
    ]
    # Named only by a delisting: canonical.entities keeps it, as for every list.
    assert rows(generated, "select kind, name, status, source from canonical.entities "
                           "where entity_id = 'os-ofac-999'") == [
        ("unknown", "ofac-999", "delisted", "opensanctions")]  # fmt: skip


def test_identifiers(generated: duckdb.DuckDBPyConnection) -> None:
    found = rows(
        generated,
        """
        select entity_id, scheme, value, issuer from conformed.opensanctions__identifiers
        where entity_id in ('os-ofac-1001', 'os-ofac-2001', 'os-ofac-2002', 'os-gb-hmt-15174')
        order by all""",
    )
    assert found == [
        ("os-gb-hmt-15174", "gb-ofsi", "15174", None),
        ("os-gb-hmt-15174", "opensanctions", "GB-HMT-15174", None),
        ("os-ofac-1001", "isin", "CNE000001R84", None),
        ("os-ofac-1001", "ofac", "1001", None),
        ("os-ofac-1001", "opensanctions", "OFAC-1001", None),
        # The demo's made-up code fails the USCC check: an ordinary register number.
        ("os-ofac-1001", "registration", "91440300MA5ABCDE1X", "CN"),
        ("os-ofac-2001", "cn-uscc", USCC, "CN"),
        ("os-ofac-2001", "ofac", "2001", None),
        ("os-ofac-2001", "opensanctions", "OFAC-2001", None),
        ("os-ofac-2002", "ofac", "2002", None),
        ("os-ofac-2002", "opensanctions", "OFAC-2002", None),
        ("os-ofac-2002", "registration", "91440300MA5ABCDE1X", "CN"),
    ]


def test_links_with_a_band_and_without_a_known_endpoint(
    generated: duckdb.DuckDBPyConnection,
) -> None:
    found = rows(
        generated,
        """
        select owner_id, subject_id, basis, direct_or_indirect, stake_lo, stake_hi, lo_inclusive,
            hi_inclusive, start_date, end_date, status, source_type, capacity
        from conformed.opensanctions__relationships order by source_type, owner_id""",
    )
    assert found == [
        ("os-gb-hmt-15174", "os-ofac-2001", "association", "unknown", None, None, None, None,
         None, None, "active", "Directorship", "General Director"),
        # ">50": more than half, (50, 100]; a start stated to the month is no day.
        ("os-ofac-1001", "os-ofac-1003", "unknown", "unknown", None, None, None, None,
         None, None, "active", "Ownership", None),
        ("os-ofac-2001", "os-ofac-9999", "shares", "indirect", 50.0, 100.0, False, True,
         None, date(2024, 5, 6), "active", "Ownership", None),
    ]  # fmt: skip


def test_memberships_and_delistings(generated: duckdb.DuckDBPyConnection) -> None:
    found = rows(
        generated,
        """
        select entity_id, list_code, program, listed_on, delisted_on, delisting_reason
        from (select * from conformed.lists__memberships where source = 'opensanctions')
        where entity_id in ('os-ofac-2001', 'os-ofac-999', 'os-ofac-1001') order by all""",
    )
    assert found == [
        ("os-ofac-1001", "us_ofac_sdn", "IFSR", date(2021, 3, 4), None, None),
        ("os-ofac-1001", "us_ofac_sdn", "NPWMD", date(2021, 3, 4), None, None),
        ("os-ofac-2001", "us_ofac_sdn", "SDGT", date(2020, 2, 3), date(2025, 2, 3),
         "end date stated by the list"),
        ("os-ofac-999", "us_ofac_sdn", "SDGT", None, date(2026, 1, 1),
         "absent from snapshot snap-1"),
    ]  # fmt: skip


def test_names_countries_and_addresses(generated: duckdb.DuckDBPyConnection) -> None:
    names = rows(
        generated,
        """
        select name, name_type, strength from conformed.opensanctions__names
        where entity_id in ('os-ofac-1001', 'os-gb-hmt-15174') order by all""",
    )
    assert names == [
        ("HONGDA ELEC", "aka", "weak"), ("Hongda Electronics Co", "primary", "strong"),
        ("Shenzhen Hongda", "aka", "strong"), ("Tanya", "aka", "weak"),
        ("Tatiana", "primary", "strong"),
    ]  # fmt: skip
    countries = rows(
        generated,
        """
        select entity_id, country, role from conformed.opensanctions__countries
        where entity_id in ('os-ofac-2001', 'os-gb-hmt-15174') order by all""",
    )
    # "suhh" (the Soviet Union) names no current country; "ua-cri" is in UA.
    assert countries == [
        ("os-gb-hmt-15174", "RU", "citizenship"), ("os-gb-hmt-15174", "UA", "nationality"),
        ("os-ofac-2001", "CN", "country"), ("os-ofac-2001", "CN", "registration"),
    ]  # fmt: skip
    # The party's address string equals its Address entity's: one address.
    addresses = rows(
        generated,
        """
        select entity_id, full_address, city, country from conformed.opensanctions__addresses""",
    )
    assert addresses == [("os-ofac-1001", "1 Keji Road, Shenzhen", "Shenzhen", "CN")]
