"""eu_fsf conformed SQL on a real DuckDB warehouse in tmp_path, from the hand-written
edge cases plus one delisting (as the stage writes it)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipelines.lib import warehouse
from pipelines.lib.staging import StagingWriter
from pipelines.sources.base import ParseOptions, Snapshot
from pipelines.sources.eu_fsf import SPEC, parse
from pipelines.sources.lists import DELISTINGS, DELISTINGS_SCHEMA
from tests.sources import eu_fsf_cases
from tests.sources.test_un_sc_sanctions_sql import build, rows

DELISTED = {"key": "55", "list_code": "eu_fsf", "program": "SYR", "listed_on": date(2012, 1, 1),
            "last_seen_snapshot": "snap-0", "delisted_on": date(2026, 2, 1),
            "reason": "absent from snapshot snap-1 (last listed in snap-0)"}  # fmt: skip


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    folder = tmp_path_factory.mktemp("eu_fsf_sql")
    path = eu_fsf_cases.write(folder / "in")
    with StagingWriter(folder / "parquet", SPEC.tables) as writer:
        parse(Snapshot(SPEC.id, "snap-1", path.parent, {"data": path}), writer, ParseOptions())
    delistings = pa.Table.from_pylist([DELISTED], schema=DELISTINGS_SCHEMA)
    pq.write_table(delistings, folder / "parquet" / f"{DELISTINGS}.parquet")
    with warehouse.connect(folder / "data") as connection:
        build(connection, SPEC.id, folder / "parquet")
        yield connection


def test_entities(con: duckdb.DuckDBPyConnection) -> None:
    assert rows(con, "select entity_id, kind, name, status, category from canonical.entities "
                     "where source = 'eu_fsf' order by entity_id") == [
        ("eu-fsf-13", "person", "Saddam Hussein Al-Tikriti", "listed", "person"),
        ("eu-fsf-207", "organization", "Example Shipping LLC", "listed", "enterprise"),
        ("eu-fsf-300", "person", "Delisted Person", "listed", "person"),
        ("eu-fsf-55", "unknown", "55", "delisted", None)]  # fmt: skip


def test_names_types_languages_and_strength(con: duckdb.DuckDBPyConnection) -> None:
    assert rows(con, "select name, name_type, lang, strength from conformed.eu_fsf__names "
                     "where entity_id = 'eu-fsf-13' order by all") == [
        ("Abu Ali", "aka", None, "weak"),
        ("Saddam Hussein Al-Tikriti", "primary", None, "strong"),
        ("Саддам Хюсеин", "alternative_language", "bg", "strong")]  # fmt: skip


def test_identifiers_link_to_the_un_list(con: duckdb.DuckDBPyConnection) -> None:
    assert rows(con, "select entity_id, scheme, value, issuer from conformed.eu_fsf__identifiers "
                     "order by all") == [
        ("eu-fsf-13", "eu-fsf", "EU.27.28", None), ("eu-fsf-13", "eu-fsf-id", "13", None),
        ("eu-fsf-13", "passport", "AD001095", "IQ"), ("eu-fsf-13", "un-sc", "QDI.001", None),
        ("eu-fsf-207", "eu-fsf", "EU.7166.77", None), ("eu-fsf-207", "eu-fsf-id", "207", None),
        ("eu-fsf-207", "registration", "1027700132195", "RU"),
        ("eu-fsf-300", "eu-fsf", "EU.999.1", None), ("eu-fsf-300", "eu-fsf-id", "300", None)]  # fmt: skip


def test_addresses_and_countries(con: duckdb.DuckDBPyConnection) -> None:
    assert rows(con, "select entity_id, full_address, city, postal_code, country "
                     "from conformed.eu_fsf__addresses") == [
        ("eu-fsf-207", "Tverskaya 12, Moscow, 125009, RUSSIAN FEDERATION", "Moscow", "125009",
         "RU")]  # fmt: skip
    assert rows(con, "select entity_id, country, role from conformed.eu_fsf__countries") == [
        ("eu-fsf-13", "IQ", "citizenship")
    ]


def test_memberships_and_delistings(con: duckdb.DuckDBPyConnection) -> None:
    assert rows(con, "select entity_id, program, listed_on, delisted_on, delisting_reason "
                     "from (select * from conformed.lists__memberships where source = 'eu_fsf') order by all") == [
        ("eu-fsf-13", "IRQ", date(2003, 7, 8), None, None),
        ("eu-fsf-13", "TERR", date(2003, 12, 22), None, None),
        ("eu-fsf-207", "RUS", date(2022, 6, 3), None, None),
        ("eu-fsf-300", None, date(2011, 3, 21), date(2025, 1, 15),
         "delistingDate stated by the list"),
        ("eu-fsf-55", "SYR", date(2012, 1, 1), date(2026, 2, 1), DELISTED["reason"])]  # fmt: skip
