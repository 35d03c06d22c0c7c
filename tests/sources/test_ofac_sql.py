"""OFAC conformed SQL (us_ofac_sdn__*, us_ofac_cons__*) on a real DuckDB warehouse in tmp_path."""

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
from pipelines.lib.sqlmodels import discover, run_model
from pipelines.lib.staging import StagingWriter
from pipelines.sources.base import ParseOptions, Snapshot
from pipelines.sources.lists import DELISTINGS, DELISTINGS_SCHEMA
from pipelines.sources.registry import SOURCES
from pipelines.sources.us_ofac_cons import SPEC as CONS
from pipelines.sources.us_ofac_cons import parse as parse_cons
from pipelines.sources.us_ofac_sdn import SPEC as SDN
from pipelines.sources.us_ofac_sdn import parse as parse_sdn

OURS = ("us_ofac_sdn", "us_ofac_cons")
# The two sets share one mapping (us_ofac_csv__*); each source's views filter it.
SHARED = "us_ofac_csv"
# The columns the canonical unions expect (lists brief), in order.
COLUMNS = {
    "entities": "entity_id kind name jurisdiction hq_country status category",
    "names": "entity_id name name_type lang strength",
    "identifiers": "entity_id scheme value issuer",
    "addresses": "entity_id address_type full_address city region postal_code country lang",
    "countries": "entity_id country role",
}
MEMBERSHIP_COLUMNS = "entity_id list_code program listed_on delisted_on delisting_reason"
SCHEMES = {"lei", "cn-uscc", "gb-coh", "hk-cr", "isin", "ticker", "passport", "national-id"}
SCHEMES |= {"tax-id", "registration", "imo", "swift-bic", "ofac"}


def _stage(real_data: Path, out: Path) -> dict[str, Path]:
    sdn_dir = real_data / "sanctions" / "ofac_sdn" / "snapshot_2021-07"
    cons_dir = real_data / "sanctions" / "ofac_consolidated"
    sets = {
        "us_ofac_sdn": (
            SDN,
            parse_sdn,
            sdn_dir,
            {"sdn": "sdn.csv", "comments": "sdn_comments.csv"},
        ),
        "us_ofac_cons": (CONS, parse_cons, cons_dir, {"prim": "cons_prim.csv"}),
    }
    folders = {}
    for source_id, (spec, parse, folder, names) in sets.items():
        prefix = "" if source_id == "us_ofac_sdn" else "cons_"
        names = {"add": f"{prefix}add.csv", "alt": f"{prefix}alt.csv"} | names
        names.setdefault("comments", "cons_comments.csv")
        files = {key: folder / name for key, name in names.items()}
        target = out / source_id
        with StagingWriter(target, spec.tables) as writer:
            parse(Snapshot(source_id, "snap-1", folder, files), writer, ParseOptions())
        folders[source_id] = target
    # What the stage would have written: one SDN entry gone since an earlier snapshot.
    gone = {"key": "99999", "list_code": "us_ofac_sdn", "program": "SDGT", "listed_on": None,
            "last_seen_snapshot": "snap-0", "delisted_on": date(2021, 7, 1), "reason": "absent"}  # fmt: skip
    pq.write_table(
        pa.Table.from_pylist([gone], DELISTINGS_SCHEMA), out / OURS[0] / "delistings.parquet"
    )
    empty = DELISTINGS_SCHEMA.empty_table()
    pq.write_table(empty, out / OURS[1] / f"{DELISTINGS}.parquet")
    return folders


