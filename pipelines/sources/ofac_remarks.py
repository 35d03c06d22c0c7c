"""Split the OFAC legacy-CSV ``Remarks`` field into facts.

OFAC's legacy spec (dat_spec.txt / cons_dat_spec.txt) packs everything the
fixed columns cannot hold into ``Remarks``: "Key value" facts separated by
``; `` (``DOB 01 Jan 1960; alt. DOB 1961; Passport X (China); Linked To: Y.``),
the whole field closed by one period. ``alt.`` marks an alternative value of
the same kind. Single-quoted ``a.k.a. 'X'`` facts are the WEAK aliases (the
spec's "disposition of aliases": alt.csv holds only the strong ones).

The key vocabulary below was read off the real remarks (2021 SDN snapshot,
cons_prim.csv) and the feature/ID-document types of OFAC's Enhanced XML
(CONS_ENHANCED.XML ``referenceValues``). Matching is longest prefix,
case-insensitive, and must end at a word boundary. A fact no key matches
keeps ``key=None`` and its raw text: the parser reports it, never drops it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipelines.lib.countries import country_code
from pipelines.lib.staging import StagingWriter

# Keys are written as OFAC prints them; the value starts after the key and an
# optional ':'. Keep this the single list of known keys.
# fmt: off
KEYS: tuple[str, ...] = (
    # people
    "DOB", "POB", "nationality", "citizen", "Gender", "Birth Certificate Number",
    # weak aliases (spec: "disposition of aliases")
    "a.k.a.", "f.k.a.", "n.k.a.",
    # relations and contact
    "Linked To", "Website", "Email Address", "Telephone", "Telephone No.", "Phone Number",
    "Phone No.", "PHONE", "Fax", "Fax No.",
    # identity documents (Enhanced XML "ID DOCUMENT TYPE")
    "Passport", "Diplomatic Passport", "British National Overseas Passport", "Passport Booklet",
    "Stateless Person Passport", "Stateless Person ID Card", "Refugee ID Card",
    "National ID No.", "National Foreign ID Number", "Personal ID Card", "Identification Number",
    "Cedula No.", "SSN", "R.F.C.", "R.F.C. #", "RFC", "C.U.R.P.", "C.U.R.P. #", "D.N.I.",
    "NIT #", "US FEIN", "Driver's License No.", "RUC #", "RIF #", "N.I.E.", "N.I.F.", "C.I.F.",
    "C.I.N.", "C.U.I.T.", "C.U.I.", "C.U.I.P.", "I.F.E.", "Credencial electoral",
    "Kenyan ID No.", "Bosnian Personal ID No.", "Moroccan Personal ID No.",
    "Turkish Identification Number", "Citizen's Card Number", "Tazkira National ID Card",
    "UAE Identification", "Numero de Identidad", "Italian Fiscal Code", "Fiscal Code",
    "CNP (Personal Numerical Code)", "Romanian Permanent Resident", "Romanian C.R.",
    "Romanian Tax Registration", "Public Security and Immigration No.", "Immigration No.",
    "Travel Document Number", "Electoral Registry No.", "Residency Number", "VisaNumberID",
    "Cartilla de Servicio Militar Nacional", "Military Registration Number", "SRE Permit No.",
    "Pilot License Number", "Seafarer's Identification Document", "Serial No.", "License",
    "Paraguayan tax identification number", "Tax ID No.", "V.A.T. Number", "RTN",
    # companies
    "Registration ID", "Registration Number", "Business Registration Document #",
    "Business Registration Number", "Business Number", "Company Number", "UK Company Number",
    "Commercial Registry Number", "Certificate of Incorporation Number", "C.R. No.",
    "Trade License No.", "Tourism License No.", "Registered Charity No.", "LE Number",
    "Legal Entity Number", "Government Gazette Number", "Folio Mercantil No.",
    "Matricula Mercantil No", "Public Registration Number", "Chamber of Commerce Number",
    "Dubai Chamber of Commerce Membership No.", "Istanbul Chamber of Comm. No.",
    "Registration Certificate Number (Dubai)", "Enterprise Number", "Organization Code",
    "Branch Unit Number", "File Number", "Permit Number", "Trademark number",
    "Unified Social Credit Code (USCC)", "United Social Credit Code Certificate (USCCC)",
    "Chinese Commercial Code", "Central Registration System Number",
    "Economic Register Number (CBLS)", "MSB Registration Number", "RSIN",
    "Afghan Money Service Provider License Number", "Global Intermediary Identification Number",
    "Numero Unico de Identificacao Tributaria (NUIT)", "D-U-N-S Number", "BIK (RU)",
    "SWIFT/BIC", "ISIN", "Equity Ticker", "Issuer Name", "Target Type",
    "Organization Established Date", "Organization Type",
    "Russian State Individual Business Registration Number Pattern (OGRNIP)",
    # vessels and aircraft
    "Vessel Registration Identification", "MMSI", "Former Vessel Flag", "Other Vessel Flag",
    "Other Vessel Type", "Other Vessel Call Sign", "Vessel Year of Build",
    "Nationality of Registration", "Aircraft Model", "Aircraft Manufacture Date",
    "Aircraft Manufacturer's Serial Number (MSN)", "Aircraft Serial Identification",
    "Aircraft Construction Number (also called L/N or S/N or F/N)", "Aircraft Tail Number",
    "Aircraft Operator", "Previous Aircraft Tail Number", "Aircraft Mode S Transponder Code",
    # digital currency (one key per currency, as OFAC prints them)
    *(
        f"Digital Currency Address - {c}"
        for c in ("XBT", "ETH", "LTC", "BCH", "BSV", "BTG", "DASH", "ETC", "XMR", "XRP",
                  "XVG", "ZEC", "USDT", "USDC", "TRX", "ARB", "BSC", "SOL")
    ),
    # sanctions information
    "Additional Sanctions Information -", "Secondary sanctions risk:",
    "Transactions Prohibited For Persons Owned or Controlled By U.S. Financial Institutions:",
    "CAATSA Section 235 Information:", "PEESA Information:", "IFCA Determination -",
    "Executive Order 13662 Directive Determination -", "Executive Order 13846 information:",
    "Executive Order 14014 Directive Information:", "Executive Order 14024 Directive Information",
    "Executive Order 14024 Directive Information -", "Executive Order 14059 information:",
    "Effective Date (CMIC)", "Listing Date (CMIC)", "Purchase/Sales For Divestment Date (CMIC)",
    "Effective Date (EO 14014 Directive 1):", "Listing Date (EO 14014 Directive 1):",
    "Effective Date (EO 14024 Directive 1a):", "Listing Date (EO 14024 Directive 1a):",
    "Effective Date (EO 14024 Directive 2):", "Listing Date (EO 14024 Directive 2):",
    "Effective Date (EO 14024 Directive 3):", "Listing Date (EO 14024 Directive 3):",
    "For more information on directives, please visit the following link:",
    "all offices worldwide",
)
# fmt: on

WEAK_ALIAS_KEYS = {"a.k.a.": "aka", "f.k.a.": "fka", "n.k.a.": "nka"}
# Facts whose value is a country ("nationality Russia"): mapped to ISO codes.
COUNTRY_KEYS = frozenset({"nationality", "citizen", "Nationality of Registration"})
# Values of these keys are names or prose: a trailing "(...)" is part of them
# ("Linked To: KATA'IB HIZBALLAH (KH)."), not a country qualifier.
_NO_QUALIFIER = frozenset({"Linked To", *WEAK_ALIAS_KEYS})
_BY_LENGTH = sorted(KEYS, key=len, reverse=True)
_QUALIFIER = re.compile(r"\s\(([^()]+)\)$")
# A last word like "S.A." or "LTD." keeps its period: OFAC does not double the
# closing period after an abbreviation ("Linked To: R D I S.A."). Ambiguous by
# nature: on the 2021 set this rule gets 2,939 of 3,041 closing "Linked To"
# names right; the rest are names OFAC lists as "... CO" / "... CORP".
_ABBREVIATION = re.compile(r"(?:\b(?:[A-Za-z]\.){2,}|\b(?:CO|CORP|INC|LTD|LTDA|PTE|CIA)\.)$")
_ALT = "alt. "


@dataclass(frozen=True)
class Fact:
    seq: int
    key: str | None
    value: str | None
    qualifier: str | None
    is_alt: bool
    raw: str


@dataclass(frozen=True)
class WeakAlias:
    alt_type: str
    name: str


def split_remarks(remarks: str | None) -> list[Fact]:
    """Facts of one (already continued) Remarks text, in order; seq from 1."""
    if not remarks or not remarks.strip():
        return []
    pieces = [p.strip() for p in remarks.strip().split("; ")]
    return [parse_fact(seq, piece) for seq, piece in enumerate(filter(None, pieces), start=1)]


def parse_fact(seq: int, raw: str) -> Fact:
    is_alt = raw[: len(_ALT)].lower() == _ALT
    body = _strip_period(raw[len(_ALT) :] if is_alt else raw)
    key = match_key(body)
    if key is None:
        return Fact(seq, None, body or None, None, is_alt, raw)
    value = body[len(key) :].lstrip(" :").strip()
    if key in WEAK_ALIAS_KEYS and len(value) >= 2 and value[0] == value[-1] == "'":
        value = value[1:-1].strip()  # the quotes mark a weak alias; the name is inside
    qualifier = None
    found = _QUALIFIER.search(value) if key not in _NO_QUALIFIER else None
    if found and found.start() > 0:
        qualifier = found.group(1).strip()
        value = value[: found.start()].strip()
    return Fact(seq, key, value or None, qualifier, is_alt, raw)


def match_key(body: str) -> str | None:
    """The longest key ``body`` starts with, ending at a word boundary."""
    folded = body.casefold()
    for key in _BY_LENGTH:
        if folded.startswith(key.casefold()):
            rest = body[len(key) :]
            if not rest or rest[0] in " :" or key[-1] in ":-":
                return key
    return None


def weak_alias(fact: Fact) -> WeakAlias | None:
    """``a.k.a. 'BNC'`` -> WeakAlias("aka", "BNC"); None for any other fact."""
    if fact.key not in WEAK_ALIAS_KEYS or not fact.value:
        return None
    return WeakAlias(WEAK_ALIAS_KEYS[fact.key], fact.value)


def _strip_period(text: str) -> str:
    """Drop the field's closing period unless it ends an abbreviation."""
    if text.endswith(".") and not _ABBREVIATION.search(text):
        return text[:-1].rstrip()
    return text


