"""Write OFAC's Enhanced XML (SDN_ENHANCED.XML / CONS_ENHANCED.XML) from ListEntry values.

The layout is the real CONS_ENHANCED.XML of 2025-01-10 (ENHANCED_XML.xsd):
``sanctionsData`` with publicationInfo, referenceValues (every value the
entities use, by refId; countries with their isoCode), featureTypes and the
entities. Entity ids are OFAC uids, so entry keys must be integers. An entry
with ``owner_key`` gets an "Owned or Controlled By" relationship naming its
owner (the owned entity carries the element, as OFAC publishes it).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pycountry
from lxml import etree

from pipelines.lib.demo.lists import ListEntry
from pipelines.sources.ofac_xml_codes import sanctions_lists
from pipelines.sources.ofac_xml_tables import NS, tag

FILE_NAMES = {"us_ofac_sdn": "SDN_ENHANCED.XML"}
CONS_FILE = "CONS_ENHANCED.XML"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
UMBRELLA = "Consolidated List"
OWNED_BY = "Owned or Controlled By"
ENTITY_TYPES = {"person": "Individual", "vessel": "Vessel", "aircraft": "Aircraft"}
NAME_PARTS = {"Individual": "Last Name", "Vessel": "Vessel Name", "Aircraft": "Aircraft Name"}
# Scheme -> identity document type (OFAC's own names), or a feature type.
DOCUMENTS = {
    "passport": "Passport", "national-id": "National ID No.", "tax-id": "Tax ID No.",
    "registration": "Registration ID", "cn-uscc": "Unified Social Credit Code (USCC)",
    "lei": "Legal Entity Number", "gb-coh": "UK Company Number", "hk-cr": "C.R. No.",
    "imo": "Vessel Registration Identification",
}  # fmt: skip
FEATURES = {"isin": "ISIN", "ticker": "Equity Ticker", "swift-bic": "SWIFT/BIC"}
# featureTypeId and detail type, as in the real file.
FEATURE_TYPES = {"Birthdate": (8, "DATE"), "Nationality Country": (10, "COUNTRY"),
                 "ISIN": (806, "TEXT"), "Equity Ticker": (766, "TEXT"),
                 "SWIFT/BIC": (13, "TEXT")}  # fmt: skip
# refIds of the real file, so a generated file reads like a published one.
KNOWN_REF_IDS = {
    ("ENTITY LISTING TYPE", "SDN List"): 1550, ("ENTITY LISTING TYPE", UMBRELLA): 91512,
    ("SDN TYPE", "Individual"): 600, ("SDN TYPE", "Entity"): 601, ("SDN TYPE", "Vessel"): 602,
    ("SDN TYPE", "Aircraft"): 91120, ("ALIAS TYPE", "A.K.A."): 1400, ("SCRIPT", "Latin"): 20122,
    ("SANCTIONS TYPE", "Block"): 1705, ("SANCTIONS TYPE", "Reject"): 1706,
    ("RELATIONSHIP TYPE", OWNED_BY): 15003, ("FEATURE DETAIL TYPE", "DATE"): 1430,
    ("FEATURE DETAIL TYPE", "TEXT"): 1432, ("FEATURE DETAIL TYPE", "COUNTRY"): 1433, ("NAME PART TYPE", "Last Name"): 1520,
    ("NAME PART TYPE", "First Name"): 1521, ("NAME PART TYPE", "Entity Name"): 1525,
}  # fmt: skip


def list_names() -> dict[str, str]:
    """list code -> OFAC's list name (the first ofac_xml_lists.csv gives it)."""
    names: dict[str, str] = {}
    for item in sanctions_lists().values():
        if item.code is not None:
            names.setdefault(item.code, item.name)
    return names


class _References:
    """refIds for every (type, value) the entities use; written as referenceValues."""

    def __init__(self) -> None:
        self.ids: dict[tuple[str, str], int] = dict(KNOWN_REF_IDS)
        self.iso: dict[int, str] = {}
        self._next = itertools.count(95000)

    def ref(self, kind: str, value: str, iso: str | None = None) -> int:
        ref_id = self.ids.setdefault((kind, value), next(self._next))
        if iso is not None:
            self.iso[ref_id] = iso
        return ref_id

    def element(self, parent: Any, name: str, kind: str, value: str) -> Any:
        found = _sub(parent, name, value)
        found.set("refId", str(self.ref(kind, value)))
        return found

    def country_ref(self, code: str) -> tuple[str, int]:
        """(OFAC-style name, refId) of an ISO alpha-2 code; the isoCode is what parsers read."""
        record = pycountry.countries.get(alpha_2=code)
        value = record.name if record is not None else code
        return value, self.ref("COUNTRY", value, code)

    def country(self, parent: Any, name: str, code: str) -> Any:
        value, ref_id = self.country_ref(code)
        return _sub(parent, name, value, refId=str(ref_id))

    def write(self, section: Any) -> None:
        for (kind, value), ref_id in sorted(self.ids.items(), key=lambda item: item[0]):
            found = etree.SubElement(section, tag("referenceValue"), refId=str(ref_id))
            _sub(found, "type", kind)
            _sub(found, "value", value)
            if ref_id in self.iso:
                _sub(found, "isoCode", self.iso[ref_id])


