"""The registration authorities mapped to national identifiers agree with GLEIF's RA list."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from pipelines.lib.sqlmodels import SQL_DIR
from pipelines.sources import bods_identifiers

RA_LIST = "gleif/codelists/2022-03-23_ra_list_v1.7_EXCERPT_header_and_GB_rows.csv"
HEADER = [
    "Registration Authority Code", "Country", "Country Code", "Jurisdiction (country or region)",
    "International name of Register", "Local name of Register",
    "International name of organisation responsible for the Register",
    "Local name of organisation responsible for the Register", "Website", "Comments",
]


def _companies_house_registers(real_data: Path) -> dict[str, str]:
    with (real_data / RA_LIST).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == HEADER
    assert all(len(row) == len(HEADER) for row in rows)
    return {
        row[0]: row[3] for row in rows[1:]
        if row[6] == "Companies House" and row[4] == "Companies Register"
    }


def test_companies_house_authorities_are_the_three_uk_jurisdictions(real_data: Path) -> None:
    registers = _companies_house_registers(real_data)
    assert registers == {
        "RA000585": "England and Wales", "RA000586": "Northern Ireland", "RA000587": "Scotland",
    }


def test_gleif_and_bods_map_exactly_those_to_gb_coh(real_data: Path) -> None:
    registers = set(_companies_house_registers(real_data))
    sql = (SQL_DIR / "canonical" / "identifiers.sql").read_text(encoding="utf-8")
    branch = re.search(r"when ra_id in \(([^)]*)\) then 'gb-coh'", sql)
    assert branch is not None
    assert set(re.findall(r"'(RA\d{6})'", branch.group(1))) == registers
    for code in registers:
        assert bods_identifiers.normalise(None, code, "1234567") == ("gb-coh", "01234567")
    assert bods_identifiers.normalise(None, "RA000589", "1234567")[0] != "gb-coh"
