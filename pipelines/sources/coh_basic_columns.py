"""Companies House BasicCompanyData: the 55 columns, what each becomes, the staging schemas.

The column list is the header of the Free Company Data Product as published
(names carry stray leading spaces, e.g. `` CompanyNumber``; they are compared
stripped). Every column is either mapped to a staging column or listed in
:data:`IGNORED` with the reason; a test checks the three lists cover the
header exactly. The controlled values (CompanyCategory, CompanyStatus) are
display texts, not API keys: ``data/reference/gb_coh_company_*.csv`` lists the
known ones with the constants.yml key each corresponds to.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import pyarrow as pa

from pipelines.lib.staging import schema

REFERENCE = Path(__file__).resolve().parents[2] / "data" / "reference"
CATEGORIES_CSV = REFERENCE / "gb_coh_company_categories.csv"
STATUSES_CSV = REFERENCE / "gb_coh_company_statuses.csv"

PREVIOUS_NAMES = 10
SIC_COLUMNS = tuple(f"SICCode.SicText_{n}" for n in range(1, 5))

# Text columns copied as they are (empty -> null), source name -> staging name.
TEXT = {
    "CompanyName": "name",
    "RegAddress.CareOf": "reg_care_of",
    "RegAddress.POBox": "reg_po_box",
    "RegAddress.AddressLine1": "reg_address_line1",
    "RegAddress.AddressLine2": "reg_address_line2",
    "RegAddress.PostTown": "reg_post_town",
    "RegAddress.County": "reg_county",
    "RegAddress.Country": "reg_country",
    "RegAddress.PostCode": "reg_post_code",
    "CountryOfOrigin": "country_of_origin",
    "URI": "uri",
}
# dd/mm/yyyy columns of the companies table, source name -> staging name.
DATES = {
    "IncorporationDate": "incorporation_date",
    "DissolutionDate": "dissolution_date",
    "ConfStmtNextDueDate": "conf_stmt_next_due_date",
    "ConfStmtLastMadeUpDate": "conf_stmt_last_made_up_date",
}
# Controlled values, checked against the reference files.
NUMBER, CATEGORY, STATUS = "CompanyNumber", "CompanyCategory", "CompanyStatus"

# Columns deliberately not staged, with the reason (strict interpretation:
# nothing is dropped without saying why).
IGNORED = {
    **{
        f"Accounts.{name}": "filing obligations (accounting reference date, due dates, "
        "accounts type): not identity or ownership facts"
        for name in (
            "AccountRefDay",
            "AccountRefMonth",
            "NextDueDate",
            "LastMadeUpDate",
            "AccountCategory",
        )
    },
    **{
        f"Returns.{name}": "annual returns, replaced by confirmation statements in June 2016"
        for name in ("NextDueDate", "LastMadeUpDate")
    },
    **{
        f"Mortgages.{name}": "counts of charges without the chargeholder: no counterparty to link"
        for name in (
            "NumMortCharges",
            "NumMortOutstanding",
            "NumMortPartSatisfied",
            "NumMortSatisfied",
        )
    },
    **{
        f"LimitedPartnerships.{name}": "partner counts without the partners: no one to link"
        for name in ("NumGenPartners", "NumLimPartners")
    },
}


def previous_name_columns(seq: int) -> tuple[str, str]:
    """(CONDATE, CompanyName) column names of previous name ``seq`` (1 = most recent)."""
    return f"PreviousName_{seq}.CONDATE", f"PreviousName_{seq}.CompanyName"


# The published header, in order and stripped (PROVENANCE.md); a file whose
# header is any other set of names is refused.
# fmt: off
HEADER: tuple[str, ...] = (
    "CompanyName", "CompanyNumber", "RegAddress.CareOf", "RegAddress.POBox",
    "RegAddress.AddressLine1", "RegAddress.AddressLine2", "RegAddress.PostTown",
    "RegAddress.County", "RegAddress.Country", "RegAddress.PostCode", "CompanyCategory",
    "CompanyStatus", "CountryOfOrigin", "DissolutionDate", "IncorporationDate",
    "Accounts.AccountRefDay", "Accounts.AccountRefMonth", "Accounts.NextDueDate",
    "Accounts.LastMadeUpDate", "Accounts.AccountCategory", "Returns.NextDueDate",
    "Returns.LastMadeUpDate", "Mortgages.NumMortCharges", "Mortgages.NumMortOutstanding",
    "Mortgages.NumMortPartSatisfied", "Mortgages.NumMortSatisfied", *SIC_COLUMNS,
    "LimitedPartnerships.NumGenPartners", "LimitedPartnerships.NumLimPartners", "URI",
    *(name for seq in range(1, PREVIOUS_NAMES + 1) for name in previous_name_columns(seq)),
    "ConfStmtNextDueDate", "ConfStmtLastMadeUpDate",
)
# fmt: on

_S, _D, _I = pa.string(), pa.date32(), pa.int64()
# Staging tables (columns may be added, never renamed). `file`/`line` point
# at the CSV record: the part file's name and its physical line (header = 1).
TABLES: dict[str, pa.Schema] = {
    "companies": schema(
        [
            ("number", _S),
            ("name", _S),
            ("category", _S),
            ("category_key", _S),
            ("status", _S),
            ("status_key", _S),
            ("country_of_origin", _S),
            ("country_of_origin_code", _S),
            ("incorporation_date", _D),
            ("dissolution_date", _D),
            *((name, _S) for name in list(TEXT.values())[1:9]),
            ("reg_country_code", _S),
            ("uri", _S),
            ("conf_stmt_next_due_date", _D),
            ("conf_stmt_last_made_up_date", _D),
            ("file", _S),
            ("line", _I),
        ]
    ),
    # Child tables join to companies on `number` (whose file/line locate the record).
    "previous_names": schema([("number", _S), ("seq", _I), ("condate", _D), ("name", _S)]),
    # SICCode.SicText_1..4 as published ("62020 - Information technology
    # consultancy activities", or "None Supplied"), with the code split off.
    "sic_codes": schema([("number", _S), ("seq", _I), ("sic_code", _S), ("sic_text", _S)]),
}


@cache
def known_values(path: Path) -> dict[str, str | None]:
    """Lower-cased display value -> constants.yml key (None where the API has none).

    Matching ignores case: the product and the API spell the same category
    "Private Limited Company" and "Private limited company".
    """
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["value"].lower(): row["api_key"] or None for row in csv.DictReader(handle)}
