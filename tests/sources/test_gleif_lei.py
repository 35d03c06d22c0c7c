"""GLEIF Level 1 parser: real XML and JSON golden-copy files, and generated variants."""

from __future__ import annotations

import csv
import json
import zipfile
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from lxml import etree

from pipelines.lib.staging import StagingWriter
from pipelines.sources import global_gleif_lei as lei
from pipelines.sources.base import ParseOptions, Snapshot, Source, SourceError, UnknownValueError
from tests.golden import assert_golden

XML = "gleif/level1_xml/lei2-excerpt-2023-06-05.xml"
JSON = "gleif/level1_json_intraday/20240505-0000-gleif-goldencopy-lei2-intra-day.json"
LEI_NS = "http://www.gleif.org/data/schema/leidata/2016"
# Elements that repeat in LEI-CDF / RR-CDF / repex: BadgerFish JSON always lists them.
REPEATING = {
    "AdditionalAddressLine", "OtherEntityName", "TransliteratedOtherEntityName", "OtherAddress",
    "TransliteratedOtherAddress", "LegalEntityEvent", "OtherValidationAuthority",
    "RelationshipPeriod", "RelationshipQualifier", "RelationshipQuantifier", "ExceptionReason",
    "ExceptionReference", "gleif:Geocoding",
}  # fmt: skip


def parse_file(source: Source, path: Path, out: Path) -> dict[str, list[dict[str, Any]]]:
    """Parse ``path`` into ``out`` and read every staging table back, rows sorted."""
    snapshot = Snapshot(
        source_id=source.spec.id, snapshot_id="test", path=path.parent, files={"data": path}
    )
    with StagingWriter(out, source.spec.tables) as writer:
        source.parse(snapshot, writer, ParseOptions())
    tables = {}
    for parquet in sorted(out.glob("*.parquet")):
        rows = pq.read_table(parquet).to_pylist()
        tables[parquet.stem] = sorted(
            rows, key=lambda row: json.dumps(row, sort_keys=True, default=str)
        )
    return tables


def without_lines(tables: dict[str, list[dict[str, Any]]], *names: str) -> dict[str, Any]:
    """Tables ``names`` with record_line dropped (XML lines and JSON ordinals differ)."""
    result = {}
    for name in names:
        rows = [{k: v for k, v in row.items() if k != "record_line"} for row in tables[name]]
        result[name] = sorted(rows, key=lambda row: json.dumps(row, sort_keys=True, default=str))
    return result


def badgerfish(element: Any, main_ns: str) -> Any:
    """The GLEIF JSON golden-copy form of an XML element (text in "$", attributes "@...")."""
    out: dict[str, Any] = {}
    for key, value in element.attrib.items():
        qname = etree.QName(key)
        out["@xml:lang" if qname.localname == "lang" and qname.namespace else f"@{key}"] = value
    for kid in element:
        qname = etree.QName(kid)
        name = qname.localname if qname.namespace == main_ns else f"{kid.prefix}:{qname.localname}"
        value = badgerfish(kid, main_ns)
        if name in REPEATING:
            out.setdefault(name, []).append(value)
        else:
            out[name] = value
    if len(element) == 0 and element.text is not None:
        out["$"] = element.text
    return out or None


def xml_to_json(xml_path: Path, json_path: Path, tag: str, ns: str, wrapper: str) -> None:
    root = etree.parse(str(xml_path)).getroot()
    records = [badgerfish(record, ns) for record in root.iter(f"{{{ns}}}{tag}")]
    json_path.write_text(
        json.dumps({wrapper: records}, ensure_ascii=False, indent=1), encoding="utf-8"
    )


