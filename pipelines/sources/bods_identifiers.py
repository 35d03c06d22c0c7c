"""Identifier schemes of BODS statements, spelled the way the other sources spell them.

BODS identifiers use org-id.guide scheme codes (``XI-LEI``, ``GB-COH``). The
Open Ownership GLEIF pipelines write no ``scheme`` for register numbers and put
the GLEIF registration-authority code in ``schemeName`` instead
(``{"id": "91330783717672584H", "schemeName": "RA000092"}``, PROVENANCE note 4),
so those are mapped exactly as ``sql/canonical/identifiers.sql`` maps GLEIF's
own RA codes. Resolution can then join a BODS identifier with an LEI record.
"""

from __future__ import annotations

import re

# GB 2015/3 USCC: 18 characters, registration-authority code, 6-digit region, then
# organisation code and check character; I, O, S, V and Z never appear.
_USCC = re.compile(r"[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}")
_RA_CODE = re.compile(r"RA[0-9]{6}")
# org-id.guide lists for Chinese registers whose numbers are USCCs since 2015.
_CN_SCHEMES = frozenset({"CN-SAMR", "CN-SAIC", "CN-USCC"})
_GB_COH_RAS = frozenset({"RA000585", "RA000586", "RA000587"})
# GLEIF's "no register" / "temporary" codes name nothing.
_NO_REGISTER_RAS = frozenset({"RA999999", "RA888888", "RA777777"})


def normalise(scheme: str | None, scheme_name: str | None, value: str) -> tuple[str, str]:
    """``(scheme, value)`` for canonical identifiers; ``other`` when no scheme is stated."""
    compact = value.strip()
    if scheme:
        return _from_scheme(scheme.strip().upper(), compact)
    name = (scheme_name or "").strip().upper()
    if _RA_CODE.fullmatch(name) and name not in _NO_REGISTER_RAS:
        return _from_ra(name, compact)
    return "other", compact


def _from_scheme(scheme: str, value: str) -> tuple[str, str]:
    if scheme == "XI-LEI":
        return "lei", value.upper()
    if scheme == "GB-COH":
        return "gb-coh", _companies_house(value)
    if scheme in _CN_SCHEMES and _USCC.fullmatch(value.upper()):
        return "cn-uscc", value.upper()
    return scheme.lower(), value


def _from_ra(ra: str, value: str) -> tuple[str, str]:
    upper = value.upper().replace(" ", "")
    if ra in _GB_COH_RAS:
        return "gb-coh", _companies_house(value)
    if ra == "RA000092" and _USCC.fullmatch(upper):
        return "cn-uscc", upper
    if ra == "RA000388":
        return "hk-cr", upper
    return ra.lower(), upper


def _companies_house(value: str) -> str:
    """Company numbers are 8 characters; registers and filings drop leading zeros."""
    upper = value.upper().replace(" ", "")
    return upper.zfill(8) if upper.isdigit() else upper
