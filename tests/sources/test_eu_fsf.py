"""eu_fsf parser (FSF XML 1.1): no real EU file is stored, so generated files (round
trip through the demo writer) and hand-written edge cases; hostile or broken input."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from pipelines.lib.demo.lists import ListEntry
from pipelines.lib.demo.lists.eu_xml import write
from pipelines.lib.staging import StagingWriter
from pipelines.sources.base import ParseOptions, Snapshot, SourceError, UnknownValueError
from pipelines.sources.eu_fsf import SPEC, parse
from tests.golden import assert_golden
from tests.sources import eu_fsf_cases

Tables = dict[str, list[dict[str, Any]]]


def run(path: Path, out: Path, accept_new_values: bool = False) -> Tables:
    snapshot = Snapshot(SPEC.id, "test", path.parent, {"data": path})
    with StagingWriter(out, SPEC.tables) as writer:
        parse(snapshot, writer, ParseOptions(accept_new_values=accept_new_values))
    names = [*SPEC.tables, "quarantine", "leftovers"]
    return {name: pq.read_table(out / f"{name}.parquet").to_pylist() for name in names}


@pytest.fixture(scope="module")
def edge(tmp_path_factory: pytest.TempPathFactory) -> Tables:
    folder = tmp_path_factory.mktemp("eu_fsf")
    return run(eu_fsf_cases.write(folder / "in"), folder / "out")


def of(rows: list[dict[str, Any]], logical_id: int, *columns: str) -> list[tuple[Any, ...]]:
    return [tuple(row[c] for c in columns) for row in rows if row["logical_id"] == logical_id]


def test_golden_edge_cases(edge: Tables) -> None:
    assert_golden("eu_fsf/edge_cases", edge)


def test_partial_birth_dates_keep_their_shape(edge: Tables) -> None:
    columns = ("birthdate", "year", "month_of_year", "day_of_month", "circa", "year_range_from",
               "year_range_to")  # fmt: skip
    assert of(edge["birthdates"], 13, *columns) == [
        (date(1937, 4, 28), 1937, 4, 28, False, None, None),
        (None, 1938, None, None, False, None, None),
        (None, 1939, 3, None, False, None, None),
        (None, 1940, None, None, True, None, None),
        (None, None, None, None, False, 1935, 1941),
    ]
    # 31 February never becomes a date: the part is quarantined with its text.
    assert [(row["line"], row["reason"]) for row in edge["quarantine"]] == [
        (24, "birthdate: day 31 of month 2")
    ]


def test_weak_and_translated_aliases(edge: Tables) -> None:
    assert of(edge["name_aliases"], 13, "whole_name", "strong", "name_language") == [
        ("Saddam Hussein Al-Tikriti", True, None), ("Abu Ali", False, None),
        ("Саддам Хюсеин", True, "BG")]  # fmt: skip


def test_memberships_per_programme(edge: Tables) -> None:
    rows = [(m["key"], m["program"], m["listed_on"], m["delisted_on"]) for m in edge["memberships"]]
    assert rows == [
        # No designationDate: the earliest publication of each programme's acts.
        ("13", "TERR", date(2003, 12, 22), None),
        ("13", "IRQ", date(2003, 7, 8), None),
        ("207", "RUS", date(2022, 6, 3), None),
        # No regulation: one membership without a program, ended by delistingDate.
        ("300", None, date(2011, 3, 21), date(2025, 1, 15)),
    ]


def test_identifications_addresses_and_countries(edge: Tables) -> None:
    assert [(r["logical_id"], r["identification_type_code"], r["scheme"], r["number"])
            for r in edge["identifications"]] == [
        (13, "passport", "passport", "AD 001095"), (207, "regnumber", "registration",
        "1027700132195"), (207, "other", None, "M0887925")]  # fmt: skip
    assert of(edge["addresses"], 207, "city", "country_code", "contact_info", "remarks") == [
        ("Moscow", "RU", [{"key": "PHONE", "value": "+7 495 000 00 00"},
                          {"key": "WEB", "value": "https://example.ru"}], ["Head office"]),
        (None, None, [], [])]  # fmt: skip
    assert of(edge["citizenships"], 13, "country_code") == [("IQ",)]
    assert of(edge["entries"], 13, "united_nation_id", "eu_reference_number") == [
        ("QDi.001", "EU.27.28")
    ]
    assert edge["publication"][0]["published_on"] == date(2026, 2, 20)
    assert edge["leftovers"] == []


ENTRIES = [
    ListEntry(key="100", name="Ivan Example", kind="person", programs=("RUS", "UKR"),
              aliases=(("I. Example", "weak"),), country="RU", address="1 Main Street",
              city="Moscow", identifiers=(("passport", "X 123"),), listed_on=date(2022, 3, 2),
              birth_date=date(1960, 5, 6)),
    ListEntry(key="200", name="EXAMPLE TRADING LLC", kind="company", programs=("RUS",),
              country="CN", identifiers=(("registration", "1027700132195"),),
              listed_on=date(2023, 6, 23)),
]  # fmt: skip


def test_generated_file_round_trips(tmp_path: Path) -> None:
    path = write(tmp_path / "in", ENTRIES, date(2026, 1, 5))
    staged = run(path, tmp_path / "out")
    assert [(r["logical_id"], r["classification_code"]) for r in staged["entries"]] == [
        (100, "P"),
        (200, "E"),
    ]
    names = [(r["logical_id"], r["whole_name"], r["strong"]) for r in staged["name_aliases"]]
    assert names == [(100, "Ivan Example", True), (100, "I. Example", False),
                     (200, "EXAMPLE TRADING LLC", True)]  # fmt: skip
    members = [(m["key"], m["program"], m["listed_on"]) for m in staged["memberships"]]
    assert members == [("100", "RUS", date(2022, 3, 2)), ("100", "UKR", date(2022, 3, 2)),
                       ("200", "RUS", date(2023, 6, 23))]  # fmt: skip
    assert [(r["scheme"], r["number"]) for r in staged["identifications"]] == [
        ("passport", "X 123"),
        ("registration", "1027700132195"),
    ]
    assert [r["birthdate"] for r in staged["birthdates"]] == [date(1960, 5, 6)]
    assert [r["country_code"] for r in staged["citizenships"]] == ["RU"]
    assert [(r["city"], r["country_code"]) for r in staged["addresses"]] == [
        ("Moscow", "RU"),
        (None, "CN"),
    ]
    assert staged["quarantine"] == [] and staged["leftovers"] == []


def edited(tmp_path: Path, old: str, new: str, accept: bool = False) -> Tables:
    assert old in eu_fsf_cases.EDGE
    path = eu_fsf_cases.write(tmp_path / "in", eu_fsf_cases.EDGE.replace(old, new, 1))
    return run(path, tmp_path / "out", accept)


def test_unknown_subject_type_is_an_error_or_a_leftover(tmp_path: Path) -> None:
    old, new = 'code="enterprise" classificationCode="E"', 'code="vessel" classificationCode="V"'
    with pytest.raises(UnknownValueError, match="subjectType 'vessel/V' at xmlFull"):
        edited(tmp_path, old, new)
    kept = edited(tmp_path, old, new, accept=True)
    assert [(r["field"], r["value"]) for r in kept["leftovers"]] == [("subjectType", "vessel/V")]


def test_unknown_identification_type_and_attribute(tmp_path: Path) -> None:
    old = 'identificationTypeCode="regnumber"'
    with pytest.raises(UnknownValueError, match="identificationTypeCode 'lei'"):
        edited(tmp_path, old, 'identificationTypeCode="lei"')
    kept = edited(tmp_path, old, 'identificationTypeCode="lei" colour="red"', accept=True)
    assert [(r["field"], r["value"]) for r in kept["leftovers"]] == [
        ("identification@colour", "red"),
        ("identificationTypeCode", "lei"),
    ]


def test_bad_flag_and_withdrawn_country(tmp_path: Path) -> None:
    with pytest.raises(UnknownValueError, match="nameAlias@strong 'yes'"):
        edited(tmp_path, 'strong="false"', 'strong="yes"')
    kept = edited(tmp_path, 'countryIso2Code="IQ" countryDescription="IRAQ" regulationLanguage',
                  'countryIso2Code="CS" countryDescription="SERBIA AND MONTENEGRO" '
                  'regulationLanguage')  # fmt: skip
    assert of(kept["citizenships"], 13, "country_iso2_code", "country_code") == [("CS", None)]
    assert [(r["field"], r["value"]) for r in kept["leftovers"]] == [("countryIso2Code", "CS")]


LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE export [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="2026-01-01T00:00:00">
<sanctionEntity logicalId="1"><remark>&lol3;</remark></sanctionEntity></export>
"""
EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE export [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="2026-01-01T00:00:00">
<sanctionEntity logicalId="1"><remark>&xxe;</remark></sanctionEntity></export>
"""


@pytest.mark.parametrize("text", [LAUGHS, EXTERNAL], ids=["billion-laughs", "external-entity"])
def test_entity_declarations_are_refused(tmp_path: Path, text: str) -> None:
    with pytest.raises(SourceError, match=r"list\.xml: XML with a DOCTYPE"):
        run(eu_fsf_cases.write(tmp_path, text, "list.xml"), tmp_path / "out")


@pytest.mark.parametrize(("text", "message"), [
    (eu_fsf_cases.EDGE[: len(eu_fsf_cases.EDGE) // 2], r"list.xml:\d+: not well-formed or trunc"),
    (eu_fsf_cases.EDGE.replace(' xmlns="http://eu.europa.ec/fpi/fsd/export"', ""),
     "root element export, expected {http://eu.europa.ec/fpi/fsd/export}export"),
    ("<CONSOLIDATED_LIST/>", "root element CONSOLIDATED_LIST"),
    ('<export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="2026-01-01"/>',
     "no sanctionEntity record"),
    ("", "list.xml"),
])  # fmt: skip
def test_truncated_foreign_or_empty_files_are_refused(
    tmp_path: Path, text: str, message: str
) -> None:
    with pytest.raises(SourceError, match=message):
        run(eu_fsf_cases.write(tmp_path, text, "list.xml"), tmp_path / "out")
