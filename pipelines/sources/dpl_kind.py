"""Person or company? Evidence from a BIS list row that has no type column.

The Denied Persons List (and the BIS and State rows of the CSL) list people
and companies alike with no flag. The kind is decided only on evidence the
row itself carries, and stays 'unknown' otherwise (a bare "JOHN SMITH" is
most likely a person, but "ATLAS SANATGARAN" is a company: a name alone
proves nothing):

- a legal-form word in the name (LTD, GMBH, LLC, ...) -> company;
- an organisation noun in the name (AIRLINES, INSTITUTE, BANK, ...) -> organization;
- a prison address (inmate or USM number, federal correctional institution)
  a generational suffix (JR., III) or a form of address (MR., COLONEL)
  -> person: only people are incarcerated or addressed so.

Conflicting evidence also gives 'unknown'. The result carries its basis, so
an analyst can see why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# fmt: off
LEGAL_FORMS = frozenset({
    "LTD", "LIMITED", "INC", "INCORPORATED", "CORP", "CORPORATION", "CO", "COMPANY", "LLC",
    "L.L.C", "LLP", "LP", "PLC", "GMBH", "AG", "KG", "SA", "S.A", "SARL", "S.A.R.L", "SRL",
    "S.R.L", "SPA", "S.P.A", "BV", "B.V", "NV", "N.V", "PTE", "PTY", "FZE", "FZC", "FZCO",
    "FZ-LLC", "JSC", "OJSC", "PJSC", "CJSC", "OOO", "ZAO", "SDN", "BHD", "KFT", "OY", "AB",
    "A.G", "S.L", "SL", "S.L.U", "LTDA", "SAS", "S.A.S", "ANSTALT", "K.K",
})
ORGANIZATION_WORDS = frozenset({
    "ACADEMY", "AGENCY", "AIR", "AIRLINE", "AIRLINES", "AIRWAYS", "ASSOCIATION", "AVIATION", "BANK",
    "BUREAU", "CARGO", "CENTER", "CENTRE", "CHEMICAL", "CHEMICALS", "COMMERCIAL", "COMPUTERS", "CONSULTING",
    "DEVELOPMENT", "ELECTRONICS", "ENGINEERING", "ENTERPRISE", "ENTERPRISES", "EXPORT",
    "EXPORTS", "FACTORY", "FOUNDATION", "FREIGHT", "GROUP", "HOLDING", "HOLDINGS", "IMPORT",
    "INDUSTRIAL", "INDUSTRIES", "INDUSTRY", "INSTITUTE", "INTERNACIONAL", "INTERNATIONAL",
    "INVEST", "INVESTMENT",
    "INVESTMENTS", "LABORATORIES", "LABORATORY", "LOGISTICS", "MANUFACTURING", "METALS", "MINISTRY",
    "ORGANIZATION", "ORGANISATION", "PETROLEUM", "RESEARCH", "SERVICES", "SHIPPING",
    "SOLUTIONS", "SUPPLIES", "SUPPLY", "SYSTEMS", "TECHNIK", "TECHNOLOGIES", "TECHNOLOGY",
    "TRADE", "TRADING", "UNIVERSITY", "VERTRIEBS",
})
# fmt: on
GENERATIONAL_SUFFIXES = frozenset({"JR", "SR", "II", "III", "IV"})
# Forms of address that open a person's name ("MR. JULIO ...", "COLONEL ELYAZGI").
HONORIFICS = frozenset({"MR", "MRS", "MS", "DR", "PROF", "PROFESSOR", "COL", "COLONEL", "CAPT",
                        "CAPTAIN", "GENERAL", "SHEIKH", "ING"})  # fmt: skip
_PRISON = re.compile(
    r"\b(?:INMATE|USM NO|INCARCERATED|FEDERAL CORRECTIONAL|CORRECTIONAL INSTITUTION|"
    r"FCI|REGISTER NUMBER|PRISON|PENITENTIARY)\b"
)
_TOKEN = re.compile(r"[A-Z0-9][A-Z0-9.&'-]*")


@dataclass(frozen=True)
class Kind:
    kind: str  # person, company, organization or unknown
    basis: str | None  # the evidence, e.g. "legal form LTD in the name"


def _tokens(name: str) -> list[str]:
    return [token.rstrip(".'-") for token in _TOKEN.findall(name.upper())]


def _organisation_evidence(tokens: list[str]) -> Kind | None:
    for token in tokens:
        if token in LEGAL_FORMS:
            return Kind("company", f"legal form {token} in the name")
    for token in tokens:
        if token in ORGANIZATION_WORDS:
            return Kind("organization", f"organisation word {token} in the name")
    return None


def _person_evidence(tokens: list[str], addresses: list[str]) -> Kind | None:
    for address in addresses:
        found = _PRISON.search(address.upper())
        if found:
            return Kind("person", f"prison address ({found.group(0)})")
    if len(tokens) > 1 and tokens[-1] in GENERATIONAL_SUFFIXES:
        return Kind("person", f"generational suffix {tokens[-1]} in the name")
    if len(tokens) > 1 and tokens[0] in HONORIFICS:
        return Kind("person", f"form of address {tokens[0]} before the name")
    return None


def infer_kind(name: str, addresses: list[str]) -> Kind:
    """The kind a row's own name and addresses prove, or 'unknown'."""
    tokens = _tokens(name)
    organisation = _organisation_evidence(tokens)
    person = _person_evidence(tokens, addresses)
    if organisation and person:
        return Kind("unknown", f"conflicting evidence: {organisation.basis}; {person.basis}")
    return organisation or person or Kind("unknown", None)
