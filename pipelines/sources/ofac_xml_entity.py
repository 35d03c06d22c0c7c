"""One ``entity`` of the Enhanced XML -> its staging rows and list memberships.

The entity id (``entity/@id``) is OFAC's unique id, the ``ent_num`` of the
legacy CSV files and the ``uid`` of the classic XML; ``generalInfo/identityId``
is an internal identity id, staged but not a key.

Lists and programs: an entity names its lists (sanctionsLists, each with the
date it was published on that list) and its programs (sanctionsPrograms), but
not which program belongs to which list. A program goes to the entity's list
that data/reference/ofac_xml_lists.csv gives it (NS-PLC -> the NS-PLC list,
UKRAINE-EO13662 -> SSI...), else to the SDN list when the entity is on it,
else to each of the entity's lists; a list left without a program gets one
membership with a null program.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from pipelines.sources.lists import add_membership
from pipelines.sources.ofac_xml_codes import ENTITY_TYPES, SanctionsList, programs, sanctions_lists
from pipelines.sources.ofac_xml_context import Context
from pipelines.sources.ofac_xml_facts import stage_documents, stage_features, stage_relationships
from pipelines.sources.ofac_xml_names import stage_addresses, stage_names
from pipelines.sources.ofac_xml_tables import path

SDN = "us_ofac_sdn"
_ENTITY = frozenset(
    {"generalInfo", "sanctionsLists", "sanctionsPrograms", "sanctionsTypes", "legalAuthorities",
     "names", "addresses", "features", "identityDocuments", "relationships"}
)  # fmt: skip
_GENERAL = frozenset(
    {"identityId", "entityType", "livingStatus", "remarks", "title", "isUsCitizen", "isUsPerson"}
)


@dataclass(frozen=True)
class Listing:
    """One sanctionsList element of an entity, resolved through ofac_xml_lists.csv."""

    sanctions_list: SanctionsList
    published: date | None


def stage_entity(ctx: Context, element: Any, seen: set[int], list_codes: frozenset[str] | None
                 ) -> bool:  # fmt: skip
    """Stage one entity; False when it is quarantined. ``list_codes``: the lists this
    source writes memberships for (None: all the entity names)."""
    line = element.sourceline
    entity_id = ctx.integer(element.get("id"), line, "entity id")
    general = element.find(path("generalInfo"))
    entity_type = None if general is None else ctx.text(general, "entityType")
    reason = _reject_reason(entity_id, entity_type, element, seen)
    if reason is not None or entity_id is None or general is None or entity_type is None:
        ctx.quarantine(element, reason or "unreadable entity")
        return False
    seen.add(entity_id)
    ctx.unexpected(element, _ENTITY)
    ctx.unexpected(general, _GENERAL)
    ctx.known(ENTITY_TYPES, "entityType", entity_type, line)
    tags = _values(element, "sanctionsPrograms/sanctionsProgram")
    for program_tag in tags:
        ctx.known(programs(), "program", program_tag, line)
    listings = _stage_lists(ctx, entity_id, element)
    ctx.writer.add("entities", {
        "entity_id": entity_id,
        "identity_id": ctx.integer(ctx.text(general, "identityId"), line, "identityId"),
        "entity_type": entity_type,
        "living_status": ctx.text(general, "livingStatus"),
        "title": ctx.text(general, "title"),
        "remarks": ctx.text(general, "remarks"),
        "is_us_citizen": ctx.flag(general, "isUsCitizen"),
        "is_us_person": ctx.flag(general, "isUsPerson"),
        "programs": tags,
        "sanctions_types": _values(element, "sanctionsTypes/sanctionsType"),
        "legal_authorities": _values(element, "legalAuthorities/legalAuthority"),
        "record_line": line,
    })  # fmt: skip
    stage_names(ctx, entity_id, element.find(path("names")))
    stage_addresses(ctx, entity_id, element.find(path("addresses")))
    stage_features(ctx, entity_id, element.find(path("features")))
    stage_documents(ctx, entity_id, element.find(path("identityDocuments")))
    stage_relationships(ctx, entity_id, element.find(path("relationships")))
    for code, program, listed_on in memberships(listings, tags):
        if list_codes is None or code in list_codes:
            add_membership(ctx.writer, str(entity_id), code, program, listed_on, line)
    return True


def _reject_reason(entity_id: int | None, entity_type: str | None, element: Any, seen: set[int]
                   ) -> str | None:  # fmt: skip
    if entity_id is None:
        return "entity without an integer id"
    if entity_id in seen:
        return "duplicate entity id"
    if entity_type is None:
        return "entity without generalInfo/entityType"
    primary = element.iterfind(path("names/name/isPrimary"))
    if not any((found.text or "").strip() == "true" for found in primary):
        return "entity without a primary name"
    return None


def _values(element: Any, relative: str) -> list[str]:
    return [str(found.text).strip() for found in element.iterfind(path(relative)) if found.text]


def _stage_lists(ctx: Context, entity_id: int, element: Any) -> list[Listing]:
    listings = []
    for found in element.iterfind(path("sanctionsLists/sanctionsList")):
        line = found.sourceline
        name = (found.text or "").strip()
        known = ctx.known(frozenset(sanctions_lists()), "sanctionsList", name, line)
        resolved = sanctions_lists().get(name) if known else None
        published = ctx.day(found.get("datePublished"), line, "datePublished")
        ctx.writer.add("sanctions_lists", {
            "entity_id": entity_id,
            "list_name": name,
            "list_ref_id": ctx.integer(found.get("refId"), line, "sanctionsList refId"),
            "list_code": None if resolved is None else resolved.code,
            "date_published": published,
            "record_line": line,
        })  # fmt: skip
        if resolved is not None:
            listings.append(Listing(resolved, published))
    return listings


def memberships(listings: list[Listing], tags: list[str]
                ) -> list[tuple[str, str | None, date | None]]:  # fmt: skip
    """(list code, program or None, listed on) per membership; see the module docstring."""
    coded = [(item.sanctions_list.code, item) for item in listings
             if item.sanctions_list.code is not None]  # fmt: skip
    assigned: dict[str, list[str]] = {code: [] for code, _ in coded}
    for program in tags:
        homes = [code for code, item in coded if program in item.sanctions_list.programs]
        if not homes:
            homes = [SDN] if SDN in assigned else list(assigned)
        for code in dict.fromkeys(homes):
            assigned[code].append(program)
    dates = {code: item.published for code, item in coded}
    found: list[tuple[str, str | None, date | None]] = []
    for code, listed in assigned.items():
        unique: list[str | None] = list(dict.fromkeys(listed))
        found += [(code, program, dates[code]) for program in unique or [None]]
    return found
