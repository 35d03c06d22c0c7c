"""Staging tables of the OFSI consolidated list (ConList.csv), and its header.

``rows`` is the file as published: one row per CSV record, every column as
text. The other tables are the facts of each target (Group ID) once, gathered
from its rows: the CSV repeats a target once per name variant, date of birth
and regime, so a target with 18 names and 14 birth dates spans 252 rows.
Each fact keeps the line of the first row that states it.
"""

from __future__ import annotations

import pyarrow as pa

from pipelines.lib.staging import schema
from pipelines.sources.lists import MEMBERSHIPS, MEMBERSHIPS_SCHEMA

# Header text (both layouts: the 2018 one of ../shared and the "2022format")
# -> column of ``rows``. Matched without regard to case or spacing.
COLUMNS: dict[str, str] = {
    "Name 6": "name_6", "Name 1": "name_1", "Name 2": "name_2", "Name 3": "name_3",
    "Name 4": "name_4", "Name 5": "name_5", "Title": "title",
    "Name Non-Latin Script": "name_non_latin_script",
    "Non-Latin Script Type": "non_latin_script_type",
    "Non-Latin Script Language": "non_latin_script_language",
    "DOB": "dob", "Town of Birth": "town_of_birth", "Country of Birth": "country_of_birth",
    "Nationality": "nationality", "Passport Number": "passport_number",
    "Passport Details": "passport_details", "NI Number": "ni_number",
    "National Identification Number": "national_identification_number",
    "National Identification Details": "national_identification_details",
    "Position": "position", "Address 1": "address_1", "Address 2": "address_2",
    "Address 3": "address_3", "Address 4": "address_4", "Address 5": "address_5",
    "Address 6": "address_6", "Post/Zip Code": "post_zip_code", "Country": "country",
    "Other Information": "other_information", "Group Type": "group_type",
    "Alias Type": "alias_type", "Alias Quality": "alias_quality", "Regime": "regime",
    "Listed On": "listed_on", "UK Sanctions List Date Designated": "date_designated",
    "UK Sanctions List Ref": "uk_sanctions_list_ref", "Last Updated": "last_updated",
    "Group ID": "group_id",
}  # fmt: skip
# Columns only the 2018 layout has (NI Number) or only the 2022 one adds; the
# rest must all be in the header, else it is not this format.
OPTIONAL = frozenset({
    "ni_number", "name_non_latin_script", "non_latin_script_type",
    "non_latin_script_language", "passport_number", "national_identification_number",
    "national_identification_details", "alias_quality", "date_designated",
    "uk_sanctions_list_ref",
})  # fmt: skip
REQUIRED = frozenset(COLUMNS.values()) - OPTIONAL
ADDRESS_LINES = tuple(f"address_{n}" for n in range(1, 7))
GIVEN_NAMES = tuple(f"name_{n}" for n in range(1, 6))


def _table(*columns: tuple[str, pa.DataType]) -> pa.Schema:
    return schema([("group_id", _S), *columns, ("record_line", pa.int64())])


_S, _I, _D = pa.string(), pa.int64(), pa.date32()
# fmt: off
TABLES: dict[str, pa.Schema] = {
    # One row per CSV record: the columns of COLUMNS as published (empty -> null).
    "rows": schema([*((name, _S) for name in COLUMNS.values()), ("record_line", _I)]),
    "entries": _table(
        ("group_type", _S),
        ("name", _S),  # the first primary name ("Prime Alias" / "Primary name")
        ("last_updated", _D),  # the latest of the rows' Last Updated
        ("row_count", _I),
    ),
    "names": _table(
        ("name", _S), *((name, _S) for name in ("name_6", *GIVEN_NAMES)), ("title", _S),
        ("alias_type", _S), ("name_type", _S), ("alias_quality", _S), ("strength", _S),
        ("script_type", _S), ("script_language", _S), ("lang", _S),
    ),
    # DOB as published and at its stated precision ("1980", "1980-08", "1980-08-15").
    "birth_dates": _table(("dob", _S), ("birth_date", _S)),
    "birth_places": _table(("town", _S), ("country", _S), ("country_code", _S)),
    # One row per item of the Nationality column ("(1) Somali (2) Swedish").
    "nationalities": _table(("nationality", _S), ("country_code", _S)),
    # passport and national-id numbers, and references found in Other Information:
    # gb-uksl (UK Sanctions List Ref), un-sc (UN reference number), imo.
    "identifiers": _table(("scheme", _S), ("value", _S), ("details", _S), ("column", _S)),
    "addresses": _table(
        *((name, _S) for name in ADDRESS_LINES), ("post_zip_code", _S), ("country", _S),
        ("country_code", _S), ("full_address", _S),
    ),
    # Free text the list states once per target: position, other_information.
    "facts": _table(("field", _S), ("value", _S)),
    # The "Last Updated" line above the header: when OFSI published this file.
    "publication": schema([("published_on", _D), ("raw", _S), ("record_line", _I)]),
    MEMBERSHIPS: MEMBERSHIPS_SCHEMA,
}
# fmt: on
