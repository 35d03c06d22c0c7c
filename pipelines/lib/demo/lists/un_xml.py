"""Write the UN Security Council consolidated list XML (``consolidated.xml``).

The layout follows the real file (element order, the ``dateGenerated``
attribute, the empty placeholders the UN writes for missing parts). Each
entry's one program is its UN_LIST_TYPE (a regime of
``data/reference/un_sc_list_types.csv``); a person is an INDIVIDUAL, anything
else an ENTITY. Reference numbers are numbered per regime and kind (KPe.001).
The format has no field for company identifiers or ownership: those are
written into COMMENTS1, as the UN itself does, and are not parsed back.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pycountry
from lxml import etree

from pipelines.lib.demo.lists import ListEntry
from pipelines.sources.un_sc_values import list_types, reference_prefixes

FILE_NAME = "consolidated.xml"
DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
XSI = "http://www.w3.org/2001/XMLSchema-instance"
# Alias strength -> QUALITY, per record kind.
QUALITY = {"INDIVIDUAL": {"strong": "Good", "weak": "Low"},
           "ENTITY": {"strong": "a.k.a.", "weak": "Low"}}  # fmt: skip
DOCUMENT_TYPES = {"passport": "Passport", "national-id": "National Identification Number"}


def write(path: Path, entries: Sequence[ListEntry], published: date) -> Path:
    """Write the list to ``path`` (a .xml file, or a folder that gets consolidated.xml)."""
    target = path if path.suffix.lower() == ".xml" else path / FILE_NAME
    target.parent.mkdir(parents=True, exist_ok=True)
    root = etree.Element("CONSOLIDATED_LIST", nsmap={"xsi": XSI})
    root.set(
        f"{{{XSI}}}noNamespaceSchemaLocation", "https://www.un.org/sc/resources/sc-sanctions.xsd"
    )
    root.set("dateGenerated", f"{published.isoformat()}T00:00:00.000Z")
    people, others = etree.SubElement(root, "INDIVIDUALS"), etree.SubElement(root, "ENTITIES")
    numbers: Counter[str] = Counter()
    for entry in entries:
        kind = "INDIVIDUAL" if entry.kind == "person" else "ENTITY"
        program = _program(entry)
        prefix = reference_prefixes()[program] + ("i" if kind == "INDIVIDUAL" else "e")
        numbers[prefix] += 1
        record = etree.SubElement(people if kind == "INDIVIDUAL" else others, kind)
        _record(record, kind, entry, program, f"{prefix}.{numbers[prefix]:03d}")
    etree.indent(root, space="  ")
    body = etree.tostring(root, encoding="UTF-8")
    target.write_bytes(DECLARATION + body + b"\n")
    return target


def _program(entry: ListEntry) -> str:
    if len(entry.programs) != 1 or entry.programs[0] not in list_types():
        raise ValueError(f"UN entry {entry.key}: needs exactly one UN_LIST_TYPE, "
                         f"got {entry.programs}")  # fmt: skip
    return entry.programs[0]


def _record(record: Any, kind: str, entry: ListEntry, program: str, reference: str) -> None:
    if not entry.key.isdigit():
        raise ValueError(f"UN DATAID must be digits, got {entry.key!r}")
    _add(record, "DATAID", entry.key)
    _add(record, "VERSIONNUM", "1")
    _add(record, "FIRST_NAME", entry.name)
    _add(record, "UN_LIST_TYPE", program)
    _add(record, "REFERENCE_NUMBER", reference)
    _add(record, "LISTED_ON", entry.listed_on.isoformat() if entry.listed_on else None)
    _add(record, "COMMENTS1", _comments(entry))
    if kind == "INDIVIDUAL" and entry.country:
        _values(record, "NATIONALITY", [_country_name(entry.country)])
    _values(record, "LIST_TYPE", ["UN List"])
    _values(record, "LAST_DAY_UPDATED", [None])
    for alias, strength in entry.aliases or ((None, "strong"),):
        part = etree.SubElement(record, f"{kind}_ALIAS")
        _add(part, "QUALITY", QUALITY[kind][strength] if alias else None)
        _add(part, "ALIAS_NAME", alias)
    address = etree.SubElement(record, f"{kind}_ADDRESS")
    _add(address, "STREET", entry.address, skip_empty=True)
    _add(address, "CITY", entry.city, skip_empty=True)
    _add(address, "COUNTRY", _country_name(entry.country) if entry.country else None)
    if kind == "INDIVIDUAL":
        _person_parts(record, entry)
    _add(record, "SORT_KEY", None)
    _add(record, "SORT_KEY_LAST_MOD", None)


def _person_parts(record: Any, entry: ListEntry) -> None:
    born = etree.SubElement(record, "INDIVIDUAL_DATE_OF_BIRTH")
    _add(born, "TYPE_OF_DATE", "EXACT" if entry.birth_date else None)
    if entry.birth_date:
        _add(born, "DATE", entry.birth_date.isoformat())
    _add(etree.SubElement(record, "INDIVIDUAL_PLACE_OF_BIRTH"), "COUNTRY", None)
    documents = [(scheme, value) for scheme, value in entry.identifiers
                 if scheme in DOCUMENT_TYPES]  # fmt: skip
    if not documents:
        etree.SubElement(record, "INDIVIDUAL_DOCUMENT")
    for scheme, value in documents:
        document = etree.SubElement(record, "INDIVIDUAL_DOCUMENT")
        _add(document, "TYPE_OF_DOCUMENT", DOCUMENT_TYPES[scheme])
        _add(document, "NUMBER", value)
        if entry.country:
            _add(document, "ISSUING_COUNTRY", _country_name(entry.country))


def _comments(entry: ListEntry) -> str | None:
    """What the format cannot hold in fields, worded as UN comments are."""
    notes = [f"{scheme.upper()}: {value}." for scheme, value in entry.identifiers
             if scheme not in DOCUMENT_TYPES or entry.kind != "person"]  # fmt: skip
    if entry.owner_key:
        notes.append(f"Owned or controlled by DATAID {entry.owner_key}.")
    return " ".join(notes) or None


def _add(parent: Any, tag: str, text: str | None, skip_empty: bool = False) -> None:
    if text is None and skip_empty:
        return
    etree.SubElement(parent, tag).text = text


def _values(parent: Any, tag: str, values: list[str | None]) -> None:
    container = etree.SubElement(parent, tag)
    for value in values:
        etree.SubElement(container, "VALUE").text = value


def _country_name(code: str) -> str:
    country = pycountry.countries.get(alpha_2=code.upper())
    if country is None:
        raise ValueError(f"unknown ISO 3166-1 alpha-2 code {code!r}")
    return str(country.name)
