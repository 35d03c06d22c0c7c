"""bods parser: every real file in ../shared/data/real/bods (golden) and generated statements."""

from __future__ import annotations

import csv
import json
import zipfile
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from pipelines.lib.staging import StagingWriter
from pipelines.sources.base import ParseOptions, Snapshot, UnknownValueError
from pipelines.sources.bods import SPEC, parse
from pipelines.sources.bods_codelists import BY_VERSION, to_v04
from pipelines.sources.bods_identifiers import normalise
from tests.conftest import REAL
from tests.golden import assert_golden

Tables = dict[str, list[dict[str, Any]]]
BODS = REAL / "bods"
REAL_FILES = sorted(
    str(path.relative_to(BODS)) for path in BODS.glob("*/**/*.json") if "schema" not in path.parts
)
PUB = {"publicationDate": "2024-08-12", "bodsVersion": "0.4", "publisher": {"name": "Test"}}


def parse_file(path: Path, out: Path, accept_new_values: bool = False) -> Tables:
    snapshot = Snapshot("bods", "test", path.parent, {"data": path})
    with StagingWriter(out, SPEC.tables) as writer:
        parse(snapshot, writer, ParseOptions(accept_new_values=accept_new_values))
    names = [*SPEC.tables, "quarantine", "leftovers"]
    return {name: pq.read_table(out / f"{name}.parquet").to_pylist() for name in names}


def entity(rid: str, **details: Any) -> dict[str, Any]:
    return {
        "statementId": f"s-{rid}", "statementDate": "2024-01-01", "publicationDetails": PUB,
        "recordId": rid, "recordType": "entity", "recordStatus": "new",
        "recordDetails": {"isComponent": False, "entityType": {"type": "registeredEntity"},
                          "name": f"Company {rid}", **details},
    }  # fmt: skip


def relationship(rid: str, subject: Any, party: Any, *interests: dict[str, Any]) -> dict[str, Any]:
    return {
        "statementId": f"s-{rid}", "statementDate": "2024-01-01", "publicationDetails": PUB,
        "recordId": rid, "recordType": "relationship", "recordStatus": "new",
        "recordDetails": {"isComponent": False, "subject": subject, "interestedParty": party,
                          "interests": list(interests)},
    }  # fmt: skip


def write_lines(path: Path, *lines: Any) -> Path:
    text = [line if isinstance(line, str) else json.dumps(line) for line in lines]
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("name", REAL_FILES)
def test_real_files_golden(real_data: Path, tmp_path: Path, name: str) -> None:
    tables = parse_file(real_data / "bods" / name, tmp_path)
    golden = name.removesuffix(".json").replace("/", "__")
    assert_golden(f"bods/{golden}", tables)


def test_hong_kong_company_ultimately_consolidated_in_china(
    real_data: Path, tmp_path: Path
) -> None:
    path = real_data / "bods" / "bods-0.4-gleif-pipeline-fixtures" / "bods_relationship_issued.json"
    tables = parse_file(path, tmp_path)
    [rel] = [s for s in tables["statements"] if s["record_type"] == "relationship"]
    assert (rel["subject_record"], rel["interested_party_record"]) == (
        "3003005JY7KTP8L48N10", "30030096HNNZNN7BZK36"
    )  # fmt: skip
    [interest] = tables["interests"]
    assert interest["interest_type"] == "otherInfluenceOrControl"
    assert interest["details"] == "Relationship Type: IS_ULTIMATELY_CONSOLIDATED_BY"
    assert (interest["direct_or_indirect"], interest["start_date"]) == ("indirect", "2016-02-23")
    assert interest["share_exact"] is None and interest["share_minimum"] is None
    parent = next(s for s in tables["statements"] if s["record_id"] == "30030096HNNZNN7BZK36")
    assert (parent["jurisdiction_code"], parent["entity_type"]) == ("CN", "registeredEntity")
    ids = {(i["record_id"], i["scheme"], i["value"]) for i in tables["identifiers"]}
    assert ("30030096HNNZNN7BZK36", "cn-uscc", "91330783717672584H") in ids
    assert ("3003005JY7KTP8L48N10", "hk-cr", "58931190") in ids
    assert ("30030096HNNZNN7BZK36", "lei", "30030096HNNZNN7BZK36") in ids
    business = [a for a in tables["addresses"] if a["address_type"] == "business"]
    assert {(a["record_id"], a["country_code"]) for a in business} == {
        ("30030096HNNZNN7BZK36", "CN"), ("3003005JY7KTP8L48N10", "HK")
    }  # fmt: skip


