"""gb_uk_sanctions_list: generated files (no real copy exists in ../shared), hostile and bad input.

HAND follows the layout of trimmed fragments of the live file that public
parsers test against (see pipelines/sources/uksl_designation.py): the quirks
it keeps are the real ones (NameType "ALias", DOB "dd/mm/1945", IMO numbers
with their "IMO" prefix).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from pipelines.lib.demo.lists import ListEntry
from pipelines.lib.demo.lists.uksl_xml import write
from pipelines.lib.staging import StagingWriter
from pipelines.sources.base import ParseOptions, Snapshot, SourceError, UnknownValueError
from pipelines.sources.gb_uk_sanctions_list import SPEC, parse

Tables = dict[str, list[dict[str, Any]]]
PUBLISHED = date(2026, 2, 2)
ENTRIES = [
    ListEntry(
        key="RUS0001", name="Ivan PETROV", kind="person", programs=("Russia",),
        aliases=(("Vanya", "weak"), ("Ivan PETROFF", "strong")), country="RU",
        address="1 Tverskaya Street", city="Moscow",
        identifiers=(("passport", "AB1234567"), ("gb-ofsi", "15001")),
        listed_on=date(2022, 3, 15), birth_date=date(1970, 1, 31),
    ),
    ListEntry(key="RUS0002", name="ACME HOLDING LLC", kind="company", programs=("Russia", "Cyber"),
              country="AE", identifiers=(("registration", "1027700132195"), ("gb-ofsi", "15002")),
              listed_on=date(2023, 1, 2)),
    ListEntry(key="RUS0003", name="ACME TRADING LLC", kind="company", programs=("Russia",),
              owner_key="RUS0002", listed_on=date(2023, 1, 2)),
    ListEntry(key="RUS0004", name="SEA STAR", kind="vessel", programs=("Russia",),
              owner_key="RUS0002", identifiers=(("imo", "9123456"),), listed_on=date(2024, 5, 6)),
]  # fmt: skip
HAND = """<?xml version="1.0" encoding="utf-8"?>
<Designations xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <DateGenerated>20/08/2026</DateGenerated>
  <Designation>
    <LastUpdated>14/04/2026</LastUpdated>
    <DateDesignated>25/01/2001</DateDesignated>
    <UniqueID>AFG0006</UniqueID>
    <OFSIGroupID>7172</OFSIGroupID>
    <UNReferenceNumber>TAi.002</UNReferenceNumber>
    <Names>
      <Name><Name1>MOHAMMAD</Name1><Name2>HASSAN</Name2><Name6>AKHUND</Name6><NameType>Primary Name</NameType></Name>
      <Name><Name1>Mohammad</Name1><Name2>Hassan</Name2><Name6>Akhund</Name6><NameType>Primary name variation</NameType></Name>
      <Name><Name6>Haji Mohammad Hassan</Name6><NameType>ALias</NameType><AliasStrength>Low quality a.k.a</AliasStrength></Name>
    </Names>
    <NonLatinNames><NonLatinName><NameNonLatinScript>محمد حسن آخوند</NameNonLatinScript><NonLatinScriptType>Arabic</NonLatinScriptType><NonLatinScriptLanguage>Persian</NonLatinScriptLanguage></NonLatinName></NonLatinNames>
    <Titles><Title>Mullah</Title><Title>Haji</Title></Titles>
    <RegimeName>The Afghanistan (Sanctions) (EU Exit) Regulations 2020</RegimeName>
    <IndividualEntityShip>Individual</IndividualEntityShip>
    <DesignationSource>UN</DesignationSource>
    <SanctionsImposed>Asset freeze|Travel Ban</SanctionsImposed>
    <OtherInformation>A close associate of Mullah Mohammed Omar.</OtherInformation>
    <UKStatementofReasons>Deputy Minister under the Taliban regime.</UKStatementofReasons>
    <SanctionsIndicator>AF|TB</SanctionsIndicator>
    <Addresses><Address><AddressLine6>Kabul</AddressLine6><AddressCountry>Afghanistan</AddressCountry></Address></Addresses>
    <IndividualDetails>
      <Individual>
        <DOBs><DOB>dd/mm/1945</DOB><DOB>01/03/1958</DOB><DOB>15/08/19yy</DOB></DOBs>
        <PassportDetails><Passport><PassportNumber>P04581926</PassportNumber><PassportAdditionalInformation>Afghanistan passport</PassportAdditionalInformation></Passport></PassportDetails>
        <Nationalities><Nationality>Afghanistan</Nationality></Nationalities>
        <Genders><Gender>Male</Gender></Genders>
        <BirthDetails><Location><TownOfBirth>Lakhi village</TownOfBirth><CountryOfBirth>Afghanistan</CountryOfBirth></Location></BirthDetails>
      </Individual>
    </IndividualDetails>
  </Designation>
  <Designation>
    <LastUpdated>04/08/2026</LastUpdated>
    <DateDesignated>31/02/2012</DateDesignated>
    <UniqueID>AFG0001</UniqueID>
    <OFSIGroupID>12703</OFSIGroupID>
    <Names><Name><Name6>HAJI KHAIRULLAH HAJI SATTAR MONEY EXCHANGE</Name6><NameType>Primary Name</NameType></Name></Names>
    <RegimeName>The Afghanistan (Sanctions) (EU Exit) Regulations 2020</RegimeName>
    <IndividualEntityShip>Entity</IndividualEntityShip>
    <EntityDetails><Entity>
      <TypeOfEntities><TypeOfEntity>Money exchange</TypeOfEntity></TypeOfEntities>
      <ParentCompanies><ParentCompany>HKHS Holding</ParentCompany></ParentCompanies>
    </Entity></EntityDetails>
  </Designation>
  <Designation>
    <UniqueID>DPR0075</UniqueID>
    <DateDesignated>03/10/2017</DateDesignated>
    <Names><Name><Name6>Petrel 8</Name6><NameType>Primary name</NameType></Name></Names>
    <RegimeName>The Democratic People's Republic of Korea (Sanctions) (EU Exit) Regulations 2019</RegimeName>
    <IndividualEntityShip>Ship</IndividualEntityShip>
    <ShipDetails><Ship>
      <IMONumbers><IMONumber>IMO9562233</IMONumber></IMONumbers>
      <CurrentOwnerOperators><CurrentOwnerOperator>haji khairullah haji sattar money exchange</CurrentOwnerOperator></CurrentOwnerOperators>
      <CurrentBelievedFlagOfShips><CurrentBelievedFlagOfShip>Comoros</CurrentBelievedFlagOfShip></CurrentBelievedFlagOfShips>
      <PreviousFlags><PreviousFlag>India</PreviousFlag></PreviousFlags>
      <TypeOfShipDetails><TypeOfShip>Bulk Carrier</TypeOfShip></TypeOfShipDetails>
    </Ship></ShipDetails>
  </Designation>
  <Designation>
    <Names><Name><Name6>No Identifier Ltd</Name6><NameType>Primary Name</NameType></Name></Names>
    <IndividualEntityShip>Entity</IndividualEntityShip>
  </Designation>
