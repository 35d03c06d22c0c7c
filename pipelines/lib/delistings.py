"""Delistings: list entries that a newer snapshot no longer has.

Publishers remove delisted entries from their files without a trace, and
several lists (the CSL, OFAC's CSV sets) have no delta feed. So each parse of
a list compares its ``memberships`` with those of the last good snapshot and
writes the difference, cumulated with the earlier delistings, as the
snapshot's ``delistings`` table (sql/delist/delistings.sql). The canonical
``list_memberships`` keeps those rows with their ``delisted_on`` date.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from pipelines.lib.sqlmodels import SQL_DIR, bind
from pipelines.sources.lists import DELISTINGS, DELISTINGS_SCHEMA, MEMBERSHIPS

DELISTINGS_SQL = SQL_DIR / "delist" / "delistings.sql"


def write(
    out_dir: Path, snapshot_id: str, seen_on: date, previous: tuple[str, Path] | None
) -> int:
    """Write ``out_dir/delistings.parquet`` and return its row count."""
    target = out_dir / f"{DELISTINGS}.parquet"
    # A snapshot parsed before memberships were kept cannot say who left the list.
    if previous is not None and not (previous[1] / f"{MEMBERSHIPS}.parquet").exists():
        previous = None
    if previous is None:
        pq.write_table(DELISTINGS_SCHEMA.empty_table(), target, compression="zstd")
        return 0
    previous_id, previous_dir = previous
    earlier = previous_dir / f"{DELISTINGS}.parquet"
    if not earlier.exists():  # a snapshot parsed before delistings were kept
        earlier = out_dir / f"{DELISTINGS}.parquet"
        pq.write_table(DELISTINGS_SCHEMA.empty_table(), earlier)
    sql = DELISTINGS_SQL.read_text(encoding="utf-8")
    values = {
        "current": str(out_dir / f"{MEMBERSHIPS}.parquet"),
        "previous": str(previous_dir / f"{MEMBERSHIPS}.parquet"),
        "previous_delistings": str(earlier),
        "previous_snapshot": previous_id,
        "current_snapshot": snapshot_id,
        "seen_on": seen_on,
    }
    with duckdb.connect() as con:
        table = con.execute(sql, bind(sql, values)).to_arrow_table().cast(DELISTINGS_SCHEMA)
    pq.write_table(table, target, compression="zstd")
    return table.num_rows


def seen_on(snapshot_id: str) -> date:
    """The fetch day a snapshot id names (``20261125T090655Z``)."""
    return date(int(snapshot_id[:4]), int(snapshot_id[4:6]), int(snapshot_id[6:8]))