def test_unspecified_parent_is_kept_as_a_fact(real_data: Path, tmp_path: Path) -> None:
    path = real_data / "bods" / "bods-0.4-gleif-pipeline-fixtures" / "bods_repex_issued.json"
    [row] = parse_file(path, tmp_path)["unspecified"]
    assert (row["role"], row["reason"]) == (
        "interestedParty",
        "interestedPartyExemptFromDisclosure",
    )
    assert row["description"].startswith("Exception Reason: NO_LEI.")


def test_bods_02_is_read_in_04_vocabulary(real_data: Path, tmp_path: Path) -> None:
    folder = real_data / "bods" / "bods-0.2-gleif-bodspipelines-fixtures"
    tables = parse_file(folder / "rr-data-out.json", tmp_path / "rr")
    assert {s["bods_version"] for s in tables["statements"]} == {"0.2"}
    first = tables["interests"][0]
    assert (first["interest_type"], first["interest_type_raw"]) == (
        "otherInfluenceOrControl", "other-influence-or-control"
    )  # fmt: skip
    assert first["direct_or_indirect"] == "direct"
    lei = parse_file(folder / "lei-data-out.json", tmp_path / "lei")
    dentsu = next(s for s in lei["statements"] if s["name"] == "DENTSU INTERNATIONAL LIMITED")
    ids = {
        (i["scheme"], i["value"])
        for i in lei["identifiers"]
        if i["statement_id"] == dentsu["statement_id"]
    }
    assert ids == {("lei", "213800FERQ5LE3H7WJ58"), ("gb-coh", "01403668")}


def test_02_unspecified_interested_party(tmp_path: Path) -> None:
    statement = {
        "statementID": "ooc-1", "statementType": "ownershipOrControlStatement",
        "publicationDetails": {**PUB, "bodsVersion": "0.2"},
        "subject": {"describedByEntityStatement": "e-1"},
        "interestedParty": {"unspecified": {"reason": "interested-party-exempt-from-disclosure"}},
        "interests": [{"type": "shareholding", "interestLevel": "direct",
                       "share": {"minimum": 25, "maximum": 50, "exclusiveMinimum": True,
                                 "exclusiveMaximum": False}}],
    }  # fmt: skip
    tables = parse_file(write_lines(tmp_path / "s.jsonl", statement), tmp_path / "out")
    [row] = tables["unspecified"]
    assert (row["reason"], row["reason_raw"]) == (
        "interestedPartyExemptFromDisclosure", "interested-party-exempt-from-disclosure"
    )  # fmt: skip
    [stmt] = tables["statements"]
    assert (stmt["interested_party_kind"], stmt["interested_party_record"]) == ("unspecified", None)
    [interest] = tables["interests"]
    assert (interest["share_minimum"], interest["share_min_exclusive"]) == (25.0, True)
    assert (interest["share_maximum"], interest["share_max_exclusive"]) == (50.0, False)


def test_json_lines_and_zip_give_the_same_rows(real_data: Path, tmp_path: Path) -> None:
    array = real_data / "bods" / "bods-0.4-standard" / "examples" / "fermcat.json"
    statements = json.loads(array.read_text(encoding="utf-8"))
    lines = write_lines(tmp_path / "fermcat.jsonl", *statements)
    archive = tmp_path / "fermcat.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.write(lines, "fermcat.jsonl")
    from_array = parse_file(array, tmp_path / "a")
    from_lines = parse_file(lines, tmp_path / "l")
    assert len(from_array["statements"]) == len(statements) == 23
    assert from_lines == from_array
    assert parse_file(archive, tmp_path / "z") == from_lines


def test_exclusive_bounds_are_open(tmp_path: Path) -> None:
    share = {"exclusiveMinimum": 25, "exclusiveMaximum": 50}
    interest = {"type": "shareholding", "directOrIndirect": "direct", "share": share}
    path = write_lines(tmp_path / "s.jsonl", relationship("r1", "e1", "p1", interest))
    [row] = parse_file(path, tmp_path / "out")["interests"]
    assert (row["share_minimum"], row["share_min_exclusive"]) == (25.0, True)
    assert (row["share_maximum"], row["share_max_exclusive"]) == (50.0, True)
    assert row["share_exact"] is None


BAD_INTEREST = {"type": "telepathicControl", "directOrIndirect": "direct"}


