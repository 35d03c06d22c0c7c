"""Normalised names in the warehouse: ``resolve.names`` in, ``resolve.name_keys`` out.

Normalisation (``names.py``) is Python (rigour, pypinyin), so names stream out
of DuckDB in Arrow batches, are normalised on every core for large inputs, and
stream back in as Arrow; nothing holds the register in memory at once. A name
is normalised once however many records carry it (a company's GLEIF and
Companies House records, a list entry's sources): keys depend on the name and
whether it names a person only, and DuckDB joins them back to every holder.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor

import duckdb
import pyarrow as pa

from pipelines.lib.resolve.db import create
from pipelines.lib.resolve.names import name_keys
from pipelines.sources.parallel import ordered_map, workers

BATCH_ROWS = 200_000
# Below this many names a worker pool costs more than it saves.
PARALLEL_FROM = 400_000

NORMALISED_SCHEMA = pa.schema([  # type: ignore[arg-type]  # pyarrow-stubs join the field types to object
    pa.field("name", pa.string()),
    pa.field("person", pa.bool_()),
    pa.field("core", pa.string()),
    pa.field("compact", pa.string()),
    pa.field("tokens", pa.list_(pa.string())),
    pa.field("forms", pa.list_(pa.string())),
    pa.field("block_tokens", pa.list_(pa.string())),
    pa.field("script", pa.string()),
])


def _normalise(batch: pa.RecordBatch) -> pa.RecordBatch:
    columns = batch.to_pydict()
    found = [(i, key) for i, key in enumerate(name_keys(columns["name"], columns["person"]))
             if key is not None]
    values = {
        "name": [columns["name"][i] for i, _ in found],
        "person": [columns["person"][i] for i, _ in found],
        "core": [k.core for _, k in found],
        "compact": [k.compact for _, k in found],
        "tokens": [list(k.tokens) for _, k in found],
        "forms": [list(k.forms) for _, k in found],
        "block_tokens": [list(k.block_tokens) for _, k in found],
        "script": [k.script for _, k in found],
    }
    return pa.RecordBatch.from_pydict(values, schema=NORMALISED_SCHEMA)


def _normalised(reader: pa.RecordBatchReader, parallel: bool) -> Iterator[pa.RecordBatch]:
    if not parallel or workers() < 2:
        yield from (_normalise(batch) for batch in reader)
        return
    with ProcessPoolExecutor(workers()) as pool:
        # In input order, so the table is the same as a sequential run.
        yield from ordered_map(pool, _normalise, reader, in_flight=2 * workers())


def build_name_keys(con: duckdb.DuckDBPyConnection) -> int:
    """Normalise ``resolve.names`` into ``resolve.name_keys``; returns its rows."""
    row = con.execute("select count(distinct (name, person)) from resolve.names").fetchone()
    total = int(row[0]) if row else 0
    # A second cursor: the first one runs the insert while this one streams.
    reader = con.cursor().execute(
        "select distinct name, person from resolve.names order by name, person"
    ).to_arrow_reader(BATCH_ROWS)
    batches = pa.RecordBatchReader.from_batches(
        NORMALISED_SCHEMA, _normalised(reader, total >= PARALLEL_FROM))
    con.register("_normalised", batches)
    con.execute("create or replace temp table normalised_names as select * from _normalised")
    con.unregister("_normalised")
    rows = create(con, "name_keys")
    con.execute("drop table normalised_names")
    return rows
