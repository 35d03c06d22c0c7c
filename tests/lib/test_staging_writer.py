"""StagingWriter: rows added one by one and tables written in bulk keep their order;
small bulk tables are gathered into large Parquet row groups."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipelines.lib.staging import _GATHER_ROWS, StagingWriter, schema

NUMBERS = {"numbers": schema([("n", pa.int64())])}


def _bulk(start: int, count: int) -> pa.Table:
    return pa.table({"n": pa.array(range(start, start + count), pa.int64())})


def test_rows_and_bulk_tables_keep_their_order(tmp_path: Path) -> None:
    with StagingWriter(tmp_path, NUMBERS, batch_size=3) as writer:
        writer.add("numbers", {"n": 0})
        writer.write_table("numbers", _bulk(1, 2))
        for n in range(3, 8):
            writer.add("numbers", {"n": n})
        writer.write_table("numbers", _bulk(8, 2))
        writer.add("numbers", {"n": 10})
        assert writer.counts()["numbers"] == 11
    assert pq.read_table(tmp_path / "numbers.parquet")["n"].to_pylist() == list(range(11))


def test_small_bulk_tables_become_large_row_groups(tmp_path: Path) -> None:
    part = 25_000
    parts = 2 * _GATHER_ROWS // part + 1
    with StagingWriter(tmp_path, NUMBERS) as writer:
        for index in range(parts):
            writer.write_table("numbers", _bulk(index * part, part))
    found = pq.ParquetFile(tmp_path / "numbers.parquet")
    assert found.metadata.num_rows == parts * part
    assert found.metadata.num_row_groups < parts / 4
    assert found.read()["n"].to_pylist() == list(range(parts * part))
