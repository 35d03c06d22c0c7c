"""ordered_map: results in input order, with a bounded number of items read ahead;
PartPool: workers' Arrow parts appended to the Parquet staging tables in order."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipelines.lib.staging import StagingWriter, read_part, schema
from pipelines.sources.parallel import WORKER_GC_THRESHOLD, PartPool, ordered_map

NUMBERS = {"numbers": schema([("n", pa.int64()), ("text", pa.string())])}


def _square(value: int) -> int:
    return value * value


def test_results_come_in_input_order_and_items_are_read_lazily() -> None:
    read: list[int] = []

    def items() -> Iterator[int]:
        for value in range(20):
            read.append(value)
            yield value

    with ThreadPoolExecutor(4) as pool:
        results = ordered_map(pool, _square, items(), in_flight=3)
        first = next(results)
        # One result taken: at most in_flight + 1 items were read to give it.
        assert first == 0 and len(read) == 4
        assert [first, *results] == [value * value for value in range(20)]


@dataclass(frozen=True)
class _Piece:
    start: int
    out_dir: Path


def _write_piece(piece: _Piece) -> int:
    """A worker's parse: a few rows added one by one, a few written in bulk, a quarantine."""
    with StagingWriter(piece.out_dir, NUMBERS, batch_size=2, part=True) as writer:
        for n in range(piece.start, piece.start + 3):
            writer.add("numbers", {"n": n, "text": f"row {n}"})
        bulk = pa.table({"n": [piece.start + 3], "text": [None]})
        writer.write_table("numbers", bulk)
        writer.quarantine("f.jsonl", piece.start, "bad", "raw")
    return piece.start


def test_parts_are_arrow_files_appended_to_parquet_in_submission_order(tmp_path: Path) -> None:
    results: list[int] = []
    with StagingWriter(tmp_path / "out", NUMBERS) as writer, \
            PartPool(writer, results.append, processes=2) as pool:
        for start in (0, 10, 20, 30):
            out_dir = pool.next_dir()
            pool.submit(_write_piece, _Piece(start, out_dir))
        pool.finish()
    numbers = pq.read_table(tmp_path / "out" / "numbers.parquet")
    expected = [n for start in (0, 10, 20, 30) for n in range(start, start + 4)]
    assert numbers["n"].to_pylist() == expected
    assert numbers["text"].to_pylist()[:4] == ["row 0", "row 1", "row 2", None]
    quarantine = pq.read_table(tmp_path / "out" / "quarantine.parquet")
    assert quarantine["line"].to_pylist() == [0, 10, 20, 30]
    assert results == [0, 10, 20, 30]


def test_a_workers_part_is_an_uncompressed_arrow_file(tmp_path: Path) -> None:
    _write_piece(_Piece(5, tmp_path))
    assert not list(tmp_path.glob("*.parquet"))
    assert read_part(tmp_path, "numbers")["n"].to_pylist() == [5, 6, 7, 8]


def _collector_threshold(out_dir: Path) -> tuple[int, ...]:
    StagingWriter(out_dir, NUMBERS, part=True).close()
    return tuple(gc.get_threshold())


def test_workers_collect_garbage_rarely(tmp_path: Path) -> None:
    thresholds: list[tuple[int, ...]] = []
    with StagingWriter(tmp_path / "out", NUMBERS) as writer, \
            PartPool(writer, thresholds.append, processes=1) as pool:
        pool.submit(_collector_threshold, pool.next_dir())
        pool.finish()
    assert thresholds == [WORKER_GC_THRESHOLD]
    assert WORKER_GC_THRESHOLD[0] > 10 * gc.get_threshold()[0]
