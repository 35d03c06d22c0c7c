"""Delistings: a list entry that a later snapshot lacks is kept, dated, with its reason."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from pipelines.lib import delistings
from pipelines.sources.lists import MEMBERSHIPS_SCHEMA

Row = tuple[str, str, str | None]


def _snapshot(root: Path, snapshot_id: str, rows: list[Row]) -> tuple[str, Path]:
    folder = root / snapshot_id
    folder.mkdir(parents=True)
    table = pa.Table.from_pylist(
        [{"key": k, "list_code": code, "program": program, "listed_on": date(2020, 1, 2),
          "delisted_on": None, "record_line": i + 1}
         for i, (k, code, program) in enumerate(rows)],
        schema=MEMBERSHIPS_SCHEMA,
    )
    pq.write_table(table, folder / "memberships.parquet")
    return snapshot_id, folder


def _delisted(folder: Path) -> list[dict[str, Any]]:
    return pq.read_table(folder / "delistings.parquet").to_pylist()


def _keys(rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return [(r["key"], r["program"], r["delisted_on"], r["last_seen_snapshot"]) for r in rows]


def test_absent_entries_and_programs_are_delisted_then_relisted(tmp_path: Path) -> None:
    first = _snapshot(tmp_path, "20260101T000000Z",
                      [("1", "us_ofac_sdn", "SDGT"), ("1", "us_ofac_sdn", "IFSR"),
                       ("2", "us_ofac_sdn", "SDGT"), ("3", "us_ofac_sdn", None)])
    assert delistings.write(first[1], first[0], date(2026, 1, 1), None) == 0

    second = _snapshot(tmp_path, "20260201T000000Z", [("1", "us_ofac_sdn", "SDGT")])
    assert delistings.write(second[1], second[0], date(2026, 2, 1), first) == 3
    rows = _delisted(second[1])
    assert _keys(rows) == [
        ("1", "IFSR", date(2026, 2, 1), "20260101T000000Z"),  # one program dropped
        ("2", "SDGT", date(2026, 2, 1), "20260101T000000Z"),
        ("3", None, date(2026, 2, 1), "20260101T000000Z"),  # a list without programs
    ]
    assert rows[0]["listed_on"] == date(2020, 1, 2)
    assert rows[0]["reason"] == (
        "absent from snapshot 20260201T000000Z (last listed in 20260101T000000Z)"
    )

    # Entry 2 comes back; the others stay delisted with their first dates.
    third = _snapshot(tmp_path, "20260301T000000Z",
                      [("1", "us_ofac_sdn", "SDGT"), ("2", "us_ofac_sdn", "SDGT")])
    assert delistings.write(third[1], third[0], date(2026, 3, 1), second) == 2
    assert _keys(_delisted(third[1])) == [
        ("1", "IFSR", date(2026, 2, 1), "20260101T000000Z"),
        ("3", None, date(2026, 2, 1), "20260101T000000Z"),
    ]

    # Delisted again: dated anew, once.
    fourth = _snapshot(tmp_path, "20260401T000000Z", [("1", "us_ofac_sdn", "SDGT")])
    delistings.write(fourth[1], fourth[0], date(2026, 4, 1), third)
    assert _keys(_delisted(fourth[1])) == [
        ("1", "IFSR", date(2026, 2, 1), "20260101T000000Z"),
        ("2", "SDGT", date(2026, 4, 1), "20260301T000000Z"),
        ("3", None, date(2026, 2, 1), "20260101T000000Z"),
    ]


def test_a_previous_snapshot_without_delistings_is_read_as_none(tmp_path: Path) -> None:
    first = _snapshot(tmp_path, "20260101T000000Z", [("1", "un_sc", "DPRK")])
    second = _snapshot(tmp_path, "20260102T000000Z", [])
    assert delistings.write(second[1], second[0], date(2026, 1, 2), first) == 1
    assert delistings.seen_on("20260102T101010Z") == date(2026, 1, 2)
