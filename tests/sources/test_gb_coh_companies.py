"""gb_coh_companies parser: the real header and rows (golden + hand checks) and generated files."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
import yaml

from pipelines.lib.staging import StagingWriter
from pipelines.sources.base import ParseOptions, Snapshot, SourceError, UnknownValueError
from pipelines.sources.coh_basic_columns import (
    CATEGORIES_CSV,
    DATES,
    HEADER,
    IGNORED,
    SIC_COLUMNS,
    STATUSES_CSV,
    TEXT,
    previous_name_columns,
)
from pipelines.sources.gb_coh_companies import SPEC, parse
from tests.golden import assert_golden

COH = "uk_companies_house"
FIXTURES = f"{COH}/psc_snapshot_records_bods-uk-psc-pipeline"
Tables = dict[str, list[dict[str, Any]]]


def real_header(real_data: Path) -> str:
    """The published header line. The fixture is hard-wrapped at ~118 characters, so
    the header is its lines up to the first record (which starts with a quote), joined."""
    lines = (real_data / FIXTURES / "basic-company-data-1.csv").read_text().splitlines()
    first_record = next(i for i, line in enumerate(lines) if line.startswith('"'))
    return "".join(lines[:first_record])


def real_rows(real_data: Path) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = json.loads(
        (real_data / FIXTURES / "company-data-1.json").read_text()
    )
    return rows


def csv_text(header: str, rows: list[dict[str, str]]) -> str:
    """Rows under ``header`` as Companies House writes them: every field quoted, CRLF."""
    out = io.StringIO()
    out.write(header + "\r\n")
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    names = [name.strip() for name in next(csv.reader([header]))]
    for row in rows:
        writer.writerow([row[name] for name in names])
    return out.getvalue()


def run(files: dict[str, Path], out: Path, accept_new_values: bool = False) -> Tables:
    snapshot = Snapshot("gb_coh_companies", "test", out.parent, files)
    with StagingWriter(out, SPEC.tables) as writer:
        parse(snapshot, writer, ParseOptions(accept_new_values=accept_new_values))
    names = [*SPEC.tables, "quarantine", "leftovers"]
    return {name: pq.read_table(out / f"{name}.parquet").to_pylist() for name in names}


@pytest.fixture
def header(real_data: Path) -> str:
    return real_header(real_data)


@pytest.fixture
def rows(real_data: Path) -> list[dict[str, str]]:
    return real_rows(real_data)


def one_csv(
    tmp_path: Path, text: str | bytes, name: str = "BasicCompanyData.csv"
) -> dict[str, Path]:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return {"data": path}


# --- the real header and rows ----------------------------------------------------------


def test_real_header_is_the_known_column_set(header: str) -> None:
    names = next(csv.reader([header]))
    assert [name.strip() for name in names] == list(HEADER)
    assert " CompanyNumber" in names and " PreviousName_10.CompanyName" in names
    mapped = {*TEXT, *DATES, "CompanyNumber", "CompanyCategory", "CompanyStatus", *SIC_COLUMNS}
    previous = {name for seq in range(1, 11) for name in previous_name_columns(seq)}
    assert mapped | previous | set(IGNORED) == set(HEADER)
    assert not (mapped | previous) & set(IGNORED)


def test_real_rows_golden(tmp_path: Path, header: str, rows: list[dict[str, str]]) -> None:
    tables = run(one_csv(tmp_path, csv_text(header, rows)), tmp_path / "out")
    assert_golden("gb_coh/companies_real", tables)


def test_real_rows_hand_checked(tmp_path: Path, header: str, rows: list[dict[str, str]]) -> None:
    tables = run(one_csv(tmp_path, csv_text(header, rows)), tmp_path / "out")
    first, second = tables["companies"]
    assert (first["number"], first["name"], first["line"]) == ("08209948", "! LTD", 2)
    assert str(first["incorporation_date"]) == "2012-09-11" and first["dissolution_date"] is None
    assert str(first["conf_stmt_next_due_date"]) == "2025-09-25"
    assert (first["reg_address_line1"], first["reg_post_town"]) == ("9 PRINCES SQUARE", "HARROGATE")
    assert (first["reg_country"], first["reg_country_code"], first["reg_care_of"]) == (
        "ENGLAND",
        "GB",
        None,
    )
    assert (first["category"], first["category_key"]) == ("Private Limited Company", "ltd")
    assert second["status"] == "Active - Proposal to Strike off"
    assert (second["status_key"], second["line"]) == ("active", 3)
    assert second["reg_country_code"] == "GB"  # "UNITED KINGDOM"
    sic = [(r["number"], r["sic_code"], r["sic_text"]) for r in tables["sic_codes"]]
    assert ("08209948", "99999", "99999 - Dormant Company") in sic and len(sic) == 2
    assert tables["previous_names"] == [] and tables["quarantine"] == []
    assert tables["leftovers"] == []


# --- generated files -------------------------------------------------------------------


def with_previous_names(row: dict[str, str]) -> dict[str, str]:
    first, second = previous_name_columns(1), previous_name_columns(2)
    return row | {first[0]: "01/02/2020", first[1]: "OLD NAME LTD",
                  second[0]: "03/04/2015", second[1]: "OLDER NAME LTD"}  # fmt: skip


def test_previous_names(tmp_path: Path, header: str, rows: list[dict[str, str]]) -> None:
    text = csv_text(header, [with_previous_names(rows[0])])
    tables = run(one_csv(tmp_path, text), tmp_path / "out")
    found = [
        (r["number"], r["seq"], str(r["condate"]), r["name"]) for r in tables["previous_names"]
    ]
    assert found == [
        ("08209948", 1, "2020-02-01", "OLD NAME LTD"),
        ("08209948", 2, "2015-04-03", "OLDER NAME LTD"),
    ]


def zipped(path: Path, member: str, text: str) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(member, text)
    return path


def test_zip_parts_each_with_a_header(
    tmp_path: Path, header: str, rows: list[dict[str, str]]
) -> None:
    parts = {
        "part-0001": zipped(tmp_path / "BasicCompanyData-2025-01-01-part1_2.zip", "p1.csv",
                            csv_text(header, rows[:1])),
        "part-0002": zipped(tmp_path / "BasicCompanyData-2025-01-01-part2_2.zip", "p2.csv",
                            csv_text(header, rows[1:])),
    }  # fmt: skip
    tables = run(parts, tmp_path / "out")
    located = [(r["number"], r["file"], r["line"]) for r in tables["companies"]]
    assert located == [
        ("08209948", "BasicCompanyData-2025-01-01-part1_2.zip", 2),
        ("11399177", "BasicCompanyData-2025-01-01-part2_2.zip", 2),
    ]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda h: h.replace(",URI,", ","), "missing ['URI']"),
        (lambda h: h + ",Extra", "unexpected ['Extra']"),
        (lambda h: h.replace(" CompanyNumber", "CompanyNo"), "missing ['CompanyNumber']"),
    ],
)
def test_header_mismatch_is_refused(tmp_path: Path, header: str, change: Any, message: str) -> None:
    files = one_csv(tmp_path, change(header) + "\r\n")
    with pytest.raises(SourceError, match=message.replace("[", r"\[").replace("]", r"\]")):
        run(files, tmp_path / "out")


@pytest.mark.parametrize(
    ("field", "value"),
    [("CompanyStatus", "Dormant - Pending Review"), ("CompanyCategory", "Space Company")],
)
def test_unknown_value_names_value_file_and_line(
    tmp_path: Path, header: str, rows: list[dict[str, str]], field: str, value: str
) -> None:
    files = one_csv(tmp_path, csv_text(header, [rows[0], rows[1] | {field: value}]))
    with pytest.raises(UnknownValueError) as raised:
        run(files, tmp_path / "out")
    assert (raised.value.field_name, raised.value.value) == (field, value)
    assert (raised.value.file, raised.value.line) == ("BasicCompanyData.csv", 3)
    assert "BasicCompanyData.csv:3" in str(raised.value)


def test_accept_new_values_keeps_and_reports(
    tmp_path: Path, header: str, rows: list[dict[str, str]]
) -> None:
    files = one_csv(tmp_path, csv_text(header, [rows[0] | {"CompanyStatus": "Hibernating"}]))
    tables = run(files, tmp_path / "out", accept_new_values=True)
    [company] = tables["companies"]
    assert (company["status"], company["status_key"]) == ("Hibernating", None)
    assert tables["leftovers"] == [
        {
            "file": "BasicCompanyData.csv",
            "line": 2,
            "field": "CompanyStatus",
            "value": "Hibernating",
        }
    ]


def test_case_variant_of_a_known_value_is_known(
    tmp_path: Path, header: str, rows: list[dict[str, str]]
) -> None:
    text = csv_text(header, [rows[0] | {"CompanyCategory": "PRIVATE LIMITED COMPANY"}])
    [company] = run(one_csv(tmp_path, text), tmp_path / "out")["companies"]
    assert company["category_key"] == "ltd"


def test_malformed_rows_are_quarantined_with_raw_text(
    tmp_path: Path, header: str, rows: list[dict[str, str]]
) -> None:
    good, other = rows
    lines = csv_text(header, [good]).splitlines()
    short = '"SHORT LTD","00000001","x"'
    empty_number = csv_text(header, [other | {"CompanyNumber": " "}]).splitlines()[1]
    bad_date = csv_text(header, [other | {"IncorporationDate": "31/02/2019"}]).splitlines()[1]
    year_3017 = csv_text(header, [other | {"DissolutionDate": "01/01/3017"}]).splitlines()[1]
    not_utf8 = csv_text(header, [good | {"CompanyName": "CAF\udce9 LTD"}]).splitlines()[1]
    text = "\r\n".join([*lines, short, empty_number, bad_date, not_utf8, year_3017]) + "\r\n"
    data = text.encode("utf-8", "surrogateescape")  # a lone 0xE9 byte: Latin-1 "é"
    tables = run(one_csv(tmp_path, data), tmp_path / "out")
    quarantined = {q["line"]: (q["reason"], q["raw"]) for q in tables["quarantine"]}
    assert quarantined[3] == ("expected 55 fields, found 3", short)
    assert quarantined[4] == ("empty CompanyNumber", empty_number)
    assert quarantined[5] == ("unparseable IncorporationDate (expected dd/mm/yyyy)", bad_date)
    assert quarantined[6][0] == "not UTF-8" and "CAF\\xe9 LTD" in quarantined[6][1]
    assert set(quarantined) == {3, 4, 5, 6}
    # Year 3017: the company stays, its date is null and the raw value is reported.
    assert [(c["line"], c["dissolution_date"]) for c in tables["companies"]] == [
        (2, None),
        (7, None),
    ]
    assert tables["leftovers"] == [
        {
            "file": "BasicCompanyData.csv",
            "line": 7,
            "field": "DissolutionDate",
            "value": "01/01/3017",
        }
    ]


def test_reference_values_agree_with_constants_yml(real_data: Path) -> None:
    constants = yaml.safe_load((real_data / COH / "api-enumerations" / "constants.yml").read_text())
    for path, section in ((CATEGORIES_CSV, "company_type"), (STATUSES_CSV, "company_status")):
        with path.open(encoding="utf-8", newline="") as handle:
            reference = list(csv.DictReader(handle))
        api: dict[str, str] = constants[section]
        keys_by_text: dict[str, set[str]] = {}
        for key, text in api.items():
            keys_by_text.setdefault(text.lower(), set()).add(key)
        # Every key we name exists upstream ...
        assert {r["api_key"] for r in reference if r["api_key"]} <= set(api), path.name
        ours = {r["value"].lower(): r["api_key"] for r in reference}
        # ... every upstream description is known, and where the texts overlap the keys agree.
        assert set(keys_by_text) <= set(ours), path.name
        for text, keys in keys_by_text.items():
            assert ours[text] in keys, (path.name, text)
    assert len({r.lower() for r in (CATEGORIES_CSV.read_text().splitlines())}) > 40


def test_spec() -> None:
    assert SPEC.id == "gb_coh_companies" and SPEC.main_table == "companies"
    assert SPEC.expected_rows == (4_500_000, 7_500_000)
    assert set(SPEC.tables) == {"companies", "previous_names", "sic_codes"}
    assert SPEC.part_pattern is not None
