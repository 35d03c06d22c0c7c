"""GLEIF reporting-exceptions parser: the real repex excerpt and generated variants."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from pipelines.sources import global_gleif_repex as repex
from pipelines.sources.base import SourceError, UnknownValueError
from tests.golden import assert_golden
from tests.sources.test_gleif_lei import (
    edited_copy,
    parse_file,
    without_lines,
    write_csv,
    xml_to_json,
)

XML = "gleif/level2_repex_xml/repex-excerpt-2023-06-09.xml"
REPEX_NS = "http://www.gleif.org/data/schema/repex/2016"


def test_xml_golden(real_data: Path, tmp_path: Path) -> None:
    tables = parse_file(repex.SOURCE, real_data / XML, tmp_path / "out")
    for name, rows in tables.items():
        assert_golden(f"gleif/repex_xml_{name}", rows)
    rows = tables["exceptions"]
    assert len(rows) == 10
    first = next(row for row in rows if row["lei"] == "001GPB6A9XPE8XJICC14")
    assert first == {
        "lei": "001GPB6A9XPE8XJICC14", "exception_category": "DIRECT_ACCOUNTING_CONSOLIDATION_PARENT",
        "exception_reason": "NO_KNOWN_PERSON", "exception_reasons": ["NO_KNOWN_PERSON"],
        "exception_references": [], "deleted": False, "deleted_at": None,
        "record_line": 8,
    }  # fmt: skip
    reasons = [row["exception_reason"] for row in rows]
    assert (
        reasons.count("NON_CONSOLIDATING"),
        reasons.count("NO_KNOWN_PERSON"),
        reasons.count("NON_PUBLIC"),
    ) == (6, 3, 1)
    assert tables["header"][0]["record_count"] == 4244309
    assert tables["leftovers"] == [] and tables["quarantine"] == []


def test_json_gives_the_same_rows(real_data: Path, tmp_path: Path) -> None:
    as_json = tmp_path / "in" / "repex.json"
    as_json.parent.mkdir()
    xml_to_json(real_data / XML, as_json, "Exception", REPEX_NS, "exceptions")
    from_xml = parse_file(repex.SOURCE, real_data / XML, tmp_path / "xml")
    from_json = parse_file(repex.SOURCE, as_json, tmp_path / "json")
    names = ("exceptions", "leftovers", "quarantine")
    assert without_lines(from_json, *names) == without_lines(from_xml, *names)


def test_json_lines_several_reasons_references_and_deletion(tmp_path: Path) -> None:
    records = [
        {"LEI": {"$": "001GPB6A9XPE8XJICC14"},
         "ExceptionCategory": {"$": "ULTIMATE_ACCOUNTING_CONSOLIDATION_PARENT"},
         "ExceptionReason": [{"$": "NON_PUBLIC"}, {"$": "LEGAL_OBSTACLES"}],
         "ExceptionReference": [{"$": "see annual report"}],
         "Extension": {"gleif:Deletion": None}},
    ]  # fmt: skip
    path = tmp_path / "repex.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    [row] = parse_file(repex.SOURCE, path, tmp_path / "out")["exceptions"]
    assert row["exception_reason"] == "NON_PUBLIC"
    assert row["exception_reasons"] == ["NON_PUBLIC", "LEGAL_OBSTACLES"]
    assert row["exception_references"] == ["see annual report"] and row["deleted"] is True


def test_zipped_file_gives_the_same_rows(real_data: Path, tmp_path: Path) -> None:
    archive = tmp_path / "repex.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.write(real_data / XML, "repex.xml")
    assert parse_file(repex.SOURCE, archive, tmp_path / "a") == parse_file(
        repex.SOURCE, real_data / XML, tmp_path / "b"
    )


def test_unknown_exception_reason_names_value_file_and_line(
    real_data: Path, tmp_path: Path
) -> None:
    path = edited_copy(real_data / XML, tmp_path, ">NON_PUBLIC<", ">TOO_SHY<")
    with pytest.raises(UnknownValueError) as error:
        parse_file(repex.SOURCE, path, tmp_path / "out")
    assert str(error.value) == f"unknown ExceptionReason 'TOO_SHY' at {path.name}:56"


def test_bad_lei_is_quarantined(real_data: Path, tmp_path: Path) -> None:
    path = edited_copy(real_data / XML, tmp_path, "00X8DSV26QKJPKUT5B34<", "00X8DSV26QKJPKUT5B3<")
    tables = parse_file(repex.SOURCE, path, tmp_path / "out")
    assert len(tables["exceptions"]) == 9
    [quarantined] = tables["quarantine"]
    assert "invalid LEI '00X8DSV26QKJPKUT5B3'" in quarantined["reason"]
    assert "<repex:LEI>00X8DSV26QKJPKUT5B3</repex:LEI>" in quarantined["raw"]


def test_truncated_xml_is_a_source_error(real_data: Path, tmp_path: Path) -> None:
    data = (real_data / XML).read_bytes()
    path = tmp_path / "repex.xml"
    path.write_bytes(data[:1500])
    with pytest.raises(SourceError, match=r"repex\.xml:\d+: not well-formed XML"):
        parse_file(repex.SOURCE, path, tmp_path / "out")


def test_csv_gives_the_same_rows_as_xml(real_data: Path, tmp_path: Path) -> None:
    rows = [
        {"LEI": "001GPB6A9XPE8XJICC14", "Exception.Category": "DIRECT_ACCOUNTING_CONSOLIDATION_PARENT",
         "Exception.Reason.1": "NO_KNOWN_PERSON"},
        {"LEI": "01370W6ZIY66KQ4J3570", "Exception.Category": "DIRECT_ACCOUNTING_CONSOLIDATION_PARENT",
         "Exception.Reason.1": "NON_PUBLIC"},
    ]  # fmt: skip
    extra = ("Exception.Reason.2", "Exception.Reference.1")
    from_csv = parse_file(
        repex.SOURCE, write_csv(tmp_path / "repex.csv", rows, extra), tmp_path / "csv"
    )
    from_xml = parse_file(repex.SOURCE, real_data / XML, tmp_path / "xml")
    wanted = {row["LEI"] for row in rows}
    xml_rows = [row for row in from_xml["exceptions"] if row["lei"] in wanted]
    assert without_lines(from_csv, "exceptions") == without_lines(
        {"exceptions": xml_rows}, "exceptions"
    )


def test_truncated_csv_is_a_source_error(tmp_path: Path) -> None:
    path = tmp_path / "repex.csv"
    path.write_text(
        '"LEI","Exception.Category","Exception.Reason.1"\n"001GPB6A9XPE8XJICC14","DIRECT_ACC',
        encoding="utf-8",
    )
    with pytest.raises(SourceError, match=r"repex\.csv"):
        parse_file(repex.SOURCE, path, tmp_path / "out")
