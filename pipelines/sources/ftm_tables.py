"""opensanctions: the staging tables of an FtM ``entities.ftm.json`` export.

Every FtM entity line is ``{id, caption, schema, properties, referents,
datasets, first_seen, last_seen, last_change, target}`` and every property
value is a list of strings. Each table keeps the top-level members, one
list<string> column per property this project maps, and ``other_properties``:
every other property of the entity, as published (FtM has hundreds of
properties, e.g. birthPlace, notes, website; they are kept, not mapped).

Which table an entity goes to depends on its schema (``SCHEMA_TABLES``); the
entities of any other schema (Family, Occupancy, UnknownLink, Passport, ...)
are counted and reported as one leftover per schema.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

from pipelines.lib.staging import schema
from pipelines.sources.lists import MEMBERSHIPS, MEMBERSHIPS_SCHEMA

# The top-level members of an entity line, in the order of an FtM export.
TOP_LEVEL = (
    "id", "caption", "schema", "properties", "referents", "datasets",
    "first_seen", "last_seen", "last_change", "target",
)  # fmt: skip


@dataclass(frozen=True)
class RecordTable:
    """A staging table of whole FtM entities of some schemata."""

    name: str
    schemata: tuple[str, ...]
    # FtM property name -> column (a list of strings, as published).
    properties: tuple[tuple[str, str], ...]


# fmt: off
ENTITIES = RecordTable("entities", (
    "Person", "Company", "Organization", "LegalEntity", "PublicBody", "Vessel", "Airplane",
), (
    ("name", "name"), ("alias", "alias"), ("weakAlias", "weak_alias"),
    ("previousName", "previous_name"),
    ("country", "country"), ("nationality", "nationality"), ("citizenship", "citizenship"),
    ("jurisdiction", "jurisdiction"), ("mainCountry", "main_country"),
    ("address", "address"), ("addressEntity", "address_entity"),
    ("leiCode", "lei_code"), ("registrationNumber", "registration_number"),
    ("innCode", "inn_code"), ("ogrnCode", "ogrn_code"), ("taxNumber", "tax_number"),
    ("swiftBic", "swift_bic"), ("imoNumber", "imo_number"),
    ("passportNumber", "passport_number"), ("idNumber", "id_number"),
    ("isinCode", "isin_code"), ("ticker", "ticker"),
    ("topics", "topics"), ("programId", "program_id"), ("birthDate", "birth_date"),
    ("incorporationDate", "incorporation_date"), ("dissolutionDate", "dissolution_date"),
    ("status", "status"), ("legalForm", "legal_form"),
))
ADDRESSES = RecordTable("addresses", ("Address",), (
    ("full", "full"), ("street", "street"), ("street2", "street2"), ("city", "city"),
    ("postalCode", "postal_code"), ("region", "region"), ("state", "state"),
    ("country", "country"), ("postOfficeBox", "po_box"),
))
SANCTIONS = RecordTable("sanctions", ("Sanction",), (
    ("entity", "entity"), ("program", "program"), ("programId", "program_id"),
    ("authority", "authority"), ("authorityId", "authority_id"), ("unscId", "unsc_id"),
    ("country", "country"), ("listingDate", "listing_date"), ("startDate", "start_date"),
    ("endDate", "end_date"), ("status", "status"), ("reason", "reason"),
    ("provisions", "provisions"),
))
OWNERSHIPS = RecordTable("ownerships", ("Ownership",), (
    ("owner", "owner"), ("asset", "asset"), ("percentage", "percentage"),
    ("sharesCount", "shares_count"), ("sharesValue", "shares_value"),
    ("sharesCurrency", "shares_currency"), ("sharesType", "shares_type"),
    ("ownershipType", "ownership_type"), ("legalBasis", "legal_basis"), ("role", "role"),
    ("status", "status"), ("startDate", "start_date"), ("endDate", "end_date"),
))
DIRECTORSHIPS = RecordTable("directorships", ("Directorship",), (
    ("director", "director"), ("organization", "organization"), ("role", "role"),
    ("secretary", "secretary"), ("status", "status"), ("startDate", "start_date"),
    ("endDate", "end_date"),
))
# Securities carry the ISINs of listed companies (OFAC NS-CMIC): isin -> issuer.
SECURITIES = RecordTable("securities", ("Security",), (
    ("isin", "isin"), ("ticker", "ticker"), ("issuer", "issuer"), ("name", "name"),
))
# fmt: on

RECORD_TABLES = (ENTITIES, ADDRESSES, SANCTIONS, OWNERSHIPS, DIRECTORSHIPS, SECURITIES)
SCHEMA_TABLES = {name: table for table in RECORD_TABLES for name in table.schemata}

# FtM country-type properties of parties and addresses, checked against the
# known codes and mapped to ISO 3166-1 alpha-2 in the country_codes table.
COUNTRY_PROPERTIES = ("country", "nationality", "citizenship", "jurisdiction", "mainCountry")
# Date properties of the link tables: an impossible date is a leftover.
DATE_PROPERTIES = {
    "Sanction": ("listingDate", "startDate", "endDate"),
    "Ownership": ("startDate", "endDate"),
    "Directorship": ("startDate", "endDate"),
}

_S = pa.string()
_LIST = pa.list_(_S)
_COMMON: list[tuple[str, pa.DataType]] = [
    ("id", _S), ("schema", _S), ("caption", _S), ("datasets", _LIST), ("referents", _LIST),
    ("target", pa.bool_()), ("first_seen", _S), ("last_seen", _S), ("last_change", _S),
]  # fmt: skip
_OTHER = ("other_properties", pa.map_(_S, _LIST))
_LINE = ("record_line", pa.int64())
# An Ownership percentage as an interval (ftm_stakes.py); null when none is stated.
STAKE_COLUMNS: list[tuple[str, pa.DataType]] = [
    ("stake_lo", pa.float64()), ("stake_hi", pa.float64()),
    ("lo_inclusive", pa.bool_()), ("hi_inclusive", pa.bool_()),
]  # fmt: skip


def _record_schema(table: RecordTable) -> pa.Schema:
    columns = [(column, _LIST) for _, column in table.properties]
    extra = STAKE_COLUMNS if table is OWNERSHIPS else []
    return schema([*_COMMON, *columns, *extra, _OTHER, _LINE])


TABLES: dict[str, pa.Schema] = {table.name: _record_schema(table) for table in RECORD_TABLES}
# Every country code the file uses (of COUNTRY_PROPERTIES), once, with its ISO
# 3166-1 alpha-2 country (null for FtM codes that name none: "suhh", "eu", "zz")
# and the line it first appears on.
TABLES["country_codes"] = schema([("code", _S), ("country", _S), _LINE])
TABLES[MEMBERSHIPS] = MEMBERSHIPS_SCHEMA
