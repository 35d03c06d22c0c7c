"""The repeating parts of an LEI-CDF 3.1 record: names, addresses, events, successors.

Each function turns one record's tree into staging rows and names the paths it
consumed, so the record handler can report whatever is left over.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from pipelines.lib.staging import schema
from pipelines.sources import gleif_enums as enums
from pipelines.sources.gleif_ctx import Ctx
from pipelines.sources.gleif_tree import Node

NAMES_SCHEMA = schema(
    [
        ("lei", pa.string()),
        ("name", pa.string()),
        ("lang", pa.string()),
        ("name_type", pa.string()),
        ("record_line", pa.int64()),
    ]
)
ADDRESSES_SCHEMA = schema(
    [
        ("lei", pa.string()),
        ("address_type", pa.string()),
        ("lang", pa.string()),
        ("first_address_line", pa.string()),
        ("additional_address_lines", pa.list_(pa.string())),
        ("address_number", pa.string()),
        ("address_number_within_building", pa.string()),
        ("mail_routing", pa.string()),
        ("city", pa.string()),
        ("region", pa.string()),
        ("country", pa.string()),
        ("postal_code", pa.string()),
        ("record_line", pa.int64()),
    ]
)
EVENTS_SCHEMA = schema(
    [
        ("lei", pa.string()),
        ("event_type", pa.string()),
        ("event_status", pa.string()),
        ("group_type", pa.string()),
        ("group_id", pa.string()),
        ("group_sequence_no", pa.string()),
        ("effective_date", pa.string()),
        ("recorded_date", pa.string()),
        ("validation_documents", pa.string()),
        ("validation_reference", pa.string()),
        (
            "affected_fields",
            pa.list_(pa.struct([("field_xpath", pa.string()), ("value", pa.string())])),
        ),
        ("record_line", pa.int64()),
    ]
)
SUCCESSORS_SCHEMA = schema(
    [
        ("lei", pa.string()),
        ("successor_lei", pa.string()),
        ("successor_entity_name", pa.string()),
        ("successor_entity_name_lang", pa.string()),
        ("record_line", pa.int64()),
    ]
)
# LOU-specific extensions (e.g. leifr:SIREN, ext:CIF in full golden copies) are
# published facts outside the CDF: kept as path/value pairs rather than dropped.
EXTENSIONS_SCHEMA = schema(
    [
        ("lei", pa.string()),
        ("path", pa.string()),
        ("value", pa.string()),
        ("record_line", pa.int64()),
    ]
)

_NAME_LISTS = (
    ("Entity/OtherEntityNames/OtherEntityName", enums.OTHER_NAME_TYPE),
    (
        "Entity/TransliteratedOtherEntityNames/TransliteratedOtherEntityName",
        enums.TRANSLITERATED_NAME_TYPE,
    ),
)
_FIXED_ADDRESSES = (
    ("Entity/LegalAddress", "LEGAL"),
    ("Entity/HeadquartersAddress", "HEADQUARTERS"),
)
_TYPED_ADDRESSES = (
    ("Entity/OtherAddresses/OtherAddress", enums.OTHER_ADDRESS_TYPE),
    (
        "Entity/TransliteratedOtherAddresses/TransliteratedOtherAddress",
        enums.TRANSLITERATED_ADDRESS_TYPE,
    ),
)
ADDRESS_FIELDS = {
    "FirstAddressLine": "first_address_line",
    "AddressNumber": "address_number",
    "AddressNumberWithinBuilding": "address_number_within_building",
    "MailRouting": "mail_routing",
    "City": "city",
    "Region": "region",
    "Country": "country",
    "PostalCode": "postal_code",
}
_EVENT = "Entity/LegalEntityEvents/LegalEntityEvent"
_EVENT_FIELDS = {
    "LegalEntityEventEffectiveDate": "effective_date",
    "LegalEntityEventRecordedDate": "recorded_date",
    "ValidationReference": "validation_reference",
}
_EVENT_ATTRIBUTES = ("group_id", "group_sequence_no")


def _paths() -> list[str]:
    paths = ["Entity/LegalName", "Entity/LegalName/@xml:lang"]
    for base, _ in _NAME_LISTS:
        paths += [base, f"{base}/@xml:lang", f"{base}/@type"]
    address_bases = [base for base, _ in _FIXED_ADDRESSES] + [base for base, _ in _TYPED_ADDRESSES]
    for base in address_bases:
        paths += [f"{base}/@xml:lang", f"{base}/@type", f"{base}/AdditionalAddressLine"]
        paths += [f"{base}/{name}" for name in ADDRESS_FIELDS]
    paths += [
        f"{_EVENT}/{name}"
        for name in (*_EVENT_FIELDS, "LegalEntityEventType", "ValidationDocuments")
    ]
    paths += [f"{_EVENT}/@{name}" for name in (*_EVENT_ATTRIBUTES, "event_status", "group_type")]
    paths += [
        f"{_EVENT}/AffectedFields/AffectedField",
        f"{_EVENT}/AffectedFields/AffectedField/@field_xpath",
    ]
    paths += ["Entity/SuccessorEntity/SuccessorLEI", "Entity/SuccessorEntity/SuccessorEntityName"]
    paths += ["Entity/SuccessorEntity/SuccessorEntityName/@xml:lang"]
    return paths


PART_PATHS = frozenset(_paths())


def write_names(ctx: Ctx, lei: str, node: Node, line: int | None) -> None:
    legal = node.one("Entity/LegalName")
    assert legal is not None  # checked before: a record without a legal name is quarantined
    ctx.writer.add("names", _name_row(lei, legal, "LEGAL_NAME", line))
    for base, allowed in _NAME_LISTS:
        for name in node.all(base):
            name_type = ctx.enum(name, "@type", allowed, f"{base.rsplit('/', 1)[-1]}@type")
            ctx.writer.add("names", _name_row(lei, name, name_type, line))


def _name_row(lei: str, name: Node, name_type: str | None, line: int | None) -> dict[str, Any]:
    return {
        "lei": lei,
        "name": name.text,
        "lang": name.attrs.get("xml:lang"),
        "name_type": name_type,
        "record_line": line,
    }


def write_addresses(ctx: Ctx, lei: str, node: Node, line: int | None) -> None:
    for base, address_type in _FIXED_ADDRESSES:
        for address in node.all(base):
            ctx.writer.add("addresses", _address_row(lei, address, address_type, line))
    for base, allowed in _TYPED_ADDRESSES:
        for address in node.all(base):
            typed = ctx.enum(address, "@type", allowed, f"{base.rsplit('/', 1)[-1]}@type")
            ctx.writer.add("addresses", _address_row(lei, address, typed, line))


def _address_row(
    lei: str, address: Node, address_type: str | None, line: int | None
) -> dict[str, Any]:
    row: dict[str, Any] = {column: address.get(name) for name, column in ADDRESS_FIELDS.items()}
    row.update(
        lei=lei, address_type=address_type, lang=address.attrs.get("xml:lang"), record_line=line
    )
    row["additional_address_lines"] = address.texts("AdditionalAddressLine")
    return row


def write_events(ctx: Ctx, lei: str, node: Node, line: int | None) -> None:
    for event in node.all(_EVENT):
        row: dict[str, Any] = {column: event.get(name) for name, column in _EVENT_FIELDS.items()}
        row.update({name: event.attrs.get(name) for name in _EVENT_ATTRIBUTES})
        row.update(
            lei=lei,
            record_line=line,
            event_type=ctx.enum(event, "LegalEntityEventType", enums.EVENT_TYPE),
            event_status=ctx.enum(event, "@event_status", enums.EVENT_STATUS),
            group_type=ctx.enum(event, "@group_type", enums.EVENT_GROUP_TYPE),
            validation_documents=ctx.enum(event, "ValidationDocuments", enums.VALIDATION_DOCUMENTS),
            affected_fields=[
                {"field_xpath": field.attrs.get("field_xpath"), "value": field.text}
                for field in event.all("AffectedFields/AffectedField")
            ],
        )
        ctx.writer.add("events", row)


def write_successors(ctx: Ctx, lei: str, node: Node, line: int | None) -> None:
    for successor in node.all("Entity/SuccessorEntity"):
        ctx.writer.add(
            "successors",
            {
                "lei": lei,
                "successor_lei": successor.get("SuccessorLEI"),
                "successor_entity_name": successor.get("SuccessorEntityName"),
                "successor_entity_name_lang": successor.get("SuccessorEntityName/@xml:lang"),
                "record_line": line,
            },
        )
