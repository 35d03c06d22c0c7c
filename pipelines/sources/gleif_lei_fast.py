"""Level 1 rows straight from a plain-shaped LEI-CDF 3.1 XML record (see gleif_fast).

Produces exactly the rows ``global_gleif_lei`` writes through the generic tree,
in the same order, or raises ``Irregular``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pipelines.sources import gleif_enums as enums
from pipelines.sources.gleif_fast import (
    NO_ATTRS,
    REGISTRATION_FIELDS,
    XML_LANG,
    Irregular,
    check_enums,
    enum,
    fill,
    geocoding_only,
    kids,
    leaf,
    put,
    tags,
)
from pipelines.sources.gleif_lei_parts import ADDRESS_FIELDS

LEI_NS = "http://www.gleif.org/data/schema/leidata/2016"


def _tag(name: str) -> str:
    return f"{{{LEI_NS}}}{name}"


_LANG = frozenset({XML_LANG})
_LANG_TYPE = frozenset({XML_LANG, "type"})
_EVENT_ATTRS = frozenset({"group_id", "group_sequence_no", "event_status", "group_type"})
_FIELD_XPATH = frozenset({"field_xpath"})

_ENTITY_LEAVES = tags(
    LEI_NS,
    {
        "LegalJurisdiction": "legal_jurisdiction",
        "EntityCategory": "entity_category",
        "EntitySubCategory": "entity_sub_category",
        "EntityStatus": "entity_status",
        "EntityCreationDate": "entity_creation_date",
    },
)
_ENTITY_GROUPS = {
    _tag("RegistrationAuthority"): tags(
        LEI_NS,
        {
            "RegistrationAuthorityID": "ra_id",
            "RegistrationAuthorityEntityID": "ra_entity_id",
            "OtherRegistrationAuthorityID": "other_ra_id",
        },
    ),
    _tag("LegalForm"): tags(
        LEI_NS, {"EntityLegalFormCode": "legal_form_code", "OtherLegalForm": "other_legal_form"}
    ),
}
_AUTHORITY = {
    "ValidationAuthorityID": "validation_authority_id",
    "ValidationAuthorityEntityID": "validation_authority_entity_id",
    "OtherValidationAuthorityID": "other_validation_authority_id",
}
_AUTHORITY_TAGS = tags(LEI_NS, _AUTHORITY)
_REGISTRATION_LEAVES = tags(LEI_NS, REGISTRATION_FIELDS)
_ENTITY_ENUMS = {
    "entity_category": enums.ENTITY_CATEGORY,
    "entity_sub_category": enums.ENTITY_SUB_CATEGORY,
    "entity_status": enums.ENTITY_STATUS,
    "registration_status": enums.LEI_REGISTRATION_STATUS,
    "validation_sources": enums.VALIDATION_SOURCES,
    "conformity_flag": enums.CONFORMITY_FLAG,
}
# Container tag -> (item tag, index of the rows list, allowed types).
_NAME_LISTS = {
    _tag(f"{kind}s"): (_tag(kind), index, allowed)
    for kind, index, allowed in (
        ("OtherEntityName", 0, enums.OTHER_NAME_TYPE),
        ("TransliteratedOtherEntityName", 1, enums.TRANSLITERATED_NAME_TYPE),
    )
}
_FIXED_ADDRESSES = {
    _tag("LegalAddress"): (0, "LEGAL"),
    _tag("HeadquartersAddress"): (1, "HEADQUARTERS"),
}
_ADDRESS_LISTS = {
    _tag(kind.replace("Address", "Addresses")): (_tag(kind), index, allowed)
    for kind, index, allowed in (
        ("OtherAddress", 2, enums.OTHER_ADDRESS_TYPE),
        ("TransliteratedOtherAddress", 3, enums.TRANSLITERATED_ADDRESS_TYPE),
    )
}
_ADDRESS_LEAVES = tags(LEI_NS, ADDRESS_FIELDS)
_EVENT_LEAVES = tags(
    LEI_NS,
    {
        "LegalEntityEventType": "event_type",
        "LegalEntityEventEffectiveDate": "effective_date",
        "LegalEntityEventRecordedDate": "recorded_date",
        "ValidationDocuments": "validation_documents",
        "ValidationReference": "validation_reference",
    },
)
_SUCCESSOR_LEAVES = tags(
    LEI_NS, {"SuccessorLEI": "successor_lei", "SuccessorEntityName": "successor_entity_name"}
)
_LEI, _ENTITY, _REGISTRATION = _tag("LEI"), _tag("Entity"), _tag("Registration")
_EXTENSION, _CONFORMITY = _tag("Extension"), _tag("ConformityFlag")
_LEGAL_NAME, _ADDITIONAL = _tag("LegalName"), _tag("AdditionalAddressLine")
_EVENTS, _EVENT = _tag("LegalEntityEvents"), _tag("LegalEntityEvent")
_AFFECTED_FIELDS, _AFFECTED = _tag("AffectedFields"), _tag("AffectedField")
_SUCCESSOR, _SUCCESSOR_NAME = _tag("SuccessorEntity"), _tag("SuccessorEntityName")
_VALIDATION_AUTHORITY = _tag("ValidationAuthority")
_OTHER_AUTHORITIES, _OTHER_AUTHORITY = (
    _tag("OtherValidationAuthorities"),
    _tag("OtherValidationAuthority"),
)


@dataclass
class LeiRows:
    """One record's rows; ``lei`` and ``record_line`` are added when writing."""

    entity: dict[str, Any] = field(default_factory=dict)
    legal_name: dict[str, Any] = field(default_factory=dict)
    names: tuple[list[dict[str, Any]], ...] = field(default_factory=lambda: ([], []))
    addresses: tuple[list[dict[str, Any]], ...] = field(default_factory=lambda: ([], [], [], []))
    events: list[dict[str, Any]] = field(default_factory=list)
    successors: list[dict[str, Any]] = field(default_factory=list)
    authorities: list[dict[str, Any]] = field(default_factory=list)


