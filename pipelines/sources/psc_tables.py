"""gb_coh_psc: the staging schemas and the controlled values of the PSC snapshot.

The field lists here are the contract with the parse SQL in
``sql/parse/gb_coh_psc/``: every key of a snapshot line is either mapped to a
staging column or listed in :data:`IGNORED_FIELDS` with a reason; any other
key is reported as a leftover (STYLE.md, strict interpretation).
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import pyarrow as pa

from pipelines.lib.staging import schema

REFERENCE = Path(__file__).resolve().parents[2] / "data" / "reference"
NATURES_CSV = REFERENCE / "psc_natures_of_control.csv"
STATEMENTS_CSV = REFERENCE / "psc_statements.csv"
EXEMPTIONS_CSV = REFERENCE / "psc_exemptions.csv"

TOTALS_KIND = "totals#persons-of-significant-control-snapshot"
STATEMENT_KIND = "persons-with-significant-control-statement"
EXEMPTIONS_KIND = "exemptions"
# data.kind of a person (or beneficial owner) record -> its class. The ROE
# (Register of Overseas Entities) kinds are beneficial owners of an OE number.
PSC_KINDS = {
    "individual-person-with-significant-control": "individual",
    "corporate-entity-person-with-significant-control": "corporate-entity",
    "legal-person-person-with-significant-control": "legal-person",
    "super-secure-person-with-significant-control": "super-secure",
    "individual-beneficial-owner": "individual",
    "corporate-entity-beneficial-owner": "corporate-entity",
    "legal-person-beneficial-owner": "legal-person",
    "super-secure-beneficial-owner": "super-secure",
}
KNOWN_KINDS = (*PSC_KINDS, STATEMENT_KIND, EXEMPTIONS_KIND, TOTALS_KIND)
# psc_descriptions.yml super_secure_description: the only values of a
# super-secure record's `description`.
SUPER_SECURE_DESCRIPTIONS = (
    "super-secure-persons-with-significant-control",
    "super-secure-beneficial-owner",
)

_ADDRESS = (
    "care_of",
    "po_box",
    "premises",
    "address_line_1",
    "address_line_2",
    "locality",
    "region",
    "postal_code",
    "country",
)
_IDENTIFICATION = (
    "country_registered",
    "legal_authority",
    "legal_form",
    "place_registered",
    "registration_number",
)
_NAME = ("title", "forename", "other_forenames", "middle_name", "surname")

# Keys mapped to staging columns, as JSON paths relative to the line ("data.x").
MAPPED_FIELDS = (
    "company_number",
    "data",
    "data.kind",
    "data.name",
    "data.nationality",
    "data.country_of_residence",
    "data.date_of_birth",
    "data.date_of_birth.month",
    "data.date_of_birth.year",
    "data.notified_on",
    "data.ceased_on",
    "data.ceased",
    "data.description",
    "data.address",
    "data.principal_office_address",
    "data.identification",
    "data.name_elements",
    "data.natures_of_control",
    "data.is_sanctioned",
    "data.etag",
    "data.links",
    "data.links.self",
    "data.links.person_with_significant_control",
    "data.statement",
    "data.linked_psc_name",
    "data.restrictions_notice_withdrawal_reason",
    *(f"data.address.{k}" for k in _ADDRESS),
    *(f"data.principal_office_address.{k}" for k in _ADDRESS),
    *(f"data.identification.{k}" for k in _IDENTIFICATION),
    *(f"data.name_elements.{k}" for k in _NAME),
)
# Keys read on purpose and not staged, with the reason.
IGNORED_FIELDS = {
    # Added by Open Ownership when it wrapped snapshot lines into the JSON
    # arrays of the real fixtures (PROVENANCE.md); never in the official file.
    "ContentDate": "fixture wrapper date, not Companies House data",
    # An API display flag (the service address equals the registered office),
    # with no bearing on who owns or controls the company.
    "data.service_address_is_same_as_registered_office_address": "API display flag",
}

_S: pa.DataType = pa.string()
_I: pa.DataType = pa.int64()
_B: pa.DataType = pa.bool_()
_D: pa.DataType = pa.date32()
_F: pa.DataType = pa.float64()
_WHERE: list[tuple[str, pa.DataType]] = [("file", _S), ("line", _I)]


def _address(prefix: str) -> list[tuple[str, pa.DataType]]:
    return [(f"{prefix}_{key}", _S) for key in _ADDRESS]


# Staging tables (columns may be added, never renamed). `psc_key` is the
# record's stable key within its company: links.self, else "etag:<etag>".
# `entity_id` (pscs, identifiers) and `owner_id` (natures): the PSC's warehouse entity id.
# fmt: off
TABLES: dict[str, pa.Schema] = {
    "pscs": schema([
        ("company_number", _S), ("psc_key", _S), ("kind", _S), ("psc_class", _S),
        ("is_beneficial_owner", _B), ("name", _S), *((k, _S) for k in _NAME),
        ("nationality", _S), ("country_of_residence", _S), ("dob_month", _I), ("dob_year", _I),
        ("notified_on", _D), ("ceased_on", _D), ("ceased", _B), ("description", _S),
        *_address("address"), *_address("principal_office"),
        *((k, _S) for k in _IDENTIFICATION),
        ("natures_of_control", pa.list_(_S)), ("is_sanctioned", _B), ("etag", _S),
        ("links_self", _S), *_WHERE, ("entity_id", _S),
    ]),
    "natures": schema([
        ("company_number", _S), ("psc_key", _S), ("kind", _S), ("nature", _S), ("basis", _S),
        ("stake_lo", _F), ("stake_hi", _F), ("lo_inclusive", _B), ("hi_inclusive", _B),
        ("capacity", _S), ("register", _S), ("notified_on", _D), ("ceased_on", _D), *_WHERE,
        ("owner_id", _S),
    ]),
    "statements": schema([
        ("company_number", _S), ("statement", _S), ("parent_exists", _B), ("notified_on", _D),
        ("ceased_on", _D), ("linked_psc_name", _S), ("restrictions_notice_withdrawal_reason", _S),
        ("etag", _S), ("links_self", _S), ("links_psc", _S), *_WHERE,
    ]),
    "exemptions": schema([
        ("company_number", _S), ("exemption_key", _S), ("exemption_type", _S),
        ("exempt_from", _D), ("exempt_to", _D), ("etag", _S), ("links_self", _S), *_WHERE,
    ]),
    "identifiers": schema([
        ("company_number", _S), ("psc_key", _S), ("scheme", _S), ("value", _S), ("issuer", _S),
        *_WHERE, ("entity_id", _S),
    ]),
    # Every distinct free-text country seen, with its ISO code when known.
    "countries": schema([("text", _S), ("code", _S)]),
    "totals": schema([
        ("generated_at", _S), ("persons_of_significant_control_count", _I),
        ("statements_count", _I), ("exemptions_count", _I), ("psc_read", _I),
        ("statements_read", _I), ("exemptions_read", _I), ("unclassified_read", _I), *_WHERE,
    ]),
}
# fmt: on


@cache
def known_natures() -> frozenset[str]:
    return _column(NATURES_CSV, "nature")


@cache
def known_statements() -> frozenset[str]:
    return _column(STATEMENTS_CSV, "statement")


@cache
def known_exemptions() -> frozenset[str]:
    return _column(EXEMPTIONS_CSV, "exemption_type")


def _column(path: Path, name: str) -> frozenset[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return frozenset(row[name] for row in csv.DictReader(handle))
