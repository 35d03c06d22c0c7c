"""Write the EU consolidated financial sanctions list, FSF XML 1.1.

The layout follows the published format (schema_1_1.xsd; element and
attribute order as in the Commission's files): every field an attribute,
unknown values as empty strings, countries as ISO alpha-2 plus an upper-case
description ("00"/"UNKNOWN" when unknown), and a regulationSummary under each
part naming the act that introduced it. A person is subjectType person/P,
anything else enterprise/E; each program is one regulation. Identifiers
become identification elements (passport, id, regnumber, fiscalcode, imo,
swiftbic); schemes the EU has no code for (lei, cn-uscc, isin) are written as
"other" with the scheme in the description. Ownership goes into a remark.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from itertools import count
from pathlib import Path
from typing import Any

import pycountry
from lxml import etree

from pipelines.lib.demo.lists import ListEntry

FILE_NAME = "xmlFullSanctionsList_1_1.xml"
NS = "http://eu.europa.ec/fpi/fsd/export"
DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
IDENTIFICATION_TYPES = {
    "passport": ("passport", "National passport"),
    "national-id": ("id", "National identification card"),
    "registration": ("regnumber", "Registration Number"),
    "tax-id": ("fiscalcode", "Fiscal code"),
    "imo": ("imo", "IMO number"),
    "swift-bic": ("swiftbic", "SWIFT BIC"),
}
URL = "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=OJ:L:{year}:{number:03d}:TOC"


def write(path: Path, entries: Sequence[ListEntry], published: date) -> Path:
    """Write the list to ``path`` (an .xml file, or a folder that gets the official name)."""
    target = path if path.suffix.lower() == ".xml" else path / FILE_NAME
    target.parent.mkdir(parents=True, exist_ok=True)
    # The default namespace has the key None (lxml-stubs only allow str keys).
    root = etree.Element(_tag("export"), nsmap={None: NS})  # type: ignore[dict-item]
    root.set("generationDate", f"{published.isoformat()}T12:00:00.000+01:00")
    root.set("globalFileId", published.strftime("%Y%m%d"))
    ids = count(1)
    for number, entry in enumerate(entries, start=1):
        _entity(root, entry, number, ids, published)
    etree.indent(root, space="    ")
    target.write_bytes(DECLARATION + etree.tostring(root, encoding="UTF-8") + b"\n")
    return target


def _tag(name: str) -> str:
    return f"{{{NS}}}{name}"


def _add(parent: Any, name: str, attributes: dict[str, str]) -> Any:
    element = etree.SubElement(parent, _tag(name))
    for key, value in attributes.items():
        element.set(key, value)
    return element


def _entity(root: Any, entry: ListEntry, number: int, ids: Iterator[int], published: date) -> None:
    if not entry.key.isdigit():
        raise ValueError(f"EU logicalId must be digits, got {entry.key!r}")
    listed = entry.listed_on or published
    attributes = {"designationDate": listed.isoformat()} if entry.listed_on else {}
    element = _add(root, "sanctionEntity", attributes | {
        "designationDetails": "", "unitedNationId": "",
        "euReferenceNumber": f"EU.{number}.{int(entry.key) % 97}", "logicalId": entry.key})  # fmt: skip
    if entry.owner_key:
        _remark(element, f"Owned or controlled by the entity of logicalId {entry.owner_key}.")
    act = {"regulationType": "regulation", "publicationDate": listed.isoformat(),
           "numberTitle": f"{listed.year}/{number} (OJ L{number})",
           "publicationUrl": URL.format(year=listed.year, number=number)}  # fmt: skip
    for program in entry.programs:
        regulation = _add(element, "regulation", {
            "regulationType": "regulation", "organisationType": "council",
            "publicationDate": listed.isoformat(), "entryIntoForceDate": listed.isoformat(),
            "numberTitle": act["numberTitle"], "programme": program, "logicalId": str(next(ids))})  # fmt: skip
        etree.SubElement(regulation, _tag("publicationUrl")).text = act["publicationUrl"]
    person = entry.kind == "person"
    _add(element, "subjectType", {"code": "person" if person else "enterprise",
                                  "classificationCode": "P" if person else "E"})  # fmt: skip
    for name, strength in ((entry.name, "strong"), *entry.aliases):
        _name(element, name, strength, person and name == entry.name, act, ids)
    _details(element, entry, act, ids)


def _name(element: Any, name: str, strength: str, split: bool, act: dict[str, str],
          ids: Iterator[int]) -> None:  # fmt: skip
    first, _, last = name.rpartition(" ") if split else ("", "", "")
    _part(element, "nameAlias", {
        "firstName": first, "middleName": "", "lastName": last, "wholeName": name,
        "function": "", "gender": "", "title": "", "nameLanguage": "",
        "strong": "true" if strength == "strong" else "false"}, act, ids)  # fmt: skip


def _details(element: Any, entry: ListEntry, act: dict[str, str], ids: Iterator[int]) -> None:
    person = entry.kind == "person"
    if person and entry.country:
        _part(element, "citizenship", {"region": "", **_country(entry.country)}, act, ids)
    if person and entry.birth_date:
        born = entry.birth_date
        _part(element, "birthdate", {
            "circa": "false", "calendarType": "GREGORIAN", "city": "", "zipCode": "",
            "birthdate": born.isoformat(), "dayOfMonth": str(born.day),
            "monthOfYear": str(born.month), "year": str(born.year), "region": "", "place": "",
            **_country(None)}, act, ids)  # fmt: skip
    if entry.address or entry.city or (entry.country and not person):
        _part(element, "address", {
            "city": entry.city or "", "street": entry.address or "", "poBox": "", "zipCode": "",
            "region": "", "place": "", "asAtListingTime": "false",
            **_country(entry.country)}, act, ids)  # fmt: skip
    for scheme, value in entry.identifiers:
        code, description = IDENTIFICATION_TYPES.get(
            scheme, ("other", f"Other identification number ({scheme.upper()})")
        )
        _part(element, "identification", {
            "diplomatic": "false", "knownExpired": "false", "knownFalse": "false",
            "reportedLost": "false", "revokedByIssuer": "false", "issuedBy": "",
            "latinNumber": "", "nameOnDocument": "", "number": value, "region": "",
            **_country(entry.country), "identificationTypeCode": code,
            "identificationTypeDescription": description}, act, ids)  # fmt: skip


def _part(element: Any, name: str, attributes: dict[str, str], act: dict[str, str],
          ids: Iterator[int]) -> None:  # fmt: skip
    part = _add(element, name, attributes | {"regulationLanguage": "en",
                                              "logicalId": str(next(ids))})  # fmt: skip
    _add(part, "regulationSummary", act)


def _remark(element: Any, text: str) -> None:
    etree.SubElement(element, _tag("remark")).text = text


def _country(code: str | None) -> dict[str, str]:
    if code is None:
        return {"countryIso2Code": "00", "countryDescription": "UNKNOWN"}
    country = pycountry.countries.get(alpha_2=code.upper())
    if country is None:
        raise ValueError(f"unknown ISO 3166-1 alpha-2 code {code!r}")
    return {"countryIso2Code": code.upper(), "countryDescription": str(country.name).upper()}
