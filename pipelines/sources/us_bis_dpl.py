"""BIS Denied Persons List, the tab-delimited text file (dpl.txt).

A header line, then one row per (denied party, address): one denial order
appears on several rows, one per address or name variant, and the file has
no id. Every field is double-quoted; dates are MM/DD/YYYY except Last_Update
(YYYY-MM-DD). See PROVENANCE.md of ../shared/data/real/sanctions/us_bis.

Key: 16 hex of SHA-1 over the normalised name, street, city, state, country
and postal code (``csl_read.hashed_key``), the row's own identity. The
Federal Register citation and the dates are left out on purpose: a temporary
denial order is renewed every 180 days with a new citation appended and new
effective and expiration dates, and a key that changed with each renewal
would report a delisting and a new listing every time. Two rows with the same
key (in the real file: the same row published twice) cannot be told apart:
the second is quarantined.

Dates are validated; an impossible or implausible one (years 3017, 2922 and
0222 in the real file's Last_Update) quarantines the whole row with its raw
text, as the issue asks: a hand-typed date may be wrong elsewhere in the row
too. The party's other rows (other addresses) stay listed.
"""

from __future__ import annotations

from collections.abc import Mapping

import pyarrow as pa

from pipelines.lib.staging import StagingWriter, schema
from pipelines.sources import lists
from pipelines.sources.base import ParseOptions, Snapshot, Source, SourceSpec
from pipelines.sources.csl_read import ISO, Row, checked_date, hashed_key, read_rows, text
from pipelines.sources.dpl_countries import address_country
from pipelines.sources.dpl_kind import infer_kind

LIST_CODE = "us_bis_dpl"
HEADER: tuple[str, ...] = (
    "Name", "Street_Address", "City", "State", "Country", "Postal_Code", "Effective_Date",
    "Expiration_Date", "Standard_Order", "Last_Update", "Action", "FR_Citation",
)  # fmt: skip
US_DATE = "%m/%d/%Y"
DATES = {"Effective_Date": US_DATE, "Expiration_Date": US_DATE, "Last_Update": ISO}
# Standard_Order: whether the order uses BIS's standard denial terms. The real
# file also has one lower-case "y".
STANDARD_ORDER = {"Y": True, "N": False}

_S, _D = pa.string(), pa.date32()
ENTRIES = schema(
    [
        ("key", _S),
        ("name", _S),
        ("street_address", _S),
        ("city", _S),
        ("state", _S),
        ("country", _S),  # as published: ISO alpha-2, "PRC", or empty
        ("country_code", _S),  # ISO alpha-2, null when none is stated
        ("postal_code", _S),
        ("effective_date", _D),  # the listing date
        ("expiration_date", _D),  # the end of the denial; null: no end stated
        ("standard_order", pa.bool_()),
        ("last_update", _D),
        ("action", _S),  # free text ("FR NOTICE ADDED", "50 YEAR DENIAL", ...)
        ("fr_citation", _S),  # Federal Register citations as published
        ("kind", _S),  # person, company, organization or unknown (dpl_kind)
        ("kind_basis", _S),
        ("record_line", pa.int64()),
    ]
)
TABLES: dict[str, pa.Schema] = {"entries": ENTRIES, lists.MEMBERSHIPS: lists.MEMBERSHIPS_SCHEMA}

SPEC = SourceSpec(
    id="us_bis_dpl",
    title="BIS Denied Persons List (tab-delimited text)",
    publisher="U.S. Department of Commerce, Bureau of Industry and Security",
    official_url="https://www.bis.doc.gov/dpl/dpl.txt",
    formats=("txt",),
    # BIS updates the list when an order is published: check daily.
    cadence_cron="0 7 * * *",
    licence="Public domain (US government work)",
    tables=TABLES,
    main_table="entries",
    expected_rows=(300, 3_000),  # 581 rows in September 2022
    parser_version="1",
)


def parse(snapshot: Snapshot, writer: StagingWriter, options: ParseOptions) -> None:
    path = snapshot.files["data"]
    rows = _DplRows(writer, path.name, options.accept_new_values)
    for row in read_rows(path, path.name, (HEADER,), writer, delimiter="\t"):
        rows.add(row)


def dpl_key(name: str, street: str, city: str, state: str, country: str, postal: str) -> str:
    """The key of a row (also used by the demo to name the entity it writes)."""
    return hashed_key(name, street, city, state, country, postal)


class _DplRows:
    def __init__(self, writer: StagingWriter, file: str, accept_new_values: bool) -> None:
        self.writer = writer
        self.file = file
        self.accept_new_values = accept_new_values
        self.first_line: dict[str, int] = {}

    def add(self, row: Row) -> None:
        values = dict(zip(HEADER, row.fields, strict=True))
        problem = _row_problem(values)
        if problem is not None:
            self.writer.quarantine(self.file, row.line, problem, row.raw)
            return
        key = dpl_key(*(values[column] for column in HEADER[:6]))
        if key in self.first_line:
            reason = f"duplicate: same name and address as line {self.first_line[key]}"
            self.writer.quarantine(self.file, row.line, reason, row.raw)
            return
        self.first_line[key] = row.line
        self._write(key, values, row.line)

    def _write(self, key: str, values: Mapping[str, str], line: int) -> None:
        dates = {column: checked_date(values[column], fmt) for column, fmt in DATES.items()}
        where = (self.file, line)
        country = address_country(values, self.writer, where, self.accept_new_values)
        kind = infer_kind(values["Name"], [values["Street_Address"]])
        self.writer.add("entries", {
            "key": key, "name": text(values["Name"]),
            "street_address": text(values["Street_Address"]), "city": text(values["City"]),
            "state": text(values["State"]), "country": text(values["Country"]),
            "country_code": country, "postal_code": text(values["Postal_Code"]),
            "effective_date": dates["Effective_Date"],
            "expiration_date": dates["Expiration_Date"],
            "standard_order": self._standard_order(values["Standard_Order"], line),
            "last_update": dates["Last_Update"], "action": text(values["Action"]),
            "fr_citation": text(values["FR_Citation"]), "kind": kind.kind,
            "kind_basis": kind.basis, "record_line": line,
        })  # fmt: skip
        lists.add_membership(self.writer, key, LIST_CODE, None, dates["Effective_Date"], line,
                             delisted_on=dates["Expiration_Date"],
                             delisting_reason="denial order expires (Expiration_Date)"
                             if dates["Expiration_Date"] else None)  # fmt: skip

    def _standard_order(self, value: str, line: int) -> bool | None:
        published = text(value)
        if published is None:
            return None
        if lists.known_value(self.writer, frozenset(STANDARD_ORDER), "Standard_Order",
                             published.upper(), (self.file, line), self.accept_new_values):  # fmt: skip
            return STANDARD_ORDER[published.upper()]
        return None


def _row_problem(values: Mapping[str, str]) -> str | None:
    """Why a row cannot be staged: no name, no listing date, or a wrong date."""
    if text(values["Name"]) is None:
        return "no Name"
    if text(values["Effective_Date"]) is None:
        return "no Effective_Date (the listing date)"
    for column, fmt in DATES.items():
        try:
            checked_date(values[column], fmt)
        except ValueError as exc:
            return f"invalid {column} {values[column]!r}: {exc}"
    return None


SOURCE = Source(spec=SPEC, parse=parse)
