"""Published GLEIF enumerations, and the check that refuses anything else.

Sources: LEI-CDF 3.1 (2021-03-04 XSD), RR-CDF 2.1, the Reporting Exceptions
format 2.1, and the values seen in full golden copies (noted where the XSD is
not the only source). A value outside these sets is a schema change GLEIF has
made: the parse stops with an UnknownValueError naming the value, file and
line, so a person extends the list on purpose (strict interpretation).
"""

from __future__ import annotations

from pipelines.sources.base import UnknownValueError

ENTITY_CATEGORY = frozenset(
    {
        "BRANCH",
        "FUND",
        "SOLE_PROPRIETOR",
        "GENERAL",
        "RESIDENT_GOVERNMENT_ENTITY",
        "INTERNATIONAL_ORGANIZATION",
    }
)
# LEI-CDF 3.1 EntitySubCategory: only used with RESIDENT_GOVERNMENT_ENTITY.
ENTITY_SUB_CATEGORY = frozenset(
    {"CENTRAL_GOVERNMENT", "STATE_GOVERNMENT", "LOCAL_GOVERNMENT", "SOCIAL_SECURITY"}
)
# "NULL" is a published value (about 9,000 records in 2026 full files), not a missing one.
ENTITY_STATUS = frozenset({"ACTIVE", "INACTIVE", "NULL"})
LEI_REGISTRATION_STATUS = frozenset(
    {
        "PENDING_VALIDATION",
        "ISSUED",
        "DUPLICATE",
        "LAPSED",
        "MERGED",
        "RETIRED",
        "ANNULLED",
        "CANCELLED",
        "TRANSFERRED",
        "PENDING_TRANSFER",
        "PENDING_ARCHIVAL",
    }
)
# RR-CDF 2.1 RegistrationStatusEnum: a relationship record is PUBLISHED, not ISSUED.
RR_REGISTRATION_STATUS = LEI_REGISTRATION_STATUS | {"PUBLISHED"}
VALIDATION_SOURCES = frozenset(
    {"PENDING", "ENTITY_SUPPLIED_ONLY", "PARTIALLY_CORROBORATED", "FULLY_CORROBORATED"}
)
VALIDATION_DOCUMENTS = frozenset(
    {
        "ACCOUNTS_FILING",
        "REGULATORY_FILING",
        "SUPPORTING_DOCUMENTS",
        "CONTRACTS",
        "OTHER_OFFICIAL_DOCUMENTS",
    }
)
OTHER_NAME_TYPE = frozenset(
    {"PREVIOUS_LEGAL_NAME", "ALTERNATIVE_LANGUAGE_LEGAL_NAME", "TRADING_OR_OPERATING_NAME"}
)
TRANSLITERATED_NAME_TYPE = frozenset(
    {"AUTO_ASCII_TRANSLITERATED_LEGAL_NAME", "PREFERRED_ASCII_TRANSLITERATED_LEGAL_NAME"}
)
OTHER_ADDRESS_TYPE = frozenset(
    {"ALTERNATIVE_LANGUAGE_LEGAL_ADDRESS", "ALTERNATIVE_LANGUAGE_HEADQUARTERS_ADDRESS"}
)
TRANSLITERATED_ADDRESS_TYPE = frozenset(
    {
        "AUTO_ASCII_TRANSLITERATED_LEGAL_ADDRESS",
        "AUTO_ASCII_TRANSLITERATED_HEADQUARTERS_ADDRESS",
        "PREFERRED_ASCII_TRANSLITERATED_LEGAL_ADDRESS",
        "PREFERRED_ASCII_TRANSLITERATED_HEADQUARTERS_ADDRESS",
    }
)
# LEI-CDF 3.1 LegalEntityEventTypeEnum (also the GLEIF corporate-action scheme in FIBO).
EVENT_TYPE = frozenset(
    {
        "CHANGE_LEGAL_NAME",
        "CHANGE_OTHER_NAMES",
        "CHANGE_LEGAL_ADDRESS",
        "CHANGE_HQ_ADDRESS",
        "CHANGE_LEGAL_FORM",
        "MERGERS_AND_ACQUISITIONS",
        "DEMERGER",
        "SPINOFF",
        "ABSORPTION",
        "ACQUISITION_BRANCH",
        "TRANSFORMATION_BRANCH_TO_SUBSIDIARY",
        "TRANSFORMATION_SUBSIDIARY_TO_BRANCH",
        "TRANSFORMATION_UMBRELLA_TO_STANDALONE",
        "BREAKUP",
        "LIQUIDATION",
        "VOLUNTARY_ARRANGEMENT",
        "INSOLVENCY",
        "BANKRUPTCY",
        "DISSOLUTION",
    }
)
EVENT_STATUS = frozenset({"IN_PROGRESS", "COMPLETED", "WITHDRAWN_CANCELLED"})
EVENT_GROUP_TYPE = frozenset(
    {"STANDALONE", "CHANGE_LEGAL_FORM_AND_NAME", "COMPLEX_CHANGE_LEGAL_FORM", "REVERSE_TAKEOVER"}
)
# Golden-copy extension gleif:conformityflag (LEI-CDF 3.1 ConformityFlag), NOT_APPLICABLE
# seen in full files.
CONFORMITY_FLAG = frozenset({"CONFORMING", "NON_CONFORMING", "NOT_APPLICABLE"})

