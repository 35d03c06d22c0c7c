"""Staging tables of the ``bods`` source: one row set per statement, in 0.4 vocabulary.

Every row carries ``statement_id`` and ``record_id`` (for 0.2/0.3 statements,
which have no records, the record id is the statementID that relationships
refer to). Codes are in their 0.4 spelling; ``*_raw`` columns keep what was
published where a 0.2/0.3 spelling differs.
"""

from __future__ import annotations

import pyarrow as pa

from pipelines.lib.staging import schema

_S = pa.string()
_B = pa.bool_()
_F = pa.float64()
_COUNTRY = pa.struct([("code", _S), ("name", _S)])
_ANNOTATION = pa.struct([("motivation", _S), ("description", _S)])
_KEYS = [("statement_id", _S), ("record_id", _S)]

STATEMENTS = schema(
    [
        *_KEYS,
        # 1-based ordinal in a JSON array, or the line number in a JSON Lines file.
        ("statement_pos", pa.int64()),
        ("record_type", _S), ("record_status", _S), ("bods_version", _S),
        ("statement_date", _S), ("publication_date", _S), ("publisher_name", _S),
        ("publisher_url", _S), ("license", _S), ("declaration", _S),
        ("declaration_subject", _S), ("is_component", _B),
        ("component_records", pa.list_(_S)), ("replaces_statements", pa.list_(_S)),
        ("source_types", pa.list_(_S)), ("source_description", _S), ("source_url", _S),
        ("source_retrieved_at", _S), ("asserted_by", pa.list_(_S)),
        ("annotations", pa.list_(_ANNOTATION)),
        # Entities.
        ("entity_type", _S), ("entity_subtype", _S), ("entity_type_details", _S),
        ("name", _S), ("jurisdiction_code", _S), ("jurisdiction_name", _S),
        ("founding_date", _S), ("dissolution_date", _S), ("uri", _S),
        ("has_public_listing", _B),
        # People.
        ("person_type", _S), ("birth_date", _S), ("death_date", _S),
        ("nationalities", pa.list_(_COUNTRY)), ("pep_status", _S),
        # Relationships: the record (0.4) or statement (0.2/0.3) ids of both ends;
        # null when that end is unspecified (see ``unspecified``).
        ("subject_record", _S), ("interested_party_record", _S),
        # entity / person (0.2/0.3 say which), record (0.4 does not), unspecified.
        ("interested_party_kind", _S),
    ]
)  # fmt: skip

NAMES = schema(
    [
        *_KEYS, ("name_pos", pa.int32()), ("name_type", _S), ("full_name", _S),
        ("given_name", _S), ("family_name", _S), ("patronymic_name", _S),
    ]
)  # fmt: skip

IDENTIFIERS = schema(
    [
        *_KEYS,
        # Normalised for joins (bods_identifiers.normalise) ...
        ("scheme", _S), ("value", _S),
        # ... and as published.
        ("scheme_raw", _S), ("scheme_name", _S), ("id_raw", _S), ("uri", _S),
    ]
)  # fmt: skip

ADDRESSES = schema(
    [
        *_KEYS, ("address_type", _S), ("address", _S), ("post_code", _S),
        ("country_code", _S), ("country_name", _S),
    ]
)  # fmt: skip

INTERESTS = schema(
    [
        *_KEYS, ("interest_pos", pa.int32()), ("interest_type", _S), ("interest_type_raw", _S),
        ("direct_or_indirect", _S), ("beneficial_ownership_or_control", _B),
        # A share is an interval: minimum/maximum with their exclusive flags, or exact.
        ("share_exact", _F), ("share_minimum", _F), ("share_maximum", _F),
        ("share_min_exclusive", _B), ("share_max_exclusive", _B),
        ("start_date", _S), ("end_date", _S), ("details", _S),
    ]
)  # fmt: skip

# A party the statement says exists but does not identify: a fact, never "no owner".
UNSPECIFIED = schema(
    [
        *_KEYS,
        # subject / interestedParty (relationships), entity / person (unspecified*Details).
        ("role", _S), ("reason", _S), ("reason_raw", _S), ("description", _S),
    ]
)  # fmt: skip

TABLES: dict[str, pa.Schema] = {
    "statements": STATEMENTS,
    "names": NAMES,
    "identifiers": IDENTIFIERS,
    "addresses": ADDRESSES,
    "interests": INTERESTS,
    "unspecified": UNSPECIFIED,
}
