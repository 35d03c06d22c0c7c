"""Names and addresses of one entity: one staging row per translation.

OFAC writes every name once per script: the primary translation is the
romanised (Latin) form, others carry the original script (Cyrillic, Chinese...).
A name that is not primary is an alias whose aliasType says a.k.a., f.k.a. or
n.k.a.; isLowQuality marks OFAC's weak aliases.
"""

from __future__ import annotations

from typing import Any

from pipelines.sources.ofac_xml_codes import ADDRESS_PARTS, ALIAS_TYPES, scripts
from pipelines.sources.ofac_xml_context import Context
from pipelines.sources.ofac_xml_tables import path

_NAME = frozenset({"isPrimary", "aliasType", "isLowQuality", "translations"})
_NAME_TRANSLATION = frozenset(
    {"isPrimary", "script", "formattedFirstName", "formattedLastName", "formattedFullName",
     "nameParts"}
)  # fmt: skip
_ADDRESS = frozenset({"country", "translations"})
_ADDRESS_TRANSLATION = frozenset({"isPrimary", "script", "addressParts"})


def stage_names(ctx: Context, entity_id: int, section: Any | None) -> int:
    """Rows written; a name with no translation has no text and is quarantined."""
    written = 0
    for element in [] if section is None else section.iterfind(path("name")):
        line = element.sourceline
        ctx.unexpected(element, _NAME)
        alias_type = ctx.text(element, "aliasType")
        if alias_type is not None:
            ctx.known(ALIAS_TYPES, "aliasType", alias_type, line)
        name = {
            "entity_id": entity_id,
            "name_id": ctx.integer(element.get("id"), line, "name id"),
            "is_primary": ctx.flag(element, "isPrimary"),
            "alias_type": alias_type,
            "is_low_quality": ctx.flag(element, "isLowQuality"),
        }
        translations = element.findall(path("translations/translation"))
        if not translations:
            ctx.quarantine(element, "name without a translation (no text)")
        for translation in translations:
            ctx.writer.add("names", name | _name_translation(ctx, translation))
            written += 1
    return written


def _name_translation(ctx: Context, element: Any) -> dict[str, Any]:
    line = element.sourceline
    ctx.unexpected(element, _NAME_TRANSLATION)
    parts = [
        {"type": ctx.text(part, "type"), "value": ctx.text(part, "value")}
        for part in element.iterfind(path("nameParts/namePart"))
    ]
    return {
        "translation_id": ctx.integer(element.get("id"), line, "translation id"),
        "translation_is_primary": ctx.flag(element, "isPrimary"),
        "script": _script(ctx, element),
        "formatted_first_name": ctx.text(element, "formattedFirstName"),
        "formatted_last_name": ctx.text(element, "formattedLastName"),
        "formatted_full_name": ctx.text(element, "formattedFullName"),
        "name_parts": parts,
        "record_line": line,
    }


def _script(ctx: Context, translation: Any) -> str | None:
    script = ctx.text(translation, "script")
    if script is not None:
        ctx.known(scripts(), "script", script, translation.sourceline)
    return script


def stage_addresses(ctx: Context, entity_id: int, section: Any | None) -> None:
    for element in [] if section is None else section.iterfind(path("address")):
        line = element.sourceline
        ctx.unexpected(element, _ADDRESS)
        country, code = ctx.country(element.find(path("country")), line)
        address = {
            "entity_id": entity_id,
            "address_id": ctx.integer(element.get("id"), line, "address id"),
            "country": country,
            "country_code": code,
            "record_line": line,
        }
        translations = element.findall(path("translations/translation"))
        for translation in translations:
            ctx.writer.add("addresses", address | _address_translation(ctx, translation))
        if not translations:
            ctx.writer.add("addresses", address)


def _address_translation(ctx: Context, element: Any) -> dict[str, Any]:
    line = element.sourceline
    ctx.unexpected(element, _ADDRESS_TRANSLATION)
    row: dict[str, Any] = {
        "translation_id": ctx.integer(element.get("id"), line, "translation id"),
        "translation_is_primary": ctx.flag(element, "isPrimary"),
        "script": _script(ctx, element),
        "record_line": line,
    }
    for part in element.iterfind(path("addressParts/addressPart")):
        kind, value = ctx.text(part, "type") or "", ctx.text(part, "value")
        if not ctx.known(frozenset(ADDRESS_PARTS), "addressPart type", kind, part.sourceline):
            continue
        column = ADDRESS_PARTS[kind]
        if column in row:  # one value per part type: a second one is kept as a leftover
            ctx.leftover(part.sourceline, f"addressPart {kind}", value or "")
            continue
        row[column] = value
    return row
