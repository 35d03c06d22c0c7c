"""gb_coh_companies conformed SQL -> canonical tables, on a real DuckDB warehouse in tmp_path."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from pipelines.lib import warehouse
from pipelines.lib.sqlmodels import discover, run_model
from pipelines.lib.staging import StagingWriter
from pipelines.sources.base import ParseOptions, Snapshot
from pipelines.sources.gb_coh_companies import SPEC, parse
from pipelines.sources.registry import SOURCES
from tests.sources.test_gb_coh_companies import (
    csv_text,
    real_header,
    real_rows,
    with_previous_names,
)

ENTITY = "gb-coh-08209948"


@pytest.fixture(scope="module")
def con(
    real_data: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[duckdb.DuckDBPyConnection]:
    folder = tmp_path_factory.mktemp("gb_coh_sql")
    first, second = real_rows(real_data)
    scottish = second | {"CompanyNumber": "SC123456", "RegAddress.Country": "SCOTLAND"}
    text = csv_text(real_header(real_data), [with_previous_names(first), scottish])
    path = folder / "BasicCompanyData.csv"
    path.write_text(text + '"BROKEN"\r\n', encoding="utf-8")
    with StagingWriter(folder / "parquet", SPEC.tables) as writer:
        parse(Snapshot(SPEC.id, "snap-1", folder, {"data": path}), writer, ParseOptions())
    with warehouse.connect(folder / "data") as connection:
        for source in SOURCES:
            ours = source.spec.id == SPEC.id
            parquet, snapshot = (folder / "parquet", "snap-1") if ours else (None, None)
            warehouse.load_staging(
                connection, source.spec.id, source.spec.tables, parquet, snapshot
            )
        for model in discover():
            if model.schema in ("conformed", "canonical"):
                run_model(connection, model, {"as_of": "2026-01-01"})
        yield connection


def test_company_lands_in_entities(con: duckdb.DuckDBPyConnection) -> None:
    rows = con.execute(
        "select entity_id, kind, name, jurisdiction, hq_country, status, category, source_record, "
        "snapshot_id from canonical.entities where source = 'gb_coh_companies' order by entity_id"
    ).fetchall()
    assert rows == [
        (ENTITY, "company", "! LTD", "GB", None, "active", "Private Limited Company", "08209948",
         "snap-1"),
        ("gb-coh-SC123456", "company", "!? LTD", "GB", None, "active",
         "Private Limited Company", "SC123456", "snap-1"),
    ]  # fmt: skip


def test_legal_and_previous_names(con: duckdb.DuckDBPyConnection) -> None:
    rows = con.execute(
        "select name, name_type, script, strength from canonical.names where entity_id = ? "
        "order by name_type desc, name",
        [ENTITY],
    ).fetchall()
    assert rows == [
        ("! LTD", "primary", "Latn", "strong"),
        ("OLD NAME LTD", "previous", "Latn", "strong"),
        ("OLDER NAME LTD", "previous", "Latn", "strong"),
    ]


def test_company_number_is_a_strong_identifier(con: duckdb.DuckDBPyConnection) -> None:
    rows = con.execute(
        "select scheme, value, is_strong from canonical.identifiers where entity_id = ?", [ENTITY]
    ).fetchall()
    assert rows == [("gb-coh", "08209948", True)]


def test_registered_office_is_the_legal_address(con: duckdb.DuckDBPyConnection) -> None:
    rows = con.execute(
        "select entity_id, address_type, full_address, city, postal_code, country "
        "from canonical.addresses where source = 'gb_coh_companies' order by entity_id"
    ).fetchall()
    assert rows[0] == (ENTITY, "legal", "9 PRINCES SQUARE, HARROGATE, HG1 1ND", "HARROGATE",
                       "HG1 1ND", "GB")  # fmt: skip
    assert rows[1][0] == "gb-coh-SC123456" and rows[1][5] == "GB"  # "SCOTLAND"


def test_quarantine_reaches_canonical(con: duckdb.DuckDBPyConnection) -> None:
    rows = con.execute(
        "select line, reason, raw from canonical.quarantine where source = 'gb_coh_companies'"
    ).fetchall()
    assert rows == [(4, "expected 55 fields, found 1", '"BROKEN"')]
