"""GLEIF Level 2 relationship-record parser: the real RR excerpt and generated variants."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from pipelines.sources import global_gleif_rr as rr
from pipelines.sources.base import SourceError, UnknownValueError
from tests.golden import assert_golden
from tests.sources.test_gleif_lei import (
    edited_copy,
    parse_file,
    without_lines,
    write_csv,
    xml_to_json,
)

XML = "gleif/level2_rr_xml/rr-excerpt-2023-06-05.xml"
RR_NS = "http://www.gleif.org/data/schema/rr/2016"
DIRECT = ("010CMKZ3VON21WF2ZD45", "ZZG38T0MDR3QY1ETUA76")


def test_xml_golden(real_data: Path, tmp_path: Path) -> None:
    tables = parse_file(rr.SOURCE, real_data / XML, tmp_path / "out")
    for name, rows in tables.items():
        assert_golden(f"gleif/rr_xml_{name}", rows)
    rows = tables["relationships"]
    assert len(rows) == 10
    types = [row["relationship_type"] for row in rows]
    assert types.count("IS_FUND-MANAGED_BY") == 5 and types.count("IS_SUBFUND_OF") == 3
    direct = next(r for r in rows if (r["start_node_id"], r["end_node_id"]) == DIRECT)
    assert direct["relationship_type"] == "IS_DIRECTLY_CONSOLIDATED_BY"
    # The relationship period, not the accounting period listed first.
    assert (direct["relationship_start_date"], direct["relationship_end_date"]) == (
        "2018-02-06T00:00:00.000Z",
        None,
    )
    assert [p["period_type"] for p in direct["periods"]] == [
        "ACCOUNTING_PERIOD",
        "RELATIONSHIP_PERIOD",
    ]
    assert direct["accounting_standard"] is None and direct["registration_status"] == "LAPSED"
    assert [r["accounting_standard"] for r in rows if r["accounting_standard"]] == ["US_GAAP"]
    assert (
        tables["header"][0]["record_count"] == 394970 and tables["header"][0]["records_read"] == 10
    )
    assert tables["leftovers"] == [] and tables["quarantine"] == []


def test_json_with_relations_wrapper_gives_the_same_rows(real_data: Path, tmp_path: Path) -> None:
    # Full RR JSON golden copies wrap the records as {"relations": [...]}.
    as_json = tmp_path / "in" / "rr.json"
    as_json.parent.mkdir()
    xml_to_json(real_data / XML, as_json, "RelationshipRecord", RR_NS, "relations")
    from_xml = parse_file(rr.SOURCE, real_data / XML, tmp_path / "xml")
    from_json = parse_file(rr.SOURCE, as_json, tmp_path / "json")
    names = ("relationships", "leftovers", "quarantine")
    assert without_lines(from_json, *names) == without_lines(from_xml, *names)
    assert len(from_json["relationships"]) == 10


def test_zipped_file_gives_the_same_rows(real_data: Path, tmp_path: Path) -> None:
    archive = tmp_path / "rr.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.write(real_data / XML, "rr.xml")
    assert parse_file(rr.SOURCE, archive, tmp_path / "a") == parse_file(
        rr.SOURCE, real_data / XML, tmp_path / "b"
    )


def test_unknown_relationship_type_names_value_file_and_line(
    real_data: Path, tmp_path: Path
) -> None:
    path = edited_copy(real_data / XML, tmp_path, ">IS_SUBFUND_OF<", ">IS_SECRETLY_OWNED_BY<")
    with pytest.raises(UnknownValueError) as error:
        parse_file(rr.SOURCE, path, tmp_path / "out")
    assert str(error.value) == (
        f"unknown Relationship.RelationshipType 'IS_SECRETLY_OWNED_BY' at {path.name}:54"
    )


def test_missing_end_node_and_bad_lei_are_quarantined(real_data: Path, tmp_path: Path) -> None:
    path = edited_copy(real_data / XML, tmp_path, "<rr:NodeID>5493001Z012YSB2A0K51</rr:NodeID>", "")
    text = path.read_text(encoding="utf-8").replace(
        "C7J4FOV6ELAVE39B7M82<", "C7J4FOV6ELAVE39B7M83<", 1
    )
    path.write_text(text, encoding="utf-8")
    tables = parse_file(rr.SOURCE, path, tmp_path / "out")
    assert len(tables["relationships"]) == 8
    reasons = sorted(q["reason"] for q in tables["quarantine"])
    assert reasons[0].startswith("invalid EndNode LEI 'C7J4FOV6ELAVE39B7M83'")
    assert reasons[1] == "missing EndNode/NodeID"
    assert all("<rr:RelationshipRecord" in q["raw"] for q in tables["quarantine"])


def test_truncated_xml_is_a_source_error(real_data: Path, tmp_path: Path) -> None:
    data = (real_data / XML).read_bytes()
    path = tmp_path / "rr.xml"
    path.write_bytes(data[:-200])
    with pytest.raises(SourceError, match=r"rr\.xml:\d+"):
        parse_file(rr.SOURCE, path, tmp_path / "out")


def test_csv_gives_the_same_rows_as_xml(real_data: Path, tmp_path: Path) -> None:
    row = {
        "Relationship.StartNode.NodeID": DIRECT[0], "Relationship.StartNode.NodeIDType": "LEI",
        "Relationship.EndNode.NodeID": DIRECT[1], "Relationship.EndNode.NodeIDType": "LEI",
        "Relationship.RelationshipType": "IS_DIRECTLY_CONSOLIDATED_BY",
        "Relationship.RelationshipStatus": "ACTIVE",
        "Registration.InitialRegistrationDate": "2012-10-01T11:09:00.000Z",
        "Registration.LastUpdateDate": "2022-06-04T01:00:00.000Z",
        "Registration.RegistrationStatus": "LAPSED",
        "Registration.NextRenewalDate": "2022-06-03T13:04:00.000Z",
        "Registration.ManagingLOU": "EVK05KS7XY1DEII3R011",
        "Registration.ValidationSources": "ENTITY_SUPPLIED_ONLY",
        "Registration.ValidationDocuments": "SUPPORTING_DOCUMENTS",
        "Relationship.Period.1.startDate": "2018-01-01T00:00:00.000Z",
        "Relationship.Period.1.endDate": "2018-12-31T00:00:00.000Z",
        "Relationship.Period.1.periodType": "ACCOUNTING_PERIOD",
        "Relationship.Period.2.startDate": "2018-02-06T00:00:00.000Z",
        "Relationship.Period.2.periodType": "RELATIONSHIP_PERIOD",
        "Relationship.Qualifiers.1.QualifierDimension": "ACCOUNTING_STANDARD",
    }  # fmt: skip
    extra = ("Relationship.Period.3.startDate", "Relationship.Quantifiers.1.QuantifierAmount")
    from_csv = parse_file(rr.SOURCE, write_csv(tmp_path / "rr.csv", [row], extra), tmp_path / "csv")
    from_xml = parse_file(rr.SOURCE, real_data / XML, tmp_path / "xml")
    xml_rows = [
        r for r in from_xml["relationships"] if (r["start_node_id"], r["end_node_id"]) == DIRECT
    ]
    assert without_lines(from_csv, "relationships") == without_lines(
        {"relationships": xml_rows}, "relationships"
    )
    assert from_csv["leftovers"] == [] and from_csv["relationships"][0]["record_line"] == 1
