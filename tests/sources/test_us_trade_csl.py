"""us_trade_csl parser: the real 2025 excerpt (golden + hand checks) and generated files."""

from __future__ import annotations

import csv
import io
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from pipelines.lib.demo.lists import ListEntry
from pipelines.lib.demo.lists import csl as csl_writer
from pipelines.lib.staging import StagingWriter
from pipelines.sources.base import ParseOptions, Snapshot, SourceError, UnknownValueError
from pipelines.sources.csl_read import hashed_key
from pipelines.sources.csl_tables import HEADER
from pipelines.sources.us_trade_csl import SPEC, parse
from tests.golden import assert_golden

Tables = dict[str, list[dict[str, Any]]]
EXCERPT = "sanctions/trade_gov_csl/consolidated_excerpt_2025.csv"
SDN = "Specially Designated Nationals (SDN) - Treasury Department"
EL = "Entity List (EL) - Bureau of Industry and Security"


def run(path: Path, out: Path, accept_new_values: bool = False) -> Tables:
    snapshot = Snapshot("us_trade_csl", "test", path.parent, {"data": path})
    with StagingWriter(out, SPEC.tables) as writer:
        parse(snapshot, writer, ParseOptions(accept_new_values=accept_new_values))
    names = [*SPEC.tables, "quarantine", "leftovers"]
    return {name: pq.read_table(out / f"{name}.parquet").to_pylist() for name in names}


