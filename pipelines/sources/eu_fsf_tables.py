"""Staging tables of the EU consolidated financial sanctions list, XML 1.1.

The format (schema ``schema_1_1.xsd``, namespace http://eu.europa.ec/fpi/fsd/export)
keeps nearly everything in attributes. Every sanctionEntity child kind has its
own table keyed by the entity's logicalId plus the part's own logicalId. The
"sanctionable" parts (name aliases, citizenships, birth dates, addresses,
identifications) each carry remarks, additionalInformation key/value pairs,
the regulationLanguage and a regulationSummary (the act that introduced the
part): the ``summary_*`` columns.
"""

from __future__ import annotations

import pyarrow as pa

from pipelines.lib.staging import schema
from pipelines.sources.lists import MEMBERSHIPS, MEMBERSHIPS_SCHEMA

_S, _I, _D, _B = pa.string(), pa.int64(), pa.date32(), pa.bool_()
KEY_VALUES = pa.list_(pa.struct([("key", _S), ("value", _S)]))
OPERABLE = (("remarks", pa.list_(_S)), ("additional_information", KEY_VALUES))
SANCTIONABLE = (
    *OPERABLE, ("regulation_language", _S),
    ("summary_regulation_type", _S), ("summary_publication_date", _D),
    ("summary_number_title", _S), ("summary_publication_url", _S),
)  # fmt: skip
COUNTRY = (("region", _S), ("country_iso2_code", _S), ("country_description", _S),
           ("country_code", _S))  # added: ISO alpha-2, null for "00" (UNKNOWN)  # fmt: skip


def _table(*columns: tuple[str, pa.DataType]) -> pa.Schema:
    return schema([*columns, ("record_line", _I)])


# fmt: off
TABLES: dict[str, pa.Schema] = {
    # The root's generationDate (local time of the Commission) and file id.
    "publication": _table(
        ("generation_date", _S), ("published_on", _D), ("global_file_id", _S),
        ("entities", _I),  # added: sanctionEntity records staged
    ),
    "entries": _table(
        ("logical_id", _I), ("eu_reference_number", _S), ("united_nation_id", _S),
        ("designation_date", _D), ("designation_details", _S), ("delisting_date", _D),
        ("subject_type_code", _S),  # person | enterprise
        ("classification_code", _S),  # P | E
        *OPERABLE,
    ),
    "regulations": _table(
        ("logical_id", _I), ("regulation_logical_id", _I), ("regulation_type", _S),
        ("organisation_type", _S), ("publication_date", _D), ("entry_into_force_date", _D),
        ("number_title", _S), ("programme", _S), ("publication_url", _S), ("corrigendum", _S),
        *OPERABLE,
    ),
    "name_aliases": _table(
        ("logical_id", _I), ("alias_logical_id", _I), ("first_name", _S), ("middle_name", _S),
        ("last_name", _S), ("whole_name", _S), ("function", _S), ("gender", _S), ("title", _S),
        ("name_language", _S),  # ISO 639-1 upper-case; null: the original
        ("strong", _B),  # false: a weak alias
        *SANCTIONABLE,
    ),
    "citizenships": _table(
        ("logical_id", _I), ("citizenship_logical_id", _I), *COUNTRY,
        ("acquisition_date", _D), ("disenfranchisement_date", _D), *SANCTIONABLE,
    ),
    # Full (birthdate) or partial (year, month, day; a year range; circa) dates.
    "birthdates": _table(
        ("logical_id", _I), ("birthdate_logical_id", _I), ("circa", _B), ("calendar_type", _S),
        ("birthdate", _D), ("day_of_month", _I), ("month_of_year", _I), ("year", _I),
        ("year_range_from", _I), ("year_range_to", _I),
        ("city", _S), ("zip_code", _S), ("place", _S), *COUNTRY, *SANCTIONABLE,
    ),
    "addresses": _table(
        ("logical_id", _I), ("address_logical_id", _I), ("street", _S), ("city", _S),
        ("zip_code", _S), ("po_box", _S), ("place", _S), ("as_at_listing_time", _B), *COUNTRY,
        ("contact_info", KEY_VALUES),  # PHONE, FAX, EMAIL, WEB
        *SANCTIONABLE,
    ),
    "identifications": _table(
        ("logical_id", _I), ("identification_logical_id", _I),
        ("identification_type_code", _S), ("identification_type_description", _S),
        ("scheme", _S),  # added: data/reference/eu_fsf_identification_types.csv
        ("number", _S), ("latin_number", _S), ("name_on_document", _S), ("issued_by", _S),
        ("issue_date", _D), ("valid_from", _D), ("valid_to", _D),
        ("diplomatic", _B), ("known_expired", _B), ("known_false", _B), ("reported_lost", _B),
        ("revoked_by_issuer", _B), *COUNTRY, *SANCTIONABLE,
    ),
    MEMBERSHIPS: MEMBERSHIPS_SCHEMA,
}
# fmt: on
