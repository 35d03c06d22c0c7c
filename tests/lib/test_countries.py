"""Country names as OFAC prints them -> ISO 3166-1 alpha-2."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from pipelines.lib.countries import UnknownCountryError, country_code


def real_add_countries(real_data: Path) -> set[str]:
    files = [
        real_data / "sanctions" / "ofac_sdn" / "snapshot_2021-07" / "add.csv",
        real_data / "sanctions" / "ofac_sdn" / "add.csv",
        real_data / "sanctions" / "ofac_consolidated" / "cons_add.csv",
    ]
    names: set[str] = set()
    for path in files:
        if not path.exists():
            continue  # the top-level 2025 add.csv is not in every copy (PROVENANCE.md)
        with path.open(encoding="utf-8", newline="") as handle:
            names |= {row[4] for row in csv.reader(handle) if len(row) == 6}
    return {name for name in names if name.strip() != "-0-"}


def test_every_real_country_maps(real_data: Path) -> None:
    names = real_add_countries(real_data)
    assert len(names) > 150
    codes = {name: country_code(name) for name in names}
    assert [name for name, code in codes.items() if code is None] == ["undetermined"]
    assert all(code is None or len(code) == 2 for code in codes.values())


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Kosovo", "XK"),
        ("Burma", "MM"),
        ("Korea, North", "KP"),
        ("Congo, Democratic Republic of the", "CD"),
        ("Cote d Ivoire", "CI"),
        ("Turkey", "TR"),
        ("Russia", "RU"),
        ("Iran", "IR"),
        ("Region: Crimea", "UA"),
        ("Region: Kafia Kingi", "SD"),
        ("West Bank", "PS"),
        ("Netherlands Antilles", "AN"),
        ("United Kingdom", "GB"),
        ("china", "CN"),
    ],
)
def test_known_names(name: str, code: str) -> None:
    assert country_code(name) == code


def test_nulls_and_unknown() -> None:
    assert country_code(None) is None and country_code("  ") is None
    assert country_code("undetermined") is None
    with pytest.raises(UnknownCountryError, match="Freedonia"):
        country_code("Freedonia")
    with pytest.raises(KeyError):
        country_code("Serbia and Kosovo")  # no fuzzy matching
