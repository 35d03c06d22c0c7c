"""The CSL ``ids`` column: ``; ``-joined tuples of an identification.

Each tuple flattens one object of the CSL API (type, number, country, issue
and expiration date) into ``, ``-joined parts, the empty ones left out, so a
tuple has two to five parts. The type comes first in current files
("Passport, 836238033, KP"); older files put it last ("CA, BC166787,
Passport"), so both ends are tried. A number may itself hold ", "
("Secondary sanctions risk:, North Korea Sanctions Regulations, sections
510.201 and 510.210"): whatever is neither the type, the country nor the two
trailing dates is the number.

The types are OFAC's (the CSL copies the Treasury lists from OFAC): the
remark keys of ``ofac_remarks.KEYS`` and the feature and document types of
OFAC's XML (``data/reference/ofac_xml_feature_types.csv``,
``ofac_xml_document_types.csv``). A tuple whose ends name no known type is an
unknown value; a tuple of one part, or with no number, is malformed. Which
types name an identifier scheme is decided in SQL, from
``data/reference/ofac_remark_schemes.csv`` as for the OFAC files, so the same
passport gets the same scheme from both sources.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import pycountry

from pipelines.sources.csl_read import ISO, checked_date
from pipelines.sources.ofac_remarks import KEYS

REFERENCE = Path(__file__).resolve().parents[2] / "data" / "reference"
# OFAC prints one type per currency ("Digital Currency Address - XBT") and adds
# currencies often: the prefix is the type.
_DIGITAL_CURRENCY = "digital currency address - "
# Kosovo's user-assigned code, used by OFAC and the CSL; pycountry lacks it.
EXTRA_COUNTRY_CODES = frozenset({"XK"})


@cache
def known_types() -> frozenset[str]:
    """OFAC's feature and document types, case-folded."""
    types = {key.casefold() for key in KEYS}
    for name, column in (("ofac_xml_feature_types.csv", "feature_type"),
                         ("ofac_xml_document_types.csv", "document_type")):  # fmt: skip
        with (REFERENCE / name).open(encoding="utf-8", newline="") as handle:
            types |= {row[column].casefold() for row in csv.DictReader(handle)}
    return frozenset(types)


class MalformedId(ValueError):
    """A tuple with no number, or of one part."""


class UnknownIdType(ValueError):
    """A tuple whose first and last parts are both unknown types."""

    def __init__(self, value: str) -> None:
        super().__init__(value)
        self.value = value


@dataclass(frozen=True)
class IdTuple:
    id_type: str
    number: str
    country: str | None  # ISO alpha-2 as published
    issue_date: date | None
    expiration_date: date | None


def is_known_type(text: str) -> bool:
    folded = text.casefold()
    return folded in known_types() or folded.startswith(_DIGITAL_CURRENCY)


@cache
def country_code(token: str) -> str | None:
    """``token`` when it is an ISO 3166-1 alpha-2 code as the CSL prints them."""
    if len(token) != 2 or not token.isalpha() or not token.isupper():
        return None
    if token in EXTRA_COUNTRY_CODES or pycountry.countries.get(alpha_2=token) is not None:
        return token
    return None


def parse_id(item: str) -> IdTuple:
    parts = [part.strip() for part in item.split(", ")]
    if len(parts) < 2:
        raise MalformedId(item)
    type_first = is_known_type(parts[0])
    if not type_first and not is_known_type(parts[-1]):
        raise UnknownIdType(parts[0])
    id_type, rest = (parts[0], parts[1:]) if type_first else (parts[-1], parts[:-1])
    issued, expires, rest = _trailing_dates(rest)
    country = None
    at = -1 if type_first else 0
    if len(rest) >= 2 and country_code(rest[at]):
        country = rest.pop(at)
    # Rejoined as published: the split above cut the numbers holding ", ".
    number = ", ".join(part for part in rest if part)
    if not number:
        raise MalformedId(item)
    return IdTuple(id_type, number, country, issued, expires)


def _trailing_dates(rest: list[str]) -> tuple[date | None, date | None, list[str]]:
    """Issue and expiration dates: two valid ISO dates after a number, else none."""
    if len(rest) < 3:
        return None, None, rest
    try:
        issued, expires = checked_date(rest[-2], ISO), checked_date(rest[-1], ISO)
    except ValueError:
        return None, None, rest  # not dates: they stay part of the number
    return issued, expires, rest[:-2]
