"""DoD section 1260H transcription: one entity per company across the editions.

The CSV has one row per company and edition (Huawei: a 2021-06-03, a
2025-01-07 and a 2026-06-08 row), so the rows are grouped on the clean name's
comparison form (``uscn_csv.match_key``: the transcribers spell one company
"Xi\u2019an" in one edition and "Xi'an" in the next). Every row is kept in
``listings`` (the (entity, edition) staging table); ``entries`` holds one row
per company, ``names`` its names and ``parents`` its Parent Name links.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pyarrow as pa

from pipelines.lib.staging import StagingWriter
from pipelines.sources import lists
from pipelines.sources.base import SourceError
from pipelines.sources.uscn_csv import (
    NAMES_SCHEMA,
    Row,
    add_names,
    hashed_key,
    match_key,
    optional_date,
    parse_date,
    read_rows,
    split_values,
    table,
)

LIST_CODE = "us_dod_1260h"
HEADER = (
    "Name", "Clean Name", "Alias", "Previous Name", "Parent Name", "Note",
    "Start date", "End date", "Source Url",
)  # fmt: skip
# Alias holds one name or several joined by a bare comma ("Knownsec,Beijing
# Kownsec"); a comma followed by a space is part of a name ("China Avionics
# Systems Co., Ltd."). Previous Name joins names with "; ".
_ALIAS_SEPARATOR = re.compile(r",(?!\s)|;")
# The PDF's marker after a printed Name (kept in `listings.name`).
_MARKER = "*"
_S, _D, _B = pa.string(), pa.date32(), pa.bool_()

# fmt: off
TABLES: dict[str, pa.Schema] = {
    # One row per CSV row, i.e. per (company, edition); every column mapped.
    "listings": table(
        ("key", _S), ("name", _S), ("clean_name", _S), ("alias", _S), ("previous_name", _S),
        ("parent_name", _S), ("note", _S), ("start_date", _D), ("end_date", _D),
        ("source_url", _S),
    ),
    # One row per company (the clean names that compare equal).
    "entries": table(
        ("key", _S), ("match_key", _S), ("name", _S), ("first_listed_on", _D),
        ("last_listed_on", _D), ("editions", pa.list_(_D)), ("in_newest_edition", _B),
        ("newest_edition", _D), ("end_date", _D), ("delisted_on", _D),
        ("delisting_basis", _S),  # end_date | absent_from_newest_edition
    ),
    "names": NAMES_SCHEMA,
    # One row per (company, parent): the parent is a listed company of the file
    # (resolved_in_file, parent_key = its key) or only named there (parent_key =
    # hash of the name's comparison form, entity us-dod-1260h-parent-<key>).
    "parents": table(
        ("key", _S), ("parent_key", _S), ("parent_name", _S), ("resolved_in_file", _B),
        ("matched_on", _S),  # clean_name | printed_name | null
    ),
    lists.MEMBERSHIPS: lists.MEMBERSHIPS_SCHEMA,
}
# fmt: on


@dataclass(frozen=True)
class _Listing:
    row: Row
    start: date
    end: date | None

    @property
    def clean_name(self) -> str:
        return self.row.values["Clean Name"].strip()


def parse_file(path: Path, writer: StagingWriter) -> None:
    listings = _listings(path, writer)
    groups: dict[str, list[_Listing]] = {}
    for listing in listings:
        groups.setdefault(match_key(listing.clean_name), []).append(listing)
    newest = max(listing.start for listing in listings)
    resolver = _ParentResolver(groups)
    for group_key, group in groups.items():
        key = hashed_key(group_key)
        for listing in group:
            _stage_listing(writer, key, listing)
        _stage_entry(writer, key, group_key, group, newest)
        _stage_names(writer, key, group)
        resolver.stage(writer, key, group_key, group)


def _listings(path: Path, writer: StagingWriter) -> list[_Listing]:
    found = []
    for row in read_rows(path, HEADER, writer):
        if row.get("Clean Name") is None:
            writer.quarantine(row.file, row.line, "empty Clean Name", row.raw)
            continue
        start_text = row.get("Start date") or ""
        try:
            # The edition date: essential (it orders the editions and dates the listing).
            start = parse_date(start_text)
        except ValueError as exc:
            writer.quarantine(row.file, row.line, f"Start date: {exc}", row.raw)
            continue
        end = optional_date(writer, row, "End date")
        if end is not None and end < start:
            writer.leftover(row.file, row.line, "End date", row.values["End date"])
            end = None
        found.append(_Listing(row, start, end))
    if not found:
        raise SourceError(f"{path.name}: no readable record (all quarantined)")
    return found


def _stage_listing(writer: StagingWriter, key: str, listing: _Listing) -> None:
    row = listing.row
    writer.add(
        "listings",
        {
            "key": key,
            "name": row.get("Name"),
            "clean_name": listing.clean_name,
            "alias": row.get("Alias"),
            "previous_name": row.get("Previous Name"),
            "parent_name": row.get("Parent Name"),
            "note": row.get("Note"),
            "start_date": listing.start,
            "end_date": listing.end,
            "source_url": row.get("Source Url"),
            "record_line": row.line,
        },
    )


def _latest(group: list[_Listing]) -> _Listing:
    """The row of the newest edition (the last such row in the file on a tie)."""
    return max(group, key=lambda listing: (listing.start, listing.row.line))


def _stage_entry(
    writer: StagingWriter, key: str, group_key: str, group: list[_Listing], newest: date
) -> None:
    editions = sorted({listing.start for listing in group})
    latest = _latest(group)
    # One membership per company, listed since its first edition. It ends when
    # the transcription says so (End date on the newest row of the company:
    # Megvii, 2024-01-31 to 2025-01-07), else when the company is missing from
    # the newest edition in the file: every yearly edition re-prints the whole
    # list and the transcription adds a row per company and edition, so a
    # company without a row of that date was not re-listed then.
    basis: str | None = None
    reason: str | None = None
    delisted_on = latest.end
    if delisted_on is not None:
        basis, reason = "end_date", "end date stated by the list"
    elif newest not in editions:
        basis, delisted_on = "absent_from_newest_edition", newest
        reason = f"absent from the newest edition in the file ({newest.isoformat()})"
    first = min(group, key=lambda listing: listing.row.line)
    writer.add(
        "entries",
        {
            "key": key,
            "match_key": group_key,
            "name": latest.clean_name,
            "first_listed_on": editions[0],
            "last_listed_on": editions[-1],
            "editions": editions,
            "in_newest_edition": newest in editions,
            "newest_edition": newest,
            "end_date": latest.end,
            "delisted_on": delisted_on,
            "delisting_basis": basis,
            "record_line": first.row.line,
        },
    )
    lists.add_membership(
        writer, key, LIST_CODE, None, editions[0], first.row.line,
        delisted_on=delisted_on, delisting_reason=reason,
    )  # fmt: skip


def _stage_names(writer: StagingWriter, key: str, group: list[_Listing]) -> None:
    """Primary: the clean name of the newest edition; other spellings of it, the
    aliases (weak when an acronym) and the previous names follow."""
    latest = _latest(group)
    names = [(latest.clean_name, "primary")]
    names += [(listing.clean_name, "aka") for listing in group]
    for listing in group:
        names += [(alias, "aka") for alias in _aliases(listing.row.get("Alias"))]
        names += [
            (previous, "previous") for previous in split_values(listing.row.get("Previous Name"))
        ]
    add_names(writer, key, names, min(listing.row.line for listing in group))


def _aliases(text: str | None) -> list[str]:
    if text is None:
        return []
    return [part.strip() for part in _ALIAS_SEPARATOR.split(text) if part.strip()]


class _ParentResolver:
    """Parent Name -> the listed company it names, by clean name first, then by
    the name as printed (with its alias: "China Aerospace Science and Industry
    Corporation Limited (CASIC)"); otherwise a referenced-only parent."""

    def __init__(self, groups: dict[str, list[_Listing]]) -> None:
        self.by_clean = {group_key: hashed_key(group_key) for group_key in groups}
        printed: dict[str, set[str]] = {}
        for group_key, group in groups.items():
            for listing in group:
                name = (listing.row.get("Name") or "").rstrip(_MARKER).strip()
                if name:
                    printed.setdefault(match_key(name), set()).add(group_key)
        # A printed name shared by two companies names neither.
        self.by_printed = {
            name: hashed_key(next(iter(keys))) for name, keys in printed.items() if len(keys) == 1
        }

    def resolve(self, name: str) -> tuple[str, bool, str | None]:
        """(parent key, resolved in the file, matched on)."""
        wanted = match_key(name)
        if wanted in self.by_clean:
            return self.by_clean[wanted], True, "clean_name"
        if wanted in self.by_printed:
            return self.by_printed[wanted], True, "printed_name"
        return hashed_key(wanted), False, None

    def stage(self, writer: StagingWriter, key: str, group_key: str, group: list[_Listing]) -> None:
        """One row per distinct parent of the company (editions may differ:
        Huawei's 2025 row has no parent, its other rows do)."""
        seen: set[str] = set()
        for listing in sorted(group, key=lambda item: item.row.line):
            row = listing.row
            name = row.get("Parent Name")
            if name is None:
                continue
            parent_key, in_file, matched_on = self.resolve(name)
            if match_key(name) == group_key or parent_key == key:
                # A company named as its own parent is no link; kept as a leftover.
                writer.leftover(row.file, row.line, "Parent Name", name)
                continue
            if parent_key in seen:
                continue
            seen.add(parent_key)
            writer.add(
                "parents",
                {
                    "key": key,
                    "parent_key": parent_key,
                    "parent_name": name,
                    "resolved_in_file": in_file,
                    "matched_on": matched_on,
                    "record_line": row.line,
                },
            )
