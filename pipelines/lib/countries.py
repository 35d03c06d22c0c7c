"""Country names as publishers print them -> ISO 3166-1 alpha-2.

pycountry knows the ISO names (name, official and common name, alpha codes);
``data/reference/country_names.csv`` adds the State-Department-style names
OFAC uses ("Burma", "Korea, North", "Region: Crimea", "undetermined"). No fuzzy
matching: ``pycountry.countries.search_fuzzy("Kosovo")`` answers Serbia.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import pycountry

REFERENCE = Path(__file__).resolve().parents[2] / "data" / "reference" / "country_names.csv"


class UnknownCountryError(KeyError):
    """A country name neither pycountry nor the reference table knows."""


def country_code(name: str | None) -> str | None:
    """``"Burma"`` -> ``"MM"``; None for null/empty input or an explicit unknown."""
    if name is None or not name.strip():
        return None
    text = " ".join(name.split())
    overrides = _reference()
    if text.casefold() in overrides:
        return overrides[text.casefold()]
    code = _pycountry(text)
    if code is None:
        raise UnknownCountryError(f"unknown country name {name!r}")
    return code


@cache
def _reference() -> dict[str, str | None]:
    with REFERENCE.open(encoding="utf-8", newline="") as handle:
        return {row["name"].casefold(): row["code"] or None for row in csv.DictReader(handle)}


@cache
def _pycountry(text: str) -> str | None:
    try:
        # lookup() is exact (case-insensitive) over codes and names, not fuzzy.
        return str(pycountry.countries.lookup(text).alpha_2)
    except LookupError:
        return None