RELATIONSHIP_TYPE = frozenset(
    {
        "IS_DIRECTLY_CONSOLIDATED_BY",
        "IS_ULTIMATELY_CONSOLIDATED_BY",
        "IS_INTERNATIONAL_BRANCH_OF",
        "IS_FUND-MANAGED_BY",
        "IS_SUBFUND_OF",
        "IS_FEEDER_TO",
    }
)
# "NULL" is published on a few hundred relationship records (2026 full file).
RELATIONSHIP_STATUS = frozenset({"ACTIVE", "INACTIVE", "NULL"})
PERIOD_TYPE = frozenset({"ACCOUNTING_PERIOD", "RELATIONSHIP_PERIOD", "DOCUMENT_FILING_PERIOD"})
# RR-CDF 2.1 NodeIDTypeEnum: golden copies only carry LEI nodes.
NODE_ID_TYPE = frozenset({"LEI"})
QUALIFIER_DIMENSION = frozenset({"ACCOUNTING_STANDARD"})
# GOVERNMENT_ACCOUNTING_STANDARD is published although older XSD copies omit it.
QUALIFIER_CATEGORY = frozenset(
    {"IFRS", "US_GAAP", "OTHER_ACCOUNTING_STANDARD", "GOVERNMENT_ACCOUNTING_STANDARD"}
)
MEASUREMENT_METHOD = frozenset({"ACCOUNTING_CONSOLIDATION"})
QUANTIFIER_UNITS = frozenset({"PERCENTAGE"})

EXCEPTION_CATEGORY = frozenset(
    {"DIRECT_ACCOUNTING_CONSOLIDATION_PARENT", "ULTIMATE_ACCOUNTING_CONSOLIDATION_PARENT"}
)
EXCEPTION_REASON = frozenset(
    {
        "NATURAL_PERSONS",
        "NON_CONSOLIDATING",
        "NO_KNOWN_PERSON",
        "NON_PUBLIC",
        "NO_LEI",
        # Legacy reasons, since folded into NON_PUBLIC but still on old records.
        "BINDING_LEGAL_COMMITMENTS",
        "LEGAL_OBSTACLES",
        "DISCLOSURE_DETRIMENTAL",
        "DETRIMENT_NOT_EXCLUDED",
        "CONSENT_NOT_OBTAINED",
    }
)


def check(
    field: str, value: str | None, allowed: frozenset[str], file: str, line: int | None
) -> str | None:
    """``value`` if it is published (or absent), else UnknownValueError."""
    if value is not None and value not in allowed:
        raise UnknownValueError(field, value, file, line)
    return value
