"""OFAC Enhanced XML conformed views, on a real DuckDB warehouse in tmp_path:
the real CONS_ENHANCED and a generated SDN_ENHANCED, loaded together."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import duckdb
import pytest

from pipelines.lib import delistings, warehouse
from pipelines.lib.demo.lists import ListEntry
from pipelines.lib.staging import StagingWriter
from pipelines.sources.base import ParseOptions, Snapshot, Source
from pipelines.sources.registry import SOURCES
from pipelines.sources.us_ofac_cons_xml import SOURCE as CONS
from pipelines.sources.us_ofac_sdn_xml import SOURCE as SDN
from tests.sources.canonical_build import build_canonical_entities
from tests.sources.test_ofac_xml_generated import ENTRIES, generated

COLUMNS = {
    "entities": "entity_id kind name jurisdiction hq_country status category",
    "names": "entity_id name name_type lang strength",
    "identifiers": "entity_id scheme value issuer",
    "addresses": "entity_id address_type full_address city region postal_code country lang",
    "countries": "entity_id country role",
    "relationships": "relationship_id owner_id subject_id basis direct_or_indirect stake_lo "
    "stake_hi lo_inclusive hi_inclusive start_date end_date status source_type capacity",
}
MEMBERSHIP_COLUMNS = "entity_id list_code program listed_on delisted_on delisting_reason"


GONE = ListEntry(key="51005", name="GONE TRADING LLC", kind="company", programs=("SDGT",))
DELISTED_ON = date(2025, 4, 1)


def _stage(source: Source, path: Path, out: Path, snapshot_id: str) -> Path:
    snapshot = Snapshot(source.spec.id, snapshot_id, path.parent, {"data": path})
    with StagingWriter(out, source.spec.tables) as writer:
        source.parse(snapshot, writer, ParseOptions())
    return out


def _sdn_snapshots(folder: Path) -> Path:
    """Two SDN snapshots: GONE is on the first only, so the stage records its delisting."""
    first = generated(folder / "sdn_in1", (*ENTRIES, GONE))
    earlier = _stage(SDN, first, folder / "sdn1", "snap-0")
    delistings.write(earlier, "snap-0", date(2025, 3, 1), None)
    latest = _stage(SDN, generated(folder / "sdn_in2"), folder / "sdn2", "snap-1")
    delistings.write(latest, "snap-1", DELISTED_ON, ("snap-0", earlier))
    return latest


@pytest.fixture(scope="module")
def con(real_data: Path, tmp_path_factory: pytest.TempPathFactory
        ) -> Iterator[duckdb.DuckDBPyConnection]:  # fmt: skip
    folder = tmp_path_factory.mktemp("ofac_xml_sql")
    cons_xml = real_data / "sanctions" / "ofac_consolidated" / "CONS_ENHANCED.XML"
    ours = {CONS.spec.id: _stage(CONS, cons_xml, folder / "cons", "snap-1"),
            SDN.spec.id: _sdn_snapshots(folder)}  # fmt: skip
    delistings.write(ours[CONS.spec.id], "snap-1", DELISTED_ON, None)
    with warehouse.connect(folder / "data") as connection:
        for source in SOURCES:
            parquet = ours.get(source.spec.id)
            snapshot = None if parquet is None else "snap-1"
            warehouse.load_staging(
                connection, source.spec.id, source.spec.tables, parquet, snapshot
            )
        build_canonical_entities(connection)
        yield connection


def rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple[object, ...]]:
    return con.execute(sql).fetchall()


@pytest.mark.parametrize("source", ["us_ofac_sdn_xml", "us_ofac_cons_xml"])
@pytest.mark.parametrize("table", sorted(COLUMNS))
def test_views_have_the_conformed_columns(con: duckdb.DuckDBPyConnection, source: str,
                                          table: str) -> None:  # fmt: skip
    view = f"conformed.{source}__{table}"
    names = [column[0] for column in con.execute(f"describe {view}").fetchall()]
    assert names == [*COLUMNS[table].split(), "source", "source_record", "snapshot_id"]
    assert rows(con, f"select distinct source from {view}") == [(source,)]


def test_memberships_view_has_the_conformed_columns(con: duckdb.DuckDBPyConnection) -> None:
    names = [c[0] for c in con.execute("describe conformed.lists__memberships").fetchall()]
    assert names == [*MEMBERSHIP_COLUMNS.split(), "source", "source_record", "snapshot_id"]
    assert rows(con, "select distinct source from conformed.lists__memberships order by 1") == [
        ("us_ofac_cons_xml",), ("us_ofac_sdn_xml",)]  # fmt: skip


@pytest.mark.parametrize("source", ["us_ofac_sdn_xml", "us_ofac_cons_xml"])
def test_every_entity_id_used_is_an_entity(con: duckdb.DuckDBPyConnection, source: str) -> None:
    used = " union all ".join(
        f"select {column} as entity_id from conformed.{source}__{table}"
        for table, column in [("names", "entity_id"), ("identifiers", "entity_id"),
                              ("addresses", "entity_id"), ("countries", "entity_id"),
                              ("relationships", "owner_id"), ("relationships", "subject_id")]
    )  # fmt: skip
    used += (" union all select entity_id from conformed.lists__memberships "
             f"where source = '{source}'")
    dangling = rows(con, f"select distinct entity_id from ({used}) anti join "
                         "canonical.entities using (entity_id)")  # fmt: skip
    assert dangling == []
    duplicated = rows(con, f"select entity_id from conformed.{source}__entities "
                           "group by entity_id having count(*) > 1")  # fmt: skip
    assert duplicated == []


def test_owned_or_controlled_by_points_from_parent_to_subsidiary(
    con: duckdb.DuckDBPyConnection,
) -> None:
    edges = rows(con, "select owner_id, subject_id, basis, stake_lo, stake_hi, source_type "
                      "from conformed.us_ofac_cons_xml__relationships where subject_id in "
                      "('ofac-30882', 'ofac-30947', 'ofac-9647') order by subject_id")  # fmt: skip
    assert edges == [
        # CHINA TELECOM CORPORATION LIMITED, owned by CHINA TELECOMMUNICATIONS CORPORATION.
        ("ofac-30939", "ofac-30882", "unknown", None, None, "Owned or Controlled By"),
        # HUAWEI TECHNOLOGIES, which HUAWEI INVESTMENT & HOLDING "owns, controls, or operates".
        ("ofac-32087", "ofac-30947", "unknown", None, None, "Owns, controls, or operates"),
        # ZAHHAR acts for HAMAS, an SDN entity the consolidated file does not describe.
        ("ofac-4695", "ofac-9647", "association", None, None, "Acting for or on behalf of"),
    ]
    hamas = rows(con, "select kind, name, status from conformed.us_ofac_cons_xml__entities "
                      "where entity_id = 'ofac-4695'")  # fmt: skip
    assert hamas == [("unknown", "HAMAS", "referenced_only")]


def test_generated_sdn_ownership_and_identifiers(con: duckdb.DuckDBPyConnection) -> None:
    edges = rows(con, "select owner_id, subject_id, basis from "
                      "conformed.us_ofac_sdn_xml__relationships order by subject_id")  # fmt: skip
    assert edges == [("ofac-51001", "ofac-51002", "unknown"),
                     ("ofac-51002", "ofac-51004", "unknown")]  # fmt: skip
    identifiers = rows(con, "select entity_id, scheme, value, issuer from "
                            "conformed.us_ofac_sdn_xml__identifiers where scheme <> 'ofac' "
                            "order by entity_id, scheme")  # fmt: skip
    assert identifiers == [
        ("ofac-51001", "cn-uscc", "91110000710930191X", "CN"),
        ("ofac-51001", "isin", "CNE000001AB2", None),
        ("ofac-51001", "lei", "5493001KJTIIGC8Y1R12", "CN"),
        ("ofac-51001", "ticker", "600001CN", None),
        ("ofac-51002", "hk-cr", "1234567", "HK"),
        ("ofac-51003", "passport", "E1234567", "CN"),
        ("ofac-51004", "imo", "9187629", None),
    ]
    kinds = rows(con, "select entity_id, kind from conformed.us_ofac_sdn_xml__entities "
                      "where status = 'listed' order by entity_id")  # fmt: skip
    assert [kind for _, kind in kinds] == ["organization", "organization", "person", "vessel"]
    nationality = rows(con, "select entity_id, country, role from "
                            "conformed.us_ofac_sdn_xml__countries")  # fmt: skip
    assert nationality == [("ofac-51003", "CN", "nationality")]
    weak = rows(con, "select name from conformed.us_ofac_sdn_xml__names where strength = 'weak'")
    assert weak == [("HXG",)]


def test_cons_entities_names_countries_and_memberships(con: duckdb.DuckDBPyConnection) -> None:
    telecom = rows(
        con,
        "select kind, name, jurisdiction, category from "
        "conformed.us_ofac_cons_xml__entities where entity_id = 'ofac-30882'",
    )
    assert telecom == [("company", "CHINA TELECOM CORPORATION LIMITED", None, "Entity")]
    uscc = rows(con, "select value from conformed.us_ofac_cons_xml__identifiers "
                     "where entity_id = 'ofac-30882' and scheme = 'cn-uscc'")  # fmt: skip
    assert uscc == [("9111000071093019X7",)]
    registered = rows(
        con,
        "select count(*), count(distinct c.entity_id) from "
        "conformed.us_ofac_cons_xml__countries as c join "
        "conformed.us_ofac_cons_xml__entities as e using (entity_id) "
        "where c.role = 'registration' and e.jurisdiction = 'RU'",
    )
    assert registered == [(12, 12)]
    cyrillic = rows(
        con,
        "select count(*) from conformed.us_ofac_cons_xml__names "
        "where name_type = 'alternative_language' and lang is null",
    )
    assert cyrillic == [(39,)]
    counts = rows(
        con,
        "select list_code, count(distinct entity_id) from "
        "(select * from conformed.lists__memberships where source = 'us_ofac_cons_xml') group by list_code",
    )
    lists = {code: count for code, count in counts}
    assert (lists["us_ofac_ns_cmic"], lists["us_ofac_ssi"], lists["us_ofac_sdn"]) == (68, 286, 77)


def test_delisted_entry_keeps_its_membership_and_entity(con: duckdb.DuckDBPyConnection) -> None:
    ended = rows(con, "select list_code, program, delisted_on, delisting_reason is not null "
                      "from (select * from conformed.lists__memberships where source = 'us_ofac_sdn_xml') "
                      "where entity_id = 'ofac-51005'")  # fmt: skip
    assert ended == [("us_ofac_sdn", "SDGT", DELISTED_ON, True)]
    entity = rows(con, "select kind, status from canonical.entities "
                       "where entity_id = 'ofac-51005'")  # fmt: skip
    assert entity == [("unknown", "delisted")]
