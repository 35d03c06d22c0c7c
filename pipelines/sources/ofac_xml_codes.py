"""The controlled values of OFAC's Enhanced XML, from ``data/reference/ofac_xml_*.csv``.

The parser refuses a value these tables do not know (a new list, document
type, feature type, relationship type or script) so that a change at OFAC is
looked at, never mapped by default; the conformed SQL joins the same tables
(``reference.ofac_xml_*``), so a mapping lives in exactly one place.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

REFERENCE = Path(__file__).resolve().parents[2] / "data" / "reference"

ENTITY_TYPES = frozenset({"Individual", "Entity", "Vessel", "Aircraft"})
ALIAS_TYPES = frozenset({"A.K.A.", "F.K.A.", "N.K.A."})
# LOCATION PART TYPE values -> staging column of ``addresses``.
ADDRESS_PARTS = {
    "ADDRESS1": "address1",
    "ADDRESS2": "address2",
    "ADDRESS3": "address3",
    "CITY": "city",
    "STATE/PROVINCE": "state_province",
    "POSTAL CODE": "postal_code",
    "REGION": "region",
}
# A feature type name ending in this matches any suffix ("Digital Currency Address - *").
WILDCARD = "*"


@dataclass(frozen=True)
class SanctionsList:
    name: str
    code: str | None  # None for the "Consolidated List" umbrella
    programs: frozenset[str]  # the list's own programs (to attribute programs to lists)


def _rows(name: str) -> list[dict[str, str]]:
    with (REFERENCE / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@cache
def sanctions_lists() -> dict[str, SanctionsList]:
    found = {}
    for row in _rows("ofac_xml_lists.csv"):
        programs = frozenset(p.strip() for p in row["programs"].split(";") if p.strip())
        found[row["list_name"]] = SanctionsList(
            row["list_name"], row["list_code"] or None, programs
        )
    return found


@cache
def programs() -> frozenset[str]:
    """OFAC program tags, shared with the legacy CSV sources (ofac_programs.csv)."""
    return frozenset(row["code"] for row in _rows("ofac_programs.csv"))


@cache
def document_types() -> frozenset[str]:
    return frozenset(row["document_type"] for row in _rows("ofac_xml_document_types.csv"))


@cache
def relationship_types() -> frozenset[str]:
    return frozenset(row["relationship_type"] for row in _rows("ofac_xml_relationship_types.csv"))


@cache
def scripts() -> frozenset[str]:
    return frozenset(row["script"] for row in _rows("ofac_xml_scripts.csv"))


@cache
def _feature_types() -> tuple[frozenset[str], tuple[str, ...]]:
    names = [row["feature_type"] for row in _rows("ofac_xml_feature_types.csv")]
    exact = frozenset(name for name in names if not name.endswith(WILDCARD))
    prefixes = tuple(name[: -len(WILDCARD)] for name in names if name.endswith(WILDCARD))
    return exact, prefixes


def feature_type_known(name: str) -> bool:
    exact, prefixes = _feature_types()
    return name in exact or name.startswith(prefixes)
