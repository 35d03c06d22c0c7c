"""Reading one BasicCompanyData CSV stream as Arrow batches with exact line numbers.

The header line is read and checked here (its names carry stray leading
spaces; compared stripped); the rest is streamed by ``pyarrow.csv.open_csv``
straight from the (zip member) stream, so memory stays flat for a 2.5 GB file.
Columns are read as binary and checked for UTF-8 per batch, so one bad byte
quarantines one row instead of stopping the file.

Line numbers: the reader runs single-threaded, so pyarrow reports the
physical line of every invalid row; with ``newlines_in_values`` off, each
physical line is one record, and the valid rows of a batch are exactly the
next lines that were not invalid. A field with an embedded line break splits
its record into two wrong-length rows, both quarantined with their text.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any, Literal

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from pipelines.lib.staging import StagingWriter
from pipelines.sources.base import SourceError
from pipelines.sources.coh_basic_columns import HEADER

# Small CSV blocks parse faster (they stay in cache); the mapping, whose cost
# is per call, runs on tables of many blocks (measured: bench/gb_coh_companies.py).
BLOCK_SIZE = 1024**2
ROWS_PER_BATCH = 100_000
_HEADER_LINES = 1


@dataclass(frozen=True)
class Batch:
    """Rows of one file as strings (stripped column names) and their physical lines."""

    file: str
    table: pa.Table
    lines: pa.Array[Any]


def csv_line(values: list[str | None]) -> str:
    """A record as Companies House writes it (every field quoted): the quarantine's raw text."""
    return ",".join('"' + (value or "").replace('"', '""') + '"' for value in values)


def check_header(names: list[str], file: str) -> None:
    stripped = [name.strip() for name in names]
    missing = sorted(set(HEADER) - set(stripped))
    extra = sorted(set(stripped) - set(HEADER))
    repeated = sorted({name for name in stripped if stripped.count(name) > 1})
    if missing or extra or repeated:
        raise SourceError(
            f"{file}: header is not the {len(HEADER)} BasicCompanyData columns: "
            f"missing {missing}, unexpected {extra}, repeated {repeated}"
        )


def _read_header(stream: IO[bytes], file: str) -> list[str]:
    first = stream.readline()
    if not first.strip():
        raise SourceError(f"{file}: no header line")
    try:
        text = first.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(f"{file}: header is not UTF-8 ({exc})") from exc
    names = next(csv.reader([text]))
    check_header(names, file)
    return [name.strip() for name in names]


class _LineTracker:
    """Invalid-row handler that quarantines, and hands out the lines of valid rows."""

    def __init__(self, file: str, writer: StagingWriter) -> None:
        self.file = file
        self.writer = writer
        self.invalid: list[int] = []  # stream lines (1-based) of invalid rows not yet passed
        self.next_line = 1

    def __call__(self, row: pacsv.InvalidRow) -> Literal["skip"]:
        if row.number is None:  # only happens with a threaded reader
            raise SourceError(f"{self.file}: invalid row without a line number")
        line = row.number + _HEADER_LINES
        reason = f"expected {row.expected_columns} fields, found {row.actual_columns}"
        self.writer.quarantine(self.file, line, reason, row.text)
        self.invalid.append(row.number)
        return "skip"

    def lines_for(self, rows: int) -> pa.Array[Any]:
        """File lines of the next ``rows`` valid rows (skipping the invalid ones)."""
        start, end, passed = self.next_line, self.next_line + rows, 0
        # Each invalid line inside the range pushes the end of the range by one.
        for number in self.invalid:
            if number >= end:
                break
            passed += 1
            end += 1
        skipped = pa.array(self.invalid[:passed], pa.int64())
        del self.invalid[:passed]
        self.next_line = end
        # start .. end - 1, computed in Arrow (no Python int per row).
        lines = pc.add(
            pc.cumulative_sum(pa.repeat(pa.scalar(1, pa.int64()), end - start)),
            start - 1 + _HEADER_LINES,
        )
        if passed:
            lines = lines.filter(pc.invert(pc.is_in(lines, pc.add(skipped, _HEADER_LINES))))
        return lines


def read_batches(stream: IO[bytes], file: str, writer: StagingWriter) -> Iterator[Batch]:
    """Batches of valid rows; wrong-length and non-UTF-8 rows go to the quarantine."""
    names = _read_header(stream, file)
    tracker = _LineTracker(file, writer)
    reader = pacsv.open_csv(
        stream,
        read_options=pacsv.ReadOptions(
            column_names=names, use_threads=False, block_size=BLOCK_SIZE
        ),
        parse_options=pacsv.ParseOptions(invalid_row_handler=tracker, ignore_empty_lines=False),
        # Empty fields (quoted or not) are read as null by the CSV reader itself.
        convert_options=pacsv.ConvertOptions(
            column_types={n: pa.binary() for n in names},
            null_values=[""],
            strings_can_be_null=True,
        ),
    )
    pending: list[pa.RecordBatch] = []
    lines: list[pa.Array[Any]] = []
    for record_batch in _record_batches(reader, file):
        pending.append(record_batch)
        lines.append(tracker.lines_for(record_batch.num_rows))
        if sum(b.num_rows for b in pending) >= ROWS_PER_BATCH:
            yield _as_text(_batch(file, pending, lines), writer)
            pending, lines = [], []
    if pending:
        yield _as_text(_batch(file, pending, lines), writer)


def _record_batches(reader: pacsv.CSVStreamingReader, file: str) -> Iterator[pa.RecordBatch]:
    while True:
        try:
            yield reader.read_next_batch()
        except StopIteration:
            return
        except pa.ArrowInvalid as exc:
            raise SourceError(f"{file}: unreadable CSV ({exc})") from exc


def _batch(file: str, batches: list[pa.RecordBatch], lines: list[pa.Array[Any]]) -> Batch:
    return Batch(file, pa.Table.from_batches(batches), pa.concat_arrays(lines))


def _as_text(batch: Batch, writer: StagingWriter) -> Batch:
    target = pa.schema([(name, pa.string()) for name in batch.table.column_names])
    try:
        return Batch(batch.file, batch.table.cast(target), batch.lines)
    except pa.ArrowInvalid:
        pass  # some row is not UTF-8: find it (rare, so row by row is fine)
    rows = batch.table.to_pylist()
    good = [all(_is_utf8(value) for value in row.values()) for row in rows]
    for row, line, ok in zip(rows, batch.lines.to_pylist(), good, strict=True):
        if not ok:
            raw = csv_line([_text(value) for value in row.values()])
            writer.quarantine(batch.file, line, "not UTF-8", raw)
    mask = pa.array(good)
    return Batch(batch.file, batch.table.filter(mask).cast(target), batch.lines.filter(mask))


def _text(value: bytes | None) -> str | None:
    return None if value is None else value.decode("utf-8", "backslashreplace")


def _is_utf8(value: bytes | None) -> bool:
    if value is None:
        return True
    try:
        value.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
