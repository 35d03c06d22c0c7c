"""GLEIF Level 1 golden copy (LEI-CDF 3.1): who is who, one record per LEI.

Staging tables: ``entities`` (one row per LEI), ``names`` (legal, other and
transliterated names), ``addresses`` (legal, headquarters, other and
transliterated), ``events`` (LegalEntityEvents), ``successors``,
``extensions`` (LOU-specific extension values) and the one-row ``header``.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from pipelines.lib.staging import StagingWriter
from pipelines.sources import gleif_enums as enums
from pipelines.sources import gleif_lei_fast as fast
from pipelines.sources.base import DeltaMerge, ParseOptions, Snapshot, Source
from pipelines.sources.gleif_ctx import Ctx
from pipelines.sources.gleif_fast import Irregular, plain
from pipelines.sources.gleif_lei_parts import (
    ADDRESSES_SCHEMA,
    EVENTS_SCHEMA,
    EXTENSIONS_SCHEMA,
    NAMES_SCHEMA,
    PART_PATHS,
    SUCCESSORS_SCHEMA,
    write_addresses,
    write_events,
    write_names,
    write_successors,
)
from pipelines.sources.gleif_read import Layout, Record
from pipelines.sources.gleif_run import gleif_spec, lei_problem, run
from pipelines.sources.gleif_tree import Node, leaves

_AUTHORITY = pa.struct(
    [
        ("validation_authority_id", pa.string()),
        ("other_validation_authority_id", pa.string()),
        ("validation_authority_entity_id", pa.string()),
    ]
)
# Plain text columns and the record path each one is read from.
_TEXT_FIELDS = {
    "lei": "LEI",
    "legal_name": "Entity/LegalName",
    "legal_name_lang": "Entity/LegalName/@xml:lang",
    "legal_jurisdiction": "Entity/LegalJurisdiction",
    "legal_form_code": "Entity/LegalForm/EntityLegalFormCode",
    "other_legal_form": "Entity/LegalForm/OtherLegalForm",
    "entity_creation_date": "Entity/EntityCreationDate",
    "ra_id": "Entity/RegistrationAuthority/RegistrationAuthorityID",
    "ra_entity_id": "Entity/RegistrationAuthority/RegistrationAuthorityEntityID",
    "other_ra_id": "Entity/RegistrationAuthority/OtherRegistrationAuthorityID",
    "initial_registration_date": "Registration/InitialRegistrationDate",
    "last_update_date": "Registration/LastUpdateDate",
    "next_renewal_date": "Registration/NextRenewalDate",
    "managing_lou": "Registration/ManagingLOU",
    "validation_authority_id": "Registration/ValidationAuthority/ValidationAuthorityID",
    "validation_authority_entity_id": "Registration/ValidationAuthority/ValidationAuthorityEntityID",
    "other_validation_authority_id": "Registration/ValidationAuthority/OtherValidationAuthorityID",
}
# Enumerated columns: path and the published values (gleif_enums).
_ENUM_FIELDS = {
    "entity_category": ("Entity/EntityCategory", enums.ENTITY_CATEGORY),
    "entity_sub_category": ("Entity/EntitySubCategory", enums.ENTITY_SUB_CATEGORY),
    "entity_status": ("Entity/EntityStatus", enums.ENTITY_STATUS),
    "registration_status": ("Registration/RegistrationStatus", enums.LEI_REGISTRATION_STATUS),
    "validation_sources": ("Registration/ValidationSources", enums.VALIDATION_SOURCES),
}
# LEI-CDF 3.1 puts ConformityFlag in the record (and the CSV has a ConformityFlag
# column); the JSON golden copy publishes it as a gleif extension instead.
_CONFORMITY_PATHS = ("ConformityFlag", "Extension/gleif:conformity/gleif:conformityflag")
_OTHER_AUTHORITY = "Registration/OtherValidationAuthorities/OtherValidationAuthority"
_KNOWN = (
    PART_PATHS
    | set(_TEXT_FIELDS.values())
    | {path for path, _ in _ENUM_FIELDS.values()}
    | set(_CONFORMITY_PATHS)
    | {
        f"{_OTHER_AUTHORITY}/{name}"
        for name in (
            "ValidationAuthorityID",
            "OtherValidationAuthorityID",
            "ValidationAuthorityEntityID",
        )
    }
    # An empty <Extension/> (or JSON "Extension": null) carries nothing.
    | {"Extension"}
)
# Deliberately ignored:
# - Extension/gleif:Geocoding: GLEIF's derived geocoding of the addresses (lat/lng,
#   formatted address), not a fact reported by the entity or its LOU.
# - Extension/*: other extension values go to the ``extensions`` table instead.
_IGNORED = ("Extension/",)
_GEOCODING = "Extension/gleif:Geocoding"

_ENTITY_TEXT_COLUMNS = (
    "lei", "legal_name", "legal_name_lang", "legal_jurisdiction", "entity_category",
    "entity_sub_category", "legal_form_code", "other_legal_form", "entity_status",
    "entity_creation_date", "ra_id", "ra_entity_id", "other_ra_id", "successor_lei",
    "registration_status", "initial_registration_date", "last_update_date", "next_renewal_date",
    "managing_lou", "validation_sources", "validation_authority_id",
    "validation_authority_entity_id", "conformity_flag",
    # Added beyond the agreed columns:
    "other_validation_authority_id",
)  # fmt: skip
ENTITIES_SCHEMA = pa.schema(
    [(name, pa.string()) for name in _ENTITY_TEXT_COLUMNS]
    + [("other_validation_authorities", pa.list_(_AUTHORITY)), ("record_line", pa.int64())]
)

SPEC = gleif_spec(
    "lei2",
    "GLEIF LEI golden copy, Level 1 (who is who)",
    tables={
        "entities": ENTITIES_SCHEMA,
        "names": NAMES_SCHEMA,
        "addresses": ADDRESSES_SCHEMA,
        "events": EVENTS_SCHEMA,
        "successors": SUCCESSORS_SCHEMA,
        "extensions": EXTENSIONS_SCHEMA,
    },
    main_table="entities",
    expected_rows=(2_000_000, 5_000_000),
    priority=4,
)

LAYOUT = Layout(
    namespace=fast.LEI_NS,
    record_tag="LEIRecord",
    header_tag="LEIHeader",
)


def _entity_row(ctx: Ctx, node: Node, line: int | None) -> dict[str, Any]:
    row: dict[str, Any] = {column: node.get(path) for column, path in _TEXT_FIELDS.items()}
    for column, (path, allowed) in _ENUM_FIELDS.items():
        row[column] = ctx.enum(node, path, allowed)
    flags = [ctx.enum(node, path, enums.CONFORMITY_FLAG) for path in _CONFORMITY_PATHS]
    row["conformity_flag"] = next((flag for flag in flags if flag is not None), None)
    # One LEI may name several successors (mergers); all are in ``successors``.
    row["successor_lei"] = node.get("Entity/SuccessorEntity/SuccessorLEI")
    row["other_validation_authorities"] = [
        {
            "validation_authority_id": other.get("ValidationAuthorityID"),
            "other_validation_authority_id": other.get("OtherValidationAuthorityID"),
            "validation_authority_entity_id": other.get("ValidationAuthorityEntityID"),
        }
        for other in node.all(_OTHER_AUTHORITY)
    ]
    row["record_line"] = line
    return row


def _write_extensions(ctx: Ctx, lei: str, node: Node, line: int | None) -> None:
    for path, value, _ in leaves(node):
        mapped = path in _CONFORMITY_PATHS or path.startswith(_GEOCODING)
        if path.startswith("Extension/") and not mapped:
            ctx.writer.add(
                "extensions", {"lei": lei, "path": path, "value": value, "record_line": line}
            )


def _read_plain(element: Any) -> tuple[str, fast.LeiRows]:
    """A plain record's LEI and rows; ``Irregular`` also for a record to quarantine."""
    rows = fast.read(element)
    lei = rows.entity.get("lei")
    if lei is None or lei_problem(lei) is not None or not rows.entity.get("legal_name"):
        raise Irregular
    return lei, rows


