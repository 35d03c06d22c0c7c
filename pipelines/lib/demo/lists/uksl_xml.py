"""Write a UK Sanctions List XML (UK-Sanctions-List.xml) from demo entries.

The layout the parser reads (pipelines/sources/uksl_designation.py says where
it comes from): ``<Designations>`` with ``<DateGenerated>`` and one
``<Designation>`` per entry and regime, dates DD/MM/YYYY. The FCDO gives a
designation one regime, so an entry under several programs becomes several
designations: the first keeps the entry key as UniqueID, the next ones add
"-2", "-3"... Companies' owners (``owner_key``) are named as ParentCompany,
ships' as CurrentOwnerOperator; a person's owner cannot be stated.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from lxml import etree

from pipelines.lib.demo.lists import ListEntry
from pipelines.lib.demo.lists.ofsi_csv import country_name, uk_date

FILE_NAME = "UK-Sanctions-List.xml"
_TYPES = {"person": "Individual", "vessel": "Ship"}
_NAMESPACES = {
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
    "xsd": "http://www.w3.org/2001/XMLSchema",
}


def write(path: Path, entries: Sequence[ListEntry], published: date) -> Path:
    """Write ``path`` (or ``path/UK-Sanctions-List.xml`` when it is a folder); return the file."""
    target = path / FILE_NAME if path.is_dir() else path
    names = {entry.key: entry.name for entry in entries}
    root = etree.Element("Designations", nsmap=_NAMESPACES)
    _leaf(root, "DateGenerated", uk_date(published))
    for entry in entries:
        owner = names[entry.owner_key] if entry.owner_key is not None else None
        for index, program in enumerate(entry.programs or ("",)):
            unique_id = entry.key if index == 0 else f"{entry.key}-{index + 1}"
            _designation(root, entry, unique_id, program, published, owner)
    etree.ElementTree(root).write(
        str(target), xml_declaration=True, encoding="utf-8", pretty_print=True
    )
    return target


def _leaf(parent: etree._Element, tag: str, value: str | None) -> None:
    if value:
        etree.SubElement(parent, tag).text = value


def _list(parent: etree._Element, path: str, values: Sequence[str]) -> None:
    """``_list(d, "DOBs/DOB", [...])``: a container holding one element per value."""
    if not values:
        return
    container_tag, tag = path.split("/")
    container = etree.SubElement(parent, container_tag)
    for value in values:
        _leaf(container, tag, value)


def _designation(root: etree._Element, entry: ListEntry, unique_id: str, program: str,
                 published: date, owner: str | None) -> None:
    schemes = dict(entry.identifiers)
    node = etree.SubElement(root, "Designation")
    _leaf(node, "LastUpdated", uk_date(published))
    _leaf(node, "DateDesignated", uk_date(entry.listed_on))
    _leaf(node, "UniqueID", unique_id)
    _leaf(node, "OFSIGroupID", schemes.get("gb-ofsi"))
    _leaf(node, "UNReferenceNumber", schemes.get("un-sc"))
    names = etree.SubElement(node, "Names")
    for name, name_type, strength in [(entry.name, "Primary Name", None),
                                      *((alias, "Alias", s) for alias, s in entry.aliases)]:
        element = etree.SubElement(names, "Name")
        _leaf(element, "Name6", name)
        _leaf(element, "NameType", name_type)
        if strength is not None:
            quality = "Low quality a.k.a" if strength == "weak" else "Good quality a.k.a"
            _leaf(element, "AliasStrength", quality)
    _leaf(node, "RegimeName", program)
    _leaf(node, "IndividualEntityShip", _TYPES.get(entry.kind, "Entity"))
    _leaf(node, "DesignationSource", "UN" if "un-sc" in schemes else "UK")
    _leaf(node, "SanctionsImposed", "Asset freeze")
    if entry.address or entry.city or entry.country:
        address = etree.SubElement(etree.SubElement(node, "Addresses"), "Address")
        _leaf(address, "AddressLine1", entry.address)
        _leaf(address, "AddressLine6", entry.city)
        _leaf(address, "AddressCountry", country_name(entry.country))
    if entry.kind == "person":
        _individual(node, entry, schemes)
    elif entry.kind == "vessel":
        ship = etree.SubElement(etree.SubElement(node, "ShipDetails"), "Ship")
        _list(ship, "IMONumbers/IMONumber", [f"IMO{schemes['imo']}"] if "imo" in schemes else [])
        _list(ship, "CurrentOwnerOperators/CurrentOwnerOperator", [owner] if owner else [])
    else:
        entity = etree.SubElement(etree.SubElement(node, "EntityDetails"), "Entity")
        registration = [schemes["registration"]] if "registration" in schemes else []
        _list(entity, "BusinessRegistrationNumbers/BusinessRegistrationNumber", registration)
        _list(entity, "ParentCompanies/ParentCompany", [owner] if owner else [])


def _individual(node: etree._Element, entry: ListEntry, schemes: dict[str, str]) -> None:
    person = etree.SubElement(etree.SubElement(node, "IndividualDetails"), "Individual")
    _list(person, "DOBs/DOB", [uk_date(entry.birth_date)] if entry.birth_date else [])
    _list(person, "Nationalities/Nationality",
          [country_name(entry.country)] if entry.country else [])
    for container, tag, scheme in (("PassportDetails", "Passport", "passport"),
                                   ("NationalIdentifierDetails", "NationalIdentifier",
                                    "national-id")):
        if scheme in schemes:
            document = etree.SubElement(etree.SubElement(person, container), tag)
            _leaf(document, f"{tag}Number", schemes[scheme])
