"""Features, identity documents and relationships of one entity.

A feature is a typed fact (birth date, nationality, ISIN, vessel flag...):
its type is declared in the file's featureTypes with a detail type (DATE,
COUNTRY, LOOKUP, TEXT); dates come as a period (``valueDate``), countries as a
refId into referenceValues. What each type means for the conformed tables is
data/reference/ofac_xml_feature_types.csv; identity document types map to
identifier schemes in ofac_xml_document_types.csv.
"""

from __future__ import annotations

from typing import Any

from pipelines.sources.base import UnknownValueError
from pipelines.sources.ofac_xml_codes import document_types, feature_type_known, relationship_types
from pipelines.sources.ofac_xml_context import Context
from pipelines.sources.ofac_xml_tables import path

_FEATURE = frozenset(
    {"type", "versionId", "value", "valueRefId", "valueDate", "isPrimary", "reliability",
     "comments"}
)  # fmt: skip
_PERIOD = frozenset(
    {"fromDateBegin", "fromDateEnd", "toDateBegin", "toDateEnd", "isApproximate", "isDateRange"}
)
_DOCUMENT = frozenset(
    {"type", "name", "documentNumber", "isValid", "issuingAuthority", "issuingLocation",
     "issuingCountry", "issueDate", "expirationDate", "comments", "idFeatures"}
)  # fmt: skip
_RELATIONSHIP = frozenset({"type", "relatedEntity", "quality", "dateRange", "comments"})


def _items(section: Any | None, relative: str) -> list[Any]:
    return [] if section is None else section.findall(path(relative))


def stage_features(ctx: Context, entity_id: int, section: Any | None) -> None:
    for element in _items(section, "feature"):
        line = element.sourceline
        ctx.unexpected(element, _FEATURE)
        kind = element.find(path("type"))
        name = ctx.text(element, "type") or ""
        if not feature_type_known(name):  # known_value, with the wildcard rows of the CSV
            if not ctx.accept_new_values:
                raise UnknownValueError("feature type", name, ctx.file, line)
            ctx.leftover(line, "feature type", name)
        type_id = ctx.integer(None if kind is None else kind.get("featureTypeId"), line,
                              "featureTypeId")  # fmt: skip
        value_ref_id = ctx.integer(ctx.text(element, "valueRefId"), line, "valueRefId")
        ctx.writer.add(
            "features",
            {
                "entity_id": entity_id,
                "feature_id": ctx.integer(element.get("id"), line, "feature id"),
                "feature_type": name,
                "feature_type_id": type_id,
                "version_id": ctx.integer(ctx.text(element, "versionId"), line, "versionId"),
                "value": ctx.text(element, "value"),
                "value_ref_id": value_ref_id,
                "value_country_code": _country_value(ctx, element, type_id, value_ref_id),
                **_period(ctx, element.find(path("valueDate"))),
                "is_primary": ctx.flag(element, "isPrimary"),
                "reliability": ctx.text(element, "reliability"),
                "comments": ctx.text(element, "comments"),
                "record_line": line,
            },
        )


def _country_value(ctx: Context, element: Any, type_id: int | None, ref_id: int | None
                   ) -> str | None:  # fmt: skip
    """ISO alpha-2 of a COUNTRY feature (nationality, flag...): its valueRefId's isoCode."""
    if type_id is None or ctx.detail_types.get(type_id) != "COUNTRY":
        return None
    return ctx.country_code(ctx.text(element, "value"), ref_id, element.sourceline)


def _period(ctx: Context, element: Any | None) -> dict[str, Any]:
    if element is None:
        return {}
    line = element.sourceline
    ctx.unexpected(element, _PERIOD)
    return {
        "date_from_begin": ctx.day(ctx.text(element, "fromDateBegin"), line, "fromDateBegin"),
        "date_from_end": ctx.day(ctx.text(element, "fromDateEnd"), line, "fromDateEnd"),
        "date_to_begin": ctx.day(ctx.text(element, "toDateBegin"), line, "toDateBegin"),
        "date_to_end": ctx.day(ctx.text(element, "toDateEnd"), line, "toDateEnd"),
        "is_approximate": ctx.flag(element, "isApproximate"),
        "is_date_range": ctx.flag(element, "isDateRange"),
    }


def stage_documents(ctx: Context, entity_id: int, section: Any | None) -> None:
    for element in _items(section, "identityDocument"):
        line = element.sourceline
        ctx.unexpected(element, _DOCUMENT)
        kind = ctx.text(element, "type") or ""
        ctx.known(document_types(), "identityDocument type", kind, line)
        holder = element.find(path("name"))
        country, code = ctx.country(element.find(path("issuingCountry")), line)
        issued = _period(ctx, element.find(path("issueDate")))
        expires = _period(ctx, element.find(path("expirationDate")))
        ctx.writer.add(
            "identity_documents",
            {
                "entity_id": entity_id,
                "document_id": ctx.integer(element.get("id"), line, "identityDocument id"),
                "document_type": kind,
                "name": ctx.text(element, "name"),
                "name_id": _attribute(ctx, holder, "nameId"),
                "name_translation_id": _attribute(ctx, holder, "nameTranslationId"),
                "document_number": ctx.text(element, "documentNumber"),
                "is_valid": ctx.flag(element, "isValid"),
                "issuing_authority": ctx.text(element, "issuingAuthority"),
                "issuing_location": ctx.text(element, "issuingLocation"),
                "issuing_country": country,
                "issuing_country_code": code,
                "issue_date_begin": issued.get("date_from_begin"),
                "issue_date_end": issued.get("date_to_end"),
                "expiration_date_begin": expires.get("date_from_begin"),
                "expiration_date_end": expires.get("date_to_end"),
                "comments": ctx.text(element, "comments"),
                "id_features": [
                    str(found.text).strip()
                    for found in element.iterfind(path("idFeatures/idFeature"))
                    if found.text and found.text.strip()
                ],
                "record_line": line,
            },
        )


def _attribute(ctx: Context, element: Any | None, name: str) -> int | None:
    if element is None:
        return None
    return ctx.integer(element.get(name), element.sourceline, name)


def stage_relationships(ctx: Context, entity_id: int, section: Any | None) -> None:
    for element in _items(section, "relationship"):
        line = element.sourceline
        ctx.unexpected(element, _RELATIONSHIP)
        related = element.find(path("relatedEntity"))
        related_id = _attribute(ctx, related, "entityId")
        if related_id is None:
            ctx.quarantine(element, "relationship without an integer relatedEntity entityId")
            continue
        kind = ctx.text(element, "type") or ""
        ctx.known(relationship_types(), "relationship type", kind, line)
        period = _period(ctx, element.find(path("dateRange")))
        ctx.writer.add(
            "relationships",
            {
                "entity_id": entity_id,
                "relationship_id": ctx.integer(element.get("id"), line, "relationship id"),
                "relationship_type": kind,
                "related_entity_id": related_id,
                "related_entity_name": ctx.text(element, "relatedEntity"),
                "quality": ctx.text(element, "quality"),
                "date_from": period.get("date_from_begin"),
                "date_to": period.get("date_to_end"),
                "comments": ctx.text(element, "comments"),
                "record_line": line,
            },
        )
