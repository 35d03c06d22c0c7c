"""us_bis_dpl parser: the real September 2022 file (golden + hand checks) and generated files."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from pipelines.lib.demo.lists import ListEntry
from pipelines.lib.demo.lists import dpl as dpl_writer
from pipelines.lib.staging import StagingWriter
from pipelines.sources.base import ParseOptions, Snapshot, SourceError, UnknownValueError
from pipelines.sources.dpl_kind import infer_kind
from pipelines.sources.us_bis_dpl import HEADER, SPEC, dpl_key, parse
from tests.golden import assert_golden

Tables = dict[str, list[dict[str, Any]]]


def run(path: Path, out: Path, accept_new_values: bool = False) -> Tables:
    snapshot = Snapshot("us_bis_dpl", "test", path.parent, {"data": path})
    with StagingWriter(out, SPEC.tables) as writer:
        parse(snapshot, writer, ParseOptions(accept_new_values=accept_new_values))
    names = [*SPEC.tables, "quarantine", "leftovers"]
    return {name: pq.read_table(out / f"{name}.parquet").to_pylist() for name in names}


@pytest.fixture(scope="module")
def dpl_2022(real_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Tables:
    return run(real_data / "sanctions" / "us_bis" / "dpl.txt", tmp_path_factory.mktemp("dpl"))


def test_golden_2022(dpl_2022: Tables) -> None:
    entries = dpl_2022["entries"]
    assert_golden(
        "us_bis_dpl/dpl_2022",
        {
            "counts": {name: len(rows) for name, rows in dpl_2022.items()},
            "head": entries[:25],
            "china": [row for row in entries if row["country_code"] == "CN"],
            "kinds": dict(Counter(row["kind"] for row in entries)),
            "kind_bases": dict(Counter(str(row["kind_basis"]).split(" (")[0] for row in entries)),
            "countries": dict(Counter(str(row["country_code"]) for row in entries)),
            "memberships_head": dpl_2022["memberships"][:25],
            "quarantine": dpl_2022["quarantine"],
            "leftovers": dpl_2022["leftovers"],
        },
    )


def test_typo_dates_quarantine_the_row(dpl_2022: Tables) -> None:
    bad = {q["line"]: q for q in dpl_2022["quarantine"] if q["reason"].startswith("invalid")}
    assert sorted(bad) == [35, 306, 343]
    mansour = bad[343]
    assert mansour["reason"].startswith("invalid Last_Update '3017-08-22'")
    assert mansour["raw"].startswith('"MANSOUR ZADEH"\t"STROVOLOU 77')
    # The party's other addresses stay listed.
    others = [e for e in dpl_2022["entries"] if e["name"] == "MANSOUR ZADEH"]
    assert len(others) == 3 and all(e["last_update"] == date(2017, 8, 22) for e in others)


def test_duplicate_rows_and_keys(dpl_2022: Tables) -> None:
    duplicates = [(q["line"], q["reason"]) for q in dpl_2022["quarantine"]
                  if q["reason"].startswith("duplicate")]  # fmt: skip
    assert duplicates == [(144, "duplicate: same name and address as line 143"),
                          (403, "duplicate: same name and address as line 402")]  # fmt: skip
    keys = [e["key"] for e in dpl_2022["entries"]]
    assert len(keys) == len(set(keys)) == 576
    assert {m["key"] for m in dpl_2022["memberships"]} == set(keys)
    [ash] = [e for e in dpl_2022["entries"] if e["record_line"] == 2]
    assert ash["name"] == "I. ASH"  # padding removed
    assert ash["key"] == dpl_key(" I. ASH", ash["street_address"], "SEAGOVILLE", "TX", "US",
                                 "75159")  # fmt: skip


def test_countries_and_dates(dpl_2022: Tables) -> None:
    by_line = {e["record_line"]: e for e in dpl_2022["entries"]}
    assert (by_line[287]["country"], by_line[287]["country_code"]) == ("PRC", "CN")
    # "NM" (New Mexico, State empty) is no country: none, and a leftover.
    assert by_line[521]["country_code"] is None
    assert [(x["line"], x["value"]) for x in dpl_2022["leftovers"]] == [
        (521, "NM (a US state code, not a country)")]  # fmt: skip
    ash = by_line[2]
    assert (ash["effective_date"], ash["expiration_date"]) == (date(2003, 6, 19), date(2056, 6, 29))
    [membership] = [m for m in dpl_2022["memberships"] if m["key"] == ash["key"]]
    assert (membership["list_code"], membership["program"]) == ("us_bis_dpl", None)
    assert (membership["listed_on"], membership["delisted_on"]) == (
        date(2003, 6, 19), date(2056, 6, 29))  # fmt: skip


@pytest.mark.parametrize(
    ("name", "address", "kind"),
    [
        ("AIR FREIGHT LTD", "P.O. BOX 28360", "company"),
        ("AL NASER AIRLINES", "P.O. BOX 28360", "organization"),
        ("ABDIEL PADRON MADRID", "INMATE NUMBER: 42167-480, FCI LA TUNA", "person"),
        ("ABEL HERNANDEZ, JR.", "120 SAINT JOHN DRIVE", "person"),
        ("AARON ABRAHAM VILLA", "3415 RIVERA AVENUE", "unknown"),
        ("ACME LTD", "INMATE NUMBER: 1", "unknown"),  # conflicting evidence
    ],
)
def test_kind_needs_evidence(name: str, address: str, kind: str) -> None:
    assert infer_kind(name, [address]).kind == kind


# --- generated files -------------------------------------------------------------------

HEADER_LINE = "\t".join(f'"{column}"' for column in HEADER) + "\n"
ROW = ['"ACME LTD"', '"1 ROAD"', '"DUBAI"', '""', '"AE"', '""', '"05/13/2022"', '""', '"Y"',
       '"2022-05-18"', '"FR NOTICE ADDED"', '"87 F.R. 30173 5/18/2022"']  # fmt: skip


def line(**changes: str) -> str:
    fields = dict(zip(HEADER, ROW, strict=True)) | {k: f'"{v}"' for k, v in changes.items()}
    return "\t".join(fields.values()) + "\n"


def test_round_trip(tmp_path: Path) -> None:
    entries = [
        ListEntry("d1", "HONGDA TRADING CO., LTD.", "company", country="CN", address="1 ROAD",
                  city="SHENZHEN", listed_on=date(2021, 3, 1), aliases=(("HONGDA", "strong"),)),
        ListEntry("d2", "JOHN DOE", "person", country="US", city="EL PASO"),
    ]  # fmt: skip
    path = dpl_writer.write(tmp_path, entries, date(2026, 1, 5))
    tables = run(path, tmp_path / "out")
    got = [(e["name"], e["street_address"], e["city"], e["country_code"], e["effective_date"],
            e["last_update"], e["kind"]) for e in tables["entries"]]  # fmt: skip
    assert got == [
        ("HONGDA", "1 ROAD", "SHENZHEN", "CN", date(2021, 3, 1), date(2026, 1, 5), "unknown"),
        ("HONGDA TRADING CO., LTD.", "1 ROAD", "SHENZHEN", "CN", date(2021, 3, 1),
         date(2026, 1, 5), "company"),
        ("JOHN DOE", None, "EL PASO", "US", date(2026, 1, 5), date(2026, 1, 5), "unknown"),
    ]  # fmt: skip
    keys = {dpl_key("JOHN DOE", "", "EL PASO", "", "US", "")}
    assert keys <= {m["key"] for m in tables["memberships"]}
    assert tables["quarantine"] == [] and tables["leftovers"] == []


def test_key_ignores_renewals_and_row_order(tmp_path: Path) -> None:
    first = tmp_path / "a.txt"
    first.write_text(HEADER_LINE + line(Name="OTHER") + line())
    renewed = tmp_path / "b.txt"
    renewed.write_text(HEADER_LINE + line(Effective_Date="11/09/2022", Expiration_Date="05/08/2023",
                                          FR_Citation="87 F.R. 30173 5/18/2022, 87 F.R. 1 11/9/2022"))  # fmt: skip
    [before] = [e for e in run(first, tmp_path / "a")["entries"] if e["name"] == "ACME LTD"]
    [after] = run(renewed, tmp_path / "b")["entries"]
    assert before["key"] == after["key"] and before["record_line"] != after["record_line"]


def test_bad_rows(tmp_path: Path) -> None:
    path = tmp_path / "dpl.txt"
    path.write_text(HEADER_LINE + line() + line(Name="B", Effective_Date="02/31/2022")
                    + line(Name="C", Effective_Date="") + line(Name="D", Expiration_Date="3017")
                    + '"E"\t"too few"\n' + line(Name="F", Standard_Order="y"))  # fmt: skip
    tables = run(path, tmp_path / "out")
    reasons = [(q["line"], q["reason"].split(":")[0]) for q in tables["quarantine"]]
    assert reasons == [(3, "invalid Effective_Date '02/31/2022'"),
                       (4, "no Effective_Date (the listing date)"),
                       (5, "invalid Expiration_Date '3017'"),
                       (6, "expected 12 columns, found 2")]  # fmt: skip
    assert [(e["name"], e["standard_order"]) for e in tables["entries"]] == [
        ("ACME LTD", True), ("F", True)]  # fmt: skip


@pytest.mark.parametrize(
    ("changes", "field", "value"),
    [
        ({"Standard_Order": "MAYBE"}, "Standard_Order", "MAYBE"),
        ({"Country": "ZZ"}, "Country", "ZZ"),
    ],
)
def test_unknown_values(tmp_path: Path, changes: dict[str, str], field: str, value: str) -> None:
    path = tmp_path / "dpl.txt"
    path.write_text(HEADER_LINE + line(**changes))
    with pytest.raises(UnknownValueError) as failure:
        run(path, tmp_path / "strict")
    assert (failure.value.field_name, failure.value.value, failure.value.line) == (field, value, 2)
    tables = run(path, tmp_path / "lenient", accept_new_values=True)
    assert [(x["field"], x["value"]) for x in tables["leftovers"]] == [(field, value)]
    assert len(tables["entries"]) == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "empty file"),
        (HEADER_LINE, "no records"),
        (HEADER_LINE.replace("Name", "Party"), "unexpected header"),
        (HEADER_LINE + line() + line().rstrip("\n")[:40], "truncated"),
    ],
)
def test_broken_files_are_refused(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "dpl.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(SourceError, match=message) as failure:
        run(path, tmp_path / "out")
    assert "dpl.txt" in str(failure.value)