@pytest.mark.parametrize("layout", ["lines", "array"])
def test_unknown_codelist_value_names_value_file_and_position(tmp_path: Path, layout: str) -> None:
    statements = [entity("e1"), relationship("r1", "e1", "e2", BAD_INTEREST)]
    if layout == "lines":
        path = write_lines(tmp_path / "s.jsonl", *statements)
    else:
        path = tmp_path / "s.json"
        path.write_text(json.dumps(statements, indent=2), encoding="utf-8")
    with pytest.raises(UnknownValueError) as raised:
        parse_file(path, tmp_path / "out")
    error = raised.value
    assert (error.value, error.file, error.line) == ("telepathicControl", path.name, 2)
    assert error.field_name == "recordDetails.interests[].type"
    assert f"'telepathicControl' at {path.name}:2" in str(error)


def test_accept_new_values_keeps_and_reports(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "s.jsonl", entity("e1"), relationship("r1", "e1", "e2", BAD_INTEREST)
    )
    tables = parse_file(path, tmp_path / "out", accept_new_values=True)
    assert [row["interest_type"] for row in tables["interests"]] == ["telepathicControl"]
    assert tables["leftovers"] == [
        {"file": "s.jsonl", "line": 2, "field": "recordDetails.interests[].type",
         "value": "telepathicControl"}
    ]  # fmt: skip


def test_malformed_statements_are_quarantined_with_raw_text(tmp_path: Path) -> None:
    no_type = {"statementId": "s-x", "recordId": "x", "publicationDetails": PUB}
    no_id = {"recordType": "entity", "recordId": "y"}
    lines = [json.dumps(entity("e1")), '{"statementId": "broken', "[1, 2]",
             json.dumps(no_type), json.dumps(no_id), "", json.dumps(entity("e2"))]  # fmt: skip
    tables = parse_file(write_lines(tmp_path / "s.jsonl", *lines), tmp_path / "out")
    assert [s["record_id"] for s in tables["statements"]] == ["e1", "e2"]
    assert [s["statement_pos"] for s in tables["statements"]] == [1, 7]
    quarantined = [(q["line"], q["reason"], q["raw"]) for q in tables["quarantine"]]
    assert quarantined == [
        (2, "not JSON (Unterminated string starting at)", lines[1]),
        (3, "statement is not a JSON object", "[1, 2]"),
        (4, "missing recordType", lines[3]),
        (5, "missing statementId", lines[4]),
    ]


def test_unknown_fields_are_leftovers(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "s.jsonl", entity("e1", shoeSize=42, formedByStatute={}))
    tables = parse_file(path, tmp_path / "out")
    # formedByStatute is deliberately ignored (bods_parties.IGNORED); shoeSize is not BODS.
    assert tables["leftovers"] == [
        {"file": "s.jsonl", "line": 1, "field": "recordDetails.shoeSize", "value": "42"}
    ]


@pytest.mark.parametrize(
    ("scheme", "scheme_name", "value", "expected"),
    [
        ("XI-LEI", None, "5493001kjtiigc8y1r12 ", ("lei", "5493001KJTIIGC8Y1R12")),
        ("GB-COH", None, "1403668", ("gb-coh", "01403668")),
        ("GB-COH", None, "sc123456", ("gb-coh", "SC123456")),
        ("CN-SAMR", None, "91330783717672584h", ("cn-uscc", "91330783717672584H")),
        ("CN-SAMR", None, "12345", ("cn-samr", "12345")),
        (None, "RA000092", "91330783717672584H", ("cn-uscc", "91330783717672584H")),
        (None, "RA000586", "SC012345", ("gb-coh", "SC012345")),
        (None, "RA000665", "S000005113", ("ra000665", "S000005113")),
        ("UA-EDR", None, "UA-XE-02", ("ua-edr", "UA-XE-02")),
        (None, "Company Registry, Delaware", "758355", ("other", "758355")),
    ],
)
def test_identifier_schemes_are_normalised(
    scheme: str | None, scheme_name: str | None, value: str, expected: tuple[str, str]
) -> None:
    assert normalise(scheme, scheme_name, value) == expected


def test_codelists_match_the_standard(real_data: Path) -> None:
    folder = real_data / "bods" / "bods-0.4-standard" / "codelists"
    files = sorted(folder.glob("*.csv"))
    assert len(files) == 13
    for path in files:
        with path.open(encoding="utf-8") as handle:
            codes = {row["code"] for row in csv.DictReader(handle)}
        assert BY_VERSION["0.4"][path.stem] == codes, path.name
    # Every 0.2/0.3 code has a 0.4 spelling, so staging holds one vocabulary.
    for version in ("0.2", "0.3"):
        for codelist, values in BY_VERSION[version].items():
            assert {to_v04(v) for v in values} <= BY_VERSION["0.4"][codelist], (version, codelist)
