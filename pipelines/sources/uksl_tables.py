"""Staging tables of the FCDO UK Sanctions List XML (one ``Designation`` per UniqueID)."""

from __future__ import annotations

import pyarrow as pa

from pipelines.lib.staging import schema
from pipelines.sources.lists import MEMBERSHIPS, MEMBERSHIPS_SCHEMA

_S, _I, _D = pa.string(), pa.int64(), pa.date32()
NAME_PARTS = tuple(f"Name{n}" for n in range(1, 7))
ADDRESS_LINES = tuple(f"AddressLine{n}" for n in range(1, 7))


def _table(*columns: tuple[str, pa.DataType]) -> pa.Schema:
    return schema([("unique_id", _S), *columns, ("record_line", _I)])


# fmt: off
TABLES: dict[str, pa.Schema] = {
    "designations": _table(
        ("ofsi_group_id", _S), ("un_reference_number", _S),
        ("individual_entity_ship", _S),  # Individual, Entity or Ship
        ("name", _S),  # the first "Primary Name" (the first name when none is primary)
        ("regime_name", _S), ("designation_source", _S),  # UN or UK
        ("sanctions_imposed", pa.list_(_S)),  # "Asset freeze|Travel Ban" split on "|"
        ("date_designated", _D), ("last_updated", _D),
        ("other_information", _S), ("uk_statement_of_reasons", _S),
    ),
    "names": _table(
        ("name", _S), *((part.lower().replace("name", "name_"), _S) for part in NAME_PARTS),
        ("name_type_raw", _S), ("name_type", _S), ("alias_strength", _S), ("strength", _S),
        ("script_type", _S), ("script_language", _S), ("lang", _S),
    ),
    # DOB as published ("dd/mm/1945") and at its stated precision ("1945").
    "birth_dates": _table(("dob", _S), ("birth_date", _S)),
    "birth_places": _table(("town", _S), ("country", _S), ("country_code", _S)),
    # role: nationality, or current_flag / previous_flag of a ship.
    "countries": _table(("role", _S), ("country", _S), ("country_code", _S)),
    # passport, national-id, registration (business registration number), imo.
    "identifiers": _table(("scheme", _S), ("value", _S), ("details", _S), ("element", _S)),
    "addresses": _table(
        *((line.lower().replace("addressline", "address_line_"), _S) for line in ADDRESS_LINES),
        ("postal_code", _S), ("country", _S), ("country_code", _S), ("full_address", _S),
    ),
    # Repeated free-text details: title, gender, position, phone, email, website,
    # type_of_entity, type_of_ship, tonnage_of_ship, length_of_ship, year_built,
    # hull_identification_number.
    "facts": _table(("field", _S), ("value", _S)),
    # Companies and ship owners named in the designation (parent_company,
    # subsidiary, current_owner_operator, previous_owner_operator). linked_unique_id
    # is the one other designation carrying that exact name, when there is one.
    "related_parties": _table(
        ("relation", _S), ("name", _S), ("linked_unique_id", _S), ("candidates", _I),
    ),
    # <DateGenerated>: when the FCDO generated this file.
    "publication": schema([("published_on", _D), ("raw", _S), ("record_line", _I)]),
    MEMBERSHIPS: MEMBERSHIPS_SCHEMA,
}
# fmt: on