def read(record: Any) -> LeiRows:
    """The rows of a plain record; ``Irregular`` otherwise (also for records to quarantine)."""
    if record.keys():
        raise Irregular
    rows = LeiRows()
    entity, seen = rows.entity, set()
    for element in kids(record):
        tag = element.tag
        if tag in seen:
            raise Irregular
        seen.add(tag)
        if tag == _ENTITY:
            _entity(element, rows)
        elif tag == _REGISTRATION:
            _registration(element, rows)
        elif tag == _LEI:
            entity["lei"] = leaf(element)
        elif tag == _EXTENSION:
            geocoding_only(element)
        elif tag == _CONFORMITY:
            entity["conformity_flag"] = leaf(element)
        else:
            raise Irregular
    check_enums(entity, _ENTITY_ENUMS)
    entity["other_validation_authorities"] = rows.authorities
    return rows


def _entity(element: Any, rows: LeiRows) -> None:
    entity = rows.entity
    for kid in kids(element):
        tag = kid.tag
        column = _ENTITY_LEAVES.get(tag)
        if column is not None:
            put(entity, column, leaf(kid))
        elif tag in _FIXED_ADDRESSES:
            index, address_type = _FIXED_ADDRESSES[tag]
            rows.addresses[index].append(_address(kid, address_type))
        elif tag == _LEGAL_NAME:
            put(entity, "legal_name", leaf(kid, _LANG))
            entity["legal_name_lang"] = kid.get(XML_LANG)
            rows.legal_name.update(name=kid.text, lang=entity["legal_name_lang"])
        elif tag in _ENTITY_GROUPS:
            fill(kid, _ENTITY_GROUPS[tag], entity)
        elif tag in _NAME_LISTS:
            _names(kid, *_NAME_LISTS[tag], rows)
        elif tag in _ADDRESS_LISTS:
            item, index, allowed = _ADDRESS_LISTS[tag]
            for address in kids(kid):
                if address.tag != item:
                    raise Irregular
                rows.addresses[index].append(_address(address, enum(address.get("type"), allowed)))
        elif tag == _SUCCESSOR:
            _successor(kid, rows)
        elif tag == _EVENTS:
            rows.events.extend(_event(event) for event in kids(kid))
        else:
            raise Irregular