@pytest.fixture(scope="module")
def con(
    real_data: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[duckdb.DuckDBPyConnection]:
    folder = tmp_path_factory.mktemp("ofac_sql")
    staged = _stage(real_data, folder / "parquet")
    with warehouse.connect(folder / "data") as connection:
        for source in SOURCES:
            path = staged.get(source.spec.id)
            snapshot = "snap-1" if path else None
            warehouse.load_staging(connection, source.spec.id, source.spec.tables, path, snapshot)
        for model in discover():
            if model.schema == "conformed" and model.name.split("__")[0] in (
                *OURS, SHARED, "lists"
            ):
                run_model(connection, model, {})
        yield connection


def rows(con: duckdb.DuckDBPyConnection, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    return con.execute(sql, list(params)).fetchall()


@pytest.mark.parametrize("source", OURS)
@pytest.mark.parametrize("table", sorted(COLUMNS))
def test_columns_match_the_brief(con: duckdb.DuckDBPyConnection, source: str, table: str) -> None:
    found = [r[0] for r in rows(con, f"describe conformed.{source}__{table}")]
    assert found == [*COLUMNS[table].split(), "source", "source_record", "snapshot_id"]


def test_memberships_view_has_the_brief_columns(con: duckdb.DuckDBPyConnection) -> None:
    found = [r[0] for r in rows(con, "describe conformed.lists__memberships")]
    assert found == [*MEMBERSHIP_COLUMNS.split(), "source", "source_record", "snapshot_id"]


def test_entities(con: duckdb.DuckDBPyConnection) -> None:
    counts = rows(con, "select source, count(*), count(distinct entity_id) from "
                       "(select * from conformed.us_ofac_sdn__entities union all "
                       "select * from conformed.us_ofac_cons__entities) group by 1 order by 1")  # fmt: skip
    assert counts == [("us_ofac_cons", 442, 442), ("us_ofac_sdn", 8976, 8976)]
    telecom = rows(con, "select kind, name, status, category from conformed.us_ofac_cons__entities "
                        "where entity_id = 'ofac-30882'")  # fmt: skip
    assert telecom == [("organization", "CHINA TELECOM CORPORATION LIMITED", "listed", "entity")]


def test_cmic_identifiers(con: duckdb.DuckDBPyConnection) -> None:
    found = rows(con, "select scheme, value, issuer from conformed.us_ofac_cons__identifiers "
                      "where entity_id = 'ofac-30882' order by all")  # fmt: skip
    assert ("cn-uscc", "9111000071093019X7", "China") in found
    assert ("ofac", "30882", None) in found
    isins = {value for scheme, value, _ in found if scheme == "isin"}
    assert isins == {"CND1000248G3", "CND100020NC4", "CND10003ND87", "CNE1000002V2", "US1694261033"}
    assert ("ticker", "0728HK", None) in found
    per_scheme = dict(rows(con, "select scheme, count(*) from conformed.us_ofac_cons__identifiers "
                                "group by 1"))  # fmt: skip
    # 165 ISIN facts: two repeat an ISIN of their entry, and "BRC1EODR004" (30926) is one
    # character short: it stays a remark fact, not an identifier.
    assert per_scheme["cn-uscc"] == 58 and per_scheme["isin"] == 162 and per_scheme["lei"] == 15
    assert rows(con, "select count(*) from conformed.us_ofac_cons__identifiers "
                     "where value = 'BRC1EODR004'") == [(0,)]  # fmt: skip


def test_sdn_identifier_rules(con: duckdb.DuckDBPyConnection) -> None:
    def scheme_of(value: str) -> list[tuple[Any, ...]]:
        return rows(con, "select scheme, issuer from conformed.us_ofac_sdn__identifiers "
                         "where value = ?", value)  # fmt: skip

    # A Dutch register number printed as "Legal Entity Number" is no LEI.
    assert scheme_of("851683897") == [("registration", "Netherlands")]
    assert scheme_of("485100GBI2SE0KIX8T70") == [("lei", None)]
    assert scheme_of("01126618") == [("gb-coh", "United Kingdom")]
    assert scheme_of("9187629") == [("imo", None)]  # "IMO 9187629"
    assert scheme_of("HAVIGB2L") == [("swift-bic", None)]
    # "National ID No. 10103871690 (Iran)" of a company is its register number.
    assert scheme_of("10103871690") == [("registration", "Iran")]
    # "Diplomatic Passport 008827 (Iran) issued 1999": the note is cut, the country kept.
    assert scheme_of("008827") == [("passport", "Iran")]
    schemes = {
        r[0] for r in rows(con, "select distinct scheme from conformed.us_ofac_sdn__identifiers")
    }
    assert schemes <= SCHEMES and {"national-id", "tax-id", "registration"} <= schemes


def test_names_keep_weak_aliases(con: duckdb.DuckDBPyConnection) -> None:
    found = rows(con, "select name, name_type, strength from conformed.us_ofac_sdn__names "
                      "where entity_id = 'ofac-306' order by all")  # fmt: skip
    assert found == [
        ("BANCO NACIONAL DE CUBA", "primary", "strong"),
        ("BNC", "aka", "weak"),
        ("NATIONAL BANK OF CUBA", "aka", "strong"),
    ]


def test_countries(con: duckdb.DuckDBPyConnection) -> None:
    roles = dict(
        rows(con, "select role, count(*) from conformed.us_ofac_sdn__countries group by 1")
    )
    assert set(roles) == {"nationality", "citizenship", "registration"}
    assert rows(con, "select country, role from conformed.us_ofac_cons__countries "
                     "where entity_id in ('ofac-30882', 'ofac-17064') order by all") == [
        ("CN", "registration"), ("RU", "registration")]  # fmt: skip
    # Address countries are canonical's business, not this view's.
    assert rows(
        con, "select count(*) from conformed.us_ofac_sdn__countries where role = 'address'"
    ) == [(0,)]


def test_list_memberships_and_delistings(con: duckdb.DuckDBPyConnection) -> None:
    per_list = rows(con, "select list_code, count(distinct entity_id) from "
                         "(select * from conformed.lists__memberships where source = 'us_ofac_cons') group by 1 order by 1")  # fmt: skip
    assert per_list == [("us_ofac_capta", 1), ("us_ofac_ns_cmic", 68), ("us_ofac_ns_mbs", 96),
                        ("us_ofac_ns_plc", 78), ("us_ofac_sdn", 5), ("us_ofac_ssi", 286)]  # fmt: skip
    delisted = rows(con, "select entity_id, delisted_on::varchar, delisting_reason from "
                         "(select * from conformed.lists__memberships where source = 'us_ofac_sdn') where delisted_on is not null")  # fmt: skip
    assert delisted == [("ofac-99999", "2021-07-01", "absent")]
    known = rows(con, "select count(*) from reference.list_codes where list_code in "
                      "(select list_code from (select * from conformed.lists__memberships where source = 'us_ofac_cons'))")  # fmt: skip
    assert known == [(6,)]


@pytest.mark.parametrize("source", OURS)
@pytest.mark.parametrize(
    "table", ["names", "identifiers", "addresses", "countries", "list_memberships"]
)
def test_entity_ids_exist(con: duckdb.DuckDBPyConnection, source: str, table: str) -> None:
    # Delisted entries are gone from the file, so they have no entity row.
    relation = f"conformed.{source}__{table}"
    if table == "list_memberships":
        relation = f"(select * from conformed.lists__memberships where source = '{source}')"
    dangling = rows(con, f"select distinct t.entity_id from {relation} as t "
                         f"anti join conformed.{source}__entities as e using (entity_id) "
                         f"where t.entity_id <> 'ofac-99999'")  # fmt: skip
    assert dangling == []
