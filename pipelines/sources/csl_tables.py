"""Staging tables of the US Consolidated Screening List (29-column CSV).

Every CSV column is mapped: single-valued ones to ``entries``, the ``; ``-joined
ones to a child table (one row per value, with ``seq`` in published order):
addresses -> ``addresses``, alt_names -> ``aliases``, ids -> ``ids``,
citizenships and nationalities -> ``countries``. ``record_line`` is the CSV
line of the entry in every table.
"""

from __future__ import annotations

import pyarrow as pa

from pipelines.lib.staging import schema
from pipelines.sources.lists import MEMBERSHIPS, MEMBERSHIPS_SCHEMA

# The published header; older files name the first column "id".
HEADER: tuple[str, ...] = (
    "_id", "source", "entity_number", "type", "programs", "name", "title", "addresses",
    "federal_register_notice", "start_date", "end_date", "standard_order",
    "license_requirement", "license_policy", "call_sign", "vessel_type", "gross_tonnage",
    "gross_registered_tonnage", "vessel_flag", "vessel_owner", "remarks", "source_list_url",
    "alt_names", "citizenships", "dates_of_birth", "nationalities", "places_of_birth",
    "source_information_url", "ids",
)  # fmt: skip
HEADERS = (HEADER, ("id", *HEADER[1:]))
COLUMN = {name: index for index, name in enumerate(HEADER)}

# Published as they are, only padding removed (empty is null).
TEXT_COLUMNS: tuple[str, ...] = (
    "title", "federal_register_notice", "standard_order", "license_requirement",
    "license_policy", "call_sign", "vessel_type", "gross_tonnage", "gross_registered_tonnage",
    "vessel_flag", "vessel_owner", "remarks", "source_list_url", "source_information_url",
)  # fmt: skip

_S, _I, _D, _B = pa.string(), pa.int64(), pa.date32(), pa.bool_()
_LINE = ("record_line", _I)

ENTRIES = schema(
    [
        ("id", _S),  # the CSL _id, or a content hash when the row has none (id_generated)
        ("id_generated", _B),
        ("source", _S),  # the full list name as published
        ("source_code", _S),  # the code in brackets: EL, MEU, SDN, ...
        ("list_code", _S),  # data/reference/list_codes.csv; null for an accepted new source
        ("entity_number", _S),  # OFAC ent_num (Treasury rows)
        ("type", _S),  # Individual, Entity, Vessel, Aircraft; null on BIS and State rows
        ("kind", _S),  # person, organization, company, vessel, aircraft, unknown
        ("kind_basis", _S),  # the evidence for a kind the type does not give
        ("programs", pa.list_(_S)),
        ("name", _S),  # without the scope clause below
        # State ISN rows append "; and any successor, sub-unit, or subsidiary
        # thereof" to the name: the listing's scope, not part of the name.
        ("name_clause", _S),
        ("start_date", _D),
        ("end_date", _D),
        *((column, _S) for column in TEXT_COLUMNS),
        ("dates_of_birth", pa.list_(_S)),  # as published: "1978-12-05", "1955", ...
        ("places_of_birth", pa.list_(_S)),
        _LINE,
    ]
)
ADDRESSES = schema([("id", _S), ("seq", _I), ("full_address", _S), ("country_code", _S), _LINE])
ALIASES = schema([("id", _S), ("seq", _I), ("alt_name", _S), _LINE])
COUNTRIES = schema(
    [("id", _S), ("role", _S), ("seq", _I), ("country", _S), ("country_code", _S), _LINE]
)
IDS = schema(
    [
        ("id", _S),
        ("seq", _I),
        ("id_type", _S),
        ("number", _S),
        ("country", _S),  # ISO alpha-2 as published
        ("issue_date", _D),
        ("expiration_date", _D),
        ("raw", _S),  # the tuple as published
        _LINE,
    ]
)

TABLES: dict[str, pa.Schema] = {
    "entries": ENTRIES,
    "addresses": ADDRESSES,
    "aliases": ALIASES,
    "countries": COUNTRIES,
    "ids": IDS,
    MEMBERSHIPS: MEMBERSHIPS_SCHEMA,
}