</Designations>
"""


def run(path: Path, out: Path, accept_new_values: bool = False) -> Tables:
    snapshot = Snapshot(SPEC.id, "test", path.parent, {"data": path})
    with StagingWriter(out, SPEC.tables) as writer:
        parse(snapshot, writer, ParseOptions(accept_new_values=accept_new_values))
    names = [*SPEC.tables, "quarantine", "leftovers"]
    return {name: pq.read_table(out / f"{name}.parquet").to_pylist() for name in names}


def _file(tmp_path: Path, text: str, name: str = "UK-Sanctions-List.xml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _of(tables: Tables, table: str, unique_id: str, *columns: str) -> list[tuple[Any, ...]]:
    return sorted(tuple(row[c] for c in columns) for row in tables[table]
                  if row["unique_id"] == unique_id)  # fmt: skip


@pytest.fixture
def hand(tmp_path: Path) -> Tables:
    return run(_file(tmp_path, HAND), tmp_path / "out")


def test_an_individual(hand: Tables) -> None:
    row = hand["designations"][0]
    assert (row["unique_id"], row["ofsi_group_id"], row["name"], row["sanctions_imposed"],
            row["date_designated"], row["record_line"]) == (
        "AFG0006", "7172", "MOHAMMAD HASSAN AKHUND", ["Asset freeze", "Travel Ban"],
        date(2001, 1, 25), 4)  # fmt: skip
    assert _of(hand, "names", "AFG0006", "name", "name_type", "strength", "lang") == [
        ("Haji Mohammad Hassan", "aka", "weak", None),
        ("MOHAMMAD HASSAN AKHUND", "primary", "strong", None),
        ("Mohammad Hassan Akhund", "aka", "strong", None),
        ("محمد حسن آخوند", "alternative_language", "strong", "fa")]  # fmt: skip
    # A date of birth with unknown day and month is a year, never 1 January.
    assert _of(hand, "birth_dates", "AFG0006", "birth_date") == [("1945",), ("1958-03-01",)]
    assert _of(hand, "identifiers", "AFG0006", "scheme", "value", "details") == [
        ("passport", "P04581926", "Afghanistan passport")]
    assert _of(hand, "countries", "AFG0006", "role", "country_code") == [("nationality", "AF")]
    assert _of(hand, "facts", "AFG0006", "field", "value") == [
        ("gender", "Male"), ("title", "Haji"), ("title", "Mullah")]
    assert _of(hand, "birth_places", "AFG0006", "town", "country_code") == [("Lakhi village", "AF")]


def test_unknown_elements_and_bad_dates_are_reported_not_dropped(hand: Tables) -> None:
    assert sorted((r["field"], r["value"]) for r in hand["leftovers"]) == [
        ("DOB", "15/08/19yy"), ("DateDesignated", "31/02/2012"), ("SanctionsIndicator", "AF|TB")]
    entity = [r for r in hand["memberships"] if r["key"] == "AFG0001"]
    assert [(r["program"], r["listed_on"]) for r in entity] == [
        ("The Afghanistan (Sanctions) (EU Exit) Regulations 2020", None)]


def test_names_tie_companies_to_designations(hand: Tables) -> None:
    assert sorted((r["unique_id"], r["relation"], r["linked_unique_id"], r["candidates"])
                  for r in hand["related_parties"]) == [
        ("AFG0001", "parent_company", None, 0),
        ("DPR0075", "current_owner_operator", "AFG0001", 1)]  # fmt: skip
    assert _of(hand, "identifiers", "DPR0075", "scheme", "value") == [("imo", "9562233")]
    assert _of(hand, "countries", "DPR0075", "role", "country_code") == [
        ("current_flag", "KM"), ("previous_flag", "IN")]


def test_a_designation_without_unique_id_is_quarantined(hand: Tables) -> None:
    assert [(r["line"], r["reason"]) for r in hand["quarantine"]] == [(62, "no UniqueID")]
    assert "No Identifier Ltd" in hand["quarantine"][0]["raw"]
    assert hand["publication"] == [
        {"published_on": date(2026, 8, 20), "raw": "20/08/2026", "record_line": 3}]


def test_round_trip(tmp_path: Path) -> None:
    tables = run(write(tmp_path, ENTRIES, PUBLISHED), tmp_path / "out")
    assert tables["quarantine"] == [] and tables["leftovers"] == []
    assert [(r["unique_id"], r["individual_entity_ship"], r["name"], r["regime_name"],
             r["date_designated"]) for r in tables["designations"]] == [
        ("RUS0001", "Individual", "Ivan PETROV", "Russia", date(2022, 3, 15)),
        ("RUS0002", "Entity", "ACME HOLDING LLC", "Russia", date(2023, 1, 2)),
        ("RUS0002-2", "Entity", "ACME HOLDING LLC", "Cyber", date(2023, 1, 2)),
        ("RUS0003", "Entity", "ACME TRADING LLC", "Russia", date(2023, 1, 2)),
        ("RUS0004", "Ship", "SEA STAR", "Russia", date(2024, 5, 6))]  # fmt: skip
    assert _of(tables, "names", "RUS0001", "name", "name_type", "strength") == [
        ("Ivan PETROFF", "aka", "strong"), ("Ivan PETROV", "primary", "strong"),
        ("Vanya", "aka", "weak")]  # fmt: skip
    assert sorted((r["unique_id"], r["scheme"], r["value"]) for r in tables["identifiers"]) == [
        ("RUS0001", "passport", "AB1234567"), ("RUS0002", "registration", "1027700132195"),
        ("RUS0002-2", "registration", "1027700132195"), ("RUS0004", "imo", "9123456")]
    # The two designations of RUS0002 share an OFSIGroupID: one target, so its
    # name ties the subsidiary and the ship to it.
    assert sorted((r["unique_id"], r["relation"], r["linked_unique_id"])
                  for r in tables["related_parties"]) == [
        ("RUS0003", "parent_company", "RUS0002"),
        ("RUS0004", "current_owner_operator", "RUS0002")]  # fmt: skip
    assert _of(tables, "birth_dates", "RUS0001", "birth_date") == [("1970-01-31",)]
    assert _of(tables, "addresses", "RUS0001", "address_line_1", "address_line_6",
               "country_code") == [("1 Tverskaya Street", "Moscow", "RU")]


def test_an_ambiguous_company_name_stays_a_fact(tmp_path: Path) -> None:
    twins = [ListEntry(key=f"RUS000{n}", name="ACME LLC", kind="company", programs=("Russia",))
             for n in (1, 2)]  # fmt: skip
    child = ListEntry(key="RUS0003", name="ACME CHILD", kind="company", programs=("Russia",),
                      owner_key="RUS0001")
    tables = run(write(tmp_path, [*twins, child], PUBLISHED), tmp_path / "out")
    assert [(r["name"], r["linked_unique_id"], r["candidates"])
            for r in tables["related_parties"]] == [("ACME LLC", None, 2)]


LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE Designations [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
]>
<Designations><DateGenerated>01/01/2026</DateGenerated>
<Designation><UniqueID>X1</UniqueID><Names><Name><Name6>&lol5;</Name6></Name></Names></Designation>
</Designations>
"""
EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE Designations [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<Designations><DateGenerated>01/01/2026</DateGenerated>
<Designation><UniqueID>X1</UniqueID><Names><Name><Name6>&xxe;</Name6></Name></Names></Designation>
</Designations>
"""


@pytest.mark.parametrize(("text", "message"), [
    (LAUGHS, "XML with a DOCTYPE"),
    (EXTERNAL, "XML with a DOCTYPE"),
    (HAND[: HAND.index("<UniqueID>DPR0075")], r"List\.xml:\d+: not well-formed or truncated"),
    ("", "UK-Sanctions-List.xml"),
    ("<CONSOLIDATED_LIST><INDIVIDUALS/></CONSOLIDATED_LIST>", "root element is <CONSOLIDATED_LIS"),
    (HAND.replace("<DateGenerated>20/08/2026</DateGenerated>", ""), "expected one <DateGenerated>"),
    (HAND.replace("20/08/2026", "2026-08-20"), "bad <DateGenerated>"),
    ('<Designations><DateGenerated>20/08/2026</DateGenerated></Designations>', "no designation"),
])  # fmt: skip
def test_hostile_or_broken_files_stop_the_source(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(SourceError, match=message):
        run(_file(tmp_path, text), tmp_path / "out")


def test_a_duplicate_unique_id_is_quarantined(tmp_path: Path) -> None:
    path = write(tmp_path, [ENTRIES[0], ENTRIES[0]], PUBLISHED)
    tables = run(path, tmp_path / "out")
    assert [r["reason"] for r in tables["quarantine"]] == ["duplicate UniqueID RUS0001"]
    assert len(tables["designations"]) == 1


@pytest.mark.parametrize(("old", "new", "field"), [
    ("<NameType>ALias</NameType>", "<NameType>Nickname</NameType>", "NameType"),
    ("Low quality a.k.a", "Dubious a.k.a", "AliasStrength"),
    ("<IndividualEntityShip>Ship<", "<IndividualEntityShip>Aircraft<", "IndividualEntityShip"),
])  # fmt: skip
def test_unknown_values_stop_the_source_unless_accepted(
    tmp_path: Path, old: str, new: str, field: str
) -> None:
    path = _file(tmp_path, HAND.replace(old, new))
    with pytest.raises(UnknownValueError, match=f"unknown {field} .* at UK-Sanctions-List.xml:"):
        run(path, tmp_path / "out")
    tables = run(path, tmp_path / "accepted", accept_new_values=True)
    assert field in {r["field"] for r in tables["leftovers"]}
    assert len(tables["designations"]) == 3


def test_a_repeated_single_element_is_reported(tmp_path: Path) -> None:
    second = "<RegimeName>Second regime</RegimeName><IndividualEntityShip>Entity<"
    text = HAND.replace("<IndividualEntityShip>Entity<", second, 1)
    tables = run(_file(tmp_path, text), tmp_path / "out")
    assert ("RegimeName", "Second regime") in {(r["field"], r["value"]) for r in tables["leftovers"]}
    assert [r["regime_name"] for r in tables["designations"] if r["unique_id"] == "AFG0001"] == [
        "The Afghanistan (Sanctions) (EU Exit) Regulations 2020"]