def stage_remarks(
    writer: StagingWriter, ent_num: int, remarks: str | None, where: tuple[str, str, int]
) -> list[Fact]:
    """Write the facts of one entry to ``remark_facts`` and its weak aliases to
    ``aliases``; ``where`` is (logical file name, file name, line). Returns the facts."""
    logical, file, line = where
    facts = split_remarks(remarks)
    for fact in facts:
        row = {"ent_num": ent_num, "seq": fact.seq, "key": fact.key, "value": fact.value}
        row |= {"qualifier": fact.qualifier, "is_alt": fact.is_alt, "raw": fact.raw}
        row |= {
            "value_country": _value_country(writer, fact, file, line),
            "qualifier_country": _country_or_none(fact.qualifier),
        }
        writer.add("remark_facts", {**row, "record_line": line})
        if fact.key is None:
            # Strict interpretation: a fact the splitter does not understand is kept
            # (key null) and reported, so a run shows how many there are.
            writer.leftover(file, line, "remarks", fact.raw)
        alias = weak_alias(fact)
        if alias is not None:
            writer.add(
                "aliases",
                {
                    "ent_num": ent_num,
                    "alt_num": None,
                    "alt_type": alias.alt_type,
                    "alt_name": alias.name,
                    "alt_remarks": None,
                    "strength": "weak",
                    "record_file": logical,
                    "record_line": line,
                },
            )
    return facts


def _value_country(writer: StagingWriter, fact: Fact, file: str, line: int) -> str | None:
    """ISO code of a nationality / citizenship / registration fact. Remarks are free
    text ("possibly Palestinian"): an unmapped value is reported, not an error."""
    if fact.key not in COUNTRY_KEYS or not fact.value:
        return None
    try:
        return country_code(fact.value)
    except KeyError:
        writer.leftover(file, line, fact.key, fact.value)
        return None


def _country_or_none(name: str | None) -> str | None:
    """ISO code of a country name; None when the name is not one (a qualifier may be
    any text, and stays in the row as printed)."""
    try:
        return country_code(name)
    except KeyError:
        return None
