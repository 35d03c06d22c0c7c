"""OFAC Enhanced XML: the namespace and the staging tables both list sources share.

The Sanctions List Service publishes SDN_ENHANCED.XML and CONS_ENHANCED.XML
with one schema (``ENHANCED_XML.xsd``): ``sanctionsData`` holds
``publicationInfo`` (dataAsOf), ``referenceValues`` (refId -> type, value,
ISO code), ``featureTypes`` and ``entities``; each ``entity`` carries its lists,
programs, names with translations, addresses, typed features, identity
documents and relationships to other entities. One staging table per part,
one row per repeated element, each with the line of that element.

Deliberately not staged: the ``id`` attributes of the link elements
(sanctionsList, sanctionsProgram, sanctionsType, legalAuthority, namePart,
addressPart, valueDate) and the ``refId`` of values whose text is staged:
they are row ids of OFAC's database, and ``reference_values`` keeps the
refId -> value table for anyone who needs them.
"""

from __future__ import annotations

from functools import cache

import pyarrow as pa

from pipelines.lib.staging import schema
from pipelines.sources.lists import MEMBERSHIPS, MEMBERSHIPS_SCHEMA

NS = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ENHANCED_XML"
ROOT = f"{{{NS}}}sanctionsData"


def tag(local: str) -> str:
    """The Clark name of an element of the Enhanced XML namespace."""
    return f"{{{NS}}}{local}"


@cache
def path(relative: str) -> str:
    """An element path in Clark notation ("names/name" -> "{ns}names/{ns}name").

    lxml compiles and caches such a path once; a prefix map would be compiled
    again on every call (most of the parse time on a large file)."""
    return "/".join(tag(step) for step in relative.split("/"))


_S, _I, _B, _D = pa.string(), pa.int64(), pa.bool_(), pa.date32()
_LINE = ("record_line", _I)

# fmt: off
TABLES: dict[str, pa.Schema] = {
    # One row: the header, written after the last entity (entity_count is ours).
    "publication": schema([
        ("data_as_of", pa.timestamp("s")), ("published_on", _D),
        ("filter_lists", pa.list_(_S)), ("filter_programs", pa.list_(_S)),
        ("entity_count", _I), _LINE,
    ]),
    "reference_values": schema([
        ("ref_id", _I), ("type", _S), ("value", _S), ("code", _S), ("iso_code", _S),
        ("advanced_xml_offset", _I), _LINE,
    ]),
    "feature_types": schema([
        ("feature_type_id", _I), ("type", _S), ("detail_type", _S),
        ("publish_exclude", _B), ("publish_description", _S), ("publish_order", _I), _LINE,
    ]),
    "entities": schema([
        ("entity_id", _I), ("identity_id", _I), ("entity_type", _S), ("living_status", _S),
        ("title", _S), ("remarks", _S), ("is_us_citizen", _B), ("is_us_person", _B),
        ("programs", pa.list_(_S)), ("sanctions_types", pa.list_(_S)),
        ("legal_authorities", pa.list_(_S)), _LINE,
    ]),
    "sanctions_lists": schema([
        ("entity_id", _I), ("list_name", _S), ("list_ref_id", _I),
        ("list_code", _S),  # added: data/reference/ofac_xml_lists.csv; null for the umbrella list
        ("date_published", _D), _LINE,
    ]),
    # One row per translation of a name (the primary one is the Latin form).
    "names": schema([
        ("entity_id", _I), ("name_id", _I), ("is_primary", _B), ("alias_type", _S),
        ("is_low_quality", _B), ("translation_id", _I), ("translation_is_primary", _B),
        ("script", _S), ("formatted_first_name", _S), ("formatted_last_name", _S),
        ("formatted_full_name", _S),
        ("name_parts", pa.list_(pa.struct([("type", _S), ("value", _S)]))), _LINE,
    ]),
    # One row per translation of an address (one row of nulls when it has none).
    "addresses": schema([
        ("entity_id", _I), ("address_id", _I), ("country", _S),
        ("country_code", _S),  # added: ISO alpha-2 through referenceValues
        ("translation_id", _I), ("translation_is_primary", _B), ("script", _S),
        ("address1", _S), ("address2", _S), ("address3", _S), ("city", _S),
        ("state_province", _S), ("postal_code", _S), ("region", _S), _LINE,
    ]),
    "features": schema([
        ("entity_id", _I), ("feature_id", _I), ("feature_type", _S), ("feature_type_id", _I),
        ("version_id", _I), ("value", _S), ("value_ref_id", _I),
        ("value_country_code", _S),  # added: ISO alpha-2 of a COUNTRY-typed feature
        ("date_from_begin", _D), ("date_from_end", _D), ("date_to_begin", _D),
        ("date_to_end", _D), ("is_approximate", _B), ("is_date_range", _B),
        ("is_primary", _B), ("reliability", _S), ("comments", _S), _LINE,
    ]),
    "identity_documents": schema([
        ("entity_id", _I), ("document_id", _I), ("document_type", _S), ("name", _S),
        ("name_id", _I), ("name_translation_id", _I), ("document_number", _S),
        ("is_valid", _B), ("issuing_authority", _S), ("issuing_location", _S),
        ("issuing_country", _S), ("issuing_country_code", _S),  # added: ISO alpha-2
        ("issue_date_begin", _D), ("issue_date_end", _D),
        ("expiration_date_begin", _D), ("expiration_date_end", _D),
        ("comments", _S), ("id_features", pa.list_(_S)), _LINE,
    ]),
    # As published: the entity carrying the element, the type, the other entity.
    # Which side owns is data/reference/ofac_xml_relationship_types.csv.
    "relationships": schema([
        ("entity_id", _I), ("relationship_id", _I), ("relationship_type", _S),
        ("related_entity_id", _I), ("related_entity_name", _S), ("quality", _S),
        ("date_from", _D), ("date_to", _D), ("comments", _S), _LINE,
    ]),
    MEMBERSHIPS: MEMBERSHIPS_SCHEMA,
}
# fmt: on
