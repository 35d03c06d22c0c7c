"""Write the FCC Covered List, NDAA section 889 and BIS MIEU lists in the layouts
of OpenSanctions' CSV transcriptions (../shared/data/real/sanctions/us_other_china_lists).

One writer per layout, each ``write_*(path, entries, published) -> Path``:

- FCC Covered List: two columns, the entry's sentence naming the company and
  the long-form inclusion date ("March 12, 2021"), CRLF, every value quoted
  only when needed. An entry owned by another (``owner_key``) is printed in its
  owner's sentence ("... provided by <owner> and its wholly-owned subsidiary
  <entry> subject to section 214 ..."), as the FCC does for ComNet (USA) LLC.
- NDAA section 889: OpenSanctions' "special legislation" layout, LF.
- BIS MIEU: Type, Name, Alias, Country, Topics, Program, Date, End date,
  Source URL, LF.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from pipelines.lib.demo.lists import ListEntry

FCC_FILE, NDAA_FILE, MIEU_FILE = "table.csv", "section_889.csv", "mieu.csv"
FCC_HEADER = ("covered_equipment_or_services", "date_of_inclusion_on_covered_list")
NDAA_HEADER = (
    "schema", "name", "aliases", "topics", "program", "authority", "reason",
    "report-date", "start-date", "end-date", "country", "notes", "source_url",
)  # fmt: skip
MIEU_HEADER = (
    "Type", "Name", "Alias", "Country", "Topics", "Program", "Date", "End date", "Source URL",
)  # fmt: skip
NDAA_PROGRAM = (
    "Section 889 of the John S. McCain National Defense Authorization Act for Fiscal Year "
    "2019 (Public Law 115 - 232)"
)
NDAA_URL = "https://www.congress.gov/115/plaws/publ232/PLAW-115publ232.pdf"
MIEU_URL = "https://www.federalregister.gov/documents/2021/01/15/2021-00977"


def _target(path: Path, name: str) -> Path:
    return path / name if path.is_dir() else path


def _write(target: Path, header: Sequence[str], rows: list[list[str]], newline: str) -> Path:
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator=newline)
        writer.writerow(header)
        writer.writerows(rows)
    return target


def long_date(day: date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def fcc_sentence(entry: ListEntry, subsidiary: ListEntry | None) -> str:
    if subsidiary is None:
        return (
            f"Telecommunications equipment produced by {entry.name}, including "
            "telecommunications or video surveillance services provided by such entity or "
            "using such equipment."
        )
    return (
        f"International telecommunications services provided by {entry.name} and its "
        f"wholly-owned subsidiary {subsidiary.name} subject to section 214 of the "
        "Communications Act of 1934."
    )


def write_fcc_covered(path: Path, entries: Sequence[ListEntry], published: date) -> Path:
    """One row per entry without an owner among ``entries``; at most one subsidiary each."""
    keys = {entry.key for entry in entries}
    subsidiaries: dict[str, ListEntry] = {}
    for entry in entries:
        if entry.owner_key in keys:
            if entry.owner_key in subsidiaries:
                raise ValueError(f"{entry.owner_key}: the FCC wording names one subsidiary")
            subsidiaries[entry.owner_key] = entry
    rows = [
        [fcc_sentence(entry, subsidiaries.get(entry.key)),
         long_date(entry.listed_on or published)]
        for entry in entries
        if entry.owner_key not in keys
    ]  # fmt: skip
    return _write(_target(path, FCC_FILE), FCC_HEADER, rows, "\r\n")


def write_ndaa_889(path: Path, entries: Sequence[ListEntry], published: date) -> Path:
    """``published`` is the report date; ``listed_on`` the start date when known."""
    rows = [
        ["Company" if entry.kind == "company" else "Organization", entry.name,
         ";".join(alias for alias, _ in entry.aliases), "debarment", NDAA_PROGRAM,
         "United States Congress", "", published.isoformat(),
         entry.listed_on.isoformat() if entry.listed_on else "", "", entry.country or "", "",
         NDAA_URL]
        for entry in entries
    ]  # fmt: skip
    return _write(_target(path, NDAA_FILE), NDAA_HEADER, rows, "\n")


def write_bis_mieu(path: Path, entries: Sequence[ListEntry], published: date) -> Path:
    """Every MIEU entry is an intelligence body: Type "Organization"."""
    rows = [
        ["Organization", entry.name, ";".join(alias for alias, _ in entry.aliases),
         entry.country or "", "export.control", "US-BIS-MIEU",
         (entry.listed_on or published).isoformat(), "", MIEU_URL]
        for entry in entries
    ]  # fmt: skip
    return _write(_target(path, MIEU_FILE), MIEU_HEADER, rows, "\n")
