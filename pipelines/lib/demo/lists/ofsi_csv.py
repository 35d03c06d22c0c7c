"""Write an OFSI consolidated list (ConList.csv) from demo entries.

The "2022format" layout by default (36 columns, UTF-8, as OFSI published it
from February 2022 until the list closed on 28 January 2026); ``layout="2018"``
writes the older 29-column Windows-1252 layout of the real copy in
../shared. Like OFSI, one row per name per regime, a "Last Updated" line
above the header, dates as DD/MM/YYYY. Group IDs are integers: an entry key
that is not one is refused. The 2018 layout cannot say an alias is weak,
nor that a target is a ship (ships were Entity rows then). Kinds other than
person and vessel (company, organization, aircraft) are Entity rows.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path

import pycountry

from pipelines.lib.demo.lists import ListEntry

FILE_NAME = "ConList.csv"
_COMMON = [
    "Name 6", "Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Title",
]  # fmt: skip
_ADDRESS = [
    "Address 1", "Address 2", "Address 3", "Address 4", "Address 5", "Address 6",
    "Post/Zip Code", "Country", "Other Information", "Group Type", "Alias Type",
]  # fmt: skip
HEADERS = {
    "2018": [
        *_COMMON, "DOB", "Town of Birth", "Country of Birth", "Nationality",
        "Passport Details", "NI Number", "Position", *_ADDRESS,
        "Regime", "Listed On", "Last Updated", "Group ID",
    ],
    "2022": [
        *_COMMON, "Name Non-Latin Script", "Non-Latin Script Type", "Non-Latin Script Language",
        "DOB", "Town of Birth", "Country of Birth", "Nationality", "Passport Number",
        "Passport Details", "National Identification Number", "National Identification Details",
        "Position", *_ADDRESS, "Alias Quality", "Regime", "Listed On",
        "UK Sanctions List Date Designated", "Last Updated", "Group ID",
    ],
}  # fmt: skip
ENCODINGS = {"2018": "cp1252", "2022": "utf-8"}
_PRIMARY = {"2018": "Prime Alias", "2022": "Primary name"}
_GROUP_TYPES = {"person": "Individual", "vessel": "Ship"}
# How Other Information states references the parser reads back (ofsi_facts).
_REFERENCES = {"gb-uksl": "(UK Sanctions List Ref):{}", "un-sc": "UN Ref {}", "imo": "IMO: {}"}


def uk_date(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value is not None else ""


def country_name(code: str | None) -> str:
    if code is None:
        return ""
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        raise ValueError(f"unknown ISO 3166-1 alpha-2 code {code!r}")
    return str(country.name)


def write(path: Path, entries: Sequence[ListEntry], published: date, layout: str = "2022"
          ) -> Path:
    """Write ``path`` (or ``path/ConList.csv`` when ``path`` is a folder); return the file."""
    target = path / FILE_NAME if path.is_dir() else path
    header = HEADERS[layout]
    with target.open("w", encoding=ENCODINGS[layout], newline="") as handle:
        out = csv.writer(handle, lineterminator="\r\n")
        out.writerow(["Last Updated", uk_date(published)] + [""] * (len(header) - 2))
        out.writerow(header)
        for entry in entries:
            if not entry.key.isdigit():
                raise ValueError(f"OFSI Group IDs are integers, not {entry.key!r}")
            for row in _rows(entry, published, layout):
                out.writerow([row.get(column, "") for column in header])
    return target


def _rows(entry: ListEntry, published: date, layout: str) -> Iterator[dict[str, str]]:
    names = [(entry.name, _PRIMARY[layout], "")]
    for alias, strength in entry.aliases:
        quality = "Low quality" if strength == "weak" else "Good quality"
        names.append((alias, "AKA", quality))
    for program in entry.programs or ("",):
        for name, alias_type, quality in names:
            yield {
                **_facts(entry, published, layout),
                "Name 6": name, "Alias Type": alias_type, "Alias Quality": quality,
                "Regime": program,
            }  # fmt: skip


def _facts(entry: ListEntry, published: date, layout: str) -> dict[str, str]:
    """The columns every row of one target repeats."""
    group_type = _GROUP_TYPES.get(entry.kind, "Entity")
    if layout == "2018" and group_type == "Ship":
        group_type = "Entity"
    row = {
        "Group Type": group_type, "Group ID": entry.key, "Address 1": entry.address or "",
        "Address 6": entry.city or "", "Country": country_name(entry.country),
        "Listed On": uk_date(entry.listed_on), "UK Sanctions List Date Designated":
        uk_date(entry.listed_on), "Last Updated": uk_date(published),
    }  # fmt: skip
    if entry.kind == "person":
        row["DOB"] = uk_date(entry.birth_date)
        row["Nationality"] = country_name(entry.country)
    schemes = dict(entry.identifiers)
    if "passport" in schemes:
        row["Passport Number" if layout == "2022" else "Passport Details"] = schemes["passport"]
    if "national-id" in schemes:
        row["National Identification Number" if layout == "2022" else "NI Number"] = (
            schemes["national-id"]
        )
    # The UK Sanctions List (and its reference) began after the 2018 layout.
    remarks = [template.format(schemes[scheme]) for scheme, template in _REFERENCES.items()
               if scheme in schemes and not (layout == "2018" and scheme == "gb-uksl")]
    row["Other Information"] = ". ".join(remarks)
    return row