def edited_copy(real: Path, tmp_path: Path, old: str, new: str) -> Path:
    text = real.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / real.name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_xml_golden(real_data: Path, tmp_path: Path) -> None:
    tables = parse_file(lei.SOURCE, real_data / XML, tmp_path / "out")
    for name, rows in tables.items():
        assert_golden(f"gleif/lei_xml_{name}", rows)
    entities = {row["lei"]: row for row in tables["entities"]}
    assert len(entities) == 13
    assert entities["001GPB6A9XPE8XJICC14"]["entity_category"] == "FUND"
    assert entities["001GPB6A9XPE8XJICC14"]["record_line"] == 10  # end of the start tag (lxml)
    previous = [n for n in tables["names"] if n["name_type"] == "PREVIOUS_LEGAL_NAME"]
    assert {"lei": "001GPB6A9XPE8XJICC14", "lang": "en", "record_line": 10,
            "name": "FIDELITY ADVISOR SERIES I - Fidelity Advisor Leveraged Company Stock Fund",
            "name_type": "PREVIOUS_LEGAL_NAME"} in previous  # fmt: skip
    hq = [
        a
        for a in tables["addresses"]
        if a["lei"] == "004L5FPTUREIWK9T2N63" and a["address_type"] == "HEADQUARTERS"
    ]
    assert [(a["city"], a["country"], a["additional_address_lines"]) for a in hq] == [
        ("New York", "US", ["888 7th Avenue"])
    ]
    translit = {
        a["address_type"] for a in tables["addresses"] if a["lei"] == "213800BJPX8V9HVY1Y11"
    }
    assert "AUTO_ASCII_TRANSLITERATED_LEGAL_ADDRESS" in translit
    assert [e["event_type"] for e in tables["events"]] == ["DISSOLUTION"]
    assert tables["header"] == [{"content_date": "2023-06-05T08:20:51Z", "originator": None,
        "file_content": "GLEIF_FULL_PUBLISHED", "delta_start": None, "record_count": 2394586,
        "records_read": 13, "file_format": "xml"}]  # fmt: skip
    assert tables["leftovers"] == [] and tables["quarantine"] == []


def test_json_golden(real_data: Path, tmp_path: Path) -> None:
    tables = parse_file(lei.SOURCE, real_data / JSON, tmp_path / "out")
    for name, rows in tables.items():
        assert_golden(f"gleif/lei_json_{name}", rows)
    statuses = [row["registration_status"] for row in tables["entities"]]
    assert (len(statuses), statuses.count("ISSUED"), statuses.count("LAPSED")) == (577, 244, 333)
    delstar = next(row for row in tables["entities"] if row["lei"] == "2138003S4LLQA6AWQ557")
    assert (delstar["legal_name"], delstar["ra_id"], delstar["ra_entity_id"]) == (
        "DELSTAR INTERNATIONAL, LIMITED",
        "RA000585",
        "04296794",
    )
    legal_gb = [
        a for a in tables["addresses"] if a["address_type"] == "LEGAL" and a["country"] == "GB"
    ]
    assert len(legal_gb) == 19
    assert {row["conformity_flag"] for row in tables["entities"]} == {
        "CONFORMING",
        "NON_CONFORMING",
        None,
    }
    assert (
        tables["header"][0]["records_read"] == 577 and tables["header"][0]["file_format"] == "json"
    )


def test_xml_and_json_give_the_same_rows(real_data: Path, tmp_path: Path) -> None:
    as_json = tmp_path / "in" / "lei.json"
    as_json.parent.mkdir()
    xml_to_json(real_data / XML, as_json, "LEIRecord", LEI_NS, "records")
    from_xml = parse_file(lei.SOURCE, real_data / XML, tmp_path / "xml")
    from_json = parse_file(lei.SOURCE, as_json, tmp_path / "json")
    names = ("entities", "names", "addresses", "events", "leftovers", "quarantine")
    assert without_lines(from_json, *names) == without_lines(from_xml, *names)
    assert sorted(row["record_line"] for row in from_json["entities"]) == list(range(1, 14))


def test_zipped_file_gives_the_same_rows(real_data: Path, tmp_path: Path) -> None:
    archive = tmp_path / "lei.xml.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.write(real_data / XML, "20230605-gleif-goldencopy-lei2-golden-copy.xml")
    assert parse_file(lei.SOURCE, archive, tmp_path / "zip") == parse_file(
        lei.SOURCE, real_data / XML, tmp_path / "plain"
    )