def handle(ctx: Ctx, record: Record) -> None:
    found = plain(record.element, _read_plain)
    if found is not None:
        _write_fast(ctx.writer, *found, record.line)
        return
    node, line = record.node, record.line
    lei = node.get("LEI")
    problem = lei_problem(lei)
    if problem is None and not node.get("Entity/LegalName"):
        problem = "missing Entity/LegalName"
    if problem is not None or lei is None:
        ctx.quarantine(record, problem or "missing LEI")
        return
    ctx.writer.add("entities", _entity_row(ctx, node, line))
    write_names(ctx, lei, node, line)
    write_addresses(ctx, lei, node, line)
    write_events(ctx, lei, node, line)
    write_successors(ctx, lei, node, line)
    _write_extensions(ctx, lei, node, line)
    ctx.leftovers(node, _KNOWN, _IGNORED)


def _write_fast(writer: StagingWriter, lei: str, rows: fast.LeiRows, line: int | None) -> None:
    """The rows ``handle`` writes for a plain record, in the same order."""
    rows.entity["record_line"] = line
    writer.add("entities", rows.entity)
    rows.legal_name.update(lei=lei, name_type="LEGAL_NAME", record_line=line)
    writer.add("names", rows.legal_name)
    for table, groups in (("names", rows.names), ("addresses", rows.addresses)):
        for group in groups:
            for row in group:
                row["lei"], row["record_line"] = lei, line
                writer.add(table, row)
    for table, items in (("events", rows.events), ("successors", rows.successors)):
        for row in items:
            row["lei"], row["record_line"] = lei, line
            writer.add(table, row)


def parse(snapshot: Snapshot, writer: StagingWriter, options: ParseOptions) -> None:
    # LEI-CDF/RR-CDF enumerations are closed by the XML schema: an unknown value
    # is always an error, so `options.accept_new_values` does not apply here.
    run(snapshot, writer, LAYOUT, handle)


# Delta files replace every row of each LEI they carry; sql/delta/gleif_lei.sql.
SOURCE = Source(SPEC, parse, DeltaMerge(sql="gleif_lei", key_table="entities"))
