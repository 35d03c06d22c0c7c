"""Conformed SQL of us_dod_1260h, us_fcc_covered, us_ndaa_889 and us_bis_mieu on a
real DuckDB warehouse in tmp_path (the real files, and a generated 1260H file
with a parent that is not listed)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pytest

from pipelines.lib import delistings, warehouse
from pipelines.lib.sqlmodels import discover, run_model
from pipelines.sources.registry import SOURCES
from tests.sources.uscn_support import MODULES, REAL, run, write_csv

OURS = tuple(MODULES)
DOD = "conformed.us_dod_1260h"
COLUMNS = {
    "entities": "entity_id kind name jurisdiction hq_country status category source "
    "source_record snapshot_id",
    "names": "entity_id name name_type lang strength source source_record snapshot_id",
    "identifiers": "entity_id scheme value issuer source source_record snapshot_id",
    "relationships": "relationship_id owner_id subject_id basis direct_or_indirect stake_lo "
    "stake_hi lo_inclusive hi_inclusive start_date end_date status source_type capacity "
    "source source_record snapshot_id",
}
MEMBERSHIP_COLUMNS = (
    "entity_id list_code program listed_on delisted_on delisting_reason "
    "source source_record snapshot_id"
)


def build(con: duckdb.DuckDBPyConnection, folder: Path, files: dict[str, Path]) -> None:
    """Parse ``files`` (source id -> file), load every source's staging (the
    others empty) and build our conformed views."""
    parsed: dict[str, Path] = {}
    for source_id, path in files.items():
        parsed[source_id] = folder / source_id
        run(source_id, path, parsed[source_id])
        # The stage writes the delistings; the first snapshot of a list has none.
        delistings.write(parsed[source_id], "snap-1", date(2026, 8, 22), None)
    for source in SOURCES:
        out = parsed.get(source.spec.id)
        snapshot = "snap-1" if out else None
        warehouse.load_staging(con, source.spec.id, source.spec.tables, out, snapshot)
    for model in discover():
        if model.schema == "conformed" and model.name.split("__")[0] in (*OURS, "lists"):
            run_model(con, model, {})


@pytest.fixture(scope="module")
def con(
    real_data: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[duckdb.DuckDBPyConnection]:
    folder = tmp_path_factory.mktemp("uscn_sql")
    with warehouse.connect(folder / "data") as connection:
        build(connection, folder, {source: real_data / REAL[source] for source in OURS})
        yield connection


def rows(con: duckdb.DuckDBPyConnection, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    return con.execute(sql, list(args)).fetchall()


def views(source: str) -> list[str]:
    return [m.name.split("__")[1] for m in discover() if m.name.split("__")[0] == source]


@pytest.mark.parametrize("source", OURS)
def test_columns_and_entity_ids(con: duckdb.DuckDBPyConnection, source: str) -> None:
    for table in views(source):
        found = [row[0] for row in rows(con, f"describe conformed.{source}__{table}")]
        assert found == COLUMNS[table].split(), table
    entities = f"conformed.{source}__entities"
    assert rows(con, f"select count(*) - count(distinct entity_id) from {entities}") == [(0,)]
    for table in views(source):
        for column in ("entity_id", "owner_id", "subject_id"):
            if column not in COLUMNS[table].split():
                continue
            orphans = rows(
                con,
                f"select count(*) from conformed.{source}__{table} "
                f"where {column} not in (select entity_id from {entities})",
            )
            assert orphans == [(0,)], (table, column)
    memberships = rows(
        con,
        "select count(*), count(*) filter (where entity_id not in "
        f"(select entity_id from {entities})) from conformed.lists__memberships "
        "where source = ?",
        source,
    )
    assert memberships[0][0] > 0 and memberships[0][1] == 0, memberships


def test_memberships_view_columns(con: duckdb.DuckDBPyConnection) -> None:
    found = [row[0] for row in rows(con, "describe conformed.lists__memberships")]
    assert found == MEMBERSHIP_COLUMNS.split()


def test_1260h(con: duckdb.DuckDBPyConnection) -> None:
    assert rows(
        con, "select count(*), count(distinct kind) from conformed.us_dod_1260h__entities"
    ) == [(227, 1)]
    reasons = rows(
        con,
        "select delisting_reason, count(*) from (select * from conformed.lists__memberships where source = 'us_dod_1260h') "
        "group by all order by all",
    )
    assert reasons == [
        ("absent from the newest edition in the file (2026-06-08)", 20),
        ("end date stated by the list", 19),
        (None, 188),
    ]
    link = rows(
        con,
        "select o.name, r.basis, r.stake_lo, r.source_type "
        f"from {DOD}__relationships r join {DOD}__entities o on o.entity_id = r.owner_id "
        f"join {DOD}__entities s on s.entity_id = r.subject_id "
        "where s.name = 'AVIC JONHON Optronic Technology Co., Ltd.'",
    )
    assert link == [
        ("Aviation Industry Corporation of China Ltd.", "unknown", None, "parent (1260H)")
    ]
    ids = rows(con, "select scheme, count(*) from conformed.us_dod_1260h__identifiers group by all")
    assert ids == [("us-dod-1260h", 227)]


def test_fcc_ndaa_mieu(con: duckdb.DuckDBPyConnection) -> None:
    link = rows(
        con,
        "select basis, stake_lo, stake_hi, lo_inclusive, source_type "
        "from conformed.us_fcc_covered__relationships",
    )
    assert link == [("shares", 100.0, 100.0, True, "wholly-owned subsidiary")]
    gru = rows(
        con,
        "select kind, jurisdiction, category from conformed.us_bis_mieu__entities "
        "where name = 'Main Intelligence Directorate'",
    )
    assert gru == [("state_body", "RU", "Organization")]
    assert rows(
        con, "select count(*) from conformed.us_bis_mieu__names where strength = 'weak'"
    ) == [(9,)]
    ndaa = rows(con, "select distinct kind, list_code from conformed.us_ndaa_889__entities e "
                "join (select * from conformed.lists__memberships where source = 'us_ndaa_889') m using (entity_id)")  # fmt: skip
    assert ndaa == [("company", "us_ndaa_889")]


def test_referenced_only_parent(tmp_path: Path) -> None:
    header = "Name,Clean Name,Alias,Previous Name,Parent Name,Note,Start date,End date,Source Url"
    path = write_csv(
        tmp_path / "sanctions.csv", header,
        "Child A*,Child A,,,Unlisted Holding Co.,,2025-01-07,,",
        "Child B*,Child B,,,Unlisted Holding Co,,2026-06-08,,",
    )  # fmt: skip
    with warehouse.connect(tmp_path / "data") as con:
        build(con, tmp_path, {"us_dod_1260h": path})
        parent = rows(
            con,
            "select e.entity_id, e.kind, e.status, e.name "
            f"from {DOD}__relationships r join {DOD}__entities e on e.entity_id = r.owner_id",
        )
        # Two children, one parent spelt two ways: one referenced-only entity.
        assert len(parent) == 2 and len(set(parent)) == 1
        entity_id, kind, status, name = parent[0]
        assert entity_id.startswith("us-dod-1260h-parent-")
        assert (kind, status, name) == ("organization", "referenced_only", "Unlisted Holding Co.")
        names = rows(con, "select name, name_type from conformed.us_dod_1260h__names "
                     "where entity_id = ? order by name_type desc", entity_id)  # fmt: skip
        assert names == [("Unlisted Holding Co.", "primary"), ("Unlisted Holding Co", "aka")]
