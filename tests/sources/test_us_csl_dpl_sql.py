"""us_trade_csl and us_bis_dpl conformed SQL, on a real DuckDB warehouse in tmp_path.

The CSL is loaded as a second snapshot of the real excerpt that lost its
Unverified List row, with the stage's delistings against the first, so the
list memberships show a delisting too.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import duckdb
import pytest

from pipelines.lib import delistings, warehouse
from pipelines.lib.sqlmodels import discover, run_model
from pipelines.lib.staging import StagingWriter
from pipelines.sources import us_bis_dpl, us_trade_csl
from pipelines.sources.base import ParseOptions, Snapshot, Source
from pipelines.sources.registry import SOURCES

CSL_EXCERPT = "sanctions/trade_gov_csl/consolidated_excerpt_2025.csv"
UVL_ID = "1b5979e8fd3920a1a0985bf5088dad930a6a5562d1513f9e4b015e42"
OURS = ("us_trade_csl", "us_bis_dpl")
TABLES = ("entities", "names", "identifiers", "addresses", "countries", "list_memberships")
MEMBERSHIPS = "(select * from conformed.lists__memberships where source = '{source}')"


def _parse(source: Source, data: Path, out: Path, snapshot_id: str) -> Path:
    snapshot = Snapshot(source.spec.id, snapshot_id, data.parent, {"data": data})
    with StagingWriter(out, source.spec.tables) as writer:
        source.parse(snapshot, writer, ParseOptions())
    return out


def _build(con: duckdb.DuckDBPyConnection, parsed: dict[str, Path]) -> None:
    for source in SOURCES:
        path = parsed.get(source.spec.id)
        snapshot = "snap-1" if path else None
        warehouse.load_staging(con, source.spec.id, source.spec.tables, path, snapshot)
    # Only these two sources' views (and every list's memberships): the other
    # sources' models are not under test.
    for model in discover():
        if model.schema == "conformed" and model.name.startswith((*OURS, "lists__")):
            run_model(con, model, {})


@pytest.fixture(scope="module")
def con(
    real_data: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[duckdb.DuckDBPyConnection]:
    folder = tmp_path_factory.mktemp("us_lists_sql")
    excerpt = real_data / CSL_EXCERPT
    before = _parse(us_trade_csl.SOURCE, excerpt, folder / "csl-0", "snap-0")
    delistings.write(before, "snap-0", date(2026, 1, 4), None)
    lines = excerpt.read_text(encoding="utf-8").splitlines(keepends=True)
    shrunk = folder / "consolidated.csv"
    shrunk.write_text("".join(line for line in lines if UVL_ID not in line), encoding="utf-8")
    csl = _parse(us_trade_csl.SOURCE, shrunk, folder / "csl-1", "snap-1")
    delistings.write(csl, "snap-1", date(2026, 1, 5), ("snap-0", before))
    dpl_file = real_data / "sanctions" / "us_bis" / "dpl.txt"
    dpl = _parse(us_bis_dpl.SOURCE, dpl_file, folder / "dpl-1", "snap-1")
    delistings.write(dpl, "snap-1", date(2026, 1, 5), None)
    with warehouse.connect(folder / "data") as connection:
        _build(connection, {"us_trade_csl": csl, "us_bis_dpl": dpl})
        yield connection


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple[object, ...]]:
    return con.execute(sql).fetchall()


@pytest.mark.parametrize("source", OURS)
def test_every_entity_id_exists(con: duckdb.DuckDBPyConnection, source: str) -> None:
    views = [name for (name,) in _rows(con, "select table_name from information_schema.tables "
                                            "where table_schema = 'conformed'")]  # fmt: skip
    for table in TABLES[1:]:
        relation = f"conformed.{source}__{table}"
        if table == "list_memberships":
            relation = MEMBERSHIPS.format(source=source)
        elif f"{source}__{table}" not in views:
            continue  # the DPL states no identifiers nor countries
        # A delisted entry is by nature absent from the snapshot's entities.
        listed = "delisting_reason not like 'absent from snapshot%'"
        where = f"where {listed} or delisting_reason is null" if table == "list_memberships" else ""
        orphans = _rows(con, f"select distinct entity_id from {relation} "
                             f"anti join conformed.{source}__entities using (entity_id) {where}")  # fmt: skip
        assert orphans == [], (source, table, orphans)


def test_csl_entities_and_kinds(con: duckdb.DuckDBPyConnection) -> None:
    rows = _rows(con, "select kind, count(*) from conformed.us_trade_csl__entities "
                      "group by kind order by kind")  # fmt: skip
    assert rows == [("company", 2), ("organization", 4), ("person", 4), ("unknown", 2)]
    sdn = _rows(con, "select entity_id, kind, name, category, status "
                     "from conformed.us_trade_csl__entities where source_record = '52291'")  # fmt: skip
    assert sdn == [("csl-52291", "person", "RIM, Ryong Nam", "Individual", "listed")]


def test_csl_identifiers(con: duckdb.DuckDBPyConnection) -> None:
    rows = _rows(con, "select entity_id, scheme, value, issuer from "
                      "conformed.us_trade_csl__identifiers where scheme <> 'us-csl' "
                      "order by entity_id, scheme, value")  # fmt: skip
    assert rows == [
        ("csl-18283", "ofac", "18283", None),
        ("csl-18283", "registration", "1027739108649", "Public Registration Number"),
        ("csl-18283", "swift-bic", "RUDVRUMM", None),
        ("csl-18300", "ofac", "18300", None),
        ("csl-18300", "registration", "C122790", "Registration ID"),
        ("csl-26182", "ofac", "26182", None),
        ("csl-26182", "passport", "U00242309", "Passport, TR"),
        ("csl-28603", "ofac", "28603", None),
        ("csl-28603", "registration", "CH-660.0.559.011-2", "Business Registration Number, CH"),
        ("csl-28603", "tax-id", "CHE-267.936.404", "V.A.T. Number, CH"),
        ("csl-52291", "ofac", "52291", None),
        ("csl-52291", "passport", "836238033", "Passport, KP"),
        ("csl-9651", "ofac", "9651", None),
        ("csl-9673", "ofac", "9673", None),
    ]
    assert _rows(con, "select count(*) from conformed.us_trade_csl__identifiers "
                      "where scheme = 'us-csl'") == [(12,)]  # fmt: skip


def test_csl_names_addresses_countries(con: duckdb.DuckDBPyConnection) -> None:
    akas = _rows(con, "select count(*) from conformed.us_trade_csl__names where name_type = 'aka'")
    assert akas == [(15,)]
    isn = _rows(con, "select name from conformed.us_trade_csl__names "
                     "where name like 'Sinobright%'")  # fmt: skip
    assert isn == [("Sinobright Import and Export Company",)]
    rim = _rows(con, "select country from conformed.us_trade_csl__addresses "
                     "where entity_id = 'csl-52291' order by country")  # fmt: skip
    assert rim == [("CN",), ("KP",)]
    countries = _rows(con, "select entity_id, country, role from "
                           "conformed.us_trade_csl__countries order by 1")  # fmt: skip
    assert countries == [("csl-26182", "TR", "citizenship"), ("csl-52291", "KP", "nationality")]


def test_csl_memberships_with_a_delisting(con: duckdb.DuckDBPyConnection) -> None:
    unknown = _rows(con, "select m.list_code from (select * from conformed.lists__memberships where source = 'us_trade_csl') as m "
                         "anti join reference.list_codes as l using (list_code)")  # fmt: skip
    assert unknown == []
    delisted = _rows(con, "select entity_id, list_code, delisted_on::varchar, delisting_reason "
                          "from (select * from conformed.lists__memberships where source = 'us_trade_csl') "
                          "where delisted_on is not null order by entity_id")  # fmt: skip
    assert delisted == [
        (f"csl-{UVL_ID}", "us_bis_uvl", "2026-01-05",
         "absent from snapshot snap-1 (last listed in snap-0)"),
        ("csl-b601cbf2841d0aaedfe63661581ffbc3d54b6ba39d7e3a9027cff50e", "us_bis_dpl",
         "2056-06-29", "end date stated by the list"),
    ]  # fmt: skip


def test_dpl_views(con: duckdb.DuckDBPyConnection) -> None:
    counts = _rows(con, "select (select count(*) from conformed.us_bis_dpl__entities), "
                        "(select count(*) from conformed.us_bis_dpl__names), "
                        "(select count(*) from conformed.us_bis_dpl__addresses), "
                        "(select count(*) from (select * from conformed.lists__memberships where source = 'us_bis_dpl'))")  # fmt: skip
    assert counts == [(576, 576, 576, 576)]
    china = _rows(con, "select e.name, a.city, m.listed_on::varchar, m.delisted_on::varchar "
                       "from conformed.us_bis_dpl__entities as e "
                       "join conformed.us_bis_dpl__addresses as a using (entity_id) "
                       "join (select * from conformed.lists__memberships where source = 'us_bis_dpl') as m using (entity_id) "
                       "where e.name = 'JOHNSON HU'")  # fmt: skip
    assert china == [("JOHNSON HU", "PU DONG SHANGHAI", "2016-02-03", "2024-07-24")]
    kinds = {
        kind: count
        for kind, count in _rows(
            con, "select kind, count(*) from conformed.us_bis_dpl__entities group by 1"
        )
    }
    assert kinds == {"person": 149, "company": 88, "organization": 52, "unknown": 287}
    reasons = _rows(con, "select distinct delisting_reason from "
                         "(select * from conformed.lists__memberships where source = 'us_bis_dpl') order by 1")  # fmt: skip
    assert reasons == [("denial order expires (Expiration_Date)",), (None,)]