def _names(element: Any, item: str, index: int, allowed: frozenset[str], rows: LeiRows) -> None:
    for name in kids(element):
        if name.tag != item:
            raise Irregular
        text = leaf(name, _LANG_TYPE)
        name_type = enum(name.get("type"), allowed)
        rows.names[index].append({"name": text, "lang": name.get(XML_LANG), "name_type": name_type})


def _address(element: Any, address_type: str | None) -> dict[str, Any]:
    lines: list[str] = []
    row: dict[str, Any] = {}
    for kid in kids(element, _LANG_TYPE):
        tag = kid.tag
        if tag == _ADDITIONAL:
            text = leaf(kid)
            if text is not None:
                lines.append(text)
        else:
            put(row, _ADDRESS_LEAVES.get(tag), leaf(kid))
    row.update(
        address_type=address_type, lang=element.get(XML_LANG), additional_address_lines=lines
    )
    return row


def _successor(element: Any, rows: LeiRows) -> None:
    row: dict[str, Any] = {}
    for kid in kids(element):
        tag = kid.tag
        put(
            row,
            _SUCCESSOR_LEAVES.get(tag),
            leaf(kid, _LANG if tag == _SUCCESSOR_NAME else NO_ATTRS),
        )
        if tag == _SUCCESSOR_NAME:
            row["successor_entity_name_lang"] = kid.get(XML_LANG)
    if "successor_lei" in row:
        # Entity.successor_lei: the first SuccessorLEI element of the record.
        rows.entity.setdefault("successor_lei", row["successor_lei"])
    rows.successors.append(row)


def _event(element: Any) -> dict[str, Any]:
    if element.tag != _EVENT:
        raise Irregular
    row: dict[str, Any] = {}
    affected: list[dict[str, Any]] = []
    for kid in kids(element, _EVENT_ATTRS):
        if kid.tag == _AFFECTED_FIELDS:
            for item in kids(kid):
                if item.tag != _AFFECTED:
                    raise Irregular
                text = leaf(item, _FIELD_XPATH)
                affected.append({"field_xpath": item.get("field_xpath"), "value": text})
        else:
            put(row, _EVENT_LEAVES.get(kid.tag), leaf(kid))
    enum(row.get("event_type"), enums.EVENT_TYPE)
    enum(row.get("validation_documents"), enums.VALIDATION_DOCUMENTS)
    row.update(
        group_id=element.get("group_id"),
        group_sequence_no=element.get("group_sequence_no"),
        event_status=enum(element.get("event_status"), enums.EVENT_STATUS),
        group_type=enum(element.get("group_type"), enums.EVENT_GROUP_TYPE),
        affected_fields=affected,
    )
    return row


def _registration(element: Any, rows: LeiRows) -> None:
    entity = rows.entity
    for kid in kids(element):
        tag = kid.tag
        column = _REGISTRATION_LEAVES.get(tag)
        if column is not None:
            put(entity, column, leaf(kid))
        elif tag == _VALIDATION_AUTHORITY:
            fill(kid, _AUTHORITY_TAGS, entity)
        elif tag == _OTHER_AUTHORITIES:
            for other in kids(kid):
                if other.tag != _OTHER_AUTHORITY:
                    raise Irregular
                found: dict[str, Any] = {}
                fill(other, _AUTHORITY_TAGS, found)
                rows.authorities.append(
                    {column: found.get(column) for column in _AUTHORITY.values()}
                )
        else:
            raise Irregular
