"""Register-sized filler, built columnar and streamed into a zip member.

A Python object per line would take an hour for the 15 million lines of a PSC
snapshot at scale 1.0. Instead DuckDB builds each line as one varchar (ending
in a newline) from ``range(n)``, and the Arrow string buffers of each batch are
written to the zip as they are: the bytes between the first and the last offset
of a string array are exactly the lines, concatenated. Every random choice is a
hash of (seed, stream, row), so the output does not depend on thread scheduling,
and ``order by`` keeps the rows in order.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import IO, Any

import duckdb
import pyarrow as pa

# Zip member timestamp: fixed, so the same seed gives byte-identical archives.
ZIP_TIME = (2026, 11, 20, 3, 43, 2)
# Level 1 deflates about five times faster than the default with a file about
# 15% bigger: the volume is the point of the filler, not the ratio.
ZIP_LEVEL = 1
BATCH_ROWS = 200_000


def open_member(archive: zipfile.ZipFile, name: str) -> IO[bytes]:
    info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    info.create_system = 3  # Unix, whatever platform generates the demo
    return archive.open(info, "w", force_zip64=True)


def zip_writer(path: Path) -> zipfile.ZipFile:
    path.parent.mkdir(parents=True, exist_ok=True)
    return zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=ZIP_LEVEL)


def _macros() -> str:
    return resources.files("pipelines.lib.demo").joinpath("sql/filler_macros.sql").read_text("utf-8")


def line_batches(sql: str, params: dict[str, object]) -> Iterator[memoryview]:
    """Run ``sql`` (one varchar column, each value a complete line) batch by batch."""
    con = duckdb.connect()
    try:
        # Without order by, this keeps range() order through projections.
        con.execute("set preserve_insertion_order = true")
        con.execute(_macros())
        reader = con.execute(sql, params).to_arrow_reader(BATCH_ROWS)
        for batch in reader:
            yield _concatenated(batch.column(0))
    finally:
        con.close()


def _concatenated(column: pa.Array[Any]) -> memoryview:
    """The UTF-8 bytes of every string in ``column``, back to back (no copy)."""
    if column.type not in (pa.string(), pa.large_string()):
        column = column.cast(pa.large_string())
    strings = column
    if strings.null_count:
        raise ValueError("a filler line is null: a column in its expression was null")
    offsets = strings.buffers()[1]
    data = strings.buffers()[2]
    if offsets is None or data is None or len(strings) == 0:
        return memoryview(b"")
    bounds = memoryview(offsets).cast("q" if strings.type == pa.large_string() else "i")
    first, last = bounds[strings.offset], bounds[strings.offset + len(strings)]
    return memoryview(data)[first:last]


def stream_lines(sink: IO[bytes], sql: str, params: dict[str, object]) -> None:
    for chunk in line_batches(sql, params):
        sink.write(chunk)
