"""Staging tables of the UN Security Council consolidated list (XML).

One table per repeating part of an INDIVIDUAL or ENTITY record, keyed by
DATAID, each row with the 1-based line of its element. Every element of the
format is a column here; columns marked "added" are derived by the parser.
"""

from __future__ import annotations

import pyarrow as pa

from pipelines.lib.staging import schema
from pipelines.sources.lists import MEMBERSHIPS, MEMBERSHIPS_SCHEMA

_S, _I, _D = pa.string(), pa.int64(), pa.date32()


def _table(*columns: tuple[str, pa.DataType]) -> pa.Schema:
    return schema([*columns, ("record_line", _I)])


# fmt: off
TABLES: dict[str, pa.Schema] = {
    # The root's dateGenerated: the day the UN published this file.
    "publication": _table(
        ("date_generated", _S), ("published_on", _D),
        ("individuals", _I), ("entities", _I),  # added: records staged
    ),
    "entries": _table(
        ("dataid", _I), ("record_type", _S),  # INDIVIDUAL or ENTITY (the element name)
        ("version_num", _I),
        ("first_name", _S), ("second_name", _S), ("third_name", _S), ("fourth_name", _S),
        ("name", _S),  # added: the name parts joined in the UN's order
        ("name_original_script", _S),
        ("original_script", _S),  # added: ISO 15924 script of name_original_script
        ("un_list_type", _S), ("reference_number", _S), ("listed_on", _D), ("gender", _S),
        ("comments1", _S),
        ("titles", pa.list_(_S)), ("designations", pa.list_(_S)), ("list_types", pa.list_(_S)),
        ("last_day_updated", pa.list_(_D)),
        ("sort_key", _S), ("sort_key_last_mod", _S),
    ),
    # QUALITY is Good or Low on individuals, a.k.a. or f.k.a. on entities.
    "aliases": _table(
        ("dataid", _I), ("seq", _I), ("quality", _S),
        ("alias_type", _S), ("strength", _S),  # added: aka/fka, strong/weak (Low = weak)
        ("alias_name", _S), ("note", _S),
        # An alias can carry its own birth details (a false identity's).
        ("date_of_birth", _D), ("year_of_birth", _I),  # DATE_OF_BIRTH is a date or a year
        ("city_of_birth", _S), ("country_of_birth", _S),
        ("country_of_birth_code", _S),  # added: ISO 3166-1 alpha-2
    ),
    # Three shapes: an exact or approximate DATE, a YEAR, or FROM_YEAR..TO_YEAR;
    # `shape` says which (or 'note' when only a free-text NOTE is given).
    "dates_of_birth": _table(
        ("dataid", _I), ("seq", _I), ("type_of_date", _S),
        ("shape", _S),  # added
        ("date", _D), ("year", _I), ("from_year", _I), ("to_year", _I), ("note", _S),
    ),
    "places_of_birth": _table(
        ("dataid", _I), ("seq", _I), ("street", _S), ("city", _S), ("state_province", _S),
        ("country", _S), ("country_code", _S), ("note", _S),
    ),
    "nationalities": _table(
        ("dataid", _I), ("seq", _I), ("nationality", _S), ("country_code", _S),
    ),
    "addresses": _table(
        ("dataid", _I), ("seq", _I), ("street", _S), ("city", _S), ("state_province", _S),
        ("zip_code", _S), ("country", _S), ("country_code", _S), ("note", _S),
    ),
    "documents": _table(
        ("dataid", _I), ("seq", _I), ("type_of_document", _S), ("type_of_document2", _S),
        ("scheme", _S),  # added: passport or national-id (data/reference/un_sc_document_types.csv)
        ("number", _S), ("issuing_country", _S), ("issuing_country_code", _S),
        ("country_of_issue", _S), ("country_of_issue_code", _S), ("date_of_issue", _D),
        ("city_of_issue", _S), ("note", _S),
    ),
    MEMBERSHIPS: MEMBERSHIPS_SCHEMA,
}
# fmt: on
