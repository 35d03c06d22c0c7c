"""One ``<Designation>`` of the UK Sanctions List XML, read into plain values.

The FCDO publishes no XSD for UK-Sanctions-List.xml. The element paths below
follow the FCDO guidance "UK Sanctions List: change to the list's format"
(gov.uk, February 2022: name types Primary name / Primary name variation /
Alias, alias strength for UN designations, passport and national identifier
details), the column set of the list's CSV edition, and the element layout
that public parsers of the live file rely on (OpenSanctions
datasets/gb/fcdo_sanctions/crawler.py and its lookups; trimmed real fragments
in public test fixtures, 2024-2026). Because that knowledge is second-hand,
every leaf this module does not know is reported as a leftover, never dropped.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from pipelines.sources.uksl_tables import ADDRESS_LINES, NAME_PARTS

_INDIVIDUAL = "IndividualDetails/Individual/"
_ENTITY = "EntityDetails/Entity/"
_SHIP = "ShipDetails/Ship/"
# Single-valued children of <Designation>.
SIMPLE = (
    "LastUpdated", "DateDesignated", "UniqueID", "OFSIGroupID", "UNReferenceNumber",
    "RegimeName", "IndividualEntityShip", "DesignationSource", "SanctionsImposed",
    "OtherInformation", "UKStatementofReasons",
)  # fmt: skip
# Repeated groups: the group element's path -> its leaves.
GROUPS: dict[str, tuple[str, ...]] = {
    "Names/Name": (*NAME_PARTS, "NameType", "AliasStrength"),
    "NonLatinNames/NonLatinName": (
        "NameNonLatinScript", "NonLatinScriptType", "NonLatinScriptLanguage"),
    "Addresses/Address": (*ADDRESS_LINES, "AddressPostalCode", "AddressCountry"),
    _INDIVIDUAL + "BirthDetails/Location": ("TownOfBirth", "CountryOfBirth"),
    _INDIVIDUAL + "PassportDetails/Passport": (
        "PassportNumber", "PassportAdditionalInformation"),
    _INDIVIDUAL + "NationalIdentifierDetails/NationalIdentifier": (
        "NationalIdentifierNumber", "NationalIdentifierAdditionalInformation"),
}  # fmt: skip
# Repeated single values: path -> the name they are staged under.
VALUES = {
    # Titles sit under <Designation> in the live file; some parsers read them
    # under <Individual>: both are accepted.
    "Titles/Title": "title", _INDIVIDUAL + "Titles/Title": "title",
    "PhoneNumbers/PhoneNumber": "phone", "EmailAddresses/EmailAddress": "email",
    "Websites/Website": "website",
    _INDIVIDUAL + "DOBs/DOB": "dob", _INDIVIDUAL + "Nationalities/Nationality": "nationality",
    _INDIVIDUAL + "Genders/Gender": "gender", _INDIVIDUAL + "Positions/Position": "position",
    _ENTITY + "TypeOfEntities/TypeOfEntity": "type_of_entity",
    _ENTITY + "BusinessRegistrationNumbers/BusinessRegistrationNumber": "registration",
    _ENTITY + "ParentCompanies/ParentCompany": "parent_company",
    _ENTITY + "Subsidiaries/Subsidiary": "subsidiary",
    _SHIP + "IMONumbers/IMONumber": "imo",
    _SHIP + "CurrentOwnerOperators/CurrentOwnerOperator": "current_owner_operator",
    _SHIP + "PreviousOwnerOperators/PreviousOwnerOperator": "previous_owner_operator",
    _SHIP + "CurrentBelievedFlagOfShips/CurrentBelievedFlagOfShip": "current_flag",
    _SHIP + "PreviousFlags/PreviousFlag": "previous_flag",
    _SHIP + "TypeOfShipDetails/TypeOfShip": "type_of_ship",
    _SHIP + "TonnageOfShipDetails/TonnageOfShip": "tonnage_of_ship",
    _SHIP + "LengthOfShipDetails/LengthOfShip": "length_of_ship",
    _SHIP + "YearsBuilt/YearBuilt": "year_built",
    _SHIP + "HullIdentificationNumbers/HullIdentificationNumber": "hull_identification_number",
}  # fmt: skip


@dataclass(frozen=True)
class Group:
    line: int
    values: dict[str, str | None]


@dataclass
class Designation:
    """The values of one designation, with the source line of each."""

    line: int
    raw: str
    fields: dict[str, str | None] = field(default_factory=dict)
    groups: dict[str, list[Group]] = field(default_factory=dict)
    values: list[tuple[str, str, int]] = field(default_factory=list)  # (name, value, line)
    unknown: list[tuple[str, str, int]] = field(default_factory=list)  # (path, text, line)

    def group(self, path: str) -> list[Group]:
        return self.groups.get(path, [])

    def all(self, name: str) -> list[tuple[str, int]]:
        return [(value, line) for staged, value, line in self.values if staged == name]


def read(element: Any) -> Designation:
    """Read a ``<Designation>`` element (before safe_xml releases it), in one pass."""
    found = Designation(element.sourceline, etree.tostring(element, encoding="unicode"))
    found.fields = dict.fromkeys(SIMPLE)
    groups: dict[Any, Group] = {}  # group element -> its values
    for path, node in _walk(element, ""):
        if len(node):
            if path in GROUPS:
                groups[node] = Group(node.sourceline, dict.fromkeys(GROUPS[path]))
                found.groups.setdefault(path, []).append(groups[node])
            continue
        value = (node.text or "").strip()
        if value:
            _place(found, groups, path, node, value)
    return found


def _walk(node: Any, prefix: str) -> Iterator[tuple[str, Any]]:
    """Every descendant element with its path below the designation ("Names/Name/Name6")."""
    for child in node:
        if isinstance(child.tag, str):  # not a comment or processing instruction
            path = prefix + child.tag
            yield path, child
            yield from _walk(child, path + "/")


def _place(found: Designation, groups: dict[Any, Group], path: str, node: Any, value: str
           ) -> None:
    """Stage one leaf's text where its path says; an unknown or repeated leaf is reported."""
    line = node.sourceline
    parent_path, _, tag = path.rpartition("/")
    group = groups.get(node.getparent()) if parent_path in GROUPS else None
    if path in SIMPLE and found.fields[path] is None:
        found.fields[path] = value
    elif path in VALUES:
        found.values.append((VALUES[path], value, line))
    elif group is not None and tag in group.values and group.values[tag] is None:
        group.values[tag] = value
    else:
        # Not in the layout this parser knows, or a second RegimeName / NameType...
        found.unknown.append((path, value, line))
