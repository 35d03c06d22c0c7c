"""Write the US Consolidated Screening List CSV (consolidated.csv).

The layout of the 2025 file (../shared/data/real/sanctions/trade_gov_csl):
an unquoted header of 29 columns, then every value double-quoted, LF line
ends, UTF-8. One CSV holds the entries of several lists; each row names its
list in ``source`` with the full name of ``data/reference/csl_sources.csv``.
Treasury rows carry the OFAC ent_num (``_id`` = ``entity_number`` = the
entry's key) and a type; BIS and State rows have neither. Multi-valued
columns are joined by "; ", an address's parts and an id's type, number and
country by ", ". The CSL has no owner field and no alias strength: the
entries' owner keys and strengths are not written. Nor does the file state a
publication date: ``published`` only becomes the file's modification time,
as a download would have.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from pathlib import Path

from pipelines.lib.demo.lists import ListEntry
from pipelines.sources.csl_map import CslSource, csl_sources
from pipelines.sources.csl_tables import HEADER

FILE_NAME = "consolidated.csv"
TYPES = {"person": "Individual", "vessel": "Vessel", "aircraft": "Aircraft"}
# Canonical scheme -> the OFAC id type the CSL prints for it.
ID_TYPES = {
    "cn-uscc": "Unified Social Credit Code (USCC)", "lei": "Legal Entity Number",
    "isin": "ISIN", "ticker": "Equity Ticker", "passport": "Passport",
    "national-id": "National ID No.", "tax-id": "Tax ID No.",
    "registration": "Registration Number", "gb-coh": "UK Company Number",
    "imo": "Vessel Registration Identification", "swift-bic": "SWIFT/BIC",
}  # fmt: skip


def write(path: Path, entries_by_list: Mapping[str, Sequence[ListEntry]], published: date) -> Path:
    """Write the entries of each list code into one CSV; ``path`` is a file or a folder."""
    target = path / FILE_NAME if path.is_dir() or not path.suffix else path
    target.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.StringIO()
    buffer.write(",".join(HEADER) + "\n")
    rows = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\n")
    for list_code, entries in entries_by_list.items():
        source = source_for(list_code)
        rows.writerows(row(entry, source) for entry in entries)
    target.write_text(buffer.getvalue(), encoding="utf-8", newline="")
    stamp = datetime(published.year, published.month, published.day, tzinfo=UTC).timestamp()
    os.utime(target, (stamp, stamp))
    return target


def source_for(list_code: str) -> CslSource:
    """The reference row the CSL names ``list_code`` with (read-only codes skipped)."""
    for source in csl_sources().values():
        if source.list_code == list_code and source.source_name:
            return source
    raise ValueError(f"the CSL holds no list {list_code!r}")


def row(entry: ListEntry, source: CslSource) -> list[str]:
    address = ", ".join(part for part in (entry.address, entry.city, entry.country) if part)
    ids = (f"{ID_TYPES[scheme]}, {_number(scheme, value)}" for scheme, value in entry.identifiers)
    values = dict.fromkeys(HEADER, "")
    values |= {
        "_id": entry.key,
        "source": source.source_name,
        "programs": "; ".join(entry.programs),
        "name": entry.name,
        "addresses": address,
        "start_date": entry.listed_on.isoformat() if entry.listed_on else "",
        "source_list_url": source.source_list_url,
        "alt_names": "; ".join(name for name, _strength in entry.aliases),
        "dates_of_birth": entry.birth_date.isoformat() if entry.birth_date else "",
        "source_information_url": source.source_list_url,
        "ids": "; ".join(ids),
    }
    if source.ofac_programs:
        values["entity_number"] = entry.key
        values["type"] = TYPES.get(entry.kind, "Entity")
    return [values[column] for column in HEADER]


def _number(scheme: str, value: str) -> str:
    # OFAC prints IMO numbers with their prefix: "IMO 9187629".
    return f"IMO {value}" if scheme == "imo" else value
