"""What every sanctions or restricted-party list source shares.

A list parser writes, beside its own staging tables, one ``memberships`` row
per (entry, list, program): the entry's key in the list's own id space, the
stable list code of ``data/reference/list_codes.csv``, the program and the
listing date when the list states one. The stage then compares the snapshot
with the last good one and keeps every membership that disappeared as a
``delistings`` row (pipelines/lib/delistings.py), so a delisting is recorded
with its date instead of silently vanishing.
"""

from __future__ import annotations

import csv
from datetime import date
from functools import cache
from pathlib import Path

import pyarrow as pa

from pipelines.lib.staging import StagingWriter, schema
from pipelines.sources.base import SourceSpec, UnknownValueError

LIST_CODES_CSV = Path(__file__).resolve().parents[2] / "data" / "reference" / "list_codes.csv"
MEMBERSHIPS = "memberships"
DELISTINGS = "delistings"

MEMBERSHIPS_SCHEMA = schema(
    [
        ("key", pa.string()),  # the entry's id in the list (ent_num, reference number, ...)
        ("list_code", pa.string()),
        ("program", pa.string()),  # null when the list has no programs
        ("listed_on", pa.date32()),  # null when the list does not state it
        # Set only when the list itself states that the listing ended (an
        # OpenSanctions Sanction's endDate); absences are found by the stage.
        ("delisted_on", pa.date32()),
        # Why the membership ended, when the parser knows better than the
        # default ('end date stated by the list', sql/conformed/lists__memberships.sql).
        ("delisting_reason", pa.string()),
        ("record_line", pa.int64()),
    ]
)

# Written by the stage, never by a parser: memberships of the last good
# snapshots that the newest one no longer has (cumulative across snapshots).
DELISTINGS_SCHEMA = schema(
    [
        ("key", pa.string()),
        ("list_code", pa.string()),
        ("program", pa.string()),
        ("listed_on", pa.date32()),
        ("last_seen_snapshot", pa.string()),
        ("delisted_on", pa.date32()),
        ("reason", pa.string()),
    ]
)


def is_list(spec: SourceSpec) -> bool:
    return MEMBERSHIPS in spec.tables


@cache
def list_codes() -> frozenset[str]:
    with LIST_CODES_CSV.open(encoding="utf-8", newline="") as handle:
        return frozenset(row["list_code"] for row in csv.DictReader(handle))


def add_membership(
    writer: StagingWriter,
    key: str,
    list_code: str,
    program: str | None,
    listed_on: date | None,
    line: int | None,
    delisted_on: date | None = None,
    delisting_reason: str | None = None,
) -> None:
    """One membership row; a list code outside list_codes.csv is a programming error."""
    if list_code not in list_codes():
        raise ValueError(f"list code {list_code!r} is not in {LIST_CODES_CSV.name}")
    writer.add(
        MEMBERSHIPS,
        {"key": key, "list_code": list_code, "program": program, "listed_on": listed_on,
         "delisted_on": delisted_on, "delisting_reason": delisting_reason, "record_line": line},
    )


def known_value(
    writer: StagingWriter,
    known: frozenset[str] | set[str],
    field_name: str,
    value: str,
    where: tuple[str, int | None],
    accept_new_values: bool,
) -> bool:
    """True when ``value`` is known. An unknown one is an error naming the value, the
    file and the line, or, when the config accepts new values, a leftover."""
    if value in known:
        return True
    file, line = where
    if not accept_new_values:
        raise UnknownValueError(field_name, value, file, line)
    writer.leftover(file, line, field_name, value)
    return False
