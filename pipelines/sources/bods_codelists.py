"""BODS codelists, authored here for each schema generation, and the 0.2 -> 0.4 renames.

0.4 values are those of openownership/data-standard ``schema/codelists/*.csv``
(a test checks them against the copy in ../shared). 0.2 and 0.3 values come
from the standard's changelog (docs/schema/changelog.rst): 0.3 switched
interest types and unspecified reasons from kebab-case to camelCase, dropped
'OfTrust' from trust interests and renamed 'beneficiary-of-trust' to
'beneficiaryOfLegalArrangement'; 0.4 renamed name type 'individual' to 'legal'
and dropped the 'stateBody-' prefix of entity subtypes. Staging always holds
the 0.4 spelling; the published spelling is kept beside it where it differs.
"""

from __future__ import annotations

from collections.abc import Mapping

Codelists = Mapping[str, frozenset[str]]

_INTEREST_03 = (
    "shareholding votingRights appointmentOfBoard otherInfluenceOrControl seniorManagingOfficial "
    "settlor trustee protector beneficiaryOfLegalArrangement rightsToSurplusAssetsOnDissolution "
    "rightsToProfitOrIncome rightsGrantedByContract conditionalRightsGrantedByContract "
    "controlViaCompanyRulesOrArticles controlByLegalFramework boardMember boardChair "
    "unknownInterest unpublishedInterest enjoymentAndUseOfAssets rightToProfitOrIncomeFromAssets"
)
_REASONS = (
    "noBeneficialOwners subjectUnableToConfirmOrIdentifyBeneficialOwner "
    "interestedPartyHasNotProvidedInformation subjectExemptFromDisclosure "
    "interestedPartyExemptFromDisclosure unknown informationUnknownToPublisher"
)
_COMMON = {
    "personType": "knownPerson anonymousPerson unknownPerson",
    "directOrIndirect": "direct indirect unknown",
    "addressType": "placeOfBirth residence registered service alternative business",
    "sourceType": "selfDeclaration officialRegister thirdParty primaryResearch verified",
    "annotationMotivation": "commenting correcting identifying linking transformation",
    "securitiesIdentifierSchemes": "isin figi cusip cins",
    # politicalExposure.status (0.3+): a schema enum, not a codelist file.
    "pepStatus": "isPep isNotPep unknown",
}
_V04 = {
    **_COMMON,
    "recordType": "person entity relationship",
    "recordStatus": "new updated closed",
    "entityType": "registeredEntity legalEntity arrangement anonymousEntity unknownEntity "
    "state stateBody",
    "entitySubtype": "governmentDepartment stateAgency other trust nomination",
    "interestType": _INTEREST_03 + " nominee nominator",
    "unspecifiedReason": _REASONS,
    "nameType": "legal translation transliteration former alternative birth",
}
_V03 = {
    **_COMMON,
    "entityType": "registeredEntity legalEntity arrangement anonymousEntity unknownEntity "
    "state stateBody",
    "entitySubtype": "stateBody-governmentDepartment stateBody-stateAgency stateBody-other",
    "interestType": _INTEREST_03,
    "unspecifiedReason": _REASONS,
    "nameType": "individual translation transliteration former alternative birth",
}
_V02 = {
    **_V03,
    "entityType": "registeredEntity legalEntity arrangement anonymousEntity unknownEntity",
    "entitySubtype": "",
    "interestType": "shareholding voting-rights appointment-of-board other-influence-or-control "
    "senior-managing-official settlor-of-trust trustee-of-trust protector-of-trust "
    "beneficiary-of-trust other-influence-or-control-of-trust "
    "rights-to-surplus-assets-on-dissolution rights-to-profit-or-income "
    "rights-granted-by-contract conditional-rights-granted-by-contract",
    "unspecifiedReason": "no-beneficial-owners subject-unable-to-confirm-or-identify-beneficial-owner "
    "interested-party-has-not-provided-information subject-exempt-from-disclosure "
    "interested-party-exempt-from-disclosure unknown information-unknown-to-publisher",
}


def _sets(spec: Mapping[str, str]) -> dict[str, frozenset[str]]:
    return {name: frozenset(values.split()) for name, values in spec.items()}


BY_VERSION: dict[str, Codelists] = {"0.2": _sets(_V02), "0.3": _sets(_V03), "0.4": _sets(_V04)}
# 0.1 statements share 0.2's statement shape; nothing in this parser differs.
BY_VERSION["0.1"] = BY_VERSION["0.2"]

# Published spelling -> 0.4 spelling, where they differ (changelog 0.3 and 0.4).
_TRUST_RENAMES = {
    "settlor-of-trust": "settlor",
    "trustee-of-trust": "trustee",
    "protector-of-trust": "protector",
    "beneficiary-of-trust": "beneficiaryOfLegalArrangement",
    # Removed in 0.3 without a successor: generic influence or control is the nearest.
    "other-influence-or-control-of-trust": "otherInfluenceOrControl",
}
_OTHER_RENAMES = {
    "individual": "legal",
    "stateBody-governmentDepartment": "governmentDepartment",
    "stateBody-stateAgency": "stateAgency",
    "stateBody-other": "other",
}


def _camel(kebab: str) -> str:
    head, *rest = kebab.split("-")
    return head + "".join(word.capitalize() for word in rest)


def to_v04(value: str) -> str:
    """The 0.4 spelling of a 0.2/0.3 code (``voting-rights`` -> ``votingRights``)."""
    if value in _TRUST_RENAMES:
        return _TRUST_RENAMES[value]
    if value in _OTHER_RENAMES:
        return _OTHER_RENAMES[value]
    return _camel(value) if "-" in value else value