def test_unknown_entity_category_names_value_file_and_line(real_data: Path, tmp_path: Path) -> None:
    path = edited_copy(real_data / XML, tmp_path, ">GENERAL<", ">SPACESHIP<")
    with pytest.raises(UnknownValueError) as error:
        parse_file(lei.SOURCE, path, tmp_path / "out")
    assert "'SPACESHIP'" in str(error.value)
    assert f"{path.name}:102" in str(error.value)
    assert error.value.field_name == "Entity.EntityCategory"


def test_unknown_other_name_type_is_an_error(real_data: Path, tmp_path: Path) -> None:
    path = edited_copy(real_data / XML, tmp_path, 'type="PREVIOUS_LEGAL_NAME"', 'type="NICKNAME"')
    with pytest.raises(UnknownValueError, match="NICKNAME"):
        parse_file(lei.SOURCE, path, tmp_path / "out")


def test_bad_check_digits_are_quarantined_and_the_rest_parsed(
    real_data: Path, tmp_path: Path
) -> None:
    path = edited_copy(real_data / XML, tmp_path, "004L5FPTUREIWK9T2N63<", "004L5FPTUREIWK9T2N64<")
    tables = parse_file(lei.SOURCE, path, tmp_path / "out")
    assert len(tables["entities"]) == 12
    [quarantined] = tables["quarantine"]
    assert quarantined["line"] == 76 and quarantined["file"] == path.name
    assert (
        "check digits" in quarantined["reason"] and "004L5FPTUREIWK9T2N64" in quarantined["reason"]
    )
    assert (
        quarantined["raw"].startswith("<lei:LEIRecord")
        and "Hutchin Hill Capital" in quarantined["raw"]
    )
    assert tables["header"][0]["records_read"] == 13


def test_missing_legal_name_is_quarantined(real_data: Path, tmp_path: Path) -> None:
    old = '<lei:LegalName xml:lang="en">Hutchin Hill Capital, LP</lei:LegalName>'
    path = edited_copy(real_data / XML, tmp_path, old, "")
    tables = parse_file(lei.SOURCE, path, tmp_path / "out")
    assert [q["reason"] for q in tables["quarantine"]] == ["missing Entity/LegalName"]
    assert "004L5FPTUREIWK9T2N63" not in {row["lei"] for row in tables["names"]}


def test_truncated_xml_is_a_source_error(real_data: Path, tmp_path: Path) -> None:
    data = (real_data / XML).read_bytes()
    path = tmp_path / "truncated.xml"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(SourceError, match=r"truncated\.xml:\d+: not well-formed XML"):
        parse_file(lei.SOURCE, path, tmp_path / "out")


def test_truncated_json_is_a_source_error(real_data: Path, tmp_path: Path) -> None:
    data = (real_data / JSON).read_bytes()
    path = tmp_path / "truncated.json"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(
        SourceError, match=r"truncated\.json: not well-formed JSON after record \d+"
    ):
        parse_file(lei.SOURCE, path, tmp_path / "out")


LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
 <!ENTITY xxe SYSTEM "file:///etc/passwd">
]>
<lei:LEIData xmlns:lei="http://www.gleif.org/data/schema/leidata/2016"><lei:LEIRecords>
<lei:LEIRecord><lei:LEI>&lol9;</lei:LEI><lei:Entity><lei:LegalName>&xxe;</lei:LegalName>
</lei:Entity></lei:LEIRecord></lei:LEIRecords></lei:LEIData>
"""


@pytest.mark.timeout(20)
@pytest.mark.parametrize("padding", [0, 100_000], ids=["doctype-in-head", "doctype-after-64k"])
def test_billion_laughs_and_external_entities_are_refused(tmp_path: Path, padding: int) -> None:
    # The padding comment pushes the DOCTYPE past the sniffed head: the parser's own check must fire.
    text = LAUGHS.replace("<!DOCTYPE", f"<!--{'x' * padding}-->\n<!DOCTYPE") if padding else LAUGHS
    path = tmp_path / "laughs.xml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError, match="DOCTYPE"):
        parse_file(lei.SOURCE, path, tmp_path / "out")
    assert not (tmp_path / "out" / "entities.parquet").exists() or not pq.read_table(
        tmp_path / "out" / "entities.parquet").num_rows  # fmt: skip


def test_unknown_element_is_reported_as_leftover(real_data: Path, tmp_path: Path) -> None:
    old = "<lei:EntityCategory>GENERAL</lei:EntityCategory>"
    path = edited_copy(real_data / XML, tmp_path, old, old + "<lei:ShoeSize>44</lei:ShoeSize>")
    tables = parse_file(lei.SOURCE, path, tmp_path / "out")
    assert tables["leftovers"] == [
        {"file": path.name, "line": 102, "field": "Entity/ShoeSize", "value": "44"}
    ]
    assert len(tables["entities"]) == 13


# The two records below, flattened to GLEIF's documented CSV column names.
CSV_ROWS = [
    {
        "LEI": "001GPB6A9XPE8XJICC14",
        "Entity.LegalName": "Fidelity Advisor Leveraged Company Stock Fund",
        "Entity.LegalName.xmllang": "en",
        "Entity.OtherEntityNames.OtherEntityName.1":
            "FIDELITY ADVISOR SERIES I - Fidelity Advisor Leveraged Company Stock Fund",
        "Entity.OtherEntityNames.OtherEntityName.1.xmllang": "en",
        "Entity.OtherEntityNames.OtherEntityName.1.type": "PREVIOUS_LEGAL_NAME",
        "Entity.LegalAddress.xmllang": "en",
        "Entity.LegalAddress.FirstAddressLine": "245 SUMMER STREET",
        "Entity.LegalAddress.City": "BOSTON",
        "Entity.LegalAddress.Region": "US-MA",
        "Entity.LegalAddress.Country": "US",
        "Entity.LegalAddress.PostalCode": "02210",
        "Entity.HeadquartersAddress.xmllang": "en",
        "Entity.HeadquartersAddress.FirstAddressLine": "C/O Fidelity Management & Research Company LLC",
        "Entity.HeadquartersAddress.City": "Boston",
        "Entity.HeadquartersAddress.Region": "US-MA",
        "Entity.HeadquartersAddress.Country": "US",
        "Entity.HeadquartersAddress.PostalCode": "02210",
        "Entity.RegistrationAuthority.RegistrationAuthorityID": "RA000665",
        "Entity.RegistrationAuthority.RegistrationAuthorityEntityID": "S000005113",
        "Entity.LegalJurisdiction": "US-MA",
        "Entity.EntityCategory": "FUND",
        "Entity.LegalForm.EntityLegalFormCode": "8888",
        "Entity.LegalForm.OtherLegalForm": "FUND",
        "Entity.EntityStatus": "ACTIVE",
        "Entity.EntityCreationDate": "2012-11-29T00:00:00.000Z",
        "Registration.InitialRegistrationDate": "2012-11-29T16:33:00.000Z",
        "Registration.LastUpdateDate": "2023-05-18T15:41:20.212Z",
        "Registration.RegistrationStatus": "ISSUED",
        "Registration.NextRenewalDate": "2024-05-18T15:48:53.604Z",
        "Registration.ManagingLOU": "EVK05KS7XY1DEII3R011",
        "Registration.ValidationSources": "FULLY_CORROBORATED",
        "Registration.ValidationAuthority.ValidationAuthorityID": "RA000665",
        "Registration.ValidationAuthority.ValidationAuthorityEntityID": "S000005113",
    },
    {
        "LEI": "004L5FPTUREIWK9T2N63",
        "Entity.LegalName": "Hutchin Hill Capital, LP",
        "Entity.LegalName.xmllang": "en",
        "Entity.LegalAddress.xmllang": "en",
        "Entity.LegalAddress.FirstAddressLine": "C/O Corporation Service Company",
        "Entity.LegalAddress.AdditionalAddressLine.1": "2711 Centerville Road",
        "Entity.LegalAddress.AdditionalAddressLine.2": "Suite 400",
        "Entity.LegalAddress.City": "Wilmington",
        "Entity.LegalAddress.Region": "US-DE",
        "Entity.LegalAddress.Country": "US",
        "Entity.LegalAddress.PostalCode": "19808",
        "Entity.HeadquartersAddress.xmllang": "en",
        "Entity.HeadquartersAddress.FirstAddressLine": "22nd Floor",
        "Entity.HeadquartersAddress.AdditionalAddressLine.1": "888 7th Avenue",
        "Entity.HeadquartersAddress.City": "New York",
        "Entity.HeadquartersAddress.Region": "US-NY",
        "Entity.HeadquartersAddress.Country": "US",
        "Entity.HeadquartersAddress.PostalCode": "10106",
        "Entity.RegistrationAuthority.RegistrationAuthorityID": "RA000602",
        "Entity.RegistrationAuthority.RegistrationAuthorityEntityID": "4386463",
        "Entity.LegalJurisdiction": "US-DE",
        "Entity.EntityCategory": "GENERAL",
        "Entity.LegalForm.EntityLegalFormCode": "T91T",
        "Entity.EntityStatus": "ACTIVE",
        "Registration.InitialRegistrationDate": "2012-06-06T15:56:00.000Z",
        "Registration.LastUpdateDate": "2020-07-17T12:40:00.000Z",
        "Registration.RegistrationStatus": "LAPSED",
        "Registration.NextRenewalDate": "2018-05-08T13:46:00.000Z",
        "Registration.ManagingLOU": "EVK05KS7XY1DEII3R011",
        "Registration.ValidationSources": "FULLY_CORROBORATED",
        "Registration.ValidationAuthority.ValidationAuthorityID": "RA000602",
        "Registration.ValidationAuthority.ValidationAuthorityEntityID": "4386463",
    },
]  # fmt: skip


def write_csv(path: Path, rows: list[dict[str, str]], extra_columns: tuple[str, ...] = ()) -> Path:
    columns = list(dict.fromkeys([*(c for row in rows for c in row), *extra_columns]))
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, quoting=csv.QUOTE_ALL)
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_csv_gives_the_same_rows_as_xml(real_data: Path, tmp_path: Path) -> None:
    # Empty numbered columns (OtherEntityName.2 ...) are part of the real layout and must vanish.
    csv_path = write_csv(tmp_path / "lei.csv", CSV_ROWS, ("Entity.OtherEntityNames.OtherEntityName.2",
        "Entity.OtherEntityNames.OtherEntityName.2.type", "Entity.LegalAddress.AdditionalAddressLine.3"))  # fmt: skip
    from_csv = parse_file(lei.SOURCE, csv_path, tmp_path / "csv")
    from_xml = parse_file(lei.SOURCE, real_data / XML, tmp_path / "xml")
    wanted = {row["LEI"] for row in CSV_ROWS}
    for name in ("entities", "names", "addresses"):
        xml_rows = [row for row in from_xml[name] if row["lei"] in wanted]
        assert without_lines({name: from_csv[name]}, name) == without_lines({name: xml_rows}, name)
    assert sorted(row["record_line"] for row in from_csv["entities"]) == [1, 2]
    assert from_csv["leftovers"] == [] and from_csv["header"][0]["file_format"] == "csv"


def test_csv_unknown_column_is_a_leftover(tmp_path: Path) -> None:
    rows = [{**CSV_ROWS[1], "Entity.FavouriteColour": "blue"}]
    tables = parse_file(lei.SOURCE, write_csv(tmp_path / "lei.csv", rows), tmp_path / "out")
    assert tables["leftovers"] == [
        {"file": "lei.csv", "line": 1, "field": "Entity/FavouriteColour", "value": "blue"}
    ]


def test_external_entity_after_the_sniffed_head_is_refused(tmp_path: Path) -> None:
    # No amplification for libxml2 to stop here: the DOCTYPE check itself must fire.
    path = tmp_path / "xxe.xml"
    path.write_text(
        f'<?xml version="1.0"?>\n<!--{"x" * 100_000}-->\n'
        '<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        f'<lei:LEIData xmlns:lei="{LEI_NS}"><lei:LEIRecords><lei:LEIRecord>'
        "<lei:LEI>001GPB6A9XPE8XJICC14</lei:LEI><lei:Entity><lei:LegalName>&xxe;</lei:LegalName>"
        "</lei:Entity></lei:LEIRecord></lei:LEIRecords></lei:LEIData>\n",
        encoding="utf-8",
    )
    with pytest.raises(SourceError, match="DOCTYPE is refused"):
        parse_file(lei.SOURCE, path, tmp_path / "out")
