"""The sections before the entities: publicationInfo, referenceValues, featureTypes.

referenceValues is the file's own lookup table (refId -> type and value, and
for countries the ISO code); the entities name values inline and point at it
with refIds. It is staged whole, and kept in memory for the entities (a few
thousand rows).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pipelines.sources.base import SourceError
from pipelines.sources.ofac_xml_context import Context, ReferenceValue
from pipelines.sources.ofac_xml_tables import path

_PUBLICATION = frozenset({"dataAsOf", "filters"})
_REFERENCE_VALUE = frozenset({"type", "value", "code", "isoCode", "advancedXmlOffset"})
_FEATURE_TYPE = frozenset(
    {"type", "detailType", "publishExclude", "publishDescription", "publishOrder"}
)


def read_publication(ctx: Context, element: Any) -> dict[str, Any]:
    """The publication row (entity_count is filled in after the last entity)."""
    line = element.sourceline
    raw = ctx.text(element, "dataAsOf")
    try:
        data_as_of = datetime.fromisoformat(raw or "")
    except ValueError:
        raise SourceError(
            f"{ctx.file}:{line}: publicationInfo/dataAsOf {raw!r} is not a date and time"
        ) from None
    ctx.unexpected(element, _PUBLICATION)
    filters = element.find(path("filters"))
    return {
        "data_as_of": data_as_of.replace(tzinfo=None),
        "published_on": data_as_of.date(),
        "filter_lists": _texts(filters, "sanctionsLists/sanctionsList"),
        "filter_programs": _texts(filters, "sanctionsPrograms/sanctionsProgram"),
        "record_line": line,
    }


def _texts(element: Any | None, relative: str) -> list[str]:
    if element is None:
        return []
    return [str(found.text).strip() for found in element.iterfind(path(relative)) if found.text]


def read_reference_values(ctx: Context, section: Any) -> None:
    for element in section.iterfind(path("referenceValue")):
        line = element.sourceline
        ref_id = ctx.integer(element.get("refId"), line, "referenceValue refId")
        kind, value = ctx.text(element, "type"), ctx.text(element, "value")
        if ref_id is None or kind is None or value is None:
            ctx.quarantine(element, "referenceValue without an integer refId, a type and a value")
            continue
        iso_code = ctx.text(element, "isoCode")
        ctx.references[ref_id] = ReferenceValue(kind, value, iso_code)
        ctx.unexpected(element, _REFERENCE_VALUE)
        ctx.writer.add(
            "reference_values",
            {
                "ref_id": ref_id,
                "type": kind,
                "value": value,
                "code": ctx.text(element, "code"),
                "iso_code": iso_code,
                "advanced_xml_offset": ctx.integer(
                    ctx.text(element, "advancedXmlOffset"), line, "advancedXmlOffset"
                ),
                "record_line": line,
            },
        )


def read_feature_types(ctx: Context, section: Any) -> None:
    for element in section.iterfind(path("featureType")):
        line = element.sourceline
        type_id = ctx.integer(element.get("featureTypeId"), line, "featureTypeId")
        detail = ctx.text(element, "detailType")
        if type_id is not None and detail is not None:
            ctx.detail_types[type_id] = detail
        ctx.unexpected(element, _FEATURE_TYPE)
        ctx.writer.add(
            "feature_types",
            {
                "feature_type_id": type_id,
                "type": ctx.text(element, "type"),
                "detail_type": detail,
                "publish_exclude": ctx.flag(element, "publishExclude"),
                "publish_description": ctx.text(element, "publishDescription"),
                "publish_order": ctx.integer(
                    ctx.text(element, "publishOrder"), line, "publishOrder"
                ),
                "record_line": line,
            },
        )