def _sub(parent: Any, name: str, text: str | None = None, **attributes: str) -> Any:
    found = etree.SubElement(parent, tag(name), attributes)
    if text is not None:
        found.text = text
    return found


def write(path: Path, entries: Sequence[ListEntry], published: date,
          list_code: str = "us_ofac_sdn") -> Path:  # fmt: skip
    """Write the file (into ``path`` when it is a folder); returns the file written."""
    target = path / FILE_NAMES.get(list_code, CONS_FILE) if path.is_dir() else path
    list_name = list_names()[list_code]
    refs = _References()
    namespaces = {None: NS, "xsi": XSI, "xsd": "http://www.w3.org/2001/XMLSchema"}
    root = etree.Element(tag("sanctionsData"), nsmap=namespaces)  # type: ignore[arg-type]
    root.set(f"{{{XSI}}}schemaLocation", f"{NS} {NS}.xsd")
    info = _sub(root, "publicationInfo")
    _sub(info, "dataAsOf", f"{published.isoformat()}T00:00:00")
    filters = _sub(_sub(info, "filters"), "sanctionsLists")
    refs.element(filters, "sanctionsList", "ENTITY LISTING TYPE",
                 list_name if list_code == "us_ofac_sdn" else UMBRELLA)  # fmt: skip
    values = _sub(root, "referenceValues")
    _feature_types(_sub(root, "featureTypes"), refs)
    entities = _sub(root, "entities")
    names = {entry.key: entry.name for entry in entries}
    ids = itertools.count(1)
    for entry in entries:
        _entity(entities, entry, list_name, published, refs, names, ids)
    refs.write(values)
    etree.ElementTree(root).write(str(target), encoding="utf-8", xml_declaration=True,
                                  pretty_print=True)  # fmt: skip
    return target


def _feature_types(section: Any, refs: _References) -> None:
    for name, (type_id, detail) in FEATURE_TYPES.items():
        found = _sub(section, "featureType", featureTypeId=str(type_id))
        _sub(found, "type", name)
        refs.element(found, "detailType", "FEATURE DETAIL TYPE", detail)
        _sub(found, "publishExclude", "false")


def _entity(parent: Any, entry: ListEntry, list_name: str, published: date, refs: _References,
            names: dict[str, str], ids: Iterator[int]) -> None:  # fmt: skip
    if not entry.key.isdigit():
        raise ValueError(f"OFAC entity ids are integers, not {entry.key!r}")
    kind = ENTITY_TYPES.get(entry.kind, "Entity")
    found = _sub(parent, "entity", id=entry.key)
    general = _sub(found, "generalInfo")
    _sub(general, "identityId", entry.key)
    refs.element(general, "entityType", "SDN TYPE", kind)
    lists = _sub(found, "sanctionsLists")
    listed = (entry.listed_on or published).isoformat()
    for name in dict.fromkeys((list_name, UMBRELLA) if list_name != "SDN List" else (list_name,)):
        listing = refs.element(lists, "sanctionsList", "ENTITY LISTING TYPE", name)
        listing.attrib.update({"id": str(next(ids)), "datePublished": listed})
    programs = _sub(found, "sanctionsPrograms")
    for program in entry.programs:
        refs.element(programs, "sanctionsProgram", "PROGRAM", program).set("id", str(next(ids)))
    measure = "Block" if list_name == "SDN List" else "Reject"
    refs.element(_sub(found, "sanctionsTypes"), "sanctionsType", "SANCTIONS TYPE", measure)
    _sub(found, "legalAuthorities")
    section = _sub(found, "names")
    _name(section, entry.name, kind, None, refs, ids)
    for alias, strength in entry.aliases:
        _name(section, alias, kind, strength, refs, ids)
    _address(found, entry, refs, ids)
    _facts(found, entry, refs, ids)
    if entry.owner_key is not None:
        relation = _sub(_sub(found, "relationships"), "relationship", id=str(next(ids)))
        refs.element(relation, "type", "RELATIONSHIP TYPE", OWNED_BY)
        _sub(relation, "relatedEntity", names.get(entry.owner_key, entry.owner_key),
             entityId=entry.owner_key)  # fmt: skip