@pytest.fixture(scope="module")
def excerpt(real_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Tables:
    return run(real_data / EXCERPT, tmp_path_factory.mktemp("csl"))


def of(rows: list[dict[str, Any]], entry_id: str) -> list[dict[str, Any]]:
    return [row for row in rows if row.get("id", row.get("key")) == entry_id]


def test_golden_2025(excerpt: Tables) -> None:
    # The whole excerpt is 13 rows: every staged table is the golden.
    assert_golden("us_trade_csl/excerpt_2025", excerpt)


def test_every_list_maps_to_its_code(excerpt: Tables) -> None:
    codes = Counter((row["source_code"], row["list_code"]) for row in excerpt["entries"])
    assert codes == {
        ("ISN", "us_state_isn"): 1, ("UVL", "us_bis_uvl"): 1, ("MEU", "us_bis_meu"): 1,
        ("PLC", "us_ofac_ns_plc"): 2, ("SDN", "us_ofac_sdn"): 1, ("DTC", "us_state_dtc"): 1,
        ("DPL", "us_bis_dpl"): 1, ("SSI", "us_ofac_ssi"): 3, ("FSE", "us_ofac_fse"): 1,
        ("EL", "us_bis_el"): 1,
    }  # fmt: skip
    assert excerpt["quarantine"] == [] and excerpt["leftovers"] == []
    # One membership per (entry, program); TNK Trading has two programs.
    assert len(excerpt["memberships"]) == 14
    tnk = of(excerpt["memberships"], "28603")
    assert [m["program"] for m in tnk] == ["VENEZUELA-EO13850", "UKRAINE-EO13662"]


def test_ids_tuples(excerpt: Tables) -> None:
    rim = [(i["id_type"], i["number"], i["country"]) for i in of(excerpt["ids"], "52291")]
    assert rim == [
        ("Passport", "836238033", "KP"),
        # The number itself holds ", ": rejoined, not cut.
        ("Secondary sanctions risk:", "North Korea Sanctions Regulations, sections 510.201 and "
         "510.210", None),
        ("Gender", "Male", None),
        ("Transactions Prohibited For Persons Owned or Controlled By U.S. Financial "
         "Institutions:", "North Korea Sanctions Regulations section 510.214", None),
    ]  # fmt: skip
    [bic] = [i for i in of(excerpt["ids"], "18283") if i["id_type"] == "SWIFT/BIC"]
    assert (bic["number"], bic["raw"]) == ("RUDVRUMM", "SWIFT/BIC, RUDVRUMM")


def test_entity_list_prose_addresses_and_aliases(excerpt: Tables) -> None:
    cetc = "99ed1b052fdb09695fae1ba87516d8a0882b0df04652e07aeb5ce7be"
    [address] = of(excerpt["addresses"], cetc)
    # "A; and B; and C, ..., CN" is one address written as prose, not three.
    assert address["full_address"].startswith("113 Hezuo Road, Shijiazhuang, Hebei, China; and 21")
    assert address["country_code"] == "CN"
    aliases = [a["alt_name"] for a in of(excerpt["aliases"], cetc)]
    assert aliases[-1] == "CETC Research Institute 13"  # "and " of the prose removed
    [entry] = of(excerpt["entries"], cetc)
    assert (entry["kind"], entry["type"], entry["programs"]) == ("company", None, [])
    assert entry["start_date"] == date(2018, 8, 1)


def test_scope_clause_and_kinds(excerpt: Tables) -> None:
    isn = "233a4d725770c81fb561ffe3842c14010c2201971d6be62eca1e613b"
    [entry] = of(excerpt["entries"], isn)
    assert entry["name"] == "Sinobright Import and Export Company"
    assert entry["name_clause"] == "and any successor, sub-unit, or subsidiary thereof"
    kinds = {row["name"]: row["kind"] for row in excerpt["entries"]}
    assert kinds["RIM, Ryong Nam"] == "person" and kinds["SME BANK"] == "organization"
    assert kinds["Atlas Sanatgaran"] == "unknown"  # a BIS row: no type, no evidence


def test_dpl_row_states_its_end(excerpt: Tables) -> None:
    [dpl] = [m for m in excerpt["memberships"] if m["list_code"] == "us_bis_dpl"]
    assert (dpl["listed_on"], dpl["delisted_on"]) == (date(2002, 3, 4), date(2056, 6, 29))


# --- generated files -------------------------------------------------------------------


def csv_file(path: Path, *rows: dict[str, str], header: tuple[str, ...] = HEADER) -> Path:
    """A CSL file whose rows give only the non-empty columns."""
    buffer = io.StringIO()
    buffer.write(",".join(header) + "\n")
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\n")
    for row in rows:
        writer.writerow([row.get(column, "") for column in HEADER])
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


OK_ROW = {"_id": "1", "source": SDN, "entity_number": "1", "type": "Entity",
          "programs": "SDGT", "name": "ALPHA LTD"}  # fmt: skip


def test_round_trip_of_three_lists_in_one_file(tmp_path: Path) -> None:
    entries = {
        "us_bis_el": [ListEntry("e1", "Hongda Electronics Co., Ltd.", "company", country="CN",
                                address="1 Road", city="Shenzhen", listed_on=date(2020, 5, 22),
                                aliases=(("Hongda", "strong"),))],
        "us_bis_meu": [ListEntry("m1", "Xinyuan Institute", "organization",
                                 listed_on=date(2020, 12, 23))],
        "us_ofac_sdn": [ListEntry("36001", "Volga Shipping", "company", programs=("RUSSIA-EO14024",),
                                  identifiers=(("imo", "9187629"), ("cn-uscc", "91110000710930"
                                                                    "19X7")))],
    }  # fmt: skip
    path = csl_writer.write(tmp_path, entries, date(2026, 1, 5))
    tables = run(path, tmp_path / "out")
    got = {(e["id"], e["list_code"], e["name"], e["kind"], tuple(e["programs"]), e["start_date"])
           for e in tables["entries"]}  # fmt: skip
    assert got == {
        ("e1", "us_bis_el", "Hongda Electronics Co., Ltd.", "company", (), date(2020, 5, 22)),
        ("m1", "us_bis_meu", "Xinyuan Institute", "organization", (), date(2020, 12, 23)),
        ("36001", "us_ofac_sdn", "Volga Shipping", "organization", ("RUSSIA-EO14024",), None),
    }
    assert [(a["id"], a["full_address"], a["country_code"]) for a in tables["addresses"]] == [
        ("e1", "1 Road, Shenzhen, CN", "CN")
    ]
    assert [(a["id"], a["alt_name"]) for a in tables["aliases"]] == [("e1", "Hongda")]
    ids = [(i["id_type"], i["number"]) for i in tables["ids"]]
    assert ids == [("Vessel Registration Identification", "IMO 9187629"),
                   ("Unified Social Credit Code (USCC)", "9111000071093019X7")]  # fmt: skip
    assert {(m["key"], m["list_code"]) for m in tables["memberships"]} == {
        ("e1", "us_bis_el"), ("m1", "us_bis_meu"), ("36001", "us_ofac_sdn")
    }  # fmt: skip


def test_unknown_source_fails_or_is_a_leftover(tmp_path: Path) -> None:
    row = {**OK_ROW, "source": "Martian Embargo List (MEL) - Department of Mars"}
    path = csv_file(tmp_path / "c.csv", row)
    with pytest.raises(UnknownValueError) as failure:
        run(path, tmp_path / "strict")
    assert (failure.value.field_name, failure.value.file, failure.value.line) == (
        "source", "c.csv", 2)  # fmt: skip
    tables = run(path, tmp_path / "lenient", accept_new_values=True)
    assert [(e["id"], e["list_code"]) for e in tables["entries"]] == [("1", None)]
    assert tables["memberships"] == []
    assert [(x["field"], x["value"]) for x in tables["leftovers"]] == [("source", row["source"])]


@pytest.mark.parametrize(
    ("row", "field", "value"),
    [
        ({"type": "Spaceship"}, "type", "Spaceship"),
        ({"programs": "SDGT; MARS-EO99999"}, "program", "MARS-EO99999"),
        ({"ids": "Favourite Colour, blue"}, "ids type", "Favourite Colour"),
        ({"nationalities": "Atlantis"}, "nationalities", "Atlantis"),
    ],
)
def test_unknown_values_fail(tmp_path: Path, row: dict[str, str], field: str, value: str) -> None:
    path = csv_file(tmp_path / "c.csv", {**OK_ROW, **row})
    with pytest.raises(UnknownValueError) as failure:
        run(path, tmp_path / "out")
    assert (failure.value.field_name, failure.value.value) == (field, value)


def test_bad_ids_tuples_are_leftovers(tmp_path: Path) -> None:
    ids = "Passport; Passport, X1, RU, 2010-01-02, 2020-01-02; CA, BC166787, Passport"
    path = csv_file(tmp_path / "c.csv", {**OK_ROW, "ids": ids + "; Favourite Colour, blue"})
    tables = run(path, tmp_path / "out", accept_new_values=True)
    left = [(x["field"], x["value"]) for x in tables["leftovers"]]
    assert left == [("ids", "Passport"), ("ids", "Favourite Colour, blue")]
    staged = [(i["seq"], i["number"], i["country"], i["issue_date"], i["expiration_date"])
              for i in tables["ids"]]  # fmt: skip
    assert staged == [
        (2, "X1", "RU", date(2010, 1, 2), date(2020, 1, 2)),
        (3, "BC166787", "CA", None, None),  # the older layout: country, number, type
    ]


def test_bad_rows(tmp_path: Path) -> None:
    rows = [
        OK_ROW,
        {**OK_ROW, "_id": "1", "name": "DUPLICATE"},
        {**OK_ROW, "_id": "2", "name": ""},
        {**OK_ROW, "_id": "3", "start_date": "3017-08-22", "end_date": "2021-02-31"},
        {**OK_ROW, "_id": "", "source": EL, "entity_number": "", "type": "", "programs": "",
         "name": "NO ID CO.", "addresses": "1 Road, Minsk, BY"},
    ]  # fmt: skip
    path = csv_file(tmp_path / "c.csv", *rows)
    with path.open("a", encoding="utf-8") as handle:
        handle.write('"4"' + ',""' * 29 + "\n" + '"5","too","few"\n')
    tables = run(path, tmp_path / "out")
    reasons = [(q["line"], q["reason"]) for q in tables["quarantine"]]
    assert reasons == [(3, "duplicate _id 1 (first on line 2)"), (4, "no name"),
                       (7, "expected 29 columns, found 30"),
                       (8, "expected 29 columns, found 3")]  # fmt: skip
    assert [(x["line"], x["field"], x["value"]) for x in tables["leftovers"]] == [
        (5, "start_date", "3017-08-22"), (5, "end_date", "2021-02-31")]  # fmt: skip
    generated = hashed_key("EL", "NO ID CO.", "1 Road, Minsk, BY")
    assert [(e["id"], e["id_generated"]) for e in tables["entries"]] == [
        ("1", False), ("3", False), (generated, True)]  # fmt: skip


def test_older_header_names_the_id_column_id(tmp_path: Path) -> None:
    path = csv_file(tmp_path / "c.csv", OK_ROW, header=("id", *HEADER[1:]))
    assert [e["id"] for e in run(path, tmp_path / "out")["entries"]] == ["1"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "empty file"),
        (",".join(HEADER) + "\n", "no records"),
        (",".join(HEADER[:-1]) + "\n", "unexpected header"),
        (",".join(HEADER) + '\n"1","' + SDN + '","1"', "truncated"),
    ],
)
def test_broken_files_are_refused(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "consolidated.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(SourceError, match=message) as failure:
        run(path, tmp_path / "out")
    assert "consolidated.csv" in str(failure.value)
