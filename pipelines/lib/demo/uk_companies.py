"""BasicCompanyData as Companies House publishes it: one CSV in a zip.

55 columns, every field double-quoted, dates DD/MM/YYYY, display text rather
than API slugs. The header is written as published, with the leading spaces
some column names carry (copied from the first line of the real file in
bods-uk-psc-pipeline's fixture, see PROVENANCE.md; users of the demo have no
copy of it, so it is a constant here).
"""

from __future__ import annotations

import csv
import io
from datetime import date
from importlib import resources
from pathlib import Path

from pipelines.lib.demo import bulk
from pipelines.lib.demo.uk_world import COMPANIES_DAY, FILLER_FIRST, UkCompany

NAME = f"BasicCompanyDataAsOneFile-{COMPANIES_DAY}"
REGISTER_COMPANIES = 5_500_000

HEADER = (
    "CompanyName, CompanyNumber,RegAddress.CareOf,RegAddress.POBox,RegAddress.AddressLine1,"
    " RegAddress.AddressLine2,RegAddress.PostTown,RegAddress.County,RegAddress.Country,"
    "RegAddress.PostCode,CompanyCategory,CompanyStatus,CountryOfOrigin,DissolutionDate,"
    "IncorporationDate,Accounts.AccountRefDay,Accounts.AccountRefMonth,Accounts.NextDueDate,"
    "Accounts.LastMadeUpDate,Accounts.AccountCategory,Returns.NextDueDate,"
    "Returns.LastMadeUpDate,Mortgages.NumMortCharges,Mortgages.NumMortOutstanding,"
    "Mortgages.NumMortPartSatisfied,Mortgages.NumMortSatisfied,SICCode.SicText_1,"
    "SICCode.SicText_2,SICCode.SicText_3,SICCode.SicText_4,LimitedPartnerships.NumGenPartners,"
    "LimitedPartnerships.NumLimPartners,URI,PreviousName_1.CONDATE, PreviousName_1.CompanyName,"
    " PreviousName_2.CONDATE, PreviousName_2.CompanyName,PreviousName_3.CONDATE,"
    " PreviousName_3.CompanyName,PreviousName_4.CONDATE, PreviousName_4.CompanyName,"
    "PreviousName_5.CONDATE, PreviousName_5.CompanyName,PreviousName_6.CONDATE,"
    " PreviousName_6.CompanyName,PreviousName_7.CONDATE, PreviousName_7.CompanyName,"
    "PreviousName_8.CONDATE, PreviousName_8.CompanyName,PreviousName_9.CONDATE,"
    " PreviousName_9.CompanyName,PreviousName_10.CONDATE, PreviousName_10.CompanyName,"
    "ConfStmtNextDueDate, ConfStmtLastMadeUpDate"
)


def _day(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def company_row(c: UkCompany) -> list[str]:
    a = c.address
    previous: list[str] = []
    for changed, name in c.previous_names:
        previous += [_day(changed), name.upper()]
    previous += [""] * (20 - len(previous))
    return [
        c.name.upper(), c.number, "", "", f"{a.premises or ''} {a.line_1 or ''}".strip().upper(),
        "", (a.locality or "").upper(), "", (a.country or "").upper(), a.postal_code or "",
        c.category, c.status, "United Kingdom", "", _day(c.incorporated),
        "31", "3", "31/12/2026", "31/03/2025", "TOTAL EXEMPTION FULL", "", "",
        "0", "0", "0", "0", c.sic, "", "", "", "0", "0",
        f"http://business.data.gov.uk/id/company/{c.number}", *previous,
        "14/02/2027", "31/01/2026",
    ]


def scenario_rows(companies: list[UkCompany]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerows(company_row(c) for c in companies)
    return out.getvalue().encode("utf-8")


def filler_sql() -> str:
    return resources.files("pipelines.lib.demo").joinpath("sql/companies_filler.sql").read_text(
        "utf-8")


def filler_companies(scale: float) -> int:
    return round(REGISTER_COMPANIES * scale)


def write_company_data(out_dir: Path, companies: list[UkCompany], *, seed: int,
                       scale: float) -> int:
    """Write the zip; return the number of data rows."""
    n = filler_companies(scale)
    with bulk.zip_writer(out_dir / f"{NAME}.zip") as archive, \
            bulk.open_member(archive, f"{NAME}.csv") as sink:
        sink.write((HEADER + "\n").encode("utf-8"))
        sink.write(scenario_rows(companies))
        bulk.stream_lines(sink, filler_sql(), {"seed": seed, "n": n, "first": FILLER_FIRST})
    return len(companies) + n