def _name(section: Any, text: str, kind: str, strength: str | None, refs: _References,
          ids: Iterator[int]) -> None:  # fmt: skip
    """One name, one Latin translation; individuals' "LAST, First" is split in parts."""
    found = _sub(section, "name", id=str(next(ids)))
    _sub(found, "isPrimary", "true" if strength is None else "false")
    if strength is not None:
        refs.element(found, "aliasType", "ALIAS TYPE", "A.K.A.")
    _sub(found, "isLowQuality", "true" if strength == "weak" else "false")
    translation = _sub(_sub(found, "translations"), "translation", id=str(next(ids)))
    _sub(translation, "isPrimary", "true")
    refs.element(translation, "script", "SCRIPT", "Latin")
    last, _, first = text.partition(", ") if kind == "Individual" else (text, "", "")
    if first:
        _sub(translation, "formattedFirstName", first)
    _sub(translation, "formattedLastName", last)
    _sub(translation, "formattedFullName", text)
    parts = _sub(translation, "nameParts")
    for part_type, value in ((NAME_PARTS.get(kind, "Entity Name"), last), ("First Name", first)):
        if value:
            part = _sub(parts, "namePart", id=str(next(ids)))
            refs.element(part, "type", "NAME PART TYPE", part_type)
            _sub(part, "value", value)


def _address(entity: Any, entry: ListEntry, refs: _References, ids: Iterator[int]) -> None:
    if entry.country is None and entry.address is None and entry.city is None:
        return
    found = _sub(_sub(entity, "addresses"), "address", id=str(next(ids)))
    if entry.country is not None:
        refs.country(found, "country", entry.country)
    translation = _sub(_sub(found, "translations"), "translation", id=str(next(ids)))
    _sub(translation, "isPrimary", "true")
    refs.element(translation, "script", "SCRIPT", "Latin")
    parts = _sub(translation, "addressParts")
    for part_type, value in (("ADDRESS1", entry.address), ("CITY", entry.city)):
        if value is not None:
            part = _sub(parts, "addressPart", id=str(next(ids)))
            refs.element(part, "type", "LOCATION PART TYPE", part_type)
            _sub(part, "value", value)


def _facts(entity: Any, entry: ListEntry, refs: _References, ids: Iterator[int]) -> None:
    """Birth date, a person's nationality (the entry's country) and ISIN / ticker /
    SWIFT as features, other schemes as identity documents."""
    features = _sub(entity, "features")
    if entry.birth_date is not None:
        _feature(features, "Birthdate", entry.birth_date.strftime("%d %b %Y"), ids,
                 day=entry.birth_date)  # fmt: skip
    if entry.kind == "person" and entry.country is not None:
        name, ref_id = refs.country_ref(entry.country)
        _feature(features, "Nationality Country", name, ids, value_ref=ref_id)
    documents = _sub(entity, "identityDocuments")
    for scheme, value in entry.identifiers:
        if scheme in FEATURES:
            _feature(features, FEATURES[scheme], value, ids)
        elif scheme in DOCUMENTS:
            _document(documents, entry, scheme, value, refs, ids)
        else:
            raise ValueError(f"no OFAC Enhanced XML field for scheme {scheme!r}")
    for section in (features, documents):
        if len(section) == 0:
            entity.remove(section)


def _feature(section: Any, name: str, value: str, ids: Iterator[int],
             value_ref: int | None = None, day: date | None = None) -> None:  # fmt: skip
    """One feature, its children in the schema's order; a date as a one-day period."""
    found = _sub(section, "feature", id=str(next(ids)))
    _sub(found, "type", name, featureTypeId=str(FEATURE_TYPES[name][0]))
    _sub(found, "versionId", str(next(ids)))
    _sub(found, "value", value)
    if value_ref is not None:
        _sub(found, "valueRefId", str(value_ref))
    if day is not None:
        period = _sub(found, "valueDate", id=str(next(ids)))
        for bound in ("fromDateBegin", "fromDateEnd", "toDateBegin", "toDateEnd"):
            _sub(period, bound, day.isoformat())
        _sub(period, "isApproximate", "false")
        _sub(period, "isDateRange", "false")
    _sub(found, "isPrimary", "true")


def _document(section: Any, entry: ListEntry, scheme: str, value: str, refs: _References,
              ids: Iterator[int]) -> None:  # fmt: skip
    found = _sub(section, "identityDocument", id=str(next(ids)))
    refs.element(found, "type", "ID DOCUMENT TYPE", DOCUMENTS[scheme])
    _sub(found, "name", entry.name)
    _sub(found, "documentNumber", f"IMO {value}" if scheme == "imo" else value)
    _sub(found, "isValid", "true")
    country = "HK" if scheme == "hk-cr" else entry.country
    if country is not None:
        refs.country(found, "issuingCountry", country)
